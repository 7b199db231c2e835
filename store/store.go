// Package store is the caseload: the schema, the domain types, the queries,
// retention and the audit log, over one in-memory SQLite database.
//
// The database lives only in memory. It is filled from a decrypted image at
// open and, after every committed write, serialized and handed to a Sealer
// that makes it durable. store knows nothing of encryption or terminals: the
// Sealer and the Blobs store are small interfaces that crypt implements and
// cmd wires in.
package store

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite" // also registers the pure-Go "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"
)

// Sealer persists the serialized database image durably.
type Sealer interface {
	// Seal encrypts image and replaces the vault file atomically. It returns
	// only once the new file is durable, and must not keep image: the
	// store writes the next image into the same memory.
	Seal(image []byte) error
}

// Journal makes each save cost its change: the rows a save changed are
// appended as a small sealed entry beside the snapshot, and now and then
// the whole image becomes the new snapshot (compaction). crypt.Vault
// implements it.
type Journal interface {
	// Append makes change durable as the next entry after the snapshot,
	// bringing the caseload to generation gen. change is opaque to the
	// journal; Options.Replay gives it back at the next open.
	Append(change []byte, gen uint64) error
	// Compact makes image, which holds every change appended so far, the
	// new snapshot at generation gen, and drops the entries it covers.
	// image is the database's own memory, lent for the call: it must not
	// be kept after Compact returns.
	Compact(image []byte, gen uint64) error
	// Backlog is how many entries, and bytes, follow the snapshot.
	Backlog() (entries int, size int64)
}

// Blobs keeps attachments outside the database image, each sealed to its own key.
type Blobs interface {
	// Put seals data under a fresh random id and returns the id and the
	// secret key that opens it.
	Put(data []byte) (id, key string, err error)
	// Get returns the decrypted contents; damage is an error, never partial data.
	Get(id, key string) ([]byte, error)
	// Remove deletes the sealed file; a missing id is not an error.
	Remove(id string) error
}

// Clock tells the time. Every deadline is computed from it, so tests can
// travel by passing a clock of their own.
type Clock func() time.Time

// Options wires a Store to the world outside.
type Options struct {
	// Sealer receives the image after every committed write; nil keeps the
	// caseload in memory only (tests, dry runs).
	Sealer Sealer
	// Journal, when set, receives each save's change instead of the
	// whole image, and the image only when compacting; Sealer is then
	// unused.
	Journal Journal
	// Replay is what the journal held at open, oldest first: applied to
	// the image before anything else.
	Replay [][]byte
	// Blobs stores attachments; nil refuses attachments.
	Blobs Blobs
	// Clock defaults to time.Now.
	Clock Clock
}

// Store is an open caseload. Its methods are safe for concurrent use; they
// run one at a time, since the database has one connection, except the
// writing of a seal, which runs outside the lock (see sealLocked).
type Store struct {
	mu     sync.Mutex
	db     *sql.DB
	conn   *sql.Conn // the one connection that holds the in-memory database
	sealer Sealer
	blobs  Blobs
	clock  Clock

	// Committed writes are counted; a seal covers every write committed
	// before its image was taken.
	committed uint64     // writes committed so far
	sealed    uint64     // writes the last successful seal covers
	sealing   bool       // a seal is being written, outside mu
	sealDone  *sync.Cond // on mu; broadcast when a seal ends
	failedAt  uint64     // writes the last failed seal covered
	failErr   error      // why it failed
	imageSize int64      // bytes in the last image taken

	doomed []doomedBlob // sealed files to remove once a seal without their keys succeeds

	// The journal (journal.go).
	journal     Journal
	sess        *session // records the rows changed since the last save
	tables      []string // the tables it watches
	unsaved     [][]byte // changes taken from sess, not yet durable
	snapshotDue bool     // the next save writes the whole image
	snapshotFor uint64   // the last write that must reach the disk in a snapshot (a purge)
	appended    int      // entries appended since open
	// lending: SQLite's buffer is lent to a compaction, which seals it
	// with mu released; no write may touch it until it is given back.
	lending bool
	waiting int         // writes waiting for the buffer to be given back
	held    []auditLine // audit lines of reads made while it was lent

	orphans orphans // sealed files no row refers to (see sweepOrphans)

	stmts stmtCache // the statements transactions run, prepared (stmts.go)
}

