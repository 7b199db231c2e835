package invoice

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/caseload/caseload/store"
)

// The e-invoice against the business rules of EN 16931 (the CEN
// schematron in testdata/en16931, see its SOURCE), run by Saxon-HE, and
// against the Peppol BIS Billing 3 and Dutch (NLCIUS, SI-UBL 2.0) rules a
// municipality's access point applies on top, written out here in Go (the
// Peppol schematron has no licence that lets it be copied in).

// schematron is the part of an ISO Schematron schema the CEN rules use:
// namespaces, and patterns of rules with asserts.
type schematron struct {
	NS []struct {
		Prefix string `xml:"prefix,attr"`
		URI    string `xml:"uri,attr"`
	} `xml:"ns"`
	Patterns []struct {
		ID    string `xml:"id,attr"`
		Rules []struct {
			Context string `xml:"context,attr"`
			Asserts []struct {
				ID   string `xml:"id,attr"`
				Flag string `xml:"flag,attr"`
				Test string `xml:"test,attr"`
				Text string `xml:",chardata"`
			} `xml:"assert"`
			Lets []struct{} `xml:"let"`
		} `xml:"rule"`
		Lets []struct{} `xml:"let"`
	} `xml:"pattern"`
	Lets []struct{} `xml:"let"`
}

// compileSchematron turns a schematron schema into an XSLT 2.0 stylesheet
// that writes one line "ID flag message" for each failed assert, the way
// the ISO skeleton does: each pattern a mode over every node, the first
// matching rule of a pattern (the highest priority) firing for a node.
func compileSchematron(src []byte) ([]byte, error) {
	var s schematron
	if err := xml.Unmarshal(src, &s); err != nil {
		return nil, fmt.Errorf("reading schematron: %w", err)
	}
	if len(s.Lets) > 0 {
		return nil, fmt.Errorf("reading schematron: <let> is not supported by this small compiler")
	}
	attr := func(v string) string {
		var b bytes.Buffer
		xml.EscapeText(&b, []byte(v)) // escapes " as well
		return b.String()
	}
	var b bytes.Buffer
	b.WriteString(`<xsl:stylesheet version="2.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"`)
	for _, ns := range s.NS {
		fmt.Fprintf(&b, ` xmlns:%s="%s"`, ns.Prefix, attr(ns.URI))
	}
	b.WriteString(">\n<xsl:output method=\"text\"/>\n<xsl:template match=\"/\">\n")
	for i := range s.Patterns {
		fmt.Fprintf(&b, "<xsl:apply-templates select=\"(descendant-or-self::node() | descendant::*/@*)\" mode=\"p%d\"/>\n", i)
	}
	b.WriteString("</xsl:template>\n")
	for i, p := range s.Patterns {
		if len(p.Lets) > 0 {
			return nil, fmt.Errorf("reading schematron: <let> is not supported by this small compiler")
		}
		for j, r := range p.Rules {
			if len(r.Lets) > 0 {
				return nil, fmt.Errorf("reading schematron: <let> is not supported by this small compiler")
			}
			fmt.Fprintf(&b, "<xsl:template match=\"%s\" mode=\"p%d\" priority=\"%d\">\n", attr(r.Context), i, 100000-j)
			for _, a := range r.Asserts {
				fmt.Fprintf(&b, "<xsl:if test=\"not(%s)\"><xsl:text>%s %s %s&#10;</xsl:text></xsl:if>\n",
					attr(a.Test), attr(a.ID), attr(a.Flag), attr(strings.Join(strings.Fields(a.Text), " ")))
			}
			b.WriteString("</xsl:template>\n")
		}
		fmt.Fprintf(&b, "<xsl:template match=\"node() | @*\" mode=\"p%d\" priority=\"-10\"/>\n", i)
	}
	b.WriteString("</xsl:stylesheet>\n")
	return b.Bytes(), nil
}

// saxonJar is Debian's Saxon-HE, an XSLT 2.0 processor.
const saxonJar = "/usr/share/java/Saxon-HE.jar"

