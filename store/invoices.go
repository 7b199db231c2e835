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
//
// An invoice made by MakeInvoice is numbered without gaps per year and is
// never edited or deleted (until its retention ends): CreditInvoice
// corrects it with a credit note, an invoice of kind InvoiceCredit with
// negative amounts. Only the payment date is set afterwards.
type Invoice struct {
	ID int64
	// ClientID is the client billed; 0 once that client's dossier is purged.
	ClientID    int64
	Number      string
	Date        time.Time
	AmountCents int64 // the total, VAT included
	Debtor      string
	Description string
	// KeepUntil is the day the invoice is due for deletion under the
	// invoice policy; set by the store.
	KeepUntil time.Time

	// Kind is InvoiceNormal, or InvoiceCredit for a credit note.
	Kind InvoiceKind
	// Year and Seq make the number of an invoice caseload made; 0 for an
	// invoice recorded with AddInvoice.
	Year, Seq int
	// CreditsID and CreditsNumber name the invoice a credit note corrects.
	CreditsID     int64
	CreditsNumber string
	// CreditedBy is the number of the credit note that corrects this
	// invoice; empty while none does.
	CreditedBy string
	// FunderID is the funder billed; 0 when the client pays.
	FunderID int64
	// Seller and Buyer are the parties as they stood on the invoice date.
	Seller Party
	Buyer  Party
	// Reference is the funder's reference for the trajectory; Contract
	// its contract or order number.
	Reference string
	Contract  string
	// PeriodFrom and PeriodTo bound the work billed; zero for an invoice
	// without a period.
	PeriodFrom, PeriodTo time.Time
	Due                  time.Time
	NetCents             int64
	VATCents             int64
	// Exemption is the VAT exemption the invoice states; empty when it
	// charges VAT.
	Exemption string
	// PaidOn is the day it was paid; zero while unpaid.
	PaidOn time.Time
	// Lines are the invoice's lines; only Invoice fills them.
	Lines []InvoiceLine
}

// Party is a seller or buyer as an invoice states it.
type Party struct {
	Name      string
	Address   string
	KvK       string
	VATNumber string
	// EInvoice is where the buyer receives e-invoices; IBAN where the
	// seller is paid.
	EInvoice string
	IBAN     string
}

// InvoiceKind tells an invoice from a credit note.
type InvoiceKind string

// The kinds of invoice.
const (
	InvoiceNormal InvoiceKind = "invoice"
	InvoiceCredit InvoiceKind = "credit"
)

// InvoiceStatus is where an invoice stands on a given day.
type InvoiceStatus string

// The statuses an invoice list shows.
const (
	StatusUnpaid   InvoiceStatus = "unpaid"
	StatusOverdue  InvoiceStatus = "overdue"
	StatusPaid     InvoiceStatus = "paid"
	StatusCredited InvoiceStatus = "credited" // corrected by a credit note
	StatusCredit   InvoiceStatus = "credit"   // is a credit note
)

// Status is where the invoice stands on day today.
func (inv Invoice) Status(today time.Time) InvoiceStatus {
	switch {
	case inv.Kind == InvoiceCredit:
		return StatusCredit
	case inv.CreditedBy != "":
		return StatusCredited
	case !inv.PaidOn.IsZero():
		return StatusPaid
	case !inv.Due.IsZero() && civilDay(today).After(inv.Due):
		return StatusOverdue
	}
	return StatusUnpaid
}

// ItemKind is what an invoice line bills.
type ItemKind string

// The kinds of invoice line.
const (
	ItemSession ItemKind = "session" // an attended appointment
	ItemNoShow  ItemKind = "no_show" // a no-show the practice bills
	ItemTime    ItemKind = "time"    // a time entry
	ItemFixed   ItemKind = "item"    // a line of a fixed amount
)

// LineUnit is what an invoice line's quantity counts.
type LineUnit string

// The units of an invoice line.
const (
	UnitHour    LineUnit = "hour"    // Quantity in minutes
	UnitSession LineUnit = "session" // Quantity in sessions
	UnitItem    LineUnit = "item"    // Quantity in pieces
)

// InvoiceLine is one line of an invoice.
type InvoiceLine struct {
	Position int
	Kind     ItemKind
	// Date is the day of the session or time billed; zero for an item.
	Date        time.Time
	Description string
	Unit        LineUnit
	// Quantity is in minutes for UnitHour, else a count; negative on a
	// credit note.
	Quantity  int64
	UnitCents int64
	NetCents  int64
	// VATBP is the VAT rate in basis points (2100 is 21%); VATReason
	// explains a rate other than 0, 9 or 21%.
	VATBP     int
	VATReason string
}

