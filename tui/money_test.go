package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/caseload/caseload/store"
)

// newMoneyCaseload is the people caseload (without Anna's dossier) with
// Anna's money: funded by a municipality, ten hours at €95, with eight
// hours spent in December 2025.
func newMoneyCaseload(t *testing.T) *testStore {
	t.Helper()
	return fromSeed(t, "money", seedMoney)
}

// seedMoney adds people and Anna's money.
func seedMoney(t testing.TB, m *testStore) {
	t.Helper()
	for _, c := range people() {
		must[store.Client](t)(m.Store.CreateClient(context.Background(), c))
	}
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(m.SavePractice(ctx, store.Practice{Name: "Coaching Noord", Address: "Markt 1, 3511 AA Utrecht", KvK: "12345678"}))
	must(m.SaveMoneySettings(ctx, store.MoneySettings{VATNumber: "NL001234567B01", DefaultVATBP: 2100}))
	f, err := m.SaveFunder(ctx, store.Funder{Name: "Gemeente Utrecht", Address: "Stadsplateau 1, 3521 AZ Utrecht"})
	must(err)
	_, err = m.SaveTerms(ctx, store.Terms{ClientID: 1, FunderID: f.ID, BudgetKind: store.BudgetHours, Budget: 600,
		RateKind: store.RatePerHour, RateCents: 9500, VATBP: 2100, Reference: "BS-0042\x1b[31m"})
	must(err)
	for _, d := range []int{2, 9, 16, 23} {
		_, err := m.AddTimeEntry(ctx, store.TimeEntry{ClientID: 1, Date: day(2025, 12, d), Minutes: 120, Description: "verslag"})
		must(err)
	}
}

// openMoney is Anna's money screen, opened with $ on her screen.
func openMoney(t *testing.T, lang Lang) (*driver, *testStore) {
	t.Helper()
	m := newMoneyCaseload(t)
	d, _, _ := unlocked(t, m, lang, 100, 30)
	d.keys("[enter]")
	d.keys("$")
	if s := top[moneyScreen](t, d); !s.loaded || s.client != 1 {
		t.Fatalf("money screen loaded %v for %d: %s\n%s", s.loaded, s.client, s.problem, d.view())
	}
	return d, m
}

func TestMoneyScreenInvoicesPaysAndCredits(t *testing.T) {
	d, _ := openMoney(t, English)
	view := d.view()
	for _, want := range []string{"Hours, budget and invoices of Anna de Vries", "Gemeente Utrecht", "€ 95.00 an hour",
		"8:00 of 10:00 hours (80%)", "80% of the budget is used", "4 time entries, 8:00 not yet billed", "No invoices yet."} {
		if !strings.Contains(view, want) {
			t.Errorf("money screen lacks %q:\n%s", want, view)
		}
	}
	if strings.Contains(view, "\x1b[31m") {
		t.Error("a control sequence from the vault reached the screen")
	}
	// n: last month's hours are the period the form offers.
	d.keys("n")
	f := top[invoiceForm](t, d)
	if f.Get("from") != "2025-12-01" || f.Get("to") != "2025-12-31" {
		t.Errorf("the form offers %s to %s", f.Get("from"), f.Get("to"))
	}
	d.keys("[ctrl+s]")
	s := top[moneyScreen](t, d)
	if len(s.invoices) != 1 || s.invoices[0].Number != "2026-0001" || s.invoices[0].AmountCents != 91960 {
		t.Fatalf("after the form: %+v\n%s", s.invoices, d.view())
	}
	if !strings.Contains(d.view(), "2026-0001") || !strings.Contains(d.view(), "unpaid") {
		t.Errorf("the new invoice is not listed as unpaid:\n%s", d.view())
	}
	// p and yes: paid.
	d.keys("py")
	if s := top[moneyScreen](t, d); s.invoices[0].PaidOn.IsZero() || !strings.Contains(d.view(), "paid") {
		t.Errorf("not paid:\n%s", d.view())
	}
	// c and yes: a credit note, the hours free again.
	d.keys("cy")
	s = top[moneyScreen](t, d)
	if len(s.invoices) != 2 || s.invoices[1].Kind != store.InvoiceCredit || s.invoices[0].CreditedBy != "2026-0002" {
		t.Fatalf("after the credit note: %+v", s.invoices)
	}
	if view := d.view(); !strings.Contains(view, "credited") || !strings.Contains(view, "credit note") ||
		!strings.Contains(view, "8:00 not yet billed") {
		t.Errorf("after the credit note:\n%s", view)
	}
}

func TestMoneyFormSaysWhatIsWrongInDutch(t *testing.T) {
	d, m := openMoney(t, Dutch)
	d.keys("n")
	// A period without unbilled hours.
	d.keys("[tab][ctrl+u]2025-11-01[tab][ctrl+u]2025-11-30[ctrl+s]")
	top[invoiceForm](t, d)
	if got := d.view(); !strings.Contains(got, "geen ongefactureerde uren") {
		t.Errorf("the form does not say why:\n%s", got)
	}
	if list, _ := m.Invoices(context.Background(), 1); len(list) != 0 {
		t.Errorf("a refused invoice was saved: %+v", list)
	}
}

func TestMoneyStatisticsDrawTheYear(t *testing.T) {
	d, m := openMoney(t, English)
	if _, err := m.SaveAppointment(context.Background(), store.Appointment{ClientID: 1,
		Start: time.Date(2026, 1, 8, 10, 0, 0, 0, time.UTC), Minutes: 60, Attendance: store.AttendanceNoShow}); err != nil {
		t.Fatal(err)
	}
	d.keys("[esc][esc]$")
	s := top[moneyStats](t, d)
	if !s.loaded || s.year != 2026 {
		t.Fatalf("statistics of %d, loaded %v: %s", s.year, s.loaded, s.problem)
	}
	view := d.view()
	for _, want := range []string{"2026 by month: billable hours, invoiced (before VAT), appointments", "Jan 0:00", "€ 0.00    1 █", "Closed trajectories per year"} {
		if !strings.Contains(view, want) {
			t.Errorf("statistics lack %q:\n%s", want, view)
		}
	}
	// ← goes back a year: December 2025 has the eight hours of time.
	d.keys("[left]")
	if view := d.view(); !strings.Contains(view, "Dec 8:00   ██████") {
		t.Errorf("2025 lacks December's hours:\n%s", view)
	}
}
