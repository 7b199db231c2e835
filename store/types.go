package store

import (
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/caseload/caseload/msg"
	"github.com/caseload/caseload/termsafe"
)

// Status is where a client stands in their trajectory.
type Status string

// The statuses a client moves through: intake → active → closed, or rejected.
const (
	StatusIntake   Status = "intake"
	StatusActive   Status = "active"
	StatusClosed   Status = "closed"
	StatusRejected Status = "rejected"
)

// Statuses lists every status in the order a trajectory runs.
var Statuses = []Status{StatusIntake, StatusActive, StatusClosed, StatusRejected}

// Valid reports whether s is one of the known statuses.
func (s Status) Valid() bool {
	for _, v := range Statuses {
		if s == v {
			return true
		}
	}
	return false
}

// Referral is who sent the client.
type Referral string

// The referral sources the privacy statements name.
const (
	ReferralSelf         Referral = "self"
	ReferralMunicipality Referral = "municipality"
	ReferralSchool       Referral = "school"
	ReferralOther        Referral = "other"
)

// Referrals lists every referral source.
var Referrals = []Referral{ReferralSelf, ReferralMunicipality, ReferralSchool, ReferralOther}

// Outcome is how a closed trajectory ended; it survives a purge as an
// anonymous statistic.
type Outcome string

// The outcomes the seed organisations publish.
const (
	OutcomeNone       Outcome = ""
	OutcomeEducation  Outcome = "education"
	OutcomeWork       Outcome = "work"
	OutcomeOther      Outcome = "other"
	OutcomeDroppedOut Outcome = "dropped_out"
	// OutcomeUnknown is a trajectory closed without a known outcome: one
	// imported from a spreadsheet without an outcome column, or closed
	// before the outcome was asked. The vault keeps it as the empty
	// outcome of a closed client (docs/design.md says why); the caseload
	// asks the coach to complete it for the statistics.
	OutcomeUnknown Outcome = "unknown"
)

// Outcomes lists every outcome a closed trajectory can have.
var Outcomes = []Outcome{OutcomeEducation, OutcomeWork, OutcomeOther, OutcomeDroppedOut}

// Client is one person in the caseload. Dates are civil dates (midnight UTC);
// a zero time means "not set".
type Client struct {
	ID        int64
	UID       string // stable across exports and imports
	FirstName string
	LastName  string
	Email     string
	Phone     string
	Address   string
	BirthDate time.Time
	Referral  Referral
	// ReferralDetail names the referrer (the municipality, the school).
	ReferralDetail string
	// Representative is the legal representative of a client under 16.
	Representative string
	Status         Status
	Start          time.Time
	End            time.Time
	// RejectedOn is the date an intake was turned down or never started.
	RejectedOn time.Time
	Outcome    Outcome
	// Restricted is set while processing is restricted (AVG art. 18): the
	// client is read-only everywhere.
	Restricted       bool
	RestrictedReason string
	// Hold stops every purge of this client (a legal hold).
	Hold       bool
	HoldReason string
	HoldUntil  time.Time
	Notes      string

	// The optional fields (ClientFields): empty unless the practice
	// records them and the coach filled them in.
	Gender        Gender
	MaritalStatus MaritalStatus
	// Children is the number of children, when ChildrenKnown.
	Children        int
	ChildrenKnown   bool
	BirthCountry    string
	Nationality     string
	ResidenceStatus string
	// ArrivalDate is the date of arrival in the Netherlands.
	ArrivalDate time.Time
	// BSN is the burgerservicenummer in full: set by the coach for a
	// save, and by RevealBSN. A client read from the store never carries
	// it; BSNTail (its last four digits) says one is stored, and a save
	// with BSN empty and BSNTail set keeps the stored number.
	BSN     string
	BSNTail string

	Created time.Time
	Updated time.Time
}

