package tui

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/paper/fill"
	"github.com/caseload/caseload/store"
	dossierfile "github.com/caseload/caseload/store/dossier"
	"github.com/caseload/caseload/termsafe"
	"github.com/caseload/caseload/tui/kit"
)

// printForm is the paper screen (p on the client screen and on an open
// record): which template, for whom, in which form and how sealed; then,
// once the file is written, where it went and — for a passphrase — the
// passphrase, shown this once. Opened from a record, the paper's text
// comes from that record. Like the export, it keeps nothing in a draft.
type printForm struct {
	env  *env
	keys printKeys
	// bsnShown: the practice records the BSN, so the form asks whether
	// the paper may carry it (read under fieldsReq).
	bsnShown  bool
	fieldsReq reqID
	client    int64
	record    int64
	// request and letter: opened from a rights request, the letter for
	// its step, about that request.
	request int64
	letter  string
	req     reqID

	loaded     bool
	row        store.ClientRow
	templates  []store.Template // in the coach's language, as the choice lists them
	noPractice bool
	set        kit.FieldSet
	problem    string
	plainReq   reqID
	printing   bool
	spin       spinner.Model

	done   bool
	res    fill.Result
	warn   string
	width  int
	height int
}

// paperStore is what the paper screen needs beyond the caseload: cmd's
// session implements PrintPaper over paper, crypt and store.
type paperStore interface {
	// PrintPaper makes, seals, writes and logs a paper; the passphrase in
	// the result is to be shown once.
	PrintPaper(ctx context.Context, clientID int64, r fill.Request) (fill.Result, error)
	// Templates lists the templates, shipped and the coach's own.
	Templates(ctx context.Context) ([]store.Template, error)
}

func newPrintForm(e *env, r Route) printForm {
	t, st := e.text, e.styles
	bases := make([]kit.Option, 0, len(store.LegalBases))
	for _, b := range store.LegalBases {
		bases = append(bases, kit.Option{Value: string(b), Label: basisText(t, b)})
	}
	pub := kit.TextField(st, "key", t.T("export.key"))
	pub.Input.Placeholder = "age1…"
	pub.Input.Width = 60
	request, letter := parseLetterTab(r.Tab)
	m := printForm{env: e, keys: newPrintKeys(t), client: r.Client, record: r.Item, request: request, letter: letter, req: newReq(),
		spin: spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(st.Accent))}
	m.set.Fields = []kit.Field{
		kit.ChoiceField("template", t.T("print.template"), nil),
		kit.ChoiceField("to", t.T("export.to"), []kit.Option{
			{Value: toClient, Label: t.T("print.to_client")}, {Value: toOther, Label: t.T("export.to_other")}}),

		kit.TextField(st, "recipient", t.T("export.recipient")),
		kit.ChoiceField("basis", t.T("export.basis"), bases),
		kit.ChoiceField("format", t.T("print.format"), []kit.Option{{Value: "pdf", Label: "PDF"}, {Value: "html", Label: "HTML"}}),
		kit.ChoiceField("sealing", t.T("export.sealing"), []kit.Option{
			{Value: sealPassphrase, Label: t.T("export.seal_passphrase")},
			{Value: sealKey, Label: t.T("export.seal_key")},
			{Value: sealPlain, Label: t.T("print.seal_plain")}}),

		pub,
		bsnField(t),
	}
	m.fieldsReq = newReq()
	m.sync()
	return m
}

// Init reads the client's row, the templates and the practice.
func (m printForm) Init() tea.Cmd {
	return tea.Batch(loadPrint(m.env.store, m.req, m.client, m.record), loadFieldSet(m.env.store, m.fieldsReq),
		m.set.FocusOn(0))
}

// Route names the paper screen of the client (and the record).
func (m printForm) Route() Route {
	r := Route{Kind: KindPrint, Client: m.client, Item: m.record}
	if m.request != 0 {
		r.Tab = "request:" + strconv.FormatInt(m.request, 10) + ":" + m.letter
	}
	return r
}

