package tui

import (
	"context"

	"github.com/caseload/caseload/store"
)

// rightsStore is what the rights desk needs of the store: requests,
// consents, disclosures and the breach register, with the signatures of
// *store.Store. Like retentionStore it is embedded in Store, so the rights
// screens can be read and faked apart from the dossier's.
type rightsStore interface {
	// Requests returns a client's rights requests, the latest first.
	Requests(ctx context.Context, clientID int64) ([]store.Request, error)
	// Request returns one request.
	Request(ctx context.Context, id int64) (store.Request, error)
	// AddRequest records a request; the store sets its due date.
	AddRequest(ctx context.Context, r store.Request) (store.Request, error)
	// UpdateRequest corrects a request's kind, receipt, channel, identity
	// check and notes.
	UpdateRequest(ctx context.Context, r store.Request) (store.Request, error)
	// AnswerRequest closes a request as answered today.
	AnswerRequest(ctx context.Context, id int64, outcome string) (store.Request, error)
	// Complaints and SaveComplaint keep a client's complaints about the
	// handling of their data.
	Complaints(ctx context.Context, clientID int64) ([]store.Complaint, error)
	SaveComplaint(ctx context.Context, c store.Complaint) (store.Complaint, error)
	// Recipients returns the practice's list of recipients.
	Recipients(ctx context.Context) ([]store.Recipient, error)
	// AcceptObjection upholds an objection today and restricts the client.
	AcceptObjection(ctx context.Context, id int64, decision string) (store.Request, error)
	// RefuseRequest closes a request as refused today, with the reason.
	RefuseRequest(ctx context.Context, id int64, reason string) (store.Request, error)
	// ExtendRequest extends the period to answer by one or two months.
	ExtendRequest(ctx context.Context, id int64, months int, reason string) (store.Request, error)
	// RestrictFromRequest restricts processing of the request's client.
	RestrictFromRequest(ctx context.Context, requestID int64, reason string) error
	// NotifyList returns the recipients to tell of a rectification,
	// erasure or restriction (AVG art. 19).
	NotifyList(ctx context.Context, requestID int64) ([]store.Notice, error)
	// MarkNotified records that a recipient was told today.
	MarkNotified(ctx context.Context, noticeID int64) error
	// PlanErasure plans the purge an erasure request asks for.
	PlanErasure(ctx context.Context, requestID int64) (store.PurgePlan, error)

	// Consents returns a client's consents, withdrawn ones included.
	Consents(ctx context.Context, clientID int64) ([]store.Consent, error)
	// AddConsent records a consent.
	AddConsent(ctx context.Context, c store.Consent) (store.Consent, error)
	// WithdrawConsent records that a consent is withdrawn today.
	WithdrawConsent(ctx context.Context, consentID int64) (store.Consent, error)
	// WithdrawConsentFromRequest withdraws the consent a withdrawal
	// request names.
	WithdrawConsentFromRequest(ctx context.Context, requestID, consentID int64) (store.Consent, error)
	// Disclosures returns what was given to whom, the latest first.
	Disclosures(ctx context.Context, clientID int64) ([]store.Disclosure, error)
	// AddDisclosure records a disclosure.
	AddDisclosure(ctx context.Context, d store.Disclosure) (store.Disclosure, error)

	// Breaches returns the breach register, the latest discovered first.
	Breaches(ctx context.Context) ([]store.Breach, error)
	// AddBreach records a breach.
	AddBreach(ctx context.Context, b store.Breach) (store.Breach, error)
	// UpdateBreach stores what became known of a breach.
	UpdateBreach(ctx context.Context, b store.Breach) (store.Breach, error)
}
