package tui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"

	"github.com/caseload/caseload/tui/kit"
)

// Each screen has its own key map, built by a constructor in the coach's
// language; nothing here is a package-level variable, so no screen can
// change another's keys. A screen calls SetEnabled as its state changes so
// the hints and the help overlay only show what works right now (and a test
// fails when two enabled bindings share a key).

func bind(keys []string, k, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
}

// globalKeys work on every screen that is not capturing text.
type globalKeys struct {
	Help key.Binding
	Back key.Binding
	Quit key.Binding
	Lock key.Binding
	// Search searches the text of every record in the caseload. It is
	// ctrl+f, "find" in most programs a coach knows, because "/" already
	// filters the list on screen and a letter would be typed into fields.
	Search key.Binding
	// Deadlines and Settings are capitals: lower-case letters belong to
	// the screens, and a capital is still one chord away.
	Deadlines key.Binding
	Settings  key.Binding
	// Breaches opens the breach register: a breach can be found at any
	// moment, and its 72 hours start then.
	Breaches key.Binding
	// Agenda opens the week across clients.
	Agenda    key.Binding
	ForceQuit key.Binding
}

func newGlobalKeys(t Text) globalKeys {
	return globalKeys{
		Help:      bind([]string{"?"}, "?", t.T("key.help")),
		Back:      bind([]string{"esc"}, "esc", t.T("key.back")),
		Quit:      bind([]string{"q"}, "q", t.T("key.quit")),
		Lock:      bind([]string{"ctrl+l"}, "ctrl+l", t.T("key.lock")),
		Search:    bind([]string{"ctrl+f"}, "ctrl+f", t.T("key.search")),
		Deadlines: bind([]string{"D"}, "D", t.T("key.deadlines")),
		Settings:  bind([]string{"S"}, "S", t.T("key.settings")),
		Breaches:  bind([]string{"B"}, "B", t.T("key.breaches")),
		Agenda:    bind([]string{"A"}, "A", t.T("key.agenda")),
		ForceQuit: bind([]string{"ctrl+c"}, "ctrl+c", t.T("key.force_quit")),
	}
}

// FullHelp lists every global key for the help overlay.
func (k globalKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Help, k.Search, k.Agenda, k.Deadlines, k.Settings, k.Breaches, k.Back, k.Lock, k.Quit, k.ForceQuit}}
}

// promptKeys answer a yes/no prompt. Dutch coaches answer "j" (ja), so both
// y and j mean yes; anything else means no.
type promptKeys struct {
	Yes key.Binding
	No  key.Binding
}

func newPromptKeys(t Text) promptKeys {
	yes := "y"
	if t.Lang() == Dutch {
		yes = "j"
	}
	return promptKeys{
		Yes: bind([]string{"y", "Y", "j", "J"}, yes, t.T("key.yes")),
		No:  bind([]string{"n", "N", "esc"}, "n", t.T("key.no")),
	}
}

// ShortHelp lists the prompt's answers.
func (k promptKeys) ShortHelp() []key.Binding { return []key.Binding{k.Yes, k.No} }

