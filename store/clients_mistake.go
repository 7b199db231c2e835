package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ErrNotAMistake is returned for the removal of a client created by
// mistake who already has a dossier: records, documents, appointments,
// consents, disclosures, requests, complaints or invoices. Such a client is erased
// through a purge or an erasure request, which say what goes.
var ErrNotAMistake = errors.New("the client already has a dossier: erase it through a purge, not as a mistake")

// mistakePolicy is what the tombstone of a client removed as a mistake
// records instead of a retention rule.
const mistakePolicy = "removed: entered by mistake"

// RemoveMistake removes a client who was entered by mistake (a double
// entry, the wrong person) at once, leaving the usual tombstone and an
// audit line with the id only, and no statistics row: the trajectory
// never was. It returns ErrNotFound for an unknown client, ErrOnHold
// under a legal hold, ErrRestricted while processing is restricted, and
// ErrNotAMistake for a client who already has a dossier.
func (s *Store) RemoveMistake(ctx context.Context, id int64) (Tombstone, error) {
	var ts Tombstone
	err := s.write(ctx, func(t *tx) error {
		c, err := t.client(id)
		if err != nil {
			return err
		}
		switch {
		case c.Hold:
			return ErrOnHold
		case c.Restricted:
			return ErrRestricted
		}
		var n int
		if err := t.row(`SELECT
				(SELECT COUNT(*) FROM records WHERE client_id = :c) +
				(SELECT COUNT(*) FROM attachments WHERE client_id = :c) +
				(SELECT COUNT(*) FROM appointments WHERE client_id = :c) +
				(SELECT COUNT(*) FROM consents WHERE client_id = :c) +
				(SELECT COUNT(*) FROM disclosures WHERE client_id = :c) +
				(SELECT COUNT(*) FROM requests WHERE client_id = :c) +
				(SELECT COUNT(*) FROM complaints WHERE client_id = :c) +
				(SELECT COUNT(*) FROM invoices WHERE client_id = :c)`, sql.Named("c", id)).Scan(&n); err != nil {
			return fmt.Errorf("removing client: %w", err)
		}
		if n > 0 {
			return ErrNotAMistake
		}
		for _, step := range purgeSteps {
			if _, err := t.exec(step, sql.Named("client", id), sql.Named("prefix", draftPrefix(id))); err != nil {
				return fmt.Errorf("removing client: %w", err)
			}
		}
		ts = Tombstone{ClientID: id, Categories: []Category{CategoryDossier}, PurgedOn: t.today(), Policy: mistakePolicy}
		res, err := t.exec(`INSERT INTO tombstones (client_id, categories, purged_on, policy) VALUES (?, ?, ?, ?)`,
			id, string(CategoryDossier), dateArg(ts.PurgedOn), ts.Policy)
		if err != nil {
			return fmt.Errorf("writing tombstone: %w", err)
		}
		if ts.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		return t.audit(AuditPurge, id, "entered by mistake")
	})
	return ts, err
}
