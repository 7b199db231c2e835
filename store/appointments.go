package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// appointmentCols lists an appointment's columns for the table or alias
// a, with the id of the session note written from it.
func appointmentCols(a string) string {
	return fmt.Sprintf(`%[1]s.id, %[1]s.client_id, %[1]s.starts_at, %[1]s.minutes, %[1]s.place,
	%[1]s.attendance, %[1]s.reason, %[1]s.notes, coalesce(%[1]s.series_id, 0),
	coalesce((SELECT min(n.id) FROM records n WHERE n.appointment_id = %[1]s.id), 0),
	%[1]s.created_at, %[1]s.updated_at`, a)
}

var appointmentColumns = appointmentCols("appointments")

func appointmentDest(a *Appointment) []any {
	return []any{&a.ID, &a.ClientID, at(&a.Start), &a.Minutes, &a.Place, &a.Attendance,
		&a.Reason, &a.Notes, &a.SeriesID, &a.NoteID, at(&a.Created), at(&a.Updated)}
}

func scanAppointment(row interface{ Scan(...any) error }) (Appointment, error) {
	var a Appointment
	err := row.Scan(appointmentDest(&a)...)
	if errors.Is(err, sql.ErrNoRows) {
		return a, ErrNotFound
	}
	return a, err
}

// The codes of the appointment problems a field alone does not name.
const (
	// CodeAttendanceFuture: an appointment still to come was marked
	// attended or no-show.
	CodeAttendanceFuture = "appointment_future"
	// CodeReasonNeeded: a cancellation or a no-show without a reason.
	CodeReasonNeeded = "appointment_reason"
	// CodeNotPlanned: only a planned appointment can be moved.
	CodeNotPlanned = "appointment_not_planned"
	// CodeSeriesRule: a series needs every one or two weeks, and a count
	// or an end date.
	CodeSeriesRule = "series_rule"
	// CodeSeriesTooLong: a series of more than MaxSeries appointments.
	CodeSeriesTooLong = "series_too_long"
	// CodeSeriesEndsEarly: a series whose end date comes before its start.
	CodeSeriesEndsEarly = "series_ends_early"
)

// Appointments returns a client's appointments, earliest first.
func (s *Store) Appointments(ctx context.Context, clientID int64) ([]Appointment, error) {
	var out []Appointment
	err := s.read(ctx, func(t *tx) error {
		rs, err := t.query("SELECT "+appointmentColumns+
			" FROM appointments WHERE client_id = ? ORDER BY starts_at, id", clientID)
		if err != nil {
			return fmt.Errorf("listing appointments: %w", err)
		}
		defer rs.Close()
		for rs.Next() {
			a, err := scanAppointment(rs)
			if err != nil {
				return fmt.Errorf("listing appointments: %w", err)
			}
			out = append(out, a)
		}
		return rs.Err()
	})
	return out, err
}

// Appointment returns one appointment, or ErrNotFound.
func (s *Store) Appointment(ctx context.Context, id int64) (Appointment, error) {
	var a Appointment
	err := s.read(ctx, func(t *tx) error {
		var err error
		a, err = t.appointment(id)
		return err
	})
	return a, err
}

func (t *tx) appointment(id int64) (Appointment, error) {
	return scanAppointment(t.row("SELECT "+appointmentColumns+" FROM appointments WHERE id = ?", id))
}

// SaveAppointment adds an appointment (ID 0) or replaces one. It returns
// ErrRestricted while processing of the client is restricted, and a
// ValidationError (CodeAttendanceFuture) for an appointment still to come
// marked attended or no-show: nobody can have come yet.
func (s *Store) SaveAppointment(ctx context.Context, a Appointment) (Appointment, error) {
	if err := a.Validate(); err != nil {
		return a, err
	}
	err := s.write(ctx, func(t *tx) error {
		var err error
		a, err = t.saveAppointment(a)
		return err
	})
	return a, err
}

// checkAttendance refuses an attendance that cannot be known yet.
func (t *tx) checkAttendance(a Appointment) error {
	if (a.Attendance == AttendanceAttended || a.Attendance == AttendanceNoShow) &&
		a.Start.After(civilMoment(t.now)) {
		return &ValidationError{Field: "attendance", Code: CodeAttendanceFuture,
			Problem: "an appointment still to come cannot be marked attended or no-show"}
	}
	return nil
}

