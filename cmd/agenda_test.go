package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"

	"github.com/caseload/caseload/plainfile"
	"github.com/caseload/caseload/store"
)

// agendaFixture is a caseload with a weekly series across the end of
// summer time in Europe/Amsterdam (Sunday 25 October 2026), a cancelled
// appointment and a rights request due.
type agendaFixture struct {
	s       *store.Store
	clock   *time.Time
	series  []store.Appointment
	request store.Request
}

func newAgendaFixture(t *testing.T) *agendaFixture {
	t.Helper()
	ctx := context.Background()
	now := time.Date(2026, 10, 12, 9, 0, 0, 0, time.UTC)
	f := &agendaFixture{clock: &now}
	s, err := store.Open(ctx, nil, store.Options{Clock: func() time.Time { return *f.clock }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	f.s = s
	anouk, err := s.CreateClient(ctx, store.Client{FirstName: "Anouk", LastName: "van den Berg", Status: store.StatusActive})
	if err != nil {
		t.Fatal(err)
	}
	sem, err := s.CreateClient(ctx, store.Client{FirstName: "Sem", LastName: "Jansen", Status: store.StatusActive})
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.PlanSeries(ctx, store.Appointment{ClientID: anouk.ID, Start: time.Date(2026, 10, 13, 10, 0, 0, 0, time.UTC),
		Minutes: 60, Place: "Bibliotheek, Kanaleneiland", Notes: "geheimenotitie"}, store.Repeat{EveryWeeks: 1, Count: 4})
	if err != nil {
		t.Fatal(err)
	}
	f.series = p.Appointments
	c, err := s.SaveAppointment(ctx, store.Appointment{ClientID: sem.ID, Start: time.Date(2026, 10, 14, 14, 0, 0, 0, time.UTC),
		Minutes: 45, Place: "Stadskantoor"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CancelAppointment(ctx, c.ID, "ziekmelding"); err != nil {
		t.Fatal(err)
	}
	if f.request, err = s.AddRequest(ctx, store.Request{ClientID: sem.ID, Kind: store.RequestAccess,
		Received: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), Channel: store.ChannelEmail}); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *agendaFixture) ics(t *testing.T, names bool) []byte {
	t.Helper()
	ctx := context.Background()
	items, err := f.s.Agenda(ctx, time.Date(2026, 10, 12, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	deadlines, err := f.s.Deadlines(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := writeICS(&b, *f.clock, items, deadlines, icsOptions{names: names, lang: "nl"}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// parseICS reads a calendar with go-ical and returns its events by UID.
func parseICS(t *testing.T, data []byte) map[string]ical.Event {
	t.Helper()
	cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot read the calendar: %v\n%s", err, data)
	}
	out := map[string]ical.Event{}
	for _, ev := range cal.Events() {
		uid, err := ev.Props.Text(ical.PropUID)
		if err != nil || uid == "" {
			t.Fatalf("an event without a UID: %v", err)
		}
		if _, dup := out[uid]; dup {
			t.Fatalf("two events share UID %s", uid)
		}
		out[uid] = ev
	}
	return out
}

func TestICSSeriesAcrossTheDSTChange(t *testing.T) {
	f := newAgendaFixture(t)
	data := f.ics(t, false)
	for _, line := range strings.Split(string(data), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line longer than 75 octets: %q", line)
		}
	}
	events := parseICS(t, data)
	if len(events) != 6 {
		t.Fatalf("%d events, want 4 of the series, the cancelled one and the request", len(events))
	}
	// 10:00 in Amsterdam is 08:00 UTC in summer time, 09:00 after 25 October.
	wantUTC := []string{"2026-10-13T08:00", "2026-10-20T08:00", "2026-10-27T09:00", "2026-11-03T09:00"}
	for i, a := range f.series {
		ev, ok := events[eventUID("appointment", clientUID(t, f.s, a.ClientID), itoa(a.ID))]
		if !ok {
			t.Fatalf("appointment %d is not in the calendar", a.ID)
		}
		start, err := ev.DateTimeStart(nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := start.UTC().Format("2006-01-02T15:04"); got != wantUTC[i] {
			t.Errorf("appointment %d starts at %s UTC, want %s", i+1, got, wantUTC[i])
		}
		if local := start.In(mustZone(t)).Format("15:04"); local != "10:00" {
			t.Errorf("appointment %d at %s in Amsterdam, want 10:00", i+1, local)
		}
		end, err := ev.DateTimeEnd(nil)
		if err != nil || end.Sub(start) != time.Hour {
			t.Errorf("appointment %d lasts %v (%v), want an hour", i+1, end.Sub(start), err)
		}
		summary, _ := ev.Props.Text(ical.PropSummary)
		if want := "Afspraak A.B. #" + itoa(a.ClientID); summary != want {
			t.Errorf("summary %q, want %q", summary, want)
		}
		if loc, _ := ev.Props.Text(ical.PropLocation); loc != "Bibliotheek, Kanaleneiland" {
			t.Errorf("location %q, want the place with its comma unescaped", loc)
		}
	}
	for _, word := range []string{"Anouk", "Jansen", "geheimenotitie", "ziekmelding"} {
		if bytes.Contains(data, []byte(word)) {
			t.Errorf("%q is in the calendar file: names, notes and reasons stay in the vault", word)
		}
	}
	var cancelled, request int
	for _, ev := range events {
		if st, _ := ev.Status(); st == ical.EventCancelled {
			cancelled++
		}
		if s, _ := ev.Props.Text(ical.PropSummary); strings.HasPrefix(s, "Verzoek om inzage beantwoorden S.J. #") {
			request++
			if d := ev.Props.Get(ical.PropDateTimeStart); d.Value != "20261102" {
				t.Errorf("the request is due on %s, want 20261102 (1 November is a Sunday)", d.Value)
			}
		}
	}
	if cancelled != 1 || request != 1 {
		t.Errorf("%d cancelled events and %d requests, want 1 and 1", cancelled, request)
	}
	if named := f.ics(t, true); !bytes.Contains(named, []byte("Anouk van den Berg")) {
		t.Error("--names leaves the name out")
	}
}

func TestICSReimportUpdatesInsteadOfDuplicating(t *testing.T) {
	f := newAgendaFixture(t)
	before := parseICS(t, f.ics(t, false))
	*f.clock = f.clock.Add(2 * time.Hour)
	if _, err := f.s.Reschedule(context.Background(), f.series[2].ID, time.Date(2026, 10, 28, 11, 0, 0, 0, time.UTC), true); err != nil {
		t.Fatal(err)
	}
	after := parseICS(t, f.ics(t, false))
	if len(after) != len(before) {
		t.Fatalf("%d events after moving two, %d before", len(after), len(before))
	}
	for uid, ev := range after {
		old, ok := before[uid]
		if !ok {
			t.Fatalf("event %s is new after a move: a calendar would show it twice", uid)
		}
		was, _ := old.Props.Get(ical.PropSequence).Int()
		now, _ := ev.Props.Get(ical.PropSequence).Int()
		moved := old.Props.Get(ical.PropDateTimeStart).Value != ev.Props.Get(ical.PropDateTimeStart).Value
		if moved && now <= was {
			t.Errorf("event %s moved but its SEQUENCE went from %d to %d", uid, was, now)
		}
	}
}

// TestICSWithPythonIcalendar reads the file with Python's icalendar, an
// outside parser. CI installs it (python3-icalendar); elsewhere the test
// skips when it is missing.
func TestICSWithPythonIcalendar(t *testing.T) {
	python := "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import icalendar").Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI must have Debian's python3-icalendar: %v", err)
		}
		t.Skip("python3-icalendar is not installed")
	}
	f := newAgendaFixture(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "agenda.ics")
	if err := plainfile.Write(file, f.ics(t, false)); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("calendar file mode %v (%v), want 0600", fi.Mode().Perm(), err)
	}
	events := map[string]string{}
	wantUTC := []string{"2026-10-13T08:00", "2026-10-20T08:00", "2026-10-27T09:00", "2026-11-03T09:00"}
	for i, a := range f.series {
		events[eventUID("appointment", clientUID(t, f.s, a.ClientID), itoa(a.ID))] = wantUTC[i]
	}
	for uid, ev := range parseICS(t, f.ics(t, false)) {
		if _, ok := events[uid]; !ok {
			start, err := ev.DateTimeStart(nil)
			if err != nil {
				t.Fatal(err)
			}
			if ev.Props.Get(ical.PropDateTimeStart).ValueType() == ical.ValueDate {
				events[uid] = start.Format("2006-01-02")
			} else {
				events[uid] = start.UTC().Format("2006-01-02T15:04")
			}
		}
	}
	expect, _ := json.Marshal(map[string]any{"events": events,
		"forbidden": []string{"Anouk", "Jansen", "geheimenotitie", "ziekmelding"}})
	expectFile := filepath.Join(dir, "expect.json")
	if err := os.WriteFile(expectFile, expect, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(python, "../scripts/ics_check.py", file, expectFile).CombinedOutput()
	if err != nil {
		t.Fatalf("Python's icalendar disagrees: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}

func clientUID(t *testing.T, s *store.Store, id int64) string {
	t.Helper()
	c, err := s.Client(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c.UID
}

func mustZone(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(coachZone)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestAgendaTextEscapesVaultText(t *testing.T) {
	var out bytes.Buffer
	e := &env{stdout: &out, lang: "nl"}
	items := []store.AgendaItem{{Appointment: store.Appointment{ID: 1, ClientID: 7,
		Start: time.Date(2026, 10, 26, 10, 0, 0, 0, time.UTC), Minutes: 45, Place: "Buurthuis\x1b]0;pwned\x07",
		Attendance: store.AttendanceAttended}, ClientName: "Anouk\x1b[2J van den Berg"}}
	due := []store.Deadline{{Kind: store.DeadlineNotice, ClientID: 7, Name: "Anouk", Ref: "Gemeente\x1b[31m",
		RequestKind: store.RequestErasure, Due: time.Date(2026, 10, 27, 0, 0, 0, 0, time.UTC)}}
	e.agendaText(time.Date(2026, 10, 26, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC), items, due)
	got := out.String()
	if strings.ContainsRune(got, 0x1b) || strings.ContainsRune(got, 0x07) {
		t.Errorf("vault text reached the terminal raw: %q", got)
	}
	for _, want := range []string{"ma 2026-10-26", "10:00–10:45  #7 Anouk", "(geweest)", "Binnen een week:",
		"2026-10-27  laat Gemeente", "van #7 Anouk (art. 19)"} {
		if !strings.Contains(got, want) {
			t.Errorf("agenda lacks %q:\n%s", want, got)
		}
	}
}
