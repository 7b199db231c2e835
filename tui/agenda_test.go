package tui

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// week is a caseload at testNow (Thursday 22 January 2026, 10:00): a
// weekly series for Anouk from Monday 19 January, Fatima seen on
// Wednesday with a session note, Sem at 14:00 today, a cancellation on
// Friday, and an access request due next Monday.
type week struct {
	s                  *testStore
	now                *time.Time
	anouk, fatima, sem store.Client
	series             []store.Appointment
	seen, today        store.Appointment
}

func newWeek(t testing.TB) *week {
	t.Helper()
	now := testNow
	w := &week{now: &now}
	s := newTestStore(t, w.now)
	w.s = s
	var err error
	c := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	w.anouk, err = s.CreateClient(c, store.Client{FirstName: "Anouk", LastName: "van den Berg", Status: store.StatusActive})
	must(err)
	w.fatima, err = s.CreateClient(c, store.Client{FirstName: "Fatima", LastName: "El Amrani", Status: store.StatusActive})
	must(err)
	w.sem, err = s.CreateClient(c, store.Client{FirstName: "Sem", LastName: "Jansen", Status: store.StatusActive})
	must(err)
	p, err := s.PlanSeries(c, store.Appointment{ClientID: w.anouk.ID, Start: wall("2026-01-19 10:00"), Minutes: 60,
		Place: "Bibliotheek Kanaleneiland"}, store.Repeat{EveryWeeks: 1, Count: 6})
	must(err)
	w.series = p.Appointments
	w.seen, err = s.SaveAppointment(c, store.Appointment{ClientID: w.fatima.ID, Start: wall("2026-01-21 09:00"),
		Minutes: 45, Place: "Wijkcentrum De Leeuw", Attendance: store.AttendanceAttended})
	must(err)
	_, err = s.SaveSessionNote(c, w.seen.ID, store.Record{Title: "Sessie 21 jan", Body: "Portfolio besproken."})
	must(err)
	w.today, err = s.SaveAppointment(c, store.Appointment{ClientID: w.sem.ID, Start: wall("2026-01-22 14:00"),
		Minutes: 60, Place: "Stadskantoor"})
	must(err)
	off, err := s.SaveAppointment(c, store.Appointment{ClientID: w.fatima.ID, Start: wall("2026-01-23 11:00"),
		Minutes: 60, Place: "Wijkcentrum De Leeuw"})
	must(err)
	_, err = s.CancelAppointment(c, off.ID, "ziek")
	must(err)
	_, err = s.AddRequest(c, store.Request{ClientID: w.sem.ID, Kind: store.RequestAccess, Received: day(2025, 12, 26),
		Channel: store.ChannelEmail})
	must(err)
	return w
}

// open unlocks the week's vault in the root model at w×h.
func (w *week) open(t testing.TB, lang Lang, width, height int) *driver {
	t.Helper()
	b := &testBackend{t: t, exists: true, pass: "tulp fiets regen lantaarn", store: w.s}
	d := newDriver(t, New(Config{Backend: b, Lang: lang, Clock: func() time.Time { return *w.now }}), width, height)
	d.keys("tulp fiets regen lantaarn[enter]")
	if d.model().phase != phaseUnlocked {
		t.Fatalf("not unlocked: phase %d\n%s", d.model().phase, d.view())
	}
	return d
}

func TestOpeningTheVaultShowsToday(t *testing.T) {
	w := newWeek(t)
	d := w.open(t, English, 100, 30)
	m := top[todayScreen](t, d)
	if len(m.items) != 1 || m.items[0].ID != w.today.ID || len(m.due) != 1 || m.due[0].Kind != store.DeadlineRequest {
		t.Fatalf("today = %+v / %+v; want Sem at 14:00 and the request due Monday", m.items, m.due)
	}
	v := d.view()
	for _, want := range []string{"Today · Thu 22 January 2026", "14:00–15:00", "#3 Sem Jansen", "Stadskantoor",
		"Due within a week", "26 Jan 2026", "4 d"} {
		if !strings.Contains(v, want) {
			t.Errorf("today lacks %q:\n%s", want, v)
		}
	}
	d.keys("[enter]")
	if f := top[appointmentForm](t, d); f.id != w.today.ID || !f.Loaded {
		t.Errorf("enter on today's appointment opened %+v", f.Route())
	}
	d.keys("[esc]j[enter]")
	if r := d.model().top().Route(); r.Kind != KindRequest || r.Client != w.sem.ID {
		t.Errorf("enter on the request opened %+v", r)
	}
	d.keys("[esc][esc]")
	if r := d.model().top().Route(); r.Kind != KindCaseload {
		t.Errorf("esc from today shows %+v, want the caseload", r)
	}
}

