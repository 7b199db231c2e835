package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ErrNoBlobs is returned for documents when the store has no Blobs.
var ErrNoBlobs = errors.New("this caseload cannot hold documents")

// Attachments returns a client's documents, newest first.
func (s *Store) Attachments(ctx context.Context, clientID int64) ([]Attachment, error) {
	var out []Attachment
	err := s.read(ctx, func(t *tx) error {
		rs, err := t.query(`SELECT id, client_id, CASE WHEN special THEN '' ELSE name END, kind, size,
				added_at, special, retention_category FROM attachments
			WHERE client_id = ? ORDER BY added_at DESC, id DESC`, clientID)
		if err != nil {
			return fmt.Errorf("listing documents: %w", err)
		}
		defer rs.Close()
		for rs.Next() {
			var a Attachment
			if err := rs.Scan(&a.ID, &a.ClientID, &a.Name, &a.Kind, &a.Size, at(&a.Added), &a.Special,
				&a.Retention); err != nil {
				return fmt.Errorf("listing documents: %w", err)
			}
			out = append(out, a)
		}
		return rs.Err()
	})
	return out, err
}

// AddAttachment seals data as a document of the client. The file is sealed
// before the row is written; if the row cannot be written, the file goes.
func (s *Store) AddAttachment(ctx context.Context, a Attachment, data []byte) (Attachment, error) {
	if s.blobs == nil {
		return a, ErrNoBlobs
	}
	if a.Kind == "" {
		a.Kind = KindOther
	}
	if err := a.Validate(); err != nil {
		return a, err
	}
	a.Size = int64(len(data))
	// Refuse before sealing, so a restricted client leaves no stray file.
	if err := s.read(ctx, func(t *tx) error {
		if _, err := t.writable(a.ClientID); err != nil {
			return err
		}
		return t.itemCategory(a.Retention, KeptDocument)
	}); err != nil {
		return a, err
	}
	id, key, err := s.putBlob(data)
	if err != nil {
		return a, fmt.Errorf("sealing document: %w", err)
	}
	defer func() { s.putDone([]string{id}, a.ID == 0) }()
	err = s.write(ctx, func(t *tx) error {
		if _, err := t.writable(a.ClientID); err != nil {
			return err
		}
		if err := t.itemCategory(a.Retention, KeptDocument); err != nil {
			return err
		}
		res, err := t.exec(`INSERT INTO attachments (client_id, blob_id, blob_key, name, kind, size,
			added_at, special, retention_category) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.ClientID, id, key, a.Name,
			a.Kind, a.Size, t.stamp(), a.Special, a.Retention)
		if err != nil {
			return fmt.Errorf("adding document: %w", err)
		}
		if a.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		a.Added = civilMoment(t.now)
		return t.audit(AuditCreate, a.ClientID, fmt.Sprintf("document %d (%s)", a.ID, a.Kind))
	})
	if err != nil && a.ID == 0 {
		s.blobs.Remove(id)
	}
	return a, err
}

// AttachmentData returns a document and its decrypted contents, and logs
// that a copy was taken out.
func (s *Store) AttachmentData(ctx context.Context, id int64) (Attachment, []byte, error) {
	if s.blobs == nil {
		return Attachment{}, nil, ErrNoBlobs
	}
	var a Attachment
	var blobID, key string
	err := s.readLogged(ctx, func(t *tx) error {
		err := t.row(`SELECT id, client_id, name, kind, size, added_at, blob_id, blob_key, special
			FROM attachments WHERE id = ?`, id).Scan(&a.ID, &a.ClientID, &a.Name, &a.Kind, &a.Size,
			at(&a.Added), &blobID, &key, &a.Special)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		return t.audit(AuditExport, a.ClientID, fmt.Sprintf("document %d", a.ID))
	})
	if err != nil {
		return a, nil, err
	}
	data, err := s.blobs.Get(blobID, key)
	if err != nil {
		return a, nil, fmt.Errorf("opening document: %w", err)
	}
	return a, data, nil
}

// RevealAttachment returns a document with its name, and logs the reveal
// when it is special-category. It returns ErrNotFound for an unknown id.
func (s *Store) RevealAttachment(ctx context.Context, id int64) (Attachment, error) {
	var a Attachment
	err := s.readLogged(ctx, func(t *tx) error {
		err := t.row(`SELECT id, client_id, name, kind, size, added_at, special FROM attachments
			WHERE id = ?`, id).Scan(&a.ID, &a.ClientID, &a.Name, &a.Kind, &a.Size, at(&a.Added), &a.Special)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil || !a.Special {
			return err
		}
		return t.audit(AuditReveal, a.ClientID, fmt.Sprintf("document %d", a.ID))
	})
	return a, err
}

// SetAttachmentSpecial marks a document as special-category data, or
// unmarks it. It returns ErrRestricted while processing of the client is
// restricted, and ErrNotFound for an unknown id.
func (s *Store) SetAttachmentSpecial(ctx context.Context, id int64, special bool) error {
	return s.write(ctx, func(t *tx) error {
		var clientID int64
		err := t.row("SELECT client_id FROM attachments WHERE id = ?", id).Scan(&clientID)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if _, err := t.writable(clientID); err != nil {
			return err
		}
		if _, err := t.exec("UPDATE attachments SET special = ? WHERE id = ?", special, id); err != nil {
			return fmt.Errorf("marking document: %w", err)
		}
		detail := fmt.Sprintf("document %d: special category", id)
		if !special {
			detail = fmt.Sprintf("document %d: not special category", id)
		}
		return t.audit(AuditEdit, clientID, detail)
	})
}

// SetAttachmentRetention gives a document the item category it is kept
// under, or "" to let it go with the dossier. It returns ErrRestricted
// while processing of the client is restricted, ErrNotFound for an
// unknown id, and a ValidationError for a category that cannot keep it.
func (s *Store) SetAttachmentRetention(ctx context.Context, id int64, c Category) error {
	return s.write(ctx, func(t *tx) error {
		var clientID int64
		err := t.row("SELECT client_id FROM attachments WHERE id = ?", id).Scan(&clientID)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if _, err := t.writable(clientID); err != nil {
			return err
		}
		if err := t.itemCategory(c, KeptDocument); err != nil {
			return err
		}
		if _, err := t.exec("UPDATE attachments SET retention_category = ? WHERE id = ?", c, id); err != nil {
			return fmt.Errorf("setting the document's retention: %w", err)
		}
		return t.audit(AuditEdit, clientID, fmt.Sprintf("document %d: retention %q", id, c))
	})
}

// DeleteAttachment removes a document. Its key leaves the database at once,
// which makes every copy of the sealed file unreadable; the file itself is
// removed once the vault without the key is saved.
func (s *Store) DeleteAttachment(ctx context.Context, id int64) error {
	return s.write(ctx, func(t *tx) error {
		var clientID int64
		var blobID string
		err := t.row("SELECT client_id, blob_id FROM attachments WHERE id = ?", id).Scan(&clientID, &blobID)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if _, err := t.writable(clientID); err != nil {
			return err
		}
		if _, err := t.exec("DELETE FROM attachments WHERE id = ?", id); err != nil {
			return fmt.Errorf("deleting document: %w", err)
		}
		t.doom(blobID)
		return t.audit(AuditDelete, clientID, fmt.Sprintf("document %d", id))
	})
}
