package tui

import (
	"errors"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// requestView shows one rights request with what its kind sets in
// motion (see the store's rights.go): answer (a), refuse (f) and extend
// (v) for every kind; restrict the client (b) for a restriction; plan and
// carry out the erasure (w) for an erasure; the recipients to tell (m) of
// a rectification, erasure or restriction; the consent to withdraw (i)
// for a withdrawal of consent. An action that needs words (an outcome, a
// reason) opens a few fields under the request; ctrl+s carries it out.
type requestView struct {
	env    *env
	keys   requestKeys
	form   kit.FormKeys
	letter key.Binding // p: the letter for this step, as a paper
	client int64
	id     int64
	req    reqID // the load under way
	actReq reqID // the action under way

	loaded  bool
	problem string // why the request cannot be shown
	refusal string // why the last action was refused
	notice  string // what the last action did
	d       requestDetail
	list    kit.List // over the notices, or the consents

	action requestAction // the action whose fields are open
	doing  requestAction // the action whose answer is awaited
	busy   bool
	set    kit.FieldSet
	plan   *store.PurgePlan // the erasure as planned, while the coach decides

	width  int
	height int
}

func newRequestView(e *env, r Route) requestView {
	m := requestView{env: e, keys: newRequestKeys(e.text), form: newFormKeys(e.text),
		letter: newLetterKey(e.text), client: r.Client, id: r.Item, req: newReq()}
	m.updateKeys()
	return m
}

// Init loads the request.
func (m requestView) Init() tea.Cmd { return loadRequest(m.env.store, m.req, m.id) }

func (m *requestView) reload() tea.Cmd {
	m.req = newReq()
	return loadRequest(m.env.store, m.req, m.id)
}

// Route names the client and the request.
func (m requestView) Route() Route { return Route{Kind: KindRequest, Client: m.client, Item: m.id} }

// Title is the kind of request.
func (m requestView) Title() string {
	if !m.loaded {
		return m.env.text.T("request.title")
	}
	return m.env.text.Tf("request.title_kind", requestKindText(m.env.text, m.d.r.Kind))
}

// Capturing is true while an action's fields are open.
func (m requestView) Capturing() bool { return m.action != actionNone }

// KeyMap lists the actions, or the keys of the open fields.
func (m requestView) KeyMap() help.KeyMap {
	if m.Capturing() {
		return m.form
	}
	return withKeys{base: m.keys, extra: []key.Binding{m.letter}}
}

// Draft is what the coach typed for an action, with the action.
func (m requestView) Draft() (string, bool) {
	if !m.Capturing() {
		return "", false
	}
	return strconv.Itoa(int(m.action)) + " " + m.set.Draft(), true
}

// RestoreDraft opens the action's fields again, as typed.
func (m requestView) RestoreDraft(text string) requestView {
	a, rest, ok := strings.Cut(text, " ")
	n, err := strconv.Atoi(a)
	if !ok || err != nil || !requestAction(n).takesText() {
		return m
	}
	m.openAction(requestAction(n))
	m.set.Restore(rest)
	m.updateKeys()
	return m
}

// Update follows the load, the actions' answers and the keys.
func (m requestView) Update(msg tea.Msg) (requestView, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case shownMsg:
		return m, m.reload()
	case requestLoadedMsg:
		if msg.req != m.req {
			return m, nil
		}
		if msg.err != nil {
			m.problem = rightsProblem(m.env, msg.err)
			return m, nil
		}
		m.loaded, m.problem, m.d = true, "", msg.d
		m.list.Clamp(m.listLen(), m.height)
		m.updateKeys()
	case rightsSavedMsg:
		return m.onDone(msg)
	case erasurePlannedMsg:
		return m.onPlanned(msg)
	case purgedMsg:
		return m.onPurged(msg)
	case tea.KeyMsg:
		if m.busy || !m.loaded {
			return m, nil
		}
		if m.Capturing() {
			return m.onFieldKey(msg)
		}
		return m.onKey(msg)
	}
	return m, nil
}

