package tui

import (
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// A client's complaints about how the practice handled their data
// (step-inburgering §12): when each came in, what it was about, and when
// and how it was answered. K on the client's requests tab opens the list;
// n records one, e answers or corrects it. This file holds the list and
// its form.

// complaintsLoadedMsg answers loadComplaints.
type complaintsLoadedMsg struct {
	req   reqID
	items []store.Complaint
	err   error
}

func (m complaintsLoadedMsg) request() reqID { return m.req }

func loadComplaints(s Store, req reqID, clientID int64) tea.Cmd {
	return func() tea.Msg {
		items, err := s.Complaints(ctx(), clientID)
		return complaintsLoadedMsg{req: req, items: items, err: err}
	}
}

// complaintSavedMsg answers saveComplaint.
type complaintSavedMsg struct {
	req reqID
	err error
}

func (m complaintSavedMsg) saveErr() error { return m.err }
func (m complaintSavedMsg) request() reqID { return m.req }

func saveComplaint(s Store, req reqID, c store.Complaint) tea.Cmd {
	return saving(func() tea.Msg {
		_, err := s.SaveComplaint(ctx(), c)
		return complaintSavedMsg{req: req, err: err}
	})
}

// complaintKeys are the list's keys.
type complaintKeys struct {
	kit.ListKeys
	New  key.Binding
	Edit key.Binding
}

func newComplaintKeys(t Text) complaintKeys {
	return complaintKeys{
		ListKeys: newListKeys(t),
		New:      bind([]string{"n"}, "n", t.T("key.new_complaint")),
		Edit:     bind([]string{"e", "enter"}, "e", t.T("key.answer_complaint")),
	}
}

// ShortHelp is the list's hint line.
func (k complaintKeys) ShortHelp() []key.Binding { return []key.Binding{k.New, k.Edit} }

// FullHelp is the list's part of the help overlay.
func (k complaintKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.ListKeys.Bindings(), {k.New, k.Edit}}
}

// complaintsScreen lists one client's complaints.
type complaintsScreen struct {
	env     *env
	keys    complaintKeys
	client  int64
	req     reqID
	loaded  bool
	problem string
	items   []store.Complaint
	list    kit.List
	width   int
	height  int
}

func newComplaints(e *env, r Route) complaintsScreen {
	m := complaintsScreen{env: e, keys: newComplaintKeys(e.text), client: r.Client, req: newReq()}
	m.updateKeys()
	return m
}

// Init reads the complaints.
func (m complaintsScreen) Init() tea.Cmd { return loadComplaints(m.env.store, m.req, m.client) }

// Route names the screen and the client.
func (m complaintsScreen) Route() Route { return Route{Kind: KindComplaints, Client: m.client} }

// Title is "Complaints".
func (m complaintsScreen) Title() string { return m.env.text.T("complaints.title") }

// Capturing is false: the list has no text field.
func (m complaintsScreen) Capturing() bool { return false }

// KeyMap lists the screen's keys.
func (m complaintsScreen) KeyMap() help.KeyMap { return m.keys }

// Draft keeps nothing.
func (m complaintsScreen) Draft() (string, bool) { return "", false }

// RestoreDraft has nothing to restore.
func (m complaintsScreen) RestoreDraft(string) complaintsScreen { return m }

// Update reads the list and handles the keys.
func (m complaintsScreen) Update(msg tea.Msg) (complaintsScreen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case shownMsg:
		m.req = newReq()
		return m, loadComplaints(m.env.store, m.req, m.client)
	case complaintsLoadedMsg:
		if msg.req != m.req {
			return m, nil
		}
		m.loaded, m.items, m.problem = msg.err == nil, msg.items, explain(m.env, msg.err)
		m.list.Clamp(len(m.items), m.listHeight())
		m.updateKeys()
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, m.keys.New):
			return m, navigate(Route{Kind: KindComplaintForm, Client: m.client})
		case key.Matches(msg, m.keys.Edit):
			return m, navigate(Route{Kind: KindComplaintForm, Client: m.client, Item: m.items[m.list.Cursor].ID})
		}
		m.list.Move(msg, m.keys.ListKeys, len(m.items), m.listHeight())
	}
	return m, nil
}

func (m *complaintsScreen) updateKeys() {
	m.keys.ListKeys.SetEnabled(len(m.items) > 1)
	m.keys.New.SetEnabled(m.loaded)
	m.keys.Edit.SetEnabled(m.loaded && len(m.items) > 0)
}

