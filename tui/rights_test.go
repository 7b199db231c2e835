package tui

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/store/legaldate"
)

// rightsPeopleStore is newPeopleStore with Anna's rights: an access
// request due in two weeks, an overdue rectification, an answered
// objection, a consent in force and one withdrawn, and one disclosure.
func rightsPeopleStore(t testing.TB) *testStore {
	t.Helper()
	return fromSeed(t, "rights", func(t testing.TB, s *testStore) {
		seedPeople(t, s)
		seedRights(t, s)
	})
}

// seedRights adds Anna's requests, consents and disclosure.
func seedRights(t testing.TB, s *testStore) {
	t.Helper()
	s.putRights(t,
		store.Request{ClientID: 1, Kind: store.RequestAccess, Received: day(2026, 1, 5),
			Channel: store.ChannelEmail, IdentityChecked: true, IdentityHow: "antwoord vanaf het bekende e-mailadres"},
		store.Request{ClientID: 1, Kind: store.RequestRectification, Received: day(2025, 12, 1),
			Channel: store.ChannelLetter, Notes: "Geboortedatum klopt niet in het intakeverslag."},
		store.Request{ClientID: 1, Kind: store.RequestObjection, Received: day(2025, 11, 3),
			Channel: store.ChannelInPerson, Status: store.RequestAnswered, Answered: day(2025, 11, 20),
			Outcome: "Bezwaar toegewezen: geen nieuwsbrief meer."},
		store.Consent{ClientID: 1, Purpose: "voortgang delen met klantmanager", Recipient: "Gemeente Utrecht",
			Given: day(2025, 9, 3), GivenBy: store.GivenByClient},
		store.Consent{ClientID: 1, Purpose: "stageplek zoeken", Recipient: "ROC Midden",
			Given: day(2025, 10, 1), GivenBy: store.GivenByClient, Withdrawn: day(2026, 1, 10)},
		store.Disclosure{ClientID: 1, Recipient: "Gemeente Utrecht", What: "voortgangsverslag",
			Date: day(2025, 12, 15), Basis: store.LegalBasisConsent, ConsentID: 1},
	)
}

// openRequests opens Anna's requests tab (9 is consent & sharing, the
// requests tab follows it).
func openRequests(t *testing.T, s *testStore, lang Lang) *driver {
	t.Helper()
	d := openAnna(t, s, lang)
	d.keys("9[tab]")
	if c := top[clientScreen](t, d); c.tab != tabRequests || !c.rights.loaded {
		t.Fatalf("tab %s, rights loaded %v", c.tab.id(), c.rights.loaded)
	}
	return d
}

func TestRequestsTabCountsDown(t *testing.T) {
	d := openRequests(t, rightsPeopleStore(t), Dutch)
	v := d.view()
	for _, want := range []string{"inzage", "nog 14 dagen", "rectificatie", "te laat: ", "beantwoord 20 nov 2025"} {
		if !strings.Contains(v, want) {
			t.Errorf("requests tab lacks %q:\n%s", want, v)
		}
	}
}

func TestNewRequestShowsDueDate(t *testing.T) {
	s := rightsPeopleStore(t)
	d := openRequests(t, s, English)
	d.keys("n")
	top[requestForm](t, d)
	due := legaldate.RequestDeadline(day(2026, 1, 22))
	want := "Answer by " + newText(English).Weekday(due) + " " + newText(English).Date(due)
	if v := d.view(); !strings.Contains(v, want) {
		t.Fatalf("form lacks %q:\n%s", want, v)
	}
	// A date typed over the default moves the preview along.
	d.keys("[tab][ctrl+u]2026-01-02")
	due2 := legaldate.RequestDeadline(day(2026, 1, 2))
	if v := d.view(); !strings.Contains(v, newText(English).Date(due2)) {
		t.Fatalf("preview does not follow the typed date:\n%s", v)
	}
	d.keys("[ctrl+s]")
	c := top[clientScreen](t, d)
	if s.count("AddRequest") != 1 || c.tab != tabRequests {
		t.Fatalf("AddRequest %d, tab %s", s.count("AddRequest"), c.tab.id())
	}
	if !strings.Contains(c.notice, "Request recorded; answer by") {
		t.Errorf("notice %q", c.notice)
	}
	if got := c.rights.r.requests[c.lists[tabRequests].Cursor]; got.Received != day(2026, 1, 2) {
		t.Errorf("selected %+v, want the new request", got)
	}
}