func (m requestView) onKey(msg tea.KeyMsg) (requestView, tea.Cmd) {
	k, s := m.keys, m.env.store
	m.notice, m.refusal, m.plan = "", "", nil
	switch {
	case key.Matches(msg, m.letter):
		return m, navigate(letterRoute(m.client, m.d.r))
	case key.Matches(msg, k.Edit):
		return m, navigate(Route{Kind: KindRequestForm, Client: m.client, Item: m.id})
	case key.Matches(msg, k.Answer) && m.d.r.Kind == store.RequestObjection:
		m.openAction(actionUphold)
	case key.Matches(msg, k.Answer):
		m.openAction(actionAnswer)
	case key.Matches(msg, k.Refuse):
		m.openAction(actionRefuse)
	case key.Matches(msg, k.Extend):
		m.openAction(actionExtend)
	case key.Matches(msg, k.Restrict):
		m.openAction(actionRestrict)
	case key.Matches(msg, k.Erase):
		m.start(actionErase)
		return m, planErasure(s, m.actReq, m.id)
	case key.Matches(msg, k.Notified):
		n := m.d.notices[m.list.Cursor]
		m.start(actionNotified)
		return m, markNotified(s, m.actReq, n.ID)
	case key.Matches(msg, k.Withdraw):
		c := m.d.consents[m.list.Cursor]
		m.start(actionWithdraw)
		q := m.env.text.Tf("consent.withdraw_question", kit.OneLine(c.Recipient), kit.OneLine(c.Purpose))
		return m, confirm(q, withdrawConsent(s, m.actReq, m.id, c.ID))
	default:
		m.list.Move(msg, k.ListKeys, m.listLen(), m.height)
		m.updateKeys()
		return m, nil
	}
	m.updateKeys()
	return m, m.set.FocusOn(0)
}

// start marks an action without fields as under way.
func (m *requestView) start(a requestAction) {
	m.doing, m.actReq = a, newReq()
	m.busy = a != actionWithdraw // the prompt may still say no
	m.updateKeys()
}

// openAction opens the fields of an action that needs words.
func (m *requestView) openAction(a requestAction) {
	t, st := m.env.text, m.env.styles
	m.action = a
	wide := func(id, label string) kit.Field {
		f := kit.TextField(st, id, label)
		f.Input.Width = 60
		return f
	}
	switch a {
	case actionAnswer:
		label := t.T("request.outcome")
		if m.d.r.Kind == store.RequestObjection {
			label = t.T("request.decision")
		}
		m.set = kit.FieldSet{Fields: []kit.Field{wide("outcome", label)}}
	case actionUphold:
		m.set = kit.FieldSet{Fields: []kit.Field{wide("outcome", t.T("request.decision"))}}
	case actionRefuse:
		m.set = kit.FieldSet{Fields: []kit.Field{wide("outcome", t.T("request.refusal_reason"))}}
	case actionExtend:
		m.set = kit.FieldSet{Fields: []kit.Field{
			kit.ChoiceField("months", t.T("request.extend_by"), []kit.Option{
				{Value: "1", Label: t.T("request.extend_one")}, {Value: "2", Label: t.T("request.extend_two")}}),

			wide("extension_reason", t.T("request.extension_reason")),
		}}
	case actionRestrict:
		m.set = kit.FieldSet{Fields: []kit.Field{wide("restricted_reason", t.T("restrict.reason"))}}
	}
	m.set.FocusOn(0)
}

func (m requestView) onFieldKey(msg tea.KeyMsg) (requestView, tea.Cmd) {
	switch {
	case key.Matches(msg, m.form.Save):
		return m.submit()
	case key.Matches(msg, m.form.Cancel):
		m.action, m.set = actionNone, kit.FieldSet{}
		m.updateKeys()
		return m, nil
	}
	cmd, _ := m.set.HandleKey(msg, m.form)
	m.updateKeys()
	return m, cmd
}

