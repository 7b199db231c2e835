package tui

import (
	"errors"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// previewDelay is how long the policy form waits after the last key before
// it asks what the new period would make due: long enough not to ask for
// "2" on the way to "24".
const previewDelay = 300 * time.Millisecond

// policyForm edits one retention policy: the period (months, or years
// typed as "2 jaar"/"2y") and the reason, with a live preview of what the
// change would make due today. A category of the practice's own has a
// name and a choice of the event it counts from too; with no category
// the form adds a new one.
type policyForm struct {
	formCore
	category store.Category
	due      reqID // the debounce tick that may start a preview
	prevReq  reqID // the preview under way
	base     store.Policy
	preview  string
}

func newPolicyForm(e *env, c store.Category) policyForm {
	t, st := e.text, e.styles
	var fields []kit.Field
	item := c == "" || c.Item()
	if item {
		var bases []kit.Option
		for _, b := range store.CategoryRecorded.Bases() {
			bases = append(bases, kit.Option{Value: string(b), Label: itemBasisText(t, b)})
		}
		fields = append(fields, kit.TextField(st, "name", t.T("policy.name")),
			kit.ChoiceField("basis", t.T("policy.basis"), bases))
	}
	fields = append(fields, kit.TextField(st, "months", t.T("policy.months")),
		kit.TextField(st, "reason", t.T("policy.reason")))
	// A new category has nothing to load.
	m := policyForm{category: c, formCore: newFormCore(e, c == "", fields...)}
	if c == "" {
		m.base = store.Policy{Basis: store.BasisRecordDate}
	}
	return m
}

// item reports whether the form is about a category of the practice's
// own (or a new one): those have a name and a choice of event.
func (m policyForm) item() bool { return m.category == "" || m.category.Item() }

// Init loads the policy; a new category has none to load.
func (m policyForm) Init() tea.Cmd {
	if m.category == "" {
		return m.Refocus()
	}
	return loadSettings(m.env.store, m.req)
}

// Route names the category.
func (m policyForm) Route() Route { return Route{Kind: KindPolicy, Tab: string(m.category)} }

// Title is the category's name, or "New retention category".
func (m policyForm) Title() string {
	switch {
	case m.category == "":
		return m.env.text.T("policy.new_title")
	case m.category.Item():
		return policyName(m.env.text, m.base)
	}
	return categoryText(m.env.text, m.category)
}

// RestoreDraft fills the fields, on top of the loaded policy.
func (m policyForm) RestoreDraft(text string) policyForm {
	m.Form.RestoreDraft(text)
	return m
}

// previewDueMsg is the debounce tick of the preview.
type previewDueMsg struct{ id reqID }

// Update handles the load, the preview, the save and the keys.
func (m policyForm) Update(msg tea.Msg) (policyForm, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.Width, m.Height = msg.Width, msg.Height
	case settingsLoadedMsg:
		if msg.req != m.req || m.Loaded {
			return m, nil
		}
		m.Problem = explain(m.env, msg.err)
		for _, p := range msg.s.policies {
			if p.Category == m.category {
				lang := string(m.env.text.Lang())
				m.base = p
				m.Set("months", strconv.Itoa(p.Months))
				m.Set("reason", p.ReasonText(lang))
				if m.item() {
					m.Set("name", p.NameText(lang))
					m.Set("basis", string(p.Basis))
				}
				m.MarkLoaded()
			}
		}
		return m, m.Refocus()
	case previewDueMsg:
		if msg.id != m.due {
			return m, nil
		}
		p, ok := m.policy()
		if !ok {
			m.preview = ""
			return m, nil
		}
		m.prevReq = newReq()
		return m, previewPolicy(m.env.store, m.prevReq, p)
	case previewedMsg:
		if msg.req == m.prevReq {
			m.preview = ""
			if msg.err == nil {
				m.preview = previewText(m.env.text, m.category, msg.impact)
			}
		}
	case settingSavedMsg:
		if msg.req != m.req {
			return m, nil
		}
		if !m.kept(msg.err) {
			m.Saving = false
			return m, m.refuse(msg.err)
		}
		note := m.env.text.T("policy.saved")
		if m.category == "" {
			note = m.env.text.T("policy.added")
		}
		return m, m.onSaved(nil, note)
	case tea.KeyMsg:
		return m.keyMsg(msg)
	}
	return m, nil
}

