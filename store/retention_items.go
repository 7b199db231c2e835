package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Items kept under a category of their own. A record, a document or a
// complaint that names an item category counts down by itself, from the
// event its category says, and goes on its own when its day comes: an
// applicant's CV a month after the procedure, a mail two years after it
// was sent, while the dossier stays. The dossier's purge still takes
// every item with it: a period in a statement is a most, never a least.
// Items without a category go with the dossier, as they always did.

// KeptKind is the kind of item an item category can keep.
type KeptKind string

// The kinds of item kept under a category of their own.
const (
	KeptRecord    KeptKind = "record"
	KeptDocument  KeptKind = "document"
	KeptComplaint KeptKind = "complaint"
)

// itemsSQL lists every item kept under an item category: its kind, id,
// client, category, the day it was recorded, the day it was closed (a
// complaint's answer) and how it is named; a special-category record or
// document has no name here, so no list shows what it masks.
const itemsSQL = `
	SELECT 'record' AS kind, id, client_id, retention_category AS category, record_date AS recorded_on,
		NULL AS closed_on, CASE WHEN special THEN '' ELSE title END AS ref
	FROM records WHERE retention_category != ''
	UNION ALL
	SELECT 'document', id, client_id, retention_category, date(added_at), NULL,
		CASE WHEN special THEN '' ELSE name END
	FROM attachments WHERE retention_category != ''
	UNION ALL
	SELECT 'complaint', id, client_id, retention_category, received_on, answered_on, subject
	FROM complaints WHERE retention_category != ''`

// lastContactSQL is the client c's last contact up to :today: the date of
// the latest record or appointment.
const lastContactSQL = `(SELECT max(d) FROM (
		SELECT max(record_date) AS d FROM records WHERE client_id = c.id AND record_date <= :today
		UNION ALL
		SELECT max(date(starts_at)) FROM appointments WHERE client_id = c.id AND date(starts_at) <= :today))`

// itemRetentionCTE is retentionCTE for the items x matching filter (SQL
// over x, the client c and the policy p) under the policies in policies:
// name_on holds each item's kind, id, client_id, ref, category, held,
// restricted, purge_on (NULL while its event has not happened) and
// days_left; name adds state and due.
func itemRetentionCTE(name, policies, filter string) string {
	return fmt.Sprintf(`%[1]s_on AS MATERIALIZED (
		SELECT b.kind, b.id, b.client_id, b.ref, b.category, b.held, b.restricted,
			%[4]s AS purge_on, %[5]s AS days_left
		FROM (
			SELECT x.kind, x.id, x.client_id, x.ref, p.category, p.months, %[6]s AS held, c.restricted,
				CASE p.basis
					WHEN 'record_date' THEN x.recorded_on
					WHEN 'trajectory_end' THEN CASE WHEN c.status = 'closed' THEN c.end_date END
					WHEN 'rejection' THEN CASE WHEN c.status = 'rejected' THEN c.rejected_on END
					WHEN 'last_contact' THEN %[7]s
					WHEN 'complaint_closed' THEN x.closed_on END AS basis_on
			FROM (`+itemsSQL+`) x JOIN clients c ON c.id = x.client_id
				JOIN %[2]s p ON p.category = x.category
			WHERE %[3]s) b),
	%[1]s AS (SELECT r.*, %[8]s FROM %[1]s_on r)`,
		name, policies, filter, lawAddMonths("b.basis_on", "b.months"), lawDaysLeft("b.basis_on", "b.months"),
		heldSQL, lastContactSQL, countdownColumnsSQL)
}

// ItemCountdown is the retention countdown of one item kept under an item
// category.
type ItemCountdown struct {
	Kind     KeptKind
	ID       int64
	ClientID int64
	// Ref names the item (a record's title, a document's name, a
	// complaint's subject); empty for a special-category record or
	// document, which stays masked.
	Ref      string
	Category Category
	// PurgeOn is the day the item is due for deletion; zero while the
	// event its category counts from has not happened.
	PurgeOn  time.Time
	DaysLeft int
	State    RetentionState
}

