package msg

// storeTexts are texts the vault holds by key rather than in a language:
// the shipped default reasons of the retention policies, written in the
// language of whoever reads them (a Dutch register, an English dossier).
var storeTexts = map[string]entry{
	"retention.default_reason.dossier": {
		"Begeleidingsdossier: twee jaar na het einde van het traject, zoals de privacyverklaring van de praktijk belooft.",
		"Coaching dossier: two years after the trajectory ends, as the practice's privacy statement promises."},
	"retention.default_reason.rejected_intake": {
		"Aanmelding van iemand die nooit is begonnen: een maand na het besluit.",
		"Intake of someone who was never taken on: one month after the decision."},
	"retention.default_reason.invoice": {
		"Facturen: zeven jaar, de fiscale bewaarplicht (art. 52 AWR).",
		"Invoices: seven years, the fiscal retention duty (art. 52 AWR)."},
}
