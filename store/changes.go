package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// A save writes what changed, not the caseload: SQLite's session
// extension (compiled into modernc's build) records every row a committed
// transaction inserted, updated or deleted, and hands the lot over as a
// changeset, which crypt seals as a small journal entry. Opening applies
// the entries to the snapshot in order. docs/design.md says why this and
// not a journal of statements.
//
// The session watches every table, the full-text indexes' own included
// (records_fts_data and the like): replay writes the index rows as they
// were written, with the triggers that keep the indexes set aside.

// session is SQLite's session object on the store's connection.
type session struct {
	c rawConn
	p uintptr // sqlite3_session*
}

// cString puts s in memory from tls's allocator, NUL-terminated; the
// caller frees it.
func cString(tls *libc.TLS, s string) uintptr {
	p := tls.Alloc(len(s) + 1)
	b := libc.GoBytes(p, len(s)+1)
	copy(b, s)
	b[len(s)] = 0
	return p
}

// newSession starts recording changes to tables on the connection dc.
func newSession(dc any, tables []string) (*session, error) {
	c, ok := rawConnOf(dc)
	if !ok {
		return nil, errors.New("the sqlite driver's connection is not the one this build knows")
	}
	pp := c.tls.Alloc(8)
	defer c.tls.Free(8)
	main := cString(c.tls, "main")
	defer c.tls.Free(5)
	if rc := sqlite3.Xsqlite3session_create(c.tls, c.db, main, pp); rc != sqlite3.SQLITE_OK {
		return nil, fmt.Errorf("starting a change session: %s", libc.GoString(sqlite3.Xsqlite3_errstr(c.tls, rc)))
	}
	s := &session{c: c, p: readPtr(pp)}
	// Rowid tables without a declared primary key are recorded too (by
	// their rowid): without this the session skips them silently, and a
	// table a later migration adds that way would never reach the journal.
	one := c.tls.Alloc(4)
	binary.NativeEndian.PutUint32(libc.GoBytes(one, 4), 1)
	rc := sqlite3.Xsqlite3session_object_config(c.tls, s.p, sqlite3.SQLITE_SESSION_OBJCONFIG_ROWID, one)
	c.tls.Free(4)
	if rc != sqlite3.SQLITE_OK {
		s.close()
		return nil, fmt.Errorf("configuring the change session: %s", libc.GoString(sqlite3.Xsqlite3_errstr(c.tls, rc)))
	}
	for _, t := range tables {
		z := cString(c.tls, t)
		rc := sqlite3.Xsqlite3session_attach(c.tls, s.p, z)
		c.tls.Free(len(t) + 1)
		if rc != sqlite3.SQLITE_OK {
			s.close()
			return nil, fmt.Errorf("watching table %s: %s", t, libc.GoString(sqlite3.Xsqlite3_errstr(c.tls, rc)))
		}
	}
	return s, nil
}

// changeset returns what was recorded, in Go's memory, as a patchset:
// the new values of what was inserted or updated and only the key of
// what was deleted. A full changeset would carry every deleted row's old
// values too, so a deleted note would live on in the journal; and the
// patchset is smaller. Replaying it checks less (an update does not
// compare the old values), which the chain of sealed entries makes up
// for: an entry applies only to the snapshot and the entry it names.
func (s *session) changeset() ([]byte, error) {
	pn := s.c.tls.Alloc(16)
	defer s.c.tls.Free(16)
	if rc := sqlite3.Xsqlite3session_patchset(s.c.tls, s.p, pn, pn+8); rc != sqlite3.SQLITE_OK {
		return nil, fmt.Errorf("taking the changes: %s", libc.GoString(sqlite3.Xsqlite3_errstr(s.c.tls, rc)))
	}
	n := int(int32(binary.NativeEndian.Uint32(libc.GoBytes(pn, 4))))
	p := readPtr(pn + 8)
	if p == 0 {
		return nil, nil
	}
	out := make([]byte, n)
	copy(out, libc.GoBytes(p, n))
	sqlite3.Xsqlite3_free(s.c.tls, p)
	return out, nil
}

