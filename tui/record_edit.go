package tui

import (
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// recordEditor writes a new record or edits one: title, date, kind, the
// special-category mark, and the text in a multi-line area that fills the
// window. ctrl+s saves and the editor stays open, so a coach can save as
// often as they like while they write; typing goes on while a save runs.
// A special-category record is loaded through RevealRecord, so opening it
// here is logged like any reveal. Nothing typed is lost: esc asks before
// it discards, and a lock keeps everything, the text included, as a draft.
type recordEditor struct {
	env      *env
	keys     editorKeys
	clientID int64
	id       int64     // 0 until a new record is first saved
	tab      clientTab // the tab it was opened from: the kind of a new record
	base     store.Record
	req      reqID

	loaded bool
	set    kit.FieldSet // title, date, kind, special
	body   textarea.Model
	onBody bool // the text has the focus, not a field of set

	saving  bool
	again   bool   // ctrl+s came during a save: save again when it ends
	savedAs string // snapshot of what is in the vault
	sent    string // snapshot of what the running save sends
	dirty   bool
	early   earlyDraft // a draft that arrived before the record loaded
	tooLong bool       // more lines than the text area holds: never saved from here
	problem string
	width   int
	height  int
}

// maxBodyLines is the most lines bubbles' textarea holds; it silently
// drops the rest, so a longer text is refused instead of cut.
const maxBodyLines = 10000

func newRecordEditor(e *env, r Route) recordEditor {
	t, st := e.text, e.styles
	m := recordEditor{env: e, keys: newEditorKeys(t), clientID: r.Client, id: r.Item,
		tab: tabByID(r.Tab), req: newReq(), loaded: r.Item == 0}
	if !m.tab.isRecords() {
		m.tab = tabNotes
	}
	var kinds []kit.Option
	for _, k := range store.RecordKinds {
		kinds = append(kinds, kit.Option{Value: string(k), Label: kindText(t, k)})
	}
	m.set.Fields = []kit.Field{
		kit.TextField(st, "title", t.T("record.title")),
		kit.DateField(st, "date", t.T("record.date"), t.T("form.date_placeholder")),
		kit.ChoiceField("kind", t.T("record.kind"), kinds),
		kit.ChoiceField("special", t.T("record.special_field"),
			[]kit.Option{{Value: "", Label: t.T("record.special_no")}, {Value: "yes", Label: t.T("record.special_yes")}}),
	}
	m.set.Fields[0].Input.Width = 60
	m.set.Fields[0].Input.CharLimit = 200
	m.body = newBodyArea(st, t.T("record.body_placeholder"))
	if m.loaded {
		m.set.Set("date", dateInput(t, e.today()))
		m.set.Set("kind", string(m.tab.kinds()[0]))
		m.savedAs = m.snapshot()
		m.focusAt(0)
	}
	m.updateKeys()
	return m
}

// newBodyArea is the text area in caseload's styles: no line numbers, no
// highlighted cursor line, a steady cursor, and no limit on length or
// lines (bubbles' defaults stop at 99 lines).
func newBodyArea(st *Styles, placeholder string) textarea.Model {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.Prompt = ""
	ta.CharLimit = 0
	ta.MaxHeight = 0
	ta.Placeholder = placeholder
	s := textarea.Style{Base: st.Text, CursorLine: st.Text, CursorLineNumber: st.Muted,
		EndOfBuffer: st.Muted, LineNumber: st.Muted, Placeholder: st.Muted, Prompt: st.Muted, Text: st.Text}
	ta.FocusedStyle, ta.BlurredStyle = s, s
	ta.Cursor.Style = st.Accent
	ta.Cursor.SetMode(cursor.CursorStatic)
	ta.Blur()
	return ta
}

// Init loads the record being edited, through RevealRecord.
func (m recordEditor) Init() tea.Cmd {
	if m.loaded {
		return nil
	}
	return revealRecord(m.env.store, m.req, m.id)
}

// Route names the record (its id once a new one is saved, so a restored
// draft never adds it twice) and the tab it belongs to.
func (m recordEditor) Route() Route {
	return Route{Kind: KindRecordEdit, Client: m.clientID, Item: m.id, Tab: m.tab.id()}
}

// Title is the record's title, or "New record".
func (m recordEditor) Title() string {
	if m.id == 0 {
		return m.env.text.T("record.new")
	}
	if !m.loaded {
		return "…"
	}
	return kit.OneLine(m.base.Title)
}

// Capturing is always true: a field or the text always has the focus.
func (m recordEditor) Capturing() bool { return true }

// KeyMap lists the editor's keys.
func (m recordEditor) KeyMap() help.KeyMap { return m.keys }

// editorDraft is the editor's draft: the fields, the text, where the
// cursor was.
type editorDraft struct {
	Fields string `json:"fields"`
	Body   string `json:"body"`
	OnBody bool   `json:"on_body,omitempty"`
}

// Draft is everything typed since the last save.
func (m recordEditor) Draft() (string, bool) {
	if !m.dirty {
		return "", false
	}
	b, _ := json.Marshal(editorDraft{Fields: m.set.Draft(), Body: m.body.Value(), OnBody: m.onBody})
	return string(b), true
}

// RestoreDraft puts the draft back; before the record has loaded it waits
// and goes on top of the loaded values.
func (m recordEditor) RestoreDraft(text string) recordEditor {
	if !m.loaded {
		m.early.hold(text)
		return m
	}
	var d editorDraft
	if json.Unmarshal([]byte(text), &d) != nil || !m.set.Restore(d.Fields) {
		return m
	}
	m.body.SetValue(d.Body)
	if d.OnBody {
		m.focusAt(len(m.set.Fields))
	} else {
		m.focusAt(m.set.Focus)
	}
	m.changed()
	m.layout()
	return m
}

// Update handles loading, saving and typing.
func (m recordEditor) Update(msg tea.Msg) (recordEditor, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
		return m, nil
	case recordLoadedMsg:
		return m.onLoaded(msg)
	case recordSavedMsg:
		return m.onSaved(msg)
	case tea.KeyMsg:
		if !m.loaded {
			return m, nil
		}
		m, cmd := m.onKey(msg)
		m.layout()
		return m, cmd
	}
	if m.onBody && m.loaded {
		// The text area's own messages, such as a paste from the
		// clipboard.
		var cmd tea.Cmd
		m.body, cmd = m.body.Update(msg)
		m.changed()
		return m, cmd
	}
	return m, nil
}

