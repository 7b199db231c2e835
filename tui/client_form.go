package tui

import (
	"errors"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// clientForm adds a client (id 0) or edits one. Nothing is saved until
// every date reads as a real date and the client passes Validate; a refused
// field says why right under it.
type clientForm struct {
	formCore
	id   int64
	base store.Client // the client as loaded: fields the form does not show survive
	// autoEnd is the end date the form filled in itself when the status
	// became closed; leaving closed again takes it back out, so passing
	// over "closed" never leaves an end date behind.
	autoEnd string
	// fields are the optional client fields the practice records, read
	// at Init under fieldsReq.
	fields    store.FieldSet
	fieldsReq reqID
}

func newClientForm(e *env, id int64) clientForm {
	t, st := e.text, e.styles
	refs := []kit.Option{{Value: "", Label: "—"}}
	for _, r := range store.Referrals {
		refs = append(refs, kit.Option{Value: string(r), Label: referralText(t, r)})
	}
	var statuses []kit.Option
	for _, s := range store.Statuses {
		statuses = append(statuses, kit.Option{Value: string(s), Label: statusText(t, s)})
	}
	outcomes := []kit.Option{{Value: "", Label: "—"}}
	for _, o := range store.Outcomes {
		outcomes = append(outcomes, kit.Option{Value: string(o), Label: outcomeText(t, o)})
	}
	m := clientForm{formCore: newFormCore(e, id == 0), id: id, fieldsReq: newReq()}
	m.Fields = []kit.Field{
		kit.TextField(st, "first_name", t.T("client.first_name")),
		kit.TextField(st, "last_name", t.T("client.last_name")),
		kit.TextField(st, "email", t.T("client.email")),
		kit.TextField(st, "phone", t.T("client.phone")),
		kit.DateField(st, "birth_date", t.T("client.birth_date"), t.T("form.date_placeholder")),
		kit.ChoiceField("referral", t.T("client.referral"), refs),
		kit.TextField(st, "referral_detail", t.T("client.referral_detail")),
		kit.TextField(st, "representative", t.T("client.representative")),
		kit.ChoiceField("status", t.T("client.status"), statuses),
		kit.DateField(st, "start", t.T("client.start"), t.T("form.date_placeholder")),
		kit.DateField(st, "end", t.T("client.end"), t.T("form.date_placeholder")),
		kit.ChoiceField("outcome", t.T("client.outcome"), outcomes),
		kit.DateField(st, "rejected_on", t.T("client.rejected_on"), t.T("form.date_placeholder")),
		kit.TextField(st, "address", t.T("client.address")),
	}
	m.Fields = append(m.Fields, optionalFormFields(e)...)
	m.Fields = append(m.Fields, kit.TextField(st, "notes", t.T("client.notes")))
	m.Fields[m.Index("address")].Input.Placeholder = t.T("client.address_placeholder")
	m.Fields[m.Index("address")].Input.Width = 60
	m.Fields[m.Index("notes")].Input.Width = 60
	if id == 0 {
		m.Set("start", dateInput(t, e.today()))
	}
	m.SetFields(m.Fields...)
	m.syncHidden()
	return m
}

// Init loads the client being edited, answering to the request id of the
// constructor.
func (m clientForm) Init() tea.Cmd {
	if m.id == 0 {
		return loadFieldSet(m.env.store, m.fieldsReq)
	}
	return tea.Batch(loadFieldSet(m.env.store, m.fieldsReq), loadClient(m.env.store, m.req, m.id))
}

// Route names the form and the client it edits.
func (m clientForm) Route() Route { return Route{Kind: KindClientForm, Client: m.id} }

// Title is "New client" or "Edit".
func (m clientForm) Title() string {
	if m.id == 0 {
		return m.env.text.T("form.new_client")
	}
	return m.env.text.T("form.edit")
}

// RestoreDraft fills the fields; when the client has not loaded yet the
// draft waits and goes on top of the loaded values.
func (m clientForm) RestoreDraft(text string) clientForm {
	m.Form.RestoreDraft(text)
	m.syncHidden()
	return m
}

// Update handles the loaded client, the save's answer and the keys.
func (m clientForm) Update(msg tea.Msg) (clientForm, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.Width, m.Height = msg.Width, msg.Height
		return m, nil
	case shownMsg:
		return m, m.FocusOn(m.Focus)
	case clientLoadedMsg:
		return m.onLoaded(msg)
	case fieldsLoadedMsg:
		if msg.req == m.fieldsReq {
			if msg.err != nil {
				m.Problem = explain(m.env, msg.err)
			}
			m.fields = msg.set
			m.syncHidden()
		}
		return m, nil
	case clientSavedMsg:
		if msg.req != m.req {
			return m, nil
		}
		if !m.kept(msg.err) {
			m.Saving = false
			return m, m.refuse(msg.err)
		}
		// Saved, or kept in memory with "not saved" on the status line.
		return m, m.onSavedBack(nil, back(msg))
	case tea.KeyMsg:
		return m.keyMsg(msg)
	}
	return m, nil
}

