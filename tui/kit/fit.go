package kit

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// Fitting text into cells: every table, form and screen cuts and pads
// with these, so a long name ends in "…" the same way everywhere and a
// screen never pushes the status line off the terminal.

// Cell cuts s to width cells ("…" when cut) and pads it to exactly width.
func Cell(s string, width int) string {
	w := ansi.StringWidth(s)
	if w > width {
		s = ansi.Truncate(s, width, "…")
		w = ansi.StringWidth(s)
	}
	return s + strings.Repeat(" ", max(width-w, 0))
}

// PadRight pads s with spaces to width cells.
func PadRight(s string, width int) string {
	if w := lipgloss.Width(s); w < width {
		return s + strings.Repeat(" ", width-w)
	}
	return s
}

// FitLine cuts a rendered line to width cells, ending in "…" when text is
// cut. What lies beyond width may be only padding (a field's input wider
// than the terminal): it is dropped without "…", which would say that
// there is more to read where there is nothing.
func FitLine(s string, width int) string {
	if width <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= width {
		return s
	}
	if strings.TrimSpace(ansi.Strip(ansi.TruncateLeft(s, width, ""))) == "" {
		return ansi.Truncate(s, width, "")
	}
	return ansi.Truncate(s, width, "…")
}

// FitBlock cuts every line of s to width and the block to exactly height
// lines, so a screen can never push the status line off the terminal.
func FitBlock(s string, width, height int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	for i, l := range lines {
		lines[i] = FitLine(l, width)
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// Paragraph wraps text to the screen's width, indented like a form.
func Paragraph(style lipgloss.Style, text string, width int) []string {
	var out []string
	for _, l := range Wrap(text, max(min(width-4, 90), 20)) {
		out = append(out, "  "+style.Render(l))
	}
	return out
}

// ScrollWindow returns the height lines of lines that keep line focus in
// view, a little below the top when it can.
func ScrollWindow(lines []string, focus, height int) []string {
	if len(lines) <= height || height <= 0 {
		return lines
	}
	start := max(min(focus-height/3, len(lines)-height), 0)
	return lines[start : start+height]
}
