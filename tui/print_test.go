package tui

import (
	"context"
	"strings"
	"testing"

	"github.com/caseload/caseload/store"
)

// openPrint is the paper screen of Anna, opened with p on her screen.
func openPrint(t *testing.T, s *testStore, lang Lang) *driver {
	t.Helper()
	d := openAnna(t, s, lang)
	d.keys("p")
	if f := top[printForm](t, d); f.client != 1 || !f.loaded {
		t.Fatalf("paper of client %d, loaded %v\n%s", f.client, f.loaded, d.view())
	}
	return d
}

func TestPrintPlanForTheClient(t *testing.T) {
	s := newPeopleStore(t)
	ok(t, s.SavePractice(context.Background(), store.Practice{Name: "Coaching Noord"}))
	d := openPrint(t, s, Dutch)
	view := d.view()
	for _, want := range []string{"Papier maken", "Sjabloon", "Plan van aanpak"} {
		if !strings.Contains(view, want) {
			t.Errorf("form lacks %q:\n%s", want, view)
		}
	}
	if strings.Contains(view, "gegevens van de praktijk zijn leeg") {
		t.Error("warns of empty practice details that are filled in")
	}
	if got := top[printForm](t, d).set.Get("template"); got != "plan" {
		t.Errorf("the form starts on template %q, not the plan", got)
	}
	d.keys("[enter]")
	f := top[printForm](t, d)
	if !f.done {
		t.Fatalf("not done:\n%s", d.view())
	}
	if len(s.papers) != 1 || s.papers[0].Template != "plan" || s.papers[0].Lang != "nl" || s.papers[0].Plain ||
		s.papers[0].Recipient != "" {
		t.Fatalf("papers %+v", s.papers)
	}
	if !strings.Contains(d.view(), testPassphrase) {
		t.Errorf("the passphrase is not shown:\n%s", d.view())
	}
	d.keys("[enter]")
	top[clientScreen](t, d)
	if strings.Contains(d.view(), testPassphrase) {
		t.Error("the passphrase is still on screen")
	}
}

func TestPrintWarnsOfEmptyPracticeDetails(t *testing.T) {
	d := openPrint(t, newPeopleStore(t), English)
	if !strings.Contains(d.view(), "the practice's details are empty") {
		t.Errorf("no warning:\n%s", d.view())
	}
}

func TestPrintReportForTheFunderNeedsARecipient(t *testing.T) {
	s := newPeopleStore(t)
	d := openPrint(t, s, English)
	for top[printForm](t, d).set.Get("template") != "progress" {
		d.keys("[right]")
	}
	if f := top[printForm](t, d); f.set.Get("to") != toOther {
		t.Fatalf("a report for the funder is not for another recipient:\n%s", d.view())
	}
	d.keys("[enter]")
	if len(s.papers) != 0 || !strings.Contains(d.view(), "Fill in who receives") {
		t.Fatalf("printed without a recipient: %+v\n%s", s.papers, d.view())
	}
	d.keys("Gemeente Utrecht[tab][enter]")
	if len(s.papers) != 1 || s.papers[0].Recipient != "Gemeente Utrecht" || s.papers[0].Basis == "" {
		t.Fatalf("papers %+v\n%s", s.papers, d.view())
	}
}

func TestPrintFromAnOpenRecordUsesThatRecord(t *testing.T) {
	s := newPeopleStore(t)
	d := openAnna(t, s, English)
	d.keys("[tab][enter]") // the intake tab's first record
	r := top[recordReader](t, d)
	d.keys("p")
	f := top[printForm](t, d)
	if f.record != r.id || f.client != 1 {
		t.Fatalf("paper of record %d client %d, want record %d", f.record, f.client, r.id)
	}
	d.keys("[esc]x")
	top[exportForm](t, d)
}

// The rights desk offers the letter of the request's step: an open
// request's acknowledgement, about that request.
func TestRequestOffersTheLetterOfItsStep(t *testing.T) {
	s := rightsPeopleStore(t)
	d := openRequests(t, s, Dutch)
	d.keys("[enter]")
	v := top[requestView](t, d)
	d.keys("p")
	f := top[printForm](t, d)
	if f.set.Get("template") != "ack" || f.request != v.id {
		t.Fatalf("letter %q about request %d, want ack about %d", f.set.Get("template"), f.request, v.id)
	}
	d.keys("[enter]")
	if len(s.papers) != 1 || s.papers[0].Template != "ack" || s.papers[0].RequestID != v.id {
		t.Fatalf("papers %+v", s.papers)
	}
	for status, want := range map[store.RequestStatus]string{store.RequestExtended: "extend", store.RequestRefused: "refuse"} {
		_, letter := parseLetterTab(letterRoute(1, store.Request{ID: 7, Status: status}).Tab)
		if letter != want {
			t.Errorf("%s: letter %q, want %q", status, letter, want)
		}
	}
}
