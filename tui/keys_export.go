package tui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"

	"github.com/caseload/caseload/tui/kit"
)

// The keys of the dossier export: x on the caseload and the client screen
// opens it; the export screen has its own map.

// newExportOpenKey is x, "export dossier", on the caseload and the client
// screen.
func newExportOpenKey(t Text) key.Binding {
	return bind([]string{"x"}, "x", t.T("key.export"))
}

// withKeys adds bindings to a screen's key map without touching its type:
// last on the hint line, and a group of their own in the help overlay.
type withKeys struct {
	base  help.KeyMap
	extra []key.Binding
	short []key.Binding // the hint line in this order, when set
}

// ShortHelp is the base hint line with the extra keys after it.
func (k withKeys) ShortHelp() []key.Binding {
	if k.short != nil {
		return k.short
	}
	return append(append([]key.Binding{}, k.base.ShortHelp()...), k.extra...)
}

// FullHelp is the base help with the extra keys as a group of their own.
func (k withKeys) FullHelp() [][]key.Binding {
	return append(append([][]key.Binding{}, k.base.FullHelp()...), k.extra)
}

// exportKeys are the export screen's keys. On the form, enter and ctrl+s
// export, tab and the arrows move and choose; on the result, enter closes
// (esc, the global back, does as well).
type exportKeys struct {
	Next   key.Binding
	Prev   key.Binding
	Choice key.Binding
	Export key.Binding
	Cancel key.Binding
	Close  key.Binding
}

func newExportKeys(t Text) exportKeys {
	return exportKeys{
		Next:   bind([]string{"tab", "down"}, "tab/↓", t.T("key.next_field")),
		Prev:   bind([]string{"shift+tab", "up"}, "⇧tab/↑", t.T("key.prev_field")),
		Choice: bind([]string{"left", "right", " "}, "←/→", t.T("key.choose")),
		Export: bind([]string{"enter", "ctrl+s"}, "enter", t.T("key.export_start")),
		Cancel: bind([]string{"esc"}, "esc", t.T("key.cancel")),
		Close:  bind([]string{"enter"}, "enter", t.T("key.export_close")),
	}
}

// form is the keys as fieldSet.handleKey takes them.
func (k exportKeys) form() kit.FormKeys {
	return kit.FormKeys{Next: k.Next, Prev: k.Prev, Choice: k.Choice, Cancel: k.Cancel}
}

// ShortHelp is the export screen's hint line.
func (k exportKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Export, k.Close, k.Cancel, k.Next, k.Prev, k.Choice}
}

// FullHelp is the export screen's part of the help overlay.
func (k exportKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }
