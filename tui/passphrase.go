package tui

import (
	"unicode/utf8"
	"unsafe"

	"github.com/caseload/caseload/internal/strength"
)

// verdict is the judgement of a new passphrase (internal/strength, the
// same as the command line's).
type verdict struct {
	strength.Verdict
	field int // the length judged, in characters; 0: not judged
}

// checkPassphrase judges a new passphrase.
func checkPassphrase(p string) verdict {
	return verdict{Verdict: strength.Check(p), field: utf8.RuneCountInString(p)}
}

// checkSecret judges a passphrase held in a kit.Secret's buffer. zxcvbn
// takes a string; the one made here is wiped after (zxcvbn's own pieces
// of it are not).
func checkSecret(b []byte) verdict {
	s := string(b)
	v := checkPassphrase(s)
	clear(unsafe.Slice(unsafe.StringData(s), len(s)))
	return v
}

// refused reports whether the passphrase may not seal a vault.
func (v verdict) refused() bool { return v.Reason != strength.OK }

// short is the hint under the field for a refused passphrase.
func (v verdict) short(t Text) string {
	switch v.Reason {
	case strength.TooShort:
		return t.Tf("create.strength_short", strength.MinLength)
	case strength.Repeated:
		return t.T("create.weak_repeated_short")
	case strength.Sequence:
		return t.T("create.weak_sequence_short")
	case strength.Keyboard:
		return t.T("create.weak_keyboard_short")
	case strength.Common:
		return t.T("create.weak_common_short")
	case strength.Date:
		return t.T("create.weak_date_short")
	}
	return t.T("create.weak_guessable_short")
}

// problem is the sentence for a refused passphrase.
func (v verdict) problem(t Text) string {
	switch v.Reason {
	case strength.TooShort:
		return t.Tf("create.too_short", strength.MinLength)
	case strength.Repeated:
		return t.T("create.weak_repeated")
	case strength.Sequence:
		return t.T("create.weak_sequence")
	case strength.Keyboard:
		return t.T("create.weak_keyboard")
	case strength.Common:
		return t.T("create.weak_common")
	case strength.Date:
		return t.T("create.weak_date")
	}
	return t.T("create.weak_guessable")
}
