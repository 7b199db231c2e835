package tui

import (
	"path/filepath"
	"strings"

	"github.com/caseload/caseload/paper/fill"
	dossierfile "github.com/caseload/caseload/store/dossier"
	"github.com/caseload/caseload/termsafe"
	"github.com/caseload/caseload/tui/kit"
)

// View draws the form, the spinner while the export runs, or the result.
func (m exportForm) View() string {
	if m.done {
		return m.viewResult()
	}
	t, st := m.env.text, m.env.styles
	if !m.loaded {
		return m.viewLoading()
	}
	lines := []string{""}
	lines = append(lines, kit.Paragraph(st.Title, t.Tf("export.heading", m.row.Name), m.width)...)
	lines = append(lines, "")
	focusLine := 0
	headed := false
	for i, f := range m.set.Fields {
		if f.Hidden {
			continue
		}
		if strings.HasPrefix(f.ID, omitPrefix) && !headed {
			headed = true
			lines = append(lines, "", "  "+st.Title.Render(t.T("export.leave_out")))
			lines = append(lines, kit.Paragraph(st.Muted, t.T("export.leave_out_hint"), m.width)...)
		}
		if i == m.set.Focus {
			focusLine = len(lines)
		}
		lines = append(lines, kit.ViewField(st, f, i == m.set.Focus, m.note(f.ID))...)
	}
	lines = append(lines, "")
	lines = append(lines, m.sealingHint(t.T("export.hint_passphrase"))...)
	switch {
	case m.row.Restricted && m.set.Get("to") == toOther:
		lines = append(lines, "")
		lines = append(lines, kit.Paragraph(st.Warning, t.T("export.err_restricted"), m.width)...)
	case m.row.Restricted:
		lines = append(lines, "")
		lines = append(lines, kit.Paragraph(st.Muted, t.T("export.restricted_client"), m.width)...)
	case m.set.Get("to") == toOther && m.set.Get("basis") == "consent":
		lines = append(lines, "")
		lines = append(lines, kit.Paragraph(st.Muted, t.T("export.hint_consent"), m.width)...)
	}
	lines = append(lines, m.viewEnd(t.T("export.busy"))...)
	return strings.Join(kit.ScrollWindow(lines, focusLine, m.height), "\n")
}

// note is the line under the key field: what the live check says.
func (m exportForm) note(id string) string {
	if id != "key" {
		return ""
	}
	st := m.env.styles
	typed := strings.TrimSpace(m.set.Get("key"))
	if typed == "" || typed != m.keyDone || m.set.Fields[m.set.Index("key")].Err != "" {
		return ""
	}
	if m.keyErr != nil {
		return st.Danger.Render(m.keyProblem())
	}
	return st.Success.Render(m.env.text.T("export.key_ok"))
}

// viewResult tells where the file went, shows the passphrase once, what
// went out and how the receiver opens it.
func (m exportForm) viewResult() string {
	t, st := m.env.text, m.env.styles
	r := m.res
	contents := "  " + st.Label.Render(kit.PadRight(t.T("export.contents"), 12)) +
		st.Text.Render(t.dossierCounts(r.Records, r.Appointments, r.Documents))
	lines := writtenLines(m.env, t.Tf("export.done", r.Client.Name()), r.Path, m.warn, m.width, contents)
	name := filepath.Base(r.Path)
	switch r.Sealing {
	case dossierfile.SealedPassphrase:
		lines = append(lines, passphraseLines(m.env, r.Passphrase, m.width)...)
		lines = append(lines, "")
		lines = append(lines, kit.Paragraph(st.Muted, t.Tf("export.open_passphrase", name), m.width)...)
	case dossierfile.SealedPublicKey:
		lines = append(lines, kit.Paragraph(st.Text, t.T("export.sealed_key"), m.width)...)
		lines = append(lines, "")
		lines = append(lines, kit.Paragraph(st.Muted, t.Tf("export.open_key", name), m.width)...)
	case dossierfile.SealedNone:
		lines = append(lines, kit.Paragraph(st.Danger, t.T("export.sealed_none"), m.width)...)
		lines = append(lines, "")
		lines = append(lines, kit.Paragraph(st.Muted, t.T("export.open_plain"), m.width)...)
	}
	return strings.Join(kit.ScrollWindow(lines, 0, m.height), "\n")
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
