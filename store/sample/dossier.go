package sample

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/store/legaldate"
)

// Dossier is one invented client with everything a coach keeps about them.
// Records and appointments have no ClientID yet: they are for the client
// once it is stored.
type Dossier struct {
	Client store.Client
	// Records are the intake, the plan, evaluations, notes and the CV, in
	// date order. A client still in intake has a draft plan and a few
	// notes; a rejected intake has the intake and two notes; active and
	// closed trajectories have the full set.
	Records []store.Record
	// Appointments are the sessions: past ones with their attendance,
	// and for a running trajectory one or two planned.
	Appointments []store.Appointment
	// Document is the CV as a text file; its Name is empty when the client
	// has no CV.
	Document Document
}

// Document is a file to attach to a client.
type Document struct {
	Name string
	Data []byte
}

// Every minorEvery-th client of a caseload (from index minorAt) is under 16
// and has a legal representative: one or two in a demo of fifty.
const (
	minorEvery = 40
	minorAt    = 7
)

// NewDossier invents client i (counting from 0) of the caseload o
// describes, with their dossier: what Fill adds as its i-th client. Each
// client is drawn from a generator of its own, seeded by o.Seed and i, so
// the first hundred clients of a caseload of ten thousand are the same
// people as in a caseload of a hundred. o.Clients does not matter here.
func NewDossier(o Options, i int) Dossier {
	r := clientRand(o.Seed, i)
	p := newPerson(r, o, i%minorEvery == minorAt)
	w := newWriter(r, p)
	return Dossier{
		Client:       p.client,
		Records:      w.records(),
		Appointments: w.appointments(),
		Document:     w.document(),
	}
}

// segment is the kind of client a dossier is written for.
type segment int

const (
	segMother   segment = iota // a young mother going back to school
	segNewcomer                // a newcomer in the integration course
	segStudent                 // a student who is stuck
	segPupil                   // a pupil under 16, with a representative
)

// session is a past or planned appointment.
type session struct {
	at         time.Time
	minutes    int
	attendance store.Attendance
}

// person is a client being invented: who they are and how their trajectory
// runs.
type person struct {
	seg     segment
	b       *bank
	female  bool
	origin  *origin
	first   string
	last    string
	today   time.Time
	contact time.Time // the intake conversation
	client  store.Client
	// parent is the legal representative's first name (pupils only).
	parent string
	// planEnd is the end of the trajectory as the plan intends it.
	planEnd time.Time
	// past are the sessions before today, the intake first; future are planned.
	past, future []session
	vars         map[string]string
}

// Client is NewDossier(o, i).Client, without writing the dossier.
func Client(o Options, i int) store.Client {
	return newPerson(clientRand(o.Seed, i), o, i%minorEvery == minorAt).client
}

// clientRand is the generator of client i of the caseload seed picks.
func clientRand(seed int64, i int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), uint64(i)))
}

func newPerson(r *rand.Rand, o Options, minor bool) *person {
	p := &person{today: o.today()}
	switch {
	case o.Lang == LangEnglish:
		p.b = en
	case o.Lang == LangDutch:
		p.b = nl
	case r.IntN(5) == 0:
		p.b = en
	default:
		p.b = nl
	}
	switch n := r.IntN(100); {
	case minor:
		p.seg = segPupil
	case n < 30:
		p.seg = segMother
	case n < 65:
		p.seg = segNewcomer
	default:
		p.seg = segStudent
	}
	p.female = p.seg == segMother || r.IntN(100) < 55
	p.origin = pickOrigin(r, p.seg, p.b)
	names := p.origin.male
	if p.female {
		names = p.origin.female
	}
	p.first, p.last = pick(r, names), pick(r, p.origin.last)
	p.status(r, minor)
	p.fillClient(r)
	p.schedule(r)
	return p
}