func TestAnswerRequest(t *testing.T) {
	s := rightsPeopleStore(t)
	d := openRequests(t, s, English)
	d.keys("[enter]")
	if v := top[requestView](t, d); v.id != 1 {
		t.Fatalf("opened request %d", v.id)
	}
	d.keys("aDossier als pdf gestuurd[ctrl+s]")
	r := s.request(t, 1)
	if r.Status != store.RequestAnswered || r.Outcome != "Dossier als pdf gestuurd" {
		t.Fatalf("request %+v", r)
	}
	v := d.view()
	if !strings.Contains(v, "Request answered") || !strings.Contains(v, "answered 22 Jan 2026") {
		t.Errorf("view after answering:\n%s", v)
	}
	if k := top[requestView](t, d).keys; k.Answer.Enabled() || k.Extend.Enabled() {
		t.Error("a closed request still offers answer or extend")
	}
}

func TestExtendTooLate(t *testing.T) {
	s := rightsPeopleStore(t)
	d := openRequests(t, s, Dutch)
	d.keys("j[enter]v[tab]Veel stukken te verzamelen[ctrl+s]")
	v := d.view()
	if !strings.Contains(v, "Te laat om te verlengen") {
		t.Fatalf("no sentence for a late extension:\n%s", v)
	}
	if r := s.request(t, 2); r.Status != store.RequestOpen {
		t.Errorf("request %+v", r)
	}
}

func TestErasureConfirmNamesCounts(t *testing.T) {
	s := rightsPeopleStore(t)
	s.putRights(t, store.Request{ClientID: 1, Kind: store.RequestErasure, Received: day(2026, 1, 21),
		Channel: store.ChannelEmail, IdentityChecked: true, IdentityHow: "in de sessie van 21 januari"})
	for _, n := range []string{"2025-011", "2025-019"} { // fiscal retention outlives the erasure
		must[store.Invoice](t)(s.AddInvoice(context.Background(), store.Invoice{ClientID: 1, Number: n,
			Date: day(2025, 11, 30), AmountCents: 38000, Debtor: "Gemeente Utrecht"}))
	}
	d := openRequests(t, s, English)
	d.keys("[enter]w")
	if v := d.view(); !strings.Contains(v, "Not every recipient of this client's data has been told") {
		t.Fatalf("erasure with a recipient untold:\n%s", v)
	}
	if !strings.Contains(d.view(), "Gemeente Utrecht") {
		t.Fatalf("the recipient to tell is not listed:\n%s", d.view())
	}
	d.keys("m")
	d.keys("w")
	p := d.model().prompt
	if p == nil {
		t.Fatalf("no question before the erasure:\n%s", d.view())
	}
	for _, want := range []string{"Anna de Vries", "5 records", "4 appointments", "1 document", "2 consents", "1 disclosure", "4 requests"} {
		if !strings.Contains(p.question, want) {
			t.Errorf("question %q lacks %q", p.question, want)
		}
	}
	if v := d.view(); !strings.Contains(v, "Also stays: 2 invoices") {
		t.Errorf("the view does not say what stays:\n%s", v)
	}
	d.keys("y")
	top[caseloadModel](t, d)
	if s.exists(t, 1) || s.count("Purge") != 1 {
		t.Errorf("Anna was not erased (Purge %d)", s.count("Purge"))
	}
}

func TestDisclosureWithoutConsent(t *testing.T) {
	s := rightsPeopleStore(t)
	d := openAnna(t, s, Dutch)
	d.keys("9u")
	top[sharingForm](t, d)
	d.keys("UWV[tab]eindverslag[ctrl+s]")
	want := "Geen geldige toestemming van de cliënt voor deze ontvanger op die datum. Leg toestemming vast, of kies een andere wettelijke grondslag."
	if v := d.view(); !strings.Contains(strings.Join(strings.Fields(v), " "), want) {
		t.Fatalf("no sentence for a disclosure without consent:\n%s", v)
	}
	// The refusal lists what the client did consent to.
	consents := "Toestemmingen van deze cliënt: ROC Midden (stageplek zoeken, ingetrokken op 10 jan 2026); " +
		"Gemeente Utrecht (voortgang delen met klantmanager, sinds 3 sep 2025)"
	if v := d.view(); !strings.Contains(strings.Join(strings.Fields(v), " "), consents) {
		t.Fatalf("the refusal does not list the client's consents:\n%s", v)
	}
	// With consent to the municipality the same disclosure goes through.
	d.keys("[shift+tab][ctrl+u]Gemeente Utrecht[ctrl+s]")
	c := top[clientScreen](t, d)
	if s.count("AddDisclosure") != 2 || len(c.rights.r.disclosures) != 2 {
		t.Errorf("AddDisclosure %d, disclosures %d", s.count("AddDisclosure"), len(c.rights.r.disclosures))
	}
}

