package tui

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/termsafe"
	"github.com/caseload/caseload/tui/kit"
)

// agendaStore is what the agenda, the today screen and the appointment
// form need of the store beyond a client's appointments: a subset of
// *store.Store's methods with the same signatures.
type agendaStore interface {
	// Agenda returns the appointments across clients that start in
	// [from, to), earliest first.
	Agenda(ctx context.Context, from, to time.Time) ([]store.AgendaItem, error)
	// DueWithin returns what is due within days days, soonest first.
	DueWithin(ctx context.Context, days int) ([]store.Deadline, error)
	// Appointment returns one appointment.
	Appointment(ctx context.Context, id int64) (store.Appointment, error)
	// PlanSeries adds an appointment, or a series of them, and names the
	// appointments they overlap.
	PlanSeries(ctx context.Context, first store.Appointment, r store.Repeat) (store.Planned, error)
	// Reschedule moves a planned appointment, and with rest the later
	// ones of its series.
	Reschedule(ctx context.Context, id int64, start time.Time, rest bool) (store.Planned, error)
	// Overlaps names the appointments a overlaps.
	Overlaps(ctx context.Context, a store.Appointment) ([]store.AgendaItem, error)
	// SaveSessionNote writes a note linked to an appointment.
	SaveSessionNote(ctx context.Context, appointmentID int64, r store.Record) (store.Record, error)
	// NoteAppointment returns the appointment a note was written from.
	NoteAppointment(ctx context.Context, recordID int64) (store.Appointment, error)
}

// codeProblem is the sentence for a store problem named by its code
// (store.ValidationError.Code); "" for a code this version does not know.
func codeProblem(t Text, code string) string {
	switch code {
	case store.CodeAttendanceFuture:
		return t.T("invalid.attendance_future")
	case store.CodeReasonNeeded:
		return t.T("invalid.reason_needed")
	case store.CodeNotPlanned:
		return t.T("invalid.not_planned")
	case store.CodeSeriesRule:
		return t.T("invalid.series_rule")
	case store.CodeSeriesTooLong:
		return t.T("invalid.series_too_long")
	case store.CodeSeriesEndsEarly:
		return t.T("invalid.until")
	}
	return ""
}

// agendaKeys are the week view's keys.
type agendaKeys struct {
	Up       key.Binding
	Down     key.Binding
	PrevDay  key.Binding
	NextDay  key.Binding
	PrevWeek key.Binding
	NextWeek key.Binding
	Today    key.Binding
	GoTo     key.Binding
	Open     key.Binding
	Client   key.Binding
	Note     key.Binding
	// While the date is typed:
	Accept key.Binding
	Cancel key.Binding
}

func newAgendaKeys(t Text) agendaKeys {
	return agendaKeys{
		Up:       bind([]string{"up", "k"}, "↑/k", t.T("key.up")),
		Down:     bind([]string{"down", "j"}, "↓/j", t.T("key.down")),
		PrevDay:  bind([]string{"left", "h"}, "←/h", t.T("key.prev_day")),
		NextDay:  bind([]string{"right", "l"}, "→/l", t.T("key.next_day")),
		PrevWeek: bind([]string{"[", "pgup"}, "[", t.T("key.prev_week")),
		NextWeek: bind([]string{"]", "pgdown"}, "]", t.T("key.next_week")),
		Today:    bind([]string{"t"}, "t", t.T("key.today")),
		GoTo:     bind([]string{"g"}, "g", t.T("key.go_to_date")),
		Open:     bind([]string{"enter"}, "enter", t.T("key.open_appt")),
		Client:   bind([]string{"c"}, "c", t.T("key.open_client")),
		Note:     bind([]string{"w"}, "w", t.T("key.session_note")),
		Accept:   bind([]string{"enter"}, "enter", t.T("key.go")),
		Cancel:   bind([]string{"esc"}, "esc", t.T("key.cancel")),
	}
}

// ShortHelp is the week's hint line.
func (k agendaKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.Client, k.Note, k.PrevDay, k.NextDay, k.PrevWeek, k.NextWeek, k.Today, k.GoTo,
		k.Accept, k.Cancel}
}

