package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"
)

// Retention is computed in SQL, over the whole caseload in one statement:
// the purge date of every client and every invoice follows from the stored
// policies and today's date, so a changed policy or a new day needs no
// bookkeeping, and no Go loop walks the caseload.

// lawAddMonths is SQL for "date plus n months" as the law counts it: the
// same day n months later, or the last day of that month when it has no
// such day (31 August + 1 month = 30 September, 29 February + 12 months =
// 28 February). That is SQLite's 'floor' modifier (SQLite 3.46, in every
// modernc.org/sqlite since v1.31); without it '+n months' overflows into
// the next month, which would keep data a day too long. legaldate.AddMonths
// is the same rule in Go, and a test holds the two together.
func lawAddMonths(date, months string) string {
	return fmt.Sprintf(`date(%s, '+' || (%s) || ' months', 'floor')`, date, months)
}

// lawDaysLeft is SQL for the days from :today to lawAddMonths(date, months).
func lawDaysLeft(date, months string) string {
	return fmt.Sprintf(`CAST(julianday(%s, '+' || (%s) || ' months', 'floor') - julianday(:today) AS INTEGER)`, date, months)
}

// heldSQL is true while client c is under a legal hold: a hold without an
// end date holds until it is lifted, one with an end date holds up to and
// including that day.
const heldSQL = `(c.hold = 1 AND (c.hold_until IS NULL OR c.hold_until >= :today))`

// countdownColumnsSQL derives state and due from days_left (NULL while
// there is no purge date) and held of the row r.
const countdownColumnsSQL = `
		CASE
			WHEN r.held THEN 'hold'
			WHEN r.days_left IS NULL THEN 'running'
			WHEN r.days_left < 0 THEN 'overdue'
			WHEN r.days_left <= 15 THEN 'urgent'
			WHEN r.days_left <= 30 THEN 'soon'
			ELSE 'counting' END AS state,
		(coalesce(r.days_left <= 0, 0) AND NOT r.held) AS due`

// retentionCTE defines two common table expressions over the clients c
// matching filter, under the policies in the table or CTE named policies.
// name_on holds each client's id, the policy that applies (category,
// basis, months; NULL while the trajectory runs), held, purge_on (NULL
// while the trajectory runs) and days_left (from :today to purge_on); it is
// materialized, so the date arithmetic runs once per client, not once per
// use. name adds state (a RetentionState) and due (the purge date has come
// and no hold stops it). The statement must bind :today; callers join
// clients for anything else.
func retentionCTE(name, policies, filter string) string {
	// The event a dossier's period counts from: the trajectory's end or
	// the rejection of an intake. Intake and active clients have none.
	const event = `CASE c.status WHEN 'closed' THEN c.end_date WHEN 'rejected' THEN c.rejected_on END`
	return fmt.Sprintf(`%[1]s_on AS MATERIALIZED (
		SELECT b.id, b.category, b.basis, b.months, b.held,
			%[4]s AS purge_on, %[5]s AS days_left
		FROM (
			SELECT c.id, p.category, p.basis, p.months, %[6]s AS held,
				CASE WHEN p.basis = 'record_date' THEN max(%[7]s, coalesce(
						(SELECT max(r.record_date) FROM records r WHERE r.client_id = c.id), %[7]s))
					ELSE %[7]s END AS basis_on
			FROM clients c LEFT JOIN %[2]s p ON p.category = CASE c.status
				WHEN 'closed' THEN 'dossier' WHEN 'rejected' THEN 'rejected_intake' END
			WHERE %[3]s) b),
	%[1]s AS (SELECT r.*, %[8]s FROM %[1]s_on r)`,
		name, policies, filter, lawAddMonths("b.basis_on", "b.months"), lawDaysLeft("b.basis_on", "b.months"),
		heldSQL, event, countdownColumnsSQL)
}

// invoiceRetentionCTE is retentionCTE for the invoices i matching filter:
// name_on holds each invoice's id, client_id, held and restricted (of its
// client; false once the client is purged), purge_on and days_left under
// the invoice policy in policies; name adds state and due.
func invoiceRetentionCTE(name, policies, filter string) string {
	return fmt.Sprintf(`%[1]s_on AS MATERIALIZED (
		SELECT i.id, i.client_id, coalesce(%[4]s, 0) AS held, coalesce(c.restricted, 0) AS restricted,
			%[5]s AS purge_on, %[6]s AS days_left
		FROM invoices i JOIN %[2]s p ON p.category = 'invoice'
			LEFT JOIN clients c ON c.id = i.client_id
		WHERE %[3]s),
	%[1]s AS (SELECT r.*, %[7]s FROM %[1]s_on r)`,
		name, policies, filter, heldSQL, lawAddMonths("i.invoice_date", "p.months"),
		lawDaysLeft("i.invoice_date", "p.months"), countdownColumnsSQL)
}

