package tui

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/invoice"
	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/termsafe"
	"github.com/caseload/caseload/tui/kit"
)

// The money side's forms, so that a coach never needs the command line
// for money: a trajectory's terms (e on the money screen), time spent
// outside appointments (t), and the practice's funders (f: a list, with a
// form to add or correct one). The store checks every figure; the forms
// only read what was typed (amounts in cents, hours in minutes, never a
// float) and put the store's refusal under the field it is about.

// moneyEditor is what the money forms need of the caseload besides
// moneyStore; cmd's session has it through *store.Store.
type moneyEditor interface {
	moneyStore
	Funders(ctx context.Context) ([]store.Funder, error)
	SaveFunder(ctx context.Context, f store.Funder) (store.Funder, error)
	SaveTerms(ctx context.Context, tm store.Terms) (store.Terms, error)
	AddTimeEntry(ctx context.Context, e store.TimeEntry) (store.TimeEntry, error)
	MoneySettings(ctx context.Context) (store.MoneySettings, error)
	SaveMoneySettings(ctx context.Context, m store.MoneySettings) error
}

// errNoMoneySide answers a read of a caseload without the money forms'
// side.
var errNoMoneySide = errors.New("this caseload has no money side")

// fromMoney reads what a money screen shows off the screen's loop: read
// runs on the caseload's money side (errNoMoneySide when it has none),
// answer makes its message.
func fromMoney[T any](e *env, read func(moneyEditor) (T, error), answer func(T, error) tea.Msg) tea.Cmd {
	st := e.store
	return func() tea.Msg {
		ms, ok := st.(moneyEditor)
		if !ok {
			var none T
			return answer(none, errNoMoneySide)
		}
		return answer(read(ms))
	}
}

// moneyEditorOf is the caseload's money forms' side, when the store has one.
func moneyEditorOf(e *env) (moneyEditor, bool) {
	m, ok := e.store.(moneyEditor)
	return m, ok
}

// The screens of the money forms.
const (
	KindTermsForm  ScreenKind = "terms"      // Client
	KindTimeForm   ScreenKind = "time-entry" // Client
	KindFunders    ScreenKind = "funders"    // the practice's funders
	KindFunderForm ScreenKind = "funder"     // Item: the funder, 0 for a new one
	// KindMoneySettings is the practice's invoicing settings.
	KindMoneySettings ScreenKind = "money-settings"
)

// moneySavedMsg answers the save of a money form.
type moneySavedMsg struct {
	req  reqID
	note string
	err  error
}

func (m moneySavedMsg) saveErr() error { return m.err }
func (m moneySavedMsg) request() reqID { return m.req }

// moneyFieldProblem is the sentence for a refused field: the money side's
// own words first, then what every form says.
func moneyFieldProblem(e *env, ve *store.ValidationError) string {
	if ve.Code == "" {
		if s, ok := invoice.Problem(e.lang(), ve); ok {
			return s
		}
	}
	return fieldProblem(e.text, ve)
}

// onMoneySaved ends a money form's save, unless msg answers another:
// kept goes back with the note; a refusal goes under its field (alias
// maps the store's field names to the form's where they differ) or above
// the fields.
func (c *formCore) onMoneySaved(msg moneySavedMsg, alias map[string]string) tea.Cmd {
	if msg.req != c.req {
		return nil
	}
	if msg.err == nil || isNotSaved(c.env, msg.err) {
		return c.onSaved(msg.err, msg.note)
	}
	var ve *store.ValidationError
	if errors.As(msg.err, &ve) {
		field := ve.Field
		if a, ok := alias[field]; ok {
			field = a
		}
		if i := c.Index(field); i >= 0 {
			return c.fail(field, moneyFieldProblem(c.env, ve))
		}
		c.Refused(moneyFieldProblem(c.env, ve))
		return nil
	}
	c.Refused(explain(c.env, msg.err))
	return nil
}

// moneyView draws the fields with help under them and, wrapped below, a
// refusal that is not about one field: the store's reasons name amounts
// and remedies, and run longer than a line.
func (c formCore) moneyView(help string) string {
	c.WrapProblem = true
	return c.view(kit.Paragraph(c.env.styles.Muted, help, c.Width))
}

