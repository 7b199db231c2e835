package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
)

// clientColumns are the columns scanClient reads, in order.
const clientColumns = `id, uid, first_name, last_name, email, phone, address, birth_date,
	referral, referral_detail, representative, status, start_date, end_date, rejected_on,
	outcome, restricted, restricted_reason, hold, hold_reason, hold_until, notes,
	created_at, updated_at, gender, marital_status, children, birth_country, nationality,
	residence_status, arrival_date, substr(bsn, -4)`

// scanClient reads a client as every screen and export gets it: the BSN
// masked (only its last four digits, see Client.BSN).
func scanClient(row interface{ Scan(...any) error }) (Client, error) {
	var c Client
	var children sql.NullInt64
	err := row.Scan(&c.ID, &c.UID, &c.FirstName, &c.LastName, &c.Email, &c.Phone, &c.Address,
		at(&c.BirthDate), &c.Referral, &c.ReferralDetail, &c.Representative, &c.Status,
		at(&c.Start), at(&c.End), at(&c.RejectedOn), &c.Outcome, &c.Restricted,
		&c.RestrictedReason, &c.Hold, &c.HoldReason, at(&c.HoldUntil), &c.Notes,
		at(&c.Created), at(&c.Updated), &c.Gender, &c.MaritalStatus, &children, &c.BirthCountry,
		&c.Nationality, &c.ResidenceStatus, at(&c.ArrivalDate), &c.BSNTail)
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	}
	c.Children, c.ChildrenKnown = int(children.Int64), children.Valid
	if c.Status == StatusClosed && c.Outcome == OutcomeNone {
		c.Outcome = OutcomeUnknown
	}
	return c, err
}

// outcomeArg is the outcome column's value: an unknown outcome is the
// empty one of a closed client (see OutcomeUnknown).
func outcomeArg(o Outcome) Outcome {
	if o == OutcomeUnknown {
		return OutcomeNone
	}
	return o
}

// ListClients returns every client as a caseload row, ordered by name, with
// the next planned appointment and the retention countdown.
func (s *Store) ListClients(ctx context.Context) ([]ClientRow, error) {
	var rows []ClientRow
	err := s.read(ctx, func(t *tx) error {
		var err error
		rows, err = t.listClients("")
		return err
	})
	return rows, err
}

// listClients runs the caseload query, optionally narrowed by a WHERE clause
// over c (the client) and r (its retention, as retentionCTE gives it).
func (t *tx) listClients(where string) ([]ClientRow, error) {
	rs, err := t.query(listClientsSQL(where), t.todayArg(), sql.Named("now", t.stamp()))
	if err != nil {
		return nil, fmt.Errorf("listing clients: %w", err)
	}
	defer rs.Close()
	var out []ClientRow
	for rs.Next() {
		var r ClientRow
		if err := rs.Scan(&r.ID, &r.Name, &r.Email, &r.Phone, &r.Referral, &r.ReferralDetail,
			&r.Status, at(&r.Start), at(&r.End), at(&r.NextAppointment), &r.Restricted,
			&r.Retention.Category, &r.Retention.State, at(&r.Retention.PurgeOn),
			&r.Retention.DaysLeft, &r.Retention.HoldReason, at(&r.InvoicesUntil)); err != nil {
			return nil, fmt.Errorf("listing clients: %w", err)
		}
		r.Name = strings.TrimSpace(r.Name)
		out = append(out, r)
	}
	return out, rs.Err()
}

// listClientsSQL is the caseload query of listClients. The last invoice's
// purge date is the purge date of them all: the month arithmetic never
// moves a later date before an earlier one.
func listClientsSQL(where string) string {
	return `WITH ` + retentionCTE("cl", "retention_policies", "1") + `
		SELECT c.id, c.first_name || ' ' || c.last_name, c.email, c.phone, c.referral,
			c.referral_detail, c.status, c.start_date, c.end_date,
			(SELECT min(a.starts_at) FROM appointments a
				WHERE a.client_id = c.id AND a.attendance = '' AND a.starts_at >= :now),
			c.restricted, coalesce(r.category, ''), r.state, r.purge_on, coalesce(r.days_left, 0),
			CASE WHEN r.held THEN c.hold_reason ELSE '' END,
			` + lawAddMonths("(SELECT max(i.invoice_date) FROM invoices i WHERE i.client_id = c.id)", "pi.months") + `
		FROM clients c JOIN cl r ON r.id = c.id
			JOIN retention_policies pi ON pi.category = 'invoice' ` + where + `
		ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.id`
}