// FullHelp is the week's part of the help overlay.
func (k agendaKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PrevDay, k.NextDay, k.PrevWeek, k.NextWeek, k.Today, k.GoTo},
		{k.Open, k.Client, k.Note},
		{k.Accept, k.Cancel},
	}
}

// agendaScreen is the coach's week across clients: seven days from
// Monday, each with its appointments (time, client, place), the selected
// day and appointment highlighted. ←/→ move a day, [ ] a week, t comes
// back to today, g jumps to a typed date; enter opens the appointment, c
// its client, w its session note.
type agendaScreen struct {
	env  *env
	keys agendaKeys
	req  reqID

	day    time.Time // the selected day
	week   time.Time // the Monday of the week loaded or being loaded
	items  []store.AgendaItem
	cursor int // index in items of the selected appointment; -1 for none
	loaded bool

	jumping bool
	input   textinput.Model

	problem string
	width   int
	height  int
}

// monday is the Monday of d's week (weeks start on Monday, as in the
// Netherlands and ISO 8601).
func monday(d time.Time) time.Time {
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

func newAgenda(e *env, r Route) agendaScreen {
	day := e.today()
	if d, p := kit.ParseDate(r.Tab); p == kit.DateOK && !d.IsZero() {
		day = d
	}
	in := textinput.New()
	in.Prompt = e.text.T("agenda.go_prompt")
	in.Placeholder = dateInput(e.text, e.today())
	in.CharLimit = 10
	in.Width = 12
	m := agendaScreen{env: e, keys: newAgendaKeys(e.text), req: newReq(), day: day, week: monday(day),
		cursor: -1, input: in}
	m.updateKeys()
	return m
}

// Init loads the week of the selected day.
func (m agendaScreen) Init() tea.Cmd { return loadWeek(m.env.store, m.req, m.week) }

// Route keeps the selected day, so the week comes back after a lock.
func (m agendaScreen) Route() Route {
	return Route{Kind: KindAgenda, Tab: m.day.Format("2006-01-02")}
}

// Title is "Agenda".
func (m agendaScreen) Title() string { return m.env.text.T("agenda.title") }

// Capturing is true while a date is typed.
func (m agendaScreen) Capturing() bool { return m.jumping }

// KeyMap lists the week's keys.
func (m agendaScreen) KeyMap() help.KeyMap { return m.keys }

// Draft keeps nothing: a date half typed is not worth keeping.
func (m agendaScreen) Draft() (string, bool) { return "", false }

// RestoreDraft has nothing to restore.
func (m agendaScreen) RestoreDraft(string) agendaScreen { return m }

// weekLoadedMsg answers loadWeek.
type weekLoadedMsg struct {
	req   reqID
	week  time.Time
	items []store.AgendaItem
	err   error
}

func (m weekLoadedMsg) request() reqID { return m.req }

// loadWeek reads the seven days from monday across clients.
func loadWeek(s Store, req reqID, monday time.Time) tea.Cmd {
	return func() tea.Msg {
		items, err := s.Agenda(ctx(), monday, monday.AddDate(0, 0, 7))
		return weekLoadedMsg{req: req, week: monday, items: items, err: err}
	}
}

// Update loads the week and handles the keys.
func (m agendaScreen) Update(msg tea.Msg) (agendaScreen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case shownMsg:
		return m, m.load(m.day)
	case sessionNoteMsg:
		return m, onSessionNote(m.env, msg)
	case weekLoadedMsg:
		if msg.req != m.req {
			return m, nil
		}
		if msg.err != nil {
			m.problem = explain(m.env, msg.err)
			return m, nil
		}
		m.items, m.loaded, m.problem = msg.items, true, ""
		m.selectDay(m.day)
	case tea.KeyMsg:
		if m.jumping {
			return m.onJumpKey(msg)
		}
		return m.onKey(msg)
	}
	return m, nil
}