// submit carries out the open action with what was typed.
func (m requestView) submit() (requestView, tea.Cmd) {
	m.refusal = ""
	var text string
	months := 0
	switch m.action {
	case actionExtend:
		text = m.set.Get("extension_reason")
		months, _ = strconv.Atoi(m.set.Get("months"))
	case actionRestrict:
		text = m.set.Get("restricted_reason")
	default:
		text = m.set.Get("outcome")
	}
	text = strings.TrimSpace(text)
	m.busy, m.doing, m.actReq = true, m.action, newReq()
	return m, actOnRequest(m.env.store, m.actReq, m.id, m.action, text, months)
}

// onDone follows the answer to an action on the request.
func (m requestView) onDone(msg rightsSavedMsg) (requestView, tea.Cmd) {
	if msg.req != m.actReq {
		return m, nil
	}
	t := m.env.text
	m.busy = false
	action := m.doing
	if msg.err != nil && !isNotSaved(m.env, msg.err) {
		var ve *store.ValidationError
		if errors.As(msg.err, &ve) && m.Capturing() && m.set.Index(ve.Field) >= 0 {
			cmd, _ := m.set.Fail(ve.Field, rightsFieldProblem(t, ve))
			return m, cmd
		}
		m.refusal = rightsProblem(m.env, msg.err)
		m.updateKeys()
		return m, nil
	}
	m.action, m.set = actionNone, kit.FieldSet{}
	switch action {
	case actionRestrict:
		// The client itself changed: the client screen reads it again
		// and shows the restriction; the request stays open until
		// answered.
		return m, back(flagChangedMsg{note: t.T("request.restricted_note")})
	case actionUphold:
		// Upholding restricted the client: the client screen shows it.
		return m, back(flagChangedMsg{note: t.T("request.upheld_note")})
	case actionAnswer:
		m.notice = t.T("request.answered_note")
	case actionRefuse:
		m.notice = t.T("request.refused_note")
	case actionExtend:
		m.notice = t.Tf("request.extended_note", t.Weekday(msg.r.Due)+" "+t.Date(msg.r.Due))
	case actionNotified:
		m.notice = t.T("request.notified_note")
	case actionWithdraw:
		m.notice = t.T("request.withdrawn_note")
	}
	m.updateKeys()
	return m, m.reload()
}

// onPlanned shows what the erasure would erase and asks before it does.
func (m requestView) onPlanned(msg erasurePlannedMsg) (requestView, tea.Cmd) {
	if msg.req != m.actReq {
		return m, nil
	}
	m.busy = false
	if msg.err != nil {
		m.refusal = rightsProblem(m.env, msg.err)
		m.updateKeys()
		return m, nil
	}
	p := msg.plan
	m.plan = &p
	m.actReq = newReq()
	m.updateKeys()
	t := m.env.text
	q := t.Tf("erase.question", kit.OneLine(p.Name), erasureCounts(t, p))
	return m, confirm(q, purge(m.env.store, m.actReq, p, false))
}

// onPurged goes back to the caseload once the dossier is gone: the client
// screen below hands purgeDoneMsg on by going back itself.
func (m requestView) onPurged(msg purgedMsg) (requestView, tea.Cmd) {
	if msg.req != m.actReq {
		return m, nil
	}
	if msg.err != nil && !isNotSaved(m.env, msg.err) {
		m.refusal, m.plan = purgeProblem(m.env, msg.err), nil
		m.updateKeys()
		return m, nil
	}
	text := m.env.text.Tf("erase.done", m.client)
	return m, tea.Batch(back(purgeDoneMsg{client: m.client}), notify(text))
}

// listLen is the length of the list the cursor moves over.
func (m requestView) listLen() int {
	if m.d.r.Kind == store.RequestConsentWithdrawal {
		return len(m.d.consents)
	}
	return len(m.d.notices)
}

