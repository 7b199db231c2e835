package store

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// request adds a request of kind for client c, received on the given day.
func (f *fixture) request(t testing.TB, c Client, kind RequestKind, received string) Request {
	t.Helper()
	r, err := f.s.AddRequest(ctx, Request{ClientID: c.ID, Kind: kind, Received: day(received),
		Channel: ChannelEmail, IdentityChecked: true, IdentityHow: "reply from the e-mail address on file"})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// wantInvalid fails unless err is a ValidationError about field.
func wantInvalid(t testing.TB, err error, field string) {
	t.Helper()
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Field != field {
		t.Errorf("err = %v, want a ValidationError about %s", err, field)
	}
}

func TestRequestDeadlineCountsAsTheLawDoes(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Noor", Status: StatusActive})
	for _, tc := range []struct {
		name, received, due string
	}{
		{"one month, to the last day of a shorter month", "2026-08-31", "2026-09-30"},
		{"an ordinary Friday", "2026-09-16", "2026-10-16"},
		{"a Saturday moves to Monday", "2026-10-21", "2026-11-23"},
		{"a Sunday moves to Monday", "2026-10-22", "2026-11-23"},
		{"King's Day moves to the next day", "2026-03-27", "2026-04-28"},
		{"Christmas and Boxing Day, then the weekend", "2025-11-25", "2025-12-29"},
		{"Liberation Day", "2026-04-05", "2026-05-06"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := f.request(t, c, RequestAccess, tc.received)
			if got := r.Due.Format(dateLayout); got != tc.due || r.Status != RequestOpen {
				t.Errorf("received %s: due %s (%s), want %s (open)", tc.received, got, r.Status, tc.due)
			}
			if stored, _ := f.s.Request(ctx, r.ID); !stored.Due.Equal(r.Due) {
				t.Errorf("stored due %s, returned %s", stored.Due.Format(dateLayout), r.Due.Format(dateLayout))
			}
			if !r.ExtensionNoticeBy().Equal(r.Due) {
				t.Errorf("extension notice by %s, want the end of the first month %s", r.ExtensionNoticeBy().Format(dateLayout), tc.due)
			}
		})
	}
	if d := day("2026-11-21").Weekday(); d != time.Saturday {
		t.Fatalf("the calendar in this test is off: 2026-11-21 is a %s", d)
	}
}

func TestExtendRequest(t *testing.T) {
	for _, tc := range []struct {
		name   string
		today  string
		months int
		reason string
		due    string // empty: refused
		err    error
		field  string
	}{
		{"one month", "2026-11-01", 1, "many requests at once", "2026-12-21", nil, ""},
		{"two months", "2026-11-01", 2, "a complex request", "2027-01-21", nil, ""},
		{"on the last day of the first month", "2026-11-23", 2, "a complex request", "2027-01-21", nil, ""},
		{"the day after the first month", "2026-11-24", 1, "a complex request", "", ErrExtensionTooLate, ""},
		{"no months", "2026-11-01", 0, "a complex request", "", nil, "months"},
		{"three months", "2026-11-01", 3, "a complex request", "", nil, "months"},
		{"a negative extension", "2026-11-01", -1, "a complex request", "", nil, "months"},
		{"without a reason", "2026-11-01", 1, "  ", "", nil, "extension_reason"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.at(day("2026-10-21"))
			c := f.client(t, Client{FirstName: "Noor", Status: StatusActive})
			r := f.request(t, c, RequestAccess, "2026-10-21") // due Monday 2026-11-23
			f.at(day(tc.today))
			got, err := f.s.ExtendRequest(ctx, r.ID, tc.months, tc.reason)
			stored, _ := f.s.Request(ctx, r.ID)
			switch {
			case tc.due != "":
				if err != nil || got.Due.Format(dateLayout) != tc.due || got.Status != RequestExtended ||
					got.ExtendedMonths != tc.months || !got.ExtensionSent.Equal(day(tc.today)) ||
					fmt.Sprint(stored) != fmt.Sprint(got) {
					t.Errorf("ExtendRequest = %+v, %v; stored %+v; want due %s", got, err, stored, tc.due)
				}
			case tc.err != nil:
				if !errors.Is(err, tc.err) {
					t.Errorf("ExtendRequest = %v, want %v", err, tc.err)
				}
			default:
				wantInvalid(t, err, tc.field)
			}
			if tc.due == "" && (stored.Status != RequestOpen || stored.Due.Format(dateLayout) != "2026-11-23") {
				t.Errorf("a refused extension changed the request: %+v", stored)
			}
		})
	}
}

