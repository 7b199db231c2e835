package tui

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/termsafe"
	"github.com/caseload/caseload/tui/kit"
)

// The paper templates in settings (t): the list of every template, the
// shipped ones and the coach's own copies, and an editor that keeps a new
// version of a template in the vault. A template is checked when it is
// saved: an unknown placeholder is refused with its line, so it never
// reaches a letter.

// templateStore is what the template screens need of the store.
type templateStore interface {
	// Template returns the template printed for key in lang.
	Template(ctx context.Context, key, lang string) (store.Template, error)
	// SaveTemplate keeps a new version of the coach's template.
	SaveTemplate(ctx context.Context, t store.Template) (store.Template, error)
	// DeleteTemplate removes the coach's copy; the shipped one returns.
	DeleteTemplate(ctx context.Context, key, lang string) error
}

// templateList is the list of templates.
type templateList struct {
	env     *env
	keys    templateListKeys
	req     reqID
	loaded  bool
	problem string
	all     []store.Template
	list    kit.List
	width   int
	height  int
}

func newTemplateList(e *env) templateList {
	m := templateList{env: e, keys: newTemplateListKeys(e.text), req: newReq()}
	m.updateKeys()
	return m
}

// Init loads the templates.
func (m templateList) Init() tea.Cmd { return loadTemplates(m.env.store, m.req) }

// Route names the list.
func (m templateList) Route() Route { return Route{Kind: KindTemplates} }

// Title is "Templates".
func (m templateList) Title() string { return m.env.text.T("templates.title") }

// Capturing is false: the list has no text field.
func (m templateList) Capturing() bool { return false }

// KeyMap lists the list's keys.
func (m templateList) KeyMap() help.KeyMap { return m.keys }

// Draft keeps nothing.
func (m templateList) Draft() (string, bool) { return "", false }

// RestoreDraft has nothing to restore.
func (m templateList) RestoreDraft(string) templateList { return m }

// Update loads, reloads when the editor closes, and handles the keys.
func (m templateList) Update(msg tea.Msg) (templateList, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case shownMsg:
		m.req = newReq()
		return m, loadTemplates(m.env.store, m.req)
	case templatesLoadedMsg:
		if msg.req != m.req {
			return m, nil
		}
		m.loaded, m.all, m.problem = true, msg.all, explain(m.env, msg.err)
		m.list.Clamp(len(m.all), m.listHeight())
		m.updateKeys()
	case templateDeletedMsg:
		if msg.err != nil {
			return m, fail(explain(m.env, msg.err))
		}
		m.req = newReq()
		return m, tea.Batch(loadTemplates(m.env.store, m.req), notify(m.env.text.T("templates.reverted")))
	case tea.KeyMsg:
		return m.onKey(msg)
	}
	return m, nil
}

func (m templateList) onKey(msg tea.KeyMsg) (templateList, tea.Cmd) {
	if len(m.all) == 0 {
		return m, nil
	}
	cur := m.all[m.list.Cursor]
	switch {
	case key.Matches(msg, m.keys.Edit):
		return m, navigate(Route{Kind: KindTemplateEdit, Tab: cur.Key + "." + cur.Lang})
	case key.Matches(msg, m.keys.Revert):
		return m, confirm(m.env.text.Tf("templates.revert_confirm", termsafe.Line(cur.Name())),
			deleteTemplate(m.env.store, cur.Key, cur.Lang))
	}
	if m.list.Move(msg, m.keys.ListKeys, len(m.all), m.listHeight()) {
		m.updateKeys()
	}
	return m, nil
}

func (m templateList) listHeight() int { return max(m.height-4, 1) }

func (m *templateList) updateKeys() {
	n := len(m.all)
	m.keys.ListKeys.SetEnabled(n > 1)
	m.keys.Edit.SetEnabled(n > 0)
	m.keys.Revert.SetEnabled(n > 0 && m.list.Cursor < n && m.all[m.list.Cursor].Custom && m.all[m.list.Cursor].Shipped)
}

// View lists key, language, name and whose the template is.
func (m templateList) View() string {
	t, st := m.env.text, m.env.styles
	switch {
	case m.problem != "":
		return "\n  " + st.Danger.Render(m.problem)
	case !m.loaded:
		return "\n  " + st.Muted.Render(t.T("form.loading"))
	}
	lines := []string{"", "  " + st.Title.Render(t.T("templates.heading"))}
	rows := make([][]string, len(m.all))
	for i, tp := range m.all {
		whose := t.T("templates.shipped")
		switch {
		case tp.Custom && tp.Shipped:
			whose = t.Tf("templates.copy", tp.Version)
		case tp.Custom:
			whose = t.Tf("templates.own", tp.Version)
		}
		rows[i] = []string{termsafe.Line(tp.Key), tp.Lang, termsafe.Line(tp.Name()), whose}
	}
	table := kit.NewTable([]kit.Column{{}, {}, {Min: 12}, {}}, rows, m.width)
	start, end := m.list.Window(len(m.all), m.listHeight())
	for i := start; i < end; i++ {
		lines = append(lines, table.Row(st, rows[i], st.Text, i == m.list.Cursor))
	}
	return strings.Join(lines, "\n")
}