// Title is "Make a paper".
func (m printForm) Title() string { return m.env.text.T("print.title") }

// Capturing is true on the form; the result takes the global keys.
func (m printForm) Capturing() bool { return !m.done }

// KeyMap lists the keys that work now.
func (m printForm) KeyMap() help.KeyMap { return m.keys }

// Draft keeps nothing: the result holds a passphrase.
func (m printForm) Draft() (string, bool) { return "", false }

// RestoreDraft has nothing to restore.
func (m printForm) RestoreDraft(string) printForm { return m }

// Update handles the answers of the store, the spinner and the keys.
func (m printForm) Update(msg tea.Msg) (printForm, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case printLoadedMsg:
		return m.onLoaded(msg), nil
	case fieldsLoadedMsg:
		if msg.req == m.fieldsReq {
			m.bsnShown = msg.set.Has(store.FieldBSN)
			m.sync()
		}
	case plainConfirmedMsg:
		if msg.req != m.plainReq || m.printing || m.done {
			return m, nil
		}
		m.plainReq = 0
		return m.start(true)
	case spinner.TickMsg:
		if !m.printing {
			return m, nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	case printedMsg:
		return m.onPrinted(msg), nil
	case tea.KeyMsg:
		return m.onKey(msg)
	}
	return m, nil
}

func (m printForm) onLoaded(msg printLoadedMsg) printForm {
	if msg.req != m.req {
		return m
	}
	if msg.err != nil {
		m.problem = exportProblem(m.env, msg.err, "")
		return m
	}
	lang := string(m.env.text.Lang())
	var opts []kit.Option
	m.templates = nil
	for _, t := range msg.templates {
		if t.Lang != lang {
			continue
		}
		m.templates = append(m.templates, t)
		opts = append(opts, kit.Option{Value: t.Key, Label: termsafe.Line(t.Name())})
	}
	i := m.set.Index("template")
	m.set.Fields[i].Options = opts
	m.loaded, m.row, m.noPractice = true, msg.row, msg.noPractice
	// The plan van aanpak first; opened from a record, the template
	// made from that kind of record.
	for j, t := range m.templates {
		p, err := store.ParseTemplate(t.Body)
		if err != nil {
			continue
		}
		if m.letter != "" && t.Key == m.letter || m.letter == "" && (msg.kind == "" && t.Key == "plan" || msg.kind != "" && p.Settings.Record == msg.kind) {
			m.set.Fields[i].Choice = j
			break
		}
	}
	m.sync()
	return m
}

// settings are the chosen template's settings.
func (m printForm) settings() store.TemplateSettings {
	c := m.set.Fields[m.set.Index("template")].Choice
	if c < 0 || c >= len(m.templates) {
		return store.TemplateSettings{}
	}
	p, err := store.ParseTemplate(m.templates[c].Body)
	if err != nil {
		return store.TemplateSettings{}
	}
	return p.Settings
}

func (m printForm) onPrinted(msg printedMsg) printForm {
	if msg.req != m.req {
		return m
	}
	m.printing = false
	if msg.res.Path == "" {
		m.problem = printProblem(m.env, msg.err, m.recipient())
		m.sync()
		return m
	}
	m.done, m.res = true, msg.res
	if msg.err != nil {
		m.warn = explain(m.env, msg.err)
	}
	m.sync()
	return m
}

func (m printForm) onKey(msg tea.KeyMsg) (printForm, tea.Cmd) {
	k := m.keys
	switch {
	case m.printing:
		return m, nil
	case m.done:
		if key.Matches(msg, k.Close) {
			m.res = fill.Result{} // forget the passphrase now
			return m, back(nil)
		}
		return m, nil
	case key.Matches(msg, k.Print):
		return m.submit()
	case key.Matches(msg, k.Cancel):
		return m, back(nil)
	}
	cmd, changed := m.set.HandleKey(msg, k.form())
	if changed {
		m.problem = ""
	}
	m.sync()
	return m, cmd
}