func (m recordEditor) onLoaded(msg recordLoadedMsg) (recordEditor, tea.Cmd) {
	if msg.req != m.req || m.loaded {
		return m, nil
	}
	if msg.err != nil {
		m.problem = explain(m.env, msg.err)
		return m, nil
	}
	r := msg.record
	m.loaded, m.base = true, r
	m.tab = tabOfKind(r.Kind)
	t := m.env.text
	m.set.Set("title", kit.EditLine(r.Title))
	m.set.Set("date", dateInput(t, r.Date))
	m.set.Set("kind", string(r.Kind))
	if r.Special {
		m.set.Set("special", "yes")
	}
	if strings.Count(r.Body, "\n") >= maxBodyLines {
		m.tooLong = true
		m.problem = t.Tf("record.too_long", maxBodyLines)
	}
	m.body.SetValue(r.Body)
	m.savedAs = m.snapshot()
	cmd := m.focusAt(len(m.set.Fields)) // an existing record: straight to the text
	if text, ok := m.early.take(); ok {
		m = m.RestoreDraft(text)
	}
	m.layout()
	m.updateKeys()
	return m, cmd
}

func (m recordEditor) onKey(msg tea.KeyMsg) (recordEditor, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Save):
		return m.save()
	case key.Matches(msg, k.Cancel):
		done := back(doneMsg{tab: m.tab, item: m.id})
		if m.dirty {
			return m, confirmDiscard(m.env.text, done)
		}
		return m, done
	case key.Matches(msg, k.Next), key.Matches(msg, k.FieldDown):
		return m, m.focusAt(m.position() + 1)
	case key.Matches(msg, k.Prev), key.Matches(msg, k.FieldUp):
		return m, m.focusAt(m.position() - 1)
	}
	var cmd tea.Cmd
	if m.onBody {
		m.body, cmd = m.body.Update(msg)
		m.changed()
		return m, cmd
	}
	f := m.set.Focused()
	switch {
	case f.Kind == kit.KindChoice:
		if !f.ChoiceKey(msg, k.Choice) {
			return m, nil
		}
	default:
		f.Input, cmd = f.Input.Update(msg)
	}
	f.Err = ""
	m.changed()
	return m, cmd
}

// position is the focus as an index: the fields, then the text.
func (m recordEditor) position() int {
	if m.onBody {
		return len(m.set.Fields)
	}
	return m.set.Focus
}

// focusAt moves the focus to position i, wrapping around.
func (m *recordEditor) focusAt(i int) tea.Cmd {
	n := len(m.set.Fields) + 1
	i = (i%n + n) % n
	defer m.updateKeys()
	if i == n-1 {
		m.onBody = true
		for j := range m.set.Fields {
			m.set.Fields[j].Input.Blur()
		}
		return m.body.Focus()
	}
	m.onBody = false
	m.body.Blur()
	return m.set.FocusOn(i)
}

// snapshot is what the editor holds, to compare with what was saved.
func (m recordEditor) snapshot() string {
	return strings.Join([]string{m.set.Get("title"), m.set.Get("date"), m.set.Get("kind"),
		m.set.Get("special"), m.body.Value()}, "\x00")
}

// changed notes whether anything differs from what is saved.
func (m *recordEditor) changed() { m.dirty = m.snapshot() != m.savedAs }

