package tui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/invoice"
	"github.com/caseload/caseload/paper/fill"
	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/termsafe"
)

// moneyStats is the practice's year in pictures ($ on the caseload):
// billable hours and invoiced amounts per month, attendance per month, and
// the anonymous outcomes per year that survive a purge, as bars of blocks.
// It names no client.
type moneyStats struct {
	env     *env
	keys    moneyStatsKeys
	year    int
	req     reqID
	loaded  bool
	problem string
	months  []store.MonthMoney
	years   []store.YearStats
	// The year report written (p, or P in the clear after a yes): shown
	// until esc, its passphrase forgotten then.
	busy   bool
	done   bool
	res    fill.Result
	warn   string
	width  int
	height int
}

// KindMoneyStats is the statistics screen; Item is the year shown.
const KindMoneyStats ScreenKind = "money-stats"

type moneyStatsKeys struct{ Prev, Next, Write, Plain, Books, Close key.Binding }

// ShortHelp is the statistics screen's hint line.
func (k moneyStatsKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Prev, k.Next, k.Write, k.Plain, k.Books, k.Close}
}

// yearReporter writes the practice's year report; cmd's session has it.
type yearReporter interface {
	WriteYearReport(ctx context.Context, year int, lang string, plain bool) (fill.Result, error)
}

// FullHelp is its part of the help overlay.
func (k moneyStatsKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// newMoneyStatsOpenKey is $ on the caseload.
func newMoneyStatsOpenKey(t Text) key.Binding { return bind([]string{"$"}, "$", t.T("stats.key_open")) }

func newMoneyStats(e *env, r Route) moneyStats {
	t := e.text
	y := int(r.Item)
	if y == 0 {
		y = e.today().Year()
	}
	return moneyStats{env: e, year: y, req: newReq(), keys: moneyStatsKeys{
		Prev:  bind([]string{"left", "h"}, "←", t.T("stats.key_prev")),
		Next:  bind([]string{"right", "l"}, "→", t.T("stats.key_next")),
		Write: bind([]string{"p"}, "p", t.T("stats.key_write")),
		Plain: bind([]string{"P"}, "P", t.T("stats.key_plain")),
		Books: bind([]string{"b"}, "b", t.T("stats.key_books")),
		Close: bind([]string{"esc", "enter"}, "esc", t.T("key.back")),
	}}.showing(false)
}

// showing enables the keys of the charts, or of a written file shown.
func (m moneyStats) showing(done bool) moneyStats {
	m.done = done
	for _, b := range []*key.Binding{&m.keys.Prev, &m.keys.Next, &m.keys.Write, &m.keys.Plain, &m.keys.Books} {
		b.SetEnabled(!done)
	}
	m.keys.Close.SetEnabled(done)
	return m
}

// moneyStatsMsg answers loadMoneyStats.
type moneyStatsMsg struct {
	req    reqID
	months []store.MonthMoney
	years  []store.YearStats
	err    error
}

func loadMoneyStats(e *env, req reqID, year int) tea.Cmd {
	ms, ok := moneyOf(e)
	st := e.store
	return func() tea.Msg {
		msg := moneyStatsMsg{req: req}
		if !ok {
			return msg
		}
		if msg.months, msg.err = ms.MoneyYear(ctx(), year); msg.err != nil {
			return msg
		}
		msg.years, msg.err = st.Statistics(ctx())
		return msg
	}
}

// Init loads the year.
func (m moneyStats) Init() tea.Cmd { return loadMoneyStats(m.env, m.req, m.year) }

// Route names the screen and its year.
func (m moneyStats) Route() Route { return Route{Kind: KindMoneyStats, Item: int64(m.year)} }

// Title is "Statistics".
func (m moneyStats) Title() string { return m.env.text.T("stats.title") }

// Capturing is true while a written file is shown: esc leaves it for the
// charts.
func (m moneyStats) Capturing() bool { return m.done }

// KeyMap lists the keys.
func (m moneyStats) KeyMap() help.KeyMap { return m.keys }

// Draft keeps nothing.
func (m moneyStats) Draft() (string, bool) { return "", false }

// RestoreDraft has nothing to restore.
func (m moneyStats) RestoreDraft(string) moneyStats { return m }

// Update handles the answer and the year keys.
func (m moneyStats) Update(msg tea.Msg) (moneyStats, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case moneyStatsMsg:
		if msg.req != m.req {
			return m, nil
		}
		m.loaded, m.problem, m.months, m.years = msg.err == nil, "", msg.months, msg.years
		if msg.err != nil {
			m.problem = explain(m.env, msg.err)
		}
	case writtenMsg[fill.Result]:
		if msg.req != m.req {
			return m, nil
		}
		m.busy = false
		if msg.res.Path == "" {
			m.problem = moneyProblem(m.env, msg.err)
			return m, nil
		}
		m, m.res, m.warn = m.showing(true), msg.res, ""
		if msg.err != nil {
			m.warn = explain(m.env, msg.err)
		}
	case tea.KeyMsg:
		switch {
		case m.busy:
			return m, nil
		case m.done:
			if key.Matches(msg, m.keys.Close) {
				m, m.res = m.showing(false), fill.Result{} // forget the passphrase now
			}
			return m, nil
		case key.Matches(msg, m.keys.Write):
			m.req = newReq()
			m.busy = true
			return m, m.write(false)
		case key.Matches(msg, m.keys.Plain):
			m.req = newReq()
			return m, confirm(m.env.text.T("stats.confirm_plain"), m.write(true))
		case key.Matches(msg, m.keys.Books):
			return m, navigate(Route{Kind: KindBooks, Item: int64(m.year)})
		case key.Matches(msg, m.keys.Prev):
			m.year--
		case key.Matches(msg, m.keys.Next):
			m.year++
		default:
			return m, nil
		}
		m.req = newReq()
		return m, loadMoneyStats(m.env, m.req, m.year)
	}
	return m, nil
}

