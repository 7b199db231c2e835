package msg

// cmdCounts are the command line's texts about a number: for each
// language the form for one, then the form for any other number. A form
// with %d takes the count (N); one without is a noun for a table whose
// number stands in a column of its own (Noun).
var cmdCounts = map[string]counted{
	// caseload verify: what the vault holds, the noun beside its number.
	"count.verify.clients":      {[2]string{"cliënt", "cliënten"}, [2]string{"client", "clients"}},
	"count.verify.records":      {[2]string{"verslag", "verslagen"}, [2]string{"record", "records"}},
	"count.verify.appointments": {[2]string{"afspraak", "afspraken"}, [2]string{"appointment", "appointments"}},
	"count.verify.documents":    {[2]string{"document", "documenten"}, [2]string{"document", "documents"}},
	"count.verify.audit_lines":  {[2]string{"logregel", "logregels"}, [2]string{"audit line", "audit lines"}},

	// What a dossier or a purge holds.
	"count.records":      {[2]string{"%d verslag", "%d verslagen"}, [2]string{"%d record", "%d records"}},
	"count.appointments": {[2]string{"%d afspraak", "%d afspraken"}, [2]string{"%d appointment", "%d appointments"}},
	"count.documents":    {[2]string{"%d document", "%d documenten"}, [2]string{"%d document", "%d documents"}},
	"count.consents":     {[2]string{"%d toestemming", "%d toestemmingen"}, [2]string{"%d consent", "%d consents"}},
	"count.disclosures":  {[2]string{"%d verstrekking", "%d verstrekkingen"}, [2]string{"%d disclosure", "%d disclosures"}},
	"count.requests":     {[2]string{"%d verzoek", "%d verzoeken"}, [2]string{"%d request", "%d requests"}},
	"count.drafts":       {[2]string{"%d concept", "%d concepten"}, [2]string{"%d draft", "%d drafts"}},
	"count.invoices":     {[2]string{"%d factuur", "%d facturen"}, [2]string{"%d invoice", "%d invoices"}},
	"count.complaints":   {[2]string{"%d klacht", "%d klachten"}, [2]string{"%d complaint", "%d complaints"}},

	// caseload import of a client list: "Imported 2 clients (1 active,
	// 1 closed) from list.csv".
	"count.import.imported": {[2]string{"%d cliënt ingelezen (%s) uit %s", "%d cliënten ingelezen (%s) uit %s"},
		[2]string{"Imported %d client (%s) from %s", "Imported %d clients (%s) from %s"}},
	"count.import.would_import": {[2]string{"Zou %d cliënt inlezen (%s) uit %s", "Zou %d cliënten inlezen (%s) uit %s"},
		[2]string{"Would import %d client (%s) from %s", "Would import %d clients (%s) from %s"}},

	// Closed trajectories a client list gave no outcome: "2 closed
	// trajectories had no outcome (lines 3, 7): imported with outcome
	// unknown".
	"count.import.unknown_outcome": {[2]string{
		"%d afgesloten traject had geen uitkomst (regel %s): ingelezen met uitkomst onbekend; vul die aan voor de cijfers",
		"%d afgesloten trajecten hadden geen uitkomst (regels %s): ingelezen met uitkomst onbekend; vul die aan voor de cijfers"},
		[2]string{"%d closed trajectory had no outcome (line %s): imported with outcome unknown; complete it for the statistics",
			"%d closed trajectories had no outcome (lines %s): imported with outcome unknown; complete them for the statistics"}},

	// A name that matches more than one client (never one).
	"count.matches_clients": {[2]string{"%[2]q past bij %[1]d cliënt", "%[2]q past bij %[1]d cliënten"},
		[2]string{"%[2]q matches %[1]d client", "%[2]q matches %[1]d clients"}},

	// Countdowns.
	"count.days":         {[2]string{"%d dag", "%d dagen"}, [2]string{"%d day", "%d days"}},
	"count.days_overdue": {[2]string{"%d dag te laat", "%d dagen te laat"}, [2]string{"%d day overdue", "%d days overdue"}},
	"count.running": {[2]string{"%d lopend traject: het aftellen begint bij het afsluiten.", "%d lopende trajecten: hun aftellen begint bij het afsluiten."},
		[2]string{"%d running trajectory: its countdown starts when it closes.", "%d running trajectories: their countdown starts when they close."}},
	"count.backups_deleted": {[2]string{"%d oudere versie uit backups/ verwijderd: daar bestaat niets van het gewiste meer.", "%d oudere versies uit backups/ verwijderd: daar bestaat niets van het gewiste meer."},
		[2]string{"Deleted %d older version from backups/: nothing erased survives there.", "Deleted %d older versions from backups/: nothing erased survives there."}},
	"count.backups_hold_erased": {[2]string{"backups/ bevat het gewiste nog in %d oudere versie, uiterlijk tot %s. Nu verwijderen: caseload retention --purge --yes --drop-backups",
		"backups/ bevat het gewiste nog in %d oudere versies, uiterlijk tot %s. Nu verwijderen: caseload retention --purge --yes --drop-backups"},
		[2]string{"backups/ still holds what was erased in %d older version, until %s at the latest. To delete it now: caseload retention --purge --yes --drop-backups",
			"backups/ still holds what was erased in %d older versions, until %s at the latest. To delete them now: caseload retention --purge --yes --drop-backups"}},
	"count.exports_failed": {[2]string{"%d van %d exports mislukt", "%d van %d exports mislukt"},
		[2]string{"%d of %d exports failed", "%d of %d exports failed"}},
}
