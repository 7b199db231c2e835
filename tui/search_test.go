package tui

import (
	"slices"
	"strings"
	"testing"
)

func TestSearchDebouncesAndDropsStale(t *testing.T) {
	s := newPeopleStore(t)
	d, _, _ := unlocked(t, s, English, 100, 30)
	d.keys("[ctrl+f]sta")
	first := top[searchScreen](t, d).due
	d.keys("ge")
	latest := top[searchScreen](t, d).due
	d.send(searchDueMsg{id: first})
	if s.count("Search") != 0 {
		t.Fatal("an earlier key's tick started a search")
	}
	d.send(searchDueMsg{id: latest})
	m := top[searchScreen](t, d)
	if s.count("Search") != 1 || m.query != "stage" {
		t.Fatalf("searches %d, query %q", s.count("Search"), m.query)
	}
	if len(m.hits) != 1 || m.hits[0].RecordID != 3 {
		t.Fatalf("hits %+v", m.hits)
	}
	// A late answer for an earlier query is dropped.
	d.send(searchDoneMsg{req: m.req - 1, hits: nil})
	if len(top[searchScreen](t, d).hits) != 1 {
		t.Error("a stale answer replaced the hits")
	}
	if !strings.Contains(d.view(), "stage") || strings.Contains(d.view(), "«") {
		t.Errorf("snippet shown with its marks:\n%s", d.view())
	}
}

func TestSearchQTypes(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
	d.keys("[ctrl+f]q?")
	if d.quit || d.model().help {
		t.Fatal("q or ? acted in the query field")
	}
	if got := top[searchScreen](t, d).input.Value(); got != "q?" {
		t.Errorf("query %q", got)
	}
}

func TestSearchSpecialHasNoSnippet(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
	d.keys("[ctrl+f]rugklachten")
	d.send(searchDueMsg{id: top[searchScreen](t, d).due})
	m := top[searchScreen](t, d)
	if len(m.hits) != 1 || !m.hits[0].special {
		t.Fatalf("hits %+v", m.hits)
	}
	v := d.view()
	if !strings.Contains(v, "(special category)") || strings.Contains(v, "huisarts") {
		t.Errorf("special text shown:\n%s", v)
	}
}

func TestSearchEnterOpensRecordOnItsTab(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
	d.keys("[ctrl+f]stage")
	d.send(searchDueMsg{id: top[searchScreen](t, d).due})
	d.keys("[enter]")
	var kinds []ScreenKind
	for _, s := range d.model().stack {
		kinds = append(kinds, s.Route().Kind)
	}
	if want := []ScreenKind{KindCaseload, KindSearch, KindClient, KindRecord}; !slices.Equal(kinds, want) {
		t.Fatalf("stack %v, want %v", kinds, want)
	}
	r := top[recordReader](t, d)
	if r.id != 3 || !strings.Contains(d.view(), "stagecoördinator") {
		t.Errorf("reader on %d:\n%s", r.id, d.view())
	}
	d.keys("[esc]")
	c := top[clientScreen](t, d)
	if c.tab != tabNotes || c.selectedID() != 3 {
		t.Errorf("client on tab %s, item %d", c.tab.id(), c.selectedID())
	}
	d.keys("[esc]")
	top[searchScreen](t, d)
	if !strings.Contains(d.view(), "Gesprek over stage") {
		t.Errorf("results gone after coming back:\n%s", d.view())
	}
}

func TestSearchClearsAtOnce(t *testing.T) {
	s := newPeopleStore(t)
	d, _, _ := unlocked(t, s, English, 100, 30)
	d.keys("[ctrl+f]a")
	d.send(searchDueMsg{id: top[searchScreen](t, d).due})
	d.keys("[backspace]")
	m := top[searchScreen](t, d)
	if len(m.hits) != 0 || m.query != "" {
		t.Errorf("hits %d query %q after clearing", len(m.hits), m.query)
	}
	d.keys("[esc]")
	top[caseloadModel](t, d)
}

func TestSplitSnippet(t *testing.T) {
	got := splitSnippet("…wil graag «stage» lopen in de «thuiszorg»\n…")
	want := []snippetPart{{"…wil graag ", false}, {"stage", true}, {" lopen in de ", false},
		{"thuiszorg", true}, {" …", false}}
	if !slices.Equal(got, want) {
		t.Errorf("got %+v", got)
	}
}

// TestSearchSaysWhenNewestFirst: when the store had too many matches to
// rank and gave the newest first, the count line says so; ranked hits
// say nothing more.
func TestSearchSaysWhenNewestFirst(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
	d.keys("[ctrl+f]stage")
	d.send(searchDueMsg{id: top[searchScreen](t, d).due})
	if v := d.view(); !strings.Contains(v, "1 found") || strings.Contains(v, "newest first") {
		t.Fatalf("ranked hits:\n%s", v)
	}
	m := top[searchScreen](t, d)
	hits := slices.Clone(m.hits)
	for i := range hits {
		hits[i].ByDate = true
	}
	d.send(searchDoneMsg{req: m.req, hits: hits})
	if v := d.view(); !strings.Contains(v, "1 found · newest first") {
		t.Errorf("the count line does not say the hits come newest first:\n%s", v)
	}
}
