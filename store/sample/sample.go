// Package sample invents caseloads: clients, dossiers and appointments of
// people who do not exist, for `caseload demo`, for benchmarks and for tests.
//
// Everything is derived from a seed, so the same Options give the same
// caseload on every machine. Names are common first and last names put
// together at random; e-mail addresses use the domains RFC 2606 reserves
// for examples (example.org, example.net, example.com); phone numbers are
// written 06-0xxx xxxx, a block outside the Dutch mobile ranges (061–065,
// 068), so they look right and ring nobody; addresses put an ordinary
// street name with a made-up number and postcode.
//
// A caseload is spread around Options.Today the way a coach's is: about 15%
// of the clients in intake, 45% active, 30% closed (three in four to
// education or work, some so long ago that their dossier is due for
// deletion within a month or overdue) and 10% rejected intakes. The clients
// are young mothers going back to school, newcomers in the integration
// course (inburgering), students who are stuck and, one in forty, a pupil
// under 16 with a legal representative. A running or closed trajectory has
// an intake, a plan, two evaluations, ten notes and a CV, about 18 KB of
// text; about one note in twenty is special-category (health).
//
// The text comes from phrase banks in Dutch and English with slots filled
// per client, so a full-text index sees very common words, words that
// belong to one kind of client or record, and rare words. CommonWord,
// MediumWord and RareWord are three of them that benchmarks can search for.
package sample

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/caseload/caseload/store"
)

// Words for search benchmarks. The store's Search matches each as a
// prefix, the way the coach types; Stats.Hits counts the records it finds.
// The counts are for a caseload of 1,000 clients, seed 1, Today 12 March
// 2025: 12,642 records.
const (
	// CommonWord is in three records in four, in both languages
	// (coaching, coachingsgesprek, coachingstraject …): 9,589 hits.
	CommonWord = "coaching"
	// MediumWord is in about one record in twenty-five, mostly of
	// students: 525 hits.
	MediumWord = "portfolio"
	// RareWord is a hobby on about one CV in a hundred: 5 hits.
	RareWord = "origami"
)

// The languages a caseload can be written in.
const (
	LangDutch   = "nl"
	LangEnglish = "en"
	// LangMixed writes about four dossiers in five in Dutch and the rest in
	// English. It is the default.
	LangMixed = "mixed"
)

// Options shapes an invented caseload.
type Options struct {
	// Clients is how many clients Fill adds.
	Clients int
	// Seed picks the caseload; the same seed gives the same people.
	Seed int64
	// Lang is LangDutch, LangEnglish or LangMixed ("" means mixed). Fill
	// refuses any other; Client and NewDossier read it as mixed.
	Lang string
	// Today is the civil date statuses, trajectories, appointments and
	// retention deadlines are spread around. Fill uses the store's Today
	// when it is zero; Client and NewDossier use the computer's date, so
	// pass a date for the same caseload every day.
	Today time.Time
	// Documents adds the CV of every client that has one as a document
	// too (AddAttachment). A store opened without Blobs gets none.
	Documents bool
}

func (o Options) check() error {
	switch o.Lang {
	case "", LangDutch, LangEnglish, LangMixed:
	default:
		return fmt.Errorf("unknown language %q (want %q, %q or %q)", o.Lang, LangDutch, LangEnglish, LangMixed)
	}
	if o.Clients < 0 {
		return fmt.Errorf("negative number of clients: %d", o.Clients)
	}
	return nil
}

