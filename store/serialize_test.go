package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// TestSerializeLendsSQLitesBuffer holds the fast path to being taken with
// the driver in go.mod, and to giving the driver's own image byte for
// byte. If a driver upgrade changes its connection, this fails and the
// store is slower, never wrong: serializeInto falls back.
func TestSerializeLendsSQLitesBuffer(t *testing.T) {
	f := newFixture(t)
	f.client(t, Client{FirstName: "Noor", LastName: "Jansen", Status: StatusActive})
	s := f.reopen(t)
	defer s.Close()
	var want, got []byte
	var fast bool
	err := s.conn.Raw(func(dc any) error {
		var err error
		if want, err = dc.(interface{ Serialize() ([]byte, error) }).Serialize(); err != nil {
			return err
		}
		mem := make([]byte, 1<<20)
		got, fast = serializeInto(dc, func(n int64) []byte {
			if n > int64(len(mem)) {
				mem = make([]byte, n)
			}
			return mem
		})
		if fast && &got[0] != &mem[0] {
			t.Error("serializeInto did not write into the memory it was given")
		}
		got = bytes.Clone(got)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !fast {
		t.Fatal("serializeInto fell back: the driver's connection is not laid out as store/serialize.go expects")
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("serializeInto gave %d bytes unlike Serialize's %d", len(got), len(want))
	}
	// A new caseload is moved into one buffer at once.
	err = f.s.conn.Raw(func(dc any) error {
		if _, ok := serializeInto(dc, goMem); !ok {
			t.Error("a new caseload is not held in one buffer")
		}
		if _, ok := serializeInto(struct{}{}, goMem); ok {
			t.Error("serializeInto accepted something that is not the driver's connection")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestFirstEditAfterUnlockDoesNotMoveTheCaseload: a reopened caseload has
// room to grow, so the first edit does not make SQLite copy all of it to
// a larger buffer (most of a second at 10,000 clients).
func TestFirstEditAfterUnlockDoesNotMoveTheCaseload(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Noor", LastName: "Jansen", Status: StatusActive})
	s := f.reopen(t)
	defer s.Close()
	at := func() uintptr {
		var p uintptr
		withRaw(t, s, func(_ any, rc rawConn, scratch uintptr) {
			p = sqlite3.Xsqlite3_serialize(rc.tls, rc.db, sqlite3.Xsqlite3_db_name(rc.tls, rc.db, 0), scratch, sqlite3.SQLITE_SERIALIZE_NOCOPY)
		})
		if p == 0 {
			t.Fatal("no buffer to lend")
		}
		return p
	}
	before := at()
	for i := range 20 {
		if _, err := s.SaveRecord(ctx, Record{ClientID: c.ID, Kind: KindNote, Title: "Gesprek", Body: strings.Repeat("voortgang ", 400+i), Date: day("2026-11-01")}); err != nil {
			t.Fatal(err)
		}
	}
	if at() != before {
		t.Error("the first edits after a reopen moved the caseload to a new buffer")
	}
}

// TestOpenBufferTakesItOver: the store makes the buffer its database
// without a copy, and a buffer that holds no caseload is refused and
// freed all the same.
func TestOpenBufferTakesItOver(t *testing.T) {
	f := newFixture(t)
	f.client(t, Client{FirstName: "Noor", LastName: "Jansen", Status: StatusActive})
	b, err := NewImageBuffer(int64(len(f.seal.image)))
	if err != nil {
		t.Fatal(err)
	}
	copy(b.Bytes(), f.seal.image)
	s, err := OpenBuffer(ctx, b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if b.Bytes() != nil {
		t.Error("the buffer is still the caller's after OpenBuffer")
	}
	if rows, err := s.ListClients(ctx); err != nil || len(rows) != 1 {
		t.Fatalf("ListClients: %d rows, %v", len(rows), err)
	}

	junk, err := NewImageBuffer(4096)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := OpenBuffer(ctx, junk, Options{}); !errors.Is(err, ErrNoSchema) {
		t.Errorf("OpenBuffer(zeros) = %v, want ErrNoSchema", err)
	}
	if junk.Bytes() != nil {
		t.Error("a refused buffer was not freed")
	}
	if _, err := NewImageBuffer(memdbMax + 1); err == nil {
		t.Error("a buffer larger than a vault can hold was allocated")
	}
}

// TestFullCaseloadRefusesTheEditAndKeepsTheRest: an edit past what SQLite
// may hold in memory is refused as ErrCaseloadFull, not as a full disk,
// and changes nothing; the caseload goes on working. The limit is lowered
// to just above the caseload's size for the test; SQLite applies it when
// the caseload outgrows the room it was loaded with.
func TestFullCaseloadRefusesTheEditAndKeepsTheRest(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Noor", LastName: "Jansen", Status: StatusActive})
	s := f.reopen(t)
	defer s.Close()
	withRaw(t, s, func(dc any, rc rawConn, scratch uintptr) {
		img, _ := serializeInto(dc, goMem)
		binary.NativeEndian.PutUint64(libc.GoBytes(scratch, 8), uint64(len(img)+64<<10))
		if rc := sqlite3.Xsqlite3_file_control(rc.tls, rc.db, sqlite3.Xsqlite3_db_name(rc.tls, rc.db, 0),
			sqlite3.SQLITE_FCNTL_SIZE_LIMIT, scratch); rc != sqlite3.SQLITE_OK {
			t.Fatalf("setting the size limit: %d", rc)
		}
	})
	before, _ := s.Records(ctx, c.ID)
	// More than the room the caseload was loaded with, less than MaxBody;
	// random letters, so that packing cannot shrink it below the limit.
	huge := make([]byte, 3<<20)
	for i, b := range noiseText(len(huge)) {
		huge[i] = 'a' + b%26
	}
	_, err := s.SaveRecord(ctx, Record{ClientID: c.ID, Kind: KindNote, Title: "Te groot", Body: string(huge), Date: day("2026-11-01")})
	if !errors.Is(err, ErrCaseloadFull) {
		t.Fatalf("SaveRecord past the limit = %v, want ErrCaseloadFull", err)
	}
	if after, _ := s.Records(ctx, c.ID); len(after) != len(before) {
		t.Errorf("%d records after the refused edit, %d before", len(after), len(before))
	}
	if _, err := s.SaveRecord(ctx, Record{ClientID: c.ID, Kind: KindNote, Title: "Kort", Body: "Belde af.", Date: day("2026-11-02")}); err != nil {
		t.Errorf("a small edit after the refusal: %v", err)
	}
}

// noiseText is n bytes that do not compress.
func noiseText(n int) []byte {
	b := make([]byte, n)
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range b {
		b[i] = byte(rng.IntN(256))
	}
	return b
}

// withRaw runs fn on the store's driver connection and its SQLite handle,
// with 8 bytes of SQLite memory for an argument.
func withRaw(t *testing.T, s *Store, fn func(dc any, c rawConn, scratch uintptr)) {
	t.Helper()
	err := s.conn.Raw(func(dc any) error {
		c, ok := rawConnOf(dc)
		if !ok {
			t.Fatal("not the driver's connection")
		}
		scratch := c.tls.Alloc(8)
		defer c.tls.Free(8)
		fn(dc, c, scratch)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
