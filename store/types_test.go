package store

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// Bad input is refused by the domain types themselves, whoever brings it
// (a form, a client list, a dossier): a NUL byte or an escape in a name,
// a year 0000 or 9999, a note of 150 MB (issue 11, hole 11). Nothing of a
// refused edit is kept.
func TestValidateRefusesWhatNoOneTypes(t *testing.T) {
	f := newFixture(t)
	anna := f.client(t, Client{FirstName: "Anna", LastName: "de Vries", Status: StatusActive})
	at := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	huge := strings.Repeat("Een lange notitie. ", (MaxBody/19)+1)
	for _, tc := range []struct {
		name  string
		save  func() error
		field string
		code  string
	}{
		{"NUL in a first name", func() error {
			_, err := f.s.CreateClient(ctx, Client{FirstName: "Ann\x00a", Status: StatusIntake})
			return err
		}, "first_name", CodeControl},
		{"escape in a last name", func() error {
			_, err := f.s.CreateClient(ctx, Client{FirstName: "Ann", LastName: "\x1b]0;pwned\a", Status: StatusIntake})
			return err
		}, "last_name", CodeControl},
		{"bidi override in a name", func() error {
			_, err := f.s.CreateClient(ctx, Client{FirstName: "gpj\u202eexe", Status: StatusIntake})
			return err
		}, "first_name", CodeControl},
		{"a name of 201 characters", func() error {
			_, err := f.s.CreateClient(ctx, Client{FirstName: strings.Repeat("é", MaxName+1), Status: StatusIntake})
			return err
		}, "first_name", CodeTooLong},
		{"NUL in client notes", func() error {
			_, err := f.s.CreateClient(ctx, Client{FirstName: "Noor", Notes: "belt\x00terug", Status: StatusIntake})
			return err
		}, "notes", CodeControl},
		{"birth in year 0000", func() error {
			_, err := f.s.CreateClient(ctx, Client{FirstName: "Noor", BirthDate: at(0, 1, 1), Status: StatusIntake})
			return err
		}, "birth_date", CodeDateRange},
		{"start in year 9999", func() error {
			_, err := f.s.CreateClient(ctx, Client{FirstName: "Noor", Start: at(9999, 12, 31), Status: StatusActive})
			return err
		}, "start", CodeDateRange},
		{"a record body past MaxBody", func() error {
			_, err := f.s.SaveRecord(ctx, Record{ClientID: anna.ID, Kind: KindNote, Title: "Lang", Body: huge, Date: at(2026, 1, 5)})
			return err
		}, "body", CodeTooLong},
		{"NUL in a record body", func() error {
			_, err := f.s.SaveRecord(ctx, Record{ClientID: anna.ID, Kind: KindNote, Title: "Kort", Body: "a\x00b", Date: at(2026, 1, 5)})
			return err
		}, "body", CodeControl},
		{"a record in year 9999", func() error {
			_, err := f.s.SaveRecord(ctx, Record{ClientID: anna.ID, Kind: KindNote, Title: "Kort", Date: at(9999, 1, 5)})
			return err
		}, "date", CodeDateRange},
		{"escape in an appointment's place", func() error {
			_, err := f.s.SaveAppointment(ctx, Appointment{ClientID: anna.ID, Start: at(2026, 2, 1), Minutes: 30, Place: "\x1b[2J"})
			return err
		}, "place", CodeControl},
		{"escape in a consent's recipient", func() error {
			_, err := f.s.AddConsent(ctx, Consent{ClientID: anna.ID, Purpose: "delen", Recipient: "x\x1b[2J",
				Given: at(2026, 1, 5), GivenBy: GivenByClient})
			return err
		}, "recipient", CodeControl},
		{"escape in a hold reason", func() error {
			return f.s.SetHold(ctx, anna.ID, true, "klacht\x1b[2J", time.Time{})
		}, "hold_reason", CodeControl},
	} {
		err := tc.save()
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Field != tc.field || ve.Code != tc.code {
			t.Errorf("%s: got %v (%+v), want field %s code %s", tc.name, err, ve, tc.field, tc.code)
		}
	}
	rows, err := f.s.ListClients(ctx)
	if err != nil || len(rows) != 1 {
		t.Errorf("%d clients after the refused ones, want only Anna (%v)", len(rows), err)
	}
	if recs, _ := f.s.Records(ctx, anna.ID); len(recs) != 0 {
		t.Errorf("%d records kept of refused ones", len(recs))
	}
}

// What people do write passes: names in every script, the joiners Persian
// and emoji need, tabs and Windows line breaks in a note, 1900 and 2199.
func TestValidateKeepsWhatPeopleWrite(t *testing.T) {
	f := newFixture(t)
	for _, c := range []Client{
		{FirstName: "Özlem", LastName: "Yılmaz-de Boer", Status: StatusIntake},
		{FirstName: "محمد", LastName: "\u0645\u06cc\u200c\u0631\u0648\u0645", Status: StatusIntake},
		{FirstName: "Noor", Notes: "Regel een\r\n\tRegel twee \u200f", BirthDate: time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC),
			Status: StatusActive, Start: time.Date(2199, 12, 31, 0, 0, 0, 0, time.UTC)},
		{FirstName: strings.Repeat("é", MaxName), Status: StatusIntake},
	} {
		if _, err := f.s.CreateClient(ctx, c); err != nil {
			t.Errorf("%q refused: %v", c.FirstName, err)
		}
	}
}
