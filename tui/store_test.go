package tui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/caseload/caseload/paper/fill"
	"github.com/caseload/caseload/store"
	dossierfile "github.com/caseload/caseload/store/dossier"
)

// The screens' tests run on the real store: an in-memory caseload at a
// fixed clock, seeded through its own public methods. What stands in
// below is only what cmd's session adds to *store.Store (the vault's
// backups, the files written by an export, a paper or an import) and a
// sealer that remembers the last image, so a lock and an unlock reopen
// the caseload the way the vault does. Every person here is invented.

func TestMain(m *testing.M) {
	// Golden files hold plain text: no colours, no attributes, the way a
	// NO_COLOR terminal shows the screens.
	lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
	// Every caseload after the first starts from the first one's image:
	// building the schema again costs a second under the race detector.
	store.KeepNewCaseloads()
	os.Exit(m.Run())
}

// testNow is the fixed "now" of every test: Thursday 22 January 2026.
var testNow = time.Date(2026, 1, 22, 10, 0, 0, 0, time.UTC)

// day is a civil date.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// wall is a time of day, "2006-01-02 15:04".
func wall(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

var (
	errWrongPass = errors.New("test: wrong passphrase")
	errDamaged   = errors.New("test: damaged")
	errInUse     = errors.New("test: in use")
	errDiskFull  = errors.New("test: disk full")
)

// testSealer is the vault's file as far as the store sees it: it keeps
// the last image sealed, and fails every seal while err is set.
type testSealer struct {
	mu    sync.Mutex
	image []byte
	seals int
	err   error
}

func (v *testSealer) Seal(image []byte) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.err != nil {
		return v.err
	}
	v.image = append([]byte(nil), image...) // never into a seed's image, which clones share
	v.seals++
	return nil
}

// fail makes every later seal fail with err (nil: succeed again).
func (v *testSealer) fail(err error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.err = err
}

// memBlobs keeps documents in memory, unsealed: the store's Blobs.
type memBlobs struct {
	mu    sync.Mutex
	files map[string][]byte
	n     int
}

func (m *memBlobs) Put(data []byte) (string, string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.n++
	id := fmt.Sprintf("blob%d", m.n)
	m.files[id] = append([]byte(nil), data...)
	return id, "key-" + id, nil
}

func (m *memBlobs) Get(id, _ string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.files[id]
	if !ok {
		return nil, os.ErrNotExist
	}
	return b, nil
}

func (m *memBlobs) Remove(id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.files, id)
	return nil
}

// testStore is a real *store.Store with what cmd's session adds to it:
// the backups in the vault's folder, and the export, paper and import,
// whose files (crypt's business) it does not write. It records what the
// screens asked of those.
type testStore struct {
	*store.Store
	seal  *testSealer
	blobs *memBlobs
	now   *time.Time

	mu        sync.Mutex
	backups   BackupInfo
	dropped   bool
	exports   []dossierfile.Request
	exportErr error // ExportDossier fails with it
	papers    []fill.Request
	imp       *importData
	calls     []string // the counted methods the screens called, in order
	imageSize int64    // when set, what ImageSize reports: a vault near its limit
	createErr error    // CreateClient fails with it, keeping nothing: a full vault
	memOnly   bool     // no sealer: the caseload is never reopened (a clone)
}

// newTestStore opens an empty caseload whose clock reads *now (testNow
// when now is nil).
func newTestStore(t testing.TB, now *time.Time) *testStore {
	t.Helper()
	s := fromSeed(t, "empty", func(testing.TB, *testStore) {})
	if now != nil {
		*now = *s.now
		s.now = now
	}
	return s
}

// seeds are the caseloads the tests start from, built once per run and
// kept as images: opening an image costs milliseconds, building the
// caseload through the store's methods (migrations, every write) a
// tenth of a second or more.
var seeds = struct {
	sync.Mutex
	m map[string]*seedImage
}{m: map[string]*seedImage{}}

// seedImage is a caseload as seed left it: its image, its documents and
// the backups its vault is said to hold.
type seedImage struct {
	image   []byte
	files   map[string][]byte
	n       int
	backups BackupInfo
}

