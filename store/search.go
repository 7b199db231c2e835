package store

import (
	"context"
	"fmt"
	"strings"
	"unicode"
)

// Search finds clients by name and records by text across the whole
// caseload. Every word must match (as a prefix); client matches come
// first, then records by relevance. Special-category records are found but
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
		rs, err = t.query(`SELECT r.client_id, c.first_name || ' ' || c.last_name, r.id, r.title,
				r.kind, r.record_date, r.special,
				snippet(records_fts, 1, '«', '»', '…', 12)
			FROM records_fts f JOIN records r ON r.id = f.rowid JOIN clients c ON c.id = r.client_id
			WHERE records_fts MATCH ? ORDER BY rank LIMIT ?`, match, limit)
		if err != nil {
			return fmt.Errorf("searching: %w", err)
		}
		defer rs.Close()
		for rs.Next() {
			var h Hit
			var special bool
			if err := rs.Scan(&h.ClientID, &h.ClientName, &h.RecordID, &h.RecordTitle, &h.Kind,
				at(&h.Date), &special, &h.Snippet); err != nil {
				return fmt.Errorf("searching: %w", err)
			}
			h.ClientName = strings.TrimSpace(h.ClientName)
			if special {
				h.Snippet = ""
			}
			h.Snippet = strings.Join(strings.Fields(h.Snippet), " ")
			hits = append(hits, h)
		}
		return rs.Err()
	})
	return hits, err
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
