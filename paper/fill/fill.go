// Package fill makes a paper from a template and the vault: it reads what
// a template asks for (the practice's letterhead, the client, the chosen
// records, appointments, the rights request, the breach) from store and
// turns the template's lines into a paper.Document.
//
// It never decides whether a paper may leave the practice: that is the
// caller's business, through store.LogPaper's consent gate.
package fill

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/caseload/caseload/paper"
	"github.com/caseload/caseload/store"
)

// Options say which paper to make.
type Options struct {
	// Lang is the paper's language: "nl" or "en".
	Lang string
	// Template is the template to fill (store.Template returns the one
	// the coach would print).
	Template store.Template
	// RecordID picks the record the paper's text comes from; 0 takes the
	// newest record of the template's kind. A special-category record is
	// revealed for the paper, and the reveal is logged.
	RecordID int64
	// RequestID picks the rights request a letter is about; 0 takes the
	// client's newest request.
	RequestID int64
	// BreachID picks the breach a notification is about; 0 the newest.
	BreachID int64
	// Recipient names the third party a paper goes to ("Gemeente
	// Utrecht"); empty for the client.
	Recipient string
	// WithBSN fills the client.bsn placeholder; without it the paper
	// leaves the BSN out. The reveal is logged.
	WithBSN bool
}

// ErrNoLanguage is returned for a language other than nl and en.
var ErrNoLanguage = errors.New("papers are made in nl or en")

// Paper is a filled template: the document and what it is.
type Paper struct {
	Document paper.Document
	// Name is the template's name ("Plan van aanpak").
	Name string
	// Settings are the template's settings (who it is for).
	Settings store.TemplateSettings
	// Client is whom the paper is about (zero for a client-less paper).
	Client store.Client
}

// Make fills o.Template for the client with id clientID (0 for a paper
// about no client, such as the breach notification to the AP). Errors:
// store.ErrNotFound for an unknown client or record, a *store.TemplateError
// for a template that does not parse, ErrNoLanguage.
func Make(ctx context.Context, s *store.Store, clientID int64, o Options) (Paper, error) {
	if o.Lang != "nl" && o.Lang != "en" {
		return Paper{}, fmt.Errorf("%w, not %q", ErrNoLanguage, o.Lang)
	}
	pt, err := store.ParseTemplate(o.Template.Body)
	if err != nil {
		return Paper{}, err
	}
	v, err := read(ctx, s, clientID, o, pt)
	if err != nil {
		return Paper{}, err
	}
	doc := v.document(pt)
	return Paper{Document: doc, Name: pt.Settings.Name, Settings: pt.Settings, Client: v.client}, nil
}

// values is what a paper is filled from.
type values struct {
	lang      string
	today     time.Time
	practice  store.Practice
	client    store.Client
	recipient string
	record    store.Record
	plan      plan
	hasPlan   bool
	evals     []store.Record
	appts     []store.Appointment
	request   store.Request
	consent   store.Consent
	breach    store.Breach
}

func read(ctx context.Context, s *store.Store, clientID int64, o Options, pt *store.ParsedTemplate) (*values, error) {
	v := &values{lang: o.Lang, today: s.Today(), recipient: strings.TrimSpace(o.Recipient)}
	var err error
	if v.practice, err = s.Practice(ctx); err != nil {
		return nil, err
	}
	if clientID != 0 {
		if v.client, err = s.Client(ctx, clientID); err != nil {
			return nil, err
		}
		if o.WithBSN && pt.Uses["client.bsn"] {
			if v.client.BSN, err = s.RevealBSN(ctx, clientID); err != nil {
				return nil, err
			}
		}
	}
	uses := func(prefixes ...string) bool {
		for name := range pt.Uses {
			for _, p := range prefixes {
				if strings.HasPrefix(name, p) {
					return true
				}
			}
		}
		return false
	}
	if clientID != 0 && uses("record.", "plan.", "goals.", "progress") {
		if err := v.readRecords(ctx, s, clientID, o, pt); err != nil {
			return nil, err
		}
	}
	if clientID != 0 && uses("attendance.") {
		if v.appts, err = s.Appointments(ctx, clientID); err != nil {
			return nil, err
		}
	}
	if clientID != 0 && uses("request.") {
		if err := v.readRequest(ctx, s, clientID, o.RequestID); err != nil {
			return nil, err
		}
	}
	if clientID != 0 && uses("consent.") {
		cs, err := s.Consents(ctx, clientID)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			if v.recipient == "" || strings.EqualFold(c.Recipient, v.recipient) {
				v.consent = c
			}
		}
	}
	if uses("breach.") {
		bs, err := s.Breaches(ctx)
		if err != nil {
			return nil, err
		}
		for _, b := range bs {
			if (o.BreachID == 0 && b.Discovered.After(v.breach.Discovered)) || b.ID == o.BreachID {
				v.breach = b
			}
		}
		if o.BreachID != 0 && v.breach.ID != o.BreachID {
			return nil, fmt.Errorf("breach %d: %w", o.BreachID, store.ErrNotFound)
		}
	}
	return v, nil
}