// VATGroup is the VAT of the lines at one rate: what an invoice's VAT
// breakdown shows, one row a rate.
type VATGroup struct {
	VATBP     int
	VATReason string
	NetCents  int64
	VATCents  int64
}

// VATGroups sums lines by VAT rate, in the order the rates first occur.
// VAT is computed on each rate's total, rounded half away from zero, as
// the e-invoice rules (EN 16931) compute it.
func VATGroups(lines []InvoiceLine) []VATGroup {
	var out []VATGroup
	for _, l := range lines {
		i := 0
		for i < len(out) && (out[i].VATBP != l.VATBP || out[i].VATReason != l.VATReason) {
			i++
		}
		if i == len(out) {
			out = append(out, VATGroup{VATBP: l.VATBP, VATReason: l.VATReason})
		}
		out[i].NetCents += l.NetCents
	}
	for i := range out {
		out[i].VATCents = roundDiv(out[i].NetCents*int64(out[i].VATBP), 10000)
	}
	return out
}

// roundDiv is a/b rounded half away from zero, for b > 0.
func roundDiv(a, b int64) int64 {
	if a < 0 {
		return -((-a + b/2) / b)
	}
	return (a + b/2) / b
}

// lineNet is a line's amount: minutes at an hourly rate, or a count at a
// unit price.
func lineNet(unit LineUnit, quantity, unitCents int64) int64 {
	if unit == UnitHour {
		return hourCents(quantity, unitCents)
	}
	return quantity * unitCents
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

// AddInvoice records an invoice made outside caseload and returns it with
// its id and KeepUntil. It returns ErrRestricted while processing of the
// client is restricted, and a ValidationError when the number is already
// in use. MakeInvoice makes and numbers an invoice.
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
			debtor, description, net_cents) VALUES (?, ?, ?, ?, ?, ?, ?)`, inv.ClientID, inv.Number,
			dateArg(inv.Date), inv.AmountCents, inv.Debtor, inv.Description, inv.AmountCents)
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
		i.amount_cents, i.debtor, i.description, %s,
		i.kind, coalesce(i.year, 0), coalesce(i.seq, 0), coalesce(i.credits_id, 0), i.credits_number,
		coalesce((SELECT c.number FROM invoices c WHERE c.credits_id = i.id), ''),
		coalesce(i.funder_id, 0), i.debtor_address, i.debtor_kvk, i.debtor_vat, i.debtor_einvoice,
		i.seller_name, i.seller_address, i.seller_kvk, i.seller_vat, i.seller_iban,
		i.reference, i.contract, i.period_from, i.period_to, i.due_date, i.net_cents, i.vat_cents,
		i.exemption, i.paid_on
	FROM invoices i JOIN retention_policies p ON p.category = 'invoice' WHERE %s
	ORDER BY i.invoice_date, i.number`

func scanInvoice(row interface{ Scan(...any) error }) (Invoice, error) {
	var inv Invoice
	err := row.Scan(&inv.ID, &inv.ClientID, &inv.Number, at(&inv.Date), &inv.AmountCents,
		&inv.Debtor, &inv.Description, at(&inv.KeepUntil),
		&inv.Kind, &inv.Year, &inv.Seq, &inv.CreditsID, &inv.CreditsNumber, &inv.CreditedBy,
		&inv.FunderID, &inv.Buyer.Address, &inv.Buyer.KvK, &inv.Buyer.VATNumber, &inv.Buyer.EInvoice,
		&inv.Seller.Name, &inv.Seller.Address, &inv.Seller.KvK, &inv.Seller.VATNumber, &inv.Seller.IBAN,
		&inv.Reference, &inv.Contract, at(&inv.PeriodFrom), at(&inv.PeriodTo), at(&inv.Due),
		&inv.NetCents, &inv.VATCents, &inv.Exemption, at(&inv.PaidOn))
	if errors.Is(err, sql.ErrNoRows) {
		return inv, ErrNotFound
	}
	inv.Buyer.Name = inv.Debtor
	return inv, err
}

func (t *tx) invoice(id int64) (Invoice, error) {
	return scanInvoice(t.row(fmt.Sprintf(invoiceSelectSQL,
		lawAddMonths("i.invoice_date", "p.months"), "i.id = ?"), id))
}

