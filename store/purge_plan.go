package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// PlanPurge says what a purge of a client's dossier would erase. It returns
// ErrNotFound for an unknown client, ErrOnHold under a legal hold,
// ErrRestricted while processing is restricted, and ErrNotDue before the
// purge date unless o.Override. Invoices whose own retention has ended go
// with the dossier; the others stay, unlinked from the client.
func (s *Store) PlanPurge(ctx context.Context, clientID int64, o PurgeOptions) (PurgePlan, error) {
	var p PurgePlan
	err := s.read(ctx, func(t *tx) error {
		var err error
		p, err = t.clientPlan(clientID, o)
		return err
	})
	return p, err
}

// PlanInvoicePurge says what a purge of the invoices of a client (0: of
// clients purged earlier) whose fiscal retention has ended would erase. It
// returns ErrNotDue when none has, and for a client ErrNotFound, ErrOnHold
// and ErrRestricted as PlanPurge does.
func (s *Store) PlanInvoicePurge(ctx context.Context, clientID int64) (PurgePlan, error) {
	var p PurgePlan
	err := s.read(ctx, func(t *tx) error {
		var err error
		p, err = t.invoicePlan(clientID)
		return err
	})
	return p, err
}

// DuePurges returns a plan for every purge due today, earliest purge date
// first: one per client whose dossier is due, one per client (0: the
// purged clients) with invoices past their retention but a dossier not
// due, and one per client and item category with items whose day has
// come but a dossier not due. Clients under legal hold or restriction are left out; Deadlines
// still lists them.
func (s *Store) DuePurges(ctx context.Context) ([]PurgePlan, error) {
	var plans []PurgePlan
	err := s.read(ctx, func(t *tx) error {
		const dueClients = `SELECT r.id FROM cl r JOIN clients c ON c.id = r.id
			WHERE r.due AND NOT c.restricted`
		clients, err := t.ids(`WITH `+retentionCTE("cl", "retention_policies", "c.status IN ('closed', 'rejected')")+`
			`+dueClients+` ORDER BY r.purge_on, r.id`, t.todayArg())
		if err != nil {
			return fmt.Errorf("listing due purges: %w", err)
		}
		owners, err := t.ids(`WITH `+retentionCTE("cl", "retention_policies", "c.status IN ('closed', 'rejected')")+`,
			`+invoiceRetentionCTE("inv", "retention_policies", "1")+`
			SELECT coalesce(client_id, 0) FROM inv
			WHERE due AND NOT restricted AND coalesce(client_id, 0) NOT IN (`+dueClients+`)
			GROUP BY 1 ORDER BY min(purge_on), 1`, t.todayArg())
		if err != nil {
			return fmt.Errorf("listing due purges: %w", err)
		}
		for _, id := range clients {
			p, err := t.clientPlan(id, PurgeOptions{})
			if err != nil {
				return err
			}
			plans = append(plans, p)
		}
		for _, id := range owners {
			p, err := t.invoicePlan(id)
			if err != nil {
				return err
			}
			plans = append(plans, p)
		}
		items, err := t.dueItemPlans()
		plans = append(plans, items...)
		return err
	})
	sort.SliceStable(plans, func(i, j int) bool { return plans[i].DueOn.Before(plans[j].DueOn) })
	return plans, err
}

