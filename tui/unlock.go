package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/caseload/caseload/tui/kit"
)

// unlockState is what the unlock screen is doing.
type unlockState int

const (
	unlockChecking unlockState = iota // asking whether a vault exists
	unlockCreate                      // no vault: choose a passphrase, twice
	unlockPass                        // a vault: type its passphrase
	unlockWorking                     // key derivation under way
	unlockRecovery                    // a new vault's recovery key, shown once
	unlockOpening                     // open; the root model takes over
	unlockBroken                      // the vault folder cannot be read
	unlockOlder                       // older than this laptop saved: the coach chooses
)

// unlockModel creates a vault or unlocks the existing one. It never writes
// anything on a failure: wrong passphrase, damaged vault, vault in use all
// end with a sentence and the field ready for another try.
//
// Its passphrase fields are a kit.Form of secret fields (focus, typing,
// wiping, enter and esc, the work under way), drawn in the screen's own
// narrow column. What the form's lifecycle adds besides is left unused
// on purpose: a passphrase is never a draft, esc quits at once (nothing
// typed here is worth a question), and there is no item to load. The
// problem, the strength hint and the suggestion are the screen's, as
// they speak of the state (create, unlock, a refused vault) rather than
// of a field.
type unlockModel struct {
	env      *env
	keys     unlockKeys
	state    unlockState
	creating bool     // unlockWorking is creating, not unlocking
	form     kit.Form // the passphrase ("pass") and, creating, once more ("again")
	spinner  spinner.Model
	problem  string // what went wrong, in a sentence
	recovery string // the recovery key, only while it is on screen
	suggest  string // a strong passphrase offered after a weak one
	verdict  verdict
	width    int
	height   int

	// The security key's conversation while unlockWorking (unlock_key.go).
	conv keyConv
}

func newUnlock(e *env) unlockModel {
	m := unlockModel{
		env:     e,
		keys:    newUnlockKeys(e.text),
		spinner: spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(e.styles.Accent)),
	}
	m.form = m.newForm()
	m.conv = newKeyConv(e.styles)
	m.updateKeys()
	return m
}

// newForm is the passphrase form of the current state: one field to
// unlock, two to create a vault. enter submits (or, creating, moves on
// from the first field), esc quits; tab moves between the two.
func (m unlockModel) newForm() kit.Form {
	t, st := m.env.text, m.env.styles
	keys := kit.FormKeys{Save: m.keys.Submit, Cancel: m.keys.Quit, Next: m.keys.Next, Prev: m.keys.Prev}
	for _, k := range []*key.Binding{&keys.Save, &keys.Cancel, &keys.Next, &keys.Prev} {
		k.SetEnabled(true) // the hints are m.keys'; these only match
	}
	fields := []kit.Field{kit.SecretField(st, "pass", t.T("unlock.passphrase"))}
	if m.state == unlockCreate {
		fields = []kit.Field{kit.SecretField(st, "pass", t.T("create.passphrase")),
			kit.SecretField(st, "again", t.T("create.again"))}
	}
	f := kit.NewForm(keys, true, fields...)
	f.LeaveFreely = true
	return f
}

// pass and again are the passphrase fields.
func (m *unlockModel) pass() *kit.Secret  { return m.form.Secret("pass") }
func (m *unlockModel) again() *kit.Secret { return m.form.Secret("again") }

// Init asks whether there is a vault to unlock.
func (m unlockModel) Init() tea.Cmd { return checkVault(m.env.backend) }

// Route is empty: the unlock screen is never part of a session.
func (m unlockModel) Route() Route { return Route{} }

// Title is empty: the header shows just "caseload".
func (m unlockModel) Title() string { return "" }

// Capturing is true while a passphrase field has focus, and also while the
// recovery key is shown, so that a stray q cannot quit before the coach has
// stored it.
func (m unlockModel) Capturing() bool { return m.state != unlockBroken }

// KeyMap lists the keys of the current state.
func (m unlockModel) KeyMap() help.KeyMap { return m.keys }

// Draft keeps nothing: a passphrase is never stored.
func (m unlockModel) Draft() (string, bool) { return "", false }

// RestoreDraft has nothing to restore.
func (m unlockModel) RestoreDraft(string) unlockModel { return m }