// write writes the year report of the year shown; the screen waits for
// its answer.
func (m moneyStats) write(plain bool) tea.Cmd {
	y, ok := m.env.store.(yearReporter)
	if !ok {
		return fail(m.env.text.T("money.file_none"))
	}
	year, lang := m.year, string(m.env.lang())
	return writing(m.req, func() (fill.Result, error) { return y.WriteYearReport(ctx(), year, lang, plain) })
}

// bar is a row of blocks for v of most, at most width wide; a value
// above zero shows at least a sliver.
func bar(v, most int64, width int) string {
	if most <= 0 || v <= 0 {
		return ""
	}
	n := int(v * int64(width) / most)
	if n == 0 {
		return "▏"
	}
	return strings.Repeat("█", n)
}

// View draws the three charts.
func (m moneyStats) View() string {
	t, st, l := m.env.text, m.env.styles, m.env.lang()
	if m.done {
		return viewFileResult(m.env, t.Tf("money.file_done", termsafe.Line(m.res.Name)), m.res, m.warn, m.width, m.height)
	}
	if !m.loaded {
		if m.problem != "" {
			return "\n  " + st.Danger.Render(m.problem)
		}
		return "\n  " + st.Muted.Render(t.T("form.loading"))
	}
	w := max(min((m.width-46)/2, 30), 6)
	var b strings.Builder
	line := func(s string) { b.WriteString(s + "\n") }
	var mostMin int64
	var mostAppts int
	for _, mo := range m.months {
		mostMin = max(mostMin, mo.Minutes)
		mostAppts = max(mostAppts, mo.Attended+mo.NoShows+mo.Cancelled)
	}
	most := int64(max(mostAppts, 1))
	line("")
	if m.problem != "" {
		line("  " + st.Danger.Render(termsafe.Line(m.problem)))
	}
	line("  " + st.Title.Render(fmt.Sprintf(t.T("stats.year"), m.year)))
	line("  " + st.Header.Render(fmt.Sprintf("%-4s%-7s%-*s%13s  %s", "", t.T("stats.hours"), w+1, "", t.T("stats.invoiced"), t.T("stats.attendance"))))
	for i, mo := range m.months {
		hb := bar(mo.Minutes, mostMin, w)
		line(fmt.Sprintf("  %s %-6s %s%s %12s  %3d %s%s%s", t.MonthShort(time.Month(i+1)), invoice.Duration(mo.Minutes),
			st.Accent.Render(hb), strings.Repeat(" ", w-len([]rune(hb))), invoice.Euro(l, mo.InvoicedCents),
			mo.Attended+mo.NoShows+mo.Cancelled,
			st.Success.Render(strings.Repeat("█", int(int64(mo.Attended)*int64(w)/most))),
			st.Warning.Render(strings.Repeat("█", int(int64(mo.NoShows)*int64(w)/most))),
			st.Muted.Render(strings.Repeat("█", int(int64(mo.Cancelled)*int64(w)/most)))))
	}
	line("  " + st.Muted.Render(t.T("stats.attendance")+":") + " " + st.Success.Render("█") + " " + t.T("stats.attended") + "  " +
		st.Warning.Render("█") + " " + t.T("stats.no_show") + "  " + st.Muted.Render("█") + " " + t.T("stats.cancelled"))
	line("")
	line("  " + st.Title.Render(t.T("stats.outcomes")))
	if len(m.years) == 0 {
		line("  " + st.Muted.Render(t.T("stats.no_outcomes")))
	}
	for _, y := range m.years {
		parts := []string{}
		for _, o := range append(store.Outcomes[:len(store.Outcomes):len(store.Outcomes)], store.OutcomeUnknown) {
			if n := y.Outcomes[o]; n > 0 {
				parts = append(parts, fmt.Sprintf("%s %d", outcomeText(t, o), n))
			}
		}
		line(fmt.Sprintf("  %d %4d %s  %s", y.Year, y.Trajectories, st.Accent.Render(bar(int64(y.Trajectories), int64(maxTrajectories(m.years)), w/2)),
			st.Muted.Render(strings.Join(parts, " · "))))
	}
	return b.String()
}

func maxTrajectories(ys []store.YearStats) int {
	n := 0
	for _, y := range ys {
		n = max(n, y.Trajectories)
	}
	return n
}
