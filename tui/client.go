package tui

import (
	"slices"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// clientScreen is one client's dossier in tabs: the overview, the record
// tabs (intake, plan, evaluations, notes, other texts), appointments,
// documents and the client's audit log. Records open in the reader and the
// editor; appointments and documents in their forms. A client whose
// processing is restricted is read-only: every tab says why, and n, e and
// d are off.
type clientScreen struct {
	env    *env
	keys   clientKeys
	export key.Binding // x: export the dossier
	print  key.Binding // p: make a paper from a template
	money  key.Binding // $: hours, budget and invoices
	id     int64
	req    reqID // the load under way
	actReq reqID // the delete under way
	tab    clientTab

	loaded  bool
	problem string
	notice  string // what a screen above just did, until the next key
	d       dossier
	// What each tab lists, in its order; see index.
	recs     [tabCount][]recordRow
	appts    []store.Appointment // upcoming (soonest first), then past (latest first)
	upcoming int                 // how many of appts are upcoming

	lists  [tabCount]kit.List
	ret    retention // the countdown, hold and restriction; see client_retention.go
	rights rightsTab // consents, disclosures and requests; see client_requests.go
	want   int64     // select this item on the tab once it is listed
	// bsn is the client's BSN once the coach revealed it (v on the
	// overview; logged), until the screen closes or the client changes.
	bsn    string
	width  int
	height int
}

func newClientScreen(e *env, r Route) clientScreen {
	m := clientScreen{env: e, keys: newClientKeys(e.text), export: newExportOpenKey(e.text), print: newPrintOpenKey(e.text), money: newMoneyOpenKey(e.text), id: r.Client, req: newReq(),
		tab: tabByID(r.Tab), want: r.Item}
	m.ret.req = newReq()
	m.rights.req = newReq()
	m.updateKeys()
	return m
}

// Init loads the dossier, answering to the request id of the constructor.
// Only this first load reads the client, which the store logs as a view.
func (m clientScreen) Init() tea.Cmd {
	return tea.Batch(loadDossier(m.env.store, m.req, m.id, true),
		loadCountdown(m.env.store, m.ret.req, m.id), loadRights(m.env.store, m.rights.req, m.id))
}

func (m *clientScreen) reload() tea.Cmd {
	m.req = newReq()
	return tea.Batch(loadDossier(m.env.store, m.req, m.id, false), m.loadRetention(), m.loadRights())
}

// Route names the client, the open tab and the selected item, so a lock
// brings the coach back to the same line.
func (m clientScreen) Route() Route {
	return Route{Kind: KindClient, Client: m.id, Tab: m.tab.id(), Item: m.selectedID()}
}

// Title is the client's name once it is known.
func (m clientScreen) Title() string {
	if !m.loaded {
		return "…"
	}
	return kit.OneLine(m.d.client.Name())
}

// Capturing is false: the client screen has no text field.
func (m clientScreen) Capturing() bool { return false }

// KeyMap lists the keys of the open tab.
func (m clientScreen) KeyMap() help.KeyMap {
	// x first: the dossier export is the client screen's own key, and
	// the hint line of an 80-column terminal would cut it last.
	short := append([]key.Binding{m.export}, m.keys.ShortHelp()...)
	return withKeys{base: m.keys, extra: []key.Binding{m.export, m.print, m.money},
		short: append(short, m.print, m.money)}
}

// Draft keeps nothing: the client screen holds no typing.
func (m clientScreen) Draft() (string, bool) { return "", false }

// RestoreDraft has nothing to restore.
func (m clientScreen) RestoreDraft(string) clientScreen { return m }

// doneMsg is what a record, appointment or document screen hands back to
// the client screen when it closes after a change: the tab and the item to
// select, and a sentence for the status line.
type doneMsg struct {
	tab  clientTab
	item int64
	note string
}

// Update loads the dossier, follows the results of the screens above and
// handles the keys.
func (m clientScreen) Update(msg tea.Msg) (clientScreen, tea.Cmd) {
	if m, cmd, ok := m.onRetentionMsg(msg); ok {
		return m, cmd
	}
	if m, cmd, ok := m.onRightsMsg(msg); ok {
		return m, cmd
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.clampAll()
	case shownMsg:
		return m, m.reload()
	case dossierLoadedMsg:
		return m.onLoaded(msg)
	case clientSavedMsg:
		if msg.client.ID == m.id && (msg.err == nil || isNotSaved(m.env, msg.err)) {
			m.d.client, m.bsn = msg.client, ""
			m.updateKeys()
		}
	case bsnRevealedMsg:
		if msg.req != m.actReq {
			return m, nil
		}
		if msg.err != nil {
			return m, fail(explain(m.env, msg.err))
		}
		m.bsn = msg.bsn
		m.updateKeys()
	case doneMsg:
		// The note can be long (where a copy went, that the original is
		// still there): it goes above the list, where it has room, not
		// on the status line.
		m.tab, m.want, m.notice = msg.tab, msg.item, msg.note
		m.updateKeys()
	case documentRevealedMsg:
		if msg.req != m.actReq {
			return m, nil
		}
		if msg.err != nil {
			return m, fail(explain(m.env, msg.err))
		}
		for i, d := range m.d.docs {
			if d.ID == msg.doc.ID {
				m.d.docs = slices.Clone(m.d.docs)
				m.d.docs[i] = msg.doc
			}
		}
		m.updateKeys()
	case deletedMsg:
		if msg.req != m.actReq {
			return m, nil
		}
		if msg.err != nil && !isNotSaved(m.env, msg.err) {
			return m, tea.Batch(m.reload(), fail(explain(m.env, msg.err)))
		}
		return m, tea.Batch(m.reload(), notify(m.env.text.T("client.deleted")))
	case tea.KeyMsg:
		return m.onKey(msg)
	}
	return m, nil
}

func (m clientScreen) onLoaded(msg dossierLoadedMsg) (clientScreen, tea.Cmd) {
	if msg.req != m.req {
		return m, nil
	}
	if msg.err != nil {
		m.problem = explain(m.env, msg.err)
		return m, nil
	}
	keep := m.d.client
	m.d = msg.d
	if !msg.d.hasClient {
		m.d.client = keep
	}
	m.loaded, m.problem = true, ""
	want := m.want
	if want == 0 {
		want = m.selectedID()
	}
	m.index()
	m.selectID(want)
	m.want = 0
	m.clampAll()
	m.updateKeys()
	return m, nil
}

// index sorts the dossier into the tabs: records by kind (newest first, as
// the store gives them), appointments upcoming then past.
func (m *clientScreen) index() {
	// Fresh slices, never [:0]: an earlier copy of the model may still
	// hold the old ones.
	m.recs = [tabCount][]recordRow{}
	for _, r := range m.d.records {
		t := tabOfKind(r.Kind)
		m.recs[t] = append(m.recs[t], r)
	}
	now := m.env.clock()
	var up, past []store.Appointment
	for _, a := range m.d.appts {
		if a.Start.Before(now) {
			past = append(past, a)
		} else {
			up = append(up, a)
		}
	}
	slices.Reverse(past)
	m.appts = append(up, past...)
	m.upcoming = len(up)
}

// count is the number of items the tab lists.
func (m clientScreen) count(t clientTab) int {
	switch {
	case t.isRecords():
		return len(m.recs[t])
	case t == tabAppointments:
		return len(m.appts)
	case t == tabDocuments:
		return len(m.d.docs)
	case t == tabLog:
		return len(m.d.audit)
	case t == tabConsent || t == tabRequests:
		return m.rightsCount(t)
	}
	return 0
}

// itemID is the id of the tab's i-th item.
func (m clientScreen) itemID(t clientTab, i int) int64 {
	if i < 0 || i >= m.count(t) {
		return 0
	}
	switch {
	case t.isRecords():
		return m.recs[t][i].ID
	case t == tabAppointments:
		return m.appts[i].ID
	case t == tabDocuments:
		return m.d.docs[i].ID
	case t == tabLog:
		return m.d.audit[i].ID
	case t == tabConsent || t == tabRequests:
		return m.rightsItemID(t, i)
	}
	return 0
}

func (m clientScreen) selectedID() int64 { return m.itemID(m.tab, m.lists[m.tab].Cursor) }

// listed tells whether the open tab lists item id.
func (m clientScreen) listed(id int64) bool {
	for i := range m.count(m.tab) {
		if m.itemID(m.tab, i) == id {
			return true
		}
	}
	return false
}

// selectID puts the open tab's cursor on item id, when it is listed.
func (m *clientScreen) selectID(id int64) {
	for i := range m.count(m.tab) {
		if m.itemID(m.tab, i) == id {
			m.lists[m.tab].Cursor = i
			return
		}
	}
}

func (m *clientScreen) clampAll() {
	for t := range tabCount {
		m.lists[t].Clamp(m.count(t), m.listHeight())
	}
}

// selectedDoc is the document under the cursor on the documents tab; the
// zero Attachment elsewhere or when there is none.
func (m clientScreen) selectedDoc() store.Attachment {
	if m.tab != tabDocuments {
		return store.Attachment{}
	}
	i := m.lists[tabDocuments].Cursor
	if i < 0 || i >= len(m.d.docs) {
		return store.Attachment{}
	}
	return m.d.docs[i]
}

// readOnly reports whether the dossier may not be changed.
func (m clientScreen) readOnly() bool { return !m.loaded || m.d.client.Restricted }

// updateKeys switches the keys to what the open tab offers.
func (m *clientScreen) updateKeys() {
	t := m.env.text
	k := &m.keys
	n := m.count(m.tab)
	edit := !m.readOnly()
	k.ListKeys.SetEnabled(n > 0)
	k.Open.SetEnabled(m.tab.isRecords() && n > 0)
	k.New.SetEnabled(edit && (m.tab.isRecords() || m.tab == tabAppointments || m.tab == tabDocuments))
	k.Edit.SetEnabled(edit && (m.tab == tabOverview || (m.tab.isRecords() || m.tab == tabAppointments) && n > 0))
	k.Delete.SetEnabled(edit && (m.tab.isRecords() || m.tab == tabAppointments || m.tab == tabDocuments) && n > 0)
	k.SaveCopy.SetEnabled(m.tab == tabDocuments && n > 0)
	k.RevealDoc.SetEnabled(m.tab == tabDocuments && n > 0 && docMasked(m.selectedDoc()) ||
		m.tab == tabOverview && m.loaded && m.d.client.MaskedBSN() != "" && m.bsn == "")
	if m.tab == tabOverview {
		k.RevealDoc.SetHelp("v", t.T("key.reveal_bsn"))
	} else {
		k.RevealDoc.SetHelp("v", t.T("key.reveal"))
	}
	switch {
	case m.tab == tabAppointments:
		k.New.SetHelp("n", t.T("key.new_appointment"))
	case m.tab == tabDocuments:
		k.New.SetHelp("n", t.T("key.add_document"))
	default:
		k.New.SetHelp("n", t.T("key.new_record"))
	}
	if m.tab == tabOverview {
		k.Edit.SetHelp("e", t.T("key.edit_client"))
	} else {
		k.Edit.SetHelp("e", t.T("key.edit"))
	}
	m.updateRetentionKeys()
	m.updateRightsKeys()
	m.export.SetEnabled(m.loaded)
	m.print.SetEnabled(m.loaded)
	_, money := moneyOf(m.env)
	m.money.SetEnabled(m.loaded && money)
}

// setTab opens tab t.
func (m *clientScreen) setTab(t clientTab) {
	m.tab = (t%tabCount + tabCount) % tabCount
	m.lists[m.tab].Clamp(m.count(m.tab), m.listHeight())
	m.updateKeys()
}

func (m clientScreen) onKey(msg tea.KeyMsg) (clientScreen, tea.Cmd) {
	k := m.keys
	m.notice = ""
	if m, cmd, ok := m.onRetentionKey(msg); ok {
		return m, cmd
	}
	if m, cmd, ok := m.onRightsKey(msg); ok {
		return m, cmd
	}
	switch {
	case key.Matches(msg, m.export):
		return m, navigate(Route{Kind: KindExport, Client: m.id})
	case key.Matches(msg, m.print):
		return m, navigate(Route{Kind: KindPrint, Client: m.id})
	case key.Matches(msg, m.money):
		return m, navigate(Route{Kind: KindMoney, Client: m.id})
	case key.Matches(msg, k.NextTab):
		m.setTab(m.tab + 1)
	case key.Matches(msg, k.PrevTab):
		m.setTab(m.tab - 1)
	case key.Matches(msg, k.JumpTab):
		m.setTab(jumpTab(msg.Runes[0]))
	case key.Matches(msg, k.LogTab):
		m.setTab(tabLog)
	case key.Matches(msg, k.Open):
		return m, navigate(Route{Kind: KindRecord, Client: m.id, Item: m.selectedID()})
	case key.Matches(msg, k.New):
		return m, m.newItem()
	case key.Matches(msg, k.Edit):
		return m, m.editItem()
	case key.Matches(msg, k.Delete):
		return m.deleteItem()
	case key.Matches(msg, k.SaveCopy):
		return m, navigate(Route{Kind: KindDocumentSave, Client: m.id, Item: m.selectedID()})
	case key.Matches(msg, k.RevealDoc) && m.tab == tabOverview:
		m.actReq = newReq()
		return m, revealBSN(m.env.store, m.actReq, m.id)
	case key.Matches(msg, k.RevealDoc):
		m.actReq = newReq()
		return m, revealDocument(m.env.store, m.actReq, m.selectedID())
	default:
		if m.lists[m.tab].Move(msg, k.ListKeys, m.count(m.tab), m.listHeight()) {
			return m, nil
		}
	}
	return m, nil
}

// newItem opens the screen that adds what the tab lists.
func (m clientScreen) newItem() tea.Cmd {
	switch {
	case m.tab == tabAppointments:
		return navigate(Route{Kind: KindAppointment, Client: m.id})
	case m.tab == tabDocuments:
		return navigate(Route{Kind: KindDocumentAdd, Client: m.id})
	}
	return navigate(Route{Kind: KindRecordEdit, Client: m.id, Tab: m.tab.id()})
}

// editItem opens the client form, the appointment form or the editor. A
// special-category record is shown in the editor only after the coach
// agrees that the reveal is logged.
func (m clientScreen) editItem() tea.Cmd {
	id := m.selectedID()
	switch {
	case m.tab == tabOverview:
		return navigate(Route{Kind: KindClientForm, Client: m.id})
	case m.tab == tabAppointments:
		return navigate(Route{Kind: KindAppointment, Client: m.id, Item: id})
	}
	r := m.recs[m.tab][m.lists[m.tab].Cursor]
	edit := navigate(Route{Kind: KindRecordEdit, Client: m.id, Item: id, Tab: m.tab.id()})
	if r.Special {
		return confirm(m.env.text.Tf("record.reveal_to_edit", kit.OneLine(r.Title)), edit)
	}
	return edit
}

// deleteItem asks before it deletes the selected item.
func (m clientScreen) deleteItem() (clientScreen, tea.Cmd) {
	t, s := m.env.text, m.env.store
	i := m.lists[m.tab].Cursor
	m.actReq = newReq()
	switch {
	case m.tab.isRecords():
		r := m.recs[m.tab][i]
		return m, confirm(t.Tf("record.delete", kit.OneLine(r.Title)), deleteRecord(s, m.actReq, r.ID))
	case m.tab == tabAppointments:
		a := m.appts[i]
		return m, confirm(t.Tf("appointment.delete", t.DateTimeShort(a.Start)),
			deleteAppointment(s, m.actReq, a.ID))
	}
	d := m.d.docs[i]
	return m, confirm(t.Tf("document.delete", kit.OneLine(d.Name)), deleteDocument(s, m.actReq, d.ID))
}

// clientKeys are the client screen's keys. Which of them work depends on
// the tab: n, e and d act on what the tab lists, and are all off for a
// client whose processing is restricted.
type clientKeys struct {
	kit.ListKeys
	NextTab  key.Binding
	PrevTab  key.Binding
	JumpTab  key.Binding // 1–9 and 0: the first ten tabs
	LogTab   key.Binding // L: the eleventh, the log
	Open     key.Binding
	New      key.Binding
	Edit     key.Binding
	Delete   key.Binding
	SaveCopy key.Binding
	// RevealDoc shows the name of a special-category document (logged).
	RevealDoc key.Binding
	retentionKeys
	rightsKeys
}

func newClientKeys(t Text) clientKeys {
	return clientKeys{
		ListKeys: newListKeys(t),
		NextTab:  bind([]string{"tab"}, "tab", t.T("key.next_tab")),
		PrevTab:  bind([]string{"shift+tab"}, "⇧tab", t.T("key.prev_tab")),
		JumpTab: bind([]string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"}, "1–9 0",
			t.T("key.jump_tab")),
		LogTab:        bind([]string{"L"}, "L", t.T("key.log_tab")),
		Open:          bind([]string{"enter"}, "enter", t.T("key.read")),
		New:           bind([]string{"n"}, "n", t.T("key.new")),
		Edit:          bind([]string{"e"}, "e", t.T("key.edit")),
		Delete:        bind([]string{"d"}, "d", t.T("key.delete")),
		SaveCopy:      bind([]string{"s"}, "s", t.T("key.save_copy")),
		RevealDoc:     bind([]string{"v"}, "v", t.T("key.reveal")),
		retentionKeys: newRetentionKeys(t),
		rightsKeys:    newRightsKeys(t),
	}
}

// ShortHelp is the client screen's hint line: the actions first, then
// tab; 1–9 is in the help overlay, the tab bar shows where tab leads.
func (k clientKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.New, k.Edit, k.Delete, k.SaveCopy, k.RevealDoc, k.Purge, k.Hold, k.Restrict,
		k.OpenRequest, k.Add, k.Disclose, k.Withdraw, k.NextTab}
}

