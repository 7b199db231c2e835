package store

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"encoding/hex"
	"io"
	"strings"
	"testing"
)

// oldPack is how schema 3 stored a text: a version byte, raw DEFLATE.
func oldPack(t *testing.T, s string) []byte {
	var b bytes.Buffer
	b.WriteByte(packV1)
	w, _ := flate.NewWriter(&b, flate.BestSpeed)
	io.WriteString(w, s)
	w.Close()
	return b.Bytes()
}

// TestMigratesAVersion3VaultToSqlar: a schema 3 vault's packed texts
// become what the stock sqlite3 shell unpacks with sqlar_uncompress, and
// search and editing go on as before.
func TestMigratesAVersion3VaultToSqlar(t *testing.T) {
	long := strings.Repeat("Portfoliogesprek over de stage in de zorg, met Anouk. ", 12)
	image := imageAtVersion(t, 3,
		`INSERT INTO clients (id, uid, first_name, last_name, email, status, start_date, created_at, updated_at)
			VALUES (8, 'u8', 'Anouk', 'Blijft', '', 'active', '2026-01-05', '2026-01-05 09:00:00', '2026-01-05 09:00:00')`,
		`INSERT INTO records (id, client_id, kind, title, body, record_date, special, created_at, updated_at) VALUES
			(1, 8, 'note', 'Lang', X'`+hex.EncodeToString(oldPack(t, long))+`', '2026-01-05', 0, '2026-01-05 09:00:00', '2026-01-05 09:00:00'),
			(2, 8, 'note', 'Kort', 'Belde af.', '2026-01-06', 0, '2026-01-06 09:00:00', '2026-01-06 09:00:00')`)
	s, err := Open(ctx, image, Options{Sealer: &memSealer{}, Clock: (&fixedClock{t: day("2026-11-22")}).now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rows, err := s.conn.QueryContext(ctx, "SELECT id, body, body_size FROM records ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64]string{1: long, 2: "Belde af."}
	for rows.Next() {
		var id, size int64
		var body any
		if err := rows.Scan(&id, &body, &size); err != nil {
			t.Fatal(err)
		}
		if size != int64(len(want[id])) {
			t.Errorf("record %d: body_size %d, want %d", id, size, len(want[id]))
		}
		// What the stock shell's sqlar_uncompress does: a BLOB shorter
		// than size is a zlib stream, anything else is the text.
		switch b := body.(type) {
		case []byte:
			r, err := zlib.NewReader(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("record %d: not zlib: %v", id, err)
			}
			got, _ := io.ReadAll(r)
			if string(got) != want[id] {
				t.Errorf("record %d: unpacks to %q", id, got)
			}
		case string:
			if b != want[id] {
				t.Errorf("record %d: %q", id, b)
			}
		}
	}
	rows.Close()
	var viaSQL string
	if err := s.conn.QueryRowContext(ctx, "SELECT CAST(sqlar_uncompress(body, body_size) AS TEXT) FROM records WHERE id = 1").Scan(&viaSQL); err != nil || viaSQL != long {
		t.Fatalf("sqlar_uncompress in caseload: %q, %v", viaSQL, err)
	}
	r, err := s.Record(ctx, 1)
	if err != nil || r.Body != long {
		t.Fatalf("the record after migration: %v", err)
	}
	if hits, _ := s.Search(ctx, "stage", 10); recordHits(hits) != 1 {
		t.Errorf("search after migration: %+v", hits)
	}
	r.Body = strings.ReplaceAll(long, "stage", "opleiding")
	if _, err := s.SaveRecord(ctx, r); err != nil {
		t.Fatal(err)
	}
	if hits, _ := s.Search(ctx, "stage", 10); recordHits(hits) != 0 {
		t.Errorf("a word edited away is still found: %+v", hits)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
}