func TestClosedRequestsStayClosed(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Noor", Status: StatusActive})
	r := f.request(t, c, RequestAccess, "2026-11-02")
	got, err := f.s.AnswerRequest(ctx, r.ID, "dossier handed over sealed; passphrase by phone")
	if err != nil || got.Status != RequestAnswered || !got.Answered.Equal(day("2026-11-22")) {
		t.Fatalf("AnswerRequest = %+v, %v", got, err)
	}
	if _, err := f.s.AnswerRequest(ctx, r.ID, "again"); !errors.Is(err, ErrRequestClosed) {
		t.Errorf("answering twice = %v, want ErrRequestClosed", err)
	}
	if _, err := f.s.ExtendRequest(ctx, r.ID, 1, "late"); !errors.Is(err, ErrRequestClosed) {
		t.Errorf("extending an answered request = %v, want ErrRequestClosed", err)
	}
	if _, err := f.s.RefuseRequest(ctx, r.ID, "no"); !errors.Is(err, ErrRequestClosed) {
		t.Errorf("refusing an answered request = %v, want ErrRequestClosed", err)
	}
	if _, err := f.s.AnswerRequest(ctx, 999, "x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("answering an unknown request = %v, want ErrNotFound", err)
	}
}

func TestObjectionAndRefusalNeedTheirReasons(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Noor", Status: StatusActive})
	obj := f.request(t, c, RequestObjection, "2026-11-02")
	_, err := f.s.AnswerRequest(ctx, obj.ID, " ")
	wantInvalid(t, err, "outcome")
	got, err := f.s.AnswerRequest(ctx, obj.ID, "objection upheld: no more progress reports to the school")
	if err != nil || got.Status != RequestAnswered || got.Outcome == "" {
		t.Errorf("AnswerRequest of an objection = %+v, %v", got, err)
	}

	obj2 := f.request(t, c, RequestObjection, "2026-11-03")
	_, err = f.s.RefuseRequest(ctx, obj2.ID, "")
	wantInvalid(t, err, "outcome")
	if got, err := f.s.RefuseRequest(ctx, obj2.ID, "the municipality's reports are a legal obligation"); err != nil ||
		got.Status != RequestRefused || !got.Answered.Equal(day("2026-11-22")) {
		t.Errorf("RefuseRequest = %+v, %v", got, err)
	}
}

