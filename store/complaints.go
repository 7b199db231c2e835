package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ComplaintOutcome is how a complaint ended.
type ComplaintOutcome string

// The outcomes of a complaint; empty while it is open.
const (
	ComplaintOpen         ComplaintOutcome = ""
	ComplaintUpheld       ComplaintOutcome = "upheld"
	ComplaintPartlyUpheld ComplaintOutcome = "partly_upheld"
	ComplaintNotUpheld    ComplaintOutcome = "not_upheld"
	ComplaintWithdrawn    ComplaintOutcome = "withdrawn"
)

// ComplaintOutcomes lists the outcomes of a closed complaint.
var ComplaintOutcomes = []ComplaintOutcome{ComplaintUpheld, ComplaintPartlyUpheld, ComplaintNotUpheld, ComplaintWithdrawn}

// Complaint is a client's complaint about how the practice handled their
// data (step-inburgering §12, studiebegeleiding §17): kept beside the
// rights requests, and named in the access report. A complaint that is
// not resolved can go to the Autoriteit Persoonsgegevens.
type Complaint struct {
	ID       int64
	ClientID int64
	Received time.Time
	Subject  string
	// Answered and Outcome are set when the complaint is closed.
	Answered time.Time
	Outcome  ComplaintOutcome
	Notes    string
	// Retention is the item category the complaint is kept under (the
	// shipped "complaint" counts from its closing); empty: it goes with
	// the dossier.
	Retention Category
}

// Open reports whether the complaint still awaits its answer.
func (c Complaint) Open() bool { return c.Answered.IsZero() }

// Validate reports the first field that a coach must correct.
func (c Complaint) Validate() error {
	if err := firstError(CheckLine("subject", c.Subject, MaxLine), CheckText("notes", c.Notes, MaxNotes),
		CheckDate("received_on", c.Received), CheckDate("answered_on", c.Answered)); err != nil {
		return err
	}
	valid := c.Outcome == ComplaintOpen
	for _, o := range ComplaintOutcomes {
		valid = valid || c.Outcome == o
	}
	switch {
	case c.ClientID == 0:
		return invalid("client", "a complaint belongs to a client")
	case c.Received.IsZero():
		return invalid("received_on", "a complaint needs the date it was received")
	case strings.TrimSpace(c.Subject) == "":
		return invalid("subject", "say what the complaint is about")
	case !valid:
		return invalid("outcome", fmt.Sprintf("unknown outcome %q", c.Outcome))
	case c.Answered.IsZero() != (c.Outcome == ComplaintOpen):
		return invalid("outcome", "a complaint is answered with its outcome, or open without one")
	case !c.Answered.IsZero() && c.Answered.Before(c.Received):
		return invalid("answered_on", "a complaint cannot be answered before it was received")
	}
	return nil
}

const complaintColumns = "id, client_id, received_on, subject, answered_on, outcome, notes, retention_category"

func scanComplaint(row interface{ Scan(...any) error }) (Complaint, error) {
	var c Complaint
	err := row.Scan(&c.ID, &c.ClientID, at(&c.Received), &c.Subject, at(&c.Answered), &c.Outcome, &c.Notes,
		&c.Retention)
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	}
	return c, err
}

// Complaints returns a client's complaints, the latest received first.
func (s *Store) Complaints(ctx context.Context, clientID int64) ([]Complaint, error) {
	var out []Complaint
	err := s.read(ctx, func(t *tx) error {
		rs, err := t.query("SELECT "+complaintColumns+
			" FROM complaints WHERE client_id = ? ORDER BY received_on DESC, id DESC", clientID)
		if err != nil {
			return fmt.Errorf("listing complaints: %w", err)
		}
		defer rs.Close()
		for rs.Next() {
			c, err := scanComplaint(rs)
			if err != nil {
				return fmt.Errorf("listing complaints: %w", err)
			}
			out = append(out, c)
		}
		return rs.Err()
	})
	return out, err
}

// SaveComplaint records a complaint (ID 0) or stores what became of one:
// its answer and outcome, or corrections. A complaint is recorded while
// processing is restricted too: it is about the handling of the data.
// Dates after today are refused. It returns ErrNotFound for an unknown id.
func (s *Store) SaveComplaint(ctx context.Context, c Complaint) (Complaint, error) {
	c.Received, c.Answered = civilDay(c.Received), civilDayOrZero(c.Answered)
	c.Subject = strings.TrimSpace(c.Subject)
	if err := c.Validate(); err != nil {
		return c, err
	}
	err := s.write(ctx, func(t *tx) error {
		if _, err := t.client(c.ClientID); err != nil {
			return err
		}
		switch {
		case c.Received.After(t.today()):
			return invalid("received_on", "a complaint cannot be received after today")
		case c.Answered.After(t.today()):
			return invalid("answered_on", "record the answer once it was given")
		}
		if err := t.itemCategory(c.Retention, KeptComplaint); err != nil {
			return err
		}
		if c.ID == 0 {
			res, err := t.exec(`INSERT INTO complaints (client_id, received_on, subject, answered_on, outcome, notes,
				retention_category) VALUES (?, ?, ?, ?, ?, ?, ?)`, c.ClientID, dateArg(c.Received), c.Subject,
				dateArg(c.Answered), c.Outcome, c.Notes, c.Retention)
			if err != nil {
				return fmt.Errorf("adding complaint: %w", err)
			}
			if c.ID, err = res.LastInsertId(); err != nil {
				return err
			}
			return t.audit(AuditCreate, c.ClientID, fmt.Sprintf("complaint %d", c.ID))
		}
		old, err := scanComplaint(t.row("SELECT "+complaintColumns+" FROM complaints WHERE id = ?", c.ID))
		if err != nil {
			return err
		}
		if old.ClientID != c.ClientID {
			return invalid("client", "a complaint cannot move to another client")
		}
		if _, err := t.exec(`UPDATE complaints SET received_on = ?, subject = ?, answered_on = ?, outcome = ?,
				notes = ?, retention_category = ? WHERE id = ?`, dateArg(c.Received), c.Subject, dateArg(c.Answered),
			c.Outcome, c.Notes, c.Retention, c.ID); err != nil {
			return fmt.Errorf("updating complaint: %w", err)
		}
		return t.audit(AuditEdit, c.ClientID, fmt.Sprintf("complaint %d", c.ID))
	})
	return c, err
}
