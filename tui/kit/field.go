package kit

import (
	"encoding/json"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/caseload/caseload/termsafe"
)

// The pieces every form is made of: text, date, choice and secret fields,
// moving between them, and drafts of what was typed. Form (form.go) adds the
// lifecycle; a screen with fields of its own (the record editor, the
// export dialog) uses a FieldSet directly.

// Kind is how a field is edited.
type Kind int

const (
	KindText   Kind = iota
	KindDate        // typed as 31-01-2026 or 2026-01-31
	KindChoice      // one of a few options, changed with ←/→ and space only
	KindArea        // several lines of text (a record, a template): enter is a new line
	// KindSecret is a passphrase or a PIN, held in a Secret: its Value is
	// always empty and drafts never hold it (see SecretField).
	KindSecret
)

// Option is one value of a choice field.
type Option struct {
	Value string
	Label string
}

// Field is one labelled field. ID is stable: drafts and the store's
// ValidationError.Field refer to it.
type Field struct {
	ID      string
	Label   string
	Kind    Kind
	Input   textinput.Model
	Area    textarea.Model // the text of a KindArea field
	Secret  Secret         // the text of a KindSecret field
	Options []Option
	Choice  int
	Hidden  bool
	Err     string // shown under the field until it is edited
	// typing is set when letters reach a choice field: the coach thinks
	// it is a text field, so the spaces between their words must not
	// flip the choice. An arrow or moving the focus clears it.
	typing bool
}

// NewInput is a one-line text input in the kit's styles.
func NewInput(st *Styles, placeholder string, width int) textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = placeholder
	in.Width = width
	in.PlaceholderStyle = st.Muted
	in.TextStyle = st.Text
	in.Cursor.Style = st.Accent
	in.Cursor.SetMode(cursor.CursorStatic)
	return in
}

// TextField is a one-line text field.
func TextField(st *Styles, id, label string) Field {
	return Field{ID: id, Label: label, Kind: KindText, Input: NewInput(st, "", 40)}
}

// DateField is a date typed as text; placeholder shows the format.
func DateField(st *Styles, id, label, placeholder string) Field {
	return Field{ID: id, Label: label, Kind: KindDate, Input: NewInput(st, placeholder, 12)}
}

// MaxAreaLines is the most lines a multi-line field holds: bubbles'
// textarea silently drops the rest, so a screen refuses a longer text
// (AreaTooLong) rather than cut it.
const MaxAreaLines = 10000

// NewArea is a multi-line text input in the kit's styles: no line
// numbers, no highlighted cursor line, a steady cursor, and no limit on
// length; lines stop at MaxAreaLines (bubbles' default height of 99
// would stop a new line at the 99th).
func NewArea(st *Styles, placeholder string) textarea.Model {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.Prompt = ""
	ta.CharLimit = 0
	ta.MaxHeight = 0 // the height is the screen's; lines stop at bubbles' own 10,000
	ta.Placeholder = placeholder
	s := textarea.Style{Base: st.Text, CursorLine: st.Text, CursorLineNumber: st.Muted,
		EndOfBuffer: st.Muted, LineNumber: st.Muted, Placeholder: st.Muted, Prompt: st.Muted, Text: st.Text}
	ta.FocusedStyle, ta.BlurredStyle = s, s
	ta.Cursor.Style = st.Accent
	ta.Cursor.SetMode(cursor.CursorStatic)
	ta.Blur()
	return ta
}

// AreaField is a multi-line text field. It is drawn below its label over
// the full width, Height lines high (SetAreaSize), and takes enter as a
// new line, so the form's Next/Prev keys must not include enter.
func AreaField(st *Styles, id, label, placeholder string) Field {
	return Field{ID: id, Label: label, Kind: KindArea, Area: NewArea(st, placeholder)}
}