// doomedBlob is a sealed file whose key left the database in write number
// commit: it may go once a seal covering that write is durable.
type doomedBlob struct {
	id     string
	commit uint64
}

//go:embed migrations/*.sql
var migrations embed.FS

// sqliteMagic opens every SQLite database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// Open loads a caseload from a decrypted image, or starts a new one when
// image is nil. A new caseload is sealed at once, so the vault on disk is
// never without a database. The image is copied; OpenBuffer avoids that.
func Open(ctx context.Context, image []byte, o Options) (*Store, error) {
	if image == nil {
		return open(ctx, nil, o)
	}
	if !bytes.HasPrefix(image, sqliteMagic) {
		return nil, fmt.Errorf("opening caseload: %w", ErrNoSchema)
	}
	b, err := NewImageBuffer(int64(len(image)))
	if err != nil {
		return nil, fmt.Errorf("opening caseload: %w", err)
	}
	copy(b.Bytes(), image)
	return OpenBuffer(ctx, b, o)
}

// OpenBuffer is Open for an image in an ImageBuffer, which becomes the
// database itself, without a copy; a nil b starts a new caseload. The
// store takes b over whether it opens or not: the caller must not use b
// afterwards (a deferred Free is harmless).
func OpenBuffer(ctx context.Context, b *ImageBuffer, o Options) (*Store, error) {
	if b == nil {
		return open(ctx, nil, o)
	}
	defer b.Free()
	if !bytes.HasPrefix(b.Bytes(), sqliteMagic) {
		return nil, fmt.Errorf("opening caseload: %w", ErrNoSchema)
	}
	return open(ctx, b, o)
}

// open is Open and OpenBuffer: a nil b starts a new caseload.
func open(ctx context.Context, b *ImageBuffer, o Options) (*Store, error) {
	fresh := b == nil
	if fresh {
		kept, err := keptNewCaseload()
		if err != nil {
			return nil, fmt.Errorf("opening caseload: %w", err)
		}
		if kept != nil {
			b = kept
			defer b.Free()
		}
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return nil, fmt.Errorf("opening database: %w", err)
	}
	// database/sql replaces a lost connection with a fresh, empty :memory:
	// database; holding one dedicated Conn makes that impossible.
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("opening database: %w", err)
	}
	s := &Store{db: db, conn: conn, sealer: o.Sealer, blobs: o.Blobs, clock: o.Clock, journal: o.Journal}
	s.stmts.conn = conn
	s.sealDone = sync.NewCond(&s.mu)
	if b != nil {
		s.imageSize = b.n
	}
	if err := s.load(ctx, b, o.Replay); err != nil {
		s.drop()
		return nil, err
	}
	if fresh {
		// A new caseload is built in SQLite's page cache. Loading it again
		// from its image puts it in one buffer, as every reopened caseload
		// is, which each save can then borrow (see serialize.go).
		var err error
		if b == nil {
			err = s.reload(ctx)
		}
		if err == nil {
			s.committed++
			s.snapshotDue = true
			err = s.Save(ctx)
		}
		if err != nil {
			s.drop()
			return nil, err
		}
	}
	return s, nil
}

// newCaseloads keeps the image of a new caseload once built, when keep is
// set (KeepNewCaseloads).
var newCaseloads struct {
	sync.Mutex
	keep  bool
	image []byte
}

// KeepNewCaseloads makes every new caseload this process starts after the
// first a copy of the first one's image, instead of building the schema
// again. Every new caseload is the same image (the migrations run on an
// empty database, which holds no clock, language or client), so nothing
// changes but the time: the tests start hundreds of caseloads in one
// process, and under the race detector building the schema costs a
// second each. The product starts at most one per process and keeps
// nothing.
func KeepNewCaseloads() {
	newCaseloads.Lock()
	defer newCaseloads.Unlock()
	newCaseloads.keep = true
}

