package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/caseload/caseload/msg"
)

// Category is what a retention policy applies to: one of the three fixed
// categories, or one the practice keeps for items of its own (see Item).
type Category string

// The fixed retention categories. A client's dossier falls under
// CategoryDossier once the trajectory is closed, or under
// CategoryRejectedIntake when the intake was turned down; every invoice
// falls under CategoryInvoice on its own.
const (
	CategoryDossier        Category = "dossier"
	CategoryRejectedIntake Category = "rejected_intake"
	CategoryInvoice        Category = "invoice"
)

// The item categories every vault starts with, from the promises of the
// statements in reference/privacy-statements; the practice edits their
// periods, adds its own (AddPolicy) and deletes those it does not use.
const (
	// CategoryApplicant: applicants not taken on, one month after the
	// procedure (studiebegeleiding §9).
	CategoryApplicant Category = "applicant"
	// CategoryCorrespondence: mail, at most two years (steunpunt).
	CategoryCorrespondence Category = "correspondence"
	// CategoryIDCopy: copies of an identity document (smallsteps).
	CategoryIDCopy Category = "id_copy"
	// CategoryRecorded: seven years after recording (mesis).
	CategoryRecorded Category = "recorded"
	// CategoryComplaint: complaints, counted from their closing.
	CategoryComplaint Category = "complaint"
)

// Categories lists the fixed retention categories, in the order settings
// show them; Policies lists every category of a vault.
var Categories = []Category{CategoryDossier, CategoryRejectedIntake, CategoryInvoice}

// Basis is the event a retention period counts from.
type Basis string

// The basis events.
const (
	// BasisTrajectoryEnd counts from the end date of a closed trajectory.
	BasisTrajectoryEnd Basis = "trajectory_end"
	// BasisRejection counts from the date an intake was turned down.
	BasisRejection Basis = "rejection"
	// BasisRecordDate counts, for the dossier, from its last entry: the
	// date of its latest record, or the trajectory end (rejection) when
	// that is later; the dossier goes as a whole. For an item category it
	// counts from the item's own date: a record's date, the day a
	// document was added, the day a complaint was received.
	BasisRecordDate Basis = "record_date"
	// BasisInvoiceDate counts from an invoice's own date.
	BasisInvoiceDate Basis = "invoice_date"
	// BasisLastContact counts from the client's last contact: the latest
	// record or appointment up to today. Item categories only.
	BasisLastContact Basis = "last_contact"
	// BasisComplaintClosed counts from the day a complaint was answered.
	// Item categories only, and only complaints can be kept under it.
	BasisComplaintClosed Basis = "complaint_closed"
)

// itemBases are the events an item category may count from.
var itemBases = []Basis{BasisRecordDate, BasisTrajectoryEnd, BasisRejection, BasisLastContact, BasisComplaintClosed}

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
	if c.Valid() {
		return itemBases
	}
	return nil
}

// categoryPattern is what a category key looks like: it is stored in
// tombstones and the audit log, so it is never free text.
var categoryPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

// Valid reports whether c is a well-formed category key; whether the
// vault knows it is for the store to say.
func (c Category) Valid() bool { return categoryPattern.MatchString(string(c)) }

// Item reports whether c is an item category: one that records, documents
// and complaints are kept under one by one, with a countdown each, rather
// than one of the three fixed categories.
func (c Category) Item() bool {
	return c.Valid() && c != CategoryDossier && c != CategoryRejectedIntake && c != CategoryInvoice
}

// basisText is how a basis reads in a policy's description; tombstones keep
// that description, so it is stored text and must not change lightly.
var basisText = map[Basis]string{
	BasisTrajectoryEnd:   "trajectory end",
	BasisRejection:       "rejection",
	BasisRecordDate:      "record date",
	BasisInvoiceDate:     "invoice date",
	BasisLastContact:     "last contact",
	BasisComplaintClosed: "complaint closed",
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
	// Name is what an item category is called, as the coach wrote it or
	// a key (DefaultName) for a shipped one, to be read with NameText;
	// empty for the three fixed categories, which every surface names.
	Name   string
	Basis  Basis
	Months int
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
	return LocalText(p.Reason, "retention.default_reason.", lang)
}

// NameText is the category's name for a reader in lang: the shipped name
// in that language, or the name the coach gave.
func (p Policy) NameText(lang string) string {
	return LocalText(p.Name, "retention.default_name.", lang)
}

