package dossier

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/caseload/caseload/store"
)

var ctx = context.Background()

// memBlobs keeps sealed documents in memory.
type memBlobs struct {
	mu    sync.Mutex
	files map[string][]byte
	keys  map[string]string
	n     int
}

func (m *memBlobs) Put(data []byte) (string, string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.files == nil {
		m.files, m.keys = map[string][]byte{}, map[string]string{}
	}
	m.n++
	id, key := fmt.Sprintf("blob%d", m.n), fmt.Sprintf("key%d", m.n)
	m.files[id], m.keys[id] = bytes.Clone(data), key
	return id, key, nil
}

func (m *memBlobs) Get(id, key string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.keys[id] != key {
		return nil, errors.New("wrong key")
	}
	return bytes.Clone(m.files[id]), nil
}

func (m *memBlobs) Remove(id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.files, id)
	return nil
}

// today is the invented day every test runs on.
var today = time.Date(2026, 3, 2, 14, 5, 0, 0, time.UTC)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// newStore is an empty caseload in memory, with the practice filled in.
func newStore(tb testing.TB) (*store.Store, *memBlobs) {
	tb.Helper()
	blobs := &memBlobs{}
	s, err := store.Open(ctx, nil, store.Options{Blobs: blobs, Clock: func() time.Time { return today }})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	must(tb, s.SavePractice(ctx, testPractice))
	return s, blobs
}

var testPractice = store.Practice{
	Name: "Coachpraktijk De Brug", Address: "Lange Hezelstraat 1\n6511 AA Nijmegen",
	Email: "info@debrug.example.org", Phone: "024-0123456", KvK: "01234567",
	DPOContact: "Marieke Smit, privacy@debrug.example.org",
	Purposes:   "Begeleiding naar school of werk, en de administratie daarvan.",
	LegalBases: "Uitvoering van de begeleidingsovereenkomst (art. 6 lid 1 sub b AVG).",
	Recipients: "De gemeente die het traject betaalt, alleen met je toestemming.",
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// rich is what richClient adds, to check the export against.
type rich struct {
	client  store.Client
	special string // the text of the special-category record
	docs    map[string][]byte
}

// richClient adds an invented client with a bit of everything: records
// (one special-category, one with markup in it), appointments of every
// attendance, documents whose names clash or try to be paths, an
// invoice, a consent, a disclosure and an access request.
func richClient(tb testing.TB, s *store.Store) rich {
	tb.Helper()
	c, err := s.CreateClient(ctx, store.Client{FirstName: "Özlem", LastName: "Yılmaz-de Boer",
		Email: "ozlem@example.org", Phone: "06-0123 4567", Address: "Molenstraat 12\n6511 HH Nijmegen",
		BirthDate: day("2002-09-14"), Referral: store.ReferralMunicipality, ReferralDetail: "Gemeente Nijmegen",
		Status: store.StatusClosed, Start: day("2025-01-06"), End: day("2025-12-19"),
		Outcome: store.OutcomeEducation, Notes: "Twee kinderen (3 en 5).\nVoorkeur: ochtend."})
	must(tb, err)
	r := rich{client: c, special: "Slaapt slecht; huisarts verwijst naar praktijkondersteuner.",
		docs: map[string][]byte{}}
	for _, rec := range []store.Record{
		{Kind: store.KindIntake, Title: "Intake", Date: day("2025-01-06"),
			Body: "Wil haar mbo-diploma halen (niveau 3).\nKinderopvang geregeld via de gemeente."},
		{Kind: store.KindPlan, Title: "Plan van aanpak", Date: day("2025-01-20"),
			Body: "1. Opleiding kiezen\n2. Inschrijven <voor 1 april>\n3. Studiefinanciering & toeslagen"},
		{Kind: store.KindNote, Title: "Gesprek over slaap", Date: day("2025-02-10"), Body: r.special, Special: true},
		{Kind: store.KindNote, Title: `<script>alert("x")</script>`, Date: day("2025-03-03"),
			Body: `<img src="https://tracker.example.com/x.png"> <a href="http://example.com">link</a> 😊`},
		{Kind: store.KindEvaluation, Title: "Eindevaluatie", Date: day("2025-12-19"), Body: "Ingeschreven bij ROC."},
	} {
		rec.ClientID = c.ID
		_, err := s.SaveRecord(ctx, rec)
		must(tb, err)
	}
	for _, a := range []store.Appointment{
		{Start: time.Date(2025, 1, 6, 10, 0, 0, 0, time.UTC), Minutes: 60, Place: "Wijkcentrum Oost",
			Attendance: store.AttendanceAttended},
		{Start: time.Date(2025, 2, 10, 9, 30, 0, 0, time.UTC), Minutes: 45, Attendance: store.AttendanceCancelled,
			Reason: "Kind ziek"},
		{Start: time.Date(2025, 3, 3, 9, 30, 0, 0, time.UTC), Minutes: 45, Attendance: store.AttendanceNoShow},
		{Start: time.Date(2025, 12, 19, 11, 0, 0, 0, time.UTC), Minutes: 30, Notes: "Afsluiting"},
	} {
		a.ClientID = c.ID
		_, err := s.SaveAppointment(ctx, a)
		must(tb, err)
	}
	for _, d := range []struct {
		name string
		data []byte
	}{
		{"cv.pdf", []byte("%PDF-1.4 cv van Özlem")},
		{"CV.pdf", []byte("%PDF-1.4 oudere versie")},
		{"../../etc/passwd", []byte("not a path")},
		{"brief: sollicitatie?.docx", bytes.Repeat([]byte("brief "), 5000)},
	} {
		_, err := s.AddAttachment(ctx, store.Attachment{ClientID: c.ID, Name: d.name, Kind: store.KindLetter}, d.data)
		must(tb, err)
		r.docs[d.name] = d.data
	}
	_, err = s.AddInvoice(ctx, store.Invoice{ClientID: c.ID, Number: "2025-014", Date: day("2025-06-30"),
		AmountCents: 125050, Debtor: "Gemeente Nijmegen", Description: "Begeleiding jan–jun 2025"})
	must(tb, err)
	_, err = s.AddConsent(ctx, store.Consent{ClientID: c.ID, Purpose: "Voortgangsverslag",
		Recipient: "Gemeente Nijmegen, klantmanager", Given: day("2025-01-06")})
	must(tb, err)
	_, err = s.AddDisclosure(ctx, store.Disclosure{ClientID: c.ID, Recipient: "Gemeente Nijmegen, klantmanager",
		What: "Voortgangsverslag juni", Date: day("2025-06-30"), Basis: store.LegalBasisConsent})
	must(tb, err)
	_, err = s.AddRequest(ctx, store.Request{ClientID: c.ID, Kind: store.RequestAccess, Received: day("2026-02-20"),
		Channel: store.ChannelEmail, IdentityChecked: true, IdentityHow: "antwoord vanaf het bekende e-mailadres"})
	must(tb, err)
	return r
}

// exportZip runs an export of client id into memory and returns the zip.
func exportZip(tb testing.TB, s *store.Store, id int64, o Options) ([]byte, *Export) {
	tb.Helper()
	if o.Sealing == "" {
		o.Sealing = SealedPassphrase
	}
	e, err := Prepare(ctx, s, id, o)
	must(tb, err)
	var buf bytes.Buffer
	must(tb, e.WriteZip(ctx, &buf))
	return buf.Bytes(), e
}
