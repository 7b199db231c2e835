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
	no       string // said on no; "nothing changed" when empty
}

// confirm asks question and runs yes only when the coach answers yes. Every
// destructive action goes through it; the default is no, and any key other
// than yes means no, so a coach who keeps typing cannot delete anything.
func confirm(question string, yes tea.Cmd) tea.Cmd {
	return func() tea.Msg { return promptMsg{question: question, yes: yes} }
}

// confirmDiscard asks whether to throw away a form's unsaved text and runs
// done on yes. On no it says the text is kept, not "nothing changed",
// which reads as if the typing was lost.
func confirmDiscard(t Text, done tea.Cmd) tea.Cmd {
	return func() tea.Msg {
		return promptMsg{question: t.T("form.discard"), yes: done, no: t.T("form.discard_kept")}
	}
}

// prompt is an open yes/no question; the root model owns it and gives it
// every key until it is answered.
type prompt struct {
	question string
	yes      tea.Cmd
	no       string
	keys     promptKeys
}

func newPrompt(msg promptMsg, keys promptKeys) *prompt {
	return &prompt{question: msg.question, yes: msg.yes, no: msg.no, keys: keys}
}

// answer handles the one key that closes the prompt and returns what to
// run: the action on yes, a short "nothing changed" otherwise.
func (p *prompt) answer(msg tea.KeyMsg, t Text) tea.Cmd {
	if key.Matches(msg, p.keys.Yes) {
		return p.yes
	}
	if p.no != "" {
		return notify(p.no)
	}
	return notify(t.T("prompt.cancelled"))
}

// view renders the question with its answers, "(j/N)" in Dutch.
func (p *prompt) view(st *Styles) string {
	return st.Warning.Render(termsafe.Line(p.question)) + " " +
		st.Key.Render("("+p.keys.Yes.Help().Key+"/"+"N"+")")
}
