package store

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func wall(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

func codeOf(err error) string {
	var ve *ValidationError
	if errors.As(err, &ve) {
		return ve.Code
	}
	return ""
}

func TestSeriesKeepsTheWallClockAcrossTheDSTChange(t *testing.T) {
	// Summer time in Europe/Amsterdam ends on Sunday 25 October 2026.
	got, err := Repeat{EveryWeeks: 1, Count: 3}.Starts(wall("2026-10-19 10:00"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2026-10-19 10:00", "2026-10-26 10:00", "2026-11-02 10:00"}
	if len(got) != len(want) {
		t.Fatalf("Starts = %v, want %v", got, want)
	}
	for i := range want {
		if got[i].Format("2006-01-02 15:04") != want[i] {
			t.Errorf("appointment %d at %s, want %s", i+1, got[i].Format("2006-01-02 15:04"), want[i])
		}
	}
	// Every two weeks until a date: the date itself counts.
	got, err = Repeat{EveryWeeks: 2, Until: day("2026-04-13")}.Starts(wall("2026-03-16 09:30"))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[2] != wall("2026-04-13 09:30") {
		t.Errorf("fortnightly until 13 April = %v; want 16/3, 30/3, 13/4 at 09:30", got)
	}
}

func TestSeriesRuleIsRefusedWithACode(t *testing.T) {
	first := wall("2026-12-01 10:00")
	for _, r := range []Repeat{{EveryWeeks: 3, Count: 2}, {EveryWeeks: 1}, {EveryWeeks: 1, Count: 2, Until: day("2027-01-01")}} {
		if _, err := r.Starts(first); codeOf(err) != CodeSeriesRule {
			t.Errorf("Starts(%+v) = %v; want %s", r, err, CodeSeriesRule)
		}
	}
	if _, err := (Repeat{EveryWeeks: 1, Count: MaxSeries + 1}).Starts(first); codeOf(err) != CodeSeriesTooLong {
		t.Errorf("a series of %d = %v; want %s", MaxSeries+1, err, CodeSeriesTooLong)
	}
	if _, err := (Repeat{EveryWeeks: 1, Until: day("2040-01-01")}).Starts(first); codeOf(err) != CodeSeriesTooLong {
		t.Errorf("a series until 2040 = %v; want %s", err, CodeSeriesTooLong)
	}
}

func TestPlanSeriesFlagsOverlapsAcrossClients(t *testing.T) {
	f := newFixture(t)
	anouk := f.client(t, Client{FirstName: "Anouk", LastName: "van den Berg", Status: StatusActive})
	sem := f.client(t, Client{FirstName: "Sem", LastName: "Jansen", Status: StatusActive})
	other, err := f.s.SaveAppointment(ctx, Appointment{ClientID: sem.ID, Start: wall("2026-12-08 10:30"), Minutes: 60})
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.s.PlanSeries(ctx, Appointment{ClientID: anouk.ID, Start: wall("2026-12-01 10:00"), Minutes: 60,
		Place: "Bibliotheek Kanaleneiland"}, Repeat{EveryWeeks: 1, Count: 4})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Appointments) != 4 {
		t.Fatalf("planned %d appointments, want 4", len(p.Appointments))
	}
	for _, a := range p.Appointments {
		if a.SeriesID != p.Appointments[0].ID {
			t.Errorf("appointment %d in series %d, want %d", a.ID, a.SeriesID, p.Appointments[0].ID)
		}
	}
	if len(p.Conflicts) != 1 || p.Conflicts[0].ID != other.ID || p.Conflicts[0].ClientName != "Sem Jansen" {
		t.Errorf("conflicts = %+v; want Sem's appointment of 8 December", p.Conflicts)
	}
	// Back to back is no overlap; a cancelled appointment is none either.
	c, err := f.s.Overlaps(ctx, Appointment{Start: wall("2026-12-08 11:30"), Minutes: 30})
	if err != nil || len(c) != 0 {
		t.Errorf("Overlaps right after = %+v, %v; want none", c, err)
	}
	if _, err := f.s.CancelAppointment(ctx, other.ID, "ziek"); err != nil {
		t.Fatal(err)
	}
	if c, _ := f.s.Overlaps(ctx, Appointment{Start: wall("2026-12-08 10:45"), Minutes: 15}); len(c) != 1 || c[0].ClientID != anouk.ID {
		t.Errorf("Overlaps after cancelling Sem = %+v; want Anouk's only", c)
	}
	// A single appointment has no series.
	p, err = f.s.PlanSeries(ctx, Appointment{ClientID: sem.ID, Start: wall("2026-12-20 10:00"), Minutes: 60}, Once)
	if err != nil || len(p.Appointments) != 1 || p.Appointments[0].SeriesID != 0 {
		t.Errorf("PlanSeries(Once) = %+v, %v; want one appointment outside a series", p, err)
	}
	// The agenda of that week across clients, earliest first.
	items, err := f.s.Agenda(ctx, day("2026-12-07"), day("2026-12-14"))
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 || items[0].ClientName != "Anouk van den Berg" || items[0].Initials() != "A.B." ||
		items[1].Attendance != AttendanceCancelled {
		t.Errorf("Agenda = %+v; want Anouk at 10:00, then Sem cancelled", items)
	}
}

func TestRescheduleOneOrTheRest(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Anouk", Status: StatusActive})
	p, err := f.s.PlanSeries(ctx, Appointment{ClientID: c.ID, Start: wall("2026-12-01 10:00"), Minutes: 60},
		Repeat{EveryWeeks: 1, Count: 4})
	if err != nil {
		t.Fatal(err)
	}
	ids := []int64{p.Appointments[0].ID, p.Appointments[1].ID, p.Appointments[2].ID, p.Appointments[3].ID}
	// One: only the second moves.
	if _, err := f.s.Reschedule(ctx, ids[1], wall("2026-12-09 14:00"), false); err != nil {
		t.Fatal(err)
	}
	// The rest from the third on: Wednesdays at 11:00.
	if _, err := f.s.CancelAppointment(ctx, ids[3], "vakantie"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Reschedule(ctx, ids[2], wall("2026-12-16 11:00"), true); err != nil {
		t.Fatal(err)
	}
	got, _ := f.s.Appointments(ctx, c.ID)
	want := map[int64]string{ids[0]: "2026-12-01 10:00", ids[1]: "2026-12-09 14:00",
		ids[2]: "2026-12-16 11:00", ids[3]: "2026-12-22 10:00"}
	for _, a := range got {
		if s := a.Start.Format("2006-01-02 15:04"); s != want[a.ID] {
			t.Errorf("appointment %d at %s, want %s", a.ID, s, want[a.ID])
		}
	}
	// A cancelled appointment stays where it was, and cannot be moved.
	if _, err := f.s.Reschedule(ctx, ids[3], wall("2026-12-23 10:00"), false); codeOf(err) != CodeNotPlanned {
		t.Errorf("moving a cancelled appointment = %v; want %s", err, CodeNotPlanned)
	}
	if _, err := f.s.CancelAppointment(ctx, ids[0], "  "); codeOf(err) != CodeReasonNeeded {
		t.Errorf("cancelling without a reason = %v; want %s", err, CodeReasonNeeded)
	}
}

func TestAFutureAppointmentCannotBeAttended(t *testing.T) {
	f := newFixture(t) // now: 22 November 2026, 10:00
	c := f.client(t, Client{FirstName: "Anouk", Status: StatusActive})
	future := Appointment{ClientID: c.ID, Start: wall("2026-11-22 10:30"), Minutes: 60, Attendance: AttendanceAttended}
	for _, att := range []Attendance{AttendanceAttended, AttendanceNoShow} {
		future.Attendance = att
		if _, err := f.s.SaveAppointment(ctx, future); codeOf(err) != CodeAttendanceFuture {
			t.Errorf("a future appointment marked %s = %v; want %s", att, err, CodeAttendanceFuture)
		}
	}
	if got, _ := f.s.Appointments(ctx, c.ID); len(got) != 0 {
		t.Errorf("a refused appointment was kept: %+v", got)
	}
	future.Attendance = AttendanceCancelled
	future.Reason = "ziek"
	if _, err := f.s.SaveAppointment(ctx, future); err != nil {
		t.Errorf("cancelling a future appointment: %v", err)
	}
	past := Appointment{ClientID: c.ID, Start: wall("2026-11-22 10:00"), Minutes: 60, Attendance: AttendanceAttended}
	if _, err := f.s.SaveAppointment(ctx, past); err != nil {
		t.Errorf("marking an appointment that has begun attended: %v", err)
	}
}

func TestSessionNoteIsLinkedBothWays(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Anouk", Status: StatusActive})
	a, err := f.s.SaveAppointment(ctx, Appointment{ClientID: c.ID, Start: wall("2026-11-20 10:00"), Minutes: 60,
		Attendance: AttendanceAttended})
	if err != nil {
		t.Fatal(err)
	}
	r, err := f.s.SaveSessionNote(ctx, a.ID, Record{Title: "Gesprek", Body: "Portfolio besproken."})
	if err != nil {
		t.Fatal(err)
	}
	if r.Kind != KindNote || r.ClientID != c.ID || r.Date != day("2026-11-20") {
		t.Errorf("note = %+v; want a note of the client dated on the appointment", r)
	}
	s := f.reopen(t)
	got, err := s.Appointment(ctx, a.ID)
	if err != nil || got.NoteID != r.ID {
		t.Errorf("appointment after reopening = %+v, %v; want note %d", got, err, r.ID)
	}
	back, err := s.NoteAppointment(ctx, r.ID)
	if err != nil || back.ID != a.ID {
		t.Errorf("NoteAppointment = %+v, %v; want appointment %d", back, err, a.ID)
	}
	// The note outlives its appointment, unlinked.
	if err := f.s.DeleteAppointment(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.NoteAppointment(ctx, r.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("NoteAppointment after deleting the appointment = %v; want ErrNotFound", err)
	}
	if _, err := f.s.Record(ctx, r.ID); err != nil {
		t.Errorf("the note went with its appointment: %v", err)
	}
	if _, err := f.s.SaveSessionNote(ctx, a.ID, Record{Title: "x"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("a note on a deleted appointment = %v; want ErrNotFound", err)
	}
}

func TestSearchFindsAppointmentsByPlaceAndNotes(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Anouk", Status: StatusActive})
	a, err := f.s.SaveAppointment(ctx, Appointment{ClientID: c.ID, Start: wall("2026-11-25 10:00"), Minutes: 60,
		Place: "Bibliotheek Kanaleneiland", Notes: "portfolio meenemen"})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"kanalen", "bibliotheek", "portfolio"} {
		hits, err := f.s.Search(ctx, q, 10)
		if err != nil || len(hits) != 1 || hits[0].AppointmentID != a.ID || hits[0].ClientID != c.ID ||
			!strings.Contains(hits[0].Snippet, "«") {
			t.Errorf("Search(%q) = %+v, %v; want the appointment", q, hits, err)
		}
	}
	a.Place = "Wijkcentrum"
	if _, err := f.s.SaveAppointment(ctx, a); err != nil {
		t.Fatal(err)
	}
	if hits, _ := f.s.Search(ctx, "kanaleneiland", 10); len(hits) != 0 {
		t.Errorf("Search finds a place edited away: %+v", hits)
	}
	if err := f.s.DeleteAppointment(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if hits, _ := f.s.Search(ctx, "wijkcentrum", 10); len(hits) != 0 {
		t.Errorf("Search finds a deleted appointment: %+v", hits)
	}
	if err := f.s.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

func TestDueWithinAWeek(t *testing.T) {
	f := newFixture(t) // today: 22 November 2026
	c := f.client(t, Client{FirstName: "Anouk", Status: StatusActive})
	soon, err := f.s.AddRequest(ctx, Request{ClientID: c.ID, Kind: RequestAccess, Received: day("2026-10-27"),
		Channel: ChannelEmail})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.AddRequest(ctx, Request{ClientID: c.ID, Kind: RequestAccess, Received: day("2026-11-20"),
		Channel: ChannelEmail}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.AddDisclosure(ctx, Disclosure{ClientID: c.ID, Recipient: "Gemeente Utrecht",
		What: "voortgangsverslag", Date: day("2026-11-01"), Basis: LegalBasisPublicTask}); err != nil {
		t.Fatal(err)
	}
	rect, err := f.s.AddRequest(ctx, Request{ClientID: c.ID, Kind: RequestRectification, Received: day("2026-11-21"),
		Channel: ChannelEmail})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.NotifyList(ctx, rect.ID); err != nil {
		t.Fatal(err)
	}
	due, err := f.s.DueWithin(ctx, 7)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, d := range due {
		kinds = append(kinds, string(d.Kind))
	}
	if len(due) != 2 || due[0].Kind != DeadlineRequest || due[0].ItemID != soon.ID ||
		due[1].Kind != DeadlineNotice || due[1].Ref != "Gemeente Utrecht" || due[1].ItemID != rect.ID {
		t.Errorf("DueWithin(7) = %v %+v; want the request due 27 November, then the recipient to tell", kinds, due)
	}
}

func TestMigratesAVersion3VaultWithAppointments(t *testing.T) {
	image := imageAtVersion(t, 3,
		`INSERT INTO clients (id, uid, first_name, status, created_at, updated_at)
			VALUES (7, 'u7', 'Anouk', 'active', '2026-01-05 09:00:00', '2026-01-05 09:00:00')`,
		`INSERT INTO appointments (id, client_id, starts_at, minutes, place, created_at, updated_at)
			VALUES (3, 7, '2026-01-12 10:00:00', 60, 'Stadskantoor', '2026-01-05 09:00:00', '2026-01-05 09:00:00')`)
	s, err := Open(ctx, image, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if hits, err := s.Search(ctx, "stadskantoor", 10); err != nil || len(hits) != 1 || hits[0].AppointmentID != 3 {
		t.Errorf("Search for the place of an appointment made before v4 = %+v, %v", hits, err)
	}
	a, err := s.Appointment(ctx, 3)
	if err != nil || a.SeriesID != 0 || a.NoteID != 0 {
		t.Errorf("appointment after migrating = %+v, %v", a, err)
	}
}
