package store_test

import (
	"context"
	"database/sql"
	"testing"
)

// BenchmarkImageSize serializes the caseload of 1,000 invented clients that
// BenchmarkSearch searches and reports how large the image is next to the
// text the coach typed: the image is what every edit encrypts and writes to
// disk, so its size is paid on every keystroke that saves.
//
// Reported:
//
//   - image/text: the image's length over the raw text;
//   - image-B/client and text-B/client: both per client.
//
// Raw text is the UTF-8 length, in bytes, of every free-text column a coach
// fills in, summed over all rows: for clients first_name, last_name, email,
// phone, address, referral_detail, representative, restricted_reason,
// hold_reason and notes; for records title and body (unpacked, through
// records_text); for appointments
// place, reason and notes. Left out is what the program writes itself or
// what is a choice from a list: ids, uids, dates and timestamps, statuses,
// kinds, flags, and the audit log. The invented caseload has no documents,
// consents, requests or invoices, so their columns add nothing.
func BenchmarkImageSize(b *testing.B) {
	s := searchStore(b, 1_000)
	ctx := context.Background()
	var image []byte
	for b.Loop() {
		var err error
		if image, err = s.Image(ctx); err != nil {
			b.Fatal(err)
		}
	}
	db := imageDB(b, image)
	text, clients := typedText(b, db)
	b.ReportMetric(float64(len(image))/float64(text), "image/text")
	b.ReportMetric(float64(len(image))/float64(clients), "image-B/client")
	b.ReportMetric(float64(text)/float64(clients), "text-B/client")
	var fts, free int64
	if err := db.QueryRowContext(ctx, `SELECT
			(SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name GLOB '*_fts*'),
			(SELECT freelist_count FROM pragma_freelist_count)`).Scan(&fts, &free); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(fts)/float64(len(image)), "fts/image")
	b.ReportMetric(float64(free), "free-pages")
}

// typedText returns the raw text BenchmarkImageSize defines, in bytes,
// and the number of clients of the caseload db holds.
func typedText(b *testing.B, db *sql.Conn) (text, clients int64) {
	b.Helper()
	err := db.QueryRowContext(context.Background(), `SELECT
		(SELECT count(*) FROM clients),
		(SELECT coalesce(sum(`+octets("first_name", "last_name", "email", "phone", "address",
		"referral_detail", "representative", "restricted_reason", "hold_reason", "notes")+`), 0) FROM clients) +
		(SELECT coalesce(sum(`+octets("title", "body")+`), 0) FROM records_text) +
		(SELECT coalesce(sum(`+octets("place", "reason", "notes")+`), 0) FROM appointments)`).Scan(&clients, &text)
	if err != nil {
		b.Fatal(err)
	}
	if clients == 0 || text == 0 {
		b.Fatalf("an empty caseload: %d clients, %d bytes of text", clients, text)
	}
	return text, clients
}

// octets is an SQL expression for the summed UTF-8 lengths of columns:
// length() of a text counts characters, of a blob bytes.
func octets(columns ...string) string {
	expr := ""
	for i, c := range columns {
		if i > 0 {
			expr += " + "
		}
		expr += "length(CAST(" + c + " AS BLOB))"
	}
	return expr
}

// imageDB opens a serialized image as a database of its own, closed when
// the benchmark ends. One connection: a second would open an empty
// :memory: database.
func imageDB(b *testing.B, image []byte) *sql.Conn {
	b.Helper()
	ctx := context.Background()
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { conn.Close() })
	err = conn.Raw(func(dc any) error {
		return dc.(interface{ Deserialize([]byte) error }).Deserialize(image)
	})
	if err != nil {
		b.Fatal(err)
	}
	return conn
}
