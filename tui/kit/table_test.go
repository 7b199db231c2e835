package kit

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// At 200 columns a column of short names stays as wide as its widest
// name; at 120 a column of long purposes is not cut when it fits.
func TestTableSizesColumnsToContentAndTerminal(t *testing.T) {
	cols := []Column{{Title: "NAME"}, {Title: "PURPOSE"}, {Title: "STATE"}}
	rows := [][]string{
		{"Anna de Vries", "voortgang delen met klantmanager gemeente Utrecht", "given"},
		{"Noor Jansen", "CV doorsturen naar werkgever", "withdrawn"},
	}
	wide := NewTable(cols, rows, 200)
	if wide.Widths[0] != len("Anna de Vries") {
		t.Errorf("name column at 200 columns: %d wide", wide.Widths[0])
	}
	mid := NewTable(cols, rows, 120)
	row := ansi.Strip(mid.Row(NewStyles(DefaultTheme()), rows[0], NewStyles(DefaultTheme()).Muted, false))
	if !strings.Contains(row, "voortgang delen met klantmanager gemeente Utrecht") {
		t.Errorf("purpose cut at 120 columns: %q", row)
	}
	narrow := NewTable(cols, rows, 40)
	total := 2 + 2*2 + narrow.Widths[0] + narrow.Widths[1] + narrow.Widths[2]
	if total > 40 || narrow.Widths[0] < 8 {
		t.Errorf("at 40 columns: widths %v (%d cells)", narrow.Widths, total)
	}
	for _, r := range rows {
		if w := ansi.StringWidth(narrow.Row(NewStyles(DefaultTheme()), r, NewStyles(DefaultTheme()).Text, true)); w > 40 {
			t.Errorf("selected row %d cells wide at 40", w)
		}
	}
}

func TestTableRowMarksTheSelection(t *testing.T) {
	st := NewStyles(DefaultTheme())
	tb := NewTable([]Column{{Title: "A"}, {Title: "B"}}, [][]string{{"x", "y"}}, 80)
	if got := ansi.Strip(tb.Row(st, []string{"x", "y"}, st.Text, true)); !strings.HasPrefix(got, "› x") {
		t.Errorf("selected: %q", got)
	}
	if got := ansi.Strip(tb.Row(st, []string{"x", "y"}, st.Text, false)); got != "  x  y" {
		t.Errorf("plain: %q", got)
	}
	if got := ansi.Strip(tb.Header(st)); got != "  A  B" {
		t.Errorf("header: %q", got)
	}
}

// Each cell is drawn in its own style (the days left in red, the status
// muted); the selected row is in the selected style whole.
func TestTableStyledRowStylesEachCell(t *testing.T) {
	st := NewStyles(DefaultTheme())
	upper := lipgloss.NewStyle().Transform(strings.ToUpper)
	cells := []string{"access", "14 days", "open"}
	tb := NewTable([]Column{{Title: "KIND"}, {Title: "LEFT"}, {Title: "STATUS"}}, [][]string{cells}, 80)
	if got := ansi.Strip(tb.StyledRow(st, cells, []*lipgloss.Style{1: &upper}, false)); got != "  access  14 DAYS  open" {
		t.Errorf("styled row: %q", got)
	}
	if got := ansi.Strip(tb.StyledRow(st, cells, []*lipgloss.Style{1: &upper}, true)); got != "› access  14 days  open" {
		t.Errorf("selected row: %q", got)
	}
	if got := ansi.Strip(tb.StyledRow(st, []string{"access", "", ""}, nil, false)); got != "  access" {
		t.Errorf("a row whose last cells are empty: %q", got)
	}
}

