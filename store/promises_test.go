package store

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"testing"
	"time"
)

// Each test here keeps a sentence one of the five privacy statements in
// shared/reference/privacy-statements promises a client, and is named
// after the statement and the article it keeps.

// studiebegeleiding-nijmegen §15, AVG art. 17 and 12(3): the coach can show
// that an erasure request was carried out within the month, after the
// request itself has gone with the dossier.
func TestStudiebegeleidingArt17ErasureProofOutlivesTheDossier(t *testing.T) {
	f := newFixture(t)
	f.at(day("2026-03-01"))
	c := f.client(t, Client{FirstName: "Ilse", LastName: "de Wit", Status: StatusActive, Start: day("2026-01-05")})
	f.at(day("2026-11-02"))
	r := f.request(t, c, RequestErasure, "2026-10-20")
	f.at(day("2026-11-10"))
	plan, err := f.s.PlanErasure(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	ts, err := f.s.Purge(ctx, plan)
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.reopen(t).Erasures(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := Erasure{ID: got[0].ID, TombstoneID: ts.ID, ClientID: c.ID, Received: day("2026-10-20"),
		Due: day("2026-11-20"), Done: day("2026-11-10")}
	if len(got) != 1 || got[0] != want {
		t.Fatalf("Erasures = %+v, want [%+v]", got, want)
	}
	if !got[0].OnTime() || got[0].DaysTaken() != 21 {
		t.Errorf("OnTime = %v, DaysTaken = %d; want true, 21", got[0].OnTime(), got[0].DaysTaken())
	}

	// A purge for retention is not an erasure request: no proof of one.
	f.at(day("2026-11-11"))
	d := f.client(t, Client{FirstName: "Jet", Status: StatusClosed, Start: day("2020-01-05"), End: day("2022-01-05"), Outcome: OutcomeWork})
	plan, err = f.s.PlanPurge(ctx, d.ID, PurgeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Purge(ctx, plan); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.s.Erasures(ctx); len(got) != 1 {
		t.Errorf("a retention purge left an erasure proof: %+v", got)
	}
}

// The proof keeps no personal data: no name, no free text of the request.
func TestErasureProofHoldsNoPersonalData(t *testing.T) {
	f := newFixture(t)
	f.at(day("2026-11-02"))
	c := f.client(t, Client{FirstName: "Zeldzaamvoornaam", LastName: "Achternaamkanarie", Status: StatusActive,
		Start: day("2026-01-05")})
	r := f.request(t, c, RequestErasure, "2026-11-02")
	r.Notes = "belde op woensdag, kanarietekst"
	if _, err := f.s.UpdateRequest(ctx, r); err != nil {
		t.Fatal(err)
	}
	plan, err := f.s.PlanErasure(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Purge(ctx, plan); err != nil {
		t.Fatal(err)
	}
	img := string(f.seal.image)
	for _, canary := range []string{"Zeldzaamvoornaam", "Achternaamkanarie", "kanarietekst"} {
		if strings.Contains(img, canary) {
			t.Errorf("%q is still in the vault after the erasure", canary)
		}
	}
}

// A purge confirmed before an erasure request was closed another way is
// refused rather than leaving a proof of an erasure that did not happen.
func TestErasurePlanGoesStaleWhenTheRequestCloses(t *testing.T) {
	f := newFixture(t)
	f.at(day("2026-11-02"))
	c := f.client(t, Client{FirstName: "Ruben", Status: StatusActive, Start: day("2026-01-05")})
	r := f.request(t, c, RequestErasure, "2026-11-02")
	plan, err := f.s.PlanErasure(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.RefuseRequest(ctx, r.ID, "the dossier is needed for a court case"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Purge(ctx, plan); !errors.Is(err, ErrPlanChanged) {
		t.Errorf("Purge after the request was refused = %v, want ErrPlanChanged", err)
	}
	if _, err := f.s.Client(ctx, c.ID); err != nil {
		t.Errorf("the client is gone: %v", err)
	}
}

// mesis-sociaal-domein "Uw rechten": "We reageren zo snel mogelijk, maar in
// ieder geval binnen vier weken"; steunpunt-studerende-moeders: "Het
// streven is om binnen een week te reageren". The legal month (AVG art.
// 12(3)) stays the deadline; the practice's own target is shown beside it.
func TestMesisAndSteunpuntArt12AnswerTargetBesideTheLegalMonth(t *testing.T) {
	f := newFixture(t)
	f.at(day("2026-11-02"))
	c := f.client(t, Client{FirstName: "Fenna", Status: StatusActive, Start: day("2026-01-05")})
	r := f.request(t, c, RequestAccess, "2026-11-02")
	if !r.Target.IsZero() {
		t.Errorf("a practice without a target shows one: %v", r.Target)
	}
	for _, tc := range []struct {
		days   int
		target string
	}{{28, "2026-11-30"}, {7, "2026-11-09"}, {31, "2026-12-02"}} {
		if err := f.s.SetAnswerTarget(ctx, tc.days); err != nil {
			t.Fatal(err)
		}
		got, err := f.s.Request(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Target.Equal(day(tc.target)) || !got.Due.Equal(day("2026-12-02")) {
			t.Errorf("target %d days: Target %v, Due %v; want %s and the legal 2026-12-02",
				tc.days, got.Target.Format(dateLayout), got.Due.Format(dateLayout), tc.target)
		}
		ds, err := f.s.Deadlines(ctx)
		if err != nil || len(ds) != 1 || !ds[0].Target.Equal(day(tc.target)) || !ds[0].Due.Equal(day("2026-12-02")) {
			t.Errorf("target %d days: Deadlines = %+v, %v", tc.days, ds, err)
		}
	}
	for _, bad := range []int{-1, 32} {
		wantInvalid(t, f.s.SetAnswerTarget(ctx, bad), "answer_target_days")
	}
	if n, _ := f.reopen(t).AnswerTarget(ctx); n != 31 {
		t.Errorf("AnswerTarget after reopen = %d, want 31", n)
	}
}

// studiebegeleiding-nijmegen §15 and AVG art. 19: every recipient of the
// data is told of a rectification, erasure or restriction. Until each is
// marked told, the deadlines say so, whether or not the request screen
// has drawn up its list, and after the request was answered too.
func TestStudiebegeleidingArt19PendingNoticesOnTheDeadlines(t *testing.T) {
	f := newFixture(t)
	f.at(day("2026-10-01"))
	c := f.client(t, Client{FirstName: "Mila", LastName: "Bos", Status: StatusActive, Start: day("2026-01-05")})
	f.disclose(t, c, "Gemeente Utrecht", "2026-05-01")
	f.disclose(t, c, "ROC Midden Nederland", "2026-06-01")
	f.disclose(t, c, "gemeente  utrecht", "2026-07-01") // the same recipient, spelled otherwise
	f.at(day("2026-11-02"))
	r := f.request(t, c, RequestRectification, "2026-11-02")
	notices := func() []string {
		t.Helper()
		ds, err := f.s.Deadlines(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, d := range ds {
			if d.Kind == DeadlineNotice {
				if d.ItemID != r.ID || d.ClientID != c.ID || !d.Due.Equal(r.Due) {
					t.Errorf("notice deadline = %+v", d)
				}
				out = append(out, d.Ref)
			}
		}
		return out
	}
	if got := notices(); strings.Join(got, "|") != "Gemeente Utrecht|ROC Midden Nederland" {
		t.Errorf("pending notices = %q", got)
	}
	if _, err := f.s.AnswerRequest(ctx, r.ID, "address corrected"); err != nil {
		t.Fatal(err)
	}
	list, err := f.s.NotifyList(ctx, r.ID)
	if err != nil || len(list) != 2 {
		t.Fatalf("NotifyList = %+v, %v", list, err)
	}
	if err := f.s.MarkNotified(ctx, list[0].ID); err != nil {
		t.Fatal(err)
	}
	if got := notices(); strings.Join(got, "|") != "ROC Midden Nederland" {
		t.Errorf("pending notices after one was told = %q", got)
	}
	if err := f.s.MarkNotified(ctx, list[1].ID); err != nil {
		t.Fatal(err)
	}
	if got := notices(); len(got) != 0 {
		t.Errorf("pending notices after all were told = %q", got)
	}
}

// steunpunt-studerende-moeders "Recht op stop gegevensgebruik (bezwaar)"
// and studiebegeleiding-nijmegen §14 ("In dat geval staakt Studiebegeleiding
// Nijmegen de verwerking"), AVG art. 21: an upheld objection stops the
// processing at once, not only the request.
func TestSteunpuntArt21UpheldObjectionStopsProcessing(t *testing.T) {
	f := newFixture(t)
	f.at(day("2026-11-02"))
	c := f.client(t, Client{FirstName: "Saar", Status: StatusActive, Start: day("2026-01-05")})
	r := f.request(t, c, RequestObjection, "2026-11-02")
	_, err := f.s.AcceptObjection(ctx, r.ID, " ")
	wantInvalid(t, err, "outcome")
	got, err := f.s.AcceptObjection(ctx, r.ID, "no legitimate interest outweighs hers; coaching stops")
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != RequestAnswered || !got.Answered.Equal(day("2026-11-02")) {
		t.Errorf("request = %+v", got)
	}
	cl, err := f.reopen(t).Client(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !cl.Restricted || !strings.Contains(cl.RestrictedReason, "art. 21") {
		t.Errorf("client after an upheld objection: restricted %v, reason %q", cl.Restricted, cl.RestrictedReason)
	}
	if _, err := f.s.SaveRecord(ctx, Record{ClientID: c.ID, Kind: KindNote, Title: "next session",
		Date: day("2026-11-02")}); !errors.Is(err, ErrRestricted) {
		t.Errorf("a note after the objection = %v, want ErrRestricted", err)
	}
	if _, err := f.s.AcceptObjection(ctx, r.ID, "again"); !errors.Is(err, ErrRequestClosed) {
		t.Errorf("a second AcceptObjection = %v, want ErrRequestClosed", err)
	}
	access := f.request(t, f.client(t, Client{FirstName: "Noor", Status: StatusActive}), RequestAccess, "2026-11-02")
	_, err = f.s.AcceptObjection(ctx, access.ID, "yes")
	wantInvalid(t, err, "kind")
}

// studiebegeleiding-nijmegen §8 "(Sub)verwerkers", mesis "Verwerkers"
// (Laposta) and steunpunt (Rapasso): the art. 30 register names the
// practice's processors, what they process, where, and whether a
// processing agreement exists; and its statistics count the erasures done
// and how many within the deadline.
func TestStudiebegeleidingArt30RegisterNamesProcessorsAndErasures(t *testing.T) {
	f := newFixture(t)
	f.at(day("2026-11-02"))
	if _, err := f.s.SaveProcessor(ctx, Processor{Name: " "}); err == nil {
		t.Error("a processor without a name was saved")
	}
	lap, err := f.s.SaveProcessor(ctx, Processor{Name: "Laposta B.V.", Processes: "nieuwsbrief: naam en e-mailadres",
		Agreement: true, Location: "Nederland"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.SaveProcessor(ctx, Processor{Name: "Boekhouder Jansen", Processes: "facturen"}); err != nil {
		t.Fatal(err)
	}
	c := f.client(t, Client{FirstName: "Ilse", Status: StatusActive, Start: day("2026-01-05")})
	r := f.request(t, c, RequestErasure, "2026-10-01")
	f.at(day("2026-11-10")) // after the due date of 2026-11-01
	plan, err := f.s.PlanErasure(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Purge(ctx, plan); err != nil {
		t.Fatal(err)
	}
	d := f.client(t, Client{FirstName: "Jet", Status: StatusActive, Start: day("2026-01-05")})
	f.request(t, d, RequestAccess, "2026-11-09")

	// The register's facts (package register words them; its tests check
	// the processors' and the erasures' lines).
	doc, err := f.s.Register(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Processors) != 2 || doc.Processors[1] != lap {
		t.Errorf("register processors = %+v", doc.Processors)
	}
	want := RegisterRights{Received: 2, Answered: 1, Open: 1, Erasures: 1, ErasuresOnTime: 0}
	if doc.Rights != want {
		t.Errorf("register rights = %+v, want %+v", doc.Rights, want)
	}
	if err := f.s.DeleteProcessor(ctx, lap.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.s.DeleteProcessor(ctx, lap.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting it twice = %v", err)
	}
}

// studiebegeleiding-nijmegen §16 "Meldplicht datalekken": every incident
// is registered, then "verwerkers binnen 24 uur geïnformeerd", and the
// controller decides on the AP and the people affected (AVG art. 33, 34).
// The breach names the clients it affects, so their dossier shows it, and
// the processors' 24 hours count beside the AP's 72.
func TestStudiebegeleidingArt33BreachTellsProcessorsWithin24Hours(t *testing.T) {
	f := newFixture(t)
	f.clock.t = time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC)
	a := f.client(t, Client{FirstName: "Ilse", Status: StatusActive, Start: day("2026-01-05")})
	b := f.client(t, Client{FirstName: "Jet", Status: StatusActive, Start: day("2026-01-05")})
	discovered := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	br, err := f.s.AddBreach(ctx, Breach{Discovered: discovered, Description: "laptop tas gestolen in de trein",
		Clients: []int64{a.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.AddBreach(ctx, Breach{Discovered: discovered, Description: "x", Clients: []int64{999}}); err == nil {
		t.Error("a breach of an unknown client was saved")
	}
	kinds := func() map[DeadlineKind]Deadline {
		t.Helper()
		ds, err := f.s.Deadlines(ctx)
		if err != nil {
			t.Fatal(err)
		}
		m := map[DeadlineKind]Deadline{}
		for _, d := range ds {
			m[d.Kind] = d
		}
		return m
	}
	if _, ok := kinds()[DeadlineProcessors]; ok {
		t.Error("a practice without processors has a processors' deadline")
	}
	if _, err := f.s.SaveProcessor(ctx, Processor{Name: "D-Hosting", Agreement: true}); err != nil {
		t.Fatal(err)
	}
	d, ok := kinds()[DeadlineProcessors]
	if !ok || d.ItemID != br.ID || !d.Due.Equal(discovered.Add(24*time.Hour)) || d.HoursLeft != 23 {
		t.Errorf("processors' deadline = %+v (present %v)", d, ok)
	}
	if ap := kinds()[DeadlineBreach]; !ap.Due.Equal(discovered.Add(72 * time.Hour)) {
		t.Errorf("the AP's 72 hours = %+v", ap)
	}

	br.Clients = []int64{a.ID, b.ID}
	br.ProcessorsInformed = time.Date(2026, 11, 2, 9, 15, 0, 0, time.UTC)
	if _, err := f.s.UpdateBreach(ctx, br); err != nil {
		t.Fatal(err)
	}
	if _, ok := kinds()[DeadlineProcessors]; ok {
		t.Error("the processors' deadline stays after they were told")
	}
	s := f.reopen(t)
	all, err := s.Breaches(ctx)
	if err != nil || len(all) != 1 || len(all[0].Clients) != 2 || !all[0].ProcessorsInformed.Equal(br.ProcessorsInformed) {
		t.Fatalf("Breaches = %+v, %v", all, err)
	}
	mine, err := s.ClientBreaches(ctx, b.ID)
	if err != nil || len(mine) != 1 || mine[0].ID != br.ID {
		t.Errorf("ClientBreaches = %+v, %v", mine, err)
	}
	br.ProcessorsInformed = discovered.Add(-time.Hour)
	_, err = s.UpdateBreach(ctx, br)
	wantInvalid(t, err, "processors_informed_at")
}

// versionBefore is the schema version just before the migration whose
// file name ends in suffix, so a test of it keeps working when others are
// numbered before it.
func versionBefore(t *testing.T, suffix string) int {
	t.Helper()
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	for i, n := range names {
		if strings.HasSuffix(n, suffix) {
			return i
		}
	}
	t.Fatalf("no migration %s", suffix)
	return 0
}

// step-inburgering §7 and steunpunt "Delen met anderen": data go to a third
// party only with the client's consent. A disclosure to "Gemeente Utrecht"
// is covered by a consent recorded as "Gemeente Utrecht, Mw. Jansen": the
// consent and the disclosure point at one recipient on the practice's
// list, with the contact person as a detail; a vault from before the list
// gets one made from the names it holds.
func TestInburgeringArt6ConsentByRecipientNotBySpelling(t *testing.T) {
	image := imageAtVersion(t, versionBefore(t, "_rights_desk.sql"),
		`INSERT INTO clients (id, uid, first_name, status, start_date, created_at, updated_at)
			VALUES (3, 'u3', 'Amina', 'active', '2026-01-05', '2026-01-05 09:00:00', '2026-01-05 09:00:00')`,
		`INSERT INTO consents (client_id, purpose, recipient, given_on) VALUES
			(3, 'voortgang', 'Gemeente Utrecht, Mw. Jansen', '2026-02-01'),
			(3, 'stage', 'ROC Midden Nederland', '2026-03-01')`,
		`INSERT INTO disclosures (client_id, recipient, what, disclosed_on, basis) VALUES
			(3, 'gemeente  utrecht', 'verslag', '2026-04-01', 'legitimate_interest')`)
	f := &fixture{seal: &memSealer{}, blobs: &memBlobs{}, clock: &fixedClock{t: day("2026-11-22")}}
	s, err := Open(ctx, image, Options{Sealer: f.seal, Blobs: f.blobs, Clock: f.clock.now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	list, err := s.Recipients(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Name != "Gemeente Utrecht" || list[0].Contact != "Mw. Jansen" ||
		list[1].Name != "ROC Midden Nederland" {
		t.Fatalf("recipients after migrating = %+v", list)
	}
	cs, _ := s.Consents(ctx, 3)
	ds, _ := s.Disclosures(ctx, 3)
	if cs[1].RecipientID != list[0].ID || ds[0].RecipientID != list[0].ID {
		t.Errorf("consent %+v and disclosure %+v do not point at %+v", cs[1], ds[0], list[0])
	}

	// The municipality, however it is typed, is covered by the consent.
	d, err := s.AddDisclosure(ctx, Disclosure{ClientID: 3, Recipient: "GEMEENTE Utrecht", What: "eindverslag",
		Date: day("2026-11-20"), Basis: LegalBasisConsent})
	if err != nil || d.ConsentID != cs[1].ID || d.Recipient != "Gemeente Utrecht" {
		t.Errorf("disclosure by consent = %+v, %v", d, err)
	}
	// A new consent typed with a contact person finds the same entry.
	c, err := s.AddConsent(ctx, Consent{ClientID: 3, Purpose: "werk", Recipient: "Gemeente  Utrecht, Dhr. de Vries",
		Given: day("2026-11-21")})
	if err != nil || c.RecipientID != list[0].ID || c.Recipient != "Gemeente Utrecht" {
		t.Errorf("consent = %+v, %v", c, err)
	}
	// A recipient without a consent is refused with the consents the
	// client has, so the coach sees what was agreed and with whom.
	_, err = s.AddDisclosure(ctx, Disclosure{ClientID: 3, Recipient: "UWV", What: "cv",
		Date: day("2026-11-20"), Basis: LegalBasisConsent})
	var nc *NoConsentError
	if !errors.Is(err, ErrNoConsent) || !errors.As(err, &nc) || nc.Recipient != "UWV" || len(nc.Consents) != 3 {
		t.Fatalf("disclosure without consent = %v (%+v)", err, nc)
	}
	// Renaming the entry renames every consent and disclosure with it.
	r := list[0]
	r.Name = "Gemeente Utrecht, afdeling Werk en Inkomen"
	if _, err := s.SaveRecipient(ctx, r); err != nil {
		t.Fatal(err)
	}
	if cs, _ := s.Consents(ctx, 3); cs[0].Recipient != r.Name {
		t.Errorf("consent after renaming its recipient = %+v", cs[0])
	}
	_, err = s.SaveRecipient(ctx, Recipient{Name: "roc midden  nederland"})
	wantInvalid(t, err, "recipient")
}

// smallsteps "Kopie van je legitimatiebewijs … medische gegevens" and
// step-inburgering (an ID copy with the photo blacked out), AVG art. 9: a
// document can be special-category like a record. Lists leave its name
// out, a reveal is logged, and the mark can be set and lifted.
func TestSmallstepsArt9SpecialDocumentMaskedAndRevealLogged(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Lina", Status: StatusActive, Start: day("2026-01-05")})
	a, err := f.s.AddAttachment(ctx, Attachment{ClientID: c.ID, Name: "kopie id-kaart.pdf", Kind: KindOther,
		Special: true}, []byte("%PDF"))
	if err != nil {
		t.Fatal(err)
	}
	list, err := f.reopen(t).Attachments(ctx, c.ID)
	if err != nil || len(list) != 1 || list[0].Name != "" || !list[0].Special {
		t.Fatalf("Attachments = %+v, %v; want the name masked", list, err)
	}
	got, err := f.s.RevealAttachment(ctx, a.ID)
	if err != nil || got.Name != "kopie id-kaart.pdf" {
		t.Fatalf("RevealAttachment = %+v, %v", got, err)
	}
	log, _ := f.s.Audit(ctx, c.ID, 1)
	if len(log) != 1 || log[0].Action != AuditReveal || log[0].Detail != fmt.Sprintf("document %d", a.ID) {
		t.Errorf("audit after the reveal = %+v", log)
	}
	if err := f.s.SetAttachmentSpecial(ctx, a.ID, false); err != nil {
		t.Fatal(err)
	}
	if list, _ := f.s.Attachments(ctx, c.ID); list[0].Name != "kopie id-kaart.pdf" {
		t.Errorf("after lifting the mark the list shows %q", list[0].Name)
	}
	if _, err := f.s.RevealAttachment(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("RevealAttachment of nothing = %v", err)
	}
}

// step-inburgering §12 "Klachten" (and its list of data: "gegevens
// klachtafhandeling"): a complaint about how a client's data were handled
// is kept with its dates and outcome, counted in the art. 30 register,
// and goes with the dossier.
func TestInburgeringSection12ComplaintsRegister(t *testing.T) {
	f := newFixture(t)
	f.at(day("2026-11-10"))
	c := f.client(t, Client{FirstName: "Samir", Status: StatusActive, Start: day("2026-01-05")})
	_, err := f.s.SaveComplaint(ctx, Complaint{ClientID: c.ID, Received: day("2026-11-02")})
	wantInvalid(t, err, "subject")
	_, err = f.s.SaveComplaint(ctx, Complaint{ClientID: c.ID, Received: day("2026-11-12"), Subject: "x"})
	wantInvalid(t, err, "received_on")
	k, err := f.s.SaveComplaint(ctx, Complaint{ClientID: c.ID, Received: day("2026-11-02"),
		Subject: "verslag naar de gemeente zonder te vragen"})
	if err != nil {
		t.Fatal(err)
	}
	k.Outcome = ComplaintUpheld
	_, err = f.s.SaveComplaint(ctx, k)
	wantInvalid(t, err, "outcome")
	k.Answered = day("2026-11-09")
	if _, err := f.s.SaveComplaint(ctx, k); err != nil {
		t.Fatal(err)
	}
	open, err := f.s.SaveComplaint(ctx, Complaint{ClientID: c.ID, Received: day("2026-11-10"), Subject: "wachttijd"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.reopen(t).Complaints(ctx, c.ID)
	if err != nil || len(got) != 2 || got[0].ID != open.ID || !got[0].Open() ||
		got[1].Outcome != ComplaintUpheld || !got[1].Answered.Equal(day("2026-11-09")) {
		t.Fatalf("Complaints = %+v, %v", got, err)
	}
	doc, err := f.s.Register(ctx)
	if err != nil || doc.Rights.Complaints != 2 || doc.Rights.ComplaintsOpen != 1 {
		t.Errorf("register rights = %+v, %v", doc.Rights, err)
	}
	// The complaint goes with the dossier.
	c.Status, c.End, c.Outcome = StatusClosed, day("2026-11-10"), OutcomeWork
	if _, err := f.s.UpdateClient(ctx, c); err != nil {
		t.Fatal(err)
	}
	f.at(day("2029-01-01"))
	plan, err := f.s.PlanPurge(ctx, c.ID, PurgeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Purge(ctx, plan); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.s.Complaints(ctx, c.ID); len(got) != 0 {
		t.Errorf("complaints outlived the dossier: %+v", got)
	}
}
