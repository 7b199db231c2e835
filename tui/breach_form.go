package tui

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// breachForm records a breach (id 0) or what became known of one: when
// it was reported, when the people affected were told, or why it is not
// reported. A new breach asks only what happened; the report fields come
// with editing, once there is something to fill in.
type breachForm struct {
	env  *env
	keys kit.FormKeys
	id   int64
	base store.Breach
	req  reqID

	loaded bool
	saving bool
	dirty  bool
	early  earlyDraft // a draft that came before the load

	set     kit.FieldSet
	problem string
	width   int
	height  int
}

func newBreachForm(e *env, r Route) breachForm {
	t, st := e.text, e.styles
	m := breachForm{env: e, keys: newFormKeys(t), id: r.Item, req: newReq(), loaded: r.Item == 0}
	moment := func(id, label string) kit.Field {
		f := kit.TextField(st, id, label)
		f.Input.Placeholder = t.T("form.datetime_placeholder")
		f.Input.Width = 20
		return f
	}
	wide := func(id, label string) kit.Field {
		f := kit.TextField(st, id, label)
		f.Input.Width = 60
		return f
	}
	count := func(id, label string) kit.Field {
		f := kit.TextField(st, id, label)
		f.Input.Width = 8
		return f
	}
	m.set.Fields = []kit.Field{
		moment("discovered_at", t.T("breach.discovered")),
		wide("description", t.T("breach.description")),
		wide("categories", t.T("breach.categories")),
		count("people_affected", t.T("breach.people")),
		count("records_affected", t.T("breach.records")),
		wide("consequences", t.T("breach.consequences")),
		wide("measures", t.T("breach.measures")),
		wide("contact", t.T("breach.contact")),
		moment("reported_at", t.T("breach.reported")),
		moment("people_informed_at", t.T("breach.informed")),
		wide("not_reported_reason", t.T("breach.not_reported_reason")),
		moment("processors_informed_at", t.T("breach.processors_informed")),
		wide("clients", t.T("breach.clients")),
	}
	m.set.Fields[m.set.Index("clients")].Input.Placeholder = t.T("breach.clients_placeholder")
	if m.id == 0 {
		m.set.Set("discovered_at", dateTimeInput(t, e.clock().Truncate(time.Minute)))
		for _, id := range []string{"reported_at", "people_informed_at", "not_reported_reason"} {
			// processors_informed_at stays: telling them is due within a day.
			m.set.Fields[m.set.Index(id)].Hidden = true
		}
	}
	m.set.FocusOn(0)
	m.keys.Choice.SetEnabled(false)
	return m
}

// Init loads the breach being edited.
func (m breachForm) Init() tea.Cmd {
	if m.loaded {
		return m.set.FocusOn(m.set.Focus)
	}
	return loadBreaches(m.env.store, m.req)
}

// Route names the breach.
func (m breachForm) Route() Route { return Route{Kind: KindBreachForm, Item: m.id} }

// Title is "New breach" or "Breach".
func (m breachForm) Title() string {
	if m.id == 0 {
		return m.env.text.T("breach.new")
	}
	return m.env.text.T("breach.edit")
}

// Capturing is always true: a form always has a focused field.
func (m breachForm) Capturing() bool { return true }

// KeyMap lists the form's keys.
func (m breachForm) KeyMap() help.KeyMap { return m.keys }

// Draft is every field once the coach has typed something.
func (m breachForm) Draft() (string, bool) {
	if !m.dirty {
		return "", false
	}
	return m.set.Draft(), true
}

// RestoreDraft fills the fields, on top of the loaded breach.
func (m breachForm) RestoreDraft(text string) breachForm {
	if !m.loaded {
		m.early.hold(text)
		return m
	}
	m.dirty = m.set.Restore(text) || m.dirty
	return m
}

