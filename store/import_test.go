package store

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
	"time"
)

// richBundle is an invented client with a bit of everything a dossier
// carries, dates kept from another vault.
func richBundle(uid string) ClientBundle {
	created := time.Date(2025, 2, 3, 9, 15, 0, 0, time.UTC)
	return ClientBundle{
		Client: Client{UID: uid, FirstName: "Noor", LastName: "van Dijk", Email: "noor@example.org",
			Phone: "06-0123 4567", BirthDate: day("2003-06-14"), Referral: ReferralMunicipality,
			ReferralDetail: "Gemeente Nijmegen", Status: StatusClosed, Start: day("2025-02-03"),
			End: day("2025-12-19"), Outcome: OutcomeEducation, Notes: "Twee kinderen.",
			Created: created, Updated: created.Add(48 * time.Hour)},
		Records: []Record{
			{Kind: KindIntake, Title: "Intake", Body: "Wil naar het mbo.", Date: day("2025-02-03"),
				Created: created, Updated: created},
			{Kind: KindNote, Title: "Gesprek", Body: "Slaapt slecht sinds de bevalling.", Date: day("2025-03-01"),
				Special: true, Created: created.AddDate(0, 1, 0), Updated: created.AddDate(0, 1, 2)},
		},
		Appointments: []Appointment{
			{Start: time.Date(2025, 3, 1, 10, 30, 0, 0, time.UTC), Minutes: 45, Place: "Wijkcentrum",
				Attendance: AttendanceAttended, Created: created, Updated: created},
			{Start: time.Date(2025, 3, 8, 10, 30, 0, 0, time.UTC), Minutes: 45, Attendance: AttendanceNoShow,
				Reason: "Kind ziek"},
		},
		Documents: []BundleDocument{
			{Attachment: Attachment{Name: "cv.txt", Kind: KindCV, Added: created}, Data: []byte("Noor van Dijk, cv")},
		},
	}
}

const noorUID = "0123456789abcdef0123456789abcdef"