// keptNewCaseload is a copy of the kept new caseload, or nil.
func keptNewCaseload() (*ImageBuffer, error) {
	newCaseloads.Lock()
	defer newCaseloads.Unlock()
	if newCaseloads.image == nil {
		return nil, nil
	}
	b, err := NewImageBuffer(int64(len(newCaseloads.image)))
	if err != nil {
		return nil, err
	}
	copy(b.Bytes(), newCaseloads.image)
	return b, nil
}

// keepNewCaseload keeps image as the new caseload, when asked to.
func keepNewCaseload(image []byte) {
	newCaseloads.Lock()
	defer newCaseloads.Unlock()
	if newCaseloads.keep && newCaseloads.image == nil {
		newCaseloads.image = append([]byte(nil), image...)
	}
}

// reload loads the database again from its own image, which it keeps
// when new caseloads are kept (see newCaseloads).
func (s *Store) reload(ctx context.Context) error {
	s.sess.close()
	s.sess = nil
	image, err := s.imageLocked(ctx, goMem)
	if err != nil {
		return err
	}
	keepNewCaseload(image)
	b, err := NewImageBuffer(int64(len(image)))
	if err != nil {
		return err
	}
	defer b.Free()
	copy(b.Bytes(), image)
	return s.load(ctx, b, nil)
}

// load makes b the database, or creates the schema in an empty one when
// b is nil, and applies the journal's changes to it.
func (s *Store) load(ctx context.Context, b *ImageBuffer, replay [][]byte) error {
	if b != nil {
		err := s.conn.Raw(func(dc any) error {
			if done, err := b.adopt(dc); done {
				return err
			}
			d, ok := dc.(interface{ Deserialize([]byte) error })
			if !ok {
				return errors.New("the sqlite driver cannot deserialize")
			}
			return d.Deserialize(b.Bytes())
		})
		if err != nil {
			return fmt.Errorf("loading caseload image: %w", err)
		}
	}
	if b == nil {
		// Set before the first table exists, so it holds for the life of
		// the vault. Records are a few kilobytes each: on 4 KiB pages most
		// spill into overflow pages half empty; on 16 KiB pages several
		// share one, and a new caseload's image is a tenth smaller.
		if _, err := s.conn.ExecContext(ctx, "PRAGMA page_size = 16384"); err != nil {
			return fmt.Errorf("configuring database: %w", err)
		}
	}
	// temp_store keeps sorts and VACUUM from writing unnamed temp files;
	// the page cache holds copies of pages already in memory, so 512 KiB
	// of it is as fast as the default 2 MiB for this database (search
	// times unchanged) and costs less; secure_delete zeroes deleted rows,
	// so a deleted attachment key or a purged name does not survive in the
	// serialized image.
	for _, p := range []string{
		"PRAGMA temp_store = MEMORY",
		"PRAGMA cache_size = -512",
		"PRAGMA secure_delete = ON",
		"PRAGMA foreign_keys = ON",
	} {
		if _, err := s.conn.ExecContext(ctx, p); err != nil {
			return fmt.Errorf("configuring database: %w", err)
		}
	}
	if err := s.conn.Raw(steadyPlans); err != nil {
		return err
	}
	// No integrity check here: the image was authenticated byte for byte
	// when it was decrypted, so it is exactly what was sealed. A full check
	// walks every FTS5 segment (seconds at a thousand clients); `caseload
	// verify` runs it on demand.
	if err := s.replay(ctx, replay); err != nil {
		return err
	}
	migrated, err := s.migrate(ctx, b == nil)
	if err != nil {
		return err
	}
	if migrated {
		// The journal records no schema change: a migrated caseload is
		// sealed whole at its first save.
		s.snapshotDue = true
	}
	return s.watch(ctx)
}

