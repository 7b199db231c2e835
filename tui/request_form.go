package tui

import (
	"strings"

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
	formCore
	client int64
	id     int64
	base   store.Request
	due    string // the due date in words, or "" while the date is unreadable
}

func newRequestForm(e *env, r Route) requestForm {
	t, st := e.text, e.styles
	m := requestForm{formCore: newRightsFormCore(e, r.Item == 0), client: r.Client, id: r.Item}
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
	m.Fields = []kit.Field{
		kit.ChoiceField("kind", t.T("request.kind"), kinds),
		kit.DateField(st, "received_on", t.T("request.received"), t.T("form.date_placeholder")),
		kit.ChoiceField("channel", t.T("request.channel"), channels),
		kit.ChoiceField("identity", t.T("request.identity"), []kit.Option{{Value: "no", Label: t.T("request.identity_no")}, {Value: "yes", Label: t.T("request.identity_yes")}}),
		how,
		notes,
	}
	if m.id == 0 {
		m.Set("received_on", dateInput(t, e.today()))
	}
	m.SetFields(m.Fields...)
	m.sync()
	return m
}

// Init loads the request being corrected.
func (m requestForm) Init() tea.Cmd {
	if m.Loaded {
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

// RestoreDraft fills the fields, on top of the loaded request.
func (m requestForm) RestoreDraft(text string) requestForm {
	m.Form.RestoreDraft(text)
	return m
}

// Update handles the loaded request, the save's answer and the keys.
func (m requestForm) Update(msg tea.Msg) (requestForm, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.Width, m.Height = msg.Width, msg.Height
	case requestLoadedMsg:
		if msg.req != m.req || m.Loaded {
			return m, nil
		}
		if msg.err != nil {
			m.Problem = rightsProblem(m.env, msg.err)
			return m, nil
		}
		m.base = msg.d.r
		m.fill(msg.d.r)
		m.MarkLoaded()
		m.sync()
		return m, m.Refocus()
	case rightsSavedMsg:
		if msg.req != m.req {
			return m, nil
		}
		note := m.env.text.Tf("request.saved", m.dueText(msg.r))
		return m, m.onSavedBack(msg.err, back(doneMsg{tab: tabRequests, item: msg.id, note: note}))
	case tea.KeyMsg:
		cmd, save := m.onKey(msg)
		if save {
			return m.submit()
		}
		m.sync()
		return m, cmd
	}
	return m, nil
}

func (m *requestForm) fill(r store.Request) {
	t := m.env.text
	m.Set("kind", string(r.Kind))
	m.Set("received_on", dateInput(t, r.Received))
	m.Set("channel", string(r.Channel))
	if r.IdentityChecked {
		m.Set("identity", "yes")
	}
	m.Set("identity_how", kit.EditLine(r.IdentityHow))
	m.Set("notes", kit.EditLine(r.Notes))
	m.sync()
}

// sync asks how the identity was checked only once it was, and works out
// the due date from the date of receipt as typed.
func (m *requestForm) sync() {
	if i := m.Index("identity_how"); i >= 0 {
		m.Fields[i].Hidden = m.Get("identity") != "yes"
	}
	m.Keys.Choice.SetEnabled(m.Focused().Kind == kit.KindChoice)
	m.due = ""
	if d, p := kit.ParseDate(m.Get("received_on")); p == kit.DateOK && !d.IsZero() {
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
	m.Problem = ""
	r := m.base
	r.ID, r.ClientID = m.id, m.client
	r.Kind = store.RequestKind(m.Get("kind"))
	r.Channel = store.Channel(m.Get("channel"))
	typed := strings.TrimSpace(m.Get("received_on"))
	received, p := kit.ParseDate(typed)
	switch {
	case p != kit.DateOK:
		return m, m.fail("received_on", dateProblemText(t, p, typed))
	case received.IsZero():
		return m, m.fail("received_on", t.T("rights.invalid_received"))
	}
	r.Received = received
	r.IdentityChecked = m.Get("identity") == "yes"
	r.IdentityHow = ""
	if r.IdentityChecked {
		r.IdentityHow = strings.TrimSpace(m.Get("identity_how"))
	}
	r.Notes = strings.TrimSpace(m.Get("notes"))
	if err := r.Validate(); err != nil {
		return m, m.refuse(err)
	}
	return m, saveRequest(m.env.store, m.startSave(), r)
}

// View draws the form, the due date and the advice on the identity check.
func (m requestForm) View() string {
	t, st := m.env.text, m.env.styles
	var extra []string
	if m.due != "" {
		extra = append(extra, "  "+st.Accent.Render(t.Tf("request.due_preview", m.due)))
	}
	extra = append(extra, kit.Paragraph(st.Muted, t.T("request.identity_hint"), m.Width)...)
	return m.view(extra)
}

// saveRequest adds a request (ID 0) or corrects one.
func saveRequest(s Store, req reqID, r store.Request) tea.Cmd {
	return saving(func() tea.Msg {
		var err error
		if r.ID == 0 {
			r, err = s.AddRequest(ctx(), r)
		} else {
			r, err = s.UpdateRequest(ctx(), r)
		}
		return rightsSavedMsg{req: req, id: r.ID, r: r, err: err}
	})
}
