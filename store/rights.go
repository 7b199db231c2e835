package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/caseload/caseload/store/legaldate"
)

// Rights requests (AVG art. 12–22). A request is answered within one month
// of receipt as the law counts it (legaldate.RequestDeadline), or within up
// to three when the client was told of an extension, with its reason,
// inside that first month. What a request sets in motion depends on its
// kind; every action is a method of its own, and AnswerRequest (or
// RefuseRequest) closes the request once the client has been told:
//
//	access, portability   the dossier export (package dossier), then AnswerRequest
//	rectification         the edit, then NotifyList and MarkNotified (art. 19), then AnswerRequest
//	erasure               NotifyList and MarkNotified, then PlanErasure and Purge
//	restriction           RestrictFromRequest, then AnswerRequest
//	objection             AnswerRequest or RefuseRequest, with the decision and why
//	consent_withdrawal    WithdrawConsentFromRequest, then AnswerRequest

// RequestKind is the right a client invokes.
type RequestKind string

// The rights a client can invoke, with the article of the AVG that grants them.
const (
	RequestAccess            RequestKind = "access"             // art. 15
	RequestRectification     RequestKind = "rectification"      // art. 16
	RequestErasure           RequestKind = "erasure"            // art. 17
	RequestRestriction       RequestKind = "restriction"        // art. 18
	RequestObjection         RequestKind = "objection"          // art. 21
	RequestPortability       RequestKind = "portability"        // art. 20
	RequestConsentWithdrawal RequestKind = "consent_withdrawal" // art. 7(3)
)

// RequestKinds lists every kind of request, in the order the AVG grants them.
var RequestKinds = []RequestKind{RequestAccess, RequestRectification, RequestErasure,
	RequestRestriction, RequestPortability, RequestObjection, RequestConsentWithdrawal}

// Valid reports whether k is a known kind of request.
func (k RequestKind) Valid() bool {
	for _, v := range RequestKinds {
		if k == v {
			return true
		}
	}
	return false
}

// Channel is how a request reached the coach.
type Channel string

// The channels a request can come by.
const (
	ChannelEmail    Channel = "email"
	ChannelPhone    Channel = "phone"
	ChannelLetter   Channel = "letter"
	ChannelInPerson Channel = "in_person"
)

// Channels lists every channel.
var Channels = []Channel{ChannelEmail, ChannelPhone, ChannelLetter, ChannelInPerson}

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool {
	for _, v := range Channels {
		if c == v {
			return true
		}
	}
	return false
}

// RequestStatus is where a request stands.
type RequestStatus string

// The statuses of a request: open (or extended) until it is answered or
// refused.
const (
	RequestOpen     RequestStatus = "open"
	RequestExtended RequestStatus = "extended"
	RequestAnswered RequestStatus = "answered"
	RequestRefused  RequestStatus = "refused"
)

// Request is a client's request to exercise a right under the AVG.
type Request struct {
	ID       int64
	ClientID int64
	Kind     RequestKind
	// Received is the date the request came in; the deadline counts from it.
	Received time.Time
	Channel  Channel
	// IdentityChecked records that the coach made sure the request comes
	// from the client; IdentityHow says how (a known face at a session, a
	// reply from the e-mail address on file). Never a copy of an ID
	// document, and never its number or the client's BSN: asking for one
	// is more than the check needs (the privacy statements promise as much).
	IdentityChecked bool
	IdentityHow     string
	// Status is set by the store: open at first, then extended, answered
	// or refused through the methods of that name.
	Status RequestStatus
	// Due is the last day to answer, set by the store: RequestDeadline of
	// Received, or ExtendedDeadline once the period is extended.
	Due time.Time
	// ExtendedMonths (1 or 2), ExtensionReason and ExtensionSent record an
	// extension; see ExtendRequest.
	ExtendedMonths  int
	ExtensionReason string
	ExtensionSent   time.Time
	// Answered is the date the request was answered or refused.
	Answered time.Time
	// Outcome is what was done, or the decision and its reasoning; for a
	// refusal, why the request was refused.
	Outcome string
	Notes   string
	// Target is the practice's own, shorter promise (AnswerTarget days
	// after receipt), shown beside the legal Due; zero when the practice
	// has set none. It is never later than Due.
	Target time.Time
}

