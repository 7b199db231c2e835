package tui

import (
	"runtime/debug"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
)

// The vault's life in the root model: opened by the unlock screen, locked
// by the idle timer or ctrl+l, closed on quit. A lock or quit waits for
// running saves, stores the session (routes and drafts), saves, and only
// then closes the store; if any step fails the store stays open and the
// coach is told, so nothing typed or saved is ever dropped.

// lock starts a lock; idle says the idle timer asked for it.
func (m Model) lock(idle bool) (tea.Model, tea.Cmd) {
	if m.phase != phaseUnlocked {
		return m, nil
	}
	m.idled = idle
	m = m.dropHeld()
	m.closing = &closeIntent{prev: m.phase}
	m.phase = phaseClosing
	m.tickGen++ // stop the countdown
	return m.continueClose()
}

// quit starts a quit. ctrl+c (force) quits at once when nothing is open or
// when a quit is already under way: ctrl+c always quits.
func (m Model) quit(force bool) (tea.Model, tea.Cmd) {
	if m.env == nil || m.env.store == nil || force && m.phase == phaseClosing {
		return m, tea.Quit
	}
	if m.phase == phaseClosing {
		return m, nil
	}
	m.closing = &closeIntent{quit: true, prev: m.phase}
	m.phase = phaseClosing
	m.tickGen++
	return m.continueClose()
}

// continueClose starts closeVault once no save is running.
func (m Model) continueClose() (Model, tea.Cmd) {
	if m.closing == nil || m.closing.sent || m.saving > 0 {
		return m, nil
	}
	c := *m.closing
	c.sent = true
	sess := m.session(c.quit)
	c.kept = sess.drafts() > 0
	m.closing = &c
	return m, closeVault(m.env.store, sess, c.quit)
}

// drafts counts the screens of s that carry unsaved text.
func (s *session) drafts() int {
	n := 0
	if s != nil {
		for _, sc := range s.Screens {
			if sc.HasDraft {
				n++
			}
		}
	}
	return n
}

// Farewell is the line to print once the program has ended: where the
// unsaved text went when the coach quit with a form open, so a quit is
// never silent about it. Empty when there is nothing to say.
func (m Model) Farewell() string { return m.farewell }

// session collects the stack's routes and drafts. A quit without drafts
// stores nothing: the next start simply opens on the caseload.
func (m Model) session(quit bool) *session {
	var sess session
	drafts := 0
	for _, s := range m.stack {
		sc := sessionScreen{Route: s.Route()}
		if text, ok := s.Draft(); ok {
			sc.Draft, sc.HasDraft = text, true
			drafts++
		}
		sess.Screens = append(sess.Screens, sc)
	}
	if quit && drafts == 0 || m.phase == phaseFresh {
		return nil
	}
	return &sess
}

// onClosed finishes a lock or a quit, or undoes it when closing failed.
func (m Model) onClosed(msg closedMsg) (tea.Model, tea.Cmd) {
	if m.closing == nil {
		return m, nil
	}
	c := *m.closing
	m.closing = nil
	if msg.err != nil {
		// Nothing was closed: carry on where the coach was, with the
		// countdown running again (a failed lock tries again after
		// another idle period).
		m.phase = c.prev
		reason := explain(m.env, msg.err)
		var tick tea.Cmd
		if m.phase == phaseUnlocked {
			m.lastKey = m.now()
			m.idleLeft = m.idleLock
			m, tick = m.startTicking()
		}
		if c.quit {
			return m, tea.Batch(tick, confirm(m.text.Tf("quit.failed", reason), tea.Quit))
		}
		m.status = statusMsg{kind: statusError, text: m.text.Tf("lock.failed", reason)}
		return m, tick
	}
	if c.quit {
		if c.kept {
			m.farewell = m.text.T("quit.drafts_kept")
		}
		return m, tea.Quit
	}
	for _, s := range m.stack {
		if w, ok := s.(wiper); ok {
			w.Wipe() // a passphrase typed into a form goes with the caseload
		}
	}
	m.env = nil
	m.phase = phaseLocked
	m.help, m.prompt, m.notices, m.noHold = false, nil, nil, false
	m = m.dropHeld()
	m.saved, m.saveReason = false, ""
	m.stack = []Screen{asScreen(newUnlock(m.lockedEnv()))}
	if m.width > 0 {
		m.stack[0], _ = m.stack[0].Update(m.contentSize())
	}
	text := m.text.T("lock.locked")
	if m.idled {
		text = m.text.T("lock.locked_idle")
	}
	m.status = statusMsg{kind: statusInfo, text: text}
	return m, tea.Batch(m.top().Init(), releaseMemory)
}

// releaseMemory runs after a lock, once the screens that held client data
// are dropped: a collection frees them and what Go's heap no longer uses
// goes back to the OS (zeroed by it before any reuse). Keys and the
// passphrase were wiped before; this is for the client text Go cannot
// wipe (strings), which stays readable in freed heap spans until reused.
func releaseMemory() tea.Msg {
	debug.FreeOSMemory()
	return nil
}

// onOpened takes over the store the unlock screen opened.
func (m Model) onOpened(msg openedMsg) (tea.Model, tea.Cmd) {
	e := m.lockedEnv()
	e.store = msg.store
	m.env = e
	if msg.fresh {
		m.phase = phaseFresh
		return m, nil
	}
	return m.startSession()
}

