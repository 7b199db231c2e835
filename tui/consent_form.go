package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// sharingForm records a consent (who may receive what, and for which
// purpose) or a disclosure (what went to whom, and on which ground); the
// disclosure's fields and checks are in disclosure_form.go. Consents are
// never edited, only withdrawn, so both forms only add.
type sharingForm struct {
	formCore
	client     int64
	disclosure bool
	listReq    reqID // the load of the practice's recipients
}

func newSharingForm(e *env, r Route) sharingForm {
	disclosure := r.Kind == KindDisclosure
	fields := consentFields(e)
	if disclosure {
		fields = disclosureFields(e)
	}
	return sharingForm{formCore: newRightsFormCore(e, true, fields...), client: r.Client,
		disclosure: disclosure, listReq: newReq()}
}

// consentFields are the fields of a new consent; it was given today
// unless the coach says otherwise.
func consentFields(e *env) []kit.Field {
	t, st := e.text, e.styles
	given := kit.DateField(st, "given_on", t.T("consent.given"), t.T("form.date_placeholder"))
	given.SetValue(dateInput(t, e.today()))
	notes := kit.TextField(st, "notes", t.T("request.notes"))
	notes.Input.Width = 60
	return []kit.Field{
		kit.TextField(st, "purpose", t.T("consent.purpose")),
		kit.TextField(st, "recipient", t.T("consent.recipient")),
		given,
		kit.ChoiceField("given_by", t.T("consent.by"), []kit.Option{
			{Value: string(store.GivenByClient), Label: givenByText(t, store.GivenByClient)},
			{Value: string(store.GivenByRepresentative), Label: givenByText(t, store.GivenByRepresentative)}}),

		notes,
	}
}

// Init focuses the first field and reads the practice's recipients, which
// the recipient field completes from (→ takes the suggestion).
func (m sharingForm) Init() tea.Cmd {
	return tea.Batch(m.Refocus(), loadRecipients(m.env.store, m.listReq))
}

// recipientsLoadedMsg answers loadRecipients.
type recipientsLoadedMsg struct {
	req   reqID
	names []string
}

// loadRecipients reads the names on the practice's list of recipients. A
// failure leaves the field without suggestions: typing still works.
func loadRecipients(s Store, req reqID) tea.Cmd {
	return func() tea.Msg {
		list, err := s.Recipients(ctx())
		if err != nil {
			return recipientsLoadedMsg{req: req}
		}
		names := make([]string, len(list))
		for i, r := range list {
			names[i] = r.Name
		}
		return recipientsLoadedMsg{req: req, names: names}
	}
}

// suggestRecipients lets the recipient field complete from names.
func (m *sharingForm) suggestRecipients(names []string) {
	i := m.Index("recipient")
	if i < 0 || len(names) == 0 {
		return
	}
	in := &m.Fields[i].Input
	in.ShowSuggestions = true
	in.KeyMap.AcceptSuggestion = key.NewBinding(key.WithKeys("right", "end"))
	in.SetSuggestions(names)
}

// Route names the form and the client.
func (m sharingForm) Route() Route {
	if m.disclosure {
		return Route{Kind: KindDisclosure, Client: m.client}
	}
	return Route{Kind: KindConsentForm, Client: m.client}
}

// Title is "New consent" or "New disclosure".
func (m sharingForm) Title() string {
	if m.disclosure {
		return m.env.text.T("disclosure.new")
	}
	return m.env.text.T("consent.new")
}

// RestoreDraft fills the fields.
func (m sharingForm) RestoreDraft(text string) sharingForm {
	m.Form.RestoreDraft(text)
	return m
}

// Update handles the save's answer and the keys.
func (m sharingForm) Update(msg tea.Msg) (sharingForm, tea.Cmd) {
	t := m.env.text
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.Width, m.Height = msg.Width, msg.Height
	case shownMsg:
		return m, m.Refocus()
	case recipientsLoadedMsg:
		if msg.req == m.listReq {
			m.suggestRecipients(msg.names)
		}
	case rightsSavedMsg:
		if msg.req != m.req {
			return m, nil
		}
		note := t.T("consent.saved")
		if m.disclosure {
			note = t.T("disclosure.saved")
		}
		return m, m.onSavedBack(msg.err, back(doneMsg{tab: tabConsent, item: msg.id, note: note}))
	case tea.KeyMsg:
		cmd, save := m.onKey(msg)
		if save {
			return m.submit()
		}
		return m, cmd
	}
	return m, nil
}

// submit reads the fields and saves; the store checks the rest.
func (m sharingForm) submit() (sharingForm, tea.Cmd) {
	m.Problem = ""
	if m.disclosure {
		return m.submitDisclosure()
	}
	t := m.env.text
	typed := strings.TrimSpace(m.Get("given_on"))
	given, p := kit.ParseDate(typed)
	switch {
	case p != kit.DateOK:
		return m, m.fail("given_on", dateProblemText(t, p, typed))
	case given.IsZero():
		return m, m.fail("given_on", t.T("rights.invalid_given"))
	}
	c := store.Consent{ClientID: m.client, Purpose: strings.TrimSpace(m.Get("purpose")),
		Recipient: strings.TrimSpace(m.Get("recipient")), Given: given,
		GivenBy: store.GivenBy(m.Get("given_by")), Notes: strings.TrimSpace(m.Get("notes"))}
	if err := c.Validate(); err != nil {
		return m, m.refuse(err)
	}
	return m, addConsent(m.env.store, m.startSave(), c)
}

// View draws the fields with a line on what the record is for.
func (m sharingForm) View() string {
	t, st := m.env.text, m.env.styles
	hint := t.T("consent.hint")
	if m.disclosure {
		hint = t.T("disclosure.hint")
	}
	return m.view(kit.Paragraph(st.Muted, hint, m.Width))
}

// addConsent records a consent.
func addConsent(s Store, req reqID, c store.Consent) tea.Cmd {
	return saving(func() tea.Msg {
		c, err := s.AddConsent(ctx(), c)
		return rightsSavedMsg{req: req, id: c.ID, err: err}
	})
}
