package tui

import (
	"errors"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/termsafe"
	"github.com/caseload/caseload/tui/kit"
)

// appointmentForm plans an appointment (id 0) or edits one: when, how
// long, where, and afterwards whether the client came. A cancellation or a
// no-show needs a reason; the form says so under the field and saves
// nothing until it has one. A new appointment can repeat every week or
// two, a number of times or until a date (a series); moving one of a
// series moves it alone or the rest of the series with it. An overlap
// with another appointment of the coach is flagged once saved. ctrl+n
// writes the session note of the appointment, or opens it.
type appointmentForm struct {
	formCore
	clientID int64
	id       int64
	base     store.Appointment
	noteKeys sessionNoteKeys
}

// defaultMinutes is the usual length of a coaching session.
const defaultMinutes = 60

func newAppointmentForm(e *env, clientID, id int64) appointmentForm {
	t, st := e.text, e.styles
	attendance := []kit.Option{{Value: "", Label: attendanceText(t, store.AttendancePlanned)}}
	for _, a := range store.Attendances {
		attendance = append(attendance, kit.Option{Value: string(a), Label: attendanceText(t, a)})
	}
	m := appointmentForm{formCore: newFormCore(e, id == 0), clientID: clientID, id: id}
	when := kit.TextField(st, "start", t.T("appointment.when"))
	when.Input.Placeholder = t.T("form.datetime_placeholder")
	when.Input.Width = 20
	minutes := kit.TextField(st, "minutes", t.T("appointment.duration"))
	minutes.Input.Width = 6
	m.Fields = []kit.Field{
		when,
		minutes,
		kit.TextField(st, "place", t.T("appointment.place")),
		kit.ChoiceField("attendance", t.T("appointment.attendance"), attendance),
		kit.TextField(st, "reason", t.T("appointment.reason")),
		kit.TextField(st, "notes", t.T("appointment.notes")),
		kit.ChoiceField("repeat", t.T("appointment.repeat"), []kit.Option{{Value: "", Label: t.T("appointment.repeat_once")},
			{Value: "1", Label: t.T("appointment.repeat_weekly")}, {Value: "2", Label: t.T("appointment.repeat_2weeks")}}),

		kit.TextField(st, "times", t.T("appointment.times")),
		kit.DateField(st, "until", t.T("appointment.until"), t.T("form.date_placeholder")),
		kit.ChoiceField("apply", t.T("appointment.apply"), []kit.Option{{Value: "", Label: t.T("appointment.apply_one")},
			{Value: "rest", Label: t.T("appointment.apply_rest")}}),
	}
	m.Fields[5].Input.Width = 60
	m.Fields[7].Input.Width = 4
	m.noteKeys = newSessionNoteKeys(t)
	if id == 0 {
		m.Set("minutes", strconv.Itoa(defaultMinutes))
	}
	m.SetFields(m.Fields...)
	m.syncHidden()
	return m
}

// Init loads the appointment being edited.
func (m appointmentForm) Init() tea.Cmd {
	if m.Loaded {
		return nil
	}
	return loadAppointment(m.env.store, m.req, m.clientID, m.id)
}

// Route names the appointment.
func (m appointmentForm) Route() Route {
	return Route{Kind: KindAppointment, Client: m.clientID, Item: m.id}
}

// Title is "New appointment" or "Appointment".
func (m appointmentForm) Title() string {
	if m.id == 0 {
		return m.env.text.T("appointment.new")
	}
	return m.env.text.T("appointment.title")
}

// KeyMap lists the form's keys, with ctrl+n for the session note.
func (m appointmentForm) KeyMap() help.KeyMap { return appointmentKeyMap{m.Keys, m.noteKeys} }

// RestoreDraft fills the fields, on top of the loaded appointment.
func (m appointmentForm) RestoreDraft(text string) appointmentForm {
	m.Form.RestoreDraft(text)
	m.syncHidden()
	return m
}