// fromSeed opens a fresh copy of the caseload seed builds on an empty
// store at testNow; name identifies it.
func fromSeed(t testing.TB, name string, seed func(testing.TB, *testStore)) *testStore {
	t.Helper()
	seeds.Lock()
	img, ok := seeds.m[name]
	seeds.Unlock()
	if !ok {
		n := testNow
		b := &testStore{seal: &testSealer{}, blobs: &memBlobs{files: map[string][]byte{}}, now: &n, memOnly: true}
		st, err := store.Open(context.Background(), nil, b.options())
		if err != nil {
			t.Fatal(err)
		}
		b.Store = st
		seed(t, b)
		image, err := st.Image(context.Background())
		st.Close()
		if err != nil {
			t.Fatal(err)
		}
		img = &seedImage{image: image, files: b.blobs.files, n: b.blobs.n, backups: b.backups}
		seeds.Lock()
		seeds.m[name] = img
		seeds.Unlock()
	}
	n := testNow
	s := &testStore{seal: &testSealer{image: img.image}, blobs: &memBlobs{files: map[string][]byte{}, n: img.n},
		now: &n, backups: img.backups}
	for id, f := range img.files {
		s.blobs.files[id] = f
	}
	st, err := store.Open(context.Background(), img.image, s.options()) // Open copies the image
	if err != nil {
		t.Fatal(err)
	}
	s.Store = st
	t.Cleanup(func() { s.Store.Close() })
	return s
}

func (s *testStore) options() store.Options {
	o := store.Options{Sealer: s.seal, Blobs: s.blobs, Clock: func() time.Time { return *s.now }}
	if s.memOnly {
		o.Sealer = nil
	}
	return o
}

// reopen opens the caseload again from its last sealed image, as an
// unlock does after a lock.
func (s *testStore) reopen() (*testStore, error) {
	s.seal.mu.Lock()
	image := append([]byte(nil), s.seal.image...)
	s.seal.mu.Unlock()
	st, err := store.Open(context.Background(), image, s.options())
	if err != nil {
		return nil, err
	}
	return &testStore{Store: st, seal: s.seal, blobs: s.blobs, now: s.now, backups: s.backups,
		exportErr: s.exportErr, imp: s.imp}, nil
}

// sealed is the store to read from after the screens are done: s while
// it is open, else the caseload its last sealed image holds.
func (s *testStore) sealed(t testing.TB) *testStore {
	t.Helper()
	if !s.isClosed() {
		return s
	}
	r, err := s.reopen()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Store.Close() })
	return r
}

// draft is the text saved under key, as the vault holds it.
func (s *testStore) draft(t testing.TB, key string) string {
	t.Helper()
	return must[string](t)(s.sealed(t).Store.Draft(context.Background(), key))
}

// records is every client's records as the vault holds them, by number.
func (s *testStore) records(t testing.TB) []store.Record {
	t.Helper()
	r := s.sealed(t)
	var out []store.Record
	for _, c := range must[[]store.ClientRow](t)(r.Store.ListClients(context.Background())) {
		for _, rec := range must[[]store.Record](t)(r.Store.Records(context.Background(), c.ID)) {
			out = append(out, r.record(t, rec.ID))
		}
	}
	slices.SortFunc(out, func(a, b store.Record) int { return int(a.ID - b.ID) })
	return out
}

// rows is the caseload as the vault holds it.
func (s *testStore) rows(t testing.TB) []store.ClientRow {
	t.Helper()
	return must[[]store.ClientRow](t)(s.sealed(t).Store.ListClients(context.Background()))
}

// clone is a copy of the caseload as last sealed, with copies of its
// documents: a fresh start for each of many sessions on the same data.
// It seals nothing, so it never opens again after a lock.
func (s *testStore) clone(t testing.TB) *testStore {
	t.Helper()
	blobs := &memBlobs{files: map[string][]byte{}}
	s.blobs.mu.Lock()
	for id, b := range s.blobs.files {
		blobs.files[id] = b
	}
	blobs.n = s.blobs.n
	s.blobs.mu.Unlock()
	now := *s.now
	c := &testStore{seal: &testSealer{}, blobs: blobs, now: &now, backups: s.backups, imp: s.imp, memOnly: true}
	s.seal.mu.Lock()
	st, err := store.Open(context.Background(), s.seal.image, c.options()) // Open copies the image
	s.seal.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	c.Store = st
	t.Cleanup(func() { st.Close() })
	return c
}

// isClosed reports whether the screens closed the store.
func (s *testStore) isClosed() bool {
	return errors.Is(s.Store.Save(context.Background()), store.ErrClosed)
}

