package tui

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/caseload/caseload/store"
	dossierfile "github.com/caseload/caseload/store/dossier"
	"github.com/caseload/caseload/termsafe"
)

// Text from the vault never reaches the terminal raw (issue 11, hole 1).
// A client list or dossier from outside can put anything in a name or a
// note; an older vault may hold it already. This test fills every text of
// a caseload with a terminal attack, opens every screen the code defines,
// presses every key each screen offers, and checks that no frame holds a
// control character, a bidi override or any other character the terminal
// would obey instead of show — before View's last safety pass, so each
// screen must escape its own cells and keep its layout.

// hostile retitles the terminal, wipes the screen and turns the text
// around: what an attacker puts in a CSV's name column.
const hostile = "\x1b]0;pwned\a\x1b[2J\u202e\u2066"

// poison prefixes every non-empty plain string under v with hostile,
// unexported fields included. Typed strings (a Status, a RecordKind) are
// left: they are checked values, never free text.
func poison(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if v.Type() == reflect.TypeFor[string]() && v.String() != "" {
			v.SetString(hostile + v.String())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Field(i)
			if !f.CanSet() {
				f = reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
			}
			poison(f)
		}
	case reflect.Slice:
		for i := range v.Len() {
			poison(v.Index(i))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			poison(v.Elem())
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			poison(e)
			v.SetMapIndex(k, e)
		}
	}
}

// notPoisoned are the fake store's fields that hold no caseload text:
// its lock, what it was asked, drafts (kept in the screens' own format)
// and the import files (made hostile on purpose below).
var notPoisoned = map[string]bool{"mu": true, "drafts": true, "calls": true, "exports": true, "imp": true}

// hostilePath is a dossier the hostile store imports.
const hostilePath = "/tmp/hostile.zip"

// hostileStore is a caseload of every kind of data — clients in every
// retention state, Anna's records, appointments and document, requests,
// consents, disclosures, breaches, deadlines, policies and the practice —
// with every text poisoned, and a dossier to import that brings in one
// more hostile client.
func hostileStore() *fakeStore {
	s := breachStore()
	r := retentionStoreForTest()
	for id, c := range r.clients {
		if _, ok := s.clients[id]; !ok {
			s.clients[id] = c
			s.nextID = max(s.nextID, id)
		}
	}
	s.rows, s.rd = r.rows, r.rd
	s.rows[1] = store.ClientRow{NextAppointment: testNow.AddDate(0, 0, 5)}
	s.put(store.Record{ID: 16, ClientID: 1, Kind: store.KindEvaluation, Title: "Evaluatie", Date: day(2026, 1, 20),
		Body: "Regel een\n\tingesprongen\nRegel drie"})
	s.rights().notices[601] = store.Notice{}
	// Every field of the fake, so that data a new screen's fake adds is
	// hostile too.
	v := reflect.ValueOf(s).Elem()
	for i := range v.NumField() {
		if !notPoisoned[v.Type().Field(i).Name] {
			f := v.Field(i)
			poison(reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem())
		}
	}
	c := importedClient(hostile+"Amina", hostile+"Oğuz", store.StatusIntake)
	s.withImport(hostilePath, fakeImportFile{sum: dossierfile.ImportSummary{Kind: dossierfile.ImportedDossier,
		Clients: []store.Client{c}, Ignored: []string{hostile + "kolom"}, Records: 1}})
	return s
}

// screenKinds lists every ScreenKind constant in the package's source,
// so a screen added later is walked without anyone editing this test.
func screenKinds(t *testing.T) []ScreenKind {
	t.Helper()
	// This folder and any below it, should screens move into packages.
	var names []string
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			names = append(names, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var kinds []ScreenKind
	for _, name := range names {
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			g, ok := decl.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				var typ string
				switch x := vs.Type.(type) {
				case *ast.Ident:
					typ = x.Name
				case *ast.SelectorExpr:
					typ = x.Sel.Name
				}
				if typ != "ScreenKind" {
					continue
				}
				for _, v := range vs.Values {
					if lit, ok := v.(*ast.BasicLit); ok {
						s, _ := strconv.Unquote(lit.Value)
						kinds = append(kinds, ScreenKind(s))
					}
				}
			}
		}
	}
	slices.Sort(kinds)
	if len(kinds) < 20 {
		t.Fatalf("found only %d screen kinds: %v", len(kinds), kinds)
	}
	return kinds
}

// hostileRoutes are the routes worth opening for a kind: about client 1,
// with each item the store holds (a record, appointment, document,
// request, breach) and each tab a screen may take.
func hostileRoutes(s *fakeStore, kind ScreenKind) []Route {
	items := []int64{0}
	for _, m := range []any{s.dd.records, s.dd.appts, s.dd.docs, s.rr.requests, s.rr.breaches} {
		for _, k := range reflect.ValueOf(m).MapKeys() {
			items = append(items, k.Int())
		}
	}
	slices.Sort(items)
	var routes []Route
	for _, it := range items {
		routes = append(routes, Route{Kind: kind, Client: 1, Item: it})
	}
	tabs := []string{"invoice"}
	for tab := range tabCount {
		tabs = append(tabs, tab.id())
	}
	for _, p := range s.rd.policies {
		tabs = append(tabs, string(p.Category))
	}
	for _, tab := range tabs {
		routes = append(routes, Route{Kind: kind, Client: 1, Tab: tab})
	}
	// A screen about a client with no dossier of its own: the purge of
	// invoices (client 0), and a restricted client.
	return append(routes, Route{Kind: kind}, Route{Kind: kind, Client: 8})
}