// today is the civil date o is about.
func (o Options) today() time.Time {
	t := o.Today
	if t.IsZero() {
		t = time.Now()
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Stats tells what Fill added.
type Stats struct {
	Clients      int
	Records      int
	Appointments int
	Documents    int
	// Special counts the records marked special-category (health).
	Special int
	// Writes counts the store's mutating calls: one transaction, and one
	// seal when the store has a Sealer, each.
	Writes int
	// TextBytes is the length of every record's title and body together.
	TextBytes int
	// Statuses counts the clients by status.
	Statuses map[store.Status]int
	// Outcomes counts the closed clients by outcome.
	Outcomes map[store.Outcome]int
	// Hits counts, for CommonWord, MediumWord and RareWord, the records
	// whose title or text holds a word starting with it: what the store's
	// Search finds among records, given a large enough limit.
	Hits map[string]int
}

// Fill adds o.Clients invented clients with their dossiers to s and tells
// what it added.
//
// Fill uses the store's public methods only and makes one write per item:
// a client, each record, each appointment and each document is its own
// transaction (about 29 per client), and, when s has a Sealer, its own seal
// of the whole image — thousands of seals for a demo of a hundred clients.
// For large caseloads open the store without a Sealer (store.Options{}),
// fill it, and only then hand its Image to whatever seals it. Even so a
// write costs about 0.7 ms, most of it the full-text index: 1,000 clients
// take about 20 seconds and 10,000 about 7 minutes. Documents are skipped
// when s has no Blobs.
//
// On an error Fill stops and returns what it added so far; a cancelled
// ctx stops it between clients.
func Fill(ctx context.Context, s *store.Store, o Options) (Stats, error) {
	st := Stats{
		Statuses: map[store.Status]int{},
		Outcomes: map[store.Outcome]int{},
		Hits:     map[string]int{CommonWord: 0, MediumWord: 0, RareWord: 0},
	}
	if err := o.check(); err != nil {
		return st, fmt.Errorf("filling sample caseload: %w", err)
	}
	if o.Today.IsZero() {
		o.Today = s.Today()
	}
	docs := o.Documents
	for i := range o.Clients {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		d := NewDossier(o, i)
		c, err := s.CreateClient(ctx, d.Client)
		if err != nil {
			return st, fmt.Errorf("adding sample client %d: %w", i+1, err)
		}
		st.Writes++
		st.Clients++
		st.Statuses[c.Status]++
		if c.Status == store.StatusClosed {
			st.Outcomes[c.Outcome]++
		}
		for _, r := range d.Records {
			r.ClientID = c.ID
			if _, err := s.SaveRecord(ctx, r); err != nil {
				return st, fmt.Errorf("adding record of sample client %d: %w", i+1, err)
			}
			st.Writes++
			st.Records++
			st.TextBytes += len(r.Title) + len(r.Body)
			if r.Special {
				st.Special++
			}
			for _, w := range []string{CommonWord, MediumWord, RareWord} {
				if hasPrefixWord(r.Title, w) || hasPrefixWord(r.Body, w) {
					st.Hits[w]++
				}
			}
		}
		for _, a := range d.Appointments {
			a.ClientID = c.ID
			if _, err := s.SaveAppointment(ctx, a); err != nil {
				return st, fmt.Errorf("adding appointment of sample client %d: %w", i+1, err)
			}
			st.Writes++
			st.Appointments++
		}
		if docs && d.Document.Name != "" {
			a := store.Attachment{ClientID: c.ID, Name: d.Document.Name, Kind: store.KindCV}
			switch _, err := s.AddAttachment(ctx, a, d.Document.Data); {
			case errors.Is(err, store.ErrNoBlobs):
				docs = false
			case err != nil:
				return st, fmt.Errorf("adding document of sample client %d: %w", i+1, err)
			default:
				st.Writes++
				st.Documents++
			}
		}
	}
	if st.Writes > 0 {
		// One save an item leaves the search index in many small
		// segments, which later saves pay for (see store/fts.go).
		if err := s.OptimizeIndex(ctx); err != nil {
			return st, fmt.Errorf("merging the search index of the sample caseload: %w", err)
		}
	}
	return st, nil
}

// hasPrefixWord reports whether text holds a word that starts with prefix
// (lower case), splitting words the way the store's full-text index does.
func hasPrefixWord(text, prefix string) bool {
	for _, w := range strings.FieldsFunc(text, notWordRune) {
		if len(w) >= len(prefix) && strings.EqualFold(w[:len(prefix)], prefix) {
			return true
		}
	}
	return false
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
