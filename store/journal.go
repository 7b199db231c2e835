package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"time"
)

// When the journal is compacted into a new snapshot. An entry costs its
// decryption and replay at the next unlock, and a compaction costs
// sealing the whole image once: compacting after compactEntries entries,
// or once the entries reach an eighth of the image (at least
// compactMinBytes), keeps an unlock with a full journal within a few per
// cent of one without (docs/performance.md has the figures).
const (
	compactEntries  = 200
	compactMinBytes = 4 << 20
	// compactOnClose: closing (quit, lock) after at least this many saves
	// compacts; a command that made one change leaves its entry.
	compactOnClose = 2
)

// watch starts recording the changes to every table, when the store has
// a journal: the ordinary tables and the full-text indexes' own (which
// FTS5 keeps in ordinary tables: records_fts_data and the like), so that
// replaying a save writes the index exactly as the save did.
func (s *Store) watch(ctx context.Context) error {
	s.sess.close()
	s.sess = nil
	if s.journal == nil {
		return nil
	}
	rows, err := s.conn.QueryContext(ctx, `
		SELECT name FROM sqlite_schema
		WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'
		  AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'
		ORDER BY name`)
	if err != nil {
		return fmt.Errorf("listing tables: %w", err)
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return fmt.Errorf("listing tables: %w", err)
		}
		tables = append(tables, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("listing tables: %w", err)
	}
	s.tables = tables
	return s.restartSession()
}

// restartSession starts a fresh session: what the old one recorded was
// taken, or is in the image being sealed.
func (s *Store) restartSession() error {
	s.sess.close()
	s.sess = nil
	return s.conn.Raw(func(dc any) error {
		sess, err := newSession(dc, s.tables)
		s.sess = sess
		return err
	})
}

// replay applies the journal's changes to the freshly loaded image, all
// in one transaction. The changes hold the full-text indexes' own rows
// too, so the triggers that keep the indexes are set aside meanwhile:
// firing them would index each change twice, and made an unlock with 500
// entries waiting take seconds (FTS5 writes its index out at every
// statement a trigger runs). They are switched off for the connection
// (setTriggers), not dropped: the schema stays as the save left it.
func (s *Store) replay(ctx context.Context, changes [][]byte) (err error) {
	if len(changes) == 0 {
		return nil
	}
	// The replay keeps no rollback journal: a replay that fails fails the
	// open, and the store and its image are dropped with it (open,
	// OpenBuffer), so nothing would ever be rolled back to. Keeping one
	// cost 3.7 ms of 15 with 500 entries at 10,000 clients. Every later
	// transaction has it again.
	var mode string
	if err := s.conn.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return fmt.Errorf("replaying saved changes: %w", err)
	}
	if _, err := s.conn.ExecContext(ctx, "PRAGMA journal_mode = OFF"); err != nil {
		return fmt.Errorf("replaying saved changes: %w", err)
	}
	defer func() {
		var now string
		e := s.conn.QueryRowContext(ctx, "PRAGMA journal_mode = "+mode).Scan(&now)
		if e == nil && now != mode {
			e = fmt.Errorf("journal mode %s, want %s", now, mode)
		}
		if e != nil && err == nil {
			err = fmt.Errorf("replaying saved changes: %w", e)
		}
	}()
	if _, err := s.conn.ExecContext(ctx, "BEGIN"); err != nil {
		return fmt.Errorf("replaying saved changes: %w", err)
	}
	defer func() {
		if err != nil {
			s.conn.ExecContext(ctx, "ROLLBACK")
		}
	}()
	if err := s.conn.Raw(func(dc any) error { return setTriggers(dc, false) }); err != nil {
		return fmt.Errorf("replaying saved changes: %w", err)
	}
	defer func() {
		if e := s.conn.Raw(func(dc any) error { return setTriggers(dc, true) }); e != nil && err == nil {
			err = fmt.Errorf("replaying saved changes: %w", e)
		}
	}()
	var all [][]byte
	for i, c := range changes {
		sets, err := decodeChanges(c)
		if err != nil {
			return fmt.Errorf("replaying saved change %d: %w: %w", i+1, ErrJournal, err)
		}
		all = append(all, sets...)
	}
	cs, err := combine(all)
	if err == nil {
		err = s.conn.Raw(func(dc any) error { return applyChangeset(dc, cs) })
	}
	if err != nil {
		return fmt.Errorf("replaying saved changes: %w: %w", ErrJournal, err)
	}
	if _, err := s.conn.ExecContext(ctx, "COMMIT"); err != nil {
		return fmt.Errorf("replaying saved changes: %w: %w", ErrJournal, err)
	}
	return nil
}