var (
	cenOnce sync.Once
	cenXSL  string
	cenErr  error
)

// cenRules compiles the CEN schematron once per test binary and returns
// the stylesheet's path; it skips (fails under CI) without Java and Saxon.
func cenRules(t *testing.T) string {
	t.Helper()
	_, errJava := exec.LookPath("java")
	_, errJar := os.Stat(saxonJar)
	if errJava != nil || errJar != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("Java or Saxon-HE is not installed: .ci/run installs libsaxonhe-java")
		}
		t.Skip("the EN 16931 rules need Java and Saxon-HE (apt-get install libsaxonhe-java)")
	}
	cenOnce.Do(func() {
		src, err := os.ReadFile(filepath.Join("testdata", "en16931", "EN16931-UBL-validation-preprocessed.sch"))
		if err != nil {
			cenErr = err
			return
		}
		xsl, err := compileSchematron(src)
		if err != nil {
			cenErr = err
			return
		}
		dir, err := os.MkdirTemp("", "caseload-en16931-")
		if err != nil {
			cenErr = err
			return
		}
		// The stylesheet holds rules, no client data; it goes with the
		// test binary's temp folder.
		cenXSL = filepath.Join(dir, "en16931.xsl")
		cenErr = os.WriteFile(cenXSL, xsl, 0o600)
	})
	if cenErr != nil {
		t.Fatal(cenErr)
	}
	return cenXSL
}

// failedRules runs the CEN rules over each document in one run of Saxon
// (a run compiles the rules, which takes seconds) and returns, by
// number, the lines of the asserts that failed.
func failedRules(t *testing.T, docs ...store.Invoice) map[string][]string {
	t.Helper()
	xsl := cenRules(t)
	in, out := t.TempDir(), t.TempDir()
	for _, d := range docs {
		var b bytes.Buffer
		if err := WriteUBL(&b, Dutch, d); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(in, d.Number+".xml"), b.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if msg, err := exec.Command("java", "-cp", saxonJar, "net.sf.saxon.Transform", "-s:"+in, "-o:"+out, "-xsl:"+xsl).CombinedOutput(); err != nil {
		t.Fatalf("saxon: %v\n%s", err, msg)
	}
	failed := map[string][]string{}
	for _, d := range docs {
		b, err := os.ReadFile(filepath.Join(out, d.Number+".xml"))
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			if l != "" {
				failed[d.Number] = append(failed[d.Number], l)
			}
		}
	}
	return failed
}

// The compiler itself: an invoice whose totals do not add up breaks the
// rules it should.
func TestCENRulesCatchABrokenInvoice(t *testing.T) {
	s, c := practiceFixture(t, false)
	inv, err := s.MakeInvoice(ctx, store.InvoiceDraft{ClientID: c.ID, From: day("2026-03-01"), To: day("2026-03-31")})
	if err != nil {
		t.Fatal(err)
	}
	broken := inv
	broken.Number = "broken"
	broken.AmountCents++ // the payable amount no longer adds up
	broken.Lines = append([]store.InvoiceLine(nil), inv.Lines...)
	broken.Lines[0].NetCents += 100 // nor the lines
	got := failedRules(t, inv, broken)
	if len(got[inv.Number]) != 0 {
		t.Errorf("the good invoice fails: %v", got[inv.Number])
	}
	all := strings.Join(got["broken"], "\n")
	for _, want := range []string{"BR-CO-10 fatal", "BR-CO-15 fatal"} {
		if !strings.Contains(all, want) {
			t.Errorf("the broken invoice did not break %s:\n%s", want, all)
		}
	}
}

