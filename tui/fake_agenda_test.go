package tui

import (
	"context"
	"time"

	"github.com/caseload/caseload/store"
)

// The fake store has no agenda: its clients' appointments live in
// dossierData, per client. The agenda's screens are tested on the real
// store (agenda_test.go); here the fake only answers as an empty week.

func (s *fakeStore) Agenda(context.Context, time.Time, time.Time) ([]store.AgendaItem, error) {
	return nil, nil
}

func (s *fakeStore) DueWithin(context.Context, int) ([]store.Deadline, error) { return nil, nil }

func (s *fakeStore) Appointment(ctx context.Context, id int64) (store.Appointment, error) {
	return store.Appointment{}, store.ErrNotFound
}

func (s *fakeStore) PlanSeries(ctx context.Context, first store.Appointment, _ store.Repeat) (store.Planned, error) {
	a, err := s.SaveAppointment(ctx, first)
	return store.Planned{Appointments: []store.Appointment{a}}, err
}

func (s *fakeStore) Reschedule(context.Context, int64, time.Time, bool) (store.Planned, error) {
	return store.Planned{}, store.ErrNotFound
}

func (s *fakeStore) Overlaps(context.Context, store.Appointment) ([]store.AgendaItem, error) {
	return nil, nil
}

func (s *fakeStore) SaveSessionNote(context.Context, int64, store.Record) (store.Record, error) {
	return store.Record{}, store.ErrNotFound
}

func (s *fakeStore) NoteAppointment(context.Context, int64) (store.Appointment, error) {
	return store.Appointment{}, store.ErrNotFound
}
