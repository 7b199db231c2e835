package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
)

// clientView is the client's overview: every field, read-only, with e to
// edit. It is the client screen's first tab to be; the tabs (intake, plan,
// notes, appointments, documents, …) come next.
type clientView struct {
	env     *env
	keys    clientKeys
	id      int64
	req     reqID
	client  store.Client
	loaded  bool
	problem string
	width   int
	height  int
}

func newClientView(e *env, id int64) clientView {
	m := clientView{env: e, keys: newClientKeys(e.text), id: id, req: newReq()}
	m.updateKeys()
	return m
}

// Init loads the client, answering to the request id of the constructor.
func (m clientView) Init() tea.Cmd { return loadClient(m.env.store, m.req, m.id) }

func (m *clientView) load() tea.Cmd {
	m.req = newReq()
	return loadClient(m.env.store, m.req, m.id)
}

// Route names the client.
func (m clientView) Route() Route { return Route{Kind: KindClient, Client: m.id} }

// Title is the client's name once it is known.
func (m clientView) Title() string {
	if !m.loaded {
		return "…"
	}
	return m.client.Name()
}

// Capturing is false: the overview has no text field.
func (m clientView) Capturing() bool { return false }

// KeyMap lists the overview's keys.
func (m clientView) KeyMap() help.KeyMap { return m.keys }

// Draft keeps nothing: the overview holds no typing.
func (m clientView) Draft() (string, bool) { return "", false }

// RestoreDraft has nothing to restore.
func (m clientView) RestoreDraft(string) clientView { return m }

// Update loads the client and opens the form on e.
func (m clientView) Update(msg tea.Msg) (clientView, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case shownMsg:
		return m, m.load()
	case clientLoadedMsg:
		if msg.req != m.req {
			return m, nil
		}
		if msg.err != nil {
			m.problem = explain(m.env, msg.err)
			return m, nil
		}
		m.client, m.loaded, m.problem = msg.client, true, ""
		m.updateKeys()
	case tea.KeyMsg:
		if key.Matches(msg, m.keys.Edit) {
			return m, navigate(Route{Kind: KindClientForm, Client: m.id})
		}
	}
	return m, nil
}

// updateKeys offers e only for a loaded client whose processing is not
// restricted: a restricted client is read-only everywhere.
func (m *clientView) updateKeys() {
	m.keys.Edit.SetEnabled(m.loaded && !m.client.Restricted)
}

// View lists the client's details as label–value lines.
func (m clientView) View() string {
	t, st := m.env.text, m.env.styles
	if m.problem != "" {
		return "\n  " + st.Danger.Render(m.problem)
	}
	if !m.loaded {
		return "\n  " + st.Muted.Render(t.T("form.loading"))
	}
	c := m.client
	lines := []string{"", "  " + st.Title.Render(c.Name()) + "  " + st.Muted.Render(statusText(t, c.Status))}
	if c.Restricted {
		lines = append(lines, "  "+st.Warning.Render(t.Tf("client.restricted", c.RestrictedReason)))
	}
	if c.Hold {
		lines = append(lines, "  "+st.Muted.Render(t.Tf("client.hold", c.HoldReason)))
	}
	lines = append(lines, "")
	row := func(label, value string) {
		if value == "" {
			value = st.Muted.Render("—")
		} else {
			value = st.Text.Render(value)
		}
		lines = append(lines, "  "+st.Label.Render(padRight(label, formLabelWidth))+value)
	}
	row(t.T("client.email"), c.Email)
	row(t.T("client.phone"), c.Phone)
	row(t.T("client.address"), strings.ReplaceAll(c.Address, "\n", ", "))
	birth := t.Date(c.BirthDate)
	if age := c.AgeOn(m.env.today()); age >= 0 {
		birth += " (" + t.Tf("client.age", strconv.Itoa(age)) + ")"
	}
	row(t.T("client.birth_date"), birth)
	row(t.T("client.referral"), strings.TrimSpace(referralText(t, c.Referral)+" "+parenthesised(c.ReferralDetail)))
	row(t.T("client.representative"), c.Representative)
	var traj string
	if !c.Start.IsZero() || !c.End.IsZero() {
		traj = strings.TrimSpace(t.Date(c.Start) + " – " + t.Date(c.End))
	}
	row(t.T("client.trajectory"), traj)
	if c.Status == store.StatusRejected {
		row(t.T("client.rejected_on"), t.Date(c.RejectedOn))
	}
	if c.Outcome != store.OutcomeNone {
		row(t.T("client.outcome"), outcomeText(t, c.Outcome))
	}
	if c.Notes != "" {
		lines = append(lines, "", "  "+st.Label.Render(t.T("client.notes")))
		for _, l := range strings.Split(c.Notes, "\n") {
			lines = append(lines, "  "+st.Text.Render(l))
		}
	}
	return strings.Join(lines, "\n")
}

func parenthesised(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}