// migrate runs the numbered migrations the image has not seen yet, each in
// its own transaction together with the new user_version.
func (s *Store) migrate(ctx context.Context, fresh bool) (bool, error) {
	var version int
	if err := s.conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return false, fmt.Errorf("reading schema version: %w", err)
	}
	if version == 0 && !fresh {
		return false, fmt.Errorf("opening caseload: %w", ErrNoSchema)
	}
	steps, err := migrationSteps()
	if err != nil {
		return false, err
	}
	if version > len(steps) {
		return false, fmt.Errorf("schema version %d: %w", version, ErrNewerSchema)
	}
	for i := version; i < len(steps); i++ {
		tx, err := s.conn.BeginTx(ctx, nil)
		if err != nil {
			return false, fmt.Errorf("migrating to version %d: %w", i+1, err)
		}
		if _, err := tx.ExecContext(ctx, steps[i]); err != nil {
			tx.Rollback()
			return false, fmt.Errorf("migrating to version %d: %w", i+1, err)
		}
		if _, err := tx.ExecContext(ctx, "PRAGMA user_version = "+strconv.Itoa(i+1)); err != nil {
			tx.Rollback()
			return false, fmt.Errorf("migrating to version %d: %w", i+1, err)
		}
		if err := tx.Commit(); err != nil {
			return false, fmt.Errorf("migrating to version %d: %w", i+1, err)
		}
		s.committed++
	}
	if !fresh && version < len(steps) {
		// A migration that rebuilds a table leaves its old pages free
		// (zeroed), and a free page is sealed like any other. VACUUM
		// cannot run inside a migration's transaction; once, after the
		// last one, it gives the space back.
		if _, err := s.conn.ExecContext(ctx, "VACUUM"); err != nil {
			return false, fmt.Errorf("compacting after migrating: %w", err)
		}
	}
	return version < len(steps), nil
}

// SchemaVersion is the schema version this build writes.
func SchemaVersion() int {
	steps, _ := migrationSteps()
	return len(steps)
}

func migrationSteps() ([]string, error) {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	steps := make([]string, 0, len(names))
	for i, name := range names {
		want := fmt.Sprintf("migrations/%04d_", i+1)
		if !strings.HasPrefix(name, want) {
			return nil, fmt.Errorf("migration %s out of sequence", name)
		}
		b, err := migrations.ReadFile(name)
		if err != nil {
			return nil, err
		}
		steps = append(steps, string(b))
	}
	return steps, nil
}

// ErrNewerSchema is returned for an image written by a newer caseload.
var ErrNewerSchema = errors.New("the vault was written by a newer version of caseload")

// Close seals pending changes, then drops the database from memory. The
// database is dropped even when the final seal fails; that error is returned.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for s.sealing {
		s.sealDone.Wait()
	}
	if s.conn == nil {
		return nil
	}
	if s.journal != nil && s.appended >= compactOnClose {
		if n, _ := s.journal.Backlog(); n > 0 {
			s.snapshotDue = true
		}
	}
	err := s.sealLocked(context.Background())
	if err == nil && s.journal != nil && s.snapshotDue {
		err = s.sealOnce(context.Background())
	}
	s.drop()
	return err
}

func (s *Store) drop() {
	s.sess.close()
	s.sess = nil
	s.stmts.close()
	if s.conn != nil {
		s.conn.Close()
		s.conn = nil
	}
	if s.db != nil {
		s.db.Close()
		s.db = nil
	}
}

// Save seals the image if committed changes are waiting. Mutating methods
// save by themselves; Save retries after a failed seal.
func (s *Store) Save(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conn == nil {
		return ErrClosed
	}
	return s.sealLocked(ctx)
}

// Dirty reports whether committed changes have not reached the disk yet.
func (s *Store) Dirty() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.committed > s.sealed
}

// ImageSize is the size in bytes of the database image as last loaded or
// sealed: what the vault holds, before encryption.
func (s *Store) ImageSize() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.imageSize
}

// Today is the civil date of the store's clock, the day every deadline
// counts from.
func (s *Store) Today() time.Time {
	return civilDay(s.clock())
}

// Image serializes the database.
func (s *Store) Image(ctx context.Context) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conn == nil {
		return nil, ErrClosed
	}
	return s.imageLocked(ctx, goMem)
}

