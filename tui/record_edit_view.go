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
	for i, f := range m.form.Fields[:bodyAt] {
		var note string
		if f.ID == "special" && f.Value() == "yes" {
			note = st.Muted.Render(t.T("record.special_note"))
		}
		lines = append(lines, kit.ViewField(st, f, i == m.form.Focus, note)...)
	}
	return lines
}

// layout gives the text area the room the fields leave: the whole width
// and every row down to the bottom. It runs in Update whenever the size,
// an error or a note changes the rows above.
func (m *recordEditor) layout() {
	rows := len(m.fieldLines()) + 1 // the rule
	if m.form.Problem != "" {
		rows++
	}
	m.form.Fields[0].Input.Width = max(min(60, m.form.Width-kit.LabelWidth-6), 10)
	m.form.Fields[bodyAt].SetAreaSize(m.form.Width-4, m.form.Height-rows)
}

// rule separates the fields from the text and says whether what is on
// screen is saved.
func (m recordEditor) rule() string {
	st, t := m.env.styles, m.env.text
	var state string
	switch {
	case m.form.Saving:
		state = st.Muted.Render(t.T("status.saving"))
	case m.form.Dirty:
		state = st.Warning.Render(t.T("record.unsaved"))
	case m.id != 0:
		state = st.Success.Render(t.T("status.saved"))
	}
	label := st.Label.Render("── " + t.T("record.text") + " ")
	fill := max(m.form.Width-4-lipgloss.Width(label)-lipgloss.Width(state)-1, 1)
	return "  " + label + st.Muted.Render(strings.Repeat("─", fill)) + " " + state
}

// View draws the fields, the rule and the text area.
func (m recordEditor) View() string {
	t, st := m.env.text, m.env.styles
	if !m.form.Loaded {
		if m.form.Problem != "" {
			return "\n  " + st.Danger.Render(m.form.Problem)
		}
		return "\n  " + st.Muted.Render(t.T("form.loading"))
	}
	lines := append(m.fieldLines(), m.rule())
	// The text area drops control characters but shows a bidi override
	// as it is; Styled escapes it and keeps the cursor's colours.
	for _, l := range strings.Split(m.form.Fields[bodyAt].Area.View(), "\n") {
		lines = append(lines, "  "+termsafe.Styled(l))
	}
	if m.form.Problem != "" {
		lines = append(lines, "  "+st.Danger.Render(m.form.Problem))
	}
	return strings.Join(lines, "\n")
}
