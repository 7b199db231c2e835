package msg

// tuiImportTexts are the texts of the import (i): the form, the result and
// the sentences for what went wrong.
var tuiImportTexts = map[string]entry{
	// Keys.
	"key.import":       {"inlezen", "import"},
	"key.import_start": {"inlezen", "import"},
	"key.import_close": {"klaar", "done"},

	// The form.
	"import.title":            {"Inlezen", "Import"},
	"import.path":             {"Bestand", "File"},
	"import.path_placeholder": {"~/Downloads/…", "~/Downloads/…"},
	"import.hint": {
		"een dossier (.zip.age, .zip) of een klantenlijst uit een spreadsheet (.csv)",
		"a dossier (.zip.age, .zip) or a client list from a spreadsheet (.csv)"},
	"import.hint_all": {
		"Alles wordt in één keer ingelezen: gaat er iets mis, dan wordt er niets ingelezen.",
		"Everything is imported at once: if anything is wrong, nothing is imported."},
	"import.passphrase": {"Wachtwoordzin", "Passphrase"},
	"import.keyfile":    {"Sleutelbestand", "Key file"},
	"import.needs_passphrase": {
		"Dit dossier is versleuteld met een wachtwoordzin. Typ de wachtwoordzin die je bij het bestand kreeg.",
		"This dossier is encrypted with a passphrase. Type the passphrase you were given with the file."},
	"import.needs_key": {
		"Dit dossier is versleuteld voor een sleutel. Geef het bestand met je geheime sleutel (AGE-SECRET-KEY-…).",
		"This dossier is encrypted to a key. Name the file with your secret key (AGE-SECRET-KEY-…)."},
	"import.need_path":       {"Geef het bestand dat je wilt inlezen.", "Name the file to import."},
	"import.need_passphrase": {"Typ de wachtwoordzin van het dossier.", "Type the dossier's passphrase."},
	"import.need_key":        {"Geef het bestand met je geheime sleutel.", "Name the file with your secret key."},
	"import.busy":            {"Bezig met inlezen…", "Importing…"},

	// The result.
	"import.done_dossier": {"Ingelezen als cliënt #%d: %s (%s)", "Imported as client #%d: %s (%s)"},
	"import.ignored":      {"Niet ingelezen (onbekende kolommen): %s", "Not imported (unknown columns): %s"},
	"import.not_carried": {
		"De toestemmingen, verstrekkingen, verzoeken en facturen van de praktijk die exporteerde blijven daar en zijn niet ingelezen.",
		"The consents, disclosures, requests and invoices of the exporting practice stay with it and were not imported."},

	// What went wrong.
	"import.err_wrong_passphrase": {
		"Deze wachtwoordzin opent het dossier niet. Controleer de woorden en de streepjes.",
		"This passphrase does not open the dossier. Check the words and the hyphens."},
	"import.err_wrong_key": {
		"Deze sleutel opent het dossier niet: het is voor een andere sleutel versleuteld.",
		"This key does not open the dossier: it is encrypted to another key."},
	"import.err_csv":       {"Er is niets ingelezen. %s", "Nothing was imported. %s"},
	"import.err_existing":  {"Er is niets ingelezen: %s staat al in de caseload (cliënt #%d).", "Nothing was imported: %s is already in the caseload (client #%d)."},
	"import.err_format":    {"Er is niets ingelezen: dit is geen dossier dat caseload kan lezen (%s).", "Nothing was imported: this is not a dossier caseload can read (%s)."},
	"import.err_not_found": {"Dat bestand bestaat niet. Controleer de map en de naam.", "That file does not exist. Check the folder and the name."},
	"import.err_disk_full": {"Er is niets ingelezen: de schijf is vol.", "Nothing was imported: the disk is full."},
	"import.err_other":     {"Er is niets ingelezen: %s", "Nothing was imported: %s"},
}

// tuiImportCounts are the import's texts about a number: for each language the form for one, then
// the form for any other number.
var tuiImportCounts = map[string]counted{
	"import.done_list": {[2]string{"Ingelezen: %d cliënt (%s)", "Ingelezen: %d cliënten (%s)"}, [2]string{"Imported: %d client (%s)", "Imported: %d clients (%s)"}},
}