func TestImportClientsKeepsTheDossier(t *testing.T) {
	f := newFixture(t)
	seals := f.seal.seals
	got, err := f.s.ImportClients(ctx, []ClientBundle{richBundle(noorUID)})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID == 0 || got[0].UID != noorUID {
		t.Fatalf("imported %+v", got)
	}
	if f.seal.seals != seals+1 {
		t.Errorf("%d seals, want one for the whole import", f.seal.seals-seals)
	}
	d, err := f.reopen(t).ClientDossier(ctx, got[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	want := richBundle(noorUID)
	c := d.Client
	if c.Name() != "Noor van Dijk" || !c.Created.Equal(want.Client.Created) || !c.Updated.Equal(want.Client.Updated) ||
		!c.End.Equal(day("2025-12-19")) || c.Outcome != OutcomeEducation {
		t.Errorf("client %+v", c)
	}
	if len(d.Records) != 2 || d.Records[1].Body != "Slaapt slecht sinds de bevalling." || !d.Records[1].Special ||
		!d.Records[1].Updated.Equal(want.Records[1].Updated) {
		t.Errorf("records %+v", d.Records)
	}
	if len(d.Appointments) != 2 || d.Appointments[1].Attendance != AttendanceNoShow ||
		!d.Appointments[0].Start.Equal(want.Appointments[0].Start) ||
		!d.Appointments[1].Created.Equal(civilMoment(f.clock.t)) {
		t.Errorf("appointments %+v", d.Appointments)
	}
	if len(d.Documents) != 1 || d.Documents[0].Size != 17 || !d.Documents[0].Added.Equal(want.Client.Created) {
		t.Fatalf("documents %+v", d.Documents)
	}
	data, err := f.s.DossierDocument(&d, 0)
	if err != nil || string(data) != "Noor van Dijk, cv" {
		t.Errorf("document %q %v", data, err)
	}
	log, _ := f.s.Audit(ctx, got[0].ID, 10)
	if len(log) != 1 || log[0].Action != AuditImport || bytes.Contains([]byte(log[0].Detail), []byte("Noor")) {
		t.Errorf("audit %+v", log)
	}
}

func TestImportSameDossierTwiceIsRefused(t *testing.T) {
	f := newFixture(t)
	first, err := f.s.ImportClients(ctx, []ClientBundle{richBundle(noorUID)})
	if err != nil {
		t.Fatal(err)
	}
	image, _ := f.s.Image(ctx)
	puts := f.blobs.n
	_, err = f.s.ImportClients(ctx, []ClientBundle{richBundle(noorUID)})
	var ee *ExistingClientError
	if !errors.As(err, &ee) || !ee.ByUID || ee.ID != first[0].ID || ee.Name != "Noor van Dijk" ||
		!errors.Is(err, ErrAlreadyImported) {
		t.Fatalf("got %v", err)
	}
	after, _ := f.s.Image(ctx)
	if !bytes.Equal(image, after) {
		t.Error("a refused import changed the vault")
	}
	if f.blobs.n != puts+1 || len(f.blobs.files) != 1 {
		t.Errorf("the sealed document of the refused import was not removed: %d files", len(f.blobs.files))
	}
}

func TestImportIsAllOrNothing(t *testing.T) {
	f := newFixture(t)
	image, _ := f.s.Image(ctx)
	good := richBundle(noorUID)
	bad := richBundle("")
	bad.Client.FirstName = "Sem"
	bad.Appointments[1].Minutes = 0
	_, err := f.s.ImportClients(ctx, []ClientBundle{good, bad})
	var ie *ImportError
	var ve *ValidationError
	if !errors.As(err, &ie) || ie.Index != 1 || ie.Item != "appointment 2" || !errors.As(err, &ve) || ve.Field != "minutes" {
		t.Fatalf("got %v", err)
	}
	after, _ := f.s.Image(ctx)
	if !bytes.Equal(image, after) || len(f.blobs.files) != 0 {
		t.Error("a refused import left something behind")
	}

	// A failure inside the transaction, after the documents were sealed.
	dup := richBundle("")
	dup.Client.Email = ""
	_, err = f.s.ImportClients(ctx, []ClientBundle{dup, dup})
	if !errors.As(err, &ie) || ie.Index != 1 || !errors.Is(err, ErrAlreadyImported) {
		t.Fatalf("twice in one import: %v", err)
	}
	after, _ = f.s.Image(ctx)
	if !bytes.Equal(image, after) || len(f.blobs.files) != 0 || f.s.Dirty() {
		t.Error("a refused import left something behind")
	}
}

func TestImportRefusesAListTwice(t *testing.T) {
	f := newFixture(t)
	existing := f.client(t, Client{FirstName: "Ilse", LastName: "de Wit", BirthDate: day("2001-01-31")})
	f.client(t, Client{FirstName: "Sara", LastName: "Amrani", Email: "sara@example.org"})
	for _, c := range []Client{
		{FirstName: "ilse", LastName: "DE WIT", BirthDate: day("2001-01-31")},
		{FirstName: "Sara", LastName: "Amrani", Email: "SARA@example.org"},
	} {
		_, err := f.s.ImportClients(ctx, []ClientBundle{{Client: c}})
		var ee *ExistingClientError
		if !errors.As(err, &ee) || ee.ByUID || ee.Name == "" {
			t.Errorf("%s: %v", c.Name(), err)
		}
		if c.FirstName == "ilse" && ee.ID != existing.ID {
			t.Errorf("named %d, want %d", ee.ID, existing.ID)
		}
	}
	// Same name, another birth date: another person.
	if _, err := f.s.ImportClients(ctx, []ClientBundle{{Client: Client{FirstName: "Ilse", LastName: "de Wit",
		BirthDate: day("1999-05-05")}}}); err != nil {
		t.Error(err)
	}
}

func TestImportRefusesBadItems(t *testing.T) {
	f := newFixture(t)
	for name, c := range map[string]struct {
		edit func(*ClientBundle)
		item string
	}{
		"uid":            {func(b *ClientBundle) { b.Client.UID = "../../etc" }, "client"},
		"closed":         {func(b *ClientBundle) { b.Client.Outcome = "" }, "client"},
		"record kind":    {func(b *ClientBundle) { b.Records[0].Kind = "diary" }, "record 1"},
		"record date":    {func(b *ClientBundle) { b.Records[1].Date = time.Time{} }, "record 2"},
		"document name":  {func(b *ClientBundle) { b.Documents[0].Attachment.Name = " " }, "document 1"},
		"appointment at": {func(b *ClientBundle) { b.Appointments[0].Start = time.Time{} }, "appointment 1"},
	} {
		b := richBundle(noorUID)
		c.edit(&b)
		_, err := f.s.ImportClients(ctx, []ClientBundle{b})
		var ie *ImportError
		if !errors.As(err, &ie) || ie.Item != c.item {
			t.Errorf("%s: %v", name, err)
		}
	}
	if n, _ := f.s.Counts(ctx); n.Clients != 0 {
		t.Errorf("%d clients after refused imports", n.Clients)
	}
}

func TestImportWithoutBlobs(t *testing.T) {
	s, err := Open(ctx, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.ImportClients(ctx, []ClientBundle{richBundle(noorUID)}); !errors.Is(err, ErrNoBlobs) {
		t.Errorf("got %v", err)
	}
	b := richBundle(noorUID)
	b.Documents = nil
	if _, err := s.ImportClients(ctx, []ClientBundle{b}); err != nil {
		t.Error(err)
	}
}

// A failed seal after the commit keeps the import (and its documents) in
// memory, as every other write does.
func TestImportNotSavedKeepsDocuments(t *testing.T) {
	f := newFixture(t)
	f.seal.fail = errors.New("disk gone")
	got, err := f.s.ImportClients(ctx, []ClientBundle{richBundle(noorUID)})
	if !errors.Is(err, ErrNotSaved) || len(got) != 1 || len(f.blobs.files) != 1 {
		t.Fatalf("got %v, %d files", err, len(f.blobs.files))
	}
}

func TestCheckImportChangesNothing(t *testing.T) {
	f := newFixture(t)
	image, _ := f.s.Image(ctx)
	got, err := f.s.CheckImport(ctx, []ClientBundle{richBundle(noorUID), {Client: Client{FirstName: "Sem"}}})
	if err != nil || len(got) != 2 || got[1].ID != got[0].ID+1 {
		t.Fatalf("check: %+v %v", got, err)
	}
	after, _ := f.s.Image(ctx)
	if !bytes.Equal(image, after) || f.blobs.n != 0 || f.s.Dirty() {
		t.Error("a check changed something")
	}
	if _, err := f.s.ImportClients(ctx, []ClientBundle{richBundle(noorUID)}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.CheckImport(ctx, []ClientBundle{richBundle(noorUID)}); !errors.Is(err, ErrAlreadyImported) {
		t.Errorf("check of a second import: %v", err)
	}
}

func BenchmarkImportClients1000(b *testing.B) {
	bundles := make([]ClientBundle, 1000)
	for i := range bundles {
		bundles[i] = ClientBundle{Client: Client{FirstName: fmt.Sprintf("Client%d", i), LastName: "Jansen",
			Email: fmt.Sprintf("c%d@example.org", i), BirthDate: day("2000-01-01").AddDate(0, 0, i),
			Status: StatusActive, Start: day("2025-09-01")}}
	}
	for b.Loop() {
		b.StopTimer()
		f := newFixture(b)
		b.StartTimer()
		if _, err := f.s.ImportClients(ctx, bundles); err != nil {
			b.Fatal(err)
		}
	}
}