// readPtr reads the pointer SQLite wrote at p.
func readPtr(p uintptr) uintptr {
	if unsafe.Sizeof(uintptr(0)) == 8 {
		return uintptr(binary.NativeEndian.Uint64(libc.GoBytes(p, 8)))
	}
	return uintptr(binary.NativeEndian.Uint32(libc.GoBytes(p, 4)))
}

// close stops recording.
func (s *session) close() {
	if s != nil && s.p != 0 {
		sqlite3.Xsqlite3session_delete(s.c.tls, s.p)
		s.p = 0
	}
}

// conflictAbort is the conflict handler for replaying the journal: a
// replayed change meets exactly the rows it was recorded on, so any
// conflict means the journal does not belong on this snapshot.
func conflictAbort(_ *libc.TLS, _ uintptr, _ int32, _ uintptr) int32 {
	return sqlite3.SQLITE_CHANGESET_ABORT
}

// cFuncPointer is a Go function as SQLite's code calls it (the trick
// modernc.org/sqlite uses for its own callbacks: a func value is a pointer
// to a code pointer in read-only data, which does not move).
func cFuncPointer[T any](f T) uintptr {
	return *(*uintptr)(unsafe.Pointer(&struct{ f T }{f}))
}

// errReplay means a journal entry did not apply to the caseload.
var errReplay = errors.New("a saved change does not fit the caseload it follows")

// applyChangeset applies a changeset to the connection dc, inside the
// transaction the caller holds open (no savepoint of its own: the caller
// rolls everything back on an error). Foreign-key actions are off: a
// deleted client's records are in the changeset as deletions of their
// own, and cascading too would delete them twice.
func applyChangeset(dc any, cs []byte) error {
	if len(cs) == 0 {
		return nil
	}
	c, ok := rawConnOf(dc)
	if !ok {
		return errors.New("the sqlite driver's connection is not the one this build knows")
	}
	p := sqlite3.Xsqlite3_malloc64(c.tls, uint64(len(cs)))
	if p == 0 {
		return errors.New("no memory to replay a saved change")
	}
	defer sqlite3.Xsqlite3_free(c.tls, p)
	copy(libc.GoBytes(p, len(cs)), cs)
	rc := sqlite3.Xsqlite3changeset_apply_v2(c.tls, c.db, int32(len(cs)), p, 0, cFuncPointer(conflictAbort), 0, 0, 0,
		sqlite3.SQLITE_CHANGESETAPPLY_FKNOACTION|sqlite3.SQLITE_CHANGESETAPPLY_NOSAVEPOINT)
	clear(libc.GoBytes(p, len(cs)))
	if rc != sqlite3.SQLITE_OK {
		return fmt.Errorf("%w: %s", errReplay, libc.GoString(sqlite3.Xsqlite3_errstr(c.tls, rc)))
	}
	return nil
}

// setTriggers turns the firing of the database's triggers off or back
// on for the connection dc (SQLITE_DBCONFIG_ENABLE_TRIGGER), leaving the
// schema as it is. Replay sets them aside this way: dropping and creating
// them again would change the schema twice per trigger, which costs a
// schema change's work every time and leaves sqlite_schema rewritten.
func setTriggers(dc any, on bool) error {
	if err := dbConfig(dc, sqlite3.SQLITE_DBCONFIG_ENABLE_TRIGGER, on); err != nil {
		return fmt.Errorf("setting the triggers aside: %w", err)
	}
	return nil
}

// steadyPlans keeps the query planner from choosing a plan by the values
// bound to a statement (SQLITE_DBCONFIG_ENABLE_QPSG). FTS5 looks up the
// index page of every term a secure delete removes with one cached
// statement (… WHERE segid=? AND term<=? ORDER BY term DESC LIMIT 1)
// whose plan SQLite otherwise ties to the bound term: each new term
// expired it, and a save that changed a note's text prepared that
// statement again for every word it removed from the index (16 times for
// a two-line note). The plans do not depend on the values here: the
// caseload keeps no statistics (no ANALYZE), and its partial indexes are
// all "… IS NOT NULL", which "col = ?" implies whatever is bound.
func steadyPlans(dc any) error {
	if err := dbConfig(dc, sqlite3.SQLITE_DBCONFIG_ENABLE_QPSG, true); err != nil {
		return fmt.Errorf("configuring database: %w", err)
	}
	return nil
}

