package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/caseload/caseload/store/legaldate"
)

// The breach register (AVG art. 33(5)): every incident with personal data
// is recorded, reported or not. A breach that must be reported goes to the
// Autoriteit Persoonsgegevens within 72 hours of its discovery (art.
// 33(1)); one that is not reported stays in the register with the reason.

// breachWindow is the time from discovery to the report: 72 plain hours,
// weekends and holidays included.
const breachWindow = 72 * time.Hour

// Breach is one incident in the breach register. Moments are the coach's
// wall clock, as everywhere in the store.
type Breach struct {
	ID int64
	// Discovered is the date and time the practice became aware of the
	// breach: the 72 hours count from here.
	Discovered  time.Time
	Description string
	// Categories names the kinds of data involved (contact details,
	// coaching records, health).
	Categories string
	// PeopleAffected and RecordsAffected are estimates; 0 when unknown.
	PeopleAffected  int
	RecordsAffected int
	// Consequences are the likely consequences for the people affected.
	Consequences string
	// Measures are what was done, or is proposed, to address the breach
	// and limit the harm.
	Measures string
	// Contact is where the AP and the people affected get more information.
	Contact string
	// Reported is when the breach was reported to the Autoriteit
	// Persoonsgegevens; zero while it is not.
	Reported time.Time
	// NotReportedReason explains why a breach is not reported (it is
	// unlikely to result in a risk to the people affected). A breach with
	// a reason no longer counts down.
	NotReportedReason string
	// PeopleInformed is when the people affected were told (art. 34);
	// zero while they were not.
	PeopleInformed time.Time
	// ProcessorsInformed is when the practice's processors were told of
	// the breach; zero while they were not. With processors registered,
	// they are told within 24 hours of discovery (studiebegeleiding's
	// protocol), a clock of its own beside the 72 hours to the AP.
	ProcessorsInformed time.Time
	// Clients are the ids of the clients the breach affects, so each one's
	// dossier shows it and the letter to them can be made.
	Clients []int64
	Created time.Time
}

// Validate reports the first field that a coach must correct.
func (b Breach) Validate() error {
	if err := firstError(CheckText("description", b.Description, MaxNotes),
		CheckText("categories", b.Categories, MaxNotes), CheckText("consequences", b.Consequences, MaxNotes),
		CheckText("measures", b.Measures, MaxNotes), CheckLine("contact", b.Contact, MaxLine),
		CheckText("not_reported_reason", b.NotReportedReason, MaxNotes),
		CheckDate("discovered_at", b.Discovered), CheckDate("reported_at", b.Reported),
		CheckDate("people_informed_at", b.PeopleInformed),
		CheckDate("processors_informed_at", b.ProcessorsInformed)); err != nil {
		return err
	}
	switch {
	case b.Discovered.IsZero():
		return invalid("discovered_at", "a breach needs the date and time it was discovered")
	case strings.TrimSpace(b.Description) == "":
		return invalid("description", "say what happened")
	case b.PeopleAffected < 0:
		return invalid("people_affected", "the number of people cannot be negative")
	case b.RecordsAffected < 0:
		return invalid("records_affected", "the number of records cannot be negative")
	case !b.Reported.IsZero() && b.Reported.Before(b.Discovered):
		return invalid("reported_at", "a breach cannot be reported before it was discovered")
	case !b.PeopleInformed.IsZero() && b.PeopleInformed.Before(b.Discovered):
		return invalid("people_informed_at", "people cannot be told of a breach before it was discovered")
	case !b.ProcessorsInformed.IsZero() && b.ProcessorsInformed.Before(b.Discovered):
		return invalid("processors_informed_at", "processors cannot be told of a breach before it was discovered")
	case !b.Reported.IsZero() && strings.TrimSpace(b.NotReportedReason) != "":
		return invalid("not_reported_reason", "the breach was reported: clear the reason for not reporting it")
	}
	return nil
}

// BreachDue is the moment the report of b to the Autoriteit
// Persoonsgegevens is due: 72 hours after its discovery, every hour
// counting, weekends included. The hours are real ones: when the clocks go
// back in October the wall clock reads an hour less (and in March an hour
// more) than plain addition would say. The wall clock is read as Dutch
// time, the AP's.
func BreachDue(b Breach) time.Time {
	return dutchWall(dutchInstant(civilMoment(b.Discovered)).Add(breachWindow))
}