func (m clientForm) onLoaded(msg clientLoadedMsg) (clientForm, tea.Cmd) {
	if msg.req != m.req || m.Loaded {
		return m, nil
	}
	if msg.err != nil {
		m.Problem = explain(m.env, msg.err)
		return m, nil
	}
	m.base = msg.client
	if m.base.Outcome == store.OutcomeUnknown {
		// Kept as it came (an import); the coach completes it here.
		i := m.Index("outcome")
		m.Fields[i].Options = append(m.Fields[i].Options,
			kit.Option{Value: string(store.OutcomeUnknown), Label: outcomeText(m.env.text, store.OutcomeUnknown)})
	}
	m.fill(msg.client)
	m.MarkLoaded()
	m.syncHidden()
	return m, m.Refocus()
}

// fill puts a client's values in the fields.
func (m *clientForm) fill(c store.Client) {
	t := m.env.text
	for id, v := range map[string]string{
		"first_name": c.FirstName, "last_name": c.LastName, "email": c.Email, "phone": c.Phone,
		"birth_date": dateInput(t, c.BirthDate), "referral": string(c.Referral),
		"referral_detail": c.ReferralDetail, "representative": c.Representative,
		"status": string(c.Status), "start": dateInput(t, c.Start), "end": dateInput(t, c.End),
		"outcome": string(c.Outcome), "rejected_on": dateInput(t, c.RejectedOn),
		"address": joinLines(c.Address, addressSep), "notes": joinLines(c.Notes, notesSep),
	} {
		m.Set(id, v)
	}
	fillOptional(&m.FieldSet, t, c)
}

// refuse shows the store's refusal under the field it names ("name" is
// the first-name field), or above the form.
func (m *clientForm) refuse(err error) tea.Cmd {
	var ve *store.ValidationError
	if !errors.As(err, &ve) {
		return m.formCore.refuse(err)
	}
	field := ve.Field
	if field == "name" {
		field = "first_name"
	}
	return m.fail(field, fieldProblem(m.env.text, ve))
}

// keyMsg handles a key; a changed choice may ask what closing or
// rejecting needs.
func (m clientForm) keyMsg(msg tea.KeyMsg) (clientForm, tea.Cmd) {
	onChoice, before := m.OnChoice(), m.Focused().Value()
	cmd, save := m.onKey(msg)
	if save {
		return m.submit()
	}
	if onChoice && m.Focused().Value() != before {
		m.onStatusChange()
	}
	return m, cmd
}

// onStatusChange asks what closing or rejecting needs: the end date and
// the outcome of a closed trajectory, the date of a rejection. An empty date
// becomes today, which it almost always is; the coach sees it and can
// change it.
func (m *clientForm) onStatusChange() {
	today := dateInput(m.env.text, m.env.today())
	switch store.Status(m.Get("status")) {
	case store.StatusRejected:
		if m.Get("rejected_on") == "" {
			m.Set("rejected_on", today)
		}
	case store.StatusClosed:
		if m.Get("end") == "" {
			m.Set("end", today)
			m.autoEnd = today
		}
	}
	if store.Status(m.Get("status")) != store.StatusClosed && m.autoEnd != "" {
		if m.Get("end") == m.autoEnd {
			m.Set("end", "")
		}
		m.autoEnd = ""
	}
	m.syncHidden()
}

// syncHidden shows the outcome only for a closed trajectory and the
// rejection date only for a rejected intake.
func (m *clientForm) syncHidden() {
	status := store.Status(m.Get("status"))
	if i := m.Index("outcome"); i >= 0 {
		m.Fields[i].Hidden = status != store.StatusClosed
	}
	if i := m.Index("rejected_on"); i >= 0 {
		m.Fields[i].Hidden = status != store.StatusRejected
	}
	showOptional(&m.FieldSet, m.fields, m.base)
}

