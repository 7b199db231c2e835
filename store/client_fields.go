package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// The optional client fields: what some privacy statements name and others
// do not (integration courses ask for nationality and the date of arrival;
// a study coach needs none of it). A practice switches on in its settings
// the ones it records; every one is off by default, so a practice that
// does not need them never sees them (data minimisation, AVG art. 5(1)(c)).

// ClientField names one optional client field, as the practice setting,
// the dossier and the client list name it.
type ClientField string

// The optional client fields.
const (
	FieldGender          ClientField = "gender"
	FieldMaritalStatus   ClientField = "marital_status"
	FieldChildren        ClientField = "children"
	FieldBirthCountry    ClientField = "birth_country"
	FieldNationality     ClientField = "nationality"
	FieldResidenceStatus ClientField = "residence_status"
	FieldArrivalDate     ClientField = "arrival_date"
	FieldBSN             ClientField = "bsn"
)

// ClientFields lists every optional client field, in the order a form
// shows them.
var ClientFields = []ClientField{FieldGender, FieldMaritalStatus, FieldChildren, FieldBirthCountry,
	FieldNationality, FieldResidenceStatus, FieldArrivalDate, FieldBSN}

// Valid reports whether f is a known optional field.
func (f ClientField) Valid() bool {
	for _, v := range ClientFields {
		if f == v {
			return true
		}
	}
	return false
}

// FieldSet is the optional fields a practice records.
type FieldSet []ClientField

// Has reports whether f is in the set.
func (s FieldSet) Has(f ClientField) bool {
	for _, v := range s {
		if v == f {
			return true
		}
	}
	return false
}

// Gender is a client's gender, as a practice that records it asks it.
type Gender string

// The genders a client can give; "" is not recorded.
const (
	GenderFemale Gender = "female"
	GenderMale   Gender = "male"
	GenderOther  Gender = "other"
)

// Genders lists every recorded gender.
var Genders = []Gender{GenderFemale, GenderMale, GenderOther}

// MaritalStatus is a client's civil status (burgerlijke staat).
type MaritalStatus string

// The marital statuses; "" is not recorded.
const (
	MaritalSingle            MaritalStatus = "single"
	MaritalMarried           MaritalStatus = "married"
	MaritalRegisteredPartner MaritalStatus = "registered_partner"
	MaritalCohabiting        MaritalStatus = "cohabiting"
	MaritalDivorced          MaritalStatus = "divorced"
	MaritalWidowed           MaritalStatus = "widowed"
)

// MaritalStatuses lists every recorded marital status.
var MaritalStatuses = []MaritalStatus{MaritalSingle, MaritalMarried, MaritalRegisteredPartner,
	MaritalCohabiting, MaritalDivorced, MaritalWidowed}

// MaxChildren is the most children the field takes: more is a typing
// mistake.
const MaxChildren = 30

// HasValue reports whether c holds a value in the optional field f: a
// field the practice has switched off is still shown where it holds one,
// so nothing recorded is hidden from the coach who must rectify it.
func (c Client) HasValue(f ClientField) bool {
	switch f {
	case FieldGender:
		return c.Gender != ""
	case FieldMaritalStatus:
		return c.MaritalStatus != ""
	case FieldChildren:
		return c.ChildrenKnown
	case FieldBirthCountry:
		return c.BirthCountry != ""
	case FieldNationality:
		return c.Nationality != ""
	case FieldResidenceStatus:
		return c.ResidenceStatus != ""
	case FieldArrivalDate:
		return !c.ArrivalDate.IsZero()
	case FieldBSN:
		return c.BSN != "" || c.BSNTail != ""
	}
	return false
}

// MaskedBSN is the BSN as every screen shows it until the coach reveals
// it: its last four digits ("*****1234"); "" when none is stored.
func (c Client) MaskedBSN() string {
	tail := c.BSNTail
	if tail == "" && len(c.BSN) == bsnLength {
		tail = c.BSN[bsnLength-4:]
	}
	if tail == "" {
		return ""
	}
	return "*****" + tail
}

// bsnLength is the digits of a BSN (burgerservicenummer).
const bsnLength = 9