// termsForm sets a client's trajectory terms: who pays, the budget, the
// rate, VAT and the funder's reference.
type termsForm struct {
	formCore
	client int64
	exempt bool
}

func newTermsForm(e *env, r Route) termsForm {
	t, st, l := e.text, e.styles, e.lang()
	budgets := []kit.Option{{Value: string(store.BudgetNone), Label: t.T("money.f_budget_none")}}
	for _, k := range []store.BudgetKind{store.BudgetHours, store.BudgetSessions, store.BudgetAmount} {
		budgets = append(budgets, kit.Option{Value: string(k), Label: invoice.BudgetUnit(l, k)})
	}
	var rates []kit.Option
	for _, k := range []store.RateKind{store.RatePerHour, store.RatePerSession, store.RateFixed} {
		rates = append(rates, kit.Option{Value: string(k), Label: invoice.RateUnit(l, k)})
	}
	budget := kit.TextField(st, "budget", t.T("money.f_budget"))
	budget.Input.Width = 14
	rate := kit.TextField(st, "rate", t.T("money.f_rate"))
	rate.Input.Width = 14
	vat := kit.TextField(st, "vat", t.T("money.f_vat"))
	vat.Input.Width = 6
	return termsForm{client: r.Client, formCore: newFormCore(e, false,
		kit.ChoiceField("funder", t.T("money.f_payer"), []kit.Option{{Value: "0", Label: t.T("money.f_client_pays")}}),
		kit.ChoiceField("budget_kind", t.T("money.f_budget_kind"), budgets), budget,
		kit.ChoiceField("rate_kind", t.T("money.f_rate_kind"), rates), rate, vat,
		kit.TextField(st, "vat_reason", t.T("money.f_vat_reason")),
		kit.TextField(st, "reference", t.T("money.f_reference")))}
}

// termsLoadedMsg answers loadTermsForm.
type termsLoadedMsg struct {
	req      reqID
	terms    store.Terms
	hasTerms bool
	funders  []store.Funder
	settings store.MoneySettings
	err      error
}

func (m termsLoadedMsg) request() reqID { return m.req }

// loadTermsForm reads the terms, the funders to choose from, and whether
// the practice charges VAT.
func loadTermsForm(e *env, req reqID, client int64) tea.Cmd {
	return fromMoney(e, func(ms moneyEditor) (msg termsLoadedMsg, err error) {
		msg.terms, err = ms.Terms(ctx(), client)
		msg.hasTerms = err == nil
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return msg, err
		}
		if msg.funders, err = ms.Funders(ctx()); err != nil {
			return msg, err
		}
		msg.settings, err = ms.MoneySettings(ctx())
		return msg, err
	}, func(msg termsLoadedMsg, err error) tea.Msg {
		msg.req, msg.err = req, err
		return msg
	})
}

// Init reads the terms.
func (m termsForm) Init() tea.Cmd { return loadTermsForm(m.env, m.req, m.client) }

// Route names the form and the client.
func (m termsForm) Route() Route { return Route{Kind: KindTermsForm, Client: m.client} }

// Title is "Terms".
func (m termsForm) Title() string { return m.env.text.T("money.f_terms_title") }

// RestoreDraft fills the fields, or keeps the draft until they are loaded.
func (m termsForm) RestoreDraft(text string) termsForm {
	m.Form.RestoreDraft(text)
	m.refresh()
	return m
}

// Update handles the load, the save and the keys.
func (m termsForm) Update(msg tea.Msg) (termsForm, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.Width, m.Height = msg.Width, msg.Height
	case termsLoadedMsg:
		if !m.takeLoad(msg.req, msg.err) {
			return m, nil
		}
		m.fill(msg)
		m.MarkLoaded()
		m.refresh()
		return m, m.Refocus()
	case moneySavedMsg:
		return m, m.onMoneySaved(msg, map[string]string{"funder_address": "funder"})
	case tea.KeyMsg:
		cmd, save := m.onKey(msg)
		m.refresh()
		if save {
			return m.submit()
		}
		return m, cmd
	}
	return m, nil
}

