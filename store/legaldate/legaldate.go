// Package legaldate counts legal periods over civil dates: months and years
// for retention, the Dutch generally recognised holidays, and the deadlines
// of a data subject's request under the AVG (GDPR).
//
// A civil date is a time.Time at midnight UTC. Day makes one from any
// time.Time by reading the calendar date in that value's own location, and
// every function here does the same to its arguments, so a caller may pass
// time.Now() in Europe/Amsterdam and get the date the coach sees. A timestamp
// kept in UTC must first be moved to Europe/Amsterdam with In: 00:30 on
// 1 March in Amsterdam is still 28 February in UTC. Results are always
// midnight UTC; compare them with Equal.
//
// The package is pure: no clock, no time zone database, no state. It uses
// the proleptic Gregorian calendar for every year.
package legaldate

import "time"

// Day returns the calendar date of t, read in t's own location, as a time at
// midnight UTC.
func Day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// AddMonths returns the date n months after d, counted as the law counts a
// period of months: the same day of the month n months later, or the last
// day of that month when it has no such day (EU Regulation 1182/71 art.
// 3(2)(c)). The day the period runs from is not counted, so a request
// received on 5 March has one month up to 5 April. 31 August plus one
// month is 30 September and 31 January plus one month is 28 or 29 February.
// A negative n counts back. A weekend or holiday does not move the result:
// that is for deadlines (see NextWorkingDay), not for retention periods.
func AddMonths(d time.Time, n int) time.Time {
	y, m, day := d.Date()
	// time.Date carries months beyond December or before January into the year.
	y, m, _ = time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC).Date()
	return time.Date(y, m, min(day, daysIn(y, m)), 0, 0, 0, 0, time.UTC)
}

// AddYears returns the date n years after d: AddMonths(d, 12*n), so 29
// February plus one year is 28 February.
func AddYears(d time.Time, n int) time.Time {
	return AddMonths(d, 12*n)
}

// DaysBetween returns the number of whole calendar days from from to to,
// negative when to is before from. Only the dates count, not the times of
// day, so a change to or from summer time between them makes no difference.
func DaysBetween(from, to time.Time) int {
	const secondsPerDay = 24 * 60 * 60
	return int((Day(to).Unix() - Day(from).Unix()) / secondsPerDay)
}

// daysIn returns the number of days in month m of year y.
func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
