package tui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/caseload/caseload/store"
)

func TestGoldenDeadlines(t *testing.T) {
	d, _, _ := unlocked(t, retentionStoreForTest(t), English, 100, 30)
	d.keys("D")
	requireGolden(t, d)
}

func TestGoldenDeadlinesNL(t *testing.T) {
	d, _, _ := unlocked(t, retentionStoreForTest(t), Dutch, 100, 30)
	d.keys("Djj") // Lotte: Fatima's hold comes first
	requireGolden(t, d)
}

func TestGoldenPurgeConfirmNL(t *testing.T) {
	s := retentionStoreForTest(t)
	d, _, _ := unlocked(t, s, Dutch, 100, 30)
	d.keys("DjjPb") // Lotte
	requireGolden(t, d)
}

func TestGoldenSettings(t *testing.T) {
	d, _, _ := unlocked(t, retentionStoreForTest(t), English, 100, 30)
	d.keys("S")
	requireGolden(t, d)
}

func TestGoldenClientClosedCountdownNL(t *testing.T) {
	d, _, _ := unlocked(t, retentionStoreForTest(t), Dutch, 100, 30)
	d.send(navigateMsg{route: Route{Kind: KindClient, Client: 3}})
	requireGolden(t, d)
}

func TestStartupSaysWhatIsDue(t *testing.T) {
	s := retentionStoreForTest(t)
	b := &testBackend{t: t, exists: true, pass: "tulp fiets regen lantaarn", store: s}
	d := newDriver(t, newTestModel(b, Dutch, s.now), 100, 30)
	d.keys("tulp fiets regen lantaarn[enter]")
	// Sanne (overdue) and Lotte (due today) a purge erases; Ruben is due
	// too, but his restriction stops the purge, so he is said apart;
	// Fatima is on hold, and invoices do not count.
	if got := d.model().status.text; got != "2 dossiers wachten op verwijdering — D toont ze; nog 1 is beperkt" {
		t.Errorf("status line %q", got)
	}
	d2, _, _ := unlocked(t, newTestStore(t, nil), Dutch, 100, 30)
	if got := d2.model().status.text; got != "" {
		t.Errorf("nothing due, status line %q", got)
	}
}

func TestDeadlinesPurgeWithBackups(t *testing.T) {
	s := retentionStoreForTest(t)
	d, _, _ := unlocked(t, s, English, 100, 30)
	d.keys("D")
	m := top[deadlinesScreen](t, d)
	if len(m.items) != 6 || m.keys.Purge.Enabled() {
		t.Fatalf("items %d, purge enabled %v on Fatima's hold", len(m.items), m.keys.Purge.Enabled())
	}
	d.keys("j") // Sanne, overdue
	if !top[deadlinesScreen](t, d).keys.Purge.Enabled() {
		t.Error("P not enabled on an overdue dossier")
	}
	d.keys("jj") // Ruben: restricted, so no purge
	if top[deadlinesScreen](t, d).keys.Purge.Enabled() {
		t.Error("P enabled on a restricted client")
	}
	d.keys("k") // Lotte, due today
	d.keys("P")
	p := top[purgeScreen](t, d)
	want := "Dossier of Lotte Smit will be erased; invoices stay until 1 March 2031. Older versions in backups/ still hold the client until 21 February 2026 at the latest"
	if got := purgeSentence(d.model().text, p.p); !strings.HasPrefix(got, want) {
		t.Errorf("sentence\n%s\nwant prefix\n%s", got, want)
	}
	d.keys("by")
	if s.count("Purge") != 1 || !s.dropped || s.exists(t, 7) {
		t.Fatalf("Purge %d, dropped %v, Lotte still there %v", s.count("Purge"), s.dropped, s.exists(t, 7))
	}
	if got := d.model().status.text; got != "Dossier of client #7 erased; 7 older versions deleted from backups/" {
		t.Errorf("status %q", got)
	}
	dl := top[deadlinesScreen](t, d)
	if len(dl.items) != 5 {
		t.Errorf("list not reloaded: %d items", len(dl.items))
	}
}

func TestPurgePlanChangedAsksAgain(t *testing.T) {
	s := retentionStoreForTest(t)
	d, _, _ := unlocked(t, s, Dutch, 100, 30)
	d.keys("DjP") // Sanne
	// Between the plan and the yes, Sanne's dossier grows a record.
	must[store.Record](t)(s.Store.SaveRecord(context.Background(), store.Record{ClientID: 5, Kind: store.KindNote,
		Title: "Nagekomen", Date: day(2026, 1, 22), Body: "Belde nog."}))
	d.keys("j")
	p := top[purgeScreen](t, d)
	if p.notice != "Er is intussen iets veranderd — bekijk het opnieuw." || !p.loaded || !p.keys.Confirm.Enabled() {
		t.Fatalf("notice %q loaded %v", p.notice, p.loaded)
	}
	if s.count("PlanPurge") != 2 {
		t.Errorf("PlanPurge %d times, want a new plan", s.count("PlanPurge"))
	}
	d.keys("j")
	if s.exists(t, 5) {
		t.Error("client #5 not purged after the second yes")
	}
}

