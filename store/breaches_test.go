package store

import (
	"fmt"
	"testing"
	"time"
)

// moment parses a civil date-time.
func moment(s string) time.Time {
	t, err := time.Parse(momentLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestBreachCountsDown72Hours(t *testing.T) {
	for _, tc := range []struct {
		name       string
		discovered string
		due        string
		now        string
		hoursLeft  int
	}{
		{"Friday afternoon: the weekend counts", "2026-11-20 16:00:00", "2026-11-23 16:00:00", "2026-11-21 16:00:00", 48},
		{"just discovered", "2026-11-20 16:00:00", "2026-11-23 16:00:00", "2026-11-20 16:00:00", 72},
		{"half an hour left", "2026-11-20 16:00:00", "2026-11-23 16:00:00", "2026-11-23 15:30:00", 0},
		{"due this minute", "2026-11-20 16:00:00", "2026-11-23 16:00:00", "2026-11-23 16:00:00", 0},
		{"a minute late", "2026-11-20 16:00:00", "2026-11-23 16:00:00", "2026-11-23 16:01:00", -1},
		{"a day late", "2026-11-20 16:00:00", "2026-11-23 16:00:00", "2026-11-24 16:00:00", -24},
		{"over Christmas", "2026-12-24 09:15:00", "2026-12-27 09:15:00", "2026-12-25 09:15:00", 48},
		// Real hours: when the clocks go back on Sunday 25 October the
		// wall clock reads an hour less at the end of the 72.
		{"the clocks go back", "2026-10-23 16:00:00", "2026-10-26 15:00:00", "2026-10-25 16:00:00", 23},
		// And an hour more when they go forward on Sunday 29 March.
		{"the clocks go forward", "2026-03-27 16:00:00", "2026-03-30 17:00:00", "2026-03-29 16:00:00", 25},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.clock.t = moment(tc.discovered)
			b, err := f.s.AddBreach(ctx, Breach{Discovered: moment(tc.discovered),
				Description: "Laptop bag left on the train", Categories: "contact details, coaching records",
				PeopleAffected: 12, RecordsAffected: 80})
			if err != nil {
				t.Fatal(err)
			}
			if got := BreachDue(b).Format(momentLayout); got != tc.due {
				t.Errorf("BreachDue = %s, want %s", got, tc.due)
			}
			f.clock.t = moment(tc.now)
			if got := BreachHoursLeft(b, f.clock.t); got != tc.hoursLeft {
				t.Errorf("BreachHoursLeft at %s = %d, want %d", tc.now, got, tc.hoursLeft)
			}
			dl, err := f.s.Deadlines(ctx)
			if err != nil || len(dl) != 1 || dl[0].Kind != DeadlineBreach || dl[0].HoursLeft != tc.hoursLeft ||
				dl[0].Due.Format(momentLayout) != tc.due || dl[0].ItemID != b.ID ||
				dl[0].Ref != "Laptop bag left on the train" {
				t.Errorf("Deadlines = %+v, %v", dl, err)
			}
			if want := map[bool]RetentionState{true: RetentionOverdue, false: RetentionUrgent}[tc.hoursLeft < 0]; len(dl) == 1 && dl[0].State != want {
				t.Errorf("state %s, want %s", dl[0].State, want)
			}
		})
	}
}

