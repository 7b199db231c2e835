package tui

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// The pieces every form is made of: text, date and choice fields, moving
// between them, drafts of what was typed, and reading dates. The client
// form uses them; the record and appointment editors can too.

// fieldKind is how a field is edited.
type fieldKind int

const (
	fieldText   fieldKind = iota
	fieldDate             // typed as 31-01-2026 or 2026-01-31
	fieldChoice           // one of a few options, changed with ←/→
)

// option is one value of a choice field.
type option struct {
	value string
	label string
}

// formField is one labelled field. id is stable: drafts and the store's
// ValidationError.Field refer to it.
type formField struct {
	id      string
	label   string
	kind    fieldKind
	input   textinput.Model
	options []option
	choice  int
	hidden  bool
	err     string // shown under the field until it is edited
	// typing is set when letters reach a choice field: the coach thinks
	// it is a text field, so the spaces between their words must not
	// flip the choice. An arrow or moving the focus clears it.
	typing bool
}

func textField(st *Styles, id, label string) formField {
	return formField{id: id, label: label, kind: fieldText, input: newInput(st, "", 40)}
}

func dateField(st *Styles, t Text, id, label string) formField {
	return formField{id: id, label: label, kind: fieldDate,
		input: newInput(st, t.T("form.date_placeholder"), 12)}
}

func choiceField(id, label string, options []option) formField {
	return formField{id: id, label: label, kind: fieldChoice, options: options}
}

// value is what the field holds: the text typed, or the chosen value.
func (f formField) value() string {
	if f.kind == fieldChoice {
		if f.choice < 0 || f.choice >= len(f.options) {
			return ""
		}
		return f.options[f.choice].value
	}
	return f.input.Value()
}

// setValue fills the field; an unknown choice leaves it as it was.
func (f *formField) setValue(v string) {
	if f.kind != fieldChoice {
		f.input.SetValue(v)
		f.input.CursorEnd()
		return
	}
	for i, o := range f.options {
		if o.value == v {
			f.choice = i
		}
	}
}

// cycle moves a choice field by delta, wrapping around.
func (f *formField) cycle(delta int) {
	n := len(f.options)
	if n > 0 {
		f.choice = ((f.choice+delta)%n + n) % n
	}
}

// choiceKey handles a key on a choice field and reports whether the choice
// changed. Only ←/→ and space (the keys of choice) change it; a space
// right after letters is a word break typed into the wrong field.
func (f *formField) choiceKey(msg tea.KeyMsg, choice key.Binding) bool {
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

// fieldSet is a form's fields with the focus among them.
type fieldSet struct {
	fields []formField
	focus  int
}

// index is the position of the field id, -1 when there is none.
func (s fieldSet) index(id string) int {
	for i, f := range s.fields {
		if f.id == id {
			return i
		}
	}
	return -1
}

// get returns the value of field id.
func (s fieldSet) get(id string) string {
	if i := s.index(id); i >= 0 {
		return s.fields[i].value()
	}
	return ""
}

// set fills field id.
func (s *fieldSet) set(id, v string) {
	if i := s.index(id); i >= 0 {
		s.fields[i].setValue(v)
	}
}

// focused is the field with the focus.
func (s *fieldSet) focused() *formField { return &s.fields[s.focus] }

// focusOn moves the focus to field i and returns the field's cursor command.
func (s *fieldSet) focusOn(i int) tea.Cmd {
	s.focus = max(min(i, len(s.fields)-1), 0)
	var cmd tea.Cmd
	for j := range s.fields {
		f := &s.fields[j]
		f.typing = false
		if f.kind == fieldChoice {
			continue
		}
		if j == s.focus {
			cmd = f.input.Focus()
		} else {
			f.input.Blur()
		}
	}
	return cmd
}

// step moves the focus by delta over the visible fields, wrapping around.
func (s *fieldSet) step(delta int) tea.Cmd {
	n := len(s.fields)
	i := s.focus
	for range n {
		i = ((i+delta)%n + n) % n
		if !s.fields[i].hidden {
			break
		}
	}
	return s.focusOn(i)
}

// fail puts msg under field id and moves the focus there; false when the
// form has no such field.
func (s *fieldSet) fail(id, msg string) (tea.Cmd, bool) {
	i := s.index(id)
	if i < 0 {
		return nil, false
	}
	s.fields[i].err = msg
	s.fields[i].hidden = false
	return s.focusOn(i), true
}

// draftFocus is the draft entry that remembers the focused field, so the
// coach comes back to the field they were typing in.
const draftFocus = "_focus"

// draft encodes every field's value for Screen.Draft.
func (s fieldSet) draft() string {
	v := make(map[string]string, len(s.fields)+1)
	for _, f := range s.fields {
		v[f.id] = f.value()
	}
	v[draftFocus] = s.fields[s.focus].id
	b, _ := json.Marshal(v) // a map of strings always encodes
	return string(b)
}

// restore fills the fields from a draft; a damaged draft restores nothing.
func (s *fieldSet) restore(text string) bool {
	var v map[string]string
	if json.Unmarshal([]byte(text), &v) != nil {
		return false
	}
	for id, val := range v {
		s.set(id, val)
	}
	if i := s.index(v[draftFocus]); i >= 0 {
		s.focusOn(i)
	}
	return true
}

// dateProblem says why a typed date was refused.
type dateProblem int

const (
	dateOK         dateProblem = iota
	dateFormat                 // not a date as caseload reads them
	dateImpossible             // 31-02-2026: no such day
	dateYear                   // outside 1900–2199, surely a typo
)

// parseDate reads a date typed as 2026-01-31 or 31-01-2026 (also with / or
// . between the parts, and one-digit days and months). "" is the zero date.
func parseDate(s string) (time.Time, dateProblem) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, dateOK
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' || r == '.' })
	if len(parts) != 3 {
		return time.Time{}, dateFormat
	}
	n := [3]int{}
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return time.Time{}, dateFormat
		}
		n[i] = v
	}
	var y, m, d int
	switch {
	case len(parts[0]) == 4 && len(parts[1]) <= 2 && len(parts[2]) <= 2:
		y, m, d = n[0], n[1], n[2]
	case len(parts[2]) == 4 && len(parts[0]) <= 2 && len(parts[1]) <= 2:
		d, m, y = n[0], n[1], n[2]
	default:
		return time.Time{}, dateFormat
	}
	if y < 1900 || y > 2199 {
		return time.Time{}, dateYear
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if m < 1 || m > 12 || d < 1 || t.Day() != d {
		return time.Time{}, dateImpossible
	}
	return t, dateOK
}

