package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/invoice"
	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/termsafe"
	"github.com/caseload/caseload/tui/kit"
)

// The money of a client ($ on the client screen): the trajectory's terms,
// the budget as it stands (a warning at 80% and at 100%), the time spent
// outside appointments, and the invoices, with a new invoice of a period's
// unbilled hours, payment and credit notes. The store computes every
// amount; package invoice words them as the PDF and e-invoice do.

// moneyStore is what the money screens need of the caseload; cmd's
// session has it through *store.Store.
type moneyStore interface {
	Terms(ctx context.Context, clientID int64) (store.Terms, error)
	Budget(ctx context.Context, clientID int64) (store.Budget, error)
	TimeEntries(ctx context.Context, clientID int64) ([]store.TimeEntry, error)
	Invoices(ctx context.Context, clientID int64) ([]store.Invoice, error)
	Funder(ctx context.Context, id int64) (store.Funder, error)
	MakeInvoice(ctx context.Context, d store.InvoiceDraft) (store.Invoice, error)
	MarkInvoicePaid(ctx context.Context, id int64, on time.Time) (store.Invoice, error)
	CreditInvoice(ctx context.Context, id int64, date time.Time) (store.Invoice, error)
	MoneyYear(ctx context.Context, year int) ([]store.MonthMoney, error)
}

// moneyOf is the caseload's money side, when the store has one.
func moneyOf(e *env) (moneyStore, bool) {
	m, ok := e.store.(moneyStore)
	return m, ok
}

// The screens of money.
const (
	KindMoney       ScreenKind = "money"        // Client
	KindInvoiceForm ScreenKind = "invoice-form" // Client
)

// moneyScreen is a client's money.
type moneyScreen struct {
	env    *env
	keys   moneyKeys
	client int64
	req    reqID

	loaded   bool
	problem  string
	name     string
	hasTerms bool
	terms    store.Terms
	payer    string
	budget   store.Budget
	entries  []store.TimeEntry
	invoices []store.Invoice
	list     kit.List // the cursor over the invoices
	width    int
	height   int
}

type moneyKeys struct {
	Up, Down, New, Paid, Credit, Terms, Time, Funders, Settings, File key.Binding
}

func newMoneyKeys(t Text) moneyKeys {
	return moneyKeys{
		Up:     bind([]string{"up", "k"}, "↑/k", t.T("key.up")),
		Down:   bind([]string{"down", "j"}, "↓/j", t.T("key.down")),
		New:    bind([]string{"n"}, "n", t.T("money.key_new")),
		Paid:   bind([]string{"p"}, "p", t.T("money.key_paid")),
		Credit: bind([]string{"c"}, "c", t.T("money.key_credit")),
		// e edits the trajectory's terms, the screen's own "item".
		Terms:   bind([]string{"e"}, "e", t.T("money.key_terms")),
		Time:    bind([]string{"t"}, "t", t.T("money.key_time")),
		Funders: bind([]string{"f"}, "f", t.T("money.key_funders")),
		// s, lower case: the global S opens all settings.
		Settings: bind([]string{"s"}, "s", t.T("money.key_settings")),
		File:     bind([]string{"w"}, "w", t.T("money.key_file")),
	}
}

// ShortHelp is the money screen's hint line.
func (k moneyKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.New, k.Terms, k.Time, k.File, k.Paid, k.Credit, k.Funders, k.Settings, k.Up, k.Down}
}

