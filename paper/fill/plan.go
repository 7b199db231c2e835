package fill

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/caseload/caseload/store"
)

// A plan van aanpak is a record of kind plan, written as the coach writes
// it: sections under headings ("## Doelen", or "Doelen:" on a line of its
// own), goals and actions as list lines. The filler finds the sections by
// their names in Dutch or English; text before the first heading is the
// situation. An action line may name who and when after a bar or a
// semicolon: "- Inschrijven bij het ROC | Zoë | voor 1 februari".
//
// Evaluations refer to goals by number: a line "Doel 2: ..." or "2. ..."
// in an evaluation record is progress on the plan's second goal.

type plan struct {
	date       time.Time
	situation  string
	goals      []string
	actions    [][3]string
	agreements string
	duration   string
}

// sectionNames maps a heading, lower case, to the section it starts.
var sectionNames = map[string]string{
	"situatie": "situation", "situation": "situation", "huidige situatie": "situation", "aanleiding": "situation",
	"current situation": "situation", "hulpvraag": "situation", "background": "situation",
	"doelen": "goals", "doel": "goals", "goals": "goals", "goal": "goals", "doelstellingen": "goals",
	"acties": "actions", "actions": "actions", "activiteiten": "actions", "activities": "actions", "actiepunten": "actions",
	"afspraken": "agreements", "agreements": "agreements", "werkafspraken": "agreements",
	"duur": "duration", "duration": "duration", "looptijd": "duration", "planning": "duration",
}

// heading reports a line that names a section.
func heading(line string) (string, bool) {
	s := strings.TrimSpace(line)
	marked := strings.HasPrefix(s, "#")
	s = strings.TrimLeft(s, "# ")
	s = strings.TrimSpace(strings.TrimSuffix(s, ":"))
	key, ok := sectionNames[strings.ToLower(s)]
	if !ok {
		return "", false
	}
	if !marked && !strings.HasSuffix(strings.TrimSpace(line), ":") && !strings.EqualFold(s, strings.TrimSpace(line)) {
		return "", false
	}
	return key, true
}

var itemMark = regexp.MustCompile(`^\s*(?:[-*•]|\d{1,3}[.)])\s+`)

// item returns the text of a list line, and whether it was one.
func item(line string) (string, bool) {
	loc := itemMark.FindStringIndex(line)
	if loc == nil {
		return strings.TrimSpace(line), false
	}
	return strings.TrimSpace(line[loc[1]:]), true
}

func parsePlan(r store.Record) plan {
	p := plan{date: r.Date}
	sections := map[string][]string{}
	current := "situation"
	for _, line := range strings.Split(strings.ReplaceAll(r.Body, "\r", ""), "\n") {
		if key, ok := heading(line); ok {
			current = key
			continue
		}
		sections[current] = append(sections[current], line)
	}
	p.situation = strings.TrimSpace(strings.Join(sections["situation"], "\n"))
	p.agreements = strings.TrimSpace(strings.Join(sections["agreements"], "\n"))
	p.duration = strings.TrimSpace(strings.Join(sections["duration"], "\n"))
	for _, l := range sections["goals"] {
		if t, _ := item(l); t != "" {
			p.goals = append(p.goals, t)
		}
	}
	for _, l := range sections["actions"] {
		t, _ := item(l)
		if t == "" {
			continue
		}
		sep := "|"
		if !strings.Contains(t, sep) {
			sep = ";"
		}
		parts := strings.SplitN(t, sep, 3)
		var a [3]string
		for i, part := range parts {
			a[i] = strings.TrimSpace(part)
		}
		p.actions = append(p.actions, a)
	}
	return p
}

var goalRef = regexp.MustCompile(`(?i)^\s*(?:[-*•]\s*)?(?:doel|goal)?\s*(\d{1,3})\s*[.:)]\s*(.+)$`)

// progress collects, per goal (from 1), what the evaluations say of it,
// oldest first, each with its date.
func progress(goals int, evals []store.Record, lang string) map[int][]string {
	out := map[int][]string{}
	for _, e := range evals {
		for _, line := range strings.Split(e.Body, "\n") {
			m := goalRef.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			n, _ := strconv.Atoi(m[1])
			if n < 1 || n > goals {
				continue
			}
			out[n] = append(out[n], formatDate(lang, e.Date)+": "+strings.TrimSpace(m[2]))
		}
	}
	return out
}
