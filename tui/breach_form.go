package tui

import (
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// breachForm records a breach (id 0) or what became known of one: when
// it was reported, when the people affected were told, or why it is not
// reported. A new breach asks only what happened; the report fields come
// with editing, once there is something to fill in.
type breachForm struct {
	formCore
	id   int64
	base store.Breach
}

func newBreachForm(e *env, r Route) breachForm {
	t, st := e.text, e.styles
	m := breachForm{formCore: newRightsFormCore(e, r.Item == 0), id: r.Item}
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
	m.Fields = []kit.Field{
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
	m.Fields[m.Index("clients")].Input.Placeholder = t.T("breach.clients_placeholder")
	if m.id == 0 {
		m.Set("discovered_at", dateTimeInput(t, e.clock().Truncate(time.Minute)))
		for _, id := range []string{"reported_at", "people_informed_at", "not_reported_reason"} {
			// processors_informed_at stays: telling them is due within a day.
			m.Fields[m.Index(id)].Hidden = true
		}
	}
	m.SetFields(m.Fields...)
	return m
}

// Init loads the breach being edited.
func (m breachForm) Init() tea.Cmd {
	if m.Loaded {
		return m.Refocus()
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

// RestoreDraft fills the fields, on top of the loaded breach.
func (m breachForm) RestoreDraft(text string) breachForm {
	m.Form.RestoreDraft(text)
	return m
}

// Update handles the loaded breach, the save's answer and the keys.
func (m breachForm) Update(msg tea.Msg) (breachForm, tea.Cmd) {
	t := m.env.text
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.Width, m.Height = msg.Width, msg.Height
	case breachesLoadedMsg:
		if msg.req != m.req || m.Loaded {
			return m, nil
		}
		if msg.err != nil {
			m.Problem = explain(m.env, msg.err)
			return m, nil
		}
		for _, b := range msg.items {
			if b.ID == m.id {
				m.base = b
				m.fill(b)
				m.MarkLoaded()
			}
		}
		if !m.Loaded {
			m.Problem = problemText(t, ProblemNotFound)
			return m, nil
		}
		return m, m.Refocus()
	case rightsSavedMsg:
		if msg.req != m.req {
			return m, nil
		}
		return m, m.onSavedBack(msg.err, back(breachDoneMsg{id: msg.id, note: t.T("breach.saved")}))
	case tea.KeyMsg:
		cmd, save := m.onKey(msg)
		if save {
			return m.submit()
		}
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
	m.Set("discovered_at", dateTimeInput(t, b.Discovered))
	m.Set("description", kit.EditLine(b.Description))
	m.Set("categories", kit.EditLine(b.Categories))
	m.Set("people_affected", count(b.PeopleAffected))
	m.Set("records_affected", count(b.RecordsAffected))
	m.Set("consequences", kit.EditLine(b.Consequences))
	m.Set("measures", kit.EditLine(b.Measures))
	m.Set("contact", kit.EditLine(b.Contact))
	m.Set("reported_at", dateTimeInput(t, b.Reported))
	m.Set("people_informed_at", dateTimeInput(t, b.PeopleInformed))
	m.Set("processors_informed_at", dateTimeInput(t, b.ProcessorsInformed))
	m.Set("not_reported_reason", kit.EditLine(b.NotReportedReason))
	m.Set("clients", clientNumbers(b.Clients))
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
	typed := strings.TrimSpace(m.Get(id))
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
	m.Problem = ""
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
			return m, m.fail(f.id, bad)
		}
	}
	for _, f := range []struct {
		id string
		to *int
	}{{"people_affected", &b.PeopleAffected}, {"records_affected", &b.RecordsAffected}} {
		typed := strings.TrimSpace(m.Get(f.id))
		n, err := strconv.Atoi(typed)
		switch {
		case typed == "":
			n = 0
		case err != nil || n < 0:
			return m, m.fail(f.id, m.env.text.T("breach.invalid_count"))
		}
		*f.to = n
	}
	b.Description = strings.TrimSpace(m.Get("description"))
	b.Categories = strings.TrimSpace(m.Get("categories"))
	b.Consequences = strings.TrimSpace(m.Get("consequences"))
	b.Measures = strings.TrimSpace(m.Get("measures"))
	b.Contact = strings.TrimSpace(m.Get("contact"))
	b.NotReportedReason = strings.TrimSpace(m.Get("not_reported_reason"))
	ids, ok := parseClientNumbers(m.Get("clients"))
	if !ok {
		return m, m.fail("clients", m.env.text.T("breach.invalid_clients"))
	}
	b.Clients = ids
	if err := b.Validate(); err != nil {
		return m, m.refuse(err)
	}
	return m, saveBreach(m.env.store, m.startSave(), b)
}

// View draws the form with the example that every incident is recorded.
func (m breachForm) View() string {
	t, st := m.env.text, m.env.styles
	extra := kit.Paragraph(st.Muted, t.T("breach.example"), m.Width)
	if m.id != 0 {
		extra = append(extra, kit.Paragraph(st.Muted, t.T("breach.report_hint"), m.Width)...)
	}
	return m.view(extra)
}

// saveBreach adds a breach (ID 0) or stores what became known of one.
func saveBreach(s Store, req reqID, b store.Breach) tea.Cmd {
	return saving(func() tea.Msg {
		var err error
		if b.ID == 0 {
			b, err = s.AddBreach(ctx(), b)
		} else {
			b, err = s.UpdateBreach(ctx(), b)
		}
		return rightsSavedMsg{req: req, id: b.ID, err: err}
	})
}
