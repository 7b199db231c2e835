// Package invoice presents the store's invoices: the SI-UBL 2.0 e-invoice,
// the bookkeeper's and the funder's CSV, the printed invoice, and the
// sentences all of them and the screens share, in Dutch and English.
// The store computes every amount; this package only writes them down, so
// the PDF, the e-invoice and the screens cannot disagree.
package invoice

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/caseload/caseload/msg"
	"github.com/caseload/caseload/store"
)

// Lang is the language a text is written in.
type Lang string

// The languages caseload speaks.
const (
	Dutch   Lang = "nl"
	English Lang = "en"
)

var errNoLines = errors.New("the invoice has no lines")

// t is the text for key in l, from package msg (msg/invoice.go).
func (l Lang) t(key string) string { return msg.For(msg.Lang(l)).T(key) }

// Date writes a civil date the way a letter does: "3 maart 2026",
// "3 March 2026".
func Date(l Lang, d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return msg.For(msg.Lang(l)).Date(d)
}

func iso(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return d.Format("2006-01-02")
}

// RateUnit names what a rate is charged by ("per uur", "an hour"), as
// the money screen, its form and the command line show it.
func RateUnit(l Lang, k store.RateKind) string {
	switch k {
	case store.RatePerHour:
		return l.t("invoice.rate_hour")
	case store.RatePerSession:
		return l.t("invoice.rate_session")
	}
	return l.t("invoice.rate_fixed")
}

// BudgetUnit names what a budget counts ("uur", "sessions", "euro").
func BudgetUnit(l Lang, k store.BudgetKind) string {
	switch k {
	case store.BudgetHours:
		return l.t("invoice.unit_hours")
	case store.BudgetSessions:
		return l.t("invoice.unit_sessions")
	}
	return l.t("invoice.unit_amount")
}

// Duration writes minutes as hours and minutes: "1:45".
func Duration(minutes int64) string {
	sign := ""
	if minutes < 0 {
		sign, minutes = "-", -minutes
	}
	return fmt.Sprintf("%s%d:%02d", sign, minutes/60, minutes%60)
}

// Euro writes cents as a Dutch amount: "€ 1.234,50" (or "€ 1,234.50").
func Euro(l Lang, cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	whole := fmt.Sprint(cents / 100)
	sep, dec := ",", "."
	if l == Dutch {
		sep, dec = ".", ","
	}
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return fmt.Sprintf("%s€ %s%s%02d", sign, b.String(), dec, cents%100)
}

// Percent writes a VAT rate in basis points: "21%", "6,5%".
func Percent(l Lang, bp int) string {
	s := percent(bp)
	if l == Dutch {
		s = strings.ReplaceAll(s, ".", ",")
	}
	return s + "%"
}

// LineText is what an invoice line says it bills. The store keeps what a
// line is (a session on a day, a no-show, time, an item); the words are
// the reader's.
func LineText(l Lang, line store.InvoiceLine) string {
	q := line.Quantity
	if q < 0 {
		q = -q
	}
	amount := ""
	if line.Unit == store.UnitHour {
		amount = fmt.Sprintf(" (%d min)", q)
	}
	day := Date(l, line.Date)
	var s string
	switch line.Kind {
	case store.ItemSession:
		s = l.t("invoice.coaching_session") + day + amount
	case store.ItemNoShow:
		s = l.t("invoice.missed_session_no_show") + day + amount
	case store.ItemTime:
		s = l.t("invoice.time_spent") + day + amount
		if line.Description != "" {
			s += ": " + line.Description
		}
	default:
		s = line.Description
	}
	return s
}

// Quantity writes a line's quantity in its unit: "1:30 u" ("1:30 h"),
// "2", with the sign of a credit note.
func Quantity(l Lang, line store.InvoiceLine) string {
	if line.Unit == store.UnitHour {
		return Duration(line.Quantity) + l.t("invoice.hours_unit")
	}
	return fmt.Sprint(line.Quantity)
}

// StatusText names an invoice status.
func StatusText(l Lang, s store.InvoiceStatus) string {
	switch s {
	case store.StatusPaid:
		return l.t("invoice.state_paid")
	case store.StatusOverdue:
		return l.t("invoice.state_overdue")
	case store.StatusCredited:
		return l.t("invoice.state_credited")
	case store.StatusCredit:
		return l.t("invoice.state_credit_note")
	}
	return l.t("invoice.state_unpaid")
}