// recipient is the named recipient, "" for the client.
func (m printForm) recipient() string {
	if m.set.Get("to") != toOther {
		return ""
	}
	return strings.TrimSpace(m.set.Get("recipient"))
}

func (m printForm) submit() (printForm, tea.Cmd) {
	t := m.env.text
	m.problem = ""
	if !m.loaded || len(m.templates) == 0 {
		return m, nil
	}
	if m.set.Get("to") == toOther && m.recipient() == "" {
		cmd, _ := m.set.Fail("recipient", t.T("export.need_recipient"))
		m.sync()
		return m, cmd
	}
	switch m.set.Get("sealing") {
	case sealKey:
		if strings.TrimSpace(m.set.Get("key")) == "" {
			cmd, _ := m.set.Fail("key", t.T("export.need_key"))
			m.sync()
			return m, cmd
		}
	case sealPlain:
		m.plainReq = newReq()
		req := m.plainReq
		return m, confirm(t.T("print.plain_confirm"), func() tea.Msg { return plainConfirmedMsg{req: req} })
	}
	return m.start(false)
}

func (m printForm) start(plain bool) (printForm, tea.Cmd) {
	r := fill.Request{Template: m.set.Get("template"), Lang: string(m.env.text.Lang()), RecordID: m.record, RequestID: m.request,
		Recipient: m.recipient(), HTML: m.set.Get("format") == "html", Plain: plain}
	if r.Recipient != "" {
		r.Basis = store.LegalBasis(m.set.Get("basis"))
	}
	if !plain && m.set.Get("sealing") == sealKey {
		r.PublicKey = strings.TrimSpace(m.set.Get("key"))
	}
	r.WithBSN = m.bsnShown && m.set.Get("bsn") == bsnIn
	m.printing, m.problem, m.req = true, "", newReq()
	m.sync()
	return m, tea.Batch(printPaper(m.env.store, m.req, m.client, r), m.spin.Tick)
}

// sync shows the fields the choices call for and switches the keys. A
// template for a third party (a report for the funder) is always for
// another recipient.
func (m *printForm) sync() {
	if m.settings().To == "recipient" {
		m.set.Set("to", toOther)
	}
	other := m.set.Get("to") == toOther
	m.set.Fields[m.set.Index("recipient")].Hidden = !other
	m.set.Fields[m.set.Index("basis")].Hidden = !other
	m.set.Fields[m.set.Index("bsn")].Hidden = !m.bsnShown
	m.set.Fields[m.set.Index("key")].Hidden = m.set.Get("sealing") != sealKey
	if m.set.Focused().Hidden {
		m.set.FocusOn(0)
	}
	form := !m.done && !m.printing
	k := &m.keys
	k.Next.SetEnabled(form)
	k.Prev.SetEnabled(form)
	k.Choice.SetEnabled(form && m.set.Focused().Kind == kit.KindChoice)
	k.Print.SetEnabled(form && m.loaded)
	k.Cancel.SetEnabled(form)
	k.Close.SetEnabled(m.done)
}

