package tui

import (
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// keyBinder is what a store offers whose vault can be bound to security
// keys (cmd's session; the settings show the section only then).
type keyBinder interface {
	// SecurityKeys describes the bound keys, one line each.
	SecurityKeys() []string
	// AddSecurityKey binds key (a recipient or a plugin's output) after
	// checking passphrase and the keys bound so far; ui talks with the
	// plugins meanwhile.
	AddSecurityKey(passphrase []byte, key string, ui KeyUI) error
}

// securityKeyForm binds a security key to the vault from the settings:
// the passphrase again (and a touch of the key already bound, if any),
// the new key's recipient, then the plugin's conversation as at unlock.
// It is a kit.Form: a secret field and a text field, enter binds (the
// work under way is the form's save), esc leaves at once and wipes the
// passphrase; a passphrase is never a draft.
type securityKeyForm struct {
	kit.Form
	env     *env
	conv    keyConv
	spinner spinner.Model
}

// newSecurityKeyKeys are the form's keys: enter binds, as there is
// nothing to edit once bound.
func newSecurityKeyKeys(t Text) kit.FormKeys {
	k := kit.FormKeys{
		Save:   bind([]string{"enter"}, "enter", t.T("key.bind_key")),
		Cancel: bind([]string{"esc"}, "esc", t.T("key.back")),
		Next:   bind([]string{"tab", "down"}, "tab", t.T("key.next_field")),
		Prev:   bind([]string{"shift+tab", "up"}, "⇧tab", t.T("key.prev_field")),
	}
	k.Choice.SetEnabled(false)
	return k
}

func newSecurityKeyForm(e *env) securityKeyForm {
	t, st := e.text, e.styles
	recipient := kit.TextField(st, "key", t.T("seckey.key"))
	recipient.Input = kit.NewInput(st, "age1…", 48)
	recipient.Input.CharLimit = 4096
	m := securityKeyForm{Form: kit.NewForm(newSecurityKeyKeys(t), true,
		kit.SecretField(st, "passphrase", t.T("unlock.passphrase")), recipient),
		env: e, conv: newKeyConv(st),
		spinner: spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(st.Accent))}
	m.LeaveFreely = true
	return m
}

// Wipe wipes a passphrase typed but not yet used: a lock drops the form.
func (m securityKeyForm) Wipe() { m.WipeSecrets() }

// pass is the passphrase field.
func (m *securityKeyForm) pass() *kit.Secret { return m.Secret("passphrase") }

// Init has nothing to load.
func (m securityKeyForm) Init() tea.Cmd { return nil }

// Route names the form.
func (m securityKeyForm) Route() Route { return Route{Kind: KindSecurityKey} }

// Title is "Security key".
func (m securityKeyForm) Title() string { return m.env.text.T("seckey.title") }

// Capturing is always true: a field always has focus.
func (m securityKeyForm) Capturing() bool { return true }

// KeyMap lists the form's keys.
func (m securityKeyForm) KeyMap() help.KeyMap { return m.Keys }

// Draft keeps nothing: a passphrase is never stored.
func (m securityKeyForm) Draft() (string, bool) { return "", false }

// RestoreDraft has nothing to restore.
func (m securityKeyForm) RestoreDraft(string) securityKeyForm { return m }

// keyBoundMsg answers bindKey.
type keyBoundMsg struct {
	talk reqID
	err  error
}

// bindKey binds the key in a goroutine of its own, so that the plugin's
// messages reach the form while it runs; the passphrase is wiped after.
func bindKey(b keyBinder, pass []byte, keyText string, talk *keyTalk) tea.Cmd {
	go func() {
		err := b.AddSecurityKey(pass, keyText, talk)
		clear(pass)
		talk.send(keyBoundMsg{talk: talk.id, err: err})
	}()
	return talk.next()
}

// Update handles the plugin's conversation, the result and the keys.
func (m securityKeyForm) Update(msg tea.Msg) (securityKeyForm, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.Width, m.Height = msg.Width, msg.Height
	case spinner.TickMsg:
		if !m.Saving {
			return m, nil
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return m, cmd
	case keyWaitingMsg, keyMessageMsg, keyAskMsg:
		var cmd tea.Cmd
		m.conv, cmd = m.conv.onTalk(msg)
		return m, cmd
	case keyBoundMsg:
		var ours bool
		if m.conv, ours = m.conv.ends(msg.talk); !ours {
			return m, nil
		}
		if msg.err != nil {
			cmd := m.refuse(msg.err)
			return m, cmd
		}
		m.Saved()
		return m, tea.Batch(back(nil), notify(m.env.text.T("seckey.bound")))
	case tea.KeyMsg:
		return m.onKey(msg)
	}
	return m, nil
}

