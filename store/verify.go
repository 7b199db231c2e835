package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// ErrIntegrity is returned when SQLite finds the database damaged.
var ErrIntegrity = errors.New("the caseload database is damaged")

// IntegrityCheck runs SQLite's full integrity check and the foreign key check.
func (s *Store) IntegrityCheck(ctx context.Context) error {
	return s.read(ctx, func(t *tx) error {
		rs, err := t.query("PRAGMA integrity_check")
		if err != nil {
			return fmt.Errorf("checking integrity: %w", err)
		}
		var problems []string
		for rs.Next() {
			var line string
			if err := rs.Scan(&line); err != nil {
				rs.Close()
				return err
			}
			if line != "ok" {
				problems = append(problems, line)
			}
		}
		rs.Close()
		var n int
		if err := t.row("SELECT count(*) FROM pragma_foreign_key_check").Scan(&n); err != nil {
			return fmt.Errorf("checking integrity: %w", err)
		}
		if n > 0 {
			problems = append(problems, fmt.Sprintf("%d rows point at missing rows", n))
		}
		if len(problems) > 0 {
			return fmt.Errorf("%w: %s", ErrIntegrity, strings.Join(problems, "; "))
		}
		return nil
	})
}

// Counts tells how much the caseload holds.
func (s *Store) Counts(ctx context.Context) (Counts, error) {
	var c Counts
	err := s.read(ctx, func(t *tx) error {
		return t.row(`SELECT (SELECT count(*) FROM clients), (SELECT count(*) FROM records),
			(SELECT count(*) FROM appointments), (SELECT count(*) FROM attachments),
			(SELECT count(*) FROM audit),
			(SELECT page_count * page_size FROM pragma_page_count, pragma_page_size)`).Scan(
			&c.Clients, &c.Records, &c.Appointments, &c.Attachments, &c.AuditEntries, &c.ImageBytes)
	})
	return c, err
}
