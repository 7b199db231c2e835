package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// clientHeaderRows are the rows above a tab's content: the tab bar and a
// blank line, plus the restriction banner when there is one.
func (m clientScreen) headerRows() int {
	n := 2 + len(m.noticeLines())
	if m.loaded && m.d.client.Restricted {
		n++
	}
	return n
}

// noticeLines is the notice, wrapped to the window.
func (m clientScreen) noticeLines() []string {
	if m.notice == "" {
		return nil
	}
	return kit.Paragraph(m.env.styles.Success, m.notice, m.width)
}

// listHeight is the number of list rows on screen: the content minus the
// header rows and a line of column headers.
func (m clientScreen) listHeight() int { return max(m.height-m.headerRows()-1, 1) }

// View draws the tab bar, the restriction banner and the open tab.
func (m clientScreen) View() string {
	t, st := m.env.text, m.env.styles
	lines := []string{viewTabBar(t, st, m.tab, m.width)}
	switch {
	case m.problem != "":
		return strings.Join(append(lines, "", "  "+st.Danger.Render(m.problem)), "\n")
	case !m.loaded:
		return strings.Join(append(lines, "", "  "+st.Muted.Render(t.T("form.loading"))), "\n")
	}
	if m.d.client.Restricted {
		lines = append(lines, "  "+st.Warning.Render("⊘ "+t.Tf("client.restricted", kit.OneLine(m.d.client.RestrictedReason))))
	}
	lines = append(lines, m.noticeLines()...)
	lines = append(lines, "")
	switch {
	case m.tab == tabOverview:
		lines = append(lines, m.viewOverview()...)
	case m.tab.isRecords():
		lines = append(lines, m.viewRecords()...)
	case m.tab == tabAppointments:
		lines = append(lines, m.viewAppointments()...)
	case m.tab == tabDocuments:
		lines = append(lines, m.viewDocuments()...)
	case m.tab == tabLog:
		lines = append(lines, m.viewLog()...)
	case m.tab == tabConsent:
		lines = append(lines, m.viewConsent()...)
	case m.tab == tabRequests:
		lines = append(lines, m.viewRequests()...)
	}
	return strings.Join(lines, "\n")
}

// empty is the line a tab shows with nothing in it: what is missing, and
// how to add it unless the dossier is read-only.
func (m clientScreen) empty() []string {
	t, st := m.env.text, m.env.styles
	var msg string
	switch {
	case m.readOnly():
		msg = t.T("client.empty_readonly")
	case m.tab == tabAppointments:
		msg = t.T("client.empty_appointments")
	case m.tab == tabDocuments:
		msg = t.T("client.empty_documents")
	case m.tab == tabLog:
		msg = t.T("client.empty_log")
	default:
		msg = t.T("client.empty_records")
	}
	return []string{"  " + st.Muted.Render(msg)}
}

// viewOverview lists the client's details as label–value lines.
func (m clientScreen) viewOverview() []string {
	t, st := m.env.text, m.env.styles
	c := m.d.client
	lines := []string{"  " + st.Title.Render(kit.OneLine(c.Name())) + "  " + st.Muted.Render(statusText(t, c.Status))}
	lines = append(lines, "")
	row := func(label, value string) {
		if value == "" {
			value = st.Muted.Render("—")
		} else {
			value = st.Text.Render(kit.OneLine(value))
		}
		lines = append(lines, kit.LabelLine(st, label, value))
	}
	row(t.T("client.email"), c.Email)
	row(t.T("client.phone"), c.Phone)
	row(t.T("client.address"), strings.ReplaceAll(c.Address, "\n", ", "))
	birth := t.Date(c.BirthDate)
	age := c.AgeOn(m.env.today())
	if age >= 0 {
		birth += " (" + t.Tf("client.age", strconv.Itoa(age)) + ")"
	}
	row(t.T("client.birth_date"), birth)
	row(t.T("client.referral"), strings.TrimSpace(referralText(t, c.Referral)+" "+parenthesised(c.ReferralDetail)))
	switch {
	case age >= 0 && age < 16 && strings.TrimSpace(c.Representative) == "":
		lines = append(lines, kit.LabelLine(st, t.T("client.representative"),
			st.Warning.Render(t.Tf("client.representative_needed", age))))
	case age >= 0 && age < 16 || c.Representative != "":
		row(t.T("client.representative"), c.Representative)
	}
	for _, r := range optionalRows(t, m.d.fields, c, m.bsn) {
		row(r[0], r[1])
	}
	var traj string
	if !c.Start.IsZero() || !c.End.IsZero() {
		traj = strings.TrimSpace(t.Date(c.Start) + " – " + t.Date(c.End))
	}
	row(t.T("client.trajectory"), traj)
	if c.Status == store.StatusRejected {
		row(t.T("client.rejected_on"), t.Date(c.RejectedOn))
	}
	if c.Outcome != store.OutcomeNone {
		row(t.T("client.outcome"), outcomeText(t, c.Outcome))
	}
	lines = append(lines, m.viewRetention()...)
	var next string
	if m.upcoming > 0 {
		next = t.Weekday(m.appts[0].Start) + " " + t.DateTimeShort(m.appts[0].Start)
	}
	row(t.T("client.next_appointment"), next)
	for _, b := range m.d.breaches {
		lines = append(lines, kit.LabelLine(st, t.T("client.breach"),
			st.Warning.Render(kit.OneLine(t.Tf("client.breach_line", b.ID, t.Date(b.Discovered), summaryLine(b.Description))))))
	}
	if c.Notes != "" {
		lines = append(lines, "", "  "+st.Label.Render(t.T("client.notes")))
		for _, l := range strings.Split(kit.Plain(c.Notes), "\n") {
			lines = append(lines, "  "+st.Text.Render(l))
		}
	}
	return lines
}

