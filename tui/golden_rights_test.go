package tui

import (
	"context"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
)

// Golden views of the rights desk at 100×30, plain text. Re-record with
// go test ./tui -update.

func TestGoldenRequests(t *testing.T) {
	d := openRequests(t, rightsPeopleStore(t), English)
	requireGolden(t, d)
}

func TestGoldenRequestsNL(t *testing.T) {
	d := openRequests(t, rightsPeopleStore(t), Dutch)
	requireGolden(t, d)
}

func TestGoldenRequestView(t *testing.T) {
	d := openRequests(t, rightsPeopleStore(t), English)
	d.keys("j[enter]")
	requireGolden(t, d)
}

func TestGoldenRequestFormNL(t *testing.T) {
	d := openRequests(t, rightsPeopleStore(t), Dutch)
	d.keys("n[tab][tab][right]")
	requireGolden(t, d)
}

func TestGoldenConsentNL(t *testing.T) {
	d := openAnna(t, rightsPeopleStore(t), Dutch)
	d.keys("9")
	requireGolden(t, d)
}

// breachStore is rightsPeopleStore with a register of four breaches: one
// counting down, one overdue, one reported and one kept unreported.
func breachStore(t testing.TB) *testStore {
	t.Helper()
	return fromSeed(t, "breaches", func(t testing.TB, s *testStore) {
		seedPeople(t, s)
		seedRights(t, s)
		seedBreaches(t, s)
	})
}

// seedBreaches adds four breaches to the register.
func seedBreaches(t testing.TB, s *testStore) {
	t.Helper()
	at := func(y int, m time.Month, d, h, mi int) time.Time { return time.Date(y, m, d, h, mi, 0, 0, time.UTC) }
	s.putRights(t,
		store.Breach{Discovered: at(2026, 1, 21, 9, 30), Description: "E-mail met verslag naar verkeerde ontvanger",
			Categories: "coachingsverslag", PeopleAffected: 1, RecordsAffected: 1},
		store.Breach{Discovered: at(2026, 1, 18, 8, 0), Description: "USB-stick met cv's kwijt in de trein"},
		store.Breach{Discovered: at(2025, 11, 4, 16, 15), Description: "Inbraak op kantoor, papieren map weg",
			Reported: at(2025, 11, 5, 14, 0)},
		store.Breach{Discovered: at(2025, 6, 1, 20, 0), Description: "Laptop gestolen uit de auto",
			NotReportedReason: "kluis versleuteld en vergrendeld"},
	)
}

func TestGoldenBreaches(t *testing.T) {
	d, _, _ := unlocked(t, breachStore(t), English, 100, 30)
	d.keys("B")
	requireGolden(t, d)
}

func TestGoldenBreachesEmptyNL(t *testing.T) {
	d, _, _ := unlocked(t, rightsPeopleStore(t), Dutch, 100, 30)
	d.keys("B")
	requireGolden(t, d)
}

// TestFlowRequestRestriction: a coach logs a restriction request on
// Anna's requests tab, opens it, restricts processing from it, and the
// dossier comes back read-only with the reason in its banner.
func TestFlowRequestRestriction(t *testing.T) {
	b := &testBackend{t: t, exists: true, pass: "tulp fiets regen lantaarn", store: rightsPeopleStore(t)}
	f := startFlow(t, b)
	f.wait("Unlock your caseload")
	f.typ("tulp fiets regen lantaarn")
	f.key(tea.KeyEnter, 1)
	f.wait("Today ·") // something is due: the vault opens on today
	f.key(tea.KeyEsc, 1)
	f.wait("Anna de Vries", "Active 2")
	f.key(tea.KeyEnter, 1)
	f.wait("Overview")
	f.typ("9")
	f.key(tea.KeyTab, 1)
	f.wait("access", "rectification")
	f.typ("n")
	f.wait("New request", "Answer by")
	f.key(tea.KeyRight, 3) // access, rectification, erasure, restriction
	f.key(tea.KeyTab, 1)
	f.key(tea.KeyCtrlU, 1)
	f.typ("2026-01-20")
	f.key(tea.KeyCtrlS, 1)
	f.wait("Request recorded")
	f.key(tea.KeyEnter, 1)
	f.wait("GDPR art. 18")
	f.typ("b")
	f.typ("Client betwist de juistheid")
	f.key(tea.KeyCtrlS, 1)
	f.wait("Processing restricted (read-only): Client betwist de juistheid")
	f.quit()
	s := b.current().sealed(t)
	var found bool
	for _, r := range must[[]store.Request](t)(s.Requests(context.Background(), 1)) {
		if r.Kind == store.RequestRestriction {
			found = r.Open() && r.Received == day(2026, 1, 20)
		}
	}
	if c := s.client(t, 1); !found || !c.Restricted {
		t.Errorf("restriction request open %v, client restricted %v", found, c.Restricted)
	}
}
