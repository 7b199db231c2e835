package tui

import (
	"context"
	"time"

	"github.com/caseload/caseload/store"
	dossierfile "github.com/caseload/caseload/store/dossier"
)

// Store is what the screens need of an open caseload: a subset of
// *store.Store's methods with the exact same signatures, so cmd can pass a
// *store.Store as is. Keeping the subset here lets the screens be tested
// against a small fake and keeps SQL out of this package.
type Store interface {
	// ListClients returns every client as a caseload row, by name.
	ListClients(ctx context.Context) ([]store.ClientRow, error)
	// Client returns one client and logs the view.
	Client(ctx context.Context, id int64) (store.Client, error)
	// ClientBreaches returns the breaches that affect a client.
	ClientBreaches(ctx context.Context, clientID int64) ([]store.Breach, error)
	// CreateClient adds a client; the result carries the new id.
	CreateClient(ctx context.Context, c store.Client) (store.Client, error)
	// UpdateClient saves an edited client.
	UpdateClient(ctx context.Context, c store.Client) (store.Client, error)

	// Records returns a client's records, newest first, of the given kinds
	// (all kinds when none are given); special-category bodies are "".
	Records(ctx context.Context, clientID int64, kinds ...store.RecordKind) ([]store.Record, error)
	// Record returns one record, its body masked when special-category.
	Record(ctx context.Context, id int64) (store.Record, error)
	// RevealRecord returns a record with its body and logs the reveal of
	// a special-category record.
	RevealRecord(ctx context.Context, id int64) (store.Record, error)
	// SaveRecord adds (ID 0) or replaces a record.
	SaveRecord(ctx context.Context, r store.Record) (store.Record, error)
	// DeleteRecord removes a record.
	DeleteRecord(ctx context.Context, id int64) error

	// Appointments returns a client's appointments, earliest first.
	Appointments(ctx context.Context, clientID int64) ([]store.Appointment, error)
	// SaveAppointment adds (ID 0) or replaces an appointment.
	SaveAppointment(ctx context.Context, a store.Appointment) (store.Appointment, error)
	// DeleteAppointment removes an appointment.
	DeleteAppointment(ctx context.Context, id int64) error

	// Attachments returns a client's documents, newest first.
	Attachments(ctx context.Context, clientID int64) ([]store.Attachment, error)
	// RevealAttachment returns a document with its name, logging the
	// reveal of a special-category one.
	RevealAttachment(ctx context.Context, id int64) (store.Attachment, error)
	// AddAttachment seals data into the vault as a document of the client.
	AddAttachment(ctx context.Context, a store.Attachment, data []byte) (store.Attachment, error)
	// AttachmentData returns a document's contents and logs the export.
	AttachmentData(ctx context.Context, id int64) (store.Attachment, []byte, error)
	// DeleteAttachment removes a document; its sealed file becomes
	// unreadable at once.
	DeleteAttachment(ctx context.Context, id int64) error

	// Search finds clients by name and records by text across the caseload.
	Search(ctx context.Context, query string, limit int) ([]store.Hit, error)
	// Audit returns a client's audit lines, newest first.
	Audit(ctx context.Context, clientID int64, limit int) ([]store.AuditEntry, error)

	// SaveDraft keeps typed text under key until it is deleted.
	SaveDraft(ctx context.Context, key, text string) error
	// Draft returns the text saved under key, "" when there is none.
	Draft(ctx context.Context, key string) (string, error)
	// DeleteDraft forgets the text saved under key.
	DeleteDraft(ctx context.Context, key string) error
	// LogUnlock writes the unlock to the audit log.
	LogUnlock(ctx context.Context) error
	// Save seals pending changes to disk, if there are any.
	Save(ctx context.Context) error
	// Close seals pending changes, then drops the database from memory.
	Close() error

	retentionStore
	rightsStore
	agendaStore
	exportStore
	paperStore
	cardStore
	fieldStore
	templateStore
	importStore
	Vault
}

