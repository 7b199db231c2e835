package kit

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

func testKeys() FormKeys {
	b := func(keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(keys[0], keys[0]))
	}
	return FormKeys{Next: b("tab", "down", "enter"), Prev: b("shift+tab", "up"), Choice: b("left", "right", " "),
		Save: b("ctrl+s"), Cancel: b("esc")}
}

func testForm(loaded bool) Form {
	st := NewStyles(DefaultTheme())
	return NewForm(testKeys(), loaded,
		TextField(st, "title", "Title"),
		ChoiceField("special", "Special category", []Option{{Value: "", Label: "no"}, {Value: "yes", Label: "yes"}}),
		DateField(st, "date", "Date", "dd-mm-jjjj"))
}

func typeText(f *Form, s string) {
	for _, r := range s {
		if r == ' ' {
			f.Key(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
			continue
		}
		f.Key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func TestFormLifecycle(t *testing.T) {
	f := testForm(true)
	if a, _ := f.Key(tea.KeyMsg{Type: tea.KeyEsc}); a != Leave {
		t.Fatalf("esc on an untouched form: %v, want Leave", a)
	}
	typeText(&f, "Plan")
	if !f.Dirty || f.Get("title") != "Plan" {
		t.Fatalf("typing: dirty %v, title %q", f.Dirty, f.Get("title"))
	}
	if a, _ := f.Key(tea.KeyMsg{Type: tea.KeyEsc}); a != AskDiscard {
		t.Fatalf("esc with typed text: %v, want AskDiscard", a)
	}
	if a, _ := f.Key(tea.KeyMsg{Type: tea.KeyCtrlS}); a != Save {
		t.Fatalf("ctrl+s: %v, want Save", a)
	}
	f.StartSave()
	typeText(&f, "x")
	if f.Get("title") != "Plan" {
		t.Errorf("a key changed the form while saving: %q", f.Get("title"))
	}
	f.Refused("the vault is read-only")
	if f.Saving || !f.Dirty || !strings.Contains(f.View(NewStyles(DefaultTheme()), FormText{}, nil, nil), "read-only") {
		t.Errorf("refused: saving %v, dirty %v", f.Saving, f.Dirty)
	}
	f.StartSave()
	f.Saved()
	if f.Dirty || f.Saving {
		t.Errorf("saved: dirty %v, saving %v", f.Dirty, f.Saving)
	}
	if _, ok := f.Draft(); ok {
		t.Error("a saved form still offers a draft")
	}
}

// A sentence typed on a choice field does not change it: only ←/→ and a
// space that is not a word break do.
func TestChoiceChangesOnlyWithItsKeys(t *testing.T) {
	f := testForm(true)
	f.Key(tea.KeyMsg{Type: tea.KeyTab})
	if !f.OnChoice() || !f.Keys.Choice.Enabled() {
		t.Fatal("tab did not reach the choice, or its keys are hidden")
	}
	typeText(&f, "ja graag")
	if got := f.Get("special"); got != "" {
		t.Fatalf("typing changed the choice to %q", got)
	}
	f.Key(tea.KeyMsg{Type: tea.KeyRight})
	if got := f.Get("special"); got != "yes" || !f.Dirty {
		t.Fatalf("→: %q, dirty %v", got, f.Dirty)
	}
	f.Key(tea.KeyMsg{Type: tea.KeyTab})
	if f.Keys.Choice.Enabled() {
		t.Error("choice keys shown on a date field")
	}
}

func TestFailShowsUnderTheFieldAndClearsOnEdit(t *testing.T) {
	f := testForm(true)
	if _, ok := f.Fail("date", "No such day."); !ok || f.Focused().ID != "date" {
		t.Fatalf("fail did not focus the date: %q", f.Focused().ID)
	}
	if !strings.Contains(f.View(NewStyles(DefaultTheme()), FormText{}, nil, nil), "No such day.") {
		t.Error("the field's problem is not shown")
	}
	typeText(&f, "1")
	if f.Focused().Err != "" {
		t.Error("the problem stays after the coach corrects the field")
	}
	if _, ok := f.Fail("nope", "x"); ok {
		t.Error("fail on a field the form lacks")
	}
}

// A draft that comes before the item has loaded is held, then put on top
// of the loaded item.
func TestDraftBeforeTheLoad(t *testing.T) {
	f := testForm(true)
	typeText(&f, "Intake")
	f.Key(tea.KeyMsg{Type: tea.KeyTab})
	f.Key(tea.KeyMsg{Type: tea.KeyRight})
	draft, ok := f.Draft()
	if !ok {
		t.Fatal("no draft after typing")
	}
	g := testForm(false)
	if a, _ := g.Key(tea.KeyMsg{Type: tea.KeyEsc}); a != None {
		t.Errorf("a key acted before the load: %v", a)
	}
	g.RestoreDraft(draft)
	g.Set("title", "From the vault")
	g.MarkLoaded()
	if g.Get("title") != "Intake" || g.Get("special") != "yes" || !g.Dirty || g.Focused().ID != "special" {
		t.Errorf("after load: title %q, special %q, dirty %v, focus %q", g.Get("title"), g.Get("special"), g.Dirty, g.Focused().ID)
	}
}

// An unfocused long value shows its start with "…", not its end.
func TestUnfocusedFieldShowsTheStart(t *testing.T) {
	st := NewStyles(DefaultTheme())
	f := TextField(st, "org", "Organisation")
	f.Input.Width = 20
	f.SetValue("Gemeente Utrecht, team Inburgering en Participatie")
	line := ansi.Strip(ViewField(st, f, false, "")[0])
	if !strings.Contains(line, "Gemeente Utrecht") || !strings.Contains(line, "…") {
		t.Errorf("line %q", line)
	}
}

func TestWrapProblem(t *testing.T) {
	f := testForm(true)
	f.WrapProblem, f.Width = true, 40
	f.Refused(strings.Repeat("Check the identity first. ", 4))
	v := ansi.Strip(f.View(NewStyles(DefaultTheme()), FormText{}, nil, []string{"  hint"}))
	if !strings.Contains(v, "hint\n\n  Check") {
		t.Errorf("problem not wrapped under the hint:\n%s", v)
	}
}
