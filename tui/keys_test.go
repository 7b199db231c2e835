package tui

import (
	"testing"

	"github.com/charmbracelet/bubbles/key"
)

// TestNoSharedKeys fails when two enabled bindings of a screen, in any of
// its states, answer to the same key — counting the global keys whenever
// the screen does not capture text, and ctrl+c and ctrl+l always.
func TestNoSharedKeys(t *testing.T) {
	type situation struct {
		name string
		keys string // typed from the unlocked caseload
	}
	situations := []situation{
		{"caseload", ""},
		{"caseload filtering", "/a"},
		{"caseload filtered", "/a[enter]"},
		{"client", "[enter]"},
		{"form text field", "n"},
		{"form choice field", "n[tab][tab][tab][tab][tab]"},
		{"edit form", "[enter]e"},
		{"help", "?"},
		{"prompt", "nX[esc]"},
		{"client notes", "[enter]5"},
		{"client empty tab", "[enter]4"},
		{"client texts", "[enter]6"},
		{"client appointments", "[enter]7"},
		{"client documents", "[enter]8"},
		{"client log", "[enter][shift+tab]"},
		{"client consent", "[enter]9"},
		{"client requests", "[enter]9[tab]"},
		{"breaches", "B"},
		{"client help", "[enter]5?"},
		{"reader", "[enter]5[enter]"},
		{"reader masked", "[enter]5j[enter]"},
		{"reader revealed", "[enter]5j[enter]v"},
		{"editor title", "[enter]5n"},
		{"editor choice", "[enter]5n[tab][tab]"},
		{"editor body", "[enter]5n[tab][tab][tab][tab]"},
		{"editor existing", "[enter]5e"},
		{"appointment form", "[enter]7n"},
		{"appointment choice", "[enter]7n[tab][tab][tab]"},
		{"document add", "[enter]8n"},
		{"document save", "[enter]8s"},
		{"delete prompt", "[enter]5d"},
		{"search", "[ctrl+f]"},
		{"search results", "[ctrl+f]anna"},
	}
	for _, lang := range []Lang{English, Dutch} {
		for _, sit := range situations {
			d, _, _ := unlocked(t, newPeopleStore(t), lang, 100, 30)
			d.keys(sit.keys)
			checkShared(t, string(lang)+" "+sit.name, d.model())
		}
		now := testNow
		for _, sit := range []situation{
			{"create", ""},
			{"create second field", "tulp fiets regen[enter]"},
			{"recovery", "tulp fiets regen[enter]tulp fiets regen[enter]"},
		} {
			d := newDriver(t, newTestModel(&testBackend{t: t}, lang, &now), 100, 30)
			d.keys(sit.keys)
			checkShared(t, string(lang)+" "+sit.name, d.model())
		}
		b := &testBackend{t: t, exists: true, pass: "x", store: newTestStore(t, nil)}
		d := newDriver(t, newTestModel(b, lang, &now), 100, 30)
		checkShared(t, string(lang)+" unlock", d.model())
	}
}

func checkShared(t *testing.T, name string, m Model) {
	t.Helper()
	var groups [][]key.Binding
	switch {
	case m.prompt != nil:
		groups = m.prompt.keys.FullHelp()
	default:
		groups = m.top().KeyMap().FullHelp()
		if !m.top().Capturing() || m.help {
			groups = append(groups, m.globals().FullHelp()...)
		}
	}
	g := m.globals()
	groups = append(groups, []key.Binding{g.ForceQuit, g.Lock})
	owner := map[string]string{}
	seen := map[*key.Binding]bool{}
	for _, group := range groups {
		for i := range group {
			b := &group[i]
			if !b.Enabled() || seen[b] {
				continue
			}
			seen[b] = true
			desc := b.Help().Key + " (" + b.Help().Desc + ")"
			for _, k := range b.Keys() {
				if prev, ok := owner[k]; ok && prev != desc {
					t.Errorf("%s: key %q is bound to both %s and %s", name, k, prev, desc)
				}
				owner[k] = desc
			}
		}
	}
	if len(owner) == 0 {
		t.Errorf("%s: no enabled keys at all", name)
	}
}