// FullHelp is its part of the help overlay.
func (k moneyKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// newMoneyOpenKey is $ on the client screen.
func newMoneyOpenKey(t Text) key.Binding { return bind([]string{"$"}, "$", t.T("money.key_open")) }

func newMoneyScreen(e *env, r Route) moneyScreen {
	m := moneyScreen{env: e, keys: newMoneyKeys(e.text), client: r.Client, req: newReq()}
	m.updateKeys()
	return m
}

// moneyLoadedMsg answers loadMoney.
type moneyLoadedMsg struct {
	req      reqID
	name     string
	hasTerms bool
	terms    store.Terms
	payer    string
	budget   store.Budget
	entries  []store.TimeEntry
	invoices []store.Invoice
	err      error
}

// loadMoney reads everything the screen shows, in one command.
func loadMoney(e *env, req reqID, client int64) tea.Cmd {
	s, st := e.store, e.store
	return func() tea.Msg {
		ms, ok := st.(moneyStore)
		msg := moneyLoadedMsg{req: req}
		if !ok {
			msg.err = errors.New("this caseload has no money side")
			return msg
		}
		c, err := s.Client(ctx(), client)
		if err != nil {
			msg.err = err
			return msg
		}
		msg.name = c.Name()
		msg.terms, err = ms.Terms(ctx(), client)
		switch {
		case err == nil:
			msg.hasTerms = true
			msg.payer = c.Name()
			if msg.terms.FunderID != 0 {
				f, err := ms.Funder(ctx(), msg.terms.FunderID)
				if err != nil {
					msg.err = err
					return msg
				}
				msg.payer = f.Name
			}
			if msg.budget, err = ms.Budget(ctx(), client); err != nil {
				msg.err = err
				return msg
			}
		case !errors.Is(err, store.ErrNotFound):
			msg.err = err
			return msg
		}
		if msg.entries, err = ms.TimeEntries(ctx(), client); err != nil {
			msg.err = err
			return msg
		}
		msg.invoices, msg.err = ms.Invoices(ctx(), client)
		return msg
	}
}

// moneyChangedMsg answers a payment or a credit note.
type moneyChangedMsg struct {
	req  reqID
	note string
	err  error
}

// saveErr books the save with the root model, which counts it as done
// (a lock waits for every save under way).
func (m moneyChangedMsg) saveErr() error { return m.err }
func (m moneyChangedMsg) request() reqID { return m.req }

// Init loads the client's money.
func (m moneyScreen) Init() tea.Cmd { return loadMoney(m.env, m.req, m.client) }

// Route names the money screen of the client.
func (m moneyScreen) Route() Route { return Route{Kind: KindMoney, Client: m.client} }

// Title is "Money".
func (m moneyScreen) Title() string { return m.env.text.T("money.title") }

// Capturing is false: no text field.
func (m moneyScreen) Capturing() bool { return false }

// KeyMap lists the keys that work now.
func (m moneyScreen) KeyMap() help.KeyMap { return m.keys }

// Draft keeps nothing.
func (m moneyScreen) Draft() (string, bool) { return "", false }

// RestoreDraft has nothing to restore.
func (m moneyScreen) RestoreDraft(string) moneyScreen { return m }

func (m *moneyScreen) updateKeys() {
	inv, ok := m.selected()
	_, edits := moneyEditorOf(m.env)
	// A fixed amount needs no terms: a client who pays for themselves.
	m.keys.New.SetEnabled(m.loaded)
	m.keys.Terms.SetEnabled(m.loaded && edits)
	m.keys.Time.SetEnabled(m.loaded && edits)
	m.keys.Funders.SetEnabled(edits)
	m.keys.Settings.SetEnabled(edits)
	_, files := m.env.store.(invoiceFiler)
	m.keys.File.SetEnabled(ok && files && inv.Year != 0) // made here, with lines
	m.keys.Paid.SetEnabled(ok && inv.Kind == store.InvoiceNormal && inv.PaidOn.IsZero() && inv.CreditedBy == "")
	m.keys.Credit.SetEnabled(ok && inv.Kind == store.InvoiceNormal && inv.CreditedBy == "" && inv.Year != 0)
	m.keys.Up.SetEnabled(len(m.invoices) > 1)
	m.keys.Down.SetEnabled(len(m.invoices) > 1)
}

func (m moneyScreen) selected() (store.Invoice, bool) {
	i, ok := m.list.Selected(len(m.invoices))
	if !m.loaded || !ok {
		return store.Invoice{}, false
	}
	return m.invoices[i], true
}

// Update handles the store's answers and the keys.
func (m moneyScreen) Update(msg tea.Msg) (moneyScreen, tea.Cmd) {
	t := m.env.text
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case shownMsg:
		m.req = newReq()
		return m, loadMoney(m.env, m.req, m.client)
	case invoiceMadeMsg:
		return m, notify(fmt.Sprintf(t.T("money.made"), msg.number))
	case moneyLoadedMsg:
		if msg.req != m.req {
			return m, nil
		}
		m.loaded, m.problem = msg.err == nil, ""
		if msg.err != nil {
			m.problem = moneyProblem(m.env, msg.err)
			return m, nil
		}
		m.name, m.hasTerms, m.terms, m.payer, m.budget = msg.name, msg.hasTerms, msg.terms, msg.payer, msg.budget
		m.entries, m.invoices = msg.entries, msg.invoices
		m.list.Clamp(len(m.invoices), len(m.invoices))
		m.updateKeys()
	case moneyChangedMsg:
		if msg.req != m.req {
			return m, nil
		}
		if msg.err != nil && !isNotSaved(m.env, msg.err) {
			return m, fail(moneyProblem(m.env, msg.err))
		}
		m.req = newReq()
		return m, tea.Batch(loadMoney(m.env, m.req, m.client), notify(msg.note))
	case tea.KeyMsg:
		return m.onKey(msg)
	}
	return m, nil
}

