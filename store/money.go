package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// MoneySettings are the practice's invoicing details and choices.
type MoneySettings struct {
	// VATNumber is the practice's VAT identification number (btw-id).
	VATNumber string
	// IBAN is the account invoices ask to be paid into.
	IBAN string
	// VATExempt is set for a practice exempt from VAT (many coaches are):
	// its invoices charge no VAT and state ExemptionText instead.
	VATExempt     bool
	ExemptionText string
	// DefaultVATBP is the VAT rate new terms start with, in basis points.
	DefaultVATBP int
	// NoShowBillable decides whether a no-show counts as billable time.
	NoShowBillable bool
	// PaymentDays is the payment term of invoices to clients (funders have
	// their own).
	PaymentDays int
	Updated     time.Time
}

// Validate reports the first field that a coach must correct.
func (m MoneySettings) Validate() error {
	switch {
	case m.VATExempt && strings.TrimSpace(m.ExemptionText) == "":
		return invalid("exemption_text", "a VAT-exempt practice states why on every invoice: the exemption text is missing")
	case !m.VATExempt && strings.TrimSpace(m.VATNumber) == "":
		return invalid("vat_number", "a practice that charges VAT states its VAT number on every invoice")
	case !standardVAT(m.DefaultVATBP):
		return invalid("vat", "the default VAT rate must be 0, 9 or 21%")
	case m.PaymentDays < 1 || m.PaymentDays > 365:
		return invalid("payment_days", "the payment term must be between 1 and 365 days")
	}
	return nil
}

// standardVAT reports whether bp is one of the Dutch VAT rates: 0, 9, 21%.
func standardVAT(bp int) bool { return bp == 0 || bp == 900 || bp == 2100 }

// MoneySettings returns the practice's invoicing settings.
func (s *Store) MoneySettings(ctx context.Context) (MoneySettings, error) {
	var m MoneySettings
	err := s.read(ctx, func(t *tx) error {
		var err error
		m, err = t.moneySettings()
		return err
	})
	return m, err
}

func (t *tx) moneySettings() (MoneySettings, error) {
	var m MoneySettings
	err := t.row(`SELECT vat_number, iban, vat_exempt, exemption_text, default_vat_bp,
		no_show_billable, payment_days, updated_at FROM money_settings WHERE id = 1`).Scan(
		&m.VATNumber, &m.IBAN, &m.VATExempt, &m.ExemptionText, &m.DefaultVATBP, &m.NoShowBillable,
		&m.PaymentDays, at(&m.Updated))
	if err != nil {
		return m, fmt.Errorf("reading money settings: %w", err)
	}
	return m, nil
}

// SaveMoneySettings stores the practice's invoicing settings. Invoices
// already issued keep what they were issued with.
func (s *Store) SaveMoneySettings(ctx context.Context, m MoneySettings) error {
	if m.PaymentDays == 0 {
		m.PaymentDays = 30
	}
	if err := m.Validate(); err != nil {
		return err
	}
	return s.write(ctx, func(t *tx) error {
		_, err := t.exec(`UPDATE money_settings SET vat_number = ?, iban = ?, vat_exempt = ?,
			exemption_text = ?, default_vat_bp = ?, no_show_billable = ?, payment_days = ?,
			updated_at = ? WHERE id = 1`, strings.TrimSpace(m.VATNumber), strings.TrimSpace(m.IBAN),
			m.VATExempt, strings.TrimSpace(m.ExemptionText), m.DefaultVATBP, m.NoShowBillable,
			m.PaymentDays, t.stamp())
		if err != nil {
			return fmt.Errorf("saving money settings: %w", err)
		}
		return t.audit(AuditEdit, 0, "money settings")
	})
}

// BudgetKind is what a trajectory's budget counts.
type BudgetKind string

// The budgets a funder grants.
const (
	BudgetNone     BudgetKind = "none"
	BudgetHours    BudgetKind = "hours"    // Terms.Budget in minutes
	BudgetSessions BudgetKind = "sessions" // Terms.Budget in sessions
	BudgetAmount   BudgetKind = "amount"   // Terms.Budget in cents, before VAT
)

