package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"reflect"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// The database/sql interface of modernc.org/sqlite serializes a database
// by copying it twice: SQLite copies its buffer into a fresh allocation,
// and the driver copies that into a fresh Go slice. For a caseload of
// 10,000 clients that is 130 ms, with the store's lock held, on every
// save. serializeInto asks SQLite to lend its own buffer instead and
// copies it once, into a buffer the store keeps from one save to the
// next: a tenth of the time.
//
// The driver's Deserialize hands SQLite a buffer of exactly the image's
// size, so the first edit after an unlock must grow it: SQLite doubles
// it by reallocating, which copies the whole caseload (0.4 to 0.9 s at
// 10,000 clients, with the lock held). deserialize gives it room to
// grow from the start. The room costs address space, not memory: the
// pages are not touched until the caseload grows into them.
//
// The driver does not export its connection's handle, so rawConn finds it
// by reflection, checking the layout this was written against. Were the
// driver to change, every check fails closed: serializeInto reports false
// and the store falls back to the driver's own Serialize. A test holds the
// fast path to being taken with the driver in go.mod.

// rawConn is the start of modernc.org/sqlite's connection: the SQLite
// handle and the thread state every call into SQLite takes.
type rawConn struct {
	db  uintptr
	tls *libc.TLS
}

// rawConnOf returns the handle behind a driver connection from
// (*sql.Conn).Raw, or false if it is not the connection rawConn mirrors.
func rawConnOf(dc any) (rawConn, bool) {
	v := reflect.ValueOf(dc)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return rawConn{}, false
	}
	t := v.Elem().Type()
	if t.PkgPath() != "modernc.org/sqlite" || t.Name() != "conn" || t.NumField() < 2 {
		return rawConn{}, false
	}
	var mirror rawConn
	db, tls := t.Field(0), t.Field(1)
	if db.Name != "db" || db.Type != reflect.TypeFor[uintptr]() || db.Offset != unsafe.Offsetof(mirror.db) ||
		tls.Name != "tls" || tls.Type != reflect.TypeFor[*libc.TLS]() || tls.Offset != unsafe.Offsetof(mirror.tls) {
		return rawConn{}, false
	}
	c := *(*rawConn)(v.UnsafePointer())
	if c.db == 0 || c.tls == nil {
		return rawConn{}, false
	}
	return c, true
}

// serializeInto copies the main database of the driver connection dc
// into the memory into returns for its size, and returns the image. It
// reports false, having done nothing, when it cannot lend SQLite's
// buffer: another driver layout, or a database that is not held in one
// buffer. The caller must hold the connection: the lent buffer is valid
// only until the next write.
func serializeInto(dc any, into func(c rawConn, n int64) []byte) ([]byte, bool) {
	c, ok := rawConnOf(dc)
	if !ok {
		return nil, false
	}
	size := c.tls.Alloc(8)
	defer c.tls.Free(8)
	schema := sqlite3.Xsqlite3_db_name(c.tls, c.db, 0)
	if schema == 0 {
		return nil, false
	}
	p := sqlite3.Xsqlite3_serialize(c.tls, c.db, schema, size, sqlite3.SQLITE_SERIALIZE_NOCOPY)
	n := int64(binary.NativeEndian.Uint64(libc.GoBytes(size, 8)))
	if p == 0 || n <= 0 {
		return nil, false
	}
	buf := into(c, n)
	if int64(len(buf)) < n {
		return nil, false
	}
	buf = buf[:n]
	copy(buf, libc.GoBytes(p, int(n)))
	return buf, true
}

// goMem is serializeInto's into for an image the caller keeps.
func goMem(_ rawConn, n int64) []byte { return make([]byte, n) }

// sealMem is the memory each save's image is written into, kept from one
// save to the next and taken from SQLite's allocator rather than Go's
// heap. In Go's heap, an image-sized buffer that stays alive makes the
// garbage collector let garbage grow to the image's size again before it
// collects, and a caseload's memory would creep from twice its size to
// three times. Outside it, the store holds the database and this one
// copy, and nothing else of that size.
type sealMem struct {
	tls *libc.TLS
	p   uintptr
	n   int64
}

// bytes returns the memory, at least n bytes of it, growing it with
// room to spare; nil if SQLite's allocator has none.
func (m *sealMem) bytes(c rawConn, n int64) []byte {
	if m.n < n {
		m.free()
		size := n + n/8
		p := sqlite3.Xsqlite3_malloc64(c.tls, uint64(size))
		if p == 0 {
			return nil
		}
		m.tls, m.p, m.n = c.tls, p, size
	}
	return libc.GoBytes(m.p, int(m.n))
}

// free zeroes the memory, which holds the caseload in the clear, and
// gives it back. It must run before the connection closes.
func (m *sealMem) free() {
	if m.p == 0 {
		return
	}
	clear(libc.GoBytes(m.p, int(m.n)))
	sqlite3.Xsqlite3_free(m.tls, m.p)
	*m = sealMem{}
}

// memdbMax is the most SQLite lets a deserialized database grow to
// (SQLITE_MEMDB_DEFAULT_MAXSIZE).
const memdbMax = sqlite3.SQLITE_MEMDB_DEFAULT_MAXSIZE

// deserialize loads image as the main database of the driver connection
// dc, in memory SQLite owns, with room to double before it must move. It
// reports false, having done nothing, when dc is not the connection
// rawConn mirrors; the caller then uses the driver's Deserialize.
func deserialize(dc any, image []byte) (bool, error) {
	c, ok := rawConnOf(dc)
	if !ok {
		return false, nil
	}
	n := int64(len(image))
	if n == 0 || n > memdbMax {
		return true, fmt.Errorf("a caseload image of %d bytes cannot be loaded (at most %d)", n, int64(memdbMax))
	}
	room := max(n, min(2*n, memdbMax))
	p := sqlite3.Xsqlite3_malloc64(c.tls, uint64(room))
	if p == 0 && room > n {
		room = n
		p = sqlite3.Xsqlite3_malloc64(c.tls, uint64(room))
	}
	if p == 0 {
		return true, fmt.Errorf("no memory for a caseload of %d bytes", n)
	}
	copy(libc.GoBytes(p, int(n)), image)
	schema := sqlite3.Xsqlite3_db_name(c.tls, c.db, 0)
	if schema == 0 {
		sqlite3.Xsqlite3_free(c.tls, p)
		return true, errors.New("the database has no main schema")
	}
	// On failure SQLite frees p itself (FREEONCLOSE).
	rc := sqlite3.Xsqlite3_deserialize(c.tls, c.db, schema, p, n, room,
		sqlite3.SQLITE_DESERIALIZE_RESIZEABLE|sqlite3.SQLITE_DESERIALIZE_FREEONCLOSE)
	if rc != sqlite3.SQLITE_OK {
		return true, fmt.Errorf("loading the caseload image: %s", libc.GoString(sqlite3.Xsqlite3_errstr(c.tls, rc)))
	}
	return true, nil
}
