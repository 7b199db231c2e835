package tui

import (
	"context"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/paper/fill"
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
	fileForm
	id int64
}

func newFunderReport(e *env, r Route) funderReport {
	t, st := e.text, e.styles
	from := kit.DateField(st, "from", t.T("money.from"), t.T("form.date_placeholder"))
	to := kit.DateField(st, "to", t.T("money.to"), t.T("form.date_placeholder"))
	// The usual report: the year so far.
	today := e.today()
	from.SetValue(dateInput(t, time.Date(today.Year(), 1, 1, 0, 0, 0, 0, time.UTC)))
	to.SetValue(dateInput(t, today))
	return funderReport{id: r.Item, fileForm: newFileForm(e, from, to,
		kit.ChoiceField("format", t.T("money.file_format"), []kit.Option{
			{Value: "pdf", Label: t.T("money.report_pdf")}, {Value: "csv", Label: t.T("money.report_csv")}}))}
}

// Route names the screen and the funder.
func (m funderReport) Route() Route { return Route{Kind: KindFunderReport, Item: m.id} }

// Title is "Report to the funder".
func (m funderReport) Title() string { return m.env.text.T("money.report_title") }

// RestoreDraft has nothing to restore.
func (m funderReport) RestoreDraft(string) funderReport { return m }

// Update handles the write and the keys.
func (m funderReport) Update(msg tea.Msg) (funderReport, tea.Cmd) {
	var cmd tea.Cmd
	m.fileForm, cmd = m.update(msg, func(err error) string { return moneyProblem(m.env, err) }, m.write)
	return m, cmd
}

// write reads the period and writes the report; the screen waits for
// its answer. A date that cannot be read is said under its field.
func (m funderReport) write(f *fileForm) tea.Cmd {
	var days [2]time.Time
	for i, id := range []string{"from", "to"} {
		typed := f.set.Get(id)
		d, p := kit.ParseDate(typed)
		if p != kit.DateOK || d.IsZero() {
			cmd, _ := f.set.Fail(id, dateProblemText(m.env.text, p, strings.TrimSpace(typed)))
			return cmd
		}
		days[i] = d
	}
	r, ok := m.env.store.(funderReporter)
	id, format, lang := m.id, f.set.Get("format"), string(m.env.lang())
	return f.start(m.env.text.T("money.report_confirm_plain"), ok, func(plain bool) (fill.Result, error) {
		return r.WriteFunderReport(ctx(), id, days[0], days[1], format, lang, plain)
	})
}

// View draws the fields, or the file written with its passphrase.
func (m funderReport) View() string { return m.view(m.env.text.T("money.report_help")) }
