package tui

import (
	"context"
	"errors"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/invoice"
	"github.com/caseload/caseload/paper/fill"
	"github.com/caseload/caseload/termsafe"
	"github.com/caseload/caseload/tui/kit"
)

// An invoice as a file (w on the money screen): its PDF or its SI-UBL
// e-invoice, written into the export folder sealed with a fresh
// passphrase (shown once), or in the clear after a yes. cmd's session
// writes and logs it, as the command line's `invoice show --pdf` does.

// invoiceFiler writes an invoice's files; cmd's session has it.
type invoiceFiler interface {
	WriteInvoiceFile(ctx context.Context, id int64, format, lang string, plain bool) (fill.Result, error)
}

// KindInvoiceFile writes an invoice's file: Client, Item (the invoice).
const KindInvoiceFile ScreenKind = "invoice-file"

// invoiceFile is the screen: two choices, then the result.
type invoiceFile struct {
	fileForm
	client int64
	id     int64
	number string
}

func newInvoiceFile(e *env, r Route) invoiceFile {
	t := e.text
	return invoiceFile{client: r.Client, id: r.Item, fileForm: newFileForm(e,
		kit.ChoiceField("format", t.T("money.file_format"), []kit.Option{
			{Value: "pdf", Label: t.T("money.file_pdf")}, {Value: "ubl", Label: t.T("money.file_ubl")}}))}
}

// Init focuses the first choice and reads the invoice's number.
func (m invoiceFile) Init() tea.Cmd {
	req, client, id := m.req, m.client, m.id
	return tea.Batch(m.set.FocusOn(0), fromMoney(m.env, func(ms moneyEditor) (string, error) {
		list, err := ms.Invoices(ctx(), client)
		for _, inv := range list {
			if inv.ID == id {
				return inv.Number, nil
			}
		}
		if err == nil {
			err = errors.New("no such invoice")
		}
		return "", err
	}, func(number string, err error) tea.Msg {
		return invoiceFileLoadedMsg{req: req, number: number, err: err}
	}))
}

// invoiceFileLoadedMsg answers Init.
type invoiceFileLoadedMsg struct {
	req    reqID
	number string
	err    error
}

func (m invoiceFileLoadedMsg) request() reqID { return m.req }

// Route names the screen, the client and the invoice.
func (m invoiceFile) Route() Route { return Route{Kind: KindInvoiceFile, Client: m.client, Item: m.id} }

// Title is "Invoice as a file".
func (m invoiceFile) Title() string { return m.env.text.T("money.file_title") }

// RestoreDraft has nothing to restore.
func (m invoiceFile) RestoreDraft(string) invoiceFile { return m }

// Update handles the load, the write and the keys.
func (m invoiceFile) Update(msg tea.Msg) (invoiceFile, tea.Cmd) {
	if msg, ok := msg.(invoiceFileLoadedMsg); ok {
		if msg.req == m.req {
			m.number, m.problem = msg.number, explain(m.env, msg.err)
		}
		return m, nil
	}
	var cmd tea.Cmd
	m.fileForm, cmd = m.update(msg, m.fileProblem, m.write)
	return m, cmd
}

// write writes the file, once the invoice's number is known.
func (m invoiceFile) write(f *fileForm) tea.Cmd {
	if m.number == "" {
		return nil
	}
	w, ok := m.env.store.(invoiceFiler)
	id, format, lang := m.id, f.set.Get("format"), string(m.env.lang())
	return f.start(m.env.text.T("money.file_confirm_plain"), ok, func(plain bool) (fill.Result, error) {
		return w.WriteInvoiceFile(ctx(), id, format, lang, plain)
	})
}

// fileProblem is the sentence for a file not written: what the
// e-invoice still needs, or what every screen says.
func (m invoiceFile) fileProblem(err error) string {
	t := m.env.text
	switch {
	case errors.Is(err, invoice.ErrNoVATID):
		return t.T("money.file_no_vat_id")
	case errors.Is(err, invoice.ErrNoIBAN):
		return t.T("money.file_no_iban")
	}
	return explain(m.env, err)
}

// View draws the choices, or the file written with its passphrase.
func (m invoiceFile) View() string {
	return m.view(m.env.text.Tf("money.file_help", termsafe.Line(m.number)))
}

// fileForm is the lifecycle the money side's file screens share (an
// invoice as a file, a funder's report, the bookkeeper's list): a few
// choices and the sealing; ctrl+s writes, a file in the clear only after
// a yes; then the file written, its passphrase shown once and forgotten
// when the screen closes. The screens add their choices and their write.
type fileForm struct {
	env     *env
	keys    invoiceFileKeys
	req     reqID
	set     kit.FieldSet
	busy    bool
	done    bool
	res     fill.Result
	warn    string
	problem string
	width   int
	height  int
}

