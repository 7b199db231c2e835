package kit

import (
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

func testListKeys() ListKeys {
	b := func(keys ...string) key.Binding { return key.NewBinding(key.WithKeys(keys...)) }
	return ListKeys{Up: b("up", "k"), Down: b("down", "j"), PageUp: b("pgup"), PageDown: b("pgdown"),
		Home: b("home", "g"), End: b("end", "G")}
}

func TestListMovesAndPages(t *testing.T) {
	k := testListKeys()
	var l List
	const n, h = 50, 10
	press := func(s string) bool {
		msg := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
		switch s {
		case "pgdown":
			msg = tea.KeyMsg{Type: tea.KeyPgDown}
		case "end":
			msg = tea.KeyMsg{Type: tea.KeyEnd}
		}
		return l.Move(msg, k, n, h)
	}
	for range 12 {
		press("j")
	}
	if l.Cursor != 12 || l.Offset != 3 {
		t.Fatalf("after 12×j: cursor %d offset %d", l.Cursor, l.Offset)
	}
	if start, end := l.Window(n, h); start != 3 || end != 13 {
		t.Errorf("window %d–%d", start, end)
	}
	press("pgdown")
	if l.Cursor != 21 {
		t.Errorf("page down: cursor %d", l.Cursor)
	}
	press("end")
	if l.Cursor != n-1 || l.Offset != n-h {
		t.Errorf("end: cursor %d offset %d", l.Cursor, l.Offset)
	}
	press("g")
	if l.Cursor != 0 || l.Offset != 0 {
		t.Errorf("home: cursor %d offset %d", l.Cursor, l.Offset)
	}
	press("k")
	if l.Cursor != 0 {
		t.Errorf("up past the top: %d", l.Cursor)
	}
	if press("x") {
		t.Error("x counted as a list key")
	}
}

func TestListClampsWhenRowsGo(t *testing.T) {
	l := List{Cursor: 40, Offset: 35}
	l.Clamp(5, 10)
	if l.Cursor != 4 || l.Offset != 0 {
		t.Errorf("cursor %d offset %d", l.Cursor, l.Offset)
	}
	if _, ok := (List{}).Selected(0); ok {
		t.Error("an empty list has a selection")
	}
	var k ListKeys = testListKeys()
	k.SetEnabled(false)
	for _, b := range k.Bindings() {
		if b.Enabled() {
			t.Error("a list key stays enabled")
		}
	}
}
