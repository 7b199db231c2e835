// Package strength judges a new passphrase before it seals a vault, with
// zxcvbn (github.com/trustelem/zxcvbn, a port of Dropbox's estimator
// that KeePassXC and Bitwarden also use): it counts the guesses a
// cracker who knows common passwords, words, keyboard walks, repeats and
// sequences would need, rather than rewarding "Aa1!". cmd and tui both
// ask it, so the command line and the screen refuse the same
// passphrases for the same reason.
package strength

import (
	"unicode/utf8"

	"github.com/trustelem/zxcvbn"
)

// MinLength is the fewest characters a passphrase may have, whatever
// zxcvbn says.
const MinLength = 10

// MinScore is zxcvbn's score a passphrase needs (0–4): 3 is "safely
// unguessable, moderate protection from an offline slow-hash attack"
// (at least 10^8 guesses), which with scrypt at about a second a guess
// on the coach's laptop is years for a patient thief with one GPU.
const MinScore = 3

// maxRunes is how much of a passphrase zxcvbn looks at: its matching is
// quadratic, and a passphrase of 100 characters is strong by its start.
const maxRunes = 100

// Reason says why a passphrase is refused.
type Reason int

// The reasons, each with its own sentence in cmd and tui.
const (
	OK        Reason = iota
	TooShort         // fewer than MinLength characters
	Repeated         // "aaaaaaaaaa", ten spaces, "abcabcabc"
	Sequence         // "abcdefghij", "1234567890"
	Keyboard         // "qwertyuiop", "1qaz2wsx"
	Common           // a common password, name or word, even with l33t
	Date             // mostly a date or a year
	Guessable        // short of MinScore for no single reason
)

// Verdict is the judgement of one passphrase.
type Verdict struct {
	// Score is zxcvbn's, 0 (a top-10 password) to 4 (strong).
	Score int
	// Reason is OK when the passphrase is accepted.
	Reason Reason
}

// Strong reports whether the verdict is the best grade.
func (v Verdict) Strong() bool { return v.Reason == OK && v.Score >= 4 }

// Check judges p. Context words (the coach's name, "caseload") count as
// known to the cracker.
func Check(p string, context ...string) Verdict {
	if utf8.RuneCountInString(p) < MinLength {
		return Verdict{Reason: TooShort}
	}
	if r := []rune(p); len(r) > maxRunes {
		p = string(r[:maxRunes])
	}
	res := zxcvbn.PasswordStrength(p, append(context, "caseload", "coach", "vault", "kluis"))
	if res.Score >= MinScore {
		return Verdict{Score: res.Score}
	}
	// The pattern that covers most of the passphrase is the reason.
	var longest int
	pattern := ""
	for _, m := range res.Sequence {
		if n := m.J - m.I + 1; n > longest && m.Pattern != "bruteforce" {
			longest, pattern = n, m.Pattern
		}
	}
	reason := Guessable
	if longest*2 >= utf8.RuneCountInString(p) {
		switch pattern {
		case "repeat":
			reason = Repeated
		case "sequence":
			reason = Sequence
		case "spatial":
			reason = Keyboard
		case "dictionary":
			reason = Common
		case "date", "regex":
			reason = Date
		}
	}
	return Verdict{Score: res.Score, Reason: reason}
}