// Open reports whether the request still awaits an answer.
func (r Request) Open() bool { return r.Status == RequestOpen || r.Status == RequestExtended }

// ExtensionNoticeBy is the last day the client can be told that the period
// is extended: the end of the first month (AVG art. 12(3)).
func (r Request) ExtensionNoticeBy() time.Time { return legaldate.ExtensionNoticeBy(r.Received) }

// DaysLeft counts the days from today to Due; negative when overdue.
func (r Request) DaysLeft(today time.Time) int { return legaldate.DaysBetween(today, r.Due) }

// IdentityRequired reports whether the request may only be answered once
// the requester's identity is checked: access and portability hand the
// dossier to whoever asked, and erasure cannot be undone.
func (r Request) IdentityRequired() bool {
	return r.Kind == RequestAccess || r.Kind == RequestPortability || r.Kind == RequestErasure
}

// Validate reports the first field that a coach must correct.
func (r Request) Validate() error {
	if err := firstError(CheckLine("identity_how", r.IdentityHow, MaxLine), CheckText("notes", r.Notes, MaxNotes),
		CheckText("outcome", r.Outcome, MaxNotes), CheckText("extension_reason", r.ExtensionReason, MaxNotes),
		CheckDate("received_on", r.Received), CheckDate("due_on", r.Due)); err != nil {
		return err
	}
	switch {
	case r.ClientID == 0:
		return invalid("client", "a request belongs to a client")
	case !r.Kind.Valid():
		return invalid("kind", fmt.Sprintf("unknown kind of request %q", r.Kind))
	case r.Received.IsZero():
		return invalid("received_on", "a request needs the date it was received")
	case !r.Channel.Valid():
		return invalid("channel", fmt.Sprintf("unknown channel %q: e-mail, phone, letter or in person", r.Channel))
	case r.IdentityChecked && strings.TrimSpace(r.IdentityHow) == "":
		return invalid("identity_how", "say how the identity was checked")
	case holdsBSN(r.IdentityHow):
		return invalid("identity_how",
			"leave out the citizen service number: say how the identity was checked, never keep the ID itself")
	}
	return nil
}

// digitRun finds numbers written with spaces or dots between the digits,
// as a BSN often is ("1234.56.782").
var digitRun = regexp.MustCompile(`\d(?:[ .]?\d)*`)

// holdsBSN reports whether s holds a nine-digit number that passes the
// BSN's eleven test. A private practice may not record the BSN (Wet
// algemene bepalingen burgerservicenummer): it is the one number that
// would turn an identity check into a copy of the ID.
func holdsBSN(s string) bool {
	for _, m := range digitRun.FindAllString(s, -1) {
		d := strings.NewReplacer(" ", "", ".", "").Replace(m)
		if len(d) != 9 || d == "000000000" {
			continue
		}
		sum := 0
		for i, c := range d {
			w := 9 - i
			if i == 8 {
				w = -1
			}
			sum += w * int(c-'0')
		}
		if sum%11 == 0 {
			return true
		}
	}
	return false
}

// Errors of rights requests, which the request screen branches on.
var (
	// ErrExtensionTooLate is returned by ExtendRequest once the first month
	// has passed: the client had to be told of an extension within it.
	ErrExtensionTooLate = errors.New("an extension must be sent within the first month after the request")
	// ErrRequestClosed is returned for an action on a request that was
	// already answered or refused.
	ErrRequestClosed = errors.New("the request has already been answered or refused")
	// ErrIdentityNotChecked is returned for answering an access,
	// portability or erasure request before the requester's identity was
	// checked.
	ErrIdentityNotChecked = errors.New("the identity of the requester has not been checked")
	// ErrNoticesPending is returned by PlanErasure while recipients of the
	// client's data have not been told of the erasure: the purge erases
	// the record of who they are.
	ErrNoticesPending = errors.New("not every recipient of the client's data has been told yet")
)

