package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Consents and disclosures. A consent says who may receive what of a
// client's data, and for which purpose; a disclosure records what went to
// whom, when, and on which legal basis. A disclosure on the basis of
// consent needs a consent of the client to that recipient in force on the
// day: the practices promise their clients to ask first. Consents are
// never edited or deleted, only withdrawn, so they stay evidence of what
// the client agreed to and when.

// ErrNoConsent is returned for a disclosure on the basis of consent when
// the client gave none to that recipient, or withdrew it, by the day of
// the disclosure. Another legal basis, when one applies, is recorded instead.
var ErrNoConsent = errors.New("the client has not consented to sharing with this recipient")

// GivenBy is who gave a consent.
type GivenBy string

// Who can consent: the client, or their legal representative while the
// client is under 16 (UAVG art. 5).
const (
	GivenByClient         GivenBy = "client"
	GivenByRepresentative GivenBy = "representative"
)

// consentAge is the age from which a client consents for themselves (UAVG
// art. 5(1), using the room AVG art. 8 leaves).
const consentAge = 16

// Consent is a client's permission to share their data with a recipient
// for a purpose.
type Consent struct {
	ID       int64
	ClientID int64
	// Purpose is what the sharing is for, in the words the client agreed to.
	Purpose string
	// Recipient is who may receive the data (a study fund, a school), as
	// the practice's list of recipients names it.
	Recipient string
	// RecipientID is the recipient's entry on that list. When zero on
	// AddConsent, the store finds the entry Recipient names (ignoring
	// case, spacing and a contact person after a comma) or adds one.
	RecipientID int64
	Given       time.Time
	GivenBy     GivenBy
	// Withdrawn is the day the consent was withdrawn; zero while in force.
	Withdrawn time.Time
	Notes     string
}

// Validate reports the first field that a coach must correct. Whether the
// client was old enough to consent is checked against their birth date
// when the consent is added.
func (c Consent) Validate() error {
	if err := firstError(CheckLine("purpose", c.Purpose, MaxLine), CheckLine("recipient", c.Recipient, MaxLine),
		CheckText("notes", c.Notes, MaxNotes), CheckDate("given_on", c.Given),
		CheckDate("withdrawn_on", c.Withdrawn)); err != nil {
		return err
	}
	switch {
	case c.ClientID == 0:
		return invalid("client", "a consent belongs to a client")
	case strings.TrimSpace(c.Purpose) == "":
		return invalid("purpose", "a consent needs its purpose")
	case strings.TrimSpace(c.Recipient) == "" && c.RecipientID == 0:
		return invalid("recipient", "a consent needs its recipient")
	case c.Given.IsZero():
		return invalid("given_on", "a consent needs the date it was given")
	case c.GivenBy != GivenByClient && c.GivenBy != GivenByRepresentative:
		return invalid("given_by", fmt.Sprintf("unknown giver %q: the client or the representative", c.GivenBy))
	case !c.Withdrawn.IsZero() && c.Withdrawn.Before(c.Given):
		return invalid("withdrawn_on", "a consent cannot be withdrawn before it was given")
	}
	return nil
}

// Covers reports whether the consent was in force on day: given on or
// before it and not yet withdrawn. On the day of withdrawal it no longer
// covers anything, since the hour of the withdrawal is not kept.
func (c Consent) Covers(day time.Time) bool {
	day = civilDay(day)
	return !c.Given.After(day) && (c.Withdrawn.IsZero() || day.Before(c.Withdrawn))
}

const consentColumns = "id, client_id, purpose, recipient, given_on, given_by, withdrawn_on, notes, coalesce(recipient_id, 0)"

func scanConsent(row interface{ Scan(...any) error }) (Consent, error) {
	var c Consent
	err := row.Scan(&c.ID, &c.ClientID, &c.Purpose, &c.Recipient, at(&c.Given), &c.GivenBy,
		at(&c.Withdrawn), &c.Notes, &c.RecipientID)
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	}
	return c, err
}

func (t *tx) consent(id int64) (Consent, error) {
	return scanConsent(t.row("SELECT "+consentColumns+" FROM consents WHERE id = ?", id))
}