// ids collects the first column of a query.
func (t *tx) ids(q string, args ...any) ([]int64, error) {
	rs, err := t.query(q, args...)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []int64
	for rs.Next() {
		var id int64
		if err := rs.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rs.Err()
}

func (t *tx) clientPlan(clientID int64, o PurgeOptions) (PurgePlan, error) {
	p := PurgePlan{ClientID: clientID}
	var rule Policy
	var category, basis sql.NullString
	var months sql.NullInt64
	var held, due, restricted bool
	var updated string
	err := t.row(`WITH `+retentionCTE("cl", "retention_policies", "c.id = :client")+`
		SELECT trim(c.first_name || ' ' || c.last_name), r.category, r.basis, r.months, r.purge_on,
			r.held, r.due, c.restricted, c.updated_at
		FROM cl r JOIN clients c ON c.id = r.id`, sql.Named("client", clientID), t.todayArg()).Scan(&p.Name, &category, &basis,
		&months, at(&p.DueOn), &held, &due, &restricted, &updated)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return p, ErrNotFound
	case err != nil:
		return p, fmt.Errorf("planning purge: %w", err)
	case held:
		return p, ErrOnHold
	case restricted:
		return p, ErrRestricted
	case !due && !o.Override:
		return p, ErrNotDue
	}
	p.Override = !due
	if category.Valid {
		rule = Policy{Category: Category(category.String), Basis: Basis(basis.String), Months: int(months.Int64)}
	} else if rule, err = t.policy(CategoryDossier); err != nil { // a running trajectory
		return p, fmt.Errorf("planning purge: %w", err)
	}
	p.Category, p.Rule = rule.Category, rule

	// The highest ids go into the check: a row added and another deleted
	// since the plan leave the counts as they were, not the highest id.
	var check string
	err = t.row(`SELECT
			(SELECT count(*) FROM records WHERE client_id = :client),
			(SELECT count(*) FROM attachments WHERE client_id = :client),
			(SELECT count(*) FROM appointments WHERE client_id = :client),
			(SELECT count(*) FROM consents WHERE client_id = :client),
			(SELECT count(*) FROM disclosures WHERE client_id = :client),
			(SELECT count(*) FROM requests WHERE client_id = :client),
			(SELECT count(*) FROM drafts WHERE substr(key, 1, length(:prefix)) = :prefix),
			concat_ws('/', :updated,
				(SELECT max(id) FROM records WHERE client_id = :client),
				(SELECT max(id) FROM attachments WHERE client_id = :client),
				(SELECT max(id) FROM appointments WHERE client_id = :client),
				(SELECT max(id) FROM consents WHERE client_id = :client),
				(SELECT max(id) FROM disclosures WHERE client_id = :client),
				(SELECT max(id) FROM requests WHERE client_id = :client),
				(SELECT max(updated_at) FROM drafts WHERE substr(key, 1, length(:prefix)) = :prefix))`,
		sql.Named("client", clientID), sql.Named("prefix", draftPrefix(clientID)),
		sql.Named("updated", updated)).Scan(&p.Records, &p.Documents, &p.Appointments, &p.Consents,
		&p.Disclosures, &p.Requests, &p.Drafts, &check)
	if err != nil {
		return p, fmt.Errorf("planning purge: %w", err)
	}
	if _, err := t.planInvoices(&p, "i.client_id = :client"); err != nil {
		return p, err
	}
	if p.InvoicesErased > 0 {
		inv, err := t.policy(CategoryInvoice)
		if err != nil {
			return p, fmt.Errorf("planning purge: %w", err)
		}
		p.InvoiceRule = inv
	}
	p.check = check + "|" + p.check
	return p, nil
}

// planInvoices adds the invoices matching filter (SQL over i, :client
// bound) to p: those past their retention go, the others stay. It sets
// p.check to what it counted and returns the earliest purge date of those
// that go.
func (t *tx) planInvoices(p *PurgePlan, filter string) (earliest time.Time, err error) {
	rs, err := t.query(`WITH `+invoiceRetentionCTE("inv", "retention_policies", filter)+`
		SELECT id, purge_on, purge_on <= :today FROM inv ORDER BY id`,
		sql.Named("client", p.ClientID), t.todayArg())
	if err != nil {
		return earliest, fmt.Errorf("planning purge: %w", err)
	}
	defer rs.Close()
	var ids []string
	for rs.Next() {
		var id int64
		var on time.Time
		var gone bool
		if err := rs.Scan(&id, at(&on), &gone); err != nil {
			return earliest, fmt.Errorf("planning purge: %w", err)
		}
		if !gone {
			p.InvoicesKept++
			if on.After(p.InvoicesKeptUntil) {
				p.InvoicesKeptUntil = on
			}
			continue
		}
		if p.InvoicesErased == 0 || on.Before(earliest) {
			earliest = on
		}
		p.InvoicesErased++
		p.invoiceIDs = append(p.invoiceIDs, id)
		ids = append(ids, strconv.FormatInt(id, 10))
	}
	p.check = fmt.Sprintf("invoices %s kept %d", strings.Join(ids, ","), p.InvoicesKept)
	return earliest, rs.Err()
}

func (t *tx) invoicePlan(clientID int64) (PurgePlan, error) {
	p := PurgePlan{Category: CategoryInvoice, ClientID: clientID}
	filter := "i.client_id IS NULL"
	if clientID != 0 {
		filter = "i.client_id = :client"
		var err error
		if p.Name, err = t.purgeableClient(clientID); err != nil {
			return p, err
		}
	}
	var err error
	if p.DueOn, err = t.planInvoices(&p, filter); err != nil {
		return p, err
	}
	if p.InvoicesErased == 0 {
		return p, ErrNotDue
	}
	inv, err := t.policy(CategoryInvoice)
	if err != nil {
		return p, fmt.Errorf("planning purge: %w", err)
	}
	p.Rule = inv
	return p, nil
}

// same reports whether q plans exactly what p does.
func (p PurgePlan) same(q PurgePlan) bool {
	return p.Category == q.Category && p.ClientID == q.ClientID && p.DueOn.Equal(q.DueOn) &&
		p.Override == q.Override && p.Policy() == q.Policy() && p.Records == q.Records &&
		p.Documents == q.Documents && p.Appointments == q.Appointments &&
		p.Consents == q.Consents && p.Disclosures == q.Disclosures && p.Requests == q.Requests &&
		p.Drafts == q.Drafts && p.Complaints == q.Complaints && p.InvoicesErased == q.InvoicesErased &&
		p.InvoicesKept == q.InvoicesKept && p.InvoicesKeptUntil.Equal(q.InvoicesKeptUntil) &&
		p.check == q.check
}
