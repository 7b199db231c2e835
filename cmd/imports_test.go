package cmd

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImportDirection keeps the shape of DESIGN.md: tui never sees SQL or
// age, store never sees terminals or age, crypt never sees the caseload.
func TestImportDirection(t *testing.T) {
	const mod = "github.com/caseload/caseload/"
	forbidden := map[string][]string{
		"tui":   {"database/sql", "filippo.io/age", mod + "crypt", "modernc.org/sqlite"},
		"store": {mod + "tui", mod + "crypt", mod + "cmd", mod + "register", "filippo.io/age", "github.com/charmbracelet"},
		// register words what store gathers; it never sees a terminal,
		// SQL or age.
		"register": {mod + "tui", mod + "crypt", mod + "cmd", "database/sql", "filippo.io/age", "github.com/charmbracelet"},
		"crypt":    {mod + "store", mod + "tui", mod + "cmd", "database/sql", "github.com/charmbracelet"},
		// plainfile writes bytes it is given; what may leave in the clear
		// is its callers' decision.
		// msg owns the texts; everyone may ask it, it asks no one.
		"msg": {mod + "store", mod + "tui", mod + "crypt", mod + "cmd", mod + "plainfile", "database/sql", "filippo.io/age"},
		// The kit is what every screen shares; it knows no screen and no
		// caseload, so it can never pull the screens into a cycle.
		"tui/kit":   {mod + "tui", mod + "store", mod + "crypt", mod + "cmd", "database/sql", "filippo.io/age"},
		"plainfile": {mod + "store", mod + "tui", mod + "crypt", mod + "cmd", "database/sql", "filippo.io/age"},
	}
	for dir, bad := range forbidden {
		err := filepath.WalkDir(filepath.Join("..", dir), func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
			if err != nil {
				return err
			}
			for _, imp := range f.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				for _, b := range bad {
					if p == b || strings.HasPrefix(p, b+"/") {
						t.Errorf("%s imports %s, which %s must not", path, p, dir)
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
