package tui

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	dossierfile "github.com/caseload/caseload/store/dossier"
	"github.com/caseload/caseload/tui/kit"
)

// KindImport is the import of a dossier or a client list (i on the
// caseload).
const KindImport ScreenKind = "import"

// What the secret field asks for.
const (
	secretNone = iota
	secretPassphrase
	secretKey
)

// importForm asks for the path of a file to import, and, for a sealed
// dossier, its passphrase (masked) or the path of the key file. Once the
// import is done it says what came in; closing it goes back to the
// caseload, which loads again. The passphrase lives only in this value:
// it is never in a draft.
type importForm struct {
	env       *env
	keys      importKeys
	req       reqID
	set       kit.FieldSet
	secret    int // secretNone, secretPassphrase or secretKey
	problem   string
	importing bool

	done   bool
	sum    dossierfile.ImportSummary
	width  int
	height int
}

func newImportForm(e *env) importForm {
	t, st := e.text, e.styles
	path := kit.TextField(st, "path", t.T("import.path"))
	path.Input.Placeholder = t.T("import.path_placeholder")
	path.Input.Width = 60
	secret := kit.TextField(st, "secret", t.T("import.passphrase"))
	secret.Input.Width = 60
	secret.Hidden = true
	m := importForm{env: e, keys: newImportKeys(t), req: newReq()}
	m.set.Fields = []kit.Field{path, secret}
	m.set.FocusOn(0)
	m.sync()
	return m
}

// Init does nothing: there is nothing to load.
func (m importForm) Init() tea.Cmd { return nil }

// Route names the import. After a lock it comes back empty.
func (m importForm) Route() Route { return Route{Kind: KindImport} }

// Title is "Import".
func (m importForm) Title() string { return m.env.text.T("import.title") }

// Capturing is true on the form, which always has a focused field; the
// result takes the global keys.
func (m importForm) Capturing() bool { return !m.done }

// KeyMap lists the keys that work now.
func (m importForm) KeyMap() help.KeyMap { return m.keys }

// Draft keeps nothing: a path is quickly typed again, and a passphrase
// must never be stored.
func (m importForm) Draft() (string, bool) { return "", false }

// RestoreDraft has nothing to restore.
func (m importForm) RestoreDraft(string) importForm { return m }

// Update handles the answer of the import and the keys.
func (m importForm) Update(msg tea.Msg) (importForm, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		for i := range m.set.Fields {
			m.set.Fields[i].Input.Width = max(min(60, m.width-kit.LabelWidth-6), 10)
		}
	case importedMsg:
		return m.onImported(msg)
	case tea.KeyMsg:
		return m.onKey(msg)
	}
	return m, nil
}

// onImported shows the result, asks for what opens a sealed dossier, or
// says why nothing was imported.
func (m importForm) onImported(msg importedMsg) (importForm, tea.Cmd) {
	if msg.req != m.req {
		return m, nil
	}
	m.importing = false
	switch {
	case len(msg.sum.Clients) > 0:
		m.done, m.sum = true, msg.sum
		m.set.Set("secret", "")
		if msg.err != nil {
			m.problem = explain(m.env, msg.err)
		}
		m.sync()
		return m, nil
	case errors.Is(msg.err, dossierfile.ErrNeedsKey):
		return m.askSecret(secretKey)
	case errors.Is(msg.err, dossierfile.ErrNeedsSecret):
		return m.askSecret(secretPassphrase)
	case errors.Is(msg.err, dossierfile.ErrWrongSecret):
		cmd, _ := m.set.Fail("secret", importProblem(m.env, msg.err, m.secret == secretKey))
		m.sync()
		return m, cmd
	}
	m.problem = importProblem(m.env, msg.err, m.secret == secretKey)
	m.sync()
	return m, nil
}