// summaryLine is the first line of s, cut to 50 characters.
func summaryLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if r := []rune(s); len(r) > 50 {
		s = string(r[:49]) + "…"
	}
	return s
}

func parenthesised(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}

// viewRecords lists the tab's records: date, kind (only on the tab that
// mixes kinds), title and the first line of the text, or a mask for a
// special-category record; the columns size to their text, the title
// giving way first, and the first line takes the rest.
func (m clientScreen) viewRecords() []string {
	t, st := m.env.text, m.env.styles
	recs := m.recs[m.tab]
	if len(recs) == 0 {
		return m.empty()
	}
	kinds := m.tab == tabTexts
	cols := []kit.Column{{Title: t.T("record.col_date")}}
	if kinds {
		cols = append(cols, kit.Column{Title: t.T("record.col_kind")})
	}
	cols = append(cols, kit.Column{Title: t.T("record.col_title"), Min: 12, Max: 40}, kit.Column{Min: 16})
	rows := make([][]string, len(recs))
	for i, r := range recs {
		row := []string{t.DateShort(r.Date)}
		if kinds {
			row = append(row, kindText(t, r.Kind))
		}
		first := r.first
		if r.Special {
			first = "▒▒▒ " + t.T("record.special")
		}
		rows[i] = append(row, kit.OneLine(r.Title), first)
	}
	table := kit.NewTable(cols, rows, m.width)
	lines := []string{table.Header(st)}
	l := m.lists[m.tab]
	start, end := l.Window(len(recs), m.listHeight())
	for i := start; i < end; i++ {
		style := st.Muted
		if recs[i].Special {
			style = st.Warning
		}
		lines = append(lines, table.Row(st, rows[i], style, i == l.Cursor))
	}
	return lines
}

// viewAppointments lists the upcoming appointments, soonest first, then
// the past ones, latest first; a past appointment without attendance asks
// for it.
func (m clientScreen) viewAppointments() []string {
	t, st := m.env.text, m.env.styles
	if len(m.appts) == 0 {
		return m.empty()
	}
	rows := make([][]string, len(m.appts))
	styles := make([][]*lipgloss.Style, len(m.appts))
	for i, a := range m.appts {
		state := attendanceText(t, a.Attendance)
		style := &st.Muted
		switch {
		case a.Attendance == store.AttendancePlanned && i >= m.upcoming:
			state, style = t.T("attendance.unrecorded"), &st.Warning
		case a.Reason != "":
			state += " — " + kit.OneLine(a.Reason)
		}
		rows[i] = []string{t.Weekday(a.Start) + " " + t.DateTimeShort(a.Start), t.Tf("appointment.minutes", a.Minutes),
			kit.OneLine(a.Place), state}
		styles[i] = []*lipgloss.Style{3: style}
	}
	// The upcoming and the past ones are one table under two headings.
	table := kit.NewTable([]kit.Column{{Width: 21}, {Width: 7}, {Width: 28, Min: 8}, {}}, rows, m.width)
	var lines []string
	focus := 0
	for i := range m.appts {
		if i == 0 && m.upcoming > 0 {
			lines = append(lines, "  "+st.Header.Render(t.T("appointment.upcoming")))
		}
		if i == m.upcoming {
			if i > 0 {
				lines = append(lines, "")
			}
			lines = append(lines, "  "+st.Header.Render(t.T("appointment.past")))
		}
		selected := i == m.lists[tabAppointments].Cursor
		if selected {
			focus = len(lines)
		}
		lines = append(lines, table.StyledRow(st, rows[i], styles[i], selected))
	}
	return kit.ScrollWindow(lines, focus, max(m.height-m.headerRows(), 1))
}

// docMasked reports whether a document is special-category and its name
// not yet revealed: the store leaves the name out of lists until then.
func docMasked(a store.Attachment) bool { return a.Special && a.Name == "" }