func TestPurgeFromClientOnHold(t *testing.T) {
	s := retentionStoreForTest(t)
	d, _, _ := unlocked(t, s, English, 100, 30)
	d.send(navigateMsg{route: Route{Kind: KindPurge, Client: 4}})
	p := top[purgeScreen](t, d)
	if !strings.Contains(p.problem, "legal hold") || p.keys.Confirm.Enabled() {
		t.Errorf("problem %q", p.problem)
	}
}

func TestClientOverdueHoldAndRestriction(t *testing.T) {
	s := retentionStoreForTest(t)
	d, _, _ := unlocked(t, s, English, 100, 30)
	d.send(navigateMsg{route: Route{Kind: KindClient, Client: 5}})
	c := top[clientScreen](t, d)
	if !c.keys.Purge.Enabled() || !strings.Contains(d.view(), "overdue: 3 days") {
		t.Fatalf("purge %v\n%s", c.keys.Purge.Enabled(), d.view())
	}
	d.keys("h[ctrl+s]")
	f := top[reasonForm](t, d)
	if f.Fields[0].Err == "" {
		t.Fatal("a hold without a reason was accepted")
	}
	d.keys("complaint pending[tab]2026-06-30[ctrl+s]")
	c = top[clientScreen](t, d)
	if got := s.client(t, 5); !got.Hold || !got.HoldUntil.Equal(day(2026, 6, 30)) {
		t.Fatalf("hold not set: %+v", got)
	}
	if c.keys.Purge.Enabled() || !strings.Contains(d.view(), "retention suspended: complaint pending until 30 June 2026") {
		t.Errorf("after hold:\n%s", d.view())
	}
	d.keys("hy")
	if s.client(t, 5).Hold {
		t.Error("hold not lifted")
	}
	d.keys("rrefuses processing[ctrl+s]")
	if !s.client(t, 5).Restricted {
		t.Fatal("not restricted")
	}
	d.keys("r")
	if d.model().prompt == nil {
		t.Fatal("lifting a restriction is not confirmed")
	}
	d.keys("y")
	if s.client(t, 5).Restricted {
		t.Error("restriction not lifted")
	}
}

func TestPolicyPreviewAndSave(t *testing.T) {
	// A year instead of two makes Daan's dossier due at once, and those
	// of two clients who finished in 2024.
	s := retentionStoreForTest(t)
	for _, c := range []store.Client{
		{FirstName: "Iris", LastName: "Jong", Status: store.StatusClosed, Outcome: store.OutcomeWork,
			Start: day(2023, 9, 1), End: day(2024, 6, 1)},
		{FirstName: "Levi", LastName: "Bos", Status: store.StatusClosed, Outcome: store.OutcomeEducation,
			Start: day(2023, 9, 1), End: day(2024, 8, 1)},
	} {
		must[store.Client](t)(s.Store.CreateClient(context.Background(), c))
	}
	d, _, _ := unlocked(t, s, Dutch, 100, 30)
	d.keys("Se")
	f := top[policyForm](t, d)
	if f.Get("months") != "24" {
		t.Fatalf("months %q", f.Get("months"))
	}
	d.keys("[backspace][backspace]1 jaar")
	f = top[policyForm](t, d)
	stale := f.due - 1
	d.send(previewDueMsg{id: stale})
	if s.count("PreviewPolicy") != 0 {
		t.Error("a stale debounce tick asked for a preview")
	}
	d.send(previewDueMsg{id: f.due})
	if got := top[policyForm](t, d).preview; got != "Deze wijziging maakt 3 dossiers nu al verwijderbaar" {
		t.Errorf("preview %q", got)
	}
	d.keys("[tab][ctrl+u][ctrl+s]")
	if !strings.Contains(d.view(), "de AP vraagt dat je dat vastlegt") {
		t.Errorf("no reason asked:\n%s", d.view())
	}
	d.keys("Kortere richtlijn[ctrl+s]")
	if got := must[[]store.Policy](t)(s.Policies(context.Background()))[0]; got.Months != 12 || got.Reason != "Kortere richtlijn" {
		t.Errorf("saved %+v", got)
	}
	if top[settingsScreen](t, d).s.policies[0].Months != 12 {
		t.Error("settings not reloaded")
	}
}

func TestPracticeForm(t *testing.T) {
	s := retentionStoreForTest(t)
	d, _, _ := unlocked(t, s, English, 100, 30)
	d.keys("Sp[tab]Dorpsstraat 1, Zwolle[ctrl+s]")
	if got := must[store.Practice](t)(s.Practice(context.Background())); got.Address != "Dorpsstraat 1, Zwolle" || got.Name != "Coaching Noord" {
		t.Errorf("saved %+v", got)
	}
}