// Update handles the vault's answers and the keys of each state.
func (m unlockModel) Update(msg tea.Msg) (unlockModel, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m, nil
	case spinner.TickMsg:
		if m.state != unlockWorking {
			return m, nil
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return m, cmd
	case vaultCheckedMsg:
		return m.onChecked(msg)
	case vaultCreatedMsg:
		return m.onCreated(msg)
	case vaultUnlockedMsg:
		return m.onUnlocked(msg)
	case keyWaitingMsg, keyMessageMsg, keyAskMsg:
		var cmd tea.Cmd
		m.conv, cmd = m.conv.onTalk(msg)
		m.updateKeys()
		return m, cmd
	case tea.KeyMsg:
		return m.onKey(msg)
	}
	return m, nil
}

func (m unlockModel) onChecked(msg vaultCheckedMsg) (unlockModel, tea.Cmd) {
	switch {
	case msg.err != nil:
		m.state = unlockBroken
		m.problem = explain(m.env, msg.err)
	case msg.exists:
		m.state = unlockPass
	default:
		m.state = unlockCreate
	}
	m.form.WipeSecrets()
	m.form = m.newForm()
	return m.focusInput(0)
}

func (m unlockModel) onCreated(msg vaultCreatedMsg) (unlockModel, tea.Cmd) {
	if msg.err != nil {
		m.state = unlockCreate
		m.problem = explain(m.env, msg.err)
		return m.focusInput(0)
	}
	m.state = unlockRecovery
	m.recovery = msg.recovery
	m.updateKeys()
	s := msg.store
	return m, func() tea.Msg { return openedMsg{store: s, fresh: true} }
}

func (m unlockModel) onUnlocked(msg vaultUnlockedMsg) (unlockModel, tea.Cmd) {
	var ours bool
	if m.conv, ours = m.conv.ends(msg.talk); !ours {
		return m, nil
	}
	if _, ok := m.env.backend.(OlderVault); ok && msg.err != nil && m.env.problem(msg.err) == ProblemRolledBack {
		m.state = unlockOlder
		m.problem = explain(m.env, msg.err)
		return m.focusInput(0)
	}
	if msg.err != nil {
		m.state = unlockPass
		m.problem = explain(m.env, msg.err)
		return m.focusInput(0)
	}
	m.state = unlockOpening
	m.updateKeys()
	s := msg.store
	return m, func() tea.Msg { return openedMsg{store: s} }
}

func (m unlockModel) onKey(msg tea.KeyMsg) (unlockModel, tea.Cmd) {
	switch m.state {
	case unlockWorking:
		m.conv = m.conv.onKey(msg)
		m.updateKeys()
		return m, nil
	case unlockRecovery:
		if key.Matches(msg, m.keys.Stored) {
			m.state = unlockOpening
			m.recovery = "" // shown once: drop it from memory
			m.updateKeys()
			return m, func() tea.Msg { return storedMsg{} }
		}
		return m, nil
	case unlockOlder:
		return m.onOlderKey(msg)
	case unlockCreate, unlockPass:
	default:
		return m, nil
	}
	action, _ := m.form.Key(msg)
	switch action {
	case kit.Leave, kit.AskDiscard:
		m.form.WipeSecrets()
		return m, tea.Quit // nothing is open yet
	case kit.Save:
		return m.submit()
	}
	if m.form.Focus == 0 {
		m.verdict = verdict{} // judged again on enter
	}
	m.updateKeys()
	return m, nil
}

// onOlderKey takes the coach's choice for a vault older than this laptop
// last saved.
func (m unlockModel) onOlderKey(msg tea.KeyMsg) (unlockModel, tea.Cmd) {
	older := m.env.backend.(OlderVault)
	open := func(f func() (Store, error)) (unlockModel, tea.Cmd) {
		m.problem = ""
		m.state, m.creating = unlockWorking, false
		m.conv = m.conv.start()
		id := m.conv.talk.id
		m.updateKeys()
		return m, tea.Batch(m.spinner.Tick, func() tea.Msg {
			s, err := f()
			return vaultUnlockedMsg{talk: id, store: s, err: err}
		})
	}
	switch {
	case key.Matches(msg, m.keys.AcceptOlder):
		return open(older.AcceptOlder)
	case key.Matches(msg, m.keys.ReadOlder):
		return open(older.ReadOlder)
	case key.Matches(msg, m.keys.Quit):
		return m, tea.Quit
	}
	return m, nil
}