func (m complaintsScreen) listHeight() int { return max(m.height-4, 1) }

// View draws the list: received, subject, and the answer or "open".
func (m complaintsScreen) View() string {
	t, st := m.env.text, m.env.styles
	switch {
	case m.problem != "":
		return "\n  " + st.Danger.Render(m.problem)
	case !m.loaded:
		return "\n  " + st.Muted.Render(t.T("form.loading"))
	}
	lines := append([]string{""}, kit.Paragraph(st.Muted, t.T("complaints.intro"), m.width)...)
	lines = append(lines, "")
	if len(m.items) == 0 {
		return strings.Join(append(lines, "  "+st.Text.Render(t.T("complaints.empty"))), "\n")
	}
	rows := make([][]string, len(m.items))
	styles := make([]lipgloss.Style, len(m.items))
	for i, c := range m.items {
		state, style := t.T("complaints.open"), st.Warning
		if !c.Open() {
			state, style = complaintOutcomeText(t, c.Outcome)+" · "+t.DateShort(c.Answered), st.Muted
		}
		rows[i] = []string{t.DateShort(c.Received), kit.OneLine(c.Subject), state}
		styles[i] = style
	}
	table := kit.NewTable([]kit.Column{{Title: t.T("complaints.col_received")},
		{Title: t.T("complaints.col_subject"), Min: 12}, {Title: t.T("complaints.col_outcome")}}, rows, m.width)
	lines = append(lines, table.Header(st))
	start, end := m.list.Window(len(m.items), m.listHeight())
	for i := start; i < end; i++ {
		lines = append(lines, table.Row(st, rows[i], styles[i], i == m.list.Cursor))
	}
	return strings.Join(lines, "\n")
}

// complaintOutcomeText names an outcome.
func complaintOutcomeText(t Text, o store.ComplaintOutcome) string {
	switch o {
	case store.ComplaintUpheld:
		return t.T("complaints.outcome_upheld")
	case store.ComplaintPartlyUpheld:
		return t.T("complaints.outcome_partly_upheld")
	case store.ComplaintNotUpheld:
		return t.T("complaints.outcome_not_upheld")
	case store.ComplaintWithdrawn:
		return t.T("complaints.outcome_withdrawn")
	}
	return t.T("complaints.open")
}

// complaintForm records a complaint (Item 0) or answers and corrects one.
type complaintForm struct {
	formCore
	client int64
	id     int64
	base   store.Complaint // as loaded: its retention category stays unless changed
	polReq reqID           // the retention categories' load, for the "Keep" field
}

func newComplaintForm(e *env, r Route) complaintForm {
	t, st := e.text, e.styles
	received := kit.DateField(st, "received_on", t.T("complaints.col_received"), t.T("form.date_placeholder"))
	received.SetValue(dateInput(t, e.today()))
	subject := kit.TextField(st, "subject", t.T("complaints.col_subject"))
	subject.Input.Width = 60
	outcomes := []kit.Option{{Value: "", Label: t.T("complaints.open")}}
	for _, o := range store.ComplaintOutcomes {
		outcomes = append(outcomes, kit.Option{Value: string(o), Label: complaintOutcomeText(t, o)})
	}
	notes := kit.TextField(st, "notes", t.T("request.notes"))
	notes.Input.Width = 60
	return complaintForm{client: r.Client, id: r.Item, polReq: newReq(), formCore: newFormCore(e, r.Item == 0,
		received, subject, kit.ChoiceField("outcome", t.T("complaints.col_outcome"), outcomes),
		kit.DateField(st, "answered_on", t.T("complaints.answered"), t.T("form.date_placeholder")), notes)}
}

// Init reads the complaint being answered.
func (m complaintForm) Init() tea.Cmd {
	if m.Loaded {
		return tea.Batch(m.Refocus(), loadPolicies(m.env.store, m.polReq))
	}
	return tea.Batch(loadComplaints(m.env.store, m.req, m.client), loadPolicies(m.env.store, m.polReq))
}

// onPolicies adds the "Keep" field when the practice has categories a
// complaint can be kept under; a new complaint starts in the shipped
// complaints category, which counts from its closing.
func (m *complaintForm) onPolicies(msg policiesLoadedMsg) {
	if msg.req != m.polReq || msg.err != nil || m.Index("retention") >= 0 {
		return
	}
	opts := retentionOptions(m.env.text, msg.policies, store.KeptComplaint)
	if len(opts) <= 1 {
		return
	}
	f := kit.ChoiceField("retention", m.env.text.T("retention.field"), opts)
	f.SetValue(string(m.base.Retention))
	if m.id == 0 {
		f.SetValue(string(store.CategoryComplaint))
	}
	m.Fields = append(m.Fields, f)
}

