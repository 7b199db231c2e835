package tui

import (
	"context"
	"fmt"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/paper/fill"
	"github.com/caseload/caseload/termsafe"
	"github.com/caseload/caseload/tui/kit"
)

// The bookkeeper's quarterly list of invoices (b on the statistics): a
// quarter of the year shown, as a CSV written into the export folder
// sealed with a fresh passphrase, or in the clear after a yes. cmd's
// session writes and logs it, as the command line's `invoice books` does.

// booksWriter writes the bookkeeper's CSV; cmd's session has it.
type booksWriter interface {
	WriteBooks(ctx context.Context, year, quarter int, lang string, plain bool) (fill.Result, error)
}

// KindBooks writes the bookkeeper's CSV: Item is the year.
const KindBooks ScreenKind = "money-books"

// booksFile is the screen: a quarter and the sealing, then the result.
type booksFile struct {
	env     *env
	keys    invoiceFileKeys
	year    int
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

func newBooksFile(e *env, r Route) booksFile {
	t := e.text
	k := invoiceFileKeys{FormKeys: newFormKeys(t),
		Write: bind([]string{"ctrl+s"}, "ctrl+s", t.T("money.key_write")),
		Close: bind([]string{"esc", "enter"}, "esc", t.T("key.back"))}
	k.Save.SetEnabled(false)
	k.Close.SetEnabled(false)
	y := int(r.Item)
	if y == 0 {
		y = e.today().Year()
	}
	m := booksFile{env: e, keys: k, year: y, req: newReq()}
	quarters := make([]kit.Option, 4)
	for i := range quarters {
		quarters[i] = kit.Option{Value: fmt.Sprint(i + 1), Label: fmt.Sprintf("Q%d %d", i+1, y)}
	}
	// The usual list: the quarter just ended (or the first, early in a year).
	if today := e.today(); today.Year() == y {
		if q := (int(today.Month())-1)/3 - 1; q > 0 {
			quarters = append(quarters[q:], quarters[:q]...)
		}
	}
	m.set.Fields = []kit.Field{
		kit.ChoiceField("quarter", t.T("books.quarter"), quarters),
		kit.ChoiceField("sealing", t.T("export.sealing"), []kit.Option{
			{Value: "passphrase", Label: t.T("export.seal_passphrase")}, {Value: "plain", Label: t.T("print.seal_plain")}}),
	}
	return m
}

// Init focuses the quarter.
func (m booksFile) Init() tea.Cmd { return m.set.FocusOn(0) }

// Route names the screen and the year.
func (m booksFile) Route() Route { return Route{Kind: KindBooks, Item: int64(m.year)} }

// Title is "Invoices for the bookkeeper".
func (m booksFile) Title() string { return m.env.text.T("books.title") }

// Capturing is true on the fields; the result takes the global keys.
func (m booksFile) Capturing() bool { return !m.done }

// KeyMap lists the keys that work now.
func (m booksFile) KeyMap() help.KeyMap { return m.keys }

// Draft keeps nothing: the result holds a passphrase.
func (m booksFile) Draft() (string, bool) { return "", false }

// RestoreDraft has nothing to restore.
func (m booksFile) RestoreDraft(string) booksFile { return m }

// Update handles the write and the keys.
func (m booksFile) Update(msg tea.Msg) (booksFile, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case invoiceFileWrittenMsg:
		if msg.req != m.req {
			return m, nil
		}
		m.busy = false
		if msg.res.Path == "" {
			m.problem = moneyProblem(m.env, msg.err)
			return m, nil
		}
		m.done, m.res = true, msg.res
		if msg.err != nil {
			m.warn = explain(m.env, msg.err)
		}
		for _, b := range []*key.Binding{&m.keys.Write, &m.keys.Next, &m.keys.Prev, &m.keys.Choice, &m.keys.Cancel} {
			b.SetEnabled(false)
		}
		m.keys.Close.SetEnabled(true)
	case tea.KeyMsg:
		return m.onKey(msg)
	}
	return m, nil
}

func (m booksFile) onKey(msg tea.KeyMsg) (booksFile, tea.Cmd) {
	k, t := m.keys, m.env.text
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
		m.req, m.problem = newReq(), ""
		write := m.write()
		if m.set.Get("sealing") == "plain" {
			return m, confirm(t.T("books.confirm_plain"), write)
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

// write writes the list; the screen waits for its answer.
func (m booksFile) write() tea.Cmd {
	w, ok := m.env.store.(booksWriter)
	if !ok {
		return fail(m.env.text.T("money.file_none"))
	}
	var q int
	fmt.Sscan(m.set.Get("quarter"), &q)
	req, year, plain, lang := m.req, m.year, m.set.Get("sealing") == "plain", string(m.env.lang())
	return saving(func() tea.Msg {
		res, err := w.WriteBooks(ctx(), year, q, lang, plain)
		return invoiceFileWrittenMsg{req: req, res: res, err: err}
	})
}

// View draws the fields, or the file written with its passphrase.
func (m booksFile) View() string {
	t, st := m.env.text, m.env.styles
	if m.done {
		return viewFileResult(m.env, m.res, m.warn, m.width, m.height)
	}
	extra := kit.Paragraph(st.Muted, t.T("books.help"), m.width)
	if m.problem != "" {
		extra = append(append(extra, ""), kit.Paragraph(st.Danger, termsafe.Line(m.problem), m.width)...)
	}
	return kit.ViewFields(st, formText(t), m.set, true, m.busy, "", m.height, nil, extra)
}
