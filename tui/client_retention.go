package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// The retention part of the client screen: the countdown in words on the
// overview, and the keys for a legal hold (h), a restriction (r) and a
// purge that is due (P). Setting a hold or a restriction asks for a reason
// in a small form (hold_form.go); lifting one is a yes/no prompt.

// retention is what the client screen knows of the countdown.
type retention struct {
	req     reqID // the countdown load under way
	flagReq reqID // the hold or restriction change under way
	loaded  bool
	row     store.ClientRow
	// items count down on their own, under an item category; names are
	// the stored names of those categories.
	items []store.ItemCountdown
	names map[store.Category]string
}

// loadRetention starts a new countdown load.
func (m *clientScreen) loadRetention() tea.Cmd {
	m.ret.req = newReq()
	return loadCountdown(m.env.store, m.ret.req, m.id)
}

// onRetentionMsg handles the retention messages; ok is false for any other.
func (m clientScreen) onRetentionMsg(msg tea.Msg) (clientScreen, tea.Cmd, bool) {
	t := m.env.text
	switch msg := msg.(type) {
	case countdownLoadedMsg:
		if msg.req == m.ret.req && msg.err == nil {
			m.ret.loaded, m.ret.row = msg.ok, msg.row
			m.ret.items, m.ret.names = msg.items, msg.names
			m.updateKeys()
		}
		return m, nil, true
	case flagSetMsg:
		if msg.req != m.ret.flagReq {
			return m, nil, true
		}
		if msg.err != nil && !isNotSaved(m.env, msg.err) {
			return m, fail(explain(m.env, msg.err)), true
		}
		var note string
		switch {
		case msg.hold:
			note = t.T("hold.lifted")
		default:
			note = t.T("restrict.lifted")
		}
		// Only lifting happens here; setting goes through the form,
		// which hands back a doneMsg. Both reload on shownMsg or here.
		m.d.client.Hold = m.d.client.Hold && !msg.hold
		m.d.client.Restricted = m.d.client.Restricted && msg.hold
		m.updateKeys()
		return m, tea.Batch(m.reloadAll(), notify(note)), true
	case flagChangedMsg:
		m.notice = msg.note
		return m, m.reloadAll(), true
	case purgeDoneMsg:
		if msg.client == m.id {
			return m, back(nil), true
		}
		return m, nil, true
	}
	return m, nil, false
}

// reloadAll reads the client, the dossier and the countdown again: a
// hold or a restriction changes the client itself.
func (m *clientScreen) reloadAll() tea.Cmd {
	m.req = newReq()
	return tea.Batch(loadDossier(m.env.store, m.req, m.id, true), m.loadRetention())
}

// onRetentionKey handles h, r and P; ok is false for any other key.
func (m clientScreen) onRetentionKey(msg tea.KeyMsg) (clientScreen, tea.Cmd, bool) {
	t, s, c := m.env.text, m.env.store, m.d.client
	k := m.keys.retentionKeys
	switch {
	case key.Matches(msg, k.Hold):
		if !c.Hold {
			return m, navigate(Route{Kind: KindHold, Client: m.id}), true
		}
		m.ret.flagReq = newReq()
		return m, confirm(t.T("hold.lift_question"), setHold(s, m.ret.flagReq, m.id, false, "", c.HoldUntil)), true
	case key.Matches(msg, k.Restrict):
		if !c.Restricted {
			return m, navigate(Route{Kind: KindRestrict, Client: m.id}), true
		}
		m.ret.flagReq = newReq()
		return m, confirm(t.T("restrict.lift_question"), setRestriction(s, m.ret.flagReq, m.id, false, "")), true
	case key.Matches(msg, k.Purge):
		if c, ok := m.dueItemCategory(); ok && !m.dossierDue() {
			return m, navigate(Route{Kind: KindPurge, Client: m.id, Tab: string(c)}), true
		}
		return m, navigate(Route{Kind: KindPurge, Client: m.id}), true
	}
	return m, nil, false
}

// updateRetentionKeys offers h and r on the overview, and P there only
// when the dossier is due and nothing stops the purge.
func (m *clientScreen) updateRetentionKeys() {
	t := m.env.text
	k := &m.keys.retentionKeys
	c := m.d.client
	on := m.loaded && m.tab == tabOverview
	k.Hold.SetEnabled(on)
	k.Restrict.SetEnabled(on)
	_, itemDue := m.dueItemCategory()
	k.Purge.SetEnabled(on && m.ret.loaded && (m.dossierDue() || itemDue) && !c.Hold && !c.Restricted)
	if c.Hold {
		k.Hold.SetHelp("h", t.T("key.hold_lift"))
	} else {
		k.Hold.SetHelp("h", t.T("key.hold"))
	}
	if c.Restricted {
		k.Restrict.SetHelp("r", t.T("key.restrict_lift"))
	} else {
		k.Restrict.SetHelp("r", t.T("key.restrict"))
	}
}

// dossierDue reports whether the client's dossier is due for deletion.
func (m clientScreen) dossierDue() bool {
	r := m.ret.row.Retention
	return r.State == store.RetentionOverdue || r.State == store.RetentionUrgent && r.DaysLeft <= 0
}

