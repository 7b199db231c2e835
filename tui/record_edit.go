package tui

import (
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
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
	keys     editorKeys // the form's keys and ↓/↑ between one-line fields
	clientID int64
	id       int64     // 0 until a new record is first saved
	tab      clientTab // the tab it was opened from: the kind of a new record
	base     store.Record
	req      reqID
	polReq   reqID // the retention categories' load, for the "Keep" field
	// form holds title, date, kind, special and the text (last), and
	// stays open while it saves: the kit's lifecycle, saving again when
	// ctrl+s came during a save.
	form    kit.Form
	tooLong bool // more lines than the text area holds: never saved from here
}

// bodyAt is the position of the text among the form's fields: last.
const bodyAt = 4

func newRecordEditor(e *env, r Route) recordEditor {
	t, st := e.text, e.styles
	k := newEditorKeys(t)
	m := recordEditor{env: e, keys: k, clientID: r.Client, id: r.Item, tab: tabByID(r.Tab), req: newReq(), polReq: newReq()}
	if !m.tab.isRecords() {
		m.tab = tabNotes
	}
	var kinds []kit.Option
	for _, k := range store.RecordKinds {
		kinds = append(kinds, kit.Option{Value: string(k), Label: kindText(t, k)})
	}
	m.form = kit.NewForm(kit.FormKeys{Next: k.Next, Prev: k.Prev, Choice: k.Choice, Save: k.Save, Cancel: k.Cancel},
		r.Item == 0,
		kit.TextField(st, "title", t.T("record.title")),
		kit.DateField(st, "date", t.T("record.date"), t.T("form.date_placeholder")),
		kit.ChoiceField("kind", t.T("record.kind"), kinds),
		kit.ChoiceField("special", t.T("record.special_field"),
			[]kit.Option{{Value: "", Label: t.T("record.special_no")}, {Value: "yes", Label: t.T("record.special_yes")}}),
		kit.AreaField(st, "body", t.T("record.text"), t.T("record.body_placeholder")))
	m.form.Fields[0].Input.Width = 60
	m.form.Fields[0].Input.CharLimit = 200
	if m.form.Loaded {
		m.form.Set("date", dateInput(t, e.today()))
		m.form.Set("kind", string(m.tab.kinds()[0]))
	}
	m.form.SetStayOpen()
	m.updateKeys()
	return m
}

// Init loads the record being edited, through RevealRecord, and the
// retention categories a record can be kept under.
func (m recordEditor) Init() tea.Cmd {
	if m.form.Loaded {
		return loadPolicies(m.env.store, m.polReq)
	}
	return tea.Batch(revealRecord(m.env.store, m.req, m.id), loadPolicies(m.env.store, m.polReq))
}

// onPolicies adds the "Keep" field when the practice has categories a
// record can be kept under. It comes after the text, last in the tab
// order, so a practice with categories of its own moves no key a coach
// has learnt.
func (m recordEditor) onPolicies(msg policiesLoadedMsg) recordEditor {
	if msg.req != m.polReq || msg.err != nil || m.form.Index("retention") >= 0 {
		return m
	}
	opts := retentionOptions(m.env.text, msg.policies, store.KeptRecord)
	if len(opts) < 2 {
		return m
	}
	f := kit.ChoiceField("retention", m.env.text.T("retention.field"), opts)
	f.SetValue(string(m.base.Retention))
	// The category the record is kept under is what the vault holds: a
	// list that arrives while the coach types or a save runs makes
	// nothing unsaved (esc right after ctrl+s asked "Discard?" when it did).
	m.form.AddField(f)
	m.layout()
	m.updateKeys()
	return m
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
	if !m.form.Loaded {
		return "…"
	}
	return kit.OneLine(m.base.Title)
}

// Capturing is always true: a field or the text always has the focus.
func (m recordEditor) Capturing() bool { return true }

