package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
)

func TestUnlockOpensCaseload(t *testing.T) {
	s := newPeopleStore(t)
	d, _, _ := unlocked(t, s, English, 100, 30)
	cl := top[caseloadModel](t, d)
	if !cl.loaded || len(cl.rows) != 5 {
		t.Fatalf("caseload not loaded: %d rows", len(cl.rows))
	}
	if s.count("LogUnlock") != 1 {
		t.Errorf("LogUnlock called %d times, want 1", s.count("LogUnlock"))
	}
	if !strings.Contains(d.view(), "Anna de Vries") {
		t.Errorf("view lacks a client:\n%s", d.view())
	}
}

func TestQTypedInFormDoesNotQuit(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
	d.keys("n")
	top[clientForm](t, d)
	d.keys("Qq?")
	if d.quit {
		t.Fatal("q in a text field quit the program")
	}
	f := top[clientForm](t, d)
	if got := f.Get("first_name"); got != "Qq?" {
		t.Errorf("first name = %q, want %q", got, "Qq?")
	}
	if d.model().help {
		t.Error("? in a text field opened help")
	}
}

func TestCtrlCAlwaysQuits(t *testing.T) {
	s := newPeopleStore(t)
	d, _, _ := unlocked(t, s, English, 100, 30)
	d.keys("nAnna[ctrl+c]")
	if !d.quit {
		t.Fatal("ctrl+c did not quit")
	}
	if !s.isClosed() {
		t.Error("store not closed on quit")
	}
	// The typed name survives the quit as a draft.
	if d := s.draft(t, sessionKey); !strings.Contains(d, "Anna") {
		t.Errorf("draft not kept: %q", d)
	}
}

func TestCtrlCTwiceQuitsWhileClosingHangs(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
	m := d.model()
	next, cmd := m.Update(keyMsg("ctrl+c")) // starts closing; cmd not run
	if cmd == nil || next.(Model).phase != phaseClosing {
		t.Fatal("first ctrl+c did not start closing")
	}
	_, cmd = next.Update(keyMsg("ctrl+c"))
	if cmd == nil {
		t.Fatal("second ctrl+c returned no command")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("second ctrl+c did not quit at once")
	}
}

func TestQuitWithoutDraftsStoresNoSession(t *testing.T) {
	s := newPeopleStore(t)
	d, _, _ := unlocked(t, s, English, 100, 30)
	d.keys("q")
	if !d.quit || !s.isClosed() {
		t.Fatalf("q did not quit and close: quit %v closed %v", d.quit, s.isClosed())
	}
	if s.draft(t, sessionKey) != "" {
		t.Error("a session was stored without any draft")
	}
}

func TestQuitRefusedWhenSaveFails(t *testing.T) {
	s := newPeopleStore(t)
	d, _, _ := unlocked(t, s, English, 100, 30)
	s.seal.fail(errDiskFull)
	d.keys("nNoor[tab]Jansen[ctrl+s]") // kept in memory only
	d.keys("q")
	if d.quit || s.isClosed() {
		t.Fatal("quit went ahead although the vault could not be saved")
	}
	if d.model().prompt == nil || !strings.Contains(d.view(), "Quit anyway?") {
		t.Fatalf("no quit-anyway prompt:\n%s", d.view())
	}
	d.keys("y")
	if !d.quit {
		t.Error("answering yes did not quit")
	}
}

func TestHelpOverlayAndEscBack(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
	d.keys("?")
	if !d.model().help || !strings.Contains(d.view(), "new client") {
		t.Fatalf("help overlay missing:\n%s", d.view())
	}
	d.keys("?")
	if d.model().help {
		t.Fatal("? did not close help")
	}
	d.keys("[enter]")
	top[clientScreen](t, d)
	d.keys("[esc]")
	top[caseloadModel](t, d)
	if len(d.model().stack) != 1 {
		t.Errorf("stack has %d screens after esc, want 1", len(d.model().stack))
	}
}

