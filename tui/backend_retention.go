package tui

import (
	"context"
	"time"

	"github.com/caseload/caseload/store"
)

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
	// DueCount returns how many dossiers are due for deletion today.
	DueCount(ctx context.Context) (int, error)
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
