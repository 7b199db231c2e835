package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

func TestParseDate(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want time.Time
		p    kit.DateProblem
	}{
		{"", time.Time{}, kit.DateOK},
		{"2026-01-31", day(2026, 1, 31), kit.DateOK},
		{"31-01-2026", day(2026, 1, 31), kit.DateOK},
		{"1-2-2026", day(2026, 2, 1), kit.DateOK},
		{"31/01/2026", day(2026, 1, 31), kit.DateOK},
		{"31.01.2026", day(2026, 1, 31), kit.DateOK},
		{" 2024-02-29 ", day(2024, 2, 29), kit.DateOK},
		{"2025-02-29", time.Time{}, kit.DateImpossible},
		{"31-02-2026", time.Time{}, kit.DateImpossible},
		{"2026-13-01", time.Time{}, kit.DateImpossible},
		{"00-01-2026", time.Time{}, kit.DateImpossible},
		{"31-01-0026", time.Time{}, kit.DateYear},
		{"31-01-1026", time.Time{}, kit.DateYear},
		{"31-01-26", time.Time{}, kit.DateFormat},
		{"31 januari 2026", time.Time{}, kit.DateFormat},
		{"2026-1-31-1", time.Time{}, kit.DateFormat},
		{"morgen", time.Time{}, kit.DateFormat},
	} {
		got, p := kit.ParseDate(tt.in)
		if p != tt.p || !got.Equal(tt.want) {
			t.Errorf("parseDate(%q) = %v, %d; want %v, %d", tt.in, got, p, tt.want, tt.p)
		}
	}
}

func TestImpossibleDateSavesNothing(t *testing.T) {
	s := newPeopleStore(t)
	d, _, _ := unlocked(t, s, English, 100, 30)
	d.keys("nNoor[tab][tab][tab][tab]31-02-2010[ctrl+s]")
	f := top[clientForm](t, d)
	if s.count("CreateClient") != 0 {
		t.Fatal("a client with an impossible birth date was saved")
	}
	if f.Focused().ID != "birth_date" || !strings.Contains(f.Focused().Err, "not a day in the calendar") {
		t.Errorf("focus on %s with %q", f.Focused().ID, f.Focused().Err)
	}
	d.keys("[backspace][backspace][backspace][backspace][backspace][backspace][backspace][backspace][backspace][backspace]")
	if f := top[clientForm](t, d); f.Focused().Err != "" {
		t.Error("the error stays while the date is retyped")
	}
}

func TestValidationShownUnderField(t *testing.T) {
	s := newPeopleStore(t)
	d, _, _ := unlocked(t, s, English, 100, 30)
	// Closing a trajectory fills in today as its end and asks the outcome.
	d.keys("nNoor[tab][tab][tab][tab][tab][tab][tab][tab][right][right][ctrl+s]")
	f := top[clientForm](t, d)
	if got := f.Get("status"); got != string(store.StatusClosed) {
		t.Fatalf("status = %q", got)
	}
	if f.Get("end") != "2026-01-22" {
		t.Errorf("end = %q, want today", f.Get("end"))
	}
	if f.Focused().ID != "outcome" || f.Focused().Err == "" {
		t.Errorf("focus on %s (%q), want outcome with an error", f.Focused().ID, f.Focused().Err)
	}
	// An end before the start is refused under the end field.
	d.keys("[right][shift+tab][ctrl+u]2026-01-01[ctrl+s]")
	f = top[clientForm](t, d)
	if f.Focused().ID != "end" || !strings.Contains(f.Focused().Err, "not before the start") {
		t.Errorf("focus on %s (%q), want end with an error", f.Focused().ID, f.Focused().Err)
	}
	if s.count("CreateClient") != 0 {
		t.Error("an invalid client reached the store")
	}
	d.keys("[ctrl+u]2026-01-31[ctrl+s]")
	top[caseloadModel](t, d)
	if s.count("CreateClient") != 1 {
		t.Error("the corrected client was not saved")
	}
}

