package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/caseload/caseload/store"
)

// A sentence typed on a choice field must not flip it: its spaces are
// word breaks, not the space that changes a choice.
func TestChoiceIgnoresTypedSentence(t *testing.T) {
	s := newPeopleStore()
	d := openAnna(t, s, English)
	d.keys("2n[tab][tab][tab]")
	e := top[recordEditor](t, d)
	if e.set.focused().id != "special" {
		t.Fatalf("focus on %s, want special", e.set.focused().id)
	}
	d.keys("het gaat nu goed") // three spaces
	if got := top[recordEditor](t, d).set.get("special"); got != "" {
		t.Fatalf("typing a sentence set special to %q", got)
	}
	d.keys("[right]")
	if got := top[recordEditor](t, d).set.get("special"); got != "yes" {
		t.Fatalf("→ set special to %q, want yes", got)
	}
	d.keys("[shift+tab][tab] ")
	if got := top[recordEditor](t, d).set.get("special"); got != "" {
		t.Fatalf("space on a freshly focused choice: %q, want it toggled back", got)
	}
}

// An unfocused text field shows the start of a long value, cut with "…".
func TestUnfocusedFieldShowsStart(t *testing.T) {
	st := NewStyles(DefaultTheme())
	f := textField(st, "org", "Organisation")
	f.setValue("Gemeente Utrecht, afdeling Werk en Inkomen, team Inburgering")
	line := ansi.Strip(viewField(st, f, false, "")[0])
	if !strings.Contains(line, "Gemeente Utrecht") || !strings.Contains(line, "…") {
		t.Errorf("unfocused long value shown as %q", line)
	}
	if strings.Contains(line, "team Inburgering") {
		t.Errorf("unfocused value shows its end: %q", line)
	}
}

// The words of the law and the vault, one for each idea in each language:
// a legal hold is not a "bewaarplicht" (a duty to keep, such as the fiscal
// one), the vault opens with a "wachtwoordzin", and English screens name
// the GDPR.
func TestCatalogueWords(t *testing.T) {
	for k, e := range catalog {
		nl := strings.ToLower(e.nl)
		if strings.Contains(nl, "bewaarplicht") && !strings.Contains(nl, "fiscale bewaarplicht") {
			t.Errorf("%s: a legal hold called bewaarplicht: %q", k, e.nl)
		}
		if strings.Contains(strings.ReplaceAll(nl, "wachtwoordzin", ""), "wachtwoord") {
			t.Errorf("%s: wachtwoord where the vault has a wachtwoordzin: %q", k, e.nl)
		}
		if strings.Contains(e.en, "AVG") {
			t.Errorf("%s: AVG in English: %q", k, e.en)
		}
	}
	if got := requestArticle(newText(English), store.RequestErasure); got != "GDPR art. 17" {
		t.Errorf("English article %q", got)
	}
	if got := requestArticle(newText(Dutch), store.RequestErasure); got != "AVG art. 17" {
		t.Errorf("Dutch article %q", got)
	}
}
