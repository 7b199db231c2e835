package invoice

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/caseload/caseload/store"
)

// The SI-UBL 2.0 profile (NLCIUS, the Dutch use of EN 16931) on the Peppol
// billing process, which Dutch municipalities and other public bodies
// receive.
const (
	customizationID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0"
	profileID       = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
	nsInvoice       = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
	nsCreditNote    = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
	nsCAC           = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
	nsCBC           = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
	// schemeKvK and schemeOIN are the ISO 6523 codes of a KvK number and
	// of the Dutch government's organisation id (OIN).
	schemeKvK = "0106"
	schemeOIN = "0190"
)

// node is one XML element; the writer builds a small tree and prints it
// in the order UBL's schema prescribes, which the caller keeps.
type node struct {
	name  string
	attrs [][2]string
	text  string
	kids  []*node
}

func el(name string, kids ...*node) *node { return &node{name: name, kids: kids} }

func leaf(name, text string, attrs ...string) *node {
	n := &node{name: name, text: text}
	for i := 0; i+1 < len(attrs); i += 2 {
		n.attrs = append(n.attrs, [2]string{attrs[i], attrs[i+1]})
	}
	return n
}

// opt is leaf, or nothing for empty text (UBL forbids empty elements).
func opt(name, text string, attrs ...string) *node {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	return leaf(name, text, attrs...)
}

func (n *node) write(w *bytes.Buffer, depth int) {
	if n == nil {
		return
	}
	ind := strings.Repeat("  ", depth)
	w.WriteString(ind + "<" + n.name)
	for _, a := range n.attrs {
		w.WriteString(" " + a[0] + `="`)
		xml.EscapeText(w, []byte(a[1]))
		w.WriteString(`"`)
	}
	kids := n.kids[:0:0]
	for _, k := range n.kids {
		if k != nil {
			kids = append(kids, k)
		}
	}
	switch {
	case len(kids) > 0:
		w.WriteString(">\n")
		for _, k := range kids {
			k.write(w, depth+1)
		}
		w.WriteString(ind + "</" + n.name + ">\n")
	default:
		w.WriteString(">")
		xml.EscapeText(w, []byte(n.text))
		w.WriteString("</" + n.name + ">\n")
	}
}

// Amount writes cents as UBL and the PDF write money: 1234.50, -7.05.
func Amount(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	return fmt.Sprintf("%s%d.%02d", sign, cents/100, cents%100)
}

