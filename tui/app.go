package tui

import (
	"os"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/tui/kit"
)

// phase is where the root model is between locked and unlocked.
type phase int

const (
	// phaseLocked: the unlock screen, no store.
	phaseLocked phase = iota
	// phaseFresh: a new vault is open and its recovery key is on screen;
	// nothing counts down until the coach says it is stored.
	phaseFresh
	// phaseRestoring: the store is open, the session is being read.
	phaseRestoring
	// phaseUnlocked: the caseload is open and the idle countdown runs.
	phaseUnlocked
	// phaseClosing: drafts are being stored and the store closed, for a
	// lock or a quit; keys wait (ctrl+c twice still quits).
	phaseClosing
)

// chromeRows are the rows the root model draws itself: the header, the key
// hints and the status line.
const chromeRows = 3

// Model is the root model: the screen stack, the global keys, the status
// line and the vault's lock. Build it with New.
type Model struct {
	backend  Backend
	text     Text
	styles   *Styles
	now      func() time.Time
	idleLock time.Duration
	vaultDir string
	home     string
	hint     string
	keys     globalKeys
	pkeys    promptKeys

	env   *env // nil while locked
	phase phase
	stack []Screen

	width, height int

	help   bool
	prompt *prompt
	status statusMsg
	// notices wait behind the one on the status line, each shown in turn
	// by the next key: the unlock's "your unsaved text is back" and the
	// count of dossiers due must both be read (queueNotice).
	notices []statusMsg

	// held are keys typed while the top screen was still loading (or
	// while an earlier held key's command ran), handed to it in order
	// once it has loaded; see holds.
	held      []tea.KeyMsg
	heldWait  bool // a held key's command runs; the rest wait for heldNextMsg
	releasing bool // a held key is being handled (releaseHeld)
	heldGen   int  // tells a heldNextMsg of dropped keys from a current one
	noHold    bool // the top screen's load failed: keys go straight to it

	// The status line says "saving…" while saving > 0, else "not saved"
	// and why while saveReason is set (a change is kept only in memory),
	// else "saved" once anything was saved.
	saving     int
	imageSize  int64 // bytes in the caseload as last saved; warned of past imageWarnAt
	saveReason string
	saved      bool

	// closing is set while a lock or a quit waits for saves to finish and
	// for the store to close; prev is the phase to return to on failure.
	closing *closeIntent

	lastKey   time.Time
	lastRetry time.Time // the last automatic retry of a failed save
	idleLeft  time.Duration
	tickGen   int
	idled     bool   // the last lock came from the idle timer
	farewell  string // printed after the program ends; see Farewell
}

// closeIntent is a lock or a quit under way.
type closeIntent struct {
	quit bool
	prev phase
	sent bool // closeVault has been started
	kept bool // the session stored holds unsaved text
}

// New builds the root model. It starts locked, on the unlock screen, and
// closes the store itself before it quits: cmd need not.
func New(cfg Config) Model {
	now := cfg.Clock
	if now == nil {
		now = time.Now
	}
	idle := cfg.IdleLock
	if idle <= 0 {
		idle = defaultIdleLock
	}
	t := newText(cfg.Lang)
	home, _ := os.UserHomeDir() // to shorten paths shown and expand "~"; "" is fine
	m := Model{
		backend:  cfg.Backend,
		text:     t,
		styles:   kit.NewStyles(kit.DefaultTheme()),
		now:      now,
		idleLock: idle,
		vaultDir: shortenPath(cfg.Backend.VaultDir(), home, 36),
		home:     home,
		hint:     cfg.UnlockHint,
		keys:     newGlobalKeys(t),
		pkeys:    newPromptKeys(t),
	}
	m.stack = []Screen{asScreen(newUnlock(m.lockedEnv()))}
	return m
}

// lockedEnv is the environment of the unlock screen: everything but a store.
func (m Model) lockedEnv() *env {
	return &env{backend: m.backend, text: m.text, styles: m.styles, now: m.now,
		home: m.home, unlockHint: m.hint}
}