// View draws the form, the spinner, or the result.
func (m printForm) View() string {
	t, st := m.env.text, m.env.styles
	if m.done {
		return m.viewResult()
	}
	if !m.loaded {
		if m.problem != "" {
			return "\n" + strings.Join(kit.Paragraph(st.Danger, m.problem, m.width), "\n")
		}
		return "\n  " + st.Muted.Render(t.T("form.loading"))
	}
	lines := []string{""}
	lines = append(lines, kit.Paragraph(st.Title, t.Tf("print.heading", termsafe.Line(m.row.Name)), m.width)...)
	if m.noPractice {
		lines = append(lines, "")
		lines = append(lines, kit.Paragraph(st.Warning, t.T("print.no_practice"), m.width)...)
	}
	lines = append(lines, "")
	focusLine := 0
	for i, f := range m.set.Fields {
		if f.Hidden {
			continue
		}
		if i == m.set.Focus {
			focusLine = len(lines)
		}
		lines = append(lines, kit.ViewField(st, f, i == m.set.Focus, "")...)
	}
	lines = append(lines, "")
	switch m.set.Get("sealing") {
	case sealPassphrase:
		lines = append(lines, kit.Paragraph(st.Muted, t.T("print.hint_passphrase"), m.width)...)
	case sealKey:
		lines = append(lines, kit.Paragraph(st.Muted, t.T("export.hint_key"), m.width)...)
	case sealPlain:
		lines = append(lines, kit.Paragraph(st.Warning, t.T("export.hint_plain"), m.width)...)
	}
	if m.set.Get("to") == toOther && m.set.Get("basis") == "consent" {
		lines = append(lines, "")
		lines = append(lines, kit.Paragraph(st.Muted, t.T("export.hint_consent"), m.width)...)
	}
	if m.problem != "" {
		lines = append(lines, "")
		lines = append(lines, kit.Paragraph(st.Danger, m.problem, m.width)...)
	}
	if m.printing {
		lines = append(lines, "", "  "+m.spin.View()+" "+st.Muted.Render(t.T("print.busy")))
	}
	return strings.Join(kit.ScrollWindow(lines, focusLine, m.height), "\n")
}

func (m printForm) viewResult() string {
	t, st := m.env.text, m.env.styles
	r := m.res
	lines := []string{""}
	lines = append(lines, kit.Paragraph(st.Title, t.Tf("print.done", termsafe.Line(r.Name)), m.width)...)
	lines = append(lines, "", "  "+st.Label.Render(t.T("export.file")))
	for _, l := range chunkPath(termsafe.Line(r.Path), max(m.width-6, 20)) {
		lines = append(lines, "    "+st.Text.Render(l))
	}
	if m.warn != "" {
		lines = append(lines, "")
		lines = append(lines, kit.Paragraph(st.Warning, m.warn, m.width)...)
	}
	lines = append(lines, "")
	switch {
	case r.PublicKey:
		lines = append(lines, kit.Paragraph(st.Text, t.T("export.sealed_key"), m.width)...)
	case r.Sealed:
		lines = append(lines, "  "+st.Label.Render(t.T("export.passphrase")))
		for _, l := range strings.Split(st.Box.Render(st.Accent.Render(r.Passphrase)), "\n") {
			lines = append(lines, "  "+l)
		}
		lines = append(lines, kit.Paragraph(st.Warning, t.T("export.channel"), m.width)...)
	default:
		lines = append(lines, kit.Paragraph(st.Danger, t.T("print.sealed_none"), m.width)...)
	}
	return strings.Join(kit.ScrollWindow(lines, 0, m.height), "\n")
}

// printLoadedMsg answers loadPrint.
type printLoadedMsg struct {
	req        reqID
	row        store.ClientRow
	templates  []store.Template
	noPractice bool
	kind       store.RecordKind // the kind of the record the screen was opened from
	err        error
}

func (m printLoadedMsg) request() reqID { return m.req }

// loadPrint reads the client's caseload row (no view logged: the paper
// is), the templates and whether the practice's details are filled in.
func loadPrint(s Store, req reqID, id, record int64) tea.Cmd {
	return func() tea.Msg {
		out := printLoadedMsg{req: req, err: store.ErrNotFound}
		rows, err := s.ListClients(ctx())
		if err != nil {
			return printLoadedMsg{req: req, err: err}
		}
		for _, r := range rows {
			if r.ID == id {
				out.row, out.err = r, nil
			}
		}
		if out.err != nil {
			return out
		}
		if out.templates, err = s.Templates(ctx()); err != nil {
			return printLoadedMsg{req: req, err: err}
		}
		p, err := s.Practice(ctx())
		if err != nil {
			return printLoadedMsg{req: req, err: err}
		}
		out.noPractice = strings.TrimSpace(p.Name) == ""
		if record != 0 {
			r, err := s.Record(ctx(), record)
			if err != nil {
				return printLoadedMsg{req: req, err: err}
			}
			out.kind = r.Kind
		}
		return out
	}
}

