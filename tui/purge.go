package tui

import (
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// purgeScreen is the confirmation of a purge: it plans the purge, says in
// one sentence what goes and what stays (invoices under fiscal retention,
// older versions in backups/), offers to delete those older versions now,
// and purges on yes. It is a screen rather than a yes/no prompt because
// the sentence is long and the backups choice is a second answer.
type purgeScreen struct {
	env      *env
	keys     purgeKeys
	client   int64
	invoices bool           // the client's invoices alone
	items    store.Category // the client's items under this item category alone
	req      reqID

	loaded  bool
	busy    bool // the purge is under way
	problem string
	notice  string // why the plan was made again
	p       purgePlan
	drop    bool // also delete the older versions in backups/
	width   int
	height  int
}

func newPurgeScreen(e *env, r Route) purgeScreen {
	m := purgeScreen{env: e, keys: newPurgeKeys(e.text), client: r.Client,
		invoices: r.Tab == string(store.CategoryInvoice), req: newReq()}
	if c := store.Category(r.Tab); c.Item() {
		m.items = c
	}
	m.updateKeys()
	return m
}

// Init plans the purge, answering to the request id of the constructor.
func (m purgeScreen) Init() tea.Cmd { return m.plan() }

// plan plans the purge the screen is about.
func (m purgeScreen) plan() tea.Cmd {
	if m.items != "" {
		return planItemPurge(m.env.store, m.req, m.client, m.items)
	}
	return planPurge(m.env.store, m.req, m.client, m.invoices)
}

// Route names the client and whether only invoices go.
func (m purgeScreen) Route() Route {
	r := Route{Kind: KindPurge, Client: m.client}
	switch {
	case m.invoices:
		r.Tab = string(store.CategoryInvoice)
	case m.items != "":
		r.Tab = string(m.items)
	}
	return r
}

// Title is "Erase".
func (m purgeScreen) Title() string { return m.env.text.T("purge.title") }

// Capturing is false: y and b are the only keys, and esc goes back.
func (m purgeScreen) Capturing() bool { return false }

// KeyMap lists the confirmation's keys.
func (m purgeScreen) KeyMap() help.KeyMap { return m.keys }

// Draft keeps nothing: a purge is confirmed afresh after a lock.
func (m purgeScreen) Draft() (string, bool) { return "", false }

// RestoreDraft has nothing to restore.
func (m purgeScreen) RestoreDraft(string) purgeScreen { return m }

// purgeDoneMsg is what the purge confirmation hands back to the screen
// below it: the client screen of a purged client leaves too.
type purgeDoneMsg struct{ client int64 }

// Update follows the plan and the purge, and handles the keys.
func (m purgeScreen) Update(msg tea.Msg) (purgeScreen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case planLoadedMsg:
		if msg.req != m.req {
			return m, nil
		}
		m.loaded = true
		m.problem = purgeProblem(m.env, msg.err)
		m.p = msg.p
		m.updateKeys()
	case purgedMsg:
		return m.onPurged(msg)
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, m.keys.Confirm):
			m.busy, m.notice = true, ""
			m.req = newReq()
			m.updateKeys()
			return m, purge(m.env.store, m.req, m.p.plan, m.drop)
		case key.Matches(msg, m.keys.Backups):
			m.drop = !m.drop
		}
	}
	return m, nil
}

func (m purgeScreen) onPurged(msg purgedMsg) (purgeScreen, tea.Cmd) {
	if msg.req != m.req {
		return m, nil
	}
	m.busy = false
	if msg.err != nil && !isNotSaved(m.env, msg.err) {
		if errors.Is(msg.err, store.ErrPlanChanged) {
			// Show what would go now; the coach confirms again.
			m.notice, m.loaded = purgeProblem(m.env, msg.err), false
			m.req = newReq()
			m.updateKeys()
			return m, m.plan()
		}
		m.problem = purgeProblem(m.env, msg.err)
		m.updateKeys()
		return m, nil
	}
	t := m.env.text
	text := t.Tf("purge.done", m.client)
	done := purgeDoneMsg{client: msg.plan.ClientID}
	switch {
	case msg.plan.Category == store.CategoryInvoice:
		text = t.N("purge.done_invoices", msg.plan.InvoicesErased)
	case msg.plan.Category.Item():
		// The client stays: the screen below must not leave.
		done.client = 0
		text = t.N("purge.done_items", msg.plan.Records+msg.plan.Documents+msg.plan.Complaints,
			itemCategoryName(t, msg.plan.Category, msg.plan.CategoryName))
	}
	report := notify
	switch {
	case msg.dropFail:
		text += " " + t.T("purge.drop_failed")
		report = fail
	case msg.dropped > 0:
		text += "; " + t.N("purge.dropped", msg.dropped)
	}
	return m, tea.Batch(back(done), report(text))
}