// Init starts the unlock screen. The window's title is not set here:
// tea.SetWindowTitle makes bubbletea write to the terminal outside the
// renderer's lock, racing its drawing; the program sets it at startup
// instead (Program.SetWindowTitle before Run), before drawing begins.
func (m Model) Init() tea.Cmd {
	return m.top().Init()
}

// WindowTitle is the terminal window's title while caseload runs.
const WindowTitle = "caseload"

func (m Model) top() Screen { return m.stack[len(m.stack)-1] }

// Update routes msg in the order doc.go describes.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m.resize(msg)
	case tea.KeyMsg:
		return m.handleKey(msg)
	case moreKeys:
		if m.prompt != nil {
			// The run's first keys asked a question: only a key typed
			// after it appeared may answer it.
			return m, nil
		}
		return m.onMoreKeys(tea.KeyMsg(msg))
	case statusMsg:
		return m.onStatus(msg)
	case noticeMsg:
		return m.queueNotice(statusMsg(msg)), nil
	case heldNextMsg:
		if msg.gen != m.heldGen {
			return m, nil
		}
		m.heldWait = false
		return m.releaseHeld()
	case promptMsg:
		m.prompt = newPrompt(msg, m.pkeys)
		return m, nil
	case navigateMsg:
		return m.push(msg.route)
	case backMsg:
		return m.pop(msg.result)
	case savingMsg:
		m.saving++
		return m, nil
	case imageSizeMsg:
		m.imageSize = msg.bytes
		return m, nil
	case tickMsg:
		return m.onTick(msg)
	case openedMsg:
		return m.onOpened(msg)
	case storedMsg:
		return m.startSession()
	case sessionLoadedMsg:
		return m.onSession(msg)
	case closedMsg:
		return m.onClosed(msg)
	case todayBusyMsg:
		// The vault opened on the caseload: show today on top, unless
		// the coach has already gone elsewhere or is typing on the
		// caseload (keys held for it while it loads).
		if len(m.stack) == 1 && m.top().Route().Kind == KindCaseload && len(m.held) == 0 && !m.heldWait {
			return m.push(Route{Kind: KindToday})
		}
		return m, nil
	}
	// The screens see a result before the save is booked: booking the last
	// running save may start a waiting lock, which takes the screens'
	// routes and drafts right then — and an editor whose new record has
	// just been saved must by then know its id, or the restored draft
	// would add the record a second time.
	var cmd tea.Cmd
	if _, ok := msg.(answer); ok {
		m, cmd = m.updateAll(msg)
	} else {
		m, cmd = m.updateTop(msg)
	}
	if r, ok := msg.(saveResult); ok {
		_, quiet := msg.(quietSave)
		var booked tea.Cmd
		m, booked = m.onSaved(r.saveErr(), quiet)
		cmd = tea.Batch(cmd, booked)
	}
	if len(m.held) > 0 && !m.heldWait && !m.topLoading() {
		// The top screen has loaded: the keys typed meanwhile now.
		var replay tea.Cmd
		m, replay = m.releaseHeld()
		cmd = tea.Batch(cmd, replay)
	}
	return m, cmd
}

// onStatus shows msg on the status line. An error while keys wait for
// the top screen to load is its load failing: the screen will not load,
// so the keys go to it now rather than wait for ever.
func (m Model) onStatus(msg statusMsg) (Model, tea.Cmd) {
	m.status = msg
	if msg.kind != statusError || !m.topLoading() {
		return m, nil
	}
	m.noHold = true
	if len(m.held) == 0 || m.heldWait {
		return m, nil
	}
	return m.releaseHeld()
}

// updateAll hands msg to every screen on the stack.
func (m Model) updateAll(msg tea.Msg) (Model, tea.Cmd) {
	stack := make([]Screen, len(m.stack))
	cmds := make([]tea.Cmd, len(m.stack))
	for i, s := range m.stack {
		stack[i], cmds[i] = s.Update(msg)
	}
	m.stack = stack
	return m, tea.Batch(cmds...)
}

