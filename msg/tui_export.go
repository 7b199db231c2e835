package msg

// tuiExportTexts are the texts of the dossier export (x): the form, the
// result with its passphrase, and the sentences for what went wrong.
var tuiExportTexts = map[string]entry{
	// Keys.
	"key.export":       {"dossier exporteren", "export dossier"},
	"key.export_start": {"exporteren", "export"},
	"key.export_close": {"klaar", "done"},

	// The form.
	"export.title":   {"Dossier exporteren", "Export dossier"},
	"export.heading": {"Het dossier van %s exporteren (AVG art. 15 en 20)", "Export the dossier of %s (GDPR art. 15 and 20)"},
	"export.to":      {"Voor", "For"},
	"export.to_client": {"de cliënt zelf (inzage, overdraagbaarheid)",
		"the client (access, portability)"},
	"export.to_other":        {"een andere ontvanger", "another recipient"},
	"export.recipient":       {"Naam ontvanger", "Recipient's name"},
	"export.basis":           {"Grondslag", "Legal basis"},
	"export.sealing":         {"Beveiliging", "Protection"},
	"export.seal_passphrase": {"nieuwe wachtwoordzin", "fresh passphrase"},
	"export.seal_key":        {"publieke sleutel van de ontvanger", "the receiver's public key"},
	"export.seal_plain":      {"onversleuteld zip-bestand", "unencrypted zip file"},
	"export.key":             {"Publieke sleutel", "Public key"},
	"export.key_ok":          {"✓ geldige publieke sleutel", "✓ a valid public key"},
	"export.hint_passphrase": {
		"Het bestand wordt versleuteld met een nieuwe wachtwoordzin van zes woorden, die je na het exporteren één keer te zien krijgt.",
		"The file is encrypted with a fresh six-word passphrase, shown to you once after the export."},
	"export.hint_key": {
		"Plak de publieke sleutel van de ontvanger (age1… of age1pq1…): alleen wie de bijbehorende geheime sleutel heeft, kan het bestand openen.",
		"Paste the receiver's public key (age1… or age1pq1…): only whoever holds the matching secret key can open the file."},
	"export.hint_plain": {
		"Let op: een onversleuteld bestand kan iedereen lezen die het in handen krijgt. Geef het alleen persoonlijk mee, bijvoorbeeld op een usb-stick; nooit per e-mail.",
		"Careful: anyone who gets hold of an unencrypted file can read it. Only hand it over in person, on a USB stick for instance; never by e-mail."},
	"export.hint_consent": {
		"Met de grondslag toestemming moet er een geldige toestemming van de cliënt voor deze ontvanger vastliggen (tab Toestemming & delen).",
		"With consent as the basis, a valid consent of the client for this recipient must be on record (Consent & sharing tab)."},
	"export.restricted_client": {
		"De verwerking van deze cliënt is beperkt. Exporteren naar de cliënt zelf mag: het recht op inzage blijft bestaan.",
		"Processing of this client is restricted. Exporting to the client is allowed: the right of access stands."},
	"export.need_recipient": {"Vul in aan wie het dossier gaat.", "Fill in who receives the dossier."},
	"export.need_key":       {"Plak de publieke sleutel van de ontvanger.", "Paste the receiver's public key."},
	"export.plain_confirm": {
		"Het dossier wordt NIET versleuteld: wie het bestand krijgt, kan alles lezen. Verstuur het nooit per e-mail. Toch onversleuteld exporteren?",
		"The dossier will NOT be encrypted: whoever gets the file can read all of it. Never send it by e-mail. Export it unencrypted anyway?"},
	"export.busy": {"Bezig met exporteren… (versleutelen duurt een paar seconden)",
		"Exporting… (encrypting takes a few seconds)"},

	// The result.
	"export.done":     {"Het dossier van %s is geëxporteerd.", "The dossier of %s is exported."},
	"export.file":     {"Bestand:", "File:"},
	"export.contents": {"Inhoud:", "Contents:"},
	"export.passphrase": {"Wachtwoordzin (alleen nu te zien, caseload bewaart hem niet):",
		"Passphrase (shown only now, caseload does not keep it):"},
	"export.channel": {
		"Geef dit via een ander kanaal dan het bestand (telefoon, sms, persoonlijk), nooit in dezelfde e-mail.",
		"Give this by another channel than the file (phone, text message, in person), never in the same e-mail."},
	"export.open_passphrase": {
		"Openen: met age (age -d -o dossier.zip %s, dan de wachtwoordzin typen) of met een app die age-bestanden opent. In het zip-bestand legt README.txt alles uit.",
		"To open: with age (age -d -o dossier.zip %s, then type the passphrase) or with an app that opens age files. README.txt in the zip explains the rest."},
	"export.sealed_key": {
		"Versleuteld voor de publieke sleutel die je gaf: alleen de eigenaar van de bijbehorende geheime sleutel kan het openen.",
		"Sealed to the public key you gave: only the owner of the matching secret key can open it."},
	"export.open_key": {
		"Openen: age -d -i sleutel.txt -o dossier.zip %s (of een app die age-bestanden opent, met dezelfde sleutel).",
		"To open: age -d -i key.txt -o dossier.zip %s (or an app that opens age files, with the same key)."},
	"export.sealed_none": {
		"Dit bestand is NIET versleuteld: wie het krijgt, kan het hele dossier lezen. Niet mailen; geef het persoonlijk mee en verwijder je kopie daarna.",
		"This file is NOT encrypted: whoever gets it can read the whole dossier. Do not e-mail it; hand it over in person and delete your copy afterwards."},
	"export.open_plain": {"Openen: pak het zip-bestand uit; begin bij README.txt.",
		"To open: unzip the file; start with README.txt."},

	// What went wrong.
	"export.err_bad_key": {
		"Dit is geen publieke sleutel van age. Een publieke sleutel begint met age1 (of age1pq1); vraag de ontvanger hem opnieuw te sturen en plak hem in zijn geheel.",
		"This is not an age public key. A public key starts with age1 (or age1pq1); ask the receiver to send it again and paste all of it."},
	"export.err_exists": {
		"Er staat al een bestand met die naam; caseload overschrijft nooit een bestaand bestand. Verplaats of hernoem het en probeer opnieuw.",
		"A file of that name already exists; caseload never replaces a file. Move or rename it and try again."},
	"export.err_both": {"Kies een publieke sleutel of onversleuteld, niet allebei.",
		"Choose a public key or unencrypted, not both."},
	"export.err_no_consent": {
		"Er ligt geen geldige toestemming van de cliënt vast om het dossier aan %s te geven. Leg eerst de toestemming vast (tab Toestemming & delen, n) of kies een andere grondslag.",
		"There is no valid consent of the client on record to give the dossier to %s. Record the consent first (Consent & sharing tab, n) or choose another legal basis."},
	"export.err_restricted": {
		"De verwerking van deze cliënt is beperkt, dus het dossier mag niet naar een andere ontvanger. Naar de cliënt zelf mag wel: het recht op inzage blijft bestaan.",
		"Processing of this client is restricted, so the dossier may not go to another recipient. Exporting to the client is allowed: the right of access stands."},
	"export.err_not_found": {"Deze cliënt bestaat niet meer.", "This client no longer exists."},
	"export.err_disk_full": {
		"De schijf is vol: het dossier is niet geschreven. Maak ruimte vrij en probeer opnieuw.",
		"The disk is full: the dossier was not written. Free some space and try again."},
	"export.err_other": {"Het exporteren is mislukt: %s", "The export failed: %s"},

	// Leaving records out of the copy (AVG art. 15(4)).
	"export.leave_out": {"Weglaten uit deze kopie", "Leave out of this copy"},
	"export.leave_out_hint": {
		"Een verslag dat de rechten van een ander raakt of een puur interne werkaantekening mag buiten de kopie blijven (art. 15 lid 4 AVG). De kopie zegt dan dát er iets is weggelaten, van welke soort en datum, en waarom — nooit de titel of tekst.",
		"A record that touches another person's rights, or a purely internal working note, may stay out of the copy (GDPR art. 15(4)). The copy then says that something was left out, its kind and date, and why — never its title or text."},
	"export.include":       {"meenemen", "include"},
	"export.omit_others":   {"weglaten: rechten van anderen", "leave out: others' rights"},
	"export.omit_internal": {"weglaten: interne werkaantekening", "leave out: internal working note"},
	"export.err_omission": {"Een verslag dat je wilde weglaten staat niet meer in het dossier: sluit de export en open hem opnieuw.",
		"A record you chose to leave out is no longer in the dossier: close the export and open it again."},
}