// todayArg binds :today, the civil date every countdown counts from.
func (t *tx) todayArg() sql.NamedArg {
	return sql.Named("today", t.today().Format(dateLayout))
}

// DeadlineKind tells what a deadline is about.
type DeadlineKind string

// The kinds of deadline, side by side on one deadlines screen.
const (
	// DeadlineRetention: a dossier or an invoice is due for deletion.
	DeadlineRetention DeadlineKind = "retention"
	// DeadlineRequest: a client's rights request awaits an answer.
	DeadlineRequest DeadlineKind = "request"
	// DeadlineBreach: a data breach is to be reported to the Autoriteit
	// Persoonsgegevens.
	DeadlineBreach DeadlineKind = "breach"
	// DeadlineNotice: a recipient of the client's data is still to be told
	// of a rectification, erasure or restriction (AVG art. 19); Ref names
	// the recipient, ItemID the request, Due is the request's.
	DeadlineNotice DeadlineKind = "notice"
	// DeadlineProcessors: the practice's processors are to be told of a
	// breach within 24 hours of its discovery; ItemID and Ref name it.
	DeadlineProcessors DeadlineKind = "breach_processors"
)

// Deadline is one line of the deadlines screen: something that must happen
// by Due.
type Deadline struct {
	Kind DeadlineKind
	// Category is the retention category of a retention deadline.
	Category Category
	// CategoryName is an item category's name as the vault holds it (see
	// Policy.Name; read it with LocalText); empty for the fixed three.
	CategoryName string
	// Item is the kind of item of an item category's deadline: ItemID
	// and Ref name the item, Ref empty when it is special-category.
	Item KeptKind
	// RequestKind is the right invoked, for a request deadline.
	RequestKind RequestKind
	// ClientID and Name say whose deadline it is; 0 and "" for an invoice
	// whose client was purged, and for a breach.
	ClientID int64
	Name     string
	// ItemID and Ref name the item: for an invoice its id and number; for
	// a request its id; for a breach its id and the first line of what
	// happened; zero and empty for a dossier, which is the client.
	ItemID int64
	Ref    string
	// Due is the last day (for a breach: the moment) by which it must happen.
	Due time.Time
	// DaysLeft counts from today to Due; negative when overdue.
	DaysLeft int
	// HoursLeft counts the whole hours from now to Due, for a breach,
	// whose deadline is a moment; negative when overdue. Zero otherwise.
	HoursLeft int
	// State colours the deadline, by the thresholds of the retention
	// countdown for every kind, so a colour means the same distance
	// everywhere: a breach is always urgent or overdue.
	State RetentionState
	// Extended is set for a request whose period was extended.
	Extended bool
	// Target is the practice's own answer target of a request (see
	// AnswerTarget), shown beside Due; zero when it has none.
	Target time.Time
	// HoldReason explains a legal hold (State is RetentionHold).
	HoldReason string
	// Restricted is set while the client's processing is restricted: the
	// deadline cannot be acted on until the restriction is lifted.
	Restricted bool
}

// deadlineWindow is how far ahead the deadlines screen looks, in days: the
// "soon" threshold.
const deadlineWindow = 30

