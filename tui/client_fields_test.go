package tui

import (
	"context"
	"strings"
	"testing"

	"github.com/caseload/caseload/store"
)

// fieldsVault is a real in-memory caseload whose practice records
// nationality, the date of arrival and the BSN, with one client who has
// them filled in.
func fieldsVault(t *testing.T, set store.FieldSet) (*week, store.Client) {
	t.Helper()
	now := testNow
	s := newTestStore(t, &now)
	c := context.Background()
	if err := s.SetClientFieldSet(c, set); err != nil {
		t.Fatal(err)
	}
	amina, err := s.CreateClient(c, store.Client{FirstName: "Amina", LastName: "Haddad", Status: store.StatusActive,
		Start: day(2025, 9, 1), BirthDate: day(1994, 2, 3), Nationality: "Syrisch", ArrivalDate: day(2019, 3, 4),
		BSN: "123456782"})
	if err != nil {
		t.Fatal(err)
	}
	return &week{s: s, now: &now}, amina
}

var aminaFields = store.FieldSet{store.FieldNationality, store.FieldArrivalDate, store.FieldBSN}

func TestGoldenClientCardFields(t *testing.T) {
	w, _ := fieldsVault(t, aminaFields)
	d := w.open(t, English, 100, 30)
	d.keys("[enter]")
	requireGolden(t, d)
}

// The card shows the fields the practice records and no others, the BSN
// masked; v shows it and the store logs that.
func TestClientCardShowsRecordedFieldsAndRevealsTheBSN(t *testing.T) {
	w, amina := fieldsVault(t, aminaFields)
	d := w.open(t, English, 100, 30)
	d.keys("[enter]")
	v := d.view()
	for _, want := range []string{"Nationality", "Syrisch", "Arrival in NL", "4 March 2019", "*****6782", "v shows it; logged"} {
		if !strings.Contains(v, want) {
			t.Errorf("the card lacks %q:\n%s", want, v)
		}
	}
	for _, not := range []string{"Gender", "Marital status", "Children", "123456782"} {
		if strings.Contains(v, not) {
			t.Errorf("the card shows %q, which the practice does not record or must mask:\n%s", not, v)
		}
	}
	d.keys("v")
	if v := d.view(); !strings.Contains(v, "123456782") {
		t.Errorf("v did not show the BSN:\n%s", v)
	}
	log, err := w.s.Audit(context.Background(), amina.ID, 5)
	if err != nil || len(log) == 0 || log[0].Action != store.AuditReveal || log[0].Detail != "bsn" {
		t.Errorf("the reveal is not in the log: %+v, %v", log, err)
	}
}

// A practice that records none of the fields never sees them, on the
// card or in the form. (A field switched off still shows where a client
// holds a value in it, so the coach can correct or clear it.)
func TestFieldsOffAreNotShown(t *testing.T) {
	now := testNow
	s := newTestStore(t, &now)
	if _, err := s.CreateClient(context.Background(), store.Client{FirstName: "Bram", LastName: "Aalders",
		Status: store.StatusActive}); err != nil {
		t.Fatal(err)
	}
	w := &week{s: s, now: &now}
	d := w.open(t, English, 100, 30)
	d.keys("[enter]")
	if v := d.view(); !strings.Contains(v, "Bram") || strings.Contains(v, "BSN") || strings.Contains(v, "Nationality") {
		t.Errorf("a practice without optional fields sees them:\n%s", v)
	}
	d.keys("e")
	f := top[clientForm](t, d)
	for _, field := range store.ClientFields {
		if i := f.Index(string(field)); i < 0 || !f.Fields[i].Hidden {
			t.Errorf("the form shows %s", field)
		}
	}
}