// problems are the sentences for the store's money validation errors, by
// field: what is wrong and what to do.
var problems = map[string][2]string{
	"funder_name":          {"a funder needs a name", "een financier heeft een naam nodig"},
	"funder_address":       {"the funder has no address, and every invoice to it must state one: add the address to the funder", "de financier heeft geen adres, en elke factuur aan hem moet dat vermelden: vul het adres van de financier in"},
	"payment_days":         {"the payment term must be between 1 and 365 days", "de betaaltermijn moet tussen 1 en 365 dagen liggen"},
	"exemption_text":       {"a VAT-exempt practice states why on every invoice: fill in the exemption text in the settings", "een praktijk die vrijgesteld is van btw vermeldt op elke factuur waarom: vul de vrijstellingstekst in bij de instellingen"},
	"vat_number":           {"a practice that charges VAT states its VAT number on every invoice: fill it in in the settings, or mark the practice VAT-exempt", "een praktijk die btw rekent vermeldt haar btw-nummer op elke factuur: vul het in bij de instellingen, of geef aan dat de praktijk vrijgesteld is"},
	"vat":                  {"the VAT rate must be 0, 9 or 21%", "het btw-tarief moet 0, 9 of 21% zijn"},
	"vat_reason":           {"a VAT rate other than 0, 9 or 21% needs a reason: give the reason or choose 0, 9 or 21%", "een ander btw-tarief dan 0, 9 of 21% heeft een reden nodig: geef de reden of kies 0, 9 of 21%"},
	"budget_kind":          {"choose a budget in hours, sessions or an amount (a budget in sessions needs a rate per session)", "kies een budget in uren, gesprekken of een bedrag (een budget in gesprekken vraagt een tarief per gesprek)"},
	"budget":               {"the budget must be more than zero", "het budget moet meer dan nul zijn"},
	"rate_kind":            {"this trajectory has a fixed price: invoice it as a fixed amount", "dit traject heeft een vaste prijs: factureer het als vast bedrag"},
	"rate":                 {"the rate or price must be more than zero", "het tarief of de prijs moet meer dan nul zijn"},
	"entry_date":           {"time spent needs a date", "bestede tijd heeft een datum nodig"},
	"entry_minutes":        {"the time spent must be between 1 minute and 24 hours", "de bestede tijd moet tussen 1 minuut en 24 uur liggen"},
	"client_address":       {"the client pays this invoice, so it must state their address: add the client's address first", "de cliënt betaalt deze factuur, dus die moet het adres vermelden: vul eerst het adres van de cliënt in"},
	"practice":             {"an invoice states the practice's name and address: fill them in in the settings", "een factuur vermeldt de naam en het adres van de praktijk: vul ze in bij de instellingen"},
	"practice_kvk":         {"an invoice states the practice's KvK number: fill it in in the settings", "een factuur vermeldt het KvK-nummer van de praktijk: vul het in bij de instellingen"},
	"invoice_date":         {"that invoice date is not possible: not in the future, and not before the last invoice of the year", "die factuurdatum kan niet: niet in de toekomst, en niet voor de laatste factuur van het jaar"},
	"period":               {"that period cannot be invoiced: it must run forward, end by the invoice date, and not overlap an earlier invoice for the same hours (credit that one first)", "die periode kan niet gefactureerd worden: ze moet vooruit lopen, uiterlijk op de factuurdatum eindigen en geen eerdere factuur voor dezelfde uren overlappen (crediteer die eerst)"},
	"lines":                {"there are no unbilled hours in that period: nothing to invoice", "in die periode zijn geen ongefactureerde uren: er valt niets te factureren"},
	"budget_spent":         {"the budget is used up: nothing in this period can be billed", "het budget is op: niets in deze periode kan gefactureerd worden"},
	"budget_left":          {"this invoice bills more than is left of the budget (%s): lower the amount, or raise the budget in the terms", "deze factuur rekent meer dan er van het budget over is (%s): verlaag het bedrag, of verhoog het budget in de afspraken"},
	"budget_left_hours":    {"this invoice bills more hours than are left of the budget (%s): lower the hours, or raise the budget in the terms", "deze factuur rekent meer uren dan er van het budget over zijn (%s): verlaag de uren, of verhoog het budget in de afspraken"},
	"budget_left_sessions": {"this invoice bills more sessions than are left of the budget (%s): lower the number, or raise the budget in the terms", "deze factuur rekent meer gesprekken dan er van het budget over zijn (%s): verlaag het aantal, of verhoog het budget in de afspraken"},
	"line_description":     {"every invoice line needs a description", "elke factuurregel heeft een omschrijving nodig"},
	"line_unit":            {"an invoice line counts hours, sessions or items", "een factuurregel telt uren, gesprekken of stuks"},
	"line_quantity":        {"the quantity must be more than zero", "het aantal moet meer dan nul zijn"},
	"amount":               {"the invoice comes to nothing: an invoice needs an amount", "de factuur komt op nul uit: een factuur heeft een bedrag nodig"},
	"terms":                {"invoicing hours needs the trajectory's terms (funder, budget, rate): set them first", "uren factureren vraagt de afspraken van het traject (financier, budget, tarief): leg die eerst vast"},
	"number":               {"that invoice number is already taken", "dat factuurnummer is al in gebruik"},
	"credited":             {"that invoice cannot be credited: it is a credit note, was credited already, or was recorded by hand", "die factuur kan niet gecrediteerd worden: het is een creditnota, ze is al gecrediteerd, of ze is met de hand vastgelegd"},
	"paid_on":              {"that payment date is not possible: not before the invoice date, not in the future, and not twice", "die betaaldatum kan niet: niet voor de factuurdatum, niet in de toekomst, en niet twee keer"},
}

// Problem is the sentence for a money validation error in language l, and
// whether the field is one of the money side's. The store's own English
// detail (which invoice overlaps, which line) follows in English.
func Problem(l Lang, ve *store.ValidationError) (string, bool) {
	p, ok := problems[ve.Field]
	if !ok {
		return ve.Problem, false
	}
	if strings.HasPrefix(ve.Field, "budget_left") {
		// Value is what is left, in the budget's unit.
		n, _ := strconv.ParseInt(ve.Value, 10, 64)
		left := Euro(l, n)
		switch ve.Field {
		case "budget_left_hours":
			left = Duration(n) + l.t("invoice.hours_left_unit")
		case "budget_left_sessions":
			left = strconv.FormatInt(n, 10)
		}
		format := p[0]
		if l == Dutch {
			format = p[1]
		}
		return fmt.Sprintf(format, left), true
	}
	if l == Dutch {
		return p[1], true
	}
	if ve.Problem != "" {
		// The store's sentence names the invoice, date or line at fault.
		return ve.Problem, true
	}
	return p[0], true
}
