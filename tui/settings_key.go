package tui

import (
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	"github.com/charmbracelet/bubbles/textinput"
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
type securityKeyForm struct {
	env     *env
	keys    securityKeyKeys
	pass    kit.Secret
	key     textinput.Model
	focus   int
	working bool
	conv    keyConv
	spinner spinner.Model
	problem string
	width   int
	height  int
}

// securityKeyKeys are the form's keys.
type securityKeyKeys struct {
	Submit key.Binding
	Next   key.Binding
	Back   key.Binding
}

func newSecurityKeyKeys(t Text) securityKeyKeys {
	return securityKeyKeys{
		Submit: bind([]string{"enter"}, "enter", t.T("key.bind_key")),
		Next:   bind([]string{"tab", "shift+tab", "down", "up"}, "tab", t.T("key.next_field")),
		Back:   bind([]string{"esc"}, "esc", t.T("key.back")),
	}
}

// ShortHelp is the form's hint line.
func (k securityKeyKeys) ShortHelp() []key.Binding { return []key.Binding{k.Submit, k.Next, k.Back} }

// FullHelp is the form's part of the help overlay.
func (k securityKeyKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

func newSecurityKeyForm(e *env) securityKeyForm {
	m := securityKeyForm{env: e, keys: newSecurityKeyKeys(e.text), pass: kit.NewSecret(e.styles),
		key: kit.NewInput(e.styles, "age1…", 48), conv: newKeyConv(e.styles),
		spinner: spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(e.styles.Accent))}
	m.key.CharLimit = 4096
	m.pass.Focus()
	return m
}

// Init has nothing to load.
func (m securityKeyForm) Init() tea.Cmd { return nil }

// Route names the form.
func (m securityKeyForm) Route() Route { return Route{Kind: KindSecurityKey} }

// Title is "Security key".
func (m securityKeyForm) Title() string { return m.env.text.T("seckey.title") }

// Capturing is always true: a field always has focus.
func (m securityKeyForm) Capturing() bool { return true }

// KeyMap lists the form's keys.
func (m securityKeyForm) KeyMap() help.KeyMap { return m.keys }

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
		m.width, m.height = msg.Width, msg.Height
	case spinner.TickMsg:
		if !m.working {
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
		m.working = false
		if msg.err != nil {
			m.problem = m.explain(msg.err)
			m.pass.Focus()
			m.focus = 0
			return m, nil
		}
		return m, tea.Batch(back(nil), notify(m.env.text.T("seckey.bound")))
	case tea.KeyMsg:
		return m.onKey(msg)
	}
	return m, nil
}

func (m securityKeyForm) onKey(msg tea.KeyMsg) (securityKeyForm, tea.Cmd) {
	if m.working {
		m.conv = m.conv.onKey(msg)
		return m, nil
	}
	switch {
	case key.Matches(msg, m.keys.Back):
		m.pass.Reset()
		return m, back(nil)
	case key.Matches(msg, m.keys.Next):
		m.focus = 1 - m.focus
		if m.focus == 0 {
			m.key.Blur()
			m.pass.Focus()
			return m, nil
		}
		m.pass.Blur()
		return m, m.key.Focus()
	case key.Matches(msg, m.keys.Submit):
		return m.submit()
	}
	var cmd tea.Cmd
	if m.focus == 0 {
		m.pass = m.pass.Update(msg)
	} else {
		m.key, cmd = m.key.Update(msg)
	}
	return m, cmd
}

// submit checks the fields and starts the binding.
func (m securityKeyForm) submit() (securityKeyForm, tea.Cmd) {
	t := m.env.text
	text := strings.TrimSpace(m.key.Value())
	switch {
	case m.pass.Empty():
		m.problem = t.T("seckey.need_passphrase")
		return m, nil
	case !strings.Contains(text, "age1") && !strings.Contains(text, "AGE-PLUGIN-"):
		m.problem = t.T("seckey.bad_key")
		m.focus = 1
		m.pass.Blur()
		return m, m.key.Focus()
	}
	b, ok := m.env.store.(keyBinder)
	if !ok {
		return m, back(nil)
	}
	m.problem, m.working = "", true
	m.conv = m.conv.start()
	return m, tea.Batch(m.spinner.Tick, bindKey(b, m.pass.Take(), text, m.conv.talk))
}

// explain is the sentence for a refused binding.
func (m securityKeyForm) explain(err error) string {
	var ve *store.ValidationError
	if errors.As(err, &ve) {
		switch ve.Field {
		case "security_key":
			return m.env.text.T("seckey.bad_key")
		case "security_key_bound":
			return m.env.text.T("seckey.already_bound")
		}
	}
	return explain(m.env, err)
}

// View shows the two fields, or the plugin's conversation while it runs.
func (m securityKeyForm) View() string {
	t, st := m.env.text, m.env.styles
	width := max(min(m.width-6, 76), 20)
	if m.working {
		body := st.Muted.Render(t.T("seckey.working"))
		if m.conv.waiting() {
			body = m.conv.view(t, st, m.spinner.View(), width)
		}
		return "\n   " + strings.ReplaceAll(body, "\n", "\n   ")
	}
	mark := func(i int) string {
		if m.focus == i {
			return st.Accent.Render("› ")
		}
		return "  "
	}
	lines := []string{"", "  " + st.Title.Render(t.T("seckey.title")), "",
		"  " + st.Text.Width(width).Render(t.T("seckey.intro")), "",
		mark(0) + st.Label.Render(kit.PadRight(t.T("unlock.passphrase"), 16)) + m.pass.View(),
		mark(1) + st.Label.Render(kit.PadRight(t.T("seckey.key"), 16)) + m.key.View(),
	}
	if m.problem != "" {
		lines = append(lines, "", "  "+st.Danger.Width(width).Render(m.problem))
	}
	return strings.Join(lines, "\n")
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
