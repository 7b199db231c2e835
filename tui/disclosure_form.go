package tui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// disclosureFields are the fields of a new disclosure: it happened today
// unless the coach says otherwise, on the basis of consent unless another
// ground applies. On consent the store finds the consent itself: one to
// the same recipient, in force on the day.
func disclosureFields(e *env) []kit.Field {
	t, st := e.text, e.styles
	date := kit.DateField(st, "disclosed_on", t.T("disclosure.date"), t.T("form.date_placeholder"))
	date.SetValue(dateInput(t, e.today()))
	bases := make([]kit.Option, 0, len(store.LegalBases))
	for _, b := range store.LegalBases {
		bases = append(bases, kit.Option{Value: string(b), Label: basisText(t, b)})
	}
	notes := kit.TextField(st, "notes", t.T("request.notes"))
	notes.Input.Width = 60
	return []kit.Field{
		kit.TextField(st, "recipient", t.T("disclosure.recipient")),
		kit.TextField(st, "what", t.T("disclosure.what")),
		date,
		kit.ChoiceField("basis", t.T("disclosure.basis"), bases),
		notes,
	}
}

// submitDisclosure reads the disclosure's fields and saves.
func (m sharingForm) submitDisclosure() (sharingForm, tea.Cmd) {
	t := m.env.text
	typed := strings.TrimSpace(m.Get("disclosed_on"))
	date, p := kit.ParseDate(typed)
	switch {
	case p != kit.DateOK:
		return m, m.fail("disclosed_on", dateProblemText(t, p, typed))
	case date.IsZero():
		return m, m.fail("disclosed_on", t.T("rights.invalid_disclosed"))
	}
	d := store.Disclosure{ClientID: m.client, Recipient: strings.TrimSpace(m.Get("recipient")),
		What: strings.TrimSpace(m.Get("what")), Date: date,
		Basis: store.LegalBasis(m.Get("basis")), Notes: strings.TrimSpace(m.Get("notes"))}
	if err := d.Validate(); err != nil {
		return m, m.refuse(err)
	}
	return m, addDisclosure(m.env.store, m.startSave(), d)
}

// addDisclosure records a disclosure.
func addDisclosure(s Store, req reqID, d store.Disclosure) tea.Cmd {
	return saving(func() tea.Msg {
		d, err := s.AddDisclosure(ctx(), d)
		return rightsSavedMsg{req: req, id: d.ID, err: err}
	})
}
