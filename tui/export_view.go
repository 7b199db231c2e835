package tui

import (
	"path/filepath"
	"strings"

	dossierfile "github.com/caseload/caseload/store/dossier"
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
