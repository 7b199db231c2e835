package tui

import (
	"errors"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	dossierfile "github.com/caseload/caseload/store/dossier"
	"github.com/caseload/caseload/tui/kit"
)

// exportForm is the dossier export (x on the caseload or the client
// screen): who receives the dossier and how it is sealed, then, once the
// file is written, where it went and — for a passphrase — the passphrase,
// shown this once. The passphrase lives only in this screen's value: it
// is never in a draft, and leaving the screen forgets it.
type exportForm struct {
	env  *env
	keys exportKeys
	// bsnShown: the practice records the BSN, so the form asks whether
	// the copy may carry it (read under fieldsReq).
	bsnShown  bool
	fieldsReq reqID
	client    int64
	req       reqID // loading the client, then the export itself

	loaded  bool
	row     store.ClientRow
	set     kit.FieldSet
	problem string

	keyReq    reqID  // the latest check of the pasted key
	keyErr    error  // what the check said of keyChecked
	keyDone   string // the key the check answered for
	plainReq  reqID  // the confirmation of a plain export asked for
	exporting bool
	spin      spinner.Model

	done   bool
	res    dossierfile.Result
	warn   string // the file is written, but something is to be told
	width  int
	height int
}

// The values of the export form's choices.
const (
	toClient = "client"
	toOther  = "other"

	sealPassphrase = "passphrase"
	sealKey        = "key"
	sealPlain      = "plain"
)

func newExportForm(e *env, r Route) exportForm {
	t, st := e.text, e.styles
	bases := make([]kit.Option, 0, len(store.LegalBases))
	for _, b := range store.LegalBases {
		bases = append(bases, kit.Option{Value: string(b), Label: basisText(t, b)})
	}
	pub := kit.TextField(st, "key", t.T("export.key"))
	pub.Input.Placeholder = "age1…"
	pub.Input.Width = 60
	m := exportForm{env: e, keys: newExportKeys(t), client: r.Client, req: newReq(),
		spin: spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(st.Accent))}
	m.set.Fields = []kit.Field{
		kit.ChoiceField("to", t.T("export.to"), []kit.Option{
			{Value: toClient, Label: t.T("export.to_client")}, {Value: toOther, Label: t.T("export.to_other")}}),

		kit.TextField(st, "recipient", t.T("export.recipient")),
		kit.ChoiceField("basis", t.T("export.basis"), bases),
		kit.ChoiceField("sealing", t.T("export.sealing"), []kit.Option{
			{Value: sealPassphrase, Label: t.T("export.seal_passphrase")},
			{Value: sealKey, Label: t.T("export.seal_key")},
			{Value: sealPlain, Label: t.T("export.seal_plain")}}),

		pub,
		bsnField(t),
	}
	m.fieldsReq = newReq()
	m.sync()
	return m
}

// Init reads the client's row; the first field is a choice, which needs
// no cursor.
func (m exportForm) Init() tea.Cmd {
	return tea.Batch(loadExportClient(m.env.store, m.req, m.client), loadFieldSet(m.env.store, m.fieldsReq),
		m.set.FocusOn(m.set.Focus))
}

// Route names the export of the client. After a lock it comes back as a
// fresh form: nothing of an export, least of all its passphrase, is kept.
func (m exportForm) Route() Route { return Route{Kind: KindExport, Client: m.client} }

// Title is "Export dossier".
func (m exportForm) Title() string { return m.env.text.T("export.title") }

// Capturing is true on the form, which always has a focused field, and
// while the export runs; the result takes the global keys.
func (m exportForm) Capturing() bool { return !m.done }

// KeyMap lists the keys that work now.
func (m exportForm) KeyMap() help.KeyMap { return m.keys }

// Draft keeps nothing: the form is quickly filled again, and the result
// holds a passphrase that must never be stored.
func (m exportForm) Draft() (string, bool) { return "", false }

// RestoreDraft has nothing to restore.
func (m exportForm) RestoreDraft(string) exportForm { return m }

// plainConfirmedMsg is the coach's yes to an unencrypted export.
type plainConfirmedMsg struct{ req reqID }

func (m plainConfirmedMsg) request() reqID { return m.req }

// Update handles the answers of the store, the spinner and the keys.
func (m exportForm) Update(msg tea.Msg) (exportForm, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case fieldsLoadedMsg:
		if msg.req == m.fieldsReq {
			m.bsnShown = msg.set.Has(store.FieldBSN)
			m.sync()
		}
	case exportClientMsg:
		if msg.req != m.req {
			return m, nil
		}
		if msg.err != nil {
			m.problem = exportProblem(m.env, msg.err, "")
			return m, nil
		}
		m.loaded, m.row = true, msg.row
		m.addOmissions(msg.records)
	case keyCheckedMsg:
		if msg.req == m.keyReq {
			m.keyDone, m.keyErr = msg.key, msg.err
		}
	case plainConfirmedMsg:
		if msg.req != m.plainReq || m.exporting || m.done {
			return m, nil
		}
		m.plainReq = 0
		return m.start(true)
	case spinner.TickMsg:
		if !m.exporting {
			return m, nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	case exportedMsg:
		return m.onExported(msg)
	case tea.KeyMsg:
		return m.onKey(msg)
	}
	return m, nil
}