// Name is the client's full name as the coach reads it.
func (c Client) Name() string {
	return strings.TrimSpace(c.FirstName + " " + c.LastName)
}

// AgeOn returns the client's age in whole years on day, or -1 when the birth
// date is unknown.
func (c Client) AgeOn(day time.Time) int {
	if c.BirthDate.IsZero() {
		return -1
	}
	b := c.BirthDate
	age := day.Year() - b.Year()
	if day.Month() < b.Month() || day.Month() == b.Month() && day.Day() < b.Day() {
		age--
	}
	return age
}

// Validate reports the first field that a coach must correct.
func (c Client) Validate() error {
	if err := c.validateText(); err != nil {
		return err
	}
	if err := c.validateOptional(); err != nil {
		return err
	}
	switch {
	case strings.TrimSpace(c.FirstName) == "" && strings.TrimSpace(c.LastName) == "":
		return invalidCode("client.name_missing", "name", "a client needs a first or last name")
	case !c.Status.Valid():
		return invalidValue("client.status_unknown", "status", string(c.Status), fmt.Sprintf("unknown status %q", c.Status))
	case c.Referral != "" && !validReferral(c.Referral):
		return invalidValue("client.referral_unknown", "referral", string(c.Referral),
			fmt.Sprintf("unknown referral source %q", c.Referral))
	case c.Email != "" && !validEmail(c.Email):
		return invalidCode("client.email_invalid", "email", "the e-mail address is not valid")
	case !c.Start.IsZero() && !c.End.IsZero() && c.End.Before(c.Start):
		return invalidCode("client.end_before_start", "end", "the trajectory ends before it starts")
	case !c.BirthDate.IsZero() && !c.Start.IsZero() && c.BirthDate.After(c.Start):
		return invalidCode("client.birth_after_start", "birth_date", "the birth date is after the trajectory start")
	case c.Status == StatusClosed && c.End.IsZero():
		return invalidCode("client.end_missing", "end", "a closed trajectory needs an end date")
	case c.Status == StatusRejected && c.RejectedOn.IsZero():
		return invalidCode("client.rejected_on_missing", "rejected_on", "a rejected intake needs the date of rejection")
	case c.Outcome != OutcomeNone && !validOutcome(c.Outcome):
		return invalidValue("client.outcome_unknown", "outcome", string(c.Outcome), fmt.Sprintf("unknown outcome %q", c.Outcome))
	case c.Status == StatusClosed && c.Outcome == OutcomeNone:
		// The outcome is what survives a purge in the statistics; asked
		// at closing, it is never lost. Only an import says "unknown"
		// (OutcomeUnknown) for the coach to complete later.
		return invalidCode("client.outcome_missing", "outcome", "a closed trajectory needs an outcome")
	case c.Hold && strings.TrimSpace(c.HoldReason) == "":
		return invalidCode("client.hold_reason_missing", "hold_reason", "a legal hold needs a reason")
	case c.Restricted && strings.TrimSpace(c.RestrictedReason) == "":
		return invalidCode("client.restricted_reason_missing", "restricted_reason", "a restriction needs a reason")
	}
	return nil
}

// validateText checks every text and date field of c for what no one types
// and for its size.
func (c Client) validateText() error {
	return firstError(
		CheckLine("first_name", c.FirstName, MaxName), CheckLine("last_name", c.LastName, MaxName),
		CheckLine("email", c.Email, MaxLine), CheckLine("phone", c.Phone, MaxLine),
		CheckText("address", c.Address, MaxNotes), CheckLine("referral_detail", c.ReferralDetail, MaxLine),
		CheckLine("representative", c.Representative, MaxLine),
		CheckLine("restricted_reason", c.RestrictedReason, MaxLine), CheckLine("hold_reason", c.HoldReason, MaxLine),
		CheckText("notes", c.Notes, MaxNotes),
		CheckDate("birth_date", c.BirthDate), CheckDate("start", c.Start), CheckDate("end", c.End),
		CheckDate("rejected_on", c.RejectedOn), CheckDate("hold_until", c.HoldUntil))
}