// Update handles the loaded appointment, the save's answer and the keys.
func (m appointmentForm) Update(msg tea.Msg) (appointmentForm, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.Width, m.Height = msg.Width, msg.Height
	case appointmentLoadedMsg:
		if !m.takeLoad(msg.req, msg.err) {
			return m, nil
		}
		m.base = msg.appointment
		m.fill(msg.appointment)
		m.MarkLoaded()
		m.syncHidden()
		return m, m.Refocus()
	case appointmentSavedMsg:
		if msg.req != m.req {
			return m, nil
		}
		if !m.kept(msg.err) {
			m.Saving = false
			return m, m.refuse(msg.err)
		}
		return m, m.onSavedBack(nil, m.savedSays(msg))
	case sessionNoteMsg:
		m.Saving = false
		return m, onSessionNote(m.env, msg)
	case tea.KeyMsg:
		return m.keyMsg(msg)
	}
	return m, nil
}

func (m *appointmentForm) fill(a store.Appointment) {
	t := m.env.text
	m.Set("start", dateTimeInput(t, a.Start))
	m.Set("minutes", strconv.Itoa(a.Minutes))
	m.Set("place", kit.EditLine(a.Place))
	m.Set("attendance", string(a.Attendance))
	m.Set("reason", kit.EditLine(a.Reason))
	m.Set("notes", kit.EditLine(a.Notes))
	m.syncHidden()
}

// keyMsg handles a key: ctrl+n opens the session note of a saved
// appointment; the rest is the form's.
func (m appointmentForm) keyMsg(msg tea.KeyMsg) (appointmentForm, tea.Cmd) {
	if key.Matches(msg, m.noteKeys.Note) && !m.Saving && m.Loaded {
		if m.Dirty {
			// The note belongs to the appointment as saved: save first.
			return m, notify(m.env.text.T("appointment.note_save_first"))
		}
		m.Saving = true
		return m, openSessionNote(m.env, m.base)
	}
	cmd, save := m.onKey(msg)
	if save {
		return m.submit()
	}
	m.syncHidden()
	return m, cmd
}

// syncHidden asks for a reason only for a cancellation or a no-show, for
// the repeat only when planning, for how often only for a series, and
// whether to move the rest only in a series.
func (m *appointmentForm) syncHidden() {
	a := store.Attendance(m.Get("attendance"))
	hide := func(id string, hidden bool) {
		if i := m.Index(id); i >= 0 {
			m.Fields[i].Hidden = hidden
		}
	}
	hide("reason", a != store.AttendanceCancelled && a != store.AttendanceNoShow)
	hide("repeat", m.id != 0)
	once := m.id != 0 || m.Get("repeat") == ""
	hide("times", once)
	hide("until", once)
	hide("apply", m.id == 0 || m.base.SeriesID == 0)
	m.Keys.Choice.SetEnabled(m.Focused().Kind == kit.KindChoice)
	m.noteKeys.Note.SetEnabled(m.id != 0 && m.Loaded)
}

// submit reads the fields, refuses what cannot be right, and saves.
func (m appointmentForm) submit() (appointmentForm, tea.Cmd) {
	t := m.env.text
	m.Problem = ""
	a := m.base
	a.ID, a.ClientID = m.id, m.clientID
	typed := strings.TrimSpace(m.Get("start"))
	start, p := kit.ParseDateTime(typed)
	switch p {
	case kit.DateTimeImpossibleDay:
		return m, m.fail("start", t.Tf("form.date_impossible", strings.Fields(typed)[0]))
	case kit.DateTimeYear:
		return m, m.fail("start", t.Tf("form.date_year", typed))
	case kit.DateTimeImpossibleTime:
		return m, m.fail("start", t.Tf("form.time_impossible", strings.Fields(typed)[1]))
	case kit.DateTimeFormat:
		return m, m.fail("start", t.T("form.datetime_format"))
	}
	minutes, err := strconv.Atoi(strings.TrimSpace(m.Get("minutes")))
	if err != nil {
		return m, m.fail("minutes", t.T("appointment.minutes_format"))
	}
	a.Start, a.Minutes = start, minutes
	a.Place = strings.TrimSpace(m.Get("place"))
	a.Attendance = store.Attendance(m.Get("attendance"))
	a.Reason = ""
	if a.Attendance == store.AttendanceCancelled || a.Attendance == store.AttendanceNoShow {
		a.Reason = strings.TrimSpace(m.Get("reason"))
		if a.Reason == "" {
			return m, m.fail("reason", t.T("appointment.reason_needed"))
		}
	}
	a.Notes = strings.TrimSpace(m.Get("notes"))
	if err := a.Validate(); err != nil {
		return m, m.refuse(err)
	}
	repeat := store.Once
	if m.id == 0 && m.Get("repeat") != "" {
		var msg string
		var field string
		repeat, field, msg = m.readRepeat()
		if msg != "" {
			return m, m.fail(field, msg)
		}
		if _, err := repeat.Starts(a.Start); err != nil {
			return m, m.refuse(err)
		}
	}
	moved := m.id != 0 && !a.Start.Equal(m.base.Start) && m.base.Attendance == store.AttendancePlanned
	return m, planAppointment(m.env.store, m.startSave(), a, repeat, moved, m.Get("apply") == "rest")
}