// keyMsg handles a key; a changed period starts the preview's debounce.
func (m policyForm) keyMsg(msg tea.KeyMsg) (policyForm, tea.Cmd) {
	before := m.Get("months") + "|" + m.Get("basis")
	cmd, save := m.onKey(msg)
	if save {
		return m.submit()
	}
	if m.Get("months")+"|"+m.Get("basis") == before || m.category == "" {
		return m, cmd
	}
	id := newReq()
	m.due = id
	return m, tea.Batch(cmd, tea.Tick(previewDelay, func(time.Time) tea.Msg { return previewDueMsg{id: id} }))
}

// policy is the loaded policy with the typed period and reason; ok is
// false while the period does not read as one.
func (m policyForm) policy() (store.Policy, bool) {
	p := m.base
	lang := string(m.env.text.Lang())
	p.Reason = strings.TrimSpace(m.Get("reason"))
	if p.Reason == m.base.ReasonText(lang) {
		// The shipped reason, untouched: it stays a key, in every language.
		p.Reason = m.base.Reason
	}
	if m.item() {
		p.Basis = store.Basis(m.Get("basis"))
		if p.Name = strings.TrimSpace(m.Get("name")); p.Name == m.base.NameText(lang) {
			p.Name = m.base.Name // likewise the shipped name
		}
	}
	months, ok := parsePeriod(m.Get("months"))
	p.Months = months
	return p, ok
}

// parsePeriod reads "24", "24 maanden", "2 jaar", "2j" or "2y" as months.
func parsePeriod(s string) (int, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	digits := strings.TrimRightFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	unit := strings.TrimSpace(s[len(digits):])
	n, err := strconv.Atoi(digits)
	if err != nil || n <= 0 {
		return 0, false
	}
	switch unit {
	case "", "m", "mnd", "maand", "maanden", "month", "months":
		return n, true
	case "j", "jr", "jaar", "y", "yr", "year", "years":
		return n * 12, true
	}
	return 0, false
}

// previewText is the live preview line.
func previewText(t Text, c store.Category, i store.PolicyImpact) string {
	invoices := c == store.CategoryInvoice
	switch {
	case c.Item() && i.NewlyDue > 0:
		return t.N("policy.preview_items", i.NewlyDue)
	case c.Item() && i.NoLongerDue > 0:
		return t.N("policy.preview_items_fewer", i.NoLongerDue)
	case i.NewlyDue > 0 && invoices:
		return t.N("policy.preview_invoices", i.NewlyDue)
	case i.NewlyDue > 0:
		return t.N("policy.preview_newly", i.NewlyDue)
	case i.NoLongerDue > 0:
		return t.N("policy.preview_fewer", i.NoLongerDue)
	}
	return t.T("policy.preview_none")
}

// submit checks the period and the reason, then saves.
func (m policyForm) submit() (policyForm, tea.Cmd) {
	t := m.env.text
	m.Problem = ""
	p, ok := m.policy()
	if !ok {
		cmd, _ := m.Fail("months", t.T("policy.months_invalid"))
		return m, cmd
	}
	check := p
	if check.Category == "" {
		check.Category = "own" // what AddPolicy checks a new category as
	}
	if err := check.Validate(); err != nil {
		var ve *store.ValidationError
		if errors.As(err, &ve) {
			return m, m.refuse(ve)
		}
		m.Problem = explain(m.env, err)
		return m, nil
	}
	if k, ok := keeper(m.env.store); ok && m.category == "" {
		return m, addPolicy(k, m.startSave(), p)
	}
	return m, savePolicy(m.env.store, m.startSave(), p)
}

