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
	head.Lines = append(head.Lines, l.pick("KvK no. ", "KvK-nummer ")+inv.Seller.KvK)
	if inv.Seller.VATNumber != "" {
		head.Lines = append(head.Lines, l.pick("VAT no. ", "Btw-nummer ")+inv.Seller.VATNumber)
	}
	if inv.Seller.IBAN != "" {
		head.Lines = append(head.Lines, "IBAN "+inv.Seller.IBAN)
	}
	recipient := append([]string{inv.Buyer.Name}, addressLines(inv.Buyer.Address)...)

	fields := paper.Fields{
		{Label: l.pick("Invoice number", "Factuurnummer"), Value: inv.Number},
		{Label: l.pick("Invoice date", "Factuurdatum"), Value: Date(l, inv.Date)},
	}
	if credit {
		fields = append(fields, paper.Field{Label: l.pick("Corrects invoice", "Crediteert factuur"), Value: inv.CreditsNumber})
	} else if !inv.Due.IsZero() {
		fields = append(fields, paper.Field{Label: l.pick("Due date", "Vervaldatum"), Value: Date(l, inv.Due)})
	}
	if !inv.PeriodFrom.IsZero() && !inv.PeriodTo.IsZero() {
		fields = append(fields, paper.Field{Label: l.pick("Period", "Periode"),
			Value: Date(l, inv.PeriodFrom) + l.pick(" to ", " t/m ") + Date(l, inv.PeriodTo)})
	}
	if inv.Reference != "" {
		fields = append(fields, paper.Field{Label: l.pick("Your reference", "Uw referentie"), Value: inv.Reference})
	}
	if inv.Contract != "" {
		fields = append(fields, paper.Field{Label: l.pick("Order / contract", "Order / contract"), Value: inv.Contract})
	}
	if inv.Buyer.KvK != "" {
		fields = append(fields, paper.Field{Label: l.pick("Your KvK no.", "Uw KvK-nummer"), Value: inv.Buyer.KvK})
	}
	if inv.Buyer.VATNumber != "" {
		fields = append(fields, paper.Field{Label: l.pick("Your VAT no.", "Uw btw-nummer"), Value: inv.Buyer.VATNumber})
	}

	table := paper.Table{Columns: []paper.Column{
		{Title: l.pick("Description", "Omschrijving"), Width: 5},
		{Title: l.pick("Quantity", "Aantal"), Width: 1.2, Align: paper.Right},
		{Title: l.pick("Rate", "Tarief"), Width: 1.5, Align: paper.Right},
		{Title: l.pick("VAT", "Btw"), Width: 1, Align: paper.Right},
		{Title: l.pick("Amount", "Bedrag"), Width: 1.6, Align: paper.Right},
	}}
	for _, line := range inv.Lines {
		rate := Euro(l, line.UnitCents)
		if line.Unit == store.UnitHour {
			rate += l.pick(" /h", " /u")
		}
		vat := Percent(l, line.VATBP)
		if inv.Exemption != "" {
			vat = l.pick("exempt", "vrijgesteld")
		}
		table.Rows = append(table.Rows, []string{LineText(l, line), Quantity(l, line), rate, vat, Euro(l, line.NetCents)})
	}
	table.Foot = append(table.Foot, []string{l.pick("Total excluding VAT", "Totaal exclusief btw"), "", "", "", Euro(l, inv.NetCents)})
	for _, g := range store.VATGroups(inv.Lines) {
		label := fmt.Sprintf(l.pick("VAT %s on %s", "Btw %s over %s"), Percent(l, g.VATBP), Euro(l, g.NetCents))
		if inv.Exemption != "" {
			label = l.pick("VAT: exempt", "Btw: vrijgesteld")
		}
		table.Foot = append(table.Foot, []string{label, "", "", "", Euro(l, g.VATCents)})
	}
	table.Foot = append(table.Foot, []string{l.pick("Total", "Totaal"), "", "", "", Euro(l, inv.AmountCents)})

	blocks := []paper.Block{fields, table}
	for _, g := range store.VATGroups(inv.Lines) {
		if g.VATReason != "" {
			blocks = append(blocks, paper.Paragraph{Text: fmt.Sprintf(l.pick("VAT %s: %s", "Btw %s: %s"), Percent(l, g.VATBP), g.VATReason), Style: paper.Small})
		}
	}
	if inv.Exemption != "" {
		blocks = append(blocks, paper.Paragraph{Text: inv.Exemption})
	}
	switch {
	case credit:
		blocks = append(blocks, paper.Paragraph{Text: fmt.Sprintf(l.pick(
			"This credit note cancels invoice %s in full.", "Deze creditnota vervalt factuur %s in zijn geheel."), inv.CreditsNumber)})
	case inv.Seller.IBAN != "":
		blocks = append(blocks, paper.Paragraph{Text: fmt.Sprintf(l.pick(
			"Please pay %s by %s into %s, quoting %s.", "Graag %s vóór %s overmaken op %s, onder vermelding van %s."),
			Euro(l, inv.AmountCents), Date(l, inv.Due), inv.Seller.IBAN, inv.Number)})
	}
	footer := inv.Seller.Name + " · " + l.pick("KvK ", "KvK ") + inv.Seller.KvK
	if inv.Seller.VATNumber != "" {
		footer += " · " + l.pick("VAT ", "btw ") + inv.Seller.VATNumber
	}
	return paper.Document{Lang: string(l), Title: title, Author: inv.Seller.Name, Date: inv.Date,
		Letterhead: head, Recipient: recipient, Blocks: blocks, Footer: footer}
}

// Title is what an invoice is called: "Factuur 2026-0042", "Creditnota
// 2026-0043".
func Title(l Lang, inv store.Invoice) string {
	if inv.Kind == store.InvoiceCredit {
		return l.pick("Credit note ", "Creditnota ") + inv.Number
	}
	return l.pick("Invoice ", "Factuur ") + inv.Number
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
