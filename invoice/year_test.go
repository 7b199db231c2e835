package invoice

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/caseload/caseload/store"
)

func TestYearReportDrawsMonthsAndOutcomes(t *testing.T) {
	s, _ := practiceFixture(t, false)
	months, err := s.MoneyYear(ctx, 2026)
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Practice(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r := YearReport{Practice: p, Year: 2026, Made: day("2026-04-10"), Months: months, Years: []store.YearStats{
		{Year: 2025, Trajectories: 9, Measured: 9, MedianDays: 182, Outcomes: map[store.Outcome]int{
			store.OutcomeEducation: 3, store.OutcomeWork: 4, store.OutcomeDroppedOut: 1, store.OutcomeUnknown: 1}},
		{Year: 2026, Trajectories: 2, Outcomes: map[store.Outcome]int{store.OutcomeOther: 2}},
	}}
	for _, tc := range []struct {
		l     Lang
		wants []string
	}{
		{Dutch, []string{"Jaaroverzicht 2026", "noemt geen cliënt", "Uren per maand", "mrt", "3:00",
			"Uitkomsten per jaar", "opleiding", "werk", "onbekend", "9 trajecten", "2 trajecten", "Mediaan", "182"}},
		{English, []string{"Year report 2026", "names no client", "Hours per month", "Mar",
			"Outcomes per year", "education", "unknown", "9 trajectories", "Median"}},
	} {
		var b bytes.Buffer
		if err := WriteYearPDF(&b, tc.l, r); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "year-"+string(tc.l)+".pdf")
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
		for _, want := range tc.wants {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the year report lacks %q:\n%s", tc.l, want, text)
			}
		}
		if strings.Contains(text, "Vermeer") {
			t.Errorf("%s: the year report names a client", tc.l)
		}
		if dir := os.Getenv("CASELOAD_CHART_PNG"); dir != "" {
			png := filepath.Join(dir, "year-"+string(tc.l))
			if out, err := exec.Command(pdfTool(t, "pdftoppm"), "-gray", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", file, png).CombinedOutput(); err != nil {
				t.Fatalf("pdftoppm: %v\n%s", err, out)
			}
		}
	}
}
