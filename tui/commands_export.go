package tui

import (
	"context"
	"errors"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	dossierfile "github.com/caseload/caseload/store/dossier"
)

// The commands of the dossier export. As in commands.go, every call
// happens inside a tea.Cmd and its answer carries the request id of the
// screen state that asked.

// exportStore is what the export screen needs beyond the dossier: cmd's
// session implements it over store/dossier and crypt, so this package
// never sees age.
type exportStore interface {
	// ExportDossier writes a client's dossier as r asks and logs it; the
	// passphrase in the result is to be shown once.
	ExportDossier(ctx context.Context, clientID int64, r dossierfile.Request) (dossierfile.Result, error)
	// CheckPublicKey tells whether key is an age public key; it wraps
	// dossierfile.ErrBadPublicKey.
	CheckPublicKey(key string) error
}

// exportClientMsg answers loadExportClient.
type exportClientMsg struct {
	req reqID
	row store.ClientRow
	// records are the client's records, newest first, which the coach
	// may leave out of the copy.
	records []store.Record
	err     error
}

func (m exportClientMsg) request() reqID { return m.req }

// loadExportClient reads the caseload row of the client to export: the
// name for the title and whether processing is restricted. It reads the
// row rather than the client, so opening the form logs no view; the
// export itself is logged.
func loadExportClient(s Store, req reqID, id int64) tea.Cmd {
	return func() tea.Msg {
		rows, err := s.ListClients(ctx())
		if err != nil {
			return exportClientMsg{req: req, err: err}
		}
		for _, r := range rows {
			if r.ID == id {
				recs, err := s.Records(ctx(), id)
				return exportClientMsg{req: req, row: r, records: recs, err: err}
			}
		}
		return exportClientMsg{req: req, err: store.ErrNotFound}
	}
}

// keyCheckedMsg answers checkPublicKey.
type keyCheckedMsg struct {
	req reqID
	key string
	err error
}

func (m keyCheckedMsg) request() reqID { return m.req }

// checkPublicKey checks a pasted public key as the coach types it.
func checkPublicKey(s Store, req reqID, key string) tea.Cmd {
	return func() tea.Msg { return keyCheckedMsg{req: req, key: key, err: s.CheckPublicKey(key)} }
}

// exportedMsg answers exportDossier. A result with a Path is a file on
// disk, even when err says the log line is not saved yet.
type exportedMsg struct {
	req reqID
	res dossierfile.Result
	err error
}

func (m exportedMsg) request() reqID { return m.req }

// saveErr is the export's error: the status line says "not saved" only
// for a file written whose log line is not on disk yet; a refusal wrote
// nothing, and the screen says why.
func (m exportedMsg) saveErr() error { return m.err }

// exportDossier writes the dossier; the key derivation of a passphrase
// takes a few seconds, hence the spinner on the screen.
func exportDossier(s Store, req reqID, clientID int64, r dossierfile.Request) tea.Cmd {
	return saving(func() tea.Msg {
		res, err := s.ExportDossier(ctx(), clientID, r)
		return exportedMsg{req: req, res: res, err: err}
	})
}

// exportProblem is the sentence for a refused or failed export.
func exportProblem(e *env, err error, recipient string) string {
	t := e.text
	if s, ok := refused(t, err, doingExport); ok {
		return s
	}
	switch {
	case errors.Is(err, dossierfile.ErrBadPublicKey):
		return t.T("export.err_bad_key")
	case errors.Is(err, dossierfile.ErrExists):
		return t.T("export.err_exists")
	case errors.Is(err, dossierfile.ErrBoth):
		return t.T("export.err_both")
	case errors.Is(err, store.ErrNoConsent):
		return t.Tf("export.err_no_consent", recipient) + consentsOnFile(t, err)
	case errors.Is(err, store.ErrNotFound):
		return t.T("export.err_not_found")
	case errors.Is(err, dossierfile.ErrOmission):
		return t.T("export.err_omission")
	case e.problem(err) == ProblemDiskFull:
		return t.T("export.err_disk_full")
	}
	return t.Tf("export.err_other", explain(e, err))
}
