package msg

// tuiPrintTexts are the paper screen's texts.
var tuiPrintTexts = map[string]entry{
	"key.print":          {"papier maken", "make a paper"},
	"key.print_start":    {"maken", "make"},
	"key.request_letter": {"brief voor deze stap", "letter for this step"},

	"print.title":    {"Papier maken", "Make a paper"},
	"print.heading":  {"Een papier voor %s maken", "Make a paper for %s"},
	"print.template": {"Sjabloon", "Template"},
	"print.to_client": {"de cliënt (of de wettelijk vertegenwoordiger)",
		"the client (or the legal representative)"},
	"print.format":     {"Vorm", "Form"},
	"print.seal_plain": {"onversleuteld bestand", "unencrypted file"},
	"print.hint_passphrase": {
		"Het bestand wordt versleuteld met een nieuwe wachtwoordzin, die je na het maken één keer te zien krijgt; het opent met age -d.",
		"The file is encrypted with a fresh passphrase, shown to you once after it is made; it opens with age -d."},
	"print.no_practice": {
		"Let op: de gegevens van de praktijk zijn leeg, dus het papier heeft geen briefhoofd en noemt geen contact. Vul ze in bij de instellingen (s, dan p).",
		"Careful: the practice's details are empty, so the paper has no letterhead and names no contact. Fill them in under settings (s, then p)."},
	"print.plain_confirm": {
		"Het papier ONVERSLEUTELD schrijven? Wie het bestand krijgt, kan het lezen.",
		"Write the paper UNENCRYPTED? Anyone who gets the file can read it."},
	"print.busy":        {"Het papier wordt gemaakt…", "Making the paper…"},
	"print.done":        {"%s is gemaakt", "%s is made"},
	"print.sealed_none": {"Dit bestand is niet versleuteld: wie het krijgt, kan het lezen.", "This file is not encrypted: anyone who gets it can read it."},
	"print.err_recipient": {
		"Dit papier gaat naar een derde (een financier, een school): kies een andere ontvanger, met naam en grondslag.",
		"This paper goes to a third party (a funder, a school): choose another recipient, with a name and a legal basis."},
	"print.err_template": {"Het sjabloon klopt niet: regel %d (%s). Verbeter het bij de instellingen.",
		"The template is wrong: line %d (%s). Correct it under settings."},
}