// fill shows the terms as they stand; new terms start at an hourly rate
// with the practice's usual VAT.
func (m *termsForm) fill(msg termsLoadedMsg) {
	l := m.env.lang()
	f := &m.Fields[m.Index("funder")]
	for _, fu := range msg.funders {
		f.Options = append(f.Options, kit.Option{Value: strconv.FormatInt(fu.ID, 10), Label: termsafe.Line(fu.Name)})
	}
	m.exempt = msg.settings.VATExempt
	tm := msg.terms
	if !msg.hasTerms {
		tm = store.Terms{BudgetKind: store.BudgetHours, RateKind: store.RatePerHour, VATBP: msg.settings.DefaultVATBP}
		if len(msg.funders) > 0 {
			tm.FunderID = msg.funders[0].ID
		}
	}
	m.Set("funder", strconv.FormatInt(tm.FunderID, 10))
	m.Set("budget_kind", string(tm.BudgetKind))
	if tm.Budget > 0 {
		m.Set("budget", budgetInput(l, tm.BudgetKind, tm.Budget))
	}
	m.Set("rate_kind", string(tm.RateKind))
	if tm.RateCents > 0 {
		m.Set("rate", invoice.CentsInput(l, tm.RateCents))
	}
	m.Set("vat", invoice.VATInput(l, tm.VATBP))
	m.Set("vat_reason", kit.EditLine(tm.VATReason))
	m.Set("reference", kit.EditLine(tm.Reference))
}

// budgetInput writes a budget the way parseBudget reads it back.
func budgetInput(l invoice.Lang, k store.BudgetKind, v int64) string {
	switch k {
	case store.BudgetHours:
		return invoice.Duration(v)
	case store.BudgetAmount:
		return invoice.CentsInput(l, v)
	}
	return strconv.FormatInt(v, 10)
}