// ErrJournal means a saved change did not apply to the caseload.
var ErrJournal = errors.New("the saved changes do not fit the caseload")

// encodeChanges puts changesets one after the other, each behind its
// length: one entry for the saves a failed write left waiting.
func encodeChanges(sets [][]byte) []byte {
	n := 0
	for _, c := range sets {
		n += binary.MaxVarintLen64 + len(c)
	}
	out := make([]byte, 0, n)
	for _, c := range sets {
		out = binary.AppendUvarint(out, uint64(len(c)))
		out = append(out, c...)
	}
	return out
}

// decodeChanges is encodeChanges's inverse.
func decodeChanges(b []byte) ([][]byte, error) {
	var sets [][]byte
	for len(b) > 0 {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)-k) {
			return nil, errors.New("a change is cut short")
		}
		sets = append(sets, b[k:k+int(n)])
		b = b[k+int(n):]
	}
	return sets, nil
}

// Generation is the number of saves the caseload has had, counted inside
// the sealed data, and when the last one was made (zero if never).
func (s *Store) Generation(ctx context.Context) (uint64, time.Time, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conn == nil {
		return 0, time.Time{}, ErrClosed
	}
	var n int64
	var at string
	if err := s.conn.QueryRowContext(ctx, "SELECT n, saved_at FROM generation").Scan(&n, &at); err != nil {
		return 0, time.Time{}, fmt.Errorf("reading generation: %w", err)
	}
	t, _ := time.Parse(time.RFC3339Nano, at)
	return uint64(n), t, nil
}

// nextGeneration raises the generation, in a transaction of its own that
// the save it numbers carries.
func (s *Store) nextGeneration(ctx context.Context) (uint64, error) {
	var n int64
	err := s.conn.QueryRowContext(ctx, "UPDATE generation SET n = n + 1, saved_at = ? RETURNING n",
		s.clock().UTC().Format(time.RFC3339Nano)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("counting the save: %w", full(err))
	}
	return uint64(n), nil
}

// journalOnce is sealOnce with a journal: the change since the last save
// goes to the journal, or the whole image when a snapshot is due. Called
// with mu held and no seal running; releases mu while writing.
func (s *Store) journalOnce(ctx context.Context) error {
	target := s.committed
	gen, err := s.nextGeneration(ctx)
	if err != nil {
		s.failedAt, s.failErr = target, err
		return fmt.Errorf("%w: %w", ErrNotSaved, err)
	}
	if s.snapshotDue || s.sess == nil {
		return s.compactLocked(ctx, target, gen)
	}
	cs, err := s.sess.changeset()
	if err == nil {
		err = s.restartSession()
	}
	if err != nil {
		// The session's state is unknown: the image is what is certain.
		s.snapshotDue = true
		s.failedAt, s.failErr = target, err
		return fmt.Errorf("%w: %w", ErrNotSaved, err)
	}
	s.unsaved = append(s.unsaved, cs)
	change := encodeChanges(s.unsaved)
	s.sealing = true
	s.mu.Unlock()
	err = s.journal.Append(change, gen)
	clear(change)
	s.mu.Lock()
	s.sealing = false
	s.sealDone.Broadcast()
	if err != nil {
		// Whatever went wrong (a full disk, a vault.age replaced behind
		// our back), the next save seals the whole image, which the vault
		// writes, or keeps aside as a conflict file.
		s.snapshotDue = true
		s.failedAt, s.failErr = target, err
		return fmt.Errorf("%w: %w", ErrNotSaved, err)
	}
	for i := range s.unsaved {
		clear(s.unsaved[i])
	}
	s.unsaved = nil
	s.sealed = target
	s.appended++
	s.sweepOrphans(ctx)
	if n, size := s.journal.Backlog(); n >= compactEntries || size >= max(compactMinBytes, s.imageSize/8) {
		go s.compactInBackground()
	}
	return s.removeDoomed(target)
}