// updateKeys offers what the request's kind and state allow.
func (m *requestView) updateKeys() {
	k := &m.keys
	r := m.d.r
	idle := m.loaded && !m.busy && m.action == actionNone
	m.letter.SetEnabled(idle)
	open := idle && r.Open()
	k.ListKeys.SetEnabled(idle && m.listLen() > 1)
	k.Edit.SetEnabled(open)
	k.Answer.SetEnabled(open)
	k.Refuse.SetEnabled(open)
	k.Extend.SetEnabled(open)
	k.Restrict.SetEnabled(open && r.Kind == store.RequestRestriction)
	k.Erase.SetEnabled(open && r.Kind == store.RequestErasure)
	i := m.list.Cursor
	k.Notified.SetEnabled(idle && r.Kind != store.RequestConsentWithdrawal && i < len(m.d.notices) &&
		m.d.notices[i].Notified.IsZero())
	k.Withdraw.SetEnabled(open && r.Kind == store.RequestConsentWithdrawal && i < len(m.d.consents) &&
		m.d.consents[i].Withdrawn.IsZero())
	m.form.Choice.SetEnabled(m.Capturing() && m.set.Focused().Kind == kit.KindChoice)
}

// erasureCounts lists what an erasure takes, leaving out what is not there.
func erasureCounts(t Text, p store.PurgePlan) string {
	var parts []string
	add := func(n int, counted string) {
		if n > 0 {
			parts = append(parts, counted)
		}
	}
	add(p.Records, t.N("count.records", p.Records))
	add(p.Documents, t.N("count.documents", p.Documents))
	add(p.Appointments, t.N("count.appointments", p.Appointments))
	add(p.Consents, t.N("count.consents", p.Consents))
	add(p.Disclosures, t.N("count.disclosures", p.Disclosures))
	add(p.Requests, t.N("count.requests", p.Requests))
	add(p.InvoicesErased, t.N("count.invoices", p.InvoicesErased))
	if len(parts) == 0 {
		return t.T("erase.nothing")
	}
	return strings.Join(parts, ", ")
}

// requestKeys are the request view's keys. Which actions show depends on
// the kind of request and on whether it is still open; the cursor moves
// over the recipients to tell, or over the consents to withdraw.
type requestKeys struct {
	kit.ListKeys
	Edit     key.Binding
	Answer   key.Binding
	Refuse   key.Binding
	Extend   key.Binding
	Restrict key.Binding
	Erase    key.Binding
	Notified key.Binding
	Withdraw key.Binding
}

func newRequestKeys(t Text) requestKeys {
	return requestKeys{
		ListKeys: newListKeys(t),
		Edit:     bind([]string{"e"}, "e", t.T("key.edit")),
		Answer:   bind([]string{"a"}, "a", t.T("key.answer")),
		Refuse:   bind([]string{"f"}, "f", t.T("key.refuse")),
		Extend:   bind([]string{"v"}, "v", t.T("key.extend")),
		Restrict: bind([]string{"b"}, "b", t.T("key.restrict_request")),
		Erase:    bind([]string{"w"}, "w", t.T("key.erase")),
		Notified: bind([]string{"m"}, "m", t.T("key.mark_notified")),
		Withdraw: bind([]string{"i"}, "i", t.T("key.withdraw_consent")),
	}
}

func (k requestKeys) actions() []key.Binding {
	return []key.Binding{k.Answer, k.Refuse, k.Extend, k.Restrict, k.Erase, k.Notified, k.Withdraw, k.Edit}
}

// ShortHelp is the request view's hint line.
func (k requestKeys) ShortHelp() []key.Binding { return k.actions() }

// FullHelp is the request view's part of the help overlay.
func (k requestKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.ListKeys.Bindings(), k.actions()}
}

// requestDetail is what the request view shows: the request, the
// recipients to tell of it (art. 19) and, for a withdrawal of consent,
// the client's consents to pick from.
type requestDetail struct {
	r        store.Request
	notices  []store.Notice
	consents []store.Consent
}

