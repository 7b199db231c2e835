package dossier

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/caseload/caseload/store"
)

// Reading a dossier another caseload exported: the zip is outside input,
// so every size is bounded before it is read, every field is checked, and
// each document must match the hash dossier.json gives for it. Nothing
// is written anywhere: the caller hands the result to the store, which
// imports it in one transaction.

// Bounds on what Read takes in, so a crafted file cannot exhaust memory:
// each is checked against the zip's header before an entry is read, and
// the read itself stops one byte past it whatever the header claimed.
// dossier.json of 32 MiB is some 16,000 pages of one client's text (a
// record holds at most store.MaxBody, 4 MiB); decoding it takes a few
// times that in memory, where 256 MiB let a 150 MB note take 1.4 GB. A
// document is at most 64 MiB (the screens add at most 50), all of them
// together 1 GiB. See docs/design.md, "Bounds on input".
const (
	maxEntries     = 10_000
	maxJSONSize    = 32 << 20
	maxDocSize     = 64 << 20
	maxImportTotal = 1 << 30
)

// Import is a dossier read from a file: dossier.json as it was, and the
// client with their records, appointments and documents as the store
// imports them.
type Import struct {
	Dossier Dossier
	Bundle  store.ClientBundle
}

// Read reads a dossier zip (crypt opens a sealed one first). Any problem
// is a *FormatError naming the entry and, in dossier.json, the field.
func Read(data []byte) (*Import, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		// Nothing is extracted to disk, so an odd path is harmless here.
		return nil, &FormatError{Problem: "not a zip file"}
	}
	if len(zr.File) > maxEntries {
		return nil, &FormatError{Problem: fmt.Sprintf("more than %d files in the zip", maxEntries)}
	}
	entries := map[string]*zip.File{}
	for _, f := range zr.File {
		if _, dup := entries[f.Name]; dup {
			return nil, &FormatError{Entry: f.Name, Problem: "in the zip twice"}
		}
		entries[f.Name] = f
	}
	jf := entries[entryJSON]
	if jf == nil {
		return nil, &FormatError{Problem: "no dossier.json in the zip: not a caseload dossier"}
	}
	raw, err := readEntry(jf, maxJSONSize)
	if err != nil {
		return nil, err
	}
	var d Dossier
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return nil, &FormatError{Entry: entryJSON, Problem: jsonProblem(err)}
	}
	if dec.More() {
		return nil, &FormatError{Entry: entryJSON, Problem: "more than one JSON value"}
	}
	if d.Schema != Schema {
		if strings.HasPrefix(d.Schema, "caseload.dossier/") {
			return nil, &FormatError{Entry: entryJSON, Field: "schema",
				Problem: fmt.Sprintf("version %q is not one this caseload reads (it reads %s): update caseload", d.Schema, Schema)}
		}
		return nil, &FormatError{Entry: entryJSON, Field: "schema", Problem: "not a caseload dossier"}
	}
	b, err := d.bundle(entries)
	if err != nil {
		return nil, err
	}
	return &Import{Dossier: d, Bundle: b}, nil
}

// jsonProblem says what is wrong with dossier.json without quoting it.
func jsonProblem(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("not valid JSON (at byte %d)", se.Offset)
	case errors.As(err, &te):
		return fmt.Sprintf("%s: wrong type of value", te.Field)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return "unknown field " + strings.TrimPrefix(err.Error(), "json: unknown field ")
	}
	return "not valid JSON"
}

// readEntry reads a zip entry, refusing more than limit bytes whatever
// its header claims.
func readEntry(f *zip.File, limit int64) ([]byte, error) {
	if f.UncompressedSize64 > uint64(limit) {
		return nil, &FormatError{Entry: f.Name, Problem: "too large"}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, &FormatError{Entry: f.Name, Problem: "cannot be read from the zip"}
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, &FormatError{Entry: f.Name, Problem: "damaged in the zip"}
	}
	if int64(len(data)) > limit {
		return nil, &FormatError{Entry: f.Name, Problem: "too large"}
	}
	return data, nil
}

