package tui

// entry is one text in both languages. A test fails when either is empty,
// when a T call names a key that is missing here, or when a key here is
// never used.
type entry struct{ nl, en string }

// catalog holds every text the coach reads. It is only ever read.
var catalog = joinTexts(coreTexts, dossierTexts, retentionTexts, rightsTexts, exportTexts, importTexts, printTexts, removeTexts, templateTexts,
	moneyTexts, moneyFormTexts, moneyFileTexts, statsTexts, unlockTexts, agendaTexts)

// joinTexts merges parts of the catalog. A key in two parts is a mistake
// that would make one text silently win, so it stops the program at once
// (and every test with it).
func joinTexts(parts ...map[string]entry) map[string]entry {
	all := map[string]entry{}
	for _, p := range parts {
		for k, e := range p {
			if _, dup := all[k]; dup {
				panic("tui: catalog key " + k + " defined twice")
			}
			all[k] = e
		}
	}
	return all
}

// coreTexts are the texts of the unlock screen, the caseload, the client
// form and the root model.
var coreTexts = map[string]entry{
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
	"invalid.hold_reason":       {"Geef een reden voor het bewaren.", "Give a reason for the hold."},
	"invalid.restricted_reason": {"Geef een reden voor de beperking.", "Give a reason for the restriction."},
	"invalid.title":             {"Geef een titel.", "Enter a title."},
	"invalid.date":              {"Vul een datum in.", "Enter a date."},
	"invalid.start":             {"Vul een datum en tijd in.", "Enter a date and time."},
	"invalid.minutes":           {"De duur ligt tussen 1 minuut en 24 uur.", "The duration must be between 1 minute and 24 hours."},

	// Create and unlock.
	"create.title": {"Welkom bij caseload", "Welcome to caseload"},
	"create.intro": {
		"Er is nog geen kluis in %s. Kies een wachtwoordzin om er een te maken: die versleutelt alles wat je hier bewaart. Vier of meer woorden die je onthoudt werken het best.",
		"There is no vault in %s yet. Choose a passphrase to create one: it encrypts everything you keep here. Four or more words you will remember work best.",
	},
	"create.passphrase":      {"Wachtwoordzin", "Passphrase"},
	"create.again":           {"Nog een keer", "Again"},
	"create.strength_good":   {"goed", "good"},
	"create.strength_strong": {"sterk", "strong"},
	"create.mismatch":        {"De twee wachtwoordzinnen zijn niet gelijk. Typ hem nog een keer.", "The two passphrases differ. Type it again."},
	"create.working":         {"De kluis wordt gemaakt…", "Creating the vault…"},
	"unlock.title":           {"Caseload openen", "Unlock your caseload"},
	"unlock.passphrase":      {"Wachtwoordzin", "Passphrase"},
	"unlock.working":         {"De kluis wordt geopend…", "Opening the vault…"},
	"unlock.opening":         {"Even geduld…", "One moment…"},
	"recovery.title":         {"Je herstelsleutel — je ziet hem maar één keer", "Your recovery key — shown only this once"},
	"recovery.explain": {
		"Ben je je wachtwoordzin kwijt, dan is deze sleutel de enige weg terug naar je dossiers.",
		"If you forget your passphrase, this key is the only way back into your caseload.",
	},
	"recovery.where": {
		"Print hem of schrijf hem over, en bewaar hem buiten deze laptop: in een kluisje of een afgesloten la. Zet hem niet in een bestand op deze laptop.",
		"Print it or write it down, and keep it away from this laptop: in a safe or a locked drawer. Do not keep it in a file on this laptop.",
	},
	"recovery.confirm": {"Druk op j als je hem hebt bewaard.", "Press y once you have stored it."},

	// The caseload list.
	"caseload.tab_active": {"Lopend", "Active"},
	"caseload.tab_closed": {"Afgesloten", "Closed"},
	"caseload.tab_all":    {"Alle", "All"},
	"caseload.sort_name":  {"op naam", "by name"},
	"caseload.sort_next":  {"op volgende afspraak", "by next appointment"},
	"caseload.filter_hint": {
		"/ zoeken op naam, e-mail, telefoon of verwijzer · ctrl+f doorzoekt alle verslagen",
		"/ filter by name, e-mail, phone or referrer · ctrl+f searches every record",
	},
	"caseload.filter_placeholder": {"naam, e-mail, telefoon…", "name, e-mail, phone…"},
	"caseload.count":              {"%d van %d", "%d of %d"},
	"caseload.col_name":           {"Naam", "Name"},
	"caseload.col_status":         {"Status", "Status"},
	"caseload.col_trajectory":     {"Traject", "Trajectory"},
	"caseload.col_next":           {"Volgende afspraak", "Next appointment"},
	"caseload.col_retention":      {"Bewaren", "Retention"},
	"caseload.empty": {
		"Nog geen cliënten. Druk op n om je eerste cliënt toe te voegen.",
		"No clients yet. Press n to add your first client.",
	},
	"caseload.none_in_view": {"Geen cliënten in deze lijst. Tab toont de volgende.", "No clients in this list. Tab shows the next one."},
	"caseload.no_match":     {"Geen cliënt gevonden voor “%s”. Esc wist de zoekterm.", "No client matches “%s”. Esc clears the filter."},
	"retention.days":        {"%d d", "%d d"},
	"retention.overdue":     {"verlopen %d d", "overdue %d d"},
	"retention.today":       {"vandaag", "due today"},
	"retention.hold":        {"niet wissen: %s", "hold: %s"},

	// Statuses, referrals, outcomes.
	"status.intake":         {"intake", "intake"},
	"status.active":         {"actief", "active"},
	"status.closed":         {"afgesloten", "closed"},
	"status.rejected":       {"afgewezen", "rejected"},
	"referral.self":         {"zelf aangemeld", "self"},
	"referral.municipality": {"gemeente", "municipality"},
	"referral.school":       {"school", "school"},
	"referral.other":        {"anders", "other"},
	"outcome.education":     {"opleiding", "education"},
	"outcome.work":          {"werk", "work"},
	"outcome.other":         {"anders", "other"},
	"outcome.dropped_out":   {"uitgevallen", "dropped out"},

	// A client, in the overview and the form.
	"client.first_name":          {"Voornaam", "First name"},
	"client.last_name":           {"Achternaam", "Last name"},
	"client.email":               {"E-mail", "E-mail"},
	"client.phone":               {"Telefoon", "Phone"},
	"client.address":             {"Adres", "Address"},
	"client.address_placeholder": {"Straat 1, 1234 AB Plaats", "Street 1, 1234 AB Town"},
	"client.birth_date":          {"Geboortedatum", "Birth date"},
	"client.age":                 {"%s jaar", "%s years"},
	"client.referral":            {"Verwezen door", "Referred by"},
	"client.referral_detail":     {"Verwijzer (naam)", "Referrer (name)"},
	"client.representative":      {"Wettelijk vertegenwoordiger", "Legal representative"},
	"client.representative_needed": {
		"Jonger dan 16 (%d jaar): vul een ouder of voogd in.",
		"Under 16 (age %d): name a parent or guardian.",
	},
	"client.representative_hint": {
		"Jonger dan 16 (%d jaar): de vertegenwoordiger beslist mee.",
		"Under 16 (age %d): the representative decides too.",
	},
	"client.status":      {"Status", "Status"},
	"client.start":       {"Start traject", "Trajectory start"},
	"client.end":         {"Einde traject", "Trajectory end"},
	"client.trajectory":  {"Traject", "Trajectory"},
	"client.rejected_on": {"Afgewezen op", "Rejected on"},
	"client.outcome":     {"Uitkomst", "Outcome"},
	"client.notes":       {"Notities", "Notes"},
	"client.restricted":  {"Verwerking beperkt (alleen inzien): %s", "Processing restricted (read-only): %s"},

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
