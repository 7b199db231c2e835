package tui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
)

// disclosureFields are the fields of a new disclosure: it happened today
// unless the coach says otherwise, on the basis of consent unless another
// ground applies. On consent the store finds the consent itself: one to
// the same recipient, in force on the day.
func disclosureFields(e *env) []formField {
	t, st := e.text, e.styles
	date := dateField(st, t, "disclosed_on", t.T("disclosure.date"))
	date.setValue(dateInput(t, e.today()))
	bases := make([]option, 0, len(store.LegalBases))
	for _, b := range store.LegalBases {
		bases = append(bases, option{string(b), basisText(t, b)})
	}
	notes := textField(st, "notes", t.T("request.notes"))
	notes.input.Width = 60
	return []formField{
		textField(st, "recipient", t.T("disclosure.recipient")),
		textField(st, "what", t.T("disclosure.what")),
		date,
		choiceField("basis", t.T("disclosure.basis"), bases),
		notes,
	}
}

// submitDisclosure reads the disclosure's fields and saves.
func (m sharingForm) submitDisclosure() (sharingForm, tea.Cmd) {
	t := m.env.text
	typed := strings.TrimSpace(m.set.get("disclosed_on"))
	date, p := parseDate(typed)
	switch {
	case p != dateOK:
		return m.fail("disclosed_on", dateProblemText(t, p, typed))
	case date.IsZero():
		return m.fail("disclosed_on", t.T("rights.invalid_disclosed"))
	}
	d := store.Disclosure{ClientID: m.client, Recipient: strings.TrimSpace(m.set.get("recipient")),
		What: strings.TrimSpace(m.set.get("what")), Date: date,
		Basis: store.LegalBasis(m.set.get("basis")), Notes: strings.TrimSpace(m.set.get("notes"))}
	if err := d.Validate(); err != nil {
		return m.refuse(err)
	}
	m.saving, m.req = true, newReq()
	return m, addDisclosure(m.env.store, m.req, d)
}
