package tui

import (
	"errors"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/termsafe"
	"github.com/caseload/caseload/tui/kit"
)

// The conversation with a security key while the vault opens. A vault
// bound to a hardware key runs the key's age plugin after the
// passphrase; the plugin may show messages, ask for a PIN or a choice,
// and waits for a touch. Unlock runs in a goroutine of its own and talks
// to the unlock screen through a keyTalk: each thing the plugin says is a
// message for Update, and a question blocks the plugin until the coach
// answers on the screen.

// KeyUI is what a security key's plugin may say or ask while the vault
// opens. The unlock screen implements it; cmd hands it to crypt.
type KeyUI interface {
	// KeyWaiting says the plugin waits for its key: "touch your key".
	KeyWaiting(plugin string)
	// KeyMessage shows the plugin's own message.
	KeyMessage(plugin, message string)
	// KeyRequest asks for a value, a PIN for instance.
	KeyRequest(plugin, prompt string, secret bool) (string, error)
	// KeyConfirm asks to choose yes or no (no may be empty).
	KeyConfirm(plugin, prompt, yes, no string) (bool, error)
}

// errTalkOver answers a plugin that asks after the screen stopped
// listening (the attempt timed out or ended).
var errTalkOver = errors.New("the unlock screen no longer waits for the key")

// keyTalk carries one unlock attempt's messages to the screen.
type keyTalk struct {
	id     reqID
	events chan tea.Msg
	done   chan struct{}
}

func newKeyTalk() *keyTalk {
	return &keyTalk{id: newReq(), events: make(chan tea.Msg), done: make(chan struct{})}
}

// send hands msg to the screen, or drops it once the talk is over.
func (k *keyTalk) send(msg tea.Msg) bool {
	select {
	case k.events <- msg:
		return true
	case <-k.done:
		return false
	}
}

// close ends the talk: later questions get errTalkOver.
func (k *keyTalk) close() {
	select {
	case <-k.done:
	default:
		close(k.done)
	}
}

// next waits for the talk's next message.
func (k *keyTalk) next() tea.Cmd {
	return func() tea.Msg {
		select {
		case msg := <-k.events:
			return msg
		case <-k.done:
			return nil
		}
	}
}

// keyWaitingMsg: the plugin waits for its key.
type keyWaitingMsg struct {
	talk   reqID
	plugin string
}

// keyMessageMsg: the plugin's own words.
type keyMessageMsg struct {
	talk         reqID
	plugin, text string
}

// keyAskMsg: the plugin asks something; the answer goes to reply.
type keyAskMsg struct {
	talk    reqID
	plugin  string
	prompt  string
	secret  bool
	confirm bool   // a yes/no choice rather than a value
	yes, no string // the choices' names
	reply   chan keyAnswer
}

// keyAnswer is the coach's answer to a keyAskMsg.
type keyAnswer struct {
	value string
	yes   bool
	err   error
}

// KeyWaiting implements KeyUI.
func (k *keyTalk) KeyWaiting(plugin string) { k.send(keyWaitingMsg{talk: k.id, plugin: plugin}) }

// KeyMessage implements KeyUI.
func (k *keyTalk) KeyMessage(plugin, text string) {
	k.send(keyMessageMsg{talk: k.id, plugin: plugin, text: text})
}

// KeyRequest implements KeyUI.
func (k *keyTalk) KeyRequest(plugin, prompt string, secret bool) (string, error) {
	a := k.ask(keyAskMsg{plugin: plugin, prompt: prompt, secret: secret})
	return a.value, a.err
}

// KeyConfirm implements KeyUI.
func (k *keyTalk) KeyConfirm(plugin, prompt, yes, no string) (bool, error) {
	a := k.ask(keyAskMsg{plugin: plugin, prompt: prompt, confirm: true, yes: yes, no: no})
	return a.yes, a.err
}

