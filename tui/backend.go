package tui

import (
	"context"
	"time"

	"github.com/caseload/caseload/store"
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