// Update handles the loaded breach, the save's answer and the keys.
func (m breachForm) Update(msg tea.Msg) (breachForm, tea.Cmd) {
	t := m.env.text
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case breachesLoadedMsg:
		if msg.req != m.req || m.loaded {
			return m, nil
		}
		if msg.err != nil {
			m.problem = explain(m.env, msg.err)
			return m, nil
		}
		for _, b := range msg.items {
			if b.ID == m.id {
				m.loaded, m.base = true, b
				m.fill(b)
			}
		}
		if !m.loaded {
			m.problem = problemText(t, ProblemNotFound)
			return m, nil
		}
		if text, ok := m.early.take(); ok {
			m = m.RestoreDraft(text)
		}
		return m, m.set.FocusOn(m.set.Focus)
	case rightsSavedMsg:
		if msg.req != m.req {
			return m, nil
		}
		m.saving = false
		if msg.err != nil && !isNotSaved(m.env, msg.err) {
			return m.refuse(msg.err)
		}
		m.dirty = false
		return m, back(breachDoneMsg{id: msg.id, note: t.T("breach.saved")})
	case tea.KeyMsg:
		if m.saving || !m.loaded {
			return m, nil
		}
		switch {
		case key.Matches(msg, m.keys.Save):
			return m.submit()
		case key.Matches(msg, m.keys.Cancel):
			if m.dirty {
				return m, confirmDiscard(t, back(nil))
			}
			return m, back(nil)
		}
		cmd, changed := m.set.HandleKey(msg, m.keys)
		m.dirty = m.dirty || changed
		return m, cmd
	}
	return m, nil
}

func (m *breachForm) fill(b store.Breach) {
	t := m.env.text
	count := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	m.set.Set("discovered_at", dateTimeInput(t, b.Discovered))
	m.set.Set("description", kit.EditLine(b.Description))
	m.set.Set("categories", kit.EditLine(b.Categories))
	m.set.Set("people_affected", count(b.PeopleAffected))
	m.set.Set("records_affected", count(b.RecordsAffected))
	m.set.Set("consequences", kit.EditLine(b.Consequences))
	m.set.Set("measures", kit.EditLine(b.Measures))
	m.set.Set("contact", kit.EditLine(b.Contact))
	m.set.Set("reported_at", dateTimeInput(t, b.Reported))
	m.set.Set("people_informed_at", dateTimeInput(t, b.PeopleInformed))
	m.set.Set("processors_informed_at", dateTimeInput(t, b.ProcessorsInformed))
	m.set.Set("not_reported_reason", kit.EditLine(b.NotReportedReason))
	m.set.Set("clients", clientNumbers(b.Clients))
}

// clientNumbers writes client ids as the breach form shows them: "3, 17".
func clientNumbers(ids []int64) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(out, ", ")
}

// parseClientNumbers reads "3, 17" or "#3 #17" into client ids; ok is
// false for anything else.
func parseClientNumbers(s string) (ids []int64, ok bool) {
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		n, err := strconv.ParseInt(strings.TrimPrefix(f, "#"), 10, 64)
		if err != nil || n <= 0 {
			return nil, false
		}
		ids = append(ids, n)
	}
	return ids, true
}

// moment reads a date-time field; "" is the zero moment unless required.
func (m breachForm) moment(id string, required bool) (time.Time, string) {
	t := m.env.text
	typed := strings.TrimSpace(m.set.Get(id))
	if typed == "" && !required {
		return time.Time{}, ""
	}
	v, p := kit.ParseDateTime(typed)
	switch p {
	case kit.DateTimeImpossibleDay:
		return v, t.Tf("form.date_impossible", strings.Fields(typed)[0])
	case kit.DateTimeYear:
		return v, t.Tf("form.date_year", typed)
	case kit.DateTimeImpossibleTime:
		return v, t.Tf("form.time_impossible", strings.Fields(typed)[1])
	case kit.DateTimeFormat:
		return v, t.T("form.datetime_format")
	}
	return v, ""
}

