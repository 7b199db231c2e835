package dossier

import (
	"fmt"
	"strings"
	"time"

	"github.com/caseload/caseload/msg"
	"github.com/caseload/caseload/store"
)

// The report and the README are written in the coach's language. Every
// text is package msg's, under "dossier." and the key tr names here (see
// msg/dossier.go); msg's tests hold both languages to the same arguments.

// Languages the report is written in.
const (
	LangDutch   = "nl"
	LangEnglish = "en"
)

// problemText is the sentence, in lang, for a problem the store's
// Validate names by code (store.CodeControl and the like), or "" for
// a problem without a code.
func problemText(lang string, ve *store.ValidationError) string {
	switch ve.Code {
	case store.CodeControl:
		return tr(lang, "bad-control")
	case store.CodeTooLong:
		if ve.Limit == store.MaxName || ve.Limit == store.MaxLine {
			return tr(lang, "bad-too-long-chars", ve.Limit)
		}
		return tr(lang, "bad-too-long-bytes", ve.Limit)
	case store.CodeDateRange:
		return tr(lang, "bad-year")
	}
	return ""
}

// tr returns the text for key in lang, formatted with args. A missing key
// shows itself rather than vanishing from the report.
func tr(lang, key string, args ...any) string {
	t, ok := msg.For(msg.Lang(lang)).Lookup("dossier." + key)
	if !ok {
		return "[" + key + "]"
	}
	if len(args) > 0 {
		return fmt.Sprintf(t, args...)
	}
	return t
}

// has reports whether the catalogue has a text for key.
func has(key string) bool {
	_, ok := msg.For(msg.English).Lookup("dossier." + key)
	return ok
}

// longDate writes an ISO date the way the coach's language reads it: 2
// maart 2026, 2 March 2026. Anything that is not a date is returned as it
// is.
func longDate(lang, iso string) string {
	if len(iso) < len(dateLayout) {
		return iso
	}
	t, err := time.Parse(dateLayout, iso[:len(dateLayout)])
	if err != nil {
		return iso
	}
	return msg.For(msg.Lang(lang)).Date(t)
}

// longMoment writes an ISO moment as a long date and the time of day.
func longMoment(lang, iso string) string {
	t, err := time.Parse(momentLayout, iso)
	if err != nil {
		return longDate(lang, iso)
	}
	return longDate(lang, iso) + ", " + t.Format("15:04")
}

// period writes a retention period: "2 jaar na het einde van je traject".
func period(lang string, months int, basis string) string {
	p := msg.For(msg.Lang(lang))
	n := p.N("period.months", months)
	if months%12 == 0 {
		n = p.N("period.years", months/12)
	}
	return tr(lang, "period", n, tr(lang, "basis-"+basis))
}

// euros writes an amount in cents as the language writes money.
func euros(lang string, cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	whole, frac := cents/100, cents%100
	digits := fmt.Sprint(whole)
	sep, dec := ",", "."
	if lang == LangDutch {
		sep, dec = ".", ","
	}
	var b strings.Builder
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return fmt.Sprintf("%s€ %s%s%02d", sign, b.String(), dec, frac)
}
