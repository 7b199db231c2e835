package tui

import (
	"strings"
	"unicode"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// cursorStyle draws the cursor as a reversed cell, as a terminal does.
var cursorStyle = lipgloss.NewStyle().Reverse(true)

// secretField is the masked one-line field for a passphrase or a PIN. It
// keeps what is typed in one buffer of fixed capacity, so the text is
// never copied as it grows, and wipes it when taken or reset: bubbles'
// textinput keeps runes in slices it regrows and turns them into a string
// on every render, and none of those copies can be wiped, so a locked
// laptop would still hold the passphrase.
type secretField struct {
	buf     []byte // UTF-8, never longer than its capacity
	masked  bool   // show bullets, not the text (a public answer shows)
	focused bool
	st      *Styles
}

// maxSecret is the most a secret field holds, in bytes: far more than any
// passphrase, and fixed so the buffer never moves.
const maxSecret = 1024

func newSecretField(st *Styles) secretField {
	return secretField{buf: make([]byte, 0, maxSecret), masked: true, st: st}
}

// Update takes a key: text is added, backspace removes the last
// character, ctrl+u clears; other keys are ignored. A pasted line stops at
// its first line break.
func (f secretField) Update(msg tea.KeyMsg) secretField {
	if !f.focused {
		return f
	}
	switch msg.Type {
	case tea.KeyRunes, tea.KeySpace:
		runes := msg.Runes
		if msg.Type == tea.KeySpace {
			runes = []rune{' '}
		}
		for _, r := range runes {
			if r == '\n' || r == '\r' {
				break
			}
			if unicode.IsControl(r) || len(f.buf)+utf8.RuneLen(r) > cap(f.buf) {
				continue
			}
			f.buf = utf8.AppendRune(f.buf, r)
		}
	case tea.KeyBackspace:
		if len(f.buf) > 0 {
			_, n := utf8.DecodeLastRune(f.buf)
			clear(f.buf[len(f.buf)-n:])
			f.buf = f.buf[:len(f.buf)-n]
		}
	case tea.KeyCtrlU:
		f.Reset()
	}
	return f
}

// Empty reports whether nothing is typed.
func (f secretField) Empty() bool { return len(f.buf) == 0 }

// Len is the number of characters typed.
func (f secretField) Len() int { return utf8.RuneCount(f.buf) }

// Equal reports whether both fields hold the same text.
func (f secretField) Equal(g secretField) bool { return string(f.buf) == string(g.buf) }

// Take returns what is typed, in a new slice the caller wipes, and wipes
// the field.
func (f *secretField) Take() []byte {
	out := make([]byte, len(f.buf))
	copy(out, f.buf)
	f.Reset()
	return out
}

// Reset wipes the field.
func (f *secretField) Reset() {
	clear(f.buf[:cap(f.buf)])
	f.buf = f.buf[:0]
}

// Focus shows the cursor and takes keys.
func (f *secretField) Focus() { f.focused = true }

// Blur hides the cursor and ignores keys.
func (f *secretField) Blur() { f.focused = false }

// Focused reports whether the field takes keys.
func (f secretField) Focused() bool { return f.focused }

// View shows a bullet per character (or the text of a public answer) and
// a steady cursor when focused.
func (f secretField) View() string {
	var s string
	if f.masked {
		s = strings.Repeat("•", f.Len())
	} else {
		s = safeLine(string(f.buf))
	}
	if f.focused {
		return f.st.Text.Render(s) + cursorStyle.Render(" ")
	}
	return f.st.Text.Render(s)
}
