package sample

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/caseload/caseload/store"
)

// expand fills the {slots} of tmpl: first from vars (the client's own
// facts), then with a fresh pick from the bank's random slots, so the same
// sentence reads differently each time. An unknown slot stays as it is.
func expand(r *rand.Rand, tmpl string, vars map[string]string, b *bank) string {
	if !strings.Contains(tmpl, "{") {
		return tmpl
	}
	var out strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			out.WriteString(tmpl)
			return out.String()
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			out.WriteString(tmpl)
			return out.String()
		}
		out.WriteString(tmpl[:i])
		key := tmpl[i+1 : i+j]
		if v, ok := vars[key]; ok {
			out.WriteString(v)
		} else if list, ok := b.random[key]; ok {
			out.WriteString(expand(r, pick(r, list), vars, b))
		} else {
			out.WriteString(tmpl[i : i+j+1])
		}
		tmpl = tmpl[i+j+1:]
	}
}

// writer writes one client's dossier.
type writer struct {
	r      *rand.Rand
	p      *person
	b      *bank
	goals  []string // the three goals of the trajectory, from intake to evaluation
	reject string   // why a rejected intake was turned down
	cv     string
}

func newWriter(r *rand.Rand, p *person) *writer {
	w := &writer{r: r, p: p, b: p.b}
	w.goals = w.some(w.b.goals[p.seg], 3)
	if p.client.Status == store.StatusRejected {
		w.reject = w.one(w.b.rejectReasons)
	}
	return w
}

// x expands a template.
func (w *writer) x(tmpl string) string { return expand(w.r, tmpl, w.p.vars, w.b) }

// one expands one template from list.
func (w *writer) one(list []string) string { return w.x(pick(w.r, list)) }

// some expands n different templates from list, in random order.
func (w *writer) some(list []string, n int) []string {
	n = min(n, len(list))
	out := make([]string, 0, n)
	for _, i := range w.r.Perm(len(list))[:n] {
		out = append(out, w.x(list[i]))
	}
	return out
}

// para is n different sentences from list as one paragraph.
func (w *writer) para(list []string, n int) string { return strings.Join(w.some(list, n), " ") }

// date writes a civil date the way the dossier's language does: 4 maart 2025.
func (w *writer) date(t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), w.b.months[t.Month()-1], t.Year())
}

// section is a heading with its text below it.
func section(heading, text string) string { return heading + "\n" + text + "\n\n" }

