package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"

	"github.com/caseload/caseload/termsafe"
	"github.com/caseload/caseload/tui/kit"
)

// View draws the header, the top screen (or the help overlay), the key
// hints (or an open prompt) and the status line. Every line is cut to the
// width, so nothing ever wraps. Screens escape vault text where they draw
// it (termsafe.Line per cell, so the layout holds); the whole frame then
// passes termsafe.Styled, so text a screen forgot is still shown escaped
// and never obeyed by the terminal.
func (m Model) View() string {
	return termsafe.Styled(m.frame())
}

// frame is View before the last pass through termsafe.Styled.
func (m Model) frame() string {
	if m.width == 0 {
		return ""
	}
	size := m.contentSize()
	content := m.top().View()
	if m.help {
		content = m.viewHelp()
	}
	var b strings.Builder
	b.WriteString(kit.FitLine(m.viewHeader(), m.width))
	b.WriteByte('\n')
	b.WriteString(kit.FitBlock(content, size.Width, size.Height))
	b.WriteByte('\n')
	b.WriteString(kit.FitLine(m.viewHints(), m.width))
	b.WriteByte('\n')
	b.WriteString(kit.FitLine(m.viewStatus(), m.width))
	return b.String()
}

// viewHeader is the breadcrumb of the stack: "caseload › Anna de Vries".
func (m Model) viewHeader() string {
	st := m.styles
	parts := []string{st.Title.Render("caseload")}
	if m.phase == phaseUnlocked || m.phase == phaseClosing {
		for _, s := range m.stack {
			if t := s.Title(); t != "" {
				parts = append(parts, st.Text.Render(termsafe.Line(t)))
			}
		}
	}
	return " " + strings.Join(parts, st.Muted.Render(" › "))
}

// viewHints is the top screen's short help, or the open prompt.
func (m Model) viewHints() string {
	if m.prompt != nil {
		return " " + m.prompt.view(m.styles)
	}
	h := help.New()
	h.Styles = m.styles.Help
	h.ShortSeparator = " · "
	h.Width = m.width - 1
	bindings := m.top().KeyMap().ShortHelp()
	g := m.globals()
	switch {
	case m.help:
		bindings = []key.Binding{m.keys.Help, m.keys.Back}
	case !m.top().Capturing() && m.phase == phaseUnlocked:
		// "? help" first: when the line is cut, it still says where every
		// key is listed.
		// esc and q close the line, and keep their place when the
		// screen's keys do not all fit: those are in the help.
		tail := h.ShortHelpView([]key.Binding{g.Back, g.Quit})
		sep := h.Styles.ShortSeparator.Render(h.ShortSeparator)
		head := kit.FitHints(h, append([]key.Binding{g.Help}, bindings...),
			m.width-1-lipgloss.Width(tail)-lipgloss.Width(sep))

		if tail == "" {
			return " " + head
		}
		return " " + head + sep + tail
	}
	return " " + h.ShortHelpView(bindings)
}

