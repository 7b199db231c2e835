package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// View draws the intro, the column headers and the rows.
func (m deadlinesScreen) View() string {
	t, st := m.env.text, m.env.styles
	switch {
	case m.problem != "":
		return "\n  " + st.Danger.Render(m.problem)
	case !m.loaded:
		return "\n  " + st.Muted.Render(t.T("form.loading"))
	case len(m.items) == 0:
		return "\n  " + st.Muted.Render(t.T("deadlines.empty"))
	}
	rows := make([][]string, len(m.items))
	for i, d := range m.items {
		flag := ""
		if d.Restricted {
			flag = "⊘ " + t.T("deadlines.restricted")
		}
		rows[i] = []string{deadlineKindText(t, d.Kind), deadlineClient(t, d), deadlineCategory(t, d),
			t.DateShort(d.Due), deadlineLeft(t, d), flag}
	}
	// The client and what it is about size to their text; the others
	// keep the widths they always had.
	table := kit.NewTable([]kit.Column{{Title: t.T("deadlines.col_kind"), Width: 13},
		{Title: t.T("deadlines.col_client"), Min: 12}, {Title: t.T("deadlines.col_category"), Width: 18},
		{Title: t.T("deadlines.col_due"), Width: 11}, {Title: t.T("deadlines.col_left"), Width: 18}, {}}, rows, m.width)
	lines := []string{"  " + st.Muted.Render(t.T("deadlines.intro")), "", table.Header(st)}
	start, end := m.list.Window(len(m.items), m.listHeight())
	for i := start; i < end; i++ {
		// The days left are coloured as in the caseload's retention
		// column; a restricted client is flagged in words, not by colour
		// alone.
		styles := []*lipgloss.Style{4: retentionCell(st, m.items[i].State), 5: &st.Warning}
		lines = append(lines, table.StyledRow(st, rows[i], styles, i == m.list.Cursor))
	}
	return strings.Join(lines, "\n")
}

// deadlineKindText names a kind; a kind this version does not know shows
// as itself rather than not at all.
func deadlineKindText(t Text, k store.DeadlineKind) string {
	switch k {
	case store.DeadlineRetention:
		return t.T("deadline.retention")
	case store.DeadlineRequest:
		return t.T("deadline.request")
	case store.DeadlineBreach:
		return t.T("deadline.breach")
	case store.DeadlineNotice:
		return t.T("deadline.notice")
	case store.DeadlineProcessors:
		return t.T("deadline.processors")
	case store.DeadlinePayment:
		return t.T("deadline.payment")
	}
	return string(k)
}

// deadlineClient is "#41 Anna de Vries", or a dash for a deadline of no
// client (a breach, the invoices of clients purged earlier).
func deadlineClient(t Text, d store.Deadline) string {
	if d.ClientID == 0 {
		return "—"
	}
	return strings.TrimSpace("#" + strconv.FormatInt(d.ClientID, 10) + " " + kit.OneLine(d.Name))
}

// deadlineCategory is the retention category (with an invoice's number),
// or for any other kind its Ref: what the store says the item is.
func deadlineCategory(t Text, d store.Deadline) string {
	switch {
	case d.Category == store.CategoryInvoice:
		return strings.TrimSpace(categoryText(t, d.Category) + " " + kit.OneLine(d.Ref))
	case d.Item != "":
		return itemCategoryName(t, d.Category, d.CategoryName) + " · " + itemRef(t, d.Item, d.Ref)
	case d.Category != "":
		return categoryText(t, d.Category)
	case d.Ref != "":
		return kit.OneLine(d.Ref)
	case !d.Target.IsZero():
		return string(d.RequestKind) + " · " + t.Tf("deadline.target", t.DateShort(d.Target))
	}
	return string(d.RequestKind)
}

// deadlineLeft is the time left in the caseload's words; a breach, due at
// a moment, counts hours once it is within a day.
func deadlineLeft(t Text, d store.Deadline) string {
	if (d.Kind == store.DeadlineBreach || d.Kind == store.DeadlineProcessors) && d.HoursLeft >= 0 && d.DaysLeft <= 1 {
		return t.Tf("deadline.hours", d.HoursLeft)
	}
	return retentionText(t, store.Countdown{State: d.State, DaysLeft: d.DaysLeft, HoldReason: d.HoldReason})
}

// categoryText names a retention category.
func categoryText(t Text, c store.Category) string {
	switch c {
	case store.CategoryDossier:
		return t.T("category.dossier")
	case store.CategoryRejectedIntake:
		return t.T("category.rejected_intake")
	case store.CategoryInvoice:
		return t.T("category.invoice")
	}
	return string(c)
}