// compactLocked seals the whole image as the new snapshot. Called with
// mu held and no seal running; releases mu while the vault writes it.
//
// The vault seals SQLite's own buffer, lent for the length of the
// compaction (lendImage), not a copy of it: a copy kept a second image in
// memory (488 MiB at the peak for a 212 MiB image at 10,000 clients),
// and copying it in slices between reads made a screen wait for them.
// While the buffer is lent no write may touch it: reads go on, writes
// wait for the compaction as their saves did anyway, and the audit lines
// of reads are held aside until it ends (readLogged). The writes that
// committed before the image was lent are in it, and in no entry: the
// session restarts in the same hold of mu.
func (s *Store) compactLocked(ctx context.Context, target, gen uint64) error {
	s.snapshotDue = true // until it is durable
	s.sealing = true     // from here: no other seal starts while mu is released
	s.mergeIndexes(ctx)
	image, lent, err := s.lendImage(ctx)
	if err == nil {
		target = max(target, s.committed) // what committed while merging is in it
		err = s.tellReferences(ctx)
	}
	if err == nil && s.journal != nil {
		err = s.restartSession()
	}
	if err == nil && lent {
		err = s.setLending(ctx, true)
	}
	if err != nil {
		s.sealing = false
		s.sealDone.Broadcast()
		s.failedAt, s.failErr = target, err
		return fmt.Errorf("%w: %w", ErrNotSaved, err)
	}
	s.imageSize = int64(len(image))
	s.mu.Unlock()
	err = s.journal.Compact(image, gen)
	s.mu.Lock()
	if lent {
		if e := s.setLending(ctx, false); e != nil && err == nil {
			// The snapshot is durable; only the connection is not
			// writable again. Every write will say so.
			err = e
		}
	}
	s.sealing = false
	s.sealDone.Broadcast()
	if err != nil {
		s.failedAt, s.failErr = target, err
		return fmt.Errorf("%w: %w", ErrNotSaved, err)
	}
	// A purge that committed after the image was taken still wants a
	// snapshot of its own: its save must not become an entry.
	s.snapshotDue = s.snapshotFor > target
	for i := range s.unsaved {
		clear(s.unsaved[i])
	}
	s.unsaved = nil
	s.sealed = max(s.sealed, target)
	s.writeHeld(ctx)
	s.sweepOrphans(ctx)
	return s.removeDoomed(target)
}

// lendImage returns the database image for a compaction, with mu held:
// SQLite's own buffer (own true), valid until the next write, or, when
// the driver cannot lend it, a copy in Go's memory.
func (s *Store) lendImage(ctx context.Context) (image []byte, own bool, err error) {
	if err := s.hasSchema(ctx); err != nil {
		return nil, false, err
	}
	if err := s.conn.Raw(func(dc any) error {
		image, own = lent(dc)
		return nil
	}); err != nil {
		return nil, false, fmt.Errorf("serializing caseload: %w", err)
	}
	if !own {
		image, err = s.imageLocked(ctx, goMem)
		return image, false, err
	}
	if !bytes.HasPrefix(image, sqliteMagic) {
		return nil, false, ErrNoSchema
	}
	return image, true, nil
}

// setLending marks SQLite's buffer as lent to a compaction, or given
// back. While it is lent, writes wait (inTx) and the connection is made
// query-only besides: a write that found another way in would fail
// rather than change the image while the vault encrypts it.
func (s *Store) setLending(ctx context.Context, on bool) error {
	q := "PRAGMA query_only = 0"
	if on {
		q = "PRAGMA query_only = 1"
	}
	// Given back whatever the pragma says: writes that waited for ever
	// would hang the screens; a connection left query-only makes them
	// fail with an error instead.
	s.lending = false
	if _, err := s.conn.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("lending the caseload to the vault: %w", err)
	}
	s.lending = on
	return nil
}

// tellReferences tells a journal that wants to know (crypt.Vault) which
// sealed documents the image about to be compacted references, so that
// the rotation of older generations never drops the only one that still
// opens a document.
func (s *Store) tellReferences(ctx context.Context) error {
	r, ok := s.journal.(interface{ Referenced([]string) })
	if !ok {
		return nil
	}
	rows, err := s.conn.QueryContext(ctx, "SELECT blob_id FROM attachments")
	if err != nil {
		return fmt.Errorf("listing documents: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return fmt.Errorf("listing documents: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("listing documents: %w", err)
	}
	r.Referenced(ids)
	return nil
}

// compactInBackground compacts off the path of the save that found the
// journal long enough: that save has returned, and the screens read on
// while the snapshot is written (saves wait for it).
func (s *Store) compactInBackground() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for s.sealing {
		s.sealDone.Wait()
	}
	if s.conn == nil {
		return
	}
	if n, size := s.journal.Backlog(); n < compactEntries && size < max(compactMinBytes, s.imageSize/8) {
		return // another compaction got there first
	}
	s.snapshotDue = true
	s.sealOnce(context.Background()) // a failure is retried by the next save
}

// Compact makes the whole caseload the new snapshot now, so that the
// journal no longer holds what it replaced: a purge calls it, so erased
// data leaves the journal with its save. Without a journal it saves.
func (s *Store) Compact(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conn == nil {
		return ErrClosed
	}
	for s.sealing {
		s.sealDone.Wait()
	}
	if s.journal == nil {
		return s.sealLocked(ctx)
	}
	s.snapshotDue = true
	return s.sealOnce(ctx)
}
