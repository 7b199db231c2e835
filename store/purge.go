package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Errors a purge returns; the deadlines screen and `caseload --purge`
// branch on them.
var (
	// ErrOnHold is returned for a purge of a client under legal hold. No
	// option overrides a hold.
	ErrOnHold = errors.New("the client is under legal hold")
	// ErrNotDue is returned for a purge of what is not yet due for
	// deletion, unless PurgeOptions.Override allows it.
	ErrNotDue = errors.New("not yet due for deletion")
	// ErrPlanChanged is returned by Purge when the caseload changed since
	// the plan was made: nothing was erased, and the new plan must be
	// confirmed again.
	ErrPlanChanged = errors.New("the caseload changed since the purge was confirmed; confirm it again")
)

// PurgeOptions adjusts PlanPurge.
type PurgeOptions struct {
	// Override erases a dossier before its retention period ends, for an
	// erasure request. It never overrides a legal hold, a restriction, or
	// the fiscal retention of invoices.
	Override bool
}

// PurgePlan says what a purge will erase and what stays. The coach
// confirms it, and Purge carries out exactly this plan or nothing.
type PurgePlan struct {
	// Category is what falls due: CategoryDossier or
	// CategoryRejectedIntake for a client's dossier, CategoryInvoice for
	// invoices alone, an item category (Category.Item) for the items of
	// one client kept under it whose day has come (PlanItemPurge).
	Category Category
	// ClientID is the client; 0 in an invoice plan for the invoices of
	// clients purged earlier.
	ClientID int64
	// Name is the client's name, for the confirmation only.
	Name string
	// DueOn is the purge date (the earliest one in an invoice plan); zero
	// for a running trajectory erased by override.
	DueOn time.Time
	// Override is set when the dossier goes before it is due.
	Override bool
	// Rule is the retention rule the purge applies; InvoiceRule the
	// invoices' rule when invoices go with a dossier (Months 0 when none
	// do). A screen words them in its reader's language; the tombstone
	// records them as Policy() gives them.
	Rule, InvoiceRule Policy
	// CategoryName is an item category's name as the vault holds it (read
	// it with LocalText), for the confirmation; empty otherwise.
	CategoryName string

	// What goes with a client's dossier; of an item plan, Records,
	// Documents and Complaints count the items that go.
	Records, Documents, Appointments, Consents, Disclosures, Requests, Drafts int
	// Complaints counts the complaints of an item plan; a dossier's purge
	// takes the complaints register entries without counting them here.
	Complaints int

	// InvoicesErased is how many invoices go: those whose own retention
	// has ended.
	InvoicesErased int
	// InvoicesKept is how many invoices stay, without a link to the
	// client, until InvoicesKeptUntil (the last of their purge dates).
	InvoicesKept      int
	InvoicesKeptUntil time.Time

	invoiceIDs []int64   // the invoices that go
	items      []itemRef // the items of an item plan that go
	check      string    // what was counted, to tell whether anything changed since
	// erasure is the erasure request this plan carries out (PlanErasure),
	// whose dates the tombstone keeps as proof; 0 otherwise.
	erasure int64
}

// Policy is the rule applied as the tombstone records it, in one fixed
// form whatever the reader's language, such as "dossier: 24 months after
// trajectory end (overridden: erased before due); invoice: 84 months
// after invoice date".
func (p PurgePlan) Policy() string {
	rule := p.Rule.String()
	if p.Override {
		rule += " (overridden: erased before due)"
	}
	if p.InvoiceRule.Months > 0 {
		rule += "; " + p.InvoiceRule.String()
	}
	return rule
}

// Tombstone is the proof that a client's data were erased: the client's id,
// the categories erased, the date and the policy applied. It holds no name
// and no free text.
type Tombstone struct {
	ID         int64
	ClientID   int64 // 0 for invoices of clients purged earlier
	Categories []Category
	PurgedOn   time.Time
	Policy     string
}

