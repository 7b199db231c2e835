package tui

import (
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// openAnna is a driver on Anna de Vries's client screen.
func openAnna(t *testing.T, s *testStore, lang Lang) *driver {
	t.Helper()
	d, _, _ := unlocked(t, s, lang, 100, 30)
	d.keys("[enter]")
	if c := top[clientScreen](t, d); c.id != 1 || !c.loaded {
		t.Fatalf("client %d loaded %v", c.id, c.loaded)
	}
	return d
}

func TestClientTabs(t *testing.T) {
	d := openAnna(t, newPeopleStore(t), English)
	for _, want := range []clientTab{tabIntake, tabPlan, tabEvaluations, tabNotes, tabTexts,
		tabAppointments, tabDocuments, tabConsent, tabRequests, tabLog, tabOverview} {
		d.keys("[tab]")
		if got := top[clientScreen](t, d).tab; got != want {
			t.Fatalf("tab: got %s, want %s", got.id(), want.id())
		}
	}
	d.keys("[shift+tab]")
	if got := top[clientScreen](t, d).tab; got != tabLog {
		t.Errorf("shift+tab from the overview: %s", got.id())
	}
	d.keys("5j")
	c := top[clientScreen](t, d)
	if r := c.Route(); r.Tab != "notes" || r.Item != 4 {
		t.Errorf("route %+v, want the notes tab on record 4", r)
	}
	if got := c.recs[tabTexts]; len(got) != 1 || got[0].ID != 5 {
		t.Errorf("texts tab: %+v", got)
	}
}

// TestClientLoadLogsOneView: opening the client reads it (a logged view);
// coming back from a record reloads the lists without another view.
func TestClientLoadLogsOneView(t *testing.T) {
	s := newPeopleStore(t)
	d := openAnna(t, s, English)
	views := s.count("Client")
	d.keys("5[enter]")
	top[recordReader](t, d)
	d.keys("[esc]")
	top[clientScreen](t, d)
	// The reader reads the client once to know whether it is read-only.
	if got := s.count("Client"); got != views+1 {
		t.Errorf("Client called %d times, want %d", got, views+1)
	}
}

func TestClientRestrictedIsReadOnlyOnEveryTab(t *testing.T) {
	s := newPeopleStore(t)
	s.restrict(t, 1, "bezwaar")
	d := openAnna(t, s, English)
	for tab := range tabCount {
		d.keys(string(rune('1' + tab)))
		m := top[clientScreen](t, d)
		if m.keys.New.Enabled() || m.keys.Edit.Enabled() || m.keys.Delete.Enabled() {
			t.Errorf("%s: n/e/d enabled for a restricted client", tab.id())
		}
		if !strings.Contains(d.view(), "Processing restricted (read-only): bezwaar") {
			t.Errorf("%s: no restriction banner:\n%s", tab.id(), d.view())
		}
	}
	d.keys("5ned")
	top[clientScreen](t, d)
	if s.count("SaveRecord")+s.count("DeleteRecord") != 0 {
		t.Error("a restricted client was changed")
	}
}

func TestClientKeysFollowTab(t *testing.T) {
	d := openAnna(t, newPeopleStore(t), English)
	m := top[clientScreen](t, d)
	if !m.keys.Edit.Enabled() || m.keys.New.Enabled() || m.keys.Delete.Enabled() {
		t.Error("overview: want e only")
	}
	d.keys("4") // evaluations: empty
	m = top[clientScreen](t, d)
	if !m.keys.New.Enabled() || m.keys.Edit.Enabled() || m.keys.Open.Enabled() {
		t.Error("empty record tab: want n only")
	}
	if !strings.Contains(d.view(), "Press n to write a record") {
		t.Errorf("empty tab says nothing:\n%s", d.view())
	}
	d.keys("8")
	m = top[clientScreen](t, d)
	if !m.keys.SaveCopy.Enabled() || m.keys.Edit.Enabled() || m.keys.Open.Enabled() {
		t.Error("documents: want s, no e, no enter")
	}
	d.keys("9")
	m = top[clientScreen](t, d)
	if m.keys.New.Enabled() || m.keys.Delete.Enabled() {
		t.Error("log: no n, no d")
	}
}

func TestDeleteRecordIsConfirmed(t *testing.T) {
	s := newPeopleStore(t)
	d := openAnna(t, s, English)
	d.keys("5d")
	if d.model().prompt == nil || !strings.Contains(d.view(), "Delete “Gesprek over stage”? This cannot be undone.") {
		t.Fatalf("no prompt:\n%s", d.view())
	}
	d.keys("n")
	if s.count("DeleteRecord") != 0 {
		t.Fatal("deleted without a yes")
	}
	d.keys("dy")
	if s.count("DeleteRecord") != 1 {
		t.Fatal("not deleted after yes")
	}
	m := top[clientScreen](t, d)
	if len(m.recs[tabNotes]) != 1 || m.recs[tabNotes][0].ID != 4 {
		t.Errorf("notes after delete: %+v", m.recs[tabNotes])
	}
	if !strings.Contains(d.view(), "Deleted.") {
		t.Errorf("no notice:\n%s", d.view())
	}
}

func TestAppointmentsUpcomingThenPast(t *testing.T) {
	d := openAnna(t, newPeopleStore(t), English)
	d.keys("7")
	m := top[clientScreen](t, d)
	var ids []int64
	for _, a := range m.appts {
		ids = append(ids, a.ID)
	}
	if want := []int64{1, 4, 2, 3}; !slices.Equal(ids, want) || m.upcoming != 1 {
		t.Errorf("order %v (upcoming %d), want %v (1)", ids, m.upcoming, want)
	}
}

func TestAppointmentFormNeedsReason(t *testing.T) {
	s := newPeopleStore(t)
	d := openAnna(t, s, English)
	d.keys("7n2026-12-01 14:30[tab][tab]Bibliotheek[tab][right][right][ctrl+s]")
	f := top[appointmentForm](t, d)
	if s.count("SaveAppointment") != 0 {
		t.Fatal("a cancellation without a reason was saved")
	}
	if f.Focused().ID != "reason" || !strings.Contains(f.Focused().Err, "reason") {
		t.Fatalf("focus on %s (%q)", f.Focused().ID, f.Focused().Err)
	}
	d.keys("bus staakte[ctrl+s]")
	m := top[clientScreen](t, d)
	a := m.appts[m.lists[tabAppointments].Cursor]
	want := time.Date(2026, 12, 1, 14, 30, 0, 0, time.UTC)
	if !a.Start.Equal(want) || a.Minutes != 60 || a.Attendance != store.AttendanceCancelled || a.Reason != "bus staakte" {
		t.Errorf("saved %+v", a)
	}
}

func TestAppointmentFormRefusesImpossibleTimes(t *testing.T) {
	for _, tt := range []struct{ typed, want string }{
		{"31-11-2026 10:00", "31-11-2026 is not a day in the calendar"},
		{"2026-12-01 25:00", "25:00 is not a time on the clock"},
		{"2026-12-01", "Type a date and time"},
		{"morgen 10:00", "Type a date and time"},
	} {
		s := newPeopleStore(t)
		d := openAnna(t, s, English)
		d.keys("7n" + tt.typed + "[ctrl+s]")
		f := top[appointmentForm](t, d)
		if s.count("SaveAppointment") != 0 || f.Focused().ID != "start" ||
			!strings.Contains(f.Focused().Err, tt.want) {
			t.Errorf("%q: saved %d, focus %s, %q", tt.typed, s.count("SaveAppointment"), f.Focused().ID, f.Focused().Err)
		}
	}
}

func TestEditAppointmentKeepsValues(t *testing.T) {
	s := newPeopleStore(t)
	d := openAnna(t, s, Dutch)
	d.keys("7e")
	f := top[appointmentForm](t, d)
	if got := f.Get("start"); got != "27-01-2026 14:30" {
		t.Fatalf("start = %q", got)
	}
	d.keys("[tab][tab][ctrl+u]Kantoor[ctrl+s]")
	top[clientScreen](t, d)
	if a := s.appointment(t, 1); a.Place != "Kantoor" || a.Minutes != 60 {
		t.Errorf("saved %+v", a)
	}
}

func TestParseDateTime(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want time.Time
		p    kit.DateTimeProblem
	}{
		{"2026-12-01 14:30", time.Date(2026, 12, 1, 14, 30, 0, 0, time.UTC), kit.DateTimeOK},
		{"1-12-2026 9:05", time.Date(2026, 12, 1, 9, 5, 0, 0, time.UTC), kit.DateTimeOK},
		{" 01-12-2026  09.05 ", time.Date(2026, 12, 1, 9, 5, 0, 0, time.UTC), kit.DateTimeOK},
		{"29-02-2026 10:00", time.Time{}, kit.DateTimeImpossibleDay},
		{"01-12-0026 10:00", time.Time{}, kit.DateTimeYear},
		{"01-12-2026 24:00", time.Time{}, kit.DateTimeImpossibleTime},
		{"01-12-2026 10:60", time.Time{}, kit.DateTimeImpossibleTime},
		{"01-12-2026 10:5", time.Time{}, kit.DateTimeFormat},
		{"01-12-2026", time.Time{}, kit.DateTimeFormat},
		{"01-12-2026 half tien", time.Time{}, kit.DateTimeFormat},
	} {
		got, p := kit.ParseDateTime(tt.in)
		if p != tt.p || !got.Equal(tt.want) {
			t.Errorf("parseDateTime(%q) = %v, %d; want %v, %d", tt.in, got, p, tt.want, tt.p)
		}
	}
}