func (m securityKeyForm) onKey(msg tea.KeyMsg) (securityKeyForm, tea.Cmd) {
	if m.Saving {
		m.conv = m.conv.onKey(msg)
		return m, nil
	}
	action, cmd := m.Key(msg)
	switch action {
	case kit.Leave, kit.AskDiscard:
		m.WipeSecrets()
		return m, back(nil)
	case kit.Save:
		return m.submit()
	}
	return m, cmd
}

// submit checks the fields and starts the binding.
func (m securityKeyForm) submit() (securityKeyForm, tea.Cmd) {
	t := m.env.text
	text := strings.TrimSpace(m.Get("key"))
	switch {
	case m.pass().Empty():
		cmd := m.fail("passphrase", t.T("seckey.need_passphrase"))
		return m, cmd
	case !strings.Contains(text, "age1") && !strings.Contains(text, "AGE-PLUGIN-"):
		cmd := m.fail("key", t.T("seckey.bad_key"))
		return m, cmd
	}
	b, ok := m.env.store.(keyBinder)
	if !ok {
		m.WipeSecrets()
		return m, back(nil)
	}
	m.StartSave()
	m.conv = m.conv.start()
	pass := m.pass().Take()
	return m, tea.Batch(m.spinner.Tick, bindKey(b, pass, text, m.conv.talk))
}

// fail shows msg under field id and moves the focus there.
func (m *securityKeyForm) fail(id, msg string) tea.Cmd {
	m.Problem = ""
	cmd, _ := m.Fail(id, msg)
	return cmd
}

// refuse shows why the binding was refused: under the key for a key the
// vault cannot take, else above the form. The passphrase was used (and
// wiped), so its field has the focus, empty, for another try.
func (m *securityKeyForm) refuse(err error) tea.Cmd {
	t := m.env.text
	var ve *store.ValidationError
	switch {
	case errors.As(err, &ve) && ve.Field == "security_key":
		m.fail("key", t.T("seckey.bad_key"))
	case errors.As(err, &ve) && ve.Field == "security_key_bound":
		m.Refused(t.T("seckey.already_bound"))
	default:
		m.Refused(explain(m.env, err))
	}
	return m.FocusOn(m.Index("passphrase"))
}

// View shows the two fields, or the plugin's conversation while it runs.
func (m securityKeyForm) View() string {
	t, st := m.env.text, m.env.styles
	width := max(min(m.Width-6, 76), 20)
	if m.Saving {
		body := st.Muted.Render(t.T("seckey.working"))
		if m.conv.waiting() {
			body = m.conv.view(t, st, m.spinner.View(), width)
		}
		return "\n   " + strings.ReplaceAll(body, "\n", "\n   ")
	}
	head := []string{"", "  " + st.Title.Render(t.T("seckey.title")), ""}
	head = append(head, kit.Paragraph(st.Text, t.T("seckey.intro"), m.Width)...)
	f := m.Form
	f.Height = max(m.Height-len(head), 1)
	f.WrapProblem = true
	return strings.Join(head, "\n") + "\n" + f.View(st, formText(t), nil, nil)
}

// securityKeyLines is the settings' section on security keys, when the
// vault can have them: which are bound, and b to bind one.
func securityKeyLines(e *env) []string {
	b, ok := e.store.(keyBinder)
	if !ok {
		return nil
	}
	t, st := e.text, e.styles
	lines := []string{"", "  " + st.Title.Render(t.T("seckey.section"))}
	keys := b.SecurityKeys()
	if len(keys) == 0 {
		return append(lines, "  "+st.Muted.Render(t.T("seckey.none")))
	}
	for _, k := range keys {
		lines = append(lines, "  "+st.Text.Render(safeLine(k)))
	}
	return append(lines, "  "+st.Muted.Render(t.T("seckey.spare")))
}