// KeyMap lists the editor's keys: the form's, as it enables them, with
// ↓/↑ on a one-line field; ctrl+s only when the text can be saved.
func (m recordEditor) KeyMap() help.KeyMap {
	k, f := m.keys, m.form.Keys
	k.Save, k.Cancel, k.Next, k.Prev, k.Choice = f.Save, f.Cancel, f.Next, f.Prev, f.Choice
	k.Save.SetEnabled(m.form.Loaded && !m.tooLong)
	return k
}

// onBody reports whether the text has the focus, not a one-line field.
func (m recordEditor) onBody() bool { return m.form.Focus == bodyAt }

// editorDraft is the editor's draft: the fields, the text, where the
// cursor was. Its shape is the one drafts in vaults already have.
type editorDraft struct {
	Fields string `json:"fields"`
	Body   string `json:"body"`
	OnBody bool   `json:"on_body,omitempty"`
}

// Draft is everything typed since the last save.
func (m recordEditor) Draft() (string, bool) {
	if !m.form.Dirty {
		return "", false
	}
	var v map[string]string
	_ = json.Unmarshal([]byte(m.form.FieldSet.Draft()), &v) // the kit's own encoding
	d := editorDraft{Body: v["body"], OnBody: m.onBody()}
	delete(v, "body")
	if d.OnBody {
		delete(v, kit.DraftFocus)
	}
	fields, _ := json.Marshal(v) // a map of strings always encodes
	d.Fields = string(fields)
	b, _ := json.Marshal(d)
	return string(b), true
}

// RestoreDraft puts the draft back; before the record has loaded the form
// holds it and puts it on top of the loaded values.
func (m recordEditor) RestoreDraft(text string) recordEditor {
	var d editorDraft
	var v map[string]string
	if json.Unmarshal([]byte(text), &d) != nil || json.Unmarshal([]byte(d.Fields), &v) != nil {
		return m
	}
	v["body"] = d.Body
	if d.OnBody {
		v[kit.DraftFocus] = "body"
	}
	b, _ := json.Marshal(v) // a map of strings always encodes
	m.form.RestoreDraft(string(b))
	m.updateKeys()
	m.layout()
	return m
}

// Update handles loading, saving and typing.
func (m recordEditor) Update(msg tea.Msg) (recordEditor, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.form.Width, m.form.Height = msg.Width, msg.Height
		m.layout()
		return m, nil
	case recordLoadedMsg:
		return m.onLoaded(msg)
	case recordSavedMsg:
		return m.onSaved(msg)
	case policiesLoadedMsg:
		return m.onPolicies(msg), nil
	case tea.KeyMsg:
		m, cmd := m.onKey(msg)
		m.updateKeys()
		m.layout()
		return m, cmd
	}
	if m.onBody() && m.form.Loaded {
		// The text area's own messages, such as a paste from the
		// clipboard.
		var cmd tea.Cmd
		body := &m.form.Fields[bodyAt]
		before := body.Area.Value()
		body.Area, cmd = body.Area.Update(msg)
		if body.Area.Value() != before {
			m.form.Edited()
		}
		return m, cmd
	}
	return m, nil
}

func (m recordEditor) onLoaded(msg recordLoadedMsg) (recordEditor, tea.Cmd) {
	if msg.req != m.req || m.form.Loaded {
		return m, nil
	}
	if msg.err != nil {
		m.form.Problem = explain(m.env, msg.err)
		return m, nil
	}
	r := msg.record
	m.base = r
	m.tab = tabOfKind(r.Kind)
	t := m.env.text
	m.form.Set("title", kit.EditLine(r.Title))
	m.form.Set("date", dateInput(t, r.Date))
	m.form.Set("kind", string(r.Kind))
	if r.Special {
		m.form.Set("special", "yes")
	}
	m.form.Set("retention", string(r.Retention))
	if kit.AreaTooLong(r.Body) {
		m.tooLong = true
		m.form.Problem = t.Tf("record.too_long", kit.MaxAreaLines)
	}
	m.form.Set("body", r.Body)
	cmd := m.form.FocusOn(bodyAt) // an existing record: straight to the text
	m.form.MarkLoaded()           // and a draft that came early on top
	if m.form.Focus != bodyAt {
		cmd = m.form.Refocus()
	}
	m.layout()
	m.updateKeys()
	return m, cmd
}