// handleKey routes a key: the always-keys, then an open prompt or help,
// then a capturing screen, then the global keys, then the top screen. A
// key for a screen that is still loading waits for it (holds).
func (m Model) handleKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	if m.holds(msg) {
		m.lastKey = m.now()
		m.idleLeft = m.idleLock
		if len(m.held) < maxHeld {
			m.held = append(m.held, msg)
		}
		return m, nil
	}
	if len(m.held) > 0 {
		// A key that leaves the screen (esc, q, ctrl+c, ctrl+l) acts at
		// once; what was typed for the screen goes with it.
		m = m.dropHeld()
	}
	typing := m.typing()
	next, cmd := m.routeKey(msg)
	return next.(Model).waitFor(cmd, typing)
}

// waitFor returns the command a key started. When the key was for a
// screen, not for a text field, the keys typed after it wait for the
// command's answer: enter on a list opens a client only once its
// navigateMsg is back, and "5 j enter" typed quickly after it belong to
// the client, not to the list still on top meanwhile. Keys typed into a
// text field never wait (a search's pause, a save while writing).
func (m Model) waitFor(cmd tea.Cmd, typing bool) (Model, tea.Cmd) {
	if cmd == nil || typing || m.phase != phaseUnlocked {
		return m, cmd
	}
	m.heldWait = true
	gen := m.heldGen
	return m, tea.Sequence(cmd, func() tea.Msg { return heldNextMsg{gen: gen} })
}

// routeKey is handleKey for a key that is not held.
func (m Model) routeKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !m.typing() {
		return m.handleRunes(msg)
	}
	m.lastKey = m.now()
	m.idleLeft = m.idleLock
	switch {
	case key.Matches(msg, m.keys.ForceQuit):
		return m.quit(true)
	case key.Matches(msg, m.keys.Lock) && m.phase == phaseUnlocked:
		return m.lock(false)
	}
	if m.phase == phaseClosing {
		return m, nil
	}
	m.status = statusMsg{}
	if len(m.notices) > 0 {
		m.status, m.notices = m.notices[0], m.notices[1:]
	}
	if m.prompt != nil {
		p := m.prompt
		m.prompt = nil
		return m, p.answer(msg, m.text)
	}
	g := m.globals()
	if m.help {
		if key.Matches(msg, g.Quit) {
			return m.quit(false)
		}
		m.help = !key.Matches(msg, g.Help, m.keys.Back)
		return m, nil
	}
	if m.top().Capturing() {
		return m.updateTop(msg)
	}
	switch {
	case key.Matches(msg, g.Help):
		m.help = true
		return m, nil
	case key.Matches(msg, g.Search):
		return m.push(Route{Kind: KindSearch})
	case key.Matches(msg, g.Deadlines):
		return m.push(Route{Kind: KindDeadlines})
	case key.Matches(msg, g.Settings):
		return m.push(Route{Kind: KindSettings})
	case key.Matches(msg, g.Breaches):
		return m.push(Route{Kind: KindBreaches})
	case key.Matches(msg, g.Agenda):
		return m.push(Route{Kind: KindAgenda})
	case key.Matches(msg, g.Back):
		return m.pop(nil)
	case key.Matches(msg, g.Quit):
		return m.quit(false)
	}
	return m.updateTop(msg)
}

// typing reports whether a text field has the keys: it takes a run of
// letters whole, as typed or pasted.
func (m Model) typing() bool {
	return m.prompt == nil && !m.help && m.phase != phaseClosing && len(m.stack) > 0 && m.top().Capturing()
}