// load selects day, and reads its week anew.
func (m *agendaScreen) load(day time.Time) tea.Cmd {
	m.day, m.week = day, monday(day)
	m.req = newReq()
	m.updateKeys()
	return loadWeek(m.env.store, m.req, m.week)
}

// moveTo selects day: in the week on screen at once, else after a load.
func (m agendaScreen) moveTo(day time.Time) (agendaScreen, tea.Cmd) {
	if monday(day).Equal(m.week) && m.loaded {
		m.selectDay(day)
		return m, nil
	}
	m.loaded = false
	m.items, m.cursor = nil, -1
	return m, m.load(day)
}

// selectDay selects day and its first appointment, if any.
func (m *agendaScreen) selectDay(day time.Time) {
	m.day, m.cursor = day, -1
	for i, it := range m.items {
		if civilDate(it.Start).Equal(day) {
			m.cursor = i
			break
		}
	}
	m.updateKeys()
}

func civilDate(t time.Time) time.Time {
	y, mo, d := t.Date()
	return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
}

func (m agendaScreen) onKey(msg tea.KeyMsg) (agendaScreen, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Up), key.Matches(msg, k.Down):
		if len(m.items) == 0 {
			return m, nil
		}
		i := m.cursor
		switch {
		case i < 0 && key.Matches(msg, k.Down):
			i = m.firstAfter(m.day)
		case i < 0:
			i = m.firstAfter(m.day) - 1
		case key.Matches(msg, k.Down):
			i++
		default:
			i--
		}
		i = max(min(i, len(m.items)-1), 0)
		m.cursor, m.day = i, civilDate(m.items[i].Start)
		m.updateKeys()
	case key.Matches(msg, k.PrevDay):
		return m.moveTo(m.day.AddDate(0, 0, -1))
	case key.Matches(msg, k.NextDay):
		return m.moveTo(m.day.AddDate(0, 0, 1))
	case key.Matches(msg, k.PrevWeek):
		return m.moveTo(m.day.AddDate(0, 0, -7))
	case key.Matches(msg, k.NextWeek):
		return m.moveTo(m.day.AddDate(0, 0, 7))
	case key.Matches(msg, k.Today):
		return m.moveTo(m.env.today())
	case key.Matches(msg, k.GoTo):
		m.jumping = true
		m.input.SetValue("")
		m.problem = ""
		m.updateKeys()
		return m, m.input.Focus()
	case key.Matches(msg, k.Open):
		it := m.items[m.cursor]
		return m, navigate(Route{Kind: KindAppointment, Client: it.ClientID, Item: it.ID})
	case key.Matches(msg, k.Client):
		return m, navigate(Route{Kind: KindClient, Client: m.items[m.cursor].ClientID})
	case key.Matches(msg, k.Note):
		return m, openSessionNote(m.env, m.items[m.cursor].Appointment)
	}
	return m, nil
}

// firstAfter is the index of the first appointment on or after day; the
// number of appointments when there is none.
func (m agendaScreen) firstAfter(day time.Time) int {
	for i, it := range m.items {
		if !civilDate(it.Start).Before(day) {
			return i
		}
	}
	return len(m.items)
}

func (m agendaScreen) onJumpKey(msg tea.KeyMsg) (agendaScreen, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Cancel):
		m.jumping = false
		m.input.Blur()
		m.updateKeys()
		return m, nil
	case key.Matches(msg, m.keys.Accept):
		typed := m.input.Value()
		d, p := kit.ParseDate(typed)
		if p != kit.DateOK || d.IsZero() {
			m.problem = dateProblemText(m.env.text, max(p, kit.DateFormat), typed)
			return m, nil
		}
		m.jumping = false
		m.input.Blur()
		return m.moveTo(d)
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return m, cmd
}