func (k *keyTalk) ask(msg keyAskMsg) keyAnswer {
	msg.talk = k.id
	msg.reply = make(chan keyAnswer, 1)
	if !k.send(msg) {
		return keyAnswer{err: errTalkOver}
	}
	select {
	case a := <-msg.reply:
		return a
	case <-k.done:
		return keyAnswer{err: errTalkOver}
	}
}

// unlockWithKey opens the vault in a goroutine of its own, so that the
// plugin's messages reach the screen while it runs; the result comes
// through the talk as a vaultUnlockedMsg. The passphrase is wiped once
// Unlock returns.
func unlockWithKey(b Backend, pass []byte, talk *keyTalk) tea.Cmd {
	go func() {
		s, err := b.Unlock(pass, talk)
		clear(pass)
		if !talk.send(vaultUnlockedMsg{talk: talk.id, store: s, err: err}) && s != nil {
			s.Close() // the screen went away meanwhile
		}
	}()
	return talk.next()
}

// keyPlugin is what an error from a security key tells of its plugin.
type keyPlugin interface{ KeyPlugin() string }

// keyDetail is what an error from a security key quotes of its plugin.
type keyDetail interface{ KeyDetail() string }

// keyProblem is the sentence for a security key's failure; ok is false
// for other errors.
func keyProblem(e *env, err error) (string, bool) {
	t := e.text
	name := ""
	var kp keyPlugin
	if errors.As(err, &kp) {
		name = safeLine(kp.KeyPlugin())
	}
	switch e.problem(err) {
	case ProblemKeyPluginMissing:
		return t.Tf("problem.key_plugin_missing", name, name), true
	case ProblemKeyAbsent:
		var kd keyDetail
		if errors.As(err, &kd) && kd.KeyDetail() != "" {
			return t.Tf("problem.key_absent_said", name, safeLine(kd.KeyDetail())) + " " + t.T("problem.key_absent"), true
		}
		return t.T("problem.key_absent"), true
	case ProblemWrongKey:
		return t.T("problem.wrong_key"), true
	case ProblemKeyTimeout:
		return t.T("problem.key_timeout"), true
	case ProblemKeyFailed:
		return t.Tf("problem.key_failed", name), true
	}
	return "", false
}

// safeLine shows outside text (a plugin's words) on one line, with
// control and invisible format characters escaped (termsafe).
func safeLine(s string) string { return termsafe.Line(s) }

// maxKeyNotes is how many of the plugin's messages stay on screen.
const maxKeyNotes = 3

// keyConv is the screen's side of a keyTalk: the plugin waiting, its
// messages, and its question with the coach's answer field. The unlock
// screen and the settings' key form both hold one.
//
// The answer is a bare kit.Secret, not a kit.Form: it is one line that a
// plugin's question opens and enter or esc closes, inside a screen that
// is already busy (its form is saving). None of a form's lifecycle
// applies: nothing loads, nothing is saved or kept as a draft, there is
// no field to move to, and a yes/no question takes y/n/1/2 instead of a
// field at all.
type keyConv struct {
	talk   *keyTalk
	plugin string     // the plugin waiting for its key; "" before
	notes  []string   // the plugin's own messages, newest last
	ask    *keyAskMsg // the plugin's question on screen, if any
	answer kit.Secret
}

func newKeyConv(st *Styles) keyConv { return keyConv{answer: kit.NewSecret(st)} }

// start begins a new talk.
func (c keyConv) start() keyConv {
	c.talk, c.plugin, c.notes, c.ask = newKeyTalk(), "", nil, nil
	return c
}

// ends reports whether msg ends this conversation's talk; the talk is
// then closed and the conversation cleared.
func (c keyConv) ends(id reqID) (keyConv, bool) {
	if c.talk == nil || id != c.talk.id {
		return c, false
	}
	c.talk.close()
	c.talk, c.plugin, c.notes, c.ask = nil, "", nil, nil
	c.answer.Reset()
	return c, true
}