func TestIdentityCheck(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Noor", Status: StatusActive})
	for _, tc := range []struct {
		name  string
		r     Request
		field string // empty: valid
	}{
		{"checked, and how", Request{IdentityChecked: true, IdentityHow: "known face at the session of 12-11"}, ""},
		{"not yet checked", Request{}, ""},
		{"checked, but not how", Request{IdentityChecked: true}, "identity_how"},
		{"a BSN", Request{IdentityChecked: true, IdentityHow: "BSN 111222333 matches"}, "identity_how"},
		{"a BSN with dots", Request{IdentityChecked: true, IdentityHow: "bsn 1112.22.333"}, "identity_how"},
		{"a phone number is no BSN", Request{IdentityChecked: true, IdentityHow: "called back on 0612345678"}, ""},
		{"a date is no BSN", Request{IdentityChecked: true, IdentityHow: "seen on 01.03.2026 at 10.30"}, ""},
		{"nine digits failing the eleven test", Request{IdentityChecked: true, IdentityHow: "ticket 123456789"}, ""},
		{"no channel", Request{Channel: "-"}, "channel"},
		{"an unknown kind", Request{Kind: "complaint"}, "kind"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.r
			r.ClientID, r.Received = c.ID, day("2026-11-02")
			if r.Kind == "" {
				r.Kind = RequestAccess
			}
			if r.Channel == "" {
				r.Channel = ChannelLetter
			} else if r.Channel == "-" {
				r.Channel = ""
			}
			_, err := f.s.AddRequest(ctx, r)
			if tc.field == "" && err != nil {
				t.Errorf("AddRequest = %v", err)
			} else if tc.field != "" {
				wantInvalid(t, err, tc.field)
			}
		})
	}

	// Access, portability and erasure wait for the check; the others do not.
	r, err := f.s.AddRequest(ctx, Request{ClientID: c.ID, Kind: RequestPortability, Received: day("2026-11-02"), Channel: ChannelPhone})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.AnswerRequest(ctx, r.ID, "sent"); !errors.Is(err, ErrIdentityNotChecked) {
		t.Errorf("answering an unchecked portability request = %v, want ErrIdentityNotChecked", err)
	}
	r.IdentityChecked, r.IdentityHow = true, "called back on the number on file"
	if _, err := f.s.UpdateRequest(ctx, r); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.AnswerRequest(ctx, r.ID, "sent"); err != nil {
		t.Errorf("answering after the check = %v", err)
	}
	rect, err := f.s.AddRequest(ctx, Request{ClientID: c.ID, Kind: RequestRectification, Received: day("2026-11-02"), Channel: ChannelInPerson})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.AnswerRequest(ctx, rect.ID, "address corrected"); err != nil {
		t.Errorf("answering a rectification = %v", err)
	}
	if _, err := f.s.AddRequest(ctx, Request{ClientID: c.ID, Kind: RequestAccess, Received: day("2026-11-23"), Channel: ChannelEmail}); err == nil {
		t.Error("a request received tomorrow was accepted")
	}
}

func TestUpdateRequestMovesTheDeadlineWithTheDate(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Noor", Status: StatusActive})
	r := f.request(t, c, RequestAccess, "2026-11-02")
	if _, err := f.s.ExtendRequest(ctx, r.ID, 2, "complex"); err != nil {
		t.Fatal(err)
	}
	r.Received = day("2026-10-31") // in the letterbox on Saturday: three months end on Sunday 31 January
	r.Status, r.Due, r.Notes = RequestAnswered, time.Time{}, "posted on Friday"
	got, err := f.s.UpdateRequest(ctx, r)
	if err != nil || got.Status != RequestExtended || got.Due.Format(dateLayout) != "2027-02-01" || got.ExtendedMonths != 2 {
		t.Errorf("UpdateRequest = %+v, %v; want still extended, due 2027-02-01", got, err)
	}
	r.ClientID = f.client(t, Client{FirstName: "Other", Status: StatusActive}).ID
	_, err = f.s.UpdateRequest(ctx, r)
	wantInvalid(t, err, "client")
}

// disclose records a disclosure on a basis that needs no consent.
func (f *fixture) disclose(t testing.TB, c Client, recipient, on string) {
	t.Helper()
	if _, err := f.s.AddDisclosure(ctx, Disclosure{ClientID: c.ID, Recipient: recipient, What: "progress report",
		Date: day(on), Basis: LegalBasisLegalObligation}); err != nil {
		t.Fatal(err)
	}
}

