package sample

import (
	"fmt"
	"math/rand/v2"

	"github.com/caseload/caseload/store"
)

// bank holds the phrases of one language. Templates name slots in braces:
// the client's facts ({naam}, {stad}, {opleiding}, the pronouns {p} {P}
// {pos} {Pos} {obj}, …) or a random slot that is picked afresh each time
// ({dag}, {aantal}, …). Slot names are the same in every language.
type bank struct {
	idx     int       // 0 Dutch, 1 English: the index into origin's pairs
	she, he [5]string // subject, Subject, possessive, Possessive, object
	months  [12]string

	mother, father string
	childAges      []string
	slots          map[segment][]slot
	random         map[string][]string
	referrals      map[segment][]referral
	clientNotes    map[segment][]string

	h headings

	intakeTitles, intakeNoteTitles, noteTitles []string
	contactTitles, contactOpen, intakeNoteOpen []string
	decisionTitle, cvTitle                     string
	draftPlanTitle, planTitle, finalTitle      string
	evalTitles                                 [2]string

	intakeOpen, withRepresentative []string
	referralLines                  map[store.Referral][]string
	reasons, situation, background map[segment][]string
	goals, obstacles               map[segment][]string
	strengths, agreements          []string
	network, practical, impression []string
	fit                            []string // the intake says a trajectory fits
	consent, consentRep            []string
	rejectReasons, rejectFollowUp  []string
	decisionOpen, retentionNotice  []string

	draftNote, planPeriod       []string
	mainGoals, actions          map[segment][]string
	who, when, evalPlanned      []string
	method, draftSign, planSign []string
	conditions, involved        []string

	evalOpen, progress, wentWell, attention, next []string
	progressFinal, results                        map[store.Outcome][]string
	closing, retentionClosed                      []string
	lookBack                                      []string

	noteOpen, general, health, noteActions, noteClose []string
	observations, quotes                              []string
	topics                                            map[segment][]string

	profile, education, work, languages map[segment][]string
	skills, hobbies, duties             []string

	places, intakeApptNotes, apptNotes, cancelReasons, noShowReasons []string
	childIll                                                         string
}

// headings are the fixed words of the records' layout.
type headings struct {
	reason, situation, background, goals, strengths, obstacles, decision, agreements  string
	network, practical, impression, start, conditions, involved, lookBack, references string
	mainGoal, subGoals, actions, who, when, evaluations, method                       string
	progress, wentWell, attention, result, next, agreed                               string
	personal, address, phone, email, born, profile, education, work                   string
	skills, languages, hobbies                                                        string
}

// slot is a fact picked once per client, such as the course they aim for.
type slot struct {
	key    string
	values []string
}

// referral is a referral source with a template for the referrer's name
// (the client's ReferralDetail) and the professional the coach deals with,
// as a phrase that fits in a sentence ("de klantmanager").
type referral struct {
	referral store.Referral
	detail   string
	partner  string
}

// pickLang picks the bank's language from a Dutch–English pair.
func (b *bank) pickLang(pair [2]string) string { return pair[b.idx] }

// origin is where a client's names come from.
type origin struct {
	female, male, last []string
	country, language  [2]string
}

// pickOrigin picks where a client's names come from: newcomers from the
// countries most newcomers come from, everyone else mostly from the mix of
// names of people who grew up in the Netherlands; English dossiers get
// international students and expats.
func pickOrigin(r *rand.Rand, seg segment, b *bank) *origin {
	if seg == segNewcomer {
		return pick(r, newcomerOrigins)
	}
	if b.idx == 1 && seg != segPupil && r.IntN(3) > 0 {
		return &international
	}
	if r.IntN(3) == 0 {
		return pick(r, secondGeneration)
	}
	return &dutch
}

// city is a place a client lives, with the first two digits of its postcodes.
type city struct {
	name   string
	prefix int
}

// postcode invents a postcode in the city's range. The letters skip SA, SD
// and SS, which Dutch postcodes never use.
func (c city) postcode(r *rand.Rand) string {
	const letters = "ABCEGHJKLMNPRSTVWXZ"
	for {
		a, b := letters[r.IntN(len(letters))], letters[r.IntN(len(letters))]
		if a == 'S' && (b == 'A' || b == 'D' || b == 'S') {
			continue
		}
		return fmt.Sprintf("%02d%02d %c%c", c.prefix, r.IntN(100), a, b)
	}
}
