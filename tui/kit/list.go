package kit

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// ListKeys move through a list. The screen builds them with help in the
// coach's language and embeds them in its own key map.
type ListKeys struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Home     key.Binding
	End      key.Binding
}

// SetEnabled turns the list keys on or off together, so the hints show
// them only when there is something to move through.
func (k *ListKeys) SetEnabled(on bool) {
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Home, &k.End} {
		b.SetEnabled(on)
	}
}

// Bindings lists the keys, for a help overlay.
func (k ListKeys) Bindings() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End}
}

// List is the selection in a list of n rows shown height rows at a time:
// every list and table of the screens moves with it, so ↑/↓, paging,
// home and end work alike everywhere. It holds only positions; each
// screen keeps its own rows. (A run of keys typed fast or pasted reaches
// a list one key at a time: the root model splits it.)
type List struct {
	Cursor int // the selected row
	Offset int // the first row on screen
}

// Move handles the list keys and reports whether msg was one of them.
func (l *List) Move(msg tea.KeyMsg, k ListKeys, n, height int) bool {
	page := max(height-1, 1)
	switch {
	case key.Matches(msg, k.Up):
		l.Cursor--
	case key.Matches(msg, k.Down):
		l.Cursor++
	case key.Matches(msg, k.PageUp):
		l.Cursor -= page
	case key.Matches(msg, k.PageDown):
		l.Cursor += page
	case key.Matches(msg, k.Home):
		l.Cursor = 0
	case key.Matches(msg, k.End):
		l.Cursor = n - 1
	default:
		return false
	}
	l.Clamp(n, height)
	return true
}

// Clamp keeps the cursor on a row and that row on screen.
func (l *List) Clamp(n, height int) {
	height = max(height, 1)
	l.Cursor = max(min(l.Cursor, n-1), 0)
	if l.Cursor < l.Offset {
		l.Offset = l.Cursor
	}
	if l.Cursor >= l.Offset+height {
		l.Offset = l.Cursor - height + 1
	}
	l.Offset = max(min(l.Offset, n-height), 0)
}

// Window is the range of rows on screen.
func (l List) Window(n, height int) (start, end int) {
	start = max(min(l.Offset, n), 0)
	return start, min(start+max(height, 1), n)
}

// Selected is the cursor's row, false when the list is empty.
func (l List) Selected(n int) (int, bool) {
	if l.Cursor < 0 || l.Cursor >= n {
		return 0, false
	}
	return l.Cursor, true
}