func validReferral(r Referral) bool {
	for _, v := range Referrals {
		if r == v {
			return true
		}
	}
	return false
}

func validOutcome(o Outcome) bool {
	if o == OutcomeUnknown {
		return true
	}
	for _, v := range Outcomes {
		if o == v {
			return true
		}
	}
	return false
}

func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s
}

// RecordKind is the kind of a text record in a dossier.
type RecordKind string

// The record kinds of a coaching dossier.
const (
	KindIntake     RecordKind = "intake"
	KindPlan       RecordKind = "plan"
	KindEvaluation RecordKind = "evaluation"
	KindNote       RecordKind = "note"
	KindCV         RecordKind = "cv"
	KindLetter     RecordKind = "letter"
	KindEmail      RecordKind = "email"
	KindOther      RecordKind = "other"
)

// RecordKinds lists every record kind.
var RecordKinds = []RecordKind{KindIntake, KindPlan, KindEvaluation, KindNote, KindCV, KindLetter, KindEmail, KindOther}

// Valid reports whether k is a known record kind.
func (k RecordKind) Valid() bool {
	for _, v := range RecordKinds {
		if k == v {
			return true
		}
	}
	return false
}

// Record is a text in a client's dossier: an intake, a plan of approach, an
// evaluation, a progress note, a CV, a letter, an e-mail.
type Record struct {
	ID       int64
	ClientID int64
	Kind     RecordKind
	Title    string
	Body     string
	// Date is the date the record is about (the session, the evaluation).
	Date time.Time
	// Special marks special-category data (health and the like): shown
	// masked until the coach reveals it, and every reveal is logged.
	Special bool
	Created time.Time
	Updated time.Time
	// Retention is the item category the record is kept under, counting
	// down on its own (see Category.Item); empty: it goes with the
	// dossier.
	Retention Category
}

// Validate reports the first field that a coach must correct.
func (r Record) Validate() error {
	if err := firstError(CheckLine("title", r.Title, MaxLine), CheckText("body", r.Body, MaxBody),
		CheckDate("date", r.Date)); err != nil {
		return err
	}
	switch {
	case r.ClientID == 0:
		return invalid("client", "a record belongs to a client")
	case !r.Kind.Valid():
		return invalid("kind", fmt.Sprintf("unknown record kind %q", r.Kind))
	case strings.TrimSpace(r.Title) == "":
		return invalid("title", "a record needs a title")
	case r.Date.IsZero():
		return invalid("date", "a record needs a date")
	}
	return nil
}

// Attendance is what happened to an appointment.
type Attendance string

// The attendance states of an appointment.
const (
	AttendancePlanned   Attendance = ""
	AttendanceAttended  Attendance = "attended"
	AttendanceCancelled Attendance = "cancelled"
	AttendanceNoShow    Attendance = "no_show"
)

// Attendances lists the recorded attendance states (planned is the absence of one).
var Attendances = []Attendance{AttendanceAttended, AttendanceCancelled, AttendanceNoShow}

// Appointment is a session with a client. Start is a civil date-time (the
// wall clock of the coach, stored as UTC without conversion).
type Appointment struct {
	ID         int64
	ClientID   int64
	Start      time.Time
	Minutes    int
	Place      string
	Attendance Attendance
	// Reason explains a cancellation or a no-show.
	Reason string
	Notes  string
	// SeriesID groups the appointments planned together as a series: the
	// id of the first of them; 0 for a single appointment.
	SeriesID int64
	// NoteID is the session note written from this appointment (see
	// SaveSessionNote); 0 when there is none. Read-only.
	NoteID  int64
	Created time.Time
	Updated time.Time
}

