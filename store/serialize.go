package store

import (
	"encoding/binary"
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

// serializeInto copies the main database of the driver connection dc into
// buf, reusing its capacity, and returns the image. It reports false,
// having done nothing, when it cannot lend SQLite's buffer: another
// driver layout, or a database that is not held in one buffer (a new
// caseload lives in SQLite's page cache until its first reopen). The
// caller must hold the connection: the lent buffer is valid only until
// the next write.
func serializeInto(dc any, buf []byte) ([]byte, bool) {
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
	if int64(cap(buf)) < n {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	copy(buf, libc.GoBytes(p, int(n)))
	return buf, true
}