// NormalizeBSN is what a coach typed or a spreadsheet held as a BSN, the
// way the store keeps it: spaces, dots and dashes dropped, and an old
// eight-digit number given its leading zero. Anything else is returned as
// typed, for Validate to refuse.
func NormalizeBSN(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '.' || r == '-' || r == '\u00a0' {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	if len(s) == bsnLength-1 && allDigits(s) {
		s = "0" + s
	}
	return s
}

// ValidBSN reports whether s is nine digits that pass the elfproef, the
// check every BSN is issued to pass: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a
// multiple of 11 (and not 000000000).
func ValidBSN(s string) bool {
	if len(s) != bsnLength || !allDigits(s) || s == "000000000" {
		return false
	}
	sum := 0
	for i := 0; i < 8; i++ {
		sum += int(s[i]-'0') * (9 - i)
	}
	sum -= int(s[8] - '0')
	return sum%11 == 0
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// validateOptional checks the optional fields: known values, a BSN that
// passes the elfproef, an arrival not before birth.
func (c Client) validateOptional() error {
	if err := firstError(CheckLine("birth_country", c.BirthCountry, MaxLine),
		CheckLine("nationality", c.Nationality, MaxLine),
		CheckLine("residence_status", c.ResidenceStatus, MaxLine),
		CheckDate("arrival_date", c.ArrivalDate)); err != nil {
		return err
	}
	switch {
	case c.Gender != "" && !oneOf(c.Gender, Genders):
		return invalidValue("client.gender_unknown", "gender", string(c.Gender), fmt.Sprintf("unknown gender %q", c.Gender))
	case c.MaritalStatus != "" && !oneOf(c.MaritalStatus, MaritalStatuses):
		return invalidValue("client.marital_status_unknown", "marital_status", string(c.MaritalStatus),
			fmt.Sprintf("unknown marital status %q", c.MaritalStatus))
	case c.ChildrenKnown && (c.Children < 0 || c.Children > MaxChildren):
		return invalidCode("client.children_range", "children",
			fmt.Sprintf("the number of children is 0 to %d", MaxChildren))
	case c.BSN != "" && !ValidBSN(c.BSN):
		// The number is never quoted: it is not echoed into a log or a
		// terminal the coach did not ask to show it on.
		return invalidCode("client.bsn_invalid", "bsn", "the BSN is not nine digits that pass the elfproef")
	case !c.ArrivalDate.IsZero() && !c.BirthDate.IsZero() && c.ArrivalDate.Before(c.BirthDate):
		return invalidCode("client.arrival_before_birth", "arrival_date", "the date of arrival is before the birth date")
	}
	return nil
}

func oneOf[T comparable](v T, list []T) bool {
	for _, x := range list {
		if v == x {
			return true
		}
	}
	return false
}

// ClientFieldSet returns the optional client fields the practice records
// (none until it switches them on).
func (s *Store) ClientFieldSet(ctx context.Context) (FieldSet, error) {
	var set FieldSet
	err := s.read(ctx, func(t *tx) error {
		var err error
		set, err = t.clientFieldSet()
		return err
	})
	return set, err
}

func (t *tx) clientFieldSet() (FieldSet, error) {
	var v string
	if err := t.row("SELECT client_fields FROM practice WHERE id = 1").Scan(&v); err != nil {
		return nil, fmt.Errorf("reading the client fields: %w", err)
	}
	return parseFieldSet(v), nil
}

// parseFieldSet reads the stored list, in the order of ClientFields.
func parseFieldSet(v string) FieldSet {
	on := map[string]bool{}
	for _, f := range strings.Split(v, ",") {
		on[strings.TrimSpace(f)] = true
	}
	var set FieldSet
	for _, f := range ClientFields {
		if on[string(f)] {
			set = append(set, f)
		}
	}
	return set
}

// SetClientFieldSet chooses the optional client fields the practice
// records. Switching a field off keeps what was recorded in it: the data
// is the client's, and erasing it is a purge's or an erasure's to do.
func (s *Store) SetClientFieldSet(ctx context.Context, set FieldSet) error {
	names := make([]string, 0, len(set))
	for _, f := range ClientFields {
		if set.Has(f) {
			names = append(names, string(f))
		}
	}
	for _, f := range set {
		if !f.Valid() {
			return invalidValue("practice.client_field_unknown", "client_fields", string(f),
				fmt.Sprintf("unknown client field %q", f))
		}
	}
	return s.write(ctx, func(t *tx) error {
		if _, err := t.exec("UPDATE practice SET client_fields = ?, updated_at = ? WHERE id = 1",
			strings.Join(names, ","), t.stamp()); err != nil {
			return fmt.Errorf("saving the client fields: %w", err)
		}
		return t.audit(AuditEdit, 0, "practice: client fields")
	})
}

// RevealBSN returns a client's BSN in full and logs the reveal, like the
// reveal of a special-category record: a BSN is a number the law lets a
// practice process only where a law says so (UAVG art. 46), and who saw
// it when is part of the log a client may ask for. "" when none is stored
// (nothing is logged then).
func (s *Store) RevealBSN(ctx context.Context, clientID int64) (string, error) {
	var bsn string
	err := s.readLogged(ctx, func(t *tx) error {
		var err error
		if bsn, err = t.clientBSN(clientID); err != nil || bsn == "" {
			return err
		}
		return t.audit(AuditReveal, clientID, "bsn")
	})
	return bsn, err
}

// clientBSN reads a client's BSN in full.
func (t *tx) clientBSN(clientID int64) (string, error) {
	var bsn string
	err := t.row("SELECT bsn FROM clients WHERE id = ?", clientID).Scan(&bsn)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return "", ErrNotFound
		}
		return "", fmt.Errorf("reading the BSN: %w", err)
	}
	return bsn, nil
}

// childrenArg is the children column's value: NULL when not recorded.
func childrenArg(c Client) any {
	if !c.ChildrenKnown {
		return nil
	}
	return c.Children
}

// bsnTail is the last four digits of a stored BSN.
func bsnTail(bsn string) string {
	if len(bsn) < 4 {
		return ""
	}
	return bsn[len(bsn)-4:]
}
