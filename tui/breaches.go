package tui

import (
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// breachesScreen is the breach register (AVG art. 33(5)): every incident
// with personal data, reported or not, with the 72 hours to report it to
// the Autoriteit Persoonsgegevens counting down from its discovery. It is
// reachable from every screen (B): a breach can be found at any moment.
type breachesScreen struct {
	env  *env
	keys breachKeys
	req  reqID

	loaded  bool
	problem string
	notice  string
	items   []store.Breach
	list    kit.List
	want    int64 // select this breach once the register is read
	width   int
	height  int
}

func newBreaches(e *env, r Route) breachesScreen {
	m := breachesScreen{env: e, keys: newBreachKeys(e.text), req: newReq(), want: r.Item}
	m.updateKeys()
	return m
}

// Init reads the register.
func (m breachesScreen) Init() tea.Cmd { return loadBreaches(m.env.store, m.req) }

// Route names the register and the selected breach.
func (m breachesScreen) Route() Route {
	r := Route{Kind: KindBreaches}
	if m.list.Cursor < len(m.items) {
		r.Item = m.items[m.list.Cursor].ID
	}
	return r
}

// Title is "Breach register".
func (m breachesScreen) Title() string { return m.env.text.T("breach.title") }

// Capturing is false: the register has no text field.
func (m breachesScreen) Capturing() bool { return false }

// KeyMap lists the register's keys.
func (m breachesScreen) KeyMap() help.KeyMap { return m.keys }

// Draft keeps nothing: the register holds no typing.
func (m breachesScreen) Draft() (string, bool) { return "", false }

// RestoreDraft has nothing to restore.
func (m breachesScreen) RestoreDraft(string) breachesScreen { return m }

// breachDoneMsg is what the breach form hands back: the breach to select
// and what was done.
type breachDoneMsg struct {
	id   int64
	note string
}

// Update reads the register, follows the form and handles the keys.
func (m breachesScreen) Update(msg tea.Msg) (breachesScreen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.list.Clamp(len(m.items), m.listHeight())
	case shownMsg:
		m.req = newReq()
		return m, loadBreaches(m.env.store, m.req)
	case breachDoneMsg:
		m.want, m.notice = msg.id, msg.note
	case breachesLoadedMsg:
		if msg.req != m.req {
			return m, nil
		}
		if msg.err != nil {
			m.problem = explain(m.env, msg.err)
			return m, nil
		}
		m.loaded, m.problem, m.items = true, "", msg.items
		for i, b := range m.items {
			if b.ID == m.want {
				m.list.Cursor = i
			}
		}
		m.want = 0
		m.list.Clamp(len(m.items), m.listHeight())
		m.updateKeys()
	case tea.KeyMsg:
		m.notice = ""
		switch {
		case key.Matches(msg, m.keys.New):
			return m, navigate(Route{Kind: KindBreachForm})
		case key.Matches(msg, m.keys.Edit):
			return m, navigate(Route{Kind: KindBreachForm, Item: m.items[m.list.Cursor].ID})
		}
		m.list.Move(msg, m.keys.ListKeys, len(m.items), m.listHeight())
	}
	return m, nil
}

func (m *breachesScreen) updateKeys() {
	m.keys.ListKeys.SetEnabled(len(m.items) > 1)
	m.keys.New.SetEnabled(m.loaded)
	m.keys.Edit.SetEnabled(m.loaded && len(m.items) > 0)
}

// introLines are the lines above the list: the intro, a notice and a
// blank line.
func (m breachesScreen) introLines() []string {
	t, st := m.env.text, m.env.styles
	lines := []string{""}
	lines = append(lines, kit.Paragraph(st.Muted, t.T("breach.intro"), m.width)...)
	if m.notice != "" {
		lines = append(lines, kit.Paragraph(st.Success, m.notice, m.width)...)
	}
	return append(lines, "")
}

func (m breachesScreen) listHeight() int { return max(m.height-len(m.introLines())-1, 1) }

