package tui

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// A sentence typed on a choice field must not flip it: its spaces are
// word breaks, not the space that changes a choice.
func TestChoiceIgnoresTypedSentence(t *testing.T) {
	s := newPeopleStore(t)
	d := openAnna(t, s, English)
	d.keys("2n[tab][tab][tab]")
	e := top[recordEditor](t, d)
	if e.form.Focused().ID != "special" {
		t.Fatalf("focus on %s, want special", e.form.Focused().ID)
	}
	d.keys("het gaat nu goed") // three spaces
	if got := top[recordEditor](t, d).form.Get("special"); got != "" {
		t.Fatalf("typing a sentence set special to %q", got)
	}
	d.keys("[right]")
	if got := top[recordEditor](t, d).form.Get("special"); got != "yes" {
		t.Fatalf("→ set special to %q, want yes", got)
	}
	d.keys("[shift+tab][tab] ")
	if got := top[recordEditor](t, d).form.Get("special"); got != "" {
		t.Fatalf("space on a freshly focused choice: %q, want it toggled back", got)
	}
}

// An unfocused text field shows the start of a long value, cut with "…".
func TestUnfocusedFieldShowsStart(t *testing.T) {
	st := kit.NewStyles(kit.DefaultTheme())
	f := kit.TextField(st, "org", "Organisation")
	f.SetValue("Gemeente Utrecht, afdeling Werk en Inkomen, team Inburgering")
	line := ansi.Strip(kit.ViewField(st, f, false, "")[0])
	if !strings.Contains(line, "Gemeente Utrecht") || !strings.Contains(line, "…") {
		t.Errorf("unfocused long value shown as %q", line)
	}
	if strings.Contains(line, "team Inburgering") {
		t.Errorf("unfocused value shows its end: %q", line)
	}
}

// The words of the law and the vault on the screens (msg's TestWords
// checks every catalogue): the vault opens with a "wachtwoordzin", and
// English screens name the GDPR.
func TestCatalogueWords(t *testing.T) {
	if nl := newText(Dutch).T("problem.wrong_passphrase"); !strings.Contains(nl, "wachtwoordzin") {
		t.Errorf("unlock error: %q", nl)
	}
	if got := requestArticle(newText(English), store.RequestErasure); got != "GDPR art. 17" {
		t.Errorf("English article %q", got)
	}
	if got := requestArticle(newText(Dutch), store.RequestErasure); got != "AVG art. 17" {
		t.Errorf("Dutch article %q", got)
	}
}

// "n" to "Discard your changes?" says the text is kept, not "Nothing
// changed", which reads as if the typing was lost.
func TestDiscardNoSaysKept(t *testing.T) {
	d := openAnna(t, newPeopleStore(t), English)
	d.keys("2nEerste indruk[esc]")
	if !strings.Contains(d.view(), "Discard your changes?") {
		t.Fatalf("no discard prompt:\n%s", d.view())
	}
	d.keys("n")
	v := d.view()
	if strings.Contains(v, "Nothing changed") || !strings.Contains(v, "Your changes are still here") {
		t.Errorf("after n:\n%s", v)
	}
	if top[recordEditor](t, d).form.Get("title") != "Eerste indruk" {
		t.Error("the typed title is gone")
	}
}

// ctrl+c with unsaved text says where the text went, and the unlock that
// brings it back says so too.
func TestQuitAndUnlockSayWhereTheDraftIs(t *testing.T) {
	s := newPeopleStore(t)
	d, _, _ := unlocked(t, s, English, 100, 30)
	d.keys("nAnna[ctrl+c]")
	if !d.quit {
		t.Fatal("ctrl+c did not quit")
	}
	if f := d.model().Farewell(); !strings.Contains(f, "unsaved text is kept") {
		t.Errorf("farewell %q", f)
	}

	d2, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
	d2.keys("q")
	if f := d2.model().Farewell(); f != "" {
		t.Errorf("farewell without a draft: %q", f)
	}

	// Nothing due: the count of dossiers due would take the status line
	// (see the report of the real-store tests).
	s = newStoreWith(t, people()[:4]...)
	d, _, _ = unlocked(t, s, English, 100, 30)
	d.keys("nAnna[ctrl+l]tulp fiets regen lantaarn[enter]")
	if !strings.Contains(d.view(), "Your unsaved text from last time is back") {
		t.Errorf("restored draft not announced:\n%s", d.view())
	}
}