// status picks where the client stands and the dates that go with it:
// about 15% in intake, 45% active, 30% closed and 10% rejected.
func (p *person) status(r *rand.Rand, minor bool) {
	c := &p.client
	today := p.today
	n := r.IntN(100)
	if minor {
		n = 15 + r.IntN(45) // always active: the representative is part of the story
	}
	switch {
	case n < 15:
		c.Status = store.StatusIntake
		p.contact = pastWorkday(today.AddDate(0, 0, -3-r.IntN(40)))
		c.Start = p.contact
		p.planEnd = p.contact.AddDate(0, 6+r.IntN(7), 0)
	case n < 60:
		c.Status = store.StatusActive
		c.Start = pastWorkday(today.AddDate(0, 0, -90-r.IntN(330)))
		p.contact = pastWorkday(c.Start.AddDate(0, 0, -7-r.IntN(15)))
		p.planEnd = c.Start.AddDate(0, 6+r.IntN(7), 0)
		if !p.planEnd.After(today) {
			p.planEnd = today.AddDate(0, 1+r.IntN(3), 0) // extended once
		}
	case n < 90:
		c.Status = store.StatusClosed
		// Most trajectories ended within the two years the dossier is
		// kept; some are due for deletion within a month, some overdue.
		switch k := r.IntN(100); {
		case k < 70:
			c.End = today.AddDate(0, 0, -7-r.IntN(690))
		case k < 85:
			c.End = legaldate.AddMonths(today.AddDate(0, 0, r.IntN(31)), -24)
		default:
			c.End = legaldate.AddMonths(today.AddDate(0, 0, -1-r.IntN(90)), -24)
		}
		c.End = pastWorkday(c.End)
		switch k := r.IntN(100); {
		case k < 45:
			c.Outcome = store.OutcomeEducation
		case k < 75:
			c.Outcome = store.OutcomeWork
		case k < 87:
			c.Outcome = store.OutcomeOther
		default:
			c.Outcome = store.OutcomeDroppedOut
		}
		months := 5 + r.IntN(10)
		if c.Outcome == store.OutcomeDroppedOut {
			months = 2 + r.IntN(4)
		}
		c.Start = pastWorkday(c.End.AddDate(0, -months, -r.IntN(20)))
		p.contact = pastWorkday(c.Start.AddDate(0, 0, -7-r.IntN(15)))
		p.planEnd = c.Start.AddDate(0, 6+r.IntN(7), 0)
	default:
		c.Status = store.StatusRejected
		p.contact = pastWorkday(today.AddDate(0, 0, -10-r.IntN(70)))
		c.RejectedOn = p.contact.AddDate(0, 0, 3+r.IntN(19))
		if !c.RejectedOn.Before(today) {
			c.RejectedOn = today.AddDate(0, 0, -1)
		}
		c.RejectedOn = pastWorkday(c.RejectedOn)
		if c.RejectedOn.Before(p.contact) {
			c.RejectedOn = p.contact
		}
	}
}

// fillClient invents the person's particulars.
func (p *person) fillClient(r *rand.Rand) {
	c := &p.client
	b := p.b
	c.FirstName, c.LastName = p.first, p.last
	var age int
	switch p.seg {
	case segMother:
		age = 18 + r.IntN(10)
	case segNewcomer:
		age = 19 + r.IntN(30)
	case segStudent:
		age = 17 + r.IntN(8)
	case segPupil:
		age = 14 + r.IntN(2)
	}
	// Born on a day that makes the client age years old at the intake (a
	// pupil: today, so they are still under 16).
	born := p.contact
	if p.seg == segPupil {
		born = p.today
	}
	c.BirthDate = born.AddDate(-age-1, 0, 1+r.IntN(364))
	city := pick(r, cities)
	c.Address = fmt.Sprintf("%s %d, %s %s", pick(r, streets), 1+r.IntN(180), city.postcode(r), city.name)
	c.Email = email(r, p.first, p.last)
	c.Phone = fmt.Sprintf("06-0%03d %04d", r.IntN(1000), r.IntN(10000))
	if p.seg == segPupil && r.IntN(2) == 0 {
		c.Email = ""
	}

	v := map[string]string{
		"naam":       p.first,
		"achternaam": p.last,
		"volnaam":    p.first + " " + p.last,
		"stad":       city.name,
		"land":       b.pickLang(p.origin.country),
		"taal":       b.pickLang(p.origin.language),
		"jaar":       fmt.Sprint(p.contact.Year() - 1 - r.IntN(4)),
	}
	if p.female {
		v["p"], v["P"], v["pos"], v["Pos"], v["obj"] = b.she[0], b.she[1], b.she[2], b.she[3], b.she[4]
	} else {
		v["p"], v["P"], v["pos"], v["Pos"], v["obj"] = b.he[0], b.he[1], b.he[2], b.he[3], b.he[4]
	}
	for _, s := range b.slots[p.seg] {
		v[s.key] = expand(r, pick(r, s.values), v, b)
	}
	if p.seg == segMother {
		v["kind"] = pick(r, append(append([]string(nil), dutchGirls...), dutchBoys...))
		v["kindleeftijd"] = pick(r, b.childAges)
	}
	p.vars = v

	// Referral: who sent them, and the detail that names the sender.
	rs := b.referrals[p.seg]
	ref := rs[r.IntN(len(rs))]
	c.Referral = ref.referral
	c.ReferralDetail = expand(r, ref.detail, v, b)
	v["verwijzer"] = c.ReferralDetail
	v["partner"] = expand(r, ref.partner, v, b)
	v["Partner"] = strings.ToUpper(v["partner"][:1]) + v["partner"][1:]
	if p.seg == segPupil {
		p.parent = pick(r, p.origin.female)
		role := b.mother
		if r.IntN(3) == 0 {
			p.parent, role = pick(r, p.origin.male), b.father
		}
		c.Representative = fmt.Sprintf("%s %s (%s)", p.parent, p.last, role)
		v["vertegenwoordiger"] = p.parent + " " + p.last
		v["ouder"] = role
	}
	if r.IntN(2) == 0 {
		c.Notes = expand(r, pick(r, b.clientNotes[p.seg]), v, b)
	}
}