func (s *testStore) Backups() (BackupInfo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.backups, nil
}

func (s *testStore) DropBackups() (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := s.backups.Count
	s.backups, s.dropped = BackupInfo{}, true
	return n, nil
}

// testPassphrase is the passphrase every export and paper is sealed with.
const testPassphrase = "appel brug citroen duin egel fluit"

// testExportDir is where exports and papers are said to go.
const testExportDir = "/home/coach/Documenten/caseload-exports"

// CheckPublicKey refuses what is not shaped like an age public key (cmd
// asks crypt, which tui may not import).
func (s *testStore) CheckPublicKey(key string) error {
	for _, l := range strings.Fields(key) {
		if !strings.HasPrefix(l, "age1") || len(l) < 20 {
			return fmt.Errorf("%w: %q", dossierfile.ErrBadPublicKey, l)
		}
	}
	return nil
}

// ExportDossier prepares the dossier on the real store, which applies
// its rules (restriction, consent, an unknown client), and logs it as
// cmd does; the zip is not written.
func (s *testStore) ExportDossier(ctx context.Context, clientID int64, r dossierfile.Request) (dossierfile.Result, error) {
	s.mu.Lock()
	s.exports = append(s.exports, r)
	exportErr := s.exportErr
	s.mu.Unlock()
	switch {
	case r.Plain && r.PublicKey != "":
		return dossierfile.Result{}, dossierfile.ErrBoth
	case r.PublicKey != "" && s.CheckPublicKey(r.PublicKey) != nil:
		return dossierfile.Result{}, dossierfile.ErrBadPublicKey
	}
	e, err := dossierfile.Prepare(ctx, s.Store, clientID, r.Options())
	if err != nil {
		return dossierfile.Result{}, err
	}
	if exportErr != nil {
		return dossierfile.Result{}, exportErr
	}
	pass := ""
	if r.Sealing() == dossierfile.SealedPassphrase {
		pass = testPassphrase
	}
	path := filepath.Join(testExportDir, e.FileName())
	return e.Result(path, pass), e.Log(ctx, path)
}

// PrintPaper fills the template on the real store and logs the paper
// as cmd does (its rules: an unknown client or template, a paper for a
// recipient without one, consent); the PDF is not written.
func (s *testStore) PrintPaper(ctx context.Context, clientID int64, r fill.Request) (fill.Result, error) {
	s.mu.Lock()
	s.papers = append(s.papers, r)
	s.mu.Unlock()
	tp, err := s.Template(ctx, r.Template, r.Lang)
	if err != nil {
		return fill.Result{}, err
	}
	p, err := fill.Make(ctx, s.Store, clientID, fill.Options{Lang: r.Lang, Template: tp, RecordID: r.RecordID,
		RequestID: r.RequestID, BreachID: r.BreachID, Recipient: r.Recipient})
	if err != nil {
		return fill.Result{}, err
	}
	log := store.ExportLog{ToClient: true, Recipient: "client", What: p.Name, Basis: store.LegalBasisContract}
	switch {
	case strings.TrimSpace(r.Recipient) != "":
		log = store.ExportLog{Recipient: strings.TrimSpace(r.Recipient), What: p.Name, Basis: r.Basis}
	case p.Settings.To == "recipient":
		return fill.Result{}, fill.ErrNeedsRecipient
	}
	if clientID != 0 {
		if err := s.CheckExport(ctx, clientID, log); err != nil {
			return fill.Result{}, err
		}
	}
	res := fill.Result{Name: p.Name, Sealed: !r.Plain, PublicKey: r.PublicKey != "",
		Path: filepath.Join(testExportDir, r.Template+"-"+p.Client.FirstName+".pdf")}
	if res.Sealed && !res.PublicKey {
		res.Passphrase, res.Path = testPassphrase, res.Path+".age"
	}
	return res, s.LogPaper(ctx, clientID, log)
}

// importData is what ImportFile reads and was asked.
type importData struct {
	files map[string]importable
	calls []importCall
}

// importable is a file ImportFile can read: sealed or not, and what it
// holds. Reading and opening the file is cmd's and crypt's; what it
// brings in goes into the real store.
type importable struct {
	sealing string // "", "passphrase" or "key"
	secret  string // the passphrase or key file's path that opens it
	sum     dossierfile.ImportSummary
	err     error // the import fails with it, once opened
}

// importCall is one call of ImportFile.
type importCall struct{ path, secret, lang string }

