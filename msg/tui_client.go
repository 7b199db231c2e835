package msg

// tuiClientFormTexts are the texts of a client in the overview and the
// client form: statuses, referrals, outcomes and the fields.
var tuiClientFormTexts = map[string]entry{
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
}

// tuiClientTexts are the texts of the client's dossier: the tabs, records,
// appointments, documents, the log and search.
var tuiClientTexts = map[string]entry{
	// Keys.
	"key.next_tab":        {"volgend tabblad", "next tab"},
	"key.prev_tab":        {"vorig tabblad", "previous tab"},
	"key.jump_tab":        {"naar tabblad", "go to tab"},
	"key.log_tab":         {"logboek", "log"},
	"key.read":            {"lezen", "read"},
	"key.new":             {"nieuw", "new"},
	"key.new_record":      {"nieuw verslag", "new record"},
	"key.new_appointment": {"nieuwe afspraak", "new appointment"},
	"key.add_document":    {"document toevoegen", "add document"},
	"key.edit_client":     {"gegevens bewerken", "edit details"},
	"key.delete":          {"verwijderen", "delete"},
	"key.save_copy":       {"kopie opslaan", "save a copy"},
	"key.reveal":          {"tonen (komt in het logboek)", "reveal (logged)"},
	"key.seal":            {"in de kluis opslaan", "seal into the vault"},
	"key.search":          {"alles doorzoeken", "search everything"},
	"key.close":           {"sluiten", "close"},

	// The tabs of the client screen.
	"tab.overview":     {"Overzicht", "Overview"},
	"tab.intake":       {"Intake", "Intake"},
	"tab.plan":         {"Plan van aanpak", "Plan of approach"},
	"tab.plan_short":   {"Plan", "Plan"},
	"tab.evaluations":  {"Evaluaties", "Evaluations"},
	"tab.notes":        {"Notities", "Notes"},
	"tab.texts":        {"Cv & brieven", "CV & letters"},
	"tab.texts_short":  {"Teksten", "Texts"},
	"tab.appointments": {"Afspraken", "Appointments"},
	"tab.documents":    {"Documenten", "Documents"},
	"tab.log":          {"Logboek", "Log"},

	// Record kinds.
	"kind.intake":     {"Intakeverslag", "Intake"},
	"kind.plan":       {"Plan van aanpak", "Plan of approach"},
	"kind.evaluation": {"Evaluatie", "Evaluation"},
	"kind.note":       {"Notitie", "Note"},
	"kind.cv":         {"Cv", "CV"},
	"kind.letter":     {"Brief", "Letter"},
	"kind.email":      {"E-mail", "E-mail"},
	"kind.other":      {"Overig", "Other"},

	// The client screen.
	"client.deleted":          {"Verwijderd.", "Deleted."},
	"client.next_appointment": {"Volgende afspraak", "Next appointment"},
	"client.breach":           {"Datalek", "Breach"},
	"client.breach_line":      {"#%d van %s raakt deze cliënt: %s", "#%d of %s affects this client: %s"},
	"client.empty_records": {
		"Nog niets op dit tabblad. Druk op n om een verslag te schrijven.",
		"Nothing on this tab yet. Press n to write a record.",
	},
	"client.empty_appointments": {"Nog geen afspraken. Druk op n om er een te plannen.", "No appointments yet. Press n to plan one."},
	"client.empty_documents": {
		"Nog geen documenten. Druk op n om een bestand toe te voegen; het wordt meteen versleuteld in de kluis bewaard.",
		"No documents yet. Press n to add a file; it is sealed into the vault at once.",
	},
	"client.empty_log":      {"Nog niets vastgelegd.", "Nothing logged yet."},
	"client.empty_readonly": {"Niets op dit tabblad.", "Nothing on this tab."},

	// Records: the lists, the reader and the editor.
	"record.col_date":      {"Datum", "Date"},
	"record.col_kind":      {"Soort", "Kind"},
	"record.col_title":     {"Titel", "Title"},
	"record.title":         {"Titel", "Title"},
	"record.date":          {"Datum", "Date"},
	"record.kind":          {"Soort", "Kind"},
	"record.special_field": {"Bijzonder persoonsgegeven", "Special category"},
	"record.special_no":    {"nee", "no"},
	"record.special_yes":   {"ja — gemaskeerd tonen", "yes — show masked"},
	"record.special_note":  {"Gemaskeerd getoond; elke keer tonen komt in het logboek.", "Shown masked; every reveal is logged."},
	"record.special":       {"bijzonder persoonsgegeven", "special category"},
	"record.masked": {
		"Bijzonder persoonsgegeven — druk op v om te tonen; dat komt in het logboek.",
		"Special category — press v to reveal; the reveal is logged.",
	},
	"record.no_text":          {"(geen tekst)", "(no text)"},
	"record.new":              {"Nieuw verslag", "New record"},
	"record.text":             {"Tekst", "Text"},
	"record.unsaved":          {"niet opgeslagen wijzigingen", "unsaved changes"},
	"record.body_placeholder": {"Schrijf hier…", "Write here…"},
	"record.too_long": {
		"Deze tekst heeft meer dan %d regels en kan hier niet veilig worden bewerkt. Er is niets veranderd.",
		"This text has more than %d lines and cannot be edited safely here. Nothing was changed.",
	},
	"record.delete": {"“%s” verwijderen? Dat kan niet ongedaan worden gemaakt.", "Delete “%s”? This cannot be undone."},
	"record.reveal_to_edit": {
		"“%s” is een bijzonder persoonsgegeven. Tonen om te bewerken? Dat komt in het logboek.",
		"“%s” is special category. Reveal it to edit? The reveal is logged.",
	},

	// Appointments.
	"appointment.upcoming":       {"Komend", "Upcoming"},
	"appointment.past":           {"Geweest", "Past"},
	"appointment.minutes":        {"%d min", "%d min"},
	"appointment.when":           {"Datum en tijd", "Date and time"},
	"appointment.duration":       {"Duur (minuten)", "Duration (minutes)"},
	"appointment.place":          {"Plaats", "Place"},
	"appointment.attendance":     {"Aanwezigheid", "Attendance"},
	"appointment.reason":         {"Reden", "Reason"},
	"appointment.notes":          {"Notitie", "Note"},
	"appointment.new":            {"Nieuwe afspraak", "New appointment"},
	"appointment.title":          {"Afspraak", "Appointment"},
	"appointment.minutes_format": {"Typ de duur in minuten, bijvoorbeeld 60.", "Type the duration in minutes, such as 60."},
	"appointment.reason_needed":  {"Geef de reden van het afzeggen of wegblijven.", "Give the reason for the cancellation or no-show."},
	"appointment.delete":         {"De afspraak van %s verwijderen?", "Delete the appointment of %s?"},
	"attendance.planned":         {"gepland", "planned"},
	"attendance.attended":        {"aanwezig", "attended"},
	"attendance.cancelled":       {"afgezegd", "cancelled"},
	"attendance.no_show":         {"niet verschenen", "no-show"},
	"attendance.unrecorded":      {"aanwezigheid nog invullen", "attendance not recorded"},
	"form.datetime_placeholder":  {"dd-mm-jjjj uu:mm", "yyyy-mm-dd hh:mm"},
	"form.datetime_format": {
		"Typ datum en tijd, zoals 01-12-2026 14:30.",
		"Type a date and time, such as 2026-12-01 14:30.",
	},
	"form.time_impossible": {"%s is geen tijd op de klok.", "%s is not a time on the clock."},

	// Documents.
	"document.col_name":         {"Naam", "Name"},
	"document.col_size":         {"Grootte", "Size"},
	"document.col_added":        {"Toegevoegd", "Added"},
	"document.path":             {"Bestand", "File"},
	"document.path_placeholder": {"~/Documenten/cv.pdf", "~/Documents/cv.pdf"},
	"document.kind":             {"Soort", "Kind"},
	"document.special":          {"Bijzonder persoonsgegeven", "Special category"},
	"document.special_yes":      {"ja — naam gemaskeerd (medisch, kopie ID)", "yes — name masked (medical, ID copy)"},
	"document.masked":           {"•••••• bijzonder persoonsgegeven — v toont de naam", "•••••• special category — v shows the name"},
	"document.add_title":        {"Document toevoegen", "Add a document"},
	"document.add_hint": {
		"Het bestand wordt meteen versleuteld in de kluis opgeslagen (hoogstens 50 MB). Het origineel blijft staan waar het staat: verwijder het als het niet onversleuteld op deze laptop mag blijven.",
		"The file is sealed into the vault at once (at most 50 MB). The original stays where it is: delete it if it should not stay unencrypted on this laptop.",
	},
	"document.added": {
		"“%s” (%s) staat versleuteld in de kluis. Het origineel staat nog in %s.",
		"“%s” (%s) is sealed in the vault. The original is still at %s.",
	},
	"document.path_needed": {
		"Typ het pad van een bestand, of sleep het bestand naar dit venster.",
		"Type the path of a file, or drag the file into this window.",
	},
	"document.delete": {
		"“%s” verwijderen? Het versleutelde bestand is meteen onleesbaar; dat kan niet ongedaan worden gemaakt.",
		"Delete “%s”? The sealed file becomes unreadable at once; this cannot be undone.",
	},
	"document.save_title":  {"Kopie opslaan", "Save a copy"},
	"document.destination": {"Opslaan als", "Save as"},
	"document.unencrypted": {
		"De kopie is NIET versleuteld. Iedereen die bij deze laptop, een back-up of een gesynchroniseerde map kan, kan hem lezen. Verwijder hem zodra je hem niet meer nodig hebt.",
		"The copy is NOT encrypted. Anyone with access to this laptop, a backup or a synced folder can read it. Delete it as soon as you no longer need it.",
	},
	"document.no_overwrite": {
		"caseload overschrijft nooit een bestaand bestand. Het opslaan van de kopie komt in het logboek.",
		"caseload never overwrites an existing file. Saving the copy is logged.",
	},
	"document.save_confirm": {"Onversleutelde kopie opslaan als %s?", "Save an unencrypted copy as %s?"},
	"document.saved": {
		"Onversleutelde kopie opgeslagen als %s. Verwijder hem zodra je klaar bent.",
		"Unencrypted copy saved as %s. Delete it when you are done.",
	},
	"file.missing": {"Er is geen bestand %s. Controleer het pad.", "There is no file %s. Check the path."},
	"file.is_dir":  {"%s is een map, geen bestand.", "%s is a folder, not a file."},
	"file.too_big": {
		"%s is groter dan %d MB; zo'n groot bestand hoort niet in de kluis.",
		"%s is larger than %d MB; a file that large does not belong in the vault.",
	},
	"file.exists": {
		"Er staat al een bestand %s. caseload overschrijft nooit iets: kies een andere naam.",
		"There is already a file %s. caseload never overwrites anything: choose another name.",
	},
	"file.no_folder": {"De map voor %s bestaat niet.", "The folder for %s does not exist."},
	"file.unreadable": {
		"%s kan niet worden gelezen. Is het bestand open in een ander programma?",
		"%s cannot be read. Is the file open in another program?",
	},
	"file.unwritable":      {"%s kan niet worden geschreven; er is niets opgeslagen.", "%s cannot be written; nothing was saved."},
	"problem.no_documents": {"Deze kluis kan geen documenten bewaren.", "This vault cannot hold documents."},
	"problem.caseload_full": {
		"De kluis is vol (1 GiB); deze wijziging is niet bewaard. Verwijder wat klaarstaat (D), of exporteer de dossiers van lang afgesloten cliënten en verwijder ze.",
		"The vault is full (1 GiB); this change was not kept. Purge what is due (D), or export the dossiers of clients closed long ago and remove them.",
	},
	"invalid.kind":       {"Kies een soort.", "Choose a kind."},
	"invalid.attendance": {"Kies de aanwezigheid.", "Choose the attendance."},

	// The log tab.
	"log.col_when":    {"Wanneer", "When"},
	"log.col_what":    {"Wat", "What"},
	"log.col_detail":  {"Waarover", "About"},
	"log.document":    {"Document", "Document"},
	"log.appointment": {"Afspraak", "Appointment"},
	"audit.unlock":    {"kluis geopend", "vault unlocked"},
	"audit.view":      {"dossier ingezien", "dossier viewed"},
	"audit.reveal":    {"bijzonder gegeven getoond", "special category revealed"},
	"audit.create":    {"toegevoegd", "added"},
	"audit.edit":      {"gewijzigd", "edited"},
	"audit.delete":    {"verwijderd", "deleted"},
	"audit.export":    {"kopie eruit gehaald", "copy taken out"},
	"audit.import":    {"geïmporteerd", "imported"},
	"audit.purge":     {"gewist", "purged"},

	// Search.
	"search.title":       {"Zoeken", "Search"},
	"search.placeholder": {"woorden uit verslagen, of een naam", "words from records, or a name"},
	"search.hint": {
		"Zoekt in de tekst van alle verslagen en in alle namen, in je hele caseload. Bijzondere persoonsgegevens worden gevonden, maar hun tekst wordt hier nooit getoond. Het best passende verslag komt eerst; staat een woord in meer dan 250 verslagen, dan het nieuwste.",
		"Searches the text of every record and every name in your whole caseload. Special-category records are found, but their text is never shown here. The best match comes first; for a word in more than 250 records, the newest.",
	},
	"search.searching":  {"zoeken…", "searching…"},
	"search.count":      {"%d gevonden", "%d found"},
	"search.by_date":    {" · nieuwste eerst", " · newest first"},
	"search.none":       {"Niets gevonden voor “%s”.", "Nothing found for “%s”."},
	"search.client_hit": {"cliënt", "client"},
}

// tuiRemoveTexts are the texts of removing a client entered by mistake.
var tuiRemoveTexts = map[string]entry{
	"key.remove_mistake": {"verwijderen (per vergissing)", "remove (entered by mistake)"},
	"remove.confirm": {"%s verwijderen omdat de cliënt per vergissing is ingevoerd? Er blijft alleen een bewijs van verwijdering.",
		"Remove %s as entered by mistake? Only a proof of deletion stays."},
	"remove.done": {"Verwijderd; het bewijs van verwijdering staat in het logboek.", "Removed; the proof of deletion is in the log."},
	"remove.has_dossier": {"Deze cliënt heeft al een dossier: verwijder het via bewaartermijnen (wissen) of een verzoek om verwijdering.",
		"This client already has a dossier: erase it through retention (purge) or an erasure request."},
}