// Route names the form, the client and the complaint.
func (m complaintForm) Route() Route {
	return Route{Kind: KindComplaintForm, Client: m.client, Item: m.id}
}

// Title is "New complaint" or "Complaint".
func (m complaintForm) Title() string {
	if m.id == 0 {
		return m.env.text.T("complaints.new")
	}
	return m.env.text.T("complaints.edit")
}

// RestoreDraft fills the fields.
func (m complaintForm) RestoreDraft(text string) complaintForm {
	m.Restore(text)
	return m
}

// Update handles the load, the save and the keys.
func (m complaintForm) Update(msg tea.Msg) (complaintForm, tea.Cmd) {
	t := m.env.text
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.Width, m.Height = msg.Width, msg.Height
	case complaintsLoadedMsg:
		if msg.req != m.req || m.Loaded {
			return m, nil
		}
		m.Problem = explain(m.env, msg.err)
		for _, c := range msg.items {
			if c.ID == m.id && !m.Dirty {
				m.Loaded = true
				m.fill(c)
			}
		}
		if !m.Loaded && m.Problem == "" {
			m.Problem = problemText(t, ProblemNotFound)
		}
		return m, m.Refocus()
	case complaintSavedMsg:
		if msg.req != m.req {
			return m, nil
		}
		return m, m.onSaved(msg.err, t.T("complaints.saved"))
	case policiesLoadedMsg:
		m.onPolicies(msg)
	case tea.KeyMsg:
		cmd, save := m.onKey(msg)
		if save {
			return m.submit()
		}
		return m, cmd
	}
	return m, nil
}

// fill shows a complaint; an open one offers today as its answer date.
func (m *complaintForm) fill(c store.Complaint) {
	t := m.env.text
	m.base = c
	m.Set("retention", string(c.Retention))
	m.Set("received_on", dateInput(t, c.Received))
	m.Set("subject", kit.OneLine(c.Subject))
	m.Set("outcome", string(c.Outcome))
	answered := c.Answered
	if answered.IsZero() {
		answered = m.env.today()
	}
	m.Set("answered_on", dateInput(t, answered))
	m.Set("notes", kit.OneLine(c.Notes))
}

// submit reads the fields and saves: an open complaint has no answer date,
// an answered one needs it.
func (m complaintForm) submit() (complaintForm, tea.Cmd) {
	t := m.env.text
	c := store.Complaint{ID: m.id, ClientID: m.client, Subject: strings.TrimSpace(m.Get("subject")),
		Outcome: store.ComplaintOutcome(m.Get("outcome")), Notes: strings.TrimSpace(m.Get("notes")),
		Retention: m.base.Retention}
	if m.Index("retention") >= 0 {
		c.Retention = store.Category(m.Get("retention"))
	}
	dates := map[string]time.Time{}
	for _, id := range []string{"received_on", "answered_on"} {
		typed := m.Get(id)
		d, p := kit.ParseDate(typed)
		if p != kit.DateOK {
			return m, m.fail(id, dateProblemText(t, p, typed))
		}
		dates[id] = d
	}
	c.Received = dates["received_on"]
	if c.Outcome != store.ComplaintOpen {
		c.Answered = dates["answered_on"]
	}
	switch {
	case c.Received.IsZero():
		return m, m.fail("received_on", t.T("complaints.received_needed"))
	case c.Subject == "":
		return m, m.fail("subject", t.T("complaints.subject_needed"))
	case c.Outcome != store.ComplaintOpen && c.Answered.IsZero():
		return m, m.fail("answered_on", t.T("complaints.answered_needed"))
	}
	return m, saveComplaint(m.env.store, m.startSave(), c)
}

// View draws the fields with the route to the AP.
func (m complaintForm) View() string {
	return m.view(kit.Paragraph(m.env.styles.Muted, m.env.text.T("complaints.help"), m.Width))
}

// Loading is true until the complaints have loaded: the root model holds
// the keys typed meanwhile and hands them over after.
func (m complaintsScreen) Loading() bool { return !m.loaded && m.problem == "" }
