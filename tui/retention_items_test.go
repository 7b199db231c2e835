package tui

import (
	"context"
	"strings"
	"testing"

	"github.com/caseload/caseload/store"
)

// kept is a caseload at testNow (22 January 2026) on the real store:
// Fatima's trajectory runs; a mail of two years ago is kept under the
// correspondence category and due today, a newer one counts down, and her
// intake goes with the dossier.
type kept struct {
	w             *week
	fatima        store.Client
	oldMail, mail store.Record
}

func newKept(t *testing.T) *kept {
	t.Helper()
	now := testNow
	s := newTestStore(t, &now)
	k := &kept{w: &week{s: s, now: &now}}
	c := context.Background()
	var err error
	if k.fatima, err = s.CreateClient(c, store.Client{FirstName: "Fatima", LastName: "El Amrani",
		Status: store.StatusActive, Start: day(2023, 9, 4)}); err != nil {
		t.Fatal(err)
	}
	for _, r := range []*store.Record{
		{Kind: store.KindEmail, Title: "Mail over de opvang", Date: day(2024, 1, 22), Retention: store.CategoryCorrespondence},
		{Kind: store.KindEmail, Title: "Mail over het rooster", Date: day(2025, 6, 2), Retention: store.CategoryCorrespondence},
		{Kind: store.KindIntake, Title: "Intake", Date: day(2023, 9, 4)},
	} {
		r.ClientID = k.fatima.ID
		saved, err := s.SaveRecord(c, *r)
		if err != nil {
			t.Fatal(err)
		}
		*r = saved
		switch saved.Title {
		case "Mail over de opvang":
			k.oldMail = saved
		case "Mail over het rooster":
			k.mail = saved
		}
	}
	return k
}

// steunpunt-studerende-moeders: mails "tot maximaal twee jaar terug
// bewaard". The deadlines screen shows the mail coming due under its
// category, P opens the confirmation, which names what goes, and y erases
// that mail alone: the client and her other records stay.
func TestSteunpuntMailDueOnTheDeadlinesScreenIsErasedAlone(t *testing.T) {
	k := newKept(t)
	d := k.w.open(t, English, 180, 30)
	d.keys("D")
	m := top[deadlinesScreen](t, d)
	row := -1
	for i, dl := range m.items {
		if dl.Item == store.KeptRecord && dl.ItemID == k.oldMail.ID {
			row = i
		}
	}
	if row < 0 {
		t.Fatalf("the deadlines do not list the old mail: %+v", m.items)
	}
	if v := d.view(); !strings.Contains(v, "Correspondence and e-mail · record: Mail over de opvang") {
		t.Errorf("the deadlines screen lacks the mail's row:\n%s", v)
	}
	for range row {
		d.keys("j")
	}
	d.keys("P")
	p := top[purgeScreen](t, d)
	if p.items != store.CategoryCorrespondence || !p.loaded || p.problem != "" {
		t.Fatalf("P opened %+v (problem %q)", p.Route(), p.problem)
	}
	if v := d.view(); !strings.Contains(v, "Correspondence and e-mail of Fatima El Amrani: 1 record will be erased") {
		t.Errorf("the confirmation says:\n%s", v)
	}
	d.keys("y")
	recs, err := k.w.s.Records(context.Background(), k.fatima.ID)
	if err != nil || len(recs) != 2 {
		t.Fatalf("records after the purge = %+v, %v; want the newer mail and the intake", recs, err)
	}
	for _, r := range recs {
		if r.ID == k.oldMail.ID {
			t.Error("the mail of two years ago is still there")
		}
	}
	if r := d.model().top().Route(); r.Kind != KindDeadlines {
		t.Errorf("after the purge the coach is on %+v, want the deadlines", r)
	}
	if ts, _ := k.w.s.Tombstones(context.Background()); len(ts) != 1 || ts[0].Categories[0] != store.CategoryCorrespondence {
		t.Errorf("tombstones = %+v", ts)
	}
}

