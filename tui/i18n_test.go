package tui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestCatalogBothLanguages fails when a text lacks a language, or when the
// two languages take different format arguments.
func TestCatalogBothLanguages(t *testing.T) {
	verbs := regexp.MustCompile(`%[a-z]`)
	for k, e := range catalog {
		if strings.TrimSpace(e.nl) == "" {
			t.Errorf("%s: no Dutch text", k)
		}
		if strings.TrimSpace(e.en) == "" {
			t.Errorf("%s: no English text", k)
		}
		if nl, en := verbs.FindAllString(e.nl, -1), verbs.FindAllString(e.en, -1); !slices.Equal(nl, en) {
			t.Errorf("%s: Dutch takes %v, English takes %v", k, nl, en)
		}
	}
}

// TestCatalogKeys reads the package's source: every T and Tf call must
// pass a literal key the catalog holds, and every catalog key must be used.
func TestCatalogKeys(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if fn, ok := n.(*ast.FuncDecl); ok && fn.Recv != nil && fn.Name.Name == "Tf" {
				return false // Tf passes its own key on to T
			}
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "T" && sel.Sel.Name != "Tf" {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				t.Errorf("%s: %s called with a computed key; pass a literal", fset.Position(call.Pos()), sel.Sel.Name)
				return true
			}
			k, _ := strconv.Unquote(lit.Value)
			used[k] = true
			if _, ok := catalog[k]; !ok {
				t.Errorf("%s: key %q is not in the catalog", fset.Position(call.Pos()), k)
			}
			return true
		})
	}
	for k := range catalog {
		if !used[k] {
			t.Errorf("catalog key %q is never used", k)
		}
	}
}

func TestDetectLang(t *testing.T) {
	tests := []struct {
		env  map[string]string
		flag string
		want Lang
	}{
		{nil, "", Dutch}, // nothing set, as on Windows
		{nil, "en", English},
		{map[string]string{"LANG": "en_US.UTF-8"}, "nl", Dutch},
		{map[string]string{"LANG": "nl_NL.UTF-8"}, "", Dutch},
		{map[string]string{"LANG": "nl_BE.UTF-8"}, "", Dutch},
		{map[string]string{"LANG": "en_GB.UTF-8"}, "", English},
		{map[string]string{"LANG": "de_DE.UTF-8"}, "", English},
		{map[string]string{"LANG": "C.UTF-8"}, "", English},
		{map[string]string{"LANG": "nl_NL.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "", English},
		{map[string]string{"LC_MESSAGES": "en_US.UTF-8", "LC_ALL": "nl_NL"}, "", Dutch},
		{map[string]string{"LANG": "en_US.UTF-8"}, "fr", English}, // an unknown flag falls back
	}
	for _, tt := range tests {
		got := DetectLang(func(k string) string { return tt.env[k] }, tt.flag)
		if got != tt.want {
			t.Errorf("DetectLang(%v, %q) = %s, want %s", tt.env, tt.flag, got, tt.want)
		}
	}
}

func TestDates(t *testing.T) {
	d := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	nl, en := newText(Dutch), newText(English)
	for _, tt := range []struct{ got, want string }{
		{nl.Date(d), "2 januari 2026"},
		{en.Date(d), "2 January 2026"},
		{nl.DateShort(d.AddDate(0, 2, 0)), "2 mrt 2026"},
		{en.DateShort(d.AddDate(0, 2, 0)), "2 Mar 2026"},
		{nl.DateTimeShort(d.Add(14*time.Hour + 30*time.Minute)), "2 jan 2026 14:30"},
		{nl.MonthYear(d.AddDate(0, 9, 0)), "okt 2026"},
		{nl.Date(time.Time{}), ""},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