// invoiceWithLines is invoice with its lines.
func (t *tx) invoiceWithLines(id int64) (Invoice, error) {
	inv, err := t.invoice(id)
	if err != nil {
		return inv, err
	}
	rs, err := t.query(`SELECT position, item_kind, item_date, description, unit, quantity,
		unit_cents, net_cents, vat_bp, vat_reason FROM invoice_lines WHERE invoice_id = ?
		ORDER BY position`, id)
	if err != nil {
		return inv, fmt.Errorf("reading invoice lines: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		var l InvoiceLine
		if err := rs.Scan(&l.Position, &l.Kind, at(&l.Date), &l.Description, &l.Unit, &l.Quantity,
			&l.UnitCents, &l.NetCents, &l.VATBP, &l.VATReason); err != nil {
			return inv, fmt.Errorf("reading invoice lines: %w", err)
		}
		inv.Lines = append(inv.Lines, l)
	}
	return inv, rs.Err()
}

// Invoice returns one invoice with its lines, or ErrNotFound.
func (s *Store) Invoice(ctx context.Context, id int64) (Invoice, error) {
	var inv Invoice
	err := s.read(ctx, func(t *tx) error {
		var err error
		inv, err = t.invoiceWithLines(id)
		return err
	})
	return inv, err
}

// InvoiceByNumber returns the invoice numbered number, with its lines, or
// ErrNotFound.
func (s *Store) InvoiceByNumber(ctx context.Context, number string) (Invoice, error) {
	var inv Invoice
	err := s.read(ctx, func(t *tx) error {
		var id int64
		err := t.row("SELECT id FROM invoices WHERE number = ?", strings.TrimSpace(number)).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("finding invoice: %w", err)
		}
		inv, err = t.invoiceWithLines(id)
		return err
	})
	return inv, err
}

// Invoices returns a client's invoices, oldest first. A clientID of 0
// returns the invoices kept after their clients were purged.
func (s *Store) Invoices(ctx context.Context, clientID int64) ([]Invoice, error) {
	where := "i.client_id = ?"
	args := []any{clientID}
	if clientID == 0 {
		where, args = "i.client_id IS NULL", nil
	}
	return s.listInvoices(ctx, where, args...)
}

// InvoicesBetween returns every invoice and credit note dated from from
// to to (inclusive), oldest first: the yearly or quarterly overview.
func (s *Store) InvoicesBetween(ctx context.Context, from, to time.Time) ([]Invoice, error) {
	return s.listInvoices(ctx, "i.invoice_date BETWEEN ? AND ?", from.Format(dateLayout), to.Format(dateLayout))
}

