package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// memSealer keeps the last sealed image, as a vault file would.
type memSealer struct {
	mu    sync.Mutex
	image []byte
	seals int
	fail  error
}

func (m *memSealer) Seal(image []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return m.fail
	}
	m.image = append([]byte(nil), image...)
	m.seals++
	return nil
}

// memBlobs keeps sealed documents in memory.
type memBlobs struct {
	mu    sync.Mutex
	files map[string][]byte
	keys  map[string]string
	n     int
}

func (m *memBlobs) Put(data []byte) (string, string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.files == nil {
		m.files, m.keys = map[string][]byte{}, map[string]string{}
	}
	m.n++
	id, key := fmt.Sprintf("blob%d", m.n), fmt.Sprintf("AGE-SECRET-KEY-TEST-%d", m.n)
	m.files[id], m.keys[id] = append([]byte(nil), data...), key
	return id, key, nil
}

func (m *memBlobs) Get(id, key string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.keys[id] != key {
		return nil, errors.New("wrong key")
	}
	return m.files[id], nil
}

func (m *memBlobs) Remove(id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.files, id)
	return nil
}

// fixedClock is a clock tests can move.
type fixedClock struct{ t time.Time }

func (c *fixedClock) now() time.Time { return c.t }

func day(s string) time.Time {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

type fixture struct {
	s     *Store
	seal  *memSealer
	blobs *memBlobs
	clock *fixedClock
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	f := &fixture{seal: &memSealer{}, blobs: &memBlobs{}, clock: &fixedClock{t: time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)}}
	s, err := Open(context.Background(), nil, Options{Sealer: f.seal, Blobs: f.blobs, Clock: f.clock.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	f.s = s
	return f
}

// reopen loads the last sealed image into a new store, as an unlock would.
func (f *fixture) reopen(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), f.seal.image, Options{Sealer: f.seal, Blobs: f.blobs, Clock: f.clock.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func (f *fixture) client(t *testing.T, c Client) Client {
	t.Helper()
	c, err := f.s.CreateClient(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var ctx = context.Background()

func TestNewCaseloadIsSealedAtOnce(t *testing.T) {
	f := newFixture(t)
	if f.seal.seals != 1 || !bytes.HasPrefix(f.seal.image, sqliteMagic) {
		t.Fatalf("a new caseload must be sealed once at creation; got %d seals", f.seal.seals)
	}
}

func TestEditsSurviveReopen(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Ayla", LastName: "Vermeer", Email: "ayla@example.org",
		Status: StatusActive, Start: day("2026-01-05"), BirthDate: day("2004-03-09")})
	r, err := f.s.SaveRecord(ctx, Record{ClientID: c.ID, Kind: KindIntake, Title: "Intake",
		Body: "Wil haar mbo-diploma halen.", Date: day("2026-01-05")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.SaveAppointment(ctx, Appointment{ClientID: c.ID, Start: time.Date(2026, 12, 1, 14, 30, 0, 0, time.UTC), Minutes: 60, Place: "Bibliotheek"}); err != nil {
		t.Fatal(err)
	}

	s2 := f.reopen(t)
	got, err := s2.Client(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name() != "Ayla Vermeer" || !got.BirthDate.Equal(day("2004-03-09")) || got.UID != c.UID {
		t.Errorf("reopened client = %+v", got)
	}
	recs, err := s2.Records(ctx, c.ID, KindIntake)
	if err != nil || len(recs) != 1 || recs[0].Body != r.Body {
		t.Fatalf("reopened records = %+v, %v", recs, err)
	}
	rows, err := s2.ListClients(ctx)
	if err != nil || len(rows) != 1 {
		t.Fatalf("list = %+v, %v", rows, err)
	}
	if want := time.Date(2026, 12, 1, 14, 30, 0, 0, time.UTC); !rows[0].NextAppointment.Equal(want) {
		t.Errorf("next appointment = %v, want %v", rows[0].NextAppointment, want)
	}
	if rows[0].Retention.State != RetentionRunning {
		t.Errorf("an active trajectory has no countdown, got %q", rows[0].Retention.State)
	}
}

func TestValidationChangesNothing(t *testing.T) {
	f := newFixture(t)
	before := f.seal.seals
	cases := []Client{
		{Status: StatusActive},
		{FirstName: "Noor", Status: "pending"},
		{FirstName: "Noor", Status: StatusActive, Email: "not an address"},
		{FirstName: "Noor", Status: StatusClosed},
		{FirstName: "Noor", Status: StatusActive, Start: day("2026-05-01"), End: day("2026-04-01")},
	}
	for _, c := range cases {
		_, err := f.s.CreateClient(ctx, c)
		var ve *ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("CreateClient(%+v) = %v, want a ValidationError", c, err)
		}
	}
	rows, _ := f.s.ListClients(ctx)
	if len(rows) != 0 || f.seal.seals != before {
		t.Errorf("invalid clients were stored: %d rows, %d seals", len(rows), f.seal.seals-before)
	}
}

func TestFailedSealKeepsEditInMemory(t *testing.T) {
	f := newFixture(t)
	f.seal.fail = errors.New("disk full")
	c, err := f.s.CreateClient(ctx, Client{FirstName: "Sanne", Status: StatusIntake})
	if !errors.Is(err, ErrNotSaved) || c.ID == 0 {
		t.Fatalf("CreateClient = %+v, %v; want the client kept and ErrNotSaved", c, err)
	}
	if !f.s.Dirty() {
		t.Fatal("a failed seal must leave the store dirty")
	}
	f.seal.fail = nil
	if err := f.s.Save(ctx); err != nil {
		t.Fatal(err)
	}
	if f.s.Dirty() {
		t.Fatal("store still dirty after a successful save")
	}
	if _, err := f.reopen(t).Client(ctx, c.ID); err != nil {
		t.Fatalf("the edit kept in memory did not reach the image: %v", err)
	}
}

func TestRefusesImageWithoutSchema(t *testing.T) {
	f := newFixture(t)
	if _, err := f.s.conn.ExecContext(ctx, "DROP TABLE audit"); err != nil {
		t.Fatal(err)
	}
	f.s.committed++
	before := append([]byte(nil), f.seal.image...)
	if err := f.s.Save(ctx); !errors.Is(err, ErrNoSchema) {
		t.Fatalf("Save of a schemaless image = %v, want ErrNoSchema", err)
	}
	if !bytes.Equal(before, f.seal.image) {
		t.Fatal("a schemaless image reached the sealer")
	}
	if _, err := Open(ctx, []byte("not a database"), Options{}); !errors.Is(err, ErrNoSchema) {
		t.Fatalf("Open(garbage) = %v, want ErrNoSchema", err)
	}
}

func TestRestrictedClientIsReadOnly(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Jamal", Status: StatusActive})
	r, err := f.s.SaveRecord(ctx, Record{ClientID: c.ID, Kind: KindNote, Title: "Gesprek", Date: day("2026-11-01")})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetRestriction(ctx, c.ID, true, "verzoek art. 18"); err != nil {
		t.Fatal(err)
	}
	r.Body = "changed"
	checks := map[string]error{
		"update client": func() error { _, err := f.s.UpdateClient(ctx, c); return err }(),
		"save record":   func() error { _, err := f.s.SaveRecord(ctx, r); return err }(),
		"delete record": f.s.DeleteRecord(ctx, r.ID),
		"appointment": func() error {
			_, err := f.s.SaveAppointment(ctx, Appointment{ClientID: c.ID, Start: day("2026-12-01"), Minutes: 30})
			return err
		}(),
		"document": func() error {
			_, err := f.s.AddAttachment(ctx, Attachment{ClientID: c.ID, Name: "cv.pdf"}, []byte("%PDF"))
			return err
		}(),
	}
	for name, err := range checks {
		if !errors.Is(err, ErrRestricted) {
			t.Errorf("%s on a restricted client = %v, want ErrRestricted", name, err)
		}
	}
	if len(f.blobs.files) != 0 {
		t.Error("a document of a restricted client was sealed")
	}
	if err := f.s.SetRestriction(ctx, c.ID, false, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.SaveRecord(ctx, r); err != nil {
		t.Errorf("after lifting the restriction, editing fails: %v", err)
	}
}

func TestSpecialRecordsAreMaskedAndRevealsLogged(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Lotte", Status: StatusActive})
	r, err := f.s.SaveRecord(ctx, Record{ClientID: c.ID, Kind: KindNote, Title: "Medisch",
		Body: "diagnose zwangerschapsdiabetes", Date: day("2026-10-10"), Special: true})
	if err != nil {
		t.Fatal(err)
	}
	recs, _ := f.s.Records(ctx, c.ID)
	if recs[0].Body != "" {
		t.Error("Records shows a special-category text unasked")
	}
	if got, _ := f.s.Record(ctx, r.ID); got.Body != "" {
		t.Error("Record shows a special-category text unasked")
	}
	hits, _ := f.s.Search(ctx, "zwangerschapsdiabetes", 10)
	if len(hits) != 1 || hits[0].Snippet != "" {
		t.Errorf("search of special text = %+v; want one hit without snippet", hits)
	}
	got, err := f.s.RevealRecord(ctx, r.ID)
	if err != nil || got.Body != r.Body {
		t.Fatalf("RevealRecord = %+v, %v", got, err)
	}
	log, _ := f.s.Audit(ctx, c.ID, 10)
	if len(log) == 0 || log[0].Action != AuditReveal {
		t.Errorf("reveal not logged: %+v", log)
	}
}

func TestSearch(t *testing.T) {
	f := newFixture(t)
	a := f.client(t, Client{FirstName: "Fatima", LastName: "El Amrani", Status: StatusActive})
	b := f.client(t, Client{FirstName: "Daan", LastName: "Bakker", Status: StatusActive})
	for _, r := range []Record{
		{ClientID: a.ID, Kind: KindPlan, Title: "Plan van aanpak", Body: "Inschrijving bij het ROC voor de opleiding verzorgende.", Date: day("2026-02-01")},
		{ClientID: b.ID, Kind: KindNote, Title: "Sollicitatie", Body: "Brief naar de bakkerij geschreven; café wil hem spreken.", Date: day("2026-03-01")},
	} {
		if _, err := f.s.SaveRecord(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		query      string
		wantClient int64
		wantRecord bool
	}{
		{"opleiding", a.ID, true},
		{"opleid", a.ID, true},  // prefix
		{"cafe", b.ID, true},    // diacritics folded
		{"Amrani", a.ID, false}, // a name
		{`"roc* (`, a.ID, true}, // FTS syntax in input is just text
	}
	for _, tt := range tests {
		hits, err := f.s.Search(ctx, tt.query, 10)
		if err != nil {
			t.Fatalf("Search(%q): %v", tt.query, err)
		}
		if len(hits) == 0 || hits[0].ClientID != tt.wantClient || (hits[0].RecordID != 0) != tt.wantRecord {
			t.Errorf("Search(%q) = %+v", tt.query, hits)
		}
	}
	hits, _ := f.s.Search(ctx, "opleiding", 10)
	if !strings.Contains(hits[0].Snippet, "«opleiding»") {
		t.Errorf("snippet %q does not mark the match", hits[0].Snippet)
	}
	if hits, _ := f.s.Search(ctx, "  ** ", 10); len(hits) != 0 {
		t.Errorf("a query of only syntax found %v", hits)
	}
}

func TestDeletedDocumentKeyLeavesTheImage(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Mila", Status: StatusActive})
	a, err := f.s.AddAttachment(ctx, Attachment{ClientID: c.ID, Name: "cv-mila.pdf", Kind: KindCV}, []byte("%PDF-1.7 curriculum"))
	if err != nil {
		t.Fatal(err)
	}
	key := f.blobs.keys["blob1"]
	if !bytes.Contains(f.seal.image, []byte(key)) {
		t.Fatal("the document key is not in the image; the test cannot tell anything")
	}
	_, data, err := f.s.AttachmentData(ctx, a.ID)
	if err != nil || string(data) != "%PDF-1.7 curriculum" {
		t.Fatalf("AttachmentData = %q, %v", data, err)
	}
	if err := f.s.DeleteAttachment(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(f.seal.image, []byte(key)) {
		t.Error("the deleted document's key survives in the sealed image")
	}
	if _, ok := f.blobs.files["blob1"]; ok {
		t.Error("the sealed file of a deleted document was not removed")
	}
}

func TestDeletedTextLeavesTheImage(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Quirijn", LastName: "Xylofoonvirtuoos", Status: StatusActive})
	r, err := f.s.SaveRecord(ctx, Record{ClientID: c.ID, Kind: KindNote, Title: "Notitie",
		Body: "Zeldzaamwoordzonderweerga in de tekst.", Date: day("2026-11-01")})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.DeleteRecord(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"Zeldzaamwoordzonderweerga", "zeldzaamwoordzonderweerga"} {
		if bytes.Contains(f.seal.image, []byte(w)) {
			t.Errorf("deleted record text %q survives in the image", w)
		}
	}
}

func TestDrafts(t *testing.T) {
	f := newFixture(t)
	if err := f.s.SaveDraft(ctx, "record:new:3", "half a sentence"); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.reopen(t).Draft(ctx, "record:new:3"); got != "half a sentence" {
		t.Fatalf("draft after reopen = %q", got)
	}
	if err := f.s.DeleteDraft(ctx, "record:new:3"); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.s.Draft(ctx, "record:new:3"); got != "" {
		t.Fatalf("deleted draft = %q", got)
	}
}

func TestAuditNamesClientsByIDOnly(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Roosmarijn", LastName: "Oudeweg", Status: StatusActive})
	if _, err := f.s.SaveRecord(ctx, Record{ClientID: c.ID, Kind: KindEvaluation, Title: "Tussenevaluatie Roosmarijn", Date: day("2026-06-01")}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Client(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	log, err := f.s.Audit(ctx, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	actions := map[string]bool{}
	for _, e := range log {
		actions[e.Action] = true
		if strings.Contains(e.Detail, "Roosmarijn") || strings.Contains(e.Detail, "Oudeweg") {
			t.Errorf("audit line names the client: %+v", e)
		}
	}
	for _, a := range []string{AuditCreate, AuditView} {
		if !actions[a] {
			t.Errorf("no %q line in the audit log", a)
		}
	}
}

func TestIntegrityAndCounts(t *testing.T) {
	f := newFixture(t)
	f.client(t, Client{FirstName: "Tess", Status: StatusIntake})
	if err := f.s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	n, err := f.s.Counts(ctx)
	if err != nil || n.Clients != 1 || n.ImageBytes == 0 {
		t.Fatalf("Counts = %+v, %v", n, err)
	}
}

func TestClosedStoreRefuses(t *testing.T) {
	f := newFixture(t)
	f.s.Close()
	if _, err := f.s.ListClients(ctx); !errors.Is(err, ErrClosed) {
		t.Fatalf("ListClients after Close = %v", err)
	}
}
