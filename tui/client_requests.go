package tui

import (
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// The rights part of the client screen: the consent & sharing tab
// (client_consent.go) and the requests tab. Both read the client's
// requests, consents and disclosures in one command, apart from the
// dossier, so the dossier's load stays as it was. Requests and consents
// may be recorded while processing is restricted (the client exercises
// rights against a frozen dossier too); a disclosure may not.

// rightsTab is what the client screen knows of the client's rights.
type rightsTab struct {
	req     reqID // the load under way
	actReq  reqID // the withdrawal under way
	loaded  bool
	problem string
	want    int64 // select this item once the rights are listed
	r       rights
}

// loadRights starts a new load of the rights tabs.
func (m *clientScreen) loadRights() tea.Cmd {
	m.rights.req = newReq()
	return loadRights(m.env.store, m.rights.req, m.id)
}

// onRightsMsg handles the rights messages; ok is false for any other.
func (m clientScreen) onRightsMsg(msg tea.Msg) (clientScreen, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case rightsLoadedMsg:
		if msg.req != m.rights.req {
			return m, nil, true
		}
		if msg.err != nil {
			m.rights.problem = explain(m.env, msg.err)
			return m, nil, true
		}
		m.rights.loaded, m.rights.problem, m.rights.r = true, "", msg.r
		if m.rights.want != 0 && (m.tab == tabConsent || m.tab == tabRequests) {
			m.selectID(m.rights.want)
		}
		m.rights.want = 0
		m.clampAll()
		m.updateKeys()
		return m, nil, true
	case doneMsg:
		if msg.tab != tabConsent && msg.tab != tabRequests {
			return m, nil, false
		}
		// The new item may already be listed, or come with the next
		// load: select it now, and again once the rights are read.
		m.tab, m.notice, m.rights.want = msg.tab, msg.note, msg.item
		m.selectID(msg.item)
		m.clampAll()
		m.updateKeys()
		return m, nil, true
	case rightsSavedMsg:
		if msg.req != m.rights.actReq {
			return m, nil, true
		}
		if msg.err != nil && !isNotSaved(m.env, msg.err) {
			return m, tea.Batch(m.loadRights(), fail(rightsProblem(m.env, msg.err))), true
		}
		return m, tea.Batch(m.loadRights(), notify(m.env.text.T("consent.withdrawn_note"))), true
	}
	return m, nil, false
}

// onRightsKey handles the keys of the consent and requests tabs; ok is
// false for any other key.
func (m clientScreen) onRightsKey(msg tea.KeyMsg) (clientScreen, tea.Cmd, bool) {
	k := m.keys.rightsKeys
	if m.tab == tabConsent && m.lists[tabConsent].Move(msg, m.keys.ListKeys, m.count(tabConsent), m.listHeight()) {
		m.updateKeys() // w follows the consent under the cursor
		return m, nil, true
	}
	switch {
	case key.Matches(msg, k.OpenRequest):
		id := m.selectedID()
		if w := m.rights.want; w != 0 && !m.listed(w) {
			// Just recorded and not yet read back: the cursor goes to it
			// when the list comes, so enter means it (a quick enter after
			// "Request recorded" opened the row above it).
			id = w
		}
		return m, navigate(Route{Kind: KindRequest, Client: m.id, Item: id}), true
	case key.Matches(msg, k.Add) && m.tab == tabRequests:
		return m, navigate(Route{Kind: KindRequestForm, Client: m.id}), true
	case key.Matches(msg, k.Add):
		return m, navigate(Route{Kind: KindConsentForm, Client: m.id}), true
	case key.Matches(msg, k.Disclose):
		return m, navigate(Route{Kind: KindDisclosure, Client: m.id}), true
	case key.Matches(msg, k.Complaints):
		return m, navigate(Route{Kind: KindComplaints, Client: m.id}), true
	case key.Matches(msg, k.Withdraw):
		c, ok := m.selectedConsent()
		if !ok {
			return m, nil, true
		}
		m.rights.actReq = newReq()
		q := m.env.text.Tf("consent.withdraw_question", kit.OneLine(c.Recipient), kit.OneLine(c.Purpose))
		return m, confirm(q, withdrawConsent(m.env.store, m.rights.actReq, 0, c.ID)), true
	}
	return m, nil, false
}

