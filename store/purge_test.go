package store

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// exec runs SQL on the store's connection, for rows no method writes yet.
func (f *fixture) exec(t testing.TB, q string, args ...any) {
	t.Helper()
	if _, err := f.s.conn.ExecContext(ctx, q, args...); err != nil {
		t.Fatal(err)
	}
}

// dossier is a closed client with something in every table, the way a
// coach leaves a dossier after two years of work.
type dossier struct {
	client   Client
	blobKey  string
	kept     Invoice // within its fiscal retention at the purge
	expired  Invoice // past it
	stranger Client  // another client, who must stay whole
}

// Invented details: nothing here is anyone's.
const (
	canaryFirst = "Quirijntje"
	canaryLast  = "Xylofoonvirtuoos"
	canaryMail  = "q.xylofoon@example.org"
	canaryWord  = "Zeldzaamwoordzonderweerga"
	// canaryLong is long enough to be stored packed: its plain words are
	// never in the image, so the purge test looks for its packed bytes.
	canaryLong = "Verslag van het tweede gesprek. Quirijntje vertelde over haar stage bij de bakkerij in Overvecht, " +
		"over de collega's en over wat ze na de zomer wil gaan doen; we spraken af dat ze de vacature zelf opzoekt."
	canaryDraft = "Halfgeschrevenverslagwoord"
	canaryNote  = "Bijzondereaantekeningtekst"
)