const requestColumns = `id, client_id, kind, received_on, channel, identity_checked, identity_how,
	status, due_on, extended_months, extension_reason, extension_sent_on, answered_on, outcome, notes,
	` + targetSQL

// targetSQL is a request's answer target: the practice's own number of
// days after receipt (AnswerTarget), or NULL when it has none. It is
// computed, never stored, so a changed target applies to every request.
const targetSQL = `(SELECT CASE WHEN p.answer_target_days > 0
	THEN min(date(received_on, '+' || p.answer_target_days || ' days'), due_on) END
	FROM practice p WHERE p.id = 1)`

func scanRequest(row interface{ Scan(...any) error }) (Request, error) {
	var r Request
	err := row.Scan(&r.ID, &r.ClientID, &r.Kind, at(&r.Received), &r.Channel, &r.IdentityChecked,
		&r.IdentityHow, &r.Status, at(&r.Due), &r.ExtendedMonths, &r.ExtensionReason,
		at(&r.ExtensionSent), at(&r.Answered), &r.Outcome, &r.Notes, at(&r.Target))
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	return r, err
}

func (t *tx) request(id int64) (Request, error) {
	return scanRequest(t.row("SELECT "+requestColumns+" FROM requests WHERE id = ?", id))
}

// openRequest returns a request that still awaits an answer, of one of
// kinds when any are given. It returns ErrNotFound, ErrRequestClosed, or a
// ValidationError for another kind.
func (t *tx) openRequest(id int64, kinds ...RequestKind) (Request, error) {
	r, err := t.request(id)
	if err != nil {
		return r, err
	}
	if !r.Open() {
		return r, ErrRequestClosed
	}
	if len(kinds) == 0 {
		return r, nil
	}
	names := make([]string, len(kinds))
	for i, k := range kinds {
		if r.Kind == k {
			return r, nil
		}
		names[i] = string(k)
	}
	return r, invalid("kind", fmt.Sprintf("this is for a request of kind %s, not %s",
		strings.Join(names, " or "), r.Kind))
}

// Request returns one request. It returns ErrNotFound for an unknown id.
func (s *Store) Request(ctx context.Context, id int64) (Request, error) {
	var r Request
	err := s.read(ctx, func(t *tx) error {
		var err error
		r, err = t.request(id)
		return err
	})
	return r, err
}

// Requests returns a client's requests, the latest received first.
func (s *Store) Requests(ctx context.Context, clientID int64) ([]Request, error) {
	var out []Request
	err := s.read(ctx, func(t *tx) error {
		rs, err := t.query("SELECT "+requestColumns+
			" FROM requests WHERE client_id = ? ORDER BY received_on DESC, id DESC", clientID)
		if err != nil {
			return fmt.Errorf("listing requests: %w", err)
		}
		defer rs.Close()
		for rs.Next() {
			r, err := scanRequest(rs)
			if err != nil {
				return fmt.Errorf("listing requests: %w", err)
			}
			out = append(out, r)
		}
		return rs.Err()
	})
	return out, err
}

