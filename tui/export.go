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
	outForm
	keyReq  reqID  // the latest check of the pasted key
	keyErr  error  // what the check said of keyChecked
	keyDone string // the key the check answered for
	res     dossierfile.Result
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
	t := e.text
	m := exportForm{outForm: newOutForm(e, r.Client, t.T("key.export_start"),
		outFields(e, t.T("export.to_client"), t.T("export.seal_plain"))...)}
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

// RestoreDraft has nothing to restore.
func (m exportForm) RestoreDraft(string) exportForm { return m }

// Update handles the answers of the store, the spinner and the keys.
func (m exportForm) Update(msg tea.Msg) (exportForm, tea.Cmd) {
	switch msg := msg.(type) {
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
	case writtenMsg[dossierfile.Result]:
		if m.written(msg.req, msg.res.Path, msg.err, func(err error) string { return exportProblem(m.env, err, m.recipient()) }) {
			m.res = msg.res
		}
		m.sync()
	case tea.KeyMsg:
		return m.onKey(msg)
	default:
		var cmd tea.Cmd
		var plain bool
		if m.outForm, cmd, plain = m.update(msg); plain {
			return m.start(true)
		}
		return m, cmd
	}
	return m, nil
}

func (m exportForm) onKey(msg tea.KeyMsg) (exportForm, tea.Cmd) {
	k := m.keys
	switch {
	case m.busy:
		return m, nil
	case m.done:
		if key.Matches(msg, k.Close) {
			m.res = dossierfile.Result{} // forget the passphrase now, not at the next collection
			return m, back(nil)
		}
		return m, nil
	case key.Matches(msg, k.Start):
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
		return m, m.askPlain(t.T("export.plain_confirm"))
	}
	return m.start(false)
}

// start runs the export with a spinner: a passphrase's key derivation
// takes a few seconds.
func (m exportForm) start(plain bool) (exportForm, tea.Cmd) {
	r := dossierfile.Request{Lang: string(m.env.text.Lang()), Recipient: m.recipient(), Plain: plain}
	r.Basis, r.PublicKey, r.WithBSN = m.sending(plain)
	r.Omit = m.omissions()
	m.busy, m.problem, m.req = true, "", newReq()
	m.sync()
	st, client := m.env.store, m.client
	// The key derivation of a passphrase takes a few seconds, hence the spinner.
	return m, tea.Batch(writing(m.req, func() (dossierfile.Result, error) { return st.ExportDossier(ctx(), client, r) }), m.spin.Tick)
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
func (m *exportForm) sync() { m.outForm.sync(true) }

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

// outForm is what the export and the paper screen share: who receives
// the file and on which basis, how it is sealed, with the BSN or without
// (asked only where the practice records it), a yes before a file in the
// clear, a spinner while it is written, then the result. Neither keeps a
// draft: the result holds a passphrase that must never be stored.
type outForm struct {
	env  *env
	keys outKeys
	// bsnShown: the practice records the BSN, so the form asks whether
	// the file may carry it (read under fieldsReq).
	bsnShown  bool
	fieldsReq reqID
	client    int64
	req       reqID // loading the client, then the file itself

	loaded   bool
	row      store.ClientRow
	set      kit.FieldSet
	problem  string
	plainReq reqID // the confirmation of a file in the clear asked for
	busy     bool  // the file is being written
	spin     spinner.Model

	done   bool
	warn   string // the file is written, but something is to be told
	width  int
	height int
}

func newOutForm(e *env, client int64, start string, fields ...kit.Field) outForm {
	f := outForm{env: e, keys: newOutKeys(e.text, start), client: client, req: newReq(), fieldsReq: newReq(),
		spin: spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(e.styles.Accent))}
	f.set.Fields = fields
	return f
}