// templateEditor edits one template; ctrl+s keeps it as a new version and
// closes. It is a kit.Form of one multi-line field; its draft stays the
// bare text, as drafts of earlier versions are.
type templateEditor struct {
	env   *env
	tkey  string
	lang  string
	req   reqID
	form  kit.Form
	saved string // the text as loaded or last saved
}

func newTemplateEditor(e *env, r Route) templateEditor {
	k, lang, _ := strings.Cut(r.Tab, ".")
	return templateEditor{env: e, tkey: k, lang: lang, req: newReq(),
		form: kit.NewForm(newTemplateEditKeys(e.text), false, kit.AreaField(e.styles, "body", "", ""))}
}

// Init loads the template.
func (m templateEditor) Init() tea.Cmd { return loadTemplate(m.env.store, m.req, m.tkey, m.lang) }

// Route names the template edited.
func (m templateEditor) Route() Route {
	return Route{Kind: KindTemplateEdit, Tab: m.tkey + "." + m.lang}
}

// Title is "Edit template".
func (m templateEditor) Title() string { return m.env.text.T("templates.edit_title") }

// Capturing is true: the text area takes every key.
func (m templateEditor) Capturing() bool { return true }

// KeyMap lists the editor's keys.
func (m templateEditor) KeyMap() help.KeyMap { return m.form.Keys }

// changed reports whether the text differs from what the vault holds.
func (m templateEditor) changed() bool { return m.form.Loaded && m.form.Get("body") != m.saved }

// Draft is the text once it differs from what was loaded.
func (m templateEditor) Draft() (string, bool) {
	if !m.changed() {
		return "", false
	}
	return m.form.Get("body"), true
}

// RestoreDraft puts a draft's text back; one that arrives before the
// template has loaded goes on top of it when it does.
func (m templateEditor) RestoreDraft(text string) templateEditor {
	// The draft is the bare text; the form restores its own encoding.
	b, _ := json.Marshal(map[string]string{"body": text}) // a map of strings always encodes
	m.form.RestoreDraft(string(b))
	return m
}

// Update handles the load, the save and the keys.
func (m templateEditor) Update(msg tea.Msg) (templateEditor, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.form.Width, m.form.Height = msg.Width, msg.Height
		m.form.Fields[0].SetAreaSize(max(msg.Width-4, 20), max(msg.Height-8, 3))
	case templateLoadedMsg:
		if msg.req != m.req {
			return m, nil
		}
		if msg.err != nil {
			m.form.Problem = explain(m.env, msg.err)
			return m, nil
		}
		m.saved = msg.t.Body
		m.form.Set("body", msg.t.Body)
		m.form.Fields[0].Area.CursorStart()
		m.form.MarkLoaded()
		return m, m.form.Refocus()
	case templateSavedMsg:
		if msg.req != m.req {
			return m, nil
		}
		if msg.err != nil && !isNotSaved(m.env, msg.err) {
			m.form.Refused(templateProblem(m.env, msg.err))
			return m, nil
		}
		m.form.Saved()
		m.saved = m.form.Get("body")
		return m, tea.Batch(back(nil), notify(m.env.text.Tf("templates.saved", msg.t.Version)))
	case tea.KeyMsg:
		return m.onKey(msg)
	}
	return m, nil
}

// onKey turns the form's answer to a key into the save or the way back;
// esc asks first only when the text differs from the vault's.
func (m templateEditor) onKey(msg tea.KeyMsg) (templateEditor, tea.Cmd) {
	action, cmd := m.form.Key(msg)
	switch action {
	case kit.Save:
		m.form.StartSave()
		m.req = newReq()
		return m, saveTemplate(m.env.store, m.req, store.Template{Key: m.tkey, Lang: m.lang, Body: m.form.Get("body")})
	case kit.AskDiscard:
		if m.changed() {
			return m, confirmDiscard(m.env.text, back(nil))
		}
		return m, back(nil)
	case kit.Leave:
		return m, back(nil)
	}
	return m, cmd
}

