package kit

import (
	"strings"
	"testing"

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