// Backend opens and creates vaults; cmd implements it over crypt and store.
// Its methods are slow (key derivation, disk) and are only ever called from
// a tea.Cmd.
type Backend interface {
	// VaultExists reports whether the vault directory holds a vault.
	VaultExists() (bool, error)
	// Create makes a new vault sealed with passphrase and returns the
	// recovery key, which the screens show exactly once. The screen wipes
	// passphrase once Create returns.
	Create(passphrase []byte) (recoveryKey string, s Store, err error)
	// Unlock opens the existing vault. A vault bound to a security key
	// talks with the coach through keys while its plugin runs. The screen
	// wipes passphrase once Unlock returns.
	Unlock(passphrase []byte, keys KeyUI) (Store, error)
	// SuggestPassphrase offers a strong passphrase (six random words)
	// when the coach's is refused.
	SuggestPassphrase() string
	// Classify tells the screens which sentence to show for an error from
	// Create, Unlock or any Store method.
	Classify(err error) Problem
	// VaultDir is the vault's directory, for the status line.
	VaultDir() string
}

// Problem is the kind of failure a coach must be told about; each has its
// own sentence saying what happened and what to do.
type Problem int

// The problems Backend.Classify can report.
const (
	// ProblemNone means there was no error.
	ProblemNone Problem = iota
	// ProblemWrongPassphrase: the passphrase does not open the vault.
	ProblemWrongPassphrase
	// ProblemNotVault: the directory holds something that is not a vault.
	ProblemNotVault
	// ProblemDamaged: the vault file is damaged (truncated, MAC failure).
	ProblemDamaged
	// ProblemInUse: another process has the vault open.
	ProblemInUse
	// ProblemChangedOnDisk: the vault file changed since it was opened;
	// the change went to a conflict copy.
	ProblemChangedOnDisk
	// ProblemDiskFull: there is no room to write the vault.
	ProblemDiskFull
	// ProblemNotSaved: a change is kept in memory but not on disk.
	ProblemNotSaved
	// ProblemInvalid: a value the coach typed is not acceptable.
	ProblemInvalid
	// ProblemNotFound: the item no longer exists.
	ProblemNotFound
	// ProblemIdentityDamaged: identity.age, the vault's key, is damaged
	// or missing; the recovery key makes a new one.
	ProblemIdentityDamaged
	// ProblemDocumentDamaged: one document's sealed file is damaged or
	// missing; the rest of the vault is sound.
	ProblemDocumentDamaged
	// ProblemKeyPluginMissing: the vault needs its security key, but the
	// key's age plugin is not installed.
	ProblemKeyPluginMissing
	// ProblemKeyAbsent: the plugin found no security key.
	ProblemKeyAbsent
	// ProblemWrongKey: the security key is not one bound to the vault.
	ProblemWrongKey
	// ProblemKeyTimeout: the security key did not answer in time.
	ProblemKeyTimeout
	// ProblemKeyFailed: the security key's plugin stopped unexpectedly.
	ProblemKeyFailed
	// ProblemOther: anything else.
	ProblemOther
	// ProblemRolledBack: the vault is older than the one this laptop last
	// saved; nothing may be written on it until the coach chooses (see
	// OlderVault).
	ProblemRolledBack
)

// OlderVault is what a Backend offers after Unlock refused a vault older
// than the one this laptop last saved (ProblemRolledBack): the coach
// chooses to take it as current, or to read it without saving anything.
// (The third choice, the newest backup, is a command: `caseload restore`.)
type OlderVault interface {
	// AcceptOlder takes the refused vault as current and returns it open.
	AcceptOlder() (Store, error)
	// ReadOlder returns it open as it is; every change is refused.
	ReadOlder() (Store, error)
}

// Config is what cmd passes to New.
type Config struct {
	// Backend opens and creates the vault.
	Backend Backend
	// Lang is the language of every text; see DetectLang.
	Lang Lang
	// Clock tells the time; nil means time.Now. Tests pass a fixed clock.
	Clock func() time.Time
	// IdleLock is how long without a key press locks the vault; 0 means
	// five minutes.
	IdleLock time.Duration
	// UnlockHint is shown, muted, under the passphrase field of the unlock
	// screen: the demo vault tells its passphrase there. Never put a real
	// vault's passphrase in it.
	UnlockHint string
}

// defaultIdleLock is DESIGN.md's auto-lock default.
const defaultIdleLock = 5 * time.Minute

// exportStore is what the export screen needs beyond the dossier: cmd's
// session implements it over store/dossier and crypt, so this package
// never sees age.
type exportStore interface {
	// ExportDossier writes a client's dossier as r asks and logs it; the
	// passphrase in the result is to be shown once.
	ExportDossier(ctx context.Context, clientID int64, r dossierfile.Request) (dossierfile.Result, error)
	// CheckPublicKey tells whether key is an age public key; it wraps
	// dossierfile.ErrBadPublicKey.
	CheckPublicKey(key string) error
}