func TestClientFormClosingAsksOutcome(t *testing.T) {
	s := retentionStoreForTest(t)
	d, _, _ := unlocked(t, s, Dutch, 100, 30)
	d.send(navigateMsg{route: Route{Kind: KindClientForm, Client: 1}})
	f := top[clientForm](t, d)
	if !f.Fields[f.Index("outcome")].Hidden {
		t.Fatal("outcome shown for an active client")
	}
	// To the status field, then closed.
	for f.Fields[f.Focus].ID != "status" {
		d.keys("[tab]")
		f = top[clientForm](t, d)
	}
	d.keys("[right][ctrl+s]")
	f = top[clientForm](t, d)
	o := f.Fields[f.Index("outcome")]
	if o.Hidden || o.Err == "" || !strings.Contains(d.view(), "Uitkomst") {
		t.Fatalf("outcome not asked: %+v\n%s", o, d.view())
	}
	d.keys("[right]")
	if f := top[clientForm](t, d); f.Get("outcome") != string(store.OutcomeEducation) {
		t.Fatalf("outcome %q", f.Get("outcome"))
	}
	d.keys("[ctrl+s]")
	if c := s.client(t, 1); c.Status != store.StatusClosed || c.Outcome != store.OutcomeEducation || c.End.IsZero() {
		t.Errorf("saved %+v", c)
	}
}

func TestNoSharedKeysRetention(t *testing.T) {
	for _, lang := range []Lang{English, Dutch} {
		for _, sit := range []struct{ name, keys string }{
			{"deadlines", "D"},
			{"deadlines restricted", "Djj"},
			{"purge", "DP"},
			{"settings", "S"},
			{"policy form", "Se"},
			{"practice form", "Sp"},
			{"client overdue", "jjjjj[enter]"},
			{"hold form", "jjjjj[enter]h"},
		} {
			d, _, _ := unlocked(t, retentionStoreForTest(t), lang, 100, 30)
			d.keys("[tab][tab]" + sit.keys)
			checkShared(t, string(lang)+" "+sit.name, d.model())
		}
	}
}

// TestFlowPurgeDue unlocks, reads the startup line, opens the deadlines,
// purges the one due dossier and sees it gone.
func TestFlowPurgeDue(t *testing.T) {
	s := newPeopleStore(t) // only Sanne is due: overdue
	b := &testBackend{t: t, exists: true, pass: "tulp fiets regen lantaarn", store: s}
	now := testNow
	tm := teatest.NewTestModel(t, New(Config{Backend: b, Lang: English, Clock: func() time.Time { return now }}),
		teatest.WithInitialTermSize(100, 30))
	wait := func(texts ...string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(out []byte) bool {
			for _, text := range texts {
				if !bytes.Contains(out, []byte(text)) {
					return false
				}
			}
			return true
		}, teatest.WithDuration(15*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	}
	wait("Passphrase")
	tm.Type("tulp fiets regen lantaarn")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	wait("1 dossier is due for deletion")
	tm.Type("D")
	wait("Sanne Bakker", "overdue 3 d")
	tm.Type("j") // past Fatima, on hold since December
	tm.Type("P")
	wait("Dossier of Sanne Bakker will be erased")
	tm.Type("y")
	wait("Dossier of client #5 erased", "hold: klacht") // only Fatima's hold is left
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	for _, r := range s.rows(t) {
		if r.ID == 5 {
			t.Error("client #5 still there")
		}
	}
}

func TestSettingsWritesRegister(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	s := retentionStoreForTest(t)
	p := must[store.Practice](t)(s.Practice(context.Background()))
	p.Purposes = "Begeleiding van jonge moeders terug naar school"
	ok(t, s.SavePractice(context.Background(), p))
	d, _, _ := unlocked(t, s, Dutch, 100, 30)
	d.keys("Sw")
	written, _ := filepath.Glob(filepath.Join(home, "Documents", "caseload-exports", "verwerkingsregister-*.md"))
	if len(written) != 1 {
		t.Fatalf("want one register in the export folder, found %v", written)
	}
	md, err := os.ReadFile(written[0])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(md), "Begeleiding van jonge moeders terug naar school") {
		t.Errorf("the register lacks the practice's purpose:\n%s", md)
	}
	html, err := os.ReadFile(strings.TrimSuffix(written[0], ".md") + ".html")
	if err != nil || !strings.Contains(string(html), "<html") {
		t.Errorf("no HTML register beside it: %v", err)
	}
	if !strings.Contains(d.view(), "Verwerkingsregister (art. 30 AVG) geschreven") {
		t.Errorf("the status line does not say where the register went:\n%s", d.view())
	}
}
