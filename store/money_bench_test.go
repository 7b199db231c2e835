package store

import (
	"fmt"
	"sort"
	"testing"
	"time"
)

// seedInvoices gives every client of the caseload four invoices in 2026,
// one a quarter, each with three lines, numbered as MakeInvoice numbers
// them, straight through SQL (the API seals after each).
func seedInvoices(tb testing.TB, f *fixture) int {
	tb.Helper()
	tx, err := f.s.conn.BeginTx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, "SELECT id FROM clients ORDER BY id")
	if err != nil {
		tb.Fatal(err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	seq := 0
	for q := range 4 {
		for _, id := range ids {
			seq++
			date := time.Date(2026, time.Month(3*q+3), 1+seq%28, 0, 0, 0, 0, time.UTC).Format(dateLayout)
			res, err := tx.ExecContext(ctx, `INSERT INTO invoices (client_id, number, invoice_date, amount_cents,
				debtor, kind, year, seq, debtor_address, seller_name, seller_address, seller_kvk, seller_vat,
				reference, period_from, period_to, due_date, net_cents, vat_cents)
				VALUES (?, ?, ?, 34485, 'Gemeente Utrecht', 'invoice', 2026, ?, 'Stadsplateau 1', 'Coaching', 'Markt 1',
				'12345678', 'NL001234567B01', ?, ?, ?, ?, 28500, 5985)`,
				id, fmt.Sprintf("2026-%05d", seq), date, seq, fmt.Sprintf("BS-%d", id), date, date, date)
			if err != nil {
				tb.Fatal(err)
			}
			inv, _ := res.LastInsertId()
			for p := 1; p <= 3; p++ {
				if _, err := tx.ExecContext(ctx, `INSERT INTO invoice_lines (invoice_id, position, item_kind,
					item_date, unit, quantity, unit_cents, net_cents, vat_bp) VALUES (?, ?, 'session', ?, 'hour', 60, 9500, 9500, 2100)`,
					inv, p, date); err != nil {
					tb.Fatal(err)
				}
			}
			if seq%10 == 0 {
				if _, err := tx.ExecContext(ctx, "UPDATE invoices SET paid_on = due_date WHERE id = ?", inv); err != nil {
					tb.Fatal(err)
				}
			}
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	return seq
}

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

// BenchmarkYearlyInvoiceOverview times the year's invoices of 10,000
// clients (40,000 invoices) against listing the same 10,000 clients, in
// turns in the same run, and reports the medians and their ratio.
func BenchmarkYearlyInvoiceOverview(b *testing.B) {
	f := newFixture(b)
	seedCaseload(b, f, 10_000)
	n := seedInvoices(b, f)
	from, to := day("2026-01-01"), day("2026-12-31")
	var overview, listing []time.Duration
	b.ResetTimer()
	for b.Loop() {
		t0 := time.Now()
		list, err := f.s.InvoicesBetween(ctx, from, to)
		if err != nil || len(list) < n {
			b.Fatalf("%d invoices, %v; want at least %d", len(list), err, n)
		}
		t1 := time.Now()
		clients, err := f.s.ListClients(ctx)
		if err != nil || len(clients) != 10_000 {
			b.Fatalf("%d clients, %v", len(clients), err)
		}
		overview, listing = append(overview, t1.Sub(t0)), append(listing, time.Since(t1))
	}
	mo, ml := median(overview), median(listing)
	b.ReportMetric(float64(mo.Milliseconds()), "overview-ms")
	b.ReportMetric(float64(ml.Milliseconds()), "list-clients-ms")
	b.ReportMetric(float64(mo)/float64(ml), "ratio")
}

// BenchmarkClientInvoices times one client's invoices, what the money
// screen reads when it opens, in the same caseload.
func BenchmarkClientInvoices(b *testing.B) {
	f := newFixture(b)
	seedCaseload(b, f, 10_000)
	seedInvoices(b, f)
	for b.Loop() {
		if list, err := f.s.Invoices(ctx, 5_000); err != nil || len(list) < 4 {
			b.Fatalf("%d invoices, %v", len(list), err)
		}
		if _, err := f.s.Budget(ctx, 5_000); err != ErrNotFound {
			b.Fatal(err)
		}
	}
}
