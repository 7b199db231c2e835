package kit

import (
	"strings"
	"unicode"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/caseload/caseload/termsafe"
)

// secretCursor draws the cursor as a reversed cell, as a terminal does.
var secretCursor = lipgloss.NewStyle().Reverse(true)

// Secret is the masked one-line field for a passphrase or a PIN. It keeps
// what is typed in one buffer of fixed capacity, so the text is never
// copied as it grows, and wipes it when taken or reset: bubbles'
// textinput keeps runes in slices it regrows and turns them into a string
// on every render, and none of those copies can be wiped, so a locked
// laptop would still hold the passphrase. That is why a secret field
// (SecretField) holds a Secret, not a textinput.
type Secret struct {
	buf []byte // UTF-8, never longer than its capacity
	// Masked shows bullets, not the text; false for an answer that may
	// show (a security key's public prompt answer).
	Masked  bool
	focused bool
	st      *Styles
}

// MaxSecret is the most a secret field holds, in bytes: far more than any
// passphrase, and fixed so the buffer never moves.
const MaxSecret = 1024

// NewSecret is an empty, masked, unfocused secret field.
func NewSecret(st *Styles) Secret {
	return Secret{buf: make([]byte, 0, MaxSecret), Masked: true, st: st}
}

// Update takes a key: text is added, backspace removes the last
// character, ctrl+u clears; other keys are ignored. A pasted line stops at
// its first line break, and every rune of a paste counts.
func (f Secret) Update(msg tea.KeyMsg) Secret {
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
func (f Secret) Empty() bool { return len(f.buf) == 0 }

// Len is the number of characters typed.
func (f Secret) Len() int { return utf8.RuneCount(f.buf) }

// Equal reports whether both fields hold the same text.
func (f Secret) Equal(g Secret) bool { return string(f.buf) == string(g.buf) }

// Bytes is the typed text itself, not a copy: for a check (strength,
// equality) that must not leave a copy behind. The caller must not keep it.
func (f Secret) Bytes() []byte { return f.buf }

// Take returns what is typed, in a new slice the caller wipes, and wipes
// the field.
func (f *Secret) Take() []byte {
	out := make([]byte, len(f.buf))
	copy(out, f.buf)
	f.Reset()
	return out
}

// Reset wipes the field.
func (f *Secret) Reset() {
	clear(f.buf[:cap(f.buf)])
	f.buf = f.buf[:0]
}

// Focus shows the cursor and takes keys.
func (f *Secret) Focus() { f.focused = true }

// Blur hides the cursor and ignores keys.
func (f *Secret) Blur() { f.focused = false }

// Focused reports whether the field takes keys.
func (f Secret) Focused() bool { return f.focused }

// View shows a bullet per character (or the escaped text of an answer
// that may show) and a steady cursor when focused.
func (f Secret) View() string {
	var s string
	if f.Masked {
		s = strings.Repeat("•", f.Len())
	} else {
		s = termsafe.Line(string(f.buf))
	}
	if f.focused {
		return f.st.Text.Render(s) + secretCursor.Render(" ")
	}
	return f.st.Text.Render(s)
}
