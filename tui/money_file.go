package tui

import (
	"context"
	"errors"
	"strings"

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
	env     *env
	keys    invoiceFileKeys
	client  int64
	id      int64
	number  string
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

func newInvoiceFile(e *env, r Route) invoiceFile {
	t := e.text
	k := invoiceFileKeys{FormKeys: newFormKeys(t),
		Write: bind([]string{"ctrl+s"}, "ctrl+s", t.T("money.key_write")),
		Close: bind([]string{"esc", "enter"}, "esc", t.T("key.back"))}
	k.Save.SetEnabled(false) // Write is ctrl+s with its own words
	k.Close.SetEnabled(false)
	m := invoiceFile{env: e, keys: k, client: r.Client, id: r.Item, req: newReq()}
	m.set.Fields = []kit.Field{
		kit.ChoiceField("format", t.T("money.file_format"), []kit.Option{
			{Value: "pdf", Label: t.T("money.file_pdf")}, {Value: "ubl", Label: t.T("money.file_ubl")}}),
		kit.ChoiceField("sealing", t.T("export.sealing"), []kit.Option{
			{Value: "passphrase", Label: t.T("export.seal_passphrase")}, {Value: "plain", Label: t.T("print.seal_plain")}}),
	}
	return m
}

// Init focuses the first choice and reads the invoice's number.
func (m invoiceFile) Init() tea.Cmd {
	st, req, id := m.env.store, m.req, m.id
	return tea.Batch(m.set.FocusOn(0), func() tea.Msg {
		ms, ok := st.(moneyEditor)
		if !ok {
			return invoiceFileLoadedMsg{req: req, err: errors.New("this caseload has no money side")}
		}
		list, err := ms.Invoices(ctx(), m.client)
		for _, inv := range list {
			if inv.ID == id {
				return invoiceFileLoadedMsg{req: req, number: inv.Number}
			}
		}
		if err == nil {
			err = errors.New("no such invoice")
		}
		return invoiceFileLoadedMsg{req: req, err: err}
	})
}

// invoiceFileLoadedMsg answers Init.
type invoiceFileLoadedMsg struct {
	req    reqID
	number string
	err    error
}

func (m invoiceFileLoadedMsg) request() reqID { return m.req }

// invoiceFileWrittenMsg answers the write.
type invoiceFileWrittenMsg struct {
	req reqID
	res fill.Result
	err error
}

func (m invoiceFileWrittenMsg) request() reqID { return m.req }

// saveErr: the status line says "not saved" only for a file written
// whose log line is not on disk yet.
func (m invoiceFileWrittenMsg) saveErr() error { return m.err }

// Route names the screen, the client and the invoice.
func (m invoiceFile) Route() Route { return Route{Kind: KindInvoiceFile, Client: m.client, Item: m.id} }

// Title is "Invoice as a file".
func (m invoiceFile) Title() string { return m.env.text.T("money.file_title") }

// Capturing is true on the choices; the result takes the global keys.
func (m invoiceFile) Capturing() bool { return !m.done }

// KeyMap lists the keys that work now.
func (m invoiceFile) KeyMap() help.KeyMap { return m.keys }

// Draft keeps nothing: the result holds a passphrase.
func (m invoiceFile) Draft() (string, bool) { return "", false }

// RestoreDraft has nothing to restore.
func (m invoiceFile) RestoreDraft(string) invoiceFile { return m }

// Update handles the load, the write and the keys.
func (m invoiceFile) Update(msg tea.Msg) (invoiceFile, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case invoiceFileLoadedMsg:
		if msg.req == m.req {
			m.number, m.problem = msg.number, explain(m.env, msg.err)
		}
	case invoiceFileWrittenMsg:
		if msg.req != m.req {
			return m, nil
		}
		m.busy = false
		if msg.res.Path == "" {
			m.problem = m.fileProblem(msg.err)
			return m, nil
		}
		m.done, m.res = true, msg.res
		if msg.err != nil {
			m.warn = explain(m.env, msg.err)
		}
		m.keys.Write.SetEnabled(false)
		m.keys.Next.SetEnabled(false)
		m.keys.Prev.SetEnabled(false)
		m.keys.Choice.SetEnabled(false)
		m.keys.Cancel.SetEnabled(false)
		m.keys.Close.SetEnabled(true)
	case tea.KeyMsg:
		return m.onKey(msg)
	}
	return m, nil
}

func (m invoiceFile) onKey(msg tea.KeyMsg) (invoiceFile, tea.Cmd) {
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
	case key.Matches(msg, k.Write):
		if m.number == "" {
			return m, nil
		}
		m.req, m.problem = newReq(), ""
		write := m.write()
		if m.set.Get("sealing") == "plain" {
			return m, confirm(m.env.text.T("money.file_confirm_plain"), write)
		}
		m.busy = true
		return m, write
	case key.Matches(msg, k.Cancel):
		return m, back(nil)
	}
	cmd, changed := m.set.HandleKey(msg, k.FormKeys)
	if changed {
		m.problem = ""
	}
	return m, cmd
}

// write writes the file; the screen waits for its answer.
func (m invoiceFile) write() tea.Cmd {
	f, ok := m.env.store.(invoiceFiler)
	if !ok {
		return fail(m.env.text.T("money.file_none"))
	}
	req, id, format, plain := m.req, m.id, m.set.Get("format"), m.set.Get("sealing") == "plain"
	lang := string(m.env.lang())
	return saving(func() tea.Msg {
		res, err := f.WriteInvoiceFile(ctx(), id, format, lang, plain)
		return invoiceFileWrittenMsg{req: req, res: res, err: err}
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
	t, st := m.env.text, m.env.styles
	if m.done {
		return viewFileResult(m.env, m.res, m.warn, m.width, m.height)
	}
	extra := kit.Paragraph(st.Muted, t.Tf("money.file_help", termsafe.Line(m.number)), m.width)
	if m.problem != "" {
		extra = append(append(extra, ""), kit.Paragraph(st.Danger, m.problem, m.width)...)
	}
	saving := m.busy
	return kit.ViewFields(st, formText(t), m.set, true, saving, "", m.height, nil, extra)
}

// viewFileResult is a written file: where it went, and its passphrase,
// shown this once, or that it is not encrypted.
func viewFileResult(e *env, r fill.Result, warn string, width, height int) string {
	t, st := e.text, e.styles
	lines := []string{""}
	lines = append(lines, kit.Paragraph(st.Title, t.Tf("money.file_done", termsafe.Line(r.Name)), width)...)
	lines = append(lines, "", "  "+st.Label.Render(t.T("export.file")), "    "+st.Text.Render(termsafe.Line(r.Path)))
	if warn != "" {
		lines = append(append(lines, ""), kit.Paragraph(st.Warning, warn, width)...)
	}
	lines = append(lines, "")
	if r.Sealed {
		lines = append(lines, "  "+st.Label.Render(t.T("export.passphrase")))
		for _, l := range strings.Split(st.Box.Render(st.Accent.Render(r.Passphrase)), "\n") {
			lines = append(lines, "  "+l)
		}
		lines = append(lines, kit.Paragraph(st.Warning, t.T("export.channel"), width)...)
	} else {
		lines = append(lines, kit.Paragraph(st.Danger, t.T("print.sealed_none"), width)...)
	}
	return strings.Join(kit.ScrollWindow(lines, 0, height), "\n")
}
