package store

import (
	"fmt"
	"testing"
	"time"
)

// seedCaseload inserts n invented clients straight through SQL, in one
// transaction: the API would seal the image after every client. The mix is
// a practice's after some years: 40% active, 45% closed (ends spread over
// eight years, so some are due, some soon, most counting), 10% rejected,
// 5% intake; every 50th closed client on hold; every client with three
// records, every active one with an appointment ahead, every closed one
// with an invoice.
func seedCaseload(tb testing.TB, f *fixture, n int) {
	tb.Helper()
	tx, err := f.s.conn.BeginTx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	stamp := "2026-01-01 09:00:00"
	first := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		status, start, end, rejected, hold := "active", first.AddDate(0, 0, i%2900).Format(dateLayout), any(nil), any(nil), 0
		switch k := i % 20; {
		case k >= 8 && k <= 16:
			status = "closed"
			end = first.AddDate(0, 0, 200+(i*7)%2900).Format(dateLayout)
			start = first.AddDate(0, 0, (i*7)%2900).Format(dateLayout)
			if i%50 == 8 {
				hold = 1
			}
		case k == 17 || k == 18:
			status, start, rejected = "rejected", "", first.AddDate(0, 0, (i*3)%2900).Format(dateLayout)
		case k == 19:
			status, start = "intake", ""
		}
		var startArg any = start
		if start == "" {
			startArg = nil
		}
		outcome := ""
		if status == "closed" {
			outcome = string(Outcomes[i%len(Outcomes)])
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO clients (uid, first_name, last_name, email, status,
				start_date, end_date, rejected_on, outcome, hold, hold_reason, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			fmt.Sprintf("uid%06d", i), fmt.Sprintf("Voornaam%d", i), fmt.Sprintf("Achternaam%d", i),
			fmt.Sprintf("client%d@example.org", i), status, startArg, end, rejected, outcome, hold,
			map[int]string{0: "", 1: "geschil"}[hold], stamp, stamp)
		if err != nil {
			tb.Fatal(err)
		}
		id, _ := res.LastInsertId()
		for r := range 3 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO records (client_id, kind, title, body, record_date,
					created_at, updated_at) VALUES (?, 'note', 'Gesprek', 'Voortgang besproken.', ?, ?, ?)`,
				id, first.AddDate(0, 0, (i+r*30)%2900).Format(dateLayout), stamp, stamp); err != nil {
				tb.Fatal(err)
			}
		}
		switch status {
		case "active":
			if _, err := tx.ExecContext(ctx, `INSERT INTO appointments (client_id, starts_at, minutes,
					created_at, updated_at) VALUES (?, ?, 60, ?, ?)`,
				id, time.Date(2026, 12, 1+i%28, 10, 0, 0, 0, time.UTC).Format(momentLayout), stamp, stamp); err != nil {
				tb.Fatal(err)
			}
		case "closed":
			if _, err := tx.ExecContext(ctx, `INSERT INTO invoices (client_id, number, invoice_date,
					amount_cents, debtor) VALUES (?, ?, ?, 50000, 'Gemeente')`,
				id, fmt.Sprintf("F%06d", i), end); err != nil {
				tb.Fatal(err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

func BenchmarkCountdown(b *testing.B) {
	const clients = 10000
	f := newFixture(b)
	seedCaseload(b, f, clients)
	b.Run("ListClients", func(b *testing.B) {
		for b.Loop() {
			rows, err := f.s.ListClients(ctx)
			if err != nil || len(rows) != clients {
				b.Fatalf("%d rows, %v", len(rows), err)
			}
		}
	})
	b.Run("Deadlines", func(b *testing.B) {
		for b.Loop() {
			if dl, err := f.s.Deadlines(ctx); err != nil || len(dl) == 0 {
				b.Fatalf("%d deadlines, %v", len(dl), err)
			}
		}
	})
	b.Run("DueCount", func(b *testing.B) {
		for b.Loop() {
			if n, err := f.s.DueCount(ctx); err != nil || n.Erasable == 0 {
				b.Fatalf("DueCount = %+v, %v", n, err)
			}
		}
	})
}
