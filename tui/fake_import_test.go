package tui

import (
	"context"
	"fmt"
	"io/fs"

	"github.com/caseload/caseload/store"
	dossierfile "github.com/caseload/caseload/store/dossier"
)

// The fake store's import: files by path, sealed or not, that bring in
// clients or fail as the session would.

// importData is what the fake's ImportFile reads and was asked.
type importData struct {
	files map[string]fakeImportFile
	calls []importCall
}

// fakeImportFile is a file the fake can import.
type fakeImportFile struct {
	sealing string // "", "passphrase" or "key"
	secret  string // the passphrase or key file's path that opens it
	sum     dossierfile.ImportSummary
	err     error // the import fails with it, once opened
}

// importCall is one call of ImportFile.
type importCall struct{ path, secret, lang string }

// withImport adds a file the fake can import.
func (s *fakeStore) withImport(path string, f fakeImportFile) *fakeStore {
	if s.imp == nil {
		s.imp = &importData{files: map[string]fakeImportFile{}}
	}
	s.imp.files[path] = f
	return s
}

func (s *fakeStore) ImportFile(_ context.Context, path, secret, lang string) (dossierfile.ImportSummary, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("ImportFile")
	if s.imp == nil {
		s.imp = &importData{files: map[string]fakeImportFile{}}
	}
	s.imp.calls = append(s.imp.calls, importCall{path, secret, lang})
	f, ok := s.imp.files[path]
	switch {
	case !ok:
		return dossierfile.ImportSummary{}, fmt.Errorf("reading %s: %w", path, fs.ErrNotExist)
	case f.sealing == "key" && secret == "":
		return dossierfile.ImportSummary{}, fmt.Errorf("%w: %w", dossierfile.ErrNeedsSecret, dossierfile.ErrNeedsKey)
	case f.sealing != "" && secret == "":
		return dossierfile.ImportSummary{}, dossierfile.ErrNeedsSecret
	case f.sealing != "" && secret != f.secret:
		return dossierfile.ImportSummary{}, dossierfile.ErrWrongSecret
	case f.err != nil:
		return dossierfile.ImportSummary{}, f.err
	}
	sum := f.sum
	sum.Clients = nil
	for _, c := range f.sum.Clients {
		s.nextID++
		c.ID = s.nextID
		s.clients[c.ID] = c
		sum.Clients = append(sum.Clients, c)
	}
	return sum, s.sealErr
}

// importedClient is a client as an import brings them in.
func importedClient(first, last string, status store.Status) store.Client {
	return store.Client{FirstName: first, LastName: last, Status: status}
}
