package termsafe

import (
	"encoding/json"
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

func TestStyledKeepsColoursOnly(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"\x1b[1;38;5;12mAnna\x1b[0m", "\x1b[1;38;5;12mAnna\x1b[0m"},
		{"\x1b[7m \x1b[0m\nline two\tx", "\x1b[7m \x1b[0m\nline two\tx"},
		{"\x1b[31mA\x1b]0;pwned\a\x1b[0m", "\x1b[31mA\\x1b]0;pwned\\x07\x1b[0m"},
		{"x\x1b[2Jy", `x\x1b[2Jy`},
		{"\x1b[", `\x1b[`},
		{"a\u202eb\x1b[m", "a\\u202eb\x1b[m"},
		{"cr\r", `cr\r`},
		{"plain", "plain"},
	} {
		if got := Styled(tc.in); got != tc.want {
			t.Errorf("Styled(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestJSONStaysJSON(t *testing.T) {
	in := []byte("{\"name\":\"Anna\u202e\x7f\u0085\U000E0041\",\n\"ok\":\"é\"}")
	got := JSON(in)
	want := `{"name":"Anna\u202e\u007f\u0085\udb40\udc41",` + "\n" + `"ok":"é"}`
	if string(got) != want {
		t.Fatalf("JSON = %s, want %s", got, want)
	}
	var v map[string]string
	if err := json.Unmarshal(got, &v); err != nil || v["name"] != "Anna\u202e\x7f\u0085\U000E0041" {
		t.Fatalf("does not decode to the same value: %v %q", err, v["name"])
	}
}

func TestWriterHoldsSplitRunes(t *testing.T) {
	var out strings.Builder
	w := NewWriter(&out)
	in := "Özlem\u202e\x1b[2J\n"
	for i := 0; i < len(in); i++ { // one byte at a time: every rune split
		if _, err := w.Write([]byte{in[i]}); err != nil {
			t.Fatal(err)
		}
	}
	w.Write([]byte("\xe2\x80"))
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if want := "Özlem\\u202e\\x1b[2J\n\\xe2\\x80"; out.String() != want {
		t.Fatalf("wrote %q, want %q", out.String(), want)
	}
}
