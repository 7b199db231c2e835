package store

import "fmt"

// lawAddMonths is SQL for "date plus n months" as the law counts it: the
// same day n months later, or the last day of that month when it has no
// such day (31 August + 1 month = 30 September). SQLite's own '+n months'
// overflows into the next month instead, which would keep data a day too
// long or, worse, let a deadline slip.
func lawAddMonths(date, months string) string {
	return fmt.Sprintf(`min(
		date(%[1]s, 'start of month', '+' || (%[2]s) || ' months',
			'+' || (CAST(strftime('%%d', %[1]s) AS INTEGER) - 1) || ' days'),
		date(%[1]s, 'start of month', '+' || ((%[2]s) + 1) || ' months', '-1 day'))`, date, months)
}

// purgeOnSQL is the date a client's dossier is due for deletion, NULL
// while the trajectory runs. It expects the client as c and the policies
// joined as pd (dossier) and pr (rejected intake).
var purgeOnSQL = fmt.Sprintf(`CASE
	WHEN c.status = 'closed' AND c.end_date IS NOT NULL THEN %s
	WHEN c.status = 'rejected' AND c.rejected_on IS NOT NULL THEN %s
	END`, lawAddMonths("c.end_date", "pd.months"), lawAddMonths("c.rejected_on", "pr.months"))

// policyJoinSQL joins the two policies purgeOnSQL needs.
const policyJoinSQL = `
	JOIN retention_policies pd ON pd.category = 'dossier'
	JOIN retention_policies pr ON pr.category = 'rejected_intake'`

// countdownSQL selects state, purge date and days left for client c, given
// the purge date as purge_on and today as the named parameter :today.
const countdownSQL = `CASE
		WHEN c.hold = 1 AND (c.hold_until IS NULL OR c.hold_until >= :today) THEN 'hold'
		WHEN purge_on IS NULL THEN 'running'
		WHEN purge_on < :today THEN 'overdue'
		WHEN julianday(purge_on) - julianday(:today) <= 15 THEN 'urgent'
		WHEN julianday(purge_on) - julianday(:today) <= 30 THEN 'soon'
		ELSE 'counting' END,
	purge_on,
	CAST(coalesce(julianday(purge_on) - julianday(:today), 0) AS INTEGER)`