func TestWithdrawConsent(t *testing.T) {
	s := rightsPeopleStore(t)
	d := openAnna(t, s, English)
	d.keys("9")
	c := top[clientScreen](t, d)
	if c.keys.Withdraw.Enabled() {
		t.Fatal("w offered on a consent already withdrawn")
	}
	d.keys("jw")
	if p := d.model().prompt; p == nil || !strings.Contains(p.question, "Gemeente Utrecht") {
		t.Fatalf("prompt %+v", p)
	}
	d.keys("y")
	got := must[[]store.Consent](t)(s.Consents(context.Background(), 1))
	if len(got) != 2 || !got[0].Withdrawn.Equal(day(2026, 1, 22)) && !got[1].Withdrawn.Equal(day(2026, 1, 22)) {
		t.Fatalf("consent withdrawn on %v", got)
	}
	if c := top[clientScreen](t, d); c.keys.Withdraw.Enabled() {
		t.Error("w still offered after the withdrawal")
	}
}

func TestRestrictFromRequest(t *testing.T) {
	s := rightsPeopleStore(t)
	s.putRights(t, store.Request{ClientID: 1, Kind: store.RequestRestriction, Received: day(2026, 1, 20),
		Channel: store.ChannelPhone})
	d := openRequests(t, s, English)
	d.keys("[enter]bClient betwist de juistheid[ctrl+s]")
	c := top[clientScreen](t, d)
	if !c.d.client.Restricted || !strings.Contains(d.view(), "Client betwist de juistheid") {
		t.Fatalf("no restriction banner:\n%s", d.view())
	}
	if r := s.request(t, 4); !r.Open() {
		t.Error("restricting closed the request; it waits for an answer")
	}
}

func TestBreachRegister(t *testing.T) {
	s := rightsPeopleStore(t)
	d, _, _ := unlocked(t, s, Dutch, 100, 30)
	d.keys("B")
	if v := d.view(); !strings.Contains(v, "Een gestolen laptop met een vergrendelde kluis") {
		t.Fatalf("empty register without the example:\n%s", v)
	}
	d.keys("n")
	top[breachForm](t, d)
	d.keys("[tab]Laptop gestolen uit de auto[ctrl+s]")
	b := top[breachesScreen](t, d)
	if len(b.items) != 1 || !b.items[0].Discovered.Equal(testNow) {
		t.Fatalf("register %+v", b.items)
	}
	if v := d.view(); !strings.Contains(v, "nog 72 uur") {
		t.Errorf("no countdown:\n%s", v)
	}
	// Not reported, with the reason: it no longer counts down.
	d.keys("e")
	d.keys(strings.Repeat("[tab]", 10) + "versleuteld, geen risico[ctrl+s]")
	if v := d.view(); !strings.Contains(v, "niet gemeld: versleuteld, geen risico") {
		t.Errorf("reason not shown:\n%s", v)
	}
}

// TestRightsNoSharedKeys is TestNoSharedKeys for the screens of the rights
// desk, in the states that switch keys on and off.
func TestRightsNoSharedKeys(t *testing.T) {
	for _, lang := range []Lang{English, Dutch} {
		for _, sit := range []struct{ name, keys string }{
			{"consent tab", "[enter]9"},
			{"consent tab, consent in force", "[enter]9j"},
			{"consent tab, disclosure", "[enter]9jj"},
			{"requests tab", "[enter]9[tab]"},
			{"request view", "[enter]9[tab][enter]"},
			{"request view rectification", "[enter]9[tab]j[enter]"},
			{"request view closed", "[enter]9[tab]jj[enter]"},
			{"request answer fields", "[enter]9[tab][enter]a"},
			{"request extend fields", "[enter]9[tab][enter]v"},
			{"request form", "[enter]9[tab]n"},
			{"request form choice", "[enter]9[tab]n[tab][tab]"},
			{"consent form", "[enter]9n"},
			{"disclosure form", "[enter]9u"},
			{"breaches", "B"},
			{"breach form", "Bn"},
			{"breach edit", "Be"},
		} {
			d, _, _ := unlocked(t, breachStore(t), lang, 100, 30)
			d.keys(sit.keys)
			checkShared(t, string(lang)+" "+sit.name, d.model())
		}
	}
}

// Upholding an objection (a on an objection) restricts the client at once
// and says so; the client screen then shows the dossier read-only.
func TestUpholdObjectionRestricts(t *testing.T) {
	s := rightsPeopleStore(t)
	s.putRights(t, store.Request{ClientID: 1, Kind: store.RequestObjection, Received: day(2026, 1, 21),
		Channel: store.ChannelEmail})
	d := openRequests(t, s, English)
	d.keys("[enter]")
	if v := top[requestView](t, d); v.id != 4 {
		t.Fatalf("opened request %d", v.id)
	}
	d.keys("a")
	if v := d.view(); !strings.Contains(v, "restricts processing of this client at once") {
		t.Fatalf("upholding does not warn what it does:\n%s", v)
	}
	d.keys("Geen dwingende gronden[ctrl+s]")
	if r := s.request(t, 4); r.Status != store.RequestAnswered || r.Outcome != "Geen dwingende gronden" {
		t.Fatalf("request %+v", r)
	}
	c := top[clientScreen](t, d)
	if !s.client(t, 1).Restricted {
		t.Error("the client is not restricted after the objection was upheld")
	}
	if !strings.Contains(c.notice, "Objection upheld") {
		t.Errorf("notice %q", c.notice)
	}
}

