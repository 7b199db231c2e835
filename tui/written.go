package tui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/paper/fill"
	"github.com/caseload/caseload/termsafe"
	"github.com/caseload/caseload/tui/kit"
)

// A file written out of the vault at the coach's request — a dossier, a
// paper, an invoice, a report — comes back to its screen the same way,
// and is shown the same way: where it went, and its passphrase, once.

// writtenMsg answers writing: R is the writer's result (a dossier's, or
// a paper's and a money file's). A result with a Path is a file on disk,
// even when err says its log line is not saved yet.
type writtenMsg[R any] struct {
	req reqID
	res R
	err error
}

func (m writtenMsg[R]) request() reqID { return m.req }

// saveErr: the status line says "not saved" only for a file written
// whose log line is not on disk yet; a refusal wrote nothing, and the
// screen says why.
func (m writtenMsg[R]) saveErr() error { return m.err }

// writing runs write off the screen's loop, counted as a save under way;
// its answer carries req.
func writing[R any](req reqID, write func() (R, error)) tea.Cmd {
	return saving(func() tea.Msg {
		res, err := write()
		return writtenMsg[R]{req: req, res: res, err: err}
	})
}

// viewFileResult is a paper or a money file written: heading, where it
// went, and its passphrase, shown this once, or the key it is sealed to,
// or that it is not encrypted.
func viewFileResult(e *env, heading string, r fill.Result, warn string, width, height int) string {
	t, st := e.text, e.styles
	lines := writtenLines(e, heading, r.Path, warn, width)
	switch {
	case r.PublicKey:
		lines = append(lines, kit.Paragraph(st.Text, t.T("export.sealed_key"), width)...)
	case r.Sealed:
		lines = append(lines, passphraseLines(e, r.Passphrase, width)...)
	default:
		lines = append(lines, kit.Paragraph(st.Danger, t.T("print.sealed_none"), width)...)
	}
	return strings.Join(kit.ScrollWindow(lines, 0, height), "\n")
}

// writtenLines open the view of a file written (a dossier, a paper, a
// money file): the heading, the whole path however narrow the terminal
// (the coach must be able to find the file), more about it, and what is
// to be told although it is written; a blank line ends them.
func writtenLines(e *env, heading, path, warn string, width int, more ...string) []string {
	st := e.styles
	lines := []string{""}
	lines = append(lines, kit.Paragraph(st.Title, heading, width)...)
	lines = append(lines, "", "  "+st.Label.Render(e.text.T("export.file")))
	for _, l := range chunkPath(termsafe.Line(path), max(width-6, 20)) {
		lines = append(lines, "    "+st.Text.Render(l))
	}
	lines = append(lines, more...)
	if warn != "" {
		lines = append(lines, "")
		lines = append(lines, kit.Paragraph(st.Warning, warn, width)...)
	}
	return append(lines, "")
}

// passphraseLines show a file's passphrase, boxed, this once, and that
// it goes to the receiver by another channel than the file.
func passphraseLines(e *env, passphrase string, width int) []string {
	st := e.styles
	lines := []string{"  " + st.Label.Render(e.text.T("export.passphrase"))}
	for _, l := range strings.Split(st.Box.Render(st.Accent.Render(passphrase)), "\n") {
		lines = append(lines, "  "+l)
	}
	return append(lines, kit.Paragraph(st.Warning, e.text.T("export.channel"), width)...)
}

// chunkPath cuts a long path into lines of at most width characters, so
// the full path shows however narrow the terminal: the coach must be able
// to find the file.
func chunkPath(path string, width int) []string {
	r := []rune(path)
	var out []string
	for len(r) > width {
		out = append(out, string(r[:width]))
		r = r[width:]
	}
	return append(out, string(r))
}
