package store

import (
	"database/sql"
	"fmt"
	"time"
)

// Civil dates and moments are stored as text and held in Go as time.Time
// values in UTC whose fields are the coach's wall clock: a date is midnight
// UTC of that day. Nothing is converted between zones, so a deadline never
// shifts by a day when the laptop travels or the clocks change.

const (
	dateLayout   = "2006-01-02"
	momentLayout = "2006-01-02 15:04:05"
)

// civilDay is the civil date of an instant, in the local zone of the instant.
func civilDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// civilMoment is the wall-clock reading of an instant, as a UTC value.
func civilMoment(t time.Time) time.Time {
	y, mo, d := t.Date()
	h, mi, sec := t.Clock()
	return time.Date(y, mo, d, h, mi, sec, 0, time.UTC)
}

func formatMoment(t time.Time) string { return civilMoment(t).Format(momentLayout) }

// dateArg is the stored form of a civil date: NULL when unset.
func dateArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format(dateLayout)
}

// momentArg is the stored form of a civil moment: NULL when unset.
func momentArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format(momentLayout)
}

// civilTime scans a stored date or moment; NULL and empty scan as zero.
type civilTime struct{ t *time.Time }

func (c civilTime) Scan(src any) error {
	var s sql.NullString
	if err := s.Scan(src); err != nil {
		return err
	}
	if !s.Valid || s.String == "" {
		*c.t = time.Time{}
		return nil
	}
	layout := dateLayout
	if len(s.String) > len(dateLayout) {
		layout = momentLayout
	}
	t, err := time.Parse(layout, s.String)
	if err != nil {
		return fmt.Errorf("stored date %q: %w", s.String, err)
	}
	*c.t = t
	return nil
}

// at wraps a destination for Scan.
func at(t *time.Time) civilTime { return civilTime{t} }
