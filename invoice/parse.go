package invoice

import (
	"regexp"
	"strconv"
	"strings"
)

// What a coach types for money, read the same way by the command line and
// the screens: never through a float, so 0.1 + 0.2 is 30 cents.

var (
	amountRE = regexp.MustCompile(`^\s*€?\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$`)
	rateRE   = regexp.MustCompile(`^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*%?\s*$`)
)

// ParseCents reads an amount in euros as cents: 95, 95.5, 95,50, €95.00.
func ParseCents(s string) (int64, bool) {
	m := amountRE.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	whole, _ := strconv.ParseInt(m[1], 10, 64)
	frac := int64(0)
	if m[2] != "" {
		frac, _ = strconv.ParseInt((m[2] + "0")[:2], 10, 64)
	}
	return whole*100 + frac, true
}

// ParseVAT reads a VAT percentage as basis points: 21, 9, 0, 6.5, 21%.
func ParseVAT(s string) (int, bool) {
	m := rateRE.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	whole, _ := strconv.Atoi(m[1])
	frac := 0
	if m[2] != "" {
		frac, _ = strconv.Atoi((m[2] + "0")[:2])
	}
	return whole*100 + frac, true
}

// ParseMinutes reads hours as minutes: 10, 10:30, 7.5, 7,25.
func ParseMinutes(s string) (int64, bool) {
	if h, m, ok := strings.Cut(strings.TrimSpace(s), ":"); ok {
		hh, err1 := strconv.ParseInt(h, 10, 64)
		mm, err2 := strconv.ParseInt(m, 10, 64)
		if err1 == nil && err2 == nil && hh >= 0 && mm >= 0 && mm < 60 {
			return hh*60 + mm, true
		}
		return 0, false
	}
	hundredths, ok := ParseCents(s) // the same shape: whole and up to two decimals
	if !ok || strings.Contains(s, "€") {
		return 0, false
	}
	return hundredths * 60 / 100, true
}

// CentsInput writes cents the way ParseCents reads them back: "95.00"
// ("95,00" in Dutch), without the euro sign or thousands.
func CentsInput(l Lang, cents int64) string {
	dec := "."
	if l == Dutch {
		dec = ","
	}
	return strconv.FormatInt(cents/100, 10) + dec + strconv.FormatInt(100+cents%100, 10)[1:]
}

// VATInput writes basis points the way ParseVAT reads them back: "21",
// "6.5" ("6,5" in Dutch).
func VATInput(l Lang, bp int) string {
	s := percent(bp)
	if l == Dutch {
		s = strings.ReplaceAll(s, ".", ",")
	}
	return s
}
