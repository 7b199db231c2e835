package store

import (
	"context"
	"fmt"
	"time"

	"github.com/caseload/caseload/store/legaldate"
)

// Erasure is the proof that an erasure request (AVG art. 17) was carried
// out: the request goes with the dossier it asked to erase, so its dates
// stay with the tombstone. It holds no name and no free text, so the coach
// can show it to the client or the Autoriteit Persoonsgegevens, and it
// outlives every retention period.
type Erasure struct {
	ID int64
	// TombstoneID and ClientID point at the tombstone of the purge that
	// carried the request out; the client is named by id only.
	TombstoneID int64
	ClientID    int64
	// Received is when the request came in, Due the last day to answer it
	// (after any extension, ExtendedMonths), Done the day of the purge.
	Received       time.Time
	Due            time.Time
	ExtendedMonths int
	Done           time.Time
}

// OnTime reports whether the request was carried out by its due date.
func (e Erasure) OnTime() bool { return !e.Done.After(e.Due) }

// DaysTaken counts the days from receipt to erasure.
func (e Erasure) DaysTaken() int { return legaldate.DaysBetween(e.Received, e.Done) }

// erasureProof is what an erasure request leaves behind, read before the
// purge deletes the request.
type erasureProof struct {
	received, due, done time.Time
	extended            int
}

// erasureRequest reads the dates of erasure request id, to be done on done.
func (t *tx) erasureRequest(id int64, done time.Time) (erasureProof, error) {
	r, err := t.request(id)
	if err != nil {
		return erasureProof{}, err
	}
	return erasureProof{received: r.Received, due: r.Due, done: done, extended: r.ExtendedMonths}, nil
}

func (t *tx) keepErasureProof(tombstoneID int64, p erasureProof) error {
	_, err := t.exec(`INSERT INTO erasures (tombstone_id, received_on, due_on, extended_months, done_on)
		VALUES (?, ?, ?, ?, ?)`, tombstoneID, dateArg(p.received), dateArg(p.due), p.extended, dateArg(p.done))
	if err != nil {
		return fmt.Errorf("keeping the proof of erasure: %w", err)
	}
	return nil
}

// Erasures returns the register of erasure requests carried out, the latest
// first.
func (s *Store) Erasures(ctx context.Context) ([]Erasure, error) {
	var out []Erasure
	err := s.read(ctx, func(t *tx) error {
		var err error
		out, err = t.erasures()
		return err
	})
	return out, err
}

func (t *tx) erasures() ([]Erasure, error) {
	rs, err := t.query(`SELECT e.id, e.tombstone_id, ts.client_id, e.received_on, e.due_on,
			e.extended_months, e.done_on
		FROM erasures e JOIN tombstones ts ON ts.id = e.tombstone_id
		ORDER BY e.done_on DESC, e.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("listing erasures: %w", err)
	}
	defer rs.Close()
	var out []Erasure
	for rs.Next() {
		var e Erasure
		if err := rs.Scan(&e.ID, &e.TombstoneID, &e.ClientID, at(&e.Received), at(&e.Due),
			&e.ExtendedMonths, at(&e.Done)); err != nil {
			return nil, fmt.Errorf("listing erasures: %w", err)
		}
		out = append(out, e)
	}
	return out, rs.Err()
}
