package msg

// paperTexts are the words a paper takes from the program rather than
// from its template (package paper/fill): the names of statuses,
// outcomes, referrals and rights, and the titles of the tables the
// filler makes. Dates come from Printer.Date.
var paperTexts = map[string]entry{
	"paper.status.intake":              {"intake", "intake"},
	"paper.status.active":              {"lopend", "active"},
	"paper.status.closed":              {"afgesloten", "closed"},
	"paper.status.rejected":            {"niet gestart", "not started"},
	"paper.outcome.education":          {"onderwijs", "education"},
	"paper.outcome.work":               {"werk", "work"},
	"paper.outcome.other":              {"anders", "other"},
	"paper.outcome.dropped_out":        {"voortijdig gestopt", "dropped out"},
	"paper.outcome.unknown":            {"onbekend", "unknown"},
	"paper.referral.self":              {"op eigen initiatief", "self-referred"},
	"paper.referral.municipality":      {"gemeente", "municipality"},
	"paper.referral.school":            {"school", "school"},
	"paper.referral.other":             {"anders", "other"},
	"paper.request.access":             {"inzage", "access"},
	"paper.request.rectification":      {"rectificatie", "rectification"},
	"paper.request.erasure":            {"verwijdering", "erasure"},
	"paper.request.restriction":        {"beperking van de verwerking", "restriction of processing"},
	"paper.request.objection":          {"bezwaar", "objection"},
	"paper.request.portability":        {"overdraagbaarheid", "data portability"},
	"paper.request.consent_withdrawal": {"intrekking van toestemming", "withdrawal of consent"},
	"paper.col.goal":                   {"Doel", "Goal"},
	"paper.col.action":                 {"Actie", "Action"},
	"paper.col.who":                    {"Wie", "Who"},
	"paper.col.when":                   {"Wanneer", "When"},
	"paper.not-evaluated":              {"Nog niet geëvalueerd.", "Not evaluated yet."},
	"paper.goal":                       {"Doel", "Goal"},
	"paper.client":                     {"Cliënt", "Client"},
	"paper.representative-of":          {"Wettelijk vertegenwoordiger van %s", "Legal representative of %s"},
	"paper.coach":                      {"Coach", "Coach"},
}
