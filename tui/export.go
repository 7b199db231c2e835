package tui

import (
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
		label := strings.TrimRight(kit.Cell(t.DateShort(r.Date)+" "+kit.OneLine(r.Title), kit.LabelWidth-1), " ")
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