// updateKeys allows yes once there is a plan to carry out, and the
// backups choice only when backups/ holds anything.
func (m *purgeScreen) updateKeys() {
	ok := m.loaded && !m.busy && m.problem == ""
	m.keys.Confirm.SetEnabled(ok)
	m.keys.Backups.SetEnabled(ok && m.p.backups.Count > 0)
}

// purgeProblem is the sentence for what stops a purge.
func purgeProblem(e *env, err error) string {
	t := e.text
	switch {
	case err == nil:
		return ""
	case errors.Is(err, store.ErrNotDue):
		return t.T("purge.not_due")
	case errors.Is(err, store.ErrPlanChanged):
		return t.T("purge.changed")
	}
	if s, ok := refused(t, err, doingPurge); ok {
		return s
	}
	return explain(e, err)
}

// View draws the sentence, the backups choice and what yes does.
func (m purgeScreen) View() string {
	t, st := m.env.text, m.env.styles
	lines := []string{"", "  " + st.Title.Render(m.Title()), ""}
	if m.notice != "" {
		lines = append(lines, kit.Paragraph(st.Warning, m.notice, m.width)...)
		lines = append(lines, "")
	}
	switch {
	case m.problem != "":
		return strings.Join(append(lines, kit.Paragraph(st.Danger, m.problem, m.width)...), "\n")
	case !m.loaded:
		return strings.Join(append(lines, "  "+st.Muted.Render(t.T("form.loading"))), "\n")
	}
	lines = append(lines, kit.Paragraph(st.Text, purgeSentence(t, m.p), m.width)...)
	lines = append(lines, "", "  "+st.Muted.Render(t.Tf("purge.policy", purgeRule(t, m.p.plan))))
	if m.p.backups.Count > 0 {
		box := "[ ] "
		if m.drop {
			box = "[x] "
		}
		lines = append(lines, "", "  "+st.Text.Render(box+t.N("purge.drop_choice", m.p.backups.Count)))
	}
	lines = append(lines, "")
	if m.busy {
		return strings.Join(append(lines, "  "+st.Muted.Render(t.T("status.saving"))), "\n")
	}
	return strings.Join(append(lines, "  "+st.Warning.Render(t.Tf("purge.question", m.keys.Confirm.Help().Key))), "\n")
}

// purgeWho names the client of a plan as the coach knows them: by name,
// and by number only when the plan has no name.
func purgeWho(t Text, plan store.PurgePlan) string {
	if name := kit.OneLine(plan.Name); name != "" {
		return name
	}
	return t.Tf("purge.client_no", plan.ClientID)
}

// purgeRule is the rule the proof of erasure records, in the reader's
// language: "dossier: 24 maanden na einde traject (gewist voor het einde
// van de termijn); factuur: 84 maanden na factuurdatum". The tombstone
// holds the same rule in one fixed form (store.PurgePlan.Policy).
func purgeRule(t Text, p store.PurgePlan) string {
	rule := policyName(t, p.Rule) + ": " + policyRule(t, p.Rule)
	if p.Override {
		rule += " " + t.T("purge.rule_overridden")
	}
	if p.InvoiceRule.Months > 0 {
		rule += "; " + policyName(t, p.InvoiceRule) + ": " + policyRule(t, p.InvoiceRule)
	}
	return rule
}

// purgeSentence says what a plan erases and what stays, in the order a
// coach checks it: whose, what goes, what stays, what backups/ still holds.
func purgeSentence(t Text, p purgePlan) string {
	plan := p.plan
	var parts []string
	add := func(n int, counted string) {
		if n > 0 {
			parts = append(parts, counted)
		}
	}
	var who string
	switch {
	case plan.Category.Item():
		who = t.Tf("purge.items_of", itemCategoryName(t, plan.Category, plan.CategoryName), purgeWho(t, plan))
		add(plan.Records, t.N("count.records", plan.Records))
		add(plan.Documents, t.N("count.documents", plan.Documents))
		add(plan.Complaints, t.N("count.complaints", plan.Complaints))
	case plan.Category != store.CategoryInvoice:
		who = t.Tf("purge.dossier_of", purgeWho(t, plan))
		add(plan.Records, t.N("count.records", plan.Records))
		add(plan.Documents, t.N("count.documents", plan.Documents))
		add(plan.Appointments, t.N("count.appointments", plan.Appointments))
		add(plan.Consents, t.N("count.consents", plan.Consents))
		add(plan.Disclosures, t.N("count.disclosures", plan.Disclosures))
		add(plan.Requests, t.N("count.requests", plan.Requests))
		add(plan.Drafts, t.N("count.drafts", plan.Drafts))
	case plan.ClientID == 0:
		who = t.T("purge.invoices_of_purged")
	default:
		who = t.Tf("purge.invoices_of", purgeWho(t, plan))
	}
	add(plan.InvoicesErased, t.N("count.invoices", plan.InvoicesErased))
	s := who + " " + t.T("purge.goes")
	if len(parts) > 0 {
		s = who + ": " + strings.Join(parts, ", ") + " " + t.T("purge.goes")
	}
	if plan.InvoicesKept > 0 {
		s += "; " + t.Tf("purge.invoices_kept", t.Date(plan.InvoicesKeptUntil))
	}
	s += "."
	if p.backups.Count > 0 {
		s += " " + t.Tf("purge.backups", t.Date(p.backups.KeptUntil))
	}
	return s
}