func (t *tx) consents(clientID int64) ([]Consent, error) {
	rs, err := t.query("SELECT "+consentColumns+
		" FROM consents WHERE client_id = ? ORDER BY given_on DESC, id DESC", clientID)
	if err != nil {
		return nil, fmt.Errorf("listing consents: %w", err)
	}
	defer rs.Close()
	var out []Consent
	for rs.Next() {
		c, err := scanConsent(rs)
		if err != nil {
			return nil, fmt.Errorf("listing consents: %w", err)
		}
		out = append(out, c)
	}
	return out, rs.Err()
}

// Consents returns a client's consents, the latest given first, withdrawn
// ones included.
func (s *Store) Consents(ctx context.Context, clientID int64) ([]Consent, error) {
	var out []Consent
	err := s.read(ctx, func(t *tx) error {
		var err error
		out, err = t.consents(clientID)
		return err
	})
	return out, err
}

// AddConsent records a consent and returns it with its id. GivenBy
// defaults to the client. A client under 16 on the day cannot consent
// alone: their legal representative gives it (UAVG art. 5), and a consent
// given by the client is refused with a ValidationError. A consent can be
// recorded while processing of the client is restricted: a restricted
// dossier may still be shared with the client's consent (AVG art. 18(2)).
func (s *Store) AddConsent(ctx context.Context, c Consent) (Consent, error) {
	if c.GivenBy == "" {
		c.GivenBy = GivenByClient
	}
	c.Given, c.Withdrawn = civilDay(c.Given), civilDayOrZero(c.Withdrawn)
	if err := c.Validate(); err != nil {
		return c, err
	}
	err := s.write(ctx, func(t *tx) error {
		cl, err := t.client(c.ClientID)
		if err != nil {
			return err
		}
		switch age := cl.AgeOn(c.Given); {
		case c.Given.After(t.today()):
			return invalid("given_on", "a consent cannot be given after today")
		case c.Withdrawn.After(t.today()):
			return invalid("withdrawn_on", "a consent cannot be withdrawn after today")
		case c.GivenBy == GivenByClient && age >= 0 && age < consentAge:
			return invalid("given_by", fmt.Sprintf("the client was %d on %s: under 16, "+
				"consent is given by the legal representative", age, c.Given.Format(dateLayout)))
		}
		rec, err := t.resolveRecipient(c.RecipientID, c.Recipient)
		if err != nil {
			return err
		}
		c.RecipientID, c.Recipient = rec.ID, rec.Name
		res, err := t.exec(`INSERT INTO consents (client_id, purpose, recipient, given_on, given_by,
			withdrawn_on, notes, recipient_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.ClientID, c.Purpose,
			c.Recipient, dateArg(c.Given), c.GivenBy, dateArg(c.Withdrawn), c.Notes, c.RecipientID)
		if err != nil {
			return fmt.Errorf("adding consent: %w", err)
		}
		if c.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		return t.audit(AuditCreate, c.ClientID, fmt.Sprintf("consent %d", c.ID))
	})
	return c, err
}

// civilDayOrZero is civilDay, keeping a zero time zero.
func civilDayOrZero(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return civilDay(t)
}

// WithdrawConsent records that a consent is withdrawn today, and returns
// it. From today on it covers no disclosure; what was shared before stays
// lawful (AVG art. 7(3)). A consent already withdrawn keeps its date.
// Withdrawal is never refused, not even while processing is restricted.
// It returns ErrNotFound for an unknown consent.
func (s *Store) WithdrawConsent(ctx context.Context, consentID int64) (Consent, error) {
	var c Consent
	err := s.write(ctx, func(t *tx) error {
		var err error
		c, err = t.withdrawConsent(consentID, "")
		return err
	})
	return c, err
}

// WithdrawConsentFromRequest withdraws the consent a consent_withdrawal
// request names, as WithdrawConsent does. The request stays open until
// AnswerRequest. It returns ErrNotFound for an unknown request or consent,
// ErrRequestClosed for a request already answered or refused, and a
// ValidationError for a request of another kind or a consent of another
// client.
func (s *Store) WithdrawConsentFromRequest(ctx context.Context, requestID, consentID int64) (Consent, error) {
	var c Consent
	err := s.write(ctx, func(t *tx) error {
		r, err := t.openRequest(requestID, RequestConsentWithdrawal)
		if err != nil {
			return err
		}
		if c, err = t.consent(consentID); err != nil {
			return err
		}
		if c.ClientID != r.ClientID {
			return invalid("consent", "the consent is of another client than the request")
		}
		c, err = t.withdrawConsent(consentID, fmt.Sprintf(" (request %d)", requestID))
		return err
	})
	return c, err
}

// withdrawConsent withdraws a consent today unless it already was; suffix
// ends the audit line.
func (t *tx) withdrawConsent(id int64, suffix string) (Consent, error) {
	c, err := t.consent(id)
	if err != nil || !c.Withdrawn.IsZero() {
		return c, err
	}
	c.Withdrawn = t.today()
	if c.Withdrawn.Before(c.Given) { // a consent recorded ahead of its date
		c.Withdrawn = c.Given
	}
	if _, err := t.exec("UPDATE consents SET withdrawn_on = ? WHERE id = ?", dateArg(c.Withdrawn), id); err != nil {
		return c, fmt.Errorf("withdrawing consent: %w", err)
	}
	return c, t.audit(AuditEdit, c.ClientID, fmt.Sprintf("consent %d withdrawn%s", id, suffix))
}

// LegalBasis is the ground on which personal data may be shared (AVG art. 6(1)).
type LegalBasis string

// The legal bases of AVG art. 6(1), (a) to (f).
const (
	LegalBasisConsent            LegalBasis = "consent"
	LegalBasisContract           LegalBasis = "contract"
	LegalBasisLegalObligation    LegalBasis = "legal_obligation"
	LegalBasisVitalInterest      LegalBasis = "vital_interest"
	LegalBasisPublicTask         LegalBasis = "public_task"
	LegalBasisLegitimateInterest LegalBasis = "legitimate_interest"
)

// LegalBases lists every legal basis, in the order of the article.
var LegalBases = []LegalBasis{LegalBasisConsent, LegalBasisContract, LegalBasisLegalObligation,
	LegalBasisVitalInterest, LegalBasisPublicTask, LegalBasisLegitimateInterest}

// Valid reports whether b is a known legal basis.
func (b LegalBasis) Valid() bool {
	for _, v := range LegalBases {
		if b == v {
			return true
		}
	}
	return false
}

// Disclosure records that something of a client's dossier was given to a
// recipient outside the practice.
type Disclosure struct {
	ID        int64
	ClientID  int64
	Recipient string
	// RecipientID is the recipient's entry on the practice's list, found
	// or added by AddDisclosure as for a consent.
	RecipientID int64
	// What says what was given ("final report", "attendance").
	What  string
	Date  time.Time
	Basis LegalBasis
	// ConsentID is the consent that covered a disclosure on the basis of
	// consent. AddDisclosure finds it when it is 0; 0 for other bases.
	ConsentID int64
	Notes     string
}

// Validate reports the first field that a coach must correct.
func (d Disclosure) Validate() error {
	if err := firstError(CheckLine("recipient", d.Recipient, MaxLine), CheckLine("what", d.What, MaxLine),
		CheckText("notes", d.Notes, MaxNotes), CheckDate("disclosed_on", d.Date)); err != nil {
		return err
	}
	switch {
	case d.ClientID == 0:
		return invalid("client", "a disclosure belongs to a client")
	case strings.TrimSpace(d.Recipient) == "" && d.RecipientID == 0:
		return invalid("recipient", "a disclosure needs its recipient")
	case strings.TrimSpace(d.What) == "":
		return invalid("what", "say what was given")
	case d.Date.IsZero():
		return invalid("disclosed_on", "a disclosure needs its date")
	case !d.Basis.Valid():
		return invalid("basis", fmt.Sprintf("unknown legal basis %q", d.Basis))
	}
	return nil
}

const disclosureColumns = "id, client_id, recipient, what, disclosed_on, basis, coalesce(consent_id, 0), notes, coalesce(recipient_id, 0)"

func scanDisclosure(row interface{ Scan(...any) error }) (Disclosure, error) {
	var d Disclosure
	err := row.Scan(&d.ID, &d.ClientID, &d.Recipient, &d.What, at(&d.Date), &d.Basis,
		&d.ConsentID, &d.Notes, &d.RecipientID)
	return d, err
}

// Disclosures returns what was given of a client's dossier to whom, the
// latest first.
func (s *Store) Disclosures(ctx context.Context, clientID int64) ([]Disclosure, error) {
	var out []Disclosure
	err := s.read(ctx, func(t *tx) error {
		rs, err := t.query("SELECT "+disclosureColumns+
			" FROM disclosures WHERE client_id = ? ORDER BY disclosed_on DESC, id DESC", clientID)
		if err != nil {
			return fmt.Errorf("listing disclosures: %w", err)
		}
		defer rs.Close()
		for rs.Next() {
			d, err := scanDisclosure(rs)
			if err != nil {
				return fmt.Errorf("listing disclosures: %w", err)
			}
			out = append(out, d)
		}
		return rs.Err()
	})
	return out, err
}

// AddDisclosure records a disclosure and returns it with its id. On the
// basis of consent it needs a consent of the client to the same recipient
// (names compared ignoring case and spacing) in force on the day, and
// returns ErrNoConsent without one; ConsentID names the consent, or is
// found. It returns ErrRestricted while processing of the client is
// restricted: nothing new leaves a restricted dossier.
func (s *Store) AddDisclosure(ctx context.Context, d Disclosure) (Disclosure, error) {
	d.Recipient, d.Date = strings.TrimSpace(d.Recipient), civilDay(d.Date)
	if err := d.Validate(); err != nil {
		return d, err
	}
	if d.Basis != LegalBasisConsent {
		d.ConsentID = 0
	}
	err := s.write(ctx, func(t *tx) error {
		if _, err := t.writable(d.ClientID); err != nil {
			return err
		}
		if d.Date.After(t.today()) {
			return invalid("disclosed_on", "record a disclosure once it has happened")
		}
		rec, err := t.resolveRecipient(d.RecipientID, d.Recipient)
		if err != nil {
			return err
		}
		d.RecipientID, d.Recipient = rec.ID, rec.Name
		if d.Basis == LegalBasisConsent {
			c, err := t.coveringConsent(d)
			if err != nil {
				return err
			}
			d.ConsentID = c.ID
		}
		var consent any
		if d.ConsentID != 0 {
			consent = d.ConsentID
		}
		res, err := t.exec(`INSERT INTO disclosures (client_id, recipient, what, disclosed_on, basis,
			consent_id, notes, recipient_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, d.ClientID, d.Recipient, d.What,
			dateArg(d.Date), d.Basis, consent, d.Notes, d.RecipientID)
		if err != nil {
			return fmt.Errorf("adding disclosure: %w", err)
		}
		if d.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		return t.audit(AuditCreate, d.ClientID, fmt.Sprintf("disclosure %d (%s)", d.ID, d.Basis))
	})
	return d, err
}

// coveringConsent finds the consent that covers disclosure d: the one it
// names, or the latest given of the client's consents to its recipient in
// force on its date. Recipients are compared by their entry on the
// practice's list (a consent recorded before the list, without one, by
// name). Without a covering consent it returns a *NoConsentError that
// lists the consents the client has.
func (t *tx) coveringConsent(d Disclosure) (Consent, error) {
	all, err := t.consents(d.ClientID)
	if err != nil {
		return Consent{}, err
	}
	for _, c := range all { // the latest given first
		same := c.RecipientID == d.RecipientID
		if c.RecipientID == 0 || d.RecipientID == 0 {
			same = recipientKey(c.Recipient) == recipientKey(d.Recipient)
		}
		if (d.ConsentID == 0 || c.ID == d.ConsentID) && same && c.Covers(d.Date) {
			return c, nil
		}
	}
	return Consent{}, &NoConsentError{Recipient: d.Recipient, Consents: all}
}

// NoConsentError is ErrNoConsent with what the coach needs to put it
// right: the recipient asked for, and every consent the client has (in
// force or withdrawn, the latest given first), so a consent recorded under
// another recipient is seen at once.
type NoConsentError struct {
	Recipient string
	Consents  []Consent
}

func (e *NoConsentError) Error() string { return ErrNoConsent.Error() }

// Is makes errors.Is(err, ErrNoConsent) hold.
func (e *NoConsentError) Is(target error) bool { return target == ErrNoConsent }
