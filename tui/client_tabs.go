package tui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/caseload/caseload/store"
)

// clientTab is one tab of the client screen. Their order is the order of
// a trajectory (intake, plan, evaluations) and the number keys 1–9 and 0
// follow it, L opens the log; consent & sharing and the requests (the rights desk) come after the
// documents, before the log, which shift+tab reaches from the overview.
type clientTab int

const (
	tabOverview clientTab = iota
	tabIntake
	tabPlan
	tabEvaluations
	tabNotes
	tabTexts // CV, letters, e-mails and other texts
	tabAppointments
	tabDocuments
	tabConsent  // consents and disclosures; see client_consent.go
	tabRequests // rights requests; see client_requests.go
	tabLog
	tabCount
)

// id names a tab in a Route; it survives a lock and a new version.
func (t clientTab) id() string {
	switch t {
	case tabIntake:
		return "intake"
	case tabPlan:
		return "plan"
	case tabEvaluations:
		return "evaluations"
	case tabNotes:
		return "notes"
	case tabTexts:
		return "texts"
	case tabAppointments:
		return "appointments"
	case tabDocuments:
		return "documents"
	case tabConsent:
		return "consent"
	case tabRequests:
		return "requests"
	case tabLog:
		return "log"
	}
	return "overview"
}

// jumpTab is the tab a number key opens: 1 the first, 0 the tenth, as
// the keys lie on the keyboard.
func jumpTab(r rune) clientTab {
	if r == '0' {
		return 9
	}
	return clientTab(r - '1')
}

// tabByID is the tab a Route names; the overview for an unknown one.
func tabByID(id string) clientTab {
	for t := range tabCount {
		if t.id() == id {
			return t
		}
	}
	return tabOverview
}

// kinds are the record kinds a record tab lists; nil for the other tabs.
func (t clientTab) kinds() []store.RecordKind {
	switch t {
	case tabIntake:
		return []store.RecordKind{store.KindIntake}
	case tabPlan:
		return []store.RecordKind{store.KindPlan}
	case tabEvaluations:
		return []store.RecordKind{store.KindEvaluation}
	case tabNotes:
		return []store.RecordKind{store.KindNote}
	case tabTexts:
		return []store.RecordKind{store.KindCV, store.KindLetter, store.KindEmail, store.KindOther}
	}
	return nil
}

// isRecords reports whether the tab lists records.
func (t clientTab) isRecords() bool { return t.kinds() != nil }

// tabOfKind is the tab that lists records of kind k.
func tabOfKind(k store.RecordKind) clientTab {
	for t := range tabCount {
		for _, tk := range t.kinds() {
			if tk == k {
				return t
			}
		}
	}
	return tabTexts
}

// tabName is a tab's name in the tab bar; short is used when the full
// names do not fit.
func tabName(t Text, tab clientTab, short bool) string {
	switch tab {
	case tabIntake:
		return t.T("tab.intake")
	case tabPlan:
		if short {
			return t.T("tab.plan_short")
		}
		return t.T("tab.plan")
	case tabEvaluations:
		return t.T("tab.evaluations")
	case tabNotes:
		return t.T("tab.notes")
	case tabTexts:
		if short {
			return t.T("tab.texts_short")
		}
		return t.T("tab.texts")
	case tabAppointments:
		return t.T("tab.appointments")
	case tabDocuments:
		return t.T("tab.documents")
	case tabConsent:
		if short {
			return t.T("tab.consent_short")
		}
		return t.T("tab.consent")
	case tabRequests:
		return t.T("tab.requests")
	case tabLog:
		return t.T("tab.log")
	}
	return t.T("tab.overview")
}

// viewTabBar draws the tabs with the current one in brackets (so it shows
// without colour too). When the full names do not fit it uses the short
// ones, and when those do not fit either it leaves out tabs on the side
// away from the current one, marking the cut with "…".
func viewTabBar(t Text, st *Styles, current clientTab, width int) string {
	render := func(short bool) []string {
		parts := make([]string, tabCount)
		for tab := range tabCount {
			name := tabName(t, tab, short)
			if tab == current {
				parts[tab] = st.Title.Render("[" + name + "]")
			} else {
				parts[tab] = st.Muted.Render(" " + name + " ")
			}
		}
		return parts
	}
	parts := render(false)
	fits := func(from, to int) bool {
		w := lipgloss.Width(strings.Join(parts[from:to], " ")) + 1
		if from > 0 {
			w++
		}
		if to < len(parts) {
			w++
		}
		return w <= width
	}
	if !fits(0, len(parts)) {
		parts = render(true)
	}
	from, to := 0, len(parts)
	for !fits(from, to) && to-from > 1 {
		if int(current)-from > to-1-int(current) {
			from++
		} else {
			to--
		}
	}
	bar := strings.Join(parts[from:to], " ")
	if from > 0 {
		bar = st.Muted.Render("…") + bar
	}
	if to < len(parts) {
		bar += st.Muted.Render("…")
	}
	return " " + bar
}