// processorWindow is the time from discovery to telling the processors.
const processorWindow = 24 * time.Hour

// ProcessorsDue is the moment the practice's processors are to be told of
// b: 24 real hours after its discovery, read as Dutch time like BreachDue.
func ProcessorsDue(b Breach) time.Time {
	return dutchWall(dutchInstant(civilMoment(b.Discovered)).Add(processorWindow))
}

// BreachHoursLeft is the whole hours from now to BreachDue(b); negative
// once the moment has passed.
func BreachHoursLeft(b Breach, now time.Time) int {
	left := dutchInstant(BreachDue(b)).Sub(dutchInstant(civilMoment(now)))
	return int(math.Floor(left.Hours()))
}

// Dutch time is CET (UTC+1), and CEST (UTC+2) from 01:00 UTC on the last
// Sunday of March to 01:00 UTC on the last Sunday of October, as in the
// whole EU (Directive 2000/84/EC). The rule is fixed by law, so no time
// zone database is needed for it.

// dutchOffset is Dutch time's offset from UTC at instant u.
func dutchOffset(u time.Time) time.Duration {
	u = u.UTC()
	y := u.Year()
	start := lastSunday(y, time.March).Add(time.Hour)
	end := lastSunday(y, time.October).Add(time.Hour)
	if !u.Before(start) && u.Before(end) {
		return 2 * time.Hour
	}
	return time.Hour
}

// lastSunday is midnight UTC of the last Sunday of month m in year y.
func lastSunday(y int, m time.Month) time.Time {
	d := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC)
	return d.AddDate(0, 0, -int(d.Weekday()))
}

// dutchInstant is the instant (in UTC) at which Dutch clocks read wall.
// In the hour that comes twice in October it is the first pass.
func dutchInstant(wall time.Time) time.Time {
	if u := wall.Add(-2 * time.Hour); dutchOffset(u) == 2*time.Hour {
		return u
	}
	return wall.Add(-time.Hour)
}

// dutchWall is what Dutch clocks read at instant u, as a civil moment.
func dutchWall(u time.Time) time.Time { return u.UTC().Add(dutchOffset(u)) }

const breachColumns = `id, discovered_at, description, categories, people_affected, records_affected,
	consequences, measures, contact, reported_at, not_reported_reason, people_informed_at, created_at,
	processors_informed_at`

func scanBreach(row interface{ Scan(...any) error }) (Breach, error) {
	var b Breach
	err := row.Scan(&b.ID, at(&b.Discovered), &b.Description, &b.Categories, &b.PeopleAffected,
		&b.RecordsAffected, &b.Consequences, &b.Measures, &b.Contact, at(&b.Reported),
		&b.NotReportedReason, at(&b.PeopleInformed), at(&b.Created), at(&b.ProcessorsInformed))
	if errors.Is(err, sql.ErrNoRows) {
		return b, ErrNotFound
	}
	return b, err
}

