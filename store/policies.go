package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/caseload/caseload/msg"
)

// Category is what a retention policy applies to.
type Category string

// The retention categories. A client's dossier falls under CategoryDossier
// once the trajectory is closed, or under CategoryRejectedIntake when the
// intake was turned down; every invoice falls under CategoryInvoice on its own.
const (
	CategoryDossier        Category = "dossier"
	CategoryRejectedIntake Category = "rejected_intake"
	CategoryInvoice        Category = "invoice"
)

// Categories lists every retention category, in the order settings show them.
var Categories = []Category{CategoryDossier, CategoryRejectedIntake, CategoryInvoice}

// Basis is the event a retention period counts from.
type Basis string

// The basis events.
const (
	// BasisTrajectoryEnd counts from the end date of a closed trajectory.
	BasisTrajectoryEnd Basis = "trajectory_end"
	// BasisRejection counts from the date an intake was turned down.
	BasisRejection Basis = "rejection"
	// BasisRecordDate counts from the dossier's last entry: the date of its
	// latest record, or the trajectory end (rejection) when that is later.
	// The dossier goes as a whole; a record is never purged on its own.
	BasisRecordDate Basis = "record_date"
	// BasisInvoiceDate counts from an invoice's own date.
	BasisInvoiceDate Basis = "invoice_date"
)

// Bases returns the basis events a policy of category c may count from.
func (c Category) Bases() []Basis {
	switch c {
	case CategoryDossier:
		return []Basis{BasisTrajectoryEnd, BasisRecordDate}
	case CategoryRejectedIntake:
		return []Basis{BasisRejection, BasisRecordDate}
	case CategoryInvoice:
		return []Basis{BasisInvoiceDate}
	}
	return nil
}

// Valid reports whether c is a known category.
func (c Category) Valid() bool { return len(c.Bases()) > 0 }

// basisText is how a basis reads in a policy's description; tombstones keep
// that description, so it is stored text and must not change lightly.
var basisText = map[Basis]string{
	BasisTrajectoryEnd: "trajectory end",
	BasisRejection:     "rejection",
	BasisRecordDate:    "record date",
	BasisInvoiceDate:   "invoice date",
}

// minInvoiceMonths is the fiscal retention duty (art. 52 AWR): no policy may
// let an invoice go sooner.
const minInvoiceMonths = 84

// maxPolicyMonths caps a period at a hundred years: longer is a typo.
const maxPolicyMonths = 1200

// Policy is how long one category is kept: Months after the Basis event.
// Years are twelve months.
type Policy struct {
	Category Category
	Basis    Basis
	Months   int
	// Reason is why the practice keeps data this long; the access report
	// and the processing register quote it. A reason still as shipped is a
	// key (DefaultReason), to be read with ReasonText.
	Reason  string
	Updated time.Time
}

// DefaultReason is how the vault holds the shipped reason of a category:
// a key, not a sentence, so that a Dutch register and an English dossier
// each quote it in their own language.
func DefaultReason(c Category) string { return "default:" + string(c) }

// ReasonText is the policy's reason for a reader in lang ("nl" or "en"):
// the shipped default in that language, or the reason the coach wrote.
func (p Policy) ReasonText(lang string) string {
	cat, ok := strings.CutPrefix(p.Reason, "default:")
	if !ok {
		return p.Reason
	}
	if text, ok := msg.For(msg.Lang(lang)).Lookup("retention.default_reason." + cat); ok {
		return text
	}
	return p.Reason
}

// String describes the rule as a tombstone records it, for example
// "dossier: 24 months after trajectory end".
func (p Policy) String() string {
	unit := "months"
	if p.Months == 1 {
		unit = "month"
	}
	return fmt.Sprintf("%s: %d %s after %s", p.Category, p.Months, unit, basisText[p.Basis])
}

// Validate reports the first field that a coach must correct.
func (p Policy) Validate() error {
	if err := p.validateRule(); err != nil {
		return err
	}
	if err := CheckText("reason", p.Reason, MaxNotes); err != nil {
		return err
	}
	if strings.TrimSpace(p.Reason) == "" {
		return invalid("reason", "a retention policy needs a reason")
	}
	return nil
}

// validateRule checks everything but the reason: a preview is asked for
// while the coach is still choosing the period, before the reason is typed.
func (p Policy) validateRule() error {
	switch {
	case !p.Category.Valid():
		return invalid("category", fmt.Sprintf("unknown retention category %q", p.Category))
	case !p.basisFits():
		return invalid("basis", fmt.Sprintf("%s cannot count from %q", p.Category, p.Basis))
	case p.Months < 1 || p.Months > maxPolicyMonths:
		return invalid("months", fmt.Sprintf("the period must be between 1 and %d months", maxPolicyMonths))
	case p.Category == CategoryInvoice && p.Months < minInvoiceMonths:
		return invalid("months", "invoices must be kept at least seven years (84 months), the fiscal retention duty")
	}
	return nil
}

