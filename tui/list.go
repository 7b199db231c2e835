package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// listCursor is the selection in a list of n rows shown height rows at a
// time: the client's tabs and the search results use it. It holds only
// positions; each screen keeps its own rows.
type listCursor struct {
	cursor int // the selected row
	offset int // the first row on screen
}

// move handles the list keys and reports whether msg was one of them.
func (l *listCursor) move(msg tea.KeyMsg, k listKeys, n, height int) bool {
	page := max(height-1, 1)
	switch {
	case key.Matches(msg, k.Up):
		l.cursor--
	case key.Matches(msg, k.Down):
		l.cursor++
	case key.Matches(msg, k.PageUp):
		l.cursor -= page
	case key.Matches(msg, k.PageDown):
		l.cursor += page
	case key.Matches(msg, k.Home):
		l.cursor = 0
	case key.Matches(msg, k.End):
		l.cursor = n - 1
	default:
		return false
	}
	l.clamp(n, height)
	return true
}

// clamp keeps the cursor on a row and that row on screen.
func (l *listCursor) clamp(n, height int) {
	height = max(height, 1)
	l.cursor = max(min(l.cursor, n-1), 0)
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+height {
		l.offset = l.cursor - height + 1
	}
	l.offset = max(min(l.offset, n-height), 0)
}

// window is the range of rows on screen.
func (l listCursor) window(n, height int) (start, end int) {
	start = max(min(l.offset, n), 0)
	return start, min(start+max(height, 1), n)
}
