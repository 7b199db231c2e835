package tui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// formCore is the lifecycle a form shares with every other: its fields,
// whether what it edits is loaded, a save under way, typed text not yet
// saved (a draft across a lock, and a question before esc throws it
// away), and a problem to show above the fields. A form embeds it and
// adds what is its own: the fields, the load, the submit.
type formCore struct {
	env     *env
	keys    formKeys
	req     reqID // the load, then the save under way
	loaded  bool
	saving  bool
	dirty   bool
	problem string
	set     fieldSet
	width   int
	height  int
}

func newFormCore(e *env, loaded bool, fields ...formField) formCore {
	c := formCore{env: e, keys: newFormKeys(e.text), req: newReq(), loaded: loaded}
	c.set.fields = fields
	c.set.focusOn(0)
	c.keys.Choice.SetEnabled(c.set.focused().kind == fieldChoice)
	return c
}

// Capturing is always true: a form always has a focused field.
func (c formCore) Capturing() bool { return true }

// KeyMap lists the form's keys.
func (c formCore) KeyMap() help.KeyMap { return c.keys }

// Draft is every field once the coach has typed something.
func (c formCore) Draft() (string, bool) {
	if !c.dirty {
		return "", false
	}
	return c.set.draft(), true
}

// restore fills the fields from a draft.
func (c *formCore) restore(text string) { c.dirty = c.set.restore(text) || c.dirty }

// focus is the command that starts the focused field's cursor.
func (c formCore) focus() tea.Cmd { return c.set.focusOn(c.set.focus) }

// onKey handles a key: save reports that the form should submit; esc
// leaves, asking first when typed text would be lost; every other key
// goes to the fields. Keys are ignored while loading or saving.
func (c *formCore) onKey(msg tea.KeyMsg) (cmd tea.Cmd, save bool) {
	if c.saving || !c.loaded {
		return nil, false
	}
	switch {
	case key.Matches(msg, c.keys.Save):
		return nil, true
	case key.Matches(msg, c.keys.Cancel):
		if c.dirty {
			return confirmDiscard(c.env.text, back(nil)), false
		}
		return back(nil), false
	}
	cmd, changed := c.set.handleKey(msg, c.keys)
	c.dirty = c.dirty || changed
	c.keys.Choice.SetEnabled(c.set.focused().kind == fieldChoice)
	return cmd, false
}

// startSave marks a save under way and returns its request id.
func (c *formCore) startSave() reqID {
	c.problem, c.saving, c.req = "", true, newReq()
	return c.req
}

// onSaved ends the save that err answers: kept (also when only in memory,
// which the status line reports) goes back with note; refused shows why.
func (c *formCore) onSaved(err error, note string) tea.Cmd {
	c.saving = false
	if err == nil || isNotSaved(c.env, err) {
		c.dirty = false
		return tea.Batch(back(nil), notify(note))
	}
	c.problem = explain(c.env, err)
	return nil
}

// fail puts msg under field id and moves the focus there.
func (c *formCore) fail(id, msg string) tea.Cmd {
	cmd, _ := c.set.fail(id, msg)
	c.keys.Choice.SetEnabled(c.set.focused().kind == fieldChoice)
	return cmd
}

// view draws the fields with extra lines under them.
func (c formCore) view(extra []string) string {
	return viewSimpleForm(c.env, c.set, c.loaded, c.saving, c.problem, c.height, extra)
}