func TestRejectedAsksForDate(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), Dutch, 100, 30)
	d.keys("nNoor[shift+tab][shift+tab][shift+tab][shift+tab][shift+tab][left]")
	f := top[clientForm](t, d)
	if f.Get("status") != string(store.StatusRejected) {
		t.Fatalf("status = %q", f.Get("status"))
	}
	i := f.Index("rejected_on")
	if f.Fields[i].Hidden || f.Get("rejected_on") != "22-01-2026" {
		t.Errorf("rejection date hidden or not today: %q", f.Get("rejected_on"))
	}
	d.keys("[ctrl+s]")
	top[caseloadModel](t, d)
}

func TestUnder16Hint(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
	d.keys("nNoor[tab][tab][tab][tab]2012-05-03")
	if !strings.Contains(d.view(), "Under 16 (age 13): name a parent or guardian.") {
		t.Errorf("no under-16 hint:\n%s", d.view())
	}
	d.keys("[backspace]2[tab][tab][tab]Els Jansen")
	if !strings.Contains(d.view(), "the representative decides too") {
		t.Errorf("hint not softened once a representative is named:\n%s", d.view())
	}
	d.keys("[shift+tab][shift+tab][shift+tab][backspace][backspace][backspace][backspace][backspace][backspace][backspace][backspace][backspace][backspace]2000-05-03")
	if strings.Contains(d.view(), "Under 16") {
		t.Error("hint shown for an adult")
	}
}

func TestRestrictedClientIsReadOnly(t *testing.T) {
	c := people()[0]
	c.Restricted, c.RestrictedReason = true, "bezwaar"
	s := newStoreWith(t, c)
	d, _, _ := unlocked(t, s, English, 100, 30)
	d.keys("[enter]")
	v := top[clientScreen](t, d)
	if v.keys.Edit.Enabled() {
		t.Error("e is offered for a restricted client")
	}
	d.keys("e")
	top[clientScreen](t, d)
	// A form that gets ErrRestricted from the store says so.
	d.send(navigateMsg{route: Route{Kind: KindClientForm, Client: 1}})
	d.keys("X[ctrl+s]")
	f := top[clientForm](t, d)
	if !strings.Contains(f.Problem, "restricted") {
		t.Errorf("problem = %q", f.Problem)
	}
}

func TestFormDraftBeforeLoad(t *testing.T) {
	s := newPeopleStore(t)
	d, _, _ := unlocked(t, s, English, 100, 30)
	e := d.model().env
	f := newClientForm(e, 1)
	f = f.RestoreDraft(`{"phone":"06-00000000"}`)
	f, _ = f.Update(clientLoadedMsg{req: f.req, client: s.client(t, 1)})
	if f.Get("phone") != "06-00000000" || f.Get("last_name") != "de Vries" {
		t.Errorf("phone %q last name %q", f.Get("phone"), f.Get("last_name"))
	}
	if text, ok := f.Draft(); !ok || !strings.Contains(text, "06-00000000") {
		t.Errorf("draft = %q, %v", text, ok)
	}
	fresh := newClientForm(e, 0)
	if _, ok := fresh.Draft(); ok {
		t.Error("an untouched form offers a draft")
	}
}

func TestEditKeepsHiddenFields(t *testing.T) {
	c := people()[3] // Fatima, closed, on hold
	s := newStoreWith(t, c)
	d, _, _ := unlocked(t, s, English, 100, 30)
	d.keys("[tab][enter]e[tab][tab][tab]0612[ctrl+s]")
	if f, ok := d.model().top().(page[clientForm]); ok {
		t.Fatalf("form still open: %q, focus %s (%q)\n%s", f.m.Problem, f.m.Focused().ID, f.m.Focused().Err, d.view())
	}
	got := s.client(t, 1)
	if got.Phone != "0612" || !got.Hold || got.HoldReason != "klacht" || got.End.IsZero() {
		t.Errorf("edit lost fields: %+v", got)
	}
	top[clientScreen](t, d)
}