// FullHelp is the client screen's part of the help overlay.
func (k clientKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.NextTab, k.PrevTab, k.JumpTab, k.LogTab},
		k.ListKeys.Bindings(),
		{k.Open, k.New, k.Edit, k.Delete, k.SaveCopy, k.RevealDoc},
		k.retentionKeys.bindings(),
		k.rightsKeys.bindings(),
	}
}

// auditLimit is how many audit lines the log tab shows: a year of a busy
// client, and still a small read.
const auditLimit = 200

// dossier is what the client screen shows, read in one command.
type dossier struct {
	client    store.Client
	hasClient bool // false on a reload that kept the client it had
	records   []recordRow
	appts     []store.Appointment
	docs      []store.Attachment
	audit     []store.AuditEntry
	breaches  []store.Breach // the breaches that affect the client
	fields    store.FieldSet // the optional client fields the practice records
}

// recordRow is a record as a list shows it: without its body, which can
// be long, but with the body's first line.
type recordRow struct {
	store.Record
	first string
}

// dossierLoadedMsg answers loadDossier.
type dossierLoadedMsg struct {
	req reqID
	d   dossier
	err error
}

func (m dossierLoadedMsg) request() reqID { return m.req }

// loadDossier reads a client's records, appointments, documents and audit
// lines, and with withClient the client too (the store logs that as a
// view, so a screen reads it once when it opens, not on every return).
func loadDossier(s Store, req reqID, id int64, withClient bool) tea.Cmd {
	return func() tea.Msg {
		var d dossier
		var err error
		if withClient {
			if d.client, err = s.Client(ctx(), id); err != nil {
				return dossierLoadedMsg{req: req, err: err}
			}
			d.hasClient = true
		}
		recs, err := s.Records(ctx(), id)
		if err != nil {
			return dossierLoadedMsg{req: req, err: err}
		}
		d.records = make([]recordRow, len(recs))
		for i, r := range recs {
			d.records[i] = recordRow{first: kit.FirstLine(r.Body)}
			r.Body = ""
			d.records[i].Record = r
		}
		if d.appts, err = s.Appointments(ctx(), id); err != nil {
			return dossierLoadedMsg{req: req, err: err}
		}
		if d.docs, err = s.Attachments(ctx(), id); err != nil {
			return dossierLoadedMsg{req: req, err: err}
		}
		if d.breaches, err = s.ClientBreaches(ctx(), id); err != nil {
			return dossierLoadedMsg{req: req, err: err}
		}
		if d.fields, err = s.ClientFieldSet(ctx()); err != nil {
			return dossierLoadedMsg{req: req, err: err}
		}
		d.audit, err = s.Audit(ctx(), id, auditLimit)
		return dossierLoadedMsg{req: req, d: d, err: err}
	}
}

// deletedMsg answers the delete commands.
type deletedMsg struct {
	req reqID
	err error
}

func (m deletedMsg) saveErr() error { return m.err }

func (m deletedMsg) request() reqID { return m.req }

// deleteRecord removes a record.
func deleteRecord(s Store, req reqID, id int64) tea.Cmd {
	return saving(func() tea.Msg { return deletedMsg{req: req, err: s.DeleteRecord(ctx(), id)} })
}

// deleteAppointment removes an appointment.
func deleteAppointment(s Store, req reqID, id int64) tea.Cmd {
	return saving(func() tea.Msg { return deletedMsg{req: req, err: s.DeleteAppointment(ctx(), id)} })
}

// deleteDocument removes a document; its key leaves the vault, so every
// copy of the sealed file is unreadable from then on.
func deleteDocument(s Store, req reqID, id int64) tea.Cmd {
	return saving(func() tea.Msg { return deletedMsg{req: req, err: s.DeleteAttachment(ctx(), id)} })
}

// searchLimit caps the client and the record matches of one search.
const searchLimit = 100

// documentRevealedMsg answers revealDocument.
type documentRevealedMsg struct {
	req reqID
	doc store.Attachment
	err error
}

func (m documentRevealedMsg) request() reqID { return m.req }

// revealDocument reads a special-category document's name; the store logs
// the reveal.
func revealDocument(s Store, req reqID, id int64) tea.Cmd {
	return func() tea.Msg {
		a, err := s.RevealAttachment(ctx(), id)
		return documentRevealedMsg{req: req, doc: a, err: err}
	}
}

// Loading is true until the dossier or the rights tabs have loaded: the
// root model holds the keys typed meanwhile and hands them over after.
func (m clientScreen) Loading() bool {
	return !m.loaded && m.problem == "" || !m.rights.loaded && m.rights.problem == ""
}
