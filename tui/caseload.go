package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/tui/kit"
)

// caseView is the caseload tab: which statuses are listed.
type caseView int

const (
	viewActive caseView = iota // intake and active
	viewClosed                 // closed and rejected
	viewAll
)

// caseSort is the order of the caseload.
type caseSort int

const (
	sortName caseSort = iota
	sortNext          // next appointment first; none last
)

// caseloadModel is the list of every client. It is built to stay fast at
// 10,000 clients: everything a row shows, and the folded text the filter
// searches, is computed once when the rows load; a keystroke in the filter
// only scans those strings into a reused index slice, and View renders only
// the rows on screen.
type caseloadModel struct {
	env    *env
	keys   caseloadKeys
	export key.Binding // x: export the selected client's dossier
	remove key.Binding // d: remove a client entered by mistake
	stats  key.Binding // $: the practice's year in hours and money
	req    reqID

	loaded bool
	caseTable

	view      caseView
	sort      caseSort
	filter    textinput.Model
	filtering bool   // the filter field has focus
	query     string // the folded filter in effect

	visible []int    // row indices shown, in order; reused between keystrokes
	list    kit.List // the cursor, an index into visible

	selectID int64 // select this client when the rows next load
	width    int
	height   int
}

func newCaseload(e *env) caseloadModel {
	m := caseloadModel{
		env:    e,
		keys:   newCaseloadKeys(e.text),
		export: newExportOpenKey(e.text),
		remove: newRemoveKey(e.text),
		stats:  newMoneyStatsOpenKey(e.text),
		filter: kit.NewInput(e.styles, e.text.T("caseload.filter_placeholder"), 30),
		req:    newReq(),
	}
	m.updateKeys()
	return m
}

// Init loads the clients. Init cannot change the model, so the request id
// it answers to was taken in the constructor.
func (m caseloadModel) Init() tea.Cmd { return loadClients(m.env.store, m.req, m.env.text) }

func (m *caseloadModel) reload() tea.Cmd {
	m.req = newReq()
	return loadClients(m.env.store, m.req, m.env.text)
}

// Route names the caseload.
func (m caseloadModel) Route() Route { return Route{Kind: KindCaseload} }

// Title is empty: the caseload is home, the header's "caseload" says so.
func (m caseloadModel) Title() string { return "" }

// Capturing is true while the filter field has focus.
func (m caseloadModel) Capturing() bool { return m.filtering }

// KeyMap lists the keys that work now.
func (m caseloadModel) KeyMap() help.KeyMap {
	k := m.keys
	// Export before the filter, the list's tab and sort, which the screen
	// shows anyway, so it stays on the hint line of an 80-column terminal
	// in Dutch too.
	return withKeys{base: m.keys, extra: []key.Binding{m.export, m.importKey(), m.remove, m.stats},
		short: []key.Binding{k.Open, k.New, m.export, k.Filter, k.Tab, k.Sort, k.FilterAccept, k.FilterClear,
			m.importKey(), m.remove, m.stats}}
}

// Draft keeps nothing: a filter is quickly typed again.
func (m caseloadModel) Draft() (string, bool) { return "", false }

// RestoreDraft has nothing to restore.
func (m caseloadModel) RestoreDraft(string) caseloadModel { return m }

// Update handles loading, the filter and the list keys.
func (m caseloadModel) Update(msg tea.Msg) (caseloadModel, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.filter.Width = max(min(m.width-20, 40), 10)
		m.scroll()
		return m, nil
	case shownMsg:
		return m, m.reload()
	case clientSavedMsg:
		m.selectID = msg.client.ID
		return m, nil
	case removedMsg:
		return m.onRemoved(msg)
	case clientsLoadedMsg:
		if msg.req != m.req {
			return m, nil
		}
		if msg.err != nil {
			return m, fail(explain(m.env, msg.err))
		}
		m.load(msg.table)
		return m, nil
	case tea.KeyMsg:
		if m.filtering {
			return m.onFilterKey(msg)
		}
		return m.onKey(msg)
	}
	return m, nil
}

// load replaces the rows and keeps the selection on the same client.
func (m *caseloadModel) load(table caseTable) {
	keep := m.selectID
	if keep == 0 {
		keep = m.selectedID()
	}
	m.selectID = 0
	m.caseTable = table
	m.loaded = true
	m.visible = make([]int, 0, len(m.rows))
	m.refilter(false)
	m.selectByID(keep)
	m.updateKeys()
}

