package tui

import (
	"os"
	"path/filepath"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/plainfile"
	"github.com/caseload/caseload/register"
	dossierfile "github.com/caseload/caseload/store/dossier"
)

// registerWrittenMsg answers writeRegister with the Markdown file's path.
type registerWrittenMsg struct {
	path string
	err  error
}

// writeRegister writes the record of processing activities (AVG art. 30)
// as Markdown and as HTML into the export folder. The register holds the
// practice's own details, its policies and the kinds of data it keeps,
// never a client's data, so unlike a dossier it is written in the clear:
// it is meant to be printed, or shown to the Autoriteit Persoonsgegevens.
func writeRegister(s Store, t Text, day string) tea.Cmd {
	return func() tea.Msg {
		facts, err := s.Register(ctx())
		if err != nil {
			return registerWrittenMsg{err: err}
		}
		doc := register.New(facts, t.Lang())
		md, err := doc.Markdown()
		if err != nil {
			return registerWrittenMsg{err: err}
		}
		html, err := doc.HTML()
		if err != nil {
			return registerWrittenMsg{err: err}
		}
		dir := dossierfile.DefaultDir(os.Getenv)
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return registerWrittenMsg{err: err}
		}
		base := filepath.Join(dir, t.T("register.file")+"-"+day)
		for _, f := range []struct {
			name string
			data []byte
		}{{base + ".md", md}, {base + ".html", html}} {
			if err := plainfile.Write(f.name, f.data); err != nil {
				return registerWrittenMsg{err: err}
			}
		}
		return registerWrittenMsg{path: base + ".md"}
	}
}
