package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// MaxSeries is the most appointments one series plans: two years of
// weekly sessions. More is a typo in the count or the end date.
const MaxSeries = 104

// Repeat says how a series of appointments repeats: every EveryWeeks
// weeks (1 or 2), Count times in all (the first included) or until the
// date Until (the last day one may fall on), whichever is set.
type Repeat struct {
	EveryWeeks int
	Count      int
	Until      time.Time
}

// Once is the Repeat of a single appointment.
var Once = Repeat{EveryWeeks: 1, Count: 1}

// Starts returns the start of every appointment of the series that
// begins at first, on the coach's wall clock. Appointments are civil
// moments (see civil.go): the series steps whole calendar days, and a
// session at 10:00 on the Monday before the clocks change in
// Europe/Amsterdam is at 10:00 on the Monday after, local time, not at
// 09:00 or 11:00 as a step of 7×24 hours would put it. It returns a
// ValidationError when the rule is incomplete or plans more than
// MaxSeries appointments.
func (r Repeat) Starts(first time.Time) ([]time.Time, error) {
	switch {
	case first.IsZero():
		return nil, invalid("start", "an appointment needs a date and time")
	case r.EveryWeeks != 1 && r.EveryWeeks != 2,
		r.Count < 0, r.Count == 0 && r.Until.IsZero(), r.Count > 0 && !r.Until.IsZero():
		return nil, &ValidationError{Field: "repeat", Code: CodeSeriesRule,
			Problem: "a series repeats every one or two weeks, a number of times or until a date"}
	case r.Count > MaxSeries:
		return nil, &ValidationError{Field: "repeat", Code: CodeSeriesTooLong,
			Problem: fmt.Sprintf("a series plans at most %d appointments", MaxSeries)}
	}
	first = civilMoment(first)
	y, m, d := first.Date()
	h, mi, _ := first.Clock()
	last := civilDay(r.Until)
	var out []time.Time
	for k := 0; ; k++ {
		at := time.Date(y, m, d+7*r.EveryWeeks*k, h, mi, 0, 0, time.UTC)
		if r.Count > 0 && k == r.Count || r.Count == 0 && civilDay(at).After(last) {
			break
		}
		if len(out) == MaxSeries {
			return nil, &ValidationError{Field: "repeat", Code: CodeSeriesTooLong,
				Problem: fmt.Sprintf("a series plans at most %d appointments", MaxSeries)}
		}
		out = append(out, at)
	}
	if len(out) == 0 {
		return nil, &ValidationError{Field: "until", Code: CodeSeriesEndsEarly,
			Problem: "the series ends before its first appointment"}
	}
	return out, nil
}

// AgendaItem is an appointment as the agenda across clients shows it:
// its Notes, Reason and Created are left empty (the week never shows
// them, and what the week reads comes from one index, see migration 0007).
type AgendaItem struct {
	Appointment
	// ClientName is the client's full name; FirstName and LastName give
	// the initials a calendar outside the vault shows instead.
	ClientName string
	FirstName  string
	LastName   string
	// ClientUID is the client's stable id (see Client.UID).
	ClientUID string
	// Restricted is set while the client's processing is restricted.
	Restricted bool
}

// Initials are the client's initials, "A.B." for Anouk Bakker: what a
// calendar outside the vault shows instead of the name.
func (a AgendaItem) Initials() string { return Initials(a.FirstName + " " + a.LastName) }

// Initials are the initials of a full name: "A.B." for Anouk van den
// Berg; "?" for a name without letters.
func Initials(name string) string {
	var b strings.Builder
	for _, part := range strings.Fields(name) {
		// Surname prefixes (van, de, ter) give no initial: "A.B." for
		// Anouk van den Berg, as Dutch initials are written.
		if surnamePrefixes[strings.ToLower(part)] {
			continue
		}
		r := []rune(part)
		b.WriteString(strings.ToUpper(string(r[0])))
		b.WriteByte('.')
	}
	if b.Len() == 0 {
		return "?"
	}
	return b.String()
}

var surnamePrefixes = map[string]bool{"van": true, "de": true, "der": true, "den": true, "het": true,
	"'t": true, "te": true, "ter": true, "ten": true, "in": true, "op": true, "la": true, "le": true,
	"du": true, "da": true, "di": true, "von": true, "zu": true}

// agendaSelect reads the appointments of the week from the index
// appointments_week alone, and the id of each one's session note from the
// index records_appointment.
const agendaSelect = `SELECT a.id, a.client_id, a.starts_at, a.minutes, a.place, a.attendance,
		coalesce(a.series_id, 0), a.updated_at,
		coalesce((SELECT min(n.id) FROM records n WHERE n.appointment_id = a.id), 0)
	FROM appointments a INDEXED BY appointments_week`