// Tables shown one under the other share their columns' widths; the last
// column of the shorter one does not widen the longer one's column.
func TestNewTablesShareWidths(t *testing.T) {
	long := "voortgangsverslag over het eerste halfjaar"
	tables := NewTables(120,
		Part{Columns: []Column{{Title: "PURPOSE"}, {Title: "TO"}, {Title: "GIVEN", Width: 12}, {Title: "BY"}, {Title: "WITHDRAWN"}},
			Rows: [][]string{{"stageplek zoeken", "ROC Midden", "1 okt 2025", "cliënt", ""}}},
		Part{Columns: []Column{{Title: "WHAT"}, {Title: "TO"}, {Title: "DATE", Width: 12}, {Title: "BASIS"}},
			Rows: [][]string{{long, "Gemeente Utrecht", "15 dec 2025", "gerechtvaardigd belang van de school"}}})
	a, b := tables[0], tables[1]
	for i := range 3 {
		if a.Widths[i] != b.Widths[i] {
			t.Errorf("column %d: %d and %d wide", i, a.Widths[i], b.Widths[i])
		}
	}
	if a.Widths[0] != len(long) {
		t.Errorf("the shared first column is %d wide, want %d", a.Widths[0], len(long))
	}
	if a.Widths[3] != ansi.StringWidth("cliënt") {
		t.Errorf("the disclosures' basis widened the consents' BY column to %d", a.Widths[3])
	}
	st := NewStyles(DefaultTheme())
	row := ansi.Strip(b.Row(st, []string{long, "Gemeente Utrecht", "15 dec 2025", "gerechtvaardigd belang van de school"}, st.Text, false))
	if !strings.HasSuffix(row, "gerechtvaardigd belang van de school") {
		t.Errorf("the basis is cut though the line has room: %q", row)
	}
}

// A Width keeps a column's place while the terminal has room; a longer
// cell widens it; on a narrow terminal that room goes before any text is
// cut, and a Drop column goes before that.
func TestTableWidthDropAndJoin(t *testing.T) {
	cols := []Column{{Title: "NAME", Width: 20}, {Join: true, Width: 2}, {Title: "STATUS", Width: 10},
		{Title: "TRAJECTORY", Width: 19, Drop: true}, {Title: "NEXT", Width: 17}, {Title: "LEFT", Width: 16}}
	rows := [][]string{{"Anna de Vries", " ⊘", "active", "Sep 2025 – Mar 2026", "27 Jan 2026 14:30", "hold: complaint by the school"}}
	st := NewStyles(DefaultTheme())
	wide := NewTable(cols, rows, 140)
	if wide.Widths[0] != 20 || wide.Widths[2] != 10 || wide.Widths[3] != 19 {
		t.Errorf("at 140 columns: %v", wide.Widths)
	}
	row := ansi.Strip(wide.Row(st, rows[0], st.Text, false))
	if !strings.HasPrefix(row, "  Anna de Vries        ⊘  active      Sep 2025") || !strings.HasSuffix(row, "hold: complaint by the school") {
		t.Errorf("at 140 columns: %q", row)
	}
	narrow := NewTable(cols, rows, 80)
	if narrow.Widths[3] != 0 {
		t.Errorf("the trajectory stays at 80 columns: %v", narrow.Widths)
	}
	row = ansi.Strip(narrow.Row(st, rows[0], st.Text, false))
	// No trajectory, no gap where it stood, the padding gone before any
	// text is cut: everything else whole.
	if want := "  Anna de Vries   ⊘  active    27 Jan 2026 14:30  hold: complaint by the school"; row != want {
		t.Errorf("at 80 columns:\n%q, want\n%q", row, want)
	}
	// Measured beforehand: no rows needed.
	if m := NewTable([]Column{{Title: "NAME", Want: 31}, {Title: "X"}}, nil, 200); m.Widths[0] != 31 {
		t.Errorf("a column measured beforehand is %d wide", m.Widths[0])
	}
	// Padding goes before text is cut.
	pad := NewTable([]Column{{Title: "KIND", Width: 20}, {Title: "CLIENT"}}, [][]string{{"retention", "#4 Fatima el Amrani"}}, 40)
	if pad.Widths[1] != len("#4 Fatima el Amrani") {
		t.Errorf("the client is cut while the kind column has room to spare: %v", pad.Widths)
	}
}

// A detail view's label column is every form's: labels line up.
func TestLabelLine(t *testing.T) {
	st := NewStyles(DefaultTheme())
	if got := ansi.Strip(LabelLine(st, "E-mail", "anna@example.nl")); got != "  E-mail"+strings.Repeat(" ", LabelWidth-6)+"anna@example.nl" {
		t.Errorf("label line: %q", got)
	}
	long := strings.Repeat("x", LabelWidth)
	if got := ansi.Strip(LabelLine(st, long, "v")); got != "  "+long+" v" {
		t.Errorf("a label as wide as the column runs into its value: %q", got)
	}
}