// withImport adds a file ImportFile can read.
func (s *testStore) withImport(path string, f importable) *testStore {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.imp == nil {
		s.imp = &importData{files: map[string]importable{}}
	}
	s.imp.files[path] = f
	return s
}

// ImportFile opens a file as cmd's session does and creates the clients
// it holds in the store.
func (s *testStore) ImportFile(ctx context.Context, path, secret, lang string) (dossierfile.ImportSummary, error) {
	s.mu.Lock()
	if s.imp == nil {
		s.imp = &importData{files: map[string]importable{}}
	}
	s.imp.calls = append(s.imp.calls, importCall{path, secret, lang})
	f, ok := s.imp.files[path]
	s.mu.Unlock()
	switch {
	case !ok:
		return dossierfile.ImportSummary{}, fmt.Errorf("reading %s: %w", path, os.ErrNotExist)
	case f.sealing == "key" && secret == "":
		return dossierfile.ImportSummary{}, fmt.Errorf("%w: %w", dossierfile.ErrNeedsSecret, dossierfile.ErrNeedsKey)
	case f.sealing != "" && secret == "":
		return dossierfile.ImportSummary{}, dossierfile.ErrNeedsSecret
	case f.sealing != "" && secret != f.secret:
		return dossierfile.ImportSummary{}, dossierfile.ErrWrongSecret
	case f.err != nil:
		return dossierfile.ImportSummary{}, f.err
	}
	sum := f.sum
	sum.Clients = nil
	var saveErr error
	for _, c := range f.sum.Clients {
		c, err := s.Store.CreateClient(ctx, c)
		if errors.Is(err, store.ErrNotSaved) {
			saveErr = err
		} else if err != nil {
			return dossierfile.ImportSummary{}, err
		}
		sum.Clients = append(sum.Clients, c)
	}
	return sum, saveErr
}

// importedClient is a client as an import brings them in.
func importedClient(first, last string, status store.Status) store.Client {
	return store.Client{FirstName: first, LastName: last, Status: status}
}

// testBackend is a vault folder with one passphrase, over a testStore: a
// lock closes the store and the next unlock opens its last sealed image.
type testBackend struct {
	mu        sync.Mutex
	exists    bool
	pass      string
	store     *testStore
	unlockErr error // returned by Unlock whatever the passphrase
	existsErr error
	// key, when set, plays a vault bound to a security key: Unlock runs it
	// with the screen's KeyUI before it answers.
	key func(KeyUI) error
	// wrap, when set, is what Unlock hands out instead of the store itself.
	wrap func(*testStore) Store
	// t opens the store a Create makes.
	t testing.TB
}

const testRecoveryKey = "AGE-SECRET-KEY-PQ-1TESTRECOVERYKEYQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ"

func (b *testBackend) VaultExists() (bool, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.exists, b.existsErr
}

func (b *testBackend) Create(pass []byte) (string, Store, error) {
	p := string(pass)
	b.mu.Lock()
	defer b.mu.Unlock()
	b.exists, b.pass = true, p
	if b.store == nil {
		b.store = newTestStore(b.t, nil)
	}
	return testRecoveryKey, b.store, nil
}

func (b *testBackend) SuggestPassphrase() string { return "anchor velvet orbit tissue cradle humble" }