// submit moves on from the first create field, or starts the slow work.
func (m unlockModel) submit() (unlockModel, tea.Cmd) {
	if m.pass().Empty() {
		return m, nil
	}
	if m.state == unlockPass {
		m.problem = ""
		pass := m.pass().Take()
		m.state, m.creating = unlockWorking, false
		m.conv = m.conv.start()
		m.updateKeys()
		return m, tea.Batch(m.spinner.Tick, unlockWithKey(m.env.backend, pass, m.conv.talk))
	}
	t := m.env.text
	if m.verdict.field == 0 {
		// Judged once per passphrase, on enter: zxcvbn needs it as a
		// string, and each string is a copy that cannot be wiped.
		m.verdict = checkSecret(m.pass().Bytes())
	}
	switch v := m.verdict; {
	case v.refused():
		m.problem = v.problem(t)
		m.suggest = m.env.backend.SuggestPassphrase()
		m.again().Reset()
		return m.focusInput(0)
	case m.form.Focus == 0:
		m.problem = ""
		return m.focusInput(1)
	case !m.again().Equal(*m.pass()):
		m.problem = t.T("create.mismatch")
		m.again().Reset()
		return m.focusInput(1)
	}
	m.problem, m.suggest = "", ""
	pass := m.pass().Take()
	m.again().Reset()
	m.state, m.creating = unlockWorking, true
	m.updateKeys()
	return m, tea.Batch(m.spinner.Tick, createVault(m.env.backend, pass))
}

// focusInput moves the focus to field i (field 1 only when creating).
// In a state without fields to type in, no field takes keys.
func (m unlockModel) focusInput(i int) (unlockModel, tea.Cmd) {
	m.form.FocusOn(i)
	if m.state != unlockCreate && m.state != unlockPass {
		m.form.Focused().Secret.Blur()
	}
	m.updateKeys()
	return m, nil
}

// updateKeys keeps the hints truthful for the current state.
func (m *unlockModel) updateKeys() {
	t := m.env.text
	typing := m.state == unlockCreate || m.state == unlockPass
	m.keys.Submit.SetEnabled(typing)
	m.keys.Quit.SetEnabled(typing || m.state == unlockOlder)
	m.keys.AcceptOlder.SetEnabled(m.state == unlockOlder)
	m.keys.ReadOlder.SetEnabled(m.state == unlockOlder)
	m.keys.Next.SetEnabled(m.state == unlockCreate && m.form.Focus == 0)
	m.keys.Prev.SetEnabled(m.state == unlockCreate && m.form.Focus == 1)
	m.keys.Stored.SetEnabled(m.state == unlockRecovery)
	if m.conv.ask != nil {
		m.keys.Submit.SetEnabled(true)
		m.keys.Quit.SetEnabled(true)
		m.keys.Submit.SetHelp("enter", t.T("key.key_answer"))
		m.keys.Quit.SetHelp("esc", t.T("key.key_decline"))
		return
	}
	m.keys.Quit.SetHelp("esc", t.T("key.quit"))
	switch {
	case m.state == unlockCreate && m.form.Focus == 0:
		m.keys.Submit.SetHelp("enter", t.T("key.next_field"))
	case m.state == unlockCreate:
		m.keys.Submit.SetHelp("enter", t.T("key.create"))
	default:
		m.keys.Submit.SetHelp("enter", t.T("key.unlock"))
	}
}

// View draws the current state, centred in a column of readable width.
func (m unlockModel) View() string {
	var body string
	switch m.state {
	case unlockCreate:
		body = m.viewCreate()
	case unlockPass:
		body = m.viewPass()
	case unlockWorking:
		body = m.viewWorking()
		if m.conv.waiting() {
			body = m.conv.view(m.env.text, m.env.styles, m.spinner.View(), m.columnWidth())
		}
	case unlockRecovery:
		body = m.viewRecovery()
	case unlockOpening:
		body = m.env.styles.Muted.Render(m.env.text.T("unlock.opening"))
	case unlockBroken, unlockOlder:
		body = m.viewProblem()
	}
	return lipgloss.NewStyle().Padding(1, 0, 0, 3).Render(body)
}

