package msg

// tuiCommonTexts are what every screen shares: the keys as the hint line
// and the help overlay name them, the root model's status line, help,
// prompt and lock, the problems a store or vault error becomes, the
// store's refusals per field, and the forms' own words.
var tuiCommonTexts = map[string]entry{
	// Keys, as the hint line and the help overlay name them.
	"key.help":          {"hulp", "help"},
	"key.back":          {"terug", "back"},
	"key.quit":          {"afsluiten", "quit"},
	"key.force_quit":    {"altijd afsluiten", "quit, always"},
	"key.lock":          {"vergrendelen", "lock"},
	"key.yes":           {"ja", "yes"},
	"key.no":            {"nee", "no"},
	"key.up":            {"omhoog", "up"},
	"key.down":          {"omlaag", "down"},
	"key.page_up":       {"pagina omhoog", "page up"},
	"key.page_down":     {"pagina omlaag", "page down"},
	"key.home":          {"eerste", "first"},
	"key.end":           {"laatste", "last"},
	"key.open":          {"openen", "open"},
	"key.new_client":    {"nieuwe cliënt", "new client"},
	"key.filter":        {"zoeken", "filter"},
	"key.filter_accept": {"klaar met zoeken", "done filtering"},
	"key.filter_clear":  {"zoekterm wissen", "clear filter"},
	"key.next_view":     {"volgende lijst", "next list"},
	"key.sort":          {"sortering", "sort"},
	"key.edit":          {"bewerken", "edit"},
	"key.next_field":    {"volgend veld", "next field"},
	"key.prev_field":    {"vorig veld", "previous field"},
	"key.choose":        {"kiezen", "choose"},
	"key.save":          {"opslaan", "save"},
	"key.cancel":        {"annuleren", "cancel"},
	"key.unlock":        {"openen", "unlock"},
	"key.create":        {"kluis maken", "create vault"},
	"key.stored":        {"ik heb hem bewaard", "I have stored it"},

	// The root model: status line, help, prompt, lock.
	"status.saving":    {"opslaan…", "saving…"},
	"status.saved":     {"opgeslagen", "saved"},
	"status.unsaved":   {"niet opgeslagen", "not saved"},
	"status.not_saved": {"Niet opgeslagen. %s", "Not saved. %s"},
	"status.locks_in":  {"vergrendelt over %s", "locks in %s"},
	"status.locking":   {"vergrendelen…", "locking…"},
	// Short enough for the status line at 100 columns; the README says
	// more (export, then purge, the clients closed longest ago).
	"status.image_large": {"Kluis %d van %d MiB vol — verwijder wat klaarstaat (D)", "Vault %d of %d MiB full — purge what is due (D)"},
	"help.title":         {"Toetsen — %s", "Keys — %s"},
	"help.title_plain":   {"Toetsen", "Keys"},
	"prompt.cancelled":   {"Niets gewijzigd.", "Nothing changed."},
	"lock.locked":        {"Vergrendeld.", "Locked."},
	"lock.locked_idle":   {"Vergrendeld na een tijd zonder activiteit.", "Locked after a while without activity."},
	"lock.failed": {
		"Niet vergrendeld. %s Het dossier blijft open tot het opslaan lukt.",
		"Not locked. %s The caseload stays open until it can be saved.",
	},
	"quit.failed": {
		"%s Toch afsluiten? Dan gaat de laatste wijziging verloren.",
		"%s Quit anyway? The last change will be lost.",
	},
	"session.lost": {
		"Je vorige plek kon niet worden hersteld; je begint bij het overzicht.",
		"Where you were could not be restored; you start at the caseload.",
	},

	// Problems: what happened, and what to do.
	"problem.rolled_back": {
		"Deze kluis is ouder dan die deze laptop het laatst bewaarde. Een synchronisatieprogramma of een herstel heeft misschien een oudere kopie teruggezet. Er is niets geschreven. Kies: a neem deze als de huidige, r open deze oudere alleen om te lezen, of esc om af te sluiten en de nieuwste reservekopie terug te zetten (caseload restore).",
		"This vault is older than the one this laptop last saved. A sync tool or a restore may have put an older copy back. Nothing was written. Choose: a accept it as current, r open this older one read-only, or esc to quit and open the newest backup (caseload restore).",
	},
	"problem.rolled_back_write": {
		"Niet bewaard: deze oudere kluis is alleen om te lezen.",
		"Not saved: this older vault is open read-only.",
	},
	"key.accept_older": {"neem als huidige", "accept as current"},
	"key.read_older":   {"alleen lezen", "read-only"},
	"problem.wrong_passphrase": {
		"Deze wachtwoordzin opent de kluis niet. Probeer het opnieuw.",
		"That passphrase does not open the vault. Try again.",
	},
	"problem.not_vault": {
		"In deze map staan bestanden die geen caseload-kluis zijn. Er is niets veranderd. Kies een andere map of kijk wat erin staat.",
		"This folder holds files that are not a caseload vault. Nothing was changed. Choose another folder, or check what is in it.",
	},
	"problem.damaged": {
		"De kluis is beschadigd en kan niet worden geopend. Er is niets veranderd. Zet de nieuwste kopie uit de map backups terug, of vraag hulp.",
		"The vault is damaged and cannot be opened. Nothing was changed. Restore the latest copy from the backups folder, or ask for help.",
	},
	"problem.identity_damaged": {
		"identity.age, de sleutel van de kluis, is beschadigd of ontbreekt. Er is niets veranderd. Sluit caseload en voer 'caseload recover' uit met je herstelsleutel; kopieer geen back-up over vault.age, dan gaan je nieuwste wijzigingen verloren.",
		"identity.age, the vault's key, is damaged or missing. Nothing was changed. Quit and run 'caseload recover' with your recovery key; do not copy a backup over vault.age, which would lose your newest changes.",
	},
	"problem.document_damaged": {
		"Dit document is beschadigd of ontbreekt; de rest van de kluis is in orde. 'caseload verify' noemt elk beschadigd document. Voeg het opnieuw toe vanaf het origineel, of haal het uit een back-up van 'caseload backup'.",
		"This document is damaged or missing; the rest of the vault is sound. 'caseload verify' names every damaged document. Add it again from the original, or take it from a backup made with 'caseload backup'.",
	},
	"problem.in_use": {
		"De kluis is al open in een ander caseload-venster. Sluit dat venster en druk dan op enter om het opnieuw te proberen.",
		"The vault is open in another caseload window. Close that window, then press enter to try again.",
	},
	"problem.changed_on_disk": {
		"De kluis is op schijf veranderd sinds hij werd geopend (een synchronisatieprogramma of een andere laptop?). Je wijziging staat veilig in een apart conflictbestand naast de kluis.",
		"The vault changed on disk since it was opened (a sync tool or another laptop?). Your change is safe in a separate conflict file next to the vault.",
	},
	"problem.disk_full": {
		"De schijf is vol. Maak ruimte vrij en probeer het opnieuw.",
		"The disk is full. Free some space, then try again.",
	},
	"problem.disk_full_kept": {
		"De schijf is vol. Maak ruimte vrij; je wijziging blijft bewaard tot opslaan weer lukt.",
		"The disk is full. Free some space; your change is kept until it can be saved.",
	},
	"problem.not_saved": {
		"Je wijziging staat in het geheugen maar kon niet naar schijf worden geschreven.",
		"Your change is kept in memory but could not be written to disk.",
	},
	"problem.restricted": {
		"De verwerking van deze cliënt is beperkt: het dossier kan alleen worden ingezien.",
		"Processing of this client is restricted: the dossier is read-only.",
	},
	"problem.invalid":   {"Verbeter het gemarkeerde veld.", "Please correct the marked field."},
	"problem.not_found": {"Dit bestaat niet meer.", "This no longer exists."},
	"problem.unknown":   {"Er ging iets mis.", "Something went wrong."},
	"problem.other":     {"Er ging iets onverwachts mis: %s", "Something unexpected went wrong: %s"},

	// What the store refuses, per field.
	"invalid.control":           {"Hier staat een stuurteken in (zoals een NUL-byte of een escape) dat nooit bedoeld is; typ de tekst opnieuw.", "This holds a control character (such as a NUL byte or an escape) that is never meant; type the text again."},
	"invalid.too_long_chars":    {"Dit is langer dan %d tekens; maak het korter.", "This is longer than %d characters; make it shorter."},
	"invalid.too_long_bytes":    {"Dit is langer dan %d KiB; maak het korter of voeg het toe als document.", "This is longer than %d KiB; make it shorter or add it as a document."},
	"invalid.date_range":        {"Het jaar moet tussen 1900 en 2199 liggen.", "The year must be between 1900 and 2199."},
	"invalid.name":              {"Vul een voornaam of achternaam in.", "Enter a first or last name."},
	"invalid.status":            {"Kies een status.", "Choose a status."},
	"invalid.referral":          {"Kies wie de cliënt heeft doorverwezen.", "Choose who referred the client."},
	"invalid.email":             {"Dit e-mailadres klopt niet.", "This e-mail address is not valid."},
	"invalid.end":               {"Vul een einddatum in die niet vóór de start ligt; een afgesloten traject heeft er een nodig.", "Enter an end date that is not before the start; a closed trajectory needs one."},
	"invalid.birth_date":        {"De geboortedatum ligt na de start van het traject.", "The birth date is after the start of the trajectory."},
	"invalid.rejected_on":       {"Vul de datum van afwijzing in.", "Enter the date of rejection."},
	"invalid.outcome":           {"Kies hoe het traject is afgesloten; die uitkomst blijft als anonieme telling bewaard.", "Choose how the trajectory ended; the outcome is kept as an anonymous count."},
	"invalid.hold_reason":       {"Geef een reden voor de juridische bewaring.", "Give a reason for the legal hold."},
	"invalid.restricted_reason": {"Geef een reden voor de beperking.", "Give a reason for the restriction."},
	"invalid.title":             {"Geef een titel.", "Enter a title."},
	"invalid.date":              {"Vul een datum in.", "Enter a date."},
	"invalid.start":             {"Vul een datum en tijd in.", "Enter a date and time."},
	"invalid.minutes":           {"De duur ligt tussen 1 minuut en 24 uur.", "The duration must be between 1 minute and 24 hours."},

	// Forms.
	"form.new_client": {"Nieuwe cliënt", "New client"},
	"form.edit":       {"Bewerken", "Edit"},
	"form.loading":    {"Laden…", "Loading…"},
	"form.discard":    {"Je wijzigingen weggooien?", "Discard your changes?"},
	"quit.drafts_kept": {"caseload: je niet-opgeslagen tekst is versleuteld in de kluis bewaard en komt terug als je de kluis weer opent.",
		"caseload: your unsaved text is kept, encrypted, in the vault and comes back when you next unlock it."},
	"session.drafts_back": {"Je niet-opgeslagen tekst van de vorige keer staat er weer; sla hem op met ctrl+s of gooi hem weg met esc.",
		"Your unsaved text from last time is back; save it with ctrl+s or drop it with esc."},
	"form.discard_kept":     {"Je wijzigingen staan er nog; ze zijn nog niet opgeslagen.", "Your changes are still here; they are not saved yet."},
	"form.date_placeholder": {"dd-mm-jjjj", "yyyy-mm-dd"},
	"form.date_format":      {"Typ een datum als 31-01-2026 of 2026-01-31.", "Type a date as 2026-01-31 or 31-01-2026."},
	"form.date_impossible":  {"%s bestaat niet in de kalender.", "%s is not a day in the calendar."},
	"form.date_year":        {"Het jaar in %s lijkt een tikfout.", "The year in %s looks like a typo."},
}

