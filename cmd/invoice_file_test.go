package cmd

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/caseload/caseload/crypt"
	"github.com/caseload/caseload/store"
)

// The screens' invoice files: sealed with a fresh passphrase that opens
// them, or plain; named by number only; never over an earlier file.
func TestWriteInvoiceFileForTheScreens(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, nil, store.Options{Clock: func() time.Time { return time.Date(2026, 4, 10, 10, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.SavePractice(ctx, store.Practice{Name: "Coaching Noord", Address: "Markt 1, 3511 AA Utrecht", KvK: "12345678"}))
	must(s.SaveMoneySettings(ctx, store.MoneySettings{VATNumber: "NL001234567B01", IBAN: "NL91ABNA0417164300", DefaultVATBP: 2100}))
	c, err := s.CreateClient(ctx, store.Client{FirstName: "Noor", LastName: "Bakker", Status: store.StatusActive,
		Address: "Oudegracht 12, 3511 AR Utrecht"})
	must(err)
	inv, err := s.MakeInvoice(ctx, store.InvoiceDraft{ClientID: c.ID, Lines: []store.InvoiceLine{{Description: "Traject", UnitCents: 100000, VATBP: 2100}}})
	must(err)
	dir := t.TempDir()

	res, err := writeInvoiceFile(ctx, s, inv.ID, "pdf", "nl", false, dir, 10)
	must(err)
	if filepath.Base(res.Path) != "factuur-2026-0001.pdf.age" || !res.Sealed || res.Passphrase == "" || res.Name != "Factuur 2026-0001" {
		t.Fatalf("result %+v", res)
	}
	sealed, err := os.ReadFile(res.Path)
	must(err)
	if bytes.Contains(sealed, []byte("%PDF")) || bytes.Contains(sealed, []byte("Bakker")) {
		t.Fatal("the sealed file holds the invoice in the clear")
	}
	pdf, err := crypt.DecryptWithPassphrase(sealed, res.Passphrase)
	must(err)
	if !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Errorf("the passphrase opens %q", pdf[:min(len(pdf), 16)])
	}
	// Logged (before it took its name), by number only.
	log, err := s.Audit(ctx, c.ID, 10)
	must(err)
	logged := false
	for _, a := range log {
		logged = logged || a.Action == store.AuditExport && a.Detail == "invoice 2026-0001 pdf"
	}
	if !logged {
		t.Errorf("the file is not in the log: %+v", log)
	}
	// Again: a second file beside the first, never over it.
	again, err := writeInvoiceFile(ctx, s, inv.ID, "pdf", "nl", false, dir, 10)
	must(err)
	if again.Path == res.Path {
		t.Error("the second file replaced the first")
	}
	ubl, err := writeInvoiceFile(ctx, s, inv.ID, "ubl", "en", true, dir, 10)
	must(err)
	b, err := os.ReadFile(ubl.Path)
	must(err)
	if filepath.Base(ubl.Path) != "invoice-2026-0001.xml" || ubl.Sealed || !strings.Contains(string(b), "<cbc:ID>2026-0001</cbc:ID>") {
		t.Errorf("plain e-invoice %s: %.80s", ubl.Path, b)
	}
}

func TestWriteFunderReportForTheScreens(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, nil, store.Options{Clock: func() time.Time { return time.Date(2026, 4, 10, 10, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.SavePractice(ctx, store.Practice{Name: "Coaching Noord", Address: "Markt 1, 3511 AA Utrecht", KvK: "12345678"}); err != nil {
		t.Fatal(err)
	}
	f, err := s.SaveFunder(ctx, store.Funder{Name: "Gemeente Utrecht", Address: "Stadsplateau 1, 3521 AZ Utrecht"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	from, to := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)
	res, err := writeFunderReport(ctx, s, f.ID, from, to, "pdf", "nl", false, dir, 10)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(res.Path) != "rapportage-1-2026-01-01-2026-03-31.pdf.age" || res.Name != "Rapportage aan Gemeente Utrecht" || res.Passphrase == "" {
		t.Fatalf("result %+v", res)
	}
	sealed, _ := os.ReadFile(res.Path)
	if pdf, err := crypt.DecryptWithPassphrase(sealed, res.Passphrase); err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Errorf("the passphrase does not open a PDF: %v", err)
	}
	csv, err := writeFunderReport(ctx, s, f.ID, from, to, "csv", "en", true, dir, 10)
	if err != nil || filepath.Base(csv.Path) != "report-1-2026-01-01-2026-03-31.csv" || csv.Sealed {
		t.Errorf("csv %+v, %v", csv, err)
	}
}

func TestWriteYearReportForTheStatistics(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, nil, store.Options{Clock: func() time.Time { return time.Date(2026, 4, 10, 10, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.SavePractice(ctx, store.Practice{Name: "Coaching Noord", Address: "Markt 1, 3511 AA Utrecht"}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	res, err := writeYearReport(ctx, s, 2026, "nl", false, dir, 10)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(res.Path) != "jaaroverzicht-2026.pdf.age" || res.Name != "Jaaroverzicht 2026" || res.Passphrase == "" || !res.Sealed {
		t.Fatalf("result %+v", res)
	}
	sealed, _ := os.ReadFile(res.Path)
	if pdf, err := crypt.DecryptWithPassphrase(sealed, res.Passphrase); err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Errorf("the passphrase does not open a PDF: %v", err)
	}
	log, err := s.Audit(ctx, 0, 20)
	if err != nil {
		t.Fatal(err)
	}
	logged := false
	for _, a := range log {
		logged = logged || a.Action == store.AuditExport && a.Detail == "year report 2026"
	}
	if !logged {
		t.Errorf("the year report is not in the log: %+v", log)
	}
	plain, err := writeYearReport(ctx, s, 2025, "en", true, dir, 10)
	if err != nil || filepath.Base(plain.Path) != "year-report-2025.pdf" || plain.Sealed || plain.Passphrase != "" {
		t.Errorf("plain %+v, %v", plain, err)
	}
}

func TestWriteBooksForTheScreens(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, nil, store.Options{Clock: func() time.Time { return time.Date(2026, 4, 10, 10, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	dir := t.TempDir()
	res, err := writeBooks(ctx, s, 2026, 1, "nl", false, dir, 10)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(res.Path) != "facturen-2026-Q1.csv.age" || res.Name != "Facturen 2026-Q1" || res.Passphrase == "" {
		t.Fatalf("result %+v", res)
	}
	sealed, _ := os.ReadFile(res.Path)
	if _, err := crypt.DecryptWithPassphrase(sealed, res.Passphrase); err != nil {
		t.Errorf("the passphrase does not open the list: %v", err)
	}
	log, err := s.Audit(ctx, 0, 20)
	if err != nil {
		t.Fatal(err)
	}
	logged := false
	for _, a := range log {
		logged = logged || a.Action == store.AuditExport && a.Detail == "invoices 2026-Q1"
	}
	if !logged {
		t.Errorf("the list is not in the log: %+v", log)
	}
	if _, err := writeBooks(ctx, s, 2026, 5, "en", true, dir, 10); err == nil {
		t.Error("a fifth quarter was written")
	}
	plain, err := writeBooks(ctx, s, 2026, 2, "en", true, dir, 10)
	if err != nil || filepath.Base(plain.Path) != "invoices-2026-Q2.csv" || plain.Sealed {
		t.Errorf("plain %+v, %v", plain, err)
	}
}