// updateKeys keeps the hints truthful: the keys that act on an
// appointment need one selected; while a date is typed only enter and esc
// work.
func (m *agendaScreen) updateKeys() {
	sel := m.cursor >= 0 && m.cursor < len(m.items) && !m.jumping
	for _, b := range []*key.Binding{&m.keys.Up, &m.keys.Down, &m.keys.PrevDay, &m.keys.NextDay,
		&m.keys.PrevWeek, &m.keys.NextWeek, &m.keys.Today, &m.keys.GoTo} {
		b.SetEnabled(!m.jumping)
	}
	m.keys.Open.SetEnabled(sel)
	m.keys.Client.SetEnabled(sel)
	m.keys.Note.SetEnabled(sel && !m.items[m.cursor].Restricted)
	m.keys.Accept.SetEnabled(m.jumping)
	m.keys.Cancel.SetEnabled(m.jumping)
}

// agendaLine is one line of the week: a day's heading (item -1) or an
// appointment.
type agendaLine struct {
	day  time.Time
	item int
}

// lines lays out the week: each day's heading, then its appointments or
// a "no appointments" line.
func (m agendaScreen) lines() []agendaLine {
	var out []agendaLine
	i := 0
	for d := 0; d < 7; d++ {
		day := m.week.AddDate(0, 0, d)
		out = append(out, agendaLine{day: day, item: -1})
		n := 0
		for ; i < len(m.items) && civilDate(m.items[i].Start).Equal(day); i++ {
			out = append(out, agendaLine{day: day, item: i})
			n++
		}
		if n == 0 {
			out = append(out, agendaLine{day: day, item: -2})
		}
	}
	return out
}

// agendaHeaderRows are the rows above the days: the week and a blank line.
const agendaHeaderRows = 2

// View draws the week: its number and dates, then the days.
func (m agendaScreen) View() string {
	t, st := m.env.text, m.env.styles
	_, week := m.week.ISOWeek()
	head := "  " + st.Title.Render(t.Tf("agenda.week", week, t.DateShort(m.week), t.DateShort(m.week.AddDate(0, 0, 6))))
	out := []string{head}
	switch {
	case m.jumping:
		out = append(out, "  "+m.input.View())
	case m.problem != "":
		out = append(out, "  "+st.Danger.Render(m.problem))
	default:
		out = append(out, "")
	}
	if !m.loaded && m.problem == "" {
		return strings.Join(append(out, "  "+st.Muted.Render(t.T("form.loading"))), "\n")
	}
	lines := m.lines()
	height := max(m.height-agendaHeaderRows, 1)
	sel := 0
	for i, l := range lines {
		if l.item == m.cursor && m.cursor >= 0 || m.cursor < 0 && l.item == -1 && l.day.Equal(m.day) {
			sel = i
			break
		}
	}
	// The selected line stays on screen, with its day's heading when it fits.
	start := 0
	if sel >= height {
		start = sel - height + 1
	}
	end := min(start+height, len(lines))
	today := m.env.today()
	// The columns size to the appointments on screen: a week of a large
	// practice holds thousands, and a frame formats only what it shows.
	lo, hi := len(m.items), 0
	for _, l := range lines[start:end] {
		if l.item >= 0 {
			lo, hi = min(lo, l.item), max(hi, l.item+1)
		}
	}
	table, rows := agendaTable(t, m.items[min(lo, hi):hi], m.width)
	for _, l := range lines[start:end] {
		switch {
		case l.item == -1:
			label := t.Weekday(l.day) + " " + t.DateShort(l.day)
			if l.day.Equal(today) {
				label += " · " + t.T("agenda.today_mark")
			}
			if l.day.Equal(m.day) && m.cursor < 0 {
				out = append(out, st.Accent.Render("› ")+st.Selected.Render(label))
			} else if l.day.Equal(m.day) {
				out = append(out, "  "+st.Accent.Render(label))
			} else {
				out = append(out, "  "+st.Header.Render(label))
			}
		case l.item == -2:
			out = append(out, "    "+st.Muted.Render(t.T("agenda.none")))
		default:
			out = append(out, agendaRow(st, table, rows[l.item-lo], m.items[l.item], l.item == m.cursor))
		}
	}
	return strings.Join(out, "\n")
}