// dbConfig sets one of SQLite's on/off settings (sqlite3_db_config) for
// the connection dc, and checks that SQLite reports it set.
func dbConfig(dc any, op int32, on bool) error {
	c, ok := rawConnOf(dc)
	if !ok {
		return errors.New("the sqlite driver's connection is not the one this build knows")
	}
	// The variadic arguments: an int and a pointer to the int SQLite
	// reports the setting back in, each in an 8-byte slot (libc.VaList).
	va := sqlite3.Xsqlite3_malloc64(c.tls, 16)
	res := sqlite3.Xsqlite3_malloc64(c.tls, 4)
	defer sqlite3.Xsqlite3_free(c.tls, va)
	defer sqlite3.Xsqlite3_free(c.tls, res)
	if va == 0 || res == 0 {
		return errors.New("no memory for a database setting")
	}
	want := int32(0)
	if on {
		want = 1
	}
	binary.NativeEndian.PutUint32(libc.GoBytes(res, 4), 2)
	rc := sqlite3.Xsqlite3_db_config(c.tls, c.db, op, libc.VaList(va, want, res))
	if rc != sqlite3.SQLITE_OK {
		return errors.New(libc.GoString(sqlite3.Xsqlite3_errstr(c.tls, rc)))
	}
	if got := int32(binary.NativeEndian.Uint32(libc.GoBytes(res, 4))); got != want {
		return fmt.Errorf("SQLite reports the setting %d, not %d", got, want)
	}
	return nil
}

// combine merges patchsets, oldest first, into one with SQLite's
// changegroup: a row changed by many saves is changed once, and the
// replay prepares each table's statements once instead of once per save.
func combine(sets [][]byte) ([]byte, error) {
	if len(sets) == 1 {
		return sets[0], nil
	}
	tls := libc.NewTLS()
	defer tls.Close()
	pp := tls.Alloc(16)
	defer tls.Free(16)
	if rc := sqlite3.Xsqlite3changegroup_new(tls, pp); rc != sqlite3.SQLITE_OK {
		return nil, fmt.Errorf("combining saved changes: %s", libc.GoString(sqlite3.Xsqlite3_errstr(tls, rc)))
	}
	grp := readPtr(pp)
	defer sqlite3.Xsqlite3changegroup_delete(tls, grp)
	for _, cs := range sets {
		if len(cs) == 0 {
			continue
		}
		p := sqlite3.Xsqlite3_malloc64(tls, uint64(len(cs)))
		if p == 0 {
			return nil, errors.New("no memory to combine saved changes")
		}
		copy(libc.GoBytes(p, len(cs)), cs)
		rc := sqlite3.Xsqlite3changegroup_add(tls, grp, int32(len(cs)), p)
		clear(libc.GoBytes(p, len(cs)))
		sqlite3.Xsqlite3_free(tls, p)
		if rc != sqlite3.SQLITE_OK {
			return nil, fmt.Errorf("%w: %s", errReplay, libc.GoString(sqlite3.Xsqlite3_errstr(tls, rc)))
		}
	}
	if rc := sqlite3.Xsqlite3changegroup_output(tls, grp, pp, pp+8); rc != sqlite3.SQLITE_OK {
		return nil, fmt.Errorf("combining saved changes: %s", libc.GoString(sqlite3.Xsqlite3_errstr(tls, rc)))
	}
	n := int(int32(binary.NativeEndian.Uint32(libc.GoBytes(pp, 4))))
	p := readPtr(pp + 8)
	if p == 0 {
		return nil, nil
	}
	out := make([]byte, n)
	copy(out, libc.GoBytes(p, n))
	clear(libc.GoBytes(p, n))
	sqlite3.Xsqlite3_free(tls, p)
	return out, nil
}
