package tui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// statusKind is how loud a status message is.
type statusKind int

const (
	statusInfo statusKind = iota
	statusWarning
	statusError
)

// statusMsg puts a sentence on the status line until the next key press.
type statusMsg struct {
	kind statusKind
	text string
}

// notify shows an informative sentence on the status line.
func notify(text string) tea.Cmd {
	return func() tea.Msg { return statusMsg{kind: statusInfo, text: text} }
}

// fail shows a failure on the status line.
func fail(text string) tea.Cmd {
	return func() tea.Msg { return statusMsg{kind: statusError, text: text} }
}

// savingMsg tells the root model a saving command has started; the result
// of that command implements saveResult. The two bracket "saving…" in the
// status line and make a lock or a quit wait for the save to finish.
type savingMsg struct{}

// saveResult is implemented by the result message of every command that
// changes the caseload.
type saveResult interface {
	saveErr() error
}

// quietSave marks a saveResult the coach did not ask for (the audit line of
// an unlock, a session cleanup): it does not make the status line say
// "saved", though a failure still says "not saved".
type quietSave interface {
	quiet()
}

// openedMsg tells the root model that a vault is open. A fresh vault's
// recovery key is still on screen: the session starts at storedMsg.
type openedMsg struct {
	store Store
	fresh bool
}

// storedMsg says the coach has stored the recovery key of a fresh vault.
type storedMsg struct{}

// tickMsg drives the auto-lock countdown, once a second while unlocked. gen
// tells ticks of an earlier session (before a lock) apart, so that only one
// chain of ticks runs.
type tickMsg struct {
	gen int
	at  time.Time
}

// tick schedules the next countdown tick.
func tick(gen int) tea.Cmd {
	return tea.Tick(time.Second, func(t time.Time) tea.Msg { return tickMsg{gen: gen, at: t} })
}
