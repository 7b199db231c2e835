package tui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// View draws the request: its fields and due date, the outcome once there
// is one, what its kind asks of the coach, and the open action's fields.
func (m requestView) View() string {
	t, st := m.env.text, m.env.styles
	switch {
	case m.problem != "":
		return "\n  " + st.Danger.Render(m.problem)
	case !m.loaded:
		return "\n  " + st.Muted.Render(t.T("form.loading"))
	}
	r := m.d.r
	today := m.env.today()
	lines := []string{"", "  " + st.Title.Render(t.Tf("request.title_kind", requestKindText(t, r.Kind))) + "  " +
		st.Muted.Render(requestArticle(t, r.Kind)+" · "+requestStatusText(t, r)), ""}
	row := func(label, value string) {
		if value == "" {
			value = st.Muted.Render("—")
		}
		lines = append(lines, kit.LabelLine(st, label, value))
	}
	text := func(s string) string {
		if strings.TrimSpace(s) == "" {
			return ""
		}
		return st.Text.Render(kit.OneLine(s))
	}
	row(t.T("request.received"), text(t.Weekday(r.Received)+" "+t.Date(r.Received)+" · "+channelText(t, r.Channel)))
	if r.IdentityChecked {
		row(t.T("request.identity"), text(t.Tf("request.identity_checked", kit.OneLine(r.IdentityHow))))
	} else {
		style := st.Muted
		if r.IdentityRequired() && r.Open() {
			style = st.Warning
		}
		row(t.T("request.identity"), style.Render(t.T("request.identity_unchecked")))
	}
	due := t.Weekday(r.Due) + " " + t.Date(r.Due)
	if r.Open() {
		left, style := requestCountdown(t, st, r, today)
		due = st.Text.Render(due) + "  " + style.Render(left)
	} else {
		due = st.Muted.Render(due)
	}
	row(t.T("request.due"), due)
	switch {
	case r.ExtendedMonths > 0:
		row(t.T("request.extended"), text(t.Tf("request.extended_by", r.ExtendedMonths,
			t.DateShort(r.ExtensionSent), kit.OneLine(r.ExtensionReason))))
	case r.Open():
		by := r.ExtensionNoticeBy()
		style := st.Muted
		if today.After(by) {
			style = st.Warning
		}
		row(t.T("request.extension_notice"), style.Render(t.Tf("request.extension_notice_by",
			t.Weekday(by)+" "+t.Date(by))))
	}
	row(t.T("request.notes"), text(r.Notes))
	if !r.Open() {
		row(t.T("request.outcome_label"), text(r.Outcome))
	}
	lines = append(lines, "")
	lines = append(lines, m.viewKind()...)
	lines = append(lines, m.viewAction()...)
	// With fields or a sentence under the request, keep the end in view.
	focus := 0
	if m.action != actionNone || m.refusal != "" || m.notice != "" || m.plan != nil {
		focus = len(lines) - 1
	}
	return strings.Join(kit.ScrollWindow(lines, focus, max(m.height, 1)), "\n")
}

