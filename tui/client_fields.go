package tui

import (
	"context"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// The optional client fields (store.ClientFields) on the client form, the
// client card and the practice form. A field shows where the practice
// records it, or where the client already holds a value in it (a field
// switched off later still shows what was recorded, so the coach can
// correct or clear it); otherwise the coach never sees it.

// fieldStore is what the optional fields need from the store.
type fieldStore interface {
	// ClientFieldSet returns the optional fields the practice records.
	ClientFieldSet(ctx context.Context) (store.FieldSet, error)
	// SetClientFieldSet chooses them.
	SetClientFieldSet(ctx context.Context, set store.FieldSet) error
	// RevealBSN returns a client's BSN in full; the store logs the reveal.
	RevealBSN(ctx context.Context, clientID int64) (string, error)
	// UnknownOutcomes counts closed trajectories without an outcome.
	UnknownOutcomes(ctx context.Context) (int, error)
}

// fieldLabel is the label of an optional field.
func fieldLabel(t Text, f store.ClientField) string {
	switch f {
	case store.FieldGender:
		return t.T("field.gender")
	case store.FieldMaritalStatus:
		return t.T("field.marital_status")
	case store.FieldChildren:
		return t.T("field.children")
	case store.FieldBirthCountry:
		return t.T("field.birth_country")
	case store.FieldNationality:
		return t.T("field.nationality")
	case store.FieldResidenceStatus:
		return t.T("field.residence_status")
	case store.FieldArrivalDate:
		return t.T("field.arrival_date")
	case store.FieldBSN:
		return t.T("field.bsn")
	}
	return string(f)
}

func genderText(t Text, g store.Gender) string {
	switch g {
	case store.GenderFemale:
		return t.T("gender.female")
	case store.GenderMale:
		return t.T("gender.male")
	case store.GenderOther:
		return t.T("gender.other")
	}
	return string(g)
}

func maritalText(t Text, m store.MaritalStatus) string {
	switch m {
	case store.MaritalSingle:
		return t.T("marital.single")
	case store.MaritalMarried:
		return t.T("marital.married")
	case store.MaritalRegisteredPartner:
		return t.T("marital.registered_partner")
	case store.MaritalCohabiting:
		return t.T("marital.cohabiting")
	case store.MaritalDivorced:
		return t.T("marital.divorced")
	case store.MaritalWidowed:
		return t.T("marital.widowed")
	}
	return string(m)
}

// fieldShown reports whether an optional field shows for c.
func fieldShown(set store.FieldSet, c store.Client, f store.ClientField) bool {
	return set.Has(f) || c.HasValue(f)
}

// optionalFormFields are the client form's fields for the optional
// client fields, all hidden until the practice's choice is known.
func optionalFormFields(e *env) []kit.Field {
	t, st := e.text, e.styles
	genders := []kit.Option{{Value: "", Label: "—"}}
	for _, g := range store.Genders {
		genders = append(genders, kit.Option{Value: string(g), Label: genderText(t, g)})
	}
	marital := []kit.Option{{Value: "", Label: "—"}}
	for _, s := range store.MaritalStatuses {
		marital = append(marital, kit.Option{Value: string(s), Label: maritalText(t, s)})
	}
	var out []kit.Field
	for _, f := range store.ClientFields {
		var ff kit.Field
		switch f {
		case store.FieldGender:
			ff = kit.ChoiceField(string(f), fieldLabel(t, f), genders)
		case store.FieldMaritalStatus:
			ff = kit.ChoiceField(string(f), fieldLabel(t, f), marital)
		case store.FieldArrivalDate:
			ff = kit.DateField(st, string(f), fieldLabel(t, f), t.T("form.date_placeholder"))
		default:
			ff = kit.TextField(st, string(f), fieldLabel(t, f))
		}
		switch f {
		case store.FieldChildren:
			ff.Input.Width = 4
		case store.FieldBSN:
			ff.Input.Width = 12
			ff.Input.Placeholder = t.T("field.bsn_placeholder")
		case store.FieldResidenceStatus:
			ff.Input.Placeholder = t.T("field.residence_hint")
		}
		ff.Hidden = true
		out = append(out, ff)
	}
	return out
}

// fillOptional puts c's optional values in the form; the BSN shows
// masked, and is kept as stored unless the coach types another.
func fillOptional(s *kit.FieldSet, t Text, c store.Client) {
	children := ""
	if c.ChildrenKnown {
		children = strconv.Itoa(c.Children)
	}
	for id, v := range map[store.ClientField]string{
		store.FieldGender: string(c.Gender), store.FieldMaritalStatus: string(c.MaritalStatus),
		store.FieldChildren: children, store.FieldBirthCountry: c.BirthCountry,
		store.FieldNationality: c.Nationality, store.FieldResidenceStatus: c.ResidenceStatus,
		store.FieldArrivalDate: dateInput(t, c.ArrivalDate), store.FieldBSN: c.MaskedBSN(),
	} {
		s.Set(string(id), v)
	}
}

// showOptional unhides the optional fields the practice records and those
// c holds a value in.
func showOptional(s *kit.FieldSet, set store.FieldSet, c store.Client) {
	for _, f := range store.ClientFields {
		if i := s.Index(string(f)); i >= 0 {
			s.Fields[i].Hidden = !fieldShown(set, c, f)
		}
	}
}

// readOptional puts the form's optional values on c. A field that is
// hidden keeps c's value. It returns the id of a field that does not
// read (the number of children) with its problem.
func readOptional(s kit.FieldSet, t Text, c *store.Client, arrival time.Time) (string, string) {
	shown := func(f store.ClientField) bool {
		i := s.Index(string(f))
		return i >= 0 && !s.Fields[i].Hidden
	}
	get := func(f store.ClientField) string { return strings.TrimSpace(s.Get(string(f))) }
	if shown(store.FieldGender) {
		c.Gender = store.Gender(get(store.FieldGender))
	}
	if shown(store.FieldMaritalStatus) {
		c.MaritalStatus = store.MaritalStatus(get(store.FieldMaritalStatus))
	}
	if shown(store.FieldBirthCountry) {
		c.BirthCountry = get(store.FieldBirthCountry)
	}
	if shown(store.FieldNationality) {
		c.Nationality = get(store.FieldNationality)
	}
	if shown(store.FieldResidenceStatus) {
		c.ResidenceStatus = get(store.FieldResidenceStatus)
	}
	if shown(store.FieldArrivalDate) {
		c.ArrivalDate = arrival
	}
	if shown(store.FieldBSN) {
		switch typed := get(store.FieldBSN); {
		case typed != "" && typed == c.MaskedBSN():
			// Left as shown: the store keeps the number it has.
			c.BSN = ""
		case typed == "":
			c.BSN, c.BSNTail = "", ""
		default:
			c.BSN, c.BSNTail = store.NormalizeBSN(typed), ""
		}
	}
	if shown(store.FieldChildren) {
		typed := get(store.FieldChildren)
		if typed == "" {
			c.Children, c.ChildrenKnown = 0, false
			return "", ""
		}
		n, err := strconv.Atoi(typed)
		if err != nil || n < 0 || n > store.MaxChildren {
			return string(store.FieldChildren), t.T("field.children_invalid")
		}
		c.Children, c.ChildrenKnown = n, true
	}
	return "", ""
}

// optionalRows are the card's lines for the optional fields: the BSN
// masked until revealed (bsn holds it then).
func optionalRows(t Text, set store.FieldSet, c store.Client, bsn string) [][2]string {
	var rows [][2]string
	for _, f := range store.ClientFields {
		if !fieldShown(set, c, f) {
			continue
		}
		var v string
		switch f {
		case store.FieldGender:
			v = genderText(t, c.Gender)
		case store.FieldMaritalStatus:
			v = maritalText(t, c.MaritalStatus)
		case store.FieldChildren:
			if c.ChildrenKnown {
				v = strconv.Itoa(c.Children)
			}
		case store.FieldBirthCountry:
			v = c.BirthCountry
		case store.FieldNationality:
			v = c.Nationality
		case store.FieldResidenceStatus:
			v = c.ResidenceStatus
		case store.FieldArrivalDate:
			v = t.Date(c.ArrivalDate)
		case store.FieldBSN:
			v = c.MaskedBSN()
			if bsn != "" {
				v = bsn
			} else if v != "" {
				v += "  (" + t.T("field.bsn_hidden") + ")"
			}
		}
		rows = append(rows, [2]string{fieldLabel(t, f), v})
	}
	return rows
}

// bsnIn is the choice of the export and print forms that puts the BSN in.
const bsnIn = "in"

// bsnField is the export and print forms' choice whether the file
// carries the BSN: left out unless the coach picks it, for this file
// alone. The form shows it only where the practice records the BSN.
func bsnField(t Text) kit.Field {
	f := kit.ChoiceField("bsn", t.T("field.bsn"), []kit.Option{
		{Value: "", Label: t.T("export.bsn_out")}, {Value: bsnIn, Label: t.T("export.bsn_in")}})
	f.Hidden = true
	return f
}

// fieldsLoadedMsg answers loadFieldSet.
type fieldsLoadedMsg struct {
	req reqID
	set store.FieldSet
	err error
}

func (m fieldsLoadedMsg) request() reqID { return m.req }

// loadFieldSet reads the optional fields the practice records.
func loadFieldSet(s Store, req reqID) tea.Cmd {
	return func() tea.Msg {
		set, err := s.ClientFieldSet(ctx())
		return fieldsLoadedMsg{req: req, set: set, err: err}
	}
}

// bsnRevealedMsg answers revealBSN.
type bsnRevealedMsg struct {
	req reqID
	bsn string
	err error
}

func (m bsnRevealedMsg) request() reqID { return m.req }

// revealBSN reads a client's BSN in full; the store logs the reveal.
func revealBSN(s Store, req reqID, clientID int64) tea.Cmd {
	return func() tea.Msg {
		bsn, err := s.RevealBSN(ctx(), clientID)
		return bsnRevealedMsg{req: req, bsn: bsn, err: err}
	}
}
