package store

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/caseload/caseload/store/legaldate"
)

// at moves the fixture's clock to noon of day.
func (f *fixture) at(day time.Time) { f.clock.t = day.Add(12 * time.Hour) }

// closed adds a client whose trajectory ran from start to end.
func (f *fixture) closed(t testing.TB, name, start, end string) Client {
	t.Helper()
	c, err := f.s.CreateClient(ctx, Client{FirstName: name, Status: StatusClosed,
		Start: day(start), End: day(end), Outcome: OutcomeWork})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// row returns the caseload row of client id.
func (f *fixture) row(t testing.TB, id int64) ClientRow {
	t.Helper()
	rows, err := f.s.ListClients(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("client %d not in the caseload", id)
	return ClientRow{}
}

func (f *fixture) setPolicy(t testing.TB, c Category, b Basis, months int) {
	t.Helper()
	if err := f.s.SavePolicy(ctx, Policy{Category: c, Basis: b, Months: months, Reason: "test"}); err != nil {
		t.Fatal(err)
	}
}

func TestLawAddMonthsInSQLMatchesLegaldate(t *testing.T) {
	f := newFixture(t)
	// The days around every month end of a leap year and the years around
	// it (mid-month days cannot go wrong), by the periods a policy is
	// likely to have.
	rs, err := f.s.conn.QueryContext(ctx, `WITH RECURSIVE d (day) AS (
			SELECT '2023-01-01' UNION ALL SELECT date(day, '+1 day') FROM d WHERE day < '2025-12-31'),
		m (months) AS (VALUES (1), (2), (3), (11), (12), (13), (24), (25), (84), (1200))
		SELECT day, months, `+lawAddMonths("day", "months")+` FROM d, m
		WHERE substr(day, 9) NOT BETWEEN '03' AND '26'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	n := 0
	for rs.Next() {
		var from, got string
		var months int
		if err := rs.Scan(&from, &months, &got); err != nil {
			t.Fatal(err)
		}
		if want := legaldate.AddMonths(day(from), months).Format(dateLayout); got != want {
			t.Errorf("%s + %d months = %s in SQL, %s in legaldate", from, months, got, want)
		}
		n++
	}
	if err := rs.Err(); err != nil || n != 232*10 { // the 27th to the 2nd: 232 days in three years
		t.Fatalf("compared %d dates, %v", n, err)
	}
}

func TestCountdownOnEveryBoundary(t *testing.T) {
	tests := []struct {
		name     string
		policy   int // dossier months; 0 leaves the default (24)
		end      string
		purgeOn  string
		today    string
		days     int
		state    RetentionState
		category Category
	}{
		{"leap day, the day before", 0, "2024-02-29", "2026-02-28", "2026-02-27", 1, RetentionUrgent, CategoryDossier},
		{"leap day, the day of", 0, "2024-02-29", "2026-02-28", "2026-02-28", 0, RetentionUrgent, CategoryDossier},
		{"leap day, the day after", 0, "2024-02-29", "2026-02-28", "2026-03-01", -1, RetentionOverdue, CategoryDossier},
		{"month end, the day before", 1, "2025-08-31", "2025-09-30", "2025-09-29", 1, RetentionUrgent, CategoryDossier},
		{"month end, the day of", 1, "2025-08-31", "2025-09-30", "2025-09-30", 0, RetentionUrgent, CategoryDossier},
		{"month end, the day after", 1, "2025-08-31", "2025-09-30", "2025-10-01", -1, RetentionOverdue, CategoryDossier},
		{"into a leap February", 1, "2028-01-31", "2028-02-29", "2028-02-01", 28, RetentionSoon, CategoryDossier},
		{"a Saturday stays a Saturday", 1, "2026-01-07", "2026-02-07", "2026-02-07", 0, RetentionUrgent, CategoryDossier},
		{"31 days: counting", 0, "2024-06-15", "2026-06-15", "2026-05-15", 31, RetentionCounting, CategoryDossier},
		{"30 days: soon", 0, "2024-06-15", "2026-06-15", "2026-05-16", 30, RetentionSoon, CategoryDossier},
		{"16 days: soon", 0, "2024-06-15", "2026-06-15", "2026-05-30", 16, RetentionSoon, CategoryDossier},
		{"15 days: urgent", 0, "2024-06-15", "2026-06-15", "2026-05-31", 15, RetentionUrgent, CategoryDossier},
		{"-1 day: overdue", 0, "2024-06-15", "2026-06-15", "2026-06-16", -1, RetentionOverdue, CategoryDossier},
		{"long overdue", 0, "2020-06-15", "2022-06-15", "2026-06-15", -1461, RetentionOverdue, CategoryDossier},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			if tt.policy != 0 {
				f.setPolicy(t, CategoryDossier, BasisTrajectoryEnd, tt.policy)
			}
			c := f.closed(t, "Ilse", "2020-01-01", tt.end)
			f.at(day(tt.today))
			got := f.row(t, c.ID).Retention
			want := Countdown{State: tt.state, Category: tt.category, PurgeOn: day(tt.purgeOn), DaysLeft: tt.days}
			if got != want {
				t.Errorf("countdown on %s = %+v, want %+v", tt.today, got, want)
			}
		})
	}
}

func TestRejectedIntakeCountsOneMonth(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Yara", Status: StatusRejected, RejectedOn: day("2025-08-31")})
	for _, tt := range []struct {
		today string
		days  int
		state RetentionState
	}{
		{"2025-08-31", 30, RetentionSoon},
		{"2025-09-30", 0, RetentionUrgent},
		{"2025-10-01", -1, RetentionOverdue},
	} {
		f.at(day(tt.today))
		got := f.row(t, c.ID).Retention
		want := Countdown{State: tt.state, Category: CategoryRejectedIntake, PurgeOn: day("2025-09-30"), DaysLeft: tt.days}
		if got != want {
			t.Errorf("on %s: %+v, want %+v", tt.today, got, want)
		}
	}
}

func TestRunningTrajectoryHasNoCountdown(t *testing.T) {
	f := newFixture(t)
	for _, st := range []Status{StatusIntake, StatusActive} {
		c := f.client(t, Client{FirstName: "Bo", Status: st, Start: day("2019-01-01")})
		if got := f.row(t, c.ID).Retention; got != (Countdown{State: RetentionRunning}) {
			t.Errorf("%s: %+v, want a running trajectory without countdown", st, got)
		}
		if _, err := f.s.PlanPurge(ctx, c.ID, PurgeOptions{}); !errors.Is(err, ErrNotDue) {
			t.Errorf("%s: PlanPurge = %v, want ErrNotDue", st, err)
		}
	}
	if n, err := f.s.DueCount(ctx); err != nil || n != (DueCounts{}) {
		t.Errorf("DueCount = %+v, %v", n, err)
	}
}

func TestRecordDateBasisCountsFromTheLastEntry(t *testing.T) {
	f := newFixture(t)
	f.setPolicy(t, CategoryDossier, BasisRecordDate, 24)
	late := f.closed(t, "Late", "2023-01-01", "2024-01-10")
	early := f.closed(t, "Early", "2023-01-01", "2024-01-10")
	for _, r := range []Record{
		{ClientID: late.ID, Kind: KindNote, Title: "Nazorg", Date: day("2024-06-30")},
		{ClientID: early.ID, Kind: KindNote, Title: "Gesprek", Date: day("2023-05-01")},
	} {
		if _, err := f.s.SaveRecord(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if got := f.row(t, late.ID).Retention.PurgeOn; !got.Equal(day("2026-06-30")) {
		t.Errorf("a note after the end: purge on %s, want 2026-06-30", got.Format(dateLayout))
	}
	if got := f.row(t, early.ID).Retention.PurgeOn; !got.Equal(day("2026-01-10")) {
		t.Errorf("notes before the end: purge on %s, want the end + 24 months, 2026-01-10", got.Format(dateLayout))
	}
}

func TestLegalHold(t *testing.T) {
	f := newFixture(t)
	f.at(day("2026-11-22"))
	c := f.closed(t, "Hanna", "2022-01-01", "2024-01-10") // overdue since 2026-01-10
	other := f.closed(t, "Ot", "2022-01-01", "2024-01-10")
	if err := f.s.SetHold(ctx, c.ID, true, "procedure bij de rechtbank", day("2026-11-22")); err != nil {
		t.Fatal(err)
	}

	// Held up to and including the end date.
	got := f.row(t, c.ID).Retention
	if got.State != RetentionHold || got.HoldReason != "procedure bij de rechtbank" || !got.PurgeOn.Equal(day("2026-01-10")) {
		t.Errorf("on hold: %+v", got)
	}
	if _, err := f.s.PlanPurge(ctx, c.ID, PurgeOptions{}); !errors.Is(err, ErrOnHold) {
		t.Errorf("PlanPurge of a held client = %v, want ErrOnHold", err)
	}
	if _, err := f.s.PlanPurge(ctx, c.ID, PurgeOptions{Override: true}); !errors.Is(err, ErrOnHold) {
		t.Errorf("an override of a hold = %v, want ErrOnHold", err)
	}
	plans, err := f.s.DuePurges(ctx)
	if err != nil || len(plans) != 1 || plans[0].ClientID != other.ID {
		t.Errorf("DuePurges = %+v, %v; want only the client not on hold", plans, err)
	}
	if n, _ := f.s.DueCount(ctx); n != (DueCounts{Erasable: 1}) {
		t.Errorf("DueCount = %+v, want 1: a held dossier is not due", n)
	}
	dl, _ := f.s.Deadlines(ctx)
	var listed bool
	for _, d := range dl {
		if d.ClientID == c.ID {
			listed = d.State == RetentionHold && d.HoldReason == "procedure bij de rechtbank"
		}
	}
	if !listed {
		t.Errorf("the deadlines do not show the hold with its reason: %+v", dl)
	}

	// The day after the hold's end it counts again.
	f.at(day("2026-11-23"))
	got = f.row(t, c.ID).Retention
	if got.State != RetentionOverdue || got.HoldReason != "" || got.DaysLeft != -317 {
		t.Errorf("after the hold ended: %+v, want overdue by 317 days", got)
	}
	if _, err := f.s.PlanPurge(ctx, c.ID, PurgeOptions{}); err != nil {
		t.Errorf("PlanPurge after the hold ended: %v", err)
	}

	// A hold without an end date holds until lifted.
	if err := f.s.SetHold(ctx, c.ID, true, "accountantscontrole", time.Time{}); err != nil {
		t.Fatal(err)
	}
	f.at(day("2040-01-01"))
	if got := f.row(t, c.ID).Retention.State; got != RetentionHold {
		t.Errorf("open-ended hold in 2040: %s", got)
	}
}

func TestRestrictedClientCannotBeEditedOrPurged(t *testing.T) {
	f := newFixture(t)
	c := f.closed(t, "Rosa", "2020-01-01", "2022-01-01")
	if err := f.s.SetRestriction(ctx, c.ID, true, "betwist juistheid"); err != nil {
		t.Fatal(err)
	}
	c.Notes = "changed"
	if _, err := f.s.UpdateClient(ctx, c); !errors.Is(err, ErrRestricted) {
		t.Errorf("UpdateClient = %v, want ErrRestricted", err)
	}
	if _, err := f.s.AddInvoice(ctx, Invoice{ClientID: c.ID, Number: "2026-001", Date: day("2026-01-05"),
		AmountCents: 9500, Debtor: "Rosa"}); !errors.Is(err, ErrRestricted) {
		t.Errorf("AddInvoice = %v, want ErrRestricted", err)
	}
	if _, err := f.s.PlanPurge(ctx, c.ID, PurgeOptions{}); !errors.Is(err, ErrRestricted) {
		t.Errorf("PlanPurge = %v, want ErrRestricted", err)
	}
	if plans, _ := f.s.DuePurges(ctx); len(plans) != 0 {
		t.Errorf("DuePurges offers a restricted client: %+v", plans)
	}
	dl, _ := f.s.Deadlines(ctx)
	if len(dl) != 1 || !dl[0].Restricted || dl[0].State != RetentionOverdue {
		t.Errorf("Deadlines = %+v, want the overdue dossier marked restricted", dl)
	}
	// The count at startup matches what a purge would erase: none, and
	// says the restricted one apart.
	if n, err := f.s.DueCount(ctx); err != nil || n != (DueCounts{Restricted: 1}) {
		t.Errorf("DueCount = %+v, %v; want the restricted dossier counted apart", n, err)
	}
	// Lifted, it is due like any other.
	if err := f.s.SetRestriction(ctx, c.ID, false, ""); err != nil {
		t.Fatal(err)
	}
	if n, _ := f.s.DueCount(ctx); n != (DueCounts{Erasable: 1}) {
		t.Errorf("DueCount after lifting = %+v, want 1 erasable", n)
	}
}

func TestDeadlines(t *testing.T) {
	f := newFixture(t)
	f.at(day("2026-11-22"))
	// Purge dates: 2026-12-22 (30 days), 2026-12-23 (31 days: not listed),
	// 2026-11-21 (overdue), and a rejected intake on 2026-12-01.
	soon := f.closed(t, "Soon", "2023-01-01", "2024-12-22")
	f.closed(t, "Later", "2023-01-01", "2024-12-23")
	over := f.closed(t, "Over", "2023-01-01", "2024-11-21")
	rej := f.client(t, Client{FirstName: "Rej", Status: StatusRejected, RejectedOn: day("2026-11-01")})
	f.client(t, Client{FirstName: "Running", Status: StatusActive})
	inv, err := f.s.AddInvoice(ctx, Invoice{ClientID: soon.ID, Number: "2019-014", Date: day("2019-12-10"),
		AmountCents: 12000, Debtor: "Gemeente Utrecht", Description: "Coaching"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.s.Deadlines(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []Deadline{
		{Kind: DeadlineRetention, Category: CategoryDossier, ClientID: over.ID, Name: "Over", Due: day("2026-11-21"), DaysLeft: -1, State: RetentionOverdue},
		{Kind: DeadlineRetention, Category: CategoryRejectedIntake, ClientID: rej.ID, Name: "Rej", Due: day("2026-12-01"), DaysLeft: 9, State: RetentionUrgent},
		{Kind: DeadlineRetention, Category: CategoryInvoice, ClientID: soon.ID, Name: "Soon", ItemID: inv.ID, Ref: "2019-014", Due: day("2026-12-10"), DaysLeft: 18, State: RetentionSoon},
		{Kind: DeadlineRetention, Category: CategoryDossier, ClientID: soon.ID, Name: "Soon", Due: day("2026-12-22"), DaysLeft: 30, State: RetentionSoon},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Deadlines =\n%v\nwant\n%v", got, want)
	}
	if n, _ := f.s.DueCount(ctx); n != (DueCounts{Erasable: 1}) {
		t.Errorf("DueCount = %+v, want 1", n)
	}
	if !inv.KeepUntil.Equal(day("2026-12-10")) {
		t.Errorf("invoice kept until %s", inv.KeepUntil.Format(dateLayout))
	}
	if got := f.row(t, soon.ID).InvoicesUntil; !got.Equal(day("2026-12-10")) {
		t.Errorf("InvoicesUntil = %s", got.Format(dateLayout))
	}
}

func TestPolicies(t *testing.T) {
	f := newFixture(t)
	ps, err := f.s.Policies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.String())
	}
	want := "dossier: 24 months after trajectory end|rejected_intake: 1 month after rejection|invoice: 84 months after invoice date|" +
		"applicant: 1 month after rejection|correspondence: 24 months after record date|" +
		"id_copy: 24 months after trajectory end|recorded: 84 months after record date|" +
		"complaint: 24 months after complaint closed"
	if strings.Join(got, "|") != want {
		t.Errorf("default policies = %q", got)
	}

	bad := []Policy{
		{Category: CategoryDossier, Basis: BasisTrajectoryEnd, Months: 36},                // no reason
		{Category: CategoryDossier, Basis: BasisTrajectoryEnd, Months: 0, Reason: "x"},    // too short
		{Category: CategoryDossier, Basis: BasisTrajectoryEnd, Months: 1201, Reason: "x"}, // too long
		{Category: CategoryDossier, Basis: BasisInvoiceDate, Months: 24, Reason: "x"},     // wrong basis
		{Category: CategoryRejectedIntake, Basis: BasisTrajectoryEnd, Months: 1, Reason: "x"},
		{Category: CategoryInvoice, Basis: BasisInvoiceDate, Months: 83, Reason: "x"},                  // below the fiscal duty
		{Category: "newsletter", Basis: BasisRecordDate, Months: 12, Reason: "x", Name: "Nieuwsbrief"}, // unknown
		{Category: CategoryApplicant, Basis: BasisRejection, Months: 1, Reason: "x"},                   // no name
		{Category: "Nieuws brief", Basis: BasisRecordDate, Months: 12, Reason: "x", Name: "x"},         // not a key
	}
	for _, p := range bad {
		var ve *ValidationError
		if err := f.s.SavePolicy(ctx, p); !errors.As(err, &ve) {
			t.Errorf("SavePolicy(%+v) = %v, want a ValidationError", p, err)
		}
	}

	p := Policy{Category: CategoryDossier, Basis: BasisTrajectoryEnd, Months: 36, Reason: "Subsidievoorwaarde gemeente: drie jaar."}
	if err := f.s.SavePolicy(ctx, p); err != nil {
		t.Fatal(err)
	}
	ps, _ = f.reopen(t).Policies(ctx)
	if ps[0].Months != 36 || ps[0].Reason != p.Reason || ps[0].Updated.IsZero() {
		t.Errorf("saved policy = %+v", ps[0])
	}
	log, _ := f.s.Audit(ctx, 0, 1)
	if len(log) != 1 || log[0].Action != AuditEdit ||
		log[0].Detail != "retention policy dossier: 24 months after trajectory end → dossier: 36 months after trajectory end" {
		t.Errorf("policy change audit = %+v", log)
	}
}

func TestPreviewPolicy(t *testing.T) {
	f := newFixture(t)
	f.at(day("2026-11-22"))
	f.closed(t, "A", "2024-01-01", "2025-01-01") // 24 m: 2027-01-01; 12 m: 2026-01-01
	f.closed(t, "B", "2024-01-01", "2024-06-01") // 24 m: 2026-06-01
	f.closed(t, "C", "2022-01-01", "2023-01-01") // 24 m: 2025-01-01
	held := f.closed(t, "D", "2022-01-01", "2023-01-01")
	if err := f.s.SetHold(ctx, held.ID, true, "geschil", time.Time{}); err != nil {
		t.Fatal(err)
	}
	f.client(t, Client{FirstName: "R", Status: StatusRejected, RejectedOn: day("2020-01-01")})

	for _, tt := range []struct {
		months int
		want   PolicyImpact
	}{
		{24, PolicyImpact{Category: CategoryDossier, DueNow: 2, DueAfter: 2}},
		{12, PolicyImpact{Category: CategoryDossier, DueNow: 2, DueAfter: 3, NewlyDue: 1}},
		{36, PolicyImpact{Category: CategoryDossier, DueNow: 2, DueAfter: 1, NoLongerDue: 1}},
		{48, PolicyImpact{Category: CategoryDossier, DueNow: 2, DueAfter: 0, NoLongerDue: 2}},
	} {
		got, err := f.s.PreviewPolicy(ctx, Policy{Category: CategoryDossier, Basis: BasisTrajectoryEnd, Months: tt.months})
		if err != nil || got != tt.want {
			t.Errorf("preview %d months = %+v, %v; want %+v", tt.months, got, err, tt.want)
		}
	}
	got, err := f.s.PreviewPolicy(ctx, Policy{Category: CategoryRejectedIntake, Basis: BasisRejection, Months: 120})
	if want := (PolicyImpact{Category: CategoryRejectedIntake, DueNow: 1, NoLongerDue: 1}); err != nil || got != want {
		t.Errorf("rejected-intake preview = %+v, %v; want %+v", got, err, want)
	}
	if ps, _ := f.s.Policies(ctx); ps[0].Months != 24 {
		t.Error("a preview changed the policy")
	}
	var ve *ValidationError
	if _, err := f.s.PreviewPolicy(ctx, Policy{Category: CategoryInvoice, Basis: BasisInvoiceDate, Months: 12}); !errors.As(err, &ve) {
		t.Errorf("preview of a too short invoice policy = %v", err)
	}
}

func TestPreviewInvoicePolicy(t *testing.T) {
	f := newFixture(t)
	f.at(day("2026-11-22"))
	c := f.client(t, Client{FirstName: "Eva", Status: StatusActive})
	for i, d := range []string{"2018-01-15", "2019-06-01", "2020-01-01"} {
		if _, err := f.s.AddInvoice(ctx, Invoice{ClientID: c.ID, Number: fmt.Sprintf("F%d", i), Date: day(d),
			AmountCents: 5000, Debtor: "Eva"}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := f.s.PreviewPolicy(ctx, Policy{Category: CategoryInvoice, Basis: BasisInvoiceDate, Months: 96})
	if want := (PolicyImpact{Category: CategoryInvoice, DueNow: 2, DueAfter: 1, NoLongerDue: 1}); err != nil || got != want {
		t.Errorf("invoice preview = %+v, %v; want %+v", got, err, want)
	}
}

func TestClosedClientNeedsAnOutcome(t *testing.T) {
	f := newFixture(t)
	_, err := f.s.CreateClient(ctx, Client{FirstName: "Zoë", Status: StatusClosed, Start: day("2025-01-01"), End: day("2025-06-01")})
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Field != "outcome" {
		t.Errorf("closing without an outcome = %v, want a ValidationError on outcome", err)
	}
}

func TestInvoices(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Mees", Status: StatusActive})
	var ve *ValidationError
	for _, inv := range []Invoice{
		{Number: "1", Date: day("2026-01-01"), AmountCents: 1, Debtor: "x"},
		{ClientID: c.ID, Date: day("2026-01-01"), AmountCents: 1, Debtor: "x"},
		{ClientID: c.ID, Number: "1", AmountCents: 1, Debtor: "x"},
		{ClientID: c.ID, Number: "1", Date: day("2026-01-01"), Debtor: "x"},
		{ClientID: c.ID, Number: "1", Date: day("2026-01-01"), AmountCents: 1},
	} {
		if _, err := f.s.AddInvoice(ctx, inv); !errors.As(err, &ve) {
			t.Errorf("AddInvoice(%+v) = %v, want a ValidationError", inv, err)
		}
	}
	inv := Invoice{ClientID: c.ID, Number: "2026-007", Date: day("2026-03-01"), AmountCents: -4500,
		Debtor: "Gemeente Arnhem", Description: "Creditnota coaching maart"}
	got, err := f.s.AddInvoice(ctx, inv)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.AddInvoice(ctx, inv); !errors.As(err, &ve) || ve.Field != "number" {
		t.Errorf("a second invoice 2026-007 = %v, want a ValidationError on number", err)
	}
	list, err := f.reopen(t).Invoices(ctx, c.ID)
	inv.ID, inv.KeepUntil = got.ID, day("2033-03-01")
	if err != nil || len(list) != 1 || !sameInvoice(list[0], inv) {
		t.Errorf("Invoices = %+v, %v; want %+v", list, err, inv)
	}
}
