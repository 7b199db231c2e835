package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Funder is whoever pays for trajectories: a municipality, UWV, a school,
// an integration budget. It is on the practice's own list, not client
// data, and every invoice to it copies these details as they stood.
type Funder struct {
	ID      int64
	Name    string
	Address string
	KvK     string
	// VATNumber is the funder's VAT identification number, if any.
	VATNumber string
	// Contract is the contract or order number the funder puts on every
	// order; printed on its invoices.
	Contract string
	// EInvoice is where the funder receives e-invoices (an OIN, a Peppol
	// id or an address); empty when it takes PDF invoices.
	EInvoice string
	// PaymentDays is the payment term of its invoices.
	PaymentDays int
	Created     time.Time
	Updated     time.Time
}

// Validate reports the first field that a coach must correct. The address
// is required: an invoice without the debtor's address is not an invoice
// in the Belastingdienst's sense.
func (f Funder) Validate() error {
	switch {
	case strings.TrimSpace(f.Name) == "":
		return invalid("funder_name", "a funder needs a name")
	case strings.TrimSpace(f.Address) == "":
		return invalid("funder_address", "a funder needs an address: every invoice to it states it")
	case f.PaymentDays < 0 || f.PaymentDays > 365:
		return invalid("payment_days", "the payment term must be between 1 and 365 days")
	}
	return nil
}

const funderColumns = `id, name, address, kvk, vat_number, contract, einvoice, payment_days,
	created_at, updated_at`

func scanFunder(row interface{ Scan(...any) error }) (Funder, error) {
	var f Funder
	err := row.Scan(&f.ID, &f.Name, &f.Address, &f.KvK, &f.VATNumber, &f.Contract, &f.EInvoice,
		&f.PaymentDays, at(&f.Created), at(&f.Updated))
	if errors.Is(err, sql.ErrNoRows) {
		return f, ErrNotFound
	}
	return f, err
}

