package tui

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// Helpers for text that comes from the caseload: record bodies, titles,
// snippets and file names are shown as the coach typed them, but never
// with control characters, which a pasted e-mail or an imported dossier
// may hold and which a terminal would act on.

// plain removes control characters from s, keeping line breaks. A tab
// becomes four spaces, the way the editor stores one.
func plain(s string) string {
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

// oneLine is s on one line: control characters gone, line breaks as
// spaces. For titles and names in lists.
func oneLine(s string) string {
	return strings.Join(strings.Fields(plain(s)), " ")
}

// firstLine is the first line of s that holds any text.
func firstLine(s string) string {
	for s != "" {
		var line string
		line, s, _ = strings.Cut(s, "\n")
		if l := oneLine(line); l != "" {
			return l
		}
	}
	return ""
}

// wrapText wraps s at width cells, breaking between words where it can
// and inside a word that is longer than a line; every line of s stays a
// line of its own.
func wrapText(s string, width int) []string {
	width = max(width, 1)
	s = plain(s)
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

// snippetPart is a stretch of a search snippet, matching or not.
type snippetPart struct {
	text  string
	match bool
}

// splitSnippet cuts a snippet at the store's « and » marks.
func splitSnippet(s string) []snippetPart {
	s = oneLine(s)
	var parts []snippetPart
	for s != "" {
		before, rest, found := strings.Cut(s, "«")
		if before != "" {
			parts = append(parts, snippetPart{text: before})
		}
		if !found {
			break
		}
		match, after, _ := strings.Cut(rest, "»")
		if match != "" {
			parts = append(parts, snippetPart{text: match, match: true})
		}
		s = after
	}
	return parts
}