func (b *testBackend) Unlock(pass []byte, keys KeyUI) (Store, error) {
	p := string(pass)
	if b.key != nil {
		if err := b.key(keys); err != nil {
			return nil, err
		}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.unlockErr != nil {
		return nil, b.unlockErr
	}
	if p != b.pass {
		return nil, errWrongPass
	}
	if b.store.isClosed() {
		s, err := b.store.reopen()
		if err != nil {
			return nil, err
		}
		b.store = s
		b.t.Cleanup(func() { s.Store.Close() })
	}
	if b.wrap != nil {
		return b.wrap(b.store), nil
	}
	return b.store, nil
}

// current is the store the last unlock handed out.
func (b *testBackend) current() *testStore {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.store
}

func (b *testBackend) Classify(err error) Problem {
	var kp keyProblemErr
	switch {
	case errors.As(err, &kp):
		return kp.p
	case errors.Is(err, errWrongPass):
		return ProblemWrongPassphrase
	case errors.Is(err, errDamaged):
		return ProblemDamaged
	case errors.Is(err, errInUse):
		return ProblemInUse
	case errors.Is(err, errDiskFull):
		return ProblemDiskFull
	case errors.Is(err, store.ErrNotSaved):
		return ProblemNotSaved
	case errors.Is(err, store.ErrNotFound):
		return ProblemNotFound
	}
	var ve *store.ValidationError
	if errors.As(err, &ve) {
		return ProblemInvalid
	}
	return ProblemOther
}

// keyProblemErr is a security key's failure as the test backend reports
// it: cmd's Classify maps crypt's errors to these problems.
type keyProblemErr struct {
	p              Problem
	plugin, detail string
}

func (e keyProblemErr) Error() string     { return "key problem" }
func (e keyProblemErr) KeyPlugin() string { return e.plugin }
func (e keyProblemErr) KeyDetail() string { return e.detail }

func (b *testBackend) VaultDir() string { return "/vaults/coach/caseload" }

// must fails the test on err.
func must[T any](t testing.TB) func(v T, err error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// ok fails the test on err.
func ok(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// people is a small invented caseload, in the order seedPeople adds it
// (client numbers 1 to 5).
func people() []store.Client {
	return []store.Client{
		{FirstName: "Anna", LastName: "de Vries", Email: "anna@example.nl", Phone: "06-12345678",
			Referral: store.ReferralMunicipality, ReferralDetail: "Gemeente Utrecht",
			Status: store.StatusActive, Start: day(2025, 9, 1), BirthDate: day(2003, 4, 12)},
		{FirstName: "Zoë", LastName: "Çelik", Email: "zoe@example.nl", Phone: "06-87654321",
			Referral: store.ReferralSchool, ReferralDetail: "ROC Midden",
			Status: store.StatusIntake, Start: day(2026, 1, 5)},
		{FirstName: "Mehmet", LastName: "Yılmaz", Status: store.StatusClosed, Outcome: store.OutcomeWork,
			Start: day(2024, 2, 1), End: day(2025, 6, 30), Referral: store.ReferralSelf},
		{FirstName: "Fatima", LastName: "el Amrani", Status: store.StatusClosed, Outcome: store.OutcomeEducation,
			Start: day(2023, 3, 1), End: day(2023, 12, 15), Hold: true, HoldReason: "klacht"},
		// Rejected three months and three days ago: under testPolicies
		// three days overdue.
		{FirstName: "Sanne", LastName: "Bakker", Status: store.StatusRejected, RejectedOn: day(2025, 10, 19)},
	}
}

// testPolicies are the practice's retention periods in newPeopleStore.
var testPolicies = []store.Policy{
	{Category: store.CategoryDossier, Basis: store.BasisTrajectoryEnd, Months: 24, Reason: "Richtlijn beroepsvereniging"},
	{Category: store.CategoryRejectedIntake, Basis: store.BasisRejection, Months: 3, Reason: "Niet langer nodig"},
	{Category: store.CategoryInvoice, Basis: store.BasisInvoiceDate, Months: 84, Reason: "Fiscale bewaarplicht"},
}

// newStoreWith is an empty caseload with clients, numbered from 1.
func newStoreWith(t testing.TB, clients ...store.Client) *testStore {
	t.Helper()
	s := newTestStore(t, nil)
	for _, c := range clients {
		must[store.Client](t)(s.Store.CreateClient(context.Background(), c))
	}
	return s
}

// newPeopleStore is people, with retention countdowns in every state
// (Mehmet counting, Fatima on hold, Sanne overdue), Anna's dossier and
// Zoë's intake tomorrow.
func newPeopleStore(t testing.TB) *testStore {
	t.Helper()
	return fromSeed(t, "people", seedPeople)
}

// seedPeople adds people, testPolicies, Anna's dossier and Zoë's intake.
func seedPeople(t testing.TB, s *testStore) {
	t.Helper()
	for _, c := range people() {
		must[store.Client](t)(s.Store.CreateClient(context.Background(), c))
	}
	for _, p := range testPolicies {
		ok(t, s.Store.SavePolicy(context.Background(), p))
	}
	annaDossier(t, s)
	must[store.Appointment](t)(s.Store.SaveAppointment(context.Background(), store.Appointment{ClientID: 2,
		Start: wall("2026-01-23 09:00"), Minutes: 60, Place: "ROC Midden"}))
}

// annaDossier is Anna de Vries's invented dossier (client 1): records of
// every tab (numbers 1 to 5, the fourth special-category), appointments
// before and after testNow (1 to 4), and a document (1).
func annaDossier(t testing.TB, s *testStore) {
	t.Helper()
	c := context.Background()
	rec := must[store.Record](t)
	for _, r := range []store.Record{
		{ClientID: 1, Kind: store.KindIntake, Title: "Kennismaking", Date: day(2025, 9, 3),
			Body: "Anna wil haar mbo-diploma halen.\nZe heeft een zoon van twee.\n\nAfspraak: elke week een gesprek."},
		{ClientID: 1, Kind: store.KindPlan, Title: "Plan van aanpak 2025–2026", Date: day(2025, 9, 17),
			Body: "Doel: in september 2026 starten met de opleiding Verzorgende IG.\n1. Kinderopvang regelen.\n2. Open dag bezoeken."},
		{ClientID: 1, Kind: store.KindNote, Title: "Gesprek over stage", Date: day(2026, 1, 14),
			Body: "Anna wil graag stage lopen in de thuiszorg.\nZe belt zelf met de stagecoördinator."},
		{ClientID: 1, Kind: store.KindNote, Title: "Gezondheid", Date: day(2026, 1, 8), Special: true,
			Body: "Anna vertelt over haar rugklachten; de huisarts heeft haar doorverwezen."},
		{ClientID: 1, Kind: store.KindCV, Title: "Cv januari", Date: day(2026, 1, 10),
			Body: "Anna de Vries\nErvaring: vrijwilliger in het buurthuis."},
	} {
		rec(s.Store.SaveRecord(c, r))
	}
	appt := must[store.Appointment](t)
	for _, a := range []store.Appointment{
		{ClientID: 1, Start: wall("2026-01-27 14:30"), Minutes: 60, Place: "Bibliotheek Utrecht"},
		{ClientID: 1, Start: wall("2026-01-14 10:00"), Minutes: 60, Place: "Kantoor", Attendance: store.AttendanceAttended},
		{ClientID: 1, Start: wall("2026-01-07 10:00"), Minutes: 45, Place: "Kantoor",
			Attendance: store.AttendanceCancelled, Reason: "zoon ziek"},
		{ClientID: 1, Start: wall("2026-01-21 09:00"), Minutes: 30, Place: "Telefonisch"},
	} {
		appt(s.Store.SaveAppointment(c, a))
	}
	s.on(wall("2026-01-10 11:00"), func() { // the day it came in
		must[store.Attachment](t)(s.Store.AddAttachment(c, store.Attachment{ClientID: 1, Name: "cv-anna-de-vries.pdf",
			Kind: store.KindCV}, make([]byte, 123456)))
	})
}

// client reads a client from the store without logging a view.
func (s *testStore) client(t testing.TB, id int64) store.Client {
	t.Helper()
	for _, r := range must[[]store.ClientRow](t)(s.ListClients(context.Background())) {
		if r.ID == id {
			return must[store.Client](t)(s.Store.Client(context.Background(), id))
		}
	}
	t.Fatalf("no client %d", id)
	return store.Client{}
}

// auditActions lists the audit log's actions, oldest first.
func (s *testStore) auditActions(t testing.TB) []string {
	t.Helper()
	var out []string
	a := must[[]store.AuditEntry](t)(s.Audit(context.Background(), 0, 10000))
	for i := len(a) - 1; i >= 0; i-- {
		out = append(out, a[i].Action)
	}
	return out
}

// The screens' calls of these methods are counted (see count); each runs
// the real store's method.
func (s *testStore) AddAttachment(ctx context.Context, a store.Attachment, data []byte) (store.Attachment, error) {
	s.called("AddAttachment")
	return s.Store.AddAttachment(ctx, a, data)
}
func (s *testStore) AddDisclosure(ctx context.Context, d store.Disclosure) (store.Disclosure, error) {
	s.called("AddDisclosure")
	return s.Store.AddDisclosure(ctx, d)
}
func (s *testStore) AddRequest(ctx context.Context, r store.Request) (store.Request, error) {
	s.called("AddRequest")
	return s.Store.AddRequest(ctx, r)
}
func (s *testStore) AttachmentData(ctx context.Context, id int64) (store.Attachment, []byte, error) {
	s.called("AttachmentData")
	return s.Store.AttachmentData(ctx, id)
}
func (s *testStore) Client(ctx context.Context, id int64) (store.Client, error) {
	s.called("Client")
	return s.Store.Client(ctx, id)
}
func (s *testStore) CreateClient(ctx context.Context, c store.Client) (store.Client, error) {
	s.called("CreateClient")
	s.mu.Lock()
	err := s.createErr
	s.mu.Unlock()
	if err != nil {
		return store.Client{}, err
	}
	return s.Store.CreateClient(ctx, c)
}

// ImageSize is the store's, unless the test set imageSize: a vault of
// hundreds of MiB is too slow to build in a test.
func (s *testStore) ImageSize() int64 {
	s.mu.Lock()
	n := s.imageSize
	s.mu.Unlock()
	if n != 0 {
		return n
	}
	return s.Store.ImageSize()
}
func (s *testStore) DeleteAttachment(ctx context.Context, id int64) error {
	s.called("DeleteAttachment")
	return s.Store.DeleteAttachment(ctx, id)
}
func (s *testStore) DeleteProcessor(ctx context.Context, id int64) error {
	s.called("DeleteProcessor")
	return s.Store.DeleteProcessor(ctx, id)
}
func (s *testStore) DeleteRecord(ctx context.Context, id int64) error {
	s.called("DeleteRecord")
	return s.Store.DeleteRecord(ctx, id)
}
func (s *testStore) LogUnlock(ctx context.Context) error {
	s.called("LogUnlock")
	return s.Store.LogUnlock(ctx)
}
func (s *testStore) PlanPurge(ctx context.Context, id int64, o store.PurgeOptions) (store.PurgePlan, error) {
	s.called("PlanPurge")
	return s.Store.PlanPurge(ctx, id, o)
}
func (s *testStore) PreviewPolicy(ctx context.Context, p store.Policy) (store.PolicyImpact, error) {
	s.called("PreviewPolicy")
	return s.Store.PreviewPolicy(ctx, p)
}
func (s *testStore) Purge(ctx context.Context, p store.PurgePlan) (store.Tombstone, error) {
	s.called("Purge")
	return s.Store.Purge(ctx, p)
}
func (s *testStore) RevealAttachment(ctx context.Context, id int64) (store.Attachment, error) {
	s.called("RevealAttachment")
	return s.Store.RevealAttachment(ctx, id)
}
func (s *testStore) RevealRecord(ctx context.Context, id int64) (store.Record, error) {
	s.called("RevealRecord")
	return s.Store.RevealRecord(ctx, id)
}
func (s *testStore) Save(ctx context.Context) error { s.called("Save"); return s.Store.Save(ctx) }
func (s *testStore) SaveAppointment(ctx context.Context, a store.Appointment) (store.Appointment, error) {
	s.called("SaveAppointment")
	return s.Store.SaveAppointment(ctx, a)
}
func (s *testStore) SaveRecord(ctx context.Context, r store.Record) (store.Record, error) {
	s.called("SaveRecord")
	return s.Store.SaveRecord(ctx, r)
}
func (s *testStore) Search(ctx context.Context, q string, limit int) ([]store.Hit, error) {
	s.called("Search")
	return s.Store.Search(ctx, q, limit)
}

func (s *testStore) called(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, name)
}

// count is how many times the screens called the store's method name.
func (s *testStore) count(name string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.calls {
		if c == name {
			n++
		}
	}
	return n
}

// restrict restricts the processing of client id (AVG art. 18).
func (s *testStore) restrict(t testing.TB, id int64, reason string) {
	t.Helper()
	ok(t, s.Store.SetRestriction(context.Background(), id, true, reason))
}

// record reads record id, revealed.
func (s *testStore) record(t testing.TB, id int64) store.Record {
	t.Helper()
	return must[store.Record](t)(s.Store.RevealRecord(context.Background(), id))
}

// appointment reads appointment id.
func (s *testStore) appointment(t testing.TB, id int64) store.Appointment {
	t.Helper()
	return must[store.Appointment](t)(s.Store.Appointment(context.Background(), id))
}

// on runs f with the store's clock at when, then puts it back: seeding
// what happened on another day (an answer, a withdrawal).
func (s *testStore) on(when time.Time, f func()) {
	was := *s.now
	*s.now = when
	defer func() { *s.now = was }()
	f()
}

// putRights adds requests, consents, disclosures and breaches through the
// store's methods, in order (their numbers follow from 1); a request's
// answer, a consent's withdrawal and a breach's report or reason are
// given on their own day.
func (s *testStore) putRights(t testing.TB, items ...any) {
	t.Helper()
	c := context.Background()
	for _, it := range items {
		switch it := it.(type) {
		case store.Request:
			r := must[store.Request](t)(s.Store.AddRequest(c, it))
			if it.Status == store.RequestAnswered {
				s.on(it.Answered, func() { must[store.Request](t)(s.Store.AnswerRequest(c, r.ID, it.Outcome)) })
			}
		case store.Consent:
			k := must[store.Consent](t)(s.Store.AddConsent(c, it))
			if !it.Withdrawn.IsZero() {
				s.on(it.Withdrawn, func() { must[store.Consent](t)(s.Store.WithdrawConsent(c, k.ID)) })
			}
		case store.Disclosure:
			must[store.Disclosure](t)(s.Store.AddDisclosure(c, it))
		case store.Breach:
			b := must[store.Breach](t)(s.Store.AddBreach(c, it))
			if !it.Reported.IsZero() || it.NotReportedReason != "" {
				b.Reported, b.NotReportedReason = it.Reported, it.NotReportedReason
				must[store.Breach](t)(s.Store.UpdateBreach(c, b))
			}
		default:
			t.Fatalf("putRights: %T", it)
		}
	}
}

// request reads request id.
func (s *testStore) request(t testing.TB, id int64) store.Request {
	t.Helper()
	return must[store.Request](t)(s.Store.Request(context.Background(), id))
}

// retentionStoreForTest is the people caseload with deadlines in every
// state: Mehmet (#3) counting, Fatima (#4) on hold, Sanne (#5) overdue,
// and invented extra clients: Daan (#6) soon, Lotte (#7) due today with
// two invoices kept after her, Ruben (#8) due today but restricted; an
// invoice of a client purged earlier is due in 29 days. The practice has
// its name and seven older versions sit in backups/.
func retentionStoreForTest(t testing.TB) *testStore {
	t.Helper()
	return fromSeed(t, "retention", func(t testing.TB, s *testStore) {
		seedPeople(t, s)
		retentionExtras(t, s)
	})
}

// retentionExtras adds retentionStoreForTest's clients, invoices,
// practice and backups to the people caseload.
func retentionExtras(t testing.TB, s *testStore) {
	t.Helper()
	c := context.Background()
	for _, k := range []store.Client{
		{FirstName: "Daan", LastName: "Visser", Status: store.StatusClosed, Outcome: store.OutcomeOther,
			Start: day(2023, 1, 10), End: day(2024, 2, 12)},
		{FirstName: "Lotte", LastName: "Smit", Status: store.StatusClosed, Outcome: store.OutcomeDroppedOut,
			Start: day(2023, 5, 1), End: day(2024, 1, 22)},
		{FirstName: "Ruben", LastName: "Mulder", Status: store.StatusRejected, RejectedOn: day(2025, 10, 22),
			Restricted: true, RestrictedReason: "bezwaar"},
		{FirstName: "Kees", LastName: "de Boer", Status: store.StatusClosed, Outcome: store.OutcomeWork,
			Start: day(2018, 3, 1), End: day(2019, 1, 31)},
	} {
		must[store.Client](t)(s.Store.CreateClient(c, k))
	}
	inv := must[store.Invoice](t)
	for _, i := range []store.Invoice{
		{ClientID: 7, Number: "2024-003", Date: day(2024, 2, 1), AmountCents: 45000, Debtor: "Gemeente Utrecht"},
		{ClientID: 7, Number: "2024-007", Date: day(2024, 3, 1), AmountCents: 30000, Debtor: "Gemeente Utrecht"},
		{ClientID: 9, Number: "2019-014", Date: day(2019, 2, 20), AmountCents: 60000, Debtor: "Kees de Boer"},
	} {
		inv(s.Store.AddInvoice(c, i))
	}
	// Kees's dossier went long ago; his invoice stays its seven years.
	plan := must[store.PurgePlan](t)(s.Store.PlanPurge(c, 9, store.PurgeOptions{}))
	must[store.Tombstone](t)(s.Store.Purge(c, plan))
	ok(t, s.Store.SavePractice(c, store.Practice{Name: "Coaching Noord", Email: "info@example.nl", KvK: "12345678"}))
	s.backups = BackupInfo{Count: 7, Oldest: day(2025, 12, 23), KeptUntil: day(2026, 2, 21)}
}
