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
	"github.com/caseload/caseload/tui/kit"
)

// The two document screens: adding a file (sealed into the vault at once)
// and saving an unencrypted copy out of it. Both are a path field; the
// file work is at the end of this file.

// documentAdd asks for the path of a file and its kind, then seals it.
type documentAdd struct {
	formCore
	clientID int64
	polReq   reqID // the retention categories' load, for the "Keep" field
}

func newDocumentAdd(e *env, clientID int64) documentAdd {
	t, st := e.text, e.styles
	path := kit.TextField(st, "path", t.T("document.path"))
	path.Input.Placeholder = t.T("document.path_placeholder")
	path.Input.Width = 60
	var kinds []kit.Option
	for _, k := range []store.RecordKind{store.KindCV, store.KindLetter, store.KindOther} {
		kinds = append(kinds, kit.Option{Value: string(k), Label: kindText(t, k)})
	}
	m := documentAdd{clientID: clientID, polReq: newReq(), formCore: newFormCore(e, true, path,
		kit.ChoiceField("kind", t.T("document.kind"), kinds),
		kit.ChoiceField("special", t.T("document.special"), []kit.Option{{Value: "no", Label: t.T("record.special_no")},
			{Value: "yes", Label: t.T("document.special_yes")}}))}
	m.Keys.Save.SetHelp("ctrl+s", t.T("key.seal"))
	m.LeaveFreely = true
	return m
}

// Init loads the retention categories a document can be kept under.
func (m documentAdd) Init() tea.Cmd { return loadPolicies(m.env.store, m.polReq) }

// Route names the client.
func (m documentAdd) Route() Route { return Route{Kind: KindDocumentAdd, Client: m.clientID} }

// Title is "Add a document".
func (m documentAdd) Title() string { return m.env.text.T("document.add_title") }

// RestoreDraft fills the fields again.
func (m documentAdd) RestoreDraft(text string) documentAdd {
	m.Form.RestoreDraft(text)
	return m
}

// Update handles the keys and the answer of the sealing.
func (m documentAdd) Update(msg tea.Msg) (documentAdd, tea.Cmd) {
	t := m.env.text
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.Width, m.Height = msg.Width, msg.Height
		m.Fields[0].Input.Width = max(min(60, m.Width-kit.LabelWidth-6), 10)
	case policiesLoadedMsg:
		// The "Keep" field, when the practice has categories of its own
		// a document can be kept under (an ID copy, a mail).
		if msg.req != m.polReq || msg.err != nil || m.Index("retention") >= 0 {
			return m, nil
		}
		if opts := retentionOptions(t, msg.policies, store.KeptDocument); len(opts) > 1 {
			m.Fields = append(m.Fields, kit.ChoiceField("retention", t.T("retention.field"), opts))
		}
	case documentAddedMsg:
		if msg.req != m.req {
			return m, nil
		}
		if fe := (*fileError)(nil); errors.As(msg.err, &fe) {
			return m, m.fail("path", fileProblemText(t, fe, m.env.home))
		}
		note := t.Tf("document.added", kit.OneLine(msg.doc.Name), t.Size(msg.doc.Size), tildePath(msg.path, m.env.home))
		return m, m.onSavedBack(msg.err, back(doneMsg{tab: tabDocuments, item: msg.doc.ID, note: note}))
	case tea.KeyMsg:
		cmd, save := m.onKey(msg)
		if save {
			return m.submit()
		}
		return m, cmd
	}
	return m, nil
}

// submit starts reading and sealing the file.
func (m documentAdd) submit() (documentAdd, tea.Cmd) {
	m.Problem = ""
	path := expandPath(m.Get("path"), m.env.home)
	if path == "" {
		return m, m.fail("path", m.env.text.T("document.path_needed"))
	}
	return m, addDocument(m.env.store, m.startSave(), m.clientID, path, store.RecordKind(m.Get("kind")),
		m.Get("special") == "yes", store.Category(m.Get("retention")))
}

// View draws the form with what happens to the file.
func (m documentAdd) View() string {
	t, st := m.env.text, m.env.styles
	lines := kit.Paragraph(st.Muted, t.T("document.add_hint"), m.Width)
	if store.Category(m.Get("retention")) == store.CategoryIDCopy {
		// Inburgering keeps an ID copy only with the photo and the
		// numbers blacked out; the vault cannot check a scan, so the form
		// says so while the coach can still pick another file.
		lines = append(append(lines, ""), kit.Paragraph(st.Accent, t.T("document.id_copy_hint"), m.Width)...)
	}
	return m.view(lines)
}

// documentSave asks where an unencrypted copy of a document should go,
// warns that it is not encrypted, and writes it after a yes.
type documentSave struct {
	formCore
	clientID int64
	id       int64
	doc      store.Attachment
}

