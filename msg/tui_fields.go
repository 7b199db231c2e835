package msg

// tuiFieldTexts are the texts of the optional client fields: their labels on
// the client form and card, their values, the practice's switches and the
// BSN's reveal.
var tuiFieldTexts = map[string]entry{
	"field.gender":           {"Geslacht", "Gender"},
	"field.marital_status":   {"Burgerlijke staat", "Marital status"},
	"field.children":         {"Aantal kinderen", "Children"},
	"field.birth_country":    {"Geboorteland", "Country of birth"},
	"field.nationality":      {"Nationaliteit", "Nationality"},
	"field.residence_status": {"Verblijfsstatus", "Residence status"},
	"field.arrival_date":     {"Aankomst in NL", "Arrival in NL"},
	"field.bsn":              {"BSN", "BSN"},

	"gender.female": {"vrouw", "female"},
	"gender.male":   {"man", "male"},
	"gender.other":  {"anders", "other"},

	"marital.single":             {"ongehuwd", "single"},
	"marital.married":            {"gehuwd", "married"},
	"marital.registered_partner": {"geregistreerd partner", "registered partner"},
	"marital.cohabiting":         {"samenwonend", "cohabiting"},
	"marital.divorced":           {"gescheiden", "divorced"},
	"marital.widowed":            {"weduwe/weduwnaar", "widowed"},

	"outcome.unknown": {"onbekend", "unknown"},

	"field.children_invalid":   {"een getal van 0 tot 30, of leeg", "a number from 0 to 30, or empty"},
	"field.bsn_placeholder":    {"9 cijfers", "9 digits"},
	"field.bsn_hidden":         {"v toont het; wordt gelogd", "v shows it; logged"},
	"field.residence_hint":     {"bijv. statushouder, EU-burger", "e.g. refugee status, EU citizen"},
	"export.bsn_out":           {"weglaten", "leave out"},
	"export.bsn_in":            {"opnemen (komt in het logboek)", "include (logged)"},
	"key.reveal_bsn":           {"toon BSN", "show BSN"},
	"practice.record":          {"Vastleggen: %s", "Record: %s"},
	"practice.fields_help":     {"Optionele cliëntvelden staan uit tot de praktijk ze nodig heeft (dataminimalisatie); zet alleen aan wat je privacyverklaring noemt.", "Optional client fields are off until the practice needs them (data minimisation); switch on only what your privacy statement names."},
	"practice.fields_recorded": {"Cliëntvelden", "Client fields"},
	"practice.fields_none":     {"alleen de vaste", "only the standard ones"},
	"choice.no":                {"nee", "no"},
	"choice.yes":               {"ja", "yes"},

	"caseload.unknown_outcome": {"1 afgesloten traject heeft geen uitkomst — vul die aan voor de cijfers",
		"1 closed trajectory has no outcome — complete it for the statistics"},
	"caseload.unknown_outcomes": {"%d afgesloten trajecten hebben geen uitkomst — vul die aan voor de cijfers",
		"%d closed trajectories have no outcome — complete them for the statistics"},
	"import.unknown_outcome": {"Afgesloten zonder uitkomst, ingelezen als onbekend (regels %s): vul die aan voor de cijfers.",
		"Closed without an outcome, imported as unknown (lines %s): complete them for the statistics."},
	"import.not_recorded": {"Niet ingelezen, want de praktijk legt ze niet vast (instellingen): %s",
		"Not imported, as the practice does not record them (settings): %s"},
}
