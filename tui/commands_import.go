package tui

import (
	"context"
	"errors"
	"io/fs"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	dossierfile "github.com/caseload/caseload/store/dossier"
)

// The command of the import (i on the caseload). As in commands.go, the
// call happens inside a tea.Cmd and its answer carries the request id of
// the screen state that asked.

// importStore is what the import screen needs: cmd's session implements
// it over store/dossier and crypt, so this package never sees age.
type importStore interface {
	// ImportFile imports a dossier (.zip.age, .zip) or a client list
	// (.csv) in one transaction. secret opens a sealed dossier: its
	// passphrase, or the path of the key file. Without one a sealed
	// dossier wraps dossierfile.ErrNeedsSecret (and ErrNeedsKey for a
	// key); a secret that does not fit wraps ErrWrongSecret.
	ImportFile(ctx context.Context, path, secret, lang string) (dossierfile.ImportSummary, error)
}

// importedMsg answers importFile. A summary with clients is an import
// done, even when err says it is not saved yet.
type importedMsg struct {
	req reqID
	sum dossierfile.ImportSummary
	err error
}

func (m importedMsg) request() reqID { return m.req }

// saveErr is the import's error, for the status line's "saving…".
func (m importedMsg) saveErr() error { return m.err }

// importFile imports the file; opening a sealed dossier derives a key,
// which takes a few seconds.
func importFile(s Store, req reqID, path, secret, lang string) tea.Cmd {
	return saving(func() tea.Msg {
		sum, err := s.ImportFile(ctx(), path, secret, lang)
		return importedMsg{req: req, sum: sum, err: err}
	})
}

// importProblem is the sentence for a refused or failed import; key
// tells a key file from a passphrase.
func importProblem(e *env, err error, key bool) string {
	t := e.text
	var csvErr *dossierfile.CSVError
	var existing *store.ExistingClientError
	var format *dossierfile.FormatError
	switch {
	case errors.Is(err, dossierfile.ErrWrongSecret) && key:
		return t.T("import.err_wrong_key")
	case errors.Is(err, dossierfile.ErrWrongSecret):
		return t.T("import.err_wrong_passphrase")
	case errors.As(err, &csvErr):
		return t.Tf("import.err_csv", csvErr.Error())
	case errors.As(err, &existing):
		return t.Tf("import.err_existing", existing.Name, existing.ID)
	case errors.As(err, &format):
		return t.Tf("import.err_format", format.Text(string(t.Lang())))
	case errors.Is(err, fs.ErrNotExist):
		return t.T("import.err_not_found")
	case e.problem(err) == ProblemDiskFull:
		return t.T("import.err_disk_full")
	}
	return t.Tf("import.err_other", explain(e, err))
}