// RateKind is how a trajectory is paid.
type RateKind string

// The rates a trajectory can be paid by.
const (
	RatePerHour    RateKind = "hour"
	RatePerSession RateKind = "session"
	RateFixed      RateKind = "fixed"
)

// Terms are a client's trajectory terms: who pays, how much may be spent
// and at what rate.
type Terms struct {
	ClientID int64
	// FunderID is the paying funder; 0 when the client pays.
	FunderID   int64
	BudgetKind BudgetKind
	// Budget is in minutes, sessions or cents, by BudgetKind.
	Budget    int64
	RateKind  RateKind
	RateCents int64
	// VATBP is the VAT rate of the trajectory's invoice lines, in basis
	// points; a rate other than 0, 9 or 21% needs VATReason. Ignored for a
	// VAT-exempt practice.
	VATBP     int
	VATReason string
	// Reference is what the funder requires on every invoice (a
	// beschikkingsnummer, an order number).
	Reference string
	Updated   time.Time
}

// Validate reports the first field that a coach must correct.
func (tm Terms) Validate() error {
	switch {
	case tm.ClientID == 0:
		return invalid("client", "terms belong to a client")
	case tm.BudgetKind != BudgetNone && tm.BudgetKind != BudgetHours &&
		tm.BudgetKind != BudgetSessions && tm.BudgetKind != BudgetAmount:
		return invalid("budget_kind", fmt.Sprintf("unknown budget %q", tm.BudgetKind))
	case tm.BudgetKind != BudgetNone && tm.Budget <= 0:
		return invalid("budget", "the budget must be more than zero")
	case tm.RateKind != RatePerHour && tm.RateKind != RatePerSession && tm.RateKind != RateFixed:
		return invalid("rate_kind", fmt.Sprintf("unknown rate %q", tm.RateKind))
	case tm.RateCents <= 0:
		return invalid("rate", "the rate must be more than zero")
	case tm.BudgetKind == BudgetSessions && tm.RateKind == RatePerHour:
		return invalid("budget_kind", "a budget in sessions needs a rate per session or a fixed price")
	}
	return checkVAT(tm.VATBP, tm.VATReason)
}

// checkVAT refuses a VAT rate outside 0..100% and one other than 0, 9 or
// 21% without a reason.
func checkVAT(bp int, reason string) error {
	switch {
	case bp < 0 || bp > 10000:
		return invalid("vat", "the VAT rate must be between 0 and 100%")
	case !standardVAT(bp) && strings.TrimSpace(reason) == "":
		return invalid("vat_reason", "a VAT rate other than 0, 9 or 21% needs a reason")
	}
	return nil
}

// SaveTerms sets a client's trajectory terms. It returns ErrRestricted
// while processing of the client is restricted, and ErrNotFound for an
// unknown funder.
func (s *Store) SaveTerms(ctx context.Context, tm Terms) (Terms, error) {
	if tm.BudgetKind == "" {
		tm.BudgetKind = BudgetNone
	}
	if tm.BudgetKind == BudgetNone {
		tm.Budget = 0
	}
	if err := tm.Validate(); err != nil {
		return tm, err
	}
	err := s.write(ctx, func(t *tx) error {
		if _, err := t.writable(tm.ClientID); err != nil {
			return err
		}
		var funder any
		if tm.FunderID != 0 {
			if _, err := t.funder(tm.FunderID); err != nil {
				return err
			}
			funder = tm.FunderID
		}
		_, err := t.exec(`INSERT INTO trajectory_terms (client_id, funder_id, budget_kind, budget,
			rate_kind, rate_cents, vat_bp, vat_reason, reference, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (client_id) DO UPDATE SET funder_id = excluded.funder_id,
			budget_kind = excluded.budget_kind, budget = excluded.budget,
			rate_kind = excluded.rate_kind, rate_cents = excluded.rate_cents,
			vat_bp = excluded.vat_bp, vat_reason = excluded.vat_reason,
			reference = excluded.reference, updated_at = excluded.updated_at`,
			tm.ClientID, funder, tm.BudgetKind, tm.Budget, tm.RateKind, tm.RateCents, tm.VATBP,
			strings.TrimSpace(tm.VATReason), strings.TrimSpace(tm.Reference), t.stamp())
		if err != nil {
			return fmt.Errorf("saving terms: %w", err)
		}
		if tm, err = t.terms(tm.ClientID); err != nil {
			return err
		}
		return t.audit(AuditEdit, tm.ClientID, "terms")
	})
	return tm, err
}