func (v *values) readRecords(ctx context.Context, s *store.Store, clientID int64, o Options, pt *store.ParsedTemplate) error {
	records, err := s.Records(ctx, clientID)
	if err != nil {
		return err
	}
	reveal := func(r store.Record) (store.Record, error) {
		if r.Special {
			return s.RevealRecord(ctx, r.ID)
		}
		return r, nil
	}
	var planRec store.Record
	for _, r := range records { // newest first
		switch {
		case o.RecordID != 0 && r.ID == o.RecordID:
			v.record = r
		case o.RecordID == 0 && r.Kind == pt.Settings.Record && v.record.ID == 0:
			v.record = r
		}
		if r.Kind == store.KindPlan && planRec.ID == 0 {
			planRec = r
		}
		if r.Kind == store.KindEvaluation {
			v.evals = append(v.evals, r)
		}
	}
	if o.RecordID != 0 && v.record.ID == 0 {
		return fmt.Errorf("record %d: %w", o.RecordID, store.ErrNotFound)
	}
	if v.record.Kind == store.KindPlan {
		planRec = v.record
	}
	if v.record.ID != 0 {
		if v.record, err = reveal(v.record); err != nil {
			return err
		}
	}
	if planRec.ID != 0 {
		if planRec, err = reveal(planRec); err != nil {
			return err
		}
		v.plan, v.hasPlan = parsePlan(planRec), true
	}
	for i, e := range v.evals {
		if v.evals[i], err = reveal(e); err != nil {
			return err
		}
	}
	// Evaluations oldest first: progress reads as it happened.
	for i, j := 0, len(v.evals)-1; i < j; i, j = i+1, j-1 {
		v.evals[i], v.evals[j] = v.evals[j], v.evals[i]
	}
	return nil
}

func (v *values) readRequest(ctx context.Context, s *store.Store, clientID, id int64) error {
	if id != 0 {
		r, err := s.Request(ctx, id)
		if err != nil {
			return err
		}
		if r.ClientID != clientID {
			return fmt.Errorf("request %d: %w", id, store.ErrNotFound)
		}
		v.request = r
		return nil
	}
	rs, err := s.Requests(ctx, clientID)
	if err != nil {
		return err
	}
	for _, r := range rs {
		if r.Received.After(v.request.Received) || (r.Received.Equal(v.request.Received) && r.ID > v.request.ID) {
			v.request = r
		}
	}
	return nil
}

// addressee is who a letter to the client is addressed to: the legal
// representative of a minor, else the client.
func (v *values) addressee() string {
	if rep := strings.TrimSpace(v.client.Representative); rep != "" {
		if age := v.client.AgeOn(v.today); age >= 0 && age < 16 {
			return rep
		}
	}
	return v.client.Name()
}