func (m moneyScreen) onKey(msg tea.KeyMsg) (moneyScreen, tea.Cmd) {
	t, k := m.env.text, m.keys
	inv, _ := m.selected()
	switch {
	case m.list.Move(msg, kit.ListKeys{Up: k.Up, Down: k.Down}, len(m.invoices), len(m.invoices)):
	case key.Matches(msg, k.New):
		return m, navigate(Route{Kind: KindInvoiceForm, Client: m.client})
	case key.Matches(msg, k.Terms):
		return m, navigate(Route{Kind: KindTermsForm, Client: m.client})
	case key.Matches(msg, k.Time):
		return m, navigate(Route{Kind: KindTimeForm, Client: m.client})
	case key.Matches(msg, k.Funders):
		return m, navigate(Route{Kind: KindFunders})
	case key.Matches(msg, k.Settings):
		return m, navigate(Route{Kind: KindMoneySettings})
	case key.Matches(msg, k.File):
		return m, navigate(Route{Kind: KindInvoiceFile, Client: m.client, Item: inv.ID})
	case key.Matches(msg, k.Paid):
		m.req = newReq()
		return m, confirm(fmt.Sprintf(t.T("money.confirm_paid"), inv.Number), payInvoice(m.env, m.req, inv))
	case key.Matches(msg, k.Credit):
		m.req = newReq()
		return m, confirm(fmt.Sprintf(t.T("money.confirm_credit"), inv.Number), creditInvoice(m.env, m.req, inv))
	}
	m.updateKeys()
	return m, nil
}

func payInvoice(e *env, req reqID, inv store.Invoice) tea.Cmd {
	ms, _ := moneyOf(e)
	t := e.text
	return saving(func() tea.Msg {
		_, err := ms.MarkInvoicePaid(ctx(), inv.ID, time.Time{})
		return moneyChangedMsg{req: req, err: err, note: fmt.Sprintf(t.T("money.paid"), inv.Number)}
	})
}

func creditInvoice(e *env, req reqID, inv store.Invoice) tea.Cmd {
	ms, _ := moneyOf(e)
	t := e.text
	return saving(func() tea.Msg {
		cn, err := ms.CreditInvoice(ctx(), inv.ID, time.Time{})
		return moneyChangedMsg{req: req, err: err, note: fmt.Sprintf(t.T("money.credited"), cn.Number, inv.Number)}
	})
}

// lang is the invoice package's name for the coach's language.
func (e *env) lang() invoice.Lang { return invoice.Lang(e.text.Lang()) }

// moneyProblem is the sentence for err: the money side's own validation
// errors first, then what every screen says.
func moneyProblem(e *env, err error) string {
	var ve *store.ValidationError
	if errors.As(err, &ve) {
		if s, ok := invoice.Problem(e.lang(), ve); ok {
			return s
		}
	}
	return explain(e, err)
}

