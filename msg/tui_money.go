package msg

// tuiMoneyTexts are the money screens' texts.
var tuiMoneyTexts = map[string]entry{
	"money.key_open":   {"geld", "money"},
	"money.key_new":    {"nieuwe factuur", "new invoice"},
	"money.key_paid":   {"betaald", "mark paid"},
	"money.key_credit": {"crediteren", "credit note"},
	"money.title":      {"Geld", "Money"},
	"money.heading":    {"Uren, budget en facturen van %s", "Hours, budget and invoices of %s"},
	"money.no_terms": {"Nog geen afspraken over financier, budget en tarief: leg ze vast met caseload invoice terms.",
		"No terms yet (funder, budget, rate): set them with caseload invoice terms."},
	"money.terms":         {"Afspraken", "Terms"},
	"money.rate_hour":     {"per uur", "an hour"},
	"money.rate_session":  {"per gesprek", "a session"},
	"money.rate_fixed":    {"vast", "fixed"},
	"money.vat":           {"btw", "VAT"},
	"money.reference":     {"ref.", "ref."},
	"money.budget":        {"Budget", "Budget"},
	"money.budget_line":   {"%s van %s %s (%d%%), over: %s", "%s of %s %s (%d%%), left: %s"},
	"money.unit_hours":    {"uur", "hours"},
	"money.unit_sessions": {"gesprekken", "sessions"},
	"money.unit_amount":   {"euro", "euros"},
	"money.warn_80":       {"80% van het budget is verbruikt", "80% of the budget is used"},
	"money.warn_full":     {"Het budget is op", "The budget is used up"},
	"money.warn_over": {"Het budget is overschreden: uren erboven worden niet gefactureerd",
		"The budget is overspent: hours past it are not billed"},
	"money.time":         {"Tijd", "Time"},
	"money.col_number":   {"NUMMER", "NUMBER"},
	"money.col_date":     {"DATUM", "DATE"},
	"money.col_total":    {"TOTAAL", "TOTAL"},
	"money.col_status":   {"STATUS", "STATUS"},
	"money.no_invoices":  {"Nog geen facturen.", "No invoices yet."},
	"money.confirm_paid": {"Factuur %s vandaag betaald?", "Mark invoice %s paid today?"},
	"money.confirm_credit": {"Factuur %s crediteren? Een creditnota maakt haar in zijn geheel ongedaan; de uren komen weer vrij.",
		"Credit invoice %s? A credit note cancels it in full; its hours become unbilled again."},
	"money.paid":       {"Factuur %s is betaald", "Invoice %s is paid"},
	"money.credited":   {"Creditnota %s crediteert %s", "Credit note %s corrects %s"},
	"money.made":       {"Factuur %s is gemaakt", "Invoice %s is made"},
	"money.form_title": {"Nieuwe factuur", "New invoice"},
	"money.from":       {"Van", "From"},
	"money.to":         {"Tot en met", "To"},
	"money.form_help": {
		"De factuur bevat de nog niet gefactureerde uren van deze periode, tot het budget op is. Het nummer volgt op de laatste factuur.",
		"The invoice holds the unbilled hours of this period, up to what is left of the budget. Its number follows the last invoice."},
	"deadline.payment": {"betaling", "payment"},
}

// tuiStatsTexts are the statistics screen's texts.
var tuiStatsTexts = map[string]entry{
	"stats.key_open":    {"statistiek", "statistics"},
	"stats.key_prev":    {"vorig jaar", "previous year"},
	"stats.key_next":    {"volgend jaar", "next year"},
	"stats.title":       {"Statistiek", "Statistics"},
	"stats.year":        {"%d per maand: declarabele uren, gefactureerd (excl. btw), afspraken", "%d by month: billable hours, invoiced (before VAT), appointments"},
	"stats.hours":       {"uren", "hours"},
	"stats.invoiced":    {"gefactureerd", "invoiced"},
	"stats.attendance":  {"afspraken", "appointments"},
	"stats.attended":    {"aanwezig", "attended"},
	"stats.no_show":     {"niet verschenen", "no-show"},
	"stats.cancelled":   {"afgezegd", "cancelled"},
	"stats.outcomes":    {"Afgesloten trajecten per jaar en hun uitkomst (anoniem)", "Closed trajectories per year and their outcome (anonymous)"},
	"stats.no_outcomes": {"Nog geen afgesloten trajecten.", "No closed trajectories yet."},
}

// tuiMoneyCounts are the money screens' texts about a number: for each language the form for one, then
// the form for any other number.
var tuiMoneyCounts = map[string]counted{
	"money.time_line": {[2]string{"%d tijdregel, %s nog niet gefactureerd", "%d tijdregels, %s nog niet gefactureerd"}, [2]string{"%d time entry, %s not yet billed", "%d time entries, %s not yet billed"}},
}