// requestLoadedMsg answers loadRequest.
type requestLoadedMsg struct {
	req reqID
	d   requestDetail
	err error
}

func (m requestLoadedMsg) request() reqID { return m.req }

// loadRequest reads a request with what its kind needs alongside.
func loadRequest(s Store, req reqID, id int64) tea.Cmd {
	return func() tea.Msg {
		var d requestDetail
		var err error
		if d.r, err = s.Request(ctx(), id); err != nil {
			return requestLoadedMsg{req: req, err: err}
		}
		switch d.r.Kind {
		case store.RequestRectification, store.RequestErasure, store.RequestRestriction:
			d.notices, err = s.NotifyList(ctx(), id)
		case store.RequestConsentWithdrawal:
			d.consents, err = s.Consents(ctx(), d.r.ClientID)
		}
		return requestLoadedMsg{req: req, d: d, err: err}
	}
}

// requestAction is one of the actions of the request view that take a
// text: an answer, a refusal, an extension or a restriction.
type requestAction int

const (
	actionNone requestAction = iota
	actionAnswer
	actionRefuse
	actionExtend
	actionRestrict
	// The actions of the request view that take no text.
	actionNotified
	actionWithdraw
	actionErase
	// actionUphold answers an objection by upholding it, which restricts
	// processing at once (store.AcceptObjection). It takes a text: last
	// here so the numbers of drafts saved before it keep their meaning.
	actionUphold
)

// takesText reports whether action a is answered in a text field, and so
// can be kept as a draft.
func (a requestAction) takesText() bool {
	return (a >= actionAnswer && a <= actionRestrict) || a == actionUphold
}

// actOnRequest carries out action on request id with text (and months,
// for an extension).
func actOnRequest(s Store, req reqID, id int64, action requestAction, text string, months int) tea.Cmd {
	return saving(func() tea.Msg {
		msg := rightsSavedMsg{req: req, id: id}
		switch action {
		case actionAnswer:
			msg.r, msg.err = s.AnswerRequest(ctx(), id, text)
		case actionRefuse:
			msg.r, msg.err = s.RefuseRequest(ctx(), id, text)
		case actionExtend:
			msg.r, msg.err = s.ExtendRequest(ctx(), id, months, text)
		case actionRestrict:
			msg.err = s.RestrictFromRequest(ctx(), id, text)
		case actionUphold:
			msg.r, msg.err = s.AcceptObjection(ctx(), id, text)
		}
		return msg
	})
}

// markNotified records that the recipient of a notice was told today.
func markNotified(s Store, req reqID, noticeID int64) tea.Cmd {
	return saving(func() tea.Msg {
		return rightsSavedMsg{req: req, id: noticeID, err: s.MarkNotified(ctx(), noticeID)}
	})
}

// withdrawConsent withdraws a consent, through the request that asks for
// it when requestID is not 0.
func withdrawConsent(s Store, req reqID, requestID, consentID int64) tea.Cmd {
	return saving(func() tea.Msg {
		var err error
		if requestID != 0 {
			_, err = s.WithdrawConsentFromRequest(ctx(), requestID, consentID)
		} else {
			_, err = s.WithdrawConsent(ctx(), consentID)
		}
		return rightsSavedMsg{req: req, id: consentID, err: err}
	})
}

// erasurePlannedMsg answers planErasure.
type erasurePlannedMsg struct {
	req  reqID
	plan store.PurgePlan
	err  error
}

func (m erasurePlannedMsg) request() reqID { return m.req }

// planErasure plans the purge an erasure request asks for.
func planErasure(s Store, req reqID, requestID int64) tea.Cmd {
	return func() tea.Msg {
		p, err := s.PlanErasure(ctx(), requestID)
		return erasurePlannedMsg{req: req, plan: p, err: err}
	}
}

// Loading is true until the request has loaded: the root model holds the
// keys typed meanwhile and hands them over after.
func (m requestView) Loading() bool { return !m.loaded && m.problem == "" }
