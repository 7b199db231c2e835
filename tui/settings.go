package tui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// settingsScreen shows the retention policies (e edits the one under the
// cursor), the practice's details (p edits them; the access report quotes
// them) and the anonymous statistics per year, read-only.
type settingsScreen struct {
	env       *env
	keys      settingsKeys
	templates key.Binding // t: the paper templates
	req       reqID

	loaded  bool
	problem string
	s       settings
	list    kit.List
	width   int
	height  int
	delReq  reqID // the deletion of a category under way
}

func newSettings(e *env) settingsScreen {
	m := settingsScreen{env: e, keys: newSettingsKeys(e.text), templates: newTemplatesOpenKey(e.text), req: newReq()}
	m.updateKeys()
	return m
}

// Init loads the settings, answering to the request id of the constructor.
func (m settingsScreen) Init() tea.Cmd { return loadSettings(m.env.store, m.req) }

// Route names the screen.
func (m settingsScreen) Route() Route { return Route{Kind: KindSettings} }

// Title is "Settings".
func (m settingsScreen) Title() string { return m.env.text.T("settings.title") }

// Capturing is false: the screen has no text field.
func (m settingsScreen) Capturing() bool { return false }

// KeyMap lists the screen's keys.
func (m settingsScreen) KeyMap() help.KeyMap {
	return withKeys{base: m.keys, extra: []key.Binding{m.templates}}
}

// Draft keeps nothing.
func (m settingsScreen) Draft() (string, bool) { return "", false }

// RestoreDraft has nothing to restore.
func (m settingsScreen) RestoreDraft(string) settingsScreen { return m }

// Update loads, reloads when a form above closes, and handles the keys.
func (m settingsScreen) Update(msg tea.Msg) (settingsScreen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case shownMsg:
		m.req = newReq()
		return m, loadSettings(m.env.store, m.req)
	case settingsLoadedMsg:
		if msg.req != m.req {
			return m, nil
		}
		m.loaded, m.s, m.problem = true, msg.s, explain(m.env, msg.err)
		m.list.Clamp(len(m.s.policies), len(m.s.policies))
		m.updateKeys()
	case policyDeletedMsg:
		if msg.req != m.delReq {
			return m, nil
		}
		if msg.err != nil && !isNotSaved(m.env, msg.err) {
			return m, fail(explain(m.env, msg.err))
		}
		m.req = newReq()
		return m, tea.Batch(loadSettings(m.env.store, m.req), notify(m.env.text.T("policy.deleted")))
	case registerWrittenMsg:
		if msg.err != nil {
			m.problem = explain(m.env, msg.err)
			return m, nil
		}
		return m, notify(m.env.text.Tf("register.written", msg.path))
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, m.keys.Edit):
			p := m.s.policies[m.list.Cursor]
			return m, navigate(Route{Kind: KindPolicy, Tab: string(p.Category)})
		case key.Matches(msg, m.keys.NewCategory):
			return m, navigate(Route{Kind: KindPolicy})
		case key.Matches(msg, m.keys.DeleteCategory):
			p := m.s.policies[m.list.Cursor]
			k, _ := keeper(m.env.store)
			m.delReq = newReq()
			return m, confirm(m.env.text.Tf("policy.delete_confirm", policyName(m.env.text, p)),
				deletePolicy(k, m.delReq, p.Category))
		case key.Matches(msg, m.keys.Practice):
			return m, navigate(Route{Kind: KindPractice})
		case key.Matches(msg, m.templates):
			return m, navigate(Route{Kind: KindTemplates})
		case key.Matches(msg, m.keys.AddKey):
			return m, navigate(Route{Kind: KindSecurityKey})
		case key.Matches(msg, m.keys.Processors):
			return m, navigate(Route{Kind: KindProcessors})
		case key.Matches(msg, m.keys.Register):
			return m, writeRegister(m.env.store, m.env.text, m.env.today().Format("2006-01-02"))
		}
		m.list.Move(msg, m.keys.ListKeys, len(m.s.policies), len(m.s.policies))
		m.updateKeys()
	}
	return m, nil
}

func (m *settingsScreen) updateKeys() {
	n := len(m.s.policies)
	m.keys.ListKeys.SetEnabled(n > 1)
	m.keys.Edit.SetEnabled(n > 0)
	m.keys.Practice.SetEnabled(m.loaded)
	m.keys.Register.SetEnabled(m.loaded)
	m.templates.SetEnabled(m.loaded)
	_, binds := m.env.store.(keyBinder)
	m.keys.AddKey.SetEnabled(m.loaded && binds)
	m.keys.Processors.SetEnabled(m.loaded)
	_, keeps := keeper(m.env.store)
	m.keys.NewCategory.SetEnabled(m.loaded && keeps)
	m.keys.DeleteCategory.SetEnabled(m.loaded && keeps && n > 0 && m.list.Cursor < n &&
		m.s.policies[m.list.Cursor].Category.Item())
}

