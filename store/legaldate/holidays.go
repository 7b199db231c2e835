package legaldate

import (
	"slices"
	"time"
)

// Holiday is one generally recognised holiday (algemeen erkende feestdag) on
// the date it falls in a given year.
type Holiday struct {
	Date   time.Time // midnight UTC
	Name   string    // English, e.g. "King's Day"
	NameNL string    // Dutch as the law writes it, e.g. "Koningsdag"
}

// holidays is the one list of days on which a deadline does not end.
//
// Sources:
//   - Algemene termijnenwet art. 3 lid 1: Nieuwjaarsdag, de Christelijke
//     tweede Paas- en Pinksterdag, de beide Kerstdagen, de Hemelvaartsdag,
//     de dag waarop de verjaardag van de Koning wordt gevierd (27 April, or
//     26 April when the 27th is a Sunday) en de vijfde mei.
//   - Algemene termijnenwet art. 3 lid 2: Goede Vrijdag is equated with
//     them. Goede Vrijdag and the fifth of May are thus in the Act itself,
//     not in a besluit under it.
//   - EU Regulation 1182/71 art. 3(4): a period that would end on a public
//     holiday, a Saturday or a Sunday ends on the next working day instead.
//     Art. 2(1) takes the public holidays of the member state where the act
//     is to be done: for a Dutch coach, this list.
//
// Left out on purpose: the days the Crown equates with holidays every few
// years by a gelijkstellingsbesluit under art. 3 lid 3 (the Friday after
// Ascension, and bridge days such as 2 January 2026). Leaving them out can
// only make a deadline earlier than the law allows, never later. Easter
// Sunday and Whit Sunday are Sundays, which are never working days anyway.
// The rules are today's for every year; before 2014 the monarch's birthday
// was kept on another date, which this table does not know.
var holidays = [...]struct {
	name, nameNL string
	date         func(year int) time.Time
}{
	{"New Year's Day", "Nieuwjaarsdag", fixed(time.January, 1)},
	{"Good Friday", "Goede Vrijdag", fromEaster(-2)},
	{"Easter Monday", "Tweede Paasdag", fromEaster(1)},
	{"King's Day", "Koningsdag", kingsDay},
	{"Liberation Day", "Bevrijdingsdag", fixed(time.May, 5)},
	{"Ascension Day", "Hemelvaartsdag", fromEaster(39)},
	{"Whit Monday", "Tweede Pinksterdag", fromEaster(50)},
	{"Christmas Day", "Eerste Kerstdag", fixed(time.December, 25)},
	{"Boxing Day", "Tweede Kerstdag", fixed(time.December, 26)},
}

// fixed is a holiday on the same date every year.
func fixed(m time.Month, d int) func(int) time.Time {
	return func(year int) time.Time { return time.Date(year, m, d, 0, 0, 0, 0, time.UTC) }
}

// fromEaster is a holiday a fixed number of days from Easter Sunday.
func fromEaster(days int) func(int) time.Time {
	return func(year int) time.Time { return Easter(year).AddDate(0, 0, days) }
}

// kingsDay is 27 April, or Saturday 26 April when the 27th is a Sunday.
func kingsDay(year int) time.Time {
	d := time.Date(year, time.April, 27, 0, 0, 0, 0, time.UTC)
	if d.Weekday() == time.Sunday {
		return d.AddDate(0, 0, -1)
	}
	return d
}

// Easter returns Easter Sunday of year in the Gregorian calendar, by the
// anonymous Gregorian algorithm (Meeus, Jones, Butcher). It is meant for
// years 1 to 9999; for years before 1583 it gives the proleptic date, which
// no church kept.
func Easter(year int) time.Time {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	n := h + l - 7*m + 114
	return time.Date(year, time.Month(n/31), n%31+1, 0, 0, 0, 0, time.UTC)
}

// Holidays returns the generally recognised holidays of year in date order.
// Two can share a date: in 2016 Ascension Day fell on 5 May, and both are
// listed.
func Holidays(year int) []Holiday {
	hs := make([]Holiday, 0, len(holidays))
	for _, h := range holidays {
		hs = append(hs, Holiday{Date: h.date(year), Name: h.name, NameNL: h.nameNL})
	}
	slices.SortStableFunc(hs, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	return hs
}

// IsHoliday reports whether d is a generally recognised holiday, and which.
// When two fall on d it returns the one Holidays lists first.
func IsHoliday(d time.Time) (Holiday, bool) {
	d = Day(d)
	for _, h := range Holidays(d.Year()) {
		if h.Date.Equal(d) {
			return h, true
		}
	}
	return Holiday{}, false
}

// IsWorkingDay reports whether d is a day on which a deadline can end: not a
// Saturday, not a Sunday and not a generally recognised holiday.
func IsWorkingDay(d time.Time) bool {
	switch Day(d).Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	_, holiday := IsHoliday(d)
	return !holiday
}

// NextWorkingDay returns d itself when it is a working day, else the first
// working day after it (EU Regulation 1182/71 art. 3(4); Algemene
// termijnenwet art. 1).
func NextWorkingDay(d time.Time) time.Time {
	d = Day(d)
	for !IsWorkingDay(d) {
		d = d.AddDate(0, 0, 1)
	}
	return d
}