// refuse puts the store's refusal under the field it names, in the
// policy's own words.
func (m *policyForm) refuse(err error) tea.Cmd {
	var ve *store.ValidationError
	if !errors.As(err, &ve) {
		return m.formCore.refuse(err)
	}
	p, _ := m.policy()
	t := m.env.text
	text := t.T("policy.months_invalid")
	switch {
	case ve.Field == "reason":
		text = t.T("policy.reason_needed")
	case ve.Field == "name" && strings.TrimSpace(p.Name) == "":
		text = t.T("policy.name_needed")
	case ve.Field == "name" || ve.Field == "basis":
		text = fieldProblem(t, ve)
	case ve.Field == "months" && p.Category == store.CategoryInvoice && p.Months >= 1:
		text = t.T("policy.invoice_minimum")
	case ve.Field != "months":
		m.Refused(explain(m.env, ve))
		return nil
	}
	return m.fail(ve.Field, text)
}

// View draws the fields, the hint on the reason and the preview.
func (m policyForm) View() string {
	t, st := m.env.text, m.env.styles
	extra := kit.Paragraph(st.Muted, t.T("policy.reason_hint"), m.Width)
	if m.item() {
		extra = append(extra, kit.Paragraph(st.Muted, t.T("policy.item_hint"), m.Width)...)
	}
	if m.preview != "" {
		extra = append(extra, "", "  "+st.Warning.Render(m.preview))
	}
	return m.view(extra)
}

// practiceForm edits the practice's own details, which the access report
// and the processing register quote, and its answer target.
type practiceForm struct {
	formCore
	base store.Practice
}

func newPracticeForm(e *env) practiceForm {
	var fields []kit.Field
	for _, f := range practiceFields(e.text, store.Practice{}) {
		fields = append(fields, kit.TextField(e.styles, f.id, f.label))
	}
	target := kit.TextField(e.styles, "answer_target_days", e.text.T("practice.answer_target"))
	target.Input.Width = 6
	target.Input.Placeholder = e.text.T("practice.answer_target_placeholder")
	fields = append(fields, target)
	// One switch per optional client field, each off until the coach
	// turns it on.
	yesNo := []kit.Option{{Value: "", Label: e.text.T("choice.no")}, {Value: "on", Label: e.text.T("choice.yes")}}
	for _, f := range store.ClientFields {
		fields = append(fields, kit.ChoiceField("record_"+string(f), e.text.Tf("practice.record", fieldLabel(e.text, f)), yesNo))
	}
	return practiceForm{formCore: newFormCore(e, false, fields...)}
}

// Init loads the details.
func (m practiceForm) Init() tea.Cmd { return loadSettings(m.env.store, m.req) }

// Route names the form.
func (m practiceForm) Route() Route { return Route{Kind: KindPractice} }

// Title is "Practice".
func (m practiceForm) Title() string { return m.env.text.T("settings.practice") }

// RestoreDraft fills the fields.
func (m practiceForm) RestoreDraft(text string) practiceForm {
	m.Restore(text)
	return m
}

// Update handles the load, the save and the keys.
func (m practiceForm) Update(msg tea.Msg) (practiceForm, tea.Cmd) {
	t := m.env.text
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.Width, m.Height = msg.Width, msg.Height
	case settingsLoadedMsg:
		if msg.req != m.req || m.Loaded {
			return m, nil
		}
		m.Problem = explain(m.env, msg.err)
		m.Loaded, m.base = msg.err == nil, msg.s.practice
		if !m.Dirty {
			for _, f := range practiceFields(t, m.base) {
				m.Set(f.id, f.value)
			}
			if msg.s.target > 0 {
				m.Set("answer_target_days", strconv.Itoa(msg.s.target))
			}
			for _, f := range msg.s.fields {
				m.Set("record_"+string(f), "on")
			}
		}
		return m, m.Refocus()
	case settingSavedMsg:
		if msg.req != m.req {
			return m, nil
		}
		var ve *store.ValidationError
		if errors.As(msg.err, &ve) {
			m.Saving = false
			return m, m.fail(ve.Field, fieldProblem(t, ve))
		}
		return m, m.onSaved(msg.err, t.T("practice.saved"))
	case tea.KeyMsg:
		cmd, save := m.onKey(msg)
		if save {
			return m.submit()
		}
		return m, cmd
	}
	return m, nil
}

