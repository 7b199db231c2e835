package store

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// sameInvoice compares what every invoice has, made here or recorded by hand.
func sameInvoice(a, b Invoice) bool {
	return a.ID == b.ID && a.ClientID == b.ClientID && a.Number == b.Number && a.Date.Equal(b.Date) &&
		a.AmountCents == b.AmountCents && a.Debtor == b.Debtor && a.Description == b.Description &&
		a.KeepUntil.Equal(b.KeepUntil)
}

// moneyFixture is a practice that charges 21% VAT, a municipality that
// funds a trajectory of 10 hours at €95 an hour, and its client.
type moneyFixture struct {
	*fixture
	funder Funder
	client Client
}

func newMoney(t *testing.T) moneyFixture {
	t.Helper()
	f := newFixture(t)
	f.clock.t = time.Date(2026, 4, 10, 10, 0, 0, 0, time.UTC)
	if err := f.s.SavePractice(ctx, Practice{Name: "Coaching Van Dijk", Address: "Markt 1\n3511 AA Utrecht", KvK: "12345678"}); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SaveMoneySettings(ctx, MoneySettings{VATNumber: "NL001234567B01", IBAN: "NL91ABNA0417164300", DefaultVATBP: 2100}); err != nil {
		t.Fatal(err)
	}
	fu, err := f.s.SaveFunder(ctx, Funder{Name: "Gemeente Utrecht", Address: "Stadsplateau 1\n3521 AZ Utrecht", KvK: "30280353", Contract: "INK-2026-17", EInvoice: "00000001002220647000"})
	if err != nil {
		t.Fatal(err)
	}
	c := f.client(t, Client{FirstName: "Ayla", LastName: "Vermeer", Status: StatusActive, Start: day("2026-01-05"), Address: "Lange Nieuwstraat 4, Utrecht"})
	if _, err := f.s.SaveTerms(ctx, Terms{ClientID: c.ID, FunderID: fu.ID, BudgetKind: BudgetHours, Budget: 600,
		RateKind: RatePerHour, RateCents: 9500, VATBP: 2100, Reference: "BS-2026-0042"}); err != nil {
		t.Fatal(err)
	}
	return moneyFixture{f, fu, c}
}

func (m moneyFixture) session(t *testing.T, on string, minutes int, att Attendance) {
	t.Helper()
	d := day(on)
	if _, err := m.s.SaveAppointment(ctx, Appointment{ClientID: m.client.ID, Start: d.Add(10 * time.Hour), Minutes: minutes, Attendance: att}); err != nil {
		t.Fatal(err)
	}
}

func (m moneyFixture) invoice(t *testing.T, from, to string) Invoice {
	t.Helper()
	inv, err := m.s.MakeInvoice(ctx, InvoiceDraft{ClientID: m.client.ID, From: day(from), To: day(to)})
	if err != nil {
		t.Fatal(err)
	}
	return inv
}