// handleRunes handles a run of letters one key at a time. The terminal
// hands over letters typed quickly, or pasted, as one message; a list
// matched none of its keys against it and dropped them all. When a key
// starts a command (opening a form, say), the rest wait for its answer,
// so "nAnna" opens the new-client form and types "Anna" into it. A run
// never answers a yes/no question one of its own keys asked: "dy" typed
// or pasted in one go leaves the question open.
func (m Model) handleRunes(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	var next tea.Model = m
	for i, r := range msg.Runes {
		one := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt}
		if r == ' ' {
			one.Type = tea.KeySpace
		}
		var cmd tea.Cmd
		next, cmd = next.(Model).routeKey(one)
		rest := msg.Runes[i+1:]
		switch {
		case cmd != nil && len(rest) > 0:
			more := moreKeys{Type: tea.KeyRunes, Runes: rest, Alt: msg.Alt, Paste: msg.Paste}
			return next, tea.Sequence(cmd, func() tea.Msg { return more })
		case cmd != nil:
			return next, cmd
		case len(rest) > 0 && next.(Model).topLoading():
			// A key opened a screen that loads: the rest wait for it,
			// before any key typed after them.
			nm := next.(Model)
			nm.held = append([]tea.KeyMsg{{Type: tea.KeyRunes, Runes: rest, Alt: msg.Alt, Paste: msg.Paste}}, nm.held...)
			return nm, nil
		}
	}
	return next, nil
}

// moreKeys is the rest of a run of letters, handled once the command its
// first keys started has answered.
type moreKeys tea.KeyMsg

// onMoreKeys handles the rest of a run. It was typed before any key that
// waits now, so when keys wait it goes first among them.
func (m Model) onMoreKeys(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	if len(m.held) == 0 && !m.heldWait {
		return m.handleKey(msg)
	}
	m.held = append([]tea.KeyMsg{msg}, m.held...)
	if m.heldWait || m.topLoading() {
		return m, nil
	}
	return m.releaseHeld()
}

// globals are the global keys with only those enabled that work now: esc
// needs a screen to go back to, ctrl+l and ctrl+f an open vault.
func (m Model) globals() globalKeys {
	k := m.keys
	k.Back.SetEnabled(len(m.stack) > 1)
	k.Lock.SetEnabled(m.phase == phaseUnlocked)
	k.Search.SetEnabled(m.phase == phaseUnlocked && m.top().Route().Kind != KindSearch)
	k.Deadlines.SetEnabled(m.phase == phaseUnlocked && m.top().Route().Kind != KindDeadlines)
	k.Settings.SetEnabled(m.phase == phaseUnlocked && m.top().Route().Kind != KindSettings)
	k.Breaches.SetEnabled(m.phase == phaseUnlocked && m.top().Route().Kind != KindBreaches)
	k.Agenda.SetEnabled(m.phase == phaseUnlocked && m.top().Route().Kind != KindAgenda)
	return k
}

// updateTop hands msg to the top screen.
func (m Model) updateTop(msg tea.Msg) (Model, tea.Cmd) {
	i := len(m.stack) - 1
	s, cmd := m.stack[i].Update(msg)
	m.stack = append(m.stack[:i:i], s)
	return m, cmd
}

// contentSize is the size a screen gets: the window minus the chrome.
func (m Model) contentSize() tea.WindowSizeMsg {
	return tea.WindowSizeMsg{Width: m.width, Height: max(m.height-chromeRows, 1)}
}

// resize gives every screen on the stack the new content size.
func (m Model) resize(msg tea.WindowSizeMsg) (tea.Model, tea.Cmd) {
	m.width, m.height = msg.Width, msg.Height
	return m.updateAll(m.contentSize())
}

// build makes the screen for a route at the current size.
func (m Model) build(r Route) (Screen, bool) {
	s, ok := newScreen(m.env, r)
	if !ok {
		return nil, false
	}
	if m.width > 0 {
		s, _ = s.Update(m.contentSize())
	}
	return s, true
}

// push opens the screen a route names on top of the stack.
func (m Model) push(r Route) (tea.Model, tea.Cmd) {
	if m.env == nil || m.env.store == nil || m.phase != phaseUnlocked {
		return m, nil
	}
	s, ok := m.build(r)
	if !ok {
		return m, nil
	}
	m.stack = append(m.stack[:len(m.stack):len(m.stack)], s)
	m.help = false
	m = m.topChanged()
	return m, s.Init()
}

// pop closes the top screen; the one below is told it is shown again and
// then gets result, if any.
func (m Model) pop(result tea.Msg) (tea.Model, tea.Cmd) {
	if len(m.stack) < 2 {
		return m, nil
	}
	m.stack = m.stack[: len(m.stack)-1 : len(m.stack)-1]
	m = m.topChanged()
	m, cmd := m.updateTop(shownMsg{})
	if result == nil {
		return m, cmd
	}
	m, res := m.updateTop(result)
	return m, tea.Batch(cmd, res)
}