// onExported shows the result, or says why there is none.
func (m exportForm) onExported(msg exportedMsg) (exportForm, tea.Cmd) {
	if msg.req != m.req {
		return m, nil
	}
	m.exporting = false
	if msg.res.Path == "" {
		m.problem = exportProblem(m.env, msg.err, m.recipient())
		m.sync()
		return m, nil
	}
	m.done, m.res = true, msg.res
	if msg.err != nil {
		m.warn = explain(m.env, msg.err)
	}
	m.sync()
	return m, nil
}

func (m exportForm) onKey(msg tea.KeyMsg) (exportForm, tea.Cmd) {
	k := m.keys
	switch {
	case m.exporting:
		return m, nil
	case m.done:
		if key.Matches(msg, k.Close) {
			m.res = dossierfile.Result{} // forget the passphrase now, not at the next collection
			return m, back(nil)
		}
		return m, nil
	case key.Matches(msg, k.Export):
		return m.submit()
	case key.Matches(msg, k.Cancel):
		return m, back(nil)
	}
	before := m.set.Get("key")
	cmd, changed := m.set.HandleKey(msg, k.form())
	if changed {
		m.problem = ""
	}
	m.sync()
	if typed := strings.TrimSpace(m.set.Get("key")); m.set.Get("key") != before && typed != "" {
		m.keyReq = newReq()
		return m, tea.Batch(cmd, checkPublicKey(m.env.store, m.keyReq, typed))
	}
	return m, cmd
}

// recipient is the named recipient, "" for the client.
func (m exportForm) recipient() string {
	if m.set.Get("to") != toOther {
		return ""
	}
	return strings.TrimSpace(m.set.Get("recipient"))
}

// keyProblem is what the live check said of the key as it is now: ""
// while it is empty, unchecked or good.
func (m exportForm) keyProblem() string {
	typed := strings.TrimSpace(m.set.Get("key"))
	if typed == "" || typed != m.keyDone || m.keyErr == nil {
		return ""
	}
	return exportProblem(m.env, m.keyErr, "")
}

// submit checks what the form can check itself and exports; a plain
// export asks first.
func (m exportForm) submit() (exportForm, tea.Cmd) {
	t := m.env.text
	m.problem = ""
	if !m.loaded {
		return m, nil
	}
	if m.set.Get("to") == toOther {
		if m.recipient() == "" {
			return m.fail("recipient", t.T("export.need_recipient"))
		}
		if m.row.Restricted {
			m.problem = t.T("export.err_restricted")
			return m, nil
		}
	}
	switch m.set.Get("sealing") {
	case sealKey:
		if strings.TrimSpace(m.set.Get("key")) == "" {
			return m.fail("key", t.T("export.need_key"))
		}
		if p := m.keyProblem(); p != "" {
			return m.fail("key", p)
		}
	case sealPlain:
		m.plainReq = newReq()
		req := m.plainReq
		return m, confirm(t.T("export.plain_confirm"), func() tea.Msg { return plainConfirmedMsg{req: req} })
	}
	return m.start(false)
}

// start runs the export with a spinner: a passphrase's key derivation
// takes a few seconds.
func (m exportForm) start(plain bool) (exportForm, tea.Cmd) {
	r := dossierfile.Request{Lang: string(m.env.text.Lang()), Recipient: m.recipient(), Plain: plain}
	if r.Recipient != "" {
		r.Basis = store.LegalBasis(m.set.Get("basis"))
	}
	if !plain && m.set.Get("sealing") == sealKey {
		r.PublicKey = strings.TrimSpace(m.set.Get("key"))
	}
	r.Omit = m.omissions()
	r.WithBSN = m.bsnShown && m.set.Get("bsn") == bsnIn
	m.exporting, m.problem, m.req = true, "", newReq()
	m.sync()
	return m, tea.Batch(exportDossier(m.env.store, m.req, m.client, r), m.spin.Tick)
}

// omitPrefix starts the id of a record's "leave out" field.
const omitPrefix = "omit:"