// In the form, the shown fields read and save; a BSN that fails the
// elfproef is refused under its field, in the coach's language, and
// nothing is saved; the masked number left as it is stays.
func TestClientFormOptionalFields(t *testing.T) {
	w, amina := fieldsVault(t, aminaFields)
	d := w.open(t, Dutch, 100, 40)
	d.keys("[enter]e")
	f := top[clientForm](t, d)
	if i := f.Index("gender"); !f.Fields[i].Hidden {
		t.Error("the form shows gender, which the practice does not record")
	}
	if got := f.Get("bsn"); got != "*****6782" {
		t.Errorf("the BSN field holds %q, want it masked", got)
	}
	focus := func(id string) {
		t.Helper()
		for range 40 {
			if f := top[clientForm](t, d); f.Fields[f.Focus].ID == id {
				return
			}
			d.keys("[tab]")
		}
		t.Fatalf("cannot reach %s", id)
	}
	focus("nationality")
	d.keys("[ctrl+u]Marokkaans")
	focus("bsn")
	d.keys("[ctrl+u]123456789[ctrl+s]")
	f = top[clientForm](t, d)
	if i := f.Index("bsn"); !strings.Contains(f.Fields[i].Err, "elfproef") {
		t.Errorf("a wrong BSN: field error %q\n%s", f.Fields[i].Err, d.view())
	}
	if c, _ := w.s.Client(context.Background(), amina.ID); c.Nationality != "Syrisch" {
		t.Error("a refused form saved")
	}
	d.keys("[ctrl+u]*****6782[ctrl+s]")
	c, err := w.s.Client(context.Background(), amina.ID)
	if err != nil || c.Nationality != "Marokkaans" {
		t.Fatalf("saved %+v, %v\n%s", c, err, d.view())
	}
	if bsn, _ := w.s.RevealBSN(context.Background(), amina.ID); bsn != "123456782" {
		t.Errorf("the masked BSN left alone became %q", bsn)
	}
}

// The practice form switches the fields on and off.
func TestPracticeFormSwitchesFields(t *testing.T) {
	w, _ := fieldsVault(t, nil)
	d := w.open(t, English, 100, 50)
	d.keys("S")
	if top[settingsScreen](t, d).Route().Kind != KindSettings {
		t.Fatalf("no settings:\n%s", d.view())
	}
	d.keys("p")
	for range 40 {
		if f := top[practiceForm](t, d); f.Fields[f.FieldSet.Focus].ID == "record_gender" {
			break
		}
		d.keys("[tab]")
	}
	d.keys("[right][ctrl+s]")
	set, err := w.s.ClientFieldSet(context.Background())
	if err != nil || len(set) != 1 || set[0] != store.FieldGender {
		t.Errorf("the practice records %v, %v; want gender", set, err)
	}
	if v := d.view(); !strings.Contains(v, "Client fields") || !strings.Contains(v, "Gender") {
		t.Errorf("the settings do not say which fields are recorded:\n%s", v)
	}
}

// A closed trajectory imported without an outcome: the caseload asks
// to complete it, and the form offers "unknown" only to keep it.
func TestCaseloadAsksForUnknownOutcomes(t *testing.T) {
	w, _ := fieldsVault(t, nil)
	if _, err := w.s.ImportClients(context.Background(), []store.ClientBundle{{Client: store.Client{FirstName: "Jan",
		LastName: "Smit", Status: store.StatusClosed, End: day(2025, 6, 30), Outcome: store.OutcomeUnknown}}}); err != nil {
		t.Fatal(err)
	}
	d := w.open(t, English, 100, 30)
	if v := d.view(); !strings.Contains(v, "1 closed trajectory has no outcome — complete it for the statistics") {
		t.Errorf("the caseload does not ask:\n%s", v)
	}
}

// The export and print forms ask about the BSN only where the practice
// records it, and leave it out unless the coach picks it.
func TestExportAndPrintAskForTheBSNOnlyWhereRecorded(t *testing.T) {
	for _, set := range []store.FieldSet{aminaFields, {store.FieldNationality}} {
		w, _ := fieldsVault(t, set)
		d := w.open(t, English, 100, 30)
		d.keys("[enter]x")
		e := top[exportForm](t, d)
		i := e.set.Index("bsn")
		if e.set.Fields[i].Hidden == set.Has(store.FieldBSN) || e.set.Get("bsn") != "" {
			t.Errorf("practice %v: the export's BSN field hidden=%v, value %q", set, e.set.Fields[i].Hidden, e.set.Get("bsn"))
		}
		d.keys("[esc]p")
		p := top[printForm](t, d)
		i = p.set.Index("bsn")
		if p.set.Fields[i].Hidden == set.Has(store.FieldBSN) || p.set.Get("bsn") != "" {
			t.Errorf("practice %v: the paper's BSN field hidden=%v", set, p.set.Fields[i].Hidden)
		}
	}
}
