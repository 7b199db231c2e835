package kit

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// FormKeys are a form's keys. A form always has a focused field, so it
// captures every key and binds esc itself. The screen builds them with
// help in the coach's language.
type FormKeys struct {
	Next   key.Binding
	Prev   key.Binding
	Choice key.Binding // ←/→ and space on a choice field
	Save   key.Binding
	Cancel key.Binding
}

// ShortHelp is a form's hint line, most needed first in case it is cut.
func (k FormKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Save, k.Cancel, k.Next, k.Prev, k.Choice}
}

// FullHelp is a form's part of the help overlay.
func (k FormKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// Action is what a key asks of the screen that owns a form: the kit knows
// no screen stack and no store, so it says what should happen and the
// screen does it.
type Action int

const (
	// None: the key was handled (typed, moved) or ignored.
	None Action = iota
	// Save: check the fields and save them (ctrl+s).
	Save
	// Leave: go back; nothing typed would be lost (esc).
	Leave
	// AskDiscard: esc with unsaved text; ask "Discard your changes?"
	// before leaving.
	AskDiscard
)

// Form is the lifecycle every form shares, written once: its fields and
// the focus among them, whether what it edits has loaded, a save under
// way, typed text not yet saved (kept as a draft across a lock, and asked
// about before esc throws it away), and a problem to show above the
// fields. Keys wait while the item loads or a save runs.
//
// A screen embeds a Form, fills its fields when its item loads, turns Save
// into a store command (calling StartSave), and reports the answer with
// Saved or Refused.
type Form struct {
	FieldSet
	Keys    FormKeys
	Loaded  bool // what the form edits has been read (a new item: at once)
	Saving  bool
	Dirty   bool // typed text not yet saved
	Problem string
	// WrapProblem shows the problem wrapped under the extra lines, not
	// on one line: for sentences that say what to do next (the rights
	// desk's), longer than a line.
	WrapProblem bool
	// LeaveFreely lets esc leave without the discard question: for a
	// short field (a path) that is quicker typed again than asked about.
	LeaveFreely bool
	// StayOpen is the mode of an editor a coach saves as often as they
	// like while they write (a record, a template): keys keep working
	// while a save runs, ctrl+s during a save saves again when it ends,
	// and Dirty means "differs from what is in the vault", so text typed
	// during a save stays unsaved and is asked about before esc.
	StayOpen bool
	Width    int
	Height   int
	early    earlyDraft
	savedAs  string // StayOpen: the values the vault holds
	sent     string // StayOpen: the values the running save sends
	again    bool   // StayOpen: ctrl+s came during a save
}

// NewForm is a form over fields with the focus on the first.
func NewForm(keys FormKeys, loaded bool, fields ...Field) Form {
	f := Form{Keys: keys, Loaded: loaded}
	f.Fields = fields
	f.FocusOn(0)
	f.savedAs = f.values()
	f.updateKeys()
	return f
}

// values is every field's value, for StayOpen's "what the vault holds".
func (f Form) values() string {
	var b strings.Builder
	for _, fl := range f.Fields {
		b.WriteString(encodeValue(fl.Value()))
	}
	return b.String()
}

// encodeValue is one field's part of values: its length, then itself.
func encodeValue(v string) string { return strconv.Itoa(len(v)) + ":" + v }

// AddField appends a field whose value is what the vault holds — one the
// screen learns it needs after the form is built, such as the list of
// retention categories. It makes nothing unsaved, whether the coach is
// typing or a save is running: the field is added to what the vault
// holds and to what the running save sends.
func (f *Form) AddField(fl Field) {
	f.Fields = append(f.Fields, fl)
	enc := encodeValue(fl.Value())
	f.savedAs += enc
	if f.Saving {
		f.sent += enc
	}
	f.updateKeys()
}

// SetStayOpen switches the form to StayOpen with what it shows now as
// what the vault holds: for a new item whose fields the screen filled
// with defaults after NewForm.
func (f *Form) SetStayOpen() {
	f.StayOpen = true
	f.savedAs, f.Dirty = f.values(), false
}

// SetFields replaces the fields, with the focus on the first: for a form
// whose fields depend on what it edits.
func (f *Form) SetFields(fields ...Field) {
	f.Fields = fields
	f.FocusOn(0)
	f.savedAs = f.values()
	f.updateKeys()
}

// updateKeys shows the choice keys only on a choice field, and ctrl+s
// only when a save can start.
func (f *Form) updateKeys() {
	f.Keys.Choice.SetEnabled(f.OnChoice())
	f.Keys.Save.SetEnabled(!f.Saving || f.StayOpen)
}

// Draft is every field once the coach has typed something.
func (f Form) Draft() (string, bool) {
	if !f.Dirty {
		return "", false
	}
	return f.FieldSet.Draft(), true
}

// RestoreDraft fills the fields from a draft. A draft that arrives before
// the item has loaded (after an unlock every screen gets its draft at
// once, while the loads are on their way) is held and replayed by Fill.
func (f *Form) RestoreDraft(text string) {
	if !f.Loaded {
		f.early = earlyDraft{text: text, held: true}
		return
	}
	f.Dirty = f.FieldSet.Restore(text) || f.Dirty
	if f.StayOpen {
		f.Dirty = f.values() != f.savedAs
	}
	f.updateKeys()
}

// Loaded marks the item read (after the screen filled the fields from
// it) and replays a draft that came before it, on top.
func (f *Form) MarkLoaded() {
	f.Loaded = true
	f.savedAs = f.values()
	if text, ok := f.early.take(); ok {
		f.RestoreDraft(text)
	}
	f.updateKeys()
}

// Loading reports whether the form still waits for what it edits: the
// root model holds the keys typed meanwhile and hands them over once it
// has loaded, so none is lost. A load that failed (Problem says why) is
// not waited for.
func (f Form) Loading() bool { return !f.Loaded && f.Problem == "" }

// Key handles a key: ctrl+s asks to save; esc leaves, asking first when
// typed text would be lost; every other key goes to the fields. Keys are
// ignored while loading, and while saving unless the form StaysOpen; esc
// still leaves a form whose item never loaded (asking first when a draft
// waits for it).
func (f *Form) Key(msg tea.KeyMsg) (Action, tea.Cmd) {
	if !f.Loaded && !f.Saving && key.Matches(msg, f.Keys.Cancel) {
		if f.early.held && !f.LeaveFreely {
			return AskDiscard, nil // a draft waits to be put back
		}
		return Leave, nil
	}
	if (f.Saving && !f.StayOpen) || !f.Loaded {
		return None, nil
	}
	switch {
	case key.Matches(msg, f.Keys.Save) && f.Saving:
		f.again = true // saved when the running save ends (Saved)
		return None, nil
	case key.Matches(msg, f.Keys.Save):
		return Save, nil
	case key.Matches(msg, f.Keys.Cancel):
		if f.Dirty && !f.LeaveFreely {
			return AskDiscard, nil
		}
		return Leave, nil
	}
	cmd, changed := f.HandleKey(msg, f.Keys)
	switch {
	case f.StayOpen && changed:
		f.Dirty = f.values() != f.savedAs
	default:
		f.Dirty = f.Dirty || changed
	}
	f.updateKeys()
	return None, cmd
}

// Edited notes a change the screen made to a field itself (a message of
// the text area's own, such as a paste from the clipboard), as a key
// through Key would have.
func (f *Form) Edited() {
	if f.StayOpen {
		f.Dirty = f.values() != f.savedAs
	} else {
		f.Dirty = true
	}
	f.updateKeys()
}

// StartSave marks a save under way, of the values the fields hold now.
func (f *Form) StartSave() {
	f.Problem, f.Saving, f.again = "", true, false
	f.sent = f.values()
	f.updateKeys()
}

// Saved ends a save that kept the text. A plain form has nothing unsaved
// any more. A StayOpen form holds what the save sent as saved, is Dirty
// if the coach typed on meanwhile, and returns true when ctrl+s came
// during the save: the screen then saves again (StartSave and its store
// command), so the last text is the one kept.
func (f *Form) Saved() (again bool) {
	f.Saving, f.Dirty = false, false
	if f.StayOpen {
		f.savedAs = f.sent
		f.Dirty = f.values() != f.savedAs
		again = f.again && f.Dirty
	}
	f.again = false
	f.updateKeys()
	return again
}

// Refused ends a save that was refused, with the reason to show; a save
// asked for during it is dropped, as the coach must read the reason first.
func (f *Form) Refused(problem string) {
	f.Saving, f.Problem, f.again = false, problem, false
	f.updateKeys()
}

// Fail puts msg under field id and moves the focus there; false when the
// form has no such field (the screen then shows msg as its Problem).
func (f *Form) Fail(id, msg string) (tea.Cmd, bool) {
	f.Saving, f.again = false, false
	cmd, ok := f.FieldSet.Fail(id, msg)
	f.updateKeys()
	return cmd, ok
}

// Refocus is the command that starts the focused field's cursor, for when
// the form is shown again.
func (f *Form) Refocus() tea.Cmd { return f.FocusOn(f.Focus) }

// FormText is the kit's few words, in the coach's language.
type FormText struct {
	Loading string // "Loading…"
	Saving  string // "saving…"
}

// View draws the fields, scrolled so the focused field shows, with the
// lines of extra (a warning, a hint) below them, then the problem and
// "saving…". note, when not nil, gives the hint under a field.
func (f Form) View(st *Styles, txt FormText, note func(id string) string, extra []string) string {
	problem := f.Problem
	if f.WrapProblem && f.Loaded && problem != "" {
		extra = append(append(extra, ""), Paragraph(st.Danger, problem, f.Width)...)
		problem = ""
	}
	return ViewFields(st, txt, f.FieldSet, f.Loaded, f.Saving, problem, f.Height, note, extra)
}

// ViewFields draws a field set the way a Form draws itself, for a screen
// that keeps its own lifecycle around the fields.
func ViewFields(st *Styles, txt FormText, set FieldSet, loaded, saving bool, problem string, height int,
	note func(id string) string, extra []string) string {
	if !loaded {
		if problem != "" {
			return "\n  " + st.Danger.Render(problem)
		}
		return "\n  " + st.Muted.Render(txt.Loading)
	}
	lines := []string{""}
	focusLine := 0
	for i, fl := range set.Fields {
		if fl.Hidden {
			continue
		}
		if i == set.Focus {
			focusLine = len(lines)
		}
		n := ""
		if note != nil {
			n = note(fl.ID)
		}
		lines = append(lines, ViewField(st, fl, i == set.Focus, n)...)
	}
	if len(extra) > 0 {
		lines = append(lines, "")
		lines = append(lines, extra...)
	}
	lines = append(lines, "")
	if problem != "" {
		lines = append(lines, "  "+st.Danger.Render(problem))
	}
	if saving {
		lines = append(lines, "  "+st.Muted.Render(txt.Saving))
	}
	return strings.Join(ScrollWindow(lines, focusLine, height), "\n")
}

// earlyDraft holds a draft that reaches a form before its item has loaded.
type earlyDraft struct {
	text string
	held bool
}

// take returns the held draft, once.
func (d *earlyDraft) take() (string, bool) {
	text, held := d.text, d.held
	*d = earlyDraft{}
	return text, held
}