// studiebegeleiding-nijmegen §9, applicants a month after the procedure:
// the coach adds a category of the practice's own in the settings.
func TestStudiebegeleidingArt9CoachAddsACategoryAndKeepsARecordUnderIt(t *testing.T) {
	k := newKept(t)
	d := k.w.open(t, English, 100, 30)
	d.keys("S")
	s := top[settingsScreen](t, d)
	if len(s.s.policies) != 8 || !strings.Contains(d.view(), "Correspondence and e-mail") {
		t.Fatalf("settings list %d policies:\n%s", len(s.s.policies), d.view())
	}
	d.keys("n")
	f := top[policyForm](t, d)
	if f.Route().Tab != "" || !f.Loaded {
		t.Fatalf("n opened %+v", f.Route())
	}
	// Name, then the event (recording → trajectory end → rejection), the
	// period and the reason.
	d.keys("Stagebrieven[tab][right][right][tab]1[tab]Een maand na de afwijzing.[ctrl+s]")
	ps, err := k.w.s.Policies(context.Background())
	if err != nil || len(ps) != 9 {
		t.Fatalf("policies after adding = %d, %v\n%s", len(ps), err, d.view())
	}
	added := ps[8]
	if added.Name != "Stagebrieven" || added.Basis != store.BasisRejection || added.Months != 1 ||
		added.Category != "own_1" {
		t.Errorf("added %+v", added)
	}
	if r := d.model().top().Route(); r.Kind != KindSettings {
		t.Errorf("after saving the coach is on %+v", r)
	}

}

// The client's overview shows each item counting down on its own, and P
// there erases the item that is due while the dossier is not.
func TestClientOverviewShowsItemsCountingDown(t *testing.T) {
	k := newKept(t)
	d := k.w.open(t, English, 100, 30)
	d.send(navigateMsg{route: Route{Kind: KindClient, Client: k.fatima.ID}})
	v := d.view()
	for _, want := range []string{"Items with a period of their own", "record: Mail over de opvang",
		"record: Mail over het rooster", "Correspondence and e-mail", "due today", "496 d"} {
		if !strings.Contains(v, want) {
			t.Errorf("the overview lacks %q:\n%s", want, v)
		}
	}
	requireGolden(t, d)
	d.keys("P")
	if p := top[purgeScreen](t, d); p.items != store.CategoryCorrespondence {
		t.Fatalf("P on the overview opened %+v", p.Route())
	}
	d.keys("y")
	if r := d.model().top().Route(); r.Kind != KindClient || r.Client != k.fatima.ID {
		t.Errorf("after erasing an item the coach is on %+v, want the client still", r)
	}
	if strings.Contains(d.view(), "Mail over de opvang") {
		t.Errorf("the erased mail still shows:\n%s", d.view())
	}
}

// A category of the practice's own can be deleted from the settings once
// nothing is kept under it; one in use stays, with the reason; the fixed
// three offer no delete at all.
func TestSettingsDeleteACategoryOnlyWhenUnused(t *testing.T) {
	k := newKept(t)
	c := context.Background()
	if _, err := k.w.s.AddPolicy(c, store.Policy{Name: "Foto's", Basis: store.BasisLastContact, Months: 6,
		Reason: "Een half jaar na het laatste contact."}); err != nil {
		t.Fatal(err)
	}
	d := k.w.open(t, English, 100, 30)
	d.keys("S")
	s := top[settingsScreen](t, d)
	if s.keys.DeleteCategory.Enabled() {
		t.Error("d is offered on the dossier category")
	}
	// Correspondence is the fifth row and keeps the mails.
	d.keys("jjjj")
	if s = top[settingsScreen](t, d); !s.keys.DeleteCategory.Enabled() {
		t.Fatalf("d is not offered on %s", s.s.policies[s.list.Cursor].Category)
	}
	d.keys("dy")
	if ps, _ := k.w.s.Policies(c); len(ps) != 9 {
		t.Errorf("a category in use was deleted: %d left", len(ps))
	}
	d.keys("jjjj") // Foto's, the last row
	if p := top[settingsScreen](t, d).s.policies; p[len(p)-1].Name != "Foto's" {
		t.Fatalf("last row is %+v", p[len(p)-1])
	}
	d.keys("dy")
	ps, _ := k.w.s.Policies(c)
	if len(ps) != 8 {
		t.Errorf("after deleting the unused category %d are left, want 8", len(ps))
	}
	if s = top[settingsScreen](t, d); len(s.s.policies) != 8 {
		t.Errorf("the settings still list %d categories", len(s.s.policies))
	}
}