// Letters typed quickly or pasted reach the program as one message; each
// of them is a key.
func TestQuickKeysAllCount(t *testing.T) {
	runes := func(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

	d, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
	d.keys("[tab][tab]") // all clients
	start := top[caseloadModel](t, d).list.Cursor
	d.send(runes("jjk"))
	if got := top[caseloadModel](t, d).list.Cursor; got != start+1 {
		t.Errorf("after a quick jjk the cursor is on row %d, want %d", got, start+1)
	}

	d, _, _ = unlocked(t, newPeopleStore(t), English, 100, 30)
	d.send(runes("nAnna Maria"))
	f := top[clientForm](t, d)
	if got := f.Get("first_name"); got != "Anna Maria" {
		t.Errorf("a quick nAnna Maria typed %q into the new form", got)
	}

	d, _, _ = unlocked(t, newPeopleStore(t), English, 100, 30)
	d.send(runes("/vries"))
	if c := top[caseloadModel](t, d); !c.filtering || c.filter.Value() != "vries" {
		t.Errorf("a quick /vries: filtering %v, filter %q", c.filtering, c.filter.Value())
	}
}

// Every tab of the client opens with one key (1–9, 0, L), and on no tab
// do two enabled bindings, the screen's or the global ones, share a key.
func TestClientTabKeys(t *testing.T) {
	d := openAnna(t, newPeopleStore(t), English)
	jump := []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "L"}
	if len(jump) != int(tabCount) {
		t.Fatalf("%d jump keys for %d tabs", len(jump), tabCount)
	}
	for i, k := range jump {
		d.keys(k)
		c := top[clientScreen](t, d)
		if c.tab != clientTab(i) {
			t.Errorf("key %s opened tab %s, want %s", k, c.tab.id(), clientTab(i).id())
		}
		if dup := sharedKeys(d); dup != "" {
			t.Errorf("on tab %s: %s", c.tab.id(), dup)
		}
	}
	var help strings.Builder
	for _, row := range top[clientScreen](t, d).KeyMap().FullHelp() {
		for _, b := range row {
			help.WriteString(b.Help().Key + " ")
		}
	}
	if !strings.Contains(help.String(), "1–9 0") || !strings.Contains(help.String(), "L ") {
		t.Errorf("the help does not show 0 and L: %s", help.String())
	}
}

// sharedKeys names a key two enabled bindings of the top screen and the
// globals share, "" when there is none.
func sharedKeys(d *driver) string {
	var all []key.Binding
	g := reflect.ValueOf(d.model().globals())
	for i := range g.NumField() {
		if b, ok := g.Field(i).Interface().(key.Binding); ok {
			all = append(all, b)
		}
	}
	km := d.model().top().KeyMap()
	all = append(all, km.ShortHelp()...)
	for _, row := range km.FullHelp() {
		all = append(all, row...)
	}
	owner := map[string]string{}
	for _, b := range all {
		if !b.Enabled() {
			continue
		}
		id := b.Help().Key + " " + b.Help().Desc
		for _, k := range b.Keys() {
			if o, ok := owner[k]; ok && o != id {
				return "key " + k + " is both " + o + " and " + id
			}
			owner[k] = id
		}
	}
	return ""
}

// The README names the client's tabs as the screen does.
func TestReadmeTabNames(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var row string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "| client |") {
			row = l
		}
	}
	tx := newText(English)
	for tab := range tabCount {
		if name := tabName(tx, tab, false); !strings.Contains(row, name) {
			t.Errorf("README's client row lacks the tab %q: %s", name, row)
		}
	}
}

// At 80 columns the hint line keeps esc and q, and fits the terminal.
func TestHintsKeepEscAndQuitAt80(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), English, 80, 24)
	h := ansi.Strip(d.model().viewHints())
	if !strings.Contains(h, "x export dossier") || !strings.HasSuffix(h, "q quit") || ansi.StringWidth(h) > 80 {
		t.Errorf("caseload hints at 80: %q", h)
	}
	d.keys("[enter]")
	h = ansi.Strip(d.model().viewHints())
	if !strings.HasSuffix(h, "esc back · q quit") || ansi.StringWidth(h) > 80 {
		t.Errorf("client hints at 80: %q", h)
	}
}

// Columns size to their content and to the terminal: a wide terminal does
// not stretch the name column far past the longest name, and the sharing
// tables show a purpose whole when there is room.
func TestColumnsSizeToContent(t *testing.T) {
	text := newText(English)
	if c := caseColumns(text, caseWidths{name: 15}, 200); c.Widths[0] != 20 {
		t.Errorf("name column at 200 columns for 15-cell names: %d, want 20", c.Widths[0])
	}
	// Names too long to show whole beside the trajectory: the trajectory
	// gives way, then the room kept beyond the countdowns' text, and the
	// name takes what is left (100 - marker, gaps and the other columns).
	if c := caseColumns(text, caseWidths{name: 60, status: 10, traj: 19, next: 17, ret: 12}, 100); c.Widths[3] != 0 ||
		c.Widths[0] != 100-3-3*2-(2+10+17+12) || c.Widths[1] != 2 {
		t.Errorf("columns at 100 for 60-cell names: %v, want no trajectory, the mark and a name of 50", c.Widths)
	}
	d := openAnna(t, rightsPeopleStore(t), Dutch)
	d.send(tea.WindowSizeMsg{Width: 120, Height: 30})
	d.keys("9")
	if v := d.view(); !strings.Contains(v, "voortgang delen met klantmanager") {
		t.Errorf("the purpose is cut at 120 columns:\n%s", v)
	}
}

// A run of letters never answers the question its own first key asked.
func TestQuickKeysNeverAnswerTheirOwnQuestion(t *testing.T) {
	s := newPeopleStore(t)
	d, _, _ := unlocked(t, s, English, 100, 30)
	before := len(top[caseloadModel](t, d).rows)
	d.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("dy"), Paste: true})
	if d.model().prompt == nil {
		t.Fatalf("no question after a quick d:\n%s", d.view())
	}
	d.keys("n")
	if got := len(top[caseloadModel](t, d).rows); got != before {
		t.Errorf("a pasted dy removed a client: %d rows, was %d", got, before)
	}
}