// Validate reports the first field that a coach must correct.
func (a Appointment) Validate() error {
	if err := firstError(CheckLine("place", a.Place, MaxLine), CheckLine("reason", a.Reason, MaxLine),
		CheckText("notes", a.Notes, MaxNotes), CheckDate("start", a.Start)); err != nil {
		return err
	}
	switch {
	case a.ClientID == 0:
		return invalid("client", "an appointment belongs to a client")
	case a.Start.IsZero():
		return invalid("start", "an appointment needs a date and time")
	case a.Minutes <= 0 || a.Minutes > 24*60:
		return invalid("minutes", "the duration must be between 1 minute and 24 hours")
	case a.Attendance != AttendancePlanned && a.Attendance != AttendanceAttended &&
		a.Attendance != AttendanceCancelled && a.Attendance != AttendanceNoShow:
		return invalid("attendance", fmt.Sprintf("unknown attendance %q", a.Attendance))
	}
	return nil
}

// Attachment is a document (CV, letter, scan) sealed outside the database;
// its key lives only in the database row, so deleting the row makes every
// copy of the file unreadable.
type Attachment struct {
	ID       int64
	ClientID int64
	// Name is the file's name; empty in Attachments for a special-category
	// document until RevealAttachment (the name alone can say "medical").
	Name  string
	Kind  RecordKind
	Size  int64
	Added time.Time
	// Special marks special-category data (AVG art. 9: a medical letter)
	// or an ID copy: masked in lists, its reveal logged.
	Special bool
	// Retention is the item category the document is kept under, like a
	// record's; empty: it goes with the dossier.
	Retention Category
}

// Validate reports the first field that a coach must correct.
func (a Attachment) Validate() error {
	if err := CheckLine("name", a.Name, MaxLine); err != nil {
		return err
	}
	switch {
	case a.ClientID == 0:
		return invalid("client", "a document belongs to a client")
	case strings.TrimSpace(a.Name) == "":
		return invalid("name", "a document needs a name")
	case !a.Kind.Valid():
		return invalid("kind", fmt.Sprintf("unknown document kind %q", a.Kind))
	}
	return nil
}

// ClientRow is one line of the caseload table.
type ClientRow struct {
	ID              int64
	Name            string
	Email           string
	Phone           string
	Referral        Referral
	ReferralDetail  string
	Status          Status
	Start           time.Time
	End             time.Time
	NextAppointment time.Time
	Restricted      bool
	Retention       Countdown
	// InvoicesUntil is the day the last of the client's invoices is due
	// for deletion (their fiscal retention ends); zero without invoices.
	// Invoices outlive a purge of the dossier.
	InvoicesUntil time.Time
}

// Countdown is a client's retention state as the caseload shows it.
type Countdown struct {
	// State tells how to show the countdown.
	State RetentionState
	// Category is the policy that counts: CategoryDossier for a closed
	// trajectory, CategoryRejectedIntake for a rejected intake, empty
	// while the trajectory runs.
	Category Category
	// PurgeOn is the date the dossier is due for deletion (zero while the
	// trajectory runs). A dossier may be purged on that day.
	PurgeOn time.Time
	// DaysLeft counts from today to PurgeOn; negative when overdue.
	DaysLeft int
	// HoldReason explains a legal hold (State is RetentionHold). A hold
	// whose end date has passed no longer holds: the countdown shows again.
	HoldReason string
}

// RetentionState is a client's place on the retention countdown.
type RetentionState string

// The states the caseload colours differently.
const (
	RetentionRunning  RetentionState = "running"  // trajectory still running: no countdown
	RetentionCounting RetentionState = "counting" // more than 30 days left
	RetentionSoon     RetentionState = "soon"     // 16 to 30 days left
	RetentionUrgent   RetentionState = "urgent"   // 0 to 15 days left; 0 is due today
	RetentionOverdue  RetentionState = "overdue"  // the purge date has passed
	RetentionHold     RetentionState = "hold"     // legal hold: never purged, whatever the date
)