// Breaches returns the breach register, the latest discovered first.
func (s *Store) Breaches(ctx context.Context) ([]Breach, error) {
	var out []Breach
	err := s.read(ctx, func(t *tx) error {
		rs, err := t.query("SELECT " + breachColumns + " FROM breaches ORDER BY discovered_at DESC, id DESC")
		if err != nil {
			return fmt.Errorf("listing breaches: %w", err)
		}
		defer rs.Close()
		for rs.Next() {
			b, err := scanBreach(rs)
			if err != nil {
				return fmt.Errorf("listing breaches: %w", err)
			}
			out = append(out, b)
		}
		if err := rs.Err(); err != nil {
			return err
		}
		rs.Close()
		for i := range out {
			if out[i].Clients, err = t.breachClients(out[i].ID); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// linkBreach records the clients breach id affects; an unknown client is
// refused, so a breach never points at no one.
func (t *tx) linkBreach(id int64, clients []int64) error {
	for _, c := range clients {
		if _, err := t.client(c); errors.Is(err, ErrNotFound) {
			return invalid("clients", fmt.Sprintf("there is no client #%d", c))
		} else if err != nil {
			return err
		}
		if _, err := t.exec("INSERT OR IGNORE INTO breach_clients (breach_id, client_id) VALUES (?, ?)",
			id, c); err != nil {
			return fmt.Errorf("linking breach to client: %w", err)
		}
	}
	return nil
}

// breachClients returns the ids of the clients breach id affects.
func (t *tx) breachClients(id int64) ([]int64, error) {
	rs, err := t.query("SELECT client_id FROM breach_clients WHERE breach_id = ? ORDER BY client_id", id)
	if err != nil {
		return nil, fmt.Errorf("listing the clients of a breach: %w", err)
	}
	defer rs.Close()
	var out []int64
	for rs.Next() {
		var c int64
		if err := rs.Scan(&c); err != nil {
			return nil, fmt.Errorf("listing the clients of a breach: %w", err)
		}
		out = append(out, c)
	}
	return out, rs.Err()
}

// ClientBreaches returns the breaches that affect a client, the latest
// discovered first, for the client's dossier and the letter to them.
func (s *Store) ClientBreaches(ctx context.Context, clientID int64) ([]Breach, error) {
	var out []Breach
	err := s.read(ctx, func(t *tx) error {
		rs, err := t.query(`SELECT `+breachColumns+` FROM breaches WHERE id IN
			(SELECT breach_id FROM breach_clients WHERE client_id = ?)
			ORDER BY discovered_at DESC, id DESC`, clientID)
		if err != nil {
			return fmt.Errorf("listing the client's breaches: %w", err)
		}
		defer rs.Close()
		for rs.Next() {
			b, err := scanBreach(rs)
			if err != nil {
				return fmt.Errorf("listing the client's breaches: %w", err)
			}
			out = append(out, b)
		}
		return rs.Err()
	})
	return out, err
}

// civilMoments reads every moment of b as a civil moment, so a value with
// a location stores the wall clock it shows.
func (b Breach) civilMoments() Breach {
	for _, m := range []*time.Time{&b.Discovered, &b.Reported, &b.PeopleInformed, &b.ProcessorsInformed} {
		if !m.IsZero() {
			*m = civilMoment(*m)
		}
	}
	return b
}

// checkMoments refuses moments after now: the register records what has
// happened.
func (b Breach) checkMoments(now time.Time) error {
	switch now = civilMoment(now); {
	case b.Discovered.After(now):
		return invalid("discovered_at", "a breach cannot be discovered in the future")
	case b.Reported.After(now):
		return invalid("reported_at", "record the report once it has been made")
	case b.PeopleInformed.After(now):
		return invalid("people_informed_at", "record that people were told once they have been")
	case b.ProcessorsInformed.After(now):
		return invalid("processors_informed_at", "record that the processors were told once they have been")
	}
	return nil
}

// AddBreach records a breach and returns it with its id.
func (s *Store) AddBreach(ctx context.Context, b Breach) (Breach, error) {
	b = b.civilMoments()
	if err := b.Validate(); err != nil {
		return b, err
	}
	err := s.write(ctx, func(t *tx) error {
		if err := b.checkMoments(t.now); err != nil {
			return err
		}
		res, err := t.exec(`INSERT INTO breaches (discovered_at, description, categories,
				people_affected, records_affected, consequences, measures, contact, reported_at,
				not_reported_reason, people_informed_at, created_at, processors_informed_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, momentArg(b.Discovered), b.Description,
			b.Categories, b.PeopleAffected, b.RecordsAffected, b.Consequences, b.Measures, b.Contact,
			momentArg(b.Reported), b.NotReportedReason, momentArg(b.PeopleInformed), t.stamp(),
			momentArg(b.ProcessorsInformed))
		if err != nil {
			return fmt.Errorf("adding breach: %w", err)
		}
		if b.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		if err := t.linkBreach(b.ID, b.Clients); err != nil {
			return err
		}
		b.Created = civilMoment(t.now)
		return t.audit(AuditCreate, 0, fmt.Sprintf("breach %d", b.ID))
	})
	return b, err
}

// UpdateBreach stores what became known of a breach: the report, the
// reason not to report it, the people told, the measures. It returns
// ErrNotFound for an unknown id.
func (s *Store) UpdateBreach(ctx context.Context, b Breach) (Breach, error) {
	b = b.civilMoments()
	if err := b.Validate(); err != nil {
		return b, err
	}
	err := s.write(ctx, func(t *tx) error {
		old, err := scanBreach(t.row("SELECT "+breachColumns+" FROM breaches WHERE id = ?", b.ID))
		if err != nil {
			return err
		}
		if err := b.checkMoments(t.now); err != nil {
			return err
		}
		if _, err := t.exec(`UPDATE breaches SET discovered_at = ?, description = ?, categories = ?,
				people_affected = ?, records_affected = ?, consequences = ?, measures = ?, contact = ?,
				reported_at = ?, not_reported_reason = ?, people_informed_at = ?,
				processors_informed_at = ? WHERE id = ?`,
			momentArg(b.Discovered), b.Description, b.Categories, b.PeopleAffected, b.RecordsAffected,
			b.Consequences, b.Measures, b.Contact, momentArg(b.Reported), b.NotReportedReason,
			momentArg(b.PeopleInformed), momentArg(b.ProcessorsInformed), b.ID); err != nil {
			return fmt.Errorf("updating breach: %w", err)
		}
		if _, err := t.exec("DELETE FROM breach_clients WHERE breach_id = ?", b.ID); err != nil {
			return fmt.Errorf("updating breach: %w", err)
		}
		if err := t.linkBreach(b.ID, b.Clients); err != nil {
			return err
		}
		b.Created = old.Created
		return t.audit(AuditEdit, 0, fmt.Sprintf("breach %d", b.ID))
	})
	return b, err
}

// breachDeadlines returns a deadline for every breach neither reported
// nor kept unreported with a reason.
func (t *tx) breachDeadlines() ([]Deadline, error) {
	rs, err := t.query("SELECT " + breachColumns + ` FROM breaches
		WHERE reported_at IS NULL AND trim(not_reported_reason) = '' ORDER BY discovered_at, id`)
	if err != nil {
		return nil, fmt.Errorf("listing breach deadlines: %w", err)
	}
	defer rs.Close()
	var out []Deadline
	for rs.Next() {
		b, err := scanBreach(rs)
		if err != nil {
			return nil, fmt.Errorf("listing breach deadlines: %w", err)
		}
		d := Deadline{Kind: DeadlineBreach, ItemID: b.ID, Ref: summary(b.Description, 60), Due: BreachDue(b)}
		d.DaysLeft = legaldate.DaysBetween(t.today(), d.Due)
		d.HoursLeft = BreachHoursLeft(b, t.now)
		d.State = RetentionUrgent // 72 hours are never more than three days
		if d.HoursLeft < 0 {
			d.State = RetentionOverdue
		}
		out = append(out, d)
	}
	return out, rs.Err()
}

// processorDeadlines returns a deadline for every breach whose processors
// are still to be told, while the practice has processors to tell.
func (t *tx) processorDeadlines() ([]Deadline, error) {
	rs, err := t.query("SELECT " + breachColumns + ` FROM breaches
		WHERE processors_informed_at IS NULL AND EXISTS (SELECT 1 FROM processors)
		ORDER BY discovered_at, id`)
	if err != nil {
		return nil, fmt.Errorf("listing breach deadlines: %w", err)
	}
	defer rs.Close()
	var out []Deadline
	for rs.Next() {
		b, err := scanBreach(rs)
		if err != nil {
			return nil, fmt.Errorf("listing breach deadlines: %w", err)
		}
		d := Deadline{Kind: DeadlineProcessors, ItemID: b.ID, Ref: summary(b.Description, 60), Due: ProcessorsDue(b)}
		d.DaysLeft = legaldate.DaysBetween(t.today(), d.Due)
		d.HoursLeft = int(math.Floor(dutchInstant(d.Due).Sub(dutchInstant(civilMoment(t.now))).Hours()))
		d.State = RetentionUrgent
		if d.HoursLeft < 0 {
			d.State = RetentionOverdue
		}
		out = append(out, d)
	}
	return out, rs.Err()
}

// summary is the first line of s, cut to n characters.
func summary(s string, n int) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	if r := []rune(s); len(r) > n {
		s = strings.TrimSpace(string(r[:n-1])) + "…"
	}
	return s
}
