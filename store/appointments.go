package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

const appointmentColumns = `id, client_id, starts_at, minutes, place, attendance, reason, notes,
	created_at, updated_at`

func scanAppointment(row interface{ Scan(...any) error }) (Appointment, error) {
	var a Appointment
	err := row.Scan(&a.ID, &a.ClientID, at(&a.Start), &a.Minutes, &a.Place, &a.Attendance,
		&a.Reason, &a.Notes, at(&a.Created), at(&a.Updated))
	if errors.Is(err, sql.ErrNoRows) {
		return a, ErrNotFound
	}
	return a, err
}

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

// SaveAppointment adds an appointment (ID 0) or replaces one. It returns
// ErrRestricted while processing of the client is restricted.
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

func (t *tx) saveAppointment(a Appointment) (Appointment, error) {
	if _, err := t.writable(a.ClientID); err != nil {
		return a, err
	}
	a.Start = a.Start.Truncate(0)
	if a.ID == 0 {
		res, err := t.exec(`INSERT INTO appointments (client_id, starts_at, minutes, place,
				attendance, reason, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.ClientID, momentArg(a.Start), a.Minutes, a.Place, a.Attendance, a.Reason, a.Notes,
			t.stamp(), t.stamp())
		if err != nil {
			return a, fmt.Errorf("adding appointment: %w", err)
		}
		if a.ID, err = res.LastInsertId(); err != nil {
			return a, err
		}
		a.Created, a.Updated = civilMoment(t.now), civilMoment(t.now)
		return a, t.audit(AuditCreate, a.ClientID, fmt.Sprintf("appointment %d", a.ID))
	}
	var owner int64
	if err := t.row("SELECT client_id FROM appointments WHERE id = ?", a.ID).Scan(&owner); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return a, ErrNotFound
		}
		return a, err
	}
	if owner != a.ClientID {
		return a, invalid("client", "an appointment cannot move to another client")
	}
	if _, err := t.exec(`UPDATE appointments SET starts_at = ?, minutes = ?, place = ?,
			attendance = ?, reason = ?, notes = ?, updated_at = ? WHERE id = ?`,
		momentArg(a.Start), a.Minutes, a.Place, a.Attendance, a.Reason, a.Notes, t.stamp(), a.ID); err != nil {
		return a, fmt.Errorf("updating appointment: %w", err)
	}
	a.Updated = civilMoment(t.now)
	return a, t.audit(AuditEdit, a.ClientID, fmt.Sprintf("appointment %d", a.ID))
}

// DeleteAppointment removes an appointment.
func (s *Store) DeleteAppointment(ctx context.Context, id int64) error {
	return s.write(ctx, func(t *tx) error {
		a, err := scanAppointment(t.row("SELECT "+appointmentColumns+" FROM appointments WHERE id = ?", id))
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
