package dossier

import (
	"fmt"
	"time"

	"github.com/caseload/caseload/store"
)

// Schema names the version of dossier.json this package writes and reads.
// A reader that meets another value must not guess: a v2 may mean
// something else by the same field.
const Schema = "caseload.dossier/v1"

// Dossier is dossier.json: everything the caseload holds about one client,
// structured for another program. docs/dossier-format.md describes every
// field; schema/dossier.v1.json is its JSON Schema.
//
// Dates are ISO 8601 calendar dates (2026-01-31); moments are ISO 8601
// local date-times without an offset (2026-01-31T14:30:00), the practice's
// wall clock, as the caseload keeps them. Optional dates are left out when
// they are not set. The client's id is stable across exports and imports;
// the items under the client have none, since another vault numbers them
// anew.
type Dossier struct {
	Schema string `json:"schema"`
	// Export and Controller describe this export: when, for whom, by which
	// practice. They differ between two exports of the same data.
	Export     ExportInfo `json:"export"`
	Controller Controller `json:"controller"`
	Client     Client     `json:"client"`
	// Categories are the kinds of personal data the dossier holds (AVG
	// art. 15(1)(b)), as keys: see docs/dossier-format.md.
	Categories   []string      `json:"categories"`
	Records      []Record      `json:"records"`
	Appointments []Appointment `json:"appointments"`
	Documents    []Document    `json:"documents"`
	// Consents, Disclosures, Requests and Invoices are the practice's own
	// accountability about the client. An import leaves them with the
	// practice that exported them.
	Consents    []Consent       `json:"consents"`
	Disclosures []Disclosure    `json:"disclosures"`
	Requests    []RightsRequest `json:"requests"`
	// Complaints are the client's entries in the practice's complaints
	// register, oldest first; absent when there are none, so a file
	// without them reads in a caseload that predates them.
	Complaints []Complaint `json:"complaints,omitempty"`
	Invoices   []Invoice   `json:"invoices"`
	Retention  []Retention `json:"retention"`
	// Omitted lists the records left out of this copy and why (AVG art.
	// 15(4)); absent when nothing was left out.
	Omitted []Omitted `json:"omitted,omitempty"`
}

// ExportInfo says when, by what and for whom the file was made.
type ExportInfo struct {
	ExportedAt string `json:"exported_at"`
	// Language is the language of dossier.html and README.txt: nl or en.
	Language string `json:"language"`
	// Recipient is who the file is for, as the disclosure log shows it.
	Recipient string `json:"recipient"`
	// ToClient is set when the file is for the client themself.
	ToClient bool `json:"to_client"`
	// Basis is the legal ground (AVG art. 6(1)) the data leaves on.
	Basis string `json:"basis"`
	// Sealing is how the file was sealed: passphrase, public_key or none.
	Sealing  string `json:"sealing"`
	Software string `json:"software"`
}

// Controller is the practice that keeps the dossier (the controller in
// the sense of the AVG) and how to reach it.
type Controller struct {
	Name            string `json:"name"`
	Address         string `json:"address"`
	Email           string `json:"email"`
	Phone           string `json:"phone"`
	KvK             string `json:"kvk"`
	DPOContact      string `json:"dpo_contact"`
	Purposes        string `json:"purposes"`
	LegalBases      string `json:"legal_bases"`
	UsualRecipients string `json:"usual_recipients"`
}

// Client is the person the dossier is about.
type Client struct {
	// ID is the client's stable id: the same in every export, and kept
	// by an import, which refuses a second import of the same id.
	ID               string `json:"id"`
	FirstName        string `json:"first_name"`
	LastName         string `json:"last_name"`
	Email            string `json:"email"`
	Phone            string `json:"phone"`
	Address          string `json:"address"`
	BirthDate        string `json:"birth_date,omitempty"`
	Referral         string `json:"referral"`
	ReferralDetail   string `json:"referral_detail"`
	Representative   string `json:"representative"`
	Status           string `json:"status"`
	Start            string `json:"start,omitempty"`
	End              string `json:"end,omitempty"`
	RejectedOn       string `json:"rejected_on,omitempty"`
	Outcome          string `json:"outcome,omitempty"`
	Restricted       bool   `json:"restricted"`
	RestrictedReason string `json:"restricted_reason"`
	LegalHold        bool   `json:"legal_hold"`
	HoldReason       string `json:"hold_reason"`
	HoldUntil        string `json:"hold_until,omitempty"`
	Notes            string `json:"notes"`
	Created          string `json:"created"`
	Updated          string `json:"updated"`

	// The optional fields (store.ClientFields), present when they hold a
	// value. BSN is present only when the coach ticked it for this export.
	Gender          string `json:"gender,omitempty"`
	MaritalStatus   string `json:"marital_status,omitempty"`
	Children        *int   `json:"children,omitempty"`
	BirthCountry    string `json:"birth_country,omitempty"`
	Nationality     string `json:"nationality,omitempty"`
	ResidenceStatus string `json:"residence_status,omitempty"`
	ArrivalDate     string `json:"arrival_date,omitempty"`
	BSN             string `json:"bsn,omitempty"`
}