// outFields are the fields of who receives the file and how it is
// sealed; own are the screen's fields between the basis and the sealing.
func outFields(e *env, toClientLabel, plainLabel string, own ...kit.Field) []kit.Field {
	t, st := e.text, e.styles
	bases := make([]kit.Option, 0, len(store.LegalBases))
	for _, b := range store.LegalBases {
		bases = append(bases, kit.Option{Value: string(b), Label: basisText(t, b)})
	}
	pub := kit.TextField(st, "key", t.T("export.key"))
	pub.Input.Placeholder = "age1…"
	pub.Input.Width = 60
	fields := []kit.Field{
		kit.ChoiceField("to", t.T("export.to"), []kit.Option{
			{Value: toClient, Label: toClientLabel}, {Value: toOther, Label: t.T("export.to_other")}}),
		kit.TextField(st, "recipient", t.T("export.recipient")),
		kit.ChoiceField("basis", t.T("export.basis"), bases),
	}
	return append(append(fields, own...),
		kit.ChoiceField("sealing", t.T("export.sealing"), []kit.Option{
			{Value: sealPassphrase, Label: t.T("export.seal_passphrase")},
			{Value: sealKey, Label: t.T("export.seal_key")},
			{Value: sealPlain, Label: plainLabel}}),
		pub,
		bsnField(t))
}

// Capturing is true on the form, which always has a focused field, and
// while the file is written; the result takes the global keys.
func (f outForm) Capturing() bool { return !f.done }

// KeyMap lists the keys that work now.
func (f outForm) KeyMap() help.KeyMap { return f.keys }

// Draft keeps nothing: the form is quickly filled again, and the result
// holds a passphrase that must never be stored.
func (f outForm) Draft() (string, bool) { return "", false }

// plainConfirmedMsg is the coach's yes to a file in the clear.
type plainConfirmedMsg struct{ req reqID }

func (m plainConfirmedMsg) request() reqID { return m.req }

// askPlain asks question before a file is written in the clear; the yes
// comes back as a plainConfirmedMsg.
func (f *outForm) askPlain(question string) tea.Cmd {
	f.plainReq = newReq()
	req := f.plainReq
	return confirm(question, func() tea.Msg { return plainConfirmedMsg{req: req} })
}

// update handles the size, the spinner and the yes to a file in the
// clear: plain reports that the screen should start it now.
func (f outForm) update(msg tea.Msg) (_ outForm, _ tea.Cmd, plain bool) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		f.width, f.height = msg.Width, msg.Height
	case plainConfirmedMsg:
		if msg.req != f.plainReq || f.busy || f.done {
			return f, nil, false
		}
		f.plainReq = 0
		return f, nil, true
	case spinner.TickMsg:
		if !f.busy {
			return f, nil, false
		}
		var cmd tea.Cmd
		f.spin, cmd = f.spin.Update(msg)
		return f, cmd, false
	}
	return f, nil, false
}

// written ends the write that req asked for: true for a file written
// (with a warning when err says something went wrong after), false for
// none (problem words why) or for a stale answer.
func (f *outForm) written(req reqID, path string, err error, problem func(error) string) bool {
	if req != f.req {
		return false
	}
	f.busy = false
	if path == "" {
		f.problem = problem(err)
		return false
	}
	f.done = true
	if err != nil {
		f.warn = explain(f.env, err)
	}
	return true
}

// recipient is the named recipient, "" for the client.
func (f outForm) recipient() string {
	if f.set.Get("to") != toOther {
		return ""
	}
	return strings.TrimSpace(f.set.Get("recipient"))
}

// sending is the basis (for a named recipient), the public key (when
// sealed to one) and whether the BSN goes along, as the form says.
func (f outForm) sending(plain bool) (basis store.LegalBasis, publicKey string, withBSN bool) {
	if f.recipient() != "" {
		basis = store.LegalBasis(f.set.Get("basis"))
	}
	if !plain && f.set.Get("sealing") == sealKey {
		publicKey = strings.TrimSpace(f.set.Get("key"))
	}
	return basis, publicKey, f.bsnShown && f.set.Get("bsn") == bsnIn
}