// View draws the three sections.
func (m settingsScreen) View() string {
	t, st := m.env.text, m.env.styles
	switch {
	case m.problem != "":
		return "\n  " + st.Danger.Render(m.problem)
	case !m.loaded:
		return "\n  " + st.Muted.Render(t.T("form.loading"))
	}
	lines := []string{"", "  " + st.Title.Render(t.T("settings.policies"))}
	rows := make([][]string, len(m.s.policies))
	for i, p := range m.s.policies {
		rows[i] = []string{policyName(t, p), policyRule(t, p), kit.OneLine(p.ReasonText(string(t.Lang())))}
	}
	table := kit.NewTable([]kit.Column{{}, {}, {Min: 16}}, rows, m.width)
	for i := range rows {
		lines = append(lines, table.Line(st, rows[i], st.Text, i == m.list.Cursor))
	}
	lines = append(lines, "", "  "+st.Title.Render(t.T("settings.practice")))
	pr := m.s.practice
	for _, f := range practiceFields(t, pr) {
		v := kit.OneLine(f.value)
		if v == "" {
			v = st.Muted.Render("—")
		}
		lines = append(lines, kit.LabelLine(st, f.label, v))
	}
	target := st.Muted.Render(t.T("practice.answer_target_none"))
	if m.s.target > 0 {
		target = t.N("practice.answer_target_days", m.s.target)
	}
	lines = append(lines, kit.LabelLine(st, t.T("practice.answer_target"), target))
	recorded := st.Muted.Render(t.T("practice.fields_none"))
	if len(m.s.fields) > 0 {
		names := make([]string, len(m.s.fields))
		for i, f := range m.s.fields {
			names[i] = fieldLabel(t, f)
		}
		recorded = strings.Join(names, ", ")
	}
	lines = append(lines, kit.LabelLine(st, t.T("practice.fields_recorded"), recorded))
	lines = append(lines, "", "  "+st.Title.Render(t.T("processors.title")))
	if len(m.s.processors) == 0 {
		lines = append(lines, "  "+st.Muted.Render(t.T("processors.none_short")))
	}
	procs := make([][]string, len(m.s.processors))
	for i, p := range m.s.processors {
		procs[i] = []string{kit.OneLine(p.Name), t.T("processors.agreement_yes")}
		if !p.Agreement {
			procs[i][1] = t.T("processors.agreement_no")
		}
	}
	procTable := kit.NewTable([]kit.Column{{Width: 24, Min: 12}, {}}, procs, m.width)
	for i, p := range m.s.processors {
		style := st.Text
		if !p.Agreement {
			style = st.Warning
		}
		lines = append(lines, procTable.Row(st, procs[i], style, false))
	}
	lines = append(lines, securityKeyLines(m.env)...)
	lines = append(lines, "", "  "+st.Title.Render(t.T("settings.statistics")))
	if len(m.s.stats) == 0 {
		lines = append(lines, "  "+st.Muted.Render(t.T("settings.no_statistics")))
	}
	for _, y := range m.s.stats {
		lines = append(lines, "  "+st.Text.Render(statsLine(t, y)))
	}
	return strings.Join(lines, "\n")
}

// policyRule is "24 maanden na einde traject".
func policyRule(t Text, p store.Policy) string {
	var basis string
	switch {
	case p.Category.Item():
		basis = itemBasisText(t, p.Basis)
	default:
		basis = policyBasisText(t, p.Basis)
	}
	return t.N("policy.rule", p.Months, basis)
}

// policyBasisText names the event a fixed category counts from.
func policyBasisText(t Text, b store.Basis) string {
	var basis string
	switch b {
	case store.BasisTrajectoryEnd:
		basis = t.T("basis.trajectory_end")
	case store.BasisRejection:
		basis = t.T("basis.rejection")
	case store.BasisRecordDate:
		basis = t.T("basis.record_date")
	case store.BasisInvoiceDate:
		basis = t.T("basis.invoice_date")
	default:
		basis = string(b)
	}
	return basis
}