// A new breach names the clients it affects by number and when the
// processors were told; a number that is not one is refused in words.
func TestBreachFormClientsAndProcessors(t *testing.T) {
	s := rightsPeopleStore(t)
	d, _, _ := unlocked(t, s, English, 100, 30)
	d.keys("Bn[tab]Laptop stolen" + strings.Repeat("[tab]", 8) + "1, Anna[ctrl+s]")
	if v := d.view(); !strings.Contains(v, "Give the clients' numbers") {
		t.Fatalf("a name among the numbers was not refused:\n%s", v)
	}
	d.keys("[ctrl+u]#1[shift+tab]" + dateTimeInput(newText(English), testNow) + "[ctrl+s]")
	b := top[breachesScreen](t, d)
	if len(b.items) != 1 || len(b.items[0].Clients) != 1 || b.items[0].Clients[0] != 1 ||
		!b.items[0].ProcessorsInformed.Equal(testNow) {
		t.Fatalf("register %+v", b.items)
	}
}

// The dossier of a client a breach affects says so on its overview, so the
// coach sees it before writing to them.
func TestClientOverviewShowsItsBreaches(t *testing.T) {
	s := rightsPeopleStore(t)
	s.putRights(t, store.Breach{Discovered: day(2026, 1, 18), Description: "USB-stick met cv's kwijt in de trein",
		Clients: []int64{1}})
	d := openAnna(t, s, English)
	if v := d.view(); !strings.Contains(v, "#1 of 18 January 2026 affects this client: USB-stick") {
		t.Errorf("overview lacks the breach:\n%s", v)
	}
}

// The recipient field completes from the practice's list: typing "Gem"
// and → gives the municipality as the list spells it.
func TestDisclosureRecipientCompletes(t *testing.T) {
	s := rightsPeopleStore(t)
	d := openAnna(t, s, English)
	d.keys("9u")
	top[sharingForm](t, d)
	d.keys("Gem[right]")
	if got := top[sharingForm](t, d).Get("recipient"); got != "Gemeente Utrecht" {
		t.Errorf("recipient after → = %q, want the list's Gemeente Utrecht", got)
	}
}

// TestEnterRightAfterRecordingARequest: enter pressed after "Request
// recorded" but before the requests are read back opens the new request,
// where the cursor is about to go, not the row the cursor was on. (Under
// load the flow test opened the access request above it.)
func TestEnterRightAfterRecordingARequest(t *testing.T) {
	d, _, _ := unlocked(t, rightsPeopleStore(t), English, 100, 30)
	d.keys("[enter]9[tab]")
	m := top[clientScreen](t, d)
	if m.tab != tabRequests {
		t.Fatalf("tab %d, want the requests tab", m.tab)
	}
	const recorded = 4242 // not listed yet: its load is still on its way
	m, _ = m.Update(doneMsg{tab: tabRequests, item: recorded, note: "Request recorded"})
	_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if cmd == nil {
		t.Fatal("enter did nothing")
	}
	nav, ok := cmd().(navigateMsg)
	if !ok || nav.route.Kind != KindRequest || nav.route.Item != recorded {
		t.Errorf("enter went to %+v, want request %d", nav.route, recorded)
	}
}

// step-inburgering §12: K on the requests tab keeps the client's
// complaints; one is recorded, then answered with its outcome.
func TestComplaintsRegister(t *testing.T) {
	s := rightsPeopleStore(t)
	d := openRequests(t, s, English)
	d.keys("K")
	top[complaintsScreen](t, d)
	d.keys("n[tab]report sent without asking[ctrl+s]")
	m := top[complaintsScreen](t, d)
	if len(m.items) != 1 || !m.items[0].Open() || m.items[0].Subject != "report sent without asking" {
		t.Fatalf("complaints %+v", m.items)
	}
	d.keys("e[tab][tab][right][ctrl+s]")
	m = top[complaintsScreen](t, d)
	if m.items[0].Outcome != store.ComplaintUpheld || !m.items[0].Answered.Equal(day(2026, 1, 22)) {
		t.Errorf("after answering: %+v", m.items[0])
	}
	if v := d.view(); !strings.Contains(v, "upheld · 22 Jan") {
		t.Errorf("the answer is not shown:\n%s", v)
	}
}