// sync shows the fields the choices call for and switches the keys;
// canStart is whether the file can be asked for yet.
func (f *outForm) sync(canStart bool) {
	other := f.set.Get("to") == toOther
	f.set.Fields[f.set.Index("recipient")].Hidden = !other
	f.set.Fields[f.set.Index("basis")].Hidden = !other
	f.set.Fields[f.set.Index("bsn")].Hidden = !f.bsnShown
	f.set.Fields[f.set.Index("key")].Hidden = f.set.Get("sealing") != sealKey
	if f.set.Focused().Hidden {
		f.set.FocusOn(0)
	}
	form := !f.done && !f.busy
	k := &f.keys
	k.Next.SetEnabled(form)
	k.Prev.SetEnabled(form)
	k.Choice.SetEnabled(form && f.set.Focused().Kind == kit.KindChoice)
	k.Start.SetEnabled(form && canStart)
	k.Cancel.SetEnabled(form)
	k.Close.SetEnabled(f.done)
}

// viewLoading is the screen before the client is read: loading, or why
// it could not be.
func (f outForm) viewLoading() string {
	st := f.env.styles
	if f.problem != "" {
		return "\n" + strings.Join(kit.Paragraph(st.Danger, f.problem, f.width), "\n")
	}
	return "\n  " + st.Muted.Render(f.env.text.T("form.loading"))
}

// sealingHint says what the sealing chosen means; passphraseHint for a
// passphrase.
func (f outForm) sealingHint(passphraseHint string) []string {
	t, st := f.env.text, f.env.styles
	switch f.set.Get("sealing") {
	case sealPassphrase:
		return kit.Paragraph(st.Muted, passphraseHint, f.width)
	case sealKey:
		return kit.Paragraph(st.Muted, t.T("export.hint_key"), f.width)
	case sealPlain:
		return kit.Paragraph(st.Warning, t.T("export.hint_plain"), f.width)
	}
	return nil
}

// viewEnd closes the form: why the file was refused, and the spinner
// with busy while it is written.
func (f outForm) viewEnd(busy string) []string {
	var lines []string
	if f.problem != "" {
		lines = append(lines, "")
		lines = append(lines, kit.Paragraph(f.env.styles.Danger, f.problem, f.width)...)
	}
	if f.busy {
		lines = append(lines, "", "  "+f.spin.View()+" "+f.env.styles.Muted.Render(busy))
	}
	return lines
}

// outKeys are the export's and the paper screen's keys. On the form,
// enter and ctrl+s start, tab and the arrows move and choose; on the
// result, enter closes (esc, the global back, does as well).
type outKeys struct {
	Next, Prev, Choice, Start, Cancel, Close key.Binding
}

func newOutKeys(t Text, start string) outKeys {
	return outKeys{
		Next:   bind([]string{"tab", "down"}, "tab/↓", t.T("key.next_field")),
		Prev:   bind([]string{"shift+tab", "up"}, "⇧tab/↑", t.T("key.prev_field")),
		Choice: bind([]string{"left", "right", " "}, "←/→", t.T("key.choose")),
		Start:  bind([]string{"enter", "ctrl+s"}, "enter", start),
		Cancel: bind([]string{"esc"}, "esc", t.T("key.cancel")),
		Close:  bind([]string{"enter"}, "enter", t.T("key.export_close")),
	}
}

// form is the keys as the field set takes them.
func (k outKeys) form() kit.FormKeys {
	return kit.FormKeys{Next: k.Next, Prev: k.Prev, Choice: k.Choice, Cancel: k.Cancel}
}

// ShortHelp is the screen's hint line.
func (k outKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Start, k.Close, k.Cancel, k.Next, k.Prev, k.Choice}
}

// FullHelp is the screen's part of the help overlay.
func (k outKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }
