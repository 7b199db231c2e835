// Package termsafe is the one boundary between text from the vault and a
// terminal. A client's name or a note may have come from an imported CSV or
// dossier, so it can hold bytes that a terminal obeys instead of showing:
// ESC ] 0 ; … BEL retitles the window, ESC [ 2 J wipes the screen, and a
// bidi override (U+202E) makes "gpj.exe" read as "exe.jpg". Every screen
// cell and every command-line line that shows vault text passes it through
// Line or Text first, so such text is shown, escaped, instead of obeyed.
package termsafe

import (
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
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

// Styled is Text for a whole rendered screen: the colour and attribute
// sequences the styling library writes (SGR, ESC [ … m) stay, every other
// escape sequence and control is shown escaped. The screens escape vault
// text cell by cell, with Line, so the layout stays right; Styled runs
// once over the finished frame so that nothing a screen forgot can reach
// the terminal as a command.
func Styled(s string) string {
	var b strings.Builder
	start := 0 // s[start:i] is clean and not yet written
	for i := 0; i < len(s); {
		if n := sgrLen(s[i:]); n > 0 {
			i += n
			continue
		}
		j := firstUnsafe(s[i:], true)
		if j < 0 {
			break
		}
		i += j
		if n := sgrLen(s[i:]); n > 0 {
			i += n
			continue
		}
		if b.Len() == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[start:i])
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString(`\x` + hex2(s[i]))
		} else {
			b.WriteString(escape(r))
		}
		i += size
		start = i
	}
	if start == 0 {
		return s
	}
	b.WriteString(s[start:])
	return b.String()
}

// sgrLen is the length of the SGR sequence s starts with, or 0: ESC [,
// digits, ";" and ":", then "m".
func sgrLen(s string) int {
	if len(s) < 3 || s[0] != 0x1b || s[1] != '[' {
		return 0
	}
	for i := 2; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9' || c == ';' || c == ':':
		case c == 'm':
			return i + 1
		default:
			return 0
		}
	}
	return 0
}

// JSON returns encoded JSON with every rune Line would escape written as
// a JSON \u escape, so a script reading the output gets the same values
// and a terminal showing it obeys none of them. encoding/json already
// escapes the C0 controls; DEL, C1 controls and format characters such
// as U+202E it writes as they are. Invalid UTF-8 never comes out of
// encoding/json, so it is left alone.
func JSON(b []byte) []byte {
	s := string(b)
	if firstUnsafe(s, true) < 0 {
		return b
	}
	out := make([]byte, 0, len(b)+32)
	for _, r := range s {
		if r != '\n' && r != '\t' && r != utf8.RuneError && escaped(r) {
			if r > 0xffff {
				r1, r2 := utf16.EncodeRune(r)
				out = append(out, `\u`+hex4(r1)+`\u`+hex4(r2)...)
			} else {
				out = append(out, `\u`+hex4(r)...)
			}
			continue
		}
		out = utf8.AppendRune(out, r)
	}
	return out
}

func hex4(r rune) string {
	return hex2(byte(r>>8)) + hex2(byte(r))
}

// Writer passes what is written through Text on its way to a terminal, so
// a command's output cannot carry a control sequence whichever line
// forgot to escape its text. A rune split across two writes is held back
// until its end arrives; Flush writes what is still held.
type Writer struct {
	w    io.Writer
	held []byte
}

// NewWriter returns a Writer to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write writes Text(p) to the underlying writer, less a trailing
// incomplete rune, and reports all of p written when that succeeds.
func (w *Writer) Write(p []byte) (int, error) {
	data := p
	if len(w.held) > 0 {
		data = append(w.held, p...)
		w.held = nil
	}
	cut := len(data)
	for k := len(data) - 1; k >= 0 && k >= len(data)-utf8.UTFMax; k-- {
		if utf8.RuneStart(data[k]) {
			if !utf8.FullRune(data[k:]) {
				cut = k
			}
			break
		}
	}
	w.held = append(w.held[:0], data[cut:]...)
	if _, err := io.WriteString(w.w, Text(string(data[:cut]))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes, escaped, the bytes of an incomplete rune still held.
func (w *Writer) Flush() error {
	if len(w.held) == 0 {
		return nil
	}
	s := Text(string(w.held))
	w.held = nil
	_, err := io.WriteString(w.w, s)
	return err
}
