package tui

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// caseRow is one client as the caseload shows it, computed once per load.
type caseRow struct {
	id         int64
	name       string
	status     string
	trajectory string
	next       string
	retention  string
	ret        store.RetentionState
	restricted bool     // processing restricted: read-only, marked ⊘
	view       caseView // viewActive or viewClosed
	hay        string   // folded name, e-mail, phone, referral: what "/" searches
	nameKey    string   // folded name, for sorting
	nextAt     int64    // next appointment in Unix seconds; MaxInt64 for none
}

// caseTable is the caseload's data, built once per load by buildTable.
type caseTable struct {
	rows   []caseRow
	byName []int // row indices by name
	byNext []int // row indices by next appointment, then name
	counts [3]int
	// widths are the widest cells of each column, measured here so that
	// View sizes the columns to their content without measuring every
	// client on every frame: a wide terminal then does not give the
	// name column far more room than any name needs.
	widths caseWidths
	// unknownOutcomes counts the closed trajectories without an outcome
	// (imported so): the line under the filter asks to complete them.
	unknownOutcomes int
}

// buildTable computes every row's cells and search text, both sort orders
// and the count per tab. It runs in loadClients' command, not in Update.
func buildTable(t Text, src []store.ClientRow) caseTable {
	rows := make([]caseRow, len(src))
	var counts [3]int
	var w caseWidths
	// Referral texts repeat ("Gemeente Utrecht" for half the caseload):
	// fold each once.
	folded := map[string]string{}
	foldOnce := func(s string) string {
		f, ok := folded[s]
		if !ok {
			f = kit.Fold(s)
			folded[s] = f
		}
		return f
	}
	for i, c := range src {
		r := caseRow{
			id:         c.ID,
			name:       kit.OneLine(c.Name),
			status:     statusText(t, c.Status),
			trajectory: trajectory(t, c),
			next:       t.DateTimeShort(c.NextAppointment),
			ret:        c.Retention.State,
			retention:  retentionText(t, c.Retention),
			restricted: c.Restricted,
			view:       viewActive,
			nameKey:    kit.Fold(c.Name),
			nextAt:     math.MaxInt64,
		}
		if c.Status == store.StatusClosed || c.Status == store.StatusRejected {
			r.view = viewClosed
		}
		if !c.NextAppointment.IsZero() {
			r.nextAt = c.NextAppointment.Unix()
		}
		r.hay = r.nameKey + "\x00" + kit.Fold(c.Email) + "\x00" + c.Phone + "\x00" + digits(c.Phone) +
			"\x00" + foldOnce(referralText(t, c.Referral)) + "\x00" + foldOnce(c.ReferralDetail)
		counts[r.view]++
		rows[i] = r
		w.name = max(w.name, ansi.StringWidth(r.name))
		w.status = max(w.status, ansi.StringWidth(r.status))
		w.traj = max(w.traj, ansi.StringWidth(r.trajectory))
		w.next = max(w.next, ansi.StringWidth(r.next))
		w.ret = max(w.ret, ansi.StringWidth(r.retention))
	}
	counts[viewAll] = len(rows)
	byName := make([]int, len(rows))
	for i := range byName {
		byName[i] = i
	}
	// Ties fall back to the store's order, so the sort is stable without
	// the cost of a stable sort.
	slices.SortFunc(byName, func(a, b int) int {
		if c := strings.Compare(rows[a].nameKey, rows[b].nameKey); c != 0 {
			return c
		}
		return a - b
	})
	rank := make([]int, len(rows)) // position by name, the tie-breaker below
	for pos, i := range byName {
		rank[i] = pos
	}
	byNext := slices.Clone(byName)
	slices.SortFunc(byNext, func(a, b int) int {
		switch x, y := rows[a].nextAt, rows[b].nextAt; {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return rank[a] - rank[b]
	})
	return caseTable{rows: rows, byName: byName, byNext: byNext, counts: counts, widths: w}
}

// digits keeps the digits of a phone number, so "0612" finds "06-12 34 56 78".
func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// trajectory is "sep 2025 – mrt 2026", open-ended as "sep 2025 –".
func trajectory(t Text, c store.ClientRow) string {
	if c.Start.IsZero() && c.End.IsZero() {
		return ""
	}
	return strings.TrimSpace(t.MonthYear(c.Start) + " – " + t.MonthYear(c.End))
}

// retentionText is the countdown cell: "—" while the trajectory runs, days
// left, "overdue 3 d", or "hold: reason".
func retentionText(t Text, c store.Countdown) string {
	switch c.State {
	case store.RetentionRunning, "":
		return "—"
	case store.RetentionOverdue:
		return t.Tf("retention.overdue", -c.DaysLeft)
	case store.RetentionHold:
		return t.Tf("retention.hold", kit.OneLine(c.HoldReason))
	}
	if c.DaysLeft == 0 {
		return t.T("retention.today")
	}
	return t.Tf("retention.days", c.DaysLeft)
}

// retentionStyle colours a countdown by how close the purge date is.
func retentionStyle(st *Styles, s store.RetentionState) lipgloss.Style {
	return *retentionCell(st, s)
}

// retentionCell is retentionStyle as a table cell's style: one of st's
// own, so rows in the same style are drawn at once.
func retentionCell(st *Styles, s store.RetentionState) *lipgloss.Style {
	switch s {
	case store.RetentionSoon:
		return &st.Warning
	case store.RetentionUrgent:
		return &st.Danger
	case store.RetentionOverdue:
		return &st.DangerBold
	case store.RetentionHold, store.RetentionRunning, "":
		return &st.Muted
	}
	return &st.Text
}

// caseloadHeaderRows are the rows above the list: tabs, filter, a blank
// line and the column headers.
const caseloadHeaderRows = 4

// caseWidths are the widest cells of the caseload's columns.
type caseWidths struct{ name, status, traj, next, ret int }

// caseColumns are the caseload's columns, sized to the clients' cells
// and the terminal: the name as wide as the widest name (at least 20,
// so a short caseload keeps its look), a small "⊘" column joined to it,
// and the trajectory left out first when the terminal is narrow. The
// widths of the other columns are where they always stood, wider only
// for a cell that needs it.
func caseColumns(t Text, w caseWidths, width int) kit.Table {
	return kit.NewTable([]kit.Column{
		{Title: t.T("caseload.col_name"), Width: 20, Want: w.name},
		{Join: true, Want: 2}, // " ⊘"
		{Title: t.T("caseload.col_status"), Width: 10, Want: w.status},
		{Title: t.T("caseload.col_trajectory"), Width: 19, Want: w.traj, Drop: true},
		{Title: t.T("caseload.col_next"), Width: 17, Want: w.next},
		{Title: t.T("caseload.col_retention"), Width: 16, Want: w.ret},
	}, nil, width)
}

// View draws the tabs, the filter, the column headers and the rows on
// screen.
func (m caseloadModel) View() string {
	t, st := m.env.text, m.env.styles
	lines := []string{m.viewTabs(), m.viewFilter(), ""}
	switch {
	case m.unknownOutcomes == 1:
		lines[2] = "  " + st.Warning.Render(t.T("caseload.unknown_outcome"))
	case m.unknownOutcomes > 1:
		lines[2] = "  " + st.Warning.Render(t.Tf("caseload.unknown_outcomes", m.unknownOutcomes))
	}
	if !m.loaded {
		return strings.Join(lines, "\n")
	}
	if len(m.rows) == 0 {
		return strings.Join(append(lines, "  "+st.Accent.Render(t.T("caseload.empty"))), "\n")
	}
	table := caseColumns(t, m.widths, m.width)
	lines = append(lines, table.Header(st))
	if len(m.visible) == 0 {
		msg := t.T("caseload.none_in_view")
		if m.query != "" {
			msg = t.Tf("caseload.no_match", m.filter.Value())
		}
		return strings.Join(append(lines, "  "+st.Muted.Render(msg)), "\n")
	}
	start, end := m.list.Window(len(m.visible), m.listHeight())
	cells := make([]string, 6)
	styles := make([]*lipgloss.Style, 6)
	for i := start; i < end; i++ {
		r := &m.rows[m.visible[i]]
		cells[0], cells[1], cells[2], cells[3], cells[4], cells[5] = r.name, "", r.status, r.trajectory, r.next, r.retention
		styles[1], styles[5] = nil, retentionCell(st, r.ret)
		if r.restricted {
			// Read-only: the client screen says why.
			cells[1], styles[1] = " ⊘", &st.Muted
		}
		lines = append(lines, table.StyledRow(st, cells, styles, i == m.list.Cursor))
	}
	return strings.Join(lines, "\n")
}

// viewTabs shows the three tabs with their counts and the sort order. The
// current tab is in brackets as well as in colour.
func (m caseloadModel) viewTabs() string {
	t, st := m.env.text, m.env.styles
	names := [3]string{t.T("caseload.tab_active"), t.T("caseload.tab_closed"), t.T("caseload.tab_all")}
	parts := make([]string, 3)
	for i, n := range names {
		label := n + " " + strconv.Itoa(m.counts[i])
		if caseView(i) == m.view {
			parts[i] = st.Title.Render("[" + label + "]")
		} else {
			parts[i] = st.Muted.Render(" " + label + " ")
		}
	}
	sort := t.T("caseload.sort_name")
	if m.sort == sortNext {
		sort = t.T("caseload.sort_next")
	}
	left := " " + strings.Join(parts, " ")
	right := st.Muted.Render(sort)
	gap := max(m.width-lipgloss.Width(left)-lipgloss.Width(right)-1, 2)
	return left + strings.Repeat(" ", gap) + right
}

// viewFilter shows the filter field while it is used, else a hint.
func (m caseloadModel) viewFilter() string {
	t, st := m.env.text, m.env.styles
	if !m.filtering && m.query == "" {
		if len(m.rows) == 0 {
			return ""
		}
		return "  " + st.Muted.Render(t.T("caseload.filter_hint"))
	}
	count := st.Muted.Render(t.Tf("caseload.count", len(m.visible), m.counts[m.view]))
	return "  " + st.Accent.Render("/ ") + m.filter.View() + "  " + count
}