// draftPrefix is the key prefix of every draft about a client; see SaveDraft.
func draftPrefix(clientID int64) string { return "client:" + strconv.FormatInt(clientID, 10) + ":" }

// Purge carries out a confirmed plan from PlanPurge, PlanInvoicePurge or
// DuePurges, in one transaction, and returns the tombstone it leaves. The
// plan is made again inside the transaction: when anything changed since
// (a record added, a hold set, a policy edited), nothing is erased and
// the error is ErrPlanChanged, or ErrOnHold, ErrRestricted or ErrNotDue
// when that is what changed.
//
// A client's dossier goes entirely: the client row, records (and their
// search index), appointments, documents, consents, disclosures, requests
// and drafts keyed to the client. Document keys leave the database at once
// (secure_delete zeroes them); the sealed files are removed after the
// vault without their keys is saved. What stays: the tombstone, an
// anonymous statistics row of a closed trajectory, the invoices still
// under fiscal retention (without the link to the client), the audit
// lines, which name the client by id only, and one more audit line of the
// purge with the id and the date.
func (s *Store) Purge(ctx context.Context, plan PurgePlan) (Tombstone, error) {
	var ts Tombstone
	// A purge compacts at once: its save is a new snapshot, never a
	// journal entry, so the erased data leaves journal/ with this save.
	err := s.writeSnapshot(ctx, func(t *tx) error {
		var cur PurgePlan
		var err error
		switch {
		case plan.Category == CategoryInvoice:
			cur, err = t.invoicePlan(plan.ClientID)
		case plan.Category.Item():
			cur, err = t.itemPlan(plan.ClientID, plan.Category)
		default:
			cur, err = t.clientPlan(plan.ClientID, PurgeOptions{Override: plan.Override})
		}
		if errors.Is(err, ErrNotFound) {
			return ErrPlanChanged
		}
		if err != nil {
			return err
		}
		if !cur.same(plan) {
			return ErrPlanChanged
		}
		if plan.erasure != 0 {
			if _, err := t.openRequest(plan.erasure, RequestErasure); err != nil {
				return ErrPlanChanged
			}
			cur.erasure = plan.erasure
		}
		ts, err = t.purge(cur)
		return err
	})
	return ts, err
}

// purgeSteps erase a client's dossier, children first and the client last,
// each table by name: the purge must not depend on PRAGMA foreign_keys and
// its cascades to reach every row (and, through the records' delete
// trigger, the search index).
var purgeSteps = []string{
	"DELETE FROM drafts WHERE substr(key, 1, length(:prefix)) = :prefix",
	"DELETE FROM request_notices WHERE request_id IN (SELECT id FROM requests WHERE client_id = :client)",
	"DELETE FROM requests WHERE client_id = :client",
	"DELETE FROM breach_clients WHERE client_id = :client",
	"DELETE FROM complaints WHERE client_id = :client",
	"DELETE FROM disclosures WHERE client_id = :client",
	"DELETE FROM consents WHERE client_id = :client",
	"DELETE FROM appointments WHERE client_id = :client",
	"DELETE FROM time_entries WHERE client_id = :client",
	"DELETE FROM trajectory_terms WHERE client_id = :client",
	"DELETE FROM attachments WHERE client_id = :client",
	"DELETE FROM records WHERE client_id = :client",
	"UPDATE invoices SET client_id = NULL WHERE client_id = :client",
	"DELETE FROM clients WHERE id = :client",
}

