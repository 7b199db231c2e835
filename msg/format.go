package msg

import (
	"strconv"
	"strings"
	"time"
)

// Dates and sizes as a coach reads them, in the printer's language. Numbers
// stay ungrouped (see the package comment); only the decimal mark and the
// names of months and days are the language's.

var (
	monthsNL      = [12]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}
	monthsEN      = [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	monthsShortNL = [12]string{"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"}
	monthsShortEN = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
)

// Date formats a civil date in full: "2 januari 2026" or "2 January 2026".
// A zero date is "".
func (p Printer) Date(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	names := &monthsEN
	if p.lang == Dutch {
		names = &monthsNL
	}
	return strconv.Itoa(d.Day()) + " " + names[d.Month()-1] + " " + strconv.Itoa(d.Year())
}

// DateShort formats a civil date for a table column: "2 jan 2026" or
// "2 Jan 2026". A zero date is "".
func (p Printer) DateShort(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	names := &monthsShortEN
	if p.lang == Dutch {
		names = &monthsShortNL
	}
	return strconv.Itoa(d.Day()) + " " + names[d.Month()-1] + " " + strconv.Itoa(d.Year())
}

// DateTimeShort formats a civil date-time: "2 jan 2026 10:00".
func (p Printer) DateTimeShort(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return p.DateShort(d) + " " + d.Format("15:04")
}

// MonthYear formats the month of a civil date: "sep 2025" or "Sep 2025".
func (p Printer) MonthYear(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	names := &monthsShortEN
	if p.lang == Dutch {
		names = &monthsShortNL
	}
	return names[d.Month()-1] + " " + strconv.Itoa(d.Year())
}

// MonthShort is the short name of month m: "mrt" or "Mar".
func (p Printer) MonthShort(m time.Month) string {
	if p.lang == Dutch {
		return monthsShortNL[m-1]
	}
	return monthsShortEN[m-1]
}

var (
	weekdaysNL = [7]string{"zo", "ma", "di", "wo", "do", "vr", "za"}
	weekdaysEN = [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
)

// Weekday is the short name of d's day of the week: "di" or "Tue". A zero
// date is "".
func (p Printer) Weekday(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	if p.lang == Dutch {
		return weekdaysNL[d.Weekday()]
	}
	return weekdaysEN[d.Weekday()]
}

// Size formats a number of bytes for a coach: "820 B", "12 KB", "1,4 MB"
// (a decimal comma in Dutch). Units are powers of 1024, as file managers
// on the coaches' laptops count them.
func (p Printer) Size(n int64) string {
	const unit = 1024
	if n < unit {
		return strconv.FormatInt(n, 10) + " B"
	}
	v := float64(n)
	units := []string{"KB", "MB", "GB", "TB"}
	i := -1
	for v >= unit && i < len(units)-1 {
		v /= unit
		i++
	}
	var s string
	if v < 10 {
		s = strconv.FormatFloat(v, 'f', 1, 64)
	} else {
		s = strconv.FormatFloat(v, 'f', 0, 64)
	}
	if p.lang == Dutch {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s + " " + units[i]
}
