package tui

import (
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/store/legaldate"
	"github.com/caseload/caseload/tui/kit"
)

// requestForm records a client's rights request (id 0) or corrects one:
// the kind, when and how it came in, and how the coach made sure it comes
// from the client. Under the fields it shows the date the answer is due,
// as the store will set it, while the coach types the date of receipt.
type requestForm struct {
	env    *env
	keys   kit.FormKeys
	client int64
	id     int64
	base   store.Request
	req    reqID

	loaded bool
	saving bool
	dirty  bool
	early  earlyDraft // a draft that came before the load
	due    string     // the due date in words, or "" while the date is unreadable

	set     kit.FieldSet
	problem string
	width   int
	height  int
}

func newRequestForm(e *env, r Route) requestForm {
	t, st := e.text, e.styles
	m := requestForm{env: e, keys: newFormKeys(t), client: r.Client, id: r.Item, req: newReq(), loaded: r.Item == 0}
	kinds := make([]kit.Option, 0, len(store.RequestKinds))
	for _, k := range store.RequestKinds {
		kinds = append(kinds, kit.Option{Value: string(k), Label: requestKindText(t, k)})
	}
	channels := make([]kit.Option, 0, len(store.Channels))
	for _, c := range store.Channels {
		channels = append(channels, kit.Option{Value: string(c), Label: channelText(t, c)})
	}
	how := kit.TextField(st, "identity_how", t.T("request.identity_how"))
	how.Input.Width = 50
	notes := kit.TextField(st, "notes", t.T("request.notes"))
	notes.Input.Width = 60
	m.set.Fields = []kit.Field{
		kit.ChoiceField("kind", t.T("request.kind"), kinds),
		kit.DateField(st, "received_on", t.T("request.received"), t.T("form.date_placeholder")),
		kit.ChoiceField("channel", t.T("request.channel"), channels),
		kit.ChoiceField("identity", t.T("request.identity"), []kit.Option{{Value: "no", Label: t.T("request.identity_no")}, {Value: "yes", Label: t.T("request.identity_yes")}}),
		how,
		notes,
	}
	if m.id == 0 {
		m.set.Set("received_on", dateInput(t, e.today()))
	}
	m.sync()
	m.set.FocusOn(0)
	return m
}

// Init loads the request being corrected.
func (m requestForm) Init() tea.Cmd {
	if m.loaded {
		return nil
	}
	return loadRequest(m.env.store, m.req, m.id)
}

// Route names the client and the request.
func (m requestForm) Route() Route {
	return Route{Kind: KindRequestForm, Client: m.client, Item: m.id}
}

// Title is "New request" or "Correct request".
func (m requestForm) Title() string {
	if m.id == 0 {
		return m.env.text.T("request.new")
	}
	return m.env.text.T("request.edit")
}

// Capturing is always true: a form always has a focused field.
func (m requestForm) Capturing() bool { return true }

// KeyMap lists the form's keys.
func (m requestForm) KeyMap() help.KeyMap { return m.keys }

// Draft is every field once the coach has typed something.
func (m requestForm) Draft() (string, bool) {
	if !m.dirty {
		return "", false
	}
	return m.set.Draft(), true
}

// RestoreDraft fills the fields, on top of the loaded request.
func (m requestForm) RestoreDraft(text string) requestForm {
	if !m.loaded {
		m.early.hold(text)
		return m
	}
	if m.set.Restore(text) {
		m.dirty = true
		m.sync()
	}
	return m
}

// Update handles the loaded request, the save's answer and the keys.
func (m requestForm) Update(msg tea.Msg) (requestForm, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case requestLoadedMsg:
		if msg.req != m.req || m.loaded {
			return m, nil
		}
		if msg.err != nil {
			m.problem = rightsProblem(m.env, msg.err)
			return m, nil
		}
		m.loaded, m.base = true, msg.d.r
		m.fill(msg.d.r)
		if text, ok := m.early.take(); ok {
			m = m.RestoreDraft(text)
		}
		return m, m.set.FocusOn(m.set.Focus)
	case rightsSavedMsg:
		if msg.req != m.req {
			return m, nil
		}
		m.saving = false
		if msg.err != nil && !isNotSaved(m.env, msg.err) {
			return m.refuse(msg.err)
		}
		m.dirty = false
		note := m.env.text.Tf("request.saved", m.dueText(msg.r))
		return m, back(doneMsg{tab: tabRequests, item: msg.id, note: note})
	case tea.KeyMsg:
		if m.saving || !m.loaded {
			return m, nil
		}
		return m.onKey(msg)
	}
	return m, nil
}

