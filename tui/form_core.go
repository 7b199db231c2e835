package tui

import (
	"errors"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// formCore joins the kit's form (fields, focus, dirty, the lifecycle) to
// the screens: the request ids of the load and the save, the way back,
// the discard question, and the store's answer in the coach's language.
// Every form embeds it and adds only what is its own: the fields, the
// load, the checks and the store command.
type formCore struct {
	kit.Form
	env *env
	req reqID // the load, then the save under way
	// rights: a form of the rights desk, whose refusals have their own
	// sentences (rightsProblem), wrapped under the form.
	rights bool
}

func newFormCore(e *env, loaded bool, fields ...kit.Field) formCore {
	return formCore{Form: kit.NewForm(newFormKeys(e.text), loaded, fields...), env: e, req: newReq()}
}

// newRightsFormCore is a form of the rights desk: its refusals are the
// desk's sentences, wrapped under the form.
func newRightsFormCore(e *env, loaded bool, fields ...kit.Field) formCore {
	c := newFormCore(e, loaded, fields...)
	c.rights, c.WrapProblem = true, true
	return c
}

// Capturing is always true: a form always has a focused field.
func (c formCore) Capturing() bool { return true }

// KeyMap lists the form's keys.
func (c formCore) KeyMap() help.KeyMap { return c.Keys }

// onKey handles a key: save reports that the form should submit; esc
// leaves, asking first when typed text would be lost (to, when not nil,
// is what leaving sends back); every other key goes to the fields.
func (c *formCore) onKey(msg tea.KeyMsg) (cmd tea.Cmd, save bool) {
	return c.onKeyBack(msg, back(nil))
}

// onKeyBack is onKey with what leaving runs.
func (c *formCore) onKeyBack(msg tea.KeyMsg, leave tea.Cmd) (cmd tea.Cmd, save bool) {
	action, cmd := c.Key(msg)
	switch action {
	case kit.Save:
		return nil, true
	case kit.AskDiscard:
		return confirmDiscard(c.env.text, leave), false
	case kit.Leave:
		return leave, false
	}
	return cmd, false
}

// startSave marks a save under way and returns its request id.
func (c *formCore) startSave() reqID {
	c.StartSave()
	c.req = newReq()
	return c.req
}

// onSaved ends the save that err answers: kept (also when only in memory,
// which the status line reports) goes back with note; refused shows why.
func (c *formCore) onSaved(err error, note string) tea.Cmd {
	return c.onSavedBack(err, back(nil), notify(note))
}

// onSavedBack is onSaved with what going back sends: done when kept. A
// refusal the store pins on one field shows under that field.
func (c *formCore) onSavedBack(err error, done ...tea.Cmd) tea.Cmd {
	if c.kept(err) {
		c.Saved()
		return tea.Batch(done...)
	}
	return c.refuse(err)
}

// kept reports whether a save's answer kept the text: saved, or held in
// memory when the vault could not be written (the status line says so).
// A form with refusals of its own checks it before onSaved.
func (c *formCore) kept(err error) bool { return err == nil || isNotSaved(c.env, err) }

// refuse shows a refusal: under its field when the store pins it on one
// the form has, else above the form.
func (c *formCore) refuse(err error) tea.Cmd {
	if ve := (*store.ValidationError)(nil); errors.As(err, &ve) && ve.Field != "" {
		text := fieldProblem(c.env.text, ve)
		if c.rights {
			text = rightsFieldProblem(c.env.text, ve)
		}
		if cmd, ok := c.Fail(ve.Field, text); ok {
			return cmd
		}
	}
	if c.rights {
		c.Refused(rightsProblem(c.env, err))
	} else {
		c.Refused(explain(c.env, err))
	}
	return nil
}

// fail puts msg under field id and moves the focus there.
func (c *formCore) fail(id, msg string) tea.Cmd {
	cmd, ok := c.Fail(id, msg)
	if !ok {
		c.Problem = msg
	}
	return cmd
}

// takeLoad reports whether a load's answer is to fill the form: not a
// stale answer, nor one after the form is filled; a failed load is shown
// above the fields instead.
func (c *formCore) takeLoad(req reqID, err error) bool {
	if req != c.req || c.Loaded {
		return false
	}
	if err != nil {
		c.Problem = explain(c.env, err)
		return false
	}
	return true
}

// view draws the fields with extra lines under them.
func (c formCore) view(extra []string) string {
	return c.View(c.env.styles, formText(c.env.text), nil, extra)
}
