package tui

import (
	"strconv"
	"strings"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// Column widths of the deadlines list; the client column takes the rest.
const (
	dlKindWidth     = 15
	dlCategoryWidth = 20
	dlDueWidth      = 13
	dlDaysWidth     = 20
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
	clientW, whatW := m.clientWidth(), m.whatWidth()
	lines := []string{
		"  " + st.Muted.Render(t.T("deadlines.intro")),
		"",
		"  " + st.Header.Render(dlCell(t.T("deadlines.col_kind"), dlKindWidth)+dlCell(t.T("deadlines.col_client"), clientW)+
			dlCell(t.T("deadlines.col_category"), whatW)+dlCell(t.T("deadlines.col_due"), dlDueWidth)+
			t.T("deadlines.col_left")),
	}
	start, end := m.list.Window(len(m.items), m.listHeight())
	for i := start; i < end; i++ {
		lines = append(lines, m.viewRow(m.items[i], i == m.list.Cursor, clientW, whatW))
	}
	return strings.Join(lines, "\n")
}

// whatWidth is the "what" column: its own width, and half of whatever a
// window wider than 100 columns has over, so an item's category and name
// (a mail kept under correspondence) show whole.
func (m deadlinesScreen) whatWidth() int { return dlCategoryWidth + max(m.width-100, 0)/2 }

// clientWidth is what the client column gets of the window.
func (m deadlinesScreen) clientWidth() int {
	return max(m.width-2-dlKindWidth-m.whatWidth()-dlDueWidth-dlDaysWidth-12, 12)
}

// viewRow renders one deadline; the days left are coloured as in the
// caseload's retention column, and a restricted client is flagged in
// words, not by colour alone.
func (m deadlinesScreen) viewRow(d store.Deadline, selected bool, clientW, whatW int) string {
	t, st := m.env.text, m.env.styles
	cells := dlCell(deadlineKindText(t, d.Kind), dlKindWidth) + dlCell(deadlineClient(t, d), clientW) +
		dlCell(deadlineCategory(t, d), whatW) + dlCell(t.DateShort(d.Due), dlDueWidth)
	left := dlCell(deadlineLeft(t, d), dlDaysWidth)
	flag := ""
	if d.Restricted {
		flag = "⊘ " + t.T("deadlines.restricted")
	}
	if selected {
		return st.Accent.Render("› ") + st.Selected.Render(cells+left+flag)
	}
	return "  " + st.Text.Render(cells) + retentionStyle(st, d.State).Render(left) + st.Warning.Render(flag)
}

// dlCell is a cell with at least two spaces after a cut text, so columns
// never run together.
func dlCell(s string, width int) string { return kit.Cell(s, width-2) + "  " }

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