// Hit is one full-text search result.
type Hit struct {
	ClientID    int64
	ClientName  string
	RecordID    int64
	RecordTitle string
	Kind        RecordKind
	Date        time.Time
	// Snippet is the matching text with the match between « and »; empty
	// for a special-category record, whose text is never shown unasked.
	Snippet string
	// ByDate is set on the record hits of a search with too many matches
	// to rank by relevance: they come newest first instead.
	ByDate bool
	// AppointmentID is set on a hit in the place or notes of an
	// appointment (RecordID is then 0); Date is its start.
	AppointmentID int64
}

// AuditEntry is one line of the audit log. It names clients by id only.
type AuditEntry struct {
	ID       int64
	At       time.Time
	Action   string
	ClientID int64
	Detail   string
}

// The audit actions.
const (
	AuditUnlock = "unlock"
	AuditView   = "view"
	AuditReveal = "reveal"
	AuditCreate = "create"
	AuditEdit   = "edit"
	AuditDelete = "delete"
	AuditExport = "export"
	AuditImport = "import"
	AuditPurge  = "purge"
)

// Counts is what `caseload verify` prints.
type Counts struct {
	Clients      int
	Records      int
	Appointments int
	Attachments  int
	AuditEntries int
	ImageBytes   int
}

// Practice is the coach's own practice: the controller's details an access
// report and the processing register need.
type Practice struct {
	Name       string
	Address    string
	Email      string
	Phone      string
	KvK        string
	DPOContact string
	Purposes   string
	LegalBases string
	Recipients string
	Updated    time.Time
}

// Errors callers branch on.
var (
	// ErrNotFound is returned when the asked-for item does not exist.
	ErrNotFound = errors.New("not found")
	// ErrRestricted is returned for an edit of a client whose processing is restricted.
	ErrRestricted = errors.New("processing of this client is restricted")
	// ErrNotSaved wraps a seal failure: the change is kept in memory and
	// goes to disk with the next successful save.
	ErrNotSaved = errors.New("change kept in memory but not saved")
	// ErrNoSchema is returned instead of sealing an image without the schema.
	ErrNoSchema = errors.New("refusing to save an image without the caseload schema")
	// ErrClosed is returned after Close.
	ErrClosed = errors.New("caseload is closed")
	// ErrCaseloadFull is returned for an edit that would take the caseload
	// past the 1 GiB SQLite holds in memory; nothing of it was kept.
	ErrCaseloadFull = errors.New("the caseload has reached the 1 GiB a vault can hold")
)

// ValidationError names the field a coach must correct and why. Code
// names the problem for whoever shows it (Text): the command line, the
// screens and a client list's import each say it in the coach's language
// from the code, never by matching the English sentence.
type ValidationError struct {
	Field string
	// Problem is the English sentence, for logs and Error.
	Problem string
	// Code is the problem: one any text or date field can have
	// (CodeControl, CodeTooLong, CodeDateRange), or one of a type's own,
	// as "client.end_missing". "" for a problem no catalogue names yet,
	// which Text gives in English and Field alone tells apart.
	Code string
	// Limit is the most a field takes (characters or bytes, see the
	// Max constants), with CodeTooLong.
	Limit int
	// Value is what was given, for a problem that quotes it.
	Value string
}

func (e *ValidationError) Error() string { return e.Field + ": " + e.Problem }

// Text is the problem in lang ("nl" or "en"), from package msg's
// catalogue by Code; the English Problem for a code it lacks.
func (e *ValidationError) Text(lang string) string {
	text, ok := msg.For(msg.Lang(lang)).Lookup("invalid." + e.Code)
	switch {
	case e.Code == "" || !ok:
		return e.Problem
	case e.Code == CodeTooLong:
		return fmt.Sprintf(text, e.Limit)
	case strings.Contains(text, "%"):
		return fmt.Sprintf(text, e.Value)
	}
	return text
}

