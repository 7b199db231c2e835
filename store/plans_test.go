package store

import (
	"fmt"
	"testing"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// reprepared is how many times SQLite has prepared again the statements
// it holds on the store's connection (its own and FTS5's), by statement.
func reprepared(t *testing.T, s *Store) map[string]int {
	t.Helper()
	n := map[string]int{}
	err := s.conn.Raw(func(dc any) error {
		c, ok := rawConnOf(dc)
		if !ok {
			return fmt.Errorf("no raw connection")
		}
		for p := sqlite3.Xsqlite3_next_stmt(c.tls, c.db, 0); p != 0; p = sqlite3.Xsqlite3_next_stmt(c.tls, c.db, p) {
			if k := sqlite3.Xsqlite3_stmt_status(c.tls, p, sqlite3.SQLITE_STMTSTATUS_REPREPARE, 0); k > 0 {
				n[libc.GoString(sqlite3.Xsqlite3_sql(c.tls, p))] += int(k)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestSavesDoNotPrepareAgain: saving a note whose text changed removes
// its old words from the search index (FTS5's secure delete), which looks
// each word up with one cached statement. SQLite tied that statement's
// plan to the bound word and prepared it again for every word: 16 times
// for the two-line note here, some 10% of a save's CPU.
func TestSavesDoNotPrepareAgain(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Noor", LastName: "Visser", Status: StatusActive})
	r, err := f.s.SaveRecord(ctx, Record{ClientID: c.ID, Kind: KindNote, Title: "Voortgang", Date: f.s.Today()})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 4 {
		r.Body = fmt.Sprintf("Gesprek %d: de planning voor de komende weken doorgenomen, met de school gebeld over het rooster.", i)
		if r, err = f.s.SaveRecord(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if n := reprepared(t, f.s); len(n) > 0 {
		t.Errorf("statements prepared again while saving: %v", n)
	}
	hits, err := f.s.Search(ctx, "rooster", 10)
	if err != nil || len(hits) != 1 {
		t.Fatalf("the saved note is not found by its last text: %v, %v", hits, err)
	}
	if hits, _ := f.s.Search(ctx, "Gesprek 0", 10); len(hits) != 0 {
		t.Errorf("the note's old text is still found: %v", hits)
	}
}
