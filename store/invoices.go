package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Invoice is a bill for coaching, kept for the fiscal retention duty (art.
// 52 AWR: seven years) and so outliving the dossier it belongs to.
//
// An invoice holds only what the tax rules ask of the invoice itself:
// number, date, amount, the description of the service and the debtor's
// name (the client, a parent, or the municipality or school that pays).
// When the client's dossier is purged, the invoice stays as it is but loses
// its link to the client; when the debtor is the client, their name stays
// on the invoice until the invoice's own retention ends (AVG art. 17(3)(b):
// a legal obligation outweighs erasure). PlanPurge says so before a purge.
type Invoice struct {
	ID int64
	// ClientID is the client billed; 0 once that client's dossier is purged.
	ClientID    int64
	Number      string
	Date        time.Time
	AmountCents int64
	Debtor      string
	Description string
	// KeepUntil is the day the invoice is due for deletion under the
	// invoice policy; set by the store.
	KeepUntil time.Time
}

// Validate reports the first field that a coach must correct.
func (inv Invoice) Validate() error {
	if err := firstError(CheckLine("number", inv.Number, MaxLine), CheckLine("debtor", inv.Debtor, MaxLine),
		CheckText("description", inv.Description, MaxNotes), CheckDate("date", inv.Date)); err != nil {
		return err
	}
	switch {
	case inv.ClientID == 0:
		return invalid("client", "an invoice belongs to a client")
	case strings.TrimSpace(inv.Number) == "":
		return invalid("number", "an invoice needs a number")
	case inv.Date.IsZero():
		return invalid("date", "an invoice needs a date")
	case inv.AmountCents == 0:
		return invalid("amount", "an invoice needs an amount")
	case strings.TrimSpace(inv.Debtor) == "":
		return invalid("debtor", "an invoice needs the name of whoever pays it")
	}
	return nil
}

// AddInvoice records an invoice of a client and returns it with its id and
// KeepUntil. It returns ErrRestricted while processing of the client is
// restricted, and a ValidationError when the number is already in use.
func (s *Store) AddInvoice(ctx context.Context, inv Invoice) (Invoice, error) {
	inv.Number = strings.TrimSpace(inv.Number)
	if err := inv.Validate(); err != nil {
		return inv, err
	}
	err := s.write(ctx, func(t *tx) error {
		if _, err := t.writable(inv.ClientID); err != nil {
			return err
		}
		var taken bool
		if err := t.row("SELECT EXISTS (SELECT 1 FROM invoices WHERE number = ?)", inv.Number).Scan(&taken); err != nil {
			return fmt.Errorf("adding invoice: %w", err)
		}
		if taken {
			return invalid("number", fmt.Sprintf("invoice number %s is already in use", inv.Number))
		}
		res, err := t.exec(`INSERT INTO invoices (client_id, number, invoice_date, amount_cents,
			debtor, description) VALUES (?, ?, ?, ?, ?, ?)`, inv.ClientID, inv.Number,
			dateArg(inv.Date), inv.AmountCents, inv.Debtor, inv.Description)
		if err != nil {
			return fmt.Errorf("adding invoice: %w", err)
		}
		if inv.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		if inv, err = t.invoice(inv.ID); err != nil {
			return err
		}
		return t.audit(AuditCreate, inv.ClientID, fmt.Sprintf("invoice %d", inv.ID))
	})
	return inv, err
}

// invoiceSelectSQL reads invoices with their purge date, given a WHERE
// clause over i.
const invoiceSelectSQL = `SELECT i.id, coalesce(i.client_id, 0), i.number, i.invoice_date,
		i.amount_cents, i.debtor, i.description, %s
	FROM invoices i JOIN retention_policies p ON p.category = 'invoice' WHERE %s
	ORDER BY i.invoice_date, i.number`

func scanInvoice(row interface{ Scan(...any) error }) (Invoice, error) {
	var inv Invoice
	err := row.Scan(&inv.ID, &inv.ClientID, &inv.Number, at(&inv.Date), &inv.AmountCents,
		&inv.Debtor, &inv.Description, at(&inv.KeepUntil))
	if errors.Is(err, sql.ErrNoRows) {
		return inv, ErrNotFound
	}
	return inv, err
}

func (t *tx) invoice(id int64) (Invoice, error) {
	return scanInvoice(t.row(fmt.Sprintf(invoiceSelectSQL,
		lawAddMonths("i.invoice_date", "p.months"), "i.id = ?"), id))
}

// Invoices returns a client's invoices, oldest first. A clientID of 0
// returns the invoices kept after their clients were purged.
func (s *Store) Invoices(ctx context.Context, clientID int64) ([]Invoice, error) {
	where := "i.client_id = ?"
	args := []any{clientID}
	if clientID == 0 {
		where, args = "i.client_id IS NULL", nil
	}
	q := fmt.Sprintf(invoiceSelectSQL, lawAddMonths("i.invoice_date", "p.months"), where)
	var out []Invoice
	err := s.read(ctx, func(t *tx) error {
		rs, err := t.query(q, args...)
		if err != nil {
			return fmt.Errorf("listing invoices: %w", err)
		}
		defer rs.Close()
		for rs.Next() {
			inv, err := scanInvoice(rs)
			if err != nil {
				return fmt.Errorf("listing invoices: %w", err)
			}
			out = append(out, inv)
		}
		return rs.Err()
	})
	return out, err
}
