package tui

import (
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// The practice's processors (AVG art. 28): who processes client data on its
// behalf (hosting, mail, a newsletter, the bookkeeper), what they process,
// where, and whether a processing agreement is in place. The art. 30
// register names them, and a breach starts a clock to tell them. This file
// holds the list (v in the settings) and its form.

// processorKeys are the processors list's keys.
type processorKeys struct {
	kit.ListKeys
	New    key.Binding
	Edit   key.Binding
	Delete key.Binding
}

func newProcessorKeys(t Text) processorKeys {
	return processorKeys{
		ListKeys: newListKeys(t),
		New:      bind([]string{"n"}, "n", t.T("key.new_processor")),
		Edit:     bind([]string{"e", "enter"}, "e", t.T("key.edit")),
		Delete:   bind([]string{"d"}, "d", t.T("key.delete")),
	}
}

// ShortHelp is the list's hint line.
func (k processorKeys) ShortHelp() []key.Binding { return []key.Binding{k.New, k.Edit, k.Delete} }

// FullHelp is the list's part of the help overlay.
func (k processorKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.ListKeys.Bindings(), {k.New, k.Edit, k.Delete}}
}

// processorsScreen lists the practice's processors.
type processorsScreen struct {
	env     *env
	keys    processorKeys
	req     reqID
	actReq  reqID
	loaded  bool
	problem string
	items   []store.Processor
	list    kit.List
	width   int
	height  int
}

func newProcessors(e *env) processorsScreen {
	m := processorsScreen{env: e, keys: newProcessorKeys(e.text), req: newReq()}
	m.updateKeys()
	return m
}

// Init reads the list.
func (m processorsScreen) Init() tea.Cmd { return loadSettings(m.env.store, m.req) }

// Route names the screen.
func (m processorsScreen) Route() Route { return Route{Kind: KindProcessors} }

// Title is "Processors".
func (m processorsScreen) Title() string { return m.env.text.T("processors.title") }

// Capturing is false: the list has no text field.
func (m processorsScreen) Capturing() bool { return false }

// KeyMap lists the screen's keys.
func (m processorsScreen) KeyMap() help.KeyMap { return m.keys }

// Draft keeps nothing.
func (m processorsScreen) Draft() (string, bool) { return "", false }

// RestoreDraft has nothing to restore.
func (m processorsScreen) RestoreDraft(string) processorsScreen { return m }

// Update reads the list, follows the form and handles the keys.
func (m processorsScreen) Update(msg tea.Msg) (processorsScreen, tea.Cmd) {
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
		m.loaded, m.items, m.problem = msg.err == nil, msg.s.processors, explain(m.env, msg.err)
		m.list.Clamp(len(m.items), m.listHeight())
		m.updateKeys()
	case settingSavedMsg:
		if msg.req != m.actReq {
			return m, nil
		}
		if msg.err != nil && !isNotSaved(m.env, msg.err) {
			return m, fail(explain(m.env, msg.err))
		}
		m.req = newReq()
		return m, tea.Batch(loadSettings(m.env.store, m.req), notify(m.env.text.T("processors.deleted")))
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, m.keys.New):
			return m, navigate(Route{Kind: KindProcessorForm})
		case key.Matches(msg, m.keys.Edit):
			return m, navigate(Route{Kind: KindProcessorForm, Item: m.items[m.list.Cursor].ID})
		case key.Matches(msg, m.keys.Delete):
			p := m.items[m.list.Cursor]
			m.actReq = newReq()
			return m, confirm(m.env.text.Tf("processors.delete_confirm", kit.OneLine(p.Name)),
				deleteProcessor(m.env.store, m.actReq, p.ID))
		}
		m.list.Move(msg, m.keys.ListKeys, len(m.items), m.listHeight())
	}
	return m, nil
}

func (m *processorsScreen) updateKeys() {
	n := len(m.items)
	m.keys.ListKeys.SetEnabled(n > 1)
	m.keys.New.SetEnabled(m.loaded)
	m.keys.Edit.SetEnabled(m.loaded && n > 0)
	m.keys.Delete.SetEnabled(m.loaded && n > 0)
}

func (m processorsScreen) listHeight() int { return max(m.height-4, 1) }

// View draws the list: name, what it processes, where, and whether an
// agreement exists (a missing one in the warning colour).
func (m processorsScreen) View() string {
	t, st := m.env.text, m.env.styles
	switch {
	case m.problem != "":
		return "\n  " + st.Danger.Render(m.problem)
	case !m.loaded:
		return "\n  " + st.Muted.Render(t.T("form.loading"))
	}
	lines := append([]string{""}, kit.Paragraph(st.Muted, t.T("processors.intro"), m.width)...)
	lines = append(lines, "")
	if len(m.items) == 0 {
		return strings.Join(append(lines, "  "+st.Text.Render(t.T("processors.empty"))), "\n")
	}
	rows := make([][]string, len(m.items))
	styles := make([]lipgloss.Style, len(m.items))
	for i, p := range m.items {
		agreement, style := t.T("processors.agreement_yes"), st.Text
		if !p.Agreement {
			agreement, style = t.T("processors.agreement_no"), st.Warning
		}
		rows[i] = []string{kit.OneLine(p.Name), kit.OneLine(p.Processes), kit.OneLine(p.Location), agreement}
		styles[i] = style
	}
	table := kit.NewTable([]kit.Column{{Title: t.T("processors.col_name"), Max: 30},
		{Title: t.T("processors.col_processes"), Min: 12}, {Title: t.T("processors.col_location"), Max: 20},
		{Title: t.T("processors.col_agreement")}}, rows, m.width)
	lines = append(lines, table.Header(st))
	start, end := m.list.Window(len(m.items), m.listHeight())
	for i := start; i < end; i++ {
		lines = append(lines, table.Row(st, rows[i], styles[i], i == m.list.Cursor))
	}
	return strings.Join(lines, "\n")
}

