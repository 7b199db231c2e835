package tui

import (
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/termsafe"
	"github.com/caseload/caseload/tui/kit"
)

// todayDueDays is how far ahead the today screen looks for what is due.
const todayDueDays = 7

// todayScreen is what the coach sees first when the vault opens on a day
// with something in it: today's appointments across clients (time,
// client, place) and what is due within a week (requests, retention,
// breaches, recipients to tell). enter opens the appointment, or the
// client a deadline is about; A opens the week, esc the caseload.
type todayScreen struct {
	env  *env
	keys todayKeys
	req  reqID

	loaded  bool
	items   []store.AgendaItem
	due     []store.Deadline
	list    kit.List
	problem string
	width   int
	height  int
}

// todayKeys are the today screen's keys.
type todayKeys struct {
	kit.ListKeys
	Open   key.Binding
	Client key.Binding
	Note   key.Binding
}

func newTodayKeys(t Text) todayKeys {
	return todayKeys{
		ListKeys: newListKeys(t),
		Open:     bind([]string{"enter"}, "enter", t.T("key.open")),
		Client:   bind([]string{"c"}, "c", t.T("key.open_client")),
		Note:     bind([]string{"w"}, "w", t.T("key.session_note")),
	}
}

// ShortHelp is the today screen's hint line.
func (k todayKeys) ShortHelp() []key.Binding { return []key.Binding{k.Open, k.Client, k.Note} }

// FullHelp is the today screen's part of the help overlay.
func (k todayKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.ListKeys.Bindings(), {k.Open, k.Client, k.Note}}
}

func newToday(e *env) todayScreen {
	m := todayScreen{env: e, keys: newTodayKeys(e.text), req: newReq()}
	m.updateKeys()
	return m
}

// Init loads today.
func (m todayScreen) Init() tea.Cmd { return loadToday(m.env.store, m.req, m.env.today()) }

// Route names the screen; it shows no ids.
func (m todayScreen) Route() Route { return Route{Kind: KindToday} }

// Title is "Today".
func (m todayScreen) Title() string { return m.env.text.T("today.title") }

// Capturing is false: nothing is typed here.
func (m todayScreen) Capturing() bool { return false }

// KeyMap lists the keys.
func (m todayScreen) KeyMap() help.KeyMap { return m.keys }

// Draft keeps nothing.
func (m todayScreen) Draft() (string, bool) { return "", false }

// RestoreDraft has nothing to restore.
func (m todayScreen) RestoreDraft(string) todayScreen { return m }

// todayLoadedMsg answers loadToday.
type todayLoadedMsg struct {
	req   reqID
	items []store.AgendaItem
	due   []store.Deadline
	err   error
}

func (m todayLoadedMsg) request() reqID { return m.req }

// loadToday reads the day's appointments and what is due within a week.
func loadToday(s Store, req reqID, day time.Time) tea.Cmd {
	return func() tea.Msg {
		items, err := s.Agenda(ctx(), day, day.AddDate(0, 0, 1))
		if err != nil {
			return todayLoadedMsg{req: req, err: err}
		}
		due, err := s.DueWithin(ctx(), todayDueDays)
		return todayLoadedMsg{req: req, items: items, due: due, err: err}
	}
}

// Update loads the day and handles the keys.
func (m todayScreen) Update(msg tea.Msg) (todayScreen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case shownMsg:
		m.req = newReq()
		return m, loadToday(m.env.store, m.req, m.env.today())
	case todayLoadedMsg:
		if msg.req != m.req {
			return m, nil
		}
		if msg.err != nil {
			m.problem = explain(m.env, msg.err)
			return m, nil
		}
		m.items, m.due, m.loaded, m.problem = msg.items, msg.due, true, ""
		m.list.Clamp(m.rows(), m.rows())
		m.updateKeys()
	case sessionNoteMsg:
		return m, onSessionNote(m.env, msg)
	case tea.KeyMsg:
		return m.onKey(msg)
	}
	return m, nil
}

// rows counts the selectable rows: the appointments, then the deadlines.
func (m todayScreen) rows() int { return len(m.items) + len(m.due) }

func (m todayScreen) onKey(msg tea.KeyMsg) (todayScreen, tea.Cmd) {
	k := m.keys
	i := m.list.Cursor
	switch {
	case key.Matches(msg, k.Open) && i < len(m.items):
		it := m.items[i]
		return m, navigate(Route{Kind: KindAppointment, Client: it.ClientID, Item: it.ID})
	case key.Matches(msg, k.Open):
		d := m.due[i-len(m.items)]
		if (d.Kind == store.DeadlineRequest || d.Kind == store.DeadlineNotice) && d.ItemID != 0 {
			return m, navigate(Route{Kind: KindRequest, Client: d.ClientID, Item: d.ItemID})
		}
		if d.Kind == store.DeadlineBreach || d.Kind == store.DeadlineProcessors {
			return m, navigate(Route{Kind: KindBreaches})
		}
		return m, navigate(Route{Kind: KindClient, Client: d.ClientID})
	case key.Matches(msg, k.Client) && i < len(m.items):
		return m, navigate(Route{Kind: KindClient, Client: m.items[i].ClientID})
	case key.Matches(msg, k.Client):
		return m, navigate(Route{Kind: KindClient, Client: m.due[i-len(m.items)].ClientID})
	case key.Matches(msg, k.Note):
		return m, openSessionNote(m.env, m.items[i].Appointment)
	case m.list.Move(msg, k.ListKeys, m.rows(), m.rows()):
		m.updateKeys()
	}
	return m, nil
}