func (s *Store) listInvoices(ctx context.Context, where string, args ...any) ([]Invoice, error) {
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

// InvoiceDraft asks MakeInvoice for an invoice: either of the unbilled
// hours of a client between From and To, or, when Lines are given, of
// those lines (a fixed amount; From and To then only state the period).
type InvoiceDraft struct {
	ClientID int64
	// Date is the invoice date; zero means today.
	Date     time.Time
	From, To time.Time
	// Lines of a fixed-amount invoice: Description, Quantity (minutes for
	// UnitHour, else a count; 0 means 1), UnitCents and, unless the
	// practice is VAT-exempt, VATBP and VATReason. The store computes the
	// amounts.
	Lines []InvoiceLine
}

// MakeInvoice issues an invoice: it checks the draft, takes the next
// number of the invoice date's year, computes lines, VAT and totals, marks
// the hours billed, and saves it all in one transaction, so a number is
// never taken without its invoice (no gaps) nor twice (no duplicates).
//
// Bad input returns a *ValidationError and saves nothing: no lines
// ("lines"), a rate of zero ("rate"), a period overlapping an earlier
// invoice of the client ("period"), a VAT rate other than 0, 9 or 21%
// without a reason ("vat_reason"), a funder without an address
// ("funder_address"), and more (see the Field of each). It returns
// ErrRestricted while processing of the client is restricted.
func (s *Store) MakeInvoice(ctx context.Context, d InvoiceDraft) (Invoice, error) {
	var inv Invoice
	err := s.write(ctx, func(t *tx) error {
		var err error
		if inv, err = t.makeInvoice(d); err != nil {
			return err
		}
		inv, err = t.invoiceWithLines(inv.ID)
		return err
	})
	return inv, err
}

func (t *tx) makeInvoice(d InvoiceDraft) (Invoice, error) {
	client, err := t.writable(d.ClientID)
	if err != nil {
		return Invoice{}, err
	}
	set, err := t.moneySettings()
	if err != nil {
		return Invoice{}, err
	}
	inv := Invoice{ClientID: d.ClientID, Kind: InvoiceNormal, Date: civilDay(d.Date),
		PeriodFrom: civilDay(d.From), PeriodTo: civilDay(d.To)}
	if d.Date.IsZero() {
		inv.Date = t.today()
	}
	if d.From.IsZero() {
		inv.PeriodFrom = time.Time{}
	}
	if d.To.IsZero() {
		inv.PeriodTo = time.Time{}
	}
	if inv.Seller, err = t.seller(set); err != nil {
		return inv, err
	}
	tm, err := t.terms(d.ClientID)
	hasTerms := err == nil
	if err != nil && !errors.Is(err, ErrNotFound) {
		return inv, err
	}
	payDays := set.PaymentDays
	if hasTerms && tm.FunderID != 0 {
		f, err := t.funder(tm.FunderID)
		if err != nil {
			return inv, err
		}
		if err := f.Validate(); err != nil {
			return inv, err
		}
		inv.FunderID, payDays = f.ID, f.PaymentDays
		inv.Buyer = Party{Name: f.Name, Address: f.Address, KvK: f.KvK, VATNumber: f.VATNumber, EInvoice: f.EInvoice}
		inv.Contract = f.Contract
	} else {
		if strings.TrimSpace(client.Address) == "" {
			return inv, invalid("client_address", "the client pays this invoice, so it states their address: the client has none")
		}
		inv.Buyer = Party{Name: client.Name(), Address: client.Address}
	}
	if hasTerms {
		inv.Reference = tm.Reference
	}
	inv.Debtor = inv.Buyer.Name
	if err := t.checkInvoiceDate(inv.Date); err != nil {
		return inv, err
	}
	var items []billedItem
	switch {
	case len(d.Lines) > 0:
		if err := fixedLines(&inv, d.Lines, set); err != nil {
			return inv, err
		}
		if !inv.PeriodFrom.IsZero() && !inv.PeriodTo.IsZero() && inv.PeriodTo.Before(inv.PeriodFrom) {
			return inv, invalid("period", "the period ends before it starts")
		}
	case !hasTerms:
		return inv, invalid("terms", "invoicing hours needs the trajectory's terms (funder, budget, rate): set them first")
	default:
		if items, err = t.periodLines(&inv, tm, set); err != nil {
			return inv, err
		}
	}
	if set.VATExempt {
		inv.Exemption = set.ExemptionText
	}
	for _, g := range VATGroups(inv.Lines) {
		inv.NetCents += g.NetCents
		inv.VATCents += g.VATCents
	}
	inv.AmountCents = inv.NetCents + inv.VATCents
	if inv.NetCents <= 0 {
		return inv, invalid("amount", "the invoice comes to nothing: an invoice needs an amount")
	}
	if hasTerms && len(d.Lines) > 0 {
		if err := t.fixedWithinBudget(inv, tm, set); err != nil {
			return inv, err
		}
	}
	inv.Due = inv.Date.AddDate(0, 0, payDays)
	if err := t.insertInvoice(&inv, items); err != nil {
		return inv, err
	}
	return inv, t.audit(AuditCreate, inv.ClientID, "invoice "+inv.Number)
}

// seller is the practice as an invoice states it; an invoice without the
// seller's name, address and KvK number, or without a VAT number or an
// exemption, is not one the Belastingdienst accepts.
func (t *tx) seller(set MoneySettings) (Party, error) {
	p, err := t.practice()
	if err != nil {
		return Party{}, err
	}
	switch {
	case strings.TrimSpace(p.Name) == "" || strings.TrimSpace(p.Address) == "":
		return Party{}, invalid("practice", "an invoice states the practice's name and address: fill them in under settings")
	case strings.TrimSpace(p.KvK) == "":
		return Party{}, invalid("practice_kvk", "an invoice states the practice's KvK number: fill it in under settings")
	case set.VATExempt && strings.TrimSpace(set.ExemptionText) == "":
		return Party{}, invalid("exemption_text", "a VAT-exempt practice states why on every invoice: the exemption text is missing")
	case !set.VATExempt && strings.TrimSpace(set.VATNumber) == "":
		return Party{}, invalid("vat_number", "a practice that charges VAT states its VAT number on every invoice")
	}
	return Party{Name: p.Name, Address: p.Address, KvK: p.KvK, VATNumber: set.VATNumber, IBAN: set.IBAN}, nil
}

// checkInvoiceDate keeps numbers and dates in step: an invoice is not
// dated after today, nor before the last invoice of its year, whose number
// is lower.
func (t *tx) checkInvoiceDate(date time.Time) error {
	if date.After(t.today()) {
		return invalid("invoice_date", "an invoice cannot be dated in the future")
	}
	var last time.Time
	err := t.row(`SELECT max(invoice_date) FROM invoices WHERE year = ?`, date.Year()).Scan(at(&last))
	if err != nil {
		return fmt.Errorf("checking invoice date: %w", err)
	}
	if !last.IsZero() && date.Before(last) {
		return invalid("invoice_date", fmt.Sprintf("the last invoice of %d is dated %s: a new one cannot be dated earlier", date.Year(), last.Format(dateLayout)))
	}
	return nil
}

// fixedLines checks and prices the lines of a fixed-amount invoice.
func fixedLines(inv *Invoice, lines []InvoiceLine, set MoneySettings) error {
	for i, l := range lines {
		l.Position, l.Kind = i+1, ItemFixed
		l.Description = strings.TrimSpace(l.Description)
		if l.Unit == "" {
			l.Unit = UnitItem
		}
		if l.Quantity == 0 {
			l.Quantity = 1
		}
		switch {
		case l.Description == "":
			return invalid("line_description", fmt.Sprintf("line %d needs a description", i+1))
		case l.Unit != UnitItem && l.Unit != UnitHour && l.Unit != UnitSession:
			return invalid("line_unit", fmt.Sprintf("line %d: unknown unit %q", i+1, l.Unit))
		case l.Quantity < 0:
			return invalid("line_quantity", fmt.Sprintf("line %d: the quantity must be more than zero", i+1))
		case l.UnitCents <= 0:
			return invalid("rate", fmt.Sprintf("line %d: the price must be more than zero", i+1))
		}
		if set.VATExempt {
			l.VATBP, l.VATReason = 0, ""
		} else if err := checkVAT(l.VATBP, l.VATReason); err != nil {
			return err
		}
		l.NetCents = lineNet(l.Unit, l.Quantity, l.UnitCents)
		inv.Lines = append(inv.Lines, l)
	}
	return nil
}

// fixedWithinBudget refuses a fixed-amount invoice that would bill more
// than is left of the trajectory's budget: past an amount budget (the
// lines' amounts before VAT, at any rate, a fixed price included), or
// past an hours or sessions budget by lines counted in that unit. Hours
// of a period are capped line by line instead (periodLines); a fixed
// amount is the coach's own figure, so it is refused whole, saying what
// is left, rather than cut to a number the coach did not type.
func (t *tx) fixedWithinBudget(inv Invoice, tm Terms, set MoneySettings) error {
	b, err := t.budget(inv.ClientID, set)
	if err != nil {
		return err
	}
	var asked int64
	for _, l := range inv.Lines {
		switch {
		case b.Kind == BudgetAmount:
			asked += l.NetCents
		case b.Kind == BudgetHours && l.Unit == UnitHour,
			b.Kind == BudgetSessions && l.Unit == UnitSession:
			asked += l.Quantity
		}
	}
	left := max(b.Total-b.Billed, 0)
	if b.Kind == BudgetNone || asked <= left {
		return nil
	}
	// Value is what is left in the budget's unit (cents, minutes or
	// sessions), for each surface to write in the coach's language.
	field, shown := "budget_left", fmt.Sprintf("€%d.%02d", left/100, left%100)
	switch b.Kind {
	case BudgetHours:
		field, shown = "budget_left_hours", fmt.Sprintf("%d:%02d hours", left/60, left%60)
	case BudgetSessions:
		field, shown = "budget_left_sessions", fmt.Sprintf("%d sessions", left)
	}
	return invalidValue("", field, strconv.FormatInt(left, 10),
		fmt.Sprintf("this invoice bills more than is left of the budget (%s): lower the amount, or raise the budget in the terms", shown))
}

// periodLines bills the client's unbilled hours between inv.PeriodFrom and
// inv.PeriodTo: attended appointments, no-shows when the practice bills
// them, and time entries, at the terms' rate, up to what is left of the
// budget. Whatever of an appointment crosses the budget is not billed.
func (t *tx) periodLines(inv *Invoice, tm Terms, set MoneySettings) ([]billedItem, error) {
	switch {
	case inv.PeriodFrom.IsZero() || inv.PeriodTo.IsZero():
		return nil, invalid("period", "invoicing hours needs a period: from and to")
	case inv.PeriodTo.Before(inv.PeriodFrom):
		return nil, invalid("period", "the period ends before it starts")
	case inv.PeriodTo.After(inv.Date):
		return nil, invalid("period", "the period cannot end after the invoice date")
	case tm.RateKind == RateFixed:
		return nil, invalid("rate_kind", "this trajectory has a fixed price: invoice it as a fixed amount")
	}
	from, to := inv.PeriodFrom.Format(dateLayout), inv.PeriodTo.Format(dateLayout)
	var earlier string
	var eFrom, eTo time.Time
	err := t.row(`SELECT i.number, i.period_from, i.period_to FROM invoices i
		WHERE i.client_id = ? AND i.kind = 'invoice' AND i.period_from <= ? AND i.period_to >= ?
		AND NOT EXISTS (SELECT 1 FROM invoices c WHERE c.credits_id = i.id)
		ORDER BY i.invoice_date LIMIT 1`, inv.ClientID, to, from).Scan(&earlier, at(&eFrom), at(&eTo))
	if err == nil {
		return nil, invalid("period", fmt.Sprintf("invoice %s already bills %s to %s, which overlaps this period",
			earlier, eFrom.Format(dateLayout), eTo.Format(dateLayout)))
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("checking period: %w", err)
	}
	vat, reason := tm.VATBP, tm.VATReason
	if set.VATExempt {
		vat, reason = 0, ""
	}
	// left is what the budget still allows, in the unit of the lines;
	// -1 for no limit.
	left := int64(-1)
	b, err := t.budget(inv.ClientID, set)
	if err != nil {
		return nil, err
	}
	unit := UnitHour
	if tm.RateKind == RatePerSession {
		unit = UnitSession
	}
	switch b.Kind {
	case BudgetHours, BudgetSessions:
		left = max(b.Total-b.Billed, 0)
	case BudgetAmount:
		if unit == UnitHour {
			left = max((b.Total-b.Billed)*60/tm.RateCents, 0)
		} else {
			left = max((b.Total-b.Billed)/tm.RateCents, 0)
		}
	}
	var items []billedItem
	add := func(kind ItemKind, day time.Time, desc string, minutes int64, table string, id int64) {
		items = append(items, billedItem{table, id})
		q := minutes
		if unit == UnitSession {
			q = 1
		}
		if left >= 0 {
			q = min(q, left)
			left -= q
		}
		if q <= 0 {
			return
		}
		inv.Lines = append(inv.Lines, InvoiceLine{Position: len(inv.Lines) + 1, Kind: kind, Date: day,
			Description: desc, Unit: unit, Quantity: q, UnitCents: tm.RateCents,
			NetCents: lineNet(unit, q, tm.RateCents), VATBP: vat, VATReason: reason})
	}
	rs, err := t.query(`SELECT id, starts_at, minutes, attendance FROM appointments
		WHERE client_id = ? AND invoice_id IS NULL AND date(starts_at) BETWEEN ? AND ?
		AND (attendance = 'attended' OR (? AND attendance = 'no_show'))
		ORDER BY starts_at, id`, inv.ClientID, from, to, set.NoShowBillable)
	if err != nil {
		return nil, fmt.Errorf("collecting hours: %w", err)
	}
	for rs.Next() {
		var id, minutes int64
		var start time.Time
		var att Attendance
		if err := rs.Scan(&id, at(&start), &minutes, &att); err != nil {
			rs.Close()
			return nil, fmt.Errorf("collecting hours: %w", err)
		}
		kind := ItemSession
		if att == AttendanceNoShow {
			kind = ItemNoShow
		}
		add(kind, civilDay(start), "", minutes, "appointments", id)
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("collecting hours: %w", err)
	}
	if unit == UnitHour {
		rs, err = t.query(`SELECT id, entry_date, minutes, description FROM time_entries
			WHERE client_id = ? AND invoice_id IS NULL AND entry_date BETWEEN ? AND ?
			ORDER BY entry_date, id`, inv.ClientID, from, to)
		if err != nil {
			return nil, fmt.Errorf("collecting hours: %w", err)
		}
		for rs.Next() {
			var id, minutes int64
			var day time.Time
			var desc string
			if err := rs.Scan(&id, at(&day), &minutes, &desc); err != nil {
				rs.Close()
				return nil, fmt.Errorf("collecting hours: %w", err)
			}
			add(ItemTime, day, desc, minutes, "time_entries", id)
		}
		rs.Close()
		if err := rs.Err(); err != nil {
			return nil, fmt.Errorf("collecting hours: %w", err)
		}
	}
	if len(items) == 0 {
		return nil, invalid("lines", fmt.Sprintf("there are no unbilled hours between %s and %s", from, to))
	}
	if len(inv.Lines) == 0 {
		return nil, invalid("budget_spent", "the budget is used up: nothing in this period can be billed")
	}
	return items, nil
}

// billedItem is an appointment or time entry an invoice bills.
type billedItem struct {
	table string // "appointments" or "time_entries"
	id    int64
}

// insertInvoice numbers inv and saves it with its lines, and marks items
// billed by it. The number is the next of the invoice date's year, taken
// in the caller's transaction: if anything after it fails, or the process
// dies before the save is sealed, the number was never taken.
func (t *tx) insertInvoice(inv *Invoice, items []billedItem) error {
	inv.Year = inv.Date.Year()
	if err := t.row("SELECT coalesce(max(seq), 0) + 1 FROM invoices WHERE year = ?", inv.Year).Scan(&inv.Seq); err != nil {
		return fmt.Errorf("numbering invoice: %w", err)
	}
	inv.Number = fmt.Sprintf("%d-%04d", inv.Year, inv.Seq)
	var taken bool
	if err := t.row("SELECT EXISTS (SELECT 1 FROM invoices WHERE number = ?)", inv.Number).Scan(&taken); err != nil {
		return fmt.Errorf("numbering invoice: %w", err)
	}
	if taken {
		// Only an invoice recorded by hand under caseload's own scheme
		// can hold it; skipping the number would leave a gap.
		return invalid("number", fmt.Sprintf("invoice number %s was recorded by hand: caseload cannot number the next invoice without a gap", inv.Number))
	}
	var client, funder, credits any
	if inv.ClientID != 0 {
		client = inv.ClientID
	}
	if inv.FunderID != 0 {
		funder = inv.FunderID
	}
	if inv.CreditsID != 0 {
		credits = inv.CreditsID
	}
	res, err := t.exec(`INSERT INTO invoices (client_id, number, invoice_date, amount_cents, debtor,
		description, kind, year, seq, credits_id, credits_number, funder_id, debtor_address,
		debtor_kvk, debtor_vat, debtor_einvoice, seller_name, seller_address, seller_kvk,
		seller_vat, seller_iban, reference, contract, period_from, period_to, due_date,
		net_cents, vat_cents, exemption)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		client, inv.Number, dateArg(inv.Date), inv.AmountCents, inv.Buyer.Name, inv.Description,
		inv.Kind, inv.Year, inv.Seq, credits, inv.CreditsNumber, funder, inv.Buyer.Address,
		inv.Buyer.KvK, inv.Buyer.VATNumber, inv.Buyer.EInvoice, inv.Seller.Name, inv.Seller.Address,
		inv.Seller.KvK, inv.Seller.VATNumber, inv.Seller.IBAN, inv.Reference, inv.Contract,
		dateArg(inv.PeriodFrom), dateArg(inv.PeriodTo), dateArg(inv.Due), inv.NetCents,
		inv.VATCents, inv.Exemption)
	if err != nil {
		return fmt.Errorf("saving invoice: %w", err)
	}
	if inv.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	for _, l := range inv.Lines {
		if _, err := t.exec(`INSERT INTO invoice_lines (invoice_id, position, item_kind, item_date,
			description, unit, quantity, unit_cents, net_cents, vat_bp, vat_reason)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, inv.ID, l.Position, l.Kind, dateArg(l.Date),
			l.Description, l.Unit, l.Quantity, l.UnitCents, l.NetCents, l.VATBP, l.VATReason); err != nil {
			return fmt.Errorf("saving invoice lines: %w", err)
		}
	}
	for _, it := range items {
		if _, err := t.exec("UPDATE "+it.table+" SET invoice_id = ? WHERE id = ?", inv.ID, it.id); err != nil {
			return fmt.Errorf("marking hours billed: %w", err)
		}
	}
	return nil
}