// budgetValue writes an amount of a budget for the screen: hours as 1:30,
// sessions as a count, money as euros in the coach's way; the unit of an
// amount is its euro sign (budgetUnit gives the others').
func budgetValue(l invoice.Lang, k store.BudgetKind, v int64) string {
	if k == store.BudgetAmount {
		return invoice.Euro(l, v)
	}
	return invoice.BudgetValue(k, v)
}

// budgetBar is a bar of width cells filled to pct (capped at 100).
func budgetBar(pct, width int) string {
	full := min(max(pct, 0), 100) * width / 100
	return strings.Repeat("█", full) + strings.Repeat("░", width-full)
}

// View draws terms, budget, time and invoices.
func (m moneyScreen) View() string {
	t, st, l := m.env.text, m.env.styles, m.env.lang()
	if !m.loaded {
		if m.problem != "" {
			return "\n  " + st.Danger.Render(m.problem)
		}
		return "\n  " + st.Muted.Render(t.T("form.loading"))
	}
	var b strings.Builder
	line := func(s string) { b.WriteString(s + "\n") }
	label := func(s string) string { return st.Label.Render(fmt.Sprintf("%-12s", s)) }
	line("")
	line("  " + st.Title.Render(fmt.Sprintf(t.T("money.heading"), termsafe.Line(m.name))))
	line("")
	if !m.hasTerms {
		line("  " + st.Muted.Render(t.T("money.no_terms")))
	} else {
		tm := m.terms
		rate := invoice.Euro(l, tm.RateCents) + " " + invoice.RateUnit(l, tm.RateKind)
		parts := []string{termsafe.Line(m.payer), rate, t.T("money.vat") + " " + invoice.Percent(l, tm.VATBP)}
		if tm.Reference != "" {
			parts = append(parts, t.T("money.reference")+" "+termsafe.Line(tm.Reference))
		}
		line("  " + label(t.T("money.terms")) + strings.Join(parts, " · "))
		bd := m.budget
		if bd.Kind != store.BudgetNone {
			unit := invoice.BudgetUnit(l, bd.Kind)
			if bd.Kind == store.BudgetAmount {
				unit = "" // the amounts carry their euro sign
			}
			text := fmt.Sprintf(t.T("money.budget_line"), budgetValue(l, bd.Kind, bd.Used),
				budgetValue(l, bd.Kind, bd.Total), unit, bd.Percent,
				budgetValue(l, bd.Kind, bd.Remaining))
			text = strings.ReplaceAll(text, "  ", " ")
			style := st.Success
			warn := ""
			switch bd.Level {
			case store.BudgetWarning:
				style, warn = st.Warning, t.T("money.warn_80")
			case store.BudgetFull:
				style, warn = st.Danger, t.T("money.warn_full")
			case store.BudgetOver:
				style, warn = st.DangerBold, t.T("money.warn_over")
			}
			line("  " + label(t.T("money.budget")) + style.Render(budgetBar(bd.Percent, 20)) + " " + text)
			if warn != "" {
				line("  " + strings.Repeat(" ", 12) + style.Render(warn))
			}
		}
	}
	line("")
	var unbilled int64
	for _, e := range m.entries {
		if e.InvoiceID == 0 {
			unbilled += int64(e.Minutes)
		}
	}
	line("  " + label(t.T("money.time")) + t.N("money.time_line", len(m.entries), invoice.Duration(unbilled)))
	for _, e := range m.entries[max(len(m.entries)-3, 0):] {
		line("  " + strings.Repeat(" ", 12) + st.Muted.Render(fmt.Sprintf("%s  %s  %s", e.Date.Format("2006-01-02"),
			invoice.Duration(int64(e.Minutes)), termsafe.Line(e.Description))))
	}
	line("")
	line("  " + st.Header.Render(fmt.Sprintf("%-11s %-11s %12s  %s", t.T("money.col_number"), t.T("money.col_date"),
		t.T("money.col_total"), t.T("money.col_status"))))
	if len(m.invoices) == 0 {
		line("  " + st.Muted.Render(t.T("money.no_invoices")))
	}
	today := m.env.today()
	for i, inv := range m.invoices {
		status := invoice.StatusText(l, inv.Status(today))
		row := fmt.Sprintf("%-11s %-11s %12s  %s", termsafe.Line(inv.Number), inv.Date.Format("2006-01-02"),
			invoice.Euro(l, inv.AmountCents), status)
		switch {
		case i == m.list.Cursor:
			row = st.Selected.Render(row)
		case inv.Status(today) == store.StatusOverdue:
			row = st.Danger.Render(row)
		}
		line("  " + row)
	}
	return b.String()
}

