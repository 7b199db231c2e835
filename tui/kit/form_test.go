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
	if a, _ := g.Key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")}); a != None || g.Get("title") != "" {
		t.Errorf("a key acted before the load: %v, title %q", a, g.Get("title"))
	}
	g.RestoreDraft(draft)
	if a, _ := g.Key(tea.KeyMsg{Type: tea.KeyEsc}); a != AskDiscard {
		t.Errorf("esc with a draft waiting for the load: %v, want AskDiscard", a)
	}
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

// A secret field takes keys through the form like any field, but its text
// stays in the Secret's buffer: never a Value, never in a draft, never
// shown, never filled from a draft, and wiped with WipeSecrets.
func TestSecretFieldInAForm(t *testing.T) {
	st := NewStyles(DefaultTheme())
	f := NewForm(testKeys(), true, SecretField(st, "pass", "Passphrase"), TextField(st, "key", "Key"))
	typeText(&f, "tulp fiets")
	f.Key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(" regen"), Paste: true})
	s := f.Secret("pass")
	if s == nil || string(s.Bytes()) != "tulp fiets regen" {
		t.Fatalf("typed into the secret: %v", s)
	}
	if !f.Dirty || f.Get("pass") != "" {
		t.Errorf("dirty %v, Value %q: a secret has no value", f.Dirty, f.Get("pass"))
	}
	f.Key(tea.KeyMsg{Type: tea.KeyTab})
	typeText(&f, "age1abc")
	draft, _ := f.Draft()
	if strings.Contains(draft, "tulp") || !strings.Contains(draft, "age1abc") || strings.Contains(draft, `"pass"`) {
		t.Errorf("draft %s", draft)
	}
	view := ansi.Strip(f.View(st, FormText{}, nil, nil))
	if strings.Contains(view, "tulp") || !strings.Contains(view, strings.Repeat("•", 16)) {
		t.Errorf("view shows the secret:\n%s", view)
	}
	f.RestoreDraft(`{"pass":"from a draft","key":"age1xyz"}`)
	if string(f.Secret("pass").Bytes()) != "tulp fiets regen" || f.Get("key") != "age1xyz" {
		t.Errorf("restore: secret %q, key %q", f.Secret("pass").Bytes(), f.Get("key"))
	}
	buf := f.Secret("pass").Bytes()[:MaxSecret]
	f.WipeSecrets()
	if !f.Secret("pass").Empty() {
		t.Error("WipeSecrets left text")
	}
	for i, b := range buf {
		if b != 0 {
			t.Fatalf("byte %d of the buffer not wiped", i)
		}
	}
	if f.Secret("key") != nil {
		t.Error("a text field is not a secret")
	}
	// The focus moves between secret and text fields: only the focused
	// one takes keys.
	f.Key(tea.KeyMsg{Type: tea.KeyTab})
	if !f.Secret("pass").Focused() {
		t.Fatal("tab did not focus the secret again")
	}
	f.Key(tea.KeyMsg{Type: tea.KeyTab})
	typeText(&f, "z")
	if !f.Secret("pass").Empty() || f.Get("key") != "age1xyzz" {
		t.Errorf("a blurred secret took a key: %q, key %q", f.Secret("pass").Bytes(), f.Get("key"))
	}
}

// A form still loading says so (the root model holds keys for it); a
// failed load does not, and esc leaves a form that never loaded.
func TestLoadingFormLeavesOnEsc(t *testing.T) {
	f := testForm(false)
	if !f.Loading() {
		t.Error("a form before its load is not Loading")
	}
	typeText(&f, "x")
	if f.Get("title") != "" {
		t.Errorf("a key reached a form before its load: %q", f.Get("title"))
	}
	if a, _ := f.Key(tea.KeyMsg{Type: tea.KeyEsc}); a != Leave {
		t.Errorf("esc before the load: %v, want Leave", a)
	}
	f.Problem = "the client is gone"
	if f.Loading() {
		t.Error("a failed load is still Loading")
	}
	f.Problem = ""
	f.MarkLoaded()
	if f.Loading() {
		t.Error("a loaded form is Loading")
	}
}
