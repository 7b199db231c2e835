package tui

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/plainfile"
	"github.com/caseload/caseload/store"
)

// The only commands that touch files outside the vault: reading a document
// to seal it, and writing the one unencrypted copy the coach asks for.

// maxDocument is the largest document caseload seals. A scan of a few
// pages is a few MiB; anything near this size is more likely a video or a
// whole folder's archive picked by mistake, and every document is held in
// memory while it is sealed.
const maxDocument = 50 << 20

// fileProblem is what went wrong with a file outside the vault.
type fileProblem int

const (
	fileMissing    fileProblem = iota // no such file
	fileIsDir                         // a folder, not a file
	fileTooBig                        // over maxDocument
	fileExists                        // a copy would overwrite it
	fileNoFolder                      // the folder to write into is missing
	fileUnreadable                    // anything else while reading
	fileUnwritable                    // anything else while writing
)

// fileError is a failure with a file outside the vault, with the path the
// coach typed.
type fileError struct {
	problem fileProblem
	path    string
	err     error
}

func (e *fileError) Error() string {
	if e.err != nil {
		return fmt.Sprintf("file %s: %v", e.path, e.err)
	}
	return "file " + e.path
}

func (e *fileError) Unwrap() error { return e.err }

// expandPath reads a path as a coach types or drops it into the terminal:
// surrounding quotes and escaped spaces (what a file manager's drag and
// drop produces) are removed, and a leading "~" is the home folder.
func expandPath(p, home string) string {
	p = strings.TrimSpace(p)
	if n := len(p); n >= 2 && (p[0] == '\'' && p[n-1] == '\'' || p[0] == '"' && p[n-1] == '"') {
		p = p[1 : n-1]
	} else if runtime.GOOS != "windows" {
		p = strings.ReplaceAll(p, `\ `, " ")
	}
	switch {
	case home == "":
	case p == "~":
		p = home
	case strings.HasPrefix(p, "~/") || strings.HasPrefix(p, `~\`):
		p = filepath.Join(home, p[2:])
	}
	if p == "" {
		return ""
	}
	return filepath.Clean(p)
}

// documentAddedMsg answers addDocument.
type documentAddedMsg struct {
	req  reqID
	doc  store.Attachment
	path string // the original, which is left where it is
	err  error
}

func (m documentAddedMsg) saveErr() error { return m.err }
func (m documentAddedMsg) request() reqID { return m.req }

// addDocument reads the file at path and seals it into the vault as a
// document of the client, named after the file.
func addDocument(s Store, req reqID, clientID int64, path string, kind store.RecordKind, special bool,
	retention store.Category) tea.Cmd {
	return saving(func() tea.Msg {
		data, err := readDocument(path)
		if err != nil {
			return documentAddedMsg{req: req, path: path, err: err}
		}
		a := store.Attachment{ClientID: clientID, Name: filepath.Base(path), Kind: kind, Special: special,
			Retention: retention}
		a, err = s.AddAttachment(ctx(), a, data)
		clear(data) // the plaintext leaves memory as soon as it is sealed
		return documentAddedMsg{req: req, doc: a, path: path, err: err}
	})
}

// documentRevealedMsg answers revealDocument.
type documentRevealedMsg struct {
	req reqID
	doc store.Attachment
	err error
}

func (m documentRevealedMsg) request() reqID { return m.req }

// revealDocument reads a special-category document's name; the store logs
// the reveal.
func revealDocument(s Store, req reqID, id int64) tea.Cmd {
	return func() tea.Msg {
		a, err := s.RevealAttachment(ctx(), id)
		return documentRevealedMsg{req: req, doc: a, err: err}
	}
}

// readDocument reads a whole file of at most maxDocument bytes.
func readDocument(path string) ([]byte, error) {
	f, err := os.Open(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &fileError{problem: fileMissing, path: path, err: err}
	case err != nil:
		return nil, &fileError{problem: fileUnreadable, path: path, err: err}
	}
	defer f.Close()
	info, err := f.Stat()
	switch {
	case err != nil:
		return nil, &fileError{problem: fileUnreadable, path: path, err: err}
	case info.IsDir():
		return nil, &fileError{problem: fileIsDir, path: path}
	case info.Size() > maxDocument:
		return nil, &fileError{problem: fileTooBig, path: path}
	}
	// The size may change while reading: read one byte past the limit to
	// know.
	data, err := io.ReadAll(io.LimitReader(f, maxDocument+1))
	switch {
	case err != nil:
		return nil, &fileError{problem: fileUnreadable, path: path, err: err}
	case len(data) > maxDocument:
		return nil, &fileError{problem: fileTooBig, path: path}
	}
	return data, nil
}

// documentReadyMsg answers prepareDocumentSave.
type documentReadyMsg struct {
	req  reqID
	doc  store.Attachment
	path string // a suggested destination that does not exist yet
	err  error
}

func (m documentReadyMsg) request() reqID { return m.req }

// prepareDocumentSave finds the document and suggests where its copy could
// go: the Downloads folder when there is one, else the home folder, under
// the document's own name, numbered when that name is taken.
func prepareDocumentSave(s Store, req reqID, clientID, id int64, home string) tea.Cmd {
	return func() tea.Msg {
		docs, err := s.Attachments(ctx(), clientID)
		if err != nil {
			return documentReadyMsg{req: req, err: err}
		}
		for _, d := range docs {
			if d.ID == id {
				return documentReadyMsg{req: req, doc: d, path: freePath(suggestFolder(home), copyName(d))}
			}
		}
		return documentReadyMsg{req: req, err: store.ErrNotFound}
	}
}

// copyName is the suggested name of a document's copy: client and
// document number and the document's extension ("client-17-document-31.pdf").
// A document's own name often holds the client's name ("cv-anna-de-vries.pdf"),
// and a file name is plaintext in every folder listing, sync log and mail
// it passes; the coach may still type another name.
func copyName(d store.Attachment) string {
	ext := strings.ToLower(filepath.Ext(d.Name))
	for _, r := range strings.TrimPrefix(ext, ".") {
		if len(ext) > 11 || !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			ext = ""
			break
		}
	}
	return fmt.Sprintf("client-%d-document-%d%s", d.ClientID, d.ID, ext)
}

// suggestFolder is where a saved copy goes unless the coach says otherwise.
func suggestFolder(home string) string {
	if home == "" {
		return "."
	}
	if info, err := os.Stat(filepath.Join(home, "Downloads")); err == nil && info.IsDir() {
		return filepath.Join(home, "Downloads")
	}
	return home
}

// freePath is dir/name, or "name (2).ext" and so on when that exists.
func freePath(dir, name string) string {
	name = filepath.Base(name) // a name from the vault never leaves dir
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	p := filepath.Join(dir, name)
	for i := 2; i < 100; i++ {
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
			return p
		}
		p = filepath.Join(dir, fmt.Sprintf("%s (%d)%s", stem, i, ext))
	}
	return p
}

// documentSavedMsg answers exportDocument.
type documentSavedMsg struct {
	req  reqID
	path string
	err  error
}

func (m documentSavedMsg) request() reqID { return m.req }

// exportDocument writes an unencrypted copy of a document to path, which
// must not exist: plainfile.Create never overwrites anything, not even a
// file that appeared a moment ago, writes it readable by the coach only,
// and leaves nothing behind when it could not write it whole. The store
// logs the export.
func exportDocument(s Store, req reqID, id int64, path string) tea.Cmd {
	return func() tea.Msg {
		r, err := plainfile.Reserve(path)
		if err == nil {
			var data []byte
			if _, data, err = s.AttachmentData(ctx(), id); err != nil {
				r.Cancel()
				return documentSavedMsg{req: req, path: path, err: err}
			}
			err = r.Write(data)
			clear(data)
		}
		switch {
		case errors.Is(err, fs.ErrExist):
			err = &fileError{problem: fileExists, path: path}
		case errors.Is(err, fs.ErrNotExist):
			err = &fileError{problem: fileNoFolder, path: path}
		case err != nil:
			err = &fileError{problem: fileUnwritable, path: path, err: err}
		}
		return documentSavedMsg{req: req, path: path, err: err}
	}
}
