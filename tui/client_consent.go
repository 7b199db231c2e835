package tui

import (
	"github.com/charmbracelet/x/ansi"

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
	const dw, bw = 12, 16
	pw, rw := m.sharingWidths()
	var lines []string
	focus := 0
	lines = append(lines, "  "+st.Title.Render(t.T("consent.section")))
	if len(r.consents) == 0 {
		lines = append(lines, kit.Paragraph(st.Muted, t.T("consent.empty"), m.width)...)
	} else {
		lines = append(lines, "  "+st.Header.Render(kit.Cell(t.T("consent.col_purpose"), pw)+"  "+
			kit.Cell(t.T("consent.col_recipient"), rw)+"  "+kit.Cell(t.T("consent.col_given"), dw)+"  "+
			kit.Cell(t.T("consent.col_by"), bw)+"  "+t.T("consent.col_withdrawn")))
	}
	for i, c := range r.consents {
		cells := kit.Cell(kit.OneLine(c.Purpose), pw) + "  " + kit.Cell(kit.OneLine(c.Recipient), rw) + "  " +
			kit.Cell(t.DateShort(c.Given), dw) + "  " + kit.Cell(givenByText(t, c.GivenBy), bw) + "  "
		if i == cur {
			focus = len(lines)
		}
		switch {
		case i == cur:
			lines = append(lines, m.row(true, cells, t.DateShort(c.Withdrawn), st.Text))
		case !c.Withdrawn.IsZero():
			lines = append(lines, "  "+st.Muted.Render(cells+t.DateShort(c.Withdrawn)))
		default:
			lines = append(lines, "  "+st.Text.Render(cells))
		}
	}
	lines = append(lines, "", "  "+st.Title.Render(t.T("disclosure.section")))
	if len(r.disclosures) == 0 {
		lines = append(lines, kit.Paragraph(st.Muted, t.T("disclosure.empty"), m.width)...)
	} else {
		lines = append(lines, "  "+st.Header.Render(kit.Cell(t.T("disclosure.col_what"), pw)+"  "+
			kit.Cell(t.T("disclosure.col_recipient"), rw)+"  "+kit.Cell(t.T("disclosure.col_date"), dw)+"  "+
			t.T("disclosure.col_basis")))
	}
	for j, d := range r.disclosures {
		i := len(r.consents) + j
		if i == cur {
			focus = len(lines)
		}
		cells := kit.Cell(kit.OneLine(d.What), pw) + "  " + kit.Cell(kit.OneLine(d.Recipient), rw) + "  " +
			kit.Cell(t.DateShort(d.Date), dw) + "  "
		lines = append(lines, m.row(i == cur, cells, basisText(t, d.Basis), st.Muted))
	}
	if m.d.client.Restricted {
		lines = append(lines, "")
		lines = append(lines, kit.Paragraph(st.Muted, t.T("disclosure.restricted"), m.width)...)
	}
	return kit.ScrollWindow(lines, focus, max(m.height-m.headerRows(), 1))
}

// sharingWidths are the widths of the two text columns of the consent and
// disclosure tables (purpose or what, and recipient): as wide as their
// text needs, within what the terminal leaves beside the dates, who gave
// the consent and when it was withdrawn.
func (m clientScreen) sharingWidths() (pw, rw int) {
	t, r := m.env.text, m.rights.r
	pw = max(ansi.StringWidth(t.T("consent.col_purpose")), ansi.StringWidth(t.T("disclosure.col_what")))
	rw = max(ansi.StringWidth(t.T("consent.col_recipient")), ansi.StringWidth(t.T("disclosure.col_recipient")))
	for _, c := range r.consents {
		pw = max(pw, ansi.StringWidth(kit.OneLine(c.Purpose)))
		rw = max(rw, ansi.StringWidth(kit.OneLine(c.Recipient)))
	}
	for _, d := range r.disclosures {
		pw = max(pw, ansi.StringWidth(kit.OneLine(d.What)))
		rw = max(rw, ansi.StringWidth(kit.OneLine(d.Recipient)))
	}
	// Indent, four gaps, the date and given-by columns, a withdrawal date.
	w := kit.FitWidths([]int{pw, rw}, m.width-2-4*2-12-16-12, 12)
	return w[0], w[1]
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