func TestCaseloadMarksRestricted(t *testing.T) {
	s := newPeopleStore(t)
	s.restrict(t, 2, "bezwaar")
	d, _, _ := unlocked(t, s, English, 100, 30)
	for _, l := range strings.Split(d.view(), "\n") {
		if strings.Contains(l, "Zoë Çelik") && !strings.Contains(l, "⊘") {
			t.Errorf("no marker: %q", l)
		}
		if strings.Contains(l, "Anna de Vries") && strings.Contains(l, "⊘") {
			t.Errorf("marker on an ordinary client: %q", l)
		}
	}
}

func TestUnlockHint(t *testing.T) {
	now := testNow
	b := &testBackend{t: t, exists: true, pass: "x", store: newTestStore(t, nil)}
	m := New(Config{Backend: b, Lang: Dutch, Clock: func() time.Time { return now },
		UnlockHint: "Demokluis — wachtwoordzin: oefenen met caseload"})
	d := newDriver(t, m, 100, 30)
	if !strings.Contains(d.view(), "Demokluis — wachtwoordzin: oefenen met caseload") {
		t.Errorf("hint missing:\n%s", d.view())
	}
}

func TestSizeAndWeekday(t *testing.T) {
	nl, en := newText(Dutch), newText(English)
	for _, tt := range []struct{ got, want string }{
		{en.Size(820), "820 B"},
		{en.Size(123456), "121 KB"},
		{nl.Size(1468006), "1,4 MB"},
		{en.Size(50 << 20), "50 MB"},
		{nl.Weekday(day(2026, 1, 27)), "di"},
		{en.Weekday(day(2026, 1, 27)), "Tue"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// TestClientStaleLoadDropped: a dossier answer for an earlier request
// does not replace the lists.
func TestClientStaleLoadDropped(t *testing.T) {
	d := openAnna(t, newPeopleStore(t), English)
	before := top[clientScreen](t, d)
	d.send(dossierLoadedMsg{req: before.req - 1})
	if after := top[clientScreen](t, d); len(after.d.records) != len(before.d.records) {
		t.Fatal("an old answer replaced the dossier")
	}
	d.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	if v := d.view(); !strings.Contains(v, "[Overview]") {
		t.Errorf("narrow tab bar lost the current tab:\n%s", v)
	}
}