// parseBudget reads a budget in the unit of k: hours (10, 10:30), sessions
// (12) or euros (1500, 1500,00).
func parseBudget(k store.BudgetKind, s string) (int64, bool) {
	switch k {
	case store.BudgetHours:
		return invoice.ParseMinutes(s)
	case store.BudgetAmount:
		return invoice.ParseCents(s)
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	return n, err == nil && n >= 0
}

// budgetFormatText says how a budget of kind k is typed.
func budgetFormatText(t Text, k store.BudgetKind) string {
	switch k {
	case store.BudgetHours:
		return t.T("money.f_budget_format_hours")
	case store.BudgetSessions:
		return t.T("money.f_budget_format_sessions")
	}
	return t.T("money.f_budget_format_amount")
}

// refresh shows only the fields that apply: no budget figure without a
// budget, no VAT for a VAT-exempt practice, a reason only for a rate
// other than 0, 9 or 21%; and it names the budget's unit.
func (m *termsForm) refresh() {
	t := m.env.text
	kind := store.BudgetKind(m.Get("budget_kind"))
	b := &m.Fields[m.Index("budget")]
	b.Hidden = kind == store.BudgetNone
	switch kind {
	case store.BudgetHours:
		b.Label = t.T("money.f_budget_hours")
	case store.BudgetSessions:
		b.Label = t.T("money.f_budget_sessions")
	default:
		b.Label = t.T("money.f_budget")
	}
	bp, ok := invoice.ParseVAT(m.Get("vat"))
	standard := !ok || bp == 0 || bp == 900 || bp == 2100
	m.Fields[m.Index("vat")].Hidden = m.exempt
	reason := &m.Fields[m.Index("vat_reason")]
	reason.Hidden = m.exempt || (standard && reason.Err == "" && strings.TrimSpace(reason.Input.Value()) == "")
}

// submit reads the figures and saves the terms.
func (m termsForm) submit() (termsForm, tea.Cmd) {
	t := m.env.text
	tm := store.Terms{ClientID: m.client, BudgetKind: store.BudgetKind(m.Get("budget_kind")),
		RateKind: store.RateKind(m.Get("rate_kind")), VATReason: strings.TrimSpace(m.Get("vat_reason")),
		Reference: strings.TrimSpace(m.Get("reference"))}
	tm.FunderID, _ = strconv.ParseInt(m.Get("funder"), 10, 64)
	if tm.BudgetKind != store.BudgetNone {
		v, ok := parseBudget(tm.BudgetKind, m.Get("budget"))
		if !ok {
			return m, m.fail("budget", budgetFormatText(t, tm.BudgetKind))
		}
		tm.Budget = v
	}
	rate, ok := invoice.ParseCents(m.Get("rate"))
	if !ok {
		return m, m.fail("rate", t.T("money.f_amount_format"))
	}
	tm.RateCents = rate
	if !m.exempt {
		bp, ok := invoice.ParseVAT(m.Get("vat"))
		if !ok {
			return m, m.fail("vat", t.T("money.f_vat_format"))
		}
		tm.VATBP = bp
	}
	ms, ok := moneyEditorOf(m.env)
	if !ok {
		return m, nil
	}
	req := m.startSave()
	note := t.T("money.f_terms_saved")
	return m, saving(func() tea.Msg {
		_, err := ms.SaveTerms(ctx(), tm)
		return moneySavedMsg{req: req, note: note, err: err}
	})
}

// View draws the fields with a word on where funders come from.
func (m termsForm) View() string {
	return m.moneyView(m.env.text.T("money.f_terms_help"))
}

// timeForm records time spent for a client outside an appointment.
type timeForm struct {
	formCore
	client int64
}

func newTimeForm(e *env, r Route) timeForm {
	t, st := e.text, e.styles
	date := kit.DateField(st, "entry_date", t.T("money.f_date"), t.T("form.date_placeholder"))
	date.SetValue(dateInput(t, e.today()))
	minutes := kit.TextField(st, "entry_minutes", t.T("money.f_minutes"))
	minutes.Input.Width = 8
	minutes.Input.Placeholder = "1:30"
	desc := kit.TextField(st, "description", t.T("money.f_description"))
	desc.Input.Width = 60
	return timeForm{client: r.Client, formCore: newFormCore(e, true, date, minutes, desc)}
}

// Init focuses the date.
func (m timeForm) Init() tea.Cmd { return m.Refocus() }

// Route names the form and the client.
func (m timeForm) Route() Route { return Route{Kind: KindTimeForm, Client: m.client} }

// Title is "Time spent".
func (m timeForm) Title() string { return m.env.text.T("money.f_time_title") }

// RestoreDraft fills the fields.
func (m timeForm) RestoreDraft(text string) timeForm {
	m.Form.RestoreDraft(text)
	return m
}

// Update handles the save and the keys.
func (m timeForm) Update(msg tea.Msg) (timeForm, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.Width, m.Height = msg.Width, msg.Height
	case moneySavedMsg:
		return m, m.onMoneySaved(msg, nil)
	case tea.KeyMsg:
		cmd, save := m.onKey(msg)
		if save {
			return m.submit()
		}
		return m, cmd
	}
	return m, nil
}

// submit reads the date and the hours and saves the entry.
func (m timeForm) submit() (timeForm, tea.Cmd) {
	t := m.env.text
	typed := m.Get("entry_date")
	d, p := kit.ParseDate(typed)
	if p != kit.DateOK {
		return m, m.fail("entry_date", dateProblemText(t, p, typed))
	}
	minutes, ok := invoice.ParseMinutes(m.Get("entry_minutes"))
	if !ok {
		return m, m.fail("entry_minutes", t.T("money.f_minutes_format"))
	}
	e := store.TimeEntry{ClientID: m.client, Date: d, Minutes: int(min(minutes, 1<<30)),
		Description: strings.TrimSpace(m.Get("description"))}
	ms, ok := moneyEditorOf(m.env)
	if !ok {
		return m, nil
	}
	req := m.startSave()
	note := t.Tf("money.f_time_saved", invoice.Duration(minutes), dateInput(t, d))
	return m, saving(func() tea.Msg {
		_, err := ms.AddTimeEntry(ctx(), e)
		return moneySavedMsg{req: req, note: note, err: err}
	})
}