// updateRightsKeys offers n and enter on the requests tab, and n, u and w
// on the consent tab.
func (m *clientScreen) updateRightsKeys() {
	t := m.env.text
	k := &m.keys.rightsKeys
	ready := m.loaded && m.rights.loaded
	k.OpenRequest.SetEnabled(ready && m.tab == tabRequests && len(m.rights.r.requests) > 0)
	k.Add.SetEnabled(ready && (m.tab == tabRequests || m.tab == tabConsent))
	if m.tab == tabRequests {
		k.Add.SetHelp("n", t.T("key.new_request"))
	} else {
		k.Add.SetHelp("n", t.T("key.new_consent"))
	}
	k.Disclose.SetEnabled(ready && m.tab == tabConsent && !m.d.client.Restricted)
	k.Complaints.SetEnabled(ready && m.tab == tabRequests)
	c, ok := m.selectedConsent()
	k.Withdraw.SetEnabled(ready && ok && c.Withdrawn.IsZero())
}

// rightsCount is the number of rows of the consent or requests tab: on
// the consent tab the consents, then the disclosures.
func (m clientScreen) rightsCount(t clientTab) int {
	if t == tabRequests {
		return len(m.rights.r.requests)
	}
	return len(m.rights.r.consents) + len(m.rights.r.disclosures)
}

// rightsItemID is the id of the i-th row of the consent or requests tab.
func (m clientScreen) rightsItemID(t clientTab, i int) int64 {
	r := m.rights.r
	switch {
	case t == tabRequests:
		return r.requests[i].ID
	case i < len(r.consents):
		return r.consents[i].ID
	}
	return r.disclosures[i-len(r.consents)].ID
}

// selectedConsent is the consent under the cursor on the consent tab.
func (m clientScreen) selectedConsent() (store.Consent, bool) {
	i := m.lists[tabConsent].Cursor
	if m.tab != tabConsent || i >= len(m.rights.r.consents) {
		return store.Consent{}, false
	}
	return m.rights.r.consents[i], true
}

// viewRequests lists the client's requests: kind, received, the due date
// and the days left in the colours of the caseload's countdown, status.
func (m clientScreen) viewRequests() []string {
	t, st := m.env.text, m.env.styles
	if m.rights.problem != "" {
		return []string{"  " + st.Danger.Render(m.rights.problem)}
	}
	reqs := m.rights.r.requests
	if len(reqs) == 0 {
		return kit.Paragraph(st.Muted, t.T("request.empty"), m.width)
	}
	today := m.env.today()
	rows := make([][]string, len(reqs))
	styles := make([][]*lipgloss.Style, len(reqs))
	for i, r := range reqs {
		left, style := requestCountdown(t, st, r, today)
		rows[i] = []string{requestKindText(t, r.Kind), t.DateShort(r.Received), t.Weekday(r.Due) + " " + t.DateShort(r.Due),
			left, requestStatusText(t, r)}
		styles[i] = []*lipgloss.Style{3: style, 4: &st.Muted}
	}
	// The widths the columns always had, wider for a cell that needs it.
	table := kit.NewTable([]kit.Column{{Title: t.T("request.col_kind"), Width: 22},
		{Title: t.T("request.col_received"), Width: 12}, {Title: t.T("request.col_due"), Width: 15},
		{Title: t.T("request.col_left"), Width: 17}, {Title: t.T("request.col_status")}}, rows, m.width)
	lines := []string{table.Header(st)}
	l := m.lists[tabRequests]
	start, end := l.Window(len(reqs), m.listHeight())
	for i := start; i < end; i++ {
		lines = append(lines, table.StyledRow(st, rows[i], styles[i], i == l.Cursor))
	}
	return lines
}

// requestCountdown is the days left to answer an open request, in words
// and in the colour of the caseload's retention column: a warning from 30
// days, danger from 15, bold danger once overdue. A closed request counts
// nothing down.
func requestCountdown(t Text, st *Styles, r store.Request, today time.Time) (string, *lipgloss.Style) {
	if !r.Open() {
		return "—", &st.Muted
	}
	n := r.DaysLeft(today)
	var text string
	switch {
	case n < -1:
		text = t.N("request.overdue_days", -n)
	case n == -1:
		text = t.T("request.overdue_day")
	case n == 0:
		text = t.T("request.due_today")
	case n == 1:
		text = t.T("request.left_day")
	default:
		text = t.N("request.left_days", n)
	}
	switch {
	case n < 0:
		return text, &st.DangerBold
	case n <= 15:
		return text, &st.Danger
	case n <= 30:
		return text, &st.Warning
	}
	return text, &st.Text
}