// addOmissions adds a choice per record: include it (the default), or
// leave it out for others' rights or as an internal working note (AVG
// art. 15(4), studiebegeleiding §14.1a). The label is the record's date
// and title, on the coach's own screen.
func (m *exportForm) addOmissions(records []store.Record) {
	t := m.env.text
	opts := []kit.Option{{Value: "", Label: t.T("export.include")},
		{Value: string(dossierfile.OmitOthersRights), Label: t.T("export.omit_others")},
		{Value: string(dossierfile.OmitInternalNote), Label: t.T("export.omit_internal")}}
	for _, r := range records {
		label := strings.TrimRight(kit.FitLine(t.DateShort(r.Date)+" "+kit.OneLine(r.Title), kit.LabelWidth-1), " ")
		m.set.Fields = append(m.set.Fields, kit.ChoiceField(omitPrefix+strconv.FormatInt(r.ID, 10), label, opts))
	}
}

// omissions are the records the coach chose to leave out, with the reason.
func (m exportForm) omissions() []dossierfile.Omission {
	var out []dossierfile.Omission
	for _, f := range m.set.Fields {
		idText, ok := strings.CutPrefix(f.ID, omitPrefix)
		if !ok || f.Value() == "" {
			continue
		}
		id, err := strconv.ParseInt(idText, 10, 64)
		if err != nil {
			continue
		}
		out = append(out, dossierfile.Omission{RecordID: id, Reason: dossierfile.OmitReason(f.Value())})
	}
	return out
}

// fail puts msg under field id and moves the focus there.
func (m exportForm) fail(id, msg string) (exportForm, tea.Cmd) {
	cmd, _ := m.set.Fail(id, msg)
	m.sync()
	return m, cmd
}

// sync shows the fields the choices call for and switches the keys.
func (m *exportForm) sync() {
	other := m.set.Get("to") == toOther
	m.set.Fields[m.set.Index("recipient")].Hidden = !other
	m.set.Fields[m.set.Index("basis")].Hidden = !other
	m.set.Fields[m.set.Index("bsn")].Hidden = !m.bsnShown
	m.set.Fields[m.set.Index("key")].Hidden = m.set.Get("sealing") != sealKey
	if m.set.Focused().Hidden {
		m.set.FocusOn(m.set.Index("to"))
	}
	form := !m.done && !m.exporting
	k := &m.keys
	k.Next.SetEnabled(form)
	k.Prev.SetEnabled(form)
	k.Choice.SetEnabled(form && m.set.Focused().Kind == kit.KindChoice)
	k.Export.SetEnabled(form)
	k.Cancel.SetEnabled(form)
	k.Close.SetEnabled(m.done)
}

// exportKeys are the export screen's keys. On the form, enter and ctrl+s
// export, tab and the arrows move and choose; on the result, enter closes
// (esc, the global back, does as well).
type exportKeys struct {
	Next   key.Binding
	Prev   key.Binding
	Choice key.Binding
	Export key.Binding
	Cancel key.Binding
	Close  key.Binding
}

func newExportKeys(t Text) exportKeys {
	return exportKeys{
		Next:   bind([]string{"tab", "down"}, "tab/↓", t.T("key.next_field")),
		Prev:   bind([]string{"shift+tab", "up"}, "⇧tab/↑", t.T("key.prev_field")),
		Choice: bind([]string{"left", "right", " "}, "←/→", t.T("key.choose")),
		Export: bind([]string{"enter", "ctrl+s"}, "enter", t.T("key.export_start")),
		Cancel: bind([]string{"esc"}, "esc", t.T("key.cancel")),
		Close:  bind([]string{"enter"}, "enter", t.T("key.export_close")),
	}
}

// form is the keys as fieldSet.handleKey takes them.
func (k exportKeys) form() kit.FormKeys {
	return kit.FormKeys{Next: k.Next, Prev: k.Prev, Choice: k.Choice, Cancel: k.Cancel}
}

// ShortHelp is the export screen's hint line.
func (k exportKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Export, k.Close, k.Cancel, k.Next, k.Prev, k.Choice}
}

// FullHelp is the export screen's part of the help overlay.
func (k exportKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

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

// consentsOnFile lists, after a refusal for want of consent, the consents
// the client has, so a consent recorded under another recipient or
// withdrawn is seen at once; empty when the error carries none.
func consentsOnFile(t Text, err error) string {
	var nc *store.NoConsentError
	if !errors.As(err, &nc) {
		return ""
	}
	if len(nc.Consents) == 0 {
		return " " + t.T("consent.none_on_file")
	}
	parts := make([]string, len(nc.Consents))
	for i, c := range nc.Consents {
		state := t.Tf("consent.on_file_since", t.DateShort(c.Given))
		if !c.Withdrawn.IsZero() {
			state = t.Tf("request.consent_withdrawn", t.DateShort(c.Withdrawn))
		}
		parts[i] = kit.OneLine(c.Recipient) + " (" + kit.OneLine(c.Purpose) + ", " + state + ")"
	}
	return " " + t.T("consent.on_file") + " " + strings.Join(parts, "; ")
}
