package tui

import (
	"context"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/paper/fill"
	"github.com/caseload/caseload/termsafe"
	"github.com/caseload/caseload/tui/kit"
)

// A funder's report (r on the funders list): its trajectories of a
// period by the funder's reference, as a PDF with its charts or a CSV,
// written into the export folder sealed with a fresh passphrase, or in
// the clear after a yes. cmd's session writes and logs it, as the
// command line's `invoice report` does.

// funderReporter writes a funder's report; cmd's session has it.
type funderReporter interface {
	WriteFunderReport(ctx context.Context, funderID int64, from, to time.Time, format, lang string, plain bool) (fill.Result, error)
}

// KindFunderReport writes a funder's report: Item is the funder.
const KindFunderReport ScreenKind = "funder-report"

// funderReport is the screen: a period and two choices, then the result.
type funderReport struct {
	env     *env
	keys    invoiceFileKeys
	id      int64
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

func newFunderReport(e *env, r Route) funderReport {
	t, st := e.text, e.styles
	k := invoiceFileKeys{FormKeys: newFormKeys(t),
		Write: bind([]string{"ctrl+s"}, "ctrl+s", t.T("money.key_write")),
		Close: bind([]string{"esc", "enter"}, "esc", t.T("key.back"))}
	k.Save.SetEnabled(false)
	k.Close.SetEnabled(false)
	m := funderReport{env: e, keys: k, id: r.Item, req: newReq()}
	from := kit.DateField(st, "from", t.T("money.from"), t.T("form.date_placeholder"))
	to := kit.DateField(st, "to", t.T("money.to"), t.T("form.date_placeholder"))
	// The usual report: the year so far.
	today := e.today()
	from.SetValue(dateInput(t, time.Date(today.Year(), 1, 1, 0, 0, 0, 0, time.UTC)))
	to.SetValue(dateInput(t, today))
	m.set.Fields = []kit.Field{from, to,
		kit.ChoiceField("format", t.T("money.file_format"), []kit.Option{
			{Value: "pdf", Label: t.T("money.report_pdf")}, {Value: "csv", Label: t.T("money.report_csv")}}),
		kit.ChoiceField("sealing", t.T("export.sealing"), []kit.Option{
			{Value: "passphrase", Label: t.T("export.seal_passphrase")}, {Value: "plain", Label: t.T("print.seal_plain")}}),
	}
	return m
}

// Init focuses the first date.
func (m funderReport) Init() tea.Cmd { return m.set.FocusOn(0) }

// Route names the screen and the funder.
func (m funderReport) Route() Route { return Route{Kind: KindFunderReport, Item: m.id} }

// Title is "Report to the funder".
func (m funderReport) Title() string { return m.env.text.T("money.report_title") }

// Capturing is true on the fields; the result takes the global keys.
func (m funderReport) Capturing() bool { return !m.done }

// KeyMap lists the keys that work now.
func (m funderReport) KeyMap() help.KeyMap { return m.keys }

// Draft keeps nothing: the result holds a passphrase.
func (m funderReport) Draft() (string, bool) { return "", false }

// RestoreDraft has nothing to restore.
func (m funderReport) RestoreDraft(string) funderReport { return m }

// Update handles the write and the keys.
func (m funderReport) Update(msg tea.Msg) (funderReport, tea.Cmd) {
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

func (m funderReport) onKey(msg tea.KeyMsg) (funderReport, tea.Cmd) {
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
		var days [2]time.Time
		for i, id := range []string{"from", "to"} {
			typed := m.set.Get(id)
			d, p := kit.ParseDate(typed)
			if p != kit.DateOK || d.IsZero() {
				cmd, _ := m.set.Fail(id, dateProblemText(t, p, strings.TrimSpace(typed)))
				return m, cmd
			}
			days[i] = d
		}
		m.req, m.problem = newReq(), ""
		write := m.write(days[0], days[1])
		if m.set.Get("sealing") == "plain" {
			return m, confirm(t.T("money.report_confirm_plain"), write)
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

// write writes the report; the screen waits for its answer.
func (m funderReport) write(from, to time.Time) tea.Cmd {
	f, ok := m.env.store.(funderReporter)
	if !ok {
		return fail(m.env.text.T("money.file_none"))
	}
	req, id, format, plain := m.req, m.id, m.set.Get("format"), m.set.Get("sealing") == "plain"
	lang := string(m.env.lang())
	return saving(func() tea.Msg {
		res, err := f.WriteFunderReport(ctx(), id, from, to, format, lang, plain)
		return invoiceFileWrittenMsg{req: req, res: res, err: err}
	})
}

// View draws the fields, or the file written with its passphrase.
func (m funderReport) View() string {
	t, st := m.env.text, m.env.styles
	if m.done {
		return viewFileResult(m.env, m.res, m.warn, m.width, m.height)
	}
	extra := kit.Paragraph(st.Muted, t.T("money.report_help"), m.width)
	if m.problem != "" {
		extra = append(append(extra, ""), kit.Paragraph(st.Danger, termsafe.Line(m.problem), m.width)...)
	}
	return kit.ViewFields(st, formText(t), m.set, true, m.busy, "", m.height, nil, extra)
}
