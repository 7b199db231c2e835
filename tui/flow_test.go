package tui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
)

// TestFlowFirstDay runs the whole program the way a coach's first day goes:
// create the vault, see the recovery key, add a client, see them in the
// caseload, quit.
func TestFlowFirstDay(t *testing.T) {
	b := &testBackend{t: t}
	tm := teatest.NewTestModel(t, New(Config{Backend: b, Lang: English}), teatest.WithInitialTermSize(100, 30))
	// wait reads the output until every text has shown. It consumes what
	// it reads, so one frame's texts are waited for together.
	wait := func(texts ...string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(out []byte) bool {
			for _, text := range texts {
				if !bytes.Contains(out, []byte(text)) {
					return false
				}
			}
			return true
		}, teatest.WithDuration(15*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	}
	enter := tea.KeyMsg{Type: tea.KeyEnter}

	wait("Welcome to caseload")
	tm.Type("tulp fiets regen lantaarn")
	tm.Send(enter)
	tm.Type("tulp fiets regen lantaarn")
	tm.Send(enter)
	wait("shown only this once", "TESTRECOVERYKEY")
	tm.Type("y")
	wait("No clients yet. Press n to add your first client.")
	tm.Type("n")
	wait("New client")
	tm.Type("Noor")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	tm.Type("Jansen")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
	wait("Noor Jansen", "Active 1", "saved")
	tm.Type("q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	m := tm.FinalModel(t).(Model)
	if m.phase != phaseClosing {
		t.Errorf("final phase %d", m.phase)
	}
	s := b.store
	if !s.isClosed() {
		t.Error("store not closed on quit")
	}
	if s.count("CreateClient") != 1 {
		t.Errorf("CreateClient called %d times", s.count("CreateClient"))
	}
	for _, c := range s.rows(t) {
		if c.Name != "Noor Jansen" || !strings.EqualFold(string(c.Status), "intake") {
			t.Errorf("stored %+v", c)
		}
	}
}