// viewStatus is the status line: the last message on the left; saving, the
// lock countdown and the vault's folder on the right.
func (m Model) viewStatus() string {
	st, t := m.styles, m.text
	var left string
	switch {
	case m.status.text != "":
		left = m.statusStyle(m.status.kind).Render(termsafe.Line(m.status.text))
	case m.saveReason != "":
		left = st.Danger.Render(termsafe.Line(t.Tf("status.not_saved", m.saveReason)))
	case m.imageSize >= imageWarnAt && m.phase == phaseUnlocked:
		left = st.Warning.Render(t.Tf("status.image_large", m.imageSize>>20, imageLimit>>20))
	}
	var right []string
	switch {
	case m.phase == phaseClosing && m.closing != nil && !m.closing.quit:
		right = append(right, st.Muted.Render(t.T("status.locking")))
	case m.saving > 0:
		right = append(right, st.Muted.Render(t.T("status.saving")))
	case m.saveReason != "":
		right = append(right, st.DangerBold.Render(t.T("status.unsaved")))
	case m.saved:
		right = append(right, st.Success.Render(t.T("status.saved")))
	}
	if m.phase == phaseUnlocked {
		right = append(right, m.countdownStyle().Render(t.Tf("status.locks_in", countdown(m.idleLeft))))
	}
	r := strings.Join(append(right, st.Muted.Render(m.vaultDir)), st.Muted.Render(" · ")) + " "
	if len(right) > 0 && lipgloss.Width(left)+lipgloss.Width(r)+2 > m.width {
		// A message that does not fit beside the vault's folder wins
		// its room: the folder is known, the message is news.
		r = strings.Join(right, st.Muted.Render(" · ")) + " "
	}
	room := m.width - lipgloss.Width(r) - 2
	if room < 10 { // too narrow for both: the message wins
		return " " + left
	}
	left = kit.FitLine(left, room)
	gap := max(m.width-lipgloss.Width(left)-lipgloss.Width(r)-1, 1)
	return " " + left + strings.Repeat(" ", gap) + r
}

func (m Model) statusStyle(k statusKind) lipgloss.Style {
	switch k {
	case statusWarning:
		return m.styles.Warning
	case statusError:
		return m.styles.DangerBold
	}
	return m.styles.Accent
}

// countdownStyle warns in the last minute before an automatic lock.
func (m Model) countdownStyle() lipgloss.Style {
	if m.idleLeft <= time.Minute {
		return m.styles.Warning
	}
	return m.styles.Muted
}

// countdown formats a duration as "4:12".
func countdown(d time.Duration) string {
	s := int((d + time.Second - 1) / time.Second)
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// viewHelp is the help overlay: every enabled key of the top screen, then
// the global keys.
func (m Model) viewHelp() string {
	t, st := m.text, m.styles
	groups := m.top().KeyMap().FullHelp()
	if !m.top().Capturing() {
		groups = append(groups, m.globals().FullHelp()...)
	}
	var blocks []string
	for _, g := range groups {
		var keys, descs []string
		for _, b := range g {
			if b.Enabled() && b.Help().Key != "" {
				keys = append(keys, st.Key.Render(b.Help().Key))
				descs = append(descs, st.Text.Render(b.Help().Desc))
			}
		}
		if len(keys) == 0 {
			continue
		}
		blocks = append(blocks, lipgloss.JoinHorizontal(lipgloss.Top,
			strings.Join(keys, "\n"), "  ", strings.Join(descs, "\n"), "    "))
	}
	title := st.Title.Render(t.Tf("help.title", m.top().Title()))
	if m.top().Title() == "" {
		title = st.Title.Render(t.T("help.title_plain"))
	}
	return lipgloss.JoinVertical(lipgloss.Left, "", " "+title, "", flow(blocks, m.width-2, " "))
}

// flow lays blocks out left to right, starting a new row when one would
// not fit in width.
func flow(blocks []string, width int, indent string) string {
	var rows []string
	var row []string
	used := 0
	for _, b := range blocks {
		w := lipgloss.Width(b)
		if used > 0 && used+w > width {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, used = nil, 0
		}
		row = append(row, b)
		used += w
	}
	if len(row) > 0 {
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	}
	out := strings.Join(rows, "\n\n")
	return indent + strings.ReplaceAll(out, "\n", "\n"+indent)
}

// shortenPath shows a folder the way a coach recognises it: the home
// directory as "~", and only the end of a long path.
func shortenPath(dir, home string, limit int) string {
	if home != "" && (dir == home || strings.HasPrefix(dir, home+"/") || strings.HasPrefix(dir, home+`\`)) {
		dir = "~" + dir[len(home):]
	}
	r := []rune(dir)
	if len(r) <= limit {
		return dir
	}
	return "…" + string(r[len(r)-limit+1:])
}
