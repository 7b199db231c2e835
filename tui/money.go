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
	Up, Down, New, Paid, Credit key.Binding
}

func newMoneyKeys(t Text) moneyKeys {
	return moneyKeys{
		Up:     bind([]string{"up", "k"}, "↑/k", t.T("key.up")),
		Down:   bind([]string{"down", "j"}, "↓/j", t.T("key.down")),
		New:    bind([]string{"n"}, "n", t.T("money.key_new")),
		Paid:   bind([]string{"p"}, "p", t.T("money.key_paid")),
		Credit: bind([]string{"c"}, "c", t.T("money.key_credit")),
	}
}

// ShortHelp is the money screen's hint line.
func (k moneyKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.New, k.Paid, k.Credit, k.Up, k.Down}
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
	m.keys.New.SetEnabled(m.loaded && m.hasTerms)
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

func rateText(t Text, k store.RateKind) string {
	switch k {
	case store.RatePerHour:
		return t.T("money.rate_hour")
	case store.RatePerSession:
		return t.T("money.rate_session")
	}
	return t.T("money.rate_fixed")
}

func budgetUnitText(t Text, k store.BudgetKind) string {
	switch k {
	case store.BudgetHours:
		return t.T("money.unit_hours")
	case store.BudgetSessions:
		return t.T("money.unit_sessions")
	}
	return t.T("money.unit_amount")
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
		rate := invoice.Euro(l, tm.RateCents) + " " + rateText(t, tm.RateKind)
		parts := []string{termsafe.Line(m.payer), rate, t.T("money.vat") + " " + invoice.Percent(l, tm.VATBP)}
		if tm.Reference != "" {
			parts = append(parts, t.T("money.reference")+" "+termsafe.Line(tm.Reference))
		}
		line("  " + label(t.T("money.terms")) + strings.Join(parts, " · "))
		bd := m.budget
		if bd.Kind != store.BudgetNone {
			text := fmt.Sprintf(t.T("money.budget_line"), invoice.BudgetValue(bd.Kind, bd.Used),
				invoice.BudgetValue(bd.Kind, bd.Total), budgetUnitText(t, bd.Kind), bd.Percent,
				invoice.BudgetValue(bd.Kind, bd.Remaining))
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

// invoiceForm makes an invoice of the unbilled hours of a period.
type invoiceForm struct {
	formCore
	client int64
}

// invoiceMadeMsg is what the form hands back to the money screen.
type invoiceMadeMsg struct{ number string }

// invoiceSavedMsg answers the form's MakeInvoice.
type invoiceSavedMsg struct {
	req reqID
	inv store.Invoice
	err error
}

func newInvoiceForm(e *env, r Route) invoiceForm {
	t, st := e.text, e.styles
	m := invoiceForm{client: r.Client, formCore: newFormCore(e, true,
		kit.DateField(st, "from", t.T("money.from"), t.T("form.date_placeholder")),
		kit.DateField(st, "to", t.T("money.to"), t.T("form.date_placeholder")))}
	// Two dates are quickly typed again: esc leaves at once, and a lock
	// keeps no draft. The store's reasons run longer than one line.
	m.LeaveFreely, m.WrapProblem = true, true
	// The usual invoice: last month's hours.
	first := time.Date(e.today().Year(), e.today().Month(), 1, 0, 0, 0, 0, time.UTC)
	m.Set("from", first.AddDate(0, -1, 0).Format("2006-01-02"))
	m.Set("to", first.AddDate(0, 0, -1).Format("2006-01-02"))
	return m
}

// Init focuses the first date.
func (m invoiceForm) Init() tea.Cmd { return m.FocusOn(0) }

// Route names the form and the client.
func (m invoiceForm) Route() Route { return Route{Kind: KindInvoiceForm, Client: m.client} }

// Title is "New invoice".
func (m invoiceForm) Title() string { return m.env.text.T("money.form_title") }

// Draft keeps nothing: two dates are quickly typed again.
func (m invoiceForm) Draft() (string, bool) { return "", false }

// RestoreDraft has nothing to restore.
func (m invoiceForm) RestoreDraft(string) invoiceForm { return m }

// Update handles the save's answer and the keys.
func (m invoiceForm) Update(msg tea.Msg) (invoiceForm, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.Width, m.Height = msg.Width, msg.Height
	case invoiceSavedMsg:
		if msg.req != m.req {
			return m, nil
		}
		if !m.kept(msg.err) {
			m.Refused(moneyProblem(m.env, msg.err))
			return m, nil
		}
		return m, m.onSavedBack(nil, back(invoiceMadeMsg{number: msg.inv.Number}))
	case tea.KeyMsg:
		cmd, save := m.onKey(msg)
		if save {
			return m.submit()
		}
		return m, cmd
	}
	return m, nil
}

func (m invoiceForm) submit() (invoiceForm, tea.Cmd) {
	t := m.env.text
	m.Problem = ""
	var days [2]time.Time
	for i, id := range []string{"from", "to"} {
		typed := m.Get(id)
		d, p := kit.ParseDate(typed)
		if p != kit.DateOK || d.IsZero() {
			return m, m.fail(id, dateProblemText(t, p, strings.TrimSpace(typed)))
		}
		days[i] = d
	}
	ms, ok := moneyOf(m.env)
	if !ok {
		return m, nil
	}
	req, client := m.startSave(), m.client
	return m, saving(func() tea.Msg {
		inv, err := ms.MakeInvoice(ctx(), store.InvoiceDraft{ClientID: client, From: days[0], To: days[1]})
		return invoiceSavedMsg{req: req, inv: inv, err: err}
	})
}

// View draws the two dates with what the invoice will hold.
func (m invoiceForm) View() string {
	return m.view(kit.Paragraph(m.env.styles.Muted, m.env.text.T("money.form_help"), m.Width))
}
