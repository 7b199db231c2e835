package kit

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/lipgloss"
)

// Theme names the interface's colours by role, each adaptive to light and
// dark terminals. Screens never see a colour, only Styles.
type Theme struct {
	Text     lipgloss.AdaptiveColor
	Muted    lipgloss.AdaptiveColor
	Accent   lipgloss.AdaptiveColor
	Danger   lipgloss.AdaptiveColor
	Warning  lipgloss.AdaptiveColor
	Success  lipgloss.AdaptiveColor
	Selected lipgloss.AdaptiveColor // background of the selected row
	Border   lipgloss.AdaptiveColor
}

// DefaultTheme is calm on purpose: one accent, and red and amber kept for
// what needs attention (deadlines, failed saves).
func DefaultTheme() Theme {
	return Theme{
		Text:     lipgloss.AdaptiveColor{Light: "#1F2328", Dark: "#E6EDF3"},
		Muted:    lipgloss.AdaptiveColor{Light: "#6E7781", Dark: "#8B949E"},
		Accent:   lipgloss.AdaptiveColor{Light: "#0B6E99", Dark: "#6CB6D9"},
		Danger:   lipgloss.AdaptiveColor{Light: "#B42318", Dark: "#FF7B72"},
		Warning:  lipgloss.AdaptiveColor{Light: "#9A6700", Dark: "#E3B341"},
		Success:  lipgloss.AdaptiveColor{Light: "#1A7F37", Dark: "#56D364"},
		Selected: lipgloss.AdaptiveColor{Light: "#DDF4FF", Dark: "#1C3A4F"},
		Border:   lipgloss.AdaptiveColor{Light: "#D0D7DE", Dark: "#30363D"},
	}
}

// Styles are the rendered roles, built once from a Theme by NewStyles and
// passed to every screen. Nothing else may build a coloured style, so the
// theme stays in one place.
//
// NO_COLOR (and a terminal without colour) is honoured by lipgloss itself:
// it then drops colours and attributes alike. That is why no meaning may
// rest on a style alone — the selected row has a "›" marker, an overdue
// deadline says "overdue".
type Styles struct {
	Title      lipgloss.Style // screen titles, the breadcrumb
	Text       lipgloss.Style
	Muted      lipgloss.Style // secondary text, hints, placeholders
	Accent     lipgloss.Style // the one thing to look at
	Danger     lipgloss.Style
	DangerBold lipgloss.Style
	Warning    lipgloss.Style
	Success    lipgloss.Style
	Selected   lipgloss.Style // the row under the cursor
	Header     lipgloss.Style // table column headers
	Label      lipgloss.Style // form and detail labels
	Key        lipgloss.Style // a key in hints and help
	Box        lipgloss.Style // a framed block, such as the recovery key
	Help       help.Styles
}

// NewStyles renders a theme into styles.
func NewStyles(t Theme) *Styles {
	base := lipgloss.NewStyle()
	s := &Styles{
		Title:      base.Foreground(t.Accent).Bold(true),
		Text:       base.Foreground(t.Text),
		Muted:      base.Foreground(t.Muted),
		Accent:     base.Foreground(t.Accent),
		Danger:     base.Foreground(t.Danger),
		DangerBold: base.Foreground(t.Danger).Bold(true),
		Warning:    base.Foreground(t.Warning),
		Success:    base.Foreground(t.Success),
		Selected:   base.Background(t.Selected).Foreground(t.Text),
		Header:     base.Foreground(t.Muted).Bold(true),
		Label:      base.Foreground(t.Muted),
		Key:        base.Foreground(t.Accent).Bold(true),
		Box:        base.Border(lipgloss.RoundedBorder()).BorderForeground(t.Border).Padding(0, 1),
	}
	s.Help = help.Styles{
		Ellipsis:       s.Muted,
		ShortKey:       s.Key,
		ShortDesc:      s.Muted,
		ShortSeparator: s.Muted,
		FullKey:        s.Key,
		FullDesc:       s.Text,
		FullSeparator:  s.Muted,
	}
	return s
}