func (m moneyFixture) budget(t *testing.T) Budget {
	t.Helper()
	b, err := m.s.Budget(ctx, m.client.ID)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestInvoiceFromPeriodStatesEverything(t *testing.T) {
	m := newMoney(t)
	m.session(t, "2026-03-03", 60, AttendanceAttended)
	m.session(t, "2026-03-10", 45, AttendanceAttended)
	m.session(t, "2026-03-17", 60, AttendanceCancelled)
	m.session(t, "2026-04-01", 60, AttendanceAttended) // outside the period
	if _, err := m.s.AddTimeEntry(ctx, TimeEntry{ClientID: m.client.ID, Date: day("2026-03-20"), Minutes: 30, Description: "verslag"}); err != nil {
		t.Fatal(err)
	}
	inv := m.invoice(t, "2026-03-01", "2026-03-31")
	if inv.Number != "2026-0001" || !inv.Date.Equal(day("2026-04-10")) || !inv.Due.Equal(day("2026-05-10")) {
		t.Errorf("number %s date %s due %s", inv.Number, inv.Date, inv.Due)
	}
	if len(inv.Lines) != 3 || inv.Lines[0].Quantity != 60 || inv.Lines[1].Quantity != 45 || inv.Lines[2].Kind != ItemTime {
		t.Fatalf("lines = %+v", inv.Lines)
	}
	// 60 + 45 + 30 minutes at €95: 9500 + 7125 + 4750 = 21375; VAT 21%: 4488.75 → 4489.
	if inv.NetCents != 21375 || inv.VATCents != 4489 || inv.AmountCents != 25864 {
		t.Errorf("net %d vat %d total %d", inv.NetCents, inv.VATCents, inv.AmountCents)
	}
	if inv.Seller.Name != "Coaching Van Dijk" || inv.Seller.KvK != "12345678" || inv.Seller.VATNumber == "" ||
		inv.Buyer.Name != "Gemeente Utrecht" || inv.Buyer.Address == "" || inv.Reference != "BS-2026-0042" ||
		inv.Contract != "INK-2026-17" || !inv.PeriodFrom.Equal(day("2026-03-01")) {
		t.Errorf("parties or references missing: %+v", inv)
	}
	if inv.Status(m.s.Today()) != StatusUnpaid {
		t.Errorf("status %s", inv.Status(m.s.Today()))
	}
	// The hours are billed: the same period again finds an overlap, a
	// later period nothing new but April's session.
	if _, err := m.s.MakeInvoice(ctx, InvoiceDraft{ClientID: m.client.ID, From: day("2026-03-15"), To: day("2026-04-05")}); fieldOf(err) != "period" {
		t.Errorf("overlapping period: %v", err)
	}
	second := m.invoice(t, "2026-04-01", "2026-04-10")
	if second.Number != "2026-0002" || len(second.Lines) != 1 {
		t.Errorf("second = %s with %d lines", second.Number, len(second.Lines))
	}
}

func fieldOf(err error) string {
	var ve *ValidationError
	if errors.As(err, &ve) {
		return ve.Field
	}
	if err != nil {
		return "error: " + err.Error()
	}
	return ""
}

func TestBadInvoicesSaveNothing(t *testing.T) {
	m := newMoney(t)
	m.session(t, "2026-03-03", 60, AttendanceAttended)
	m.invoice(t, "2026-03-01", "2026-03-05")
	noAddress := m.client
	cases := []struct {
		name  string
		setup func() error
		draft InvoiceDraft
		field string
	}{
		{"no lines", nil, InvoiceDraft{ClientID: m.client.ID, From: day("2026-03-06"), To: day("2026-03-31")}, "lines"},
		{"rate zero", nil, InvoiceDraft{ClientID: m.client.ID, Lines: []InvoiceLine{{Description: "Rapportage", UnitCents: 0, VATBP: 2100}}}, "rate"},
		{"overlap", nil, InvoiceDraft{ClientID: m.client.ID, From: day("2026-02-01"), To: day("2026-03-01")}, "period"},
		{"odd VAT", nil, InvoiceDraft{ClientID: m.client.ID, Lines: []InvoiceLine{{Description: "Training", UnitCents: 10000, VATBP: 600}}}, "vat_reason"},
		{"future date", nil, InvoiceDraft{ClientID: m.client.ID, Date: day("2026-05-01"), Lines: []InvoiceLine{{Description: "Training", UnitCents: 10000, VATBP: 2100}}}, "invoice_date"},
		{"funder without address", func() error {
			_, err := m.s.conn.ExecContext(ctx, "UPDATE funders SET address = ''")
			return err
		}, InvoiceDraft{ClientID: m.client.ID, Lines: []InvoiceLine{{Description: "Training", UnitCents: 10000, VATBP: 2100}}}, "funder_address"},
		{"client pays without address", func() error {
			if _, err := m.s.SaveTerms(ctx, Terms{ClientID: noAddress.ID, RateKind: RatePerHour, RateCents: 8000, VATBP: 2100}); err != nil {
				return err
			}
			noAddress.Address = ""
			_, err := m.s.UpdateClient(ctx, noAddress)
			return err
		}, InvoiceDraft{ClientID: m.client.ID, Lines: []InvoiceLine{{Description: "Training", UnitCents: 10000, VATBP: 2100}}}, "client_address"},
	}
	for _, c := range cases {
		if c.setup != nil {
			if err := c.setup(); err != nil {
				t.Fatal(err)
			}
		}
		seals := m.seal.seals
		_, err := m.s.MakeInvoice(ctx, c.draft)
		if got := fieldOf(err); got != c.field {
			t.Errorf("%s: error field %q (%v), want %q", c.name, got, err, c.field)
		}
		list, _ := m.s.Invoices(ctx, m.client.ID)
		if len(list) != 1 || m.seal.seals != seals {
			t.Errorf("%s: %d invoices, %d seals after a refusal; want 1 and none new", c.name, len(list), m.seal.seals-seals)
		}
	}
	// The terms refuse a rate of zero and an odd VAT rate without reason.
	if _, err := m.s.SaveTerms(ctx, Terms{ClientID: m.client.ID, RateKind: RatePerHour, RateCents: 0}); fieldOf(err) != "rate" {
		t.Errorf("terms with rate 0: %v", err)
	}
	if _, err := m.s.SaveTerms(ctx, Terms{ClientID: m.client.ID, RateKind: RatePerHour, RateCents: 100, VATBP: 1900}); fieldOf(err) != "vat_reason" {
		t.Errorf("terms with 19%% VAT: %v", err)
	}
	if _, err := m.s.SaveTerms(ctx, Terms{ClientID: m.client.ID, RateKind: RatePerHour, RateCents: 100, VATBP: 1900, VATReason: "Belgian client"}); err != nil {
		t.Errorf("terms with 19%% VAT and a reason: %v", err)
	}
	if _, err := m.s.SaveFunder(ctx, Funder{Name: "UWV"}); fieldOf(err) != "funder_address" {
		t.Errorf("funder without address: %v", err)
	}
}

func TestInvoiceNumbersHaveNoGapsAcrossYearsAndCredits(t *testing.T) {
	m := newMoney(t)
	fixed := func(on string) Invoice {
		t.Helper()
		inv, err := m.s.MakeInvoice(ctx, InvoiceDraft{ClientID: m.client.ID, Date: day(on),
			Lines: []InvoiceLine{{Description: "Trajectdeel", UnitCents: 50000, VATBP: 2100}}})
		if err != nil {
			t.Fatal(err)
		}
		return inv
	}
	m.clock.t = time.Date(2027, 1, 15, 9, 0, 0, 0, time.UTC)
	a := fixed("2026-12-30")
	b := fixed("2026-12-31")
	c := fixed("2027-01-02")
	cn, err := m.s.CreditInvoice(ctx, b.ID, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{a.Number, b.Number, c.Number, cn.Number}
	want := []string{"2026-0001", "2026-0002", "2027-0001", "2027-0002"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("numbers %v, want %v", got, want)
	}
	// A back-dated invoice would put a lower date after a higher number.
	if _, err := m.s.MakeInvoice(ctx, InvoiceDraft{ClientID: m.client.ID, Date: day("2026-12-01"),
		Lines: []InvoiceLine{{Description: "x", UnitCents: 100, VATBP: 2100}}}); fieldOf(err) != "invoice_date" {
		t.Errorf("back-dated invoice: %v", err)
	}
	if cn.AmountCents != -b.AmountCents || cn.CreditsNumber != b.Number || cn.Kind != InvoiceCredit {
		t.Errorf("credit note %+v", cn)
	}
	if _, err := m.s.CreditInvoice(ctx, b.ID, time.Time{}); fieldOf(err) != "credited" {
		t.Errorf("second credit note for one invoice: %v", err)
	}
	again, _ := m.s.Invoice(ctx, b.ID)
	if again.Status(m.s.Today()) != StatusCredited || again.CreditedBy != cn.Number {
		t.Errorf("credited invoice status %s by %q", again.Status(m.s.Today()), again.CreditedBy)
	}
}

// TestConcurrentInvoicingNumbersEachOnce: invoices made at once from many
// goroutines get consecutive numbers, each once.
func TestConcurrentInvoicingNumbersEachOnce(t *testing.T) {
	m := newMoney(t)
	const n = 40
	var wg sync.WaitGroup
	numbers := make(chan string, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			inv, err := m.s.MakeInvoice(ctx, InvoiceDraft{ClientID: m.client.ID,
				Lines: []InvoiceLine{{Description: "Trajectdeel", UnitCents: 1000, VATBP: 2100}}})
			if err != nil {
				t.Error(err)
				return
			}
			numbers <- inv.Number
		}()
	}
	wg.Wait()
	close(numbers)
	seen := map[string]bool{}
	for num := range numbers {
		if seen[num] {
			t.Errorf("number %s given twice", num)
		}
		seen[num] = true
	}
	for i := 1; i <= n; i++ {
		if !seen[fmt.Sprintf("2026-%04d", i)] {
			t.Errorf("number 2026-%04d missing", i)
		}
	}
}

// TestCrashBetweenNumberAndSaveLeavesNoGap: when the save of an invoice
// never reaches the disk, the vault that opens afterwards has neither the
// invoice nor its number, and the next invoice takes that number.
func TestCrashBetweenNumberAndSaveLeavesNoGap(t *testing.T) {
	m := newMoney(t)
	m.session(t, "2026-03-03", 60, AttendanceAttended)
	first := m.invoice(t, "2026-03-01", "2026-03-05")
	m.seal.fail = errors.New("power cut")
	if _, err := m.s.MakeInvoice(ctx, InvoiceDraft{ClientID: m.client.ID,
		Lines: []InvoiceLine{{Description: "Trajectdeel", UnitCents: 1000, VATBP: 2100}}}); !errors.Is(err, ErrNotSaved) {
		t.Fatalf("save during the power cut: %v", err)
	}
	m.seal.fail = nil
	s2 := m.reopen(t) // what the disk held when the process died
	list, err := s2.Invoices(ctx, m.client.ID)
	if err != nil || len(list) != 1 || list[0].Number != first.Number {
		t.Fatalf("after the crash: %+v, %v", list, err)
	}
	next, err := s2.MakeInvoice(ctx, InvoiceDraft{ClientID: m.client.ID,
		Lines: []InvoiceLine{{Description: "Trajectdeel", UnitCents: 1000, VATBP: 2100}}})
	if err != nil || next.Number != "2026-0002" {
		t.Errorf("next after the crash: %s, %v; want 2026-0002", next.Number, err)
	}
}

func TestBudgetEdges(t *testing.T) {
	t.Run("exactly 100%", func(t *testing.T) {
		m := newMoney(t)
		for _, d := range []string{"2026-02-02", "2026-02-09", "2026-02-16", "2026-02-23", "2026-03-02"} {
			m.session(t, d, 96, AttendanceAttended)
		}
		// 5 × 96 = 480 of 600 minutes: 80%, the first warning.
		if b := m.budget(t); b.Level != BudgetWarning || b.Percent != 80 || b.Remaining != 120 {
			t.Errorf("at 480 minutes: %+v", b)
		}
		m.session(t, "2026-03-09", 120, AttendanceAttended)
		b := m.budget(t)
		if b.Level != BudgetFull || b.Percent != 100 || b.Remaining != 0 {
			t.Errorf("at 600 minutes: %+v", b)
		}
		inv := m.invoice(t, "2026-02-01", "2026-03-31")
		if inv.NetCents != 95000 {
			t.Errorf("ten hours at €95 = %d cents", inv.NetCents)
		}
	})
	t.Run("an appointment crossing the budget", func(t *testing.T) {
		m := newMoney(t)
		m.session(t, "2026-02-02", 540, AttendanceAttended) // 9 of 10 hours
		m.invoice(t, "2026-02-01", "2026-02-28")
		m.session(t, "2026-03-02", 120, AttendanceAttended) // crosses by an hour
		b := m.budget(t)
		if b.Level != BudgetOver || b.Remaining != -60 || b.Percent != 110 {
			t.Errorf("over budget: %+v", b)
		}
		inv := m.invoice(t, "2026-03-01", "2026-03-31")
		if len(inv.Lines) != 1 || inv.Lines[0].Quantity != 60 || inv.NetCents != 9500 {
			t.Errorf("the crossing session bills only the hour left: %+v", inv.Lines)
		}
		if b := m.budget(t); b.Billed != 600 {
			t.Errorf("billed %d minutes, want the whole budget", b.Billed)
		}
		m.session(t, "2026-04-01", 60, AttendanceAttended)
		if _, err := m.s.MakeInvoice(ctx, InvoiceDraft{ClientID: m.client.ID, From: day("2026-04-01"), To: day("2026-04-10")}); fieldOf(err) != "budget_spent" {
			t.Errorf("invoice past the budget: %v", err)
		}
	})
	for _, billable := range []bool{false, true} {
		t.Run(fmt.Sprintf("a no-show, billable %v", billable), func(t *testing.T) {
			m := newMoney(t)
			set, _ := m.s.MoneySettings(ctx)
			set.NoShowBillable = billable
			if err := m.s.SaveMoneySettings(ctx, set); err != nil {
				t.Fatal(err)
			}
			m.session(t, "2026-03-03", 60, AttendanceAttended)
			m.session(t, "2026-03-10", 60, AttendanceNoShow)
			want := int64(60)
			if billable {
				want = 120
			}
			if b := m.budget(t); b.Used != want {
				t.Errorf("used %d minutes, want %d", b.Used, want)
			}
			inv := m.invoice(t, "2026-03-01", "2026-03-31")
			if int64(len(inv.Lines))*60 != want || billable && inv.Lines[1].Kind != ItemNoShow {
				t.Errorf("lines %+v", inv.Lines)
			}
		})
	}
	t.Run("a credit note", func(t *testing.T) {
		m := newMoney(t)
		m.session(t, "2026-03-03", 300, AttendanceAttended)
		inv := m.invoice(t, "2026-03-01", "2026-03-31")
		if b := m.budget(t); b.Billed != 300 {
			t.Fatalf("billed %d", b.Billed)
		}
		cn, err := m.s.CreditInvoice(ctx, inv.ID, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if cn.NetCents != -inv.NetCents || cn.VATCents != -inv.VATCents || cn.Lines[0].Quantity != -300 {
			t.Errorf("credit note %+v", cn)
		}
		b := m.budget(t)
		if b.Billed != 0 || b.Used != 300 {
			t.Errorf("after the credit note: %+v", b)
		}
		// The hours are free again, and the period too.
		again := m.invoice(t, "2026-03-01", "2026-03-31")
		if again.NetCents != inv.NetCents || again.Number != "2026-0003" {
			t.Errorf("invoiced again: %s %d", again.Number, again.NetCents)
		}
	})
	t.Run("an amount budget at a session rate", func(t *testing.T) {
		m := newMoney(t)
		if _, err := m.s.SaveTerms(ctx, Terms{ClientID: m.client.ID, FunderID: m.funder.ID, BudgetKind: BudgetAmount,
			Budget: 30000, RateKind: RatePerSession, RateCents: 12500, VATBP: 2100}); err != nil {
			t.Fatal(err)
		}
		for _, d := range []string{"2026-03-03", "2026-03-10", "2026-03-17"} {
			m.session(t, d, 60, AttendanceAttended)
		}
		if b := m.budget(t); b.Used != 37500 || b.Level != BudgetOver {
			t.Errorf("%+v", b)
		}
		inv := m.invoice(t, "2026-03-01", "2026-03-31")
		if len(inv.Lines) != 2 || inv.NetCents != 25000 {
			t.Errorf("two whole sessions fit in €300: %+v", inv.Lines)
		}
	})
	t.Run("an amount budget at a fixed price", func(t *testing.T) {
		m := newMoney(t)
		if _, err := m.s.SaveTerms(ctx, Terms{ClientID: m.client.ID, FunderID: m.funder.ID, BudgetKind: BudgetAmount,
			Budget: 150000, RateKind: RateFixed, RateCents: 100000, VATBP: 2100}); err != nil {
			t.Fatal(err)
		}
		fixed := func(cents int64) (Invoice, error) {
			return m.s.MakeInvoice(ctx, InvoiceDraft{ClientID: m.client.ID,
				Lines: []InvoiceLine{{Description: "Trajectdeel", UnitCents: cents, VATBP: 2100}}})
		}
		if _, err := fixed(100000); err != nil {
			t.Fatal(err)
		}
		// €500 is left: €500.01 is refused whole and saves nothing.
		_, err := fixed(50001)
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Field != "budget_left" || ve.Value != "50000" {
			t.Fatalf("past the budget: %v", err)
		}
		if list, _ := m.s.Invoices(ctx, m.client.ID); len(list) != 1 {
			t.Errorf("the refused invoice was saved: %d invoices", len(list))
		}
		// Exactly what is left fits, and the budget is then full.
		if _, err := fixed(50000); err != nil {
			t.Fatal(err)
		}
		if b := m.budget(t); b.Level != BudgetFull || b.Used != 150000 || b.Remaining != 0 {
			t.Errorf("after the whole budget: %+v", b)
		}
		if _, err := fixed(1); fieldOf(err) != "budget_left" {
			t.Errorf("a cent past a full budget: %v", err)
		}
	})
	t.Run("fixed hours on an hours budget", func(t *testing.T) {
		m := newMoney(t)
		m.session(t, "2026-03-03", 480, AttendanceAttended)
		m.invoice(t, "2026-03-01", "2026-03-31")
		_, err := m.s.MakeInvoice(ctx, InvoiceDraft{ClientID: m.client.ID,
			Lines: []InvoiceLine{{Description: "Rapportage", Unit: UnitHour, Quantity: 180, UnitCents: 9500, VATBP: 2100}}})
		if fieldOf(err) != "budget_left_hours" {
			t.Errorf("three hours on two left: %v", err)
		}
		// An item line does not count hours: it is not capped by them.
		if _, err := m.s.MakeInvoice(ctx, InvoiceDraft{ClientID: m.client.ID,
			Lines: []InvoiceLine{{Description: "Reiskosten", UnitCents: 2500, VATBP: 2100}}}); err != nil {
			t.Errorf("an item on an hours budget: %v", err)
		}
	})
}

func TestVATExemptPracticeStatesTheExemption(t *testing.T) {
	m := newMoney(t)
	if err := m.s.SaveMoneySettings(ctx, MoneySettings{VATExempt: true}); fieldOf(err) != "exemption_text" {
		t.Errorf("exempt without text: %v", err)
	}
	text := "Vrijgesteld van btw (art. 11 lid 1 sub o Wet OB)"
	if err := m.s.SaveMoneySettings(ctx, MoneySettings{VATExempt: true, ExemptionText: text, DefaultVATBP: 0}); err != nil {
		t.Fatal(err)
	}
	m.session(t, "2026-03-03", 60, AttendanceAttended)
	inv := m.invoice(t, "2026-03-01", "2026-03-31")
	if inv.VATCents != 0 || inv.Exemption != text || inv.Lines[0].VATBP != 0 || inv.AmountCents != 9500 {
		t.Errorf("exempt invoice %+v", inv)
	}
}

func TestPaymentAndOverdueDeadline(t *testing.T) {
	m := newMoney(t)
	m.session(t, "2026-03-03", 60, AttendanceAttended)
	inv := m.invoice(t, "2026-03-01", "2026-03-31")
	m.clock.t = time.Date(2026, 5, 11, 9, 0, 0, 0, time.UTC) // a day past the term
	dl, err := m.s.Deadlines(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range dl {
		if d.Kind == DeadlinePayment && d.Ref == inv.Number && d.DaysLeft == -1 && d.State == RetentionOverdue {
			found = true
		}
	}
	if !found {
		t.Errorf("overdue invoice not on the deadlines: %+v", dl)
	}
	if _, err := m.s.MarkInvoicePaid(ctx, inv.ID, day("2026-06-01")); fieldOf(err) != "paid_on" {
		t.Errorf("paid in the future: %v", err)
	}
	paid, err := m.s.MarkInvoicePaid(ctx, inv.ID, time.Time{})
	if err != nil || paid.Status(m.s.Today()) != StatusPaid || !paid.PaidOn.Equal(day("2026-05-11")) {
		t.Fatalf("paid: %+v, %v", paid, err)
	}
	if _, err := m.s.MarkInvoicePaid(ctx, inv.ID, time.Time{}); fieldOf(err) != "paid_on" {
		t.Errorf("paid twice: %v", err)
	}
	dl, _ = m.s.Deadlines(ctx)
	for _, d := range dl {
		if d.Kind == DeadlinePayment {
			t.Errorf("paid invoice still on the deadlines: %+v", d)
		}
	}
}

// TestInvoiceSurvivesPurgeWithItsLines: a purged dossier takes its hours,
// terms and time with it; the invoice stays, lines and all, without the
// link, until its own seven years are over.
func TestInvoiceSurvivesPurgeWithItsLines(t *testing.T) {
	m := newMoney(t)
	m.session(t, "2026-03-03", 60, AttendanceAttended)
	if _, err := m.s.AddTimeEntry(ctx, TimeEntry{ClientID: m.client.ID, Date: day("2026-03-04"), Minutes: 15}); err != nil {
		t.Fatal(err)
	}
	inv := m.invoice(t, "2026-03-01", "2026-03-31")
	c := m.client
	c.Status, c.End, c.Outcome = StatusClosed, day("2026-04-01"), OutcomeEducation
	if _, err := m.s.UpdateClient(ctx, c); err != nil {
		t.Fatal(err)
	}
	m.clock.t = time.Date(2028, 5, 1, 9, 0, 0, 0, time.UTC)
	plan, err := m.s.PlanPurge(ctx, c.ID, PurgeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.s.Purge(ctx, plan); err != nil {
		t.Fatal(err)
	}
	kept, err := m.s.Invoice(ctx, inv.ID)
	if err != nil || kept.ClientID != 0 || len(kept.Lines) != 2 || kept.AmountCents != inv.AmountCents || !kept.KeepUntil.Equal(day("2033-04-10")) {
		t.Fatalf("kept invoice %+v, %v", kept, err)
	}
	var left int
	if err := m.s.conn.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM time_entries) + (SELECT count(*) FROM trajectory_terms)`).Scan(&left); err != nil || left != 0 {
		t.Errorf("time entries and terms left after the purge: %d, %v", left, err)
	}
	// Seven years on, the invoice goes with its lines.
	m.clock.t = time.Date(2033, 4, 11, 9, 0, 0, 0, time.UTC)
	iplan, err := m.s.PlanInvoicePurge(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.s.Purge(ctx, iplan); err != nil {
		t.Fatal(err)
	}
	if err := m.s.conn.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM invoices) + (SELECT count(*) FROM invoice_lines)`).Scan(&left); err != nil || left != 0 {
		t.Errorf("invoice rows left after its retention: %d, %v", left, err)
	}
}

func TestFunderReportNamesClientsByReference(t *testing.T) {
	m := newMoney(t)
	m.session(t, "2026-03-03", 60, AttendanceAttended)
	m.session(t, "2026-03-10", 60, AttendanceNoShow)
	m.session(t, "2026-03-17", 60, AttendanceCancelled)
	rows, err := m.s.FunderReport(ctx, m.funder.ID, day("2026-03-01"), day("2026-03-31"))
	if err != nil || len(rows) != 1 {
		t.Fatalf("report %+v, %v", rows, err)
	}
	r := rows[0]
	if r.Reference != "BS-2026-0042" || r.Attended != 1 || r.NoShows != 1 || r.Cancelled != 1 || r.Minutes != 60 || r.Budget.Used != 60 {
		t.Errorf("row %+v", r)
	}
}

// TestMigratesAVaultWithoutMoney: a vault from before the money side
// keeps its invoices (all net, as recorded) and appointments, and its
// appointments can be invoiced after the migration.
func TestMigratesAVaultWithoutMoney(t *testing.T) {
	steps, err := migrationSteps()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for i, s := range steps {
		if strings.Contains(s, "CREATE TABLE funders") {
			n = i
		}
	}
	image := imageAtVersion(t, n,
		`INSERT INTO clients (id, uid, first_name, last_name, status, start_date, address, created_at, updated_at)
			VALUES (7, 'u7', 'Sanne', 'Bos', 'active', '2026-01-05', 'Kerkstraat 1, 1234 AB Ergens',
				'2026-01-05 09:00:00', '2026-01-05 09:00:00')`,
		`INSERT INTO appointments (client_id, starts_at, minutes, attendance, created_at, updated_at)
			VALUES (7, '2026-03-03 10:00:00', 90, 'attended', '2026-03-03 09:00:00', '2026-03-03 09:00:00')`,
		`INSERT INTO invoices (client_id, number, invoice_date, amount_cents, debtor)
			VALUES (7, 'F-2026-1', '2026-02-01', 50000, 'Sanne Bos')`)
	f := &fixture{seal: &memSealer{}, clock: &fixedClock{t: time.Date(2026, 4, 10, 9, 0, 0, 0, time.UTC)}}
	s, err := Open(ctx, image, Options{Sealer: f.seal, Clock: f.clock.now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	old, err := s.Invoices(ctx, 7)
	if err != nil || len(old) != 1 || old[0].NetCents != 50000 || old[0].VATCents != 0 || old[0].Kind != InvoiceNormal || old[0].Year != 0 {
		t.Fatalf("the old invoice after the migration: %+v, %v", old, err)
	}
	if err := s.SavePractice(ctx, Practice{Name: "Praktijk", Address: "Markt 1, 3511 AA Utrecht", KvK: "12345678"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveMoneySettings(ctx, MoneySettings{VATExempt: true, ExemptionText: "Vrijgesteld van btw"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveTerms(ctx, Terms{ClientID: 7, RateKind: RatePerHour, RateCents: 8000}); err != nil {
		t.Fatal(err)
	}
	inv, err := s.MakeInvoice(ctx, InvoiceDraft{ClientID: 7, From: day("2026-03-01"), To: day("2026-03-31")})
	if err != nil || inv.Number != "2026-0001" || inv.AmountCents != 12000 || inv.Buyer.Name != "Sanne Bos" {
		t.Fatalf("the first invoice after the migration: %+v, %v", inv, err)
	}
	if _, err := s.CreditInvoice(ctx, old[0].ID, time.Time{}); fieldOf(err) != "credited" {
		t.Errorf("crediting an invoice recorded by hand: %v", err)
	}
}

func TestMoneyYearCountsMonths(t *testing.T) {
	m := newMoney(t)
	m.session(t, "2026-03-03", 60, AttendanceAttended)
	m.session(t, "2026-03-10", 45, AttendanceNoShow)
	m.session(t, "2026-04-01", 30, AttendanceCancelled)
	if _, err := m.s.AddTimeEntry(ctx, TimeEntry{ClientID: m.client.ID, Date: day("2026-03-20"), Minutes: 15}); err != nil {
		t.Fatal(err)
	}
	m.invoice(t, "2026-03-01", "2026-03-31")
	year, err := m.s.MoneyYear(ctx, 2026)
	if err != nil || len(year) != 12 {
		t.Fatalf("%+v, %v", year, err)
	}
	mar, apr := year[2], year[3]
	if mar.Minutes != 75 || mar.Attended != 1 || mar.NoShows != 1 || apr.Cancelled != 1 || apr.InvoicedCents != 11875 {
		t.Errorf("March %+v, April %+v", mar, apr)
	}
}
