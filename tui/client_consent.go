package tui

import (
	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// viewConsent draws the consent & sharing tab: the client's consents
// (withdrawn ones muted, as evidence of what the client once agreed to),
// then what was given to whom. One cursor runs over both sections; w
// withdraws the consent under it.
func (m clientScreen) viewConsent() []string {
	t, st := m.env.text, m.env.styles
	if m.rights.problem != "" {
		return []string{"  " + st.Danger.Render(m.rights.problem)}
	}
	r := m.rights.r
	cur := m.lists[tabConsent].Cursor
	consents := make([][]string, len(r.consents))
	for i, c := range r.consents {
		consents[i] = []string{kit.OneLine(c.Purpose), kit.OneLine(c.Recipient), t.DateShort(c.Given),
			givenByText(t, c.GivenBy), t.DateShort(c.Withdrawn)}
	}
	disclosures := make([][]string, len(r.disclosures))
	for j, d := range r.disclosures {
		disclosures[j] = []string{kit.OneLine(d.What), kit.OneLine(d.Recipient), t.DateShort(d.Date), basisText(t, d.Basis)}
	}
	// The two tables share their columns' widths, so what was given to
	// whom lines up under what the client agreed to.
	tables := kit.NewTables(m.width,
		kit.Part{Columns: []kit.Column{{Title: t.T("consent.col_purpose"), Min: 12},
			{Title: t.T("consent.col_recipient"), Min: 12}, {Title: t.T("consent.col_given"), Width: 12},
			{Title: t.T("consent.col_by"), Width: 16}, {Title: t.T("consent.col_withdrawn")}}, Rows: consents},
		kit.Part{Columns: []kit.Column{{Title: t.T("disclosure.col_what"), Min: 12},
			{Title: t.T("disclosure.col_recipient"), Min: 12}, {Title: t.T("disclosure.col_date"), Width: 12},
			{Title: t.T("disclosure.col_basis")}}, Rows: disclosures})
	var lines []string
	focus := 0
	lines = append(lines, "  "+st.Title.Render(t.T("consent.section")))
	if len(r.consents) == 0 {
		lines = append(lines, kit.Paragraph(st.Muted, t.T("consent.empty"), m.width)...)
	} else {
		lines = append(lines, tables[0].Header(st))
	}
	for i, c := range r.consents {
		if i == cur {
			focus = len(lines)
		}
		style := st.Text
		if !c.Withdrawn.IsZero() {
			style = st.Muted // evidence of what the client once agreed to
		}
		lines = append(lines, tables[0].Line(st, consents[i], style, i == cur))
	}
	lines = append(lines, "", "  "+st.Title.Render(t.T("disclosure.section")))
	if len(r.disclosures) == 0 {
		lines = append(lines, kit.Paragraph(st.Muted, t.T("disclosure.empty"), m.width)...)
	} else {
		lines = append(lines, tables[1].Header(st))
	}
	for j := range r.disclosures {
		i := len(r.consents) + j
		if i == cur {
			focus = len(lines)
		}
		lines = append(lines, tables[1].Row(st, disclosures[j], st.Muted, i == cur))
	}
	if m.d.client.Restricted {
		lines = append(lines, "")
		lines = append(lines, kit.Paragraph(st.Muted, t.T("disclosure.restricted"), m.width)...)
	}
	return kit.ScrollWindow(lines, focus, max(m.height-m.headerRows(), 1))
}

// givenByText says who gave a consent.
func givenByText(t Text, g store.GivenBy) string {
	if g == store.GivenByRepresentative {
		return t.T("consent.by_representative")
	}
	return t.T("consent.by_client")
}

// basisText names a legal basis of AVG art. 6(1) in plain words.
func basisText(t Text, b store.LegalBasis) string {
	switch b {
	case store.LegalBasisConsent:
		return t.T("basis.consent")
	case store.LegalBasisContract:
		return t.T("basis.contract")
	case store.LegalBasisLegalObligation:
		return t.T("basis.legal_obligation")
	case store.LegalBasisVitalInterest:
		return t.T("basis.vital_interest")
	case store.LegalBasisPublicTask:
		return t.T("basis.public_task")
	case store.LegalBasisLegitimateInterest:
		return t.T("basis.legitimate_interest")
	}
	return string(b)
}
