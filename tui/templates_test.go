package tui

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// openTemplate opens the editor of the Dutch acknowledgement letter from
// settings.
func openTemplate(t *testing.T, s *testStore) *driver {
	t.Helper()
	d, _, _ := unlocked(t, s, Dutch, 100, 40)
	d.keys("St")
	l := top[templateList](t, d)
	for l.all[l.list.Cursor].Key != "ack" || l.all[l.list.Cursor].Lang != "nl" {
		d.keys("[down]")
		l = top[templateList](t, d)
	}
	d.keys("e")
	if e := top[templateEditor](t, d); !e.form.Loaded || e.tkey != "ack" || e.lang != "nl" {
		t.Fatalf("editor %+v", e.Route())
	}
	return d
}

func TestTemplateWithUnknownPlaceholderIsRefusedAtEditTime(t *testing.T) {
	s := newPeopleStore(t)
	d := openTemplate(t, s)
	d.keys("{{client.afspraak}} [ctrl+s]")
	shipped, _ := store.ShippedTemplate("ack", "nl")
	line := strings.Count(shipped.Body, "\n") + 1 // the cursor is on the last line
	want := "Regel " + strconv.Itoa(line) + ": onbekende invulplek {{client.afspraak}}"
	if !strings.Contains(d.view(), want) {
		t.Fatalf("no %q:\n%s", want, d.view())
	}
	if own := s.versions(t, "ack", "nl"); len(own) != 0 {
		t.Fatalf("a refused template was kept: %v", own)
	}
	top[templateEditor](t, d)
}

func TestTemplateCopyIsKeptAsAVersion(t *testing.T) {
	s := newPeopleStore(t)
	d := openTemplate(t, s)
	d.keys("Hartelijke groet, [ctrl+s]")
	top[templateList](t, d)
	if got := s.versions(t, "ack", "nl"); len(got) != 1 || !strings.HasSuffix(got[0].Body, "{{practice.name}}\nHartelijke groet, ") {
		t.Fatalf("kept %+v", got)
	}
	if !strings.Contains(d.view(), "eigen versie 1") {
		t.Errorf("the list does not show the copy:\n%s", d.view())
	}
	d.keys("dj")
	if own := s.versions(t, "ack", "nl"); len(own) != 0 || !strings.Contains(d.view(), "standaard wordt weer gebruikt") {
		t.Errorf("revert: %v\n%s", own, d.view())
	}
}

// versions are the coach's own versions of a template, newest first.
func (s *testStore) versions(t testing.TB, key, lang string) []store.Template {
	t.Helper()
	return must[[]store.Template](t)(s.TemplateVersions(context.Background(), key, lang))
}

// After an unlock every screen gets its draft at once, while its load is
// on its way: the template editor must keep the draft and put it on top
// of the loaded text, not drop it (it did before it was a kit.Form).
func TestTemplateDraftBeforeLoadIsKept(t *testing.T) {
	e := &env{text: newText(Dutch), styles: kit.NewStyles(kit.DefaultTheme()), now: func() time.Time { return testNow }}
	m := newTemplateEditor(e, Route{Kind: KindTemplateEdit, Tab: "ack.nl"})
	m = m.RestoreDraft("Beste {{client.name}},\nmijn eigen tekst")
	m, _ = m.Update(templateLoadedMsg{req: m.req, t: store.Template{Key: "ack", Lang: "nl", Body: "shipped"}})
	if d, ok := m.Draft(); !ok || d != "Beste {{client.name}},\nmijn eigen tekst" {
		t.Fatalf("draft after load: %q %v", d, ok)
	}
	// Typing and undoing it leaves the text as the vault holds it: esc
	// leaves without asking.
	m = m.RestoreDraft("shipped")
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")})
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyBackspace})
	if _, cmd := m.Update(tea.KeyMsg{Type: tea.KeyEsc}); cmd == nil {
		t.Fatal("esc did nothing")
	} else if _, asks := cmd().(promptMsg); asks {
		t.Error("esc asks to discard a text equal to the vault's")
	}
}
