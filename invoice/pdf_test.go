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

// pdfTool finds qpdf or pdftotext; CI must have them (.ci/run installs
// poppler-utils and qpdf), elsewhere the test skips without them.
func pdfTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed: .ci/run installs poppler-utils and qpdf", name)
		}
		t.Skipf("%s is not installed (apt-get install poppler-utils qpdf)", name)
	}
	return p
}

// printed writes inv as a PDF, checks it with qpdf and returns its text as
// pdftotext -layout reads it.
func printed(t *testing.T, l Lang, inv store.Invoice) string {
	t.Helper()
	var b bytes.Buffer
	if err := WritePDF(&b, l, inv); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "invoice.pdf")
	if err := os.WriteFile(file, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(pdfTool(t, "qpdf"), "--check", file).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	text, err := exec.Command(pdfTool(t, "pdftotext"), "-layout", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	if os.Getenv("CASELOAD_SHOW_INVOICE") != "" {
		t.Logf("\n%s", text)
	}
	return string(text)
}

// TestPDFStatesWhatTheBelastingdienstAsks: date, number, both parties'
// names and addresses, KvK, VAT number, description, period, amounts and
// VAT, with the same totals as the e-invoice.
func TestPDFStatesWhatTheBelastingdienstAsks(t *testing.T) {
	s, c := practiceFixture(t, false)
	inv, err := s.MakeInvoice(ctx, store.InvoiceDraft{ClientID: c.ID, From: day("2026-03-01"), To: day("2026-03-31")})
	if err != nil {
		t.Fatal(err)
	}
	text := printed(t, Dutch, inv)
	var ubl bytes.Buffer
	if err := WriteUBL(&ubl, Dutch, inv); err != nil {
		t.Fatal(err)
	}
	tt := readTotals(t, ubl.Bytes())
	for _, want := range []string{
		"Factuur 2026-0001", "Factuurdatum", "10 april 2026", "Vervaldatum", "10 mei 2026",
		"Coaching Van Dijk & Co", "Markt 1", "3511 AA Utrecht", "KvK-nummer 12345678", "Btw-nummer NL001234567B01",
		"Gemeente Utrecht", "Stadsplateau 1", "3521 AZ Utrecht",
		"1 maart 2026 t/m 31 maart 2026", "BS-2026-0042", "INK-2026-17",
		"Coachgesprek 3 maart 2026 (60 min)", "Bestede tijd 20 maart 2026 (25 min): verslag", "<school>", "0:50 u",
		"Btw 21% over € 285,00", Euro(Dutch, tt.net), Euro(Dutch, tt.vat), Euro(Dutch, tt.total), "€ 344,85",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the printed invoice lacks %q:\n%s", want, text)
		}
	}
}

func TestPDFOfExemptInvoiceAndCreditNote(t *testing.T) {
	s, c := practiceFixture(t, true)
	inv, err := s.MakeInvoice(ctx, store.InvoiceDraft{ClientID: c.ID, From: day("2026-03-01"), To: day("2026-03-31")})
	if err != nil {
		t.Fatal(err)
	}
	text := printed(t, English, inv)
	for _, want := range []string{"Invoice 2026-0001", "Vrijgesteld van btw, art. 11 lid 1 sub o Wet OB", "VAT: exempt", "€ 285.00"} {
		if !strings.Contains(text, want) {
			t.Errorf("the exempt invoice lacks %q:\n%s", want, text)
		}
	}
	cn, err := s.CreditInvoice(ctx, inv.ID, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	text = printed(t, Dutch, cn)
	for _, want := range []string{"Creditnota 2026-0002", "Crediteert factuur", "2026-0001", "-€ 285,00"} {
		if !strings.Contains(text, want) {
			t.Errorf("the credit note lacks %q:\n%s", want, text)
		}
	}
}

// TestFunderReportPDFNamesReferencesOnly: the funder's report lists the
// trajectory by the funder's reference, with its hours, and no name.
func TestFunderReportPDFNamesReferencesOnly(t *testing.T) {
	s, _ := practiceFixture(t, false)
	p, err := s.Practice(ctx)
	if err != nil {
		t.Fatal(err)
	}
	f, err := s.Funder(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := s.FunderReport(ctx, f.ID, day("2026-03-01"), day("2026-03-31"))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteFunderPDF(&b, Dutch, FunderReport{Practice: p, Funder: f, From: day("2026-03-01"), To: day("2026-03-31"), Made: day("2026-04-10"), Rows: rows}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "report.pdf")
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
	for _, want := range []string{"Rapportage aan Gemeente Utrecht", "BS-2026-0042", "3:00", "Aanwezig", "1 maart 2026 t/m 31 maart 2026"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Vermeer") {
		t.Errorf("the report names the client:\n%s", text)
	}
}