// tuiCounts are the screens' texts about a number: for each language the
// form for one, then the form for any other number (see counted).
var tuiCounts = map[string]counted{
	// What a dossier holds: an export, an import, a purge, an erasure.
	"count.records":      {[2]string{"%d verslag", "%d verslagen"}, [2]string{"%d record", "%d records"}},
	"count.appointments": {[2]string{"%d afspraak", "%d afspraken"}, [2]string{"%d appointment", "%d appointments"}},
	"count.documents":    {[2]string{"%d document", "%d documenten"}, [2]string{"%d document", "%d documents"}},
	"count.consents":     {[2]string{"%d toestemming", "%d toestemmingen"}, [2]string{"%d consent", "%d consents"}},
	"count.disclosures":  {[2]string{"%d verstrekking", "%d verstrekkingen"}, [2]string{"%d disclosure", "%d disclosures"}},
	"count.requests":     {[2]string{"%d verzoek", "%d verzoeken"}, [2]string{"%d request", "%d requests"}},
	"count.drafts":       {[2]string{"%d concept", "%d concepten"}, [2]string{"%d draft", "%d drafts"}},
	"count.invoices":     {[2]string{"%d factuur", "%d facturen"}, [2]string{"%d invoice", "%d invoices"}},
	"count.complaints":   {[2]string{"%d klacht", "%d klachten"}, [2]string{"%d complaint", "%d complaints"}},
	"count.days":         {[2]string{"%d dag", "%d dagen"}, [2]string{"%d day", "%d days"}},
}