// View draws the template's name, the text and what is wrong with it.
func (m templateEditor) View() string {
	t, st := m.env.text, m.env.styles
	if !m.form.Loaded {
		if m.form.Problem != "" {
			return "\n  " + st.Danger.Render(m.form.Problem)
		}
		return "\n  " + st.Muted.Render(t.T("form.loading"))
	}
	lines := []string{"", "  " + st.Title.Render(termsafe.Line(m.tkey)+" · "+m.lang)}
	// The text area drops control characters but shows a bidi override
	// as it is; Styled escapes it and keeps the cursor's colours.
	for _, l := range strings.Split(m.form.Fields[0].Area.View(), "\n") {
		lines = append(lines, "  "+termsafe.Styled(l))
	}
	lines = append(lines, "")
	if m.form.Problem != "" {
		lines = append(lines, kit.Paragraph(st.Danger, m.form.Problem, m.form.Width)...)
	} else {
		lines = append(lines, kit.Paragraph(st.Muted, t.T("templates.hint"), m.form.Width)...)
	}
	return strings.Join(lines, "\n")
}

// templateProblem is a refused template in the coach's words, with its line.
func templateProblem(e *env, err error) string {
	var te *store.TemplateError
	if !errors.As(err, &te) {
		return explain(e, err)
	}
	arg := termsafe.Line(te.Arg)
	switch te.Code {
	case "unknown-placeholder":
		return e.text.Tf("templates.err_unknown-placeholder", te.Line, arg)
	case "unclosed-placeholder":
		return e.text.Tf("templates.err_unclosed-placeholder", te.Line, arg)
	case "block-in-line":
		return e.text.Tf("templates.err_block-in-line", te.Line, arg)
	case "unknown-setting":
		return e.text.Tf("templates.err_unknown-setting", te.Line, arg)
	case "bad-setting":
		return e.text.Tf("templates.err_bad-setting", te.Line, arg)
	}
	return e.text.Tf("templates.err_no-name", te.Line, arg)
}

// The messages and commands of the template screens.

type templatesLoadedMsg struct {
	req reqID
	all []store.Template
	err error
}

func (m templatesLoadedMsg) request() reqID { return m.req }

func loadTemplates(s Store, req reqID) tea.Cmd {
	return func() tea.Msg {
		all, err := s.Templates(ctx())
		return templatesLoadedMsg{req: req, all: all, err: err}
	}
}

type templateLoadedMsg struct {
	req reqID
	t   store.Template
	err error
}

func (m templateLoadedMsg) request() reqID { return m.req }

func loadTemplate(s Store, req reqID, key, lang string) tea.Cmd {
	return func() tea.Msg {
		t, err := s.Template(ctx(), key, lang)
		return templateLoadedMsg{req: req, t: t, err: err}
	}
}

type templateSavedMsg struct {
	req reqID
	t   store.Template
	err error
}

func (m templateSavedMsg) request() reqID { return m.req }

// saveErr: a refused template is the screen's to explain, not the status line's.
func (m templateSavedMsg) saveErr() error {
	var te *store.TemplateError
	if errors.As(m.err, &te) {
		return nil
	}
	return m.err
}

func saveTemplate(s Store, req reqID, t store.Template) tea.Cmd {
	return saving(func() tea.Msg {
		saved, err := s.SaveTemplate(ctx(), t)
		return templateSavedMsg{req: req, t: saved, err: err}
	})
}

type templateDeletedMsg struct{ err error }

func deleteTemplate(s Store, key, lang string) tea.Cmd {
	return saving(func() tea.Msg { return templateDeletedMsg{err: s.DeleteTemplate(ctx(), key, lang)} })
}

// The keys of the template screens.

type templateListKeys struct {
	kit.ListKeys
	Edit, Revert key.Binding
}

func newTemplateListKeys(t Text) templateListKeys {
	return templateListKeys{ListKeys: newListKeys(t),
		Edit:   bind([]string{"e", "enter"}, "e", t.T("key.edit_template")),
		Revert: bind([]string{"d"}, "d", t.T("key.revert_template"))}
}

// ShortHelp is the list's hint line.
func (k templateListKeys) ShortHelp() []key.Binding { return []key.Binding{k.Edit, k.Revert} }

// FullHelp is the list's part of the help overlay.
func (k templateListKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.ListKeys.Bindings(), {k.Edit, k.Revert}}
}

// newTemplateEditKeys are the editor's keys: save and cancel only, as the
// one field is the text and takes tab and enter.
func newTemplateEditKeys(t Text) kit.FormKeys {
	return kit.FormKeys{Save: bind([]string{"ctrl+s"}, "ctrl+s", t.T("key.save")),
		Cancel: bind([]string{"esc"}, "esc", t.T("key.cancel"))}
}

// newTemplatesOpenKey is t, "paper templates", in settings.
func newTemplatesOpenKey(t Text) key.Binding { return bind([]string{"t"}, "t", t.T("key.templates")) }

// Loading is true until the templates have loaded: the root model holds the
// keys typed meanwhile and hands them over after.
func (m templateList) Loading() bool { return !m.loaded && m.problem == "" }

// Loading is true until the template has loaded (see kit.Form.Loading).
func (m templateEditor) Loading() bool { return m.form.Loading() }
