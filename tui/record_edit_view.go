package tui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/caseload/caseload/termsafe"
	"github.com/caseload/caseload/tui/kit"
)

// fieldLines are the editor's rows above the text: a blank line, then each
// field with its error or note.
func (m recordEditor) fieldLines() []string {
	st, t := m.env.styles, m.env.text
	lines := []string{""}
	for i, f := range m.set.Fields {
		var note string
		if f.ID == "special" && f.Value() == "yes" {
			note = st.Muted.Render(t.T("record.special_note"))
		}
		lines = append(lines, kit.ViewField(st, f, !m.onBody && i == m.set.Focus, note)...)
	}
	return lines
}

// layout gives the text area the room the fields leave: the whole width
// and every row down to the bottom. It runs in Update whenever the size,
// an error or a note changes the rows above.
func (m *recordEditor) layout() {
	rows := len(m.fieldLines()) + 1 // the rule
	if m.problem != "" {
		rows++
	}
	m.set.Fields[0].Input.Width = max(min(60, m.width-kit.LabelWidth-6), 10)
	m.body.SetWidth(max(m.width-4, 10))
	m.body.SetHeight(max(m.height-rows, 1))
}

// rule separates the fields from the text and says whether what is on
// screen is saved.
func (m recordEditor) rule() string {
	st, t := m.env.styles, m.env.text
	var state string
	switch {
	case m.saving:
		state = st.Muted.Render(t.T("status.saving"))
	case m.dirty:
		state = st.Warning.Render(t.T("record.unsaved"))
	case m.id != 0:
		state = st.Success.Render(t.T("status.saved"))
	}
	label := st.Label.Render("── " + t.T("record.text") + " ")
	fill := max(m.width-4-lipgloss.Width(label)-lipgloss.Width(state)-1, 1)
	return "  " + label + st.Muted.Render(strings.Repeat("─", fill)) + " " + state
}

// View draws the fields, the rule and the text area.
func (m recordEditor) View() string {
	t, st := m.env.text, m.env.styles
	if !m.loaded {
		if m.problem != "" {
			return "\n  " + st.Danger.Render(m.problem)
		}
		return "\n  " + st.Muted.Render(t.T("form.loading"))
	}
	lines := append(m.fieldLines(), m.rule())
	// The text area drops control characters but shows a bidi override
	// as it is; Styled escapes it and keeps the cursor's colours.
	for _, l := range strings.Split(m.body.View(), "\n") {
		lines = append(lines, "  "+termsafe.Styled(l))
	}
	if m.problem != "" {
		lines = append(lines, "  "+st.Danger.Render(m.problem))
	}
	return strings.Join(lines, "\n")
}