// CreditInvoice issues a credit note for the whole of invoice id, dated
// date (zero: today), numbered in the same series. The hours it billed
// become unbilled again, to be invoiced anew. It returns ErrNotFound for
// an unknown invoice and a *ValidationError for a credit note, an invoice
// already credited ("credited"), or one recorded by hand, whose lines
// caseload does not know.
func (s *Store) CreditInvoice(ctx context.Context, id int64, date time.Time) (Invoice, error) {
	var cn Invoice
	err := s.write(ctx, func(t *tx) error {
		orig, err := t.invoiceWithLines(id)
		if err != nil {
			return err
		}
		switch {
		case orig.Kind == InvoiceCredit:
			return invalid("credited", fmt.Sprintf("%s is itself a credit note", orig.Number))
		case orig.CreditedBy != "":
			return invalid("credited", fmt.Sprintf("invoice %s was already credited by %s", orig.Number, orig.CreditedBy))
		case len(orig.Lines) == 0:
			return invalid("credited", fmt.Sprintf("invoice %s was recorded by hand: credit it where it was made", orig.Number))
		}
		cn = orig
		cn.ID, cn.Kind, cn.CreditsID, cn.CreditsNumber, cn.CreditedBy = 0, InvoiceCredit, orig.ID, orig.Number, ""
		cn.Date, cn.PaidOn = civilDay(date), time.Time{}
		if date.IsZero() {
			cn.Date = t.today()
		}
		if cn.Date.Before(orig.Date) {
			return invalid("invoice_date", "a credit note cannot be dated before the invoice it corrects")
		}
		if err := t.checkInvoiceDate(cn.Date); err != nil {
			return err
		}
		cn.Due = cn.Date
		cn.Lines = make([]InvoiceLine, len(orig.Lines))
		for i, l := range orig.Lines {
			l.Quantity, l.NetCents = -l.Quantity, -l.NetCents
			cn.Lines[i] = l
		}
		cn.NetCents, cn.VATCents, cn.AmountCents = -orig.NetCents, -orig.VATCents, -orig.AmountCents
		if err := t.insertInvoice(&cn, nil); err != nil {
			return err
		}
		for _, table := range []string{"appointments", "time_entries"} {
			if _, err := t.exec("UPDATE "+table+" SET invoice_id = NULL WHERE invoice_id = ?", orig.ID); err != nil {
				return fmt.Errorf("releasing hours: %w", err)
			}
		}
		if err := t.audit(AuditCreate, cn.ClientID, "credit note "+cn.Number+" for "+orig.Number); err != nil {
			return err
		}
		cn, err = t.invoiceWithLines(cn.ID)
		return err
	})
	return cn, err
}