// dateInput writes a date the way the coach types it: 31-01-2026 in Dutch,
// 2026-01-31 in English.
func dateInput(t Text, d time.Time) string {
	if d.IsZero() {
		return ""
	}
	if t.Lang() == Dutch {
		return d.Format("02-01-2006")
	}
	return d.Format("2006-01-02")
}

// dateProblemText is the sentence for a refused date.
func dateProblemText(t Text, p dateProblem, typed string) string {
	switch p {
	case dateImpossible:
		return t.Tf("form.date_impossible", typed)
	case dateYear:
		return t.Tf("form.date_year", typed)
	}
	return t.T("form.date_format")
}

// handleKey does what every key of a plain form does besides saving and
// cancelling: move between the visible fields, cycle a choice, or type
// into a text field. changed reports whether a value changed; the field's
// error is cleared then, as the coach is correcting it.
func (s *fieldSet) handleKey(msg tea.KeyMsg, k formKeys) (cmd tea.Cmd, changed bool) {
	f := s.focused()
	switch {
	case key.Matches(msg, k.Next):
		return s.step(1), false
	case key.Matches(msg, k.Prev):
		return s.step(-1), false
	case f.kind == fieldChoice:
		if !f.choiceKey(msg, k.Choice) {
			return nil, false
		}
		f.err = ""
		return nil, true
	}
	before := f.input.Value()
	f.input, cmd = f.input.Update(msg)
	if f.input.Value() != before {
		f.err = ""
		return cmd, true
	}
	return cmd, false
}

// dateTimeProblem says why a typed date and time was refused.
type dateTimeProblem int

const (
	dateTimeOK dateTimeProblem = iota
	dateTimeFormat
	dateTimeImpossibleDay  // 31-02-2026 14:00
	dateTimeYear           // the year looks like a typo
	dateTimeImpossibleTime // 25:00
)

// parseDateTime reads a date and a time typed as "2026-12-01 14:30" or
// "1-12-2026 9.30": a date as parseDate reads it, a space, and hours and
// minutes with ":" or "." between them. Both parts are needed.
func parseDateTime(s string) (time.Time, dateTimeProblem) {
	fields := strings.Fields(s)
	if len(fields) != 2 {
		return time.Time{}, dateTimeFormat
	}
	d, p := parseDate(fields[0])
	switch p {
	case dateImpossible:
		return time.Time{}, dateTimeImpossibleDay
	case dateYear:
		return time.Time{}, dateTimeYear
	case dateFormat:
		return time.Time{}, dateTimeFormat
	}
	hh, mm, ok := strings.Cut(fields[1], ":")
	if !ok {
		hh, mm, ok = strings.Cut(fields[1], ".")
	}
	h, herr := strconv.Atoi(hh)
	mi, merr := strconv.Atoi(mm)
	switch {
	case !ok || herr != nil || merr != nil || len(hh) > 2 || len(mm) != 2:
		return time.Time{}, dateTimeFormat
	case h < 0 || h > 23 || mi < 0 || mi > 59:
		return time.Time{}, dateTimeImpossibleTime
	}
	return d.Add(time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute), dateTimeOK
}

// dateTimeInput writes a date and time the way the coach types it.
func dateTimeInput(t Text, d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return dateInput(t, d) + " " + d.Format("15:04")
}

// earlyDraft holds a draft that reaches a form before its item has loaded:
// after an unlock the stack is rebuilt and every screen gets its draft at
// once, while the loads are still on their way. The form replays it on top
// of the loaded item, once.
type earlyDraft struct {
	text string
	held bool
}

// hold keeps text until the item has loaded.
func (d *earlyDraft) hold(text string) { d.text, d.held = text, true }

// take returns the held draft, once.
func (d *earlyDraft) take() (string, bool) {
	text, held := d.text, d.held
	*d = earlyDraft{}
	return text, held
}
