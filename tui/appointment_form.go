package tui

import (
	"errors"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
)

// appointmentForm plans an appointment (id 0) or edits one: when, how
// long, where, and afterwards whether the client came. A cancellation or a
// no-show needs a reason; the form says so under the field and saves
// nothing until it has one.
type appointmentForm struct {
	env      *env
	keys     formKeys
	clientID int64
	id       int64
	base     store.Appointment
	req      reqID

	loaded bool
	saving bool
	dirty  bool
	early  earlyDraft // a draft that came before the load

	set     fieldSet
	problem string
	width   int
	height  int
}

// defaultMinutes is the usual length of a coaching session.
const defaultMinutes = 60

func newAppointmentForm(e *env, clientID, id int64) appointmentForm {
	t, st := e.text, e.styles
	attendance := []option{{"", attendanceText(t, store.AttendancePlanned)}}
	for _, a := range store.Attendances {
		attendance = append(attendance, option{string(a), attendanceText(t, a)})
	}
	m := appointmentForm{env: e, keys: newFormKeys(t), clientID: clientID, id: id,
		req: newReq(), loaded: id == 0}
	when := textField(st, "start", t.T("appointment.when"))
	when.input.Placeholder = t.T("form.datetime_placeholder")
	when.input.Width = 20
	minutes := textField(st, "minutes", t.T("appointment.duration"))
	minutes.input.Width = 6
	m.set.fields = []formField{
		when,
		minutes,
		textField(st, "place", t.T("appointment.place")),
		choiceField("attendance", t.T("appointment.attendance"), attendance),
		textField(st, "reason", t.T("appointment.reason")),
		textField(st, "notes", t.T("appointment.notes")),
	}
	m.set.fields[5].input.Width = 60
	if id == 0 {
		m.set.set("minutes", strconv.Itoa(defaultMinutes))
	}
	m.syncHidden()
	m.set.focusOn(0)
	return m
}

// Init loads the appointment being edited.
func (m appointmentForm) Init() tea.Cmd {
	if m.loaded {
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

// Capturing is always true: a form always has a focused field.
func (m appointmentForm) Capturing() bool { return true }

// KeyMap lists the form's keys.
func (m appointmentForm) KeyMap() help.KeyMap { return m.keys }

// Draft is every field once the coach has typed something.
func (m appointmentForm) Draft() (string, bool) {
	if !m.dirty {
		return "", false
	}
	return m.set.draft(), true
}

// RestoreDraft fills the fields, on top of the loaded appointment.
func (m appointmentForm) RestoreDraft(text string) appointmentForm {
	if !m.loaded {
		m.early.hold(text)
		return m
	}
	if m.set.restore(text) {
		m.dirty = true
		m.syncHidden()
	}
	return m
}

// Update handles the loaded appointment, the save's answer and the keys.
func (m appointmentForm) Update(msg tea.Msg) (appointmentForm, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case appointmentLoadedMsg:
		if msg.req != m.req || m.loaded {
			return m, nil
		}
		if msg.err != nil {
			m.problem = explain(m.env, msg.err)
			return m, nil
		}
		m.loaded, m.base = true, msg.appointment
		m.fill(msg.appointment)
		if text, ok := m.early.take(); ok {
			m = m.RestoreDraft(text)
		}
		return m, m.set.focusOn(m.set.focus)
	case appointmentSavedMsg:
		return m.onSaved(msg)
	case tea.KeyMsg:
		if m.saving || !m.loaded {
			return m, nil
		}
		return m.onKey(msg)
	}
	return m, nil
}

func (m *appointmentForm) fill(a store.Appointment) {
	t := m.env.text
	m.set.set("start", dateTimeInput(t, a.Start))
	m.set.set("minutes", strconv.Itoa(a.Minutes))
	m.set.set("place", editLine(a.Place))
	m.set.set("attendance", string(a.Attendance))
	m.set.set("reason", editLine(a.Reason))
	m.set.set("notes", editLine(a.Notes))
	m.syncHidden()
}

func (m appointmentForm) onKey(msg tea.KeyMsg) (appointmentForm, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Save):
		return m.submit()
	case key.Matches(msg, m.keys.Cancel):
		if m.dirty {
			return m, confirm(m.env.text.T("form.discard"), back(nil))
		}
		return m, back(nil)
	}
	cmd, changed := m.set.handleKey(msg, m.keys)
	if changed {
		m.dirty = true
		m.syncHidden()
	}
	m.keys.Choice.SetEnabled(m.set.focused().kind == fieldChoice)
	return m, cmd
}