func scanAgendaItems(t *tx, where string, args ...any) ([]AgendaItem, error) {
	rs, err := t.query(agendaSelect+" WHERE "+where+" ORDER BY a.starts_at, a.id", args...)
	if err != nil {
		return nil, err
	}
	var out []AgendaItem
	for rs.Next() {
		var it AgendaItem
		a := &it.Appointment
		if err := rs.Scan(&a.ID, &a.ClientID, at(&a.Start), &a.Minutes, &a.Place, &a.Attendance, &a.SeriesID,
			at(&a.Updated), &a.NoteID); err != nil {
			rs.Close()
			return nil, err
		}
		out = append(out, it)
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return nil, err
	}
	return out, t.nameAgendaItems(out)
}

// nameAgendaItems fills in the clients of items, each client read once
// and in the order of their ids: the table's pages are then read in
// order too, instead of one at random for every appointment.
func (t *tx) nameAgendaItems(items []AgendaItem) error {
	if len(items) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(items))
	for _, it := range items {
		ids = append(ids, it.ClientID)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	list := make([]string, len(ids))
	for i, id := range ids {
		list[i] = strconv.FormatInt(id, 10)
	}
	rs, err := t.query(`SELECT id, first_name, last_name, uid, restricted
		FROM clients WHERE id IN (` + strings.Join(list, ",") + `) ORDER BY id`)
	if err != nil {
		return err
	}
	defer rs.Close()
	type who struct {
		name, first, last, uid string
		restricted             bool
	}
	byID := make(map[int64]who, len(ids))
	for rs.Next() {
		var id int64
		var w who
		if err := rs.Scan(&id, &w.first, &w.last, &w.uid, &w.restricted); err != nil {
			return err
		}
		// As Client.Name, in Go: one column less for SQLite to hand over.
		w.name = strings.TrimSpace(w.first + " " + w.last)
		byID[id] = w
	}
	if err := rs.Err(); err != nil {
		return err
	}
	for i := range items {
		w := byID[items[i].ClientID]
		items[i].ClientName, items[i].FirstName, items[i].LastName = w.name, w.first, w.last
		items[i].ClientUID, items[i].Restricted = w.uid, w.restricted
	}
	return nil
}

// Agenda returns every appointment across clients that starts on or after
// from and before to (civil moments), earliest first, cancelled ones
// included: the week shows them struck through.
func (s *Store) Agenda(ctx context.Context, from, to time.Time) ([]AgendaItem, error) {
	var out []AgendaItem
	err := s.read(ctx, func(t *tx) error {
		var err error
		out, err = scanAgendaItems(t, "a.starts_at >= ? AND a.starts_at < ?",
			momentArg(civilMoment(from)), momentArg(civilMoment(to)))
		if err != nil {
			return fmt.Errorf("reading agenda: %w", err)
		}
		return nil
	})
	return out, err
}

// Overlaps returns the appointments of the coach, across clients, that a
// overlaps in time, a itself and cancelled ones aside. The appointment
// form asks before saving, to flag a double booking.
func (s *Store) Overlaps(ctx context.Context, a Appointment) ([]AgendaItem, error) {
	var out []AgendaItem
	err := s.read(ctx, func(t *tx) error {
		var err error
		out, err = t.overlaps(a)
		return err
	})
	return out, err
}

func (t *tx) overlaps(a Appointment) ([]AgendaItem, error) {
	if a.Start.IsZero() || a.Minutes <= 0 {
		return nil, nil
	}
	start := civilMoment(a.Start)
	end := start.Add(time.Duration(a.Minutes) * time.Minute)
	// No appointment lasts more than a day, so one that began more than a
	// day earlier has ended: the bound keeps the search on the index.
	out, err := scanAgendaItems(t, `a.starts_at >= ? AND a.starts_at < ? AND a.id <> ?
		AND a.attendance <> 'cancelled'
		AND datetime(a.starts_at, '+' || a.minutes || ' minutes') > ?`,
		momentArg(start.AddDate(0, 0, -1)), momentArg(end), a.ID, momentArg(start))
	if err != nil {
		return nil, fmt.Errorf("checking overlaps: %w", err)
	}
	return out, nil
}

// DueWithin returns what the coach must act on within days days, soonest
// first: the deadlines of Deadlines that fall within them or have passed
// (requests, retention, breaches), and every recipient still to be told
// of a rectification, erasure or restriction (DeadlineNotice), which is
// due without delay whatever the request's own date.
//
// Unpaid invoices past their term belong here too, once invoices have a
// payment state (the money issue); the invoices of the schema so far
// have none.
func (s *Store) DueWithin(ctx context.Context, days int) ([]Deadline, error) {
	all, err := s.Deadlines(ctx)
	if err != nil {
		return nil, err
	}
	var out []Deadline
	for _, d := range all {
		if d.DaysLeft <= days || d.Kind == DeadlineNotice {
			out = append(out, d)
		}
	}
	return out, nil
}