// View draws the three fields.
func (m timeForm) View() string {
	return m.moneyView(m.env.text.T("money.f_time_help"))
}

// funderList is the practice's funders: whoever pays for trajectories.
type funderList struct {
	env     *env
	keys    funderKeys
	req     reqID
	loaded  bool
	problem string
	items   []store.Funder
	cursor  int
	width   int
	height  int
}

type funderKeys struct {
	Up, Down, New, Edit, Report key.Binding
}

// ShortHelp is the list's hint line.
func (k funderKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.New, k.Edit, k.Report, k.Up, k.Down}
}

// FullHelp is its part of the help overlay.
func (k funderKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

func newFunderList(e *env) funderList {
	t := e.text
	m := funderList{env: e, req: newReq(), keys: funderKeys{
		Up:     bind([]string{"up", "k"}, "↑/k", t.T("key.up")),
		Down:   bind([]string{"down", "j"}, "↓/j", t.T("key.down")),
		New:    bind([]string{"n"}, "n", t.T("money.key_new_funder")),
		Edit:   bind([]string{"e", "enter"}, "e/enter", t.T("money.key_edit_funder")),
		Report: bind([]string{"r"}, "r", t.T("money.key_report")),
	}}
	m.updateKeys()
	return m
}

// fundersLoadedMsg answers loadFunders.
type fundersLoadedMsg struct {
	req   reqID
	items []store.Funder
	err   error
}

func (m fundersLoadedMsg) request() reqID { return m.req }

func loadFunders(e *env, req reqID) tea.Cmd {
	return fromMoney(e, func(ms moneyEditor) ([]store.Funder, error) { return ms.Funders(ctx()) },
		func(items []store.Funder, err error) tea.Msg {
			return fundersLoadedMsg{req: req, items: items, err: err}
		})
}

// Init reads the funders.
func (m funderList) Init() tea.Cmd { return loadFunders(m.env, m.req) }

// Route names the list.
func (m funderList) Route() Route { return Route{Kind: KindFunders} }

// Title is "Funders".
func (m funderList) Title() string { return m.env.text.T("money.funders_title") }

// Capturing is false: no text field.
func (m funderList) Capturing() bool { return false }

// KeyMap lists the keys that work now.
func (m funderList) KeyMap() help.KeyMap { return m.keys }

// Draft keeps nothing.
func (m funderList) Draft() (string, bool) { return "", false }

// RestoreDraft has nothing to restore.
func (m funderList) RestoreDraft(string) funderList { return m }

func (m *funderList) updateKeys() {
	m.keys.Edit.SetEnabled(m.loaded && len(m.items) > 0)
	_, reports := m.env.store.(funderReporter)
	m.keys.Report.SetEnabled(m.loaded && len(m.items) > 0 && reports)
	m.keys.Up.SetEnabled(len(m.items) > 1)
	m.keys.Down.SetEnabled(len(m.items) > 1)
}

// Update handles the load and the keys.
func (m funderList) Update(msg tea.Msg) (funderList, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case shownMsg:
		m.req = newReq()
		return m, loadFunders(m.env, m.req)
	case fundersLoadedMsg:
		if msg.req != m.req {
			return m, nil
		}
		m.loaded, m.problem = msg.err == nil, explain(m.env, msg.err)
		m.items = msg.items
		m.cursor = min(max(m.cursor, 0), max(len(m.items)-1, 0))
		m.updateKeys()
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, m.keys.Up):
			m.cursor = max(m.cursor-1, 0)
		case key.Matches(msg, m.keys.Down):
			m.cursor = min(m.cursor+1, max(len(m.items)-1, 0))
		case key.Matches(msg, m.keys.New):
			return m, navigate(Route{Kind: KindFunderForm})
		case key.Matches(msg, m.keys.Edit):
			return m, navigate(Route{Kind: KindFunderForm, Item: m.items[m.cursor].ID})
		case key.Matches(msg, m.keys.Report):
			return m, navigate(Route{Kind: KindFunderReport, Item: m.items[m.cursor].ID})
		}
	}
	return m, nil
}

