package tui

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/caseload/caseload/tui/kit"
)

// The key maps of the client's dossier: the tabbed client screen, the
// record reader and editor, and the search screen. As in keys.go, each is
// built by a constructor and switched with SetEnabled.

// clientKeys are the client screen's keys. Which of them work depends on
// the tab: n, e and d act on what the tab lists, and are all off for a
// client whose processing is restricted.
type clientKeys struct {
	kit.ListKeys
	NextTab  key.Binding
	PrevTab  key.Binding
	JumpTab  key.Binding // 1–9 and 0: the first ten tabs
	LogTab   key.Binding // L: the eleventh, the log
	Open     key.Binding
	New      key.Binding
	Edit     key.Binding
	Delete   key.Binding
	SaveCopy key.Binding
	// RevealDoc shows the name of a special-category document (logged).
	RevealDoc key.Binding
	retentionKeys
	rightsKeys
}

func newClientKeys(t Text) clientKeys {
	return clientKeys{
		ListKeys: newListKeys(t),
		NextTab:  bind([]string{"tab"}, "tab", t.T("key.next_tab")),
		PrevTab:  bind([]string{"shift+tab"}, "⇧tab", t.T("key.prev_tab")),
		JumpTab: bind([]string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"}, "1–9 0",
			t.T("key.jump_tab")),
		LogTab:        bind([]string{"L"}, "L", t.T("key.log_tab")),
		Open:          bind([]string{"enter"}, "enter", t.T("key.read")),
		New:           bind([]string{"n"}, "n", t.T("key.new")),
		Edit:          bind([]string{"e"}, "e", t.T("key.edit")),
		Delete:        bind([]string{"d"}, "d", t.T("key.delete")),
		SaveCopy:      bind([]string{"s"}, "s", t.T("key.save_copy")),
		RevealDoc:     bind([]string{"v"}, "v", t.T("key.reveal")),
		retentionKeys: newRetentionKeys(t),
		rightsKeys:    newRightsKeys(t),
	}
}

// ShortHelp is the client screen's hint line: the actions first, then
// tab; 1–9 is in the help overlay, the tab bar shows where tab leads.
func (k clientKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.New, k.Edit, k.Delete, k.SaveCopy, k.RevealDoc, k.Purge, k.Hold, k.Restrict,
		k.OpenRequest, k.Add, k.Disclose, k.Withdraw, k.NextTab}
}

// FullHelp is the client screen's part of the help overlay.
func (k clientKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.NextTab, k.PrevTab, k.JumpTab, k.LogTab},
		k.ListKeys.Bindings(),
		{k.Open, k.New, k.Edit, k.Delete, k.SaveCopy, k.RevealDoc},
		k.retentionKeys.bindings(),
		k.rightsKeys.bindings(),
	}
}

// readerKeys are the record reader's keys: scrolling, reveal, edit, delete.
type readerKeys struct {
	kit.ListKeys
	Reveal key.Binding
	Edit   key.Binding
	Delete key.Binding
}

func newReaderKeys(t Text) readerKeys {
	return readerKeys{
		ListKeys: newListKeys(t),
		Reveal:   bind([]string{"v"}, "v", t.T("key.reveal")),
		Edit:     bind([]string{"e"}, "e", t.T("key.edit")),
		Delete:   bind([]string{"d"}, "d", t.T("key.delete")),
	}
}

// ShortHelp is the reader's hint line.
func (k readerKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Reveal, k.Edit, k.Delete, k.Down, k.Up, k.PageDown}
}

// FullHelp is the reader's part of the help overlay.
func (k readerKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.ListKeys.Bindings(), {k.Reveal, k.Edit, k.Delete}}
}

// editorKeys are the record editor's keys. The body is a multi-line text
// area that needs enter, ↑ and ↓ itself, so those move between fields only
// while a one-line field has the focus; tab and shift+tab always do.
type editorKeys struct {
	Save      key.Binding
	Cancel    key.Binding
	Next      key.Binding
	Prev      key.Binding
	FieldDown key.Binding // ↓/enter on a one-line field
	FieldUp   key.Binding // ↑ on a one-line field
	Choice    key.Binding // ←/→/space on a choice field
}

func newEditorKeys(t Text) editorKeys {
	return editorKeys{
		Save:      bind([]string{"ctrl+s"}, "ctrl+s", t.T("key.save")),
		Cancel:    bind([]string{"esc"}, "esc", t.T("key.close")),
		Next:      bind([]string{"tab"}, "tab", t.T("key.next_field")),
		Prev:      bind([]string{"shift+tab"}, "⇧tab", t.T("key.prev_field")),
		FieldDown: bind([]string{"down", "enter"}, "↓", t.T("key.next_field")),
		FieldUp:   bind([]string{"up"}, "↑", t.T("key.prev_field")),
		Choice:    bind([]string{"left", "right", " "}, "←/→", t.T("key.choose")),
	}
}

// ShortHelp is the editor's hint line, most needed first.
func (k editorKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Save, k.Cancel, k.Next, k.Prev, k.Choice}
}

// FullHelp is the editor's part of the help overlay.
func (k editorKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Save, k.Cancel, k.Next, k.Prev, k.FieldDown, k.FieldUp, k.Choice}}
}

// searchKeys are the search screen's keys. The query field always has the
// focus, so only keys a query never contains move through the results.
type searchKeys struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Open     key.Binding
	Close    key.Binding
}

func newSearchKeys(t Text) searchKeys {
	return searchKeys{
		Up:       bind([]string{"up"}, "↑", t.T("key.up")),
		Down:     bind([]string{"down"}, "↓", t.T("key.down")),
		PageUp:   bind([]string{"pgup"}, "pgup", t.T("key.page_up")),
		PageDown: bind([]string{"pgdown"}, "pgdn", t.T("key.page_down")),
		Open:     bind([]string{"enter"}, "enter", t.T("key.open")),
		Close:    bind([]string{"esc"}, "esc", t.T("key.close")),
	}
}

// ShortHelp is the search screen's hint line.
func (k searchKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.Up, k.Down, k.Close}
}

// FullHelp is the search screen's part of the help overlay.
func (k searchKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Open, k.Close}}
}
