package tui

import (
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// searchScreen searches the text of every record, and every client's
// name, across the caseload (the store's full-text index). It searches as
// the coach types, a moment after the last key; enter opens the client on
// the record's tab with the record in the reader. A special-category
// record is found, but its text never shows here.
type searchScreen struct {
	env   *env
	keys  searchKeys
	input textinput.Model
	due   reqID // the debounce tick that may start a search
	req   reqID // the search under way

	query    string // what the hits answer
	hits     []searchHit
	busy     bool
	searched bool
	list     kit.List
	problem  string
	width    int
	height   int
}

// searchHit is a hit with its snippet cut into plain and matching parts.
type searchHit struct {
	store.Hit
	parts   []snippetPart
	special bool // a special-category record: no snippet, ever
}

// searchDelay is how long the search waits after a key: long enough that
// typing a word runs one search, short enough to feel immediate.
const searchDelay = 150 * time.Millisecond

// searchDueMsg is the debounce tick; only the one for the latest key
// starts a search.
type searchDueMsg struct{ id reqID }

// searchHeaderRows are the rows above the results: a blank line, the
// query, a blank line.
const searchHeaderRows = 3

func newSearch(e *env) searchScreen {
	in := kit.NewInput(e.styles, e.text.T("search.placeholder"), 40)
	in.CharLimit = 200
	in.Focus() // a steady cursor: no blink command to run
	m := searchScreen{env: e, keys: newSearchKeys(e.text), input: in, req: newReq()}
	m.updateKeys()
	return m
}

// Init does nothing: the query field has the focus from the start.
func (m searchScreen) Init() tea.Cmd { return nil }

// Route names the search screen; the query is not kept over a lock.
func (m searchScreen) Route() Route { return Route{Kind: KindSearch} }

// Title is "Search".
func (m searchScreen) Title() string { return m.env.text.T("search.title") }

// Capturing is always true: the query field has the focus.
func (m searchScreen) Capturing() bool { return true }

// KeyMap lists the search keys.
func (m searchScreen) KeyMap() help.KeyMap { return m.keys }

// Draft keeps nothing: a query is quickly typed again, and not worth
// keeping in the vault.
func (m searchScreen) Draft() (string, bool) { return "", false }

// RestoreDraft has nothing to restore.
func (m searchScreen) RestoreDraft(string) searchScreen { return m }

// Update handles typing, the debounce, the results and the keys.
func (m searchScreen) Update(msg tea.Msg) (searchScreen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.input.Width = max(min(m.width-24, 60), 10)
		m.list.Clamp(len(m.hits), m.rows())
	case shownMsg:
		// Back from a client: what was found may have changed.
		return m, m.search()
	case searchDueMsg:
		if msg.id != m.due {
			return m, nil
		}
		return m, m.search()
	case searchDoneMsg:
		if msg.req != m.req {
			return m, nil
		}
		m.busy, m.searched = false, true
		if msg.err != nil {
			m.problem = explain(m.env, msg.err)
			return m, nil
		}
		m.problem = ""
		m.hits = msg.hits
		m.list.Clamp(len(m.hits), m.rows())
		m.updateKeys()
	case tea.KeyMsg:
		return m.onKey(msg)
	}
	return m, nil
}

func (m searchScreen) onKey(msg tea.KeyMsg) (searchScreen, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Close):
		return m, back(nil)
	case key.Matches(msg, k.Open):
		return m, m.open()
	case key.Matches(msg, k.Up):
		m.list.Cursor--
	case key.Matches(msg, k.Down):
		m.list.Cursor++
	case key.Matches(msg, k.PageUp):
		m.list.Cursor -= max(m.rows()-1, 1)
	case key.Matches(msg, k.PageDown):
		m.list.Cursor += max(m.rows()-1, 1)
	default:
		before := m.input.Value()
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		if m.input.Value() == before {
			return m, cmd
		}
		if strings.TrimSpace(m.input.Value()) == "" {
			// Nothing to wait for: clear at once.
			m.due, m.req = newReq(), newReq()
			m.hits, m.query, m.searched, m.busy, m.problem = nil, "", false, false, ""
			m.list = kit.List{}
			m.updateKeys()
			return m, cmd
		}
		m.due = newReq()
		id := m.due
		return m, tea.Batch(cmd, tea.Tick(searchDelay, func(time.Time) tea.Msg { return searchDueMsg{id: id} }))
	}
	m.list.Clamp(len(m.hits), m.rows())
	return m, nil
}

// search starts a search for what is typed now.
func (m *searchScreen) search() tea.Cmd {
	q := strings.TrimSpace(m.input.Value())
	if q == "" {
		return nil
	}
	if q != m.query {
		m.list = kit.List{}
	}
	m.query, m.busy = q, true
	m.req = newReq()
	return searchCaseload(m.env.store, m.req, q)
}

// open opens the selected hit: the client, and for a record the reader on
// top of the client's tab for that record, so esc goes back through the
// tab to the results.
func (m searchScreen) open() tea.Cmd {
	if m.list.Cursor >= len(m.hits) {
		return nil
	}
	h := m.hits[m.list.Cursor]
	if h.AppointmentID != 0 {
		return navigate(Route{Kind: KindAppointment, Client: h.ClientID, Item: h.AppointmentID})
	}
	if h.RecordID == 0 {
		return navigate(Route{Kind: KindClient, Client: h.ClientID})
	}
	return tea.Sequence(
		navigate(Route{Kind: KindClient, Client: h.ClientID, Tab: tabOfKind(h.Kind).id(), Item: h.RecordID}),
		navigate(Route{Kind: KindRecord, Client: h.ClientID, Item: h.RecordID}),
	)
}

// rows is how many hits fit on screen; each takes two lines.
func (m searchScreen) rows() int { return max((m.height-searchHeaderRows)/2, 1) }

func (m *searchScreen) updateKeys() {
	n := len(m.hits)
	m.keys.Up.SetEnabled(n > 1)
	m.keys.Down.SetEnabled(n > 1)
	m.keys.PageUp.SetEnabled(n > m.rows())
	m.keys.PageDown.SetEnabled(n > m.rows())
	m.keys.Open.SetEnabled(n > 0)
}

// View draws the query, the count and the hits on screen.
func (m searchScreen) View() string {
	t, st := m.env.text, m.env.styles
	var status string
	switch {
	case m.busy && !m.searched:
		status = st.Muted.Render(t.T("search.searching"))
	case m.searched && m.query != "":
		status = st.Muted.Render(t.Tf("search.count", len(m.hits)))
		// Say how the records are ordered when it is not by relevance.
		if slices.ContainsFunc(m.hits, func(h searchHit) bool { return h.ByDate }) {
			status += st.Muted.Render(t.T("search.by_date"))
		}
	}
	lines := []string{"", "  " + st.Accent.Render("/ ") + m.input.View() + "  " + status, ""}
	switch {
	case m.problem != "":
		lines = append(lines, "  "+st.Danger.Render(m.problem))
	case m.query == "" || !m.searched && len(m.hits) == 0:
		lines = append(lines, kit.Paragraph(st.Muted, t.T("search.hint"), m.width)...)
	case len(m.hits) == 0:
		lines = append(lines, "  "+st.Muted.Render(t.Tf("search.none", m.query)))
	default:
		rows := make([][]string, len(m.hits))
		for i, h := range m.hits {
			rows[i] = m.hitCells(h)
		}
		table := kit.NewTable([]kit.Column{{Max: 30}, {}, {Min: 8}, {Right: true}}, rows, m.width)
		start, end := m.list.Window(len(m.hits), m.rows())
		for i := start; i < end; i++ {
			lines = append(lines, m.viewHit(table, rows[i], m.hits[i], i == m.list.Cursor)...)
		}
	}
	return strings.Join(lines, "\n")
}

// hitCells are a hit's cells: client, kind, title and date.
func (m searchScreen) hitCells(h searchHit) []string {
	t := m.env.text
	kind, title, date := t.T("search.client_hit"), "", ""
	if h.RecordID != 0 {
		kind, title, date = kindText(t, h.Kind), kit.OneLine(h.RecordTitle), t.DateShort(h.Date)
	}
	if h.AppointmentID != 0 {
		kind, title, date = t.T("search.appointment_hit"), h.Date.Format("15:04"), t.DateShort(h.Date)
	}
	return []string{kit.OneLine(h.ClientName), kind, title, date}
}

// viewHit is one hit in two lines: its cells in the table; then the
// snippet with the matching words in the accent colour.
func (m searchScreen) viewHit(table kit.Table, cells []string, h searchHit, selected bool) []string {
	t, st := m.env.text, m.env.styles
	first := table.Line(st, cells, st.Text, selected)
	var snippet string
	switch {
	case h.RecordID == 0 && h.AppointmentID == 0:
	case h.special:
		snippet = st.Muted.Render("(" + t.T("record.special") + ")")
	default:
		var b strings.Builder
		for _, p := range h.parts {
			if p.match {
				b.WriteString(st.Accent.Render(p.text))
			} else {
				b.WriteString(st.Muted.Render(p.text))
			}
		}
		snippet = b.String()
	}
	return []string{first, "    " + kit.FitLine(snippet, max(m.width-5, 1))}
}

// snippetPart is a stretch of a search snippet, matching or not.
type snippetPart struct {
	text  string
	match bool
}

// splitSnippet cuts a snippet at the store's « and » marks.
func splitSnippet(s string) []snippetPart {
	s = kit.OneLine(s)
	var parts []snippetPart
	for s != "" {
		before, rest, found := strings.Cut(s, "«")
		if before != "" {
			parts = append(parts, snippetPart{text: before})
		}
		if !found {
			break
		}
		match, after, _ := strings.Cut(rest, "»")
		if match != "" {
			parts = append(parts, snippetPart{text: match, match: true})
		}
		s = after
	}
	return parts
}

// searchKeys are the search screen's keys. The query field always has the
// focus, so only keys a query never contains move through the results.
type searchKeys struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Open     key.Binding
	Close    key.Binding
}

func newSearchKeys(t Text) searchKeys {
	return searchKeys{
		Up:       bind([]string{"up"}, "↑", t.T("key.up")),
		Down:     bind([]string{"down"}, "↓", t.T("key.down")),
		PageUp:   bind([]string{"pgup"}, "pgup", t.T("key.page_up")),
		PageDown: bind([]string{"pgdown"}, "pgdn", t.T("key.page_down")),
		Open:     bind([]string{"enter"}, "enter", t.T("key.open")),
		Close:    bind([]string{"esc"}, "esc", t.T("key.close")),
	}
}

// ShortHelp is the search screen's hint line.
func (k searchKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.Up, k.Down, k.Close}
}

// FullHelp is the search screen's part of the help overlay.
func (k searchKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Open, k.Close}}
}

// searchDoneMsg answers searchCaseload.
type searchDoneMsg struct {
	req  reqID
	hits []searchHit
	err  error
}

func (m searchDoneMsg) request() reqID { return m.req }

// searchCaseload runs a full-text search and splits each snippet into its
// plain and matching parts here, off the event loop.
func searchCaseload(s Store, req reqID, query string) tea.Cmd {
	return func() tea.Msg {
		hits, err := s.Search(ctx(), query, searchLimit)
		if err != nil {
			return searchDoneMsg{req: req, err: err}
		}
		out := make([]searchHit, len(hits))
		for i, h := range hits {
			out[i] = searchHit{Hit: h, parts: splitSnippet(h.Snippet)}
			// The store leaves the snippet of a special-category record
			// empty, but an ordinary record without text has none either:
			// ask which it is (a masked read, not a reveal).
			if h.RecordID != 0 && h.Snippet == "" {
				r, err := s.Record(ctx(), h.RecordID)
				out[i].special = err != nil || r.Special
			}
		}
		return searchDoneMsg{req: req, hits: out}
	}
}