// step-inburgering §12, complaints with a period of their own: a new
// complaint starts under the complaints category, and answering it later
// keeps the category it has.
func TestInburgeringSection12ComplaintFormKeepsItsCategory(t *testing.T) {
	k := newKept(t)
	d := k.w.open(t, English, 100, 30)
	d.send(navigateMsg{route: Route{Kind: KindComplaintForm, Client: k.fatima.ID}})
	f := top[complaintForm](t, d)
	if f.Get("retention") != string(store.CategoryComplaint) {
		t.Fatalf("a new complaint is kept %q:\n%s", f.Get("retention"), d.view())
	}
	if !strings.Contains(d.view(), "Complaints") {
		t.Errorf("the form does not show the category:\n%s", d.view())
	}
	d.keys("[tab]Verslag zonder overleg gedeeld[ctrl+s]")
	c := context.Background()
	got, err := k.w.s.Complaints(c, k.fatima.ID)
	if err != nil || len(got) != 1 || got[0].Retention != store.CategoryComplaint {
		t.Fatalf("complaints = %+v, %v", got, err)
	}
	// Kept with the dossier instead, then answered: the choice stays.
	got[0].Retention = ""
	if _, err := k.w.s.SaveComplaint(c, got[0]); err != nil {
		t.Fatal(err)
	}
	d.send(navigateMsg{route: Route{Kind: KindComplaintForm, Client: k.fatima.ID, Item: got[0].ID}})
	d.keys("[tab][tab][right][ctrl+s]")
	got, _ = k.w.s.Complaints(c, k.fatima.ID)
	if len(got) != 1 || got[0].Outcome == store.ComplaintOpen || got[0].Retention != "" {
		t.Errorf("after answering, the complaint is %+v", got)
	}
}

// A record belongs to a category in the editor too: the "Keep" field shows
// the mail's category, and comes last in the tab order, after the text, so
// tab from the intake's text reaches it and a choice there is saved.
func TestRecordEditorKeepsARecordUnderACategory(t *testing.T) {
	k := newKept(t)
	d := k.w.open(t, English, 100, 30)
	d.send(navigateMsg{route: Route{Kind: KindRecordEdit, Client: k.fatima.ID, Item: k.mail.ID, Tab: "notes"}})
	if e := top[recordEditor](t, d); e.form.Get("retention") != string(store.CategoryCorrespondence) {
		t.Fatalf("the mail's editor keeps it %q:\n%s", e.form.Get("retention"), d.view())
	}
	if v := d.view(); !strings.Contains(v, "Keep") || !strings.Contains(v, "Correspondence and e-mail") {
		t.Errorf("the editor does not show the mail's category:\n%s", v)
	}
	var intake store.Record
	for _, r := range k.w.s.records(t) {
		if r.Title == "Intake" {
			intake = r
		}
	}
	d.send(navigateMsg{route: Route{Kind: KindRecordEdit, Client: k.fatima.ID, Item: intake.ID, Tab: "notes"}})
	e := top[recordEditor](t, d)
	if !e.onBody() || e.form.Get("retention") != "" {
		t.Fatalf("the intake's editor: on the text %v, kept %q", e.onBody(), e.form.Get("retention"))
	}
	d.keys("[tab]")
	if e = top[recordEditor](t, d); e.onBody() || e.form.Focused().ID != "retention" {
		t.Fatalf("tab from the text went to %q", e.form.Focused().ID)
	}
	d.keys("[right]")
	want := top[recordEditor](t, d).form.Get("retention")
	if want == "" {
		t.Fatal("→ on the Keep field chose nothing")
	}
	d.keys("[ctrl+s]")
	for _, r := range k.w.s.records(t) {
		if r.ID == intake.ID && string(r.Retention) != want {
			t.Errorf("the intake is kept %q, want %q", r.Retention, want)
		}
	}
	// And tab once more wraps to the title, the first field.
	d.keys("[tab]")
	if e = top[recordEditor](t, d); e.onBody() || e.form.Focused().ID != "title" {
		t.Errorf("tab from Keep went to %q", e.form.Focused().ID)
	}
}

