package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

const recordColumns = `id, client_id, kind, title, body, record_date, special, created_at, updated_at,
	retention_category`

func scanRecord(row interface{ Scan(...any) error }) (Record, error) {
	var r Record
	err := row.Scan(&r.ID, &r.ClientID, &r.Kind, &r.Title, storedText{&r.Body}, at(&r.Date), &r.Special,
		at(&r.Created), at(&r.Updated), &r.Retention)
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	return r, err
}

// mask hides the text of a special-category record until it is revealed.
func mask(r Record) Record {
	if r.Special {
		r.Body = ""
	}
	return r
}

// Records returns a client's records, newest first, optionally of the given
// kinds only. Special-category records come with an empty Body: RevealRecord
// shows the text and logs that it was shown.
func (s *Store) Records(ctx context.Context, clientID int64, kinds ...RecordKind) ([]Record, error) {
	q := "SELECT " + recordColumns + " FROM records WHERE client_id = ?"
	args := []any{clientID}
	if len(kinds) > 0 {
		q += " AND kind IN (?" + strings.Repeat(", ?", len(kinds)-1) + ")"
		for _, k := range kinds {
			args = append(args, k)
		}
	}
	q += " ORDER BY record_date DESC, id DESC"
	var out []Record
	err := s.read(ctx, func(t *tx) error {
		rs, err := t.query(q, args...)
		if err != nil {
			return fmt.Errorf("listing records: %w", err)
		}
		defer rs.Close()
		for rs.Next() {
			r, err := scanRecord(rs)
			if err != nil {
				return fmt.Errorf("listing records: %w", err)
			}
			out = append(out, mask(r))
		}
		return rs.Err()
	})
	return out, err
}

// Record returns one record, masked when it is special-category.
func (s *Store) Record(ctx context.Context, id int64) (Record, error) {
	var r Record
	err := s.read(ctx, func(t *tx) error {
		var err error
		r, err = t.record(id)
		return err
	})
	return mask(r), err
}

func (t *tx) record(id int64) (Record, error) {
	return scanRecord(t.row("SELECT "+recordColumns+" FROM records WHERE id = ?", id))
}

// RevealRecord returns a record with its text, and logs the reveal when the
// record is special-category.
func (s *Store) RevealRecord(ctx context.Context, id int64) (Record, error) {
	var r Record
	err := s.readLogged(ctx, func(t *tx) error {
		var err error
		if r, err = t.record(id); err != nil || !r.Special {
			return err
		}
		return t.audit(AuditReveal, r.ClientID, fmt.Sprintf("record %d", r.ID))
	})
	return r, err
}

// SaveRecord adds a record (ID 0) or replaces one, and returns it as stored.
// It returns ErrRestricted while processing of the client is restricted.
func (s *Store) SaveRecord(ctx context.Context, r Record) (Record, error) {
	if err := r.Validate(); err != nil {
		return r, err
	}
	err := s.write(ctx, func(t *tx) error {
		var err error
		r, err = t.saveRecord(r)
		return err
	})
	return r, err
}

func (t *tx) saveRecord(r Record) (Record, error) {
	if _, err := t.writable(r.ClientID); err != nil {
		return r, err
	}
	if err := t.itemCategory(r.Retention, KeptRecord); err != nil {
		return r, err
	}
	if r.ID == 0 {
		res, err := t.exec(`INSERT INTO records (client_id, kind, title, body, body_size, record_date, special,
				created_at, updated_at, retention_category) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			r.ClientID, r.Kind, r.Title, packText(r.Body), len(r.Body), dateArg(r.Date), r.Special, t.stamp(), t.stamp(),
			r.Retention)
		if err != nil {
			return r, fmt.Errorf("adding record: %w", err)
		}
		if r.ID, err = res.LastInsertId(); err != nil {
			return r, err
		}
		r.Created, r.Updated = civilMoment(t.now), civilMoment(t.now)
		return r, t.audit(AuditCreate, r.ClientID, fmt.Sprintf("record %d (%s)", r.ID, r.Kind))
	}
	old, err := t.record(r.ID)
	if err != nil {
		return r, err
	}
	if old.ClientID != r.ClientID {
		return r, invalid("client", "a record cannot move to another client")
	}
	if _, err := t.exec(`UPDATE records SET kind = ?, title = ?, body = ?, body_size = ?, record_date = ?,
			special = ?, updated_at = ?, retention_category = ? WHERE id = ?`,
		r.Kind, r.Title, packText(r.Body), len(r.Body), dateArg(r.Date), r.Special, t.stamp(), r.Retention,
		r.ID); err != nil {
		return r, fmt.Errorf("updating record: %w", err)
	}
	r.Created, r.Updated = old.Created, civilMoment(t.now)
	return r, t.audit(AuditEdit, r.ClientID, fmt.Sprintf("record %d (%s)", r.ID, r.Kind))
}

// DeleteRecord removes a record. It returns ErrNotFound for an unknown id and
// ErrRestricted while processing of the client is restricted.
func (s *Store) DeleteRecord(ctx context.Context, id int64) error {
	return s.write(ctx, func(t *tx) error {
		r, err := t.record(id)
		if err != nil {
			return err
		}
		if _, err := t.writable(r.ClientID); err != nil {
			return err
		}
		if _, err := t.exec("DELETE FROM records WHERE id = ?", id); err != nil {
			return fmt.Errorf("deleting record: %w", err)
		}
		return t.audit(AuditDelete, r.ClientID, fmt.Sprintf("record %d (%s)", r.ID, r.Kind))
	})
}
