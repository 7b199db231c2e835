package kit

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Zoë Çelik": "zoe celik", "Mehmet Yılmaz": "mehmet yilmaz", "Søren Łukasz": "soren lukasz",
		"Nguyễn Thị": "nguyen thi", "ANNA": "anna", "Straße": "strasse",
	} {
		if got := Fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWrapAndPlain(t *testing.T) {
	lines := Wrap("een twee drie vier\n\nvijfzesachtnegentien", 9)
	want := []string{"een twee", "drie vier", "", "vijfzesac", "htnegenti", "en"}
	if !slices.Equal(lines, want) {
		t.Errorf("wrap: %q", lines)
	}
	// Shown escaped, never obeyed; a Windows line break is a line break.
	if got := Plain("a\x1b[31mb\tc\r\nd\re\u202e"); got != `a\x1b[31mb    c`+"\n"+`d\re\u202e` {
		t.Errorf("plain: %q", got)
	}
	if got := FirstLine("\n  \n  Eerste regel  \ntweede"); got != "Eerste regel" {
		t.Errorf("firstLine: %q", got)
	}
}

func TestCellCutsAndPads(t *testing.T) {
	for _, tt := range []struct {
		in    string
		width int
		want  string
	}{
		{"Anna", 6, "Anna  "},
		{"Anna de Vries", 6, "Anna …"},
		{"Zoë", 3, "Zoë"},
		{"漢字漢字", 5, "漢字…"},
	} {
		got := Cell(tt.in, tt.width)
		if got != tt.want || ansi.StringWidth(got) != tt.width {
			t.Errorf("Cell(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
	if got := PadRight("Naam", 6); got != "Naam  " {
		t.Errorf("PadRight: %q", got)
	}
	if got := PadRight("Lange naam", 4); got != "Lange naam" {
		t.Errorf("PadRight cut a label: %q", got)
	}
}

func TestFitBlockKeepsTheFrame(t *testing.T) {
	got := FitBlock("een twee drie\nvier\nvijf\nzes", 8, 3)
	want := "een twe…\nvier\nvijf"
	if got != want {
		t.Errorf("FitBlock = %q, want %q", got, want)
	}
	if got := FitBlock("a", 5, 3); strings.Count(got, "\n") != 2 {
		t.Errorf("FitBlock did not pad to the height: %q", got)
	}
	if FitLine("abc", 0) != "" {
		t.Error("FitLine at width 0 shows text")
	}
}

func TestParagraphIndentsAndWraps(t *testing.T) {
	lines := Paragraph(lipgloss.NewStyle(), "een twee drie vier vijf zes zeven acht negen tien elf twaalf", 30)
	if len(lines) < 2 {
		t.Fatalf("not wrapped: %q", lines)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "  ") || ansi.StringWidth(l) > 30 {
			t.Errorf("line %q", l)
		}
	}
}

func TestScrollWindowKeepsTheFocusInView(t *testing.T) {
	lines := make([]string, 30)
	for i := range lines {
		lines[i] = strings.Repeat("x", i)
	}
	got := ScrollWindow(lines, 25, 10)
	if len(got) != 10 || !slices.Contains(got, lines[25]) {
		t.Errorf("focus line 25 not in %q", got)
	}
	if got := ScrollWindow(lines[:5], 4, 10); len(got) != 5 {
		t.Errorf("a short form scrolled: %q", got)
	}
}

// At 80 columns the hints keep what fits whole and say "…" for the rest,
// rather than cutting the line in the middle of a key.
func TestFitHintsKeepsWholeHints(t *testing.T) {
	b := func(k, d string) key.Binding { return key.NewBinding(key.WithKeys(k), key.WithHelp(k, d)) }
	off := b("z", "hidden")
	off.SetEnabled(false)
	bs := []key.Binding{b("n", "new"), off, b("e", "edit"), b("x", "export dossier"), b("esc", "back"), b("q", "quit")}
	h := help.New()
	if got := FitHints(h, bs, 200); strings.Contains(got, "hidden") || !strings.Contains(got, "q quit") {
		t.Errorf("wide: %q", got)
	}
	got := FitHints(h, bs, 30)
	if ansi.StringWidth(got) > 30 || !strings.HasSuffix(got, "…") || !strings.Contains(got, "n new") {
		t.Errorf("narrow: %q", got)
	}
}

// A line cut where only padding is lost ends without "…": an empty field
// wider than the terminal must not look as if it held text.
func TestFitLineEllipsisOnlyForText(t *testing.T) {
	if got := FitLine("Notes"+strings.Repeat(" ", 20), 10); got != "Notes     " {
		t.Errorf("padding cut: %q", got)
	}
	if got := FitLine("Address   Ooievaarsweg 16", 15); got != "Address   Ooie…" {
		t.Errorf("text cut: %q", got)
	}
	styled := "\x1b[1mNotes\x1b[0m" + strings.Repeat(" ", 20)
	if got := ansi.Strip(FitLine(styled, 10)); got != "Notes     " {
		t.Errorf("styled padding cut: %q", got)
	}
}