type invoiceFileKeys struct {
	kit.FormKeys
	Write key.Binding
	Close key.Binding
}

// ShortHelp is the screen's hint line.
func (k invoiceFileKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Write, k.Close, k.Cancel, k.Next, k.Choice}
}

// FullHelp is its part of the help overlay.
func (k invoiceFileKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// newFileForm is a file screen with fields, then the sealing.
func newFileForm(e *env, fields ...kit.Field) fileForm {
	t := e.text
	k := invoiceFileKeys{FormKeys: newFormKeys(t),
		Write: bind([]string{"ctrl+s"}, "ctrl+s", t.T("money.key_write")),
		Close: bind([]string{"esc", "enter"}, "esc", t.T("key.back"))}
	k.Save.SetEnabled(false) // Write is ctrl+s with its own words
	k.Close.SetEnabled(false)
	f := fileForm{env: e, keys: k, req: newReq()}
	f.set.Fields = append(fields, kit.ChoiceField("sealing", t.T("export.sealing"), []kit.Option{
		{Value: "passphrase", Label: t.T("export.seal_passphrase")}, {Value: "plain", Label: t.T("print.seal_plain")}}))
	return f
}

// Init focuses the first field.
func (f fileForm) Init() tea.Cmd { return f.set.FocusOn(0) }

// Capturing is true on the fields; the result takes the global keys.
func (f fileForm) Capturing() bool { return !f.done }

// KeyMap lists the keys that work now.
func (f fileForm) KeyMap() help.KeyMap { return f.keys }

// Draft keeps nothing: the result holds a passphrase.
func (f fileForm) Draft() (string, bool) { return "", false }

// update handles the size, the written file (problem words a file not
// written) and the keys; ctrl+s runs write.
func (f fileForm) update(msg tea.Msg, problem func(error) string, write func(*fileForm) tea.Cmd) (fileForm, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		f.width, f.height = msg.Width, msg.Height
	case writtenMsg[fill.Result]:
		if msg.req != f.req {
			return f, nil
		}
		f.busy = false
		if msg.res.Path == "" {
			f.problem = problem(msg.err)
			return f, nil
		}
		f.done, f.res = true, msg.res
		if msg.err != nil {
			f.warn = explain(f.env, msg.err)
		}
		for _, b := range []*key.Binding{&f.keys.Write, &f.keys.Next, &f.keys.Prev, &f.keys.Choice, &f.keys.Cancel} {
			b.SetEnabled(false)
		}
		f.keys.Close.SetEnabled(true)
	case tea.KeyMsg:
		return f.onKey(msg, write)
	}
	return f, nil
}

func (f fileForm) onKey(msg tea.KeyMsg, write func(*fileForm) tea.Cmd) (fileForm, tea.Cmd) {
	k := f.keys
	switch {
	case f.busy:
		return f, nil
	case f.done:
		if key.Matches(msg, k.Close) {
			f.res = fill.Result{} // forget the passphrase now
			return f, back(nil)
		}
		return f, nil
	case key.Matches(msg, k.Write):
		cmd := write(&f)
		return f, cmd
	case key.Matches(msg, k.Cancel):
		return f, back(nil)
	}
	cmd, changed := f.set.HandleKey(msg, k.FormKeys)
	if changed {
		f.problem = ""
	}
	return f, cmd
}

// start writes the file under a fresh request: at once, or after a yes
// to confirmPlain for a file in the clear. ok false is a caseload that
// cannot write it.
func (f *fileForm) start(confirmPlain string, ok bool, write func(plain bool) (fill.Result, error)) tea.Cmd {
	f.req, f.problem = newReq(), ""
	plain := f.set.Get("sealing") == "plain"
	cmd := fail(f.env.text.T("money.file_none"))
	if ok {
		cmd = writing(f.req, func() (fill.Result, error) { return write(plain) })
	}
	if plain {
		return confirm(confirmPlain, cmd)
	}
	f.busy = true
	return cmd
}

// view draws the fields with help under them, or the file written with
// its passphrase.
func (f fileForm) view(help string) string {
	t, st := f.env.text, f.env.styles
	if f.done {
		return viewFileResult(f.env, t.Tf("money.file_done", termsafe.Line(f.res.Name)), f.res, f.warn, f.width, f.height)
	}
	extra := kit.Paragraph(st.Muted, help, f.width)
	if f.problem != "" {
		extra = append(append(extra, ""), kit.Paragraph(st.Danger, termsafe.Line(f.problem), f.width)...)
	}
	return kit.ViewFields(st, formText(t), f.set, true, f.busy, "", f.height, nil, extra)
}
