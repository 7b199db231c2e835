package tui

import (
	"context"
	"errors"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
)

// Removing a client entered by mistake: d on the caseload asks once and
// removes the client at once, leaving the tombstone; a client who already
// has a dossier is refused (that is a purge or an erasure request).

// cardStore is what removing a mistaken client needs of the store.
type cardStore interface {
	// RemoveMistake removes a client entered by mistake, leaving the
	// tombstone.
	RemoveMistake(ctx context.Context, id int64) (store.Tombstone, error)
}

// newRemoveKey is d, "remove (entered by mistake)", on the caseload.
func newRemoveKey(t Text) key.Binding {
	return bind([]string{"d"}, "d", t.T("key.remove_mistake"))
}

// removedMsg answers removeMistake.
type removedMsg struct {
	req reqID
	err error
}

func (m removedMsg) request() reqID { return m.req }

// saveErr: a removal kept in memory shows "not saved" on the status line.
func (m removedMsg) saveErr() error { return m.err }

func removeMistake(s Store, req reqID, id int64) tea.Cmd {
	return saving(func() tea.Msg {
		_, err := s.RemoveMistake(ctx(), id)
		return removedMsg{req: req, err: err}
	})
}

// askRemove asks before removing the selected client.
func (m caseloadModel) askRemove() (caseloadModel, tea.Cmd) {
	if m.list.Cursor < 0 || m.list.Cursor >= len(m.visible) {
		return m, nil
	}
	row := m.rows[m.visible[m.list.Cursor]]
	m.req = newReq()
	return m, confirm(m.env.text.Tf("remove.confirm", row.name), removeMistake(m.env.store, m.req, row.id))
}

// onRemoved reloads the list, or says why the client stays.
func (m caseloadModel) onRemoved(msg removedMsg) (caseloadModel, tea.Cmd) {
	if msg.req != m.req {
		return m, nil
	}
	t := m.env.text
	switch {
	case msg.err == nil || isNotSaved(m.env, msg.err):
		return m, tea.Batch(m.reload(), notify(t.T("remove.done")))
	case errors.Is(msg.err, store.ErrNotAMistake):
		return m, fail(t.T("remove.has_dossier"))
	}
	return m, fail(explain(m.env, msg.err))
}
