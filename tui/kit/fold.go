package kit

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold makes s comparable for filtering: lower case, accents removed, so
// "Çelik" matches "celik" and "Zoë" matches "zoe". Letters that do not
// decompose (ø, ł, ß, æ, đ) get their usual ASCII spelling.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	var it norm.Iter
	it.InitString(norm.NFD, s)
	for !it.Done() {
		for _, r := range string(it.Next()) {
			if unicode.Is(unicode.Mn, r) {
				continue
			}
			r = unicode.ToLower(r)
			if rep, ok := foldSpecial[r]; ok {
				b.WriteString(rep)
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// foldSpecial spells the letters without a decomposition the way their
// writers type them on a keyboard without them.
var foldSpecial = map[rune]string{
	'ø': "o", 'ł': "l", 'ß': "ss", 'æ': "ae", 'œ': "oe", 'đ': "d", 'ð': "d",
	'þ': "th", 'ı': "i", 'ŀ': "l", 'ħ': "h",
}
