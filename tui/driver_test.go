package tui

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
)

// driver runs a model the way Bubble Tea does, but synchronously: it runs
// every command, expands batches and sequences, and feeds each message
// back. Ticks (tea.Tick, which blocks for its duration) are not run; a test
// sends tickMsg itself.
type driver struct {
	t    testing.TB
	m    tea.Model
	quit bool
	// hold, when set, keeps back the messages it matches, as a slow
	// answer would: they wait in kept until release.
	hold func(tea.Msg) bool
	kept []tea.Msg
}

// release stops holding and delivers what was kept back, in order.
func (d *driver) release() {
	d.t.Helper()
	kept := d.kept
	d.hold, d.kept = nil, nil
	for _, msg := range kept {
		d.send(msg)
	}
}

// tickCode is the code pointer every tea.Tick closure shares.
var tickCode = reflect.ValueOf(tea.Tick(time.Hour, func(time.Time) tea.Msg { return nil })).Pointer()

var cmdType = reflect.TypeOf(tea.Cmd(nil))

func newDriver(t testing.TB, m tea.Model, w, h int) *driver {
	d := &driver{t: t, m: m}
	d.run(m.Init())
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	return d
}

// send delivers msg and runs what follows from it.
func (d *driver) send(msg tea.Msg) {
	d.t.Helper()
	m, cmd := d.m.Update(msg)
	d.m = m
	d.run(cmd)
}

// run runs cmd and every command that follows, breadth first.
func (d *driver) run(cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10000 {
			d.t.Fatal("driver: commands do not settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil || reflect.ValueOf(c).Pointer() == tickCode {
			continue
		}
		msg := c()
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == cmdType {
			// tea.BatchMsg or tea's sequence: run each in order.
			var sub []tea.Cmd
			for i := range v.Len() {
				sub = append(sub, v.Index(i).Interface().(tea.Cmd))
			}
			queue = append(sub, queue...)
			continue
		}
		switch msg.(type) {
		case nil, spinner.TickMsg:
			continue
		case tea.QuitMsg:
			d.quit = true
			continue
		}
		if d.hold != nil && d.hold(msg) {
			d.kept = append(d.kept, msg)
			continue
		}
		m, next := d.m.Update(msg)
		d.m = m
		queue = append(queue, next)
	}
}

// keys types s one key at a time; names such as "enter" or "ctrl+s" in
// square brackets are special keys: "Anna[tab]de Vries[ctrl+s]".
func (d *driver) keys(s string) {
	d.t.Helper()
	for s != "" {
		if strings.HasPrefix(s, "[") {
			end := strings.Index(s, "]")
			d.send(keyMsg(s[1:end]))
			s = s[end+1:]
			continue
		}
		r := []rune(s)[0]
		d.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		s = s[len(string(r)):]
	}
}

// keyMsg makes the key message for a name as key.Binding spells it.
func keyMsg(name string) tea.KeyMsg {
	names := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"backspace": tea.KeyBackspace, "ctrl+c": tea.KeyCtrlC, "ctrl+l": tea.KeyCtrlL,
		"ctrl+s": tea.KeyCtrlS, "ctrl+u": tea.KeyCtrlU, "ctrl+f": tea.KeyCtrlF, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp, "space": tea.KeySpace,
		"pgdn": tea.KeyPgDown, "home": tea.KeyHome, "end": tea.KeyEnd,
	}
	if k, ok := names[name]; ok {
		return tea.KeyMsg{Type: k}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(name)}
}

func (d *driver) model() Model { return d.m.(Model) }

func (d *driver) view() string { return d.m.View() }

// newTestModel is the root model over a backend, at the fixed time.
func newTestModel(b Backend, lang Lang, now *time.Time) Model {
	return New(Config{Backend: b, Lang: lang, Clock: func() time.Time { return *now }})
}

// unlocked is a driver past the unlock screen, on the caseload of s, at
// the store's clock. A day with something due opens on the today screen;
// unlocked leaves it for the caseload below, where most tests start.
func unlocked(t testing.TB, s *testStore, lang Lang, w, h int) (*driver, *testBackend, *time.Time) {
	t.Helper()
	b := &testBackend{t: t, exists: true, pass: "tulp fiets regen lantaarn", store: s}
	d := newDriver(t, newTestModel(b, lang, s.now), w, h)
	d.keys("tulp fiets regen lantaarn[enter]")
	if d.model().phase != phaseUnlocked {
		t.Fatalf("not unlocked: phase %d\n%s", d.model().phase, d.view())
	}
	leaveToday(d)
	return d, b, s.now
}

// leaveToday goes back from the today screen, which a vault with
// something due opens on, to the caseload below it.
func leaveToday(d *driver) {
	d.t.Helper()
	if d.model().phase == phaseUnlocked && d.model().top().Route().Kind == KindToday {
		d.keys("[esc]")
	}
}

// top returns the concrete screen on top of the stack.
func top[T pageModel[T]](t testing.TB, d *driver) T {
	t.Helper()
	p, ok := d.model().top().(page[T])
	if !ok {
		var zero T
		t.Fatalf("top screen is %T, want %T", d.model().top(), zero)
	}
	return p.m
}