// viewKind is what the request's kind asks of the coach.
func (m requestView) viewKind() []string {
	t, st := m.env.text, m.env.styles
	r := m.d.r
	var lines []string
	switch r.Kind {
	case store.RequestAccess, store.RequestPortability:
		if r.Open() {
			lines = append(lines, kit.Paragraph(st.Muted, t.T("request.export_hint"), m.width)...)
		}
	case store.RequestRectification, store.RequestErasure, store.RequestRestriction:
		lines = append(lines, "  "+st.Header.Render(t.T("request.notify_title")))
		if len(m.d.notices) == 0 {
			lines = append(lines, kit.Paragraph(st.Muted, t.T("request.notify_none"), m.width)...)
		}
		rows := make([][]string, len(m.d.notices))
		styles := make([][]*lipgloss.Style, len(m.d.notices))
		for i, n := range m.d.notices {
			rows[i], styles[i] = []string{kit.OneLine(n.Recipient), t.T("request.notify_todo")}, []*lipgloss.Style{1: &st.Warning}
			if !n.Notified.IsZero() {
				rows[i][1], styles[i][1] = t.Tf("request.notify_done", t.DateShort(n.Notified)), &st.Muted
			}
		}
		lines = append(lines, m.listRows(kit.NewTable([]kit.Column{{Width: 36, Min: 12}, {}}, rows, m.width), rows, styles)...)
	case store.RequestConsentWithdrawal:
		lines = append(lines, "  "+st.Header.Render(t.T("request.consents_title")))
		if len(m.d.consents) == 0 {
			lines = append(lines, kit.Paragraph(st.Muted, t.T("consent.empty"), m.width)...)
		}
		rows := make([][]string, len(m.d.consents))
		styles := make([][]*lipgloss.Style, len(m.d.consents))
		for i, c := range m.d.consents {
			rows[i] = []string{kit.OneLine(c.Recipient), kit.OneLine(c.Purpose), t.T("request.consent_in_force")}
			styles[i] = []*lipgloss.Style{2: &st.Text}
			if !c.Withdrawn.IsZero() {
				rows[i][2], styles[i][2] = t.Tf("request.consent_withdrawn", t.DateShort(c.Withdrawn)), &st.Muted
			}
		}
		lines = append(lines, m.listRows(kit.NewTable([]kit.Column{{Width: 24, Min: 12}, {Width: 30, Min: 12}, {}},
			rows, m.width), rows, styles)...)
	}
	if r.Kind == store.RequestErasure && r.Open() {
		lines = append(lines, "")
		lines = append(lines, kit.Paragraph(st.Muted, t.T("erase.hint"), m.width)...)
	}
	if m.plan != nil {
		lines = append(lines, "")
		lines = append(lines, m.viewPlan()...)
	}
	return lines
}

// listRows draws the notices or the consents; the cursor shows only
// when there is more than one to choose from.
func (m requestView) listRows(table kit.Table, rows [][]string, styles [][]*lipgloss.Style) []string {
	lines := make([]string, len(rows))
	for i := range rows {
		lines[i] = table.StyledRow(m.env.styles, rows[i], styles[i], i == m.list.Cursor && m.listLen() > 1)
	}
	return lines
}

// viewPlan says what the erasure takes and what stays, and why.
func (m requestView) viewPlan() []string {
	t, st := m.env.text, m.env.styles
	p := *m.plan
	lines := kit.Paragraph(st.Warning, t.Tf("erase.goes", erasureCounts(t, p)), m.width)
	stays := t.T("erase.stays")
	if p.InvoicesKept > 0 {
		stays = t.N("erase.stays_invoices", p.InvoicesKept, t.Date(p.InvoicesKeptUntil)) + " " + stays
	}
	return append(lines, kit.Paragraph(st.Muted, stays, m.width)...)
}

// viewAction draws the open action's fields, or what the last one did.
func (m requestView) viewAction() []string {
	t, st := m.env.text, m.env.styles
	var lines []string
	if m.action != actionNone {
		lines = append(lines, "")
		switch m.action {
		case actionRefuse:
			lines = append(lines, kit.Paragraph(st.Muted, t.T("request.refuse_hint"), m.width)...)
		case actionUphold:
			lines = append(lines, kit.Paragraph(st.Warning, t.T("request.uphold_hint"), m.width)...)
		case actionExtend:
			lines = append(lines, kit.Paragraph(st.Muted, t.T("request.extend_hint"), m.width)...)
		case actionRestrict:
			lines = append(lines, kit.Paragraph(st.Muted, t.T("restrict.help"), m.width)...)
		}
		for i, f := range m.set.Fields {
			lines = append(lines, kit.ViewField(st, f, i == m.set.Focus, "")...)
		}
	}
	if m.refusal != "" {
		lines = append(lines, "")
		lines = append(lines, kit.Paragraph(st.Danger, m.refusal, m.width)...)
	}
	if m.notice != "" {
		lines = append(lines, "")
		lines = append(lines, kit.Paragraph(st.Success, m.notice, m.width)...)
	}
	if m.busy {
		lines = append(lines, "  "+st.Muted.Render(t.T("status.saving")))
	}
	return lines
}

// requestArticle is the article of the GDPR that grants a right, named as
// the screen's language names the law: AVG in Dutch, GDPR in English.
func requestArticle(t Text, k store.RequestKind) string {
	art := "7(3)"
	switch k {
	case store.RequestAccess:
		art = "15"
	case store.RequestRectification:
		art = "16"
	case store.RequestErasure:
		art = "17"
	case store.RequestRestriction:
		art = "18"
	case store.RequestPortability:
		art = "20"
	case store.RequestObjection:
		art = "21"
	}
	return t.Tf("request.article", art)
}