var (
	datePattern   = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
	momentPattern = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}$`)
	uidPattern    = regexp.MustCompile(`^[0-9a-f]{32}$`)
	shaPattern    = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// fields converts dossier.json's values, remembering the first problem
// with the path of the field it was found in.
type fields struct {
	err *FormatError
}

func (f *fields) fail(path, en, nl string) {
	if f.err == nil {
		f.err = &FormatError{Entry: entryJSON, Field: path, Problem: en, ProblemNL: nl}
	}
}

// failKey fails with the catalogue's sentence key in both languages.
func (f *fields) failKey(path, key string, args ...any) {
	f.fail(path, tr(LangEnglish, key, args...), tr(LangDutch, key, args...))
}

// date parses an optional date ("" is zero). A year outside 1900–2199 is
// refused here, before 0001-01-01 could pass for "no date".
func (f *fields) date(path, s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(dateLayout, s)
	switch {
	case err != nil || !datePattern.MatchString(s):
		f.failKey(path, "bad-date")
	case store.CheckDate(path, t) != nil || t.IsZero():
		f.failKey(path, "bad-year")
	}
	return t
}

// required parses a date that must be there.
func (f *fields) required(path, s string) time.Time {
	if s == "" {
		f.failKey(path, "bad-missing")
	}
	return f.date(path, s)
}

// moment parses an optional moment.
func (f *fields) moment(path, s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(momentLayout, s)
	switch {
	case err != nil || !momentPattern.MatchString(s):
		f.failKey(path, "bad-moment")
	case store.CheckDate(path, t) != nil || t.IsZero():
		f.failKey(path, "bad-year")
	}
	return t
}

// oneOf checks an enumerated value.
func (f *fields) oneOf(path, s string, allowed ...string) string {
	for _, a := range allowed {
		if s == a {
			return s
		}
	}
	f.failKey(path, "bad-one-of", s, strings.Join(allowed, ", "))
	return s
}

// line checks a one-line text field with the store's own rule (see
// store.CheckLine): no control character or bidi override, at most limit
// characters.
func (f *fields) line(path, s string, limit int) string {
	f.check(store.CheckLine(path, s, limit))
	return s
}

// text checks a text of several lines (see store.CheckText): UTF-8, no
// control character but tab and line breaks, at most limit bytes.
func (f *fields) text(path, s string, limit int) string {
	f.check(store.CheckText(path, s, limit))
	return s
}

func (f *fields) check(err error) {
	var ve *store.ValidationError
	if errors.As(err, &ve) {
		f.fail(ve.Field, problemText(LangEnglish, ve), problemText(LangDutch, ve))
	}
}

var recordKinds = []string{"intake", "plan", "evaluation", "note", "cv", "letter", "email", "other"}

// bundle checks the imported part of d — the client, records,
// appointments and documents — and turns it into a store bundle, taking
// each document from entries and checking it against its size and hash.
func (d *Dossier) bundle(entries map[string]*zip.File) (store.ClientBundle, error) {
	var f fields
	var b store.ClientBundle
	c := d.Client
	if !uidPattern.MatchString(c.ID) {
		f.fail("client.id", "not a caseload client id", "geen cliëntnummer van caseload")
	}
	f.line("client.first_name", c.FirstName, store.MaxName)
	f.line("client.last_name", c.LastName, store.MaxName)
	for _, x := range []struct{ path, s string }{{"client.email", c.Email}, {"client.phone", c.Phone},
		{"client.referral_detail", c.ReferralDetail},
		{"client.representative", c.Representative}, {"client.restricted_reason", c.RestrictedReason},
		{"client.hold_reason", c.HoldReason}} {
		f.line(x.path, x.s, store.MaxLine)
	}
	f.text("client.address", c.Address, store.MaxNotes)
	f.text("client.notes", c.Notes, store.MaxNotes)
	outcome := c.Outcome
	if outcome != "" {
		f.oneOf("client.outcome", outcome, "education", "work", "other", "dropped_out", "unknown")
	}
	b.Client = store.Client{
		UID: c.ID, FirstName: c.FirstName, LastName: c.LastName, Email: c.Email, Phone: c.Phone,
		Address: c.Address, BirthDate: f.date("client.birth_date", c.BirthDate),
		Referral:       store.Referral(f.oneOf("client.referral", c.Referral, "self", "municipality", "school", "other")),
		ReferralDetail: c.ReferralDetail, Representative: c.Representative,
		Status:     store.Status(f.oneOf("client.status", c.Status, "intake", "active", "closed", "rejected")),
		Start:      f.date("client.start", c.Start),
		End:        f.date("client.end", c.End),
		RejectedOn: f.date("client.rejected_on", c.RejectedOn),
		Outcome:    store.Outcome(outcome), Restricted: c.Restricted, RestrictedReason: c.RestrictedReason,
		Hold: c.LegalHold, HoldReason: c.HoldReason, HoldUntil: f.date("client.hold_until", c.HoldUntil),
		Notes: c.Notes, Created: f.moment("client.created", c.Created), Updated: f.moment("client.updated", c.Updated),
		BirthCountry:    f.line("client.birth_country", c.BirthCountry, store.MaxLine),
		Nationality:     f.line("client.nationality", c.Nationality, store.MaxLine),
		ResidenceStatus: f.line("client.residence_status", c.ResidenceStatus, store.MaxLine),
		ArrivalDate:     f.date("client.arrival_date", c.ArrivalDate),
		BSN:             c.BSN,
	}
	if c.Gender != "" {
		b.Client.Gender = store.Gender(f.oneOf("client.gender", c.Gender, "female", "male", "other"))
	}
	if c.MaritalStatus != "" {
		b.Client.MaritalStatus = store.MaritalStatus(f.oneOf("client.marital_status", c.MaritalStatus,
			"single", "married", "registered_partner", "cohabiting", "divorced", "widowed"))
	}
	if c.Children != nil {
		b.Client.Children, b.Client.ChildrenKnown = *c.Children, true
	}
	for i, r := range d.Records {
		p := fmt.Sprintf("records[%d].", i)
		b.Records = append(b.Records, store.Record{
			Kind:  store.RecordKind(f.oneOf(p+"kind", r.Kind, recordKinds...)),
			Title: f.line(p+"title", r.Title, store.MaxLine), Body: f.text(p+"body", r.Body, store.MaxBody),
			Date: f.required(p+"date", r.Date), Special: r.SpecialCategory,
			Created: f.moment(p+"created", r.Created), Updated: f.moment(p+"updated", r.Updated),
		})
	}
	for i, a := range d.Appointments {
		p := fmt.Sprintf("appointments[%d].", i)
		att := f.oneOf(p+"attendance", a.Attendance, "planned", "attended", "cancelled", "no_show")
		if att == "planned" {
			att = string(store.AttendancePlanned)
		}
		start := f.moment(p+"start", a.Start)
		if a.Start == "" {
			f.failKey(p+"start", "bad-missing")
		}
		b.Appointments = append(b.Appointments, store.Appointment{
			Start: start, Minutes: a.Minutes, Place: f.line(p+"place", a.Place, store.MaxLine), Attendance: store.Attendance(att),
			Reason: f.line(p+"reason", a.Reason, store.MaxLine), Notes: f.text(p+"notes", a.Notes, store.MaxNotes),
			Created: f.moment(p+"created", a.Created), Updated: f.moment(p+"updated", a.Updated),
		})
	}
	d.checkComplaints(&f)
	if f.err != nil {
		return b, f.err
	}
	used := map[string]bool{}
	var total int64
	for i, doc := range d.Documents {
		p := fmt.Sprintf("documents[%d].", i)
		kind := f.oneOf(p+"kind", doc.Kind, recordKinds...)
		f.line(p+"name", doc.Name, store.MaxLine)
		if !shaPattern.MatchString(doc.SHA256) {
			f.fail(p+"sha256", "not a SHA-256 hash", "geen SHA-256-hash")
		}
		added := f.moment(p+"added", doc.Added)
		if f.err != nil {
			return b, f.err
		}
		zf := entries[doc.File]
		switch {
		case !strings.HasPrefix(doc.File, filesDir) || zf == nil:
			return b, &FormatError{Entry: entryJSON, Field: p + "file", Problem: "names no file in the zip"}
		case used[doc.File]:
			return b, &FormatError{Entry: entryJSON, Field: p + "file", Problem: "names a file another document names too"}
		case doc.Size < 0 || doc.Size > maxDocSize:
			return b, &FormatError{Entry: entryJSON, Field: p + "size", Problem: "out of range"}
		}
		used[doc.File] = true
		if total += doc.Size; total > maxImportTotal {
			return b, &FormatError{Problem: "the documents are too large together"}
		}
		data, err := readEntry(zf, doc.Size)
		if err != nil {
			return b, err
		}
		sum := sha256.Sum256(data)
		if int64(len(data)) != doc.Size || hex.EncodeToString(sum[:]) != doc.SHA256 {
			return b, &FormatError{Entry: doc.File, Problem: "differs from what dossier.json says of it (size or hash)"}
		}
		b.Documents = append(b.Documents, store.BundleDocument{
			Attachment: store.Attachment{Name: doc.Name, Kind: store.RecordKind(kind), Added: added},
			Data:       data,
		})
	}
	return b, nil
}

// checkComplaints checks the complaints register entries of d. They are
// read back but not imported: like the rights requests, they are the
// exporting practice's accountability and stay with it.
func (d *Dossier) checkComplaints(f *fields) {
	for i, c := range d.Complaints {
		p := fmt.Sprintf("complaints[%d].", i)
		received := f.required(p+"received_on", c.ReceivedOn)
		answered := f.date(p+"answered_on", c.AnsweredOn)
		if strings.TrimSpace(c.Subject) == "" {
			f.failKey(p+"subject", "bad-missing")
		}
		f.line(p+"subject", c.Subject, store.MaxLine)
		f.text(p+"notes", c.Notes, store.MaxNotes)
		outcome := f.oneOf(p+"outcome", c.Outcome, "", "upheld", "partly_upheld", "not_upheld", "withdrawn")
		switch {
		case answered.IsZero() != (outcome == ""):
			f.fail(p+"outcome", "a complaint is answered with its outcome, or open without one",
				"een klacht wordt beantwoord met een uitkomst, of is open zonder")
		case !answered.IsZero() && answered.Before(received):
			f.fail(p+"answered_on", "before the complaint was received", "vóór de klacht binnenkwam")
		}
	}
}