// agendaTable lays out appointments one to a line, indented under their
// day's heading: time, client, place and its marks (attendance, note,
// series), the client and the place as wide as their text needs within
// the terminal. rows are the cells of items.
func agendaTable(t Text, items []store.AgendaItem, width int) (kit.Table, [][]string) {
	rows := make([][]string, len(items))
	for i, it := range items {
		end := it.Start.Add(time.Duration(it.Minutes) * time.Minute)
		who := "#" + strconv.FormatInt(it.ClientID, 10) + " " + termsafe.Line(kit.OneLine(it.ClientName))
		var marks []string
		if it.Attendance != store.AttendancePlanned {
			marks = append(marks, attendanceText(t, it.Attendance))
		}
		if it.NoteID != 0 {
			marks = append(marks, t.T("agenda.note_mark"))
		}
		if it.SeriesID != 0 {
			marks = append(marks, t.T("agenda.series"))
		}
		rows[i] = []string{it.Start.Format("15:04") + "–" + end.Format("15:04"), who,
			termsafe.Line(kit.OneLine(it.Place)), strings.Join(marks, " · ")}
	}
	// On a narrow terminal the place gives way before the client's name
	// (whole up to 24 cells) does.
	table := kit.NewTable([]kit.Column{{}, {Min: 24, Max: 40}, {Min: 6}, {}}, rows, width-2)
	return table, rows
}

// agendaRow is one appointment's line, two cells in from its day's
// heading: a cancelled one muted, the marks always (the agenda and the
// today screen alike).
func agendaRow(st *Styles, table kit.Table, cells []string, it store.AgendaItem, selected bool) string {
	style := &st.Muted
	if it.Attendance != store.AttendanceCancelled {
		style = &st.Text
	}
	return "  " + table.StyledRow(st, cells, []*lipgloss.Style{style, style, style, &st.Muted}, selected)
}

// sessionNoteMsg answers openSessionNote with the note to edit.
type sessionNoteMsg struct {
	clientID int64
	recordID int64
	err      error
}

func (m sessionNoteMsg) saveErr() error { return m.err }

// openSessionNote opens the session note of an appointment in the editor,
// writing it first (titled after the session, linked to the appointment)
// when there is none yet: the editor then only edits, and the link holds
// whatever the coach does next, a lock included.
func openSessionNote(e *env, a store.Appointment) tea.Cmd {
	if a.NoteID != 0 {
		return navigate(Route{Kind: KindRecordEdit, Client: a.ClientID, Item: a.NoteID, Tab: tabNotes.id()})
	}
	title := e.text.Tf("appointment.note_title", e.text.DateShort(a.Start))
	s := e.store
	return saving(func() tea.Msg {
		r, err := s.SaveSessionNote(ctx(), a.ID, store.Record{Title: title})
		return sessionNoteMsg{clientID: a.ClientID, recordID: r.ID, err: err}
	})
}

// noteAppointmentMsg answers loadNoteAppointment; a zero appointment for
// a record that is no session note.
type noteAppointmentMsg struct {
	req         reqID
	appointment store.Appointment
}

func (m noteAppointmentMsg) request() reqID { return m.req }

// loadNoteAppointment reads the appointment a session note was written
// from, for the reader to name it.
func loadNoteAppointment(s Store, req reqID, recordID int64) tea.Cmd {
	return func() tea.Msg {
		a, err := s.NoteAppointment(ctx(), recordID)
		if err != nil {
			return noteAppointmentMsg{req: req}
		}
		return noteAppointmentMsg{req: req, appointment: a}
	}
}

// sessionOf names the appointment of a session note: "session of 21 Jan
// 2026 09:00, Wijkcentrum De Leeuw".
func sessionOf(t Text, a store.Appointment) string {
	s := t.Tf("record.session_of", t.DateTimeShort(a.Start))
	if p := kit.OneLine(a.Place); p != "" {
		s += ", " + termsafe.Line(p)
	}
	return s
}

// Loading is true until the week has loaded: the root model holds the keys
// typed meanwhile and hands them over after.
func (m agendaScreen) Loading() bool { return !m.loaded && m.problem == "" }
