package cmd

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Amsterdam on Windows and other hosts without zoneinfo

	"github.com/spf13/cobra"

	"github.com/caseload/caseload/msg"
	"github.com/caseload/caseload/plainfile"
	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/termsafe"
)

// coachZone is the zone of the coach's wall clock, in which appointments
// are kept (store/civil.go): the calendar file names it, so a calendar
// app abroad still puts 10:00 at 10:00 Amsterdam time.
const coachZone = "Europe/Amsterdam"

// Errors of `caseload agenda`.
var (
	// errICSUnconfirmed: the calendar file was not confirmed.
	errICSUnconfirmed = errors.New("an unencrypted calendar file needs confirmation")
	// errNamesUnconfirmed: names in the calendar file were not confirmed.
	errNamesUnconfirmed = errors.New("names in the calendar file need a second confirmation")
)

// explainAgenda says the agenda's own errors in the coach's language.
func (e *env) explainAgenda(err error) (msg, hint string, ok bool) {
	switch {
	case errors.Is(err, errICSUnconfirmed):
		return e.T("cmd.agenda.an_unencrypted_calendar_file_needs"),
			e.T("cmd.agenda.nothing_was_written_add_yes"), true
	case errors.Is(err, errNamesUnconfirmed):
		return e.T("cmd.agenda.names_in_the_calendar_file"),
			e.T("cmd.agenda.nothing_was_written_leave_names"), true
	}
	return "", "", false
}

// listedAppointment is one appointment in `caseload agenda --json`: a
// stable shape for scripts.
type listedAppointment struct {
	ID         int64  `json:"id"`
	ClientID   int64  `json:"client_id"`
	Name       string `json:"name"`
	Start      string `json:"start"` // YYYY-MM-DDTHH:MM, the coach's wall clock
	End        string `json:"end"`
	Minutes    int    `json:"minutes"`
	Place      string `json:"place,omitempty"`
	Attendance string `json:"attendance,omitempty"`
	SeriesID   int64  `json:"series_id,omitempty"`
	NoteID     int64  `json:"note_id,omitempty"`
}

// listedAgenda is the whole of `caseload agenda --json`.
type listedAgenda struct {
	From         string              `json:"from"`
	Days         int                 `json:"days"`
	Appointments []listedAppointment `json:"appointments"`
	// Due is what is due within a week of today, as `caseload deadlines
	// --json` lists it, with kind "notify" for a recipient still to tell.
	Due []listedDeadline `json:"due"`
}

// dueDays is how far ahead the agenda looks for what is due.
const dueDays = 7

// agendaOptions are the flags of `caseload agenda`.
type agendaOptions struct {
	from   string
	days   int
	asJSON bool
	ics    string
	yes    bool
	names  bool
}

// newAgendaCmd is `caseload agenda`.
func newAgendaCmd(e *env) *cobra.Command {
	var o agendaOptions
	c := &cobra.Command{
		Use:   "agenda",
		Short: e.T("help.agenda.print_the_appointments_across_clients"),
		Long:  e.T("help.agenda.print_the_appointments_across_clients_2"),
		Args:  e.noArgs,
		RunE:  func(c *cobra.Command, _ []string) error { return runAgenda(e, c, o) },
	}
	f := c.Flags()
	f.StringVar(&o.from, "from", "", e.T("help.agenda.start_on_date_yyyy_mm"))
	f.IntVar(&o.days, "days", 0, e.T("help.agenda.show_n_days_default_7"))
	f.BoolVar(&o.asJSON, "json", false, e.T("help.deadlines.print_json_for_scripts"))
	f.StringVar(&o.ics, "ics", "", e.T("help.agenda.write_an_icalendar_file_file"))
	f.BoolVar(&o.yes, "yes", false, e.T("help.agenda.with_ics_confirm_without_asking"))
	f.BoolVar(&o.names, "names", false, e.T("help.agenda.with_ics_full_names_instead"))
	return c
}

