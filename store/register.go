package store

import (
	"context"
	"fmt"
	"time"
)

// The record of processing activities (AVG art. 30): what the practice
// processes, for whom and why, how long it keeps it and how it is kept
// safe. It is drawn from the practice's own details, the retention
// policies and what the caseload actually holds: a category of data
// appears when a client has it, so the register does not claim more (or
// less) than is processed. It names no client and counts nothing of one.
// The store gathers the facts; package register words and writes them.

// RegisterFacts is what the record of processing activities is drawn
// from, as of Date: the practice's own details, its policies and
// processors, which kinds of data the caseload holds, and the handling of
// rights requests.
type RegisterFacts struct {
	// Date is the day the record is drawn up.
	Date time.Time
	// Controller is the practice: name and contact details, its purposes,
	// legal bases and usual recipients, and the contact for data
	// protection.
	Controller Practice
	// Policies are the retention policies, in the order Policies gives.
	Policies []Policy
	// Usage says which categories of data the caseload holds.
	Usage RegisterUsage
	// Processors are the practice's processors (AVG art. 28).
	Processors []Processor
	// Rights counts the rights requests handled: no one is named.
	Rights RegisterRights
}

// RegisterRights counts the handling of rights requests: how many came in
// (per kind, those still with their dossier) and the erasures carried out,
// which outlive their dossier (see Erasures), with how many within the
// deadline.
type RegisterRights struct {
	Received       int
	Answered       int
	Refused        int
	Open           int
	Erasures       int
	ErasuresOnTime int
	// Complaints and ComplaintsOpen count the complaints about the
	// handling of data, still with their dossier.
	Complaints     int
	ComplaintsOpen int
}

// RegisterUsage is what the caseload holds, category by category,
// without counting anyone: whether any client has an e-mail address, any
// record is marked special category, and so on.
type RegisterUsage struct {
	Email, Phone, Address, Birth, Representative, Referrer, Notes   bool
	Rejected, Appointments, Documents, Invoices, Consents, Requests bool
	Disclosures                                                     bool
	// Special: some record is marked special category (AVG art. 9).
	Special bool
	// Kinds are the record kinds in use.
	Kinds map[RecordKind]bool
}

// Register gathers the facts of the record of processing activities, as
// of today.
func (s *Store) Register(ctx context.Context) (RegisterFacts, error) {
	var f RegisterFacts
	err := s.read(ctx, func(t *tx) error {
		var err error
		f.Date = t.today()
		if f.Controller, err = t.practice(); err != nil {
			return err
		}
		if f.Policies, err = t.policies(); err != nil {
			return err
		}
		if f.Usage, err = t.registerUsage(); err != nil {
			return err
		}
		if f.Processors, err = t.processors(); err != nil {
			return err
		}
		f.Rights, err = t.registerRights()
		return err
	})
	return f, err
}

func (t *tx) registerUsage() (RegisterUsage, error) {
	u := RegisterUsage{Kinds: map[RecordKind]bool{}}
	err := t.row(`SELECT
			EXISTS (SELECT 1 FROM clients WHERE email != ''),
			EXISTS (SELECT 1 FROM clients WHERE phone != ''),
			EXISTS (SELECT 1 FROM clients WHERE address != ''),
			EXISTS (SELECT 1 FROM clients WHERE birth_date IS NOT NULL),
			EXISTS (SELECT 1 FROM clients WHERE representative != '')
				OR EXISTS (SELECT 1 FROM consents WHERE given_by = 'representative'),
			EXISTS (SELECT 1 FROM clients WHERE referral != 'self' OR referral_detail != ''),
			EXISTS (SELECT 1 FROM clients WHERE notes != ''),
			EXISTS (SELECT 1 FROM clients WHERE status = 'rejected'),
			EXISTS (SELECT 1 FROM appointments),
			EXISTS (SELECT 1 FROM attachments),
			EXISTS (SELECT 1 FROM invoices),
			EXISTS (SELECT 1 FROM consents),
			EXISTS (SELECT 1 FROM requests),
			EXISTS (SELECT 1 FROM disclosures),
			EXISTS (SELECT 1 FROM records WHERE special)`).Scan(&u.Email, &u.Phone, &u.Address,
		&u.Birth, &u.Representative, &u.Referrer, &u.Notes, &u.Rejected, &u.Appointments,
		&u.Documents, &u.Invoices, &u.Consents, &u.Requests, &u.Disclosures, &u.Special)
	if err != nil {
		return u, fmt.Errorf("reading what the caseload holds: %w", err)
	}
	rs, err := t.query("SELECT DISTINCT kind FROM records")
	if err != nil {
		return u, fmt.Errorf("reading what the caseload holds: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		var k RecordKind
		if err := rs.Scan(&k); err != nil {
			return u, fmt.Errorf("reading what the caseload holds: %w", err)
		}
		u.Kinds[k] = true
	}
	return u, rs.Err()
}

func (t *tx) registerRights() (RegisterRights, error) {
	var r RegisterRights
	err := t.row(`SELECT count(*),
			coalesce(sum(status = 'answered'), 0), coalesce(sum(status = 'refused'), 0),
			coalesce(sum(status IN ('open', 'extended')), 0)
		FROM requests`).Scan(&r.Received, &r.Answered, &r.Refused, &r.Open)
	if err != nil {
		return r, fmt.Errorf("counting requests: %w", err)
	}
	if err := t.row(`SELECT count(*), coalesce(sum(done_on <= due_on), 0) FROM erasures`).Scan(
		&r.Erasures, &r.ErasuresOnTime); err != nil {
		return r, fmt.Errorf("counting erasures: %w", err)
	}
	if err := t.row(`SELECT count(*), coalesce(sum(answered_on IS NULL), 0) FROM complaints`).Scan(
		&r.Complaints, &r.ComplaintsOpen); err != nil {
		return r, fmt.Errorf("counting complaints: %w", err)
	}
	// An erasure's request went with the dossier: count it as received
	// and answered too.
	r.Received += r.Erasures
	r.Answered += r.Erasures
	return r, nil
}