// SaveFunder adds a funder (ID 0) or updates one. Invoices already issued
// keep the details they were issued with.
func (s *Store) SaveFunder(ctx context.Context, f Funder) (Funder, error) {
	f.Name, f.Address = strings.TrimSpace(f.Name), strings.TrimSpace(f.Address)
	if f.PaymentDays == 0 {
		f.PaymentDays = 30
	}
	if err := f.Validate(); err != nil {
		return f, err
	}
	err := s.write(ctx, func(t *tx) error {
		if f.ID == 0 {
			res, err := t.exec(`INSERT INTO funders (name, address, kvk, vat_number, contract, einvoice,
				payment_days, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				f.Name, f.Address, f.KvK, f.VATNumber, f.Contract, f.EInvoice, f.PaymentDays,
				t.stamp(), t.stamp())
			if err != nil {
				return fmt.Errorf("adding funder: %w", err)
			}
			if f.ID, err = res.LastInsertId(); err != nil {
				return err
			}
		} else {
			res, err := t.exec(`UPDATE funders SET name = ?, address = ?, kvk = ?, vat_number = ?,
				contract = ?, einvoice = ?, payment_days = ?, updated_at = ? WHERE id = ?`,
				f.Name, f.Address, f.KvK, f.VATNumber, f.Contract, f.EInvoice, f.PaymentDays,
				t.stamp(), f.ID)
			if err != nil {
				return fmt.Errorf("saving funder: %w", err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return ErrNotFound
			}
		}
		var err error
		if f, err = t.funder(f.ID); err != nil {
			return err
		}
		return t.audit(AuditEdit, 0, fmt.Sprintf("funder %d", f.ID))
	})
	return f, err
}

func (t *tx) funder(id int64) (Funder, error) {
	return scanFunder(t.row("SELECT "+funderColumns+" FROM funders WHERE id = ?", id))
}

// Funder returns one funder, or ErrNotFound.
func (s *Store) Funder(ctx context.Context, id int64) (Funder, error) {
	var f Funder
	err := s.read(ctx, func(t *tx) error {
		var err error
		f, err = t.funder(id)
		return err
	})
	return f, err
}

// Funders returns the practice's funders by name.
func (s *Store) Funders(ctx context.Context) ([]Funder, error) {
	var out []Funder
	err := s.read(ctx, func(t *tx) error {
		rs, err := t.query("SELECT " + funderColumns + " FROM funders ORDER BY name COLLATE NOCASE, id")
		if err != nil {
			return fmt.Errorf("listing funders: %w", err)
		}
		defer rs.Close()
		for rs.Next() {
			f, err := scanFunder(rs)
			if err != nil {
				return fmt.Errorf("listing funders: %w", err)
			}
			out = append(out, f)
		}
		return rs.Err()
	})
	return out, err
}

// FunderReportRow is one trajectory in a funder's report. It names the
// client only by the funder's own reference: the report goes to the
// funder, who knows the client by that number.
type FunderReportRow struct {
	ClientID  int64
	Reference string
	Status    Status
	Outcome   Outcome
	// Attended, NoShows and Cancelled count the appointments in the period.
	Attended  int
	NoShows   int
	Cancelled int
	// Minutes is the billable time in the period: appointments (and
	// no-shows when the practice bills them) plus time entries.
	Minutes int
	// Budget is the budget as it stands today.
	Budget Budget
}

// FunderReport lists the trajectories a funder pays for, with their
// attendance and hours between from and to (inclusive), by reference.
func (s *Store) FunderReport(ctx context.Context, funderID int64, from, to time.Time) ([]FunderReportRow, error) {
	if to.Before(from) {
		return nil, invalid("period", "the period ends before it starts")
	}
	var out []FunderReportRow
	err := s.read(ctx, func(t *tx) error {
		if _, err := t.funder(funderID); err != nil {
			return err
		}
		set, err := t.moneySettings()
		if err != nil {
			return err
		}
		rs, err := t.query(`SELECT c.id, tt.reference, c.status, c.outcome,
			(SELECT count(*) FROM appointments a WHERE a.client_id = c.id AND a.attendance = 'attended'
				AND date(a.starts_at) BETWEEN :from AND :to),
			(SELECT count(*) FROM appointments a WHERE a.client_id = c.id AND a.attendance = 'no_show'
				AND date(a.starts_at) BETWEEN :from AND :to),
			(SELECT count(*) FROM appointments a WHERE a.client_id = c.id AND a.attendance = 'cancelled'
				AND date(a.starts_at) BETWEEN :from AND :to),
			(SELECT coalesce(sum(a.minutes), 0) FROM appointments a WHERE a.client_id = c.id
				AND (a.attendance = 'attended' OR (:noshow AND a.attendance = 'no_show'))
				AND date(a.starts_at) BETWEEN :from AND :to) +
			(SELECT coalesce(sum(e.minutes), 0) FROM time_entries e WHERE e.client_id = c.id
				AND e.entry_date BETWEEN :from AND :to)
			FROM trajectory_terms tt JOIN clients c ON c.id = tt.client_id
			WHERE tt.funder_id = :funder ORDER BY tt.reference, c.id`,
			sql.Named("from", from.Format(dateLayout)), sql.Named("to", to.Format(dateLayout)),
			sql.Named("noshow", set.NoShowBillable), sql.Named("funder", funderID))
		if err != nil {
			return fmt.Errorf("reporting to funder: %w", err)
		}
		for rs.Next() {
			var r FunderReportRow
			if err := rs.Scan(&r.ClientID, &r.Reference, &r.Status, &r.Outcome, &r.Attended,
				&r.NoShows, &r.Cancelled, &r.Minutes); err != nil {
				rs.Close()
				return fmt.Errorf("reporting to funder: %w", err)
			}
			out = append(out, r)
		}
		rs.Close()
		if err := rs.Err(); err != nil {
			return fmt.Errorf("reporting to funder: %w", err)
		}
		for i := range out {
			if out[i].Budget, err = t.budget(out[i].ClientID, set); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// FunderMonth is one month of a funder's report: the billable time of
// all its trajectories, and their attendance.
type FunderMonth struct {
	// Month is the first day of the month.
	Month time.Time
	// Minutes is billable time: attended appointments, no-shows when the
	// practice bills them, and time entries.
	Minutes           int64
	Attended, NoShows int
}

// FunderMonths returns, for every month from from to to (inclusive, each
// month cut to the period), the time and attendance of the trajectories
// funderID pays for: what the report's chart of hours per month draws.
func (s *Store) FunderMonths(ctx context.Context, funderID int64, from, to time.Time) ([]FunderMonth, error) {
	if to.Before(from) {
		return nil, invalid("period", "the period ends before it starts")
	}
	first := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC)
	var out []FunderMonth
	index := map[string]int{}
	for m := first; !m.After(to); m = m.AddDate(0, 1, 0) {
		index[m.Format("2006-01")] = len(out)
		out = append(out, FunderMonth{Month: m})
		if len(out) > 1200 {
			return nil, invalid("period", "the period is longer than a hundred years")
		}
	}
	err := s.read(ctx, func(t *tx) error {
		if _, err := t.funder(funderID); err != nil {
			return err
		}
		set, err := t.moneySettings()
		if err != nil {
			return err
		}
		args := []any{sql.Named("from", from.Format(dateLayout)), sql.Named("to", to.Format(dateLayout)),
			sql.Named("noshow", set.NoShowBillable), sql.Named("funder", funderID)}
		for _, q := range []string{
			`SELECT strftime('%Y-%m', a.starts_at),
				coalesce(sum(CASE WHEN a.attendance = 'attended' OR (:noshow AND a.attendance = 'no_show') THEN a.minutes END), 0),
				count(CASE WHEN a.attendance = 'attended' THEN 1 END),
				count(CASE WHEN a.attendance = 'no_show' THEN 1 END)
				FROM appointments a JOIN trajectory_terms tt ON tt.client_id = a.client_id
				WHERE tt.funder_id = :funder AND date(a.starts_at) BETWEEN :from AND :to GROUP BY 1`,
			`SELECT strftime('%Y-%m', e.entry_date), sum(e.minutes), 0, 0
				FROM time_entries e JOIN trajectory_terms tt ON tt.client_id = e.client_id
				WHERE tt.funder_id = :funder AND e.entry_date BETWEEN :from AND :to GROUP BY 1`,
		} {
			rs, err := t.query(q, args...)
			if err != nil {
				return fmt.Errorf("reporting months to funder: %w", err)
			}
			for rs.Next() {
				var month string
				var minutes int64
				var att, ns int
				if err := rs.Scan(&month, &minutes, &att, &ns); err != nil {
					rs.Close()
					return fmt.Errorf("reporting months to funder: %w", err)
				}
				if i, ok := index[month]; ok {
					out[i].Minutes += minutes
					out[i].Attended += att
					out[i].NoShows += ns
				}
			}
			rs.Close()
			if err := rs.Err(); err != nil {
				return fmt.Errorf("reporting months to funder: %w", err)
			}
		}
		return nil
	})
	return out, err
}