func TestUBLMeetsTheEN16931Rules(t *testing.T) {
	var docs []store.Invoice
	for _, exempt := range []bool{false, true} {
		s, c := practiceFixture(t, exempt)
		inv, err := s.MakeInvoice(ctx, store.InvoiceDraft{ClientID: c.ID, From: day("2026-03-01"), To: day("2026-03-31")})
		if err != nil {
			t.Fatal(err)
		}
		fixed, err := s.MakeInvoice(ctx, store.InvoiceDraft{ClientID: c.ID, Lines: []store.InvoiceLine{
			{Description: "Intake en plan", UnitCents: 25000, VATBP: 900},
			{Description: "Rapportage", Unit: store.UnitHour, Quantity: 50, UnitCents: 9500, VATBP: 2100}}})
		if err != nil {
			t.Fatal(err)
		}
		cn, err := s.CreditInvoice(ctx, inv.ID, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range []store.Invoice{inv, fixed, cn} {
			if exempt {
				d.Number = "exempt-" + d.Number
			}
			docs = append(docs, d)
		}
	}
	failed := failedRules(t, docs...)
	for _, d := range docs {
		for _, f := range failed[d.Number] {
			if strings.Contains(f, " fatal ") {
				t.Errorf("%s: %s", d.Number, f)
			}
		}
		var b bytes.Buffer
		if err := WriteUBL(&b, Dutch, d); err != nil {
			t.Fatal(err)
		}
		for _, p := range peppolProblems(b.Bytes()) {
			t.Errorf("%s: %s", d.Number, p)
		}
	}
	if len(docs) != 6 {
		t.Fatalf("checked %d documents", len(docs))
	}
}

// What the rules found: without a VAT identification number or an IBAN
// the e-invoice is refused, saying what to fill in.
func TestUBLRefusesWhatTheRulesRefuse(t *testing.T) {
	s, c := practiceFixture(t, true)
	inv, err := s.MakeInvoice(ctx, store.InvoiceDraft{ClientID: c.ID, From: day("2026-03-01"), To: day("2026-03-31")})
	if err != nil {
		t.Fatal(err)
	}
	noID, noIBAN := inv, inv
	noID.Seller.VATNumber = ""
	noIBAN.Seller.IBAN = ""
	for _, tc := range []struct {
		inv  store.Invoice
		want error
	}{{noID, ErrNoVATID}, {noIBAN, ErrNoIBAN}} {
		var b bytes.Buffer
		if err := WriteUBL(&b, Dutch, tc.inv); !errors.Is(err, tc.want) || b.Len() != 0 {
			t.Errorf("got %v and %d bytes; want %v and nothing", err, b.Len(), tc.want)
		}
	}
}

// xnode is an element of a parsed e-invoice, by local name.
type xnode struct {
	name  string
	attrs map[string]string
	text  string
	kids  []*xnode
}

func parseNodes(b []byte) (*xnode, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	root := &xnode{}
	stack := []*xnode{root}
	for {
		tok, err := d.Token()
		if err != nil {
			if err.Error() == "EOF" {
				return root, nil
			}
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &xnode{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				n.attrs[a.Name.Local] = a.Value
			}
			top := stack[len(stack)-1]
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			stack[len(stack)-1].text += string(tok)
		}
	}
}

// all returns the nodes at path below n ("AccountingSupplierParty/Party").
func (n *xnode) all(path string) []*xnode {
	cur := []*xnode{n}
	for _, step := range strings.Split(path, "/") {
		var next []*xnode
		for _, c := range cur {
			for _, k := range c.kids {
				if k.name == step {
					next = append(next, k)
				}
			}
		}
		cur = next
	}
	return cur
}

func (n *xnode) one(path string) *xnode {
	if l := n.all(path); len(l) > 0 {
		return l[0]
	}
	return nil
}

func (n *xnode) value(path string) string {
	if m := n.one(path); m != nil {
		return strings.TrimSpace(m.text)
	}
	return ""
}

func (n *xnode) walk(f func(*xnode)) {
	f(n)
	for _, k := range n.kids {
		k.walk(f)
	}
}

// cents reads a UBL amount ("123.45") as cents.
func cents(s string) int64 {
	c, _ := ParseCents(strings.TrimPrefix(s, "-"))
	if strings.HasPrefix(s, "-") {
		return -c
	}
	return c
}

// peppolProblems checks the Peppol BIS Billing 3 and NLCIUS (SI-UBL 2.0)
// rules that bear on what caseload writes, by their ids: a Dutch supplier
// to a Dutch municipality, paid by credit transfer. The rules are those of
// OpenPEPPOL/peppol-bis-invoice-3 rules/sch/PEPPOL-EN16931-UBL.sch (the
// May 2025 release), re-stated.
func peppolProblems(b []byte) []string {
	doc, err := parseNodes(b)
	if err != nil || len(doc.kids) != 1 {
		return []string{fmt.Sprintf("not one document: %v", err)}
	}
	root := doc.kids[0]
	var out []string
	check := func(ok bool, id, text string) {
		if !ok {
			out = append(out, id+" "+text)
		}
	}
	root.walk(func(n *xnode) {
		if n != doc && len(n.kids) == 0 {
			check(strings.TrimSpace(n.text) != "", "PEPPOL-EN16931-R008", "document MUST not contain empty elements: "+n.name)
		}
	})
	profile := root.value("ProfileID")
	check(profile != "", "PEPPOL-EN16931-R001", "business process MUST be provided")
	check(strings.HasPrefix(profile, "urn:fdc:peppol.eu:2017:poacc:billing:") && strings.HasSuffix(profile, ":1.0"),
		"PEPPOL-EN16931-R007", "business process MUST be urn:fdc:peppol.eu:2017:poacc:billing:NN:1.0")
	check(root.value("BuyerReference") != "" || root.value("OrderReference/ID") != "", "PEPPOL-EN16931-R003",
		"a buyer reference or purchase order reference MUST be provided")
	withSub := 0
	for _, tt := range root.all("TaxTotal") {
		if tt.one("TaxSubtotal") != nil {
			withSub++
		}
	}
	check(withSub == 1, "PEPPOL-EN16931-R053", "only one tax total with tax subtotals MUST be provided")
	check(root.value("AccountingCustomerParty/Party/EndpointID") != "", "PEPPOL-EN16931-R010", "buyer electronic address MUST be provided")
	check(root.value("AccountingSupplierParty/Party/EndpointID") != "", "PEPPOL-EN16931-R020", "seller electronic address MUST be provided")
	for _, side := range []string{"AccountingSupplierParty", "AccountingCustomerParty"} {
		for _, e := range root.all(side + "/Party/EndpointID") {
			check(e.attrs["schemeID"] != "", "BR-62/63", "an electronic address MUST have a scheme identifier")
		}
	}

	credit := root.name == "CreditNote"
	supplierNL := root.value("AccountingSupplierParty/Party/PostalAddress/Country/IdentificationCode") == "NL"
	customerNL := root.value("AccountingCustomerParty/Party/PostalAddress/Country/IdentificationCode") == "NL"
	check(supplierNL, "caseload", "the supplier is a Dutch practice")
	if credit {
		check(root.value("BillingReference/InvoiceDocumentReference/ID") != "", "NL-R-001",
			"a credit note MUST refer to the invoice it corrects")
	}
	address := func(id, path string) {
		a := root.one(path)
		check(a != nil && a.value("StreetName") != "" && a.value("CityName") != "" && a.value("PostalZone") != "",
			id, path+" MUST contain street name, city and post code")
	}
	address("NL-R-002", "AccountingSupplierParty/Party/PostalAddress")
	if customerNL {
		address("NL-R-004", "AccountingCustomerParty/Party/PostalAddress")
	}
	kvkOrOIN := func(id, path string, required bool) {
		c := root.one(path)
		if c == nil {
			check(!required, id, path+" MUST be given")
			return
		}
		s := c.attrs["schemeID"]
		check((s == "0106" || s == "0190") && strings.TrimSpace(c.text) != "", id, path+" MUST be a KvK or OIN number (0106, 0190)")
	}
	kvkOrOIN("NL-R-003", "AccountingSupplierParty/Party/PartyLegalEntity/CompanyID", true)
	if customerNL {
		kvkOrOIN("NL-R-005", "AccountingCustomerParty/Party/PartyLegalEntity/CompanyID", false)
	}
	payable := cents(root.value("LegalMonetaryTotal/PayableAmount"))
	check((!credit && payable <= 0) || (credit && payable >= 0) || root.one("PaymentMeans") != nil, "NL-R-007",
		"the supplier MUST provide a means of payment")
	if customerNL {
		for _, pm := range root.all("PaymentMeans") {
			code := pm.value("PaymentMeansCode")
			check(strings.Contains(" 30 48 49 57 58 59 ", " "+code+" "), "NL-R-008", "payment means code "+code+" is not 30, 48, 49, 57, 58 or 59")
			if code == "30" || code == "58" {
				check(pm.value("PayeeFinancialAccount/ID") != "", "BR-61", "a credit transfer MUST name the account")
			}
		}
	}
	lineName, qtyName := "InvoiceLine", "InvoicedQuantity"
	if credit {
		lineName, qtyName = "CreditNoteLine", "CreditedQuantity"
	}
	for _, l := range root.all(lineName) {
		// R120: net = quantity × price / base quantity, within 2 cents.
		var qty, base float64 = 0, 1
		fmt.Sscan(l.value(qtyName), &qty)
		if bq := l.value("Price/BaseQuantity"); bq != "" {
			fmt.Sscan(bq, &base)
		}
		check(base > 0, "PEPPOL-EN16931-R121", "base quantity MUST be above zero")
		price := float64(cents(l.value("Price/PriceAmount")))
		want := qty * price / base
		got := float64(cents(l.value("LineExtensionAmount")))
		check(want-got <= 2 && got-want <= 2, "PEPPOL-EN16931-R120",
			fmt.Sprintf("line %s: net %.0f cents is not quantity × price / base quantity (%.2f cents)", l.value("ID"), got, want))
	}
	return out
}

// The Go rules catch what they should: they are not a test that cannot fail.
func TestPeppolRulesCatchAMistake(t *testing.T) {
	s, c := practiceFixture(t, false)
	inv, err := s.MakeInvoice(ctx, store.InvoiceDraft{ClientID: c.ID, From: day("2026-03-01"), To: day("2026-03-31")})
	if err != nil {
		t.Fatal(err)
	}
	_, b := writeUBL(t, inv)
	if p := peppolProblems(b); len(p) != 0 {
		t.Fatalf("the good invoice breaks %v", p)
	}
	cut := func(from, to string) func(string) string {
		return func(x string) string { return strings.Replace(x, from, to, 1) }
	}
	noRefs := regexp.MustCompile(`(?s)<cbc:BuyerReference>.*?</cbc:BuyerReference>|<cac:OrderReference>.*?</cac:OrderReference>`)
	for _, tc := range []struct {
		rule string
		edit func(string) string
	}{
		{"NL-R-003", cut(`<cbc:CompanyID schemeID="0106">12345678`, `<cbc:CompanyID schemeID="0088">12345678`)},
		{"NL-R-008", cut("<cbc:PaymentMeansCode>58", "<cbc:PaymentMeansCode>1")},
		{"PEPPOL-EN16931-R003", func(x string) string { return noRefs.ReplaceAllString(x, "") }},
		{"PEPPOL-EN16931-R008", cut("<cbc:CityName>Utrecht</cbc:CityName>", "<cbc:CityName></cbc:CityName>")},
		{"PEPPOL-EN16931-R120", cut(`<cbc:LineExtensionAmount currencyID="EUR">9`, `<cbc:LineExtensionAmount currencyID="EUR">8`)},
		{"NL-R-007", func(x string) string {
			return regexp.MustCompile(`(?s)<cac:PaymentMeans>.*?</cac:PaymentMeans>`).ReplaceAllString(x, "")
		}},
	} {
		broken := tc.edit(string(b))
		if broken == string(b) {
			t.Errorf("%s: the edit changed nothing", tc.rule)
			continue
		}
		if p := strings.Join(peppolProblems([]byte(broken)), "\n"); !strings.Contains(p, tc.rule) {
			t.Errorf("%s not caught: %q", tc.rule, p)
		}
	}
}