func TestAnEmptyDayOpensOnTheCaseload(t *testing.T) {
	now := testNow
	s := newTestStore(t, &now)
	c, err := s.CreateClient(context.Background(), store.Client{FirstName: "Anouk", Status: store.StatusActive})
	if err != nil {
		t.Fatal(err)
	}
	// Tomorrow is not today.
	if _, err := s.SaveAppointment(context.Background(), store.Appointment{ClientID: c.ID,
		Start: wall("2026-01-23 10:00"), Minutes: 60}); err != nil {
		t.Fatal(err)
	}
	w := &week{s: s, now: &now}
	d := w.open(t, English, 100, 30)
	if r := d.model().top().Route(); r.Kind != KindCaseload {
		t.Errorf("a day with nothing in it opens on %+v, want the caseload", r)
	}
	now = now.AddDate(0, 0, 1)
	d.keys("[ctrl+l]")
	d.keys("tulp fiets regen lantaarn[enter]")
	if r := d.model().top().Route(); r.Kind != KindCaseload {
		t.Errorf("unlocking again restores %+v, want where the coach was", r)
	}
}

func TestAgendaMovesByDayAndWeekAndJumps(t *testing.T) {
	w := newWeek(t)
	d := w.open(t, English, 100, 30)
	d.keys("A")
	m := top[agendaScreen](t, d)
	if !m.week.Equal(day(2026, 1, 19)) || !m.day.Equal(day(2026, 1, 22)) || len(m.items) != 4 {
		t.Fatalf("agenda opens on week %v, day %v, %d appointments; want the week of 19 January, today, 4",
			m.week, m.day, len(m.items))
	}
	if m.items[m.cursor].ID != w.today.ID {
		t.Errorf("selected %+v, want today's appointment", m.items[m.cursor])
	}
	d.keys("l") // Friday: the cancellation
	if m = top[agendaScreen](t, d); !m.day.Equal(day(2026, 1, 23)) || m.items[m.cursor].Attendance != store.AttendanceCancelled {
		t.Errorf("→ selects %v %+v", m.day, m.items[m.cursor])
	}
	d.keys("ll") // Sunday: nothing
	if m = top[agendaScreen](t, d); !m.day.Equal(day(2026, 1, 25)) || m.cursor != -1 {
		t.Errorf("Sunday selects %d", m.cursor)
	}
	d.keys("l") // Monday of the next week: loaded, the series goes on
	if m = top[agendaScreen](t, d); !m.week.Equal(day(2026, 1, 26)) || m.cursor < 0 || m.items[m.cursor].ID != w.series[1].ID {
		t.Errorf("→ past Sunday shows week %v, %+v", m.week, m.items)
	}
	d.keys("[pgdown][pgup]") // a week on and back ([ and ] too)
	if m = top[agendaScreen](t, d); !m.day.Equal(day(2026, 1, 26)) {
		t.Errorf("] then [ lands on %v", m.day)
	}
	d.keys("hk") // Sunday, then up: the last appointment before it
	if m = top[agendaScreen](t, d); m.cursor < 0 || m.items[m.cursor].Attendance != store.AttendanceCancelled {
		t.Errorf("↑ from an empty Sunday selects %d", m.cursor)
	}
	d.keys("g2026-02-16[enter]")
	if m = top[agendaScreen](t, d); !m.day.Equal(day(2026, 2, 16)) || m.jumping || m.items[m.cursor].ID != w.series[4].ID {
		t.Errorf("g 2026-02-16 shows %v jumping=%v", m.day, m.jumping)
	}
	d.keys("g31-02-2026[enter]")
	if m = top[agendaScreen](t, d); !m.jumping || !strings.Contains(d.view(), "31-02-2026") {
		t.Errorf("an impossible date is not refused:\n%s", d.view())
	}
	d.keys("[esc]t")
	if m = top[agendaScreen](t, d); m.jumping || !m.day.Equal(day(2026, 1, 22)) {
		t.Errorf("esc, t: jumping=%v day %v", m.jumping, m.day)
	}
	d.keys("c")
	if r := d.model().top().Route(); r.Kind != KindClient || r.Client != w.sem.ID {
		t.Errorf("c opened %+v, want Sem", r)
	}
	d.keys("[esc][enter]")
	if r := d.model().top().Route(); r.Kind != KindAppointment || r.Item != w.today.ID {
		t.Errorf("enter opened %+v, want today's appointment", r)
	}
}