// SetAreaSize sizes a multi-line field: the width of its text and the
// lines it shows; other kinds ignore it.
func (f *Field) SetAreaSize(width, height int) {
	if f.Kind == KindArea {
		f.Area.SetWidth(max(width, 10))
		f.Area.SetHeight(max(height, 1))
	}
}

// AreaTooLong reports whether text has more lines than a multi-line field
// holds: such a text is shown read-only, never saved from a field.
func AreaTooLong(text string) bool { return strings.Count(text, "\n")+1 > MaxAreaLines }

// SecretField is a masked field for a passphrase: what is typed stays in
// its Secret's one buffer, which the screen takes (FieldSet.Secret) and
// wipes. It never shows as text, never goes into a draft, and its Value
// is empty, so no string copy of it is ever made.
func SecretField(st *Styles, id, label string) Field {
	return Field{ID: id, Label: label, Kind: KindSecret, Secret: NewSecret(st)}
}

// ChoiceField is one of options, the first chosen.
func ChoiceField(id, label string, options []Option) Field {
	return Field{ID: id, Label: label, Kind: KindChoice, Options: options}
}

// Value is what the field holds: the text typed, or the chosen value; ""
// for a secret, which is read only through its Secret.
func (f Field) Value() string {
	if f.Kind == KindSecret {
		return ""
	}
	if f.Kind == KindArea {
		return f.Area.Value()
	}
	if f.Kind == KindChoice {
		if f.Choice < 0 || f.Choice >= len(f.Options) {
			return ""
		}
		return f.Options[f.Choice].Value
	}
	return f.Input.Value()
}

// SetValue fills the field; an unknown choice leaves it as it was, and a
// secret is never filled from text.
func (f *Field) SetValue(v string) {
	if f.Kind == KindSecret {
		return
	}
	if f.Kind == KindArea {
		f.Area.SetValue(v)
		return
	}
	if f.Kind != KindChoice {
		f.Input.SetValue(v)
		f.Input.CursorEnd()
		return
	}
	for i, o := range f.Options {
		if o.Value == v {
			f.Choice = i
		}
	}
}

// cycle moves a choice field by delta, wrapping around.
func (f *Field) cycle(delta int) {
	n := len(f.Options)
	if n > 0 {
		f.Choice = ((f.Choice+delta)%n + n) % n
	}
}

// ChoiceKey handles a key on a choice field and reports whether the choice
// changed. Only ←/→ and space (the keys of choice) change it; a space
// right after letters is a word break typed into the wrong field.
func (f *Field) ChoiceKey(msg tea.KeyMsg, choice key.Binding) bool {
	switch {
	case !key.Matches(msg, choice):
		if msg.Type == tea.KeyRunes {
			f.typing = true
		}
		return false
	case msg.Type == tea.KeyLeft:
		f.typing = false
		f.cycle(-1)
	case msg.Type == tea.KeyRight:
		f.typing = false
		f.cycle(1)
	case f.typing:
		return false
	default:
		f.cycle(1)
	}
	return true
}

// FieldSet is a form's fields with the focus among them.
type FieldSet struct {
	Fields []Field
	Focus  int
}

// Index is the position of the field id, -1 when there is none.
func (s FieldSet) Index(id string) int {
	for i, f := range s.Fields {
		if f.ID == id {
			return i
		}
	}
	return -1
}

// Get returns the value of field id.
func (s FieldSet) Get(id string) string {
	if i := s.Index(id); i >= 0 {
		return s.Fields[i].Value()
	}
	return ""
}

// Set fills field id.
func (s *FieldSet) Set(id, v string) {
	if i := s.Index(id); i >= 0 {
		s.Fields[i].SetValue(v)
	}
}

// Secret is the secret field id, nil when there is none: for the screen
// to Take what was typed (and wipe it) or check it without a copy.
func (s *FieldSet) Secret(id string) *Secret {
	if i := s.Index(id); i >= 0 && s.Fields[i].Kind == KindSecret {
		return &s.Fields[i].Secret
	}
	return nil
}