func TestStaleResultIsDropped(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
	before := top[caseloadModel](t, d)
	d.send(clientsLoadedMsg{req: before.req - 1})
	if after := top[caseloadModel](t, d); len(after.rows) != len(before.rows) {
		t.Fatal("a result for an old request replaced the rows")
	}
}

func TestNotSavedShowsInStatusLineAndKeepsGoing(t *testing.T) {
	s := newPeopleStore(t)
	d, _, now := unlocked(t, s, English, 100, 30)
	s.seal.fail(errDiskFull)
	d.keys("nNoor[tab]Jansen[ctrl+s]")
	top[caseloadModel](t, d) // the form closed: the change is kept
	v := d.view()
	if !strings.Contains(v, "Not saved. The disk is full.") {
		t.Errorf("status line lacks the reason:\n%s", v)
	}
	if !strings.Contains(v, "Noor Jansen") {
		t.Errorf("new client missing from the list:\n%s", v)
	}
	// Still failing: the retry keeps the reason.
	*now = now.Add(31 * time.Second)
	d.send(tickMsg{gen: d.model().tickGen})
	if s.count("Save") != 1 || d.model().saveReason == "" {
		t.Fatalf("retry: %d saves, reason %q", s.count("Save"), d.model().saveReason)
	}
	// The disk has room again: the next retry writes it.
	s.seal.fail(nil)
	d.send(tickMsg{gen: d.model().tickGen}) // too soon: no retry
	*now = now.Add(31 * time.Second)
	d.send(tickMsg{gen: d.model().tickGen})
	if s.count("Save") != 2 || d.model().saveReason != "" || !strings.Contains(d.view(), "saved") {
		t.Errorf("after the retry: %d saves, reason %q", s.count("Save"), d.model().saveReason)
	}
}

func TestLockRestoresStackAndDraft(t *testing.T) {
	s := newPeopleStore(t)
	d, b, _ := unlocked(t, s, English, 100, 30)
	d.keys("[enter]e") // Anna de Vries, edit
	f := top[clientForm](t, d)
	if f.Get("first_name") != "Anna" {
		t.Fatalf("form not filled: %q", f.Get("first_name"))
	}
	d.keys("[tab][tab][tab]") // to the phone field
	d.keys("[backspace][backspace]99")
	d.keys("[ctrl+l]")
	m := d.model()
	if m.phase != phaseLocked || m.env != nil || len(m.stack) != 1 {
		t.Fatalf("not locked: phase %d", m.phase)
	}
	if !s.isClosed() {
		t.Fatal("store not closed on lock")
	}
	if strings.Contains(d.view(), "Anna") {
		t.Error("client data still on screen after the lock")
	}
	d.keys("tulp fiets regen lantaarn[enter]")
	m = d.model()
	if len(m.stack) != 3 {
		t.Fatalf("stack has %d screens after unlock, want 3 (caseload, client, form)", len(m.stack))
	}
	f = top[clientForm](t, d)
	if got := f.Get("phone"); got != "06-12345699" {
		t.Errorf("phone = %q, want the draft 06-12345699", got)
	}
	if f.Get("last_name") != "de Vries" {
		t.Errorf("loaded values lost under the draft: last name %q", f.Get("last_name"))
	}
	if f.Focused().ID != "phone" {
		t.Errorf("focus on %s, want phone, where the coach was typing", f.Focused().ID)
	}
	if !strings.Contains(d.view(), "caseload › Anna de Vries › Edit") {
		t.Errorf("breadcrumb not rebuilt:\n%s", d.view())
	}
	if b.current().draft(t, sessionKey) != "" {
		t.Error("session draft not deleted after restoring it")
	}
}

func TestIdleLock(t *testing.T) {
	s := newPeopleStore(t)
	d, _, now := unlocked(t, s, English, 100, 30)
	gen := d.model().tickGen
	*now = now.Add(4*time.Minute + 48*time.Second)
	d.send(tickMsg{gen: gen})
	if !strings.Contains(d.view(), "locks in 0:12") {
		t.Errorf("countdown missing:\n%s", d.view())
	}
	d.keys("j") // a key resets the countdown
	*now = now.Add(4 * time.Minute)
	d.send(tickMsg{gen: gen})
	if d.model().phase != phaseUnlocked {
		t.Fatal("locked although a key was pressed 4 minutes ago")
	}
	*now = now.Add(time.Minute)
	d.send(tickMsg{gen: gen})
	if d.model().phase != phaseLocked {
		t.Fatal("not locked after 5 idle minutes")
	}
	if !strings.Contains(d.view(), "Locked after a while without activity.") {
		t.Errorf("no lock notice:\n%s", d.view())
	}
	d.send(tickMsg{gen: gen}) // a stale tick does nothing
}

