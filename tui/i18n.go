package tui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/caseload/caseload/msg"
)

// Lang is the language of the interface; package msg owns the languages
// caseload speaks and how one is chosen.
type Lang = msg.Lang

// The languages caseload speaks.
const (
	Dutch   = msg.Dutch
	English = msg.English
)

// ParseLang reads a --lang value or a locale name (see msg.ParseLang).
func ParseLang(s string) (Lang, bool) { return msg.ParseLang(s) }

// DetectLang chooses the language from the flag and the locale (see
// msg.DetectLang).
func DetectLang(env func(string) string, flag string) Lang { return msg.DetectLang(env, flag) }

// Text translates catalog keys into one language. It is a small value:
// copy it freely.
type Text struct{ lang Lang }

// newText returns the translator for l, English for an unknown language.
func newText(l Lang) Text {
	if l != Dutch {
		l = English
	}
	return Text{lang: l}
}

// Lang is the language t translates into.
func (t Text) Lang() Lang { return t.lang }

// T returns the text for key. Always pass a literal key: a test checks
// every literal against the catalog, which it cannot do for a computed one.
// A missing key shows as itself in brackets rather than as nothing.
func (t Text) T(key string) string {
	e, ok := catalog[key]
	if !ok {
		return "‹" + key + "›"
	}
	if t.lang == Dutch {
		return e.nl
	}
	return e.en
}

// Tf formats the text for key with args, as fmt.Sprintf does.
func (t Text) Tf(key string, args ...any) string {
	return fmt.Sprintf(t.T(key), args...)
}

var (
	monthsNL      = [12]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}
	monthsEN      = [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	monthsShortNL = [12]string{"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"}
	monthsShortEN = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
)

// Date formats a civil date in full: "2 januari 2026" or "2 January 2026".
// A zero date is "".
func (t Text) Date(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	names := &monthsEN
	if t.lang == Dutch {
		names = &monthsNL
	}
	return strconv.Itoa(d.Day()) + " " + names[d.Month()-1] + " " + strconv.Itoa(d.Year())
}

// DateShort formats a civil date for a table column: "2 jan 2026" or
// "2 Jan 2026". A zero date is "".
func (t Text) DateShort(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	names := &monthsShortEN
	if t.lang == Dutch {
		names = &monthsShortNL
	}
	return strconv.Itoa(d.Day()) + " " + names[d.Month()-1] + " " + strconv.Itoa(d.Year())
}

// DateTimeShort formats a civil date-time: "2 jan 2026 10:00".
func (t Text) DateTimeShort(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return t.DateShort(d) + " " + d.Format("15:04")
}

// MonthYear formats the month of a civil date: "sep 2025" or "Sep 2025".
func (t Text) MonthYear(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	names := &monthsShortEN
	if t.lang == Dutch {
		names = &monthsShortNL
	}
	return names[d.Month()-1] + " " + strconv.Itoa(d.Year())
}

var (
	weekdaysNL = [7]string{"zo", "ma", "di", "wo", "do", "vr", "za"}
	weekdaysEN = [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
)

// Weekday is the short name of d's day of the week: "di" or "Tue". A zero
// date is "".
func (t Text) Weekday(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	if t.lang == Dutch {
		return weekdaysNL[d.Weekday()]
	}
	return weekdaysEN[d.Weekday()]
}

// Size formats a number of bytes for a coach: "820 B", "12 KB", "1,4 MB"
// (a decimal comma in Dutch). Units are powers of 1024, as file managers
// on the coaches' laptops count them.
func (t Text) Size(n int64) string {
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
	if t.lang == Dutch {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s + " " + units[i]
}