// LocalText reads a text the vault holds either as written or as a key
// "default:<x>": the key becomes the catalogue's text prefix+x in lang.
func LocalText(stored, prefix, lang string) string {
	x, ok := strings.CutPrefix(stored, "default:")
	if !ok {
		return stored
	}
	if text, ok := msg.For(msg.Lang(lang)).Lookup(prefix + x); ok {
		return text
	}
	return stored
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
	if p.Category.Item() {
		if err := CheckLine("name", p.Name, MaxLine); err != nil {
			return err
		}
		if strings.TrimSpace(p.Name) == "" {
			return invalidCode("policy.name_missing", "name", "a retention category needs a name")
		}
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

const policyColumns = "category, name, basis, months, reason, updated_at"

func scanPolicy(row interface{ Scan(...any) error }) (Policy, error) {
	var p Policy
	err := row.Scan(&p.Category, &p.Name, &p.Basis, &p.Months, &p.Reason, at(&p.Updated))
	if errors.Is(err, sql.ErrNoRows) {
		return p, ErrNotFound
	}
	return p, err
}

// Policies returns the retention policy of every category: the three
// fixed ones in the order of Categories, then the item categories in the
// order they were made.
func (s *Store) Policies(ctx context.Context) ([]Policy, error) {
	var out []Policy
	err := s.read(ctx, func(t *tx) error {
		var err error
		out, err = t.policies()
		return err
	})
	return out, err
}

// policies reads every retention policy, in the order of Policies.
func (t *tx) policies() ([]Policy, error) {
	rs, err := t.query(`SELECT ` + policyColumns + ` FROM retention_policies ORDER BY position, category`)
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

// SavePolicy replaces the policy of p.Category, an existing category.
// Every change is audited with the old and the new rule; the reason and
// the name stay out of the log, which never holds free text.
func (s *Store) SavePolicy(ctx context.Context, p Policy) error {
	if !p.Category.Item() {
		p.Name = ""
	}
	if err := p.Validate(); err != nil {
		return err
	}
	return s.write(ctx, func(t *tx) error {
		old, err := t.policy(p.Category)
		if errors.Is(err, ErrNotFound) {
			return invalidValue("retention.category_unknown", "category", string(p.Category), "unknown retention category")
		}
		if err != nil {
			return err
		}
		if err := t.basisFitsItems(p); err != nil {
			return err
		}
		if _, err := t.exec(`UPDATE retention_policies SET name = ?, basis = ?, months = ?, reason = ?,
			updated_at = ? WHERE category = ?`, p.Name, p.Basis, p.Months, p.Reason, t.stamp(), p.Category); err != nil {
			return fmt.Errorf("saving retention policy: %w", err)
		}
		return t.audit(AuditEdit, 0, fmt.Sprintf("retention policy %s → %s", old, p))
	})
}

// AddPolicy adds an item category of the practice's own: p.Category is
// left empty and comes back set to a new key ("own_1", "own_2", …), as
// the tombstones and the audit log will name it. The category starts
// unused; records, documents and complaints are given it one by one.
func (s *Store) AddPolicy(ctx context.Context, p Policy) (Policy, error) {
	p.Category = "own"
	if err := p.Validate(); err != nil {
		return p, err
	}
	err := s.write(ctx, func(t *tx) error { return t.addPolicy(&p) })
	return p, err
}

// addPolicy gives an own category its new key and inserts it.
func (t *tx) addPolicy(p *Policy) error {
	var n, pos int
	if err := t.row(`SELECT coalesce(max(position), 0) + 1,
			coalesce((SELECT max(CAST(substr(category, 5) AS INTEGER)) FROM retention_policies
				WHERE category GLOB 'own_[0-9]*'), 0) + 1
		FROM retention_policies`).Scan(&pos, &n); err != nil {
		return fmt.Errorf("adding retention category: %w", err)
	}
	// A key a tombstone names is never given again: the proof of an
	// erasure must keep meaning the category it was made under.
	for ; ; n++ {
		p.Category = Category(fmt.Sprintf("own_%d", n))
		var taken bool
		if err := t.row(`SELECT EXISTS (SELECT 1 FROM retention_policies WHERE category = :c)
				OR EXISTS (SELECT 1 FROM tombstones WHERE ',' || categories || ',' LIKE '%,' || :c || ',%')`,
			sql.Named("c", p.Category)).Scan(&taken); err != nil {
			return fmt.Errorf("adding retention category: %w", err)
		}
		if !taken {
			break
		}
	}
	if _, err := t.exec(`INSERT INTO retention_policies (category, name, basis, months, reason, updated_at, position)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, p.Category, p.Name, p.Basis, p.Months, p.Reason, t.stamp(), pos); err != nil {
		return fmt.Errorf("adding retention category: %w", err)
	}
	return t.audit(AuditCreate, 0, fmt.Sprintf("retention policy %s", *p))
}

// DeletePolicy removes an item category that no record, document or
// complaint is kept under. The three fixed categories always stay.
func (s *Store) DeletePolicy(ctx context.Context, c Category) error {
	if !c.Item() {
		return invalidCode("policy.builtin", "category", "the fixed retention categories always stay")
	}
	return s.write(ctx, func(t *tx) error {
		old, err := t.policy(c)
		if err != nil {
			return err
		}
		var used int
		if err := t.row(`SELECT (SELECT count(*) FROM records WHERE retention_category = :c)
				+ (SELECT count(*) FROM attachments WHERE retention_category = :c)
				+ (SELECT count(*) FROM complaints WHERE retention_category = :c)`,
			sql.Named("c", c)).Scan(&used); err != nil {
			return fmt.Errorf("deleting retention category: %w", err)
		}
		if used > 0 {
			return invalidValue("policy.in_use", "category", string(c), "the retention category is still in use")
		}
		if _, err := t.exec("DELETE FROM retention_policies WHERE category = ?", c); err != nil {
			return fmt.Errorf("deleting retention category: %w", err)
		}
		return t.audit(AuditDelete, 0, fmt.Sprintf("retention policy %s", old))
	})
}

// basisFitsItems refuses to let an item category count from the closing
// of a complaint while records or documents are kept under it: they
// would never count down.
func (t *tx) basisFitsItems(p Policy) error {
	if p.Basis != BasisComplaintClosed {
		return nil
	}
	var n int
	if err := t.row(`SELECT (SELECT count(*) FROM records WHERE retention_category = :c)
			+ (SELECT count(*) FROM attachments WHERE retention_category = :c)`,
		sql.Named("c", p.Category)).Scan(&n); err != nil {
		return fmt.Errorf("checking retention category: %w", err)
	}
	if n > 0 {
		return invalidValue("retention.category_not_for_item", "basis", string(p.Category),
			"records or documents are kept under this category; only complaints can count from their closing")
	}
	return nil
}

// itemCategory checks that c may be given to an item of the kind: ""
// (with the dossier) always; otherwise an item category the vault knows,
// counting from the closing of a complaint only for a complaint.
func (t *tx) itemCategory(c Category, kind KeptKind) error {
	if c == "" {
		return nil
	}
	if !c.Item() {
		return invalidValue("retention.category_unknown", "retention", string(c), "unknown retention category")
	}
	p, err := t.policy(c)
	if errors.Is(err, ErrNotFound) {
		return invalidValue("retention.category_unknown", "retention", string(c), "unknown retention category")
	}
	if err != nil {
		return fmt.Errorf("checking retention category: %w", err)
	}
	if p.Basis == BasisComplaintClosed && kind != KeptComplaint {
		return invalidValue("retention.category_not_for_item", "retention", string(c),
			"this category counts from the closing of a complaint")
	}
	return nil
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
	switch {
	case p.Category.Item():
		q = itemPreviewSQL(proposed)
	case p.Category == CategoryInvoice:
		q = `WITH ` + proposed + `, ` + invoiceRetentionCTE("cur", "retention_policies", "1") + `,
			` + invoiceRetentionCTE("new", "proposed", "1")
	default:
		// Only the category's own clients can change; the others are
		// left out of both counts.
		status := "'closed'"
		if p.Category == CategoryRejectedIntake {
			status = "'rejected'"
		}
		q = `WITH ` + proposed + `, ` + retentionCTE("cur", "retention_policies", "c.status = "+status) + `,
			` + retentionCTE("new", "proposed", "c.status = "+status)
	}
	if !p.Category.Item() {
		q += ` SELECT count(*) FILTER (WHERE a.due), count(*) FILTER (WHERE b.due),
			count(*) FILTER (WHERE b.due AND NOT a.due), count(*) FILTER (WHERE a.due AND NOT b.due)
		FROM cur a JOIN new b ON b.id = a.id`
	}
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
