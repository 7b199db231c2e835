package store

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"
)

// memJournal keeps a snapshot and its entries, as a vault folder would.
type memJournal struct {
	mu       sync.Mutex
	image    []byte
	entries  [][]byte
	gens     []uint64
	compacts int
	fail     error
}

func (m *memJournal) Append(change []byte, gen uint64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return m.fail
	}
	m.entries = append(m.entries, bytes.Clone(change))
	m.gens = append(m.gens, gen)
	return nil
}

func (m *memJournal) Compact(image []byte, gen uint64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return m.fail
	}
	m.image, m.entries = bytes.Clone(image), nil
	m.gens = append(m.gens, gen)
	m.compacts++
	return nil
}

func (m *memJournal) Backlog() (int, int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var n int64
	for _, e := range m.entries {
		n += int64(len(e))
	}
	return len(m.entries), n
}

// open loads the snapshot and replays the entries, as an unlock would.
func (m *memJournal) open(t testing.TB, clock Clock) *Store {
	t.Helper()
	m.mu.Lock()
	image, entries := bytes.Clone(m.image), make([][]byte, len(m.entries))
	for i, e := range m.entries {
		entries[i] = bytes.Clone(e)
	}
	m.mu.Unlock()
	s, err := Open(context.Background(), image, Options{Journal: m, Replay: entries, Clock: clock, Blobs: &memBlobs{}})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// checkReopens fails the test, saying what, unless the vault m keeps
// (snapshot and entries) reopens to exactly the caseload s holds.
func (m *memJournal) checkReopens(t testing.TB, clock Clock, s *Store, what string) {
	t.Helper()
	r := m.open(t, clock)
	defer r.Close()
	if dump(t, r) != dump(t, s) {
		t.Fatal(what)
	}
}

// dump is every row of every ordinary table, and what searches find.
func dump(t testing.TB, s *Store) string {
	t.Helper()
	var b strings.Builder
	// Under the store's lock, let go however it ends: a failed check
	// must fail the test, not leave Close waiting for the lock.
	func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		rows, err := s.conn.QueryContext(ctx, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE '%fts%' AND name != 'generation' ORDER BY name")
		if err != nil {
			t.Fatal(err)
		}
		var tables []string
		for rows.Next() {
			var n string
			rows.Scan(&n)
			tables = append(tables, n)
		}
		rows.Close()
		for _, tb := range tables {
			r, err := s.conn.QueryContext(ctx, "SELECT * FROM "+tb+" ORDER BY 1")
			if err != nil {
				t.Fatal(err)
			}
			cols, _ := r.Columns()
			for r.Next() {
				vals := make([]any, len(cols))
				ptrs := make([]any, len(cols))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				r.Scan(ptrs...)
				fmt.Fprintf(&b, "%s %v\n", tb, vals)
			}
			r.Close()
		}
		var check string
		if err := s.conn.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
			t.Fatalf("integrity check: %v %s", err, check)
		}
		for _, fts := range []string{"records_fts", "clients_fts"} {
			if _, err := s.conn.ExecContext(ctx, "INSERT INTO "+fts+" ("+fts+") VALUES ('integrity-check')"); err != nil {
				t.Fatalf("%s integrity: %v", fts, err)
			}
		}
	}()
	for _, q := range []string{"diploma", "Vermeer", "bibliotheek", "Ayla", "zorg"} {
		hits, err := s.Search(ctx, q, 50)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "search %s: %+v\n", q, hits)
	}
	return b.String()
}