// readRepeat reads how a new series repeats: every one or two weeks, a
// number of times or until a date. It names the field to correct.
func (m appointmentForm) readRepeat() (r store.Repeat, field, problem string) {
	t := m.env.text
	weeks, _ := strconv.Atoi(m.Get("repeat"))
	r.EveryWeeks = weeks
	times := strings.TrimSpace(m.Get("times"))
	until := strings.TrimSpace(m.Get("until"))
	switch {
	case times != "" && until != "", times == "" && until == "":
		return r, "times", t.T("appointment.times_or_date")
	case times != "":
		n, err := strconv.Atoi(times)
		if err != nil || n < 1 {
			return r, "times", t.T("appointment.times_format")
		}
		r.Count = n
	default:
		d, p := kit.ParseDate(until)
		if p != kit.DateOK {
			return r, "until", dateProblemText(t, p, until)
		}
		r.Until = d
	}
	return r, "", ""
}

// refuse shows a refusal of the store: a refused series under the field
// that sets it, a refusal on a hidden field above the form.
func (m *appointmentForm) refuse(err error) tea.Cmd {
	var ve *store.ValidationError
	if errors.As(err, &ve) {
		switch i := m.Index(ve.Field); {
		case ve.Field == "repeat" || ve.Field == "until":
			field := "times"
			if m.Get("until") != "" {
				field = "until"
			}
			return m.fail(field, fieldProblem(m.env.text, ve))
		case i >= 0 && m.Fields[i].Hidden:
			m.Refused(explain(m.env, err))
			return nil
		}
	}
	return m.formCore.refuse(err)
}

// savedSays goes back to the appointment, saying how many were planned
// and which they overlap.
func (m appointmentForm) savedSays(msg appointmentSavedMsg) tea.Cmd {
	done := back(doneMsg{tab: tabAppointments, item: msg.appointment.ID})
	t := m.env.text
	var said []string
	if msg.planned > 1 {
		said = append(said, t.N("appointment.planned_n", msg.planned))
	}
	if len(msg.conflicts) > 0 {
		said = append(said, t.Tf("appointment.overlap", overlapText(t, msg.conflicts)))
		return tea.Sequence(done, warn(strings.Join(said, " · ")))
	}
	if len(said) > 0 {
		return tea.Sequence(done, notify(strings.Join(said, " · ")))
	}
	return done
}

// overlapText names the first appointment overlapped, and how many more.
func overlapText(t Text, conflicts []store.AgendaItem) string {
	c := conflicts[0]
	s := "#" + strconv.FormatInt(c.ClientID, 10) + " " + termsafe.Line(kit.OneLine(c.ClientName)) + " " +
		t.DateTimeShort(c.Start)
	if len(conflicts) > 1 {
		s += " (+" + strconv.Itoa(len(conflicts)-1) + ")"
	}
	return s
}

// warn shows a warning on the status line.
func warn(text string) tea.Cmd {
	return func() tea.Msg { return statusMsg{kind: statusWarning, text: text} }
}

