package msg

import (
	"regexp"
	"slices"
	"testing"
)

// verbs are the format verbs of a text, in order, with their argument
// indexes, so "%[2]q … %[1]d" and "%q … %d" compare by what they take.
var verbRE = regexp.MustCompile(`%(\[\d+\])?[-+#0]*\d*(\.\d+)?[a-zA-Z%]`)

func verbs(s string) []string {
	var out []string
	next := 1
	for _, v := range verbRE.FindAllStringSubmatch(s, -1) {
		if v[0] == "%%" {
			continue
		}
		idx := v[1]
		if idx == "" {
			idx = "[" + string(rune('0'+next)) + "]"
		}
		next = int(idx[1]-'0') + 1
		out = append(out, idx+v[0][len(v[0])-1:])
	}
	slices.Sort(out)
	return out
}

// TestEveryTextInBothLanguages: no text is missing a language, and the
// Dutch and the English take the same arguments.
func TestEveryTextInBothLanguages(t *testing.T) {
	for _, cat := range []*catalogue{&commandLine, &screens} {
		checkBothLanguages(t, cat)
	}
}

func checkBothLanguages(t *testing.T, cat *catalogue) {
	for k, e := range cat.texts {
		if e.nl == "" || e.en == "" {
			t.Errorf("%s: a language is empty: %q / %q", k, e.nl, e.en)
		}
		if !slices.Equal(verbs(e.nl), verbs(e.en)) {
			t.Errorf("%s: the Dutch takes %v, the English %v", k, verbs(e.nl), verbs(e.en))
		}
	}
	for k, c := range cat.counts {
		want := verbs(c.en[1])
		for _, f := range [][2]string{c.nl, c.en} {
			for _, form := range f {
				if form == "" || !slices.Equal(verbs(form), want) {
					t.Errorf("%s: form %q takes %v, want %v", k, form, verbs(form), want)
				}
			}
		}
	}
}

func TestPlurals(t *testing.T) {
	for _, c := range []struct {
		lang Lang
		key  string
		n    int
		want string
	}{
		{English, "count.days", 1, "1 day"},
		{English, "count.days", 0, "0 days"},
		{English, "count.days", 2, "2 days"},
		{Dutch, "count.days", 1, "1 dag"},
		{Dutch, "count.days", 21, "21 dagen"},
		{English, "count.days_overdue", 1, "1 day overdue"},
		{Dutch, "count.records", 1, "1 verslag"},
		{Dutch, "count.records", 3, "3 verslagen"},
		// Numbers are never grouped: an id is typed back as printed.
		{Dutch, "count.records", 1234, "1234 verslagen"},
	} {
		if got := For(c.lang).N(c.key, c.n); got != c.want {
			t.Errorf("%s %s %d = %q, want %q", c.lang, c.key, c.n, got, c.want)
		}
	}
	if got := For(English).N("count.import.imported", 1, "1 active", "list.csv"); got != "Imported 1 client (1 active) from list.csv" {
		t.Errorf("import of one client: %q", got)
	}
	if got := For(Dutch).N("count.matches_clients", 2, "van"); got != `"van" past bij 2 cliënten` {
		t.Errorf("matches: %q", got)
	}
	if got := For(English).Noun("count.verify.clients", 1); got != "client" {
		t.Errorf("noun for 1: %q", got)
	}
}

func TestMissingKeyShows(t *testing.T) {
	if got := For(Dutch).T("no.such.key"); got != "‹no.such.key›" {
		t.Errorf("missing key: %q", got)
	}
}
