package tui

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/caseload/caseload/store"
	dossierfile "github.com/caseload/caseload/store/dossier"
)

// studiebegeleiding-nijmegen §14.1a and AVG art. 15(4), on the export
// screen: the coach picks the records to leave out of the client's copy
// and the reason for each, and the copy lists them by kind and date.
func TestStudiebegeleidingArt15ExportScreenLeavesRecordsOut(t *testing.T) {
	now := testNow
	s := newTestStore(t, &now)
	c := context.Background()
	fatima, err := s.CreateClient(c, store.Client{FirstName: "Fatima", LastName: "El Amrani", Status: store.StatusActive})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []store.Record{
		{Kind: store.KindNote, Title: "Gesprek met haar moeder", Date: day(2026, 1, 20)},
		{Kind: store.KindNote, Title: "Intervisie", Date: day(2026, 1, 15)},
		{Kind: store.KindIntake, Title: "Intake", Date: day(2025, 9, 1)},
	} {
		r.ClientID = fatima.ID
		if _, err := s.SaveRecord(c, r); err != nil {
			t.Fatal(err)
		}
	}
	d := (&week{s: s, now: &now}).open(t, English, 100, 40)
	d.send(navigateMsg{route: Route{Kind: KindExport, Client: fatima.ID}})
	v := d.view()
	for _, want := range []string{"Leave out of this copy", "20 Jan 2026 Gesprek met haar…", "include"} {
		if !strings.Contains(v, want) {
			t.Errorf("the export form lacks %q:\n%s", want, v)
		}
	}
	// to → sealing → the newest record: others' rights; the next: an
	// internal working note; the intake stays in.
	d.keys("[tab][tab][right][tab][right][right][enter]")
	if len(s.exports) != 1 {
		t.Fatalf("the export was asked %d times:\n%s", len(s.exports), d.view())
	}
	got := s.exports[0].Omit
	if len(got) != 2 || got[0].Reason != dossierfile.OmitOthersRights || got[1].Reason != dossierfile.OmitInternalNote {
		t.Errorf("the request leaves out %+v", got)
	}
	// The copy made from that request names them by kind and date.
	e, err := dossierfile.Prepare(c, s.Store, fatima.ID, s.exports[0].Options())
	if err != nil {
		t.Fatal(err)
	}
	if err := e.WriteZip(c, io.Discard); err != nil {
		t.Fatal(err)
	}
	want := []dossierfile.Omitted{{Kind: "note", Date: "2026-01-15", Reason: "internal_note"},
		{Kind: "note", Date: "2026-01-20", Reason: "others_rights"}}
	if om := e.Dossier().Omitted; len(om) != 2 || om[0] != want[0] || om[1] != want[1] {
		t.Errorf("the copy names %+v, want %+v", om, want)
	}
	if top[exportForm](t, d).done != true {
		t.Errorf("the export did not finish:\n%s", d.view())
	}
}
