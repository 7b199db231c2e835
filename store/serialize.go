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
// copies it once (a tenth of the time); a compaction seals the lent
// buffer itself and copies nothing (lent, Store.lendImage).
//
// The driver's Deserialize copies the image into a buffer of exactly its
// size, so the first edit after an unlock must grow it: SQLite doubles
// it by reallocating, which copies the whole caseload (0.4 to 0.9 s at
// 10,000 clients, with the lock held). An ImageBuffer has room to grow
// from the start, and a vault is decrypted straight into it.
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
func serializeInto(dc any, into func(n int64) []byte) ([]byte, bool) {
	src, ok := lent(dc)
	if !ok {
		return nil, false
	}
	buf := into(int64(len(src)))
	if len(buf) < len(src) {
		return nil, false
	}
	buf = buf[:len(src)]
	copy(buf, src)
	return buf, true
}

// lent is SQLite's own buffer of the main database of the driver
// connection dc, lent without a copy: valid only while the caller holds
// the connection and until the next write, which may change or move it.
// It reports false when the database is not held in one buffer or dc is
// not the connection rawConn mirrors.
func lent(dc any) ([]byte, bool) {
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
	return libc.GoBytes(p, int(n)), true
}

// goMem is serializeInto's into for an image the caller keeps.
func goMem(n int64) []byte { return make([]byte, n) }

// memdbMax is the most SQLite lets a deserialized database grow to
// (SQLITE_MEMDB_DEFAULT_MAXSIZE).
const memdbMax = sqlite3.SQLITE_MEMDB_DEFAULT_MAXSIZE

// ImageBuffer is memory for a caseload image, taken from SQLite's own
// allocator so that OpenBuffer can hand it to SQLite as the database
// itself. A vault decrypted into one lands where it is used: one
// image-sized buffer from the disk to the database, none of it in Go's
// heap. It has room for the caseload to double before SQLite must move
// it; the room costs address space, not memory, until it is written.
type ImageBuffer struct {
	tls     *libc.TLS
	p       uintptr
	n, room int64
}

// NewImageBuffer allocates memory for an image of n bytes.
func NewImageBuffer(n int64) (*ImageBuffer, error) {
	if n <= 0 || n > memdbMax {
		return nil, fmt.Errorf("a caseload of %d bytes is more than a vault can hold (%d MiB)", n, memdbMax>>20)
	}
	tls := libc.NewTLS()
	room := max(n, min(2*n, memdbMax))
	p := sqlite3.Xsqlite3_malloc64(tls, uint64(room))
	if p == 0 && room > n {
		room = n
		p = sqlite3.Xsqlite3_malloc64(tls, uint64(room))
	}
	if p == 0 {
		tls.Close()
		return nil, fmt.Errorf("no memory for a caseload of %d MiB", n>>20)
	}
	return &ImageBuffer{tls: tls, p: p, n: n, room: room}, nil
}

// Bytes is the image's memory, n bytes; nil once the store took it over
// or it was freed.
func (b *ImageBuffer) Bytes() []byte {
	if b == nil || b.p == 0 {
		return nil
	}
	return libc.GoBytes(b.p, int(b.n))
}

// Free zeroes the memory, which holds a caseload in the clear, and gives
// it back. Once the store has taken the buffer over it does nothing, so
// a deferred Free is always right.
func (b *ImageBuffer) Free() {
	if b == nil || b.p == 0 {
		return
	}
	clear(libc.GoBytes(b.p, int(b.n))) // the room was never written
	sqlite3.Xsqlite3_free(b.tls, b.p)
	b.release()
}

// release forgets the memory, which is someone else's to free now.
func (b *ImageBuffer) release() {
	b.tls.Close()
	b.p = 0
}

// adopt makes b the main database of the driver connection dc: SQLite
// takes the memory over (and frees it when the database closes, or at
// once if this fails). It reports false, having done nothing, when dc is
// not the connection rawConn mirrors; the caller then copies b into the
// driver's Deserialize and frees it.
func (b *ImageBuffer) adopt(dc any) (bool, error) {
	c, ok := rawConnOf(dc)
	if !ok {
		return false, nil
	}
	schema := sqlite3.Xsqlite3_db_name(c.tls, c.db, 0)
	if schema == 0 {
		return true, errors.New("the database has no main schema")
	}
	rc := sqlite3.Xsqlite3_deserialize(c.tls, c.db, schema, b.p, b.n, b.room,
		sqlite3.SQLITE_DESERIALIZE_RESIZEABLE|sqlite3.SQLITE_DESERIALIZE_FREEONCLOSE)
	b.release()
	if rc != sqlite3.SQLITE_OK {
		return true, fmt.Errorf("loading the caseload image: %s", libc.GoString(sqlite3.Xsqlite3_errstr(c.tls, rc)))
	}
	return true, nil
}
