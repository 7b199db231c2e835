package tui

import (
	"errors"
	"strings"
	"testing"
)

func TestCreateRefusesShortAndMismatched(t *testing.T) {
	now := testNow
	b := &testBackend{t: t}
	d := newDriver(t, newTestModel(b, English, &now), 100, 30)
	d.keys("kort[enter]")
	if u := top[unlockModel](t, d); u.state != unlockCreate || !strings.Contains(u.problem, "too short") {
		t.Fatalf("short passphrase not refused: state %d problem %q", u.state, u.problem)
	}
	d.keys("[backspace][backspace][backspace][backspace]tulp fiets regen lantaarn[enter]tulp fiets regen lantaarm[enter]")
	u := top[unlockModel](t, d)
	if !strings.Contains(u.problem, "differ") {
		t.Fatalf("mismatch not refused: %q", u.problem)
	}
	if !u.again().Empty() || u.form.Focus != 1 || !u.again().Focused() {
		t.Errorf("after a mismatch the second field should be empty and focused")
	}
	if b.exists {
		t.Fatal("a vault was created from a refused passphrase")
	}
}

func TestCreateShowsRecoveryKeyOnce(t *testing.T) {
	now := testNow
	b := &testBackend{t: t}
	d := newDriver(t, newTestModel(b, English, &now), 100, 30)
	d.keys("tulp fiets regen lantaarn[enter]tulp fiets regen lantaarn[enter]")
	if !b.exists || b.pass != "tulp fiets regen lantaarn" {
		t.Fatal("vault not created")
	}
	if !strings.Contains(d.view(), "AGE-SECRET-KEY-PQ-1TESTRECOVERY") {
		t.Fatalf("recovery key not shown:\n%s", d.view())
	}
	d.keys("q[esc][enter]n")
	if d.quit || d.model().phase != phaseFresh {
		t.Fatal("a key other than y left the recovery key screen")
	}
	d.keys("y")
	top[caseloadModel](t, d)
	if strings.Contains(d.view(), "AGE-SECRET-KEY") {
		t.Error("recovery key still on screen")
	}
	if d.model().phase != phaseUnlocked {
		t.Errorf("phase %d after storing the key", d.model().phase)
	}
}

func TestWrongPassphraseClearsAndRetries(t *testing.T) {
	now := testNow
	s := newPeopleStore(t)
	b := &testBackend{t: t, exists: true, pass: "tulp fiets regen lantaarn", store: s}
	d := newDriver(t, newTestModel(b, English, &now), 100, 30)
	d.keys("tulp fiets[enter]")
	u := top[unlockModel](t, d)
	if u.state != unlockPass || !u.pass().Empty() || !u.pass().Focused() {
		t.Fatalf("after a wrong passphrase: state %d, field of %d", u.state, u.pass().Len())
	}
	if !strings.Contains(d.view(), "does not open the vault") {
		t.Errorf("no wrong-passphrase sentence:\n%s", d.view())
	}
	d.keys("tulp fiets regen lantaarn[enter]")
	leaveToday(d)
	top[caseloadModel](t, d)
}

func TestUnlockProblemsTouchNothing(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want string
	}{
		{errDamaged, "The vault is damaged and cannot be opened. Nothing was changed."},
		{errInUse, "The vault is open in another caseload window."},
	} {
		now := testNow
		s := newPeopleStore(t)
		b := &testBackend{t: t, exists: true, pass: "x", store: s, unlockErr: tt.err}
		d := newDriver(t, newTestModel(b, English, &now), 100, 30)
		d.keys("tulp fiets regen lantaarn[enter]")
		if !strings.Contains(d.view(), tt.want) {
			t.Errorf("%v: view lacks %q:\n%s", tt.err, tt.want, d.view())
		}
		if len(s.calls) != 0 {
			t.Errorf("%v: the store was called: %v", tt.err, s.calls)
		}
		if top[unlockModel](t, d).state != unlockPass {
			t.Errorf("%v: cannot try again", tt.err)
		}
	}
}

func TestVaultFolderUnreadable(t *testing.T) {
	now := testNow
	b := &testBackend{t: t, existsErr: errDamaged}
	d := newDriver(t, newTestModel(b, Dutch, &now), 100, 30)
	if !strings.Contains(d.view(), "De kluis is beschadigd") {
		t.Errorf("no problem sentence:\n%s", d.view())
	}
	d.keys("q")
	if !d.quit {
		t.Error("q does not quit a vault that cannot be read")
	}
}

