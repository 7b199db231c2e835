package tui

import (
	"context"
	"encoding/json"
	"fmt"
	"sync/atomic"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
)

// Every call to the store or the backend happens here, inside a tea.Cmd, so
// Update and View stay free of I/O. Names start with the verb. Results carry
// the reqID of the screen state that asked; a screen drops a result whose id
// is not the one it is waiting for (the coach moved on).

// reqID identifies one request of one screen.
type reqID uint64

// lastReq is the last request id handed out. Like bubbles' spinner ids it is
// the one piece of package state: a counter, only ever incremented.
var lastReq atomic.Uint64

// newReq returns a request id no other request has.
func newReq() reqID { return reqID(lastReq.Add(1)) }

// ctx is the context of store calls. They are not cancelled when the coach
// leaves a screen: a save that has started must finish, or the edit is lost.
func ctx() context.Context { return context.Background() }

// saving wraps a command that changes the caseload so the root model sees
// it start (savingMsg) before its result arrives; tea.Sequence keeps that
// order.
func saving(cmd tea.Cmd) tea.Cmd {
	return tea.Sequence(func() tea.Msg { return savingMsg{} }, cmd)
}

// vaultCheckedMsg answers checkVault.
type vaultCheckedMsg struct {
	exists bool
	err    error
}

// checkVault asks whether the vault directory holds a vault.
func checkVault(b Backend) tea.Cmd {
	return func() tea.Msg {
		ok, err := b.VaultExists()
		return vaultCheckedMsg{exists: ok, err: err}
	}
}

// vaultCreatedMsg answers createVault.
type vaultCreatedMsg struct {
	recovery string
	store    Store
	err      error
}

// createVault makes a new vault; the key derivation takes about a second.
// The passphrase is wiped once Create returns.
func createVault(b Backend, passphrase []byte) tea.Cmd {
	return func() tea.Msg {
		rk, s, err := b.Create(passphrase)
		clear(passphrase)
		return vaultCreatedMsg{recovery: rk, store: s, err: err}
	}
}

// vaultUnlockedMsg answers unlockWithKey (unlock_key.go).
type vaultUnlockedMsg struct {
	talk  reqID
	store Store
	err   error
}

// logUnlock writes the unlock to the audit log. A failure is not worth the
// coach's attention beyond the usual "not saved", so it only reports that.
func logUnlock(s Store) tea.Cmd {
	return saving(func() tea.Msg { return loggedMsg{err: s.LogUnlock(ctx())} })
}

// loggedMsg answers logUnlock.
type loggedMsg struct{ err error }

func (m loggedMsg) saveErr() error { return m.err }
func (loggedMsg) quiet()           {}

// answer is a result that carries the request id of the screen that asked.
// The root model gives answers to every screen on the stack, not only the
// top one, so a screen below (the caseload under a client, after an
// unlock) still gets what it asked for; each keeps only its own.
type answer interface {
	request() reqID
}

// clientsLoadedMsg answers loadClients.
type clientsLoadedMsg struct {
	req   reqID
	table caseTable
	err   error
}

// loadClients reads every client for the caseload list and builds the
// table's rows right here, off the event loop: at 10,000 clients that takes
// tens of milliseconds the coach would otherwise feel as a stutter.
func loadClients(s Store, req reqID, t Text) tea.Cmd {
	return func() tea.Msg {
		rows, err := s.ListClients(ctx())
		if err != nil {
			return clientsLoadedMsg{req: req, err: err}
		}
		unknown, err := s.UnknownOutcomes(ctx())
		if err != nil {
			return clientsLoadedMsg{req: req, err: err}
		}
		table := buildTable(t, rows)
		table.unknownOutcomes = unknown
		return clientsLoadedMsg{req: req, table: table}
	}
}

func (m clientsLoadedMsg) request() reqID { return m.req }

// clientLoadedMsg answers loadClient.
type clientLoadedMsg struct {
	req    reqID
	client store.Client
	err    error
}

// loadClient reads one client (the store logs the view).
func loadClient(s Store, req reqID, id int64) tea.Cmd {
	return func() tea.Msg {
		c, err := s.Client(ctx(), id)
		return clientLoadedMsg{req: req, client: c, err: err}
	}
}

func (m clientLoadedMsg) request() reqID { return m.req }