// submit reads the fields and saves the details and the answer target.
func (m practiceForm) submit() (practiceForm, tea.Cmd) {
	p := m.base
	get := func(id string) string { return strings.TrimSpace(m.Get(id)) }
	p.Name, p.Address, p.Email, p.Phone, p.KvK = get("name"), get("address"), get("email"), get("phone"), get("kvk")
	p.DPOContact, p.Purposes, p.LegalBases, p.Recipients = get("dpo_contact"), get("purposes"), get("legal_bases"), get("recipients")
	target := 0
	if typed := get("answer_target_days"); typed != "" {
		n, err := strconv.Atoi(typed)
		if err != nil || n < 0 || n > store.MaxAnswerTarget {
			return m, m.fail("answer_target_days", m.env.text.Tf("practice.answer_target_invalid", store.MaxAnswerTarget))
		}
		target = n
	}
	var fields store.FieldSet
	for _, f := range store.ClientFields {
		if m.Get("record_"+string(f)) == "on" {
			fields = append(fields, f)
		}
	}
	return m, savePractice(m.env.store, m.startSave(), p, target, fields)
}

// View draws the fields.
func (m practiceForm) View() string {
	st, t := m.env.styles, m.env.text
	return m.view(append(kit.Paragraph(st.Muted, t.T("practice.help"), m.Width),
		kit.Paragraph(st.Muted, t.T("practice.fields_help"), m.Width)...))
}

// Sizes for the warning. A vault's database lives in memory, and SQLite
// grows an in-memory database it was handed to 1 GiB at most; past that
// every edit fails. The warning comes early enough that a coach has
// months, at any pace of writing, to purge or archive.
const (
	imageLimit  = 1 << 30
	imageWarnAt = 700 << 20
)

// previewedMsg answers previewPolicy.
type previewedMsg struct {
	req    reqID
	impact store.PolicyImpact
	err    error
}

func (m previewedMsg) request() reqID { return m.req }

// previewPolicy asks what p would make due today.
func previewPolicy(s Store, req reqID, p store.Policy) tea.Cmd {
	return func() tea.Msg {
		impact, err := s.PreviewPolicy(ctx(), p)
		return previewedMsg{req: req, impact: impact, err: err}
	}
}

// settingSavedMsg answers savePolicy and savePractice.
type settingSavedMsg struct {
	req reqID
	err error
}

func (m settingSavedMsg) saveErr() error { return m.err }

func (m settingSavedMsg) request() reqID { return m.req }

// savePolicy replaces a retention policy.
func savePolicy(s Store, req reqID, p store.Policy) tea.Cmd {
	return saving(func() tea.Msg { return settingSavedMsg{req: req, err: s.SavePolicy(ctx(), p)} })
}

// savePractice stores the practice's details.
func savePractice(s Store, req reqID, p store.Practice, target int, fields store.FieldSet) tea.Cmd {
	return saving(func() tea.Msg {
		if err := s.SetAnswerTarget(ctx(), target); err != nil {
			return settingSavedMsg{req: req, err: err}
		}
		if err := s.SetClientFieldSet(ctx(), fields); err != nil {
			return settingSavedMsg{req: req, err: err}
		}
		return settingSavedMsg{req: req, err: s.SavePractice(ctx(), p)}
	})
}
