package tui

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/caseload/caseload/store"
)

// snapMsg asks viewProbe for the current frame.
type snapMsg struct{}

// viewProbe wraps the root model in a running program so a test can take
// a frame as plain text at any moment, also while a command blocks.
type viewProbe struct {
	tea.Model
	frames chan string
}

func (p viewProbe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(snapMsg); ok {
		p.frames <- ansi.Strip(p.Model.View())
		return p, nil
	}
	m, cmd := p.Model.Update(msg)
	p.Model = m
	return p, cmd
}

// spinnerFrames are spinner.Dot's frames: a golden file holds the first.
var spinnerFrames = regexp.MustCompile("[⣾⣽⣻⢿⡿⣟⣯⣷]")

// keyFlow is a running app on a vault bound to a fake security key.
type keyFlow struct {
	t      *testing.T
	tm     *teatest.TestModel
	frames chan string
}

func newKeyFlow(t *testing.T, b *testBackend, lang Lang) *keyFlow {
	frames := make(chan string, 1)
	m := viewProbe{Model: New(Config{Backend: b, Lang: lang, Clock: func() time.Time { return testNow }}), frames: frames}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	return &keyFlow{t: t, tm: tm, frames: frames}
}

func (f *keyFlow) wait(texts ...string) {
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

func (f *keyFlow) frame() string {
	f.tm.Send(snapMsg{})
	select {
	case s := <-f.frames:
		return spinnerFrames.ReplaceAllString(s, "⣾")
	case <-time.After(5 * time.Second):
		f.t.Fatal("no frame")
		return ""
	}
}

// The unlock screen says "touch your security key" while the plugin
// waits, shows the plugin's own message (escaped) and its PIN prompt,
// and hands the PIN back; after ctrl+l the key is needed again.
func TestFlowSecurityKey(t *testing.T) {
	const pass = "tulp fiets regen lantaarn"
	var calls atomic.Int32
	touched := make(chan struct{}, 2)
	b := &testBackend{t: t, exists: true, pass: pass, store: newPeopleStore(t)}
	b.key = func(ui KeyUI) error {
		calls.Add(1)
		ui.KeyWaiting("casefake")
		<-touched
		ui.KeyMessage("casefake", "key touched\x1b]0;pwned\x07, now the PIN")
		pin, err := ui.KeyRequest("casefake", "casefake PIN:", true)
		if err != nil || pin != "1234" {
			return keyProblemErr{p: ProblemKeyAbsent, plugin: "casefake"}
		}
		return nil
	}
	f := newKeyFlow(t, b, English)
	enter := tea.KeyMsg{Type: tea.KeyEnter}
	f.wait("Unlock your caseload")
	f.tm.Type(pass)
	f.tm.Send(enter)
	f.wait("Touch your security key", "Waiting for your security key (casefake)")
	golden.RequireEqual(t, []byte(f.frame()))

	touched <- struct{}{}
	f.wait("casefake PIN:")
	view := f.frame()
	if !strings.Contains(view, `casefake: key touched\x1b]0;pwned\x07, now the PIN`) || strings.Contains(view, "\x1b]") {
		t.Fatalf("the plugin's message is not shown, or not escaped:\n%s", view)
	}
	f.tm.Type("1234")
	f.tm.Send(enter)
	f.wait("Today ·", "Sanne Bakker") // something is due: the vault opens on today

	// Locked: the key is needed again.
	f.tm.Send(tea.KeyMsg{Type: tea.KeyCtrlL})
	f.wait("Unlock your caseload")
	f.tm.Type(pass)
	f.tm.Send(enter)
	f.wait("Touch your security key")
	if calls.Load() != 2 {
		t.Fatalf("the key was asked %d times, want 2 (once after the lock)", calls.Load())
	}
	touched <- struct{}{}
	f.wait("casefake PIN:")
	f.tm.Type("0000")
	f.tm.Send(enter)
	f.wait("No security key answered")
	f.tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	f.tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// Each failure of a security key has its own sentence, in Dutch too, and
// the field is ready for another try.
func TestUnlockKeyProblems(t *testing.T) {
	for _, tc := range []struct {
		p    Problem
		lang Lang
		want string
	}{
		{ProblemKeyPluginMissing, English, "the program for it (age-plugin-casefake) is not installed"},
		{ProblemKeyPluginMissing, Dutch, "Installeer age-plugin-casefake"},
		{ProblemKeyAbsent, English, "No security key answered"},
		{ProblemKeyAbsent, English, "(casefake: no casefake key plugged in\\x1b[2J) No security key answered"},
		{ProblemWrongKey, Dutch, "Deze beveiligingssleutel hoort niet bij deze kluis"},
		{ProblemKeyTimeout, English, "did not answer in time"},
		{ProblemKeyFailed, English, "(age-plugin-casefake) stopped unexpectedly"},
	} {
		now := testNow
		b := &testBackend{t: t, exists: true, pass: "x", store: newPeopleStore(t)}
		detail := ""
		if strings.HasPrefix(tc.want, "(") {
			detail = "no casefake key plugged in\x1b[2J"
		}
		b.key = func(KeyUI) error { return keyProblemErr{p: tc.p, plugin: "casefake", detail: detail} }
		d := newDriver(t, newTestModel(b, tc.lang, &now), 100, 30)
		d.keys("x[enter]")
		u := top[unlockModel](t, d)
		if !strings.Contains(u.problem, tc.want) || u.state != unlockPass || !u.pass().Focused() {
			t.Errorf("problem %d: state %d, %q, want %q", tc.p, u.state, u.problem, tc.want)
		}
	}
}

// A plugin that asks after the attempt ended gets an error, not a hang.
func TestKeyTalkAfterEnd(t *testing.T) {
	k := newKeyTalk()
	k.close()
	if _, err := k.KeyRequest("casefake", "PIN:", true); !errors.Is(err, errTalkOver) {
		t.Fatalf("got %v", err)
	}
	k.KeyWaiting("casefake") // must not block
}

// bindingStore is a store whose vault can be bound to security keys.
type bindingStore struct {
	*testStore
	keys []string
	pass string
}

func (s *bindingStore) SecurityKeys() []string { return s.keys }

func (s *bindingStore) AddSecurityKey(pass []byte, key string, ui KeyUI) error {
	if string(pass) != s.pass {
		return errWrongPass
	}
	if strings.Contains(key, "bogus") {
		return &store.ValidationError{Field: "security_key", Problem: "not a key"}
	}
	ui.KeyWaiting("casefake")
	ui.KeyMessage("casefake", "touch the new key")
	s.keys = append(s.keys, "casefake  "+key)
	return nil
}

// The settings bind a security key: the passphrase again, the key's
// recipient, the plugin's conversation, and the key listed after.
func TestSettingsBindSecurityKey(t *testing.T) {
	now := testNow
	const pass = "tulp fiets regen lantaarn"
	bs := &bindingStore{pass: pass}
	b := &testBackend{t: t, exists: true, pass: pass, store: newPeopleStore(t),
		wrap: func(s *testStore) Store { bs.testStore = s; return bs }}
	d := newDriver(t, newTestModel(b, English, &now), 100, 40)
	d.keys(pass + "[enter]S")
	if !strings.Contains(d.view(), "none — the passphrase alone opens the vault") {
		t.Fatalf("no security key section:\n%s", d.view())
	}
	d.keys("b")
	top[securityKeyForm](t, d)
	d.keys("[enter]")
	if !strings.Contains(d.view(), "Type your passphrase") {
		t.Fatalf("an empty passphrase was not refused:\n%s", d.view())
	}
	d.keys("wrong one[tab]age1casefake1abc[enter]")
	if !strings.Contains(d.view(), "does not open the vault") || len(bs.keys) != 0 {
		t.Fatalf("a wrong passphrase bound the key:\n%s", d.view())
	}
	if f := top[securityKeyForm](t, d); !f.pass().Empty() || !f.pass().Focused() {
		t.Fatal("after a wrong passphrase the field is not empty and focused")
	}
	// A key the vault cannot take: said under the key, and the passphrase
	// (used, so wiped) is the field to type again.
	d.keys(pass + "[tab][ctrl+u]age1bogus[enter]")
	f := top[securityKeyForm](t, d)
	if !strings.Contains(d.view(), "That is not a plugin's key") || f.Focused().ID != "passphrase" || !f.pass().Empty() {
		t.Fatalf("a refused key: focus on %s\n%s", f.Focused().ID, d.view())
	}
	d.keys(pass + "[tab][ctrl+u]age1casefake1abc[enter]")
	if len(bs.keys) != 1 || !strings.Contains(d.view(), "casefake  age1casefake1abc") {
		t.Fatalf("the key is not bound and listed: %v\n%s", bs.keys, d.view())
	}
	top[settingsScreen](t, d)
}
