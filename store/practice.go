package store

import (
	"context"
	"fmt"
)

// Practice returns the practice's own details.
func (s *Store) Practice(ctx context.Context) (Practice, error) {
	var p Practice
	err := s.read(ctx, func(t *tx) error {
		var err error
		p, err = t.practice()
		return err
	})
	return p, err
}

// practice reads the practice's details; the register and the dossier
// export read them through it too.
func (t *tx) practice() (Practice, error) {
	var p Practice
	err := t.row(`SELECT name, address, email, phone, kvk, dpo_contact, purposes, legal_bases,
		recipients, updated_at FROM practice WHERE id = 1`).Scan(&p.Name, &p.Address, &p.Email,
		&p.Phone, &p.KvK, &p.DPOContact, &p.Purposes, &p.LegalBases, &p.Recipients, at(&p.Updated))
	if err != nil {
		return p, fmt.Errorf("reading practice details: %w", err)
	}
	return p, nil
}

// Validate reports the first field that a coach must correct.
func (p Practice) Validate() error {
	if err := firstError(CheckLine("name", p.Name, MaxLine), CheckText("address", p.Address, MaxNotes),
		CheckLine("email", p.Email, MaxLine), CheckLine("phone", p.Phone, MaxLine), CheckLine("kvk", p.KvK, MaxLine),
		CheckText("dpo_contact", p.DPOContact, MaxNotes), CheckText("purposes", p.Purposes, MaxNotes),
		CheckText("legal_bases", p.LegalBases, MaxNotes), CheckText("recipients", p.Recipients, MaxNotes)); err != nil {
		return err
	}
	if p.Email != "" && !validEmail(p.Email) {
		return invalid("email", "the e-mail address is not valid")
	}
	return nil
}

// SavePractice stores the practice's own details.
func (s *Store) SavePractice(ctx context.Context, p Practice) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.write(ctx, func(t *tx) error {
		_, err := t.exec(`UPDATE practice SET name = ?, address = ?, email = ?, phone = ?, kvk = ?,
			dpo_contact = ?, purposes = ?, legal_bases = ?, recipients = ?, updated_at = ? WHERE id = 1`,
			p.Name, p.Address, p.Email, p.Phone, p.KvK, p.DPOContact, p.Purposes, p.LegalBases,
			p.Recipients, t.stamp())
		if err != nil {
			return fmt.Errorf("saving practice details: %w", err)
		}
		return t.audit(AuditEdit, 0, "practice")
	})
}

// MaxAnswerTarget is the longest answer target a practice can set, in
// days: a target is a promise shorter than the legal month.
const MaxAnswerTarget = 31

// AnswerTarget returns the practice's own target for answering a rights
// request, in days after receipt (mesis promises four weeks, steunpunt a
// week); 0 when it has none and the legal month is the only deadline.
func (s *Store) AnswerTarget(ctx context.Context) (int, error) {
	var days int
	err := s.read(ctx, func(t *tx) error {
		if err := t.row("SELECT answer_target_days FROM practice WHERE id = 1").Scan(&days); err != nil {
			return fmt.Errorf("reading the answer target: %w", err)
		}
		return nil
	})
	return days, err
}

// SetAnswerTarget sets the practice's answer target in days (0 for none).
// The legal deadline stays one month whatever the target: the target is
// shown beside it, never instead of it.
func (s *Store) SetAnswerTarget(ctx context.Context, days int) error {
	if err := validAnswerTarget(days); err != nil {
		return err
	}
	return s.write(ctx, func(t *tx) error {
		if _, err := t.exec("UPDATE practice SET answer_target_days = ?, updated_at = ? WHERE id = 1",
			days, t.stamp()); err != nil {
			return fmt.Errorf("saving the answer target: %w", err)
		}
		return t.audit(AuditEdit, 0, "practice: answer target")
	})
}

// validAnswerTarget refuses a target outside 0..MaxAnswerTarget days.
func validAnswerTarget(days int) error {
	if days < 0 || days > MaxAnswerTarget {
		return invalid("answer_target_days", fmt.Sprintf(
			"an answer target is 1 to %d days, shorter than the legal month (0 for none)", MaxAnswerTarget))
	}
	return nil
}
