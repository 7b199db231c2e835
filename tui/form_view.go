package tui

import (
	"strings"
)

// View draws the client form, scrolled so the focused field shows.
func (m clientForm) View() string {
	return m.Form.View(m.env.styles, formText(m.env.text), m.note, nil)
}

// note is the hint under a field: the age next to a birth date, and the
// legal representative's advice for a client under 16.
func (m clientForm) note(id string) string {
	t, st := m.env.text, m.env.styles
	age, young := m.underAge()
	switch {
	case id == "representative" && young && strings.TrimSpace(m.Get("representative")) == "":
		return st.Warning.Render(t.Tf("client.representative_needed", age))
	case id == "representative" && young:
		return st.Muted.Render(t.Tf("client.representative_hint", age))
	}
	return ""
}
