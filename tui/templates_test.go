package tui

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/caseload/caseload/store"
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
	if e := top[templateEditor](t, d); !e.loaded || e.tkey != "ack" || e.lang != "nl" {
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