// dueItemCategory is the category of the first item whose day has come:
// P erases the client's items under it when the dossier is not due.
func (m clientScreen) dueItemCategory() (store.Category, bool) {
	for _, it := range m.ret.items {
		if it.DaysLeft <= 0 && (it.State == store.RetentionOverdue || it.State == store.RetentionUrgent) {
			return it.Category, true
		}
	}
	return "", false
}

// viewRetention is the overview's retention line, in words and in the
// colour of the caseload's countdown column.
func (m clientScreen) viewRetention() []string {
	t, st := m.env.text, m.env.styles
	c := m.d.client
	r := m.ret.row.Retention
	label := t.T("client.retention")
	if c.Hold {
		text := t.Tf("retention.words_hold", kit.OneLine(c.HoldReason))
		if !c.HoldUntil.IsZero() {
			text = t.Tf("retention.words_hold_until", kit.OneLine(c.HoldReason), t.Date(c.HoldUntil))
		}
		return []string{kit.LabelLine(st, label, st.Muted.Render(text))}
	}
	if !m.ret.loaded {
		return nil
	}
	var text string
	switch {
	case r.State == store.RetentionRunning || r.State == "":
		text = t.T("retention.words_running")
	case r.State == store.RetentionOverdue:
		text = t.N("retention.words_overdue", -r.DaysLeft)
	case r.DaysLeft == 0:
		text = t.T("retention.words_today")
	case r.State == store.RetentionCounting:
		text = t.N("retention.words_until", r.DaysLeft, t.Date(r.PurgeOn))
	default:
		text = t.N("retention.words_soon", r.DaysLeft)
	}
	lines := []string{kit.LabelLine(st, label, retentionStyle(st, r.State).Render(text))}
	if !m.ret.row.InvoicesUntil.IsZero() {
		lines = append(lines, kit.LabelLine(st, "", st.Muted.Render(
			t.Tf("retention.words_invoices", t.Date(m.ret.row.InvoicesUntil)))))
	}
	return append(lines, m.viewItemCountdowns()...)
}

// viewItemCountdowns lists the items that count down on their own: what,
// under which category, and the countdown in the caseload's colours.
func (m clientScreen) viewItemCountdowns() []string {
	t, st := m.env.text, m.env.styles
	if len(m.ret.items) == 0 {
		return nil
	}
	rows := make([][]string, len(m.ret.items))
	for i, it := range m.ret.items {
		left := retentionText(t, store.Countdown{State: it.State, DaysLeft: it.DaysLeft})
		if it.State == store.RetentionRunning {
			left = t.T("retention.item_waiting")
		}
		rows[i] = []string{itemRef(t, it.Kind, it.Ref), itemCategoryName(t, it.Category, m.ret.names[it.Category]), left}
	}
	// Two cells in under their heading; the columns keep the places they
	// always had, wider for a longer text when the terminal has room.
	table := kit.NewTable([]kit.Column{{Width: 33, Min: 16}, {Width: 25, Min: 12}, {}}, rows, m.width-2)
	lines := []string{"  " + st.Label.Render(t.T("retention.items"))}
	for i, it := range m.ret.items {
		lines = append(lines, "  "+table.Row(st, rows[i], retentionStyle(st, it.State), false))
	}
	return lines
}

// retentionKeys are the client screen's keys for the retention of the
// dossier, on the overview tab: legal hold, restriction and purge.
type retentionKeys struct {
	Hold     key.Binding
	Restrict key.Binding
	Purge    key.Binding
}

func newRetentionKeys(t Text) retentionKeys {
	return retentionKeys{
		Hold:     bind([]string{"h"}, "h", t.T("key.hold")),
		Restrict: bind([]string{"r"}, "r", t.T("key.restrict")),
		Purge:    bind([]string{"P"}, "P", t.T("key.purge")),
	}
}

func (k retentionKeys) bindings() []key.Binding { return []key.Binding{k.Hold, k.Restrict, k.Purge} }

// countdownLoadedMsg answers loadCountdown.
type countdownLoadedMsg struct {
	req reqID
	row store.ClientRow
	ok  bool // the client was listed
	// items are the countdowns of the client's items kept under an item
	// category, names the stored names of those categories.
	items []store.ItemCountdown
	names map[store.Category]string
	err   error
}

func (m countdownLoadedMsg) request() reqID { return m.req }

// loadCountdown reads a client's retention countdown. The store computes
// countdowns for the caseload list only, so this reads the list and keeps
// the one row; it runs off the event loop like the caseload's own load.
func loadCountdown(s Store, req reqID, id int64) tea.Cmd {
	return func() tea.Msg {
		rows, err := s.ListClients(ctx())
		if err != nil {
			return countdownLoadedMsg{req: req, err: err}
		}
		for _, r := range rows {
			if r.ID == id {
				msg := countdownLoadedMsg{req: req, row: r, ok: true}
				msg.items, msg.names, msg.err = readItemCountdowns(s, id)
				return msg
			}
		}
		return countdownLoadedMsg{req: req}
	}
}
