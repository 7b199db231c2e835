package tui

import "testing"

// Golden views of the client's dossier at 100×30, plain text. Re-record
// with go test ./tui -update.

func TestGoldenClientNotes(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
	d.keys("[enter]5")
	requireGolden(t, d)
}

func TestGoldenClientNotesRestrictedNL(t *testing.T) {
	s := newPeopleStore(t)
	s.restrict(t, 1, "bezwaar tegen verwerking, 12 januari")
	d, _, _ := unlocked(t, s, Dutch, 100, 30)
	d.keys("[enter]5")
	requireGolden(t, d)
}

func TestGoldenRecordReader(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
	d.keys("[enter]5[enter]")
	requireGolden(t, d)
}

func TestGoldenRecordReaderMasked(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
	d.keys("[enter]5j[enter]")
	requireGolden(t, d)
}

func TestGoldenRecordEditor(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
	d.keys("[enter]5nPhone call[tab][tab][tab][tab]Anna called about the internship.[enter][enter]She starts on 2 February.")
	requireGolden(t, d)
}

func TestGoldenRecordEditorNL(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), Dutch, 100, 30)
	d.keys("[enter]2nTweede gesprek[tab][ctrl+u]31-02-2026[tab][tab][right][ctrl+s]")
	requireGolden(t, d)
}

func TestGoldenAppointments(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
	d.keys("[enter]7")
	requireGolden(t, d)
}

func TestGoldenAppointmentFormNL(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), Dutch, 100, 30)
	d.keys("[enter]7n1-12-2026 14:30[tab][tab]Bibliotheek[tab][right][right][ctrl+s]")
	requireGolden(t, d)
}

func TestGoldenDocuments(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
	d.keys("[enter]8")
	requireGolden(t, d)
}

func TestGoldenClientLogNL(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), Dutch, 100, 30)
	d.keys("[enter][shift+tab]") // the log is the last tab
	requireGolden(t, d)
}

func TestGoldenSearch(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
	d.keys("[ctrl+f]anna")
	d.send(searchDueMsg{id: top[searchScreen](t, d).due})
	d.keys("[down]")
	requireGolden(t, d)
}
