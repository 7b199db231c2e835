package kit

import (
	"strconv"
	"strings"
	"time"
)

// Reading the dates a coach types into a form. The sentences that say
// what is wrong are the screen's, in the coach's language.

// DateProblem says why a typed date was refused.
type DateProblem int

const (
	DateOK         DateProblem = iota
	DateFormat                 // not a date as caseload reads them
	DateImpossible             // 31-02-2026: no such day
	DateYear                   // outside 1900–2199, surely a typo
)

// ParseDate reads a date typed as 2026-01-31 or 31-01-2026 (also with / or
// . between the parts, and one-digit days and months). "" is the zero date.
func ParseDate(s string) (time.Time, DateProblem) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, DateOK
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' || r == '.' })
	if len(parts) != 3 {
		return time.Time{}, DateFormat
	}
	n := [3]int{}
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return time.Time{}, DateFormat
		}
		n[i] = v
	}
	var y, m, d int
	switch {
	case len(parts[0]) == 4 && len(parts[1]) <= 2 && len(parts[2]) <= 2:
		y, m, d = n[0], n[1], n[2]
	case len(parts[2]) == 4 && len(parts[0]) <= 2 && len(parts[1]) <= 2:
		d, m, y = n[0], n[1], n[2]
	default:
		return time.Time{}, DateFormat
	}
	if y < 1900 || y > 2199 {
		return time.Time{}, DateYear
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if m < 1 || m > 12 || d < 1 || t.Day() != d {
		return time.Time{}, DateImpossible
	}
	return t, DateOK
}

// DateTimeProblem says why a typed date and time was refused.
type DateTimeProblem int

const (
	DateTimeOK             DateTimeProblem = iota // a date and a time
	DateTimeFormat                                // not a date and time as caseload reads them
	DateTimeImpossibleDay                         // 31-02-2026 14:00
	DateTimeYear                                  // the year looks like a typo
	DateTimeImpossibleTime                        // 25:00
)

// ParseDateTime reads a date and a time typed as "2026-12-01 14:30" or
// "1-12-2026 9.30": a date as ParseDate reads it, a space, and hours and
// minutes with ":" or "." between them. Both parts are needed.
func ParseDateTime(s string) (time.Time, DateTimeProblem) {
	fields := strings.Fields(s)
	if len(fields) != 2 {
		return time.Time{}, DateTimeFormat // not a date and time as caseload reads them
	}
	d, p := ParseDate(fields[0])
	switch p {
	case DateImpossible:
		return time.Time{}, DateTimeImpossibleDay
	case DateYear:
		return time.Time{}, DateTimeYear
	case DateFormat:
		return time.Time{}, DateTimeFormat // not a date and time as caseload reads them
	}
	hh, mm, ok := strings.Cut(fields[1], ":")
	if !ok {
		hh, mm, ok = strings.Cut(fields[1], ".")
	}
	h, herr := strconv.Atoi(hh)
	mi, merr := strconv.Atoi(mm)
	switch {
	case !ok || herr != nil || merr != nil || len(hh) > 2 || len(mm) != 2:
		return time.Time{}, DateTimeFormat // not a date and time as caseload reads them
	case h < 0 || h > 23 || mi < 0 || mi > 59:
		return time.Time{}, DateTimeImpossibleTime
	}
	return d.Add(time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute), DateTimeOK
}
