package tui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// deadlinesScreen lists everything due, soonest first: dossiers and
// invoices whose retention ends, and whatever other kinds the store adds
// (rights requests, breaches). Rows are drawn from the Deadline fields
// alone, so a kind this screen does not know still shows, by its Ref.
// enter opens the client; P purges a retention item that is due.
type deadlinesScreen struct {
	env  *env
	keys deadlinesKeys
	req  reqID

	loaded  bool
	problem string
	items   []store.Deadline
	list    kit.List
	width   int
	height  int
}

func newDeadlines(e *env) deadlinesScreen {
	m := deadlinesScreen{env: e, keys: newDeadlinesKeys(e.text), req: newReq()}
	m.updateKeys()
	return m
}

// Init loads the deadlines, answering to the request id of the constructor.
func (m deadlinesScreen) Init() tea.Cmd { return loadDeadlines(m.env.store, m.req) }

func (m *deadlinesScreen) reload() tea.Cmd {
	m.req = newReq()
	return loadDeadlines(m.env.store, m.req)
}

// Route names the screen; it shows no ids.
func (m deadlinesScreen) Route() Route { return Route{Kind: KindDeadlines} }

// Title is "Deadlines".
func (m deadlinesScreen) Title() string { return m.env.text.T("deadlines.title") }

// Capturing is false: the list has no text field.
func (m deadlinesScreen) Capturing() bool { return false }

// KeyMap lists the list's keys.
func (m deadlinesScreen) KeyMap() help.KeyMap { return m.keys }

// Draft keeps nothing: there is no typing here.
func (m deadlinesScreen) Draft() (string, bool) { return "", false }

// RestoreDraft has nothing to restore.
func (m deadlinesScreen) RestoreDraft(string) deadlinesScreen { return m }

// Update loads the list, reloads after a purge and handles the keys.
func (m deadlinesScreen) Update(msg tea.Msg) (deadlinesScreen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.list.Clamp(len(m.items), m.listHeight())
	case shownMsg:
		return m, m.reload()
	case deadlinesLoadedMsg:
		if msg.req != m.req {
			return m, nil
		}
		if msg.err != nil {
			m.problem = explain(m.env, msg.err)
			return m, nil
		}
		m.items, m.loaded, m.problem = msg.items, true, ""
		m.list.Clamp(len(m.items), m.listHeight())
		m.updateKeys()
	case tea.KeyMsg:
		return m.onKey(msg)
	}
	return m, nil
}

func (m deadlinesScreen) onKey(msg tea.KeyMsg) (deadlinesScreen, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Open):
		return m, navigate(Route{Kind: KindClient, Client: m.selected().ClientID})
	case key.Matches(msg, k.Purge):
		d := m.selected()
		r := Route{Kind: KindPurge, Client: d.ClientID}
		if d.Category == store.CategoryInvoice || d.Category.Item() {
			r.Tab = string(d.Category)
		}
		return m, navigate(r)
	case m.list.Move(msg, k.ListKeys, len(m.items), m.listHeight()):
		m.updateKeys()
	}
	return m, nil
}

// selected is the deadline under the cursor; the zero Deadline when the
// list is empty (the keys that use it are off then).
func (m deadlinesScreen) selected() store.Deadline {
	if m.list.Cursor < 0 || m.list.Cursor >= len(m.items) {
		return store.Deadline{}
	}
	return m.items[m.list.Cursor]
}

// updateKeys allows enter on a row with a client and P on a retention
// row that may be purged today.
func (m *deadlinesScreen) updateKeys() {
	d := m.selected()
	n := len(m.items)
	m.keys.ListKeys.SetEnabled(n > 0)
	m.keys.Open.SetEnabled(n > 0 && d.ClientID != 0)
	m.keys.Purge.SetEnabled(n > 0 && purgeable(d))
}

// purgeable reports whether d is a retention deadline that has come and
// that nothing stops: no hold, no restriction.
func purgeable(d store.Deadline) bool {
	return d.Kind == store.DeadlineRetention && d.State != store.RetentionHold &&
		!d.Restricted && d.DaysLeft <= 0
}

// deadlinesHeaderRows are the rows above the list: the intro line, a
// blank line and the column headers.
const deadlinesHeaderRows = 3

func (m deadlinesScreen) listHeight() int { return max(m.height-deadlinesHeaderRows, 1) }

// deadlinesKeys are the deadlines screen's keys.
type deadlinesKeys struct {
	kit.ListKeys
	Open  key.Binding
	Purge key.Binding
}

func newDeadlinesKeys(t Text) deadlinesKeys {
	return deadlinesKeys{
		ListKeys: newListKeys(t),
		Open:     bind([]string{"enter"}, "enter", t.T("key.open_client")),
		// Shift+p: a capital for the one action that cannot be undone,
		// so a slip of the finger on p does not even open the question.
		Purge: bind([]string{"P"}, "P", t.T("key.purge")),
	}
}

// ShortHelp is the deadlines screen's hint line.
func (k deadlinesKeys) ShortHelp() []key.Binding { return []key.Binding{k.Open, k.Purge} }

// FullHelp is the deadlines screen's part of the help overlay.
func (k deadlinesKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.ListKeys.Bindings(), {k.Open, k.Purge}}
}

// deadlinesLoadedMsg answers loadDeadlines.
type deadlinesLoadedMsg struct {
	req   reqID
	items []store.Deadline
	err   error
}

func (m deadlinesLoadedMsg) request() reqID { return m.req }

// loadDeadlines reads everything due, soonest first.
func loadDeadlines(s Store, req reqID) tea.Cmd {
	return func() tea.Msg {
		items, err := s.Deadlines(ctx())
		return deadlinesLoadedMsg{req: req, items: items, err: err}
	}
}

// Loading is true until the deadlines have loaded: the root model holds the
// keys typed meanwhile and hands them over after.
func (m deadlinesScreen) Loading() bool { return !m.loaded && m.problem == "" }