// invoiceForm makes an invoice: of the unbilled hours of a period, or of
// a fixed amount (a fixed-price trajectory, an instalment, a client who
// pays for themselves).
type invoiceForm struct {
	formCore
	client int64
	exempt bool
}

// The kinds of invoice the form makes.
const (
	invoiceOfHours = "hours"
	invoiceOfFixed = "fixed"
)

// invoiceMadeMsg is what the form hands back to the money screen.
type invoiceMadeMsg struct{ number string }

// invoiceSavedMsg answers the form's MakeInvoice.
type invoiceSavedMsg struct {
	req reqID
	inv store.Invoice
	err error
}

// saveErr books the save with the root model, which counts it as done
// (a lock waits for every save under way).
func (m invoiceSavedMsg) saveErr() error { return m.err }
func (m invoiceSavedMsg) request() reqID { return m.req }

func newInvoiceForm(e *env, r Route) invoiceForm {
	t, st := e.text, e.styles
	desc := kit.TextField(st, "description", t.T("money.f_description"))
	desc.Input.Width = 60
	amount := kit.TextField(st, "amount", t.T("money.f_amount"))
	amount.Input.Width = 14
	vat := kit.TextField(st, "vat", t.T("money.f_vat"))
	vat.Input.Width = 6
	m := invoiceForm{client: r.Client, formCore: newFormCore(e, false,
		kit.ChoiceField("kind", t.T("money.f_invoice_kind"), nil),
		kit.DateField(st, "from", t.T("money.from"), t.T("form.date_placeholder")),
		kit.DateField(st, "to", t.T("money.to"), t.T("form.date_placeholder")),
		desc, amount, vat, kit.TextField(st, "vat_reason", t.T("money.f_vat_reason")))}
	// The usual invoice: last month.
	first := time.Date(e.today().Year(), e.today().Month(), 1, 0, 0, 0, 0, time.UTC)
	m.Set("from", first.AddDate(0, -1, 0).Format("2006-01-02"))
	m.Set("to", first.AddDate(0, 0, -1).Format("2006-01-02"))
	return m
}

// Init reads the terms and the practice's VAT.
func (m invoiceForm) Init() tea.Cmd { return loadTermsForm(m.env, m.req, m.client) }

// Route names the form and the client.
func (m invoiceForm) Route() Route { return Route{Kind: KindInvoiceForm, Client: m.client} }

// Title is "New invoice".
func (m invoiceForm) Title() string { return m.env.text.T("money.form_title") }

// Draft keeps nothing: a few fields are quickly typed again, and an
// invoice half made is better made afresh from the figures of the day.
func (m invoiceForm) Draft() (string, bool) { return "", false }

// RestoreDraft has nothing to restore.
func (m invoiceForm) RestoreDraft(string) invoiceForm { return m }