// processorForm adds a processor (Item 0) or corrects one.
type processorForm struct {
	formCore
	id int64
}

func newProcessorForm(e *env, r Route) processorForm {
	t, st := e.text, e.styles
	processes := kit.TextField(st, "processes", t.T("processors.processes"))
	processes.Input.Width = 60
	return processorForm{id: r.Item, formCore: newFormCore(e, r.Item == 0,
		kit.TextField(st, "name", t.T("processors.col_name")),
		processes,
		kit.TextField(st, "location", t.T("processors.col_location")),
		kit.ChoiceField("agreement", t.T("processors.col_agreement"), []kit.Option{
			{Value: "yes", Label: t.T("processors.agreement_yes")}, {Value: "no", Label: t.T("processors.agreement_no")}}),
	)}
}

// Init reads the processor being corrected.
func (m processorForm) Init() tea.Cmd {
	if m.Loaded {
		return m.Refocus()
	}
	return loadSettings(m.env.store, m.req)
}

// Route names the form and the processor.
func (m processorForm) Route() Route { return Route{Kind: KindProcessorForm, Item: m.id} }

// Title is "New processor" or "Processor".
func (m processorForm) Title() string {
	if m.id == 0 {
		return m.env.text.T("processors.new")
	}
	return m.env.text.T("processors.edit")
}

// RestoreDraft fills the fields.
func (m processorForm) RestoreDraft(text string) processorForm {
	m.Restore(text)
	return m
}

// Update handles the load, the save and the keys.
func (m processorForm) Update(msg tea.Msg) (processorForm, tea.Cmd) {
	t := m.env.text
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.Width, m.Height = msg.Width, msg.Height
	case settingsLoadedMsg:
		if msg.req != m.req || m.Loaded {
			return m, nil
		}
		m.Problem = explain(m.env, msg.err)
		for _, p := range msg.s.processors {
			if p.ID == m.id && !m.Dirty {
				m.Loaded = true
				m.Set("name", p.Name)
				m.Set("processes", kit.OneLine(p.Processes))
				m.Set("location", p.Location)
				if !p.Agreement {
					m.Set("agreement", "no")
				}
			}
		}
		if !m.Loaded && m.Problem == "" {
			m.Problem = problemText(t, ProblemNotFound)
		}
		return m, m.Refocus()
	case settingSavedMsg:
		if msg.req != m.req {
			return m, nil
		}
		var ve *store.ValidationError
		if errors.As(msg.err, &ve) && m.Index(ve.Field) >= 0 {
			m.Saving = false
			return m, m.fail(ve.Field, t.T("processors.invalid"))
		}
		return m, m.onSaved(msg.err, t.T("processors.saved"))
	case tea.KeyMsg:
		cmd, save := m.onKey(msg)
		if save {
			return m.submit()
		}
		return m, cmd
	}
	return m, nil
}

// submit reads the fields and saves.
func (m processorForm) submit() (processorForm, tea.Cmd) {
	get := func(id string) string { return strings.TrimSpace(m.Get(id)) }
	p := store.Processor{ID: m.id, Name: get("name"), Processes: get("processes"),
		Location: get("location"), Agreement: m.Get("agreement") == "yes"}
	if err := p.Validate(); err != nil {
		return m, m.fail("name", m.env.text.T("processors.invalid"))
	}
	return m, saveProcessor(m.env.store, m.startSave(), p)
}

// View draws the fields with why an agreement matters.
func (m processorForm) View() string {
	return m.view(kit.Paragraph(m.env.styles.Muted, m.env.text.T("processors.help"), m.Width))
}

// saveProcessor adds or corrects one of the practice's processors.
func saveProcessor(s Store, req reqID, p store.Processor) tea.Cmd {
	return saving(func() tea.Msg {
		_, err := s.SaveProcessor(ctx(), p)
		return settingSavedMsg{req: req, err: err}
	})
}

// deleteProcessor removes a processor the practice no longer uses.
func deleteProcessor(s Store, req reqID, id int64) tea.Cmd {
	return saving(func() tea.Msg { return settingSavedMsg{req: req, err: s.DeleteProcessor(ctx(), id)} })
}

// Loading is true until the processors have loaded: the root model holds
// the keys typed meanwhile and hands them over after.
func (m processorsScreen) Loading() bool { return !m.loaded && m.problem == "" }
