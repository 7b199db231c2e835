package tui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/caseload/caseload/msg"
	"github.com/caseload/caseload/store"
)

// TestCatalogKeys reads the package's source: every T, Tf, N and Noun call
// must pass a literal key the screens' catalogue (package msg) holds, and
// every key of it must be used. (msg's own tests check both languages.)
func TestCatalogKeys(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	catalog := map[string]bool{}
	for _, k := range msg.ScreenKeys() {
		catalog[k] = true
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
			if fn, ok := n.(*ast.FuncDecl); ok && fn.Recv != nil && (fn.Name.Name == "Tf" || fn.Name.Name == "T" || fn.Name.Name == "N" || fn.Name.Name == "Noun") {
				return false // Text passes its own key on to msg
			}
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "T" && sel.Sel.Name != "Tf" && sel.Sel.Name != "N" && sel.Sel.Name != "Noun" {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				t.Errorf("%s: %s called with a computed key; pass a literal", fset.Position(call.Pos()), sel.Sel.Name)
				return true
			}
			k, _ := strconv.Unquote(lit.Value)
			used[k] = true
			if !catalog[k] {
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

// A count and its noun agree in both languages: "1 month", never
// "1 months" (CLDR's rules through package msg).
func TestPlurals(t *testing.T) {
	nl, en := newText(Dutch), newText(English)
	for _, tt := range []struct{ got, want string }{
		{en.N("policy.rule", 1, "the end"), "1 month after the end"},
		{en.N("policy.rule", 2, "the end"), "2 months after the end"},
		{nl.N("policy.rule", 1, "het einde"), "1 maand na het einde"},
		{nl.N("policy.rule", 0, "het einde"), "0 maanden na het einde"},
		{en.N("due.startup", 1), "1 dossier is due for deletion — D shows it"},
		{nl.N("due.startup", 2), "2 dossiers wachten op verwijdering — D toont ze"},
		{en.N("breach.hours_left", 1), "1 hour left"},
		{en.N("retention.words_until", 1, "2 March 2026"), "until 2 March 2026 — 1 day left"},
		{nl.N("retention.words_until", 2, "2 maart 2026"), "tot 2 maart 2026 — nog 2 dagen"},
		{nl.dossierCounts(1, 0, 2), "1 verslag, 0 afspraken, 2 documenten"},
		{en.dossierCounts(1, 1, 1), "1 record, 1 appointment, 1 document"},
		{nl.N("import.done_list", 1, "1 actief"), "Ingelezen: 1 cliënt (1 actief)"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	plan := purgePlan{plan: store.PurgePlan{Name: "Anna", Records: 1, Documents: 2, Category: store.CategoryDossier}}
	if got := purgeSentence(en, plan); !strings.Contains(got, "1 record, 2 documents") {
		t.Errorf("purge sentence: %q", got)
	}
	if got := erasureCounts(nl, store.PurgePlan{Records: 2, Consents: 1}); !strings.Contains(got, "2 verslagen, 1 toestemming") {
		t.Errorf("erasure counts: %q", got)
	}
}
