package msg

// tuiCaseloadTexts are the texts of the caseload list: its tabs, columns,
// filter and the retention countdown column.
var tuiCaseloadTexts = map[string]entry{
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
}
