package kit

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// Column is one column of a Table.
type Column struct {
	Title string
	Min   int // the least it shrinks to when the terminal is narrow (0: 8)
	Max   int // the most it grows to, however wide its cells (0: no limit)
	// Width is how wide it is at least while the terminal has room, so
	// a column of dates or states keeps its place whatever its cells; a
	// wider cell widens it rather than being cut.
	Width int
	// Want is the widest cell when the screen measured it beforehand (a
	// list of thousands, measured once per load rather than per frame):
	// the rows passed to NewTable may then be nil.
	Want  int
	Right bool // numbers: aligned to the right
	// Join draws the column right after the one before it, without the
	// gap: a mark that belongs to it (the ⊘ after a restricted name).
	Join bool
	// Drop leaves the column out, rather than cut the others, when the
	// terminal cannot show every column whole.
	Drop bool
}

// Table lays out rows of cells under a header, each column sized to its
// content and the terminal: a column is as wide as its widest cell (and
// its title), so a short name column stays short on a wide terminal;
// when they do not all fit, a Drop column goes first, then the widest
// give way, none below its Min. The last column is never padded, so a
// row ends where its text ends, and it takes what the line leaves.
type Table struct {
	Columns []Column
	// Widths are the columns' widths; 0 for a column left out (a Drop
	// column on a narrow terminal, a column with no text at all).
	Widths []int
}

const (
	tableMarker = 2 // "› " before the selected row, "  " before the others
	tableGap    = 2
)

// NewTable sizes cols to rows (the cells as shown, one slice per row) in
// width cells.
func NewTable(cols []Column, rows [][]string, width int) Table {
	return NewTables(width, Part{Columns: cols, Rows: rows})[0]
}

// Part is one of the tables NewTables sizes together.
type Part struct {
	Columns []Column
	Rows    [][]string
}

// NewTables sizes tables shown one under the other so that their columns
// line up: column i of each is as wide as the widest cell of column i in
// any of them. A part's last column, unless it is the last of the widest
// part, does not widen the others' column i: it is not padded, and takes
// what its own line leaves. Min, Max, Width, Join and Drop come from the
// first part with the most columns.
func NewTables(width int, parts ...Part) []Table {
	spec := 0
	for i, p := range parts {
		if len(p.Columns) > len(parts[spec].Columns) {
			spec = i
		}
	}
	n := 0
	if len(parts) > 0 {
		n = len(parts[spec].Columns)
	}
	content := make([]int, n)
	for _, p := range parts {
		for i, c := range p.Columns {
			if i == len(p.Columns)-1 && i < n-1 {
				continue
			}
			content[i] = max(content[i], ansi.StringWidth(c.Title), c.Want)
		}
		for _, r := range p.Rows {
			for i := range min(len(r), len(p.Columns)) {
				if i == len(p.Columns)-1 && i < n-1 {
					continue
				}
				content[i] = max(content[i], ansi.StringWidth(r[i]))
			}
		}
	}
	var widths []int
	if n > 0 {
		widths = layout(parts[spec].Columns, content, width)
	}
	tables := make([]Table, len(parts))
	for k, p := range parts {
		w := make([]int, len(p.Columns))
		copy(w, widths)
		if last := len(w) - 1; last >= 0 && w[last] > 0 && !p.Columns[last].Right {
			// The last column takes what the line leaves: it is not
			// padded, so only its cut moves.
			used := 0
			for i, v := range w[:last] {
				used += v + gapBefore(p.Columns, w, i)
			}
			w[last] = max(w[last], width-tableMarker-used-gapBefore(p.Columns, w, last)-1)
		}
		tables[k] = Table{Columns: p.Columns, Widths: w}
	}
	return tables
}

// gapBefore is the space before column i: none before the first shown
// column, a joined or a dropped one.
func gapBefore(cols []Column, w []int, i int) int {
	if w[i] == 0 || cols[i].Join {
		return 0
	}
	for _, v := range w[:i] {
		if v > 0 {
			return tableGap
		}
	}
	return 0
}

// layout sizes the columns to their content within width: Drop columns
// leave, last first, while the rest do not fit at their Width; then the
// room a Width keeps beyond the text goes, the most first; then the
// widest columns give way one cell at a time, none below its Min.
func layout(cols []Column, content []int, width int) []int {
	w := make([]int, len(cols))
	least := make([]int, len(cols))
	for i, c := range cols {
		if c.Max > 0 {
			content[i] = min(content[i], max(c.Max, c.Width))
		}
		w[i] = max(content[i], c.Width)
		least[i] = c.Min
		if least[i] == 0 {
			least[i] = 8
		}
		least[i] = min(least[i], content[i])
	}
	avail := func() int {
		a := width - tableMarker - 1
		for i, v := range w {
			a -= v + gapBefore(cols, w, i)
		}
		return a
	}
	for i := len(cols) - 1; i >= 0 && avail() < 0; i-- {
		if cols[i].Drop {
			w[i], least[i], content[i] = 0, 0, 0
		}
	}
	for avail() < 0 {
		roomiest := -1
		for i, v := range w {
			if v > content[i] && (roomiest < 0 || v-content[i] > w[roomiest]-content[roomiest]) {
				roomiest = i
			}
		}
		if roomiest < 0 {
			break
		}
		w[roomiest]--
	}
	for avail() < 0 {
		widest := -1
		for i, v := range w {
			if v > least[i] && (widest < 0 || v > w[widest]) {
				widest = i
			}
		}
		if widest < 0 {
			break
		}
		w[widest]--
	}
	return w
}