// runAgenda prints the appointments across clients from --from (today)
// for --days days (7) and what is due within a week, for a login script:
// it only looks at the vault (see look). With --ics FILE it writes them
// and the deadlines as an iCalendar file instead, after a yes.
func runAgenda(e *env, c *cobra.Command, o agendaOptions) error {
	switch {
	case o.asJSON && o.ics != "":
		return usagef(c, "%s", e.T("cmd.agenda.json_and_ics_exclude_each"))
	case (o.yes || o.names) && o.ics == "":
		return usagef(c, "%s", e.T("cmd.agenda.yes_and_names_go_with"))
	case o.days < 0 || o.days > 366:
		return usagef(c, e.T("cmd.agenda.days_takes_1_to_366"), o.days)
	}
	days := o.days
	if days == 0 {
		days = 7
		if o.ics != "" {
			days = 56 // the calendar file is imported now and then: eight weeks
		}
	}
	var from time.Time
	if o.from != "" {
		var err error
		if from, err = time.Parse("2006-01-02", o.from); err != nil {
			return usagef(c, e.T("cmd.agenda.from_takes_a_date_as"), o.from)
		}
	}
	icsFile, names, asJSON := o.ics, o.names, o.asJSON
	// Both questions come before the passphrase: a coach who says no has
	// typed it for nothing otherwise.
	if icsFile != "" {
		if err := e.confirmICS(o.yes, names); err != nil {
			return err
		}
	}
	ctx := context.Background()
	s, err := e.look(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if from.IsZero() {
		from = s.Today()
	}
	to := from.AddDate(0, 0, days)
	items, err := s.Agenda(ctx, from, to)
	if err != nil {
		return err
	}
	if icsFile != "" {
		deadlines, err := s.Deadlines(ctx)
		if err != nil {
			return err
		}
		var cal strings.Builder
		if err := writeICS(&cal, e.clock(), items, deadlines, icsOptions{names: names, lang: e.lang}); err != nil {
			return err
		}
		if err := plainfile.Write(icsFile, []byte(cal.String())); err != nil {
			return fmt.Errorf("writing the calendar file: %w", err)
		}
		fmt.Fprintf(e.stdout, "%s %s\n", e.T("cmd.export.written"), icsFile)
		fmt.Fprintln(e.stderr, e.T("cmd.agenda.caseload_warning_this_file_is"))
		return nil
	}
	due, err := s.DueWithin(ctx, dueDays)
	if err != nil {
		return err
	}
	if asJSON {
		return e.agendaJSON(from, days, items, due)
	}
	e.agendaText(from, to, items, due)
	return nil
}

// confirmICS asks the coach to type yes before the calendar leaves the
// vault unencrypted, and once more before it carries names; without a
// terminal --yes answers both.
func (e *env) confirmICS(yes, names bool) error {
	if yes {
		return nil
	}
	if !e.tty() {
		if names {
			return errNamesUnconfirmed
		}
		return errICSUnconfirmed
	}
	in := bufio.NewReader(e.stdin) // one reader: the second answer may be buffered with the first
	if !e.askYes(in, e.T("cmd.agenda.the_calendar_file_is_written")) {
		return errICSUnconfirmed
	}
	if names && !e.askYes(in, e.T("cmd.agenda.with_names_it_holds_every")) {
		return errNamesUnconfirmed
	}
	return nil
}

func (e *env) agendaJSON(from time.Time, days int, items []store.AgendaItem, due []store.Deadline) error {
	out := listedAgenda{From: isoDate(from), Days: days, Appointments: []listedAppointment{}, Due: []listedDeadline{}}
	for _, it := range items {
		out.Appointments = append(out.Appointments, listedAppointment{ID: it.ID, ClientID: it.ClientID,
			Name: it.ClientName, Start: it.Start.Format("2006-01-02T15:04"),
			End:     it.Start.Add(time.Duration(it.Minutes) * time.Minute).Format("2006-01-02T15:04"),
			Minutes: it.Minutes, Place: it.Place, Attendance: string(it.Attendance), SeriesID: it.SeriesID,
			NoteID: it.NoteID})
	}
	for _, d := range due {
		out.Due = append(out.Due, listDeadline(d))
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// agendaText prints the days with their appointments, then what is due.
func (e *env) agendaText(from, to time.Time, items []store.AgendaItem, due []store.Deadline) {
	w := e.stdout
	if len(items) == 0 {
		fmt.Fprint(w, e.Tf("cmd.agenda.no_appointments_from_s_to",
			isoDate(from), isoDate(to.AddDate(0, 0, -1))))
	}
	var day time.Time
	for _, it := range items {
		if d := it.Start.Truncate(24 * time.Hour); !d.Equal(day) {
			if !day.IsZero() {
				fmt.Fprintln(w)
			}
			day = d
			fmt.Fprintf(w, "%s %s\n", e.weekday(d), isoDate(d))
		}
		end := it.Start.Add(time.Duration(it.Minutes) * time.Minute)
		line := fmt.Sprintf("  %s–%s  #%d %s", it.Start.Format("15:04"), end.Format("15:04"), it.ClientID,
			termsafe.Line(it.ClientName))
		if it.Place != "" {
			line += " · " + termsafe.Line(it.Place)
		}
		if a := e.attendance(it.Attendance); a != "" {
			line += " (" + a + ")"
		}
		fmt.Fprintln(w, line)
	}
	fmt.Fprintln(w)
	if len(due) == 0 {
		fmt.Fprintln(w, e.T("cmd.agenda.nothing_is_due_within_a"))
		return
	}
	fmt.Fprintln(w, e.T("cmd.agenda.due_within_a_week"))
	for _, d := range due {
		when := isoDate(d.Due)
		if d.Kind == store.DeadlineBreach || d.Kind == store.DeadlineProcessors {
			when = d.Due.Format("2006-01-02 15:04")
		}
		fmt.Fprintf(w, "  %s  %s\n", when, termsafe.Line(e.deadlineWhat(d)))
	}
}

func (e *env) weekday(d time.Time) string { return e.printer().Weekday(d) }

func (e *env) attendance(a store.Attendance) string {
	switch a {
	case store.AttendanceAttended:
		return e.T("cmd.agenda.attended")
	case store.AttendanceCancelled:
		return e.T("cmd.agenda.cancelled")
	case store.AttendanceNoShow:
		return e.T("cmd.agenda.no_show")
	}
	return ""
}

// icsOptions says what the calendar file shows.
type icsOptions struct {
	names bool   // full names instead of initials and client numbers
	lang  string // "nl" or "en", for the deadlines' summaries
}

// amsterdamVTimezone describes Europe/Amsterdam by the EU rules in force
// since 1996, for calendar apps that read TZID from the file rather than
// from their own zone database (RFC 5545, 3.6.5).
const amsterdamVTimezone = "BEGIN:VTIMEZONE\r\n" +
	"TZID:Europe/Amsterdam\r\n" +
	"BEGIN:DAYLIGHT\r\n" +
	"TZOFFSETFROM:+0100\r\n" +
	"TZOFFSETTO:+0200\r\n" +
	"TZNAME:CEST\r\n" +
	"DTSTART:19700329T020000\r\n" +
	"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n" +
	"END:DAYLIGHT\r\n" +
	"BEGIN:STANDARD\r\n" +
	"TZOFFSETFROM:+0200\r\n" +
	"TZOFFSETTO:+0100\r\n" +
	"TZNAME:CET\r\n" +
	"DTSTART:19701025T030000\r\n" +
	"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n" +
	"END:STANDARD\r\n" +
	"END:VTIMEZONE\r\n"

// writeICS writes an RFC 5545 calendar of the appointments and deadlines.
// It holds the least a calendar needs: the client's initials and number
// (their name only with names), the place and the time, never notes or
// reasons. Every event's UID is derived from what it is about (the
// client's stable id and the appointment's id; the kind and ids of a
// deadline), so importing a newer file updates the events instead of
// adding them again; SEQUENCE and LAST-MODIFIED tell the newer version.
func writeICS(w io.Writer, now time.Time, items []store.AgendaItem, deadlines []store.Deadline, o icsOptions) error {
	loc, err := time.LoadLocation(coachZone)
	if err != nil {
		return fmt.Errorf("loading the time zone %s: %w", coachZone, err)
	}
	p := msg.For(msg.Lang(o.lang))
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//caseload//agenda//EN\r\nCALSCALE:GREGORIAN\r\n")
	b.WriteString(amsterdamVTimezone)
	stamp := now.UTC().Format("20060102T150405Z")
	for _, it := range items {
		who := fmt.Sprintf("%s #%d", it.Initials(), it.ClientID)
		if o.names {
			who = it.ClientName
		}
		updated := wallToUTC(it.Updated, loc)
		b.WriteString("BEGIN:VEVENT\r\n")
		icsLine(&b, "UID", eventUID("appointment", it.ClientUID, strconv.FormatInt(it.ID, 10)))
		icsLine(&b, "DTSTAMP", stamp)
		icsLine(&b, "LAST-MODIFIED", updated.Format("20060102T150405Z"))
		icsLine(&b, "SEQUENCE", strconv.FormatInt(max(0, updated.Unix()-icsEpoch)/60, 10))
		icsLine(&b, "DTSTART;TZID="+coachZone, it.Start.Format("20060102T150405"))
		icsLine(&b, "DTEND;TZID="+coachZone,
			it.Start.Add(time.Duration(it.Minutes)*time.Minute).Format("20060102T150405"))
		icsLine(&b, "SUMMARY", icsText(p.T("cmd.agenda.ics_appointment")+who))
		if it.Place != "" {
			icsLine(&b, "LOCATION", icsText(it.Place))
		}
		status := "CONFIRMED"
		if it.Attendance == store.AttendanceCancelled {
			status = "CANCELLED"
		}
		icsLine(&b, "STATUS", status)
		icsLine(&b, "CLASS", "PRIVATE")
		icsLine(&b, "TRANSP", "OPAQUE")
		b.WriteString("END:VEVENT\r\n")
	}
	for _, d := range deadlines {
		who := ""
		if d.ClientID != 0 {
			who = fmt.Sprintf(" %s #%d", store.Initials(d.Name), d.ClientID)
			if o.names {
				who = " " + d.Name
			}
		}
		b.WriteString("BEGIN:VEVENT\r\n")
		icsLine(&b, "UID", eventUID("deadline", string(d.Kind), string(d.Category),
			strconv.FormatInt(d.ClientID, 10), strconv.FormatInt(d.ItemID, 10)))
		icsLine(&b, "DTSTAMP", stamp)
		day := icsDay(d.Due)
		// A deadline is revised by moving it (an extended request): a
		// later date gives a higher SEQUENCE.
		icsLine(&b, "SEQUENCE", strconv.FormatInt(max(0, day.Unix()-icsEpoch)/86400, 10))
		icsLine(&b, "DTSTART;VALUE=DATE", day.Format("20060102"))
		icsLine(&b, "DTEND;VALUE=DATE", day.AddDate(0, 0, 1).Format("20060102"))
		icsLine(&b, "SUMMARY", icsText(deadlineSummary(d, p)+who))
		icsLine(&b, "CLASS", "PRIVATE")
		icsLine(&b, "TRANSP", "TRANSPARENT")
		b.WriteString("END:VEVENT\r\n")
	}
	b.WriteString("END:VCALENDAR\r\n")
	_, err = io.WriteString(w, b.String())
	return err
}

// icsEpoch is where SEQUENCE starts counting minutes: an edit made later
// gives a higher number, as RFC 5545 asks of a revised event.
var icsEpoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Unix()

// deadlineSummary names a deadline in a calendar, without the client.
func deadlineSummary(d store.Deadline, p msg.Printer) string {
	switch {
	case d.Kind == store.DeadlineBreach:
		return p.Tf("cmd.agenda.ics_report_breach", d.ItemID, d.Due.Format("15:04"))
	case d.Kind == store.DeadlineRequest:
		return p.Tf("cmd.agenda.ics_answer_request", p.T(requestKinds[d.RequestKind]))
	case d.Category == store.CategoryInvoice:
		return p.Tf("cmd.agenda.ics_delete_invoice", d.Ref)
	}
	return p.T("cmd.agenda.ics_delete_dossier")
}

// eventUID is a stable, opaque UID: a hash of what the event is about, so
// it says nothing of the client, and the same item always gets the same.
func eventUID(parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(h[:16]) + "@caseload"
}

// wallToUTC reads a civil moment as a wall-clock time in loc.
func wallToUTC(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.Date()
	h, mi, s := t.Clock()
	return time.Date(y, m, d, h, mi, s, 0, loc).UTC()
}

func icsDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// icsText escapes a TEXT value (RFC 5545, 3.3.11); control characters,
// which no calendar shows, become spaces.
func icsText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 || r == 0x7f:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// icsLine writes a content line folded at 75 octets, never inside a
// UTF-8 sequence (RFC 5545, 3.1).
func icsLine(b *strings.Builder, name, value string) {
	line := name + ":" + value
	n := 0
	for i, r := range line {
		size := len(string(r))
		if n+size > 75 {
			b.WriteString("\r\n ")
			n = 1
		}
		b.WriteString(line[i : i+size])
		n += size
	}
	b.WriteString("\r\n")
}