// askSecret shows the secret field as a masked passphrase or a key
// file's path, and moves the focus there.
func (m importForm) askSecret(kind int) (importForm, tea.Cmd) {
	t := m.env.text
	f := &m.set.Fields[m.set.Index("secret")]
	if m.secret != kind {
		f.Input.SetValue("")
	}
	m.secret = kind
	f.Hidden = false
	f.Err = ""
	if kind == secretKey {
		f.Label = t.T("import.keyfile")
		f.Input.EchoMode = textinput.EchoNormal
		f.Input.Placeholder = "~/.config/age/key.txt"
	} else {
		f.Label = t.T("import.passphrase")
		f.Input.EchoMode = textinput.EchoPassword
		f.Input.EchoCharacter = '•'
		f.Input.Placeholder = ""
	}
	cmd := m.set.FocusOn(m.set.Index("secret"))
	m.sync()
	return m, cmd
}

func (m importForm) onKey(msg tea.KeyMsg) (importForm, tea.Cmd) {
	k := m.keys
	switch {
	case m.importing:
		return m, nil
	case m.done:
		if key.Matches(msg, k.Close) {
			return m, back(m.closing())
		}
		return m, nil
	case key.Matches(msg, k.Import):
		return m.submit()
	case key.Matches(msg, k.Cancel):
		return m, back(nil)
	}
	before := m.set.Get("path")
	cmd, changed := m.set.HandleKey(msg, k.form())
	if changed {
		m.problem = ""
	}
	if m.set.Get("path") != before && m.secret != secretNone {
		// Another file: what opened the last one says nothing of it.
		m.secret = secretNone
		m.set.Set("secret", "")
		m.set.Fields[m.set.Index("secret")].Hidden = true
	}
	m.sync()
	return m, cmd
}

// closing is what the caseload gets back: the imported client to select.
func (m importForm) closing() tea.Msg {
	if len(m.sum.Clients) == 0 {
		return nil
	}
	return clientSavedMsg{client: m.sum.Clients[0]}
}

// submit checks the fields and starts the import.
func (m importForm) submit() (importForm, tea.Cmd) {
	t := m.env.text
	m.problem = ""
	path := expandPath(m.set.Get("path"), m.env.home)
	if path == "" {
		return m.fail("path", t.T("import.need_path"))
	}
	secret := m.set.Get("secret")
	switch m.secret {
	case secretPassphrase:
		if strings.TrimSpace(secret) == "" {
			return m.fail("secret", t.T("import.need_passphrase"))
		}
	case secretKey:
		secret = expandPath(secret, m.env.home)
		if secret == "" {
			return m.fail("secret", t.T("import.need_key"))
		}
	default:
		secret = ""
	}
	m.importing, m.req = true, newReq()
	m.sync()
	return m, importFile(m.env.store, m.req, path, secret, string(t.Lang()))
}

// fail puts msg under field id and moves the focus there.
func (m importForm) fail(id, msg string) (importForm, tea.Cmd) {
	cmd, _ := m.set.Fail(id, msg)
	m.sync()
	return m, cmd
}

// sync switches the keys to the form or the result.
func (m *importForm) sync() {
	form := !m.done && !m.importing
	k := &m.keys
	k.Next.SetEnabled(form && m.secret != secretNone)
	k.Prev.SetEnabled(form && m.secret != secretNone)
	k.Import.SetEnabled(form)
	k.Cancel.SetEnabled(form)
	k.Close.SetEnabled(m.done)
}

// View draws the form or the result.
func (m importForm) View() string {
	t, st := m.env.text, m.env.styles
	if m.done {
		return m.viewResult()
	}
	lines := []string{""}
	focusLine := 0
	for i, f := range m.set.Fields {
		if f.Hidden {
			continue
		}
		if i == m.set.Focus {
			focusLine = len(lines)
		}
		lines = append(lines, kit.ViewField(st, f, i == m.set.Focus, "")...)
		if f.ID == "path" {
			lines = append(lines, kit.Paragraph(st.Muted, t.T("import.hint"), m.width)...)
			lines = append(lines, "")
		}
	}
	switch m.secret {
	case secretPassphrase:
		lines = append(lines, kit.Paragraph(st.Muted, t.T("import.needs_passphrase"), m.width)...)
	case secretKey:
		lines = append(lines, kit.Paragraph(st.Muted, t.T("import.needs_key"), m.width)...)
	default:
		lines = append(lines, kit.Paragraph(st.Muted, t.T("import.hint_all"), m.width)...)
	}
	if m.problem != "" {
		lines = append(lines, "")
		lines = append(lines, kit.Paragraph(st.Danger, m.problem, m.width)...)
	}
	if m.importing {
		lines = append(lines, "", "  "+st.Muted.Render(t.T("import.busy")))
	}
	return strings.Join(kit.ScrollWindow(lines, focusLine, m.height), "\n")
}