// ItemCountdowns returns the countdown of every item of a client (0: of
// every client) kept under an item category, soonest first; those still
// waiting for their event come last.
func (s *Store) ItemCountdowns(ctx context.Context, clientID int64) ([]ItemCountdown, error) {
	filter := "1"
	if clientID != 0 {
		filter = "x.client_id = :client"
	}
	var out []ItemCountdown
	err := s.read(ctx, func(t *tx) error {
		rs, err := t.query(`WITH `+itemRetentionCTE("it", "retention_policies", filter)+`
			SELECT kind, id, client_id, ref, category, purge_on, coalesce(days_left, 0), state FROM it
			ORDER BY purge_on IS NULL, purge_on, client_id, kind, id`, sql.Named("client", clientID), t.todayArg())
		if err != nil {
			return fmt.Errorf("listing item countdowns: %w", err)
		}
		defer rs.Close()
		for rs.Next() {
			var c ItemCountdown
			if err := rs.Scan(&c.Kind, &c.ID, &c.ClientID, &c.Ref, &c.Category, at(&c.PurgeOn), &c.DaysLeft,
				&c.State); err != nil {
				return fmt.Errorf("listing item countdowns: %w", err)
			}
			out = append(out, c)
		}
		return rs.Err()
	})
	return out, err
}

// itemDeadlines are the item countdowns within the deadlines window.
func (t *tx) itemDeadlines() ([]Deadline, error) {
	rs, err := t.query(`WITH `+itemRetentionCTE("it", "retention_policies", "1")+`
		SELECT r.category, p.name, r.kind, r.client_id, trim(c.first_name || ' ' || c.last_name), r.id, r.ref,
			r.purge_on, r.days_left, r.state, CASE WHEN r.held THEN c.hold_reason ELSE '' END, r.restricted
		FROM it r JOIN clients c ON c.id = r.client_id JOIN retention_policies p ON p.category = r.category
		WHERE r.days_left <= :window
		ORDER BY r.purge_on, r.category, 5 COLLATE NOCASE, r.client_id, r.kind, r.id`,
		t.todayArg(), sql.Named("window", deadlineWindow))
	if err != nil {
		return nil, fmt.Errorf("listing deadlines: %w", err)
	}
	defer rs.Close()
	var out []Deadline
	for rs.Next() {
		d := Deadline{Kind: DeadlineRetention}
		if err := rs.Scan(&d.Category, &d.CategoryName, &d.Item, &d.ClientID, &d.Name, &d.ItemID, &d.Ref,
			at(&d.Due), &d.DaysLeft, &d.State, &d.HoldReason, &d.Restricted); err != nil {
			return nil, fmt.Errorf("listing deadlines: %w", err)
		}
		out = append(out, d)
	}
	return out, rs.Err()
}

// itemRef is one item a purge plan erases.
type itemRef struct {
	kind KeptKind
	id   int64
}

// PlanItemPurge says what a purge of the items of a client kept under the
// item category c would erase: those whose day has come. It returns
// ErrNotDue when none has, and ErrNotFound, ErrOnHold and ErrRestricted as
// PlanPurge does.
func (s *Store) PlanItemPurge(ctx context.Context, clientID int64, c Category) (PurgePlan, error) {
	var p PurgePlan
	err := s.read(ctx, func(t *tx) error {
		var err error
		p, err = t.itemPlan(clientID, c)
		return err
	})
	return p, err
}

// purgeableClient is the name of a client whose data a purge may take
// now (the name also comes with a refusal, for the plan's words):
// ErrOnHold under a legal hold, ErrRestricted while processing is
// restricted, ErrNotFound when there is no such client.
func (t *tx) purgeableClient(clientID int64) (string, error) {
	var name string
	var held, restricted bool
	err := t.row(`SELECT trim(first_name || ' ' || last_name), `+heldSQL+`, restricted
		FROM clients c WHERE id = :client`, sql.Named("client", clientID), t.todayArg()).Scan(
		&name, &held, &restricted)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", ErrNotFound
	case err != nil:
		return "", fmt.Errorf("planning purge: %w", err)
	case held:
		return name, ErrOnHold
	case restricted:
		return name, ErrRestricted
	}
	return name, nil
}