// columnWidth is the width paragraphs wrap at.
func (m unlockModel) columnWidth() int {
	return max(min(m.width-6, 76), 20)
}

func (m unlockModel) paragraph(s string) string {
	return m.env.styles.Text.Width(m.columnWidth()).Render(s)
}

func (m unlockModel) viewCreate() string {
	t, st := m.env.text, m.env.styles
	lines := []string{
		st.Title.Render(t.T("create.title")), "",
		m.paragraph(t.Tf("create.intro", m.env.backend.VaultDir())), "",
		m.field(0),
		m.field(1),
		strings.Repeat(" ", 2+unlockLabelWidth) + m.strengthHint(),
	}
	return strings.Join(append(lines, m.viewProblemLines()...), "\n")
}

func (m unlockModel) viewPass() string {
	t, st := m.env.text, m.env.styles
	lines := []string{
		st.Title.Render(t.T("unlock.title")), "",
		m.field(0),
	}
	if hint := kit.OneLine(m.env.unlockHint); hint != "" {
		lines = append(lines, strings.Repeat(" ", 2+unlockLabelWidth)+st.Muted.Render(hint))
	}
	return strings.Join(append(lines, m.viewProblemLines()...), "\n")
}

// unlockLabelWidth is the label column of the passphrase fields: the
// unlock screen is a narrow column of its own, not a detail view.
const unlockLabelWidth = 14

// field renders passphrase field i the kit's way; "›" marks the focused
// one, which still shows without colour.
func (m unlockModel) field(i int) string {
	f := m.form.Fields[i]
	return kit.ViewFieldWidth(m.env.styles, f, i == m.form.Focus, "", unlockLabelWidth)[0]
}

// strengthHint grades the first passphrase as it is typed (the verdict
// is kept by Update: zxcvbn is too slow to run on every render).
func (m unlockModel) strengthHint() string {
	t, st := m.env.text, m.env.styles
	v := m.verdict
	switch {
	case m.pass().Empty() || v.field == 0:
		// Not judged yet: zxcvbn runs on enter, not on every key.
		return st.Muted.Render(t.T("create.advice"))
	case v.refused():
		return st.Danger.Render(v.short(t))
	case v.Strong():
		return st.Success.Render(t.T("create.strength_strong"))
	}
	return st.Success.Render(t.T("create.strength_good"))
}

func (m unlockModel) viewProblemLines() []string {
	if m.problem == "" {
		return nil
	}
	lines := []string{"", m.env.styles.Danger.Width(m.columnWidth()).Render(m.problem)}
	if m.suggest != "" && m.state == unlockCreate {
		lines = append(lines, m.paragraph(m.env.text.Tf("create.suggest", m.suggest)))
	}
	return lines
}

func (m unlockModel) viewProblem() string {
	t, st := m.env.text, m.env.styles
	return strings.Join(append([]string{st.Title.Render(t.T("unlock.title"))}, m.viewProblemLines()...), "\n")
}

func (m unlockModel) viewWorking() string {
	t := m.env.text
	text := t.T("unlock.working")
	if m.creating {
		text = t.T("create.working")
	}
	return m.spinner.View() + " " + m.env.styles.Text.Render(text)
}

// viewRecovery shows the recovery key once, cut into lines that fit, with
// what to do with it.
func (m unlockModel) viewRecovery() string {
	t, st := m.env.text, m.env.styles
	// One line when the terminal allows: a key copied by hand is easier
	// to check in one piece.
	w := max(min(len([]rune(m.recovery)), m.width-12), 16)
	var key []string
	for r := []rune(m.recovery); len(r) > 0; {
		n := min(len(r), w)
		key = append(key, string(r[:n]))
		r = r[n:]
	}
	lines := []string{
		st.Title.Render(t.T("recovery.title")), "",
		st.Box.Render(st.Accent.Render(strings.Join(key, "\n"))), "",
		m.paragraph(t.T("recovery.explain")), "",
		m.paragraph(t.T("recovery.where")), "",
		st.Warning.Render(t.T("recovery.confirm")),
	}
	return strings.Join(lines, "\n")
}