// viewResult says what came in.
func (m importForm) viewResult() string {
	t, st := m.env.text, m.env.styles
	lines := []string{""}
	lines = append(lines, kit.Paragraph(st.Success, importDone(t, m.sum), m.width)...)
	if len(m.sum.Ignored) > 0 {
		lines = append(lines, "")
		lines = append(lines, kit.Paragraph(st.Warning, t.Tf("import.ignored", strings.Join(m.sum.Ignored, ", ")), m.width)...)
	}
	if len(m.sum.NotRecorded) > 0 {
		lines = append(lines, "")
		lines = append(lines, kit.Paragraph(st.Warning, t.Tf("import.not_recorded", strings.Join(m.sum.NotRecorded, ", ")), m.width)...)
	}
	if len(m.sum.UnknownOutcome) > 0 {
		nums := make([]string, len(m.sum.UnknownOutcome))
		for i, l := range m.sum.UnknownOutcome {
			nums[i] = strconv.Itoa(l)
		}
		lines = append(lines, "")
		lines = append(lines, kit.Paragraph(st.Warning, t.Tf("import.unknown_outcome", strings.Join(nums, ", ")), m.width)...)
	}
	if m.sum.NotCarried {
		lines = append(lines, "")
		lines = append(lines, kit.Paragraph(st.Muted, t.T("import.not_carried"), m.width)...)
	}
	if m.problem != "" {
		lines = append(lines, "")
		lines = append(lines, kit.Paragraph(st.Warning, m.problem, m.width)...)
	}
	return strings.Join(kit.ScrollWindow(lines, 0, m.height), "\n")
}

// importDone is the sentence of a finished import: the client of a
// dossier, or the count of a list by status.
func importDone(t Text, sum dossierfile.ImportSummary) string {
	if sum.Kind == dossierfile.ImportedDossier && len(sum.Clients) == 1 {
		c := sum.Clients[0]
		return t.Tf("import.done_dossier", c.ID, c.Name(),
			t.dossierCounts(sum.Records, sum.Appointments, sum.Documents))
	}
	counts := map[store.Status]int{}
	for _, c := range sum.Clients {
		counts[c.Status]++
	}
	var parts []string
	for _, s := range store.Statuses {
		if n := counts[s]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, statusText(t, s)))
		}
	}
	return t.N("import.done_list", len(sum.Clients), strings.Join(parts, ", "))
}

// importKey is i, "import", on the caseload; it works while the filter
// field does not have the focus.
func (m caseloadModel) importKey() key.Binding {
	b := bind([]string{"i"}, "i", m.env.text.T("key.import"))
	b.SetEnabled(!m.filtering)
	return b
}

// importKeys are the import screen's keys. On the form enter imports and
// tab moves; on the result enter closes.
type importKeys struct {
	Next   key.Binding
	Prev   key.Binding
	Import key.Binding
	Cancel key.Binding
	Close  key.Binding
}

func newImportKeys(t Text) importKeys {
	return importKeys{
		Next:   bind([]string{"tab", "down"}, "tab/↓", t.T("key.next_field")),
		Prev:   bind([]string{"shift+tab", "up"}, "⇧tab/↑", t.T("key.prev_field")),
		Import: bind([]string{"enter", "ctrl+s"}, "enter", t.T("key.import_start")),
		Cancel: bind([]string{"esc"}, "esc", t.T("key.cancel")),
		Close:  bind([]string{"enter"}, "enter", t.T("key.import_close")),
	}
}

// form is the keys as fieldSet.handleKey takes them.
func (k importKeys) form() kit.FormKeys {
	return kit.FormKeys{Next: k.Next, Prev: k.Prev, Cancel: k.Cancel}
}

// ShortHelp is the import screen's hint line.
func (k importKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Import, k.Close, k.Cancel, k.Next, k.Prev}
}

// FullHelp is the import screen's part of the help overlay.
func (k importKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

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
