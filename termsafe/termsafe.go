// Package termsafe is the one boundary between text from the vault and a
// terminal. A client's name or a note may have come from an imported CSV or
// dossier, so it can hold bytes that a terminal obeys instead of showing:
// ESC ] 0 ; … BEL retitles the window, ESC [ 2 J wipes the screen, and a
// bidi override (U+202E) makes "gpj.exe" read as "exe.jpg". Every screen
// cell and every command-line line that shows vault text passes it through
// Line or Text first, so such text is shown, escaped, instead of obeyed.
package termsafe

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line returns s made safe for one line of a screen or of command output:
// control characters (newlines and tabs included), bidi overrides and
// isolates, other invisible format characters and invalid UTF-8 are shown
// as Go-style escapes (\x1b, \n, \u202e). Text without any of them comes
// back unchanged and without an allocation, so a table may call it per cell
// on every render.
func Line(s string) string { return clean(s, false) }

// Text is Line for a block of text that keeps its layout: newlines and tabs
// stay, everything else Line escapes is escaped. Carriage returns are
// escaped, since "\r" lets a later part of a line overwrite an earlier one.
func Text(s string) string { return clean(s, true) }

// Unsafe reports whether s holds anything Line would escape. Input checks
// use it to refuse such text where it can never be meant (a name, a date).
func Unsafe(s string) bool { return firstUnsafe(s, false) >= 0 }

func clean(s string, block bool) string {
	i := firstUnsafe(s, block)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x`)
			b.WriteString(hex2(s[i]))
		case block && (r == '\n' || r == '\t'):
			b.WriteRune(r)
		case escaped(r):
			b.WriteString(escape(r))
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// firstUnsafe returns the byte offset of the first rune to escape, or -1.
func firstUnsafe(s string, block bool) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			if block && (c == '\n' || c == '\t') {
				i++
				continue
			}
			return i
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || escaped(r) {
			return i
		}
		i += size
	}
	return -1
}

// escaped reports whether r is one a terminal could act on or that hides
// itself: controls (C0, DEL, C1), line and paragraph separators, and
// format characters. The zero-width joiner and non-joiner stay: Persian and
// Indic names and emoji need them, and neither can move or hide text.
func escaped(r rune) bool {
	switch {
	case r == '\u200c' || r == '\u200d':
		return false
	case r < 0x20 || (r >= 0x7f && r < 0xa0):
		return true
	case r == '\u2028' || r == '\u2029':
		return true
	}
	return unicode.Is(unicode.Cf, r)
}

func escape(r rune) string {
	switch r {
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	case '\t':
		return `\t`
	}
	if r < 0x100 {
		return `\x` + hex2(byte(r))
	}
	h := strconv.FormatInt(int64(r), 16)
	if len(h) <= 4 {
		return `\u` + strings.Repeat("0", 4-len(h)) + h
	}
	return `\U` + strings.Repeat("0", 8-len(h)) + h
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&0xf]})
}
