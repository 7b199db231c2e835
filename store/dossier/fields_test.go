package dossier

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/caseload/caseload/store"
)

// A client with every optional field and a BSN: the BSN stays out of
// every file of the export unless the coach ticks it; the other fields
// travel, and come back in an import.
func TestExportOptionalFieldsAndBSN(t *testing.T) {
	a, _ := newStore(t)
	c, err := a.CreateClient(ctx, store.Client{FirstName: "Amina", LastName: "Haddad", BirthDate: day("1994-02-03"),
		Gender: store.GenderFemale, MaritalStatus: store.MaritalMarried, Children: 2, ChildrenKnown: true,
		BirthCountry: "Syrië", Nationality: "Syrisch", ResidenceStatus: "statushouder",
		ArrivalDate: day("2019-03-04"), BSN: "123456782"})
	must(t, err)

	plain, _ := exportZip(t, a, c.ID, Options{Lang: LangDutch})
	files, _ := unzip(t, plain)
	for name, b := range files {
		if bytes.Contains(b, []byte("123456782")) {
			t.Errorf("%s holds the BSN, which was not ticked", name)
		}
	}
	var d Dossier
	must(t, json.Unmarshal(files[entryJSON], &d))
	if d.Client.Nationality != "Syrisch" || d.Client.Children == nil || *d.Client.Children != 2 ||
		d.Client.ArrivalDate != "2019-03-04" || d.Client.Gender != "female" {
		t.Errorf("dossier.json client %+v", d.Client)
	}
	if !strings.Contains(string(files[entryHTML]), "Syrisch") || !strings.Contains(string(files[entryHTML]), "gehuwd") {
		t.Error("the report lacks the optional fields")
	}
	if !strings.Contains(string(files[entryClientsCSV]), "statushouder") {
		t.Error("clients.csv lacks the optional fields")
	}

	with, e := exportZip(t, a, c.ID, Options{Lang: LangDutch, WithBSN: true})
	files, _ = unzip(t, with)
	for _, name := range []string{entryJSON, entryHTML, entryClientsCSV} {
		if !bytes.Contains(files[name], []byte("123456782")) {
			t.Errorf("%s lacks the BSN the coach ticked", name)
		}
	}
	must(t, e.Log(ctx, "/somewhere/"+e.FileName()))
	ds, _ := a.Disclosures(ctx, c.ID)
	if len(ds) == 0 || !strings.Contains(ds[0].What, "BSN") {
		t.Errorf("the disclosure does not say the BSN went: %+v", ds)
	}
	log, _ := a.Audit(ctx, c.ID, 5)
	revealed := false
	for _, l := range log {
		revealed = revealed || (l.Action == store.AuditReveal && l.Detail == "bsn")
	}
	if !revealed {
		t.Errorf("the BSN's export was not logged as a reveal: %+v", log)
	}

	in, err := Read(with)
	must(t, err)
	b, _ := newStore(t)
	got, err := b.ImportClients(ctx, []store.ClientBundle{in.Bundle})
	must(t, err)
	back, _ := b.Client(ctx, got[0].ID)
	if back.Nationality != "Syrisch" || back.Children != 2 || !back.ChildrenKnown || back.MaskedBSN() != "*****6782" ||
		back.MaritalStatus != store.MaritalMarried {
		t.Errorf("imported %+v", back)
	}
}