// imageLocked serializes the database into the memory into gives, or
// into new memory of Go's when SQLite cannot lend its buffer.
func (s *Store) imageLocked(ctx context.Context, into func(int64) []byte) ([]byte, error) {
	if err := s.hasSchema(ctx); err != nil {
		return nil, err
	}
	var image []byte
	err := s.conn.Raw(func(dc any) error {
		if img, ok := serializeInto(dc, into); ok {
			image = img
			return nil
		}
		d, ok := dc.(interface{ Serialize() ([]byte, error) })
		if !ok {
			return errors.New("the sqlite driver cannot serialize")
		}
		var err error
		image, err = d.Serialize()
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("serializing caseload: %w", err)
	}
	if !bytes.HasPrefix(image, sqliteMagic) {
		return nil, ErrNoSchema
	}
	return image, nil
}

// hasSchema is ErrNoSchema unless the database holds the caseload's
// tables: an image without them would replace the caseload with nothing.
func (s *Store) hasSchema(ctx context.Context) error {
	var n int
	err := s.conn.QueryRowContext(ctx,
		"SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('clients', 'records', 'audit')").Scan(&n)
	if err != nil || n != 3 {
		return ErrNoSchema
	}
	return nil
}

// sealLocked makes every write committed so far durable, or says why it
// could not. It is called with mu held and returns with mu held, but
// releases mu while the vault is being written: reads go on meanwhile, and
// writes commit in memory and wait. One seal runs at a time; the writes
// that committed during it ride together on the next one, so a burst of
// edits costs two seals, not one each.
func (s *Store) sealLocked(ctx context.Context) error {
	want := s.committed
	for s.sealed < want {
		if s.sealing {
			s.sealDone.Wait()
			if s.sealed < want && s.failedAt >= want {
				// The seal that covered this write failed; the edit stays
				// in memory for Save to try again.
				return fmt.Errorf("%w: %w", ErrNotSaved, s.failErr)
			}
			continue
		}
		if err := s.sealOnce(ctx); err != nil {
			return err
		}
	}
	return nil
}

// sealOnce takes an image of everything committed and seals it, with mu
// released while the vault writes. Called with mu held and no seal
// running.
func (s *Store) sealOnce(ctx context.Context) error {
	if s.journal != nil {
		return s.journalOnce(ctx)
	}
	target := s.committed
	if s.sealer == nil {
		s.sealed = target
		return s.removeDoomed(target)
	}
	image, err := s.imageLocked(ctx, goMem)
	if err != nil {
		s.failedAt, s.failErr = target, err
		return fmt.Errorf("%w: %w", ErrNotSaved, err)
	}
	s.imageSize = int64(len(image))
	s.sealing = true
	s.mu.Unlock()
	err = s.sealer.Seal(image)
	s.mu.Lock()
	s.sealing = false
	s.sealDone.Broadcast()
	if err != nil {
		s.failedAt, s.failErr = target, err
		return fmt.Errorf("%w: %w", ErrNotSaved, err)
	}
	s.sealed = target
	s.sweepOrphans(ctx)
	return s.removeDoomed(target)
}

// removeDoomed deletes the sealed files whose keys left the database in a
// write the seal of upto covers. It runs only after that seal is durable:
// were the file gone first, a crash would leave the vault pointing at
// nothing.
func (s *Store) removeDoomed(upto uint64) error {
	var errs []error
	kept := s.doomed[:0]
	for _, d := range s.doomed {
		if d.commit > upto {
			kept = append(kept, d)
			continue
		}
		if s.blobs == nil {
			continue
		}
		if err := s.blobs.Remove(d.id); err != nil {
			errs = append(errs, err)
			kept = append(kept, d)
		}
	}
	s.doomed = kept
	if len(errs) > 0 {
		return fmt.Errorf("removing deleted documents: %w", errors.Join(errs...))
	}
	return nil
}

// full marks SQLite's "database or disk is full" as ErrCaseloadFull: the
// database is in memory, so it is the memory cap, never the disk, and a
// coach told the disk is full would look in the wrong place.
func full(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_FULL {
		return fmt.Errorf("%w: %w", ErrCaseloadFull, err)
	}
	return err
}

// tx is one transaction with the moment it runs at, fixed once so every row
// it writes carries the same time.
type tx struct {
	*sql.Tx
	stmts  *stmtCache
	ctx    context.Context
	now    time.Time
	doomed []string     // sealed files to remove once the commit is durable
	held   *[]auditLine // where audit goes instead while the buffer is lent (readLogged)
}

// doom marks a sealed file for removal after this transaction is saved.
func (t *tx) doom(blobID string) { t.doomed = append(t.doomed, blobID) }

func (t *tx) exec(query string, args ...any) (sql.Result, error) {
	if st := t.stmts.get(t.ctx, query); st != nil {
		return st.ExecContext(t.ctx, args...)
	}
	return t.ExecContext(t.ctx, query, args...)
}

func (t *tx) query(query string, args ...any) (*sql.Rows, error) {
	return t.QueryContext(t.ctx, query, args...)
}

// row runs a query for one row. Its statement is kept: a Row is read at
// once, so no second use of the statement can begin while it is open,
// as one could with the rows of query.
func (t *tx) row(query string, args ...any) *sql.Row {
	if st := t.stmts.get(t.ctx, query); st != nil {
		return st.QueryRowContext(t.ctx, args...)
	}
	return t.QueryRowContext(t.ctx, query, args...)
}

// today is the civil date of the transaction.
func (t *tx) today() time.Time { return civilDay(t.now) }

// stamp is the transaction's moment as stored.
func (t *tx) stamp() string { return formatMoment(t.now) }

// read runs fn in a transaction that is rolled back afterwards.
func (s *Store) read(ctx context.Context, fn func(*tx) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.inTx(ctx, fn, false)
}

// write runs fn in a transaction, commits it and seals the image.
func (s *Store) write(ctx context.Context, fn func(*tx) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.inTx(ctx, fn, true); err != nil {
		return err
	}
	return s.sealLocked(ctx)
}

// writeSnapshot is write whose save is a new snapshot, when the store
// has a journal (see Compact).
func (s *Store) writeSnapshot(ctx context.Context, fn func(*tx) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.inTx(ctx, fn, true); err != nil {
		return err
	}
	if s.journal != nil {
		s.snapshotDue = true // before waiting: no append may carry it
		s.snapshotFor = s.committed
	}
	for s.sealing {
		s.sealDone.Wait()
	}
	return s.sealLocked(ctx)
}

// writeLazy commits fn without sealing at once: for what a read adds that
// can ride along with the next save (and at the latest with Close), such
// as the unlock's audit line. A read that logs who saw what uses
// readLogged, which does not wait for a compaction.
func (s *Store) writeLazy(ctx context.Context, fn func(*tx) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.inTx(ctx, fn, true)
}

// readLogged runs fn, a read that logs who saw what (t.audit), and
// commits its audit line without sealing it, as writeLazy does. While a
// compaction has SQLite's buffer (lending), the line is held aside with
// the moment it was made and written by the next transaction that
// commits, which compactLocked runs as soon as it ends: a coach opening
// a dossier does not wait for a compaction.
func (s *Store) readLogged(ctx context.Context, fn func(*tx) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.lending {
		return s.inTx(ctx, fn, true)
	}
	var held []auditLine
	err := s.inTx(ctx, func(t *tx) error {
		t.held = &held
		return fn(t)
	}, false)
	if err == nil {
		s.held = append(s.held, held...)
	}
	return err
}

// writeHeld commits the audit lines held aside while the buffer was
// lent, if any. Should it fail, they stay for the next write.
func (s *Store) writeHeld(ctx context.Context) {
	if len(s.held) > 0 {
		s.inTx(ctx, func(*tx) error { return nil }, true)
	}
}

func (s *Store) inTx(ctx context.Context, fn func(*tx) error, commit bool) error {
	if commit {
		for s.lending {
			s.waiting++
			s.sealDone.Wait()
			s.waiting--
		}
	}
	if s.conn == nil {
		return ErrClosed
	}
	sqlTx, err := s.conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("beginning transaction: %w", err)
	}
	t := &tx{Tx: sqlTx, stmts: &s.stmts, ctx: ctx, now: s.clock()}
	held := commit && len(s.held) > 0
	if held {
		if err := t.writeAudit(s.held); err != nil {
			sqlTx.Rollback()
			return full(err)
		}
	}
	if err := fn(t); err != nil {
		sqlTx.Rollback()
		return full(err)
	}
	if !commit {
		sqlTx.Rollback()
		return nil
	}
	if err := sqlTx.Commit(); err != nil {
		return full(fmt.Errorf("committing: %w", err))
	}
	if held {
		s.held = nil
	}
	s.committed++
	for _, id := range t.doomed {
		s.doomed = append(s.doomed, doomedBlob{id: id, commit: s.committed})
	}
	return nil
}
