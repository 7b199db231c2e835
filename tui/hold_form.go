package tui

import (
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// reasonForm puts a client under legal hold (a reason and an optional end
// date) or restricts processing (a reason). Both need a reason because the
// Autoriteit Persoonsgegevens may ask why data were kept or frozen; lifting
// either is a prompt on the client screen, not this form.
type reasonForm struct {
	formCore
	client int64
	hold   bool // a legal hold, else a restriction
}

func newReasonForm(e *env, r Route) reasonForm {
	t, st := e.text, e.styles
	hold := r.Kind == KindHold
	fields := []kit.Field{kit.TextField(st, "restricted_reason", t.T("restrict.reason"))}
	if hold {
		fields = []kit.Field{
			kit.TextField(st, "hold_reason", t.T("hold.reason")),
			kit.DateField(st, "hold_until", t.T("hold.until"), t.T("form.date_placeholder")),
		}
	}
	return reasonForm{formCore: newFormCore(e, true, fields...), client: r.Client, hold: hold}
}

// Init focuses the reason; there is nothing to load.
func (m reasonForm) Init() tea.Cmd { return m.Refocus() }

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

// RestoreDraft fills the fields.
func (m reasonForm) RestoreDraft(text string) reasonForm {
	m.Form.RestoreDraft(text)
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
		m.Width, m.Height = msg.Width, msg.Height
	case shownMsg:
		return m, m.Refocus()
	case flagSetMsg:
		if msg.req != m.req {
			return m, nil
		}
		note := t.T("restrict.set")
		if m.hold {
			note = t.T("hold.set")
		}
		return m, m.onSavedBack(msg.err, back(flagChangedMsg{note: note}))
	case tea.KeyMsg:
		cmd, save := m.onKey(msg)
		if save {
			return m.submit()
		}
		return m, cmd
	}
	return m, nil
}

// submit checks the reason and the date, then saves.
func (m reasonForm) submit() (reasonForm, tea.Cmd) {
	t := m.env.text
	m.Problem = ""
	id := "restricted_reason"
	if m.hold {
		id = "hold_reason"
	}
	reason := strings.TrimSpace(m.Get(id))
	if reason == "" {
		return m, m.fail(id, fieldProblem(t, &store.ValidationError{Field: id}))
	}
	if !m.hold {
		return m, setRestriction(m.env.store, m.startSave(), m.client, true, reason)
	}
	typed := m.Get("hold_until")
	until, p := kit.ParseDate(typed)
	if p != kit.DateOK {
		return m, m.fail("hold_until", dateProblemText(t, p, strings.TrimSpace(typed)))
	}
	return m, setHold(m.env.store, m.startSave(), m.client, true, reason, until)
}

// View draws the fields with a line on what the hold or restriction does.
func (m reasonForm) View() string {
	t, st := m.env.text, m.env.styles
	help := t.T("restrict.help")
	if m.hold {
		help = t.T("hold.help")
	}
	return m.view(kit.Paragraph(st.Muted, help, m.Width))
}

// flagSetMsg answers setHold and setRestriction.
type flagSetMsg struct {
	req    reqID
	client int64
	hold   bool // a legal hold, else a restriction
	on     bool
	err    error
}

func (m flagSetMsg) saveErr() error { return m.err }

func (m flagSetMsg) request() reqID { return m.req }

// setHold puts a client under legal hold, or lifts it.
func setHold(s Store, req reqID, id int64, on bool, reason string, until time.Time) tea.Cmd {
	return saving(func() tea.Msg {
		err := s.SetHold(ctx(), id, on, reason, until)
		return flagSetMsg{req: req, client: id, hold: true, on: on, err: err}
	})
}

// setRestriction restricts processing of a client, or lifts it.
func setRestriction(s Store, req reqID, id int64, on bool, reason string) tea.Cmd {
	return saving(func() tea.Msg {
		err := s.SetRestriction(ctx(), id, on, reason)
		return flagSetMsg{req: req, client: id, on: on, err: err}
	})
}