// requestKindText names a kind of request as the coach knows it.
func requestKindText(t Text, k store.RequestKind) string {
	switch k {
	case store.RequestAccess:
		return t.T("request.kind_access")
	case store.RequestRectification:
		return t.T("request.kind_rectification")
	case store.RequestErasure:
		return t.T("request.kind_erasure")
	case store.RequestRestriction:
		return t.T("request.kind_restriction")
	case store.RequestObjection:
		return t.T("request.kind_objection")
	case store.RequestPortability:
		return t.T("request.kind_portability")
	case store.RequestConsentWithdrawal:
		return t.T("request.kind_consent_withdrawal")
	}
	return string(k)
}

// channelText names how a request came in.
func channelText(t Text, c store.Channel) string {
	switch c {
	case store.ChannelEmail:
		return t.T("request.channel_email")
	case store.ChannelPhone:
		return t.T("request.channel_phone")
	case store.ChannelLetter:
		return t.T("request.channel_letter")
	case store.ChannelInPerson:
		return t.T("request.channel_in_person")
	}
	return string(c)
}

// requestStatusText is where a request stands, with the date it was
// closed.
func requestStatusText(t Text, r store.Request) string {
	switch r.Status {
	case store.RequestExtended:
		return t.T("request.status_extended")
	case store.RequestAnswered:
		return t.Tf("request.status_answered", t.DateShort(r.Answered))
	case store.RequestRefused:
		return t.Tf("request.status_refused", t.DateShort(r.Answered))
	}
	return t.T("request.status_open")
}

// rightsKeys are the client screen's keys on the consent and requests
// tabs. n adds what the tab lists (a request, a consent); u records a
// disclosure, "uitwisseling", since n is taken on that tab.
type rightsKeys struct {
	OpenRequest key.Binding
	Add         key.Binding
	Disclose    key.Binding
	Withdraw    key.Binding
	Complaints  key.Binding
}

func newRightsKeys(t Text) rightsKeys {
	return rightsKeys{
		OpenRequest: bind([]string{"enter"}, "enter", t.T("key.open_request")),
		Add:         bind([]string{"n"}, "n", t.T("key.new_request")),
		Disclose:    bind([]string{"u"}, "u", t.T("key.new_disclosure")),
		Withdraw:    bind([]string{"w"}, "w", t.T("key.withdraw_consent")),
		Complaints:  bind([]string{"K"}, "K", t.T("key.complaints")),
	}
}

func (k rightsKeys) bindings() []key.Binding {
	return []key.Binding{k.OpenRequest, k.Add, k.Disclose, k.Withdraw, k.Complaints}
}

// rights is what the client screen's consent and requests tabs list.
type rights struct {
	requests    []store.Request
	consents    []store.Consent
	disclosures []store.Disclosure
}

// rightsLoadedMsg answers loadRights.
type rightsLoadedMsg struct {
	req reqID
	r   rights
	err error
}

func (m rightsLoadedMsg) request() reqID { return m.req }

// loadRights reads a client's requests, consents and disclosures.
func loadRights(s Store, req reqID, clientID int64) tea.Cmd {
	return func() tea.Msg {
		var r rights
		var err error
		if r.requests, err = s.Requests(ctx(), clientID); err != nil {
			return rightsLoadedMsg{req: req, err: err}
		}
		if r.consents, err = s.Consents(ctx(), clientID); err != nil {
			return rightsLoadedMsg{req: req, err: err}
		}
		r.disclosures, err = s.Disclosures(ctx(), clientID)
		return rightsLoadedMsg{req: req, r: r, err: err}
	}
}

// rightsSavedMsg answers every command of the rights desk that changes the
// caseload: id is what was added or changed, r the request as it is now
// (for the commands on a request).
type rightsSavedMsg struct {
	req reqID
	id  int64
	r   store.Request
	err error
}

func (m rightsSavedMsg) saveErr() error { return m.err }

func (m rightsSavedMsg) request() reqID { return m.req }
