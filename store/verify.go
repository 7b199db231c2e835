package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"sort"
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

// DocumentChecker is what VerifyDocuments needs of the blob store beyond
// Blobs: crypt's Blobs implements it.
type DocumentChecker interface {
	// Check authenticates a sealed file in full and keeps nothing of it;
	// a missing file wraps fs.ErrNotExist.
	Check(id, key string) error
	// List returns the ids of every sealed file present.
	List() ([]string, error)
}

// DocumentProblem is a document whose sealed file is missing or fails to
// open with the key its row holds.
type DocumentProblem struct {
	AttachmentID int64
	ClientID     int64
	ClientName   string
	Name         string // the document's name, as the coach gave it
	Missing      bool   // no file at all; otherwise the file is damaged
	Err          error
}

// DocumentReport is what VerifyDocuments found.
type DocumentReport struct {
	Checked  int               // documents in the caseload
	Problems []DocumentProblem // missing or damaged, in client order
	// Orphans are sealed files no document refers to: left by an import
	// or an upload that failed, or a crash between sealing a file and
	// saving its row. Nothing can open them (their keys never reached the
	// vault, or left it); the next successful save removes them.
	Orphans []string
	// Present are the ids of the files documents refer to that exist,
	// sound or damaged: what a backup must hold.
	Present []string
}

// VerifyDocuments authenticates the sealed file of every document in the
// caseload and lists the files no document refers to. It changes nothing.
func (s *Store) VerifyDocuments(ctx context.Context, c DocumentChecker) (DocumentReport, error) {
	type ref struct {
		p       DocumentProblem
		id, key string
	}
	var refs []ref
	err := s.read(ctx, func(t *tx) error {
		rs, err := t.query(`SELECT a.id, a.client_id, c.first_name, c.last_name, a.name, a.blob_id, a.blob_key
			FROM attachments a JOIN clients c ON c.id = a.client_id ORDER BY c.id, a.id`)
		if err != nil {
			return fmt.Errorf("listing documents: %w", err)
		}
		defer rs.Close()
		for rs.Next() {
			var r ref
			var first, last string
			if err := rs.Scan(&r.p.AttachmentID, &r.p.ClientID, &first, &last, &r.p.Name, &r.id, &r.key); err != nil {
				return fmt.Errorf("listing documents: %w", err)
			}
			r.p.ClientName = Client{FirstName: first, LastName: last}.Name()
			refs = append(refs, r)
		}
		return rs.Err()
	})
	if err != nil {
		return DocumentReport{}, err
	}
	rep := DocumentReport{Checked: len(refs)}
	known := make(map[string]bool, len(refs))
	for _, r := range refs {
		known[r.id] = true
		err := c.Check(r.id, r.key)
		if err != nil {
			r.p.Err = err
			r.p.Missing = errors.Is(err, fs.ErrNotExist)
			rep.Problems = append(rep.Problems, r.p)
		}
		if !r.p.Missing {
			rep.Present = append(rep.Present, r.id)
		}
	}
	present, err := c.List()
	if err != nil {
		return rep, fmt.Errorf("listing sealed files: %w", err)
	}
	for _, id := range present {
		if !known[id] {
			rep.Orphans = append(rep.Orphans, id)
		}
	}
	sort.Strings(rep.Orphans)
	return rep, nil
}
