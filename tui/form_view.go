package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/caseload/caseload/termsafe"
	"github.com/caseload/caseload/tui/kit"
)

// formLabelWidth is the width of the label column of every form.
const formLabelWidth = 30

// viewField renders one field as a line, plus a line for its error or for
// note (a hint such as the under-16 advice) when there is one. "›" marks the
// focused field, so focus shows without colour too.
func viewField(st *Styles, f formField, focused bool, note string) []string {
	mark := "  "
	label := st.Label.Render(kit.PadRight(f.label, formLabelWidth))
	if focused {
		mark = st.Accent.Render("› ")
		label = st.Accent.Render(kit.PadRight(f.label, formLabelWidth))
	}
	// A long translated label still keeps one space before the value.
	if lipgloss.Width(f.label) >= formLabelWidth {
		label += " "
	}
	var value string
	switch {
	case f.kind != fieldChoice && !focused && f.input.EchoMode == textinput.EchoNormal && f.input.Value() != "":
		// Padded as the input pads itself, so the line keeps its width.
		v := fieldStart(f.input.Value(), f.input.Width)
		pad := max(ansi.StringWidth(f.input.View())-ansi.StringWidth(v), 0)
		value = st.Text.Render(v) + strings.Repeat(" ", pad)
	case f.kind != fieldChoice:
		// The input drops control characters but shows a bidi override
		// as it is; Styled escapes it and keeps the cursor's colours.
		value = termsafe.Styled(f.input.View())
	case focused:
		value = st.Accent.Render("‹ ") + st.Text.Render(f.options[f.choice].label) + st.Accent.Render(" ›")
	default:
		value = st.Text.Render(f.options[f.choice].label)
	}
	lines := []string{mark + label + value}
	indent := strings.Repeat(" ", 2+formLabelWidth)
	if f.err != "" {
		lines = append(lines, indent+st.Danger.Render(f.err))
	}
	if note != "" {
		lines = append(lines, indent+note)
	}
	return lines
}

// fieldStart is how an unfocused text field shows a value: from its start,
// cut with "…" when it is wider than the field. The input itself keeps
// the cursor's window, which after typing or a restored draft is the end
// of the text, so a long value would read as cut off at the front.
func fieldStart(v string, width int) string {
	v = termsafe.Line(v)
	if width <= 0 || ansi.StringWidth(v) <= width {
		return v
	}
	return ansi.Truncate(v, width, "…")
}

// View draws the client form, scrolled so the focused field shows.
func (m clientForm) View() string {
	t, st := m.env.text, m.env.styles
	lines := []string{""}
	if !m.loaded {
		if m.problem != "" {
			return "\n  " + st.Danger.Render(m.problem)
		}
		return "\n  " + st.Muted.Render(t.T("form.loading"))
	}
	focusLine := 0
	for i, f := range m.set.fields {
		if f.hidden {
			continue
		}
		if i == m.set.focus {
			focusLine = len(lines)
		}
		lines = append(lines, viewField(st, f, i == m.set.focus, m.note(f.id))...)
	}
	lines = append(lines, "")
	if m.problem != "" {
		lines = append(lines, "  "+st.Danger.Render(m.problem))
	}
	if m.saving {
		lines = append(lines, "  "+st.Muted.Render(t.T("status.saving")))
	}
	return strings.Join(kit.ScrollWindow(lines, focusLine, m.height), "\n")
}

// note is the hint under a field: the age next to a birth date, and the
// legal representative's advice for a client under 16.
func (m clientForm) note(id string) string {
	t, st := m.env.text, m.env.styles
	age, young := m.underAge()
	switch {
	case id == "representative" && young && strings.TrimSpace(m.set.get("representative")) == "":
		return st.Warning.Render(t.Tf("client.representative_needed", age))
	case id == "representative" && young:
		return st.Muted.Render(t.Tf("client.representative_hint", age))
	}
	return ""
}

// viewSimpleForm draws a form of fields only, scrolled so the focused
// field shows, with the lines of extra (a warning, a hint) below the
// fields, then the form's problem and "saving…".
func viewSimpleForm(e *env, set fieldSet, loaded, saving bool, problem string, height int, extra []string) string {
	t, st := e.text, e.styles
	if !loaded {
		if problem != "" {
			return "\n  " + st.Danger.Render(problem)
		}
		return "\n  " + st.Muted.Render(t.T("form.loading"))
	}
	lines := []string{""}
	focusLine := 0
	for i, f := range set.fields {
		if f.hidden {
			continue
		}
		if i == set.focus {
			focusLine = len(lines)
		}
		lines = append(lines, viewField(st, f, i == set.focus, "")...)
	}
	if len(extra) > 0 {
		lines = append(lines, "")
		lines = append(lines, extra...)
	}
	lines = append(lines, "")
	if problem != "" {
		lines = append(lines, "  "+st.Danger.Render(problem))
	}
	if saving {
		lines = append(lines, "  "+st.Muted.Render(t.T("status.saving")))
	}
	return strings.Join(kit.ScrollWindow(lines, focusLine, height), "\n")
}