func (t *tx) purge(p PurgePlan) (Tombstone, error) {
	ts := Tombstone{ClientID: p.ClientID, PurgedOn: t.today(), Policy: p.Policy()}
	for _, id := range p.invoiceIDs {
		if _, err := t.exec("DELETE FROM invoice_lines WHERE invoice_id = ?", id); err != nil {
			return ts, fmt.Errorf("purging invoices: %w", err)
		}
		if _, err := t.exec("DELETE FROM invoices WHERE id = ?", id); err != nil {
			return ts, fmt.Errorf("purging invoices: %w", err)
		}
	}
	var proof erasureProof
	if p.erasure != 0 {
		var err error
		if proof, err = t.erasureRequest(p.erasure, ts.PurgedOn); err != nil {
			return ts, err
		}
	}
	switch {
	case p.Category.Item():
		ts.Categories = append(ts.Categories, p.Category)
		if err := t.purgeItems(p); err != nil {
			return ts, err
		}
	case p.Category != CategoryInvoice:
		ts.Categories = append(ts.Categories, p.Category)
		if err := t.purgeClient(p.ClientID); err != nil {
			return ts, err
		}
	}
	if p.InvoicesErased > 0 {
		ts.Categories = append(ts.Categories, CategoryInvoice)
	}
	cats := make([]string, len(ts.Categories))
	for i, c := range ts.Categories {
		cats[i] = string(c)
	}
	res, err := t.exec(`INSERT INTO tombstones (client_id, categories, purged_on, policy)
		VALUES (?, ?, ?, ?)`, ts.ClientID, strings.Join(cats, ","), dateArg(ts.PurgedOn), ts.Policy)
	if err != nil {
		return ts, fmt.Errorf("writing tombstone: %w", err)
	}
	if ts.ID, err = res.LastInsertId(); err != nil {
		return ts, err
	}
	if p.erasure != 0 {
		if err := t.keepErasureProof(ts.ID, proof); err != nil {
			return ts, err
		}
	}
	// The line's own time is the date; the detail stays empty for a
	// dossier, so the log says no more than that this id was purged.
	detail := ""
	switch {
	case p.Category == CategoryInvoice:
		detail = fmt.Sprintf("%d invoices", p.InvoicesErased)
	case p.Category.Item():
		detail = fmt.Sprintf("%s: %d records, %d documents, %d complaints", p.Category, p.Records, p.Documents,
			p.Complaints)
	}
	return ts, t.audit(AuditPurge, p.ClientID, detail)
}

func (t *tx) purgeClient(clientID int64) error {
	blobs, err := t.query("SELECT blob_id FROM attachments WHERE client_id = ?", clientID)
	if err != nil {
		return fmt.Errorf("purging documents: %w", err)
	}
	for blobs.Next() {
		var id string
		if err := blobs.Scan(&id); err != nil {
			blobs.Close()
			return fmt.Errorf("purging documents: %w", err)
		}
		t.doom(id)
	}
	blobs.Close()
	if err := blobs.Err(); err != nil {
		return fmt.Errorf("purging documents: %w", err)
	}
	if _, err := t.exec(`INSERT INTO trajectory_stats (end_year, length_days, outcome)
		SELECT `+trajectoryStatSQL+` FROM clients c WHERE c.id = ? AND `+trajectoryWhereSQL, clientID); err != nil {
		return fmt.Errorf("keeping statistics: %w", err)
	}
	for _, step := range purgeSteps {
		if _, err := t.exec(step, sql.Named("client", clientID), sql.Named("prefix", draftPrefix(clientID))); err != nil {
			return fmt.Errorf("purging client: %w", err)
		}
	}
	return nil
}

// Tombstones returns the proofs of deletion, newest first.
func (s *Store) Tombstones(ctx context.Context) ([]Tombstone, error) {
	var out []Tombstone
	err := s.read(ctx, func(t *tx) error {
		rs, err := t.query(`SELECT id, client_id, categories, purged_on, policy FROM tombstones
			ORDER BY id DESC`)
		if err != nil {
			return fmt.Errorf("listing tombstones: %w", err)
		}
		defer rs.Close()
		for rs.Next() {
			var ts Tombstone
			var cats string
			if err := rs.Scan(&ts.ID, &ts.ClientID, &cats, at(&ts.PurgedOn), &ts.Policy); err != nil {
				return fmt.Errorf("listing tombstones: %w", err)
			}
			for _, c := range strings.Split(cats, ",") {
				ts.Categories = append(ts.Categories, Category(c))
			}
			out = append(out, ts)
		}
		return rs.Err()
	})
	return out, err
}