// Terms returns a client's trajectory terms, or ErrNotFound when none are set.
func (s *Store) Terms(ctx context.Context, clientID int64) (Terms, error) {
	var tm Terms
	err := s.read(ctx, func(t *tx) error {
		var err error
		tm, err = t.terms(clientID)
		return err
	})
	return tm, err
}

func (t *tx) terms(clientID int64) (Terms, error) {
	var tm Terms
	var funder sql.NullInt64
	err := t.row(`SELECT client_id, funder_id, budget_kind, budget, rate_kind, rate_cents, vat_bp,
		vat_reason, reference, updated_at FROM trajectory_terms WHERE client_id = ?`, clientID).Scan(
		&tm.ClientID, &funder, &tm.BudgetKind, &tm.Budget, &tm.RateKind, &tm.RateCents, &tm.VATBP,
		&tm.VATReason, &tm.Reference, at(&tm.Updated))
	if errors.Is(err, sql.ErrNoRows) {
		return tm, ErrNotFound
	}
	if err != nil {
		return tm, fmt.Errorf("reading terms: %w", err)
	}
	tm.FunderID = funder.Int64
	return tm, nil
}

// TimeEntry is time spent for a client outside an appointment: writing a
// report, travelling, a call with the school.
type TimeEntry struct {
	ID          int64
	ClientID    int64
	Date        time.Time
	Minutes     int
	Description string
	// InvoiceID is the invoice that billed it; 0 while unbilled.
	InvoiceID int64
	Created   time.Time
}

// Validate reports the first field that a coach must correct.
func (e TimeEntry) Validate() error {
	switch {
	case e.ClientID == 0:
		return invalid("client", "time belongs to a client")
	case e.Date.IsZero():
		return invalid("entry_date", "time spent needs a date")
	case e.Minutes <= 0 || e.Minutes > 24*60:
		return invalid("entry_minutes", "the time spent must be between 1 minute and 24 hours")
	}
	return nil
}

// AddTimeEntry records time spent for a client. It returns ErrRestricted
// while processing of the client is restricted.
func (s *Store) AddTimeEntry(ctx context.Context, e TimeEntry) (TimeEntry, error) {
	if err := e.Validate(); err != nil {
		return e, err
	}
	err := s.write(ctx, func(t *tx) error {
		if _, err := t.writable(e.ClientID); err != nil {
			return err
		}
		res, err := t.exec(`INSERT INTO time_entries (client_id, entry_date, minutes, description,
			created_at) VALUES (?, ?, ?, ?, ?)`, e.ClientID, dateArg(civilDay(e.Date)), e.Minutes,
			strings.TrimSpace(e.Description), t.stamp())
		if err != nil {
			return fmt.Errorf("adding time: %w", err)
		}
		if e.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		e.Date, e.Created = civilDay(e.Date), civilMoment(t.now)
		return t.audit(AuditCreate, e.ClientID, fmt.Sprintf("time %d", e.ID))
	})
	return e, err
}

