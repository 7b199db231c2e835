package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// SaveDraft keeps text the coach was typing when the vault locked itself.
// It lives inside the vault, sealed like everything else.
func (s *Store) SaveDraft(ctx context.Context, key, text string) error {
	return s.write(ctx, func(t *tx) error {
		_, err := t.exec(`INSERT INTO drafts (key, body, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
			key, text, t.stamp())
		if err != nil {
			return fmt.Errorf("saving draft: %w", err)
		}
		return nil
	})
}

// Draft returns the draft kept under key, or "" when there is none.
func (s *Store) Draft(ctx context.Context, key string) (string, error) {
	var body string
	err := s.read(ctx, func(t *tx) error {
		err := t.row("SELECT body FROM drafts WHERE key = ?", key).Scan(&body)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	return body, err
}

// DeleteDraft forgets the draft kept under key.
func (s *Store) DeleteDraft(ctx context.Context, key string) error {
	return s.write(ctx, func(t *tx) error {
		_, err := t.exec("DELETE FROM drafts WHERE key = ?", key)
		return err
	})
}