// MarkInvoicePaid records that invoice id was paid (or a credit note
// settled) on day on (zero: today). The payment date is the one thing set
// on an issued invoice. It returns a *ValidationError ("paid_on") for a day
// before the invoice date or after today, or an invoice already paid.
func (s *Store) MarkInvoicePaid(ctx context.Context, id int64, on time.Time) (Invoice, error) {
	var inv Invoice
	err := s.write(ctx, func(t *tx) error {
		var err error
		if inv, err = t.invoice(id); err != nil {
			return err
		}
		day := civilDay(on)
		if on.IsZero() {
			day = t.today()
		}
		switch {
		case !inv.PaidOn.IsZero():
			return invalid("paid_on", fmt.Sprintf("invoice %s was already paid on %s", inv.Number, inv.PaidOn.Format(dateLayout)))
		case day.Before(inv.Date):
			return invalid("paid_on", "an invoice cannot be paid before its date")
		case day.After(t.today()):
			return invalid("paid_on", "a payment cannot be recorded for a day still to come")
		}
		if _, err := t.exec("UPDATE invoices SET paid_on = ? WHERE id = ?", dateArg(day), id); err != nil {
			return fmt.Errorf("recording payment: %w", err)
		}
		if err := t.audit(AuditEdit, inv.ClientID, "paid "+inv.Number); err != nil {
			return err
		}
		inv, err = t.invoiceWithLines(id)
		return err
	})
	return inv, err
}