// TimeEntries returns a client's time entries, oldest first.
func (s *Store) TimeEntries(ctx context.Context, clientID int64) ([]TimeEntry, error) {
	var out []TimeEntry
	err := s.read(ctx, func(t *tx) error {
		rs, err := t.query(`SELECT id, client_id, entry_date, minutes, description,
			coalesce(invoice_id, 0), created_at FROM time_entries WHERE client_id = ?
			ORDER BY entry_date, id`, clientID)
		if err != nil {
			return fmt.Errorf("listing time: %w", err)
		}
		defer rs.Close()
		for rs.Next() {
			var e TimeEntry
			if err := rs.Scan(&e.ID, &e.ClientID, at(&e.Date), &e.Minutes, &e.Description,
				&e.InvoiceID, at(&e.Created)); err != nil {
				return fmt.Errorf("listing time: %w", err)
			}
			out = append(out, e)
		}
		return rs.Err()
	})
	return out, err
}

// BudgetLevel tells how far a budget is spent, for the warnings.
type BudgetLevel string

// The levels the client screen colours: a warning at 80%, a stop at 100%.
const (
	BudgetOK      BudgetLevel = "ok"      // below 80%, or no budget
	BudgetWarning BudgetLevel = "warning" // 80% or more
	BudgetFull    BudgetLevel = "full"    // exactly 100%
	BudgetOver    BudgetLevel = "over"    // past 100%
)

// Budget is a trajectory's budget as it stands: what was granted, what the
// billable time spent so far uses of it, and what was invoiced.
type Budget struct {
	Kind BudgetKind
	// Total, Used, Billed and Remaining are in the unit of Kind: minutes,
	// sessions or cents (before VAT).
	Total int64
	// Used counts billable time: attended appointments, no-shows when the
	// practice bills them, and time entries.
	Used int64
	// Billed counts what invoices (less credit notes) charged.
	Billed int64
	// Remaining is Total less Used; negative when overspent.
	Remaining int64
	// Percent is Used of Total, rounded down; 0 without a budget.
	Percent int
	Level   BudgetLevel
}

// Budget returns a client's budget as it stands, or ErrNotFound when the
// client has no terms.
func (s *Store) Budget(ctx context.Context, clientID int64) (Budget, error) {
	var b Budget
	err := s.read(ctx, func(t *tx) error {
		set, err := t.moneySettings()
		if err != nil {
			return err
		}
		b, err = t.budget(clientID, set)
		return err
	})
	return b, err
}

func (t *tx) budget(clientID int64, set MoneySettings) (Budget, error) {
	tm, err := t.terms(clientID)
	if err != nil {
		return Budget{}, err
	}
	b := Budget{Kind: tm.BudgetKind, Total: tm.Budget, Level: BudgetOK}
	var minutes, sessions, billedMinutes, billedSessions, billedCents int64
	err = t.row(`SELECT
		(SELECT coalesce(sum(a.minutes), 0) FROM appointments a WHERE a.client_id = :c
			AND (a.attendance = 'attended' OR (:noshow AND a.attendance = 'no_show'))) +
		(SELECT coalesce(sum(e.minutes), 0) FROM time_entries e WHERE e.client_id = :c),
		(SELECT count(*) FROM appointments a WHERE a.client_id = :c
			AND (a.attendance = 'attended' OR (:noshow AND a.attendance = 'no_show'))),
		coalesce(sum(CASE WHEN l.unit = 'hour' THEN l.quantity END), 0),
		coalesce(sum(CASE WHEN l.unit = 'session' THEN l.quantity END), 0),
		coalesce(sum(l.net_cents), 0)
		FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id WHERE i.client_id = :c`,
		sql.Named("c", clientID), sql.Named("noshow", set.NoShowBillable)).Scan(
		&minutes, &sessions, &billedMinutes, &billedSessions, &billedCents)
	if err != nil {
		return b, fmt.Errorf("reading budget: %w", err)
	}
	switch tm.BudgetKind {
	case BudgetHours:
		b.Used, b.Billed = minutes, billedMinutes
	case BudgetSessions:
		b.Used, b.Billed = sessions, billedSessions
	case BudgetAmount:
		b.Billed = billedCents
		switch tm.RateKind {
		case RatePerHour:
			b.Used = hourCents(minutes, tm.RateCents)
		case RatePerSession:
			b.Used = sessions * tm.RateCents
		default:
			// A fixed price is spent by invoicing it.
			b.Used = billedCents
		}
	default:
		return b, nil
	}
	b.Remaining = b.Total - b.Used
	if b.Total > 0 {
		b.Percent = int(b.Used * 100 / b.Total)
	}
	switch {
	case b.Used > b.Total:
		b.Level = BudgetOver
	case b.Used == b.Total:
		b.Level = BudgetFull
	case b.Used*100 >= b.Total*80:
		b.Level = BudgetWarning
	}
	return b, nil
}