// AddRequest records a request and returns it with its id, status open and
// its due date. A request is recorded even while processing of the client
// is restricted: rights are exercised against a restricted dossier too.
func (s *Store) AddRequest(ctx context.Context, r Request) (Request, error) {
	r.Received = civilDay(r.Received)
	if err := r.Validate(); err != nil {
		return r, err
	}
	r.Status, r.Due = RequestOpen, legaldate.RequestDeadline(r.Received)
	r.ExtendedMonths, r.ExtensionReason, r.ExtensionSent = 0, "", time.Time{}
	r.Answered, r.Outcome = time.Time{}, ""
	err := s.write(ctx, func(t *tx) error {
		if _, err := t.client(r.ClientID); err != nil {
			return err
		}
		if r.Received.After(t.today()) {
			return invalid("received_on", "a request cannot be received after today")
		}
		res, err := t.exec(`INSERT INTO requests (client_id, kind, received_on, channel,
				identity_checked, identity_how, status, due_on, notes)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.ClientID, r.Kind, dateArg(r.Received), r.Channel,
			r.IdentityChecked, r.IdentityHow, r.Status, dateArg(r.Due), r.Notes)
		if err != nil {
			return fmt.Errorf("adding request: %w", err)
		}
		if r.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		return t.audit(AuditCreate, r.ClientID, fmt.Sprintf("request %d (%s)", r.ID, r.Kind))
	})
	return r, err
}

// UpdateRequest stores corrections to a request's kind, date of receipt,
// channel, identity check and notes; its status, extension and answer
// change only through the methods of that name. The due date follows a
// corrected date of receipt. It returns ErrNotFound for an unknown id.
func (s *Store) UpdateRequest(ctx context.Context, r Request) (Request, error) {
	r.Received = civilDay(r.Received)
	err := s.write(ctx, func(t *tx) error {
		old, err := t.request(r.ID)
		if err != nil {
			return err
		}
		if r.ClientID != old.ClientID {
			return invalid("client", "a request cannot move to another client")
		}
		if err := r.Validate(); err != nil {
			return err
		}
		if r.Received.After(t.today()) {
			return invalid("received_on", "a request cannot be received after today")
		}
		r.Status, r.ExtendedMonths, r.ExtensionReason = old.Status, old.ExtendedMonths, old.ExtensionReason
		r.ExtensionSent, r.Answered, r.Outcome = old.ExtensionSent, old.Answered, old.Outcome
		r.Due = legaldate.RequestDeadline(r.Received)
		if r.ExtendedMonths > 0 {
			if r.Due, err = legaldate.ExtendedDeadline(r.Received, r.ExtendedMonths); err != nil {
				return err
			}
		}
		if _, err := t.exec(`UPDATE requests SET kind = ?, received_on = ?, channel = ?,
				identity_checked = ?, identity_how = ?, due_on = ?, notes = ? WHERE id = ?`,
			r.Kind, dateArg(r.Received), r.Channel, r.IdentityChecked, r.IdentityHow,
			dateArg(r.Due), r.Notes, r.ID); err != nil {
			return fmt.Errorf("updating request: %w", err)
		}
		return t.audit(AuditEdit, r.ClientID, fmt.Sprintf("request %d (%s)", r.ID, r.Kind))
	})
	return r, err
}

// ExtendRequest extends the period to answer a request by months (1 or 2)
// further months, counted from receipt, and records that the client is
// told so today, with reason. The law allows it only for a complex
// request or many requests, and only when the client hears of it within
// the first month: after Request.ExtensionNoticeBy it returns
// ErrExtensionTooLate. An extension can be changed (from two months to
// one, say) within that same first month. It returns ErrRequestClosed for
// a request already answered or refused.
func (s *Store) ExtendRequest(ctx context.Context, id int64, months int, reason string) (Request, error) {
	var r Request
	if err := CheckText("extension_reason", reason, MaxNotes); err != nil {
		return r, err
	}
	if months != 1 && months != 2 {
		return r, invalid("months", "an extension is one or two further months")
	}
	if strings.TrimSpace(reason) == "" {
		return r, invalid("extension_reason", "an extension needs a reason: the client must be told why")
	}
	err := s.write(ctx, func(t *tx) error {
		var err error
		if r, err = t.openRequest(id); err != nil {
			return err
		}
		if t.today().After(r.ExtensionNoticeBy()) {
			return ErrExtensionTooLate
		}
		if r.Due, err = legaldate.ExtendedDeadline(r.Received, months); err != nil {
			return err
		}
		r.Status, r.ExtendedMonths, r.ExtensionReason, r.ExtensionSent = RequestExtended, months, reason, t.today()
		if _, err := t.exec(`UPDATE requests SET status = ?, due_on = ?, extended_months = ?,
				extension_reason = ?, extension_sent_on = ? WHERE id = ?`,
			r.Status, dateArg(r.Due), months, reason, dateArg(r.ExtensionSent), id); err != nil {
			return fmt.Errorf("extending request: %w", err)
		}
		return t.audit(AuditEdit, r.ClientID, fmt.Sprintf("request %d extended by %d months", id, months))
	})
	return r, err
}

// AnswerRequest closes a request as answered today, with outcome saying
// what was done. An objection needs the outcome: the decision and its
// reasoning, which the client may take to the Autoriteit
// Persoonsgegevens. It returns ErrIdentityNotChecked for an access,
// portability or erasure request whose requester's identity was not
// checked (see Request.IdentityRequired), and ErrRequestClosed for a
// request already answered or refused.
func (s *Store) AnswerRequest(ctx context.Context, id int64, outcome string) (Request, error) {
	return s.closeRequest(ctx, id, RequestAnswered, outcome)
}

// RefuseRequest closes a request as refused today. The reason is
// required: the client must be told why, and that they can complain to
// the Autoriteit Persoonsgegevens (AVG art. 12(4)). It returns
// ErrRequestClosed for a request already answered or refused.
func (s *Store) RefuseRequest(ctx context.Context, id int64, reason string) (Request, error) {
	if strings.TrimSpace(reason) == "" {
		return Request{}, invalid("outcome", "a refusal needs its reason: the client must be told why")
	}
	return s.closeRequest(ctx, id, RequestRefused, reason)
}

func (s *Store) closeRequest(ctx context.Context, id int64, status RequestStatus, outcome string) (Request, error) {
	var r Request
	if err := CheckText("outcome", outcome, MaxNotes); err != nil {
		return r, err
	}
	err := s.write(ctx, func(t *tx) error {
		var err error
		if r, err = t.openRequest(id); err != nil {
			return err
		}
		if status == RequestAnswered {
			if r.Kind == RequestObjection && strings.TrimSpace(outcome) == "" {
				return invalid("outcome", "an objection needs the decision and why")
			}
			if r.IdentityRequired() && !r.IdentityChecked {
				return ErrIdentityNotChecked
			}
		}
		r.Status, r.Answered, r.Outcome = status, t.today(), outcome
		if _, err := t.exec(`UPDATE requests SET status = ?, answered_on = ?, outcome = ? WHERE id = ?`,
			r.Status, dateArg(r.Answered), r.Outcome, id); err != nil {
			return fmt.Errorf("closing request: %w", err)
		}
		return t.audit(AuditEdit, r.ClientID, fmt.Sprintf("request %d %s", id, status))
	})
	return r, err
}

// AcceptObjection closes an objection (AVG art. 21) as upheld today, with
// the decision and why, and in the same transaction restricts processing
// of the client at once: the dossier becomes read-only, as SetRestriction
// makes it, until the coach lifts the restriction (for a purpose that may
// still be pursued, or once the client withdraws the objection). Without
// it the coach would close the request and go on processing what the
// client objected to. A client already restricted keeps the reason given
// before. It returns ErrRequestClosed for a request already answered or
// refused, and a ValidationError for a request of another kind or without
// the decision.
func (s *Store) AcceptObjection(ctx context.Context, requestID int64, decision string) (Request, error) {
	var r Request
	if strings.TrimSpace(decision) == "" {
		return r, invalid("outcome", "an objection needs the decision and why")
	}
	err := s.write(ctx, func(t *tx) error {
		var err error
		if r, err = t.openRequest(requestID, RequestObjection); err != nil {
			return err
		}
		r.Status, r.Answered, r.Outcome = RequestAnswered, t.today(), decision
		if _, err := t.exec(`UPDATE requests SET status = ?, answered_on = ?, outcome = ? WHERE id = ?`,
			r.Status, dateArg(r.Answered), r.Outcome, requestID); err != nil {
			return fmt.Errorf("closing request: %w", err)
		}
		if _, err := t.exec(`UPDATE clients SET restricted = 1, updated_at = ?,
				restricted_reason = CASE WHEN restricted THEN restricted_reason ELSE ? END
			WHERE id = ?`, t.stamp(), "objection upheld (art. 21): "+decision, r.ClientID); err != nil {
			return fmt.Errorf("setting restriction: %w", err)
		}
		return t.audit(AuditEdit, r.ClientID, fmt.Sprintf("request %d answered: objection upheld, restricted", requestID))
	})
	return r, err
}

// RestrictFromRequest restricts processing of the request's client (AVG
// art. 18) with reason, as SetRestriction does: the dossier is read-only
// until the restriction is lifted with SetRestriction. The request stays
// open until AnswerRequest. A client already restricted keeps the reason
// given before. It returns ErrRequestClosed for a request already answered
// or refused, and a ValidationError for a request of another kind.
func (s *Store) RestrictFromRequest(ctx context.Context, requestID int64, reason string) error {
	if err := CheckLine("restricted_reason", reason, MaxLine); err != nil {
		return err
	}
	if strings.TrimSpace(reason) == "" {
		return invalid("restricted_reason", "a restriction needs a reason")
	}
	return s.write(ctx, func(t *tx) error {
		r, err := t.openRequest(requestID, RequestRestriction)
		if err != nil {
			return err
		}
		c, err := t.client(r.ClientID)
		if err != nil || c.Restricted {
			return err
		}
		if _, err := t.exec(`UPDATE clients SET restricted = 1, restricted_reason = ?, updated_at = ?
			WHERE id = ?`, reason, t.stamp(), c.ID); err != nil {
			return fmt.Errorf("setting restriction: %w", err)
		}
		return t.audit(AuditEdit, c.ID, fmt.Sprintf("restricted (request %d)", requestID))
	})
}

// Notice is one recipient to tell of a rectification, erasure or
// restriction (AVG art. 19).
type Notice struct {
	ID        int64
	RequestID int64
	Recipient string
	// Notified is the date the recipient was told; zero while still to do.
	Notified time.Time
}

// NotifyList returns the recipients to tell of what a rectification,
// erasure or restriction request changed (AVG art. 19): exactly the
// distinct recipients of the client's disclosures up to the day the
// request was answered (today while it is open), since later disclosures
// already carried the corrected data. Recipients are told apart by their
// name, ignoring case and spacing. The list is kept with the request: a
// recipient once on it stays, with the date MarkNotified set. It returns
// ErrNotFound for an unknown request, and a ValidationError for a request
// of another kind.
//
// The list is derived from the disclosures, so new entries ride along
// with the next save (MarkNotified's, at the latest Close's) instead of
// sealing the vault each time the screen asks: lost in a crash, they are
// drawn up again from the same disclosures.
func (s *Store) NotifyList(ctx context.Context, requestID int64) ([]Notice, error) {
	var out []Notice
	err := s.writeLazy(ctx, func(t *tx) error {
		r, err := t.request(requestID)
		if err != nil {
			return err
		}
		if r.Kind != RequestRectification && r.Kind != RequestErasure && r.Kind != RequestRestriction {
			return invalid("kind", "only a rectification, erasure or restriction is passed on to recipients")
		}
		cutoff := t.today()
		if !r.Answered.IsZero() {
			cutoff = r.Answered
		}
		if out, err = t.notices(requestID); err != nil {
			return err
		}
		listed := map[string]bool{}
		for _, n := range out {
			listed[recipientKey(n.Recipient)] = true
		}
		recipients, err := t.disclosedTo(r.ClientID, cutoff)
		if err != nil {
			return err
		}
		added := 0
		for _, name := range recipients {
			if listed[recipientKey(name)] {
				continue
			}
			if _, err := t.exec("INSERT INTO request_notices (request_id, recipient) VALUES (?, ?)",
				requestID, name); err != nil {
				return fmt.Errorf("listing recipients to notify: %w", err)
			}
			added++
		}
		if added == 0 {
			return nil
		}
		if out, err = t.notices(requestID); err != nil {
			return err
		}
		return t.audit(AuditCreate, r.ClientID, fmt.Sprintf("request %d: %d recipients to notify", requestID, added))
	})
	return out, err
}

func (t *tx) notices(requestID int64) ([]Notice, error) {
	rs, err := t.query(`SELECT id, request_id, recipient, notified_on FROM request_notices
		WHERE request_id = ? ORDER BY id`, requestID)
	if err != nil {
		return nil, fmt.Errorf("listing recipients to notify: %w", err)
	}
	defer rs.Close()
	var out []Notice
	for rs.Next() {
		var n Notice
		if err := rs.Scan(&n.ID, &n.RequestID, &n.Recipient, at(&n.Notified)); err != nil {
			return nil, fmt.Errorf("listing recipients to notify: %w", err)
		}
		out = append(out, n)
	}
	return out, rs.Err()
}

// disclosedTo returns the distinct recipients of the client's disclosures
// up to and including day, in the order they first received something,
// each under the name it was first recorded with.
func (t *tx) disclosedTo(clientID int64, day time.Time) ([]string, error) {
	rs, err := t.query(`SELECT recipient FROM disclosures WHERE client_id = ? AND disclosed_on <= ?
		ORDER BY disclosed_on, id`, clientID, dateArg(day))
	if err != nil {
		return nil, fmt.Errorf("listing recipients: %w", err)
	}
	defer rs.Close()
	seen := map[string]bool{}
	var out []string
	for rs.Next() {
		var name string
		if err := rs.Scan(&name); err != nil {
			return nil, fmt.Errorf("listing recipients: %w", err)
		}
		if k := recipientKey(name); !seen[k] {
			seen[k] = true
			out = append(out, strings.TrimSpace(name))
		}
	}
	return out, rs.Err()
}

// recipientKey is how recipients are told apart: "Gemeente  Utrecht" and
// "gemeente utrecht" are one municipality, to be told once.
func recipientKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

// MarkNotified records that the recipient of a notice was told today. A
// notice already marked keeps its first date. It returns ErrNotFound for
// an unknown notice.
func (s *Store) MarkNotified(ctx context.Context, noticeID int64) error {
	return s.write(ctx, func(t *tx) error {
		var requestID, clientID int64
		var notified sql.NullString
		err := t.row(`SELECT n.request_id, r.client_id, n.notified_on FROM request_notices n
			JOIN requests r ON r.id = n.request_id WHERE n.id = ?`, noticeID).Scan(&requestID, &clientID, &notified)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil || notified.Valid {
			return err
		}
		if _, err := t.exec("UPDATE request_notices SET notified_on = ? WHERE id = ?",
			dateArg(t.today()), noticeID); err != nil {
			return fmt.Errorf("marking recipient notified: %w", err)
		}
		return t.audit(AuditEdit, clientID, fmt.Sprintf("request %d: notice %d sent", requestID, noticeID))
	})
}

// PlanErasure plans the purge an erasure request asks for: the client's
// dossier goes now, before its retention period ends (PlanPurge with
// Override). The plan says what stays: invoices under fiscal retention
// (AVG art. 17(3)(b)). Confirmed, Purge carries it out; the request goes
// with the dossier, and the tombstone is what remains of it.
//
// It returns ErrIdentityNotChecked before the requester's identity was
// checked, and ErrNoticesPending until every recipient of the client's
// data is marked notified on the request's NotifyList: after the purge
// nothing says who they were. As PlanPurge, it returns ErrOnHold under a
// legal hold, which an erasure request does not lift, and ErrRestricted
// while processing is restricted (lift it first: the client asks for
// erasure now). It returns ErrRequestClosed for a request already
// answered or refused, and a ValidationError for a request of another
// kind.
func (s *Store) PlanErasure(ctx context.Context, requestID int64) (PurgePlan, error) {
	var p PurgePlan
	err := s.read(ctx, func(t *tx) error {
		r, err := t.openRequest(requestID, RequestErasure)
		if err != nil {
			return err
		}
		if !r.IdentityChecked {
			return ErrIdentityNotChecked
		}
		recipients, err := t.disclosedTo(r.ClientID, t.today())
		if err != nil {
			return err
		}
		notices, err := t.notices(requestID)
		if err != nil {
			return err
		}
		told := map[string]bool{}
		for _, n := range notices {
			if !n.Notified.IsZero() {
				told[recipientKey(n.Recipient)] = true
			}
		}
		for _, name := range recipients {
			if !told[recipientKey(name)] {
				return ErrNoticesPending
			}
		}
		p, err = t.clientPlan(r.ClientID, PurgeOptions{Override: true})
		p.erasure = requestID
		return err
	})
	return p, err
}

// requestDeadlines returns a deadline for every request awaiting an
// answer, however far off: there are never many, and each is a promise to
// a person.
func (t *tx) requestDeadlines() ([]Deadline, error) {
	rs, err := t.query(`SELECT r.id, r.client_id, trim(c.first_name || ' ' || c.last_name), r.kind,
			r.status, r.due_on, c.restricted, ` + targetSQL + `
		FROM requests r JOIN clients c ON c.id = r.client_id
		WHERE r.status IN ('open', 'extended') ORDER BY r.due_on, r.id`)
	if err != nil {
		return nil, fmt.Errorf("listing request deadlines: %w", err)
	}
	defer rs.Close()
	var out []Deadline
	for rs.Next() {
		d := Deadline{Kind: DeadlineRequest}
		var status RequestStatus
		if err := rs.Scan(&d.ItemID, &d.ClientID, &d.Name, &d.RequestKind, &status, at(&d.Due),
			&d.Restricted, at(&d.Target)); err != nil {
			return nil, fmt.Errorf("listing request deadlines: %w", err)
		}
		d.Extended = status == RequestExtended
		d.DaysLeft = legaldate.DaysBetween(t.today(), d.Due)
		d.State = countdownState(d.DaysLeft)
		out = append(out, d)
	}
	return out, rs.Err()
}

// noticeDeadlines returns a deadline for every recipient still to be told
// of a rectification, erasure or restriction (AVG art. 19): the recipients
// NotifyList would name, less those marked told, whether or not the screen
// has drawn the list up yet. A refused request passes nothing on.
func (t *tx) noticeDeadlines() ([]Deadline, error) {
	rs, err := t.query(`SELECT r.id, r.client_id, trim(c.first_name || ' ' || c.last_name), r.kind,
			r.due_on, r.answered_on, c.restricted
		FROM requests r JOIN clients c ON c.id = r.client_id
		WHERE r.kind IN ('rectification', 'erasure', 'restriction') AND r.status != 'refused'
			AND EXISTS (SELECT 1 FROM disclosures d WHERE d.client_id = r.client_id)
		ORDER BY r.due_on, r.id`)
	if err != nil {
		return nil, fmt.Errorf("listing recipients to notify: %w", err)
	}
	type pending struct {
		d        Deadline
		answered time.Time
	}
	var reqs []pending
	for rs.Next() {
		p := pending{d: Deadline{Kind: DeadlineNotice}}
		if err := rs.Scan(&p.d.ItemID, &p.d.ClientID, &p.d.Name, &p.d.RequestKind, at(&p.d.Due),
			at(&p.answered), &p.d.Restricted); err != nil {
			rs.Close()
			return nil, fmt.Errorf("listing recipients to notify: %w", err)
		}
		reqs = append(reqs, p)
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("listing recipients to notify: %w", err)
	}
	var out []Deadline
	for _, p := range reqs {
		cutoff := t.today()
		if !p.answered.IsZero() {
			cutoff = p.answered
		}
		recipients, err := t.disclosedTo(p.d.ClientID, cutoff)
		if err != nil {
			return nil, err
		}
		notices, err := t.notices(p.d.ItemID)
		if err != nil {
			return nil, err
		}
		told := map[string]bool{}
		for _, n := range notices {
			if !n.Notified.IsZero() {
				told[recipientKey(n.Recipient)] = true
			}
		}
		for _, name := range recipients {
			if told[recipientKey(name)] {
				continue
			}
			d := p.d
			d.Ref = name
			d.DaysLeft = legaldate.DaysBetween(t.today(), d.Due)
			d.State = countdownState(d.DaysLeft)
			out = append(out, d)
		}
	}
	return out, nil
}
