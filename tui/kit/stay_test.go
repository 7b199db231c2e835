package kit

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// editorKeys are an editor's keys: enter belongs to the text, so only tab
// moves between fields.
func editorKeys() FormKeys {
	k := testKeys()
	k.Next = key.NewBinding(key.WithKeys("tab"))
	k.Prev = key.NewBinding(key.WithKeys("shift+tab"))
	return k
}

func testEditor() Form {
	st := NewStyles(DefaultTheme())
	f := NewForm(editorKeys(), true, TextField(st, "title", "Title"), AreaField(st, "body", "Text", "Write…"))
	f.Fields[1].SetAreaSize(40, 5)
	f.SetStayOpen()
	return f
}

func TestAreaTakesEnterAndPaste(t *testing.T) {
	f := testEditor()
	f.Key(tea.KeyMsg{Type: tea.KeyTab})
	if f.Focused().ID != "body" {
		t.Fatalf("tab went to %q, want the text", f.Focused().ID)
	}
	typeText(&f, "first")
	f.Key(tea.KeyMsg{Type: tea.KeyEnter})
	// A paste arrives as one message of many runes: every one counts.
	f.Key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("second line, pasted"), Paste: true})
	if got := f.Get("body"); got != "first\nsecond line, pasted" {
		t.Fatalf("text %q", got)
	}
	if f.Focused().ID != "body" {
		t.Errorf("enter left the text for %q", f.Focused().ID)
	}
	view := ansi.Strip(f.View(NewStyles(DefaultTheme()), FormText{}, nil, nil))
	for _, want := range []string{"› Text", "first", "second line, pasted"} {
		if !strings.Contains(view, want) {
			t.Errorf("view lacks %q:\n%s", want, view)
		}
	}
	// The draft keeps the lines, and a new editor gets them back.
	d, ok := f.Draft()
	g := testEditor()
	g.RestoreDraft(d)
	if !ok || g.Get("body") != "first\nsecond line, pasted" || g.Focused().ID != "body" || !g.Dirty {
		t.Errorf("draft restored %q on %q (dirty %v)", g.Get("body"), g.Focused().ID, g.Dirty)
	}
}

func TestAreaTooLong(t *testing.T) {
	if AreaTooLong(strings.Repeat("x\n", MaxAreaLines-1)+"x") || !AreaTooLong(strings.Repeat("x\n", MaxAreaLines)) {
		t.Error("the line limit is not the textarea's")
	}
}

func TestStayOpenSavesAsOftenAsAsked(t *testing.T) {
	f := testEditor()
	if a, _ := f.Key(tea.KeyMsg{Type: tea.KeyEsc}); a != Leave {
		t.Fatalf("esc on an untouched editor: %v", a)
	}
	typeText(&f, "Intake")
	if a, _ := f.Key(tea.KeyMsg{Type: tea.KeyCtrlS}); a != Save {
		t.Fatalf("ctrl+s: %v", a)
	}
	f.StartSave()
	// Typing goes on while the save runs; ctrl+s now waits for it.
	typeText(&f, " 2")
	if a, _ := f.Key(tea.KeyMsg{Type: tea.KeyCtrlS}); a != None {
		t.Fatalf("ctrl+s during a save: %v, want None (saved after)", a)
	}
	if !f.Saved() {
		t.Fatal("the save asked for during a save was not done")
	}
	if !f.Dirty || f.Saving {
		t.Fatalf("after the first save: dirty %v (want true: %q was typed after it), saving %v", f.Dirty, " 2", f.Saving)
	}
	if a, _ := f.Key(tea.KeyMsg{Type: tea.KeyEsc}); a != AskDiscard {
		t.Errorf("esc with text typed during the save: %v, want AskDiscard", a)
	}
	f.StartSave()
	if f.Saved() || f.Dirty {
		t.Fatalf("second save: dirty %v", f.Dirty)
	}
	// Typing back to what the vault holds is not a change.
	typeText(&f, "x")
	f.Key(tea.KeyMsg{Type: tea.KeyBackspace})
	if f.Dirty {
		t.Error("text equal to the saved text counts as unsaved")
	}
	if a, _ := f.Key(tea.KeyMsg{Type: tea.KeyEsc}); a != Leave {
		t.Errorf("esc after saving: %v, want Leave", a)
	}
}

func TestStayOpenRefusedDropsTheSecondSave(t *testing.T) {
	f := testEditor()
	typeText(&f, "a")
	f.StartSave()
	typeText(&f, "b")
	f.Key(tea.KeyMsg{Type: tea.KeyCtrlS})
	f.Refused("the disk is full")
	if f.Saving || !f.Dirty || f.Problem == "" {
		t.Fatalf("refused: saving %v dirty %v problem %q", f.Saving, f.Dirty, f.Problem)
	}
	f.StartSave()
	if f.Saved() {
		t.Error("a save asked for before a refusal came back after it")
	}
}

func TestSecretCountsEveryKeyAndWipes(t *testing.T) {
	st := NewStyles(DefaultTheme())
	s := NewSecret(st)
	s = s.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("ignored")})
	if !s.Empty() {
		t.Fatal("an unfocused secret took keys")
	}
	s.Focus()
	s = s.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("geheim wachtwoord\nrest"), Paste: true})
	s = s.Update(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
	s = s.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("é")})
	s = s.Update(tea.KeyMsg{Type: tea.KeyBackspace})
	if string(s.Bytes()) != "geheim wachtwoord " || s.Len() != 18 {
		t.Fatalf("typed %q (%d)", s.Bytes(), s.Len())
	}
	if v := ansi.Strip(s.View()); strings.Contains(v, "geheim") || strings.Count(v, "•") != 18 {
		t.Errorf("masked view %q", v)
	}
	buf := s.Bytes()[:MaxSecret]
	got := s.Take()
	if string(got) != "geheim wachtwoord " || !s.Empty() {
		t.Fatalf("take %q, left %d", got, s.Len())
	}
	for i, b := range buf {
		if b != 0 {
			t.Fatalf("byte %d of the buffer not wiped", i)
		}
	}
	s.Masked = false
	s = s.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("1\u202e2")})
	if v := ansi.Strip(s.View()); strings.ContainsRune(v, '\u202e') {
		t.Errorf("an answer's bidi override reached the terminal: %q", v)
	}
}

// A field added after the form was built (the list of retention
// categories arriving while a save runs) holds what the vault holds: it
// makes nothing unsaved, so esc right after ctrl+s leaves without asking.
func TestAddFieldDuringASaveMakesNothingUnsaved(t *testing.T) {
	f := testEditor()
	f.Set("title", "Telefoontje")
	f.Edited()
	f.StartSave()
	keep := ChoiceField("keep", "Keep", []Option{{Value: "", Label: "with the dossier"}, {Value: "mail", Label: "Correspondence"}})
	f.AddField(keep)
	if f.Saved() {
		t.Error("a save again was asked, though nothing was typed during the save")
	}
	if f.Dirty {
		t.Error("the added field made the saved text count as unsaved")
	}
	f.Set("keep", "mail")
	f.Edited()
	if !f.Dirty {
		t.Error("choosing another category is not a change")
	}
}