func TestBreachRegister(t *testing.T) {
	f := newFixture(t)
	f.clock.t = moment("2026-11-22 10:00:00")
	b, err := f.s.AddBreach(ctx, Breach{Discovered: moment("2026-11-21 09:00:00"),
		Description: "E-mail with an evaluation sent to the wrong school\nSchool deleted it at once.",
		Categories:  "coaching records", PeopleAffected: 1, RecordsAffected: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		edit  func(*Breach)
		field string
	}{
		{"no discovery", func(b *Breach) { b.Discovered = time.Time{} }, "discovered_at"},
		{"nothing happened", func(b *Breach) { b.Description = " " }, "description"},
		{"negative people", func(b *Breach) { b.PeopleAffected = -1 }, "people_affected"},
		{"negative records", func(b *Breach) { b.RecordsAffected = -3 }, "records_affected"},
		{"reported before discovered", func(b *Breach) { b.Reported = moment("2026-11-20 09:00:00") }, "reported_at"},
		{"told before discovered", func(b *Breach) { b.PeopleInformed = moment("2026-11-20 09:00:00") }, "people_informed_at"},
		{"reported, with a reason not to", func(b *Breach) {
			b.Reported, b.NotReportedReason = moment("2026-11-21 12:00:00"), "no risk"
		}, "not_reported_reason"},
		{"discovered tomorrow", func(b *Breach) { b.Discovered = moment("2026-11-23 09:00:00") }, "discovered_at"},
		{"reported in an hour", func(b *Breach) { b.Reported = moment("2026-11-22 11:00:00") }, "reported_at"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := b
			tc.edit(&bad)
			_, err := f.s.UpdateBreach(ctx, bad)
			wantInvalid(t, err, tc.field)
			_, err = f.s.AddBreach(ctx, bad)
			wantInvalid(t, err, tc.field)
		})
	}

	// Kept unreported, with the reason: it no longer counts down.
	b.NotReportedReason = "one record, deleted by the recipient unread: no risk to the client"
	if _, err := f.s.UpdateBreach(ctx, b); err != nil {
		t.Fatal(err)
	}
	if dl, _ := f.s.Deadlines(ctx); len(dl) != 0 {
		t.Errorf("a breach kept unreported with a reason is still due: %+v", dl)
	}
	// Reported: it stays in the register.
	b2, err := f.s.AddBreach(ctx, Breach{Discovered: moment("2026-11-22 08:00:00"), Description: "Phone stolen"})
	if err != nil {
		t.Fatal(err)
	}
	b2.Reported, b2.PeopleInformed, b2.Measures = moment("2026-11-22 09:30:00"), moment("2026-11-22 09:45:00"), "Remote wipe"
	if _, err := f.s.UpdateBreach(ctx, b2); err != nil {
		t.Fatal(err)
	}
	all, err := f.s.Breaches(ctx)
	if err != nil || len(all) != 2 || all[0].ID != b2.ID || all[0].Measures != "Remote wipe" ||
		all[0].Reported.Format(momentLayout) != "2026-11-22 09:30:00" || all[1].NotReportedReason == "" ||
		all[1].Created.Format(momentLayout) != "2026-11-22 10:00:00" {
		t.Errorf("Breaches = %+v, %v", all, err)
	}
	if dl, _ := f.s.Deadlines(ctx); len(dl) != 0 {
		t.Errorf("a reported breach is still due: %+v", dl)
	}
	if _, err := f.s.UpdateBreach(ctx, Breach{ID: 99, Discovered: moment("2026-11-22 08:00:00"), Description: "x"}); err == nil {
		t.Error("UpdateBreach of an unknown breach succeeded")
	}
	log, _ := f.s.Audit(ctx, 0, 0)
	for _, e := range log {
		if e.Detail != fmt.Sprintf("breach %d", b.ID) && e.Detail != fmt.Sprintf("breach %d", b2.ID) {
			t.Errorf("audit line %+v: a breach line says no more than its number", e)
		}
	}
}

func TestDeadlinesAcrossKinds(t *testing.T) {
	f := newFixture(t)
	f.at(day("2026-10-21"))
	c := f.client(t, Client{FirstName: "Ayla", LastName: "Vermeer", Status: StatusActive})
	req := f.request(t, c, RequestAccess, "2026-10-21") // due Monday 2026-11-23
	late := f.request(t, c, RequestPortability, "2026-10-01")
	if _, err := f.s.ExtendRequest(ctx, late.ID, 2, "a complex request"); err != nil { // due 2027-01-01 → 2027-01-04
		t.Fatal(err)
	}
	done := f.request(t, c, RequestObjection, "2026-10-21")
	if _, err := f.s.AnswerRequest(ctx, done.ID, "upheld"); err != nil {
		t.Fatal(err)
	}
	f.clock.t = moment("2026-11-22 10:00:00")
	over := f.closed(t, "Over", "2023-01-01", "2024-11-21")                                                       // purge 2026-11-21
	rej := f.client(t, Client{FirstName: "Rej", Status: StatusRejected, RejectedOn: day("2026-10-23")})           // purge 2026-11-23
	b, err := f.s.AddBreach(ctx, Breach{Discovered: moment("2026-11-20 16:00:00"), Description: "Laptop stolen"}) // due 2026-11-23 16:00
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.AddBreach(ctx, Breach{Discovered: moment("2026-11-19 16:00:00"), Description: "Reported",
		Reported: moment("2026-11-20 10:00:00")}); err != nil {
		t.Fatal(err)
	}
	got, err := f.s.Deadlines(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []Deadline{
		{Kind: DeadlineRetention, Category: CategoryDossier, ClientID: over.ID, Name: "Over", Due: day("2026-11-21"), DaysLeft: -1, State: RetentionOverdue},
		{Kind: DeadlineBreach, ItemID: b.ID, Ref: "Laptop stolen", Due: moment("2026-11-23 16:00:00"), DaysLeft: 1, HoursLeft: 30, State: RetentionUrgent},
		{Kind: DeadlineRequest, RequestKind: RequestAccess, ClientID: c.ID, Name: "Ayla Vermeer", ItemID: req.ID, Due: day("2026-11-23"), DaysLeft: 1, State: RetentionUrgent},
		{Kind: DeadlineRetention, Category: CategoryRejectedIntake, ClientID: rej.ID, Name: "Rej", Due: day("2026-11-23"), DaysLeft: 1, State: RetentionUrgent},
		{Kind: DeadlineRequest, RequestKind: RequestPortability, ClientID: c.ID, Name: "Ayla Vermeer", ItemID: late.ID, Due: day("2027-01-04"), DaysLeft: 43, State: RetentionCounting, Extended: true},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Deadlines =\n%+v\nwant\n%+v", got, want)
	}
}
