package tui

import (
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// reasonForm puts a client under legal hold (a reason and an optional end
// date) or restricts processing (a reason). Both need a reason because the
// Autoriteit Persoonsgegevens may ask why data were kept or frozen; lifting
// either is a prompt on the client screen, not this form.
type reasonForm struct {
	env    *env
	keys   kit.FormKeys
	client int64
	hold   bool // a legal hold, else a restriction
	req    reqID

	saving  bool
	dirty   bool
	problem string
	set     kit.FieldSet
	width   int
	height  int
}

func newReasonForm(e *env, r Route) reasonForm {
	t, st := e.text, e.styles
	m := reasonForm{env: e, keys: newFormKeys(t), client: r.Client, hold: r.Kind == KindHold}
	if m.hold {
		m.set.Fields = []kit.Field{
			kit.TextField(st, "hold_reason", t.T("hold.reason")),
			kit.DateField(st, "hold_until", t.T("hold.until"), t.T("form.date_placeholder")),
		}
	} else {
		m.set.Fields = []kit.Field{kit.TextField(st, "restricted_reason", t.T("restrict.reason"))}
	}
	m.set.FocusOn(0)
	m.keys.Choice.SetEnabled(false)
	return m
}

// Init focuses the reason; there is nothing to load.
func (m reasonForm) Init() tea.Cmd { return m.set.FocusOn(m.set.Focus) }

// Route names the form and the client.
func (m reasonForm) Route() Route {
	if m.hold {
		return Route{Kind: KindHold, Client: m.client}
	}
	return Route{Kind: KindRestrict, Client: m.client}
}

// Title is "Legal hold" or "Restrict processing".
func (m reasonForm) Title() string {
	if m.hold {
		return m.env.text.T("hold.title")
	}
	return m.env.text.T("restrict.title")
}

// Capturing is always true: a form always has a focused field.
func (m reasonForm) Capturing() bool { return true }

// KeyMap lists the form's keys.
func (m reasonForm) KeyMap() help.KeyMap { return m.keys }

// Draft is the typed reason, once there is one.
func (m reasonForm) Draft() (string, bool) {
	if !m.dirty {
		return "", false
	}
	return m.set.Draft(), true
}

// RestoreDraft fills the fields.
func (m reasonForm) RestoreDraft(text string) reasonForm {
	m.dirty = m.set.Restore(text) || m.dirty
	return m
}

// flagChangedMsg is what the form hands back to the client screen: the
// client itself changed, so it is read again.
type flagChangedMsg struct{ note string }

// Update handles the save's answer and the keys.
func (m reasonForm) Update(msg tea.Msg) (reasonForm, tea.Cmd) {
	t := m.env.text
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case shownMsg:
		return m, m.set.FocusOn(m.set.Focus)
	case flagSetMsg:
		if msg.req != m.req {
			return m, nil
		}
		m.saving = false
		var ve *store.ValidationError
		switch {
		case msg.err == nil || isNotSaved(m.env, msg.err):
			m.dirty = false
			note := t.T("restrict.set")
			if m.hold {
				note = t.T("hold.set")
			}
			return m, back(flagChangedMsg{note: note})
		case errors.As(msg.err, &ve):
			cmd, _ := m.set.Fail(ve.Field, fieldProblem(t, ve))
			return m, cmd
		}
		m.problem = explain(m.env, msg.err)
	case tea.KeyMsg:
		if m.saving {
			return m, nil
		}
		switch {
		case key.Matches(msg, m.keys.Save):
			return m.submit()
		case key.Matches(msg, m.keys.Cancel):
			if m.dirty {
				return m, confirmDiscard(t, back(nil))
			}
			return m, back(nil)
		}
		cmd, changed := m.set.HandleKey(msg, m.keys)
		m.dirty = m.dirty || changed
		return m, cmd
	}
	return m, nil
}

// submit checks the reason and the date, then saves.
func (m reasonForm) submit() (reasonForm, tea.Cmd) {
	t := m.env.text
	m.problem = ""
	id := "restricted_reason"
	if m.hold {
		id = "hold_reason"
	}
	reason := strings.TrimSpace(m.set.Get(id))
	if reason == "" {
		cmd, _ := m.set.Fail(id, fieldProblem(t, &store.ValidationError{Field: id}))
		return m, cmd
	}
	m.req = newReq()
	if !m.hold {
		m.saving = true
		return m, setRestriction(m.env.store, m.req, m.client, true, reason)
	}
	typed := m.set.Get("hold_until")
	until, p := kit.ParseDate(typed)
	if p != kit.DateOK {
		cmd, _ := m.set.Fail("hold_until", dateProblemText(t, p, strings.TrimSpace(typed)))
		return m, cmd
	}
	m.saving = true
	return m, setHold(m.env.store, m.req, m.client, true, reason, until)
}

// View draws the fields with a line on what the hold or restriction does.
func (m reasonForm) View() string {
	t, st := m.env.text, m.env.styles
	help := t.T("restrict.help")
	if m.hold {
		help = t.T("hold.help")
	}
	return kit.ViewFields(m.env.styles, formText(m.env.text), m.set, true, m.saving, m.problem, m.height, nil, kit.Paragraph(st.Muted, help, m.width))
}
