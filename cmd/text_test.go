package cmd

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/caseload/caseload/msg"
)

// keyRE is what a catalogue key looks like.
var keyRE = regexp.MustCompile(`^(cmd|err|help|count)\.[a-z0-9_.]+$`)

// TestTextsInTheCatalogue: every key cmd names is in the catalogue, every
// key of the catalogue's command-line part is named somewhere in cmd (no
// dead text), and no sentence is chosen between two languages in cmd
// itself any more.
func TestTextsInTheCatalogue(t *testing.T) {
	known := map[string]bool{}
	for _, k := range msg.Keys() {
		known[k] = true
	}
	used := map[string]bool{}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
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
			switch n := n.(type) {
			case *ast.BasicLit:
				if n.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(n.Value)
				if err == nil && keyRE.MatchString(s) {
					used[s] = true
					if !known[s] {
						t.Errorf("%s: %q is not in the catalogue (package msg)", fset.Position(n.Pos()), s)
					}
				}
			case *ast.CallExpr:
				// e.T(x), e.Tf(x, …), e.N(x, …): x must be a literal key or
				// come from a table of literal keys, never a sentence.
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok && len(n.Args) > 0 {
					switch sel.Sel.Name {
					case "T", "Tf", "N", "Noun":
						if lit, ok := n.Args[0].(*ast.BasicLit); ok {
							if s, _ := strconv.Unquote(lit.Value); !keyRE.MatchString(s) {
								t.Errorf("%s: %s(%s): not a catalogue key", fset.Position(n.Pos()), sel.Sel.Name, lit.Value)
							}
						}
					}
				}
			}
			return true
		})
	}
	for k := range known {
		if !used[k] && keyRE.MatchString(k) {
			t.Errorf("%q is in the catalogue but cmd never shows it", k)
		}
	}
}
