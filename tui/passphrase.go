package tui

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
)

// minPassphrase is the shortest passphrase caseload accepts. The vault's
// scrypt work factor makes each guess cost about a second, but a short
// passphrase still falls to a patient attacker with the laptop.
const minPassphrase = 10

// strength is a rough, honest grade of a passphrase: length counts most,
// then the number of words, then the variety of characters. It does not
// pretend to measure entropy.
type strength int

const (
	strengthTooShort strength = iota // refused
	strengthFair                     // accepted, with advice
	strengthGood
	strengthStrong
)

// passphraseStrength grades p. Four or more words, or 14 or more
// characters, is what the screen recommends.
func passphraseStrength(p string) strength {
	n := utf8.RuneCountInString(p)
	if n < minPassphrase {
		return strengthTooShort
	}
	words := len(strings.FieldsFunc(p, func(r rune) bool {
		return unicode.IsSpace(r) || r == '-' || r == '_' || r == '.' || r == ','
	}))
	var lower, upper, digit, other bool
	distinct := map[rune]bool{}
	for _, r := range p {
		distinct[r] = true
		switch {
		case unicode.IsLower(r):
			lower = true
		case unicode.IsUpper(r):
			upper = true
		case unicode.IsDigit(r):
			digit = true
		default:
			other = true
		}
	}
	classes := 0
	for _, c := range []bool{lower, upper, digit, other} {
		if c {
			classes++
		}
	}
	s := strengthFair
	switch {
	case words >= 4 && n >= 20 || n >= 16 && classes >= 3:
		s = strengthStrong
	case words >= 4 || n >= 14:
		s = strengthGood
	}
	// "aaaaaaaaaaaaaaaa" or "1212121212121212" is long, not strong.
	if len(distinct) < 6 {
		s = min(s, strengthFair)
	}
	return s
}

// newInput is a one-line text field with caseload's look: a steady cursor
// (calmer than a blinking one, and it does not redraw the screen twice a
// second) and placeholder text in the muted style.
func newInput(st *Styles, placeholder string, width int) textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = placeholder
	in.Width = width
	in.PlaceholderStyle = st.Muted
	in.TextStyle = st.Text
	in.Cursor.Style = st.Accent
	in.Cursor.SetMode(cursor.CursorStatic)
	return in
}

// newPassphraseInput is a masked field for a passphrase.
func newPassphraseInput(st *Styles) textinput.Model {
	in := newInput(st, "", 40)
	in.EchoMode = textinput.EchoPassword
	in.EchoCharacter = '•'
	in.CharLimit = 1024
	return in
}
