package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/termsafe"
)

// promptMsg opens a yes/no question on the hint line.
type promptMsg struct {
	question string
	yes      tea.Cmd
}

// confirm asks question and runs yes only when the coach answers yes. Every
// destructive action goes through it; the default is no, and any key other
// than yes means no, so a coach who keeps typing cannot delete anything.
func confirm(question string, yes tea.Cmd) tea.Cmd {
	return func() tea.Msg { return promptMsg{question: question, yes: yes} }
}

// prompt is an open yes/no question; the root model owns it and gives it
// every key until it is answered.
type prompt struct {
	question string
	yes      tea.Cmd
	keys     promptKeys
}

func newPrompt(msg promptMsg, keys promptKeys) *prompt {
	return &prompt{question: msg.question, yes: msg.yes, keys: keys}
}

// answer handles the one key that closes the prompt and returns what to
// run: the action on yes, a short "nothing changed" otherwise.
func (p *prompt) answer(msg tea.KeyMsg, t Text) tea.Cmd {
	if key.Matches(msg, p.keys.Yes) {
		return p.yes
	}
	return notify(t.T("prompt.cancelled"))
}

// view renders the question with its answers, "(j/N)" in Dutch.
func (p *prompt) view(st *Styles) string {
	return st.Warning.Render(termsafe.Line(p.question)) + " " +
		st.Key.Render("("+p.keys.Yes.Help().Key+"/"+"N"+")")
}