// value is the text of an inline placeholder.
func (v *values) value(name string) string {
	c, p, r := v.client, v.practice, v.request
	date := func(t time.Time) string { return formatDate(v.lang, t) }
	count := func(a store.Attendance) string {
		n := 0
		for _, ap := range v.appts {
			if ap.Attendance == a {
				n++
			}
		}
		return strconv.Itoa(n)
	}
	switch name {
	case "today":
		return date(v.today)
	case "recipient":
		return v.recipient
	case "addressee":
		return v.addressee()
	case "practice.name":
		return p.Name
	case "practice.address":
		return oneLine(p.Address)
	case "practice.email":
		return p.Email
	case "practice.phone":
		return p.Phone
	case "practice.kvk":
		return p.KvK
	case "practice.dpo":
		return oneLine(p.DPOContact)
	case "client.name":
		return c.Name()
	case "client.first_name":
		return c.FirstName
	case "client.last_name":
		return c.LastName
	case "client.address":
		return oneLine(c.Address)
	case "client.email":
		return c.Email
	case "client.phone":
		return c.Phone
	case "client.birth_date":
		return date(c.BirthDate)
	case "client.representative":
		return c.Representative
	case "client.referral":
		// The detail names the referrer ("Gemeente Amsterdam"); the kind
		// alone says less.
		if d := strings.TrimSpace(c.ReferralDetail); d != "" {
			return d
		}
		return label(v.lang, "referral", string(c.Referral))
	case "client.start":
		return date(c.Start)
	case "client.end":
		return date(c.End)
	case "client.status":
		return label(v.lang, "status", string(c.Status))
	case "client.outcome":
		return label(v.lang, "outcome", string(c.Outcome))
	case "client.gender":
		return label(v.lang, "gender", string(c.Gender))
	case "client.marital_status":
		return label(v.lang, "marital", string(c.MaritalStatus))
	case "client.children":
		if !c.ChildrenKnown {
			return ""
		}
		return strconv.Itoa(c.Children)
	case "client.birth_country":
		return c.BirthCountry
	case "client.nationality":
		return c.Nationality
	case "client.residence_status":
		return c.ResidenceStatus
	case "client.arrival_date":
		return date(c.ArrivalDate)
	case "client.bsn":
		return c.BSN
	case "record.title":
		return v.record.Title
	case "record.date":
		return date(v.record.Date)
	case "plan.date":
		return date(v.plan.date)
	case "plan.duration":
		return oneLine(v.plan.duration)
	case "goals.count":
		return strconv.Itoa(len(v.plan.goals))
	case "evaluations.count":
		return strconv.Itoa(len(v.evals))
	case "attendance.attended":
		return count(store.AttendanceAttended)
	case "attendance.cancelled":
		return count(store.AttendanceCancelled)
	case "attendance.no_show":
		return count(store.AttendanceNoShow)
	case "attendance.planned":
		return count(store.AttendancePlanned)
	case "attendance.total":
		return strconv.Itoa(len(v.appts))
	case "request.kind":
		return label(v.lang, "request", string(r.Kind))
	case "request.received":
		return date(r.Received)
	case "request.due":
		return date(r.Due)
	case "request.months":
		if r.ExtendedMonths == 0 {
			return ""
		}
		return strconv.Itoa(r.ExtendedMonths)
	case "request.extension_reason":
		return oneLine(r.ExtensionReason)
	case "request.outcome":
		return oneLine(r.Outcome)
	case "request.answered":
		return date(r.Answered)
	case "consent.purpose":
		return oneLine(v.consent.Purpose)
	case "consent.recipient":
		if v.consent.Recipient == "" {
			return v.recipient
		}
		return v.consent.Recipient
	case "consent.given":
		return date(v.consent.Given)
	case "breach.discovered":
		return date(v.breach.Discovered)
	case "breach.categories":
		return oneLine(v.breach.Categories)
	case "breach.people":
		return countOrBlank(v.breach.PeopleAffected)
	case "breach.records":
		return countOrBlank(v.breach.RecordsAffected)
	case "breach.contact":
		return oneLine(v.breach.Contact)
	case "breach.reported":
		return date(v.breach.Reported)
	}
	return ""
}

func countOrBlank(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// oneLine joins the lines of a multi-line field with commas, for a
// placeholder in running text.
func oneLine(s string) string {
	var parts []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			parts = append(parts, strings.TrimRight(l, ","))
		}
	}
	return strings.Join(parts, ", ")
}

// lines splits a multi-line field into its non-empty lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