func (t *tx) saveAppointment(a Appointment) (Appointment, error) {
	if _, err := t.writable(a.ClientID); err != nil {
		return a, err
	}
	if err := t.checkAttendance(a); err != nil {
		return a, err
	}
	a.Start = a.Start.Truncate(0)
	if a.ID == 0 {
		var series any
		if a.SeriesID != 0 {
			series = a.SeriesID
		}
		res, err := t.exec(`INSERT INTO appointments (client_id, starts_at, minutes, place,
				attendance, reason, notes, series_id, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.ClientID, momentArg(a.Start), a.Minutes, a.Place, a.Attendance, a.Reason, a.Notes,
			series, t.stamp(), t.stamp())
		if err != nil {
			return a, fmt.Errorf("adding appointment: %w", err)
		}
		if a.ID, err = res.LastInsertId(); err != nil {
			return a, err
		}
		a.Created, a.Updated = civilMoment(t.now), civilMoment(t.now)
		return a, t.audit(AuditCreate, a.ClientID, fmt.Sprintf("appointment %d", a.ID))
	}
	old, err := t.appointment(a.ID)
	if err != nil {
		return a, err
	}
	if old.ClientID != a.ClientID {
		return a, invalid("client", "an appointment cannot move to another client")
	}
	if _, err := t.exec(`UPDATE appointments SET starts_at = ?, minutes = ?, place = ?,
			attendance = ?, reason = ?, notes = ?, updated_at = ? WHERE id = ?`,
		momentArg(a.Start), a.Minutes, a.Place, a.Attendance, a.Reason, a.Notes, t.stamp(), a.ID); err != nil {
		return a, fmt.Errorf("updating appointment: %w", err)
	}
	// The series and the note are not the form's to change.
	a.SeriesID, a.NoteID, a.Created = old.SeriesID, old.NoteID, old.Created
	a.Updated = civilMoment(t.now)
	return a, t.audit(AuditEdit, a.ClientID, fmt.Sprintf("appointment %d", a.ID))
}

// DeleteAppointment removes an appointment. A session note written from
// it stays in the dossier, no longer linked.
func (s *Store) DeleteAppointment(ctx context.Context, id int64) error {
	return s.write(ctx, func(t *tx) error {
		a, err := t.appointment(id)
		if err != nil {
			return err
		}
		if _, err := t.writable(a.ClientID); err != nil {
			return err
		}
		if _, err := t.exec("DELETE FROM appointments WHERE id = ?", id); err != nil {
			return fmt.Errorf("deleting appointment: %w", err)
		}
		return t.audit(AuditDelete, a.ClientID, fmt.Sprintf("appointment %d", id))
	})
}

// CancelAppointment marks an appointment cancelled, for reason, which a
// cancellation needs (ValidationError with CodeReasonNeeded). It returns
// ErrNotFound and ErrRestricted as SaveAppointment does.
func (s *Store) CancelAppointment(ctx context.Context, id int64, reason string) (Appointment, error) {
	var a Appointment
	if strings.TrimSpace(reason) == "" {
		return a, &ValidationError{Field: "reason", Code: CodeReasonNeeded,
			Problem: "a cancellation needs a reason"}
	}
	err := s.write(ctx, func(t *tx) error {
		var err error
		if a, err = t.appointment(id); err != nil {
			return err
		}
		a.Attendance, a.Reason = AttendanceCancelled, strings.TrimSpace(reason)
		a, err = t.saveAppointment(a)
		return err
	})
	return a, err
}

// Planned is what planning or moving appointments did: the appointments
// as stored, and the appointments of the coach they overlap (any client,
// cancelled ones aside). An overlap is flagged, not refused: a coach may
// mean to see two people at once.
type Planned struct {
	Appointments []Appointment
	Conflicts    []AgendaItem
}

// PlanSeries adds first and, as r says, the appointments that repeat it
// every one or two weeks at the same time of day on the coach's wall
// clock: a series planned for 10:00 in September stays at 10:00 after the
// clocks go back in October (see Repeat.Starts). The appointments share
// a SeriesID, the first one's id; a Repeat of one appointment plans a
// single appointment without a series. Nothing is added when any of them
// is refused.
func (s *Store) PlanSeries(ctx context.Context, first Appointment, r Repeat) (Planned, error) {
	var p Planned
	if err := first.Validate(); err != nil {
		return p, err
	}
	starts, err := r.Starts(first.Start)
	if err != nil {
		return p, err
	}
	first.ID, first.SeriesID = 0, 0
	err = s.write(ctx, func(t *tx) error {
		p = Planned{}
		for i, start := range starts {
			a := first
			a.Start = start
			if i > 0 {
				a.SeriesID = p.Appointments[0].ID
			}
			c, err := t.overlaps(a)
			if err != nil {
				return err
			}
			p.Conflicts = append(p.Conflicts, c...)
			if a, err = t.saveAppointment(a); err != nil {
				return err
			}
			if i == 0 && len(starts) > 1 {
				if _, err := t.exec("UPDATE appointments SET series_id = id WHERE id = ?", a.ID); err != nil {
					return fmt.Errorf("planning series: %w", err)
				}
				a.SeriesID = a.ID
			}
			p.Appointments = append(p.Appointments, a)
		}
		return nil
	})
	if err != nil {
		return Planned{}, err
	}
	return p, nil
}

// Reschedule moves a planned appointment to start. With rest, every later
// planned appointment of its series moves along: by as many days, to the
// new time of day, so "from now on Wednesdays at 11:00" is one step.
// Appointments already attended, cancelled or missed stay where they
// were; so does the appointment itself when it is not planned
// (ValidationError with CodeNotPlanned).
func (s *Store) Reschedule(ctx context.Context, id int64, start time.Time, rest bool) (Planned, error) {
	var p Planned
	if start.IsZero() {
		return p, invalid("start", "an appointment needs a date and time")
	}
	start = civilMoment(start)
	err := s.write(ctx, func(t *tx) error {
		p = Planned{}
		a, err := t.appointment(id)
		if err != nil {
			return err
		}
		if a.Attendance != AttendancePlanned {
			return &ValidationError{Field: "attendance", Code: CodeNotPlanned,
				Problem: "only a planned appointment can be moved"}
		}
		moving := []Appointment{a}
		if rest && a.SeriesID != 0 {
			later, err := t.seriesAfter(a)
			if err != nil {
				return err
			}
			moving = append(moving, later...)
		}
		days := dayNumber(start) - dayNumber(a.Start)
		h, m, _ := start.Clock()
		moved := map[int64]bool{}
		for _, b := range moving {
			moved[b.ID] = true
		}
		for i, b := range moving {
			if i == 0 {
				b.Start = start
			} else {
				y, mo, d := b.Start.Date()
				b.Start = time.Date(y, mo, d+days, h, m, 0, 0, time.UTC)
			}
			c, err := t.overlaps(b)
			if err != nil {
				return err
			}
			for _, x := range c {
				if !moved[x.ID] {
					p.Conflicts = append(p.Conflicts, x)
				}
			}
			if b, err = t.saveAppointment(b); err != nil {
				return err
			}
			p.Appointments = append(p.Appointments, b)
		}
		return nil
	})
	if err != nil {
		return Planned{}, err
	}
	return p, nil
}

// seriesAfter returns the planned appointments of a's series that start
// after a, earliest first.
func (t *tx) seriesAfter(a Appointment) ([]Appointment, error) {
	rs, err := t.query("SELECT "+appointmentColumns+` FROM appointments
		WHERE series_id = ? AND attendance = '' AND id <> ? AND (starts_at > ? OR starts_at = ? AND id > ?)
		ORDER BY starts_at, id`, a.SeriesID, a.ID, momentArg(a.Start), momentArg(a.Start), a.ID)
	if err != nil {
		return nil, fmt.Errorf("reading series: %w", err)
	}
	defer rs.Close()
	var out []Appointment
	for rs.Next() {
		b, err := scanAppointment(rs)
		if err != nil {
			return nil, fmt.Errorf("reading series: %w", err)
		}
		out = append(out, b)
	}
	return out, rs.Err()
}

// dayNumber counts days since 1970 for a civil date or moment.
func dayNumber(t time.Time) int {
	return int(civilDay(t).Unix() / 86400)
}

// SaveSessionNote writes a progress note about an appointment, linked to
// it: the appointment shows its note (Appointment.NoteID), the note its
// appointment (NoteAppointment). An ID of 0 adds the note; the client is
// the appointment's, the kind a note, and the date the appointment's
// unless given. It returns ErrNotFound for an unknown appointment and
// ErrRestricted as SaveRecord does.
func (s *Store) SaveSessionNote(ctx context.Context, appointmentID int64, r Record) (Record, error) {
	err := s.write(ctx, func(t *tx) error {
		a, err := t.appointment(appointmentID)
		if err != nil {
			return err
		}
		r.ClientID = a.ClientID
		if r.Kind == "" {
			r.Kind = KindNote
		}
		if r.Date.IsZero() {
			r.Date = civilDay(a.Start)
		}
		if err := r.Validate(); err != nil {
			return err
		}
		if r, err = t.saveRecord(r); err != nil {
			return err
		}
		if _, err := t.exec("UPDATE records SET appointment_id = ? WHERE id = ?", a.ID, r.ID); err != nil {
			return fmt.Errorf("linking note to appointment: %w", err)
		}
		return nil
	})
	return r, err
}

// NoteAppointment returns the appointment a session note was written
// from, or ErrNotFound when the record is not linked to one.
func (s *Store) NoteAppointment(ctx context.Context, recordID int64) (Appointment, error) {
	var a Appointment
	err := s.read(ctx, func(t *tx) error {
		var id sql.NullInt64
		err := t.row("SELECT appointment_id FROM records WHERE id = ?", recordID).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) || err == nil && !id.Valid {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("reading note: %w", err)
		}
		a, err = t.appointment(id.Int64)
		return err
	})
	return a, err
}