// submit reads the fields and saves; the store checks the rest.
func (m breachForm) submit() (breachForm, tea.Cmd) {
	m.problem = ""
	b := m.base
	b.ID = m.id
	var bad string
	for _, f := range []struct {
		id       string
		to       *time.Time
		required bool
	}{{"discovered_at", &b.Discovered, true}, {"reported_at", &b.Reported, false},
		{"people_informed_at", &b.PeopleInformed, false}, {"processors_informed_at", &b.ProcessorsInformed, false}} {
		if *f.to, bad = m.moment(f.id, f.required); bad != "" {
			return m.fail(f.id, bad)
		}
	}
	for _, f := range []struct {
		id string
		to *int
	}{{"people_affected", &b.PeopleAffected}, {"records_affected", &b.RecordsAffected}} {
		typed := strings.TrimSpace(m.set.Get(f.id))
		n, err := strconv.Atoi(typed)
		switch {
		case typed == "":
			n = 0
		case err != nil || n < 0:
			return m.fail(f.id, m.env.text.T("breach.invalid_count"))
		}
		*f.to = n
	}
	b.Description = strings.TrimSpace(m.set.Get("description"))
	b.Categories = strings.TrimSpace(m.set.Get("categories"))
	b.Consequences = strings.TrimSpace(m.set.Get("consequences"))
	b.Measures = strings.TrimSpace(m.set.Get("measures"))
	b.Contact = strings.TrimSpace(m.set.Get("contact"))
	b.NotReportedReason = strings.TrimSpace(m.set.Get("not_reported_reason"))
	ids, ok := parseClientNumbers(m.set.Get("clients"))
	if !ok {
		return m.fail("clients", m.env.text.T("breach.invalid_clients"))
	}
	b.Clients = ids
	if err := b.Validate(); err != nil {
		return m.refuse(err)
	}
	m.saving, m.req = true, newReq()
	return m, saveBreach(m.env.store, m.req, b)
}

// fail puts msg under field id and moves the focus there.
func (m breachForm) fail(id, msg string) (breachForm, tea.Cmd) {
	cmd, _ := m.set.Fail(id, msg)
	return m, cmd
}

// refuse shows a refusal of the store under its field, or above the form.
func (m breachForm) refuse(err error) (breachForm, tea.Cmd) {
	var ve *store.ValidationError
	if errors.As(err, &ve) && m.set.Index(ve.Field) >= 0 {
		return m.fail(ve.Field, rightsFieldProblem(m.env.text, ve))
	}
	m.problem = rightsProblem(m.env, err)
	return m, nil
}

// View draws the form with the example that every incident is recorded.
func (m breachForm) View() string {
	t, st := m.env.text, m.env.styles
	extra := kit.Paragraph(st.Muted, t.T("breach.example"), m.width)
	if m.id != 0 {
		extra = append(extra, kit.Paragraph(st.Muted, t.T("breach.report_hint"), m.width)...)
	}
	return viewRightsForm(m.env, m.set, m.loaded, m.saving, m.problem, m.width, m.height, extra)
}

// newRightsScreen builds the screens of the rights desk (requests,
// consents and disclosures, the breach register); see newScreen.
func newRightsScreen(e *env, r Route) (Screen, bool) {
	switch r.Kind {
	case KindRequest:
		return asScreen(newRequestView(e, r)), true
	case KindRequestForm:
		return asScreen(newRequestForm(e, r)), true
	case KindConsentForm, KindDisclosure:
		return asScreen(newSharingForm(e, r)), true
	case KindBreaches:
		return asScreen(newBreaches(e, r)), true
	case KindBreachForm:
		return asScreen(newBreachForm(e, r)), true
	case KindComplaints:
		return asScreen(newComplaints(e, r)), true
	case KindComplaintForm:
		return asScreen(newComplaintForm(e, r)), true
	}
	return nil, false
}