// View draws one funder a row: name, where it is, its contract and
// whether it takes e-invoices.
func (m funderList) View() string {
	t, st := m.env.text, m.env.styles
	if !m.loaded {
		if m.problem != "" {
			return "\n  " + st.Danger.Render(m.problem)
		}
		return "\n  " + st.Muted.Render(t.T("form.loading"))
	}
	cut := func(s string, n int) string {
		s = termsafe.Line(s)
		if r := []rune(s); len(r) > n {
			return string(r[:n-1]) + "…"
		}
		return s
	}
	lines := []string{"", "  " + st.Header.Render(kit.PadRight(t.T("money.col_funder"), 26)+" "+kit.PadRight(t.T("money.col_address"), 34)+" "+
		kit.PadRight(t.T("money.col_contract"), 14)+" "+t.T("money.col_einvoice"))}
	if len(m.items) == 0 {
		lines = append(lines, "  "+st.Muted.Render(t.T("money.no_funders")))
	}
	for i, f := range m.items {
		addr, _, _ := strings.Cut(f.Address, "\n")
		e := t.T("money.einvoice_no")
		if f.EInvoice != "" {
			e = t.T("money.einvoice_yes")
		}
		row := kit.PadRight(cut(f.Name, 26), 26) + " " + kit.PadRight(cut(addr, 34), 34) + " " + kit.PadRight(cut(f.Contract, 14), 14) + " " + e
		if i == m.cursor {
			row = st.Selected.Render(row)
		}
		lines = append(lines, "  "+row)
	}
	return strings.Join(lines, "\n")
}

// funderForm adds a funder (Item 0) or corrects one. Invoices already
// issued keep the details they were issued with.
type funderForm struct {
	formCore
	id int64
}

func newFunderForm(e *env, r Route) funderForm {
	t, st := e.text, e.styles
	wide := func(id, label string) kit.Field {
		f := kit.TextField(st, id, label)
		f.Input.Width = 60
		return f
	}
	days := kit.TextField(st, "payment_days", t.T("money.f_payment_days"))
	days.Input.Width = 5
	days.SetValue("30")
	m := funderForm{id: r.Item, formCore: newFormCore(e, r.Item == 0,
		wide("funder_name", t.T("money.f_funder_name")), wide("funder_address", t.T("money.f_funder_address")),
		kit.TextField(st, "kvk", t.T("money.f_kvk")), kit.TextField(st, "vat_number", t.T("money.f_vat_number")),
		kit.TextField(st, "contract", t.T("money.f_contract")), wide("einvoice", t.T("money.f_einvoice")), days)}
	return m
}

// funderLoadedMsg answers the load of the funder being corrected.
type funderLoadedMsg struct {
	req reqID
	f   store.Funder
	err error
}

func (m funderLoadedMsg) request() reqID { return m.req }

// Init reads the funder being corrected.
func (m funderForm) Init() tea.Cmd {
	if m.Loaded {
		return m.Refocus()
	}
	req, id := m.req, m.id
	return fromMoney(m.env, func(ms moneyEditor) (store.Funder, error) { return ms.Funder(ctx(), id) },
		func(f store.Funder, err error) tea.Msg { return funderLoadedMsg{req: req, f: f, err: err} })
}

// Route names the form and the funder.
func (m funderForm) Route() Route { return Route{Kind: KindFunderForm, Item: m.id} }

// Title is "New funder" or "Funder".
func (m funderForm) Title() string {
	if m.id == 0 {
		return m.env.text.T("money.f_funder_new")
	}
	return m.env.text.T("money.f_funder_edit")
}

// RestoreDraft fills the fields, or keeps the draft until they are loaded.
func (m funderForm) RestoreDraft(text string) funderForm {
	m.Form.RestoreDraft(text)
	return m
}

