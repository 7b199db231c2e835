package invoice

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/caseload/caseload/store"
)

// cell keeps a text a spreadsheet would run as a formula from doing so.
func cell(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r", " "), "\n", ", ")
	if s != "" && strings.ContainsRune("=+-@\t", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteBookkeeperCSV writes the invoices for the bookkeeper: number, date,
// debtor, net, VAT, total, paid (the date, empty while unpaid) and what
// a credit note corrects. No client text: no descriptions, no notes.
// Amounts are euros with a point, as accounting software imports them.
func WriteBookkeeperCSV(w io.Writer, l Lang, invoices []store.Invoice) error {
	cw := csv.NewWriter(w)
	head := []string{"number", "date", "debtor", "net", "vat", "total", "paid", "credits"}
	if l == Dutch {
		head = []string{"nummer", "datum", "debiteur", "netto", "btw", "totaal", "betaald", "crediteert"}
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, inv := range invoices {
		if err := cw.Write([]string{cell(inv.Number), iso(inv.Date), cell(inv.Debtor), Amount(inv.NetCents),
			Amount(inv.VATCents), Amount(inv.AmountCents), iso(inv.PaidOn), cell(inv.CreditsNumber)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Quarter is the first and last day of quarter q (1-4) of year.
func Quarter(year, q int) (from, to time.Time, err error) {
	if q < 1 || q > 4 {
		return from, to, fmt.Errorf("quarter %d: a year has quarters 1 to 4", q)
	}
	from = time.Date(year, time.Month(3*q-2), 1, 0, 0, 0, 0, time.UTC)
	return from, from.AddDate(0, 3, -1), nil
}

// WriteFunderCSV writes a funder's report: one row a trajectory, named by
// the funder's reference only, with attendance, billable hours and the
// budget as it stands.
func WriteFunderCSV(w io.Writer, l Lang, rows []store.FunderReportRow) error {
	cw := csv.NewWriter(w)
	head := []string{"reference", "status", "outcome", "attended", "no_shows", "cancelled", "hours",
		"budget_kind", "budget", "used", "remaining", "percent"}
	if l == Dutch {
		head = []string{"referentie", "status", "uitkomst", "aanwezig", "niet_verschenen", "afgezegd", "uren",
			"budgetsoort", "budget", "verbruikt", "resterend", "procent"}
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, r := range rows {
		b := r.Budget
		total, used, left := BudgetValue(b.Kind, b.Total), BudgetValue(b.Kind, b.Used), BudgetValue(b.Kind, b.Remaining)
		pct := fmt.Sprint(b.Percent)
		if b.Kind == store.BudgetNone || b.Kind == "" {
			total, used, left, pct = "", "", "", ""
		}
		if err := cw.Write([]string{cell(r.Reference), string(r.Status), string(r.Outcome),
			fmt.Sprint(r.Attended), fmt.Sprint(r.NoShows), fmt.Sprint(r.Cancelled), Duration(int64(r.Minutes)),
			string(b.Kind), total, used, left, pct}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// BudgetValue writes an amount of a budget in its unit: hours as 1:30,
// sessions as a count, an amount in euros.
func BudgetValue(k store.BudgetKind, v int64) string {
	switch k {
	case store.BudgetHours:
		return Duration(v)
	case store.BudgetAmount:
		return Amount(v)
	}
	return fmt.Sprint(v)
}