// list writes lines as a bulleted list.
func list(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString("- " + l + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// records writes the dossier's records in date order.
func (w *writer) records() []store.Record {
	p, c := w.p, w.p.client
	var out []store.Record
	add := func(kind store.RecordKind, title string, day time.Time, body string, special bool) {
		out = append(out, store.Record{Kind: kind, Title: title, Date: dayOf(day),
			Body: strings.TrimSpace(body), Special: special})
	}
	add(store.KindIntake, pick(w.r, w.b.intakeTitles), p.contact, w.intake(), false)
	switch c.Status {
	case store.StatusRejected:
		second := p.contact.AddDate(0, 0, 2)
		if len(p.past) > 1 {
			second = p.past[1].at
		}
		if second.After(c.RejectedOn) {
			second = c.RejectedOn
		}
		add(store.KindNote, pick(w.r, w.b.intakeNoteTitles), second, w.intakeNote(false), false)
		add(store.KindNote, w.b.decisionTitle, c.RejectedOn, w.decision(), false)
	case store.StatusIntake:
		days := w.noteDays(p.contact.AddDate(0, 0, 1), p.today.AddDate(0, 0, -1), 3)
		for i, d := range days {
			title := w.b.intakeNoteTitles[i%len(w.b.intakeNoteTitles)]
			special := w.r.IntN(100) < 5
			add(store.KindNote, title, d.day, w.intakeNote(special), special)
		}
		add(store.KindCV, w.b.cvTitle, clampPast(p.contact.AddDate(0, 0, w.r.IntN(8)), p.today), w.curriculum(), false)
		add(store.KindPlan, w.b.draftPlanTitle, days[len(days)-1].day, w.plan(true), false)
	default:
		add(store.KindPlan, w.b.planTitle, c.Start, w.plan(false), false)
		end := p.today.AddDate(0, 0, -1)
		if c.Status == store.StatusClosed {
			end = c.End
		}
		add(store.KindCV, w.b.cvTitle, clampPast(c.Start.AddDate(0, 0, 7+w.r.IntN(24)), end.AddDate(0, 0, 1)), w.curriculum(), false)
		span := end.Sub(c.Start)
		e1 := pastWorkday(c.Start.Add(span * 2 / 5))
		e2 := pastWorkday(c.Start.Add(span * 17 / 20))
		add(store.KindEvaluation, w.b.evalTitles[0], e1, w.evaluation(1, false), false)
		if c.Status == store.StatusClosed {
			add(store.KindEvaluation, w.b.finalTitle, c.End, w.evaluation(2, true), false)
		} else {
			add(store.KindEvaluation, w.b.evalTitles[1], e2, w.evaluation(2, false), false)
		}
		for _, d := range w.noteDays(c.Start.AddDate(0, 0, 1), end, 10) {
			special := w.r.IntN(100) < 5
			title := pick(w.r, w.b.noteTitles)
			if !d.session {
				title = pick(w.r, w.b.contactTitles)
			}
			add(store.KindNote, title, d.day, w.note(special, d.session), special)
		}
	}
	sortRecords(out)
	return out
}

// noteDay is the day of a note, and whether it was a session (or contact
// by phone or e-mail in between).
type noteDay struct {
	day     time.Time
	session bool
}

// noteDays picks n days for notes between from and to: the attended
// sessions, evenly spread, and where there are too few of those, contact by
// phone or e-mail on working days in between.
func (w *writer) noteDays(from, to time.Time, n int) []noteDay {
	var attended []noteDay
	for _, s := range w.p.past[1:] {
		if s.attendance == store.AttendanceAttended && !dayOf(s.at).Before(from) && !dayOf(s.at).After(to) {
			attended = append(attended, noteDay{dayOf(s.at), true})
		}
	}
	if len(attended) >= n {
		days := make([]noteDay, 0, n)
		for i := range n {
			days = append(days, attended[i*len(attended)/n])
		}
		return days
	}
	days := attended
	if to.Before(from) {
		to = from
	}
	span := int(to.Sub(from).Hours()/24) + 1
	for len(days) < n {
		days = append(days, noteDay{day: pastWorkday(from.AddDate(0, 0, w.r.IntN(span)))})
	}
	return days
}

func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// clampPast keeps d before limit.
func clampPast(d, limit time.Time) time.Time {
	if !d.Before(limit) {
		d = limit.AddDate(0, 0, -1)
	}
	return pastWorkday(d)
}

// sortRecords orders records by date, stably.
func sortRecords(rs []store.Record) {
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && rs[j].Date.Before(rs[j-1].Date); j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
}

// intake writes the report of the intake conversation.
func (w *writer) intake() string {
	b, p, seg := w.b, w.p, w.p.seg
	w.p.vars["datum"] = w.date(p.contact)
	var s strings.Builder
	s.WriteString(w.one(b.intakeOpen) + "\n\n")
	if seg == segPupil {
		s.WriteString(w.one(b.withRepresentative) + "\n\n")
	}
	s.WriteString(section(b.h.reason, w.one(b.referralLines[p.client.Referral])+" "+w.para(b.reasons[seg], 2)))
	s.WriteString(section(b.h.situation, w.para(b.situation[seg], 6)))
	s.WriteString(section(b.h.background, w.para(b.background[seg], 4)))
	s.WriteString(section(b.h.network, w.para(b.network, 2)))
	s.WriteString(section(b.h.goals, list(w.goals)))
	s.WriteString(section(b.h.strengths, w.para(b.strengths, 3)))
	s.WriteString(section(b.h.obstacles, w.para(b.obstacles[seg], 2)))
	s.WriteString(section(b.h.practical, w.para(b.practical, 2)))
	if p.client.Status == store.StatusRejected {
		s.WriteString(section(b.h.impression, w.para(b.impression, 3)))
		s.WriteString(section(b.h.decision, w.reject+" "+w.one(b.rejectFollowUp)))
	} else {
		s.WriteString(section(b.h.impression, w.para(b.impression, 2)+" "+w.one(b.fit)))
		s.WriteString(section(b.h.agreements, w.para(b.agreements, 4)))
	}
	if seg == segPupil {
		s.WriteString(w.one(b.consentRep))
	} else {
		s.WriteString(w.one(b.consent))
	}
	return s.String()
}

// decision writes the note that tells a rejected intake why.
func (w *writer) decision() string {
	w.p.vars["datum"] = w.date(w.p.client.RejectedOn)
	return w.one(w.b.decisionOpen) + " " + w.reject + " " + w.one(w.b.rejectFollowUp) +
		"\n\n" + w.one(w.b.retentionNotice)
}

// plan writes the plan van aanpak, or its draft during the intake.
func (w *writer) plan(draft bool) string {
	b, p := w.b, w.p
	start := p.client.Start
	w.p.vars["van"], w.p.vars["tot"] = w.date(start), w.date(p.planEnd)
	var s strings.Builder
	if draft {
		s.WriteString(w.one(b.draftNote) + "\n\n")
	}
	s.WriteString(w.one(b.planPeriod) + "\n\n")
	s.WriteString(section(b.h.start, w.para(b.situation[p.seg], 3)))
	s.WriteString(section(b.h.mainGoal, w.one(b.mainGoals[p.seg])))
	var goals strings.Builder
	for i, g := range w.goals {
		fmt.Fprintf(&goals, "%d. %s\n", i+1, g)
		fmt.Fprintf(&goals, "   %s: %s\n", b.h.actions, w.para(b.actions[p.seg], 3))
		fmt.Fprintf(&goals, "   %s: %s\n", b.h.who, w.one(b.who))
		w.p.vars["wanneer"] = w.date(start.AddDate(0, 1+i+w.r.IntN(3), 0))
		fmt.Fprintf(&goals, "   %s: %s\n", b.h.when, w.one(b.when))
	}
	s.WriteString(section(b.h.subGoals, strings.TrimSuffix(goals.String(), "\n")))
	mid := start.Add(p.planEnd.Sub(start) / 2)
	w.p.vars["eval1"], w.p.vars["eval2"] = w.date(mid), w.date(p.planEnd)
	s.WriteString(section(b.h.evaluations, w.one(b.evalPlanned)))
	s.WriteString(section(b.h.method, w.para(b.method, 3)))
	s.WriteString(section(b.h.conditions, w.para(b.conditions, 2)))
	s.WriteString(section(b.h.involved, w.one(b.involved)))
	if draft {
		s.WriteString(w.one(b.draftSign))
	} else {
		s.WriteString(w.one(b.planSign))
	}
	return s.String()
}

// evaluation writes an evaluation; the final one tells how it ended.
func (w *writer) evaluation(n int, final bool) string {
	b, p := w.b, w.p
	var s strings.Builder
	s.WriteString(w.one(b.evalOpen) + "\n\n")
	var prog []string
	examples := w.some(b.topics[p.seg], len(w.goals))
	for i, g := range w.goals {
		progress := w.one(b.progress)
		if final {
			progress = w.one(b.progressFinal[p.client.Outcome])
		}
		prog = append(prog, g+"\n  "+progress+" "+examples[i])
	}
	s.WriteString(section(b.h.progress, list(prog)))
	s.WriteString(section(b.h.wentWell, w.para(b.wentWell, 4)))
	s.WriteString(section(b.h.attention, w.para(b.attention, 3)))
	s.WriteString(section(w.x(b.h.lookBack), w.para(b.lookBack, 2)))
	if final {
		s.WriteString(section(b.h.result, w.para(b.results[p.client.Outcome], 2)+" "+w.one(b.closing)))
		s.WriteString(w.one(b.retentionClosed))
	} else {
		s.WriteString(section(b.h.next, w.para(b.next, 2+n%2)))
	}
	return s.String()
}

// intakeNote writes a note of the intake phase: more about the situation
// than about progress.
func (w *writer) intakeNote(special bool) string {
	b, seg := w.b, w.p.seg
	facts := w.some(b.situation[seg], 3)
	facts = append(facts, w.one(b.background[seg]), w.one(b.network))
	if special {
		facts[w.r.IntN(len(facts))] = w.one(b.health)
	}
	var s strings.Builder
	s.WriteString(w.one(b.intakeNoteOpen) + " " + strings.Join(facts[:3], " ") + "\n\n")
	s.WriteString(w.one(b.quotes) + " " + strings.Join(facts[3:], " ") + "\n\n")
	s.WriteString(w.one(b.impression) + "\n\n")
	s.WriteString(b.h.agreed + ": " + w.one(b.noteActions) + " " + w.one(b.noteClose))
	return s.String()
}

// note writes a progress note, of a session or of contact in between; a
// special one says something about health.
func (w *writer) note(special, session bool) string {
	b, seg := w.b, w.p.seg
	topics := w.some(b.topics[seg], 5)
	topics = append(topics, w.some(b.general, 2)...)
	if special {
		topics[w.r.IntN(len(topics))] = w.one(b.health)
	}
	w.r.Shuffle(len(topics), func(i, j int) { topics[i], topics[j] = topics[j], topics[i] })
	var s strings.Builder
	if session {
		s.WriteString(w.one(b.noteOpen) + " ")
	} else {
		s.WriteString(w.one(b.contactOpen) + " ")
	}
	s.WriteString(strings.Join(topics[:2], " ") + "\n\n")
	s.WriteString(strings.Join(topics[2:5], " ") + "\n\n")
	s.WriteString(w.one(b.quotes) + " " + strings.Join(topics[5:], " ") + "\n\n")
	s.WriteString(w.para(b.observations, 1+w.r.IntN(2)) + "\n\n")
	s.WriteString(b.h.agreed + ": " + w.para(b.noteActions, 1+w.r.IntN(2)) + " " + w.one(b.noteClose))
	return s.String()
}

// curriculum writes the client's CV.
func (w *writer) curriculum() string {
	b, p, c := w.b, w.p, w.p.client
	var s strings.Builder
	s.WriteString(strings.ToUpper(p.first+" "+p.last) + "\n\n")
	pers := []string{
		b.h.address + ": " + c.Address,
		b.h.phone + ": " + c.Phone,
	}
	if c.Email != "" {
		pers = append(pers, b.h.email+": "+c.Email)
	}
	pers = append(pers, b.h.born+": "+w.date(c.BirthDate))
	s.WriteString(section(b.h.personal, strings.Join(pers, "\n")))
	s.WriteString(section(b.h.profile, w.para(b.profile[p.seg], 4)))
	s.WriteString(section(b.h.education, strings.Join(w.some(b.education[p.seg], 3), "\n")))
	var jobs []string
	year := p.contact.Year()
	for _, j := range w.some(b.work[p.seg], 3) {
		from := year - 1 - w.r.IntN(3)
		jobs = append(jobs, fmt.Sprintf("%d–%d  %s\n      %s", from, year, j, w.para(b.duties, 2)))
		year = from
	}
	s.WriteString(section(b.h.work, strings.Join(jobs, "\n")))
	s.WriteString(section(b.h.skills, list(w.some(b.skills, 6))))
	s.WriteString(section(b.h.languages, list(w.some(b.languages[p.seg], 2))))
	hobbies := w.some(b.hobbies, 3)
	if w.r.IntN(100) == 0 {
		hobbies[0] = RareWord
	}
	s.WriteString(section(b.h.hobbies, strings.Join(hobbies, ", ")))
	s.WriteString(b.h.references)
	w.cv = s.String()
	return w.cv
}

// appointments turns the sessions into appointments.
func (w *writer) appointments() []store.Appointment {
	var out []store.Appointment
	b := w.b
	for i, s := range append(append([]session(nil), w.p.past...), w.p.future...) {
		a := store.Appointment{Start: s.at, Minutes: s.minutes, Attendance: s.attendance,
			Place: w.one(b.places)}
		switch {
		case i == 0:
			a.Notes = w.one(b.intakeApptNotes)
		case s.attendance == store.AttendanceCancelled && w.p.seg == segMother && w.r.IntN(3) == 0:
			a.Reason = b.childIll
		case s.attendance == store.AttendanceCancelled:
			a.Reason = w.one(b.cancelReasons)
		case s.attendance == store.AttendanceNoShow:
			a.Reason = w.one(b.noShowReasons)
		case w.r.IntN(3) == 0:
			a.Notes = w.one(b.apptNotes)
		}
		out = append(out, a)
	}
	return out
}

// document is the CV as a file to attach, when the client has one.
func (w *writer) document() Document {
	if w.cv == "" {
		return Document{}
	}
	name := fmt.Sprintf("cv-%s-%s.txt", asciiLower(w.p.first), asciiLower(w.p.last))
	return Document{Name: name, Data: []byte(w.cv + "\n")}
}