// clientSavedMsg answers createClient and updateClient. When err wraps
// store.ErrNotSaved, client is still valid: the change is kept in memory.
type clientSavedMsg struct {
	req     reqID
	client  store.Client
	created bool
	err     error
}

func (m clientSavedMsg) saveErr() error { return m.err }
func (m clientSavedMsg) request() reqID { return m.req }

// createClient adds a client.
func createClient(s Store, req reqID, c store.Client) tea.Cmd {
	return saving(func() tea.Msg {
		c, err := s.CreateClient(ctx(), c)
		return clientSavedMsg{req: req, client: c, created: true, err: err}
	})
}

// updateClient saves an edited client.
func updateClient(s Store, req reqID, c store.Client) tea.Cmd {
	return saving(func() tea.Msg {
		c, err := s.UpdateClient(ctx(), c)
		return clientSavedMsg{req: req, client: c, err: err}
	})
}

// vaultSavedMsg answers saveVault.
type vaultSavedMsg struct{ err error }

func (m vaultSavedMsg) saveErr() error { return m.err }

// saveVault tries again to write what an earlier failed save kept in memory.
func saveVault(s Store) tea.Cmd {
	return saving(func() tea.Msg { return vaultSavedMsg{err: s.Save(ctx())} })
}

// sessionKey is the draft key of the saved session: the stack's routes and
// the drafts of its screens, in one draft so a lock seals the vault once.
const sessionKey = "tui.session"

// session is where the coach was when the vault locked or caseload quit.
type session struct {
	Screens []sessionScreen `json:"screens"`
}

// sessionScreen is one screen of a session: its route and its draft.
type sessionScreen struct {
	Route Route  `json:"route"`
	Draft string `json:"draft,omitempty"`
	// HasDraft tells an empty draft (a cleared field) from none.
	HasDraft bool `json:"has_draft,omitempty"`
}

// closedMsg answers closeVault. When err is not nil the store is still
// open: nothing was closed and nothing is lost.
type closedMsg struct {
	quit bool
	err  error
}

// closeVault stores the session (when there is one), makes sure everything
// is on disk and closes the store, for a lock or a quit. It stops at the
// first failure, before Close, so a change that could not be written stays
// in memory instead of being dropped.
func closeVault(s Store, sess *session, quit bool) tea.Cmd {
	return func() tea.Msg {
		if sess != nil {
			text, err := json.Marshal(sess)
			if err != nil {
				return closedMsg{quit: quit, err: fmt.Errorf("encoding session: %w", err)}
			}
			if err := s.SaveDraft(ctx(), sessionKey, string(text)); err != nil {
				return closedMsg{quit: quit, err: fmt.Errorf("saving drafts: %w", err)}
			}
		}
		if err := s.Save(ctx()); err != nil {
			return closedMsg{quit: quit, err: fmt.Errorf("saving vault: %w", err)}
		}
		if err := s.Close(); err != nil {
			return closedMsg{quit: quit, err: fmt.Errorf("closing vault: %w", err)}
		}
		return closedMsg{quit: quit}
	}
}

// sessionLoadedMsg answers loadSession; found is false when there was no
// session to restore.
type sessionLoadedMsg struct {
	session session
	found   bool
	err     error
}

// loadSession reads the session an earlier lock or quit stored.
func loadSession(s Store) tea.Cmd {
	return func() tea.Msg {
		text, err := s.Draft(ctx(), sessionKey)
		if err != nil || text == "" {
			return sessionLoadedMsg{err: err}
		}
		var sess session
		if err := json.Unmarshal([]byte(text), &sess); err != nil {
			return sessionLoadedMsg{err: fmt.Errorf("decoding session: %w", err)}
		}
		return sessionLoadedMsg{session: sess, found: true}
	}
}

// sessionDiscardedMsg answers discardSession.
type sessionDiscardedMsg struct{ err error }

func (m sessionDiscardedMsg) saveErr() error { return m.err }
func (sessionDiscardedMsg) quiet()           {}

// discardSession deletes the stored session once its drafts are back in
// their screens.
func discardSession(s Store) tea.Cmd {
	return saving(func() tea.Msg {
		return sessionDiscardedMsg{err: s.DeleteDraft(ctx(), sessionKey)}
	})
}
