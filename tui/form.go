package tui

import (
	"time"

	"github.com/caseload/caseload/tui/kit"
)

// The forms' words: dates as the coach types them, the sentence for a
// refused date, and the kit's few words in the coach's language. The
// fields and the lifecycle are in tui/kit.

// formText is the kit's words for a form.
func formText(t Text) kit.FormText {
	return kit.FormText{Loading: t.T("form.loading"), Saving: t.T("status.saving")}
}

// dateInput writes a date the way the coach types it: 31-01-2026 in Dutch,
// 2026-01-31 in English.
func dateInput(t Text, d time.Time) string {
	if d.IsZero() {
		return ""
	}
	if t.Lang() == Dutch {
		return d.Format("02-01-2006")
	}
	return d.Format("2006-01-02")
}

// dateProblemText is the sentence for a refused date.
func dateProblemText(t Text, p kit.DateProblem, typed string) string {
	switch p {
	case kit.DateImpossible:
		return t.Tf("form.date_impossible", typed)
	case kit.DateYear:
		return t.Tf("form.date_year", typed)
	}
	return t.T("form.date_format")
}

// dateTimeInput writes a date and time the way the coach types it.
func dateTimeInput(t Text, d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return dateInput(t, d) + " " + d.Format("15:04")
}
