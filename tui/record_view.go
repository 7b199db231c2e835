package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// recordReader shows one record read-only: kind, date and title, and the
// text wrapped to the window in a scrolling viewport. A special-category
// record shows a mask until the coach presses v; the store logs every
// reveal, and coming back to the reader (or unlocking again) masks it
// again.
type recordReader struct {
	env      *env
	keys     readerKeys
	export   key.Binding // x: export the client's dossier, from the record too
	print    key.Binding // p: make a paper from this record
	clientID int64
	id       int64
	req      reqID // the load or reveal under way
	actReq   reqID // the delete under way

	loaded     bool
	restricted bool // the client is read-only: no e, no d
	record     store.Record
	revealed   bool              // the body is the text (always so for an ordinary record)
	session    store.Appointment // the appointment a session note was written from
	problem    string

	// vp keeps the scroll position; lines are the wrapped, styled text it
	// scrolls over, kept so that View only joins the rows on screen.
	vp     viewport.Model
	lines  []string
	width  int
	height int
}

// readerMaxWidth keeps lines short enough to read comfortably on a wide
// terminal.
const readerMaxWidth = 92

// readerHeaderRows are the rows above the text: a blank line, the title,
// the kind and date, and a rule.
const readerHeaderRows = 4

func newRecordReader(e *env, clientID, id int64) recordReader {
	vp := viewport.New(0, 0)
	vp.KeyMap = viewport.KeyMap{} // the reader's own keys scroll it
	m := recordReader{env: e, keys: newReaderKeys(e.text), export: newExportOpenKey(e.text),
		print: newPrintOpenKey(e.text), clientID: clientID, id: id, req: newReq(), vp: vp}
	m.updateKeys()
	return m
}

// Init loads the record, masked when special, and the client, to know
// whether the dossier is read-only.
func (m recordReader) Init() tea.Cmd {
	return tea.Batch(loadRecord(m.env.store, m.req, m.id), loadClient(m.env.store, m.req, m.clientID),
		loadNoteAppointment(m.env.store, m.req, m.id))
}

// Route names the record.
func (m recordReader) Route() Route { return Route{Kind: KindRecord, Client: m.clientID, Item: m.id} }

// Title is the record's title once it is known.
func (m recordReader) Title() string {
	if !m.loaded {
		return "…"
	}
	return kit.OneLine(m.record.Title)
}

// Capturing is false: the reader has no text field.
func (m recordReader) Capturing() bool { return false }

// KeyMap lists the reader's keys.
func (m recordReader) KeyMap() help.KeyMap {
	return withKeys{base: m.keys, extra: []key.Binding{m.export, m.print}}
}

// Draft keeps nothing, and so a lock masks a revealed record again.
func (m recordReader) Draft() (string, bool) { return "", false }

// RestoreDraft has nothing to restore.
func (m recordReader) RestoreDraft(string) recordReader { return m }

// Update loads and reveals the record and scrolls it.
func (m recordReader) Update(msg tea.Msg) (recordReader, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
	case shownMsg:
		// Back from the editor: show what was saved, masked again.
		m.req = newReq()
		return m, loadRecord(m.env.store, m.req, m.id)
	case recordLoadedMsg:
		if msg.req != m.req {
			return m, nil
		}
		if msg.err != nil {
			m.problem = explain(m.env, msg.err)
			return m, nil
		}
		m.record, m.revealed, m.loaded, m.problem = msg.record, msg.revealed, true, ""
		m.layout()
		m.updateKeys()
	case noteAppointmentMsg:
		if msg.req == m.req {
			m.session = msg.appointment
		}
	case clientLoadedMsg:
		if msg.req == m.req && msg.err == nil {
			m.restricted = msg.client.Restricted
			m.updateKeys()
		}
	case deletedMsg:
		if msg.req != m.actReq {
			return m, nil
		}
		if msg.err != nil && !isNotSaved(m.env, msg.err) {
			return m, fail(explain(m.env, msg.err))
		}
		return m, tea.Batch(back(doneMsg{tab: tabOfKind(m.record.Kind)}), notify(m.env.text.T("client.deleted")))
	case tea.KeyMsg:
		return m.onKey(msg)
	}
	return m, nil
}

func (m recordReader) onKey(msg tea.KeyMsg) (recordReader, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, m.export):
		return m, navigate(Route{Kind: KindExport, Client: m.clientID})
	case key.Matches(msg, m.print):
		return m, navigate(Route{Kind: KindPrint, Client: m.clientID, Item: m.id})
	case key.Matches(msg, k.Reveal):
		m.req = newReq()
		return m, revealRecord(m.env.store, m.req, m.id)
	case key.Matches(msg, k.Edit):
		edit := navigate(Route{Kind: KindRecordEdit, Client: m.clientID, Item: m.id,
			Tab: tabOfKind(m.record.Kind).id()})
		if !m.revealed {
			return m, confirm(m.env.text.Tf("record.reveal_to_edit", kit.OneLine(m.record.Title)), edit)
		}
		return m, edit
	case key.Matches(msg, k.Delete):
		m.actReq = newReq()
		return m, confirm(m.env.text.Tf("record.delete", kit.OneLine(m.record.Title)),
			deleteRecord(m.env.store, m.actReq, m.id))
	case key.Matches(msg, k.Up):
		m.vp.ScrollUp(1)
	case key.Matches(msg, k.Down):
		m.vp.ScrollDown(1)
	case key.Matches(msg, k.PageUp):
		m.vp.PageUp()
	case key.Matches(msg, k.PageDown):
		m.vp.PageDown()
	case key.Matches(msg, k.Home):
		m.vp.GotoTop()
	case key.Matches(msg, k.End):
		m.vp.GotoBottom()
	}
	return m, nil
}