func (m recordEditor) onKey(msg tea.KeyMsg) (recordEditor, tea.Cmd) {
	k := m.keys
	if m.form.Loaded && !m.onBody() {
		switch {
		case key.Matches(msg, k.FieldDown):
			return m, m.form.Step(1)
		case key.Matches(msg, k.FieldUp):
			return m, m.form.Step(-1)
		}
	}
	action, cmd := m.form.Key(msg)
	switch action {
	case kit.Save:
		if m.tooLong {
			return m, nil
		}
		return m.save()
	case kit.AskDiscard:
		return m, confirmDiscard(m.env.text, back(doneMsg{tab: m.tab, item: m.id}))
	case kit.Leave:
		return m, back(doneMsg{tab: m.tab, item: m.id})
	}
	return m, cmd
}

// updateKeys keeps the hints truthful for the focused field.
func (m *recordEditor) updateKeys() {
	m.keys.FieldDown.SetEnabled(!m.onBody())
	m.keys.FieldUp.SetEnabled(!m.onBody())
}

// save checks the date and the record and saves. A ctrl+s while a save
// runs is the form's to remember (it answers Saved with "again"), so a
// new record is never added twice.
func (m recordEditor) save() (recordEditor, tea.Cmd) {
	t := m.env.text
	m.form.Problem = ""
	typed := m.form.Get("date")
	date, p := kit.ParseDate(typed)
	if p != kit.DateOK {
		cmd, _ := m.form.Fail("date", dateProblemText(t, p, strings.TrimSpace(typed)))
		m.updateKeys()
		return m, cmd
	}
	r := m.record(date)
	if err := r.Validate(); err != nil {
		return m.refuse(err)
	}
	m.form.StartSave()
	m.req = newReq()
	return m, saveRecord(m.env.store, m.req, r)
}

// record is the loaded record with the editor's values on top.
func (m recordEditor) record(date time.Time) store.Record {
	r := m.base
	r.ID, r.ClientID = m.id, m.clientID
	r.Title = kit.EditLine(m.form.Get("title"))
	r.Date = date
	r.Kind = store.RecordKind(m.form.Get("kind"))
	r.Special = m.form.Get("special") == "yes"
	r.Body = m.form.Get("body")
	if m.form.Index("retention") >= 0 {
		r.Retention = store.Category(m.form.Get("retention"))
	}
	return r
}

// refuse shows why a record cannot be saved: under its field when the
// store names one, else above the text.
func (m recordEditor) refuse(err error) (recordEditor, tea.Cmd) {
	var ve *store.ValidationError
	if errors.As(err, &ve) {
		if cmd, ok := m.form.Fail(ve.Field, fieldProblem(m.env.text, ve)); ok {
			m.updateKeys()
			return m, cmd
		}
	}
	m.form.Refused(explain(m.env, err))
	return m, nil
}

func (m recordEditor) onSaved(msg recordSavedMsg) (recordEditor, tea.Cmd) {
	if msg.req != m.req {
		return m, nil
	}
	if msg.err != nil && !isNotSaved(m.env, msg.err) {
		return m.refuse(msg.err)
	}
	// Saved, or kept in memory with "not saved" on the status line.
	m.base, m.id = msg.record, msg.record.ID
	m.tab = tabOfKind(msg.record.Kind)
	if m.form.Saved() {
		return m.save()
	}
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

// Loading is true until the record has loaded (see kit.Form.Loading).
func (m recordEditor) Loading() bool { return m.form.Loading() }