// updateKeys keeps the hints truthful for the focused field.
func (m *recordEditor) updateKeys() {
	k := &m.keys
	k.FieldDown.SetEnabled(!m.onBody)
	k.FieldUp.SetEnabled(!m.onBody)
	k.Choice.SetEnabled(!m.onBody && m.set.Focused().Kind == kit.KindChoice)
	k.Save.SetEnabled(m.loaded && !m.tooLong)
}

// save checks the date and the record and saves; while a save runs, it
// only notes that another is wanted, so a new record is never added twice.
func (m recordEditor) save() (recordEditor, tea.Cmd) {
	t := m.env.text
	m.problem = ""
	typed := m.set.Get("date")
	date, p := kit.ParseDate(typed)
	if p != kit.DateOK {
		cmd, _ := m.set.Fail("date", dateProblemText(t, p, strings.TrimSpace(typed)))
		m.onBody = false
		m.body.Blur()
		m.updateKeys()
		return m, cmd
	}
	r := m.record(date)
	if err := r.Validate(); err != nil {
		return m.refuse(err)
	}
	if m.saving {
		m.again = true
		return m, nil
	}
	m.saving = true
	m.req = newReq()
	m.sent = m.snapshot()
	return m, saveRecord(m.env.store, m.req, r)
}

// record is the loaded record with the editor's values on top.
func (m recordEditor) record(date time.Time) store.Record {
	r := m.base
	r.ID, r.ClientID = m.id, m.clientID
	r.Title = kit.EditLine(m.set.Get("title"))
	r.Date = date
	r.Kind = store.RecordKind(m.set.Get("kind"))
	r.Special = m.set.Get("special") == "yes"
	r.Body = m.body.Value()
	return r
}

// refuse shows why a record cannot be saved: under its field when the
// store names one, else above the text.
func (m recordEditor) refuse(err error) (recordEditor, tea.Cmd) {
	var ve *store.ValidationError
	if errors.As(err, &ve) {
		if cmd, ok := m.set.Fail(ve.Field, fieldProblem(m.env.text, ve)); ok {
			m.onBody = false
			m.body.Blur()
			m.updateKeys()
			return m, cmd
		}
	}
	m.problem = explain(m.env, err)
	return m, nil
}

func (m recordEditor) onSaved(msg recordSavedMsg) (recordEditor, tea.Cmd) {
	if msg.req != m.req {
		return m, nil
	}
	m.saving = false
	if msg.err != nil && !isNotSaved(m.env, msg.err) {
		m.again = false
		return m.refuse(msg.err)
	}
	// Saved, or kept in memory with "not saved" on the status line.
	m.base, m.id = msg.record, msg.record.ID
	m.tab = tabOfKind(msg.record.Kind)
	m.savedAs = m.sent
	m.changed()
	if m.again && m.dirty {
		m.again = false
		return m.save()
	}
	m.again = false
	return m, nil
}

// editorKeys are the record editor's keys. The body is a multi-line text
// area that needs enter, ↑ and ↓ itself, so those move between fields only
// while a one-line field has the focus; tab and shift+tab always do.
type editorKeys struct {
	Save      key.Binding
	Cancel    key.Binding
	Next      key.Binding
	Prev      key.Binding
	FieldDown key.Binding // ↓/enter on a one-line field
	FieldUp   key.Binding // ↑ on a one-line field
	Choice    key.Binding // ←/→/space on a choice field
}

func newEditorKeys(t Text) editorKeys {
	return editorKeys{
		Save:      bind([]string{"ctrl+s"}, "ctrl+s", t.T("key.save")),
		Cancel:    bind([]string{"esc"}, "esc", t.T("key.close")),
		Next:      bind([]string{"tab"}, "tab", t.T("key.next_field")),
		Prev:      bind([]string{"shift+tab"}, "⇧tab", t.T("key.prev_field")),
		FieldDown: bind([]string{"down", "enter"}, "↓", t.T("key.next_field")),
		FieldUp:   bind([]string{"up"}, "↑", t.T("key.prev_field")),
		Choice:    bind([]string{"left", "right", " "}, "←/→", t.T("key.choose")),
	}
}

// ShortHelp is the editor's hint line, most needed first.
func (k editorKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Save, k.Cancel, k.Next, k.Prev, k.Choice}
}

// FullHelp is the editor's part of the help overlay.
func (k editorKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Save, k.Cancel, k.Next, k.Prev, k.FieldDown, k.FieldUp, k.Choice}}
}

// recordSavedMsg answers saveRecord. When err wraps store.ErrNotSaved the
// record is still valid: the change is kept in memory.
type recordSavedMsg struct {
	req    reqID
	record store.Record
	err    error
}

func (m recordSavedMsg) saveErr() error { return m.err }

func (m recordSavedMsg) request() reqID { return m.req }

// saveRecord adds or replaces a record.
func saveRecord(s Store, req reqID, r store.Record) tea.Cmd {
	return saving(func() tea.Msg {
		saved, err := s.SaveRecord(ctx(), r)
		return recordSavedMsg{req: req, record: saved, err: err}
	})
}
