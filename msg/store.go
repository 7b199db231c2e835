package msg

// invalidTexts are the problems a coach must correct, by the Code of
// store.ValidationError: the command line, the screens and a client
// list's import all say them from here.
var invalidTexts = map[string]entry{
	// The problems any text or date field can have (store.CodeControl,
	// CodeTooLong with the limit, CodeDateRange).
	"invalid.control": {"bevat een stuurteken (zoals een NUL-byte of een escape), dat hier nooit bedoeld is",
		"holds a control character (such as a NUL byte or an escape), which is never meant here"},
	"invalid.too_long":   {"is langer dan %d (tekens, of bytes voor een tekst)", "is longer than %d (characters, or bytes for a text)"},
	"invalid.date_range": {"het jaar moet tussen 1900 en 2199 liggen", "the year must be between 1900 and 2199"},

	"invalid.client.name_missing":      {"een cliënt heeft een voor- of achternaam nodig", "a client needs a first or last name"},
	"invalid.client.status_unknown":    {"onbekende status %q", "unknown status %q"},
	"invalid.client.referral_unknown":  {"onbekende verwijzer %q", "unknown referral source %q"},
	"invalid.client.email_invalid":     {"het e-mailadres klopt niet", "the e-mail address is not valid"},
	"invalid.client.end_before_start":  {"het traject eindigt voordat het begint", "the trajectory ends before it starts"},
	"invalid.client.birth_after_start": {"de geboortedatum ligt na het begin van het traject", "the birth date is after the trajectory start"},
	"invalid.client.end_missing":       {"een afgesloten traject heeft een einddatum nodig", "a closed trajectory needs an end date"},
	"invalid.client.rejected_on_missing": {"een afgewezen aanmelding heeft de datum van afwijzing nodig",
		"a rejected intake needs the date of rejection"},
	"invalid.client.outcome_unknown":     {"onbekende uitkomst %q", "unknown outcome %q"},
	"invalid.client.outcome_missing":     {"een afgesloten traject heeft een uitkomst nodig", "a closed trajectory needs an outcome"},
	"invalid.client.hold_reason_missing": {"een juridische bewaring heeft een reden nodig", "a legal hold needs a reason"},
	"invalid.client.representative_missing": {"een cliënt jonger dan 16 heeft een wettelijk vertegenwoordiger nodig",
		"a client under 16 needs a legal representative"},
	"invalid.client.restricted_reason_missing": {"een beperking van de verwerking heeft een reden nodig", "a restriction needs a reason"},
	"invalid.client.gender_unknown":            {"onbekend geslacht %q", "unknown gender %q"},
	"invalid.client.marital_status_unknown":    {"onbekende burgerlijke staat %q", "unknown marital status %q"},
	"invalid.client.children_range":            {"het aantal kinderen ligt tussen 0 en 30", "the number of children is 0 to 30"},
	"invalid.client.bsn_invalid": {"dit is geen geldig BSN: negen cijfers die de elfproef doorstaan (controleer het op het identiteitsbewijs)",
		"this is not a valid BSN: nine digits that pass the elfproef (check it against the ID document)"},
	"invalid.client.arrival_before_birth":   {"de datum van aankomst ligt vóór de geboortedatum", "the date of arrival is before the birth date"},
	"invalid.practice.client_field_unknown": {"onbekend cliëntveld %q", "unknown client field %q"},

	"invalid.policy.name_missing": {"een bewaarcategorie heeft een naam nodig", "a retention category needs a name"},
	"invalid.retention.category_unknown": {"onbekende bewaarcategorie %q: kies er een uit de instellingen",
		"unknown retention category %q: choose one from the settings"},
	"invalid.retention.category_not_for_item": {"bewaarcategorie %q telt vanaf het afhandelen van een klacht en past alleen bij een klacht",
		"retention category %q counts from the closing of a complaint and fits a complaint only"},
	"invalid.policy.in_use": {"bewaarcategorie %q is nog in gebruik: geef die stukken eerst een andere categorie",
		"retention category %q is still in use: give those items another category first"},
	"invalid.policy.builtin": {"de vaste bewaarcategorieën (dossier, aanmelding, facturen) blijven altijd bestaan",
		"the fixed retention categories (dossier, intake, invoices) always stay"},
}

// templateTexts are the problems of a paper template the coach wrote, by
// the Code of store.TemplateError: the line, then the placeholder or
// setting concerned.
var templateTexts = map[string]entry{
	"template.unknown-placeholder":  {"regel %d: onbekende invulplek {{%s}}", "line %d: unknown placeholder {{%s}}"},
	"template.unclosed-placeholder": {"regel %d: een invulplek die met {{ begint, sluit niet met }}%s", "line %d: a placeholder opened with {{ is not closed with }}%s"},
	"template.block-in-line":        {"regel %d: {{%s}} moet op een eigen regel staan", "line %d: {{%s}} must stand on a line of its own"},
	"template.unknown-setting":      {"regel %d: onbekende instelling %q", "line %d: unknown setting %q"},
	"template.bad-setting":          {"regel %d: de instelling %s heeft een waarde die niet kan", "line %d: the setting %s has a value it cannot take"},
	"template.no-name":              {"regel %d: een sjabloon heeft een naam nodig: %% name: …%s", "line %d: a template needs a name: %% name: …%s"},
}

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
	"retention.default_reason.applicant": {
		"Sollicitanten die niet zijn aangenomen en geen toestemming gaven: een maand na het einde van de procedure; langer alleen met toestemming.",
		"Applicants not taken on who gave no consent: one month after the procedure ends; longer only with consent."},
	"retention.default_reason.correspondence": {
		"Correspondentie en e-mail: hoogstens twee jaar na de datum van het bericht.",
		"Correspondence and e-mail: at most two years after the message's date."},
	"retention.default_reason.id_copy": {
		"Kopie van een identiteitsbewijs (pasfoto en nummers onleesbaar): twee jaar na het einde van het traject, niet langer dan het dossier.",
		"Copy of an identity document (photo and numbers blacked out): two years after the trajectory ends, no longer than the dossier."},
	"retention.default_reason.recorded": {
		"Overige vastgelegde gegevens: zeven jaar nadat ze zijn vastgelegd.",
		"Other recorded data: seven years after they were recorded."},
	"retention.default_reason.complaint": {
		"Klachten over de omgang met gegevens: twee jaar nadat de klacht is afgehandeld.",
		"Complaints about the handling of data: two years after the complaint was closed."},

	// The names of the shipped retention categories beyond the dossier,
	// the rejected intake and invoices (those three the screens name).
	"retention.default_name.applicant":      {"Sollicitanten", "Applicants"},
	"retention.default_name.correspondence": {"Correspondentie en e-mail", "Correspondence and e-mail"},
	"retention.default_name.id_copy":        {"Kopie identiteitsbewijs", "ID copies"},
	"retention.default_name.recorded":       {"Vastgelegd (7 jaar)", "Recorded (7 years)"},
	"retention.default_name.complaint":      {"Klachten", "Complaints"},
}
