package fill

import (
	"strconv"
	"time"
)

// The words a paper takes from the program rather than from the
// template: months, the names of statuses, outcomes, referrals and
// rights, the column titles of the tables the filler makes. A template in
// Dutch gets Dutch words only.

var months = map[string][12]string{
	"nl": {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// formatDate writes a civil date as a letter does: "6 december 2026";
// empty for the zero date.
func formatDate(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return strconv.Itoa(t.Day()) + " " + months[lang][t.Month()-1] + " " + strconv.Itoa(t.Year())
}

var labels = map[string]map[string]string{
	"nl": {
		"status.intake": "intake", "status.active": "lopend", "status.closed": "afgesloten", "status.rejected": "niet gestart",
		"outcome.education": "onderwijs", "outcome.work": "werk", "outcome.other": "anders", "outcome.dropped_out": "voortijdig gestopt",
		"outcome.unknown": "onbekend",
		"gender.female":   "vrouw", "gender.male": "man", "gender.other": "anders",
		"marital.single": "ongehuwd", "marital.married": "gehuwd", "marital.registered_partner": "geregistreerd partner",
		"marital.cohabiting": "samenwonend", "marital.divorced": "gescheiden", "marital.widowed": "weduwe/weduwnaar",
		"referral.self": "op eigen initiatief", "referral.municipality": "gemeente", "referral.school": "school", "referral.other": "anders",
		"request.access": "inzage", "request.rectification": "rectificatie", "request.erasure": "verwijdering",
		"request.restriction": "beperking van de verwerking", "request.objection": "bezwaar",
		"request.portability": "overdraagbaarheid", "request.consent_withdrawal": "intrekking van toestemming",
		"col.goal": "Doel", "col.action": "Actie", "col.who": "Wie", "col.when": "Wanneer",
		"not-evaluated": "Nog niet geëvalueerd.", "goal": "Doel",
		"client": "Cliënt", "representative-of": "Wettelijk vertegenwoordiger van %s", "coach": "Coach",
	},
	"en": {
		"status.intake": "intake", "status.active": "active", "status.closed": "closed", "status.rejected": "not started",
		"outcome.education": "education", "outcome.work": "work", "outcome.other": "other", "outcome.dropped_out": "dropped out",
		"outcome.unknown": "unknown",
		"gender.female":   "female", "gender.male": "male", "gender.other": "other",
		"marital.single": "single", "marital.married": "married", "marital.registered_partner": "registered partner",
		"marital.cohabiting": "cohabiting", "marital.divorced": "divorced", "marital.widowed": "widowed",
		"referral.self": "self-referred", "referral.municipality": "municipality", "referral.school": "school", "referral.other": "other",
		"request.access": "access", "request.rectification": "rectification", "request.erasure": "erasure",
		"request.restriction": "restriction of processing", "request.objection": "objection",
		"request.portability": "data portability", "request.consent_withdrawal": "withdrawal of consent",
		"col.goal": "Goal", "col.action": "Action", "col.who": "Who", "col.when": "When",
		"not-evaluated": "Not evaluated yet.", "goal": "Goal",
		"client": "Client", "representative-of": "Legal representative of %s", "coach": "Coach",
	},
}

// label is the word for a value of a kind ("status", "outcome"); empty for
// an empty value.
func label(lang, kind, value string) string {
	if value == "" {
		return ""
	}
	if s, ok := labels[lang][kind+"."+value]; ok {
		return s
	}
	return value
}

func word(lang, key string) string { return labels[lang][key] }