// View draws the register: discovered, what happened, and where the
// report stands.
func (m breachesScreen) View() string {
	t, st := m.env.text, m.env.styles
	switch {
	case m.problem != "":
		return "\n  " + st.Danger.Render(m.problem)
	case !m.loaded:
		return "\n  " + st.Muted.Render(t.T("form.loading"))
	}
	lines := m.introLines()
	if len(m.items) == 0 {
		lines = append(lines, "  "+st.Text.Render(t.T("breach.empty")))
		lines = append(lines, kit.Paragraph(st.Muted, t.T("breach.example"), m.width)...)
		return strings.Join(lines, "\n")
	}
	now := m.env.clock()
	rows := make([][]string, len(m.items))
	styles := make([]lipgloss.Style, len(m.items))
	for i, b := range m.items {
		state, style := breachState(t, st, b, now)
		rows[i] = []string{t.DateTimeShort(b.Discovered), kit.OneLine(b.Description), state}
		styles[i] = style
	}
	table := kit.NewTable([]kit.Column{{Title: t.T("breach.col_discovered")},
		{Title: t.T("breach.col_what"), Min: 12}, {Title: t.T("breach.col_report"), Max: 42}}, rows, m.width)
	lines = append(lines, table.Header(st))
	start, end := m.list.Window(len(m.items), m.listHeight())
	for i := start; i < end; i++ {
		lines = append(lines, table.Row(st, rows[i], styles[i], i == m.list.Cursor))
	}
	return strings.Join(lines, "\n")
}

// breachState is where a breach's report stands: reported, kept
// unreported with a reason, or the hours left of the 72.
func breachState(t Text, st *Styles, b store.Breach, now time.Time) (string, lipgloss.Style) {
	switch {
	case !b.Reported.IsZero():
		return t.Tf("breach.reported_on", t.DateTimeShort(b.Reported)), st.Muted
	case strings.TrimSpace(b.NotReportedReason) != "":
		return t.Tf("breach.not_reported", kit.OneLine(b.NotReportedReason)), st.Muted
	}
	h := store.BreachHoursLeft(b, now)
	switch {
	case h < 0:
		return t.T("breach.overdue"), st.DangerBold
	case h == 1:
		return t.T("breach.hour_left"), st.Danger
	case h < 24:
		return t.N("breach.hours_left", h), st.Danger
	}
	return t.N("breach.hours_left", h), st.Warning
}

// breachKeys are the breach register's keys.
type breachKeys struct {
	kit.ListKeys
	New  key.Binding
	Edit key.Binding
}

func newBreachKeys(t Text) breachKeys {
	return breachKeys{
		ListKeys: newListKeys(t),
		New:      bind([]string{"n"}, "n", t.T("key.new_breach")),
		Edit:     bind([]string{"e", "enter"}, "e", t.T("key.edit")),
	}
}

// ShortHelp is the breach register's hint line.
func (k breachKeys) ShortHelp() []key.Binding { return []key.Binding{k.New, k.Edit} }

// FullHelp is the breach register's part of the help overlay.
func (k breachKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.ListKeys.Bindings(), {k.New, k.Edit}}
}

// breachesLoadedMsg answers loadBreaches.
type breachesLoadedMsg struct {
	req   reqID
	items []store.Breach
	err   error
}

func (m breachesLoadedMsg) request() reqID { return m.req }

// loadBreaches reads the breach register. The breach form reads it too, to
// find the one breach it edits: the register is short, and the store has
// no getter for one.
func loadBreaches(s Store, req reqID) tea.Cmd {
	return func() tea.Msg {
		items, err := s.Breaches(ctx())
		return breachesLoadedMsg{req: req, items: items, err: err}
	}
}

// Loading is true until the register has loaded: the root model holds the
// keys typed meanwhile and hands them over after.
func (m breachesScreen) Loading() bool { return !m.loaded && m.problem == "" }