func (m caseloadModel) onKey(msg tea.KeyMsg) (caseloadModel, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Open):
		if id := m.selectedID(); id != 0 {
			return m, navigate(Route{Kind: KindClient, Client: id})
		}
	case key.Matches(msg, k.New):
		return m, navigate(Route{Kind: KindClientForm})
	case key.Matches(msg, m.importKey()):
		return m, navigate(Route{Kind: KindImport})
	case key.Matches(msg, m.stats):
		return m, navigate(Route{Kind: KindMoneyStats})
	case key.Matches(msg, m.export):
		if id := m.selectedID(); id != 0 {
			return m, navigate(Route{Kind: KindExport, Client: id})
		}
	case key.Matches(msg, m.remove):
		return m.askRemove()
	case key.Matches(msg, k.Filter):
		m.filtering = true
		m.updateKeys()
		return m, m.filter.Focus()
	case key.Matches(msg, k.FilterClear):
		m.clearFilter()
	case key.Matches(msg, k.Tab):
		m.view = (m.view + 1) % 3
		m.refilterKeeping(false)
	case key.Matches(msg, k.Sort):
		m.sort = 1 - m.sort
		m.refilterKeeping(false)
	default:
		m.list.Move(msg, k.ListKeys, len(m.visible), m.listHeight())
	}
	return m, nil
}

func (m caseloadModel) onFilterKey(msg tea.KeyMsg) (caseloadModel, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.FilterAccept):
		m.filtering = false
		m.filter.Blur()
		if m.filter.Value() == "" {
			m.query = ""
		}
		m.updateKeys()
		return m, nil
	case key.Matches(msg, k.FilterClear):
		m.clearFilter()
		return m, nil
	case key.Matches(msg, k.FilterUp):
		m.list.Cursor--
		m.scroll()
		return m, nil
	case key.Matches(msg, k.FilterDown):
		m.list.Cursor++
		m.scroll()
		return m, nil
	}
	var cmd tea.Cmd
	m.filter, cmd = m.filter.Update(msg)
	if q := kit.Fold(m.filter.Value()); q != m.query {
		narrowing := len(q) > len(m.query) && strings.HasPrefix(q, m.query)
		m.query = q
		m.refilterKeeping(narrowing)
	}
	return m, cmd
}

func (m *caseloadModel) clearFilter() {
	m.filtering = false
	m.filter.Blur()
	m.filter.SetValue("")
	if m.query != "" {
		m.query = ""
		m.refilterKeeping(false)
	}
	m.updateKeys()
}

// refilterKeeping refilters and keeps the cursor on the same client when it
// is still listed.
func (m *caseloadModel) refilterKeeping(narrowing bool) {
	id := m.selectedID()
	m.refilter(narrowing)
	m.selectByID(id)
	m.updateKeys()
}

// refilter recomputes visible. When the query only grew, the rows that
// matched before are the only candidates, in the same order, so it filters
// visible in place; otherwise it walks the sort order again. Neither
// allocates.
func (m *caseloadModel) refilter(narrowing bool) {
	if narrowing {
		out := m.visible[:0]
		for _, i := range m.visible {
			if strings.Contains(m.rows[i].hay, m.query) {
				out = append(out, i)
			}
		}
		m.visible = out
		return
	}
	order := m.byName
	if m.sort == sortNext {
		order = m.byNext
	}
	out := m.visible[:0]
	for _, i := range order {
		r := &m.rows[i]
		if m.view != viewAll && r.view != m.view {
			continue
		}
		if m.query == "" || strings.Contains(r.hay, m.query) {
			out = append(out, i)
		}
	}
	m.visible = out
}

func (m caseloadModel) selectedID() int64 {
	if m.list.Cursor < 0 || m.list.Cursor >= len(m.visible) {
		return 0
	}
	return m.rows[m.visible[m.list.Cursor]].id
}

func (m *caseloadModel) selectByID(id int64) {
	m.list.Cursor = 0
	for i, r := range m.visible {
		if m.rows[r].id == id {
			m.list.Cursor = i
			break
		}
	}
	m.scroll()
}

// listHeight is the number of rows on screen (see View's layout).
func (m caseloadModel) listHeight() int { return max(m.height-caseloadHeaderRows, 1) }

// scroll clamps the cursor and keeps it on screen.
func (m *caseloadModel) scroll() { m.list.Clamp(len(m.visible), m.listHeight()) }

// updateKeys enables exactly the keys that work in the current state.
func (m *caseloadModel) updateKeys() {
	k := &m.keys
	f := m.filtering
	k.ListKeys.SetEnabled(!f && len(m.visible) > 0)
	k.Open.SetEnabled(!f && len(m.visible) > 0)
	m.export.SetEnabled(!f && len(m.visible) > 0)
	m.remove.SetEnabled(!f && len(m.visible) > 0)
	_, money := moneyOf(m.env)
	m.stats.SetEnabled(!f && money)
	k.New.SetEnabled(!f)
	k.Filter.SetEnabled(!f && len(m.rows) > 0)
	k.Tab.SetEnabled(!f)
	k.Sort.SetEnabled(!f && len(m.rows) > 0)
	k.FilterUp.SetEnabled(f)
	k.FilterDown.SetEnabled(f)
	k.FilterAccept.SetEnabled(f)
	k.FilterClear.SetEnabled(f || m.query != "")
}

// Loading is true until the clients have loaded (a failed load says so on
// the status line, which ends the wait): the root model holds the keys
// typed meanwhile and hands them over after.
func (m caseloadModel) Loading() bool { return !m.loaded }
