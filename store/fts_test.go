package store

import (
	"fmt"
	"testing"
	"time"
)

// indexSegments is how many segments the full-text index name has, read
// from FTS5's structure record (row 10 of its _data table): a 4-byte
// cookie, an optional 4-byte marker of the second format, then the
// number of levels and of segments as SQLite varints.
func indexSegments(t testing.TB, s *Store, name string) int {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	var rec []byte
	if err := s.conn.QueryRowContext(ctx, "SELECT block FROM "+name+"_data WHERE id = 10").Scan(&rec); err != nil {
		t.Fatal(err)
	}
	i := 4
	if len(rec) >= 8 && string(rec[4:8]) == "\xff\x00\x00\x01" {
		i = 8
	}
	varint := func() int {
		v := 0
		for ; i < len(rec); i++ {
			v = v<<7 | int(rec[i]&0x7f)
			if rec[i]&0x80 == 0 {
				i++
				return v
			}
		}
		t.Fatalf("%s: truncated structure record", name)
		return 0
	}
	varint() // levels
	return varint()
}

// smallBundles are n clients with a record each, worded apart so that
// the index gets many terms.
func smallBundles(from, n int) []ClientBundle {
	var out []ClientBundle
	for i := from; i < from+n; i++ {
		out = append(out, ClientBundle{
			Client: Client{FirstName: fmt.Sprintf("Klant%d", i), LastName: "Zorg", Status: StatusActive},
			Records: []Record{{Kind: KindNote, Title: fmt.Sprintf("Gesprek %d", i),
				Body: fmt.Sprintf("woord%d ander%d stage%d school rooster planning%s", i, i*7, i%13, fmt.Sprintf(" term%dx a%d b%d c%d d%d e%d f%d g%d h%d", i, i, i, i, i, i, i, i, i)), Date: day("2025-03-01")}},
		})
	}
	return out
}