// submit checks the dates and the client, then saves.
func (m clientForm) submit() (clientForm, tea.Cmd) {
	t := m.env.text
	m.Problem = ""
	dates := map[string]time.Time{}
	var first tea.Cmd
	failed := false
	for _, id := range []string{"birth_date", "start", "end", "rejected_on", "arrival_date"} {
		typed := m.Get(id)
		d, p := kit.ParseDate(typed)
		if p != kit.DateOK {
			cmd, _ := m.Fail(id, dateProblemText(t, p, strings.TrimSpace(typed)))
			if !failed {
				first, failed = cmd, true
			}
		}
		dates[id] = d
	}
	if failed {
		m.FocusOn(m.firstError())
		return m, first
	}
	c := m.client(dates)
	if id, problem := readOptional(m.FieldSet, t, &c, dates["arrival_date"]); id != "" {
		cmd, _ := m.Fail(id, problem)
		m.FocusOn(m.Index(id))
		return m, cmd
	}
	if age, young := m.underAge(); young && strings.TrimSpace(c.Representative) == "" {
		// The store refuses it too; said here in the coach's words.
		cmd, _ := m.Fail("representative", t.Tf("client.representative_needed", age))
		m.FocusOn(m.Index("representative"))
		return m, cmd
	}
	if err := c.Validate(); err != nil {
		var ve *store.ValidationError
		if errors.As(err, &ve) {
			return m, m.refuse(err)
		}
		m.Problem = explain(m.env, err)
		return m, nil
	}
	req := m.startSave()
	if m.id == 0 {
		return m, createClient(m.env.store, req, c)
	}
	return m, updateClient(m.env.store, req, c)
}

func (m clientForm) firstError() int {
	for i, f := range m.Fields {
		if f.Err != "" {
			return i
		}
	}
	return m.Focus
}

// client is the loaded client with the form's values on top.
func (m clientForm) client(dates map[string]time.Time) store.Client {
	c := m.base
	c.ID = m.id
	get := func(id string) string { return strings.TrimSpace(m.Get(id)) }
	c.FirstName, c.LastName = get("first_name"), get("last_name")
	c.Email, c.Phone = get("email"), get("phone")
	c.Address = splitLines(m.Get("address"), addressSep, m.base.Address)
	c.Notes = splitLines(m.Get("notes"), notesSep, m.base.Notes)
	c.Referral = store.Referral(get("referral"))
	c.ReferralDetail, c.Representative = get("referral_detail"), get("representative")
	c.Status = store.Status(get("status"))
	c.Outcome = store.OutcomeNone
	if c.Status == store.StatusClosed {
		c.Outcome = store.Outcome(get("outcome"))
	}
	c.BirthDate, c.Start, c.End = dates["birth_date"], dates["start"], dates["end"]
	c.RejectedOn = time.Time{}
	if c.Status == store.StatusRejected {
		c.RejectedOn = dates["rejected_on"]
	}
	return c
}

// underAge returns the client's age when the birth date typed makes them
// younger than 16, the age below which a legal representative decides
// with them (AVG art. 8, UAVG art. 5).
func (m clientForm) underAge() (int, bool) {
	d, p := kit.ParseDate(m.Get("birth_date"))
	if p != kit.DateOK || d.IsZero() {
		return 0, false
	}
	age := store.Client{BirthDate: d}.AgeOn(m.env.today())
	return age, age >= 0 && age < 16
}

// An address and notes are several lines; a form field is one. The form
// shows the lines joined ("Molenstraat 12, 6511 HH Nijmegen") and saves
// them split again, so a letter's window shows the address on its lines.
const (
	addressSep = ", "
	notesSep   = " / "
)

// joinLines is a multi-line text on one line.
func joinLines(s, sep string) string {
	var parts []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r", ""), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, sep)
}

// splitLines is what the coach typed, as lines again; a field left as
// it was shown keeps the stored text exactly.
func splitLines(typed, sep, stored string) string {
	if typed == joinLines(stored, sep) {
		return stored
	}
	var lines []string
	for _, l := range strings.Split(typed, strings.TrimSpace(sep)) {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}