// syncHidden asks for a reason only for a cancellation or a no-show.
func (m *appointmentForm) syncHidden() {
	a := store.Attendance(m.set.get("attendance"))
	if i := m.set.index("reason"); i >= 0 {
		m.set.fields[i].hidden = a != store.AttendanceCancelled && a != store.AttendanceNoShow
	}
	m.keys.Choice.SetEnabled(m.set.focused().kind == fieldChoice)
}

// submit reads the fields, refuses what cannot be right, and saves.
func (m appointmentForm) submit() (appointmentForm, tea.Cmd) {
	t := m.env.text
	m.problem = ""
	a := m.base
	a.ID, a.ClientID = m.id, m.clientID
	typed := strings.TrimSpace(m.set.get("start"))
	start, p := parseDateTime(typed)
	switch p {
	case dateTimeImpossibleDay:
		return m.fail("start", t.Tf("form.date_impossible", strings.Fields(typed)[0]))
	case dateTimeYear:
		return m.fail("start", t.Tf("form.date_year", typed))
	case dateTimeImpossibleTime:
		return m.fail("start", t.Tf("form.time_impossible", strings.Fields(typed)[1]))
	case dateTimeFormat:
		return m.fail("start", t.T("form.datetime_format"))
	}
	minutes, err := strconv.Atoi(strings.TrimSpace(m.set.get("minutes")))
	if err != nil {
		return m.fail("minutes", t.T("appointment.minutes_format"))
	}
	a.Start, a.Minutes = start, minutes
	a.Place = strings.TrimSpace(m.set.get("place"))
	a.Attendance = store.Attendance(m.set.get("attendance"))
	a.Reason = ""
	if a.Attendance == store.AttendanceCancelled || a.Attendance == store.AttendanceNoShow {
		a.Reason = strings.TrimSpace(m.set.get("reason"))
		if a.Reason == "" {
			return m.fail("reason", t.T("appointment.reason_needed"))
		}
	}
	a.Notes = strings.TrimSpace(m.set.get("notes"))
	if err := a.Validate(); err != nil {
		return m.refuse(err)
	}
	m.saving = true
	m.req = newReq()
	return m, saveAppointment(m.env.store, m.req, a)
}

// fail puts msg under field id and moves the focus there.
func (m appointmentForm) fail(id, msg string) (appointmentForm, tea.Cmd) {
	cmd, _ := m.set.fail(id, msg)
	m.keys.Choice.SetEnabled(m.set.focused().kind == fieldChoice)
	return m, cmd
}

// refuse shows a refusal of the store under its field, or above the form.
func (m appointmentForm) refuse(err error) (appointmentForm, tea.Cmd) {
	var ve *store.ValidationError
	if errors.As(err, &ve) && m.set.index(ve.Field) >= 0 {
		return m.fail(ve.Field, fieldProblem(m.env.text, ve))
	}
	m.problem = explain(m.env, err)
	return m, nil
}

func (m appointmentForm) onSaved(msg appointmentSavedMsg) (appointmentForm, tea.Cmd) {
	if msg.req != m.req {
		return m, nil
	}
	m.saving = false
	if msg.err != nil && !isNotSaved(m.env, msg.err) {
		return m.refuse(msg.err)
	}
	m.dirty = false
	return m, back(doneMsg{tab: tabAppointments, item: msg.appointment.ID})
}

// View draws the form.
func (m appointmentForm) View() string {
	return viewSimpleForm(m.env, m.set, m.loaded, m.saving, m.problem, m.height, nil)
}
