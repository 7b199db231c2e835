package tui

import (
	"context"
	"strings"
	"testing"

	"github.com/caseload/caseload/store"
)

// newest is the client the store created last.
func newest(t testing.TB, s *testStore) store.Client {
	t.Helper()
	var id int64
	for _, r := range must[[]store.ClientRow](t)(s.ListClients(context.Background())) {
		id = max(id, r.ID)
	}
	return s.client(t, id)
}

// exists tells whether client id is in the caseload.
func (s *testStore) exists(t testing.TB, id int64) bool {
	t.Helper()
	for _, r := range must[[]store.ClientRow](t)(s.ListClients(context.Background())) {
		if r.ID == id {
			return true
		}
	}
	return false
}

func TestClientFormTakesAddressAndNotes(t *testing.T) {
	s := newPeopleStore(t)
	d, _, _ := unlocked(t, s, Dutch, 100, 30)
	d.keys("nNoor[shift+tab]Voorkeur ochtend / belt zelf[shift+tab]Molenstraat 12, 6511 HH Nijmegen[ctrl+s]")
	top[caseloadModel](t, d)
	c := newest(t, s)
	if c.FirstName != "Noor" || c.Address != "Molenstraat 12\n6511 HH Nijmegen" || c.Notes != "Voorkeur ochtend\nbelt zelf" {
		t.Fatalf("created %q, address %q, notes %q", c.FirstName, c.Address, c.Notes)
	}
}

func TestClientFormKeepsStoredLinesWhenUntouched(t *testing.T) {
	c := store.Client{Address: "Molenstraat 12\n6511 HH Nijmegen", Notes: "Twee kinderen (3, 5).\nVoorkeur: ochtend."}
	if got := splitLines(joinLines(c.Address, addressSep), addressSep, c.Address); got != c.Address {
		t.Errorf("address %q", got)
	}
	// The notes hold a comma: shown and saved unchanged they stay as
	// they were, not cut at the comma.
	if got := splitLines(joinLines(c.Notes, notesSep), notesSep, c.Notes); got != c.Notes {
		t.Errorf("notes %q", got)
	}
}

// Passing over "closed" while choosing a status leaves no end date behind.
func TestStatusChoiceNeverLeavesAnEndDate(t *testing.T) {
	s := newPeopleStore(t)
	d, _, _ := unlocked(t, s, English, 100, 30)
	d.keys("nNoor")
	f := top[clientForm](t, d)
	for f.Focused().ID != "status" {
		d.keys("[tab]")
		f = top[clientForm](t, d)
	}
	d.keys("[right][right]") // active, closed
	if f = top[clientForm](t, d); f.Get("end") == "" || f.Fields[f.Index("outcome")].Hidden {
		t.Fatalf("closing does not ask for the end date and the outcome: end %q", f.Get("end"))
	}
	d.keys("[left]") // back to active
	if f = top[clientForm](t, d); f.Get("end") != "" {
		t.Fatalf("an active trajectory kept the end date %q", f.Get("end"))
	}
	d.keys("[ctrl+s]")
	if c := newest(t, s); c.FirstName != "Noor" || !c.End.IsZero() || c.Status != store.StatusActive {
		t.Fatalf("saved %+v", c)
	}
}

func TestClientFormRefusesAMinorWithoutRepresentative(t *testing.T) {
	s := newPeopleStore(t)
	d, _, _ := unlocked(t, s, English, 100, 30)
	before := newest(t, s).ID
	d.keys("nNoor[tab][tab][tab][tab]2014-05-03[ctrl+s]")
	f := top[clientForm](t, d)
	if f.Focused().ID != "representative" || newest(t, s).ID != before {
		t.Fatalf("saved a minor without a representative (focus %s)\n%s", f.Focused().ID, d.view())
	}
	d.keys("Els Jansen[ctrl+s]")
	top[caseloadModel](t, d)
	if c := newest(t, s); c.FirstName != "Noor" || c.Representative != "Els Jansen" {
		t.Fatalf("saved %+v", c)
	}
}

func TestRemoveAClientEnteredByMistake(t *testing.T) {
	s := newPeopleStore(t)
	// Zoë (the second) without her intake tomorrow has no dossier yet.
	for _, a := range must[[]store.Appointment](t)(s.Appointments(context.Background(), 2)) {
		ok(t, s.DeleteAppointment(context.Background(), a.ID))
	}
	d, _, _ := unlocked(t, s, Dutch, 100, 30)
	// Anna (the first) has a dossier: refused.
	d.keys("d")
	if !strings.Contains(d.view(), "per vergissing") {
		t.Fatalf("no question:\n%s", d.view())
	}
	d.keys("j")
	if !s.exists(t, 1) {
		t.Fatal("a client with a dossier was removed")
	}
	if !strings.Contains(d.view(), "heeft al een dossier") {
		t.Errorf("no reason given:\n%s", d.view())
	}
	d.keys("[down]d")
	name := s.client(t, 2).Name()
	d.keys("n")
	if !s.exists(t, 2) {
		t.Fatal("removed after no")
	}
	d.keys("dj")
	if s.exists(t, 2) {
		t.Fatal("not removed after yes")
	}
	if strings.Contains(d.view(), name) || !strings.Contains(d.view(), "Verwijderd") {
		t.Errorf("the list still shows %s or says nothing:\n%s", name, d.view())
	}
}
