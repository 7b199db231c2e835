package invoice

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/caseload/caseload/store"
)

// chartFixture is a funder with three trajectories over a half year: one
// in hours at 80%, one in sessions past its budget, one in euros at a
// fixed price; and the report of January to June.
func chartFixture(t *testing.T) FunderReport {
	t.Helper()
	s, c := practiceFixture(t, false)
	f, err := s.Funder(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// Ayla (the fixture): 20 hours, 3:00 in March; add January and February.
	for i, d := range []string{"2026-01-13", "2026-01-27", "2026-02-10", "2026-02-24"} {
		_, err := s.SaveAppointment(ctx, store.Appointment{ClientID: c.ID, Start: day(d).Add(10 * time.Hour),
			Minutes: 120 + 60*(i/2), Attendance: store.AttendanceAttended})
		must(err)
	}
	sem, err := s.CreateClient(ctx, store.Client{FirstName: "Sem", LastName: "Jansen", Status: store.StatusActive})
	must(err)
	_, err = s.SaveTerms(ctx, store.Terms{ClientID: sem.ID, FunderID: f.ID, BudgetKind: store.BudgetSessions, Budget: 4,
		RateKind: store.RatePerSession, RateCents: 12500, VATBP: 2100, Reference: "BS-2026-0077"})
	must(err)
	for _, d := range []string{"2026-02-02", "2026-02-16", "2026-03-02", "2026-03-16", "2026-04-06"} {
		_, err := s.SaveAppointment(ctx, store.Appointment{ClientID: sem.ID, Start: day(d).Add(14 * time.Hour),
			Minutes: 60, Attendance: store.AttendanceAttended})
		must(err)
	}
	// Sem missed one and called one off: the chart of attendance draws them.
	for d, a := range map[string]store.Attendance{"2026-03-23": store.AttendanceNoShow, "2026-03-30": store.AttendanceCancelled} {
		_, err := s.SaveAppointment(ctx, store.Appointment{ClientID: sem.ID, Start: day(d).Add(14 * time.Hour),
			Minutes: 60, Attendance: a})
		must(err)
	}
	noor, err := s.CreateClient(ctx, store.Client{FirstName: "Noor", LastName: "Bakker", Status: store.StatusActive})
	must(err)
	_, err = s.SaveTerms(ctx, store.Terms{ClientID: noor.ID, FunderID: f.ID, BudgetKind: store.BudgetAmount, Budget: 300000,
		RateKind: store.RateFixed, RateCents: 150000, VATBP: 2100, Reference: "BS-2026-0103"})
	must(err)
	_, err = s.MakeInvoice(ctx, store.InvoiceDraft{ClientID: noor.ID, Lines: []store.InvoiceLine{{Description: "Traject, eerste termijn", UnitCents: 150000, VATBP: 2100}}})
	must(err)
	p, err := s.Practice(ctx)
	must(err)
	from, to := day("2026-01-01"), day("2026-06-30")
	rows, err := s.FunderReport(ctx, f.ID, from, to)
	must(err)
	months, err := s.FunderMonths(ctx, f.ID, from, to)
	must(err)
	return FunderReport{Practice: p, Funder: f, From: from, To: to, Made: day("2026-04-10"), Rows: rows, Months: months}
}

func TestFunderReportDrawsBudgetsAndMonths(t *testing.T) {
	r := chartFixture(t)
	if len(r.Months) != 6 || r.Months[0].Minutes != 240 || r.Months[1].Minutes != 360+120 || r.Months[3].Minutes != 60 {
		t.Fatalf("months %+v", r.Months)
	}
	for _, tc := range []struct {
		l     Lang
		wants []string
	}{
		{Dutch, []string{"Verbruikt budget per traject", "verbruikt", "over", "boven het budget", "100%",
			"13:00 u van 20:00 u (65%)", "5 gesprekken van 4 gesprekken (125%)", "€ 1.500,00 van € 3.000,00 (50%)",
			"Aanwezigheid per traject", "aanwezig", "no-show", "afgezegd",
			"5 aanwezig · 1 no-show · 1 afgezegd", "Uren per maand", "jan '26", "feb", "mrt", "jun", "4:00", "8:00", "5:00", "Declarabele tijd"}},
		{English, []string{"Budget used per trajectory", "past the budget", "13:00 h of 20:00 h (65%)",
			"5 sessions of 4 sessions (125%)", "€ 1,500.00 of € 3,000.00 (50%)", "Attendance per trajectory", "5 attended · 1 no-show · 1 cancelled",
			"Hours per month", "Jan '26", "Jun"}},
	} {
		var b bytes.Buffer
		if err := WriteFunderPDF(&b, tc.l, r); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "report-"+string(tc.l)+".pdf")
		if err := os.WriteFile(file, b.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(pdfTool(t, "qpdf"), "--check", file).CombinedOutput(); err != nil {
			t.Fatalf("qpdf --check: %v\n%s", err, out)
		}
		out, err := exec.Command(pdfTool(t, "pdftotext"), "-layout", file, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text := string(out)
		if os.Getenv("CASELOAD_SHOW_INVOICE") != "" {
			t.Logf("\n%s", text)
		}
		for _, want := range tc.wants {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the report lacks %q:\n%s", tc.l, want, text)
			}
		}
		for _, name := range []string{"Vermeer", "Jansen", "Bakker"} {
			if strings.Contains(text, name) {
				t.Errorf("%s: the report names a client", tc.l)
			}
		}
		// CASELOAD_CHART_PNG=dir keeps a picture of the first page, to
		// look at (pdftoppm, greyscale: as a funder's printer prints it).
		if dir := os.Getenv("CASELOAD_CHART_PNG"); dir != "" {
			png := filepath.Join(dir, "report-"+string(tc.l))
			if out, err := exec.Command(pdfTool(t, "pdftoppm"), "-gray", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", file, png).CombinedOutput(); err != nil {
				t.Fatalf("pdftoppm: %v\n%s", err, out)
			}
		}
	}
}
