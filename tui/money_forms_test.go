package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/paper/fill"
	"github.com/caseload/caseload/store"
)

// practiceOnly is a real in-memory caseload at testNow with a practice
// that charges 21% VAT, one client (Noor, who pays for herself and has an
// address), and no funders or terms yet: everything the money forms set up
// is typed in the test.
func practiceOnly(t *testing.T) (*testStore, store.Client) {
	t.Helper()
	s := newTestStore(t, nil)
	c := context.Background()
	if err := s.SavePractice(c, store.Practice{Name: "Coaching Noord", Address: "Markt 1, 3511 AA Utrecht", KvK: "12345678"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveMoneySettings(c, store.MoneySettings{VATNumber: "NL001234567B01", DefaultVATBP: 2100}); err != nil {
		t.Fatal(err)
	}
	noor, err := s.CreateClient(c, store.Client{FirstName: "Noor", LastName: "Bakker", Status: store.StatusActive,
		Address: "Oudegracht 12, 3511 AR Utrecht"})
	if err != nil {
		t.Fatal(err)
	}
	return s, noor
}

// openMoneyOf unlocks s and opens the money screen of client id; wrap,
// when not nil, is what the unlock hands out instead of s.
func openMoneyOf(t *testing.T, s *testStore, id int64, lang Lang, wrap ...func(*testStore) Store) *driver {
	t.Helper()
	b := &testBackend{t: t, exists: true, pass: "tulp fiets regen lantaarn", store: s}
	if len(wrap) > 0 {
		b.wrap = wrap[0]
	}
	d := newDriver(t, newTestModel(b, lang, s.now), 100, 30)
	d.keys("tulp fiets regen lantaarn[enter]")
	leaveToday(d)
	d.send(navigateMsg{route: Route{Kind: KindMoney, Client: id}})
	if m := top[moneyScreen](t, d); !m.loaded {
		t.Fatalf("money screen not loaded: %s\n%s", m.problem, d.view())
	}
	return d
}

func wantView(t *testing.T, d *driver, wants ...string) {
	t.Helper()
	view := d.view()
	for _, w := range wants {
		if !strings.Contains(view, w) {
			t.Errorf("screen lacks %q:\n%s", w, view)
		}
	}
}

// A coach sets up a funded trajectory, records time and invoices it
// without the command line.
func TestMoneyFormsSetUpATrajectory(t *testing.T) {
	s, noor := practiceOnly(t)
	c := context.Background()
	d := openMoneyOf(t, s, noor.ID, English)
	wantView(t, d, "No terms yet (funder, budget, rate): set them with e.")

	// f: the funders, none yet; n: a new one. Without an address it is
	// refused under the address, and nothing is saved.
	d.keys("f")
	wantView(t, d, "No funders yet: add one with n.")
	d.keys("nGemeente Utrecht[ctrl+s]")
	if f := top[funderForm](t, d); f.Fields[f.Index("funder_address")].Err == "" {
		t.Errorf("a funder without an address was not refused:\n%s", d.view())
	}
	if list, _ := s.Funders(c); len(list) != 0 {
		t.Fatalf("a refused funder was saved: %+v", list)
	}
	d.keys("Stadsplateau 1, 3521 AZ Utrecht[tab]30280353[tab][tab]INK-2026-17[tab]00000001002220647000[ctrl+s]")
	list, _ := s.Funders(c)
	if len(list) != 1 || list[0].Contract != "INK-2026-17" || list[0].EInvoice != "00000001002220647000" || list[0].PaymentDays != 30 {
		t.Fatalf("funder saved as %+v", list)
	}
	top[funderList](t, d)
	wantView(t, d, "Gemeente Utrecht", "Stadsplateau 1, 3521 AZ Utrecht", "INK-2026-17", "yes", "Funder Gemeente Utrecht is saved")

	// e on the money screen: the terms, the new funder offered first.
	d.keys("[esc]e")
	f := top[termsForm](t, d)
	if f.Get("funder") != "1" || f.Get("vat") != "21" || f.Get("budget_kind") != "hours" {
		t.Errorf("new terms start as funder %q, VAT %q, budget %q", f.Get("funder"), f.Get("vat"), f.Get("budget_kind"))
	}
	// A budget that is not a number of hours is refused under the budget.
	d.keys("[tab][tab]ten[ctrl+s]")
	wantView(t, d, "Type the budget in hours, like 10 or 10:30")
	if _, err := s.Terms(c, noor.ID); err == nil {
		t.Fatal("refused terms were saved")
	}
	d.keys("[ctrl+u]10[tab][tab]95[tab][tab]BS-2026-0042[ctrl+s]")
	tm, err := s.Terms(c, noor.ID)
	if err != nil || tm.FunderID != 1 || tm.Budget != 600 || tm.RateCents != 9500 || tm.VATBP != 2100 || tm.Reference != "BS-2026-0042" {
		t.Fatalf("terms saved as %+v, %v\n%s", tm, err, d.view())
	}
	wantView(t, d, "Gemeente Utrecht · € 95.00 an hour", "0:00 of 10:00 hours (0%)", "The terms are saved")

	// t: time spent. Hours that are not hours are refused.
	d.keys("t[tab]lots[ctrl+s]")
	wantView(t, d, "Type the time in hours, like 1:30 or 1.5")
	d.keys("[ctrl+u]1:30[tab]Rapportage voor de gemeente[ctrl+s]")
	entries, _ := s.TimeEntries(c, noor.ID)
	if len(entries) != 1 || entries[0].Minutes != 90 || !entries[0].Date.Equal(day(2026, 1, 22)) {
		t.Fatalf("time saved as %+v", entries)
	}
	wantView(t, d, "1 time entry, 1:30 not yet billed", "1:30 of 10:00 hours (15%)", "1:30 of time on 2026-01-22 saved")

	// n: the hours of this month (the form offers last month's).
	d.keys("n[tab][ctrl+u]2026-01-01[tab][ctrl+u]2026-01-22[ctrl+s]")
	m := top[moneyScreen](t, d)
	if len(m.invoices) != 1 || m.invoices[0].NetCents != 14250 || m.invoices[0].Reference != "BS-2026-0042" {
		t.Fatalf("invoice of the hours: %+v\n%s", m.invoices, d.view())
	}
	if n := d.model().saving; n != 0 {
		t.Errorf("%d saves still counted under way after every form returned: a lock would wait for ever", n)
	}
}

// A fixed-price trajectory with a budget in euros: the invoice form offers
// the price, and refuses an invoice past what is left, in Dutch.
func TestMoneyFormFixedAmountWithinTheBudgetNL(t *testing.T) {
	s, noor := practiceOnly(t)
	c := context.Background()
	d := openMoneyOf(t, s, noor.ID, Dutch)
	// The client pays for herself: a budget of €1.500 at a fixed €1.000.
	d.keys("e")
	if f := top[termsForm](t, d); f.Get("funder") != "0" {
		t.Fatalf("without funders the client pays, got %q", f.Get("funder"))
	}
	d.keys("[tab][right][right][tab]1500[tab][right][right][tab]1000,00[ctrl+s]")
	tm, err := s.Terms(c, noor.ID)
	if err != nil || tm.BudgetKind != store.BudgetAmount || tm.Budget != 150000 || tm.RateKind != store.RateFixed || tm.RateCents != 100000 {
		t.Fatalf("terms %+v, %v\n%s", tm, err, d.view())
	}
	wantView(t, d, "Noor Bakker · € 1.000,00 vast", "€ 0,00 van € 1.500,00 (0%), over: € 1.500,00")

	// n: a fixed price offers only a fixed amount, the price filled in.
	d.keys("n")
	f := top[invoiceForm](t, d)
	if f.Get("kind") != invoiceOfFixed || f.Get("amount") != "1000,00" || f.Get("description") != "Traject" {
		t.Errorf("the form offers %q, %q, %q", f.Get("kind"), f.Get("amount"), f.Get("description"))
	}
	d.keys("[ctrl+s]")
	wantView(t, d, "Factuur 2026-0001 is gemaakt", "€ 1.210,00", "€ 1.000,00 van € 1.500,00 (66%)")
	// Again: €1.000 on €500 left is refused whole, saying what is left.
	d.keys("n[ctrl+s]")
	wantView(t, d, "deze factuur rekent meer dan er van het budget over is (€ 500,00): verlaag het bedrag")
	if f := top[invoiceForm](t, d); f.Saving || !f.Keys.Save.Enabled() {
		t.Error("after a refusal the form still waits for its save: ctrl+s does nothing")
	}
	if list, _ := s.Invoices(c, noor.ID); len(list) != 1 {
		t.Fatalf("a refused invoice was saved: %d invoices", len(list))
	}
	// €500 fits exactly.
	d.keys("[tab][tab][tab][tab][ctrl+u]500[ctrl+s]")
	if list, _ := s.Invoices(c, noor.ID); len(list) != 2 || list[1].NetCents != 50000 {
		t.Fatalf("invoices %+v\n%s", list, d.view())
	}
	wantView(t, d, "Het budget is op")
	if n := d.model().saving; n != 0 {
		t.Errorf("%d saves still counted under way", n)
	}
}

// The keys of the money screen open each form, and a VAT rate other than
// 0, 9 or 21% asks for its reason.
func TestMoneyFormAsksTheReasonOfAnOddVATRate(t *testing.T) {
	s, noor := practiceOnly(t)
	d := openMoneyOf(t, s, noor.ID, English)
	d.keys("e")
	f := top[termsForm](t, d)
	if !f.Fields[f.Index("vat_reason")].Hidden {
		t.Error("the reason shows for 21%")
	}
	d.keys("[tab][tab]10[tab][tab]95[tab][ctrl+u]6[ctrl+s]")
	f = top[termsForm](t, d)
	if r := f.Fields[f.Index("vat_reason")]; r.Hidden || r.Err == "" {
		t.Errorf("6%% without a reason: hidden %v, err %q\n%s", r.Hidden, r.Err, d.view())
	}
	if _, err := s.Terms(context.Background(), noor.ID); err == nil {
		t.Fatal("terms at 6% without a reason were saved")
	}
	d.keys("Verlegd tarief volgens beschikking[ctrl+s]")
	if tm, err := s.Terms(context.Background(), noor.ID); err != nil || tm.VATBP != 600 {
		t.Fatalf("terms %+v %v\n%s", tm, err, d.view())
	}
}

// s: the practice becomes VAT-exempt; without the exemption's text it is
// refused under that field, in Dutch, and nothing changes.
func TestMoneySettingsFormNL(t *testing.T) {
	s, noor := practiceOnly(t)
	c := context.Background()
	d := openMoneyOf(t, s, noor.ID, Dutch)
	d.keys("s")
	f := top[moneySettingsForm](t, d)
	if f.Get("vat") != "21" || f.Get("vat_number") != "NL001234567B01" || f.Fields[f.Index("exemption_text")].Hidden != true {
		t.Fatalf("settings shown as vat %q, number %q\n%s", f.Get("vat"), f.Get("vat_number"), d.view())
	}
	d.keys("[right][ctrl+s]")
	f = top[moneySettingsForm](t, d)
	if e := f.Fields[f.Index("exemption_text")]; e.Hidden || e.Err == "" {
		t.Errorf("an exemption without its text: hidden %v, err %q\n%s", e.Hidden, e.Err, d.view())
	}
	if set, _ := s.MoneySettings(c); set.VATExempt {
		t.Fatal("refused settings were saved")
	}
	d.keys("Vrijgesteld van btw, art. 11 lid 1 sub o Wet OB[tab][tab]NL91ABNA0417164300[tab][right][ctrl+s]")
	set, err := s.MoneySettings(c)
	if err != nil || !set.VATExempt || set.ExemptionText != "Vrijgesteld van btw, art. 11 lid 1 sub o Wet OB" ||
		set.IBAN != "NL91ABNA0417164300" || !set.NoShowBillable || set.PaymentDays != 30 {
		t.Fatalf("settings saved as %+v, %v\n%s", set, err, d.view())
	}
	top[moneyScreen](t, d)
	wantView(t, d, "De factuurinstellingen zijn bewaard")
}

func TestGoldenTermsForm(t *testing.T) {
	s, noor := practiceOnly(t)
	if _, err := s.SaveFunder(context.Background(), store.Funder{Name: "Gemeente Utrecht", Address: "Stadsplateau 1"}); err != nil {
		t.Fatal(err)
	}
	d := openMoneyOf(t, s, noor.ID, English)
	d.keys("e")
	requireGolden(t, d)
}

func TestGoldenFundersNL(t *testing.T) {
	s, noor := practiceOnly(t)
	for _, f := range []store.Funder{{Name: "Gemeente Utrecht", Address: "Stadsplateau 1\n3521 AZ Utrecht", Contract: "INK-17", EInvoice: "0000000100"},
		{Name: "UWV\x1b[2J", Address: "La Guardiaweg 116, Amsterdam"}} {
		if _, err := s.SaveFunder(context.Background(), f); err != nil {
			t.Fatal(err)
		}
	}
	d := openMoneyOf(t, s, noor.ID, Dutch)
	d.keys("f")
	if strings.Contains(d.view(), "\x1b[2J") {
		t.Fatal("a control sequence from the vault reached the screen")
	}
	requireGolden(t, d)
}

func TestGoldenMoneySettings(t *testing.T) {
	s, noor := practiceOnly(t)
	d := openMoneyOf(t, s, noor.ID, English)
	d.keys("s")
	requireGolden(t, d)
}

func TestGoldenFixedInvoiceForm(t *testing.T) {
	s, noor := practiceOnly(t)
	d := openMoneyOf(t, s, noor.ID, English)
	d.keys("n")
	requireGolden(t, d)
}

// filingStore is the test store with the session's files: it writes
// nothing, and says what it was asked.
type filingStore struct {
	*testStore
	asked *[]string
}

func (s filingStore) WriteInvoiceFile(_ context.Context, id int64, format, lang string, plain bool) (fill.Result, error) {
	*s.asked = append(*s.asked, fmt.Sprintf("%d %s %s %v", id, format, lang, plain))
	res := fill.Result{Path: "/home/coach/caseload-exports/factuur-2026-0001.pdf", Name: "Factuur 2026-0001", Sealed: !plain}
	if !plain {
		res.Path += ".age"
		res.Passphrase = "tulp fiets regen lantaarn molen"
	}
	return res, nil
}

// w on an invoice: its PDF sealed with a passphrase shown once; plain
// only after a yes.
func TestInvoiceFileFromTheMoneyScreen(t *testing.T) {
	s, noor := practiceOnly(t)
	c := context.Background()
	if _, err := s.MakeInvoice(c, store.InvoiceDraft{ClientID: noor.ID, Lines: []store.InvoiceLine{{Description: "Traject", UnitCents: 100000, VATBP: 2100}}}); err != nil {
		t.Fatal(err)
	}
	var asked []string
	d := openMoneyOf(t, s, noor.ID, English, func(ts *testStore) Store { return filingStore{ts, &asked} })
	d.keys("w")
	wantView(t, d, "Invoice 2026-0001 goes into the export folder", "PDF to send or print", "fresh passphrase")
	d.keys("[ctrl+s]")
	if len(asked) != 1 || asked[0] != "1 pdf en false" {
		t.Fatalf("asked %v", asked)
	}
	wantView(t, d, "Factuur 2026-0001 is written.", "factuur-2026-0001.pdf.age", "tulp fiets regen lantaarn molen", "another channel")
	d.keys("[esc]")
	top[moneyScreen](t, d)
	// Plain: asked first; no leaves it unwritten.
	d.keys("w[down][right]")
	d.keys("[ctrl+s]n")
	if len(asked) != 1 {
		t.Fatalf("written without a yes: %v", asked)
	}
	d.keys("[ctrl+s]y")
	if len(asked) != 2 || asked[1] != "1 pdf en true" {
		t.Fatalf("asked %v", asked)
	}
	wantView(t, d, "This file is not encrypted")
	if strings.Contains(d.view(), "tulp fiets regen lantaarn molen") {
		t.Error("a passphrase shown for a plain file")
	}
	if n := d.model().saving; n != 0 {
		t.Errorf("%d saves still counted under way", n)
	}
}

func (s filingStore) WriteFunderReport(_ context.Context, id int64, from, to time.Time, format, lang string, plain bool) (fill.Result, error) {
	*s.asked = append(*s.asked, fmt.Sprintf("report %d %s %s %s %s %v", id, from.Format("2006-01-02"), to.Format("2006-01-02"), format, lang, plain))
	return fill.Result{Path: "/home/coach/caseload-exports/rapportage-1.pdf.age", Name: "Rapportage aan Gemeente Utrecht",
		Sealed: true, Passphrase: "appel peer kers"}, nil
}

// r on a funder: the year so far as a PDF, sealed; a date that is no
// date is refused under it.
func TestFunderReportFromTheFundersNL(t *testing.T) {
	s, noor := practiceOnly(t)
	if _, err := s.SaveFunder(context.Background(), store.Funder{Name: "Gemeente Utrecht", Address: "Stadsplateau 1"}); err != nil {
		t.Fatal(err)
	}
	var asked []string
	d := openMoneyOf(t, s, noor.ID, Dutch, func(ts *testStore) Store { return filingStore{ts, &asked} })
	d.keys("fr")
	wantView(t, d, "01-01-2026", "22-01-2026", "PDF met grafieken", "geen namen")
	d.keys("[tab][ctrl+u]31-02-2026[ctrl+s]")
	if len(asked) != 0 {
		t.Fatalf("written with an impossible date: %v", asked)
	}
	d.keys("[ctrl+u]31-01-2026[ctrl+s]")
	if len(asked) != 1 || asked[0] != "report 1 2026-01-01 2026-01-31 pdf nl false" {
		t.Fatalf("asked %v", asked)
	}
	wantView(t, d, "Rapportage aan Gemeente Utrecht is geschreven.", "appel peer kers")
	d.keys("[esc]")
	top[funderList](t, d)
}

func (s filingStore) WriteYearReport(_ context.Context, year int, lang string, plain bool) (fill.Result, error) {
	*s.asked = append(*s.asked, fmt.Sprintf("year %d %s %v", year, lang, plain))
	res := fill.Result{Path: "/home/coach/caseload-exports/year-report-2025.pdf", Name: "Year report 2025", Sealed: !plain}
	if !plain {
		res.Path += ".age"
		res.Passphrase = "appel peer kers"
	}
	return res, nil
}

// p on the statistics: the year shown as a PDF report, sealed, its
// passphrase shown once; P writes it in the clear, only after a yes.
func TestYearReportFromTheStatistics(t *testing.T) {
	s, noor := practiceOnly(t)
	var asked []string
	d := openMoneyOf(t, s, noor.ID, English, func(ts *testStore) Store { return filingStore{ts, &asked} })
	d.keys("[esc][esc]$[left]")
	wantView(t, d, "year report")
	d.keys("p")
	if len(asked) != 1 || asked[0] != "year 2025 en false" {
		t.Fatalf("asked %v", asked)
	}
	wantView(t, d, "Year report 2025 is written.", "year-report-2025.pdf.age", "appel peer kers", "another channel")
	d.keys("[esc]")
	st := top[moneyStats](t, d)
	if st.done || st.res.Passphrase != "" {
		t.Errorf("the passphrase is kept after esc: %+v", st.res)
	}
	wantView(t, d, "2025 by month")
	d.keys("Pn")
	if len(asked) != 1 {
		t.Fatalf("written in the clear without a yes: %v", asked)
	}
	d.keys("Py")
	if len(asked) != 2 || asked[1] != "year 2025 en true" {
		t.Fatalf("asked %v", asked)
	}
	wantView(t, d, "This file is not encrypted")
	if strings.Contains(d.view(), "appel peer kers") {
		t.Error("a passphrase shown for a plain file")
	}
	if n := d.model().saving; n != 0 {
		t.Errorf("%d saves still counted under way", n)
	}
}

// The statistics screen with its keys, the year report's among them.
func TestGoldenMoneyStatistics(t *testing.T) {
	d, _ := openMoney(t, English)
	d.keys("[esc][esc]$")
	top[moneyStats](t, d)
	requireGolden(t, d)
}

func (s filingStore) WriteBooks(_ context.Context, year, quarter int, lang string, plain bool) (fill.Result, error) {
	*s.asked = append(*s.asked, fmt.Sprintf("books %d Q%d %s %v", year, quarter, lang, plain))
	res := fill.Result{Path: fmt.Sprintf("/home/coach/caseload-exports/invoices-%d-Q%d.csv", year, quarter),
		Name: fmt.Sprintf("Invoices %d-Q%d", year, quarter), Sealed: !plain}
	if !plain {
		res.Path += ".age"
		res.Passphrase = "appel peer kers"
	}
	return res, nil
}

// b on the statistics: the bookkeeper's CSV of a quarter, sealed; in the
// clear only after a yes.
func TestBooksFromTheStatistics(t *testing.T) {
	s, noor := practiceOnly(t)
	var asked []string
	d := openMoneyOf(t, s, noor.ID, English, func(ts *testStore) Store { return filingStore{ts, &asked} })
	d.keys("[esc][esc]$b")
	top[booksFile](t, d)
	wantView(t, d, "Q1 2026", "Invoices for the bookkeeper")
	d.keys("[ctrl+s]")
	if len(asked) != 1 || asked[0] != "books 2026 Q1 en false" {
		t.Fatalf("asked %v", asked)
	}
	wantView(t, d, "Invoices 2026-Q1 is written.", "invoices-2026-Q1.csv.age", "appel peer kers")
	d.keys("[esc]")
	top[moneyStats](t, d)
	d.keys("[left]b[right][down][right][ctrl+s]n")
	if len(asked) != 1 {
		t.Fatalf("written in the clear without a yes: %v", asked)
	}
	d.keys("[ctrl+s]y")
	if len(asked) != 2 || asked[1] != "books 2025 Q2 en true" {
		t.Fatalf("asked %v", asked)
	}
	wantView(t, d, "This file is not encrypted")
	if n := d.model().saving; n != 0 {
		t.Errorf("%d saves still counted under way", n)
	}
}

// A money file's path shows whole however narrow the terminal, cut into
// lines as the export's and the paper's are: the coach must be able to
// find the file.
func TestMoneyFileShowsTheWholePathWhenNarrow(t *testing.T) {
	s, noor := practiceOnly(t)
	if _, err := s.MakeInvoice(context.Background(), store.InvoiceDraft{ClientID: noor.ID,
		Lines: []store.InvoiceLine{{Description: "Traject", UnitCents: 100000, VATBP: 2100}}}); err != nil {
		t.Fatal(err)
	}
	var asked []string
	d := openMoneyOf(t, s, noor.ID, English, func(ts *testStore) Store { return filingStore{ts, &asked} })
	d.keys("w[ctrl+s]")
	d.send(tea.WindowSizeMsg{Width: 40, Height: 30})
	const path = "/home/coach/caseload-exports/factuur-2026-0001.pdf.age"
	got := ""
	for _, l := range strings.Split(d.view(), "\n") {
		l = strings.TrimSpace(l)
		if l != "" && (got != "" || strings.HasPrefix(l, "/home")) && strings.HasPrefix(path[len(got):], l) {
			got += l
		}
	}
	if got != path {
		t.Errorf("the path reads %q, not %q:\n%s", got, path, d.view())
	}
}