func TestPassphraseStrength(t *testing.T) {
	for p, want := range map[string]string{
		"":                          "too short",
		"kort":                      "too short",
		"123456789":                 "too short",
		"1234567890":                "common password",
		"aaaaaaaaaaaaaaaaaaaaaaaa":  "repeats",
		"          ":                "repeats",
		"Fietsbel7!":                "too weak",
		"tulp fiets regen lantaarn": "",
		"Tulp-Fiets-2026!":          "",
		"1212121212121212":          "repeats",
		"Tulpen bloeien in mei 26!": "",
	} {
		v := checkPassphrase(p)
		got := ""
		if v.refused() {
			got = v.short(newText(English))
		}
		if want == "" && got != "" || !strings.Contains(got, want) {
			t.Errorf("checkPassphrase(%q): %q, want %q", p, got, want)
		}
	}
}

// olderBackend is testBackend for a vault older than this laptop last
// saved: Unlock refuses it, and the coach chooses.
type olderBackend struct {
	*testBackend
	accepted, read bool
}

var errRolledBack = errors.New("rolled back")

func (b *olderBackend) Unlock([]byte, KeyUI) (Store, error) { return nil, errRolledBack }
func (b *olderBackend) Classify(err error) Problem {
	if errors.Is(err, errRolledBack) {
		return ProblemRolledBack
	}
	return b.testBackend.Classify(err)
}
func (b *olderBackend) AcceptOlder() (Store, error) { b.accepted = true; return b.store, nil }
func (b *olderBackend) ReadOlder() (Store, error)   { b.read = true; return b.store, nil }

// TestOlderVaultAsksTheCoach: a vault older than the one this laptop last
// saved is not opened for writing without a choice; each choice does
// what it says.
func TestOlderVaultAsksTheCoach(t *testing.T) {
	for _, choice := range []string{"a", "r", "[esc]"} {
		now := testNow
		b := &olderBackend{testBackend: &testBackend{t: t, exists: true, pass: "x", store: newPeopleStore(t)}}
		d := newDriver(t, newTestModel(b, English, &now), 100, 30)
		d.keys("tulp fiets regen lantaarn[enter]")
		u := top[unlockModel](t, d)
		if u.state != unlockOlder {
			t.Fatalf("state %d, want the choice", u.state)
		}
		view := d.view()
		for _, want := range []string{"older than the one this laptop last saved", "accept it as current", "read-only", "newest backup"} {
			if !strings.Contains(view, want) {
				t.Errorf("the choice does not say %q:\n%s", want, view)
			}
		}
		d.keys("q") // a stray key chooses nothing
		if d.quit || b.accepted || b.read {
			t.Fatal("q made a choice")
		}
		d.keys(choice)
		leaveToday(d)
		switch choice {
		case "a":
			top[caseloadModel](t, d)
			if !b.accepted {
				t.Error("a did not accept the older vault")
			}
		case "r":
			top[caseloadModel](t, d)
			if !b.read || b.accepted {
				t.Error("r did not open it read-only")
			}
		default:
			if !d.quit || b.accepted || b.read {
				t.Error("esc did not quit without a choice")
			}
		}
	}
}

// A weak passphrase is refused with the reason and six words to use
// instead, in the coach's language.
func TestCreateRefusesWeakWithSuggestion(t *testing.T) {
	now := testNow
	b := &testBackend{t: t}
	d := newDriver(t, newTestModel(b, Dutch, &now), 100, 30)
	d.keys("aaaaaaaaaa[enter]")
	u := top[unlockModel](t, d)
	if u.state != unlockCreate || !strings.Contains(u.problem, "herhaalt zichzelf") {
		t.Fatalf("aaaaaaaaaa not refused: state %d problem %q", u.state, u.problem)
	}
	if !strings.Contains(d.view(), "anchor velvet orbit tissue cradle humble") {
		t.Fatalf("no suggestion on screen:\n%s", d.view())
	}
	if b.exists {
		t.Fatal("a vault was created from a weak passphrase")
	}
}
