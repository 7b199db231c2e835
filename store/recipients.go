package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Recipient is someone outside the practice a client's data may go to: a
// municipality, a school, a study fund. The practice keeps one list, and a
// consent and a disclosure point at the same entry, so the consent gate
// compares recipients, not spellings: a consent to "Gemeente Utrecht, Mw.
// Jansen" covers a disclosure to "gemeente utrecht".
type Recipient struct {
	ID   int64
	Name string
	// Contact is the person to address there ("Mw. Jansen"); a detail,
	// never part of what the gate compares.
	Contact string
}

// Validate reports the first field that a coach must correct.
func (r Recipient) Validate() error {
	if err := firstError(CheckLine("recipient", r.Name, MaxLine), CheckLine("contact", r.Contact, MaxLine)); err != nil {
		return err
	}
	switch {
	case strings.TrimSpace(r.Name) == "":
		return invalid("recipient", "a recipient needs a name")
	case len(r.Name) > 200 || len(r.Contact) > 200:
		return invalid("recipient", "a recipient's name and contact are at most 200 characters each")
	}
	return nil
}

// personMarkers start the contact person a coach often types after the
// organisation: "Gemeente Utrecht, Mw. Jansen".
var personMarkers = []string{"mw.", "mw ", "mevr", "dhr.", "dhr ", "de heer ", "t.a.v.", "mr.", "mr ", "mrs", "ms.", "ms "}

// SplitRecipient reads "Gemeente Utrecht, Mw. Jansen" as the recipient
// "Gemeente Utrecht" with the contact "Mw. Jansen"; a name without a
// contact person after its comma ("Hogeschool Utrecht, Instituut Zorg")
// stays whole. Spacing is folded.
func SplitRecipient(s string) (name, contact string) {
	s = strings.Join(strings.Fields(s), " ")
	if before, after, ok := strings.Cut(s, ", "); ok {
		low := strings.ToLower(after) + " "
		for _, m := range personMarkers {
			if strings.HasPrefix(low, m) {
				return strings.TrimSpace(before), strings.TrimSpace(after)
			}
		}
	}
	return s, ""
}

// Recipients returns the practice's recipients, by name.
func (s *Store) Recipients(ctx context.Context) ([]Recipient, error) {
	var out []Recipient
	err := s.read(ctx, func(t *tx) error {
		rs, err := t.query("SELECT id, name, contact FROM recipients ORDER BY name COLLATE NOCASE, id")
		if err != nil {
			return fmt.Errorf("listing recipients: %w", err)
		}
		defer rs.Close()
		for rs.Next() {
			var r Recipient
			if err := rs.Scan(&r.ID, &r.Name, &r.Contact); err != nil {
				return fmt.Errorf("listing recipients: %w", err)
			}
			out = append(out, r)
		}
		return rs.Err()
	})
	return out, err
}

// SaveRecipient adds a recipient (ID 0) or corrects one's name or contact
// person; consents and disclosures that point at it follow. Two recipients
// cannot share a name. It returns ErrNotFound for an unknown id.
func (s *Store) SaveRecipient(ctx context.Context, r Recipient) (Recipient, error) {
	r.Name, r.Contact = strings.Join(strings.Fields(r.Name), " "), strings.TrimSpace(r.Contact)
	if err := r.Validate(); err != nil {
		return r, err
	}
	err := s.write(ctx, func(t *tx) error {
		if other, err := t.recipientNamed(r.Name); err == nil && other.ID != r.ID {
			return invalid("recipient", fmt.Sprintf("%q is already on the list of recipients", other.Name))
		} else if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		if r.ID == 0 {
			var err error
			r.ID, err = t.addRecipient(r)
			return err
		}
		res, err := t.exec("UPDATE recipients SET name = ?, contact = ? WHERE id = ?", r.Name, r.Contact, r.ID)
		if err != nil {
			return fmt.Errorf("updating recipient: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		for _, table := range []string{"consents", "disclosures"} {
			if _, err := t.exec("UPDATE "+table+" SET recipient = ? WHERE recipient_id = ?", r.Name, r.ID); err != nil {
				return fmt.Errorf("renaming recipient: %w", err)
			}
		}
		return t.audit(AuditEdit, 0, fmt.Sprintf("recipient %d", r.ID))
	})
	return r, err
}

func (t *tx) addRecipient(r Recipient) (int64, error) {
	res, err := t.exec("INSERT INTO recipients (name, contact, created_at) VALUES (?, ?, ?)",
		r.Name, r.Contact, t.stamp())
	if err != nil {
		return 0, fmt.Errorf("adding recipient: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	return id, t.audit(AuditCreate, 0, fmt.Sprintf("recipient %d", id))
}

// recipientNamed finds the recipient of that name, ignoring case and
// spacing as recipientKey does; ErrNotFound when there is none. The list
// is a practice's few dozen names, so it is compared in Go, where case
// folding covers more than SQLite's ASCII lower().
func (t *tx) recipientNamed(name string) (Recipient, error) {
	key := recipientKey(name)
	rs, err := t.query("SELECT id, name, contact FROM recipients")
	if err != nil {
		return Recipient{}, fmt.Errorf("finding recipient: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		var r Recipient
		if err := rs.Scan(&r.ID, &r.Name, &r.Contact); err != nil {
			return r, fmt.Errorf("finding recipient: %w", err)
		}
		if recipientKey(r.Name) == key {
			return r, nil
		}
	}
	if err := rs.Err(); err != nil {
		return Recipient{}, fmt.Errorf("finding recipient: %w", err)
	}
	return Recipient{}, ErrNotFound
}

// resolveRecipient finds what a consent or disclosure names: the list's
// entry id when given, else the entry whose name matches what was typed
// (a contact person after a comma split off), else a new entry. It returns
// the recipient as the list has it.
func (t *tx) resolveRecipient(id int64, typed string) (Recipient, error) {
	if id != 0 {
		var r Recipient
		err := t.row("SELECT id, name, contact FROM recipients WHERE id = ?", id).Scan(&r.ID, &r.Name, &r.Contact)
		if errors.Is(err, sql.ErrNoRows) {
			return r, invalid("recipient", "that recipient is no longer on the practice's list")
		}
		return r, err
	}
	name, contact := SplitRecipient(typed)
	r, err := t.recipientNamed(name)
	if err == nil {
		if r.Contact == "" && contact != "" {
			if _, err := t.exec("UPDATE recipients SET contact = ? WHERE id = ?", contact, r.ID); err != nil {
				return r, fmt.Errorf("updating recipient: %w", err)
			}
			r.Contact = contact
		}
		return r, nil
	}
	if !errors.Is(err, ErrNotFound) {
		return r, err
	}
	r = Recipient{Name: name, Contact: contact}
	if err := r.Validate(); err != nil {
		return r, err
	}
	r.ID, err = t.addRecipient(r)
	return r, err
}