// updateKeys offers v only while the text is masked, e and d only for a
// dossier that is not read-only, and scrolling only when there is more
// text than fits.
func (m *recordReader) updateKeys() {
	k := &m.keys
	k.Reveal.SetEnabled(m.loaded && !m.revealed)
	m.export.SetEnabled(m.loaded)
	m.print.SetEnabled(m.loaded)
	k.Edit.SetEnabled(m.loaded && !m.restricted)
	k.Delete.SetEnabled(m.loaded && !m.restricted)
	k.ListKeys.SetEnabled(m.loaded && m.vp.TotalLineCount() > m.vp.Height)
}

// textWidth is the width the text wraps at.
func (m recordReader) textWidth() int { return max(min(m.width-4, readerMaxWidth), 10) }

// layout wraps the text to the window and sizes the viewport. It runs when
// the record or the size changes, never in View: wrapping a long record
// on every frame would make scrolling sluggish.
func (m *recordReader) layout() {
	st := m.env.styles
	m.vp.Width = m.textWidth()
	m.vp.Height = max(m.height-readerHeaderRows, 1)
	if !m.loaded {
		return
	}
	var lines []string
	switch {
	case !m.revealed:
		lines = []string{"", st.Warning.Render("▒▒▒ " + m.env.text.T("record.masked"))}
	case strings.TrimSpace(m.record.Body) == "":
		lines = []string{st.Muted.Render(m.env.text.T("record.no_text"))}
	default:
		lines = kit.Wrap(m.record.Body, m.textWidth())
		for i, l := range lines {
			lines[i] = st.Text.Render(l)
		}
	}
	y := m.vp.YOffset
	m.lines = lines
	m.vp.SetContent(strings.Join(lines, "\n"))
	m.vp.SetYOffset(y)
	m.updateKeys()
}

// View draws the record's heading and the visible part of its text.
func (m recordReader) View() string {
	t, st := m.env.text, m.env.styles
	switch {
	case m.problem != "":
		return "\n  " + st.Danger.Render(m.problem)
	case !m.loaded:
		return "\n  " + st.Muted.Render(t.T("form.loading"))
	}
	r := m.record
	meta := kindText(t, r.Kind) + " · " + t.Date(r.Date)
	if r.Special {
		meta += " · " + t.T("record.special")
	}
	if m.session.ID != 0 {
		meta += " · " + sessionOf(t, m.session)
	}
	rule := strings.Repeat("─", m.textWidth())
	if !m.vp.AtTop() || !m.vp.AtBottom() {
		pct := strconv.Itoa(int(m.vp.ScrollPercent()*100+0.5)) + "%"
		rule = strings.Repeat("─", max(m.textWidth()-len(pct)-1, 1)) + " " + pct
	}
	head := []string{
		"",
		"  " + st.Title.Render(kit.OneLine(r.Title)),
		"  " + st.Muted.Render(meta),
		"  " + st.Muted.Render(rule),
	}
	// The rows the viewport shows, taken from the wrapped lines directly:
	// the viewport's own View pads and re-measures every row with
	// lipgloss on each frame, ten times the cost for the same text.
	var b strings.Builder
	b.WriteString(strings.Join(head, "\n"))
	start := max(min(m.vp.YOffset, len(m.lines)), 0)
	end := min(start+m.vp.Height, len(m.lines))
	for _, l := range m.lines[start:end] {
		b.WriteString("\n  ")
		b.WriteString(l)
	}
	return b.String()
}

// readerKeys are the record reader's keys: scrolling, reveal, edit, delete.
type readerKeys struct {
	kit.ListKeys
	Reveal key.Binding
	Edit   key.Binding
	Delete key.Binding
}

func newReaderKeys(t Text) readerKeys {
	return readerKeys{
		ListKeys: newListKeys(t),
		Reveal:   bind([]string{"v"}, "v", t.T("key.reveal")),
		Edit:     bind([]string{"e"}, "e", t.T("key.edit")),
		Delete:   bind([]string{"d"}, "d", t.T("key.delete")),
	}
}

// ShortHelp is the reader's hint line.
func (k readerKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Reveal, k.Edit, k.Delete, k.Down, k.Up, k.PageDown}
}

// FullHelp is the reader's part of the help overlay.
func (k readerKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.ListKeys.Bindings(), {k.Reveal, k.Edit, k.Delete}}
}

// recordLoadedMsg answers loadRecord and revealRecord.
type recordLoadedMsg struct {
	req      reqID
	record   store.Record
	revealed bool // Body holds the text, also of a special-category record
	err      error
}

func (m recordLoadedMsg) request() reqID { return m.req }

// loadRecord reads a record, masked when it is special-category.
func loadRecord(s Store, req reqID, id int64) tea.Cmd {
	return func() tea.Msg {
		r, err := s.Record(ctx(), id)
		return recordLoadedMsg{req: req, record: r, revealed: !r.Special, err: err}
	}
}

// revealRecord reads a record with its text; the store logs the reveal of
// a special-category record.
func revealRecord(s Store, req reqID, id int64) tea.Cmd {
	return func() tea.Msg {
		r, err := s.RevealRecord(ctx(), id)
		return recordLoadedMsg{req: req, record: r, revealed: true, err: err}
	}
}
