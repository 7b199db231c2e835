package tui

import (
	"testing"
	"time"

	"github.com/caseload/caseload/tui/kit"
)

// Forms on the kit keep their own keys in the hints: the appointment
// form's ctrl+n for the session note sits after save and cancel.
func TestKitFormsKeepTheirOwnKeys(t *testing.T) {
	e := &env{text: newText(English), styles: kit.NewStyles(kit.DefaultTheme()),
		now: func() time.Time { return testNow }}
	hints := newAppointmentForm(e, 1, 7).KeyMap().ShortHelp()
	if len(hints) < 3 || hints[2].Help().Key != "ctrl+n" {
		t.Errorf("appointment hints: %v", hints)
	}
	add := newDocumentAdd(e, 1)
	if got := add.KeyMap().ShortHelp()[0].Help().Desc; got != e.text.T("key.seal") {
		t.Errorf("document add: ctrl+s says %q", got)
	}
}
