package kit

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
)

// FitHints is the short help of bindings in at most width cells: as many
// as fit whole, then "…". (help.ShortHelpView adds every binding once the
// "…" itself no longer fits, so the line's end was cut by the frame,
// taking esc and q with it.)
func FitHints(h help.Model, bindings []key.Binding, width int) string {
	var enabled []key.Binding
	for _, b := range bindings {
		if b.Enabled() {
			enabled = append(enabled, b)
		}
	}
	ellipsis := " " + h.Styles.Ellipsis.Render(h.Ellipsis)
	for n := len(enabled); n > 0; n-- {
		h.Width = 0
		line := h.ShortHelpView(enabled[:n])
		if n < len(enabled) {
			line += ellipsis
		}
		if lipgloss.Width(line) <= width {
			return line
		}
	}
	return ""
}