// statsLine is one year: "2025  12 trajecten · mediaan 143 dagen ·
// opleiding 42% · werk 33%".
func statsLine(t Text, y store.YearStats) string {
	pct := func(o store.Outcome) string {
		if y.Trajectories == 0 {
			return "0%"
		}
		return strconv.Itoa((y.Outcomes[o]*100+y.Trajectories/2)/y.Trajectories) + "%"
	}
	return fmt.Sprintf("%d  ", y.Year) + t.N("settings.stats_line", y.Trajectories, t.N("count.days", int(y.MedianDays+0.5)),
		pct(store.OutcomeEducation), pct(store.OutcomeWork))
}

// practiceField is one of the practice's details with its label.
type practiceField struct {
	id, label, value string
}

// practiceFields lists the practice's details in the order the access
// report names them.
func practiceFields(t Text, p store.Practice) []practiceField {
	return []practiceField{
		{"name", t.T("practice.name"), p.Name},
		{"address", t.T("practice.address"), p.Address},
		{"email", t.T("practice.email"), p.Email},
		{"phone", t.T("practice.phone"), p.Phone},
		{"kvk", t.T("practice.kvk"), p.KvK},
		{"dpo_contact", t.T("practice.dpo_contact"), p.DPOContact},
		{"purposes", t.T("practice.purposes"), p.Purposes},
		{"legal_bases", t.T("practice.legal_bases"), p.LegalBases},
		{"recipients", t.T("practice.recipients"), p.Recipients},
	}
}

// settingsKeys are the settings screen's keys: the cursor moves over the
// retention policies.
type settingsKeys struct {
	kit.ListKeys
	Edit       key.Binding
	Practice   key.Binding
	Register   key.Binding
	Processors key.Binding
	AddKey     key.Binding
	// NewCategory and DeleteCategory add a retention category of the
	// practice's own, and delete the one under the cursor.
	NewCategory    key.Binding
	DeleteCategory key.Binding
}

func newSettingsKeys(t Text) settingsKeys {
	return settingsKeys{
		ListKeys:       newListKeys(t),
		NewCategory:    bind([]string{"n"}, "n", t.T("key.new_category")),
		DeleteCategory: bind([]string{"d"}, "d", t.T("key.delete_category")),
		Edit:           bind([]string{"e", "enter"}, "e", t.T("key.edit_policy")),
		Practice:       bind([]string{"p"}, "p", t.T("key.edit_practice")),
		Register:       bind([]string{"w"}, "w", t.T("key.write_register")),
		Processors:     bind([]string{"v"}, "v", t.T("key.processors")),
		AddKey:         bind([]string{"b"}, "b", t.T("key.add_security_key")),
	}
}

// ShortHelp is the settings screen's hint line.
func (k settingsKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Edit, k.Practice, k.Register}
}

// FullHelp is the settings screen's part of the help overlay.
func (k settingsKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.ListKeys.Bindings(), {k.Edit, k.NewCategory, k.DeleteCategory, k.Practice, k.Processors,
		k.Register, k.AddKey}}
}

// settings is what the settings screen shows, read in one command.
type settings struct {
	policies []store.Policy
	practice store.Practice
	stats    []store.YearStats
	// target is the practice's answer target for rights requests, in days
	// (0: none); processors its processors.
	target     int
	processors []store.Processor
	// fields are the optional client fields the practice records.
	fields store.FieldSet
}

// settingsLoadedMsg answers loadSettings.
type settingsLoadedMsg struct {
	req reqID
	s   settings
	err error
}

func (m settingsLoadedMsg) request() reqID { return m.req }

// loadSettings reads the policies, the practice's details and the
// statistics.
func loadSettings(s Store, req reqID) tea.Cmd {
	return func() tea.Msg {
		var out settings
		var err error
		if out.policies, err = s.Policies(ctx()); err != nil {
			return settingsLoadedMsg{req: req, err: err}
		}
		if out.practice, err = s.Practice(ctx()); err != nil {
			return settingsLoadedMsg{req: req, err: err}
		}
		if out.target, err = s.AnswerTarget(ctx()); err != nil {
			return settingsLoadedMsg{req: req, err: err}
		}
		if out.processors, err = s.Processors(ctx()); err != nil {
			return settingsLoadedMsg{req: req, err: err}
		}
		if out.fields, err = s.ClientFieldSet(ctx()); err != nil {
			return settingsLoadedMsg{req: req, err: err}
		}
		out.stats, err = s.Statistics(ctx())
		return settingsLoadedMsg{req: req, s: out, err: err}
	}
}

// Loading is true until the settings have loaded: the root model holds the
// keys typed meanwhile and hands them over after.
func (m settingsScreen) Loading() bool { return !m.loaded && m.problem == "" }