// viewDocuments lists the documents: name, kind, size and when added.
func (m clientScreen) viewDocuments() []string {
	t, st := m.env.text, m.env.styles
	docs := m.d.docs
	if len(docs) == 0 {
		return m.empty()
	}
	rows := make([][]string, len(docs))
	styles := make([]lipgloss.Style, len(docs))
	for i, d := range docs {
		name, style := kit.OneLine(d.Name), st.Text
		switch {
		case docMasked(d):
			name, style = t.T("document.masked"), st.Warning
		case d.Special:
			name = "⚑ " + name
		}
		rows[i] = []string{name, kindText(t, d.Kind), t.Size(d.Size), t.DateShort(d.Added)}
		styles[i] = style
	}
	table := kit.NewTable([]kit.Column{{Title: t.T("document.col_name"), Min: 12, Max: 48},
		{Title: t.T("record.col_kind")}, {Title: t.T("document.col_size"), Right: true},
		{Title: t.T("document.col_added")}}, rows, m.width)
	lines := []string{table.Header(st)}
	l := m.lists[tabDocuments]
	start, end := l.Window(len(docs), m.listHeight())
	for i := start; i < end; i++ {
		lines = append(lines, table.Line(st, rows[i], styles[i], i == l.Cursor))
	}
	return lines
}

// viewLog lists the client's audit lines, newest first, in the coach's
// words.
func (m clientScreen) viewLog() []string {
	t, st := m.env.text, m.env.styles
	entries := m.d.audit
	if len(entries) == 0 {
		return m.empty()
	}
	rows := make([][]string, len(entries))
	for i, e := range entries {
		rows[i] = []string{t.DateTimeShort(e.At), auditAction(t, e.Action), m.auditDetail(e.Detail)}
	}
	table := kit.NewTable([]kit.Column{{Title: t.T("log.col_when")}, {Title: t.T("log.col_what"), Max: 40},
		{Title: t.T("log.col_detail"), Min: 12}}, rows, m.width)
	lines := []string{table.Header(st)}
	l := m.lists[tabLog]
	start, end := l.Window(len(entries), m.listHeight())
	for i := start; i < end; i++ {
		lines = append(lines, table.Row(st, rows[i], st.Muted, i == l.Cursor))
	}
	return lines
}

// auditDetail names what an audit line is about the way the coach knows
// it: "record 12 (note)" becomes the note's title while it exists.
func (m clientScreen) auditDetail(detail string) string {
	t := m.env.text
	var noun string
	var rest string
	switch {
	case strings.HasPrefix(detail, "record "):
		noun, rest = "record", detail[len("record "):]
	case strings.HasPrefix(detail, "document "):
		noun, rest = "document", detail[len("document "):]
	case strings.HasPrefix(detail, "appointment "):
		noun, rest = "appointment", detail[len("appointment "):]
	case detail == "client":
		return t.T("log.client")
	case detail == "bsn":
		return t.T("log.bsn")
	default:
		// "complaint 3", "invoice 2026-0001": the noun in the coach's
		// language, the rest (a number) as it is.
		if r, ok := strings.CutPrefix(detail, "complaint "); ok {
			return t.T("log.complaint") + " " + kit.OneLine(r)
		}
		if r, ok := strings.CutPrefix(detail, "consent "); ok {
			if n, _, withdrawn := strings.Cut(r, " withdrawn"); withdrawn {
				return t.T("log.consent") + " " + kit.OneLine(n) + " " + t.T("log.withdrawn")
			}
			return t.T("log.consent") + " " + kit.OneLine(r)
		}
		if r, ok := strings.CutPrefix(detail, "disclosure "); ok {
			return t.T("log.disclosure") + " " + kit.OneLine(r)
		}
		if r, ok := strings.CutPrefix(detail, "invoice "); ok {
			return t.T("log.invoice") + " " + kit.OneLine(r)
		}
		return kit.OneLine(detail)
	}
	idText, kind, _ := strings.Cut(rest, " ")
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil {
		return kit.OneLine(detail)
	}
	kind = strings.Trim(kind, "()")
	switch noun {
	case "record":
		for _, r := range m.d.records {
			if r.ID == id {
				return kindText(t, r.Kind) + " “" + kit.OneLine(r.Title) + "”"
			}
		}
		return kindText(t, store.RecordKind(kind)) + " #" + idText
	case "document":
		for _, d := range m.d.docs {
			if d.ID == id {
				return t.T("log.document") + " “" + kit.OneLine(d.Name) + "”"
			}
		}
		return t.T("log.document") + " #" + idText
	}
	for _, a := range m.d.appts {
		if a.ID == id {
			return t.T("log.appointment") + " " + t.DateTimeShort(a.Start)
		}
	}
	return t.T("log.appointment") + " #" + idText
}
