package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Draft keys. A draft about a client — a record being written, an edited
// field of the client — must be kept under a key that starts with
// "client:<id>:" (ClientDraftKey makes one): a purge of that client
// deletes exactly the drafts with that prefix. Text about a client kept
// under any other key outlives the purge of the client, and so survives in
// the vault: only text about no client (a search, a new client not yet
// saved, the screens' layout) belongs under another key.

// ClientDraftKey is the draft key for what (for example "record:new" or
// "record:42") about a client; see SaveDraft.
func ClientDraftKey(clientID int64, what string) string {
	return draftPrefix(clientID) + what
}

// SaveDraft keeps text the coach was typing when the vault locked itself.
// It lives inside the vault, sealed like everything else. Text about a
// client must be kept under a ClientDraftKey, so a purge of the client
// takes it too.
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