// updateKeys: enter needs a row that leads somewhere, c a client, w an
// appointment whose client may be edited.
func (m *todayScreen) updateKeys() {
	n, i := m.rows(), m.list.Cursor
	m.keys.ListKeys.SetEnabled(n > 0)
	onItem := i < len(m.items)
	var d store.Deadline
	if !onItem && i-len(m.items) < len(m.due) {
		d = m.due[i-len(m.items)]
	}
	m.keys.Open.SetEnabled(n > 0 && (onItem || d.ClientID != 0 || d.Kind == store.DeadlineBreach ||
		d.Kind == store.DeadlineProcessors))
	m.keys.Client.SetEnabled(n > 0 && (onItem || d.ClientID != 0))
	m.keys.Note.SetEnabled(n > 0 && onItem && !m.items[i].Restricted)
}

// View draws the day's appointments, then what is due.
func (m todayScreen) View() string {
	t, st := m.env.text, m.env.styles
	day := m.env.today()
	lines := []string{"  " + st.Title.Render(t.Tf("today.heading", t.Weekday(day)+" "+t.Date(day))), ""}
	switch {
	case m.problem != "":
		return strings.Join(append(lines, "  "+st.Danger.Render(m.problem)), "\n")
	case !m.loaded:
		return strings.Join(append(lines, "  "+st.Muted.Render(t.T("form.loading"))), "\n")
	}
	lines = append(lines, "  "+st.Header.Render(t.T("today.appointments")))
	if len(m.items) == 0 {
		lines = append(lines, "    "+st.Muted.Render(t.T("today.none")))
	}
	focus := 0
	table, rows := agendaTable(t, m.items, m.width)
	for i, it := range m.items {
		if i == m.list.Cursor {
			focus = len(lines)
		}
		lines = append(lines, agendaRow(st, table, rows[i], it, i == m.list.Cursor))
	}
	lines = append(lines, "", "  "+st.Header.Render(t.T("today.due")))
	if len(m.due) == 0 {
		lines = append(lines, "    "+st.Muted.Render(t.T("today.nothing_due")))
	}
	due := make([][]string, len(m.due))
	for j, d := range m.due {
		due[j] = []string{t.DateShort(d.Due), deadlineKindText(t, d.Kind), termsafe.Line(deadlineClient(t, d)),
			termsafe.Line(deadlineCategory(t, d)), deadlineLeft(t, d)}
	}
	dueTable := kit.NewTable([]kit.Column{{Width: 11}, {Width: 16}, {Min: 12}, {}, {}}, due, m.width-2)
	for j, d := range m.due {
		if len(m.items)+j == m.list.Cursor {
			focus = len(lines)
		}
		lines = append(lines, "  "+dueTable.Row(st, due[j], retentionStyle(st, d.State), len(m.items)+j == m.list.Cursor))
	}
	lines = append(lines, "", "  "+st.Muted.Render(t.T("today.hint")))
	if m.height > 0 {
		// The row under the cursor stays on screen.
		lines = kit.ScrollWindow(lines, focus, m.height)
	}
	return strings.Join(lines, "\n")
}

// onSessionNote opens the editor on the note openSessionNote wrote, or
// says why it could not be written.
func onSessionNote(e *env, msg sessionNoteMsg) tea.Cmd {
	if msg.err != nil && !isNotSaved(e, msg.err) {
		return fail(explain(e, msg.err))
	}
	return navigate(Route{Kind: KindRecordEdit, Client: msg.clientID, Item: msg.recordID, Tab: tabNotes.id()})
}

// todayBusyMsg says today has appointments or something is due within a
// week: the root model then opens the today screen over the caseload.
type todayBusyMsg struct{}

// lookAtToday answers todayBusyMsg when today is worth showing on
// opening the vault; a day with nothing planned and nothing due opens on
// the caseload, as it always did.
func lookAtToday(s Store, day time.Time) tea.Cmd {
	return func() tea.Msg {
		if items, err := s.Agenda(ctx(), day, day.AddDate(0, 0, 1)); err == nil && len(items) > 0 {
			return todayBusyMsg{}
		}
		if due, err := s.DueWithin(ctx(), todayDueDays); err == nil && len(due) > 0 {
			return todayBusyMsg{}
		}
		return nil
	}
}

// Loading is true until the day has loaded: the root model holds the keys
// typed meanwhile and hands them over after.
func (m todayScreen) Loading() bool { return !m.loaded && m.problem == "" }
