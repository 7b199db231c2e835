package tui

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/caseload/caseload/store"
	dossierfile "github.com/caseload/caseload/store/dossier"
)

// exportingStore is the real store that prepares the export the screen
// asks for and keeps the request, instead of writing and sealing a file.
type exportingStore struct {
	realStore
	asked []dossierfile.Request
	omit  []dossierfile.Omitted
}

func (s *exportingStore) ExportDossier(ctx context.Context, id int64, r dossierfile.Request) (dossierfile.Result, error) {
	s.asked = append(s.asked, r)
	e, err := dossierfile.Prepare(ctx, s.Store, id, r.Options())
	if err != nil {
		return dossierfile.Result{}, err
	}
	if err := e.WriteZip(ctx, io.Discard); err != nil {
		return dossierfile.Result{}, err
	}
	s.omit = e.Dossier().Omitted
	return dossierfile.Result{Path: "/tmp/dossier.zip.age", Passphrase: "zes woorden", Client: e.Client(),
		Sealing: r.Sealing()}, nil
}

// exportingBackend opens the exportingStore.
type exportingBackend struct {
	realBackend
	es *exportingStore
}

func (b *exportingBackend) Unlock(p []byte, ui KeyUI) (Store, error) {
	if _, err := b.realBackend.Unlock(p, ui); err != nil {
		return nil, err
	}
	return b.es, nil
}

// studiebegeleiding-nijmegen §14.1a and AVG art. 15(4), on the export
// screen: the coach picks the records to leave out of the client's copy
// and the reason for each, and the copy lists them by kind and date.
func TestStudiebegeleidingArt15ExportScreenLeavesRecordsOut(t *testing.T) {
	now := testNow
	s, err := store.Open(context.Background(), nil, store.Options{Clock: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
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
	es := &exportingStore{realStore: realStore{s}}
	b := &exportingBackend{realBackend: realBackend{s: realStore{s}}, es: es}
	d := newDriver(t, New(Config{Backend: b, Lang: English, Clock: func() time.Time { return now }}), 100, 40)
	d.keys("tulp fiets regen lantaarn[enter]")
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
	if len(es.asked) != 1 {
		t.Fatalf("the export was asked %d times:\n%s", len(es.asked), d.view())
	}
	got := es.asked[0].Omit
	if len(got) != 2 || got[0].Reason != dossierfile.OmitOthersRights || got[1].Reason != dossierfile.OmitInternalNote {
		t.Errorf("the request leaves out %+v", got)
	}
	want := []dossierfile.Omitted{{Kind: "note", Date: "2026-01-15", Reason: "internal_note"},
		{Kind: "note", Date: "2026-01-20", Reason: "others_rights"}}
	if len(es.omit) != 2 || es.omit[0] != want[0] || es.omit[1] != want[1] {
		t.Errorf("the copy names %+v, want %+v", es.omit, want)
	}
	if top[exportForm](t, d).done != true {
		t.Errorf("the export did not finish:\n%s", d.view())
	}
}