// TestCompactionMergesTheSearchIndex: a caseload written in many
// transactions has its search index in many segments, which makes every
// later save slower; compactions merge it into one in small steps, and
// the merged index is exactly what an unlock rebuilds (snapshot plus
// entries), searches included.
func TestCompactionMergesTheSearchIndex(t *testing.T) {
	j := &memJournal{}
	clock := &fixedClock{t: time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)}
	s, err := Open(ctx, nil, Options{Journal: j, Clock: clock.now, Blobs: &memBlobs{}})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Close() }()
	// FTS5's automerge off: each import leaves a segment of the same
	// size, the shape that needs merging (with it on, the imports fold
	// into one large segment and small ones, which a compaction leaves).
	if _, err := s.conn.ExecContext(ctx, "INSERT INTO records_fts (records_fts, rank) VALUES ('automerge', 0)"); err != nil {
		t.Fatal(err)
	}
	for b := range 30 {
		if _, err := s.ImportClients(ctx, smallBundles(b*40, 40)); err != nil {
			t.Fatal(err)
		}
	}
	before := indexSegments(t, s, "records_fts")
	if before < 2 {
		t.Fatalf("30 imports left %d segments; the test needs a fragmented index", before)
	}
	// One step a compaction: the merge must resume where it stopped.
	defer func(n int) { mergeSteps = n }(mergeSteps)
	mergeSteps = 1
	compactions := 0
	for indexSegments(t, s, "records_fts") > 1 {
		if compactions++; compactions > 20 {
			t.Fatalf("20 compactions left %d segments of %d", indexSegments(t, s, "records_fts"), before)
		}
		if err := s.Compact(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if compactions < 2 {
		t.Errorf("%d segments merged in %d compaction of one step: the test merges too little", before, compactions)
	}
	t.Logf("%d segments merged into one by %d compactions", before, compactions)
	// An edit after the merge is an entry; the unlock gives the same
	// caseload and the same search hits.
	rows, err := s.ListClients(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveRecord(ctx, Record{ClientID: rows[0].ID, Kind: KindNote, Title: "Na het samenvoegen",
		Body: "woord5 origami", Date: day("2025-04-01")}); err != nil {
		t.Fatal(err)
	}
	if len(j.entries) != 1 {
		t.Fatalf("want the edit as one entry after the compactions, got %d entries", len(j.entries))
	}
	want := dump(t, s)
	r := j.open(t, clock.now)
	defer r.Close()
	if got := dump(t, r); got != want {
		t.Fatal("the unlocked caseload differs from the one whose index was merged")
	}
	hits, err := r.Search(ctx, "woord5", 50)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) < 2 {
		t.Errorf("search for woord5 after the merge: %d hits, want the imported record and the edit", len(hits))
	}
}

// TestBulkImportEndsMerged: an import that writes a good part of the
// caseload ends with its search index in one segment, in the import's
// own save; a small import into a large caseload leaves it alone.
func TestBulkImportEndsMerged(t *testing.T) {
	s, err := Open(ctx, nil, Options{Clock: (&fixedClock{t: time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)}).now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for b := range 6 {
		if _, err := s.ImportClients(ctx, smallBundles(b*20, 20)); err != nil {
			t.Fatal(err)
		}
	}
	if n := indexSegments(t, s, "records_fts"); n < 2 {
		t.Fatalf("6 small imports left %d segments; the test needs a fragmented index", n)
	}
	if _, err := s.ImportClients(ctx, smallBundles(1000, bulkOptimize)); err != nil {
		t.Fatal(err)
	}
	for _, name := range ftsTables {
		if n := indexSegments(t, s, name); n > 1 {
			t.Errorf("after a bulk import %s has %d segments, want 1", name, n)
		}
	}
	if err := s.OptimizeIndex(ctx); err != nil {
		t.Fatal(err)
	}
	hits, err := s.Search(ctx, "woord1005", 10)
	if err != nil || len(hits) != 1 {
		t.Fatalf("search after merging: %d hits, %v", len(hits), err)
	}
}

// TestCompactionLeavesAMergedIndexWhole: once the index is merged, the
// small segments the saves add beside it are not merged into it at the
// next compaction: that would rewrite the whole index, in steps that
// hold the lock for tens of milliseconds at 10,000 clients, for a save
// that is no faster. The large segment stays as it was.
func TestCompactionLeavesAMergedIndexWhole(t *testing.T) {
	j := &memJournal{}
	clock := &fixedClock{t: time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)}
	s, err := Open(ctx, nil, Options{Journal: j, Clock: clock.now, Blobs: &memBlobs{}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.ImportClients(ctx, smallBundles(0, 400)); err != nil {
		t.Fatal(err)
	}
	if n := indexSegments(t, s, "records_fts"); n != 1 {
		t.Fatalf("a bulk import left %d segments, want 1", n)
	}
	rows, err := s.ListClients(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		if _, err := s.SaveRecord(ctx, Record{ClientID: rows[i].ID, Kind: KindNote, Title: "Voortgang",
			Body: fmt.Sprintf("nieuw%d gesprek over school en stage", i), Date: day("2025-04-01")}); err != nil {
			t.Fatal(err)
		}
	}
	big := func() (first int64) {
		s.mu.Lock()
		defer s.mu.Unlock()
		// The large segment's pages are the most rows of one segment id
		// (a page's rowid holds its segment id above bit 37).
		if err := s.conn.QueryRowContext(ctx, "SELECT min(id) FROM records_fts_data WHERE id >> 37 = (SELECT id >> 37 FROM records_fts_data WHERE id > 10 GROUP BY id >> 37 ORDER BY count(*) DESC LIMIT 1)").Scan(&first); err != nil {
			t.Fatal(err)
		}
		return first
	}
	segments, page := indexSegments(t, s, "records_fts"), big()
	if segments < 2 {
		t.Fatalf("20 saves left %d segments; the test wants small ones beside the large one", segments)
	}
	s.mu.Lock()
	steps := s.mergeIndexes(ctx)
	s.mu.Unlock()
	if steps != 0 {
		t.Errorf("a merged index with small segments beside it took %d merge steps, want none", steps)
	}
	if err := s.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	if n := indexSegments(t, s, "records_fts"); n != segments || big() != page {
		t.Errorf("the compaction rewrote the index: %d segments (were %d), large segment from page %d (was %d)", n, segments, big(), page)
	}
	hits, err := s.Search(ctx, "nieuw7", 10)
	if err != nil || len(hits) != 1 {
		t.Fatalf("search after the compaction: %d hits, %v", len(hits), err)
	}
}

// TestIndexesMigrateToSmallLeaves: an index written in FTS5's default
// leaves of 4,050 bytes, already merged into one segment (which FTS5's
// optimize alone leaves untouched), is rewritten in leaves of about
// 1,000 by migration 13: the page size at which a save's secure delete
// costs half as much. Every word is still found, the word the migration
// indexed for a moment is not, and FTS5's own check of the index against
// the text passes.
func TestIndexesMigrateToSmallLeaves(t *testing.T) {
	image := imageAtVersion(t, 12,
		`INSERT INTO clients (id, uid, first_name, last_name, status, start_date, created_at, updated_at)
			VALUES (3, 'u3', 'Noor', 'Visser', 'active', '2024-01-01', '2024-01-01 09:00:00', '2024-01-01 09:00:00')`,
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000),
			t(i, body) AS (SELECT i, 'de planning doorgenomen met de school, woord' || i FROM n)
		INSERT INTO records (client_id, kind, title, body, body_size, record_date, created_at, updated_at)
			SELECT 3, 'note', 'Gesprek ' || i, body, length(CAST(body AS BLOB)),
				'2024-02-01', '2024-02-01 09:00:00', '2024-02-01 09:00:00' FROM t`,
		`INSERT INTO records_fts (records_fts) VALUES ('optimize')`,
		// The seed fails unless the index is what a version 12 vault holds:
		// one segment, in leaves larger than the new size.
		`CREATE TABLE seeded (leaf INTEGER CHECK (leaf > 3000))`,
		`INSERT INTO seeded SELECT max(length(block)) FROM records_fts_data WHERE id > 10`,
		`DROP TABLE seeded`)
	s, err := Open(ctx, image, Options{Sealer: &memSealer{}, Clock: (&fixedClock{t: day("2026-03-02")}).now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, name := range ftsTables {
		var pgsz int
		if err := s.conn.QueryRowContext(ctx, "SELECT v FROM "+name+"_config WHERE k = 'pgsz'").Scan(&pgsz); err != nil || pgsz != 1000 {
			t.Errorf("%s: page size %d, %v", name, pgsz, err)
		}
		if _, err := s.conn.ExecContext(ctx, "INSERT INTO "+name+" ("+name+", rank) VALUES ('integrity-check', 1)"); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	var leaf int
	if err := s.conn.QueryRowContext(ctx, "SELECT max(length(block)) FROM records_fts_data WHERE id > 10").Scan(&leaf); err != nil || leaf > 1500 {
		t.Errorf("the largest leaf is %d bytes after the migration (%v)", leaf, err)
	}
	if n := indexSegments(t, s, "records_fts"); n != 1 {
		t.Errorf("%d segments after the migration, want 1", n)
	}
	for word, want := range map[string]int64{"woord17": 17, "woord2999": 2999} {
		hits, err := s.Search(ctx, word, 50)
		// A search matches word prefixes: woord17 finds woord170 too.
		if err != nil || len(hits) == 0 || firstRecordHit(hits).RecordID != want {
			t.Errorf("search %q: %d hits, first %d, %v", word, len(hits), firstRecordHit(hits).RecordID, err)
		}
	}
	if hits, err := s.Search(ctx, "caseload", 50); err != nil || len(hits) != 0 {
		t.Errorf("the migration's own word is found: %+v, %v", hits, err)
	}
}
