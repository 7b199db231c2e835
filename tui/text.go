package tui

import (
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

// Text is the screens' view on package msg, which owns every text: the
// screens' catalogue is msg's tui_*.go files, one per screen or area. It is
// a small value: copy it freely.
type Text struct{ p msg.Printer }

// newText returns the translator for l, English for an unknown language.
func newText(l Lang) Text { return Text{p: msg.Screens(l)} }

// Lang is the language t translates into.
func (t Text) Lang() Lang { return t.p.Lang() }

// T returns the text for key. Always pass a literal key: a test checks
// every literal against the catalogue, which it cannot do for a computed
// one. A missing key shows as itself in brackets rather than as nothing.
func (t Text) T(key string) string { return t.p.T(key) }

// Tf formats the text for key with args, as fmt.Sprintf does.
func (t Text) Tf(key string, args ...any) string { return t.p.Tf(key, args...) }

// N formats the counted text for key for n, followed by args, in the
// plural form n asks for ("1 month", "2 months"). Pass a literal key.
func (t Text) N(key string, n int, args ...any) string { return t.p.N(key, n, args...) }

// Noun is the counted text for key in the form n asks for, for a number
// shown apart from its noun. Pass a literal key.
func (t Text) Noun(key string, n int) string { return t.p.Noun(key, n) }

// dossierCounts is what a dossier holds, as an export or an import says
// it: "1 verslag, 2 afspraken, 0 documenten".
func (t Text) dossierCounts(records, appointments, documents int) string {
	return t.N("count.records", records) + ", " + t.N("count.appointments", appointments) + ", " +
		t.N("count.documents", documents)
}

// Date formats a civil date in full: "2 januari 2026" (see msg).
func (t Text) Date(d time.Time) string { return t.p.Date(d) }

// DateShort formats a civil date for a table column: "2 jan 2026".
func (t Text) DateShort(d time.Time) string { return t.p.DateShort(d) }

// DateTimeShort formats a civil date-time: "2 jan 2026 10:00".
func (t Text) DateTimeShort(d time.Time) string { return t.p.DateTimeShort(d) }

// MonthYear formats the month of a civil date: "sep 2025".
func (t Text) MonthYear(d time.Time) string { return t.p.MonthYear(d) }

// MonthShort is the short name of month m: "mrt" or "Mar".
func (t Text) MonthShort(m time.Month) string { return t.p.MonthShort(m) }

// Weekday is the short name of d's day of the week: "di" or "Tue".
func (t Text) Weekday(d time.Time) string { return t.p.Weekday(d) }

// Size formats a number of bytes for a coach: "820 B", "1,4 MB".
func (t Text) Size(n int64) string { return t.p.Size(n) }
