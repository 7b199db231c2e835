package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// manyHits is the number of matching records above which Search stops
// ranking by relevance: bm25 scores every match before the first can be
// shown, and since the index keeps no word positions (migration 0003) it
// reads each match's text again to do so, about 25 µs a record. 250 keeps
// the worst ranked search near 6 ms.
const manyHits = 250

// recentPool is how many of the matching records added last Search sorts
// by date when there are too many to rank: sorting costs little, and the
// larger the pool the less a record entered late with an early date
// pushes a later one out.
const recentPool = 1000

// Search finds clients by name, records by text and appointments by
// place and notes across the whole caseload. Every word must match (as a
// prefix); client matches come first (by relevance), then records, then
// appointments (latest first, at most limit).
//
// Records come by relevance (bm25) when at most 250 match. When more
// match, relevance says little and costs much, so they come newest first:
// of the 1,000 matching records added to the caseload last, those with
// the latest record date first (ties: the later added first). Either way
// at most limit records come back. Special-category records are found but
// their text is never shown in a snippet.
func (s *Store) Search(ctx context.Context, query string, limit int) ([]Hit, error) {
	match := ftsQuery(query)
	if match == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = 50
	}
	var hits []Hit
	err := s.read(ctx, func(t *tx) error {
		rs, err := t.query(`SELECT c.id, c.first_name || ' ' || c.last_name
			FROM clients_fts f JOIN clients c ON c.id = f.rowid
			WHERE clients_fts MATCH ? ORDER BY rank LIMIT ?`, match, limit)
		if err != nil {
			return fmt.Errorf("searching: %w", err)
		}
		for rs.Next() {
			var h Hit
			if err := rs.Scan(&h.ClientID, &h.ClientName); err != nil {
				rs.Close()
				return fmt.Errorf("searching: %w", err)
			}
			h.ClientName = strings.TrimSpace(h.ClientName)
			hits = append(hits, h)
		}
		rs.Close()
		if err := rs.Err(); err != nil {
			return fmt.Errorf("searching: %w", err)
		}
		ids, byDate, err := t.matchingRecords(match, limit)
		if err != nil {
			return fmt.Errorf("searching: %w", err)
		}
		records, err := t.recordHits(match, ids, byDate)
		if err != nil {
			return fmt.Errorf("searching: %w", err)
		}
		hits = append(hits, records...)
		appts, err := t.appointmentHits(match, limit)
		if err != nil {
			return fmt.Errorf("searching: %w", err)
		}
		hits = append(hits, appts...)
		return nil
	})
	return hits, err
}

// appointmentHits finds appointments by their place and notes, latest
// first: a place is searched to find when the client was seen there.
func (t *tx) appointmentHits(match string, limit int) ([]Hit, error) {
	rs, err := t.query(`SELECT a.client_id, trim(c.first_name || ' ' || c.last_name), a.id, a.starts_at,
			snippet(appointments_fts, -1, '«', '»', '…', 12)
		FROM appointments_fts f JOIN appointments a ON a.id = f.rowid JOIN clients c ON c.id = a.client_id
		WHERE appointments_fts MATCH ? ORDER BY a.starts_at DESC, a.id DESC LIMIT ?`, match, limit)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var hits []Hit
	for rs.Next() {
		var h Hit
		if err := rs.Scan(&h.ClientID, &h.ClientName, &h.AppointmentID, at(&h.Date), &h.Snippet); err != nil {
			return nil, err
		}
		h.Snippet = strings.Join(strings.Fields(h.Snippet), " ")
		hits = append(hits, h)
	}
	return hits, rs.Err()
}

// matchingRecords picks the ids of at most limit records that match, in
// the order Search shows them. Counting the matches stops at manyHits+1:
// iterating a doclist is cheap, scoring it is not.
func (t *tx) matchingRecords(match string, limit int) (ids []int64, byDate bool, err error) {
	var n int
	if err := t.row(`SELECT count(*) FROM (SELECT rowid FROM records_fts
			WHERE records_fts MATCH ? LIMIT ?)`, match, manyHits+1).Scan(&n); err != nil {
		return nil, false, err
	}
	if n == 0 {
		return nil, false, nil
	}
	q := `SELECT rowid FROM records_fts WHERE records_fts MATCH ? ORDER BY rank LIMIT ?`
	args := []any{match, limit}
	if n > manyHits {
		q = `SELECT r.id FROM (SELECT rowid AS id FROM records_fts WHERE records_fts MATCH ?
				ORDER BY rowid DESC LIMIT ?) m JOIN records r ON r.id = m.id
			ORDER BY r.record_date DESC, r.id DESC LIMIT ?`
		args = []any{match, max(recentPool, limit), limit}
	}
	rs, err := t.query(q, args...)
	if err != nil {
		return nil, false, err
	}
	defer rs.Close()
	ids = make([]int64, 0, min(n, limit))
	for rs.Next() {
		var id int64
		if err := rs.Scan(&id); err != nil {
			return nil, false, err
		}
		ids = append(ids, id)
	}
	return ids, n > manyHits, rs.Err()
}

// recordHits reads the records ids names, with their snippets, in that
// order. snippet() is costly (it tokenizes the text again), so it runs
// only for the records shown: in the ranking query SQLite would compute it
// for every match before sorting. The rowid range keeps the match
// iteration to the span the ids cover.
func (t *tx) recordHits(match string, ids []int64, byDate bool) ([]Hit, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	lo, hi := slices.Min(ids), slices.Max(ids)
	set := make([]string, len(ids))
	for i, id := range ids {
		set[i] = strconv.FormatInt(id, 10)
	}
	rs, err := t.query(`SELECT r.client_id, c.first_name || ' ' || c.last_name, r.id, r.title,
			r.kind, r.record_date, r.special,
			snippet(records_fts, 1, '«', '»', '…', 12)
		FROM records_fts f JOIN records r ON r.id = f.rowid JOIN clients c ON c.id = r.client_id
		WHERE records_fts MATCH ? AND f.rowid BETWEEN ? AND ? AND +f.rowid IN (`+strings.Join(set, ",")+`)`,
		match, lo, hi)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	byID := make(map[int64]Hit, len(ids))
	for rs.Next() {
		var h Hit
		var special bool
		if err := rs.Scan(&h.ClientID, &h.ClientName, &h.RecordID, &h.RecordTitle, &h.Kind,
			at(&h.Date), &special, &h.Snippet); err != nil {
			return nil, err
		}
		h.ClientName = strings.TrimSpace(h.ClientName)
		if special {
			h.Snippet = ""
		}
		h.Snippet = strings.Join(strings.Fields(h.Snippet), " ")
		h.ByDate = byDate
		byID[h.RecordID] = h
	}
	if err := rs.Err(); err != nil {
		return nil, err
	}
	hits := make([]Hit, 0, len(ids))
	for _, id := range ids {
		if h, ok := byID[id]; ok {
			hits = append(hits, h)
		}
	}
	return hits, nil
}

// ftsQuery turns what the coach typed into an FTS5 query: every word a
// quoted prefix term, so no character of theirs is read as FTS5 syntax.
func ftsQuery(q string) string {
	words := strings.FieldsFunc(q, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	terms := make([]string, 0, len(words))
	for _, w := range words {
		terms = append(terms, `"`+w+`"*`)
	}
	return strings.Join(terms, " ")
}