// startSession logs the unlock and reads the session to restore.
func (m Model) startSession() (tea.Model, tea.Cmd) {
	if m.env == nil {
		return m, nil
	}
	m.phase = phaseRestoring
	return m, tea.Batch(logUnlock(m.env.store), loadSession(m.env.store))
}

// onSession rebuilds the stack where the coach was and hands each screen
// its draft, then starts every screen so each loads its data.
func (m Model) onSession(msg sessionLoadedMsg) (tea.Model, tea.Cmd) {
	if m.phase != phaseRestoring {
		return m, nil
	}
	var stack []Screen
	for _, sc := range msg.session.Screens {
		s, ok := m.build(sc.Route)
		if !ok {
			continue
		}
		if sc.HasDraft {
			s = s.RestoreDraft(sc.Draft)
		}
		stack = append(stack, s)
	}
	if len(stack) == 0 || stack[0].Route().Kind != KindCaseload {
		home, _ := m.build(Route{Kind: KindCaseload})
		stack = append([]Screen{home}, stack...)
	}
	m.stack = stack
	m.phase = phaseUnlocked
	m.noHold = false
	m = m.dropHeld()
	m.lastKey = m.now()
	m.idleLeft = m.idleLock
	var cmds []tea.Cmd
	for _, s := range m.stack {
		cmds = append(cmds, s.Init())
	}
	switch {
	case msg.err != nil:
		m.status = statusMsg{kind: statusWarning, text: m.text.T("session.lost")}
		cmds = append(cmds, discardSession(m.env.store))
	case msg.found:
		cmds = append(cmds, discardSession(m.env.store))
		if msg.session.drafts() > 0 {
			m.status = statusMsg{kind: statusInfo, text: m.text.T("session.drafts_back")}
		}
	}
	cmds = append(cmds, countDue(m.env.store, m.text), checkSize(m.env.store))
	if len(m.stack) == 1 && !msg.found {
		cmds = append(cmds, lookAtToday(m.env.store, m.env.today()))
	}
	m, tick := m.startTicking()
	return m, tea.Batch(append(cmds, tick)...)
}

// startTicking starts a new chain of countdown ticks.
func (m Model) startTicking() (Model, tea.Cmd) {
	m.tickGen++
	return m, tick(m.tickGen)
}

// onTick counts down and locks when the coach has been away long enough.
func (m Model) onTick(msg tickMsg) (tea.Model, tea.Cmd) {
	if msg.gen != m.tickGen || m.phase != phaseUnlocked {
		return m, nil
	}
	now := m.now()
	idle := now.Sub(m.lastKey)
	m.idleLeft = max(m.idleLock-idle, 0)
	if idle >= m.idleLock {
		return m.lock(true)
	}
	cmds := []tea.Cmd{tick(m.tickGen)}
	// A change kept only in memory is written as soon as the disk lets
	// us: try again every half minute.
	if m.saveReason != "" && m.saving == 0 && now.Sub(m.lastRetry) >= saveRetry {
		m.lastRetry = now
		cmds = append(cmds, saveVault(m.env.store))
	}
	return m, tea.Batch(cmds...)
}

// saveRetry is how often a failed save is tried again.
const saveRetry = 30 * time.Second

// onSaved books the end of a saving command. The change of a command that
// failed with store.ErrNotSaved is kept in memory, so the status line says
// "not saved" and why, until a later save succeeds.
func (m Model) onSaved(err error, quiet bool) (Model, tea.Cmd) {
	m.saving = max(m.saving-1, 0)
	// A successful seal writes the whole image, so it also saves whatever
	// an earlier failure kept in memory. A refused change (invalid,
	// restricted) wrote nothing: the screen that asked says why.
	switch {
	case err == nil:
		m.saved = m.saved || !quiet
		m.saveReason = ""
	case isNotSaved(m.env, err):
		m.saveReason = explain(m.env, err)
	}
	if m.saving == 0 && m.closing != nil {
		return m.continueClose()
	}
	if err == nil && m.env.store != nil {
		return m, checkSize(m.env.store)
	}
	return m, nil
}

// countDue reads how many dossiers wait for deletion and, when any do,
// says so on the status line with the key that lists them: as many as a
// purge would erase, and those it may not (restricted) apart. The notice
// waits behind one the unlock already shows ("your unsaved text is
// back"), so both are read. A failure is left unsaid: the deadlines
// screen reports it when the coach opens it.
func countDue(s Store, t Text) tea.Cmd {
	return func() tea.Msg {
		n, err := s.DueCount(ctx())
		if err != nil || n == (store.DueCounts{}) {
			return nil
		}
		return noticeMsg{kind: statusWarning, text: dueText(t, n)}
	}
}

// dueText is the startup line for n.
func dueText(t Text, n store.DueCounts) string {
	switch {
	case n.Erasable == 0:
		return t.N("due.startup_restricted", n.Restricted)
	case n.Restricted == 0:
		return t.N("due.startup", n.Erasable)
	}
	return t.N("due.startup", n.Erasable) + t.N("due.startup_also_restricted", n.Restricted)
}

// imageSizeMsg answers checkSize.
type imageSizeMsg struct{ bytes int64 }

// checkSize reads the size of the caseload as last saved, for the status
// line's warning when it nears what a vault can hold.
func checkSize(s Store) tea.Cmd {
	return func() tea.Msg { return imageSizeMsg{bytes: s.ImageSize()} }
}
