package kit

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// Column is one column of a Table.
type Column struct {
	Title string
	Min   int  // the least it shrinks to when the terminal is narrow (0: 8)
	Max   int  // the most it grows to, however wide its cells (0: no limit)
	Right bool // numbers: aligned to the right
}

// Table lays out rows of cells under a header, each column sized to its
// content and the terminal: a column is as wide as its widest cell (and
// its title), so a short name column stays short on a wide terminal;
// when they do not all fit, the widest give way first, none below its Min.
// The last column is never padded, so a row ends where its text ends.
type Table struct {
	Columns []Column
	Widths  []int
}

const (
	tableMarker = 2 // "› " before the selected row, "  " before the others
	tableGap    = 2
)

// NewTable sizes cols to rows (the cells as shown, one slice per row) in
// width cells.
func NewTable(cols []Column, rows [][]string, width int) Table {
	want := make([]int, len(cols))
	least := make([]int, len(cols))
	for i, c := range cols {
		want[i] = ansi.StringWidth(c.Title)
		least[i] = c.Min
		if least[i] == 0 {
			least[i] = 8
		}
	}
	for _, r := range rows {
		for i := range min(len(r), len(cols)) {
			want[i] = max(want[i], ansi.StringWidth(r[i]))
		}
	}
	for i, c := range cols {
		if c.Max > 0 {
			want[i] = min(want[i], c.Max)
		}
		least[i] = min(least[i], want[i])
	}
	avail := width - tableMarker - tableGap*max(len(cols)-1, 0) - 1
	return Table{Columns: cols, Widths: shrink(want, least, avail)}
}

// shrink narrows the widest column above its least, one cell at a time,
// until the columns fit in avail or none can give way.
func shrink(w, least []int, avail int) []int {
	for {
		total, widest := 0, -1
		for i, v := range w {
			total += v
			if v > least[i] && (widest < 0 || v > w[widest]) {
				widest = i
			}
		}
		if total <= avail || widest < 0 {
			return w
		}
		w[widest]--
	}
}

// Cells lays cells out in the columns, two spaces apart: each cut with
// "…" to its column and padded, the last only cut; a row never ends in
// spaces (a row whose last cells are empty ends after its last text).
func (t Table) Cells(cells []string) string {
	var b strings.Builder
	for i, c := range cells {
		if i >= len(t.Widths) {
			break
		}
		if i > 0 {
			b.WriteString(strings.Repeat(" ", tableGap))
		}
		switch {
		case t.Columns[i].Right:
			c = FitLine(c, t.Widths[i])
			b.WriteString(strings.Repeat(" ", max(t.Widths[i]-ansi.StringWidth(c), 0)) + c)
		case i == len(t.Widths)-1:
			b.WriteString(FitLine(c, t.Widths[i]))
		default:
			b.WriteString(Cell(c, t.Widths[i]))
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// Header is the column titles, as a table's first line.
func (t Table) Header(st *Styles) string {
	titles := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		titles[i] = c.Title
	}
	return strings.Repeat(" ", tableMarker) + st.Header.Render(t.Cells(titles))
}

// Row draws one row: the selected one with "›" and the selected style
// (the marker says it without colour too), the others in the text style
// with the last cell in last (a state: overdue in red, open in amber).
func (t Table) Row(st *Styles, cells []string, last lipgloss.Style, selected bool) string {
	if selected {
		return st.Accent.Render("› ") + st.Selected.Render(t.Cells(cells))
	}
	n := min(len(cells), len(t.Widths)) - 1
	if n < 0 {
		return ""
	}
	var head strings.Builder
	for i := range n {
		head.WriteString(Cell(cells[i], t.Widths[i]))
		head.WriteString(strings.Repeat(" ", tableGap))
	}
	if cells[n] == "" {
		return "  " + st.Text.Render(strings.TrimRight(head.String(), " "))
	}
	return "  " + st.Text.Render(head.String()) + last.Render(FitLine(cells[n], t.Widths[n]))
}

// Line draws one row all in style (a masked document in the warning
// style), the selected one as Row does.
func (t Table) Line(st *Styles, cells []string, style lipgloss.Style, selected bool) string {
	if selected {
		return st.Accent.Render("› ") + st.Selected.Render(t.Cells(cells))
	}
	return "  " + style.Render(t.Cells(cells))
}