// percent writes basis points as a percentage: 2100 → 21, 650 → 6.5.
func percent(bp int) string {
	s := fmt.Sprintf("%d.%02d", bp/100, bp%100)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

// The e-invoice's own needs beyond a paper invoice's, found by the EN 16931
// and NLCIUS rules (invoice/schematron_test.go).
var (
	// ErrNoVATID: rule BR-E-02 asks a VAT-exempt seller's e-invoice for
	// its VAT identification number all the same.
	ErrNoVATID = errors.New("an e-invoice states the practice's VAT identification number (btw-id), also when the practice is VAT-exempt: fill it in under the money settings (rule BR-E-02)")
	// ErrNoIBAN: rule NL-R-007 asks a Dutch seller's e-invoice for a
	// means of payment.
	ErrNoIBAN = errors.New("an e-invoice states how to pay it: fill in the practice's IBAN under the money settings (rule NL-R-007)")
)

// WriteUBL writes inv as an SI-UBL 2.0 e-invoice, its lines worded in l: a UBL 2.1 Invoice, or a
// CreditNote for a credit note (whose amounts caseload keeps negative and
// UBL states positive). The lines and totals are the invoice's own, as
// the store computed them, so the e-invoice and the PDF agree to the cent.
func WriteUBL(w io.Writer, l Lang, inv store.Invoice) error {
	if len(inv.Lines) == 0 {
		return fmt.Errorf("writing e-invoice %s: %w", inv.Number, errNoLines)
	}
	credit := inv.Kind == store.InvoiceCredit
	switch {
	case strings.TrimSpace(inv.Seller.VATNumber) == "":
		return fmt.Errorf("writing e-invoice %s: %w", inv.Number, ErrNoVATID)
	case strings.TrimSpace(inv.Seller.IBAN) == "" && !credit:
		return fmt.Errorf("writing e-invoice %s: %w", inv.Number, ErrNoIBAN)
	}
	sign := int64(1)
	root, ns, typeCode, lineName, qtyName := "Invoice", nsInvoice, leaf("cbc:InvoiceTypeCode", "380"), "cac:InvoiceLine", "cbc:InvoicedQuantity"
	if credit {
		sign = -1
		root, ns, typeCode, lineName, qtyName = "CreditNote", nsCreditNote, leaf("cbc:CreditNoteTypeCode", "381"), "cac:CreditNoteLine", "cbc:CreditedQuantity"
	}
	cur := []string{"currencyID", "EUR"}
	money := func(name string, cents int64) *node { return leaf(name, Amount(sign*cents), cur...) }

	doc := &node{name: root, attrs: [][2]string{{"xmlns", ns}, {"xmlns:cac", nsCAC}, {"xmlns:cbc", nsCBC}}}
	add := func(ns ...*node) { doc.kids = append(doc.kids, ns...) }
	add(leaf("cbc:CustomizationID", customizationID), leaf("cbc:ProfileID", profileID),
		leaf("cbc:ID", inv.Number), leaf("cbc:IssueDate", iso(inv.Date)))
	if !credit {
		add(opt("cbc:DueDate", iso(inv.Due)))
	}
	add(typeCode, opt("cbc:Note", inv.Exemption), leaf("cbc:DocumentCurrencyCode", "EUR"))
	// Peppol asks for a buyer reference or an order reference; the
	// funder's reference is what it files the invoice under.
	buyerRef := inv.Reference
	if buyerRef == "" && inv.Contract == "" {
		buyerRef = inv.Number
	}
	add(opt("cbc:BuyerReference", buyerRef))
	if !inv.PeriodFrom.IsZero() && !inv.PeriodTo.IsZero() {
		add(el("cac:InvoicePeriod", leaf("cbc:StartDate", iso(inv.PeriodFrom)), leaf("cbc:EndDate", iso(inv.PeriodTo))))
	}
	if inv.Contract != "" {
		add(el("cac:OrderReference", leaf("cbc:ID", inv.Contract)))
	}
	if credit && inv.CreditsNumber != "" {
		add(el("cac:BillingReference", el("cac:InvoiceDocumentReference", leaf("cbc:ID", inv.CreditsNumber))))
	}
	add(el("cac:AccountingSupplierParty", party(inv.Seller, true)),
		el("cac:AccountingCustomerParty", party(inv.Buyer, false)))
	if inv.Seller.IBAN != "" {
		pm := el("cac:PaymentMeans", leaf("cbc:PaymentMeansCode", "58"))
		if credit {
			pm.kids = append(pm.kids, opt("cbc:PaymentDueDate", iso(inv.Due)))
		}
		pm.kids = append(pm.kids, leaf("cbc:PaymentID", inv.Number),
			el("cac:PayeeFinancialAccount", leaf("cbc:ID", strings.ReplaceAll(inv.Seller.IBAN, " ", ""))))
		add(pm)
	}
	groups := store.VATGroups(inv.Lines)
	tax := el("cac:TaxTotal", money("cbc:TaxAmount", inv.VATCents))
	for _, g := range groups {
		tax.kids = append(tax.kids, el("cac:TaxSubtotal", money("cbc:TaxableAmount", g.NetCents),
			money("cbc:TaxAmount", g.VATCents), taxCategory("cac:TaxCategory", g.VATBP, inv.Exemption)))
	}
	add(tax, el("cac:LegalMonetaryTotal", money("cbc:LineExtensionAmount", inv.NetCents),
		money("cbc:TaxExclusiveAmount", inv.NetCents), money("cbc:TaxInclusiveAmount", inv.AmountCents),
		money("cbc:PayableAmount", inv.AmountCents)))
	for _, line := range inv.Lines {
		qty, unit := fmt.Sprint(sign*line.Quantity), "C62"
		price := el("cac:Price", leaf("cbc:PriceAmount", Amount(line.UnitCents), cur...))
		if line.Unit == store.UnitHour {
			// Minutes at a price per 60 minutes: exact, where hours
			// would need a fraction such as 0.8333 for 50 minutes.
			unit = "MIN"
			price.kids = append(price.kids, leaf("cbc:BaseQuantity", "60", "unitCode", "MIN"))
		}
		add(el(lineName, leaf("cbc:ID", fmt.Sprint(line.Position)), leaf(qtyName, qty, "unitCode", unit),
			money("cbc:LineExtensionAmount", line.NetCents),
			el("cac:Item", leaf("cbc:Name", LineText(l, line)), taxCategory("cac:ClassifiedTaxCategory", line.VATBP, inv.Exemption)),
			price))
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	doc.write(&b, 0)
	_, err := w.Write(b.Bytes())
	return err
}

// taxCategory is a UBL tax category: E (exempt, with the reason) for a
// VAT-exempt practice, Z for 0%, S for a rate.
func taxCategory(name string, bp int, exemption string) *node {
	id := "S"
	var reason *node
	switch {
	case exemption != "":
		id, reason = "E", leaf("cbc:TaxExemptionReason", exemption)
	case bp == 0:
		id = "Z"
	}
	return el(name, leaf("cbc:ID", id), leaf("cbc:Percent", percent(bp)), reason,
		el("cac:TaxScheme", leaf("cbc:ID", "VAT")))
}

// party is a seller or buyer. A buyer's e-invoicing address is its
// endpoint: an OIN (20 digits) for a public body, else the KvK number.
func party(p store.Party, seller bool) *node {
	var endpoint *node
	switch {
	case len(p.EInvoice) == 20 && allDigits(p.EInvoice):
		endpoint = leaf("cbc:EndpointID", p.EInvoice, "schemeID", schemeOIN)
	case p.KvK != "":
		endpoint = leaf("cbc:EndpointID", p.KvK, "schemeID", schemeKvK)
	}
	street, postal, city := splitAddress(p.Address)
	var taxScheme *node
	if p.VATNumber != "" {
		taxScheme = el("cac:PartyTaxScheme", leaf("cbc:CompanyID", p.VATNumber), el("cac:TaxScheme", leaf("cbc:ID", "VAT")))
	}
	legal := el("cac:PartyLegalEntity", leaf("cbc:RegistrationName", p.Name), opt("cbc:CompanyID", p.KvK, "schemeID", schemeKvK))
	return el("cac:Party", endpoint, el("cac:PartyName", leaf("cbc:Name", p.Name)),
		el("cac:PostalAddress", opt("cbc:StreetName", street), opt("cbc:CityName", city), opt("cbc:PostalZone", postal),
			el("cac:Country", leaf("cbc:IdentificationCode", "NL"))),
		taxScheme, legal)
}

var postalRE = regexp.MustCompile(`^\s*(\d{4}\s?[A-Za-z]{2})\s+(.+?)\s*$`)

// splitAddress reads a Dutch address as a coach types it ("Markt 1",
// newline or comma, "3511 AA Utrecht") into street, postal code and city.
func splitAddress(a string) (street, postal, city string) {
	parts := strings.FieldsFunc(a, func(r rune) bool { return r == '\n' || r == ',' })
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	if len(parts) == 0 {
		return "", "", ""
	}
	last := parts[len(parts)-1]
	if m := postalRE.FindStringSubmatch(last); m != nil && len(parts) > 1 {
		return strings.Join(parts[:len(parts)-1], ", "), strings.ToUpper(m[1]), m[2]
	}
	if len(parts) > 1 {
		return strings.Join(parts[:len(parts)-1], ", "), "", last
	}
	return last, "", ""
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
