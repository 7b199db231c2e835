package tui

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
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
	outForm
	record int64
	// request and letter: opened from a rights request, the letter for
	// its step, about that request.
	request int64
	letter  string

	templates  []store.Template // in the coach's language, as the choice lists them
	noPractice bool
	res        fill.Result
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
	t := e.text
	request, letter := parseLetterTab(r.Tab)
	fields := append([]kit.Field{kit.ChoiceField("template", t.T("print.template"), nil)},
		outFields(e, t.T("print.to_client"), t.T("print.seal_plain"),
			kit.ChoiceField("format", t.T("print.format"), []kit.Option{{Value: "pdf", Label: "PDF"}, {Value: "html", Label: "HTML"}}))...)
	m := printForm{outForm: newOutForm(e, r.Client, t.T("key.print_start"), fields...),
		record: r.Item, request: request, letter: letter}
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

// RestoreDraft has nothing to restore.
func (m printForm) RestoreDraft(string) printForm { return m }

// Update handles the answers of the store, the spinner and the keys.
func (m printForm) Update(msg tea.Msg) (printForm, tea.Cmd) {
	switch msg := msg.(type) {
	case printLoadedMsg:
		return m.onLoaded(msg), nil
	case fieldsLoadedMsg:
		if msg.req == m.fieldsReq {
			m.bsnShown = msg.set.Has(store.FieldBSN)
			m.sync()
		}
	case writtenMsg[fill.Result]:
		if m.written(msg.req, msg.res.Path, msg.err, func(err error) string { return printProblem(m.env, err, m.recipient()) }) {
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

func (m printForm) onKey(msg tea.KeyMsg) (printForm, tea.Cmd) {
	k := m.keys
	switch {
	case m.busy:
		return m, nil
	case m.done:
		if key.Matches(msg, k.Close) {
			m.res = fill.Result{} // forget the passphrase now
			return m, back(nil)
		}
		return m, nil
	case key.Matches(msg, k.Start):
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
		return m, m.askPlain(t.T("print.plain_confirm"))
	}
	return m.start(false)
}

func (m printForm) start(plain bool) (printForm, tea.Cmd) {
	r := fill.Request{Template: m.set.Get("template"), Lang: string(m.env.text.Lang()), RecordID: m.record, RequestID: m.request,
		Recipient: m.recipient(), HTML: m.set.Get("format") == "html", Plain: plain}
	r.Basis, r.PublicKey, r.WithBSN = m.sending(plain)
	m.busy, m.problem, m.req = true, "", newReq()
	m.sync()
	st, client := m.env.store, m.client
	return m, tea.Batch(writing(m.req, func() (fill.Result, error) { return st.PrintPaper(ctx(), client, r) }), m.spin.Tick)
}

// sync shows the fields the choices call for and switches the keys. A
// template for a third party (a report for the funder) is always for
// another recipient.
func (m *printForm) sync() {
	if m.settings().To == "recipient" {
		m.set.Set("to", toOther)
	}
	m.outForm.sync(m.loaded)
}

// View draws the form, the spinner, or the result.
func (m printForm) View() string {
	t, st := m.env.text, m.env.styles
	if m.done {
		return viewFileResult(m.env, t.Tf("print.done", termsafe.Line(m.res.Name)), m.res, m.warn, m.width, m.height)
	}
	if !m.loaded {
		return m.viewLoading()
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
	lines = append(lines, m.sealingHint(t.T("print.hint_passphrase"))...)
	if m.set.Get("to") == toOther && m.set.Get("basis") == "consent" {
		lines = append(lines, "")
		lines = append(lines, kit.Paragraph(st.Muted, t.T("export.hint_consent"), m.width)...)
	}
	lines = append(lines, m.viewEnd(t.T("print.busy"))...)
	return strings.Join(kit.ScrollWindow(lines, focusLine, m.height), "\n")
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