// importStore is what the import screen needs: cmd's session implements
// it over store/dossier and crypt, so this package never sees age.
type importStore interface {
	// ImportFile imports a dossier (.zip.age, .zip) or a client list
	// (.csv) in one transaction. secret opens a sealed dossier: its
	// passphrase, or the path of the key file. Without one a sealed
	// dossier wraps dossierfile.ErrNeedsSecret (and ErrNeedsKey for a
	// key); a secret that does not fit wraps ErrWrongSecret.
	ImportFile(ctx context.Context, path, secret, lang string) (dossierfile.ImportSummary, error)
}

// retentionStore is what the deadlines, purge and settings screens and the
// retention part of the client screen need of the store: a subset of
// *store.Store's methods with the same signatures. It is its own interface,
// embedded in Store, so the retention screens can be read (and faked)
// apart from the dossier's.
type retentionStore interface {
	// Register is the record of processing activities (AVG art. 30).
	Register(ctx context.Context) (store.RegisterFacts, error)
	// Deadlines returns everything due, soonest first across the kinds.
	Deadlines(ctx context.Context) ([]store.Deadline, error)
	// DueCount returns how many dossiers are due for deletion today: those
	// a purge erases, and apart those it may not while restricted.
	DueCount(ctx context.Context) (store.DueCounts, error)
	// ImageSize is the size in bytes of the caseload as last loaded or
	// saved, before encryption.
	ImageSize() int64
	// PlanPurge says what a purge of a client's dossier would erase.
	PlanPurge(ctx context.Context, clientID int64, o store.PurgeOptions) (store.PurgePlan, error)
	// PlanInvoicePurge says what a purge of a client's invoices (0: of
	// clients purged earlier) would erase.
	PlanInvoicePurge(ctx context.Context, clientID int64) (store.PurgePlan, error)
	// Purge carries out a confirmed plan, or nothing when anything
	// changed since (store.ErrPlanChanged).
	Purge(ctx context.Context, plan store.PurgePlan) (store.Tombstone, error)
	// SetHold puts a client under legal hold, or lifts it.
	SetHold(ctx context.Context, id int64, hold bool, reason string, until time.Time) error
	// SetRestriction restricts processing of a client, or lifts it.
	SetRestriction(ctx context.Context, id int64, restricted bool, reason string) error

	// Policies returns the retention policy of every category.
	Policies(ctx context.Context) ([]store.Policy, error)
	// SavePolicy replaces the policy of p.Category.
	SavePolicy(ctx context.Context, p store.Policy) error
	// PreviewPolicy tells what p would make due today; nothing is saved.
	PreviewPolicy(ctx context.Context, p store.Policy) (store.PolicyImpact, error)
	// Practice returns the practice's own details.
	Practice(ctx context.Context) (store.Practice, error)
	// SavePractice stores the practice's own details.
	SavePractice(ctx context.Context, p store.Practice) error
	// AnswerTarget and SetAnswerTarget read and set the practice's own
	// target for answering rights requests, in days (0: none).
	AnswerTarget(ctx context.Context) (int, error)
	SetAnswerTarget(ctx context.Context, days int) error
	// Processors, SaveProcessor and DeleteProcessor keep the practice's
	// processors (AVG art. 28).
	Processors(ctx context.Context) ([]store.Processor, error)
	SaveProcessor(ctx context.Context, p store.Processor) (store.Processor, error)
	DeleteProcessor(ctx context.Context, id int64) error
	// Statistics returns the anonymous trajectory counts per end year.
	Statistics(ctx context.Context) ([]store.YearStats, error)
}

// Vault is what the screens need of the vault behind the store: the older
// versions crypt keeps in backups/. A purge erases a client from the
// caseload, but those versions still hold the client until rotation drops
// them; the purge confirmation says so and offers to drop them now. cmd
// implements it on the session it hands out as the Store.
type Vault interface {
	// Backups describes the older versions kept in backups/.
	Backups() (BackupInfo, error)
	// DropBackups deletes every older version and returns how many it
	// deleted; the vault itself is untouched.
	DropBackups() (int, error)
}

// BackupInfo describes the older versions of the vault in backups/.
type BackupInfo struct {
	// Count is how many older versions there are.
	Count int
	// Oldest is when the oldest of them was set aside.
	Oldest time.Time
	// KeptUntil is the day rotation drops, at the latest, a version set
	// aside today — provided enough newer versions have been saved by
	// then (crypt keeps the last 20 whatever their age).
	KeptUntil time.Time
}

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
