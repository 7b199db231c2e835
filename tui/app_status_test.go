package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// At 80 columns a message on the status line is read whole: the vault's
// folder, which the coach knows, gives way to it; the lock countdown stays.
func TestStatusMessageWinsOverTheFolderAt80(t *testing.T) {
	d := openAnna(t, newPeopleStore(t), English)
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	d.keys("2nEerste indruk[esc]n")
	status := d.model().viewStatus()
	if !strings.Contains(status, "Your changes are still here; they are not saved yet.") || !strings.Contains(status, "locks in") {
		t.Errorf("status line at 80: %q", status)
	}
	d.keys("[ctrl+s]")
	if status := d.model().viewStatus(); !strings.Contains(status, "/vaults/coach/caseload") {
		t.Errorf("the folder is gone without a message to make room for: %q", status)
	}
}

// At 80 columns the hint line keeps x, esc and q in Dutch too, whose
// words are longer.
func TestHintsKeepExportAndQuitAt80InDutch(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), Dutch, 80, 24)
	h := ansi.Strip(d.model().viewHints())
	if !strings.Contains(h, "x dossier exporteren") || !strings.HasSuffix(h, "q afsluiten") || ansi.StringWidth(h) > 80 {
		t.Errorf("caseload hints at 80: %q", h)
	}
	d.keys("[enter]")
	h = ansi.Strip(d.model().viewHints())
	if !strings.Contains(h, "x dossier exporteren") || !strings.HasSuffix(h, "esc terug · q afsluiten") || ansi.StringWidth(h) > 80 {
		t.Errorf("client hints at 80: %q", h)
	}
}