// TestJournalReplaysEverySave: each save appends its change, and the
// snapshot plus the entries is the caseload exactly, search index
// included, through inserts, updates, deletes and cascades.
func TestJournalReplaysEverySave(t *testing.T) {
	j := &memJournal{}
	clock := &fixedClock{t: time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)}
	s, err := Open(ctx, nil, Options{Journal: j, Clock: clock.now, Blobs: &memBlobs{}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if j.compacts != 1 || len(j.entries) != 0 {
		t.Fatalf("a new caseload is one snapshot; got %d snapshots, %d entries", j.compacts, len(j.entries))
	}
	c, err := s.CreateClient(ctx, Client{FirstName: "Ayla", LastName: "Vermeer", Email: "ayla@example.org", Status: StatusActive, Start: day("2026-01-05")})
	if err != nil {
		t.Fatal(err)
	}
	gone, err := s.CreateClient(ctx, Client{FirstName: "Bram", LastName: "Zorg", Status: StatusActive, Start: day("2026-02-01")})
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("Wil haar mbo-diploma halen en daarna verder studeren. ", 20)
	r, err := s.SaveRecord(ctx, Record{ClientID: c.ID, Kind: KindIntake, Title: "Intake", Body: long, Date: day("2026-01-05")})
	if err != nil {
		t.Fatal(err)
	}
	r.Body = strings.ReplaceAll(long, "mbo", "hbo")
	if _, err := s.SaveRecord(ctx, r); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveRecord(ctx, Record{ClientID: gone.ID, Kind: KindNote, Title: "Zorg", Body: "zorg " + long, Date: day("2026-02-02")}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveAppointment(ctx, Appointment{ClientID: c.ID, Start: time.Date(2026, 12, 1, 14, 30, 0, 0, time.UTC), Minutes: 60, Place: "Bibliotheek"}); err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	_, err = s.conn.ExecContext(ctx, "DELETE FROM clients WHERE id = ?", gone.ID) // cascades
	s.committed++
	s.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Save(ctx); err != nil {
		t.Fatal(err)
	}
	if j.compacts != 1 || len(j.entries) < 6 {
		t.Fatalf("each save should append; got %d snapshots, %d entries", j.compacts, len(j.entries))
	}
	want := dump(t, s)
	r2 := j.open(t, clock.now)
	defer r2.Close()
	if got := dump(t, r2); got != want {
		t.Fatalf("replayed caseload differs:\n--- replayed\n%s\n--- saved\n%s", got, want)
	}
	g1, _, _ := s.Generation(ctx)
	g2, _, _ := r2.Generation(ctx)
	if g1 != g2 || g1 != uint64(len(j.entries)+1) {
		t.Fatalf("generation %d after replay, %d saved, %d saves", g2, g1, len(j.entries)+1)
	}
}

// TestJournalCompaction: closing after a session of edits, and a purge,
// compact; a single change left by a command does not.
func TestJournalCompaction(t *testing.T) {
	j := &memJournal{}
	clock := &fixedClock{t: time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)}
	s, err := Open(ctx, nil, Options{Journal: j, Clock: clock.now})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateClient(ctx, Client{FirstName: "Ayla", LastName: "Vermeer", Status: StatusActive}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if j.compacts != 1 || len(j.entries) != 1 {
		t.Fatalf("one change: want its entry kept; got %d snapshots, %d entries", j.compacts, len(j.entries))
	}
	s = j.open(t, clock.now)
	for _, n := range []string{"Bram", "Cas"} {
		if _, err := s.CreateClient(ctx, Client{FirstName: n, LastName: "Zorg", Status: StatusActive}); err != nil {
			t.Fatal(err)
		}
	}
	want := dump(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if j.compacts != 2 || len(j.entries) != 0 {
		t.Fatalf("a session of edits: want a compaction at close; got %d snapshots, %d entries", j.compacts, len(j.entries))
	}
	s = j.open(t, clock.now)
	defer s.Close()
	if got := dump(t, s); got != want {
		t.Fatal("the compacted snapshot differs from the caseload")
	}
	// A failed append keeps the change; the next save seals the image.
	j.fail = errors.New("disk full")
	if _, err := s.CreateClient(ctx, Client{FirstName: "Dina", LastName: "Els", Status: StatusActive}); !errors.Is(err, ErrNotSaved) {
		t.Fatalf("want ErrNotSaved, got %v", err)
	}
	j.fail = nil
	if err := s.Save(ctx); err != nil {
		t.Fatal(err)
	}
	if j.compacts != 3 {
		t.Fatalf("after a failed append the next save must be a snapshot; got %d", j.compacts)
	}
	j.checkReopens(t, clock.now, s, "the change that failed to append was lost")
}

// TestJournalRecordsTablesWithoutAPrimaryKey: a table a migration adds
// without a declared primary key still reaches the journal.
func TestJournalRecordsTablesWithoutAPrimaryKey(t *testing.T) {
	j := &memJournal{}
	clock := &fixedClock{t: time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)}
	s, err := Open(ctx, nil, Options{Journal: j, Clock: clock.now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.mu.Lock()
	_, err = s.conn.ExecContext(ctx, "CREATE TABLE notes_nopk (body TEXT)")
	if err == nil {
		err = s.watch(ctx)
	}
	if err == nil {
		_, err = s.conn.ExecContext(ctx, "INSERT INTO notes_nopk VALUES ('kept')")
	}
	s.committed++
	s.snapshotDue = false
	s.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Save(ctx); err != nil {
		t.Fatal(err)
	}
	// The snapshot has the table (empty) only if compacted; make it so.
	j.mu.Lock()
	entries := len(j.entries)
	j.mu.Unlock()
	if entries == 0 {
		t.Fatal("the insert was not appended")
	}
	// Replay onto a snapshot that has the table but not the row.
	base, err := Open(ctx, j.image, Options{})
	if err != nil {
		t.Fatal(err)
	}
	base.mu.Lock()
	base.conn.ExecContext(ctx, "CREATE TABLE notes_nopk (body TEXT)")
	base.mu.Unlock()
	img, err := base.Image(ctx)
	base.Close()
	if err != nil {
		t.Fatal(err)
	}
	r, err := Open(ctx, img, Options{Replay: j.entries})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var body string
	r.mu.Lock()
	err = r.conn.QueryRowContext(ctx, "SELECT body FROM notes_nopk").Scan(&body)
	r.mu.Unlock()
	if err != nil || body != "kept" {
		t.Fatalf("the row of a table without a primary key: %q, %v", body, err)
	}
}

// TestCompactionWhileSavesCommit: saves made while compactions run (they
// merge the index with the lock let go between steps, then seal SQLite's
// own buffer with the lock let go) must end up in the snapshot or in the
// journal after it, once each: the vault must reopen to exactly the
// caseload in memory.
func TestCompactionWhileSavesCommit(t *testing.T) {
	j := &memJournal{}
	clock := &fixedClock{t: time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)}
	s, err := Open(ctx, nil, Options{Journal: j, Clock: clock.now, Blobs: &memBlobs{}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// An image of 16 MiB, so that each compaction takes a while: drafts
	// of text that does not compress.
	rnd := rand.New(rand.NewPCG(1, 2))
	s.mu.Lock()
	for i := range 256 {
		b := make([]byte, 48<<10)
		for k := range b {
			b[k] = byte(rnd.IntN(256))
		}
		if _, err := s.conn.ExecContext(ctx, "INSERT INTO drafts (key, body, updated_at) VALUES (?, ?, '')",
			fmt.Sprintf("d%d", i), base64.StdEncoding.EncodeToString(b)); err != nil {
			s.mu.Unlock()
			t.Fatal(err)
		}
	}
	s.committed++
	s.mu.Unlock()
	if err := s.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	c, err := s.CreateClient(ctx, Client{FirstName: "Ayla", LastName: "Vermeer", Status: StatusActive})
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	wrote := make(chan error)
	go func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				wrote <- nil
				return
			default:
			}
			_, err := s.SaveRecord(ctx, Record{ClientID: c.ID, Kind: KindNote, Title: "Voortgang", Date: day("2026-11-22"),
				Body: fmt.Sprintf("Gesprek %d: de planning doorgenomen.", i)})
			if err != nil {
				wrote <- err
				return
			}
		}
	}()
	for range 8 {
		if err := s.Compact(ctx); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	if err := <-wrote; err != nil {
		t.Fatal(err)
	}
	if err := s.Save(ctx); err != nil {
		t.Fatal(err)
	}
	j.checkReopens(t, clock.now, s, "the vault reopens to another caseload than the one in memory")
	t.Logf("%d compactions, %d entries after the last", j.compacts, len(j.entries))
}

// gatedJournal holds its first compaction until release.
type gatedJournal struct {
	*memJournal
	gate     chan struct{}
	entered  chan struct{}
	once     sync.Once
	released sync.Once
}

// journalStore opens a new caseload that keeps its vault in a
// memJournal, on a fixed clock, with one client, Ayla Vermeer. It is
// closed when the test ends, after the test's own deferred calls.
func journalStore(t *testing.T) (*Store, *memJournal, *fixedClock, Client) {
	t.Helper()
	j := &memJournal{}
	clock := &fixedClock{t: time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)}
	s, err := Open(ctx, nil, Options{Journal: j, Clock: clock.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	c, err := s.CreateClient(ctx, Client{FirstName: "Ayla", LastName: "Vermeer", Status: StatusActive})
	if err != nil {
		t.Fatal(err)
	}
	return s, j, clock, c
}

// holdCompaction starts a compaction of s, which keeps its snapshot in
// m, and returns once the vault has the image and is held writing it,
// until g.release; compacted gives the compaction's result.
func holdCompaction(t *testing.T, s *Store, m *memJournal) (g *gatedJournal, compacted chan error) {
	t.Helper()
	g = &gatedJournal{memJournal: m, gate: make(chan struct{}), entered: make(chan struct{})}
	s.mu.Lock()
	s.journal = g
	s.mu.Unlock()
	compacted = make(chan error)
	go func() { compacted <- s.Compact(ctx) }()
	select {
	case <-g.entered:
	case err := <-compacted:
		t.Fatalf("the compaction ended before the vault had the image: %v", err)
	}
	return g, compacted
}

// release lets the held compaction go on; deferred too, so that a failed
// test does not leave Close waiting for it.
func (g *gatedJournal) release() { g.released.Do(func() { close(g.gate) }) }

func (g *gatedJournal) Compact(image []byte, gen uint64) error {
	g.once.Do(func() {
		close(g.entered)
		<-g.gate
	})
	return g.memJournal.Compact(image, gen)
}

// TestPurgeDuringCompactionIsASnapshot: a purge that commits while a
// compaction is being written (after its image was taken) must still be
// saved as a snapshot of its own, never as a journal entry: the erased
// data would otherwise stay in the snapshot on disk until the next one.
func TestPurgeDuringCompactionIsASnapshot(t *testing.T) {
	s, m, _, _ := journalStore(t)
	g, compacted := holdCompaction(t, s, m)
	defer g.release()
	purged := make(chan error)
	go func() {
		purged <- s.writeSnapshot(ctx, func(t *tx) error {
			_, err := t.exec("DELETE FROM clients")
			return err
		})
	}()
	waitForWriter(t, s) // the purge waits for the compaction to give the image back
	g.release()
	if err := <-compacted; err != nil {
		t.Fatal(err)
	}
	if err := <-purged; err != nil {
		t.Fatal(err)
	}
	if m.compacts != 3 || len(m.entries) != 0 {
		t.Fatalf("the purge's save: want a snapshot of its own; got %d snapshots (want 3), %d entries (want 0)", m.compacts, len(m.entries))
	}
}

// waitForWriter returns once a write waits for a compaction to give
// SQLite's buffer back, and fails the test if none comes to wait.
func waitForWriter(t *testing.T, s *Store) {
	t.Helper()
	for range 30_000 {
		s.mu.Lock()
		n := s.waiting
		s.mu.Unlock()
		if n > 0 {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatal("no write waits for the compaction")
}

// heldJournal notes where each image it is given to compact lives.
type heldJournal struct {
	*memJournal
	images []*byte
}

func (h *heldJournal) Compact(image []byte, gen uint64) error {
	h.images = append(h.images, unsafe.SliceData(image))
	return h.memJournal.Compact(image, gen)
}

// TestCompactionSealsTheDatabaseItself: an open caseload with a journal
// holds one image, not two: a compaction hands the vault SQLite's own buffer, not a copy of it (a
// copy made the real process at 10,000 clients hold 479 MiB after unlock
// and 488 MiB at a compaction for a 212 MiB image), and the snapshot
// written from it reopens to the caseload.
func TestCompactionSealsTheDatabaseItself(t *testing.T) {
	j := &memJournal{}
	clock := &fixedClock{t: time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)}
	h := &heldJournal{memJournal: j}
	// An unlock: a caseload opened from its image, not a new one.
	s, err := Open(ctx, imageAtVersion(t, SchemaVersion()), Options{Journal: h, Clock: clock.now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.CreateClient(ctx, Client{FirstName: "Bram", LastName: "Zorg", Status: StatusActive}); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := s.Compact(ctx); err != nil {
			t.Fatal(err)
		}
	}
	var own *byte
	s.mu.Lock()
	s.conn.Raw(func(dc any) error {
		b, _ := lent(dc)
		own = unsafe.SliceData(b)
		return nil
	})
	s.mu.Unlock()
	for i, p := range h.images {
		if p != own {
			t.Errorf("compaction %d: the vault was given a copy of the image, not SQLite's own buffer", i+1)
		}
	}
	j.checkReopens(t, clock.now, s, "the snapshot written from SQLite's buffer differs from the caseload")
}

// TestCompactionLetsScreensRead: while a compaction seals SQLite's
// buffer, a screen's reads answer at once, opening a dossier too (its
// audit line is held aside and written when the compaction ends, with
// the moment of opening), and a save waits: it commits after the
// snapshot is written, so it is in the journal, never half in the
// snapshot.
func TestCompactionLetsScreensRead(t *testing.T) {
	m := &memJournal{}
	var now atomic.Int64
	now.Store(time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC).UnixNano())
	clock := func() time.Time { return time.Unix(0, now.Load()).UTC() }
	s, err := Open(ctx, nil, Options{Journal: m, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := s.CreateClient(ctx, Client{FirstName: "Ayla", LastName: "Vermeer", Status: StatusActive})
	if err != nil {
		t.Fatal(err)
	}
	g, compacted := holdCompaction(t, s, m)
	defer g.release()

	// Deadlock detection, not timing: a read that waits for the held
	// compaction would wait for ever.
	within := func(what string, f func() error) {
		t.Helper()
		done := make(chan error, 1)
		go func() { done <- f() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("%s during a compaction: %v", what, err)
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("%s waited for the compaction", what)
		}
	}
	within("listing clients", func() error { _, err := s.ListClients(ctx); return err })
	viewed := clock()
	within("opening a dossier", func() error { _, err := s.Client(ctx, c.ID); return err })
	now.Add(int64(time.Minute))

	saved := make(chan error)
	go func() {
		_, err := s.SaveRecord(ctx, Record{ClientID: c.ID, Kind: KindNote, Title: "Voortgang", Date: day("2026-11-22"), Body: "Gesprek over werk."})
		saved <- err
	}()
	waitForWriter(t, s)
	g.release()
	if err := <-compacted; err != nil {
		t.Fatal(err)
	}
	if err := <-saved; err != nil {
		t.Fatal(err)
	}

	snap, err := Open(ctx, bytes.Clone(m.image), Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	if recs, err := snap.Records(ctx, c.ID); err != nil || len(recs) != 0 {
		t.Fatalf("the snapshot holds %d records (%v): the save made during the compaction reached its image", len(recs), err)
	}
	if len(m.entries) != 1 {
		t.Fatalf("want the save as one journal entry, got %d", len(m.entries))
	}
	lines, err := s.Audit(ctx, c.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	var views []time.Time
	for _, l := range lines {
		if l.Action == AuditView {
			views = append(views, l.At)
		}
	}
	if len(views) != 1 || !views[0].Equal(viewed) {
		t.Fatalf("audit lines of the dossier opened during the compaction: %v, want one at %v", views, viewed)
	}
	if err := s.Save(ctx); err != nil {
		t.Fatal(err)
	}
	m.checkReopens(t, clock, s, "the vault reopens to another caseload than the one in memory")
}

// TestReplayLeavesTransactionsUndoable: the replay runs without SQLite's
// rollback journal (a failed replay fails the open), but every
// transaction after it must be undoable again: a write that fails
// halfway leaves nothing behind.
func TestReplayLeavesTransactionsUndoable(t *testing.T) {
	s, j, clock, c := journalStore(t)
	if _, err := s.SaveRecord(ctx, Record{ClientID: c.ID, Kind: KindNote, Title: "Voortgang", Date: day("2026-11-22"), Body: "Gesprek over werk."}); err != nil {
		t.Fatal(err)
	}
	if len(j.entries) == 0 {
		t.Fatal("want journal entries to replay")
	}
	r := j.open(t, clock.now)
	defer r.Close()
	var mode string
	r.mu.Lock()
	err := r.conn.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode)
	r.mu.Unlock()
	if err != nil || mode != "memory" {
		t.Fatalf("journal mode after the replay: %q, %v; want memory", mode, err)
	}
	before := dump(t, r)
	stop := errors.New("stopped halfway")
	err = r.write(ctx, func(t *tx) error {
		if _, err := t.exec("DELETE FROM records"); err != nil {
			return err
		}
		if _, err := t.exec("UPDATE clients SET first_name = 'Bram'"); err != nil {
			return err
		}
		// More than the page cache holds, so that SQLite writes pages
		// into the image before the transaction ends: only a journal
		// can take those back.
		if _, err := t.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 256)
			INSERT INTO drafts (key, body, updated_at) SELECT 'd' || i, hex(randomblob(8192)), '' FROM n`); err != nil {
			return err
		}
		return stop
	})
	if !errors.Is(err, stop) {
		t.Fatalf("the failing write: %v", err)
	}
	if dump(t, r) != before {
		t.Fatal("a write that failed halfway after the replay left its changes behind")
	}
}

// TestReplayThatDoesNotFitFailsTheOpen: entries that do not fit the
// snapshot they are replayed onto (here, a client's name that the
// snapshot no longer has) fail the open with ErrJournal, also when the
// replay has already written more than SQLite's page cache holds: it
// runs without a rollback journal, so the caseload it leaves is never
// used.
func TestReplayThatDoesNotFitFailsTheOpen(t *testing.T) {
	s, j, clock, c := journalStore(t)
	if err := s.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	err := s.write(ctx, func(t *tx) error {
		// 1 MiB: more than SQLite's page cache holds, less than an
		// entry that would start a compaction.
		if _, err := t.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 64)
			INSERT INTO drafts (key, body, updated_at) SELECT 'd' || i, hex(randomblob(8192)), '' FROM n`); err != nil {
			return err
		}
		_, err := t.exec("UPDATE clients SET first_name = 'Bram' WHERE id = ?", c.ID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	j.mu.Lock()
	snapshot, entries := bytes.Clone(j.image), slices.Clone(j.entries)
	j.mu.Unlock()
	if len(entries) != 1 {
		t.Fatalf("want the write as one entry after the snapshot, got %d", len(entries))
	}
	// Another snapshot: the same caseload with the client renamed.
	other, err := Open(ctx, snapshot, Options{Clock: clock.now})
	if err != nil {
		t.Fatal(err)
	}
	c.FirstName = "Cem"
	if _, err := other.UpdateClient(ctx, c); err != nil {
		t.Fatal(err)
	}
	image, err := other.Image(ctx)
	other.Close()
	if err != nil {
		t.Fatal(err)
	}
	r, err := Open(ctx, image, Options{Replay: entries, Clock: clock.now})
	if err == nil {
		r.Close()
		t.Fatal("entries that do not fit the snapshot were replayed")
	}
	if !errors.Is(err, ErrJournal) {
		t.Fatalf("want ErrJournal, got %v", err)
	}
	t.Log(err)
}