// Update handles the load, the save's answer and the keys.
func (m invoiceForm) Update(msg tea.Msg) (invoiceForm, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.Width, m.Height = msg.Width, msg.Height
	case termsLoadedMsg:
		if msg.req != m.req || m.Loaded {
			return m, nil
		}
		if msg.err != nil {
			m.Problem = explain(m.env, msg.err)
			return m, nil
		}
		m.Loaded = true
		m.fill(msg)
		m.refresh()
		return m, m.Refocus()
	case invoiceSavedMsg:
		if msg.req != m.req {
			return m, nil
		}
		if msg.err == nil || isNotSaved(m.env, msg.err) {
			m.Saved()
			return m, back(invoiceMadeMsg{number: msg.inv.Number})
		}
		return m, m.onMoneySaved(moneySavedMsg{req: msg.req, err: msg.err}, map[string]string{
			"period": "from", "lines": "from", "budget_spent": "from", "invoice_date": "from",
			"line_description": "description", "rate": "amount"})
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

// fill offers the kinds the terms allow: hours need terms at an hourly or
// session rate; a fixed price offers itself as the amount.
func (m *invoiceForm) fill(msg termsLoadedMsg) {
	t, l := m.env.text, m.env.lang()
	m.exempt = msg.settings.VATExempt
	kind := &m.Fields[m.Index("kind")]
	hours := msg.hasTerms && msg.terms.RateKind != store.RateFixed
	if hours {
		kind.Options = append(kind.Options, kit.Option{Value: invoiceOfHours, Label: t.T("money.f_kind_hours")})
	}
	kind.Options = append(kind.Options, kit.Option{Value: invoiceOfFixed, Label: t.T("money.f_kind_fixed")})
	vat := msg.settings.DefaultVATBP
	if msg.hasTerms {
		vat = msg.terms.VATBP
		m.Set("vat_reason", kit.EditLine(msg.terms.VATReason))
	}
	m.Set("vat", invoice.VATInput(l, vat))
	if msg.hasTerms && msg.terms.RateKind == store.RateFixed {
		m.Set("amount", invoice.CentsInput(l, msg.terms.RateCents))
		m.Set("description", t.T("money.f_fixed_default"))
	}
}

// refresh shows the fields of the kind chosen.
func (m *invoiceForm) refresh() {
	if !m.Loaded {
		return
	}
	fixed := m.Get("kind") == invoiceOfFixed
	for _, id := range []string{"description", "amount"} {
		m.Fields[m.Index(id)].Hidden = !fixed
	}
	bp, ok := invoice.ParseVAT(m.Get("vat"))
	standard := !ok || bp == 0 || bp == 900 || bp == 2100
	m.Fields[m.Index("vat")].Hidden = !fixed || m.exempt
	reason := &m.Fields[m.Index("vat_reason")]
	reason.Hidden = !fixed || m.exempt || (standard && reason.Err == "" && strings.TrimSpace(reason.Input.Value()) == "")
}

func (m invoiceForm) submit() (invoiceForm, tea.Cmd) {
	t := m.env.text
	var days [2]time.Time
	fixed := m.Get("kind") == invoiceOfFixed
	for i, id := range []string{"from", "to"} {
		typed := m.Get(id)
		d, p := kit.ParseDate(typed)
		if p != kit.DateOK || d.IsZero() && !fixed {
			return m, m.fail(id, dateProblemText(t, p, strings.TrimSpace(typed)))
		}
		days[i] = d
	}
	draft := store.InvoiceDraft{ClientID: m.client, From: days[0], To: days[1]}
	if fixed {
		cents, ok := invoice.ParseCents(m.Get("amount"))
		if !ok {
			return m, m.fail("amount", t.T("money.f_amount_format"))
		}
		line := store.InvoiceLine{Description: strings.TrimSpace(m.Get("description")), UnitCents: cents,
			VATReason: strings.TrimSpace(m.Get("vat_reason"))}
		if !m.exempt {
			bp, ok := invoice.ParseVAT(m.Get("vat"))
			if !ok {
				return m, m.fail("vat", t.T("money.f_vat_format"))
			}
			line.VATBP = bp
		}
		draft.Lines = []store.InvoiceLine{line}
	}
	ms, ok := moneyOf(m.env)
	if !ok {
		return m, nil
	}
	req := m.startSave()
	return m, saving(func() tea.Msg {
		inv, err := ms.MakeInvoice(ctx(), draft)
		return invoiceSavedMsg{req: req, inv: inv, err: err}
	})
}

// View draws the fields with what the invoice will hold.
func (m invoiceForm) View() string {
	help := m.env.text.T("money.form_help")
	if m.Get("kind") == invoiceOfFixed {
		help = m.env.text.T("money.form_help_fixed")
	}
	return m.moneyView(help)
}
