package tui

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/caseload/caseload/tui/kit"
)

// The keys of the import: i on the caseload opens it; the import screen
// has its own map.

// importKey is i, "import", on the caseload; it works while the filter
// field does not have the focus.
func (m caseloadModel) importKey() key.Binding {
	b := bind([]string{"i"}, "i", m.env.text.T("key.import"))
	b.SetEnabled(!m.filtering)
	return b
}

// importKeys are the import screen's keys. On the form enter imports and
// tab moves; on the result enter closes.
type importKeys struct {
	Next   key.Binding
	Prev   key.Binding
	Import key.Binding
	Cancel key.Binding
	Close  key.Binding
}

func newImportKeys(t Text) importKeys {
	return importKeys{
		Next:   bind([]string{"tab", "down"}, "tab/↓", t.T("key.next_field")),
		Prev:   bind([]string{"shift+tab", "up"}, "⇧tab/↑", t.T("key.prev_field")),
		Import: bind([]string{"enter", "ctrl+s"}, "enter", t.T("key.import_start")),
		Cancel: bind([]string{"esc"}, "esc", t.T("key.cancel")),
		Close:  bind([]string{"enter"}, "enter", t.T("key.import_close")),
	}
}

// form is the keys as fieldSet.handleKey takes them.
func (k importKeys) form() kit.FormKeys {
	return kit.FormKeys{Next: k.Next, Prev: k.Prev, Cancel: k.Cancel}
}

// ShortHelp is the import screen's hint line.
func (k importKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Import, k.Close, k.Cancel, k.Next, k.Prev}
}

// FullHelp is the import screen's part of the help overlay.
func (k importKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }
