package store

import (
	"context"
	"fmt"
)

// audit appends a line to the audit log. Detail must never carry client
// data: the log names clients by id, records and documents by id and kind.
func (t *tx) audit(action string, clientID int64, detail string) error {
	l := auditLine{at: t.stamp(), action: action, clientID: clientID, detail: detail}
	if t.held != nil {
		*t.held = append(*t.held, l)
		return nil
	}
	return t.writeAudit([]auditLine{l})
}

// auditLine is one line of the audit log, as written.
type auditLine struct {
	at       string
	action   string
	clientID int64 // 0: the vault as a whole
	detail   string
}

// writeAudit inserts audit lines.
func (t *tx) writeAudit(lines []auditLine) error {
	for _, l := range lines {
		var client any
		if l.clientID != 0 {
			client = l.clientID
		}
		if _, err := t.exec("INSERT INTO audit (at, action, client_id, detail) VALUES (?, ?, ?, ?)",
			l.at, l.action, client, l.detail); err != nil {
			return fmt.Errorf("writing audit log: %w", err)
		}
	}
	return nil
}

// Audit returns the newest audit lines, of one client or (clientID 0) of
// the whole vault.
func (s *Store) Audit(ctx context.Context, clientID int64, limit int) ([]AuditEntry, error) {
	if limit <= 0 {
		limit = 200
	}
	q := "SELECT id, at, action, coalesce(client_id, 0), detail FROM audit"
	args := []any{}
	if clientID != 0 {
		q += " WHERE client_id = ?"
		args = append(args, clientID)
	}
	q += " ORDER BY id DESC LIMIT ?"
	args = append(args, limit)
	var out []AuditEntry
	err := s.read(ctx, func(t *tx) error {
		rs, err := t.query(q, args...)
		if err != nil {
			return fmt.Errorf("reading audit log: %w", err)
		}
		defer rs.Close()
		for rs.Next() {
			var e AuditEntry
			if err := rs.Scan(&e.ID, at(&e.At), &e.Action, &e.ClientID, &e.Detail); err != nil {
				return fmt.Errorf("reading audit log: %w", err)
			}
			out = append(out, e)
		}
		return rs.Err()
	})
	return out, err
}

// LogUnlock records that the vault was opened.
func (s *Store) LogUnlock(ctx context.Context) error {
	return s.writeLazy(ctx, func(t *tx) error { return t.audit(AuditUnlock, 0, "") })
}
