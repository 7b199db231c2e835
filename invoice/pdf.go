package invoice

import (
	"fmt"
	"io"
	"strings"

	"github.com/caseload/caseload/paper"
	"github.com/caseload/caseload/store"
)

// Document lays out inv as a paper, with everything the Belastingdienst
// asks of an invoice: its date and number, both parties' names and
// addresses, the seller's KvK and VAT number (or the exemption), what was
// supplied and when, the amounts, and the VAT per rate.
func Document(l Lang, inv store.Invoice) paper.Document {
	credit := inv.Kind == store.InvoiceCredit
	title := Title(l, inv)
	head := paper.Letterhead{Name: inv.Seller.Name}
	head.Lines = append(head.Lines, addressLines(inv.Seller.Address)...)
	head.Lines = append(head.Lines, l.t("invoice.kvk_no")+inv.Seller.KvK)
	if inv.Seller.VATNumber != "" {
		head.Lines = append(head.Lines, l.t("invoice.vat_no")+inv.Seller.VATNumber)
	}
	if inv.Seller.IBAN != "" {
		head.Lines = append(head.Lines, "IBAN "+inv.Seller.IBAN)
	}
	recipient := append([]string{inv.Buyer.Name}, addressLines(inv.Buyer.Address)...)

	fields := paper.Fields{
		{Label: l.t("invoice.invoice_number"), Value: inv.Number},
		{Label: l.t("invoice.invoice_date"), Value: Date(l, inv.Date)},
	}
	if credit {
		fields = append(fields, paper.Field{Label: l.t("invoice.corrects_invoice"), Value: inv.CreditsNumber})
	} else if !inv.Due.IsZero() {
		fields = append(fields, paper.Field{Label: l.t("invoice.due_date"), Value: Date(l, inv.Due)})
	}
	if !inv.PeriodFrom.IsZero() && !inv.PeriodTo.IsZero() {
		fields = append(fields, paper.Field{Label: l.t("invoice.period"),
			Value: Date(l, inv.PeriodFrom) + l.t("invoice.to") + Date(l, inv.PeriodTo)})
	}
	if inv.Reference != "" {
		fields = append(fields, paper.Field{Label: l.t("invoice.your_reference"), Value: inv.Reference})
	}
	if inv.Contract != "" {
		fields = append(fields, paper.Field{Label: l.t("invoice.order_contract"), Value: inv.Contract})
	}
	if inv.Buyer.KvK != "" {
		fields = append(fields, paper.Field{Label: l.t("invoice.your_kvk_no"), Value: inv.Buyer.KvK})
	}
	if inv.Buyer.VATNumber != "" {
		fields = append(fields, paper.Field{Label: l.t("invoice.your_vat_no"), Value: inv.Buyer.VATNumber})
	}

	table := paper.Table{Columns: []paper.Column{
		{Title: l.t("invoice.description"), Width: 5},
		{Title: l.t("invoice.quantity"), Width: 1.2, Align: paper.Right},
		{Title: l.t("invoice.rate"), Width: 1.5, Align: paper.Right},
		{Title: l.t("invoice.vat"), Width: 1, Align: paper.Right},
		{Title: l.t("invoice.amount"), Width: 1.6, Align: paper.Right},
	}}
	for _, line := range inv.Lines {
		rate := Euro(l, line.UnitCents)
		if line.Unit == store.UnitHour {
			rate += l.t("invoice.per_hour")
		}
		vat := Percent(l, line.VATBP)
		if inv.Exemption != "" {
			vat = l.t("invoice.exempt")
		}
		table.Rows = append(table.Rows, []string{LineText(l, line), Quantity(l, line), rate, vat, Euro(l, line.NetCents)})
	}
	table.Foot = append(table.Foot, []string{l.t("invoice.total_excluding_vat"), "", "", "", Euro(l, inv.NetCents)})
	for _, g := range store.VATGroups(inv.Lines) {
		label := fmt.Sprintf(l.t("invoice.vat_on"), Percent(l, g.VATBP), Euro(l, g.NetCents))
		if inv.Exemption != "" {
			label = l.t("invoice.vat_exempt")
		}
		table.Foot = append(table.Foot, []string{label, "", "", "", Euro(l, g.VATCents)})
	}
	table.Foot = append(table.Foot, []string{l.t("invoice.total"), "", "", "", Euro(l, inv.AmountCents)})

	blocks := []paper.Block{fields, table}
	for _, g := range store.VATGroups(inv.Lines) {
		if g.VATReason != "" {
			blocks = append(blocks, paper.Paragraph{Text: fmt.Sprintf(l.t("invoice.vat_reason"), Percent(l, g.VATBP), g.VATReason), Style: paper.Small})
		}
	}
	if inv.Exemption != "" {
		blocks = append(blocks, paper.Paragraph{Text: inv.Exemption})
	}
	switch {
	case credit:
		blocks = append(blocks, paper.Paragraph{Text: fmt.Sprintf(l.t("invoice.this_credit_note_cancels_invoice"), inv.CreditsNumber)})
	case inv.Seller.IBAN != "":
		blocks = append(blocks, paper.Paragraph{Text: fmt.Sprintf(l.t("invoice.please_pay_by_into_quoting"),
			Euro(l, inv.AmountCents), Date(l, inv.Due), inv.Seller.IBAN, inv.Number)})
	}
	footer := inv.Seller.Name + " · " + l.t("invoice.footer_kvk") + inv.Seller.KvK
	if inv.Seller.VATNumber != "" {
		footer += " · " + l.t("invoice.footer_vat") + inv.Seller.VATNumber
	}
	return paper.Document{Lang: string(l), Title: title, Author: inv.Seller.Name, Date: inv.Date,
		Letterhead: head, Recipient: recipient, Blocks: blocks, Footer: footer}
}

// Title is what an invoice is called: "Factuur 2026-0042", "Creditnota
// 2026-0043".
func Title(l Lang, inv store.Invoice) string {
	if inv.Kind == store.InvoiceCredit {
		return l.t("invoice.title_credit_note") + inv.Number
	}
	return l.t("invoice.title_invoice") + inv.Number
}

// WritePDF prints inv as an A4 PDF in language l.
func WritePDF(w io.Writer, l Lang, inv store.Invoice) error {
	if len(inv.Lines) == 0 {
		return fmt.Errorf("printing invoice %s: %w", inv.Number, errNoLines)
	}
	return paper.WritePDF(w, Document(l, inv))
}

// addressLines splits an address as typed (newlines or commas) into the
// lines of an envelope.
func addressLines(a string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(a, func(r rune) bool { return r == '\n' || r == ',' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
