package termsafe

import (
	"strings"
	"testing"
)

func TestLine(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Amina Oğuz", "Amina Oğuz"},
		{"\x1b]0;pwned\a", `\x1b]0;pwned\x07`},
		{"wipe\x1b[2J", `wipe\x1b[2J`},
		{"gpj\u202eexe.doc", `gpj\u202eexe.doc`},
		{"a\u2066b\u2069c", `a\u2066b\u2069c`},
		{"two\nlines\tand\rmore", `two\nlines\tand\rmore`},
		{"c1\u009bcontrol", `c1\x9bcontrol`},
		{"bad\xffutf8", `bad\xffutf8`},
		{"zero\u200bwidth", `zero\u200bwidth`},
		{"sep\u2028line", `sep\u2028line`},
		{"tag\U000E0041", `tag\U000e0041`},
		{"\u0645\u06cc\u200c\u0631\u0648\u0645", "\u0645\u06cc\u200c\u0631\u0648\u0645"}, // ZWNJ in a Persian name stays
		{"👩\u200d💻", "👩\u200d💻"},
		{"", ""},
	} {
		if got := Line(tc.in); got != tc.want {
			t.Errorf("Line(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if Unsafe(tc.in) != (tc.in != tc.want) {
			t.Errorf("Unsafe(%q) = %v", tc.in, Unsafe(tc.in))
		}
	}
}

func TestTextKeepsLayout(t *testing.T) {
	in := "Doel 1:\tsolliciteren\nDoel 2:\x1b[31m rood\r\n"
	want := "Doel 1:\tsolliciteren\nDoel 2:\\x1b[31m rood\\r\n"
	if got := Text(in); got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

// The result of either function never holds a byte a terminal acts on.
func FuzzLine(f *testing.F) {
	f.Add("\x1b]0;x\a\u202e\n")
	f.Fuzz(func(t *testing.T, s string) {
		for _, out := range []string{Line(s), Text(s)} {
			for _, r := range out {
				if r != '\n' && r != '\t' && escaped(r) {
					t.Fatalf("%q escaped to %q, which still holds %U", s, out, r)
				}
			}
			if strings.ContainsRune(Line(s), '\n') {
				t.Fatalf("Line(%q) holds a newline", s)
			}
		}
	})
}

func TestCleanTextIsNotCopied(t *testing.T) {
	s := strings.Repeat("Jansen, Ayşe ", 20)
	if n := testing.AllocsPerRun(100, func() { _ = Line(s) }); n != 0 {
		t.Errorf("Line allocated %v times for clean text", n)
	}
}

func BenchmarkLineClean(b *testing.B) {
	s := "Fatima El Amrani — Utrecht, team Inburgering"
	for b.Loop() {
		_ = Line(s)
	}
}