func TestNotifyListAfterRectification(t *testing.T) {
	f := newFixture(t)
	f.at(day("2026-10-01"))
	c := f.client(t, Client{FirstName: "Ayla", LastName: "Vermeer", Status: StatusActive})
	other := f.client(t, Client{FirstName: "Sem", Status: StatusActive})
	if _, err := f.s.AddConsent(ctx, Consent{ClientID: c.ID, Purpose: "study grant", Recipient: "Studiefonds Utrecht",
		Given: day("2026-02-01")}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.AddDisclosure(ctx, Disclosure{ClientID: c.ID, Recipient: "Studiefonds Utrecht", What: "plan",
		Date: day("2026-03-01"), Basis: LegalBasisConsent}); err != nil {
		t.Fatal(err)
	}
	f.disclose(t, c, "Gemeente Utrecht", "2026-04-01")
	f.disclose(t, c, "gemeente  utrecht ", "2026-06-01") // the same municipality
	f.disclose(t, c, "UWV", "2026-09-30")
	f.disclose(t, other, "ROC Midden Nederland", "2026-05-01") // another client's recipient

	f.at(day("2026-11-02"))
	req := f.request(t, c, RequestRectification, "2026-11-02")
	if _, err := f.s.SaveRecord(ctx, Record{ClientID: c.ID, Kind: KindIntake, Title: "Intake",
		Body: "Adres gecorrigeerd.", Date: day("2026-01-10")}); err != nil {
		t.Fatal(err)
	}
	list, err := f.s.NotifyList(ctx, req.ID)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, n := range list {
		names = append(names, n.Recipient)
		if !n.Notified.IsZero() || n.RequestID != req.ID {
			t.Errorf("notice %+v", n)
		}
	}
	if want := "[Studiefonds Utrecht Gemeente Utrecht UWV]"; fmt.Sprint(names) != want {
		t.Errorf("NotifyList = %v, want exactly %s", names, want)
	}

	// Asking again gives the same list, with the same ids, and does not
	// seal the vault: the list rides along with the next save.
	seals := f.seal.seals
	again, _ := f.s.NotifyList(ctx, req.ID)
	if fmt.Sprint(again) != fmt.Sprint(list) {
		t.Errorf("NotifyList again = %+v, want %+v", again, list)
	}
	if f.seal.seals != seals {
		t.Error("NotifyList sealed the vault")
	}

	if err := f.s.MarkNotified(ctx, list[1].ID); err != nil {
		t.Fatal(err)
	}
	f.at(day("2026-11-05"))
	if err := f.s.MarkNotified(ctx, list[1].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.AnswerRequest(ctx, req.ID, "address corrected in the intake"); err != nil {
		t.Fatal(err)
	}
	// A disclosure after the rectification carried the corrected data.
	f.at(day("2026-11-10"))
	f.disclose(t, c, "Leerplicht Utrecht", "2026-11-10")
	list, err = f.s.NotifyList(ctx, req.ID)
	if err != nil || len(list) != 3 || !list[1].Notified.Equal(day("2026-11-02")) || !list[0].Notified.IsZero() {
		t.Errorf("NotifyList after the answer = %+v, %v", list, err)
	}
	if err := f.s.MarkNotified(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("MarkNotified of an unknown notice = %v", err)
	}
	access := f.request(t, c, RequestAccess, "2026-11-10")
	_, err = f.s.NotifyList(ctx, access.ID)
	wantInvalid(t, err, "kind")

	log, _ := f.s.Audit(ctx, 0, 0)
	for _, e := range log {
		if strings.Contains(e.Detail, "Ayla") || strings.Contains(e.Detail, "Utrecht") || strings.Contains(e.Detail, "UWV") {
			t.Errorf("audit line names the client or a recipient: %+v", e)
		}
	}
}

func TestErasureRequest(t *testing.T) {
	f := newFixture(t)
	f.at(day("2026-06-01"))
	c := f.client(t, Client{FirstName: "Sem", Status: StatusActive, Start: day("2026-01-05")})
	f.disclose(t, c, "Gemeente Utrecht", "2026-05-01")
	if _, err := f.s.AddInvoice(ctx, Invoice{ClientID: c.ID, Number: "2026-010", Date: day("2026-02-01"),
		AmountCents: 30000, Debtor: "Gemeente Utrecht"}); err != nil {
		t.Fatal(err)
	}
	f.at(day("2026-11-02"))
	r, err := f.s.AddRequest(ctx, Request{ClientID: c.ID, Kind: RequestErasure, Received: day("2026-11-02"), Channel: ChannelLetter})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.PlanErasure(ctx, r.ID); !errors.Is(err, ErrIdentityNotChecked) {
		t.Errorf("PlanErasure before the identity check = %v", err)
	}
	r.IdentityChecked, r.IdentityHow = true, "signature matches the intake form"
	if _, err := f.s.UpdateRequest(ctx, r); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.PlanErasure(ctx, r.ID); !errors.Is(err, ErrNoticesPending) {
		t.Errorf("PlanErasure before the municipality was told = %v", err)
	}
	list, err := f.s.NotifyList(ctx, r.ID)
	if err != nil || len(list) != 1 {
		t.Fatalf("NotifyList = %+v, %v", list, err)
	}
	if err := f.s.MarkNotified(ctx, list[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetHold(ctx, c.ID, true, "court case", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.PlanErasure(ctx, r.ID); !errors.Is(err, ErrOnHold) {
		t.Errorf("PlanErasure under a legal hold = %v, want ErrOnHold", err)
	}
	if err := f.s.SetHold(ctx, c.ID, false, "", time.Time{}); err != nil {
		t.Fatal(err)
	}
	plan, err := f.s.PlanErasure(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !plan.Override || plan.ClientID != c.ID || plan.Requests != 1 || plan.Disclosures != 1 ||
		plan.InvoicesKept != 1 || !plan.InvoicesKeptUntil.Equal(day("2033-02-01")) {
		t.Errorf("erasure plan = %+v", plan)
	}
	if _, err := f.s.Purge(ctx, plan); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Request(ctx, r.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("the request outlived the erasure: %v", err)
	}
	access := f.request(t, f.client(t, Client{FirstName: "Noor", Status: StatusActive}), RequestAccess, "2026-11-02")
	_, err = f.s.PlanErasure(ctx, access.ID)
	wantInvalid(t, err, "kind")
}

func TestRestrictionRequest(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Noor", Status: StatusActive})
	access := f.request(t, c, RequestAccess, "2026-11-02")
	wantInvalid(t, f.s.RestrictFromRequest(ctx, access.ID, "accuracy contested"), "kind")
	r := f.request(t, c, RequestRestriction, "2026-11-02")
	wantInvalid(t, f.s.RestrictFromRequest(ctx, r.ID, ""), "restricted_reason")
	if err := f.s.RestrictFromRequest(ctx, r.ID, "accuracy of the intake contested"); err != nil {
		t.Fatal(err)
	}
	got, _ := f.s.Client(ctx, c.ID)
	if !got.Restricted || got.RestrictedReason != "accuracy of the intake contested" {
		t.Errorf("client after RestrictFromRequest = %+v", got)
	}
	if _, err := f.s.AddDisclosure(ctx, Disclosure{ClientID: c.ID, Recipient: "UWV", What: "report",
		Date: day("2026-11-22"), Basis: LegalBasisLegalObligation}); !errors.Is(err, ErrRestricted) {
		t.Errorf("a disclosure of a restricted client = %v, want ErrRestricted", err)
	}
	// Rights are exercised against a restricted dossier too.
	if _, err := f.s.AddRequest(ctx, Request{ClientID: c.ID, Kind: RequestAccess, Received: day("2026-11-20"), Channel: ChannelEmail}); err != nil {
		t.Errorf("a request of a restricted client = %v", err)
	}
	if _, err := f.s.AnswerRequest(ctx, r.ID, "restricted until the intake is checked"); err != nil {
		t.Error(err)
	}
}

func TestConsentWithdrawalRequest(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Noor", Status: StatusActive})
	other := f.client(t, Client{FirstName: "Sem", Status: StatusActive})
	cons, err := f.s.AddConsent(ctx, Consent{ClientID: c.ID, Purpose: "grant", Recipient: "Studiefonds", Given: day("2026-01-01")})
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := f.s.AddConsent(ctx, Consent{ClientID: other.ID, Purpose: "grant", Recipient: "Studiefonds", Given: day("2026-01-01")})
	if err != nil {
		t.Fatal(err)
	}
	r := f.request(t, c, RequestConsentWithdrawal, "2026-11-20")
	_, err = f.s.WithdrawConsentFromRequest(ctx, r.ID, theirs.ID)
	wantInvalid(t, err, "consent")
	got, err := f.s.WithdrawConsentFromRequest(ctx, r.ID, cons.ID)
	if err != nil || !got.Withdrawn.Equal(day("2026-11-22")) {
		t.Errorf("WithdrawConsentFromRequest = %+v, %v; want withdrawn today", got, err)
	}
	if _, err := f.s.AnswerRequest(ctx, r.ID, "consent withdrawn; nothing more goes to the fund"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.WithdrawConsentFromRequest(ctx, r.ID, cons.ID); !errors.Is(err, ErrRequestClosed) {
		t.Errorf("acting on an answered request = %v", err)
	}
}