// schedule lays out the sessions: every two or three weeks from the intake
// to today or the end of the trajectory, and for a running trajectory one
// or two planned.
func (p *person) schedule(r *rand.Rand) {
	c := p.client
	p.past = append(p.past, session{at: p.sessionTime(r, p.contact), minutes: 60, attendance: store.AttendanceAttended})
	last := p.today.AddDate(0, 0, -1)
	switch c.Status {
	case store.StatusClosed:
		last = c.End
	case store.StatusRejected:
		last = c.RejectedOn
	}
	day := c.Start
	if c.Status == store.StatusIntake || c.Status == store.StatusRejected {
		day = p.contact.AddDate(0, 0, 7+r.IntN(8))
	}
	for day = legaldate.NextWorkingDay(day); !day.After(last); day = legaldate.NextWorkingDay(day.AddDate(0, 0, 10+r.IntN(12))) {
		if day.Equal(p.contact) {
			continue
		}
		s := session{at: p.sessionTime(r, day), minutes: pickInt(r, 45, 60, 60, 60, 90)}
		switch k := r.IntN(100); {
		case day.Equal(c.Start):
			s.attendance = store.AttendanceAttended // the plan is signed at the first session
		case k < 82:
			s.attendance = store.AttendanceAttended
		case k < 93:
			s.attendance = store.AttendanceCancelled
		default:
			s.attendance = store.AttendanceNoShow
		}
		p.past = append(p.past, s)
		if c.Status == store.StatusRejected {
			break // one more conversation, then the decision
		}
	}
	if c.Status == store.StatusClosed {
		// The last session is the closing talk, held on the end date —
		// unless the client dropped out and stopped coming.
		n := len(p.past)
		if n > 1 && p.past[n-1].at.Before(c.End) {
			p.past = append(p.past, session{at: p.sessionTime(r, c.End), minutes: 60})
			n++
		}
		p.past[n-1].attendance = store.AttendanceAttended
		if c.Outcome == store.OutcomeDroppedOut {
			for i := max(1, n-3); i < n; i++ {
				p.past[i].attendance = store.AttendanceNoShow
			}
		}
	}
	if c.Status == store.StatusIntake || c.Status == store.StatusActive {
		day := legaldate.NextWorkingDay(p.today.AddDate(0, 0, 1+r.IntN(13)))
		for range 1 + r.IntN(2) {
			p.future = append(p.future, session{at: p.sessionTime(r, day), minutes: pickInt(r, 45, 60, 60, 90)})
			day = legaldate.NextWorkingDay(day.AddDate(0, 0, 14))
		}
	}
}

// sessionTime is a time of day for a session on day: on the hour or the
// half hour between nine and four.
func (p *person) sessionTime(r *rand.Rand, day time.Time) time.Time {
	return day.Add(time.Duration(9*60+30*r.IntN(15)) * time.Minute)
}

// pastWorkday is d when it is a working day, else the working day before.
func pastWorkday(d time.Time) time.Time {
	for !legaldate.IsWorkingDay(d) {
		d = d.AddDate(0, 0, -1)
	}
	return d
}

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

func pickInt(r *rand.Rand, list ...int) int { return list[r.IntN(len(list))] }

// email makes an address at a domain reserved for examples.
func email(r *rand.Rand, first, last string) string {
	f, l := asciiLower(first), asciiLower(last)
	var local string
	switch r.IntN(4) {
	case 0:
		local = f + "." + l
	case 1:
		local = f[:1] + "." + l
	case 2:
		local = f + l + fmt.Sprint(r.IntN(90)+10)
	default:
		local = f + "_" + l
	}
	return local + "@" + pick(r, exampleDomains)
}

// exampleDomains are the second-level domains RFC 2606 reserves.
var exampleDomains = []string{"example.org", "example.org", "example.net", "example.com"}

// asciiLower folds a name to lower-case ASCII letters for an e-mail address.
func asciiLower(s string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(s) {
		switch {
		case c >= 'a' && c <= 'z':
			b.WriteRune(c)
		default:
			if f, ok := asciiFold[c]; ok {
				b.WriteString(f)
			}
		}
	}
	return b.String()
}

var asciiFold = map[rune]string{
	'á': "a", 'à': "a", 'ä': "a", 'â': "a", 'ã': "a", 'ç': "c", 'é': "e", 'è': "e", 'ë': "e", 'ê': "e",
	'í': "i", 'ï': "i", 'ı': "i", 'î': "i", 'ñ': "n", 'ó': "o", 'ö': "o", 'ô': "o", 'õ': "o",
	'ş': "s", 'ğ': "g", 'ú': "u", 'ü': "u", 'û': "u", 'ß': "ss",
}
