package kit

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"github.com/caseload/caseload/termsafe"
)

// Helpers for text that comes from the caseload: record bodies, titles,
// snippets and file names are shown as the coach typed them, but never
// with a character a terminal would obey instead of show (a control
// character, a bidi override), which a pasted e-mail or an imported
// dossier may hold: those are shown escaped, as termsafe writes them.

// Plain is s made safe to show, keeping line breaks: see termsafe.Text.
// A Windows line break (CR LF) is a line break; a tab becomes four
// spaces, the way the editor stores one.
func Plain(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(termsafe.Text(s), "\t", "    ")
}

// OneLine is s on one line, made safe to show, line breaks as spaces.
// For titles and names in lists.
func OneLine(s string) string {
	return strings.Join(strings.Fields(Plain(s)), " ")
}

// EditLine is s as a one-line form field starts with: control characters
// dropped (a text field cannot hold them), line breaks as spaces. Unlike
// OneLine it escapes nothing, so saving the form keeps the text as it
// was; the field's view escapes what is left (see the form's view).
func EditLine(s string) string {
	return strings.Join(strings.Fields(StripControls(s)), " ")
}

// StripControls removes control characters from s, keeping line breaks.
// A tab becomes four spaces.
func StripControls(s string) string {
	clean := true
	for _, r := range s {
		if r != '\n' && unicode.IsControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t':
			b.WriteString("    ")
		case unicode.IsControl(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// FirstLine is the first line of s that holds any text.
func FirstLine(s string) string {
	for s != "" {
		var line string
		line, s, _ = strings.Cut(s, "\n")
		if l := OneLine(line); l != "" {
			return l
		}
	}
	return ""
}

// Wrap wraps s at width cells, breaking between words where it can
// and inside a word that is longer than a line; every line of s stays a
// line of its own.
func Wrap(s string, width int) []string {
	width = max(width, 1)
	s = Plain(s)
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if ansi.StringWidth(line) <= width {
			out = append(out, line)
			continue
		}
		out = append(out, strings.Split(ansi.Wrap(line, width, ""), "\n")...)
	}
	return out
}
