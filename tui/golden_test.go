package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// Golden views at 100×30, plain text (see TestMain). Re-record with
// go test ./tui -update.

func requireGolden(t *testing.T, d *driver) {
	t.Helper()
	golden.RequireEqual(t, []byte(d.view()))
}

func TestGoldenCreate(t *testing.T) {
	now := testNow
	d := newDriver(t, newTestModel(&testBackend{t: t}, English, &now), 100, 30)
	d.keys("tulp fiets")
	requireGolden(t, d)
}

func TestGoldenCreateTooShortNL(t *testing.T) {
	now := testNow
	d := newDriver(t, newTestModel(&testBackend{t: t}, Dutch, &now), 100, 30)
	d.keys("kort[enter]")
	requireGolden(t, d)
}

func TestGoldenRecoveryKey(t *testing.T) {
	now := testNow
	d := newDriver(t, newTestModel(&testBackend{t: t}, English, &now), 100, 30)
	d.keys("tulp fiets regen lantaarn[enter]tulp fiets regen lantaarn[enter]")
	requireGolden(t, d)
}

func TestGoldenWrongPassphrase(t *testing.T) {
	now := testNow
	b := &testBackend{t: t, exists: true, pass: "tulp fiets regen lantaarn", store: newPeopleStore(t)}
	d := newDriver(t, newTestModel(b, English, &now), 100, 30)
	d.keys("tulp fiets[enter]")
	requireGolden(t, d)
}

func TestGoldenCaseload(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
	d.keys("[tab][tab]") // all
	requireGolden(t, d)
}

func TestGoldenCaseloadNL(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), Dutch, 100, 30)
	d.keys("[tab][tab]")
	requireGolden(t, d)
}

func TestGoldenCaseloadEmpty(t *testing.T) {
	d, _, _ := unlocked(t, newTestStore(t, nil), English, 100, 30)
	requireGolden(t, d)
}

func TestGoldenCaseloadFilter(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
	d.keys("[tab][tab]/CELIK")
	requireGolden(t, d)
}

func TestGoldenHelp(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
	d.keys("?")
	requireGolden(t, d)
}

func TestGoldenClient(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
	d.keys("[enter]")
	requireGolden(t, d)
}

func TestGoldenFormUnder16NL(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), Dutch, 100, 30)
	d.keys("nNoor[tab]Jansen[tab][tab][tab]03-05-2012")
	requireGolden(t, d)
}

func TestGoldenFormImpossibleDate(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
	d.keys("nNoor[tab][tab][tab][tab]31-02-2010[ctrl+s]")
	requireGolden(t, d)
}

func TestGoldenDiscardPrompt(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), Dutch, 100, 30)
	d.keys("nNoor[esc]")
	requireGolden(t, d)
}

// TestResize shrinks every screen to 80×24 and checks that no line is wider
// than the terminal and the view is exactly as tall.
func TestResize(t *testing.T) {
	for _, lang := range []Lang{English, Dutch} {
		d, _, _ := unlocked(t, newPeopleStore(t), lang, 100, 30)
		check := func(name string) {
			t.Helper()
			for _, size := range [][2]int{{100, 30}, {80, 24}, {60, 20}} {
				d.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				lines := strings.Split(d.view(), "\n")
				if len(lines) != size[1] {
					t.Errorf("%s %s at %v: %d lines", lang, name, size, len(lines))
				}
				for i, l := range lines {
					if w := ansi.StringWidth(l); w > size[0] {
						t.Errorf("%s %s at %v: line %d is %d wide: %q", lang, name, size, i, w, l)
					}
				}
			}
			d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
		}
		check("caseload")
		d.keys("[tab][tab]/a")
		check("filter")
		d.keys("[esc]?")
		check("help")
		d.keys("?[enter]")
		check("client")
		d.keys("e")
		check("form")
		d.keys("[esc]")
		for tab := range tabCount {
			d.keys(string(rune('1' + tab)))
			check("client " + tab.id())
		}
		d.keys("5[enter]")
		check("reader")
		d.keys("[esc]jj[enter]")
		check("reader masked")
		d.keys("[esc]n")
		check("editor")
		d.keys("Titel[tab][ctrl+u]31-02-2026[ctrl+s]")
		check("editor with an error")
		d.keys("[esc]y7n")
		check("appointment form")
		d.keys("[esc]8n")
		check("document add")
		d.keys("[esc]s")
		check("document save")
		d.keys("[esc][esc][ctrl+f]anna")
		d.send(searchDueMsg{id: top[searchScreen](t, d).due})
		check("search")
		d.keys("[esc]")
	}
}