func newDossier(t *testing.T, f *fixture) dossier {
	t.Helper()
	var d dossier
	d.client = f.client(t, Client{FirstName: canaryFirst, LastName: canaryLast, Email: canaryMail,
		Phone: "06-12345678", Address: "Lindenlaan 4, Utrecht", BirthDate: day("2001-04-17"),
		Referral: ReferralMunicipality, ReferralDetail: "Gemeente Utrecht", Status: StatusClosed,
		Start: day("2023-03-01"), End: day("2024-01-10"), Outcome: OutcomeWork,
		Notes: canaryNote})
	d.stranger = f.client(t, Client{FirstName: "Anouk", LastName: "Blijft", Status: StatusActive})
	id := d.client.ID
	for _, r := range []Record{
		{ClientID: id, Kind: KindIntake, Title: "Intake", Body: "Wil werken in de zorg; " + canaryWord + ".", Date: day("2023-03-01")},
		{ClientID: id, Kind: KindNote, Title: "Medisch", Body: "Zwangerschapsverlof gepland.", Date: day("2023-06-01"), Special: true},
		{ClientID: id, Kind: KindNote, Title: "Tweede gesprek", Body: canaryLong, Date: day("2023-04-01")},
		{ClientID: d.stranger.ID, Kind: KindNote, Title: "Gesprek", Body: "Blijvende tekst.", Date: day("2026-01-01")},
	} {
		if _, err := f.s.SaveRecord(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.s.SaveAppointment(ctx, Appointment{ClientID: id, Start: time.Date(2023, 9, 1, 10, 0, 0, 0, time.UTC),
		Minutes: 60, Attendance: AttendanceAttended}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.AddAttachment(ctx, Attachment{ClientID: id, Name: "cv-quirijntje.pdf", Kind: KindCV}, []byte("%PDF cv")); err != nil {
		t.Fatal(err)
	}
	d.blobKey = f.blobs.keys["blob1"]
	f.exec(t, `INSERT INTO consents (client_id, purpose, recipient, given_on) VALUES (?, 'voortgang', 'Gemeente Utrecht', '2023-03-01')`, id)
	f.exec(t, `INSERT INTO disclosures (client_id, recipient, what, disclosed_on, basis, consent_id)
		VALUES (?, 'Gemeente Utrecht', 'eindverslag', '2024-01-15', 'consent', last_insert_rowid())`, id)
	f.exec(t, `INSERT INTO requests (client_id, kind, received_on, due_on) VALUES (?, 'access', '2023-10-01', '2023-11-01')`, id)
	f.exec(t, `INSERT INTO request_notices (request_id, recipient) VALUES (last_insert_rowid(), 'Gemeente Utrecht')`)
	for key, text := range map[string]string{
		ClientDraftKey(id, "record:new"):          canaryDraft,
		ClientDraftKey(id, "client"):              canaryFirst + " " + canaryLast,
		ClientDraftKey(d.stranger.ID, "record:3"): "blijft",
	} {
		if err := f.s.SaveDraft(ctx, key, text); err != nil {
			t.Fatal(err)
		}
	}
	var err error
	if d.expired, err = f.s.AddInvoice(ctx, Invoice{ClientID: id, Number: "2019-031", Date: day("2019-05-01"),
		AmountCents: 4500, Debtor: "Gemeente Utrecht", Description: "Kennismakingsgesprek"}); err != nil {
		t.Fatal(err)
	}
	if d.kept, err = f.s.AddInvoice(ctx, Invoice{ClientID: id, Number: "2024-002", Date: day("2024-01-10"),
		AmountCents: 120000, Debtor: "Gemeente Utrecht", Description: "Coachingtraject 2023"}); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestPurgeLeavesNothingOfTheClient(t *testing.T) {
	f := newFixture(t)
	f.at(day("2026-11-22")) // the dossier was due on 2026-01-10
	d := newDossier(t, f)
	id := d.client.ID
	before, err := f.s.Statistics(ctx)
	if err != nil {
		t.Fatal(err)
	}
	logBefore, _ := f.s.Audit(ctx, id, 0)
	// The long note is in the image packed, and only so.
	packed, ok := packText(canaryLong).([]byte)
	if !ok {
		t.Fatal("the long canary is not stored packed")
	}
	if img, _ := f.s.Image(ctx); !bytes.Contains(img, packed) || bytes.Contains(img, []byte("Overvecht")) {
		t.Fatal("the long note is not in the image as packed bytes")
	}

	plan, err := f.s.PlanPurge(ctx, id, PurgeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := PurgePlan{Category: CategoryDossier, ClientID: id, Name: canaryFirst + " " + canaryLast,
		DueOn:       day("2026-01-10"),
		Rule:        Policy{Category: CategoryDossier, Basis: BasisTrajectoryEnd, Months: 24},
		InvoiceRule: Policy{Category: CategoryInvoice, Basis: BasisInvoiceDate, Months: 84},
		Records:     3, Documents: 1, Appointments: 1, Consents: 1, Disclosures: 1, Requests: 1, Drafts: 2,
		InvoicesErased: 1, InvoicesKept: 1, InvoicesKeptUntil: day("2031-01-10")}
	want.invoiceIDs, want.check = plan.invoiceIDs, plan.check
	if !plan.same(want) || plan.Name != want.Name ||
		plan.Policy() != "dossier: 24 months after trajectory end; invoice: 84 months after invoice date" {
		t.Fatalf("plan =\n%+v\nwant\n%+v", plan, want)
	}

	ts, err := f.s.Purge(ctx, plan)
	if err != nil {
		t.Fatal(err)
	}
	if ts.ClientID != id || !ts.PurgedOn.Equal(day("2026-11-22")) || ts.Policy != want.Policy() ||
		fmt.Sprint(ts.Categories) != "[dossier invoice]" {
		t.Errorf("tombstone = %+v", ts)
	}

	// No store query finds the client.
	if _, err := f.s.Client(ctx, id); !errors.Is(err, ErrNotFound) {
		t.Errorf("Client after purge = %v, want ErrNotFound", err)
	}
	rows, _ := f.s.ListClients(ctx)
	if len(rows) != 1 || rows[0].ID != d.stranger.ID {
		t.Errorf("ListClients after purge = %+v", rows)
	}
	for name, n := range map[string]func() (int, error){
		"records":      func() (int, error) { r, err := f.s.Records(ctx, id); return len(r), err },
		"appointments": func() (int, error) { r, err := f.s.Appointments(ctx, id); return len(r), err },
		"documents":    func() (int, error) { r, err := f.s.Attachments(ctx, id); return len(r), err },
		"invoices":     func() (int, error) { r, err := f.s.Invoices(ctx, id); return len(r), err },
	} {
		if got, err := n(); err != nil || got != 0 {
			t.Errorf("%s after purge: %d, %v", name, got, err)
		}
	}
	for _, q := range []string{canaryFirst, canaryLast, canaryWord, "Zwangerschapsverlof"} {
		if hits, err := f.s.Search(ctx, q, 10); err != nil || len(hits) != 0 {
			t.Errorf("Search(%q) after purge = %+v, %v", q, hits, err)
		}
	}
	for _, table := range []string{"consents", "disclosures", "requests", "request_notices"} {
		var n int
		if err := f.s.conn.QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&n); err != nil || n != 0 {
			t.Errorf("%s after purge: %d rows, %v", table, n, err)
		}
	}
	if got, _ := f.s.Draft(ctx, ClientDraftKey(id, "record:new")); got != "" {
		t.Errorf("a draft of the client survived: %q", got)
	}
	if got, _ := f.s.Draft(ctx, ClientDraftKey(d.stranger.ID, "record:3")); got != "blijft" {
		t.Errorf("the other client's draft = %q", got)
	}

	// Nor does the image: neither the one in memory nor the sealed one.
	image, err := f.s.Image(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, img := range [][]byte{image, f.seal.image} {
		if bytes.Contains(img, packed) {
			t.Error("the long note survives in the image, packed")
		}
		for _, s := range []string{canaryFirst, canaryLast, canaryMail, canaryWord, canaryDraft, canaryNote,
			"Zwangerschapsverlof", "Lindenlaan", "06-12345678", "cv-quirijntje", d.blobKey} {
			for _, v := range []string{s, strings.ToLower(s)} {
				if bytes.Contains(img, []byte(v)) {
					t.Errorf("%q survives in the image", v)
				}
			}
		}
	}
	if _, ok := f.blobs.files["blob1"]; ok {
		t.Error("the sealed document was not removed")
	}

	// What stays: the tombstone, the statistics, the audit line, the
	// invoice still under fiscal retention without the client.
	s2 := f.reopen(t)
	tss, err := s2.Tombstones(ctx)
	if err != nil || len(tss) != 1 || tss[0].ID != ts.ID || tss[0].Policy != ts.Policy ||
		fmt.Sprint(tss[0].Categories) != "[dossier invoice]" {
		t.Errorf("Tombstones = %+v, %v", tss, err)
	}
	after, err := s2.Statistics(ctx)
	if err != nil || fmt.Sprint(after) != fmt.Sprint(before) || len(after) != 1 || after[0].Trajectories != 1 ||
		after[0].MedianDays != 315 || after[0].Outcomes[OutcomeWork] != 1 {
		t.Errorf("statistics changed by the purge:\nbefore %+v\nafter  %+v", before, after)
	}
	kept, err := s2.Invoices(ctx, 0)
	want2 := d.kept
	want2.ClientID = 0
	if err != nil || len(kept) != 1 || !sameInvoice(kept[0], want2) {
		t.Errorf("invoices kept = %+v, %v; want %+v", kept, err, want2)
	}
	log, _ := s2.Audit(ctx, id, 0)
	if len(log) != len(logBefore)+1 || log[0].Action != AuditPurge || log[0].Detail != "" || !log[0].At.Equal(f.clock.t) {
		t.Errorf("audit after purge = %+v; want the old lines kept and a purge line with id and date only", log)
	}
	if err := s2.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
	if recs, _ := s2.Records(ctx, d.stranger.ID); len(recs) != 1 {
		t.Errorf("the other client's records = %+v", recs)
	}
}

func TestPurgeRefusesAChangedPlan(t *testing.T) {
	changes := map[string]func(t *testing.T, f *fixture, d dossier){
		"a record added": func(t *testing.T, f *fixture, d dossier) {
			if _, err := f.s.SaveRecord(ctx, Record{ClientID: d.client.ID, Kind: KindNote, Title: "Nog één", Date: day("2024-01-09")}); err != nil {
				t.Fatal(err)
			}
		},
		"a record swapped for another": func(t *testing.T, f *fixture, d dossier) {
			recs, _ := f.s.Records(ctx, d.client.ID)
			if err := f.s.DeleteRecord(ctx, recs[0].ID); err != nil {
				t.Fatal(err)
			}
			if _, err := f.s.SaveRecord(ctx, Record{ClientID: d.client.ID, Kind: KindNote, Title: "Ander", Date: day("2024-01-09")}); err != nil {
				t.Fatal(err)
			}
		},
		"the end date moved": func(t *testing.T, f *fixture, d dossier) {
			c := d.client
			c.End = day("2024-02-10")
			if _, err := f.s.UpdateClient(ctx, c); err != nil {
				t.Fatal(err)
			}
		},
		"the policy changed": func(t *testing.T, f *fixture, d dossier) {
			f.setPolicy(t, CategoryDossier, BasisTrajectoryEnd, 25)
		},
		"a draft written": func(t *testing.T, f *fixture, d dossier) {
			if err := f.s.SaveDraft(ctx, ClientDraftKey(d.client.ID, "record:9"), "x"); err != nil {
				t.Fatal(err)
			}
		},
		"an invoice added": func(t *testing.T, f *fixture, d dossier) {
			if _, err := f.s.AddInvoice(ctx, Invoice{ClientID: d.client.ID, Number: "2024-003", Date: day("2024-01-10"), AmountCents: 1, Debtor: "x"}); err != nil {
				t.Fatal(err)
			}
		},
	}
	for name, change := range changes {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t)
			d := newDossier(t, f)
			plan, err := f.s.PlanPurge(ctx, d.client.ID, PurgeOptions{})
			if err != nil {
				t.Fatal(err)
			}
			change(t, f, d)
			if _, err := f.s.Purge(ctx, plan); !errors.Is(err, ErrPlanChanged) {
				t.Fatalf("Purge after %s = %v, want ErrPlanChanged", name, err)
			}
			if _, err := f.s.Client(ctx, d.client.ID); err != nil {
				t.Errorf("the refused purge erased the client: %v", err)
			}
			if plan, err = f.s.PlanPurge(ctx, d.client.ID, PurgeOptions{}); err != nil {
				t.Fatal(err)
			}
			if _, err := f.s.Purge(ctx, plan); err != nil {
				t.Errorf("the plan made again: %v", err)
			}
		})
	}

	t.Run("a hold set", func(t *testing.T) {
		f := newFixture(t)
		d := newDossier(t, f)
		plan, _ := f.s.PlanPurge(ctx, d.client.ID, PurgeOptions{})
		if err := f.s.SetHold(ctx, d.client.ID, true, "klacht ingediend", time.Time{}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.Purge(ctx, plan); !errors.Is(err, ErrOnHold) {
			t.Errorf("Purge after a hold = %v, want ErrOnHold", err)
		}
	})
	t.Run("a plan never made", func(t *testing.T) {
		f := newFixture(t)
		d := newDossier(t, f)
		if _, err := f.s.Purge(ctx, PurgePlan{ClientID: d.client.ID, Category: CategoryDossier}); !errors.Is(err, ErrPlanChanged) {
			t.Errorf("Purge of a plan not from PlanPurge = %v, want ErrPlanChanged", err)
		}
	})
	t.Run("purged twice", func(t *testing.T) {
		f := newFixture(t)
		d := newDossier(t, f)
		plan, _ := f.s.PlanPurge(ctx, d.client.ID, PurgeOptions{})
		if _, err := f.s.Purge(ctx, plan); err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.Purge(ctx, plan); !errors.Is(err, ErrPlanChanged) {
			t.Errorf("a second Purge = %v, want ErrPlanChanged", err)
		}
	})
}

func TestOverrideErasesEarlyButKeepsInvoices(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Sem", Status: StatusActive, Start: day("2026-01-05")})
	if _, err := f.s.AddInvoice(ctx, Invoice{ClientID: c.ID, Number: "2026-010", Date: day("2026-02-01"),
		AmountCents: 30000, Debtor: "Sem"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.PlanPurge(ctx, c.ID, PurgeOptions{}); !errors.Is(err, ErrNotDue) {
		t.Fatalf("PlanPurge of a running trajectory = %v, want ErrNotDue", err)
	}
	plan, err := f.s.PlanPurge(ctx, c.ID, PurgeOptions{Override: true})
	if err != nil {
		t.Fatal(err)
	}
	if !plan.Override || plan.Category != CategoryDossier || !plan.DueOn.IsZero() || plan.InvoicesErased != 0 ||
		plan.InvoicesKept != 1 || !plan.InvoicesKeptUntil.Equal(day("2033-02-01")) ||
		plan.Policy() != "dossier: 24 months after trajectory end (overridden: erased before due)" {
		t.Errorf("override plan = %+v", plan)
	}
	ts, err := f.s.Purge(ctx, plan)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(ts.Categories) != "[dossier]" || ts.Policy != plan.Policy() {
		t.Errorf("tombstone = %+v", ts)
	}
	if inv, _ := f.s.Invoices(ctx, 0); len(inv) != 1 || inv[0].Debtor != "Sem" {
		t.Errorf("the fiscal invoice did not stay: %+v", inv)
	}
	if st, _ := f.s.Statistics(ctx); len(st) != 0 {
		t.Errorf("a trajectory that never closed counts in the statistics: %+v", st)
	}
}

func TestDuePurges(t *testing.T) {
	f := newFixture(t)
	f.at(day("2026-11-22"))
	older := f.closed(t, "Older", "2022-01-01", "2023-05-01")
	due := f.closed(t, "Due", "2022-01-01", "2024-11-22") // due today
	f.closed(t, "NotYet", "2022-01-01", "2024-11-23")
	held := f.closed(t, "Held", "2022-01-01", "2023-01-01")
	if err := f.s.SetHold(ctx, held.ID, true, "geschil", time.Time{}); err != nil {
		t.Fatal(err)
	}
	rej := f.client(t, Client{FirstName: "Rej", Status: StatusRejected, RejectedOn: day("2026-10-01")})
	active := f.client(t, Client{FirstName: "Active", Status: StatusActive})
	if _, err := f.s.AddInvoice(ctx, Invoice{ClientID: active.ID, Number: "2019-001", Date: day("2019-03-01"),
		AmountCents: 100, Debtor: "Active"}); err != nil {
		t.Fatal(err)
	}

	plans, err := f.s.DuePurges(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range plans {
		got = append(got, fmt.Sprintf("%s %d %s", p.Category, p.ClientID, p.DueOn.Format(dateLayout)))
	}
	want := []string{
		fmt.Sprintf("dossier %d 2025-05-01", older.ID),
		fmt.Sprintf("invoice %d 2026-03-01", active.ID),
		fmt.Sprintf("rejected_intake %d 2026-11-01", rej.ID),
		fmt.Sprintf("dossier %d 2026-11-22", due.ID),
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("DuePurges =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n, _ := f.s.DueCount(ctx); n != (DueCounts{Erasable: 3}) {
		t.Errorf("DueCount = %+v, want 3 dossiers", n)
	}
	for _, p := range plans {
		if _, err := f.s.Purge(ctx, p); err != nil {
			t.Errorf("Purge(%s %d): %v", p.Category, p.ClientID, err)
		}
	}
	if plans, _ := f.s.DuePurges(ctx); len(plans) != 0 {
		t.Errorf("after purging everything due: %+v", plans)
	}
	if _, err := f.s.Client(ctx, active.ID); err != nil {
		t.Errorf("an invoice purge took the client: %v", err)
	}
	tss, _ := f.s.Tombstones(ctx)
	if len(tss) != 4 || fmt.Sprint(tss[0].Categories) != "[dossier]" || tss[3].ClientID != older.ID {
		t.Errorf("tombstones = %+v", tss)
	}
}

func TestInvoicesOfAPurgedClientArePurgedInTheirTurn(t *testing.T) {
	f := newFixture(t)
	f.at(day("2026-11-22"))
	d := newDossier(t, f)
	plan, _ := f.s.PlanPurge(ctx, d.client.ID, PurgeOptions{})
	if _, err := f.s.Purge(ctx, plan); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.PlanInvoicePurge(ctx, 0); !errors.Is(err, ErrNotDue) {
		t.Errorf("PlanInvoicePurge before the invoice's date = %v, want ErrNotDue", err)
	}

	f.at(day("2030-12-11")) // 30 days before 2031-01-10
	dl, err := f.s.Deadlines(ctx)
	want := Deadline{Kind: DeadlineRetention, Category: CategoryInvoice, ItemID: d.kept.ID, Ref: "2024-002",
		Due: day("2031-01-10"), DaysLeft: 30, State: RetentionSoon}
	if err != nil || len(dl) != 1 || dl[0] != want {
		t.Errorf("Deadlines = %+v, %v; want %+v", dl, err, want)
	}

	f.at(day("2031-01-10"))
	plans, err := f.s.DuePurges(ctx)
	if err != nil || len(plans) != 1 {
		t.Fatalf("DuePurges = %+v, %v", plans, err)
	}
	p := plans[0]
	if p.Category != CategoryInvoice || p.ClientID != 0 || p.InvoicesErased != 1 || !p.DueOn.Equal(day("2031-01-10")) ||
		p.Policy() != "invoice: 84 months after invoice date" {
		t.Errorf("invoice plan = %+v", p)
	}
	ts, err := f.s.Purge(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if ts.ClientID != 0 || fmt.Sprint(ts.Categories) != "[invoice]" {
		t.Errorf("tombstone = %+v", ts)
	}
	if inv, _ := f.s.Invoices(ctx, 0); len(inv) != 0 {
		t.Errorf("invoices left = %+v", inv)
	}
	img, _ := f.s.Image(ctx)
	if bytes.Contains(img, []byte("Coachingtraject 2023")) {
		t.Error("the purged invoice survives in the image")
	}
}