func invalid(field, problem string) error { return &ValidationError{Field: field, Problem: problem} }

// invalidCode is invalid with the code a surface renders.
func invalidCode(code, field, problem string) error {
	return &ValidationError{Code: code, Field: field, Problem: problem}
}

// invalidValue is invalidCode for a problem that quotes the value given.
func invalidValue(code, field, value, problem string) error {
	return &ValidationError{Code: code, Field: field, Value: value, Problem: problem}
}

// The problems every text or date field can have; see ValidationError.Code.
const (
	// CodeControl: the text holds a character no one types, such as a NUL
	// byte, an escape or (in a one-line field) a bidi override.
	CodeControl = "control"
	// CodeTooLong: the text is longer than Limit.
	CodeTooLong = "too_long"
	// CodeDateRange: the year lies outside MinYear–MaxYear.
	CodeDateRange = "date_range"
)

// Bounds on what one field holds, so that a pasted or imported text cannot
// fill the caseload's memory (a 150 MB note once took 1.4 GB to import)
// and every field stays something a screen can show. docs/design.md says
// why each is what it is.
const (
	// MaxName is the most characters a first or last name has.
	MaxName = 200
	// MaxLine is the most characters of any other one-line field (a
	// title, a place, a recipient, an e-mail address, a reason).
	MaxLine = 1000
	// MaxNotes is the most bytes of a notes field beside a client,
	// appointment, consent, disclosure, request or breach.
	MaxNotes = 64 << 10
	// MaxBody is the most bytes of a record's text: a CV, a letter, a long
	// e-mail thread pasted in.
	MaxBody = 4 << 20
	// MinYear and MaxYear bound every date: a year outside them is a typo
	// (0000, 9999) or the zero date of a program that wrote "no date".
	MinYear, MaxYear = 1900, 2199
)

// CheckLine reports a one-line text field that holds a control character,
// a bidi override or another invisible format character (anything
// termsafe would escape: none of them is ever meant in a name, a title or
// an address), or that is longer than limit characters.
func CheckLine(field, s string, limit int) error {
	if termsafe.Unsafe(s) {
		return &ValidationError{Field: field, Code: CodeControl,
			Problem: "holds a control character (such as a NUL byte or an escape), which is never meant here"}
	}
	if len(s) > limit && utf8.RuneCountInString(s) > limit {
		return &ValidationError{Field: field, Code: CodeTooLong, Limit: limit,
			Problem: fmt.Sprintf("is longer than %d characters", limit)}
	}
	return nil
}

// CheckText reports a text of several lines that is not UTF-8, holds a
// control character other than tab, line feed and carriage return, or is
// longer than limit bytes. Format characters such as a right-to-left mark
// may stay: Arabic and Hebrew prose uses them, and the screens show them
// escaped.
func CheckText(field, s string, limit int) error {
	if len(s) > limit {
		return &ValidationError{Field: field, Code: CodeTooLong, Limit: limit,
			Problem: fmt.Sprintf("is longer than %d bytes", limit)}
	}
	bad := !utf8.ValidString(s)
	for _, r := range s {
		if bad || r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7f && r < 0xa0 {
			return &ValidationError{Field: field, Code: CodeControl,
				Problem: "holds a control character (such as a NUL byte or an escape), which is never meant here"}
		}
	}
	return nil
}

// CheckDate reports a date whose year lies outside MinYear–MaxYear. The
// zero date is "not set" and passes; a reader of outside input must refuse
// 0001-01-01 itself, before it turns into the zero date (see
// dossier.Read).
func CheckDate(field string, t time.Time) error {
	if t.IsZero() || t.Year() >= MinYear && t.Year() <= MaxYear {
		return nil
	}
	return &ValidationError{Field: field, Code: CodeDateRange,
		Problem: fmt.Sprintf("the year must be between %d and %d", MinYear, MaxYear)}
}

// firstError is the first non-nil of errs.
func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