// Client returns one client and logs that the coach viewed the dossier.
// It returns ErrNotFound for an unknown id.
func (s *Store) Client(ctx context.Context, id int64) (Client, error) {
	var c Client
	err := s.readLogged(ctx, func(t *tx) error {
		var err error
		if c, err = t.client(id); err != nil {
			return err
		}
		return t.audit(AuditView, id, "")
	})
	return c, err
}

func (t *tx) client(id int64) (Client, error) {
	return scanClient(t.row("SELECT "+clientColumns+" FROM clients WHERE id = ?", id))
}

// CreateClient adds a client and returns it with its id.
func (s *Store) CreateClient(ctx context.Context, c Client) (Client, error) {
	if c.Referral == "" {
		c.Referral = ReferralSelf
	}
	if c.Status == "" {
		c.Status = StatusIntake
	}
	if err := c.Validate(); err != nil {
		return c, err
	}
	if err := c.checkRepresentative(s.Today()); err != nil {
		return c, err
	}
	err := s.write(ctx, func(t *tx) error {
		var err error
		c, err = t.insertClient(c)
		return err
	})
	return c, err
}

func (t *tx) insertClient(c Client) (Client, error) {
	if c.UID == "" {
		c.UID = newUID()
	}
	res, err := t.exec(`INSERT INTO clients (uid, first_name, last_name, email, phone, address,
			birth_date, referral, referral_detail, representative, status, start_date, end_date,
			rejected_on, outcome, restricted, restricted_reason, hold, hold_reason, hold_until,
			notes, created_at, updated_at, gender, marital_status, children, birth_country,
			nationality, residence_status, arrival_date, bsn)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.UID, c.FirstName, c.LastName, c.Email, c.Phone, c.Address, dateArg(c.BirthDate),
		c.Referral, c.ReferralDetail, c.Representative, c.Status, dateArg(c.Start), dateArg(c.End),
		dateArg(c.RejectedOn), outcomeArg(c.Outcome), c.Restricted, c.RestrictedReason, c.Hold, c.HoldReason,
		dateArg(c.HoldUntil), c.Notes, t.stamp(), t.stamp(), c.Gender, c.MaritalStatus, childrenArg(c),
		c.BirthCountry, c.Nationality, c.ResidenceStatus, dateArg(c.ArrivalDate), c.BSN)
	if err != nil {
		return c, fmt.Errorf("adding client: %w", err)
	}
	if c.ID, err = res.LastInsertId(); err != nil {
		return c, err
	}
	c.Created, c.Updated = civilMoment(t.now), civilMoment(t.now)
	c.BSNTail, c.BSN = bsnTail(c.BSN), ""
	return c, t.audit(AuditCreate, c.ID, "client")
}

// UpdateClient stores the coach's changes to a client. Restriction and
// legal hold are left as they are: SetRestriction and SetHold change them.
// It returns ErrRestricted while processing of the client is restricted.
func (s *Store) UpdateClient(ctx context.Context, c Client) (Client, error) {
	err := s.write(ctx, func(t *tx) error {
		old, err := t.writable(c.ID)
		if err != nil {
			return err
		}
		c.UID, c.Restricted, c.RestrictedReason = old.UID, old.Restricted, old.RestrictedReason
		c.Hold, c.HoldReason, c.HoldUntil = old.Hold, old.HoldReason, old.HoldUntil
		c.Created = old.Created
		if err := c.Validate(); err != nil {
			return err
		}
		bsn := c.BSN
		if bsn == "" && c.BSNTail != "" {
			// The coach left the masked number as it was: keep it.
			if bsn, err = t.clientBSN(c.ID); err != nil {
				return err
			}
		}
		if err := c.checkRepresentative(t.today()); err != nil {
			return err
		}
		_, err = t.exec(`UPDATE clients SET first_name = ?, last_name = ?, email = ?, phone = ?,
				address = ?, birth_date = ?, referral = ?, referral_detail = ?, representative = ?,
				status = ?, start_date = ?, end_date = ?, rejected_on = ?, outcome = ?, notes = ?,
				updated_at = ?, gender = ?, marital_status = ?, children = ?, birth_country = ?,
				nationality = ?, residence_status = ?, arrival_date = ?, bsn = ?
			WHERE id = ?`,
			c.FirstName, c.LastName, c.Email, c.Phone, c.Address, dateArg(c.BirthDate), c.Referral,
			c.ReferralDetail, c.Representative, c.Status, dateArg(c.Start), dateArg(c.End),
			dateArg(c.RejectedOn), outcomeArg(c.Outcome), c.Notes, t.stamp(), c.Gender, c.MaritalStatus,
			childrenArg(c), c.BirthCountry, c.Nationality, c.ResidenceStatus, dateArg(c.ArrivalDate), bsn, c.ID)
		if err != nil {
			return fmt.Errorf("updating client: %w", err)
		}
		c.Updated = civilMoment(t.now)
		c.BSNTail, c.BSN = bsnTail(bsn), ""
		if c.Status == StatusClosed && c.Outcome == OutcomeNone {
			c.Outcome = OutcomeUnknown
		}
		return t.audit(AuditEdit, c.ID, "client")
	})
	return c, err
}

// SetRestriction restricts processing of a client (AVG art. 18), making the
// dossier read-only, or lifts the restriction. A restriction needs a reason.
func (s *Store) SetRestriction(ctx context.Context, id int64, restricted bool, reason string) error {
	if err := CheckLine("restricted_reason", reason, MaxLine); err != nil {
		return err
	}
	if restricted && strings.TrimSpace(reason) == "" {
		return invalid("restricted_reason", "a restriction needs a reason")
	}
	if !restricted {
		reason = ""
	}
	return s.write(ctx, func(t *tx) error {
		if _, err := t.client(id); err != nil {
			return err
		}
		if _, err := t.exec(`UPDATE clients SET restricted = ?, restricted_reason = ?, updated_at = ?
			WHERE id = ?`, restricted, reason, t.stamp(), id); err != nil {
			return fmt.Errorf("setting restriction: %w", err)
		}
		detail := "restriction lifted"
		if restricted {
			detail = "restricted"
		}
		return t.audit(AuditEdit, id, detail)
	})
}

// writable returns the client if its dossier may be changed, and
// ErrRestricted while processing is restricted.
func (t *tx) writable(clientID int64) (Client, error) {
	c, err := t.client(clientID)
	if err != nil {
		return c, err
	}
	if c.Restricted {
		return c, ErrRestricted
	}
	return c, nil
}

// newUID is a stable, random identifier that travels with a client through
// exports and imports.
func newUID() string {
	b := make([]byte, 16)
	rand.Read(b) // never fails: crypto/rand panics rather than return short reads
	return hex.EncodeToString(b)
}

// SetHold puts a client under legal hold, which stops every purge until the
// hold is lifted or its end date (optional) has passed, or lifts it.
func (s *Store) SetHold(ctx context.Context, id int64, hold bool, reason string, until time.Time) error {
	if err := firstError(CheckLine("hold_reason", reason, MaxLine), CheckDate("hold_until", until)); err != nil {
		return err
	}
	if hold && strings.TrimSpace(reason) == "" {
		return invalid("hold_reason", "a legal hold needs a reason")
	}
	if !hold {
		reason, until = "", time.Time{}
	}
	return s.write(ctx, func(t *tx) error {
		if _, err := t.client(id); err != nil {
			return err
		}
		if _, err := t.exec(`UPDATE clients SET hold = ?, hold_reason = ?, hold_until = ?,
			updated_at = ? WHERE id = ?`, hold, reason, dateArg(until), t.stamp(), id); err != nil {
			return fmt.Errorf("setting legal hold: %w", err)
		}
		detail := "legal hold lifted"
		if hold {
			detail = "legal hold"
		}
		return t.audit(AuditEdit, id, detail)
	})
}

// RepresentativeAge is the age below which a client needs a legal
// representative, who decides with them (AVG art. 8, UAVG art. 5).
const RepresentativeAge = 16

// checkRepresentative refuses a client younger than RepresentativeAge on
// day without a legal representative. The form, the client list import
// and the dossier import all pass through it.
func (c Client) checkRepresentative(day time.Time) error {
	if strings.TrimSpace(c.Representative) != "" {
		return nil
	}
	if age := c.AgeOn(day); age >= 0 && age < RepresentativeAge {
		return invalidCode("client.representative_missing", "representative", "a client under 16 needs a legal representative")
	}
	return nil
}

// UnknownOutcomes counts the closed trajectories whose outcome is unknown
// (OutcomeUnknown): the caseload asks the coach to complete them, since
// the outcome is what the statistics keep after a purge.
func (s *Store) UnknownOutcomes(ctx context.Context) (int, error) {
	var n int
	err := s.read(ctx, func(t *tx) error {
		if err := t.row("SELECT count(*) FROM clients WHERE status = 'closed' AND outcome = ''").Scan(&n); err != nil {
			return fmt.Errorf("counting unknown outcomes: %w", err)
		}
		return nil
	})
	return n, err
}