func newDocumentSave(e *env, clientID, id int64) documentSave {
	t, st := e.text, e.styles
	path := kit.TextField(st, "path", t.T("document.destination"))
	path.Input.Width = 70
	m := documentSave{clientID: clientID, id: id, formCore: newFormCore(e, false, path)}
	m.Keys.Save.SetHelp("ctrl+s", t.T("key.save_copy"))
	m.Keys.Next.SetEnabled(false) // one field: nowhere to go
	m.Keys.Prev.SetEnabled(false)
	m.LeaveFreely = true
	return m
}

// Init finds the document and a free place for its copy.
func (m documentSave) Init() tea.Cmd {
	return prepareDocumentSave(m.env.store, m.req, m.clientID, m.id, m.env.home)
}

// Route names the document.
func (m documentSave) Route() Route {
	return Route{Kind: KindDocumentSave, Client: m.clientID, Item: m.id}
}

// Title is "Save a copy".
func (m documentSave) Title() string { return m.env.text.T("document.save_title") }

// RestoreDraft puts a typed path back, over the suggested one.
func (m documentSave) RestoreDraft(text string) documentSave {
	m.Form.RestoreDraft(text)
	return m
}

// Update handles the suggestion, the keys and the answer of the writing.
func (m documentSave) Update(msg tea.Msg) (documentSave, tea.Cmd) {
	t := m.env.text
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.Width, m.Height = msg.Width, msg.Height
		m.Fields[0].Input.Width = max(min(70, m.Width-kit.LabelWidth-6), 10)
	case documentReadyMsg:
		if msg.req != m.req {
			return m, nil
		}
		if msg.err != nil {
			m.Problem = explain(m.env, msg.err)
			return m, nil
		}
		m.doc = msg.doc
		m.Set("path", tildePath(msg.path, m.env.home))
		m.MarkLoaded()
		return m, m.FocusOn(0)
	case documentSavedMsg:
		if msg.req != m.req {
			return m, nil
		}
		if fe := (*fileError)(nil); errors.As(msg.err, &fe) {
			return m, m.fail("path", fileProblemText(t, fe, m.env.home))
		}
		if msg.err != nil {
			// A copy outside the vault is not "kept in memory": any
			// failure is a failure.
			m.Refused(explain(m.env, msg.err))
			return m, nil
		}
		return m, m.onSavedBack(nil, back(doneMsg{tab: tabDocuments, item: m.id,
			note: t.Tf("document.saved", tildePath(msg.path, m.env.home))}))
	case tea.KeyMsg:
		cmd, save := m.onKey(msg)
		if save {
			return m.submit()
		}
		return m, cmd
	}
	return m, nil
}

// submit asks once more, naming the path, and then writes the copy.
func (m documentSave) submit() (documentSave, tea.Cmd) {
	m.Problem = ""
	path := expandPath(m.Get("path"), m.env.home)
	if path == "" {
		return m, m.fail("path", m.env.text.T("document.path_needed"))
	}
	m.req = newReq()
	return m, confirm(m.env.text.Tf("document.save_confirm", tildePath(path, m.env.home)),
		exportDocument(m.env.store, m.req, m.id, path))
}

// View draws the document, the path and the warning.
func (m documentSave) View() string {
	t, st := m.env.text, m.env.styles
	var extra []string
	if m.Loaded {
		extra = append(extra, kit.LabelLine(st, t.T("document.col_name"),
			st.Text.Render(kit.OneLine(m.doc.Name))+st.Muted.Render(" ("+t.Size(m.doc.Size)+")")), "")
		extra = append(extra, kit.Paragraph(st.Warning, "⚠ "+t.T("document.unencrypted"), m.Width)...)
		extra = append(extra, kit.Paragraph(st.Muted, t.T("document.no_overwrite"), m.Width)...)
	}
	return m.view(extra)
}

// tildePath shows a path under the home folder as "~/…", as typed.
func tildePath(path, home string) string {
	if home != "" && (path == home || strings.HasPrefix(path, home+"/") || strings.HasPrefix(path, home+`\`)) {
		return "~" + path[len(home):]
	}
	return path
}

// fileProblemText is the sentence for a failure with a file outside the
// vault.
func fileProblemText(t Text, fe *fileError, home string) string {
	p := tildePath(fe.path, home)
	switch fe.problem {
	case fileMissing:
		return t.Tf("file.missing", p)
	case fileIsDir:
		return t.Tf("file.is_dir", p)
	case fileTooBig:
		return t.Tf("file.too_big", p, maxDocument>>20)
	case fileExists:
		return t.Tf("file.exists", p)
	case fileNoFolder:
		return t.Tf("file.no_folder", p)
	case fileUnwritable:
		return t.Tf("file.unwritable", p)
	}
	return t.Tf("file.unreadable", p)
}

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
