package tui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
)

// coachFlow is a running program with helpers to type and wait.
type coachFlow struct {
	t  *testing.T
	tm *teatest.TestModel
}

func startFlow(t *testing.T, b *testBackend) *coachFlow {
	t.Helper()
	tm := teatest.NewTestModel(t, New(Config{Backend: b, Lang: English}), teatest.WithInitialTermSize(100, 30))
	return &coachFlow{t: t, tm: tm}
}

// wait reads the output until every text has shown; what it reads is
// consumed, so one frame's texts are waited for together.
func (f *coachFlow) wait(texts ...string) {
	f.t.Helper()
	teatest.WaitFor(f.t, f.tm.Output(), func(out []byte) bool {
		for _, text := range texts {
			if !bytes.Contains(out, []byte(text)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(15*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

// typ types s one rune at a time (teatest's Type sends bytes, which
// splits "één").
func (f *coachFlow) typ(s string) {
	for _, r := range s {
		f.tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func (f *coachFlow) key(k tea.KeyType, n int) {
	for range n {
		f.tm.Send(tea.KeyMsg{Type: k})
	}
}

func (f *coachFlow) quit() Model {
	f.t.Helper()
	f.tm.Type("q")
	f.tm.WaitFinished(f.t, teatest.WithFinalTimeout(5*time.Second))
	return f.tm.FinalModel(f.t).(Model)
}

// TestFlowDossierSurvivesReopen: a coach creates the vault, adds a client,
// writes an intake of several lines and a plan, quits, opens caseload
// again and finds the text, also through search.
func TestFlowDossierSurvivesReopen(t *testing.T) {
	b := &testBackend{t: t}
	f := startFlow(t, b)
	f.wait("Welcome to caseload")
	f.typ("tulp fiets regen lantaarn")
	f.key(tea.KeyEnter, 1)
	f.typ("tulp fiets regen lantaarn")
	f.key(tea.KeyEnter, 1)
	f.wait("shown only this once")
	f.typ("y")
	f.wait("No clients yet")
	f.typ("n")
	f.wait("New client")
	f.typ("Noor")
	f.key(tea.KeyTab, 1)
	f.typ("Jansen")
	f.key(tea.KeyCtrlS, 1)
	f.wait("Noor Jansen", "Active 1")
	f.key(tea.KeyEnter, 1)
	f.wait("[Overview]")

	f.typ("2")
	f.wait("Press n to write a record")
	f.typ("n")
	f.wait("New record")
	f.typ("Kennismaking")
	f.key(tea.KeyTab, 4)
	f.typ("Noor wil naar het mbo.")
	f.key(tea.KeyEnter, 1)
	f.typ("Ze heeft een dochter van één.")
	f.key(tea.KeyCtrlS, 1)
	f.wait("› Kennismaking") // the breadcrumb names the saved record
	f.key(tea.KeyEsc, 1)
	f.wait("[Intake]", "enter read")

	f.typ("3")
	f.wait("[Plan]")
	f.typ("n")
	f.wait("New record")
	f.typ("Aanpak")
	f.key(tea.KeyTab, 4)
	f.typ("Stap 1: open dag.")
	f.key(tea.KeyEnter, 1)
	f.typ("Stap 2: aanmelden.")
	f.key(tea.KeyCtrlS, 1)
	f.wait("› Aanpak")
	f.key(tea.KeyEsc, 1)
	f.wait("[Plan]", "Stap 1: open dag.")
	if m := f.quit(); m.phase != phaseClosing {
		t.Errorf("final phase %d", m.phase)
	}
	if !b.store.isClosed() {
		t.Fatal("store not closed on quit")
	}

	// Open caseload again over the same vault.
	f = startFlow(t, b)
	f.wait("Unlock your caseload")
	f.typ("tulp fiets regen lantaarn")
	f.key(tea.KeyEnter, 1)
	f.wait("Noor Jansen")
	f.key(tea.KeyEnter, 1)
	f.wait("[Overview]")
	f.typ("2")
	f.wait("Kennismaking", "Noor wil naar het mbo.")
	f.key(tea.KeyEnter, 1)
	f.wait("Noor wil naar het mbo.", "Ze heeft een dochter van één.")
	f.key(tea.KeyEsc, 1)
	f.key(tea.KeyEsc, 1)
	f.wait("Noor Jansen", "Active 1")
	f.key(tea.KeyCtrlF, 1)
	f.wait("Search")
	f.typ("aanmelden")
	f.wait("1 found", "Aanpak")
	f.key(tea.KeyEnter, 1)
	f.wait("Stap 2: aanmelden.")
	f.key(tea.KeyEsc, 1)
	f.key(tea.KeyEsc, 1)
	f.key(tea.KeyEsc, 1)
	f.wait("Active 1")
	f.quit()

	var intake, plan string
	for _, r := range b.current().records(t) {
		switch r.Title {
		case "Kennismaking":
			intake = r.Body
		case "Aanpak":
			plan = r.Body
		}
	}
	if intake != "Noor wil naar het mbo.\nZe heeft een dochter van één." || plan != "Stap 1: open dag.\nStap 2: aanmelden." {
		t.Errorf("stored intake %q, plan %q", intake, plan)
	}
}

// TestFlowLockWhileTyping: ctrl+l in the middle of a note locks at once;
// after the unlock the editor is back with every line typed.
func TestFlowLockWhileTyping(t *testing.T) {
	s := newPeopleStore(t)
	b := &testBackend{t: t, exists: true, pass: "tulp fiets regen lantaarn", store: s}
	f := startFlow(t, b)
	f.wait("Unlock your caseload")
	f.typ("tulp fiets regen lantaarn")
	f.key(tea.KeyEnter, 1)
	f.wait("Today ·") // something is due: the vault opens on today
	f.key(tea.KeyEsc, 1)
	f.wait("Anna de Vries", "Active 2")
	f.key(tea.KeyEnter, 1)
	f.wait("[Overview]")
	f.typ("5")
	f.wait("[Notes]", "Gesprek over stage") // loaded: n before that is not yet on
	f.typ("n")
	f.wait("New record")
	f.typ("Telefoontje")
	f.key(tea.KeyTab, 4)
	f.typ("Anna belde over de stage.")
	f.key(tea.KeyEnter, 2)
	f.typ("Ze begint op 2 februari")
	f.key(tea.KeyCtrlL, 1)
	f.wait("Unlock your caseload", "Locked.")
	if s.isClosed() == false {
		t.Error("store still open after the lock")
	}
	f.typ("tulp fiets regen lantaarn")
	f.key(tea.KeyEnter, 1)
	f.wait("Anna belde over de stage.", "Ze begint op 2 februari", "unsaved changes")
	f.typ(".")
	f.key(tea.KeyCtrlS, 1)
	f.wait("› Telefoontje")
	f.key(tea.KeyEsc, 1)
	f.wait("[Notes]")
	f.quit()

	var found []string
	s = b.current() // the lock closed s; the unlock opened its image again
	for _, r := range s.records(t) {
		if r.Title == "Telefoontje" {
			found = append(found, r.Body)
		}
	}
	if len(found) != 1 || found[0] != "Anna belde over de stage.\n\nZe begint op 2 februari." {
		t.Errorf("stored %q", found)
	}
	if strings.Contains(s.draft(t, sessionKey), "stage") {
		t.Error("the draft stayed in the vault after it was restored and saved")
	}
}