// hourCents is the price of minutes at an hourly rate, rounded half up to
// the cent, in integers.
func hourCents(minutes, rateCents int64) int64 {
	p := minutes * rateCents
	if p < 0 {
		return -((-p + 30) / 60)
	}
	return (p + 30) / 60
}

// MonthMoney is one month of the practice's year in hours and money: what
// the statistics screen draws.
type MonthMoney struct {
	Month time.Month
	// Minutes is the billable time of the month: attended appointments,
	// no-shows when the practice bills them, and time entries.
	Minutes int64
	// Attended, NoShows and Cancelled count the month's appointments.
	Attended, NoShows, Cancelled int
	// InvoicedCents is the month's invoices before VAT, less credit notes.
	InvoicedCents int64
}

// MoneyYear returns the twelve months of year, January first. It reads
// the whole caseload, and names no client.
func (s *Store) MoneyYear(ctx context.Context, year int) ([]MonthMoney, error) {
	out := make([]MonthMoney, 12)
	for i := range out {
		out[i].Month = time.Month(i + 1)
	}
	err := s.read(ctx, func(t *tx) error {
		set, err := t.moneySettings()
		if err != nil {
			return err
		}
		y := sql.Named("y", fmt.Sprintf("%04d", year))
		rs, err := t.query(`SELECT CAST(strftime('%m', starts_at) AS INTEGER),
			coalesce(sum(CASE WHEN attendance = 'attended' OR (:noshow AND attendance = 'no_show') THEN minutes END), 0),
			count(CASE WHEN attendance = 'attended' THEN 1 END),
			count(CASE WHEN attendance = 'no_show' THEN 1 END),
			count(CASE WHEN attendance = 'cancelled' THEN 1 END)
			FROM appointments WHERE strftime('%Y', starts_at) = :y GROUP BY 1`, y, sql.Named("noshow", set.NoShowBillable))
		if err != nil {
			return fmt.Errorf("reading the year: %w", err)
		}
		for rs.Next() {
			var m int
			var r MonthMoney
			if err := rs.Scan(&m, &r.Minutes, &r.Attended, &r.NoShows, &r.Cancelled); err != nil {
				rs.Close()
				return fmt.Errorf("reading the year: %w", err)
			}
			r.Month = time.Month(m)
			out[m-1] = r
		}
		rs.Close()
		if err := rs.Err(); err != nil {
			return err
		}
		for _, q := range []struct {
			sql string
			add func(*MonthMoney, int64)
		}{
			{`SELECT CAST(strftime('%m', entry_date) AS INTEGER), sum(minutes) FROM time_entries
				WHERE strftime('%Y', entry_date) = :y GROUP BY 1`, func(m *MonthMoney, v int64) { m.Minutes += v }},
			{`SELECT CAST(strftime('%m', invoice_date) AS INTEGER), sum(net_cents) FROM invoices
				WHERE strftime('%Y', invoice_date) = :y GROUP BY 1`, func(m *MonthMoney, v int64) { m.InvoicedCents += v }},
		} {
			rs, err := t.query(q.sql, y)
			if err != nil {
				return fmt.Errorf("reading the year: %w", err)
			}
			for rs.Next() {
				var m int
				var v int64
				if err := rs.Scan(&m, &v); err != nil {
					rs.Close()
					return fmt.Errorf("reading the year: %w", err)
				}
				q.add(&out[m-1], v)
			}
			rs.Close()
			if err := rs.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}