// step-inburgering: an ID copy is kept only with the photo and the numbers
// blacked out. Choosing the ID-copies category on the document form says
// so, in the coach's language; another category does not.
func TestDocumentAddUnderIDCopiesSaysToBlackOutPhotoAndNumbers(t *testing.T) {
	for _, tc := range []struct {
		lang Lang
		want string
	}{{English, "black out the photo"}, {Dutch, "maak de pasfoto"}} {
		k := newKept(t)
		d := k.w.open(t, tc.lang, 120, 30)
		d.send(navigateMsg{route: Route{Kind: KindDocumentAdd, Client: k.fatima.ID}})
		top[documentAdd](t, d)
		if strings.Contains(d.view(), tc.want) {
			t.Fatalf("the hint shows before a category is chosen:\n%s", d.view())
		}
		d.keys("[tab][tab][tab]")
		for i := 0; i < 10 && top[documentAdd](t, d).Get("retention") != string(store.CategoryIDCopy); i++ {
			if i > 0 && strings.Contains(d.view(), tc.want) {
				t.Errorf("the hint shows under %q", top[documentAdd](t, d).Get("retention"))
			}
			d.keys("[right]")
		}
		if got := top[documentAdd](t, d).Get("retention"); got != string(store.CategoryIDCopy) {
			t.Fatalf("→ never reached the ID copies, at %q:\n%s", got, d.view())
		}
		if v := d.view(); !strings.Contains(v, tc.want) {
			t.Errorf("%v: the form under ID copies lacks the hint:\n%s", tc.lang, v)
		}
	}
}

// TestPurgeRuleInTheReadersLanguage: the rule the purge confirmation
// quotes from the proof of erasure reads in the coach's language, the
// override and the invoices' rule included; the tombstone's own fixed
// form (store.PurgePlan.Policy) never reaches the screen.
func TestPurgeRuleInTheReadersLanguage(t *testing.T) {
	plan := store.PurgePlan{
		Override:    true,
		Rule:        store.Policy{Category: store.CategoryDossier, Basis: store.BasisTrajectoryEnd, Months: 24},
		InvoiceRule: store.Policy{Category: store.CategoryInvoice, Basis: store.BasisInvoiceDate, Months: 84},
	}
	for lang, want := range map[Lang][]string{
		"nl": {"24 maanden", "gewist voor het einde van de termijn", "84 maanden"},
		"en": {"24 months", "erased before it was due", "84 months"},
	} {
		got := purgeRule(newText(lang), plan)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", lang, got, w)
			}
		}
		if lang == "nl" && strings.Contains(got, "months") {
			t.Errorf("nl: English in %q", got)
		}
	}
	one := store.PurgePlan{Rule: store.Policy{Category: store.CategoryRejectedIntake, Basis: store.BasisRejection, Months: 1}}
	if got := purgeRule(newText("nl"), one); strings.Contains(got, ";") || !strings.Contains(got, "1 maand") {
		t.Errorf("one rule, one month: %q", got)
	}
}