func (t *tx) itemPlan(clientID int64, c Category) (PurgePlan, error) {
	p := PurgePlan{Category: c, ClientID: clientID}
	if !c.Item() {
		return p, ErrNotDue
	}
	var err error
	if p.Name, err = t.purgeableClient(clientID); err != nil {
		return p, err
	}
	rule, err := t.policy(c)
	if errors.Is(err, ErrNotFound) {
		return p, ErrNotDue
	}
	if err != nil {
		return p, fmt.Errorf("planning purge: %w", err)
	}
	p.Rule, p.CategoryName = rule, rule.Name
	rs, err := t.query(`WITH `+itemRetentionCTE("it", "retention_policies",
		"x.client_id = :client AND x.category = :category")+`
		SELECT kind, id, purge_on FROM it WHERE due ORDER BY kind, id`,
		sql.Named("client", clientID), sql.Named("category", c), t.todayArg())
	if err != nil {
		return p, fmt.Errorf("planning purge: %w", err)
	}
	defer rs.Close()
	var check []string
	for rs.Next() {
		var ref itemRef
		var on time.Time
		if err := rs.Scan(&ref.kind, &ref.id, at(&on)); err != nil {
			return p, fmt.Errorf("planning purge: %w", err)
		}
		if p.DueOn.IsZero() || on.Before(p.DueOn) {
			p.DueOn = on
		}
		switch ref.kind {
		case KeptRecord:
			p.Records++
		case KeptDocument:
			p.Documents++
		case KeptComplaint:
			p.Complaints++
		}
		p.items = append(p.items, ref)
		check = append(check, fmt.Sprintf("%s %d", ref.kind, ref.id))
	}
	if err := rs.Err(); err != nil {
		return p, fmt.Errorf("planning purge: %w", err)
	}
	if len(p.items) == 0 {
		return p, ErrNotDue
	}
	p.check = "items " + strings.Join(check, ",")
	return p, nil
}

// dueItemPlans are the item purges due today, for clients whose dossier
// is not due itself (its purge takes the items with it) and who are
// neither held nor restricted.
func (t *tx) dueItemPlans() ([]PurgePlan, error) {
	rs, err := t.query(`WITH `+retentionCTE("cl", "retention_policies", "c.status IN ('closed', 'rejected')")+`,
		`+itemRetentionCTE("it", "retention_policies", "1")+`
		SELECT client_id, category FROM it
		WHERE due AND NOT restricted AND client_id NOT IN (SELECT id FROM cl WHERE due)
		GROUP BY 1, 2 ORDER BY min(purge_on), 1, 2`, t.todayArg())
	if err != nil {
		return nil, fmt.Errorf("listing due purges: %w", err)
	}
	type due struct {
		client int64
		c      Category
	}
	var list []due
	for rs.Next() {
		var d due
		if err := rs.Scan(&d.client, &d.c); err != nil {
			rs.Close()
			return nil, fmt.Errorf("listing due purges: %w", err)
		}
		list = append(list, d)
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("listing due purges: %w", err)
	}
	var plans []PurgePlan
	for _, d := range list {
		p, err := t.itemPlan(d.client, d.c)
		if err != nil {
			return nil, err
		}
		plans = append(plans, p)
	}
	return plans, nil
}

// purgeItems erases the items of an item plan: a document's key leaves
// the database at once and its sealed file after the save, as in a
// dossier's purge.
func (t *tx) purgeItems(p PurgePlan) error {
	for _, it := range p.items {
		var q string
		switch it.kind {
		case KeptRecord:
			q = "DELETE FROM records WHERE id = ?"
		case KeptDocument:
			var blob string
			if err := t.row("SELECT blob_id FROM attachments WHERE id = ?", it.id).Scan(&blob); err != nil {
				return fmt.Errorf("purging documents: %w", err)
			}
			t.doom(blob)
			q = "DELETE FROM attachments WHERE id = ?"
		case KeptComplaint:
			q = "DELETE FROM complaints WHERE id = ?"
		}
		if _, err := t.exec(q, it.id); err != nil {
			return fmt.Errorf("purging %s: %w", it.kind, err)
		}
	}
	return nil
}

// itemPreviewSQL counts, for PreviewPolicy of an item category, the items
// due now and under the proposed policy; the statement starts with the
// proposed CTE.
func itemPreviewSQL(proposed string) string {
	return `WITH ` + proposed + `, ` + itemRetentionCTE("cur", "retention_policies", "x.category = :category") + `,
		` + itemRetentionCTE("new", "proposed", "x.category = :category") + `
		SELECT count(*) FILTER (WHERE a.due), count(*) FILTER (WHERE b.due),
			count(*) FILTER (WHERE b.due AND NOT a.due), count(*) FILTER (WHERE a.due AND NOT b.due)
		FROM cur a JOIN new b ON b.kind = a.kind AND b.id = a.id`
}