// Cells lays cells out in the columns, two spaces apart: each cut with
// "…" to its column and padded, the last only cut; a row never ends in
// spaces (a row whose last cells are empty ends after its last text).
func (t Table) Cells(cells []string) string {
	var b strings.Builder
	end := t.end(cells)
	for i := range end {
		if t.Widths[i] > 0 {
			b.WriteString(gaps[:gapBefore(t.Columns, t.Widths, i)])
			b.WriteString(t.cell(cells[i], i, i == end-1))
		}
	}
	return b.String()
}

// gaps holds the spaces between two columns, sliced without allocating.
const gaps = "  "

// end is one past the last cell of cells that is shown and holds text.
func (t Table) end(cells []string) int {
	n := min(len(cells), len(t.Widths))
	for n > 0 && (cells[n-1] == "" || t.Widths[n-1] == 0) {
		n--
	}
	return n
}

// cell is c fitted to column i: cut with "…", and padded unless it is the
// last of its row (a column aligned right is padded on the left).
func (t Table) cell(c string, i int, last bool) string {
	w := t.Widths[i]
	switch {
	case t.Columns[i].Right:
		c = FitLine(c, w)
		return strings.Repeat(" ", max(w-ansi.StringWidth(c), 0)) + c
	case last:
		return FitLine(c, w)
	}
	return Cell(c, w)
}

// Header is the column titles, as a table's first line.
func (t Table) Header(st *Styles) string {
	titles := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		titles[i] = c.Title
	}
	return strings.Repeat(" ", tableMarker) + st.Header.Render(t.Cells(titles))
}

// StyledRow draws one row with a style per cell (a nil style, or none
// given, is the text style); cells side by side in the same style are
// drawn at once, so a long list stays fast. The selected row has "›" and
// the selected style over all of it (the marker says it without colour
// too).
func (t Table) StyledRow(st *Styles, cells []string, styles []*lipgloss.Style, selected bool) string {
	if selected {
		return st.Accent.Render("› ") + st.Selected.Render(t.Cells(cells))
	}
	end := t.end(cells)
	var out, run strings.Builder
	out.WriteString("  ")
	var style *lipgloss.Style
	for i := range end {
		if t.Widths[i] == 0 {
			continue
		}
		s := &st.Text
		if i < len(styles) && styles[i] != nil {
			s = styles[i]
		}
		gap := gaps[:gapBefore(t.Columns, t.Widths, i)]
		if s != style && run.Len() > 0 {
			// The gap before a cell stays in the style before it.
			run.WriteString(gap)
			out.WriteString(style.Render(run.String()))
			run.Reset()
			gap = ""
		}
		style = s
		run.WriteString(gap)
		run.WriteString(t.cell(cells[i], i, i == end-1))
	}
	if run.Len() > 0 {
		out.WriteString(style.Render(run.String()))
	}
	return out.String()
}

// Row draws one row: the selected one with "›" and the selected style,
// the others in the text style with the last cell in last (a state:
// overdue in red, open in amber).
func (t Table) Row(st *Styles, cells []string, last lipgloss.Style, selected bool) string {
	styles := make([]*lipgloss.Style, len(cells))
	if n := len(cells); n > 0 {
		styles[n-1] = &last
	}
	return t.StyledRow(st, cells, styles, selected)
}

// Line draws one row all in style (a masked document in the warning
// style), the selected one as Row does.
func (t Table) Line(st *Styles, cells []string, style lipgloss.Style, selected bool) string {
	if selected {
		return st.Accent.Render("› ") + st.Selected.Render(t.Cells(cells))
	}
	return "  " + style.Render(t.Cells(cells))
}

// LabelLine is one line of a detail view, a table of two columns: the
// label in the label column, as wide as every form's so that labels line
// up across screens, then value as the screen styled it. A label as wide
// as the column still keeps a space before the value.
func LabelLine(st *Styles, label, value string) string {
	l := PadRight(label, LabelWidth)
	if ansi.StringWidth(label) >= LabelWidth {
		l += " "
	}
	return "  " + st.Label.Render(l) + value
}