// WipeSecrets wipes every secret field: a screen that goes away with a
// passphrase typed leaves none of it behind.
func (s *FieldSet) WipeSecrets() {
	for i := range s.Fields {
		if s.Fields[i].Kind == KindSecret {
			s.Fields[i].Secret.Reset()
		}
	}
}

// Focused is the field with the focus.
func (s *FieldSet) Focused() *Field { return &s.Fields[s.Focus] }

// OnChoice reports whether the focused field is a choice, for the hint
// of the choice keys.
func (s FieldSet) OnChoice() bool {
	return s.Focus >= 0 && s.Focus < len(s.Fields) && s.Fields[s.Focus].Kind == KindChoice
}

// FocusOn moves the focus to field i and returns the field's cursor command.
func (s *FieldSet) FocusOn(i int) tea.Cmd {
	s.Focus = max(min(i, len(s.Fields)-1), 0)
	var cmd tea.Cmd
	for j := range s.Fields {
		f := &s.Fields[j]
		f.typing = false
		if f.Kind == KindChoice {
			continue
		}
		if f.Kind == KindSecret {
			if j == s.Focus {
				f.Secret.Focus()
			} else {
				f.Secret.Blur()
			}
			continue
		}
		if f.Kind == KindArea {
			if j == s.Focus {
				cmd = f.Area.Focus()
			} else {
				f.Area.Blur()
			}
			continue
		}
		if j == s.Focus {
			cmd = f.Input.Focus()
		} else {
			f.Input.Blur()
		}
	}
	return cmd
}

// Step moves the focus by delta over the visible fields, wrapping around.
func (s *FieldSet) Step(delta int) tea.Cmd {
	n := len(s.Fields)
	i := s.Focus
	for range n {
		i = ((i+delta)%n + n) % n
		if !s.Fields[i].Hidden {
			break
		}
	}
	return s.FocusOn(i)
}

// Fail puts msg under field id and moves the focus there; false when the
// form has no such field.
func (s *FieldSet) Fail(id, msg string) (tea.Cmd, bool) {
	i := s.Index(id)
	if i < 0 {
		return nil, false
	}
	s.Fields[i].Err = msg
	s.Fields[i].Hidden = false
	return s.FocusOn(i), true
}

// DraftFocus is the draft entry that remembers the focused field, so the
// coach comes back to the field they were typing in.
const DraftFocus = "_focus"

// Draft encodes every field's value, for a screen's draft across a lock;
// a secret field is left out: a passphrase is never stored.
func (s FieldSet) Draft() string {
	v := make(map[string]string, len(s.Fields)+1)
	for _, f := range s.Fields {
		if f.Kind != KindSecret {
			v[f.ID] = f.Value()
		}
	}
	v[DraftFocus] = s.Fields[s.Focus].ID
	b, _ := json.Marshal(v) // a map of strings always encodes
	return string(b)
}

// Restore fills the fields from a draft; a damaged draft restores nothing.
func (s *FieldSet) Restore(text string) bool {
	var v map[string]string
	if json.Unmarshal([]byte(text), &v) != nil {
		return false
	}
	for id, val := range v {
		s.Set(id, val)
	}
	if i := s.Index(v[DraftFocus]); i >= 0 {
		s.FocusOn(i)
	}
	return true
}

// HandleKey does what every key of a plain form does besides saving and
// cancelling: move between the visible fields, cycle a choice, or type
// into a text field. changed reports whether a value changed; the field's
// error is cleared then, as the coach is correcting it.
func (s *FieldSet) HandleKey(msg tea.KeyMsg, k FormKeys) (cmd tea.Cmd, changed bool) {
	f := s.Focused()
	switch {
	case key.Matches(msg, k.Next):
		return s.Step(1), false
	case key.Matches(msg, k.Prev):
		return s.Step(-1), false
	case f.Kind == KindChoice:
		if !f.ChoiceKey(msg, k.Choice) {
			return nil, false
		}
		f.Err = ""
		return nil, true
	case f.Kind == KindSecret:
		before := f.Secret.Len()
		f.Secret = f.Secret.Update(msg)
		if f.Secret.Len() != before {
			f.Err = ""
			return nil, true
		}
		return nil, false
	case f.Kind == KindArea:
		before := f.Area.Value()
		f.Area, cmd = f.Area.Update(msg)
		if f.Area.Value() != before {
			f.Err = ""
			return cmd, true
		}
		return cmd, false
	}
	before := f.Input.Value()
	f.Input, cmd = f.Input.Update(msg)
	if f.Input.Value() != before {
		f.Err = ""
		return cmd, true
	}
	return cmd, false
}

