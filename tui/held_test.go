package tui

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
)

// Keys typed before a screen's data has loaded count: the root model holds
// them and hands them over, in order, once it has. Each test holds a load's
// answer back (driver.hold), types, and only then lets the answer in.

// isMsg reports whether msg is a T: for driver.hold.
func isMsg[T any](msg tea.Msg) bool {
	_, ok := msg.(T)
	return ok
}

// runes is letters typed quickly or pasted: one message.
func runes(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

// quietStore is a caseload of three active clients with nothing due and
// no appointment: the vault opens on the caseload, not on today.
func quietStore(t *testing.T) *testStore {
	return newStoreWith(t,
		store.Client{FirstName: "Anna", LastName: "de Vries", Status: store.StatusActive, Start: day(2025, 9, 1)},
		store.Client{FirstName: "Bram", LastName: "Jansen", Status: store.StatusActive, Start: day(2025, 10, 1)},
		store.Client{FirstName: "Chaima", LastName: "Bouzid", Status: store.StatusActive, Start: day(2025, 11, 1)})
}

// unlockOn is a driver on the caseload of s, just unlocked, with the
// messages hold matches held back from the start.
func unlockOn(t *testing.T, s *testStore, w, h int, hold func(tea.Msg) bool) *driver {
	t.Helper()
	const pass = "tulp fiets regen lantaarn"
	b := &testBackend{t: t, exists: true, pass: pass, store: s}
	d := newDriver(t, newTestModel(b, English, s.now), w, h)
	d.hold = hold
	d.keys(pass + "[enter]")
	return d
}

// The same keys land on the same screen whether they are typed before
// the caseload's rows arrive or after.
func TestKeysBeforeTheCaseloadLoads(t *testing.T) {
	const keys = "jj[enter]"
	after := unlockOn(t, quietStore(t), 100, 30, nil)
	after.keys(keys)
	want := after.model().top().Route()
	if want.Kind != KindClient || want.Client == 0 {
		t.Fatalf("the keys typed after the load opened %+v, want a client", want)
	}

	d := unlockOn(t, quietStore(t), 100, 30, isMsg[clientsLoadedMsg])
	if top[caseloadModel](t, d).loaded {
		t.Fatal("the caseload loaded: the test holds its rows back")
	}
	d.keys(keys)
	if r := d.model().top().Route(); r.Kind != KindCaseload {
		t.Fatalf("a key acted before the rows came: %+v", r)
	}
	d.release()
	if got := d.model().top().Route(); got != want {
		t.Errorf("keys typed before the load opened %+v, after it %+v", got, want)
	}
}

// On a client: a tab key, a move and enter typed before the dossier has
// loaded open the record a coach expects, typed one by one or pasted.
func TestKeysBeforeTheDossierLoads(t *testing.T) {
	for _, pasted := range []bool{false, true} {
		d, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
		d.hold = isMsg[dossierLoadedMsg]
		d.keys("[enter]")
		if top[clientScreen](t, d).loaded {
			t.Fatal("the dossier loaded: the test holds it back")
		}
		if pasted {
			d.send(runes("5j"))
			d.keys("[enter]")
		} else {
			d.keys("5j[enter]")
		}
		if c := top[clientScreen](t, d); c.tab != tabOverview {
			t.Fatalf("pasted %v: a key acted before the load: tab %s", pasted, c.tab.id())
		}
		d.release()
		r := top[recordReader](t, d).Route()
		if r.Client != 1 || r.Item != 4 {
			t.Errorf("pasted %v: opened %+v, want Anna's note 4 (the second on the notes tab)", pasted, r)
		}
		if len(d.model().held) != 0 {
			t.Errorf("pasted %v: %d keys still held", pasted, len(d.model().held))
		}
	}
}

// esc leaves a screen that is still loading at once, and what was typed
// for it goes with it; ctrl+l locks at once.
func TestEscAndLockDoNotWaitForTheLoad(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
	d.hold = isMsg[dossierLoadedMsg]
	d.keys("[enter]5j[esc]")
	top[caseloadModel](t, d)
	d.release()
	top[caseloadModel](t, d)
	if len(d.model().held) != 0 {
		t.Errorf("%d keys still held after esc", len(d.model().held))
	}

	d.hold = isMsg[dossierLoadedMsg]
	d.keys("[enter]5j[ctrl+l]")
	if d.model().phase != phaseLocked {
		t.Fatalf("ctrl+l waited for the load: phase %d", d.model().phase)
	}
	if len(d.model().held) != 0 {
		t.Errorf("%d keys held over a lock", len(d.model().held))
	}
}

// q first on a list still loading quits at once; after other keys it is a
// letter like them: "nquinten" before the rows arrive is a new client.
func TestQuitWhileLoading(t *testing.T) {
	d := unlockOn(t, quietStore(t), 100, 30, isMsg[clientsLoadedMsg])
	d.keys("nquinten")
	d.release()
	if f := top[clientForm](t, d); f.Get("first_name") != "quinten" {
		t.Errorf("nquinten typed %q into the new form", f.Get("first_name"))
	}
	if d.quit {
		t.Error("the q of a name quit")
	}

	d = unlockOn(t, quietStore(t), 100, 30, isMsg[clientsLoadedMsg])
	d.keys("q")
	if !d.quit {
		t.Error("q on the loading caseload did not quit")
	}
}

// A load that fails does not keep the keys for ever: the error on the
// status line hands them to the screen as it is.
func TestFailedLoadReleasesTheKeys(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
	d.hold = isMsg[dossierLoadedMsg]
	d.keys("[enter]5")
	d.send(statusMsg{kind: statusError, text: "the dossier could not be read"})
	if c := top[clientScreen](t, d); c.tab != tabNotes {
		t.Errorf("after the failure the held 5 opened tab %s", c.tab.id())
	}
	if len(d.model().held) != 0 {
		t.Errorf("%d keys still held", len(d.model().held))
	}
	d.keys("4")
	if c := top[clientScreen](t, d); c.tab != tabEvaluations {
		t.Errorf("a key after the failure waited: tab %s", c.tab.id())
	}
}

// After an unlock, "your unsaved text is back" and the count of dossiers
// due are both read: the count waits behind the first notice, for a key.
func TestUnlockNoticesAreQueued(t *testing.T) {
	s := newPeopleStore(t) // Sanne's intake is overdue
	d, _, _ := unlocked(t, s, English, 120, 30)
	d.keys("nAnna[ctrl+l]tulp fiets regen lantaarn[enter]")
	if v := d.view(); !strings.Contains(v, "Your unsaved text from last time is back") {
		t.Fatalf("restored draft not announced:\n%s", v)
	}
	d.keys("[tab]")
	if v := d.view(); !strings.Contains(v, "1 dossier is due for deletion — D shows it") {
		t.Errorf("the due count never showed:\n%s", v)
	}
	d.keys("[tab]")
	if v := d.view(); strings.Contains(v, "due for deletion") || strings.Contains(v, "unsaved text from last time") {
		t.Errorf("a notice outstayed its key:\n%s", v)
	}
}

// A dossier due for deletion whose processing is restricted is not counted
// with those a purge erases: the startup line says it apart.
func TestDueCountLeavesRestrictedApart(t *testing.T) {
	s := newPeopleStore(t)
	ok(t, s.Store.SetRestriction(context.Background(), 5, true, "bezwaar tegen verwerking"))
	plans := must[[]store.PurgePlan](t)(s.Store.DuePurges(context.Background()))
	d := unlockOn(t, s, 160, 30, nil)
	v := d.view()
	if strings.Contains(v, "1 dossier is due for deletion — D shows it") {
		t.Errorf("the restricted dossier is counted as one a purge erases (the purge offers %d):\n%s", len(plans), v)
	}
	if !strings.Contains(v, "1 restricted dossier is due for deletion — lift the restriction to erase it (D)") {
		t.Errorf("the restricted dossier is not said apart:\n%s", v)
	}
	if nl := newText(Dutch); !strings.Contains(dueText(nl, store.DueCounts{Erasable: 2, Restricted: 1}),
		"2 dossiers wachten op verwijdering — D toont ze; nog 1 is beperkt") {
		t.Errorf("both kinds in Dutch: %q", dueText(nl, store.DueCounts{Erasable: 2, Restricted: 1}))
	}
}

// A passphrase typed into the security key form and not yet used is wiped
// when a lock drops the form, not left in memory.
func TestLockWipesATypedPassphrase(t *testing.T) {
	const pass = "tulp fiets regen lantaarn"
	bs := &bindingStore{pass: pass}
	b := &testBackend{t: t, exists: true, pass: pass, store: newPeopleStore(t),
		wrap: func(s *testStore) Store { bs.testStore = s; return bs }}
	now := testNow
	d := newDriver(t, newTestModel(b, English, &now), 100, 40)
	d.keys(pass + "[enter]")
	leaveToday(d)
	d.keys("Sbgeheim woord")
	f := top[securityKeyForm](t, d)
	if string(f.pass().Bytes()) != "geheim woord" {
		t.Fatalf("typed %q", f.pass().Bytes())
	}
	buf := f.pass().Bytes()[:cap(f.pass().Bytes())]
	d.keys("[ctrl+l]")
	if d.model().phase != phaseLocked {
		t.Fatalf("not locked: phase %d", d.model().phase)
	}
	for i, c := range buf {
		if c != 0 {
			t.Fatalf("byte %d of the typed passphrase survived the lock", i)
		}
	}
}

// Keys typed after enter on a list, before the client it opens is on
// screen (its navigate message still on the way), belong to the client:
// "enter 5 j enter" opens the client's second note, not the second client.
func TestKeysAfterEnterWaitForTheScreenItOpens(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
	m, open := d.m.Update(keyMsg("enter")) // its command not yet run
	d.m = m
	d.keys("5j[enter]")
	if r := d.model().top().Route(); r.Kind != KindCaseload {
		t.Fatalf("a key acted before the client opened: %+v", r)
	}
	d.run(open)
	if r := top[recordReader](t, d).Route(); r.Client != 1 || r.Item != 4 {
		t.Errorf("opened %+v, want Anna's note 4", r)
	}
}

// A held key never answers a question a key before it asked: "d" then
// "y" typed before the question is on screen leave it open.
func TestHeldKeysNeverAnswerAQuestion(t *testing.T) {
	s := newPeopleStore(t)
	d, _, _ := unlocked(t, s, English, 100, 30)
	before := len(top[caseloadModel](t, d).rows)
	m, ask := d.m.Update(keyMsg("d"))
	d.m = m
	d.keys("y")
	d.run(ask)
	if d.model().prompt == nil {
		t.Fatalf("no question after d:\n%s", d.view())
	}
	d.keys("n")
	if got := len(top[caseloadModel](t, d).rows); got != before {
		t.Errorf("a y typed before the question removed a client: %d rows, was %d", got, before)
	}
}