// planAppointment saves the form's appointment. A new one is planned,
// alone or as a series; a planned one whose start changed is moved first
// (with rest, the later ones of its series along), then saved. Either way
// the answer names the appointments it overlaps.
func planAppointment(s Store, req reqID, a store.Appointment, r store.Repeat, moved, rest bool) tea.Cmd {
	return saving(func() tea.Msg {
		if a.ID == 0 {
			p, err := s.PlanSeries(ctx(), a, r)
			var first store.Appointment
			if len(p.Appointments) > 0 {
				first = p.Appointments[0]
			}
			return appointmentSavedMsg{req: req, appointment: first, err: err, planned: len(p.Appointments),
				conflicts: p.Conflicts}
		}
		var conflicts []store.AgendaItem
		if moved {
			p, err := s.Reschedule(ctx(), a.ID, a.Start, rest)
			if err != nil {
				return appointmentSavedMsg{req: req, err: err}
			}
			conflicts = p.Conflicts
		}
		saved, err := s.SaveAppointment(ctx(), a)
		if err == nil && !moved {
			conflicts, _ = s.Overlaps(ctx(), saved)
		}
		return appointmentSavedMsg{req: req, appointment: saved, err: err, conflicts: conflicts}
	})
}

// sessionNoteKeys are the appointment form's key for its note.
type sessionNoteKeys struct {
	Note key.Binding
}

func newSessionNoteKeys(t Text) sessionNoteKeys {
	return sessionNoteKeys{Note: bind([]string{"ctrl+n"}, "ctrl+n", t.T("key.session_note"))}
}

// appointmentKeyMap is a form's keys with the note's.
type appointmentKeyMap struct {
	form kit.FormKeys
	note sessionNoteKeys
}

// ShortHelp is the form's hint line, the note's key after save and cancel.
func (k appointmentKeyMap) ShortHelp() []key.Binding {
	s := k.form.ShortHelp()
	return append(s[:2:2], append([]key.Binding{k.note.Note}, s[2:]...)...)
}

// FullHelp is the form's part of the help overlay.
func (k appointmentKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// View draws the form.
func (m appointmentForm) View() string {
	return m.view(m.viewNote())
}

// viewNote says whether the appointment has a session note, and how to
// write or open it; a series is named too.
func (m appointmentForm) viewNote() []string {
	if m.id == 0 || !m.Loaded {
		return nil
	}
	t, st := m.env.text, m.env.styles
	note := st.Muted.Render(t.T("appointment.note_none"))
	if m.base.NoteID != 0 {
		note = st.Text.Render("#" + strconv.FormatInt(m.base.NoteID, 10) + " — ctrl+n")
	}
	// In the label column of the form's fields above, lined up with them.
	lines := []string{kit.LabelLine(st, t.T("appointment.note"), note)}
	if m.base.SeriesID != 0 {
		lines = append(lines, kit.LabelLine(st, t.T("appointment.series_of"),
			st.Text.Render("#"+strconv.FormatInt(m.base.SeriesID, 10))))
	}
	return lines
}

// appointmentLoadedMsg answers loadAppointment.
type appointmentLoadedMsg struct {
	req         reqID
	appointment store.Appointment
	err         error
}

func (m appointmentLoadedMsg) request() reqID { return m.req }

// loadAppointment finds one appointment of a client.
func loadAppointment(s Store, req reqID, clientID, id int64) tea.Cmd {
	return func() tea.Msg {
		all, err := s.Appointments(ctx(), clientID)
		if err != nil {
			return appointmentLoadedMsg{req: req, err: err}
		}
		for _, a := range all {
			if a.ID == id {
				return appointmentLoadedMsg{req: req, appointment: a}
			}
		}
		return appointmentLoadedMsg{req: req, err: store.ErrNotFound}
	}
}

// appointmentSavedMsg answers planAppointment.
type appointmentSavedMsg struct {
	req         reqID
	appointment store.Appointment
	err         error
	planned     int                // appointments planned, for a new series
	conflicts   []store.AgendaItem // appointments of the coach it overlaps
}

func (m appointmentSavedMsg) saveErr() error { return m.err }

func (m appointmentSavedMsg) request() reqID { return m.req }
