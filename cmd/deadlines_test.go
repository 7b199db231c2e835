package cmd

import (
	"testing"
	"time"

	"github.com/caseload/caseload/store"
)

// The agenda's --json lists its deadlines as `deadlines --json` does,
// the kind of an item kept under an item category among them (the
// agenda's own copy of the conversion had lost it).
func TestAgendaAndDeadlinesListAnItemAlike(t *testing.T) {
	d := store.Deadline{Kind: store.DeadlineRetention, Category: store.CategoryDossier, Item: store.KeptRecord,
		ItemID: 7, ClientID: 3, Due: time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC), DaysLeft: 12}
	l := listDeadline(d)
	if l.Item != string(store.KeptRecord) || l.ItemID != 7 || l.Due != "2026-03-31" {
		t.Errorf("listed as %+v", l)
	}
}
