package dossier

import (
	"fmt"
	"path"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Slug folds a name to lowercase ASCII letters and digits joined by
// hyphens, for a file name that survives every file system, mail program
// and zip tool: "Özlem Yılmaz-de Boer" becomes "ozlem-yilmaz-de-boer".
// Letters without an ASCII form are dropped; the result may be empty.
func Slug(name string) string {
	var words []string
	var word strings.Builder
	flush := func() {
		if word.Len() > 0 {
			words = append(words, word.String())
			word.Reset()
		}
	}
	for _, r := range norm.NFKD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// the accent of a decomposed letter
		case foldExtra[r] != "":
			word.WriteString(foldExtra[r])
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			word.WriteRune(unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
	s := strings.Join(words, "-")
	if len(s) > 48 {
		s = strings.TrimRight(s[:48], "-")
	}
	return s
}

// Initials are a client's initials as plain capital ASCII letters, for a
// file name that lets the coach tell files apart without naming anyone:
// "Amina", "Oğuz" gives "AO"; "Anna", "de Vries" gives "AV" (a Dutch
// tussenvoegsel, written in lower case, is skipped). A part without a
// Latin letter gives nothing.
func Initials(first, last string) string {
	initial := func(words []string) string {
		for _, w := range words {
			if r := []rune(w)[0]; unicode.IsUpper(r) || unicode.IsTitle(r) {
				return initialOf(w)
			}
		}
		if len(words) > 0 {
			return initialOf(words[0])
		}
		return ""
	}
	return initial(strings.Fields(first)) + initial(strings.Fields(last))
}

// initialOf is the first letter of word, folded to a capital ASCII letter,
// or "" when it has none.
func initialOf(word string) string {
	s := Slug(string([]rune(word)[0]))
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return ""
	}
	return strings.ToUpper(s[:1])
}

// foldExtra are the Latin letters that do not decompose to an ASCII one.
var foldExtra = map[rune]string{
	'ß': "ss", 'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'ı': "i", 'æ': "ae", 'Æ': "ae",
	'œ': "oe", 'Œ': "oe", 'đ': "d", 'Đ': "d", 'ð': "d", 'þ': "th", 'ħ': "h",
}

// nameSet gives each document a file name under files/ that is safe on
// every system and unique in the zip, ignoring case (Windows and macOS do
// not tell cv.pdf from CV.pdf).
type nameSet map[string]bool

func newNameSet() nameSet { return nameSet{} }

// add returns a safe, unused name for a document called name.
func (ns nameSet) add(name string) string {
	base := safeFileName(name)
	ext := path.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	if stem == "" {
		stem, ext = base, ""
	}
	candidate := base
	for i := 2; ns[strings.ToLower(candidate)]; i++ {
		candidate = fmt.Sprintf("%s (%d)%s", stem, i, ext)
	}
	ns[strings.ToLower(candidate)] = true
	return candidate
}

// safeFileName keeps what a document's name says while dropping what a
// file system would refuse or read as a path: folders, control
// characters, the characters Windows forbids, trailing dots and spaces,
// and Windows's reserved device names.
func safeFileName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	var b strings.Builder
	for _, r := range name {
		switch {
		case r < 0x20 || r == 0x7f || unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r):
		case strings.ContainsRune(`<>:"|?*`, r):
			b.WriteRune('_')
		default:
			b.WriteRune(r)
		}
	}
	s := strings.TrimRight(strings.TrimSpace(b.String()), ". ")
	if s == "" || s == "." || s == ".." {
		s = "document"
	}
	stem := strings.ToUpper(strings.TrimSuffix(s, path.Ext(s)))
	switch stem {
	case "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
		"LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9":
		s = "_" + s
	}
	if len(s) > 120 {
		ext := path.Ext(s)
		if len(ext) > 16 {
			ext = ""
		}
		s = strings.ToValidUTF8(s[:120-len(ext)], "") + ext
	}
	return s
}