// DeadlinePayment: an invoice is past its payment term and still unpaid.
const DeadlinePayment DeadlineKind = "payment"

// paymentDeadlines lists the invoices past their due date, unpaid and not
// credited, for the deadlines screen.
func (t *tx) paymentDeadlines() ([]Deadline, error) {
	rs, err := t.query(`SELECT coalesce(i.client_id, 0), trim(coalesce(c.first_name || ' ' || c.last_name, '')),
		i.id, i.number, i.due_date, CAST(julianday(i.due_date) - julianday(:today) AS INTEGER),
		coalesce(c.restricted, 0)
		FROM invoices i LEFT JOIN clients c ON c.id = i.client_id
		WHERE i.kind = 'invoice' AND i.paid_on IS NULL AND i.due_date < :today
		AND NOT EXISTS (SELECT 1 FROM invoices x WHERE x.credits_id = i.id)
		ORDER BY i.due_date, i.number`, t.todayArg())
	if err != nil {
		return nil, fmt.Errorf("listing overdue invoices: %w", err)
	}
	defer rs.Close()
	var out []Deadline
	for rs.Next() {
		d := Deadline{Kind: DeadlinePayment, State: RetentionOverdue}
		if err := rs.Scan(&d.ClientID, &d.Name, &d.ItemID, &d.Ref, at(&d.Due), &d.DaysLeft, &d.Restricted); err != nil {
			return nil, fmt.Errorf("listing overdue invoices: %w", err)
		}
		out = append(out, d)
	}
	return out, rs.Err()
}

// LogMoneyExport writes the audit line of an invoice, a bookkeeper's list
// or a funder report written to a file: clientID names the client an
// invoice belongs to (0 for none), detail says what went out, without
// client text (an invoice number, a quarter, a funder's id).
func (s *Store) LogMoneyExport(ctx context.Context, clientID int64, detail string) error {
	return s.write(ctx, func(t *tx) error { return t.audit(AuditExport, clientID, detail) })
}