// LabelWidth is the width of the label column of every form and detail
// view, so labels line up across screens.
const LabelWidth = 30

// ViewField renders one field as a line, plus a line for its error or for
// note (a hint such as the under-16 advice) when there is one. "›" marks the
// focused field, so focus shows without colour too.
func ViewField(st *Styles, f Field, focused bool, note string) []string {
	return ViewFieldWidth(st, f, focused, note, LabelWidth)
}

// ViewFieldWidth is ViewField with a label column of its own width, for a
// short form on a screen of its own (the unlock screen's passphrase) that
// does not line up with the detail views.
func ViewFieldWidth(st *Styles, f Field, focused bool, note string, labelWidth int) []string {
	mark := "  "
	label := st.Label.Render(PadRight(f.Label, labelWidth))
	if focused {
		mark = st.Accent.Render("› ")
		label = st.Accent.Render(PadRight(f.Label, labelWidth))
	}
	// A long translated label still keeps one space before the value.
	if lipgloss.Width(f.Label) >= labelWidth {
		label += " "
	}
	if f.Kind == KindArea {
		// The label on its own line, the text below it over the width
		// the screen gave the area.
		lines := []string{strings.TrimRight(mark+label, " ")}
		for _, l := range strings.Split(f.Area.View(), "\n") {
			lines = append(lines, "  "+termsafe.Styled(l))
		}
		if f.Err != "" {
			lines = append(lines, "  "+st.Danger.Render(f.Err))
		}
		if note != "" {
			lines = append(lines, "  "+note)
		}
		return lines
	}
	var value string
	switch {
	case f.Kind == KindSecret:
		// Bullets, and the cursor when focused: never the text.
		value = f.Secret.View()
	case f.Kind != KindChoice && !focused && f.Input.EchoMode == textinput.EchoNormal && f.Input.Value() != "":
		// Padded as the input pads itself, so the line keeps its width.
		v := FieldStart(f.Input.Value(), f.Input.Width)
		pad := max(ansi.StringWidth(f.Input.View())-ansi.StringWidth(v), 0)
		value = st.Text.Render(v) + strings.Repeat(" ", pad)
	case f.Kind != KindChoice:
		// The input drops control characters but shows a bidi override
		// as it is; Styled escapes it and keeps the cursor's colours.
		value = termsafe.Styled(f.Input.View())
	case focused:
		value = st.Accent.Render("‹ ") + st.Text.Render(f.Options[f.Choice].Label) + st.Accent.Render(" ›")
	default:
		value = st.Text.Render(f.Options[f.Choice].Label)
	}
	lines := []string{mark + label + value}
	indent := strings.Repeat(" ", 2+labelWidth)
	if f.Err != "" {
		lines = append(lines, indent+st.Danger.Render(f.Err))
	}
	if note != "" {
		lines = append(lines, indent+note)
	}
	return lines
}

// FieldStart is how an unfocused text field shows a value: from its start,
// cut with "…" when it is wider than the field. The input itself keeps
// the cursor's window, which after typing or a restored draft is the end
// of the text, so a long value would read as cut off at the front.
func FieldStart(v string, width int) string {
	v = termsafe.Line(v)
	if width <= 0 || ansi.StringWidth(v) <= width {
		return v
	}
	return ansi.Truncate(v, width, "…")
}
