package tui

import (
	"context"
	"errors"
	"fmt"
	"os"
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

// Test doubles and a synchronous driver. Every person here is invented.

func TestMain(m *testing.M) {
	// Golden files hold plain text: no colours, no attributes, the way a
	// NO_COLOR terminal shows the screens.
	lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
	os.Exit(m.Run())
}

// testNow is the fixed "now" of every test: Thursday 22 January 2026.
var testNow = time.Date(2026, 1, 22, 10, 0, 0, 0, time.UTC)

// day is a civil date.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

var (
	errWrongPass = errors.New("fake: wrong passphrase")
	errDamaged   = errors.New("fake: damaged")
	errInUse     = errors.New("fake: in use")
	errDiskFull  = errors.New("fake: disk full")
)

// fakeStore keeps clients and drafts in maps and records what was called.
type fakeStore struct {
	mu         sync.Mutex
	clients    map[int64]store.Client
	rows       map[int64]store.ClientRow // retention and next appointment per client
	drafts     map[string]string
	nextID     int64
	calls      []string
	closed     bool
	sealErr    error // mutating calls succeed in memory but fail to seal
	createErr  error // CreateClient fails with it, keeping nothing
	saveErr    error // Save fails
	closeErr   error
	dd         *dossierData          // records, appointments, documents, audit
	rd         *retentionData        // deadlines, policies, backups; see fake_retention_test.go
	rr         *rightsData           // requests, consents, disclosures, breaches; see fake_rights_test.go
	exports    []dossierfile.Request // what ExportDossier was asked; see fake_export_test.go
	complaints []store.Complaint
	papers     []fill.Request              // what PrintPaper was asked; see fake_paper_test.go
	own        map[string][]store.Template // the coach's templates by "key.lang", oldest first
	exportErr  error                       // ExportDossier fails with it
	imp        *importData                 // the files ImportFile reads; see fake_import_test.go
	imageSize  int64                       // what ImageSize reports
}

func newFakeStore(clients ...store.Client) *fakeStore {
	s := &fakeStore{clients: map[int64]store.Client{}, rows: map[int64]store.ClientRow{}, drafts: map[string]string{}}
	for _, c := range clients {
		s.nextID++
		c.ID = s.nextID
		s.clients[c.ID] = c
	}
	return s
}

func (s *fakeStore) called(name string) {
	s.calls = append(s.calls, name)
}

func (s *fakeStore) sealed() error {
	if s.sealErr != nil {
		return fmt.Errorf("%w: %w", store.ErrNotSaved, s.sealErr)
	}
	return nil
}

func (s *fakeStore) ListClients(context.Context) ([]store.ClientRow, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("ListClients")
	var out []store.ClientRow
	for _, c := range s.clients {
		r := s.rows[c.ID]
		r.ID, r.Name, r.Email, r.Phone = c.ID, c.Name(), c.Email, c.Phone
		r.Referral, r.ReferralDetail, r.Status = c.Referral, c.ReferralDetail, c.Status
		r.Start, r.End, r.Restricted = c.Start, c.End, c.Restricted
		if r.Retention.State == "" {
			r.Retention.State = store.RetentionRunning
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b store.ClientRow) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

func (s *fakeStore) Client(_ context.Context, id int64) (store.Client, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("Client")
	c, ok := s.clients[id]
	if !ok {
		return store.Client{}, store.ErrNotFound
	}
	s.log(store.AuditView, id, "")
	return c, nil
}

func (s *fakeStore) CreateClient(_ context.Context, c store.Client) (store.Client, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("CreateClient")
	if err := c.Validate(); err != nil {
		return store.Client{}, err
	}
	if s.createErr != nil {
		return store.Client{}, s.createErr
	}
	s.nextID++
	c.ID = s.nextID
	s.clients[c.ID] = c
	return c, s.sealed()
}

func (s *fakeStore) UpdateClient(_ context.Context, c store.Client) (store.Client, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("UpdateClient")
	old, ok := s.clients[c.ID]
	switch {
	case !ok:
		return store.Client{}, store.ErrNotFound
	case old.Restricted:
		return store.Client{}, store.ErrRestricted
	}
	if err := c.Validate(); err != nil {
		return store.Client{}, err
	}
	s.clients[c.ID] = c
	return c, s.sealed()
}

func (s *fakeStore) SaveDraft(_ context.Context, key, text string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("SaveDraft")
	s.drafts[key] = text
	return s.sealed()
}

func (s *fakeStore) Draft(_ context.Context, key string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("Draft")
	return s.drafts[key], nil
}

func (s *fakeStore) DeleteDraft(_ context.Context, key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("DeleteDraft")
	delete(s.drafts, key)
	return s.sealed()
}

func (s *fakeStore) LogUnlock(context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("LogUnlock")
	return s.sealed()
}

func (s *fakeStore) Save(context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("Save")
	if s.saveErr != nil {
		return fmt.Errorf("%w: %w", store.ErrNotSaved, s.saveErr)
	}
	return s.sealed()
}

func (s *fakeStore) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("Close")
	s.closed = true
	return s.closeErr
}

func (s *fakeStore) count(name string) int {
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

// fakeBackend is a vault folder with one passphrase.
type fakeBackend struct {
	mu        sync.Mutex
	exists    bool
	pass      string
	store     *fakeStore
	unlockErr error // returned by Unlock whatever the passphrase
	existsErr error
	// key, when set, plays a vault bound to a security key: Unlock runs it
	// with the screen's KeyUI before it answers.
	key func(KeyUI) error
	// wrap, when set, is what Unlock hands out instead of store itself.
	wrap func(*fakeStore) Store
}

const testRecoveryKey = "AGE-SECRET-KEY-PQ-1TESTRECOVERYKEYQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ"

func (b *fakeBackend) VaultExists() (bool, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.exists, b.existsErr
}

func (b *fakeBackend) Create(pass []byte) (string, Store, error) {
	p := string(pass)
	b.mu.Lock()
	defer b.mu.Unlock()
	b.exists, b.pass = true, p
	if b.store == nil {
		b.store = newFakeStore()
	}
	return testRecoveryKey, b.store, nil
}

func (b *fakeBackend) SuggestPassphrase() string { return "anchor velvet orbit tissue cradle humble" }

func (b *fakeBackend) Unlock(pass []byte, keys KeyUI) (Store, error) {
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
	b.store.closed = false
	if b.wrap != nil {
		return b.wrap(b.store), nil
	}
	return b.store, nil
}

func (b *fakeBackend) Classify(err error) Problem {
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
	}
	return ProblemOther
}

// keyProblemErr is a security key's failure as the fake backend reports
// it: cmd's Classify maps crypt's errors to these problems.
type keyProblemErr struct {
	p              Problem
	plugin, detail string
}

func (e keyProblemErr) Error() string     { return "key problem" }
func (e keyProblemErr) KeyPlugin() string { return e.plugin }
func (e keyProblemErr) KeyDetail() string { return e.detail }

func (b *fakeBackend) VaultDir() string { return "/vaults/coach/caseload" }

// people is a small invented caseload.
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
		{FirstName: "Sanne", LastName: "Bakker", Status: store.StatusRejected, RejectedOn: day(2025, 12, 30)},
	}
}

// newPeopleStore is people with retention countdowns in every state.
func newPeopleStore() *fakeStore {
	s := newFakeStore(people()...)
	s.rows[1] = store.ClientRow{NextAppointment: time.Date(2026, 1, 27, 14, 30, 0, 0, time.UTC)}
	s.rows[2] = store.ClientRow{NextAppointment: time.Date(2026, 1, 23, 9, 0, 0, 0, time.UTC)}
	s.rows[3] = store.ClientRow{Retention: store.Countdown{State: store.RetentionCounting, DaysLeft: 524}}
	s.rows[4] = store.ClientRow{Retention: store.Countdown{State: store.RetentionHold, HoldReason: "klacht"}}
	s.rows[5] = store.ClientRow{Retention: store.Countdown{State: store.RetentionOverdue, DaysLeft: -3}}
	annaDossier(s)
	return s
}

func (s *fakeStore) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

func (s *fakeStore) clientsCopy() []store.Client {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []store.Client
	for _, c := range s.clients {
		out = append(out, c)
	}
	return out
}