// Update handles the load, the save and the keys.
func (m funderForm) Update(msg tea.Msg) (funderForm, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.Width, m.Height = msg.Width, msg.Height
	case funderLoadedMsg:
		if !m.takeLoad(msg.req, msg.err) {
			return m, nil
		}
		f := msg.f
		// An address's lines become commas: the e-invoice reads either.
		for id, v := range map[string]string{"funder_name": f.Name, "funder_address": strings.ReplaceAll(f.Address, "\n", ", "),
			"kvk": f.KvK, "vat_number": f.VATNumber, "contract": f.Contract, "einvoice": f.EInvoice,
			"payment_days": strconv.Itoa(f.PaymentDays)} {
			m.Set(id, kit.EditLine(v))
		}
		m.MarkLoaded()
		return m, m.Refocus()
	case moneySavedMsg:
		return m, m.onMoneySaved(msg, nil)
	case tea.KeyMsg:
		cmd, save := m.onKey(msg)
		if save {
			return m.submit()
		}
		return m, cmd
	}
	return m, nil
}

// submit reads the fields and saves the funder.
func (m funderForm) submit() (funderForm, tea.Cmd) {
	t := m.env.text
	days, err := strconv.Atoi(strings.TrimSpace(m.Get("payment_days")))
	if err != nil || days < 1 || days > 365 {
		return m, m.fail("payment_days", moneyFieldProblem(m.env, &store.ValidationError{Field: "payment_days"}))
	}
	f := store.Funder{ID: m.id, Name: strings.TrimSpace(m.Get("funder_name")),
		Address: strings.TrimSpace(m.Get("funder_address")), KvK: strings.TrimSpace(m.Get("kvk")),
		VATNumber: strings.TrimSpace(m.Get("vat_number")), Contract: strings.TrimSpace(m.Get("contract")),
		EInvoice: strings.TrimSpace(m.Get("einvoice")), PaymentDays: days}
	ms, ok := moneyEditorOf(m.env)
	if !ok {
		return m, nil
	}
	req := m.startSave()
	return m, saving(func() tea.Msg {
		saved, err := ms.SaveFunder(ctx(), f)
		return moneySavedMsg{req: req, note: t.Tf("money.f_funder_saved", termsafe.Line(saved.Name)), err: err}
	})
}

// View draws the fields with what an invoice needs of them.
func (m funderForm) View() string {
	return m.moneyView(m.env.text.T("money.f_funder_help"))
}

// moneySettingsForm sets how the practice invoices: VAT or the
// exemption, its VAT number and IBAN, whether a no-show is billable, and
// the payment term of a client's invoices. The practice's name, address
// and KvK number are the practice's own details, under settings.
type moneySettingsForm struct {
	formCore
}

func newMoneySettingsForm(e *env) moneySettingsForm {
	t, st := e.text, e.styles
	vat := kit.TextField(st, "vat", t.T("money.f_default_vat"))
	vat.Input.Width = 6
	exemption := kit.TextField(st, "exemption_text", t.T("money.f_exemption_text"))
	exemption.Input.Width = 60
	days := kit.TextField(st, "payment_days", t.T("money.f_client_payment_days"))
	days.Input.Width = 5
	m := moneySettingsForm{formCore: newFormCore(e, false,
		kit.ChoiceField("vat_exempt", t.T("money.f_vat_exempt"), []kit.Option{
			{Value: "no", Label: t.T("money.f_charges_vat")}, {Value: "yes", Label: t.T("money.f_exempt")}}),
		vat, exemption,
		kit.TextField(st, "vat_number", t.T("money.f_vat_number")),
		kit.TextField(st, "iban", "IBAN"),
		kit.ChoiceField("no_show", t.T("money.f_no_show"), []kit.Option{
			{Value: "no", Label: t.T("money.einvoice_no")}, {Value: "yes", Label: t.T("money.einvoice_yes")}}),
		days)}
	m.WrapProblem = true
	return m
}

// moneySettingsLoadedMsg answers the settings' load.
type moneySettingsLoadedMsg struct {
	req reqID
	set store.MoneySettings
	err error
}