// waiting reports whether a plugin is running with the screen to show.
func (c keyConv) waiting() bool { return c.plugin != "" }

// onTalk takes what the plugin says or asks, and listens for more.
func (c keyConv) onTalk(msg tea.Msg) (keyConv, tea.Cmd) {
	if c.talk == nil {
		if a, ok := msg.(keyAskMsg); ok {
			a.reply <- keyAnswer{err: errTalkOver}
		}
		return c, nil
	}
	switch msg := msg.(type) {
	case keyWaitingMsg:
		if msg.talk != c.talk.id {
			return c, nil
		}
		c.plugin = msg.plugin
	case keyMessageMsg:
		if msg.talk != c.talk.id {
			return c, nil
		}
		c.plugin = msg.plugin
		c.notes = append(c.notes, safeLine(msg.text))
		if len(c.notes) > maxKeyNotes {
			c.notes = c.notes[len(c.notes)-maxKeyNotes:]
		}
	case keyAskMsg:
		if msg.talk != c.talk.id {
			msg.reply <- keyAnswer{err: errTalkOver}
			return c, nil
		}
		c.plugin = msg.plugin
		c.ask = &msg
		c.answer.Reset()
		c.answer.Masked = msg.secret
		c.answer.Focus()
	}
	return c, c.talk.next()
}

// onKey takes the coach's answer to the plugin's question.
func (c keyConv) onKey(msg tea.KeyMsg) keyConv {
	a := c.ask
	if a == nil {
		return c
	}
	reply := func(ans keyAnswer) keyConv {
		a.reply <- ans
		c.ask = nil
		c.answer.Reset()
		c.answer.Blur()
		return c
	}
	switch {
	case a.confirm && (msg.String() == "y" || msg.String() == "j" || key1(msg, "enter", "1")):
		return reply(keyAnswer{yes: true})
	case a.confirm && a.no != "" && (msg.String() == "n" || key1(msg, "2")):
		return reply(keyAnswer{yes: false})
	case a.confirm:
		if msg.String() == "esc" {
			return reply(keyAnswer{err: errTalkOver})
		}
		return c
	case msg.String() == "enter":
		pin := c.answer.Take()
		defer clear(pin)
		return reply(keyAnswer{value: string(pin)})
	case msg.String() == "esc":
		return reply(keyAnswer{err: errTalkOver})
	}
	c.answer = c.answer.Update(msg)
	return c
}

// key1 reports whether msg is one of keys.
func key1(msg tea.KeyMsg, keys ...string) bool {
	for _, k := range keys {
		if msg.String() == k {
			return true
		}
	}
	return false
}

// view is the screen while the security key's plugin runs: "touch your
// security key", the plugin's own messages, and its question if it asks
// one.
func (c keyConv) view(t Text, st *Styles, spin string, width int) string {
	para := func(s string) string { return st.Text.Width(width).Render(s) }
	lines := []string{st.Title.Render(t.T("unlock.key_title")), ""}
	if a := c.ask; a != nil {
		lines = append(lines, st.Text.Render(safeLine(a.plugin)+": "+safeLine(a.prompt)), "")
		if a.confirm {
			choice := t.Tf("unlock.key_confirm_yes", safeLine(a.yes))
			if a.no != "" {
				choice = t.Tf("unlock.key_confirm", safeLine(a.yes), safeLine(a.no))
			}
			lines = append(lines, st.Accent.Render(choice))
		} else {
			lines = append(lines, st.Accent.Render("› ")+c.answer.View())
		}
	} else {
		lines = append(lines,
			spin+" "+st.Text.Render(t.Tf("unlock.key_waiting", safeLine(c.plugin))), "",
			para(t.T("unlock.key_explain")))
	}
	if len(c.notes) > 0 {
		lines = append(lines, "")
		for _, n := range c.notes {
			lines = append(lines, st.Muted.Width(width).Render(safeLine(c.plugin)+": "+n))
		}
	}
	return strings.Join(lines, "\n")
}