// Keys typed before a screen has loaded. A list has no rows until its
// load answers, so "j j enter" typed quickly after opening it would move
// nothing and open nothing. The root model holds such keys instead and
// hands them to the screen, in order, the moment it has loaded: every key
// counts. A held key that starts a command (enter opening a client) lets
// the rest wait for that command's answer, as a run of letters does
// (handleRunes), so they reach the screen it opened.

// loader is a screen that can still be waiting for its first data. A
// reload keeps the rows it has, so only the first load counts.
type loader interface{ Loading() bool }

// maxHeld bounds the keys held for one screen: far more than anyone types
// while a list loads.
const maxHeld = 4096

// heldNextMsg says the command of a held key has answered: the next held
// keys may go. gen drops it once the keys were dropped.
type heldNextMsg struct{ gen int }

// topLoading reports whether the top screen waits for its first data.
func (m Model) topLoading() bool {
	if m.noHold || m.phase != phaseUnlocked || len(m.stack) == 0 {
		return false
	}
	l, ok := m.top().(loader)
	return ok && l.Loading()
}

// holds reports whether msg waits in m.held rather than act now: when the
// top screen still loads, or keys are already waiting (a later key never
// overtakes an earlier one). ctrl+c, ctrl+l and esc never wait, and
// neither does q as the first key on a screen without a text field: they
// leave the screen, and handleKey drops what was held. A q after held
// keys waits with them: "nquinten" typed before the caseload has loaded
// is a new client, not a quit.
func (m Model) holds(msg tea.KeyMsg) bool {
	if m.phase != phaseUnlocked {
		return false
	}
	if key.Matches(msg, m.keys.ForceQuit, m.keys.Lock, m.keys.Back) {
		return false
	}
	if len(m.held) > 0 || m.heldWait {
		return true
	}
	if m.prompt != nil || m.help || !m.topLoading() {
		return false
	}
	return m.top().Capturing() || !key.Matches(msg, m.globals().Quit)
}

// releaseHeld hands the held keys to the top screen in order, until one
// starts a command (the rest follow its answer, heldNextMsg) or the top
// screen is loading again (a key opened another list).
func (m Model) releaseHeld() (Model, tea.Cmd) {
	for len(m.held) > 0 && !m.topLoading() {
		if m.prompt != nil {
			// A held key asked a question: only a key typed after it
			// appeared may answer it, as in a run (handleRunes).
			return m.dropHeld(), nil
		}
		k := m.held[0]
		m.held = m.held[1:]
		typing := m.typing()
		m.releasing = true // a screen this key pushes or pops gets the rest
		next, cmd := m.routeKey(k)
		m = next.(Model)
		m.releasing = false
		if m.phase != phaseUnlocked {
			// The key locked or quit: nothing is left to type into.
			return m.dropHeld(), cmd
		}
		if cmd != nil {
			// The rest follow the command's answer.
			return m.waitFor(cmd, typing && len(m.held) == 0)
		}
	}
	return m, nil
}

// dropHeld forgets the held keys: a key left the screen they were for.
func (m Model) dropHeld() Model {
	m.held, m.heldWait = nil, false
	m.heldGen++
	return m
}

// topChanged follows a push or a pop: keys held for the screen that was
// on top are dropped, unless a held key of its own changed the screen
// (the rest are then for the new top); a failed load of the old top no
// longer matters.
func (m Model) topChanged() Model {
	m.noHold = false
	if !m.heldWait && !m.releasing {
		m = m.dropHeld()
	}
	return m
}

// noticeMsg is a status line notice that must not hide the one shown: it
// waits behind it (queueNotice).
type noticeMsg statusMsg

// queueNotice shows n, or when another notice is on the status line,
// queues it to be shown by the next key, so both are read.
func (m Model) queueNotice(n statusMsg) Model {
	if m.status.text == "" {
		m.status = n
		return m
	}
	m.notices = append(m.notices, n)
	return m
}