func (m *requestForm) fill(r store.Request) {
	t := m.env.text
	m.set.Set("kind", string(r.Kind))
	m.set.Set("received_on", dateInput(t, r.Received))
	m.set.Set("channel", string(r.Channel))
	if r.IdentityChecked {
		m.set.Set("identity", "yes")
	}
	m.set.Set("identity_how", kit.EditLine(r.IdentityHow))
	m.set.Set("notes", kit.EditLine(r.Notes))
	m.sync()
}

func (m requestForm) onKey(msg tea.KeyMsg) (requestForm, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Save):
		return m.submit()
	case key.Matches(msg, m.keys.Cancel):
		if m.dirty {
			return m, confirmDiscard(m.env.text, back(nil))
		}
		return m, back(nil)
	}
	cmd, changed := m.set.HandleKey(msg, m.keys)
	if changed {
		m.dirty = true
	}
	m.sync()
	return m, cmd
}

// sync asks how the identity was checked only once it was, and works out
// the due date from the date of receipt as typed.
func (m *requestForm) sync() {
	if i := m.set.Index("identity_how"); i >= 0 {
		m.set.Fields[i].Hidden = m.set.Get("identity") != "yes"
	}
	m.keys.Choice.SetEnabled(m.set.Focused().Kind == kit.KindChoice)
	m.due = ""
	if d, p := kit.ParseDate(m.set.Get("received_on")); p == kit.DateOK && !d.IsZero() {
		months := m.base.ExtendedMonths
		due := legaldate.RequestDeadline(d)
		if months > 0 {
			if ext, err := legaldate.ExtendedDeadline(d, months); err == nil {
				due = ext
			}
		}
		m.due = m.env.text.Weekday(due) + " " + m.env.text.Date(due)
	}
}

// dueText is a saved request's due date in words.
func (m requestForm) dueText(r store.Request) string {
	return m.env.text.Weekday(r.Due) + " " + m.env.text.Date(r.Due)
}

// submit reads the fields and saves; the store checks the rest.
func (m requestForm) submit() (requestForm, tea.Cmd) {
	t := m.env.text
	m.problem = ""
	r := m.base
	r.ID, r.ClientID = m.id, m.client
	r.Kind = store.RequestKind(m.set.Get("kind"))
	r.Channel = store.Channel(m.set.Get("channel"))
	typed := strings.TrimSpace(m.set.Get("received_on"))
	received, p := kit.ParseDate(typed)
	switch {
	case p != kit.DateOK:
		return m.fail("received_on", dateProblemText(t, p, typed))
	case received.IsZero():
		return m.fail("received_on", t.T("rights.invalid_received"))
	}
	r.Received = received
	r.IdentityChecked = m.set.Get("identity") == "yes"
	r.IdentityHow = ""
	if r.IdentityChecked {
		r.IdentityHow = strings.TrimSpace(m.set.Get("identity_how"))
	}
	r.Notes = strings.TrimSpace(m.set.Get("notes"))
	if err := r.Validate(); err != nil {
		return m.refuse(err)
	}
	m.saving = true
	m.req = newReq()
	return m, saveRequest(m.env.store, m.req, r)
}

// fail puts msg under field id and moves the focus there.
func (m requestForm) fail(id, msg string) (requestForm, tea.Cmd) {
	cmd, _ := m.set.Fail(id, msg)
	m.keys.Choice.SetEnabled(m.set.Focused().Kind == kit.KindChoice)
	return m, cmd
}

// refuse shows a refusal of the store under its field, or above the form.
func (m requestForm) refuse(err error) (requestForm, tea.Cmd) {
	var ve *store.ValidationError
	if errors.As(err, &ve) && m.set.Index(ve.Field) >= 0 {
		return m.fail(ve.Field, rightsFieldProblem(m.env.text, ve))
	}
	m.problem = rightsProblem(m.env, err)
	return m, nil
}

// View draws the form, the due date and the advice on the identity check.
func (m requestForm) View() string {
	t, st := m.env.text, m.env.styles
	var extra []string
	if m.due != "" {
		extra = append(extra, "  "+st.Accent.Render(t.Tf("request.due_preview", m.due)))
	}
	extra = append(extra, kit.Paragraph(st.Muted, t.T("request.identity_hint"), m.width)...)
	return viewRightsForm(m.env, m.set, m.loaded, m.saving, m.problem, m.width, m.height, extra)
}

// viewRightsForm is viewSimpleForm with the problem wrapped under the
// extra lines: the rights desk's sentences say what to do next, and are
// longer than one line.
func viewRightsForm(e *env, set kit.FieldSet, loaded, saving bool, problem string, width, height int, extra []string) string {
	if loaded && problem != "" {
		extra = append(extra, "")
		extra = append(extra, kit.Paragraph(e.styles.Danger, problem, width)...)
		problem = ""
	}
	return kit.ViewFields(e.styles, formText(e.text), set, loaded, saving, problem, height, nil, extra)
}