// FullHelp lists the prompt's answers.
func (k promptKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// newListKeys are the keys of every list, with help in the coach's
// language.
func newListKeys(t Text) kit.ListKeys {
	return kit.ListKeys{
		Up:       bind([]string{"up", "k"}, "↑/k", t.T("key.up")),
		Down:     bind([]string{"down", "j"}, "↓/j", t.T("key.down")),
		PageUp:   bind([]string{"pgup"}, "pgup", t.T("key.page_up")),
		PageDown: bind([]string{"pgdown"}, "pgdn", t.T("key.page_down")),
		Home:     bind([]string{"home", "g"}, "g/home", t.T("key.home")),
		End:      bind([]string{"end", "G"}, "G/end", t.T("key.end")),
	}
}

// caseloadKeys are the caseload list's keys.
type caseloadKeys struct {
	kit.ListKeys
	Open   key.Binding
	New    key.Binding
	Filter key.Binding
	Tab    key.Binding
	Sort   key.Binding
	// While the filter field has focus:
	FilterUp     key.Binding
	FilterDown   key.Binding
	FilterAccept key.Binding
	FilterClear  key.Binding
}

func newCaseloadKeys(t Text) caseloadKeys {
	return caseloadKeys{
		ListKeys:     newListKeys(t),
		Open:         bind([]string{"enter"}, "enter", t.T("key.open")),
		New:          bind([]string{"n"}, "n", t.T("key.new_client")),
		Filter:       bind([]string{"/"}, "/", t.T("key.filter")),
		Tab:          bind([]string{"tab"}, "tab", t.T("key.next_view")),
		Sort:         bind([]string{"s"}, "s", t.T("key.sort")),
		FilterUp:     bind([]string{"up"}, "↑", t.T("key.up")),
		FilterDown:   bind([]string{"down"}, "↓", t.T("key.down")),
		FilterAccept: bind([]string{"enter"}, "enter", t.T("key.filter_accept")),
		FilterClear:  bind([]string{"esc"}, "esc", t.T("key.filter_clear")),
	}
}

// ShortHelp is the caseload's hint line.
func (k caseloadKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.New, k.Filter, k.Tab, k.Sort, k.FilterAccept, k.FilterClear}
}

// FullHelp is the caseload's part of the help overlay.
func (k caseloadKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		k.ListKeys.Bindings(),
		{k.Open, k.New, k.Filter, k.Tab, k.Sort},
		{k.FilterUp, k.FilterDown, k.FilterAccept, k.FilterClear},
	}
}

// newFormKeys are a form's keys, with help in the coach's language.
func newFormKeys(t Text) kit.FormKeys {
	return kit.FormKeys{
		Next:   bind([]string{"tab", "down", "enter"}, "tab/↓", t.T("key.next_field")),
		Prev:   bind([]string{"shift+tab", "up"}, "⇧tab/↑", t.T("key.prev_field")),
		Choice: bind([]string{"left", "right", " "}, "←/→", t.T("key.choose")),
		Save:   bind([]string{"ctrl+s"}, "ctrl+s", t.T("key.save")),
		Cancel: bind([]string{"esc"}, "esc", t.T("key.cancel")),
	}
}

// unlockKeys are the unlock and create screen's keys.
type unlockKeys struct {
	Submit key.Binding
	Next   key.Binding
	Prev   key.Binding
	Stored key.Binding // the recovery key is stored
	Quit   key.Binding
	// The choices for a vault older than this laptop last saved.
	AcceptOlder key.Binding
	ReadOlder   key.Binding
}

func newUnlockKeys(t Text) unlockKeys {
	stored := "y"
	if t.Lang() == Dutch {
		stored = "j"
	}
	return unlockKeys{
		Submit: bind([]string{"enter"}, "enter", t.T("key.unlock")),
		Next:   bind([]string{"tab", "down"}, "tab", t.T("key.next_field")),
		Prev:   bind([]string{"shift+tab", "up"}, "⇧tab", t.T("key.prev_field")),
		Stored: bind([]string{"y", "Y", "j", "J"}, stored, t.T("key.stored")),
		Quit:   bind([]string{"esc"}, "esc", t.T("key.quit")),

		AcceptOlder: bind([]string{"a"}, "a", t.T("key.accept_older")),
		ReadOlder:   bind([]string{"r"}, "r", t.T("key.read_older")),
	}
}

// ShortHelp is the unlock screen's hint line; tab is left out, enter
// already says how to move on.
func (k unlockKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Submit, k.Stored, k.AcceptOlder, k.ReadOlder, k.Quit}
}

// FullHelp is the unlock screen's part of the help overlay.
func (k unlockKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Submit, k.Next, k.Prev, k.Stored, k.AcceptOlder, k.ReadOlder, k.Quit}}
}

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