func TestSessionNoteFromTheAgenda(t *testing.T) {
	w := newWeek(t)
	d := w.open(t, English, 100, 30)
	d.keys("Aw") // Sem's appointment today has no note yet
	ed := top[recordEditor](t, d)
	a, err := w.s.Appointment(context.Background(), w.today.ID)
	if err != nil || a.NoteID == 0 || ed.id != a.NoteID {
		t.Fatalf("w wrote note %d, editor on %d (%v)", a.NoteID, ed.id, err)
	}
	if back, err := w.s.NoteAppointment(context.Background(), ed.id); err != nil || back.ID != w.today.ID {
		t.Errorf("the note points at %+v, %v", back, err)
	}
	d.keys("[esc]w") // again: the same note, not a second one
	if ed := top[recordEditor](t, d); ed.id != a.NoteID {
		t.Errorf("w again opened record %d, want %d", ed.id, a.NoteID)
	}
	if notes, _ := w.s.Records(context.Background(), w.sem.ID); len(notes) != 1 {
		t.Errorf("%d notes for Sem, want 1", len(notes))
	}
}

func TestAppointmentFormPlansASeriesAndFlagsOverlaps(t *testing.T) {
	w := newWeek(t)
	d := w.open(t, English, 100, 30)
	d.send(navigateMsg{route: Route{Kind: KindAppointment, Client: w.sem.ID}})
	// When, duration, place, attendance, notes, repeat (→ weekly), times.
	d.keys("2026-01-26 10:30[tab][tab]Stadskantoor[tab][tab][tab][right][tab]3[ctrl+s]")
	all, _ := w.s.Appointments(context.Background(), w.sem.ID)
	var series []store.Appointment
	for _, a := range all {
		if a.SeriesID != 0 {
			series = append(series, a)
		}
	}
	if len(series) != 3 || series[2].Start != wall("2026-02-09 10:30") {
		t.Fatalf("planned %+v; want three weekly from 26 January 10:30", series)
	}
	status := d.model().status
	if status.kind != statusWarning || !strings.Contains(status.text, "3 appointments planned") ||
		!strings.Contains(status.text, "overlaps with #1 Anouk van den Berg 26 Jan 2026 10:00 (+2)") {
		t.Errorf("status = %+v; want the series and its overlaps with Anouk's", status)
	}
}

func TestAppointmentFormMovesTheRestOfASeries(t *testing.T) {
	w := newWeek(t)
	d := w.open(t, English, 100, 30)
	d.send(navigateMsg{route: Route{Kind: KindAppointment, Client: w.anouk.ID, Item: w.series[2].ID}})
	d.keys("[ctrl+u]2026-02-04 11:00[tab][tab][tab][tab][tab][right][ctrl+s]")
	all, _ := w.s.Appointments(context.Background(), w.anouk.ID)
	want := []string{"2026-01-19 10:00", "2026-01-26 10:00", "2026-02-04 11:00", "2026-02-11 11:00",
		"2026-02-18 11:00", "2026-02-25 11:00"}
	for i, a := range all {
		if got := a.Start.Format("2006-01-02 15:04"); got != want[i] {
			t.Errorf("appointment %d at %s, want %s", i+1, got, want[i])
		}
	}
}

func TestAFutureAppointmentCannotBeMarkedAttended(t *testing.T) {
	for _, lang := range []Lang{English, Dutch} {
		w := newWeek(t)
		d := w.open(t, lang, 100, 30)
		d.send(navigateMsg{route: Route{Kind: KindAppointment, Client: w.sem.ID, Item: w.today.ID}})
		d.keys("[tab][tab][tab][right][ctrl+s]")
		want := map[Lang]string{English: "Not yet: this appointment is still to come.",
			Dutch: "Nog niet: deze afspraak moet nog komen."}[lang]
		if v := d.view(); !strings.Contains(v, want) {
			t.Errorf("%s: the refusal is not shown:\n%s", lang, v)
		}
		if a, _ := w.s.Appointment(context.Background(), w.today.ID); a.Attendance != store.AttendancePlanned {
			t.Errorf("%s: saved as %q", lang, a.Attendance)
		}
	}
}

func TestSearchFindsAnAppointmentByItsPlace(t *testing.T) {
	w := newWeek(t)
	d := w.open(t, English, 100, 30)
	d.keys("[ctrl+f]stadskantoor")
	d.send(searchDueMsg{id: top[searchScreen](t, d).due}) // typing has paused
	if !strings.Contains(d.view(), "appointment") {
		t.Fatalf("no appointment hit:\n%s", d.view())
	}
	d.keys("[enter]")
	if r := d.model().top().Route(); r.Kind != KindAppointment || r.Item != w.today.ID {
		t.Errorf("enter on the hit opened %+v", r)
	}
}

func TestAgendaKeysDoNotCollide(t *testing.T) {
	for _, lang := range []Lang{English, Dutch} {
		for _, keys := range []string{"", "A", "Ag", "Al", "All", "A?", "[enter]"} {
			w := newWeek(t)
			d := w.open(t, lang, 100, 30)
			d.keys(keys)
			checkShared(t, string(lang)+" today+"+keys, d.model())
		}
		w := newWeek(t)
		d := w.open(t, lang, 100, 30)
		d.send(navigateMsg{route: Route{Kind: KindAppointment, Client: w.anouk.ID, Item: w.series[1].ID}})
		checkShared(t, string(lang)+" appointment of a series", d.model())
		d.send(navigateMsg{route: Route{Kind: KindAppointment, Client: w.anouk.ID}})
		d.keys("[tab][tab][tab][tab][tab][right]")
		checkShared(t, string(lang)+" new series", d.model())
	}
}

func TestGoldenAgendaWeek80x24(t *testing.T) {
	w := newWeek(t)
	d := w.open(t, English, 80, 24)
	d.keys("A")
	requireGolden(t, d)
}

func TestGoldenAgendaWeek200x50(t *testing.T) {
	w := newWeek(t)
	d := w.open(t, English, 200, 50)
	d.keys("A")
	requireGolden(t, d)
}

func TestGoldenAgendaWeekNL(t *testing.T) {
	w := newWeek(t)
	d := w.open(t, Dutch, 80, 24)
	d.keys("Ak")
	requireGolden(t, d)
}

func TestGoldenToday(t *testing.T) {
	w := newWeek(t)
	d := w.open(t, English, 100, 30)
	requireGolden(t, d)
}

func TestTheNoteShowsItsAppointment(t *testing.T) {
	w := newWeek(t)
	d := w.open(t, English, 100, 30)
	a, _ := w.s.Appointment(context.Background(), w.seen.ID)
	d.send(navigateMsg{route: Route{Kind: KindRecord, Client: w.fatima.ID, Item: a.NoteID}})
	if v := d.view(); !strings.Contains(v, "Note · 21 January 2026 · session of 21 Jan 2026 09:00, Wijkcentrum De Leeuw") {
		t.Errorf("the reader does not name the session:\n%s", v)
	}
	d.send(navigateMsg{route: Route{Kind: KindAppointment, Client: w.fatima.ID, Item: w.seen.ID}})
	// In the label column of the form's fields, lined up with them.
	if v := d.view(); !strings.Contains(v, "\n  "+kit.PadRight("Session note", kit.LabelWidth)+"#"+strconv.FormatInt(a.NoteID, 10)) {
		t.Errorf("the appointment does not name its note in the fields' label column:\n%s", v)
	}
}