func (p Policy) basisFits() bool {
	for _, b := range p.Category.Bases() {
		if p.Basis == b {
			return true
		}
	}
	return false
}

// PolicyImpact is what changing a policy would do today. For the dossier
// and rejected-intake categories it counts clients, for invoices it counts
// invoices. Clients on legal hold are never due and are not counted.
type PolicyImpact struct {
	Category Category
	// DueNow is how many are due for deletion (due today or overdue) under
	// the policy as it stands.
	DueNow int
	// DueAfter is how many would be due under the proposed policy.
	DueAfter int
	// NewlyDue is how many the change moves into "due".
	NewlyDue int
	// NoLongerDue is how many the change moves out of "due".
	NoLongerDue int
}

const policyColumns = "category, basis, months, reason, updated_at"

func scanPolicy(row interface{ Scan(...any) error }) (Policy, error) {
	var p Policy
	err := row.Scan(&p.Category, &p.Basis, &p.Months, &p.Reason, at(&p.Updated))
	if errors.Is(err, sql.ErrNoRows) {
		return p, ErrNotFound
	}
	return p, err
}

// Policies returns the retention policy of every category, in the order of
// Categories.
func (s *Store) Policies(ctx context.Context) ([]Policy, error) {
	var out []Policy
	err := s.read(ctx, func(t *tx) error {
		var err error
		out, err = t.policies()
		return err
	})
	return out, err
}

// policies reads every retention policy, in the order of Categories.
func (t *tx) policies() ([]Policy, error) {
	rs, err := t.query(`SELECT ` + policyColumns + ` FROM retention_policies
		ORDER BY CASE category WHEN 'dossier' THEN 1 WHEN 'rejected_intake' THEN 2 ELSE 3 END`)
	if err != nil {
		return nil, fmt.Errorf("listing retention policies: %w", err)
	}
	defer rs.Close()
	var out []Policy
	for rs.Next() {
		p, err := scanPolicy(rs)
		if err != nil {
			return nil, fmt.Errorf("listing retention policies: %w", err)
		}
		out = append(out, p)
	}
	return out, rs.Err()
}

func (t *tx) policy(c Category) (Policy, error) {
	return scanPolicy(t.row("SELECT "+policyColumns+" FROM retention_policies WHERE category = ?", c))
}

// SavePolicy replaces the policy of p.Category. Every change is audited
// with the old and the new rule; the reason stays out of the log, which
// never holds free text.
func (s *Store) SavePolicy(ctx context.Context, p Policy) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.write(ctx, func(t *tx) error {
		old, err := t.policy(p.Category)
		if err != nil {
			return err
		}
		if _, err := t.exec(`UPDATE retention_policies SET basis = ?, months = ?, reason = ?,
			updated_at = ? WHERE category = ?`, p.Basis, p.Months, p.Reason, t.stamp(), p.Category); err != nil {
			return fmt.Errorf("saving retention policy: %w", err)
		}
		return t.audit(AuditEdit, 0, fmt.Sprintf("retention policy %s → %s", old, p))
	})
}

// PreviewPolicy tells how many clients (invoices, for the invoice category)
// would be due for deletion today under p instead of the policy now in
// force. Nothing is saved; p needs no reason yet.
func (s *Store) PreviewPolicy(ctx context.Context, p Policy) (PolicyImpact, error) {
	im := PolicyImpact{Category: p.Category}
	if err := p.validateRule(); err != nil {
		return im, err
	}
	// The proposed policies are the stored ones with p in place of its
	// category; both sets are counted over the same rows in one statement.
	proposed := `proposed (category, basis, months) AS (
			SELECT category, basis, months FROM retention_policies WHERE category != :category
			UNION ALL SELECT :category, :basis, :months)`
	var q string
	if p.Category == CategoryInvoice {
		q = `WITH ` + proposed + `, ` + invoiceRetentionCTE("cur", "retention_policies", "1") + `,
			` + invoiceRetentionCTE("new", "proposed", "1")
	} else {
		// Only the category's own clients can change; the others are
		// left out of both counts.
		status := "'closed'"
		if p.Category == CategoryRejectedIntake {
			status = "'rejected'"
		}
		q = `WITH ` + proposed + `, ` + retentionCTE("cur", "retention_policies", "c.status = "+status) + `,
			` + retentionCTE("new", "proposed", "c.status = "+status)
	}
	q += ` SELECT count(*) FILTER (WHERE a.due), count(*) FILTER (WHERE b.due),
			count(*) FILTER (WHERE b.due AND NOT a.due), count(*) FILTER (WHERE a.due AND NOT b.due)
		FROM cur a JOIN new b ON b.id = a.id`
	err := s.read(ctx, func(t *tx) error {
		err := t.row(q, sql.Named("category", p.Category), sql.Named("basis", p.Basis),
			sql.Named("months", p.Months), t.todayArg()).Scan(
			&im.DueNow, &im.DueAfter, &im.NewlyDue, &im.NoLongerDue)
		if err != nil {
			return fmt.Errorf("previewing retention policy: %w", err)
		}
		return nil
	})
	return im, err
}
