package store

import (
	"errors"
	"strings"
	"testing"
)

// Retention categories of the practice's own: each test keeps a period
// one of the statements promises for a kind of data, kept one by one.

// dueItems is the item countdowns of c that are due, as "kind category".
func (f *fixture) dueItems(t *testing.T, c Client) []string {
	t.Helper()
	list, err := f.s.ItemCountdowns(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, it := range list {
		if it.DaysLeft <= 0 && it.State != RetentionRunning && it.State != RetentionHold {
			out = append(out, string(it.Kind)+" "+string(it.Category))
		}
	}
	return out
}

// purgeDueItems carries out every due item plan and returns them.
func (f *fixture) purgeDueItems(t *testing.T) []PurgePlan {
	t.Helper()
	plans, err := f.s.DuePurges(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var out []PurgePlan
	for _, p := range plans {
		if !p.Category.Item() {
			continue
		}
		if _, err := f.s.Purge(ctx, p); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

func (f *fixture) record(t *testing.T, r Record) Record {
	t.Helper()
	r, err := f.s.SaveRecord(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// studiebegeleiding-nijmegen §9: "Gegevens van sollicitanten, indien niet
// aangenomen en geen toestemming gegeven, zullen na een maand verwijderd
// worden." The intake is kept longer (the client consented), but the CV
// kept under the applicants category goes a month after the procedure,
// by itself, leaving a tombstone; the dossier stays.
func TestStudiebegeleidingArt9ApplicantsGoAMonthAfterTheProcedure(t *testing.T) {
	f := newFixture(t)
	f.setPolicy(t, CategoryRejectedIntake, BasisRejection, 12)
	f.at(day("2026-01-15"))
	c := f.client(t, Client{FirstName: "Daan", Status: StatusRejected, RejectedOn: day("2026-01-15")})
	intake := f.record(t, Record{ClientID: c.ID, Kind: KindIntake, Title: "Aanmelding", Date: day("2026-01-10")})
	cv := f.record(t, Record{ClientID: c.ID, Kind: KindCV, Title: "CV Daan", Date: day("2026-01-10"),
		Retention: CategoryApplicant})

	f.at(day("2026-02-14"))
	if due := f.dueItems(t, c); len(due) != 0 {
		t.Fatalf("due a day before the month is over: %v", due)
	}
	ds, err := f.s.Deadlines(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range ds {
		if d.Item == KeptRecord && d.ItemID == cv.ID {
			found = d.Category == CategoryApplicant && d.Ref == "CV Daan" && d.Due.Equal(day("2026-02-15")) &&
				d.CategoryName == "default:applicant" && d.ClientID == c.ID
		}
	}
	if !found {
		t.Errorf("the deadlines do not show the CV coming due on 2026-02-15: %+v", ds)
	}

	f.at(day("2026-02-15"))
	plans := f.purgeDueItems(t)
	if len(plans) != 1 || plans[0].Records != 1 || plans[0].ClientID != c.ID ||
		plans[0].Policy() != "applicant: 1 month after rejection" {
		t.Fatalf("item plans = %+v", plans)
	}
	s := f.reopen(t)
	recs, err := s.Records(ctx, c.ID)
	if err != nil || len(recs) != 1 || recs[0].ID != intake.ID {
		t.Errorf("records after the purge = %+v, %v; want the intake alone", recs, err)
	}
	ts, err := s.Tombstones(ctx)
	if err != nil || len(ts) != 1 || ts[0].ClientID != c.ID || len(ts[0].Categories) != 1 ||
		ts[0].Categories[0] != CategoryApplicant {
		t.Errorf("tombstones = %+v, %v", ts, err)
	}
	log, _ := s.Audit(ctx, c.ID, 1)
	if len(log) != 1 || log[0].Action != AuditPurge || strings.Contains(log[0].Detail, "CV") {
		t.Errorf("the purge's audit line = %+v", log)
	}
}

// steunpunt-studerende-moeders, "Hoe lang bewaren wij": mails "worden tot
// maximaal twee jaar terug bewaard". A mail kept under correspondence
// goes two years after its date while the trajectory still runs; the
// newer mail and the rest of the dossier stay.
func TestSteunpuntCorrespondenceAtMostTwoYearsBack(t *testing.T) {
	f := newFixture(t)
	f.at(day("2026-03-02"))
	c := f.client(t, Client{FirstName: "Fatima", Status: StatusActive, Start: day("2023-09-01")})
	old := f.record(t, Record{ClientID: c.ID, Kind: KindEmail, Title: "Mail over de kinderopvang",
		Date: day("2024-03-01"), Retention: CategoryCorrespondence})
	f.record(t, Record{ClientID: c.ID, Kind: KindEmail, Title: "Mail over het rooster", Date: day("2024-03-03"),
		Retention: CategoryCorrespondence})
	f.record(t, Record{ClientID: c.ID, Kind: KindNote, Title: "Voortgang", Date: day("2024-03-01")})

	if due := f.dueItems(t, c); len(due) != 1 || due[0] != "record correspondence" {
		t.Fatalf("due = %v, want the one mail of two years ago", due)
	}
	// Without --yes nothing goes: the plan only looks.
	if recs, _ := f.s.Records(ctx, c.ID); len(recs) != 3 {
		t.Fatalf("planning erased something: %d records", len(recs))
	}
	plans := f.purgeDueItems(t)
	if len(plans) != 1 || !plans[0].DueOn.Equal(day("2026-03-01")) {
		t.Fatalf("item plans = %+v", plans)
	}
	recs, _ := f.reopen(t).Records(ctx, c.ID)
	for _, r := range recs {
		if r.ID == old.ID {
			t.Error("the mail of two years ago is still there")
		}
	}
	if len(recs) != 2 {
		t.Errorf("%d records stay, want 2", len(recs))
	}
}

// mesis-sociaal-domein, "Hoe lang bewaren wij": "tot 7 jaar nadat de
// persoonsgegevens zijn vastgelegd". A record kept under the recorded
// category counts seven years from its own date, whatever the dossier.
func TestMesisSevenYearsAfterRecording(t *testing.T) {
	f := newFixture(t)
	f.setPolicy(t, CategoryDossier, BasisTrajectoryEnd, 84)
	f.at(day("2026-03-01"))
	c := f.client(t, Client{FirstName: "Kees", Status: StatusActive, Start: day("2018-09-01")})
	r := f.record(t, Record{ClientID: c.ID, Kind: KindOther, Title: "Screening", Date: day("2019-03-01"),
		Retention: CategoryRecorded})
	list, err := f.s.ItemCountdowns(ctx, 0)
	if err != nil || len(list) != 1 || list[0].ID != r.ID || !list[0].PurgeOn.Equal(day("2026-03-01")) ||
		list[0].State != RetentionUrgent || list[0].DaysLeft != 0 {
		t.Fatalf("ItemCountdowns = %+v, %v", list, err)
	}
	if plans := f.purgeDueItems(t); len(plans) != 1 {
		t.Fatalf("item plans = %+v", plans)
	}
	if recs, _ := f.s.Records(ctx, c.ID); len(recs) != 0 {
		t.Errorf("the screening outlived its seven years: %+v", recs)
	}
}

// smallsteps-kinderopvang lists "Kopie van je legitimatiebewijs" as a
// category of its own. The practice keeps ID copies a month after the
// trajectory ends: the document goes then, with its sealed file, while
// the dossier waits its two years; a legal hold stops it; the deadlines
// never show the masked name.
func TestSmallstepsIDCopyKeptAsACategoryOfItsOwn(t *testing.T) {
	f := newFixture(t)
	if err := f.s.SavePolicy(ctx, Policy{Category: CategoryIDCopy, Name: "default:id_copy", Basis: BasisTrajectoryEnd,
		Months: 1, Reason: "default:id_copy"}); err != nil {
		t.Fatal(err)
	}
	f.at(day("2026-01-10"))
	c := f.client(t, Client{FirstName: "Lotte", Status: StatusActive, Start: day("2025-01-06")})
	a, err := f.s.AddAttachment(ctx, Attachment{ClientID: c.ID, Name: "paspoort.pdf", Kind: KindOther,
		Special: true, Retention: CategoryIDCopy}, []byte("%PDF"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.AddAttachment(ctx, Attachment{ClientID: c.ID, Name: "diploma.pdf", Kind: KindOther},
		[]byte("%PDF")); err != nil {
		t.Fatal(err)
	}
	c.Status, c.End, c.Outcome = StatusClosed, day("2026-01-10"), OutcomeEducation
	if _, err := f.s.UpdateClient(ctx, c); err != nil {
		t.Fatal(err)
	}
	f.at(day("2026-02-10"))
	ds, _ := f.s.Deadlines(ctx)
	for _, d := range ds {
		if d.Item == KeptDocument && d.Ref != "" {
			t.Errorf("the deadlines show a special document's name: %+v", d)
		}
	}
	if err := f.s.SetHold(ctx, c.ID, true, "rechtszaak", day("2026-02-20")); err != nil {
		t.Fatal(err)
	}
	if plans := f.purgeDueItems(t); len(plans) != 0 {
		t.Fatalf("a hold did not stop the item purge: %+v", plans)
	}
	if _, err := f.s.PlanItemPurge(ctx, c.ID, CategoryIDCopy); !errors.Is(err, ErrOnHold) {
		t.Errorf("PlanItemPurge under hold = %v", err)
	}
	f.at(day("2026-02-21"))
	if plans := f.purgeDueItems(t); len(plans) != 1 || plans[0].Documents != 1 {
		t.Fatalf("item plans = %+v", plans)
	}
	docs, _ := f.reopen(t).Attachments(ctx, c.ID)
	if len(docs) != 1 || docs[0].ID == a.ID {
		t.Errorf("documents after the purge = %+v", docs)
	}
	if len(f.blobs.files) != 1 {
		t.Errorf("%d sealed files stay, want the diploma's alone", len(f.blobs.files))
	}
	if row := f.row(t, c.ID); row.Retention.State == RetentionOverdue {
		t.Error("the dossier came due with the ID copy")
	}
}

// step-inburgering §12 and the issue's complaints register "with its own
// retention category": a complaint kept under the complaint category
// counts from its closing, and goes then; an open one never counts; a
// record cannot be given a category that counts from a complaint's close.
func TestInburgeringSection12ComplaintsKeptTheirOwnPeriod(t *testing.T) {
	f := newFixture(t)
	f.at(day("2024-02-01"))
	c := f.client(t, Client{FirstName: "Samir", Status: StatusActive, Start: day("2023-09-01")})
	closed, err := f.s.SaveComplaint(ctx, Complaint{ClientID: c.ID, Received: day("2024-01-10"), Subject: "wachttijd",
		Answered: day("2024-02-01"), Outcome: ComplaintNotUpheld, Retention: CategoryComplaint})
	if err != nil {
		t.Fatal(err)
	}
	open, err := f.s.SaveComplaint(ctx, Complaint{ClientID: c.ID, Received: day("2024-01-20"), Subject: "toon",
		Retention: CategoryComplaint})
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.s.SaveRecord(ctx, Record{ClientID: c.ID, Kind: KindNote, Title: "x", Date: day("2024-01-20"),
		Retention: CategoryComplaint})
	wantInvalid(t, err, "retention")
	_, err = f.s.SaveRecord(ctx, Record{ClientID: c.ID, Kind: KindNote, Title: "x", Date: day("2024-01-20"),
		Retention: "newsletter"})
	wantInvalid(t, err, "retention")

	f.at(day("2026-02-01"))
	if plans := f.purgeDueItems(t); len(plans) != 1 || plans[0].Complaints != 1 {
		t.Fatalf("item plans = %+v", plans)
	}
	got, _ := f.s.Complaints(ctx, c.ID)
	if len(got) != 1 || got[0].ID != open.ID || got[0].ID == closed.ID {
		t.Errorf("complaints after the purge = %+v", got)
	}
}

// The practice adds a category of its own, gives it to a document, cannot
// delete it while in use, and the preview counts items, not clients.
func TestPracticeAddsARetentionCategory(t *testing.T) {
	f := newFixture(t)
	f.at(day("2026-03-02"))
	_, err := f.s.AddPolicy(ctx, Policy{Basis: BasisLastContact, Months: 6, Reason: "Foto's: een half jaar."})
	wantInvalid(t, err, "name")
	p, err := f.s.AddPolicy(ctx, Policy{Name: "Foto's", Basis: BasisLastContact, Months: 6,
		Reason: "Foto's: een half jaar na het laatste contact."})
	if err != nil || p.Category != "own_1" {
		t.Fatalf("AddPolicy = %+v, %v", p, err)
	}
	c := f.client(t, Client{FirstName: "Iris", Status: StatusActive, Start: day("2025-01-01")})
	f.record(t, Record{ClientID: c.ID, Kind: KindNote, Title: "Gesprek", Date: day("2025-08-01")})
	a, err := f.s.AddAttachment(ctx, Attachment{ClientID: c.ID, Name: "foto.jpg"}, []byte("jpg"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetAttachmentRetention(ctx, a.ID, p.Category); err != nil {
		t.Fatal(err)
	}
	list, _ := f.s.ItemCountdowns(ctx, c.ID)
	if len(list) != 1 || !list[0].PurgeOn.Equal(day("2026-02-01")) || list[0].State != RetentionOverdue {
		t.Errorf("countdown from the last contact = %+v", list)
	}
	im, err := f.s.PreviewPolicy(ctx, Policy{Category: p.Category, Basis: BasisLastContact, Months: 12})
	if want := (PolicyImpact{Category: p.Category, DueNow: 1, NoLongerDue: 1}); err != nil || im != want {
		t.Errorf("preview = %+v, %v; want %+v", im, err, want)
	}
	if err := f.s.DeletePolicy(ctx, p.Category); err == nil {
		t.Error("a category in use was deleted")
	}
	if err := f.s.DeletePolicy(ctx, CategoryDossier); err == nil {
		t.Error("the dossier category was deleted")
	}
	if err := f.s.SetAttachmentRetention(ctx, a.ID, ""); err != nil {
		t.Fatal(err)
	}
	if err := f.s.DeletePolicy(ctx, p.Category); err != nil {
		t.Fatal(err)
	}
	ps, _ := f.reopen(t).Policies(ctx)
	for _, x := range ps {
		if x.Category == p.Category {
			t.Error("the deleted category is still there")
		}
	}
}

// An existing vault migrates with its data exactly as it was: every item
// goes with the dossier, a reason the coach wrote stays, and the shipped
// categories arrive named in each reader's language.
func TestMigratesAVersion11VaultToCategories(t *testing.T) {
	image := imageAtVersion(t, 11,
		`INSERT INTO clients (id, uid, first_name, status, start_date, end_date, outcome, created_at, updated_at)
			VALUES (3, 'u3', 'Oud', 'closed', '2020-01-01', '2024-01-01', 'work', '2024-01-01 09:00:00', '2024-01-01 09:00:00')`,
		`INSERT INTO records (client_id, kind, title, body, record_date, created_at, updated_at)
			VALUES (3, 'email', 'Mail', '', '2019-01-01', '2019-01-01 09:00:00', '2019-01-01 09:00:00')`,
		`UPDATE retention_policies SET months = 30, reason = 'Eigen reden' WHERE category = 'dossier'`)
	seal := &memSealer{}
	s, err := Open(ctx, image, Options{Sealer: seal, Clock: (&fixedClock{t: day("2026-03-02")}).now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	recs, err := s.Records(ctx, 3)
	if err != nil || len(recs) != 1 || recs[0].Retention != "" {
		t.Fatalf("records = %+v, %v", recs, err)
	}
	if list, _ := s.ItemCountdowns(ctx, 0); len(list) != 0 {
		t.Errorf("migrated items count down on their own: %+v", list)
	}
	ps, _ := s.Policies(ctx)
	if len(ps) != 8 || ps[0].Months != 30 || ps[0].Reason != "Eigen reden" {
		t.Fatalf("policies = %+v", ps)
	}
	if ps[3].NameText("nl") != "Sollicitanten" || ps[3].NameText("en") != "Applicants" ||
		!strings.HasPrefix(ps[4].ReasonText("nl"), "Correspondentie") {
		t.Errorf("shipped categories: %q %q %q", ps[3].NameText("nl"), ps[3].NameText("en"), ps[4].ReasonText("nl"))
	}
	row, _ := s.ListClients(ctx)
	if len(row) != 1 || !row[0].Retention.PurgeOn.Equal(day("2026-07-01")) {
		t.Errorf("the dossier's countdown moved: %+v", row)
	}
}

// An item purge carries out exactly the plan the coach confirmed: an item
// that came due since, or one given another category, makes it
// ErrPlanChanged and erases nothing.
func TestItemPurgeRefusesAChangedPlan(t *testing.T) {
	f := newFixture(t)
	f.at(day("2026-03-02"))
	c := f.client(t, Client{FirstName: "Noor", Status: StatusActive, Start: day("2023-09-01")})
	f.record(t, Record{ClientID: c.ID, Kind: KindEmail, Title: "Mail 1", Date: day("2024-01-10"),
		Retention: CategoryCorrespondence})
	plan, err := f.s.PlanItemPurge(ctx, c.ID, CategoryCorrespondence)
	if err != nil || plan.Records != 1 {
		t.Fatalf("PlanItemPurge = %+v, %v", plan, err)
	}
	f.record(t, Record{ClientID: c.ID, Kind: KindEmail, Title: "Mail 2", Date: day("2024-01-11"),
		Retention: CategoryCorrespondence})
	if _, err := f.s.Purge(ctx, plan); !errors.Is(err, ErrPlanChanged) {
		t.Fatalf("Purge of a stale plan = %v, want ErrPlanChanged", err)
	}
	if recs, _ := f.s.Records(ctx, c.ID); len(recs) != 2 {
		t.Errorf("a refused purge erased something: %d records left", len(recs))
	}
	if _, err := f.s.PlanItemPurge(ctx, c.ID, CategoryApplicant); !errors.Is(err, ErrNotDue) {
		t.Errorf("PlanItemPurge of a category with nothing due = %v, want ErrNotDue", err)
	}
}