// Deadlines returns everything due, soonest first across the kinds:
//
//   - every retention deadline that falls within 30 days or has passed:
//     dossiers and rejected intakes due for deletion, invoices whose
//     fiscal retention ends, and items kept under an item category;
//     clients on legal hold are listed (with the reason) but are not due;
//   - every rights request awaiting an answer, however far off;
//   - every breach neither reported to the Autoriteit Persoonsgegevens
//     nor kept unreported with a reason;
//   - every recipient still to be told of a rectification, erasure or
//     restriction (AVG art. 19), until it is marked told;
//   - every invoice past its payment term, unpaid and not credited.
//
// A deadline on a date lasts the whole day, so a breach due at 16:00 comes
// before a request due the same day; on one day, requests come before
// retention.
func (s *Store) Deadlines(ctx context.Context) ([]Deadline, error) {
	q := `WITH ` + retentionCTE("cl", "retention_policies", "c.status IN ('closed', 'rejected')") + `,
		` + invoiceRetentionCTE("inv", "retention_policies", "1") + `
		SELECT r.category, r.id, trim(c.first_name || ' ' || c.last_name), 0, '', r.purge_on,
			r.days_left, r.state, CASE WHEN r.held THEN c.hold_reason ELSE '' END, c.restricted
		FROM cl r JOIN clients c ON c.id = r.id WHERE r.days_left <= :window
		UNION ALL
		SELECT 'invoice', coalesce(r.client_id, 0), trim(coalesce(c.first_name || ' ' || c.last_name, '')),
			r.id, i.number, r.purge_on, r.days_left, r.state,
			CASE WHEN r.held THEN c.hold_reason ELSE '' END, r.restricted
		FROM inv r JOIN invoices i ON i.id = r.id LEFT JOIN clients c ON c.id = r.client_id
		WHERE r.days_left <= :window
		ORDER BY 6, 1, 3 COLLATE NOCASE, 2, 4`
	var out []Deadline
	err := s.read(ctx, func(t *tx) error {
		rs, err := t.query(q, t.todayArg(), sql.Named("window", deadlineWindow))
		if err != nil {
			return fmt.Errorf("listing deadlines: %w", err)
		}
		defer rs.Close()
		for rs.Next() {
			d := Deadline{Kind: DeadlineRetention}
			if err := rs.Scan(&d.Category, &d.ClientID, &d.Name, &d.ItemID, &d.Ref, at(&d.Due),
				&d.DaysLeft, &d.State, &d.HoldReason, &d.Restricted); err != nil {
				return fmt.Errorf("listing deadlines: %w", err)
			}
			out = append(out, d)
		}
		if err := rs.Err(); err != nil {
			return fmt.Errorf("listing deadlines: %w", err)
		}
		breaches, err := t.breachDeadlines()
		if err != nil {
			return err
		}
		processors, err := t.processorDeadlines()
		if err != nil {
			return err
		}
		breaches = append(breaches, processors...)
		requests, err := t.requestDeadlines()
		if err != nil {
			return err
		}
		payments, err := t.paymentDeadlines()
		if err != nil {
			return err
		}
		notices, err := t.noticeDeadlines()
		if err != nil {
			return err
		}
		items, err := t.itemDeadlines()
		if err != nil {
			return err
		}
		out = append(append(append(append(append(breaches, requests...), notices...), payments...), out...), items...)
		return nil
	})
	// Each kind comes sorted; a stable sort by the end of each deadline
	// merges them and keeps the order within a day.
	sort.SliceStable(out, func(i, j int) bool { return deadlineEnd(out[i]).Before(deadlineEnd(out[j])) })
	return out, err
}

// deadlineEnd is the last moment of a deadline: the moment itself for a
// breach, the end of the day for a date.
func deadlineEnd(d Deadline) time.Time {
	if d.Kind == DeadlineBreach || d.Kind == DeadlineProcessors {
		return d.Due
	}
	return d.Due.AddDate(0, 0, 1)
}

// countdownState is the state of a deadline daysLeft days away, by the
// thresholds countdownColumnsSQL gives the retention countdown.
func countdownState(daysLeft int) RetentionState {
	switch {
	case daysLeft < 0:
		return RetentionOverdue
	case daysLeft <= 15:
		return RetentionUrgent
	case daysLeft <= deadlineWindow:
		return RetentionSoon
	}
	return RetentionCounting
}

// DueCounts is how many client dossiers (closed trajectories and rejected
// intakes) are due for deletion today: the purge date is today or past and
// no legal hold stops it.
type DueCounts struct {
	// Erasable is what a purge erases now: DuePurges offers each of them.
	Erasable int
	// Restricted are due, but processing is restricted, so they cannot be
	// erased until the restriction is lifted; DuePurges leaves them out.
	Restricted int
}

// DueCount counts the client dossiers due for deletion today, those a
// purge would erase apart from those it may not while processing is
// restricted. Invoices are not counted: the startup line speaks of
// dossiers; Deadlines lists invoices too.
func (s *Store) DueCount(ctx context.Context) (DueCounts, error) {
	var n DueCounts
	err := s.read(ctx, func(t *tx) error {
		err := t.row(`WITH `+retentionCTE("cl", "retention_policies", "c.status IN ('closed', 'rejected')")+`
			SELECT coalesce(sum(NOT c.restricted), 0), coalesce(sum(c.restricted), 0)
			FROM cl r JOIN clients c ON c.id = r.id WHERE r.due`, t.todayArg()).Scan(&n.Erasable, &n.Restricted)
		if err != nil {
			return fmt.Errorf("counting due dossiers: %w", err)
		}
		return nil
	})
	return n, err
}