func (m moneySettingsLoadedMsg) request() reqID { return m.req }

// Init reads the settings.
func (m moneySettingsForm) Init() tea.Cmd {
	req := m.req
	return fromMoney(m.env, func(ms moneyEditor) (store.MoneySettings, error) { return ms.MoneySettings(ctx()) },
		func(set store.MoneySettings, err error) tea.Msg {
			return moneySettingsLoadedMsg{req: req, set: set, err: err}
		})
}

// Route names the form.
func (m moneySettingsForm) Route() Route { return Route{Kind: KindMoneySettings} }

// Title is "Invoicing".
func (m moneySettingsForm) Title() string { return m.env.text.T("money.f_settings_title") }

// RestoreDraft fills the fields, or keeps the draft until they are loaded.
func (m moneySettingsForm) RestoreDraft(text string) moneySettingsForm {
	m.Form.RestoreDraft(text)
	m.refresh()
	return m
}

// Update handles the load, the save and the keys.
func (m moneySettingsForm) Update(msg tea.Msg) (moneySettingsForm, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.Width, m.Height = msg.Width, msg.Height
	case moneySettingsLoadedMsg:
		if !m.takeLoad(msg.req, msg.err) {
			return m, nil
		}
		l, set := m.env.lang(), msg.set
		yes := map[bool]string{false: "no", true: "yes"}
		m.Set("vat_exempt", yes[set.VATExempt])
		m.Set("vat", invoice.VATInput(l, set.DefaultVATBP))
		m.Set("exemption_text", kit.EditLine(set.ExemptionText))
		m.Set("vat_number", kit.EditLine(set.VATNumber))
		m.Set("iban", kit.EditLine(set.IBAN))
		m.Set("no_show", yes[set.NoShowBillable])
		m.Set("payment_days", strconv.Itoa(set.PaymentDays))
		m.MarkLoaded()
		m.refresh()
		return m, m.Refocus()
	case moneySavedMsg:
		return m, m.onMoneySaved(msg, nil)
	case tea.KeyMsg:
		cmd, save := m.onKey(msg)
		m.refresh()
		if save {
			return m.submit()
		}
		return m, cmd
	}
	return m, nil
}

// refresh shows the VAT rate or the exemption, whichever applies.
func (m *moneySettingsForm) refresh() {
	exempt := m.Get("vat_exempt") == "yes"
	m.Fields[m.Index("vat")].Hidden = exempt
	m.Fields[m.Index("exemption_text")].Hidden = !exempt
}

// submit reads the fields and saves the settings.
func (m moneySettingsForm) submit() (moneySettingsForm, tea.Cmd) {
	t := m.env.text
	set := store.MoneySettings{VATExempt: m.Get("vat_exempt") == "yes", VATNumber: strings.TrimSpace(m.Get("vat_number")),
		IBAN: strings.TrimSpace(m.Get("iban")), NoShowBillable: m.Get("no_show") == "yes"}
	if set.VATExempt {
		set.ExemptionText = strings.TrimSpace(m.Get("exemption_text"))
	} else {
		bp, ok := invoice.ParseVAT(m.Get("vat"))
		if !ok {
			return m, m.fail("vat", t.T("money.f_vat_format"))
		}
		set.DefaultVATBP = bp
	}
	days, err := strconv.Atoi(strings.TrimSpace(m.Get("payment_days")))
	if err != nil || days < 1 || days > 365 {
		return m, m.fail("payment_days", moneyFieldProblem(m.env, &store.ValidationError{Field: "payment_days"}))
	}
	set.PaymentDays = days
	ms, ok := moneyEditorOf(m.env)
	if !ok {
		return m, nil
	}
	req := m.startSave()
	note := t.T("money.f_settings_saved")
	return m, saving(func() tea.Msg {
		return moneySavedMsg{req: req, note: note, err: ms.SaveMoneySettings(ctx(), set)}
	})
}

// View draws the fields with where the practice's own details are.
func (m moneySettingsForm) View() string {
	return m.moneyView(m.env.text.T("money.f_settings_help"))
}
