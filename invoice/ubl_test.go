package invoice

import (
	"bytes"
	"context"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/caseload/caseload/store"
)

var ctx = context.Background()

func day(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

// practiceFixture is an in-memory caseload with a practice, a funder (a
// municipality with an OIN) and a client whose trajectory it funds, with
// March's sessions and time. exempt makes the practice VAT-exempt.
func practiceFixture(t testing.TB, exempt bool) (*store.Store, store.Client) {
	t.Helper()
	clock := func() time.Time { return time.Date(2026, 4, 10, 10, 0, 0, 0, time.UTC) }
	s, err := store.Open(ctx, nil, store.Options{Clock: clock})
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
	must(s.SavePractice(ctx, store.Practice{Name: "Coaching Van Dijk & Co", Address: "Markt 1\n3511 AA Utrecht", KvK: "12345678"}))
	set := store.MoneySettings{VATNumber: "NL001234567B01", IBAN: "NL91 ABNA 0417 1643 00", DefaultVATBP: 2100}
	if exempt {
		set = store.MoneySettings{VATExempt: true, ExemptionText: "Vrijgesteld van btw, art. 11 lid 1 sub o Wet OB", IBAN: "NL91ABNA0417164300",
			VATNumber: "NL001234567B01"}
	}
	must(s.SaveMoneySettings(ctx, set))
	f, err := s.SaveFunder(ctx, store.Funder{Name: "Gemeente Utrecht", Address: "Stadsplateau 1, 3521 AZ Utrecht",
		KvK: "30280353", Contract: "INK-2026-17", EInvoice: "00000001002220647000"})
	must(err)
	c, err := s.CreateClient(ctx, store.Client{FirstName: "Ayla", LastName: "Vermeer", Status: store.StatusActive, Start: day("2026-01-05")})
	must(err)
	_, err = s.SaveTerms(ctx, store.Terms{ClientID: c.ID, FunderID: f.ID, BudgetKind: store.BudgetHours, Budget: 1200,
		RateKind: store.RatePerHour, RateCents: 9500, VATBP: 2100, Reference: "BS-2026-0042"})
	must(err)
	for i, minutes := range []int{60, 50, 45} {
		_, err := s.SaveAppointment(ctx, store.Appointment{ClientID: c.ID, Start: time.Date(2026, 3, 3+7*i, 10, 0, 0, 0, time.UTC),
			Minutes: minutes, Attendance: store.AttendanceAttended})
		must(err)
	}
	_, err = s.AddTimeEntry(ctx, store.TimeEntry{ClientID: c.ID, Date: day("2026-03-20"), Minutes: 25, Description: "verslag <school>"})
	must(err)
	return s, c
}

// schemaDir finds the OASIS UBL 2.1 schemas: $CASELOAD_UBL_XSD, the
// copy under testdata/ubl-2.1 (see its NOTICE), or shared/ubl-2.1 in a
// folder above the package.
func schemaDir(t *testing.T) string {
	if d := os.Getenv("CASELOAD_UBL_XSD"); d != "" {
		return d
	}
	if _, err := os.Stat(filepath.Join("testdata", "ubl-2.1", "maindoc", "UBL-Invoice-2.1.xsd")); err == nil {
		return filepath.Join("testdata", "ubl-2.1")
	}
	dir, _ := filepath.Abs(".")
	for {
		d := filepath.Join(dir, "shared", "ubl-2.1")
		if _, err := os.Stat(filepath.Join(d, "maindoc", "UBL-Invoice-2.1.xsd")); err == nil {
			return d
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// xmllint validates file against the UBL 2.1 schema of doc (Invoice or
// CreditNote).
func xmllint(t *testing.T, file, doc string) {
	t.Helper()
	dir := schemaDir(t)
	if dir == "" {
		t.Skip("the OASIS UBL 2.1 schemas are not here: set CASELOAD_UBL_XSD or put them in shared/ubl-2.1 (docs: invoice/README.md)")
	}
	if _, err := exec.LookPath("xmllint"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("xmllint is not installed: .ci/run installs libxml2-utils")
		}
		t.Skip("xmllint is not installed (apt-get install libxml2-utils)")
	}
	out, err := exec.Command("xmllint", "--noout", "--nonet", "--schema",
		filepath.Join(dir, "maindoc", "UBL-"+doc+"-2.1.xsd"), file).CombinedOutput()
	if err != nil {
		t.Fatalf("xmllint: %v\n%s", err, out)
	}
	t.Logf("xmllint: %s", bytes.TrimSpace(out))
}

// totals reads back what an e-invoice states: the document totals and the
// sum of its lines, in cents.
type totals struct {
	lines, net, vat, total, taxable int64
	count                           int
}

func readTotals(t *testing.T, b []byte) totals {
	t.Helper()
	var tt totals
	dec := xml.NewDecoder(bytes.NewReader(b))
	var path []string
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch e := tok.(type) {
		case xml.StartElement:
			path = append(path, e.Name.Local)
		case xml.EndElement:
			path = path[:len(path)-1]
		case xml.CharData:
			if len(path) < 2 {
				continue
			}
			at := strings.Join(path[len(path)-2:], "/")
			cents := func() int64 {
				s := strings.TrimSpace(string(e))
				neg := strings.HasPrefix(s, "-")
				s = strings.TrimPrefix(s, "-")
				whole, frac, _ := strings.Cut(s, ".")
				w, _ := strconv.ParseInt(whole, 10, 64)
				f, _ := strconv.ParseInt((frac + "00")[:2], 10, 64)
				if neg {
					return -(w*100 + f)
				}
				return w*100 + f
			}
			switch at {
			case "InvoiceLine/LineExtensionAmount", "CreditNoteLine/LineExtensionAmount":
				tt.lines += cents()
				tt.count++
			case "LegalMonetaryTotal/TaxExclusiveAmount":
				tt.net = cents()
			case "TaxTotal/TaxAmount":
				tt.vat = cents()
			case "LegalMonetaryTotal/PayableAmount":
				tt.total = cents()
			case "TaxSubtotal/TaxableAmount":
				tt.taxable += cents()
			}
		}
	}
	return tt
}

func writeUBL(t *testing.T, inv store.Invoice) (string, []byte) {
	t.Helper()
	var b bytes.Buffer
	if err := WriteUBL(&b, Dutch, inv); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), inv.Number+".xml")
	if err := os.WriteFile(file, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return file, b.Bytes()
}

func TestUBLInvoiceValidatesAndAddsUp(t *testing.T) {
	for _, exempt := range []bool{false, true} {
		s, c := practiceFixture(t, exempt)
		inv, err := s.MakeInvoice(ctx, store.InvoiceDraft{ClientID: c.ID, From: day("2026-03-01"), To: day("2026-03-31")})
		if err != nil {
			t.Fatal(err)
		}
		file, b := writeUBL(t, inv)
		xml := string(b)
		for _, want := range []string{customizationID, "<cbc:ID>2026-0001</cbc:ID>", "BS-2026-0042", "INK-2026-17",
			`schemeID="0190">00000001002220647000`, "NL91ABNA0417164300", "<cbc:StartDate>2026-03-01</cbc:StartDate>",
			`<cbc:PostalZone>3511 AA</cbc:PostalZone>`, "Coaching Van Dijk &amp; Co", "verslag &lt;school&gt;"} {
			if !strings.Contains(xml, want) {
				t.Errorf("exempt=%v: the e-invoice lacks %q", exempt, want)
			}
		}
		if exempt != strings.Contains(xml, "<cbc:ID>E</cbc:ID>") {
			t.Errorf("exempt=%v: wrong tax category", exempt)
		}
		got := readTotals(t, b)
		if got.count != 4 || got.lines != inv.NetCents || got.net != inv.NetCents || got.taxable != inv.NetCents ||
			got.vat != inv.VATCents || got.total != inv.AmountCents {
			t.Errorf("exempt=%v: e-invoice totals %+v; the invoice has net %d, VAT %d, total %d",
				exempt, got, inv.NetCents, inv.VATCents, inv.AmountCents)
		}
		xmllint(t, file, "Invoice")
	}
}

func TestUBLCreditNoteValidates(t *testing.T) {
	s, c := practiceFixture(t, false)
	inv, err := s.MakeInvoice(ctx, store.InvoiceDraft{ClientID: c.ID, From: day("2026-03-01"), To: day("2026-03-31")})
	if err != nil {
		t.Fatal(err)
	}
	cn, err := s.CreditInvoice(ctx, inv.ID, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	file, b := writeUBL(t, cn)
	if !strings.Contains(string(b), "<CreditNote") || !strings.Contains(string(b), "<cac:InvoiceDocumentReference>") {
		t.Errorf("not a credit note referring to the invoice:\n%s", b)
	}
	// UBL states a credit note's amounts positive.
	if got := readTotals(t, b); got.total != inv.AmountCents || got.lines != inv.NetCents {
		t.Errorf("credit note totals %+v; want those of %s", got, inv.Number)
	}
	xmllint(t, file, "CreditNote")
}

func TestSplitAddress(t *testing.T) {
	for in, want := range map[string][3]string{
		"Markt 1\n3511 AA Utrecht":        {"Markt 1", "3511 AA", "Utrecht"},
		"Stadsplateau 1, 3521AZ Utrecht":  {"Stadsplateau 1", "3521AZ", "Utrecht"},
		"Postbus 16200\nUtrecht":          {"Postbus 16200", "", "Utrecht"},
		"Rue de la Loi 1, 1000 Bruxelles": {"Rue de la Loi 1", "", "1000 Bruxelles"},
	} {
		s, p, c := splitAddress(in)
		if [3]string{s, p, c} != want {
			t.Errorf("splitAddress(%q) = %q %q %q, want %q", in, s, p, c, want)
		}
	}
}