// Record is a text of the dossier.
type Record struct {
	Kind  string `json:"kind"`
	Title string `json:"title"`
	Date  string `json:"date"`
	// SpecialCategory marks special-category data (AVG art. 9: health and
	// the like). It is the client's own data and is included in full.
	SpecialCategory bool   `json:"special_category"`
	Body            string `json:"body"`
	Created         string `json:"created"`
	Updated         string `json:"updated"`
}

// Appointment is a session with the client.
type Appointment struct {
	Start   string `json:"start"`
	Minutes int    `json:"minutes"`
	Place   string `json:"place"`
	// Attendance is planned, attended, cancelled or no_show.
	Attendance string `json:"attendance"`
	Reason     string `json:"reason"`
	Notes      string `json:"notes"`
	Created    string `json:"created"`
	Updated    string `json:"updated"`
}

// Document is an attachment; its contents are the zip entry File.
type Document struct {
	// Name is the document's name as the coach added it.
	Name string `json:"name"`
	// File is the path of its contents in the zip: files/ and the name,
	// made unique.
	File   string `json:"file"`
	Kind   string `json:"kind"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
	Added  string `json:"added"`
}

// Consent is a permission the client (or their representative) gave to
// share their data.
type Consent struct {
	Purpose     string `json:"purpose"`
	Recipient   string `json:"recipient"`
	GivenOn     string `json:"given_on"`
	GivenBy     string `json:"given_by"`
	WithdrawnOn string `json:"withdrawn_on,omitempty"`
	Notes       string `json:"notes"`
}

// Disclosure is one entry of the disclosure log.
type Disclosure struct {
	Recipient   string `json:"recipient"`
	What        string `json:"what"`
	DisclosedOn string `json:"disclosed_on"`
	Basis       string `json:"basis"`
	Notes       string `json:"notes"`
}

// RightsRequest is a rights request of the client and how it was handled.
type RightsRequest struct {
	Kind            string `json:"kind"`
	ReceivedOn      string `json:"received_on"`
	Channel         string `json:"channel"`
	IdentityChecked bool   `json:"identity_checked"`
	IdentityHow     string `json:"identity_how"`
	Status          string `json:"status"`
	DueOn           string `json:"due_on"`
	ExtendedMonths  int    `json:"extended_months"`
	ExtensionReason string `json:"extension_reason"`
	ExtensionSentOn string `json:"extension_sent_on,omitempty"`
	AnsweredOn      string `json:"answered_on,omitempty"`
	Outcome         string `json:"outcome"`
	Notes           string `json:"notes"`
}

// Complaint is a complaint of the client about how their data were
// handled, and what became of it.
type Complaint struct {
	ReceivedOn string `json:"received_on"`
	Subject    string `json:"subject"`
	// AnsweredOn and Outcome are set once the complaint is closed; the
	// outcome is upheld, partly_upheld, not_upheld or withdrawn, and
	// empty while the complaint is open.
	AnsweredOn string `json:"answered_on,omitempty"`
	Outcome    string `json:"outcome"`
	Notes      string `json:"notes"`
}

// Invoice is a bill for the coaching.
type Invoice struct {
	Number      string `json:"number"`
	Date        string `json:"date"`
	AmountCents int64  `json:"amount_cents"`
	Currency    string `json:"currency"`
	Debtor      string `json:"debtor"`
	Description string `json:"description"`
	KeepUntil   string `json:"keep_until"`
}

// Retention is how long one category of the client's data is kept
// (AVG art. 15(1)(d)).
type Retention struct {
	Category string `json:"category"`
	// Name is an item category's name, in the export's language; absent
	// for the fixed dossier, rejected_intake and invoice.
	Name   string `json:"name,omitempty"`
	Basis  string `json:"basis"`
	Months int    `json:"months"`
	Reason string `json:"reason"`
	// Applies is set when the category governs the client's data now.
	Applies bool `json:"applies"`
	// Until is the day the data is due for deletion; left out while the
	// event the period counts from has not happened.
	Until     string `json:"until,omitempty"`
	LegalHold bool   `json:"legal_hold"`
}

// The layouts of dates and moments in dossier.json.
const (
	dateLayout   = "2006-01-02"
	momentLayout = "2006-01-02T15:04:05"
)

func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(dateLayout)
}

func isoMoment(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(momentLayout)
}

// attendanceKey is the attendance as dossier.json writes it: the store's
// empty "not yet" reads as planned.
func attendanceKey(a store.Attendance) string {
	if a == store.AttendancePlanned {
		return "planned"
	}
	return string(a)
}

// fromStore builds dossier.json's content from a dossier read from the
// store. docs are the documents' zip paths and hashes, in order.
func fromStore(d *store.ClientDossier, ex ExportInfo, docs []Document) Dossier {
	c := d.Client
	out := Dossier{
		Schema: Schema,
		Export: ex,
		Controller: Controller{Name: d.Practice.Name, Address: d.Practice.Address, Email: d.Practice.Email,
			Phone: d.Practice.Phone, KvK: d.Practice.KvK, DPOContact: d.Practice.DPOContact,
			Purposes: d.Practice.Purposes, LegalBases: d.Practice.LegalBases, UsualRecipients: d.Practice.Recipients},
		Client: Client{ID: c.UID, FirstName: c.FirstName, LastName: c.LastName, Email: c.Email, Phone: c.Phone,
			Address: c.Address, BirthDate: isoDate(c.BirthDate), Referral: string(c.Referral),
			ReferralDetail: c.ReferralDetail, Representative: c.Representative, Status: string(c.Status),
			Start: isoDate(c.Start), End: isoDate(c.End), RejectedOn: isoDate(c.RejectedOn),
			Outcome: string(c.Outcome), Restricted: c.Restricted, RestrictedReason: c.RestrictedReason,
			LegalHold: c.Hold, HoldReason: c.HoldReason, HoldUntil: isoDate(c.HoldUntil), Notes: c.Notes,
			Created: isoMoment(c.Created), Updated: isoMoment(c.Updated),
			Gender: string(c.Gender), MaritalStatus: string(c.MaritalStatus), Children: children(c),
			BirthCountry: c.BirthCountry, Nationality: c.Nationality, ResidenceStatus: c.ResidenceStatus,
			ArrivalDate: isoDate(c.ArrivalDate), BSN: c.BSN},
		Categories:   categories(d),
		Records:      []Record{},
		Appointments: []Appointment{},
		Documents:    docs,
		Consents:     []Consent{},
		Disclosures:  []Disclosure{},
		Requests:     []RightsRequest{},
		Invoices:     []Invoice{},
		Retention:    []Retention{},
	}
	if out.Documents == nil {
		out.Documents = []Document{}
	}
	for _, r := range d.Records {
		out.Records = append(out.Records, Record{Kind: string(r.Kind), Title: r.Title, Date: isoDate(r.Date),
			SpecialCategory: r.Special, Body: r.Body, Created: isoMoment(r.Created), Updated: isoMoment(r.Updated)})
	}
	for _, a := range d.Appointments {
		out.Appointments = append(out.Appointments, Appointment{Start: isoMoment(a.Start), Minutes: a.Minutes,
			Place: a.Place, Attendance: attendanceKey(a.Attendance), Reason: a.Reason, Notes: a.Notes,
			Created: isoMoment(a.Created), Updated: isoMoment(a.Updated)})
	}
	for _, x := range d.Consents {
		out.Consents = append(out.Consents, Consent{Purpose: x.Purpose, Recipient: x.Recipient,
			GivenOn: isoDate(x.Given), GivenBy: string(x.GivenBy), WithdrawnOn: isoDate(x.Withdrawn), Notes: x.Notes})
	}
	for _, x := range d.Disclosures {
		out.Disclosures = append(out.Disclosures, Disclosure{Recipient: x.Recipient, What: x.What,
			DisclosedOn: isoDate(x.Date), Basis: string(x.Basis), Notes: x.Notes})
	}
	for _, x := range d.Requests {
		out.Requests = append(out.Requests, RightsRequest{Kind: string(x.Kind), ReceivedOn: isoDate(x.Received),
			Channel: string(x.Channel), IdentityChecked: x.IdentityChecked, IdentityHow: x.IdentityHow,
			Status: string(x.Status), DueOn: isoDate(x.Due), ExtendedMonths: x.ExtendedMonths,
			ExtensionReason: x.ExtensionReason, ExtensionSentOn: isoDate(x.ExtensionSent),
			AnsweredOn: isoDate(x.Answered), Outcome: x.Outcome, Notes: x.Notes})
	}
	for _, x := range d.Complaints {
		out.Complaints = append(out.Complaints, Complaint{ReceivedOn: isoDate(x.Received), Subject: x.Subject,
			AnsweredOn: isoDate(x.Answered), Outcome: string(x.Outcome), Notes: x.Notes})
	}
	for _, x := range d.Invoices {
		out.Invoices = append(out.Invoices, Invoice{Number: x.Number, Date: isoDate(x.Date),
			AmountCents: x.AmountCents, Currency: "EUR", Debtor: x.Debtor, Description: x.Description,
			KeepUntil: isoDate(x.KeepUntil)})
	}
	for _, x := range d.Retention {
		out.Retention = append(out.Retention, Retention{Category: string(x.Policy.Category),
			Name:  x.Policy.NameText(ex.Language),
			Basis: string(x.Policy.Basis), Months: x.Policy.Months, Reason: x.Policy.ReasonText(ex.Language), Applies: x.Applies,
			Until: isoDate(x.Until), LegalHold: x.Hold})
	}
	return out
}

// The category keys of Dossier.Categories, in the order the report lists
// them.
const (
	CategoryIdentity       = "identity"         // name
	CategoryContact        = "contact"          // e-mail, phone, address
	CategoryBirthDate      = "birth_date"       // birth date
	CategoryRepresentative = "representative"   // legal representative of a minor
	CategoryReferral       = "referral"         // who referred the client
	CategoryTrajectory     = "trajectory"       // status, dates, outcome, restriction, hold
	CategoryRecords        = "records"          // texts about the coaching
	CategorySpecial        = "special_category" // special-category data (art. 9)
	CategoryAppointments   = "appointments"     // sessions and attendance
	CategoryDocuments      = "documents"        // attachments
	CategoryConsents       = "consents"         // consents given
	CategoryDisclosures    = "disclosures"      // what was shared with whom
	CategoryRequests       = "requests"         // rights requests
	CategoryComplaints     = "complaints"       // complaints about the handling of the data
	CategoryInvoices       = "invoices"         // billing
	CategoryPersonal       = "personal_details" // gender, family, origin, residence (optional fields)
	CategoryBSN            = "bsn"              // the BSN, when the copy holds it
)

// children is the number of children for dossier.json: absent when not
// recorded.
func children(c store.Client) *int {
	if !c.ChildrenKnown {
		return nil
	}
	n := c.Children
	return &n
}

// categories lists the kinds of data d actually holds.
func categories(d *store.ClientDossier) []string {
	c := d.Client
	special := false
	for _, r := range d.Records {
		special = special || r.Special
	}
	var out []string
	for _, x := range []struct {
		key string
		has bool
	}{
		{CategoryIdentity, true},
		{CategoryContact, c.Email != "" || c.Phone != "" || c.Address != ""},
		{CategoryBirthDate, !c.BirthDate.IsZero()},
		{CategoryRepresentative, c.Representative != ""},
		{CategoryReferral, true},
		{CategoryTrajectory, true},
		{CategoryRecords, len(d.Records) > 0},
		{CategorySpecial, special},
		{CategoryAppointments, len(d.Appointments) > 0},
		{CategoryDocuments, len(d.Documents) > 0},
		{CategoryConsents, len(d.Consents) > 0},
		{CategoryDisclosures, len(d.Disclosures) > 0},
		{CategoryRequests, len(d.Requests) > 0},
		{CategoryComplaints, len(d.Complaints) > 0},
		{CategoryInvoices, len(d.Invoices) > 0},
		{CategoryPersonal, c.Gender != "" || c.MaritalStatus != "" || c.ChildrenKnown || c.BirthCountry != "" ||
			c.Nationality != "" || c.ResidenceStatus != "" || !c.ArrivalDate.IsZero()},
		{CategoryBSN, c.BSN != ""},
	} {
		if x.has {
			out = append(out, x.key)
		}
	}
	return out
}

// FormatError says what is wrong in a dossier file: which entry, which
// field, and why.
type FormatError struct {
	// Entry is the zip entry (dossier.json, files/…), or "" for the zip.
	Entry string
	// Field is the JSON path of the field (records[2].date), or "".
	Field   string
	Problem string
	// ProblemNL is Problem in Dutch, where there is one.
	ProblemNL string
}

func (e *FormatError) Error() string { return e.Text(LangEnglish) }

// Text is the error in lang (LangDutch or LangEnglish): the entry, the
// field and the problem.
func (e *FormatError) Text(lang string) string {
	problem := e.Problem
	if lang == LangDutch && e.ProblemNL != "" {
		problem = e.ProblemNL
	}
	switch {
	case e.Entry == "":
		return problem
	case e.Field == "":
		return e.Entry + ": " + problem
	}
	return fmt.Sprintf("%s: %s: %s", e.Entry, e.Field, problem)
}