// screenKeys are the keys of the top screen's help, and a few that every
// list and form reacts to.
func screenKeys(d *driver) []string {
	keys := []string{"enter", "tab", "down", "space", "e", "d", "ctrl+s"}
	m := d.model()
	for _, g := range m.top().KeyMap().FullHelp() {
		for _, b := range g {
			if b.Enabled() {
				keys = append(keys, b.Keys()...)
			}
		}
	}
	for _, g := range m.globals().FullHelp() {
		for _, b := range g {
			if b.Enabled() && !slices.Contains(b.Keys(), "ctrl+c") {
				keys = append(keys, b.Keys()...)
			}
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// hostileCheck fails when the frame, before View's last pass, holds
// anything termsafe would escape.
// Each raw line is reported once, however many routes and keys reach it.
func hostileCheck(t *testing.T, d *driver, where string) bool {
	t.Helper()
	f := d.model().frame()
	if termsafe.Text(f) == f {
		return true
	}
	for i, l := range strings.Split(f, "\n") {
		if termsafe.Text(l) != l {
			if !reported[l] {
				reported[l] = true
				t.Errorf("%s: line %d reaches the terminal raw: %q", where, i, l)
			}
			return false
		}
	}
	return false
}

// reported are the raw lines hostileCheck has reported.
var reported = map[string]bool{}

// hostileDriver is an unlocked session on a fresh hostile store, its home
// folder in the test's temporary folder (a document copy may be written).
func hostileDriver(t *testing.T, lang Lang, home string) *driver {
	d, _, _ := unlocked(t, hostileStore(), lang, 100, 30)
	withHome(t, d, home)
	return d
}

func TestHostileTextNeverReachesTheTerminal(t *testing.T) {
	home := t.TempDir()
	kinds := screenKinds(t)
	frames := 0
	seen := map[string]bool{}
	for i, kind := range kinds {
		lang := []Lang{English, Dutch}[i%2]
		for _, r := range hostileRoutes(hostileStore(), kind) {
			open := func() *driver {
				d := hostileDriver(t, lang, home)
				d.send(navigateMsg{route: r})
				return d
			}
			where := fmt.Sprintf("%s %+v", lang, r)
			d := open()
			frames++
			if !hostileCheck(t, d, where) {
				continue
			}
			// A route that shows what an earlier one showed (a screen
			// that ignores the item or tab) adds nothing to press keys on.
			f := d.model().frame()
			if seen[f] {
				continue
			}
			seen[f] = true
			for _, k := range screenKeys(d) {
				d := open()
				d.keys("[" + k + "]")
				frames++
				if !hostileCheck(t, d, where+" key "+k) {
					break
				}
				d.keys("y") // confirm a prompt, if one opened
				frames++
				if !hostileCheck(t, d, where+" key "+k+" y") {
					break
				}
			}
		}
	}
	t.Logf("%d screen kinds, %d frames", len(kinds), frames)
}

// TestHostileTextTyped walks the states that need typed text: the
// caseload's filter, a search with results, and an import that brings in
// a hostile client.
func TestHostileTextTyped(t *testing.T) {
	for _, lang := range []Lang{English, Dutch} {
		d := hostileDriver(t, lang, t.TempDir())
		d.keys("/a")
		hostileCheck(t, d, "filter")
		d.keys("[enter]")
		hostileCheck(t, d, "filter, client opened")

		d = hostileDriver(t, lang, t.TempDir())
		for _, q := range []string{"a", "pwned", "Anna", "Regel"} {
			d.keys("[ctrl+f]" + q)
			d.send(searchDueMsg{id: top[searchScreen](t, d).due})
			hostileCheck(t, d, "search "+q)
			d.keys("[down][enter]")
			hostileCheck(t, d, "search "+q+" opened")
			d.keys("[esc][esc][esc]")
		}

		d = hostileDriver(t, lang, t.TempDir())
		d.send(navigateMsg{route: Route{Kind: KindImport}})
		d.keys(hostilePath + "[enter]")
		if !strings.Contains(d.view(), `\x1b]0;pwned\x07`) {
			t.Errorf("%s: import of a hostile client not shown escaped:\n%s", lang, d.view())
		}
		hostileCheck(t, d, "import done")
		d.keys("[enter]")
		hostileCheck(t, d, "after import")
	}
}

// A field past its bound is refused with a sentence in the coach's
// language under the field, and nothing is saved (issue 11, hole 11).
func TestFieldTooLongIsRefusedUnderTheField(t *testing.T) {
	s := newPeopleStore()
	d := openAnna(t, s, Dutch)
	d.keys("7n")
	f := top[appointmentForm](t, d)
	f.Set("start", "02-02-2026 10:00")
	f.Set("place", strings.Repeat("Bibliotheek ", store.MaxLine/12+1))
	d.m = replaceTop(d.model(), asScreen(f))
	d.keys("[ctrl+s]")
	if !strings.Contains(d.view(), "Dit is langer dan 1000 tekens; maak het korter.") {
		t.Fatalf("no Dutch sentence under the field:\n%s", d.view())
	}
	if appts, _ := s.Appointments(ctx(), 1); len(appts) != 4 {
		t.Errorf("%d appointments, want Anna's 4: the refused one was kept", len(appts))
	}
}

// replaceTop puts s on top of the stack in place of the top screen.
func replaceTop(m Model, s Screen) Model {
	m.stack = append(m.stack[:len(m.stack)-1:len(m.stack)-1], s)
	return m
}
