package fill

import (
	"time"

	"github.com/caseload/caseload/msg"
)

// The words a paper takes from the program rather than from the
// template: months, the names of statuses, outcomes, referrals and
// rights, the column titles of the tables the filler makes, all from
// package msg (msg/paper.go). A template in Dutch gets Dutch words only.

// formatDate writes a civil date as a letter does: "6 december 2026";
// empty for the zero date.
func formatDate(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return msg.For(msg.Lang(lang)).Date(t)
}

// label is the word for a value of a kind ("status", "outcome"); empty for
// an empty value.
func label(lang, kind, value string) string {
	if value == "" {
		return ""
	}
	if s, ok := msg.For(msg.Lang(lang)).Lookup("paper." + kind + "." + value); ok {
		return s
	}
	return value
}

// word is the program's word for key in lang; "" for a key msg lacks.
func word(lang, key string) string {
	s, _ := msg.For(msg.Lang(lang)).Lookup("paper." + key)
	return s
}