// purgeKeys answer the purge confirmation. As in a prompt, y and j both
// mean yes; esc (a global key) goes back without erasing anything.
type purgeKeys struct {
	Confirm key.Binding
	Backups key.Binding
}

func newPurgeKeys(t Text) purgeKeys {
	yes := "y"
	if t.Lang() == Dutch {
		yes = "j"
	}
	return purgeKeys{
		Confirm: bind([]string{"y", "Y", "j", "J"}, yes, t.T("key.purge_confirm")),
		Backups: bind([]string{"b", " "}, "b", t.T("key.purge_backups")),
	}
}

// ShortHelp is the purge confirmation's hint line.
func (k purgeKeys) ShortHelp() []key.Binding { return []key.Binding{k.Confirm, k.Backups} }

// FullHelp is the purge confirmation's part of the help overlay.
func (k purgeKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// purgePlan is a plan with what the confirmation says about backups/.
type purgePlan struct {
	plan    store.PurgePlan
	backups BackupInfo
}

// planLoadedMsg answers planPurge.
type planLoadedMsg struct {
	req reqID
	p   purgePlan
	err error
}

func (m planLoadedMsg) request() reqID { return m.req }

// planPurge plans the purge of a client's dossier, or with invoices of
// the client's invoices alone (0: of clients purged earlier), and reads
// what backups/ holds. A failure to read backups/ leaves the sentence
// about it out; it does not stop the purge.
func planPurge(s Store, req reqID, clientID int64, invoices bool) tea.Cmd {
	return func() tea.Msg {
		var p purgePlan
		var err error
		if invoices {
			p.plan, err = s.PlanInvoicePurge(ctx(), clientID)
		} else {
			p.plan, err = s.PlanPurge(ctx(), clientID, store.PurgeOptions{})
		}
		if err != nil {
			return planLoadedMsg{req: req, err: err}
		}
		p.backups, _ = s.Backups()
		return planLoadedMsg{req: req, p: p}
	}
}

// purgedMsg answers purge. It travels back to the screen below the purge
// confirmation (see purgeScreen), which reloads.
type purgedMsg struct {
	req      reqID
	plan     store.PurgePlan
	dropped  int  // older versions deleted from backups/
	dropFail bool // deleting them failed; the purge itself stands
	err      error
}

func (m purgedMsg) saveErr() error { return m.err }

func (m purgedMsg) request() reqID { return m.req }

// purge carries out a confirmed plan and then, when asked, deletes the
// older versions in backups/: after the purge, so the version the purge
// itself set aside goes too.
func purge(s Store, req reqID, plan store.PurgePlan, dropBackups bool) tea.Cmd {
	return saving(func() tea.Msg {
		msg := purgedMsg{req: req, plan: plan}
		if _, msg.err = s.Purge(ctx(), plan); msg.err != nil {
			return msg
		}
		if dropBackups {
			n, err := s.DropBackups()
			msg.dropped, msg.dropFail = n, err != nil
		}
		return msg
	})
}

// planItemPurge plans the purge of a client's items under item category
// c whose day has come.
func planItemPurge(s Store, req reqID, clientID int64, c store.Category) tea.Cmd {
	return func() tea.Msg {
		k, ok := keeper(s)
		if !ok {
			return planLoadedMsg{req: req, err: store.ErrNotDue}
		}
		var p purgePlan
		var err error
		if p.plan, err = k.PlanItemPurge(ctx(), clientID, c); err != nil {
			return planLoadedMsg{req: req, err: err}
		}
		p.backups, _ = s.Backups()
		return planLoadedMsg{req: req, p: p}
	}
}