func TestLockWaitsForRunningSave(t *testing.T) {
	s := newPeopleStore(t)
	d, _, _ := unlocked(t, s, English, 100, 30)
	m := d.model()
	m.saving = 1 // a save is under way
	next, cmd := m.Update(keyMsg("ctrl+l"))
	if cmd != nil {
		t.Fatal("lock started while a save was running")
	}
	next, cmd = next.Update(clientSavedMsg{req: 999, client: store.Client{ID: 1}})
	d.m = next
	d.run(cmd)
	if d.model().phase != phaseLocked {
		t.Fatalf("lock did not go ahead after the save: phase %d", d.model().phase)
	}
}

// TestLargeVaultWarns: past 700 MiB the status line says how full the
// vault is and what to do, from the unlock on and after every save, and
// it never hides a save error.
func TestLargeVaultWarns(t *testing.T) {
	s := newStoreWith(t, people()[:4]...) // nothing due: the status line is free
	s.imageSize = 712 << 20
	d, _, _ := unlocked(t, s, English, 100, 30)
	const warning = "Vault 712 of 1024 MiB full — purge what is due (D)"
	if v := d.view(); !strings.Contains(v, warning) {
		t.Fatalf("no warning at unlock:\n%s", v)
	}
	s.seal.fail(errDiskFull)
	d.keys("nNoor[tab]Jansen[ctrl+s]")
	if v := d.view(); strings.Contains(v, warning) || !strings.Contains(v, "Not saved.") {
		t.Errorf("the warning hid the save error:\n%s", v)
	}
	// A purge brought it back under the mark: the next save clears it.
	s.seal.fail(nil)
	s.imageSize = 300 << 20
	d.keys("nAyla[tab]Vermeer[ctrl+s]")
	if v := d.view(); strings.Contains(v, "MiB") {
		t.Errorf("warning still shown at 300 MiB:\n%s", v)
	}
}

// TestFullVaultSaysSoInTheForm: an edit refused because the vault is full
// keeps the form open with what the coach typed, and says what to do; it
// is not reported as a full disk.
func TestFullVaultSaysSoInTheForm(t *testing.T) {
	s := newPeopleStore(t)
	d, _, _ := unlocked(t, s, English, 100, 30)
	s.createErr = fmt.Errorf("adding client: %w", store.ErrCaseloadFull)
	d.keys("nNoor[tab]Jansen[ctrl+s]")
	v := d.view()
	if !strings.Contains(v, "The vault is full (1 GiB); this change was not kept.") || strings.Contains(v, "disk") {
		t.Errorf("the form does not say the vault is full:\n%s", v)
	}
	if !strings.Contains(v, "Jansen") {
		t.Errorf("what was typed is gone:\n%s", v)
	}
}

// TestInitAsksNoTitle: the screens never ask bubbletea to set the title
// while it runs. tea.SetWindowTitle writes to the terminal outside the
// renderer's lock, which the race detector caught in teatest flows (about
// 1 run in 40) and which CI once hid behind a rerun. The command line
// titles the program before it starts instead.
func TestInitAsksNoTitle(t *testing.T) {
	var collect func(tea.Cmd)
	collect = func(c tea.Cmd) {
		if c == nil {
			return
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			for _, c := range msg {
				collect(c)
			}
		default:
			if fmt.Sprintf("%T", msg) == "tea.setWindowTitleMsg" {
				t.Error("Init sets the window title while the program runs")
			}
		}
	}
	collect(New(Config{Backend: &testBackend{t: t}, Lang: English}).Init())
}