// printedMsg answers printPaper.
type printedMsg struct {
	req reqID
	res fill.Result
	err error
}

func (m printedMsg) request() reqID { return m.req }

// saveErr: the status line says "not saved" only for a paper written
// whose log line is not on disk yet.
func (m printedMsg) saveErr() error { return m.err }

func printPaper(s Store, req reqID, clientID int64, r fill.Request) tea.Cmd {
	return saving(func() tea.Msg {
		res, err := s.PrintPaper(ctx(), clientID, r)
		return printedMsg{req: req, res: res, err: err}
	})
}

// printProblem is the sentence for a refused or failed paper.
func printProblem(e *env, err error, recipient string) string {
	var te *store.TemplateError
	switch {
	case errors.Is(err, fill.ErrNeedsRecipient):
		return e.text.T("print.err_recipient")
	case errors.As(err, &te):
		return e.text.Tf("print.err_template", te.Line, te.Arg)
	case errors.Is(err, dossierfile.ErrExists):
		return e.text.T("export.err_exists")
	}
	return exportProblem(e, err, recipient)
}

// printKeys are the paper screen's keys, as the export's.
type printKeys struct {
	Next, Prev, Choice, Print, Cancel, Close key.Binding
}

func newPrintKeys(t Text) printKeys {
	return printKeys{
		Next:   bind([]string{"tab", "down"}, "tab/↓", t.T("key.next_field")),
		Prev:   bind([]string{"shift+tab", "up"}, "⇧tab/↑", t.T("key.prev_field")),
		Choice: bind([]string{"left", "right", " "}, "←/→", t.T("key.choose")),
		Print:  bind([]string{"enter", "ctrl+s"}, "enter", t.T("key.print_start")),
		Cancel: bind([]string{"esc"}, "esc", t.T("key.cancel")),
		Close:  bind([]string{"enter"}, "enter", t.T("key.export_close")),
	}
}

func (k printKeys) form() kit.FormKeys {
	return kit.FormKeys{Next: k.Next, Prev: k.Prev, Choice: k.Choice, Cancel: k.Cancel}
}

// ShortHelp is the paper screen's hint line.
func (k printKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Print, k.Close, k.Cancel, k.Next, k.Prev, k.Choice}
}

// FullHelp is the paper screen's part of the help overlay.
func (k printKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// newPrintOpenKey is p, "make a paper", on the client screen and an open
// record.
func newPrintOpenKey(t Text) key.Binding { return bind([]string{"p"}, "p", t.T("key.print")) }

// letterRoute is the paper screen for the letter a rights request needs
// at its step: the acknowledgement while it is open, the notice of the
// extension once extended, the refusal with the route to the AP once
// refused, the cover letter of the copy once access is given, and the
// notice to recipients (art. 19) once data were corrected, erased or
// restricted.
func letterRoute(client int64, r store.Request) Route {
	letter := "ack"
	switch {
	case r.Status == store.RequestExtended:
		letter = "extend"
	case r.Status == store.RequestRefused:
		letter = "refuse"
	case r.Status == store.RequestAnswered && (r.Kind == store.RequestAccess || r.Kind == store.RequestPortability):
		letter = "access"
	case r.Status == store.RequestAnswered && (r.Kind == store.RequestRectification ||
		r.Kind == store.RequestErasure || r.Kind == store.RequestRestriction):
		letter = "notify"
	}
	return Route{Kind: KindPrint, Client: client, Tab: "request:" + strconv.FormatInt(r.ID, 10) + ":" + letter}
}

// parseLetterTab reads letterRoute's Tab.
func parseLetterTab(tab string) (int64, string) {
	rest, ok := strings.CutPrefix(tab, "request:")
	if !ok {
		return 0, ""
	}
	id, letter, _ := strings.Cut(rest, ":")
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return 0, ""
	}
	return n, letter
}

// newLetterKey is p on a rights request: its letter for this step.
func newLetterKey(t Text) key.Binding { return bind([]string{"p"}, "p", t.T("key.request_letter")) }
