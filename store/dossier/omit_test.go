package dossier

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/caseload/caseload/store"
)

// studiebegeleiding-nijmegen §14.1a and AVG art. 15(4): an access copy may
// leave out a record that would harm others or is an internal working
// note, and then says so: what kind of record, of which date, and why,
// never its title or text. The schema accepts such a copy.
func TestStudiebegeleidingArt15AccessCopyLeavesOutWithTheReason(t *testing.T) {
	s, _ := newStore(t)
	r := richClient(t, s)
	recs, err := s.Records(ctx, r.client.ID)
	must(t, err)
	var sleep, plan int64
	for _, rec := range recs {
		switch rec.Title {
		case "Gesprek over slaap":
			sleep = rec.ID
		case "Plan van aanpak":
			plan = rec.ID
		}
	}
	o := Options{Lang: LangDutch, Omit: []Omission{{RecordID: sleep, Reason: OmitOthersRights},
		{RecordID: plan, Reason: OmitInternalNote}}}
	data, e := exportZip(t, s, r.client.ID, o)
	files, _ := unzip(t, data)
	var d Dossier
	must(t, json.Unmarshal(files[entryJSON], &d))
	if len(d.Records) != 3 {
		t.Errorf("the copy holds %d records, want the 3 not left out", len(d.Records))
	}
	want := []Omitted{{Kind: "plan", Date: "2025-01-20", Reason: "internal_note"},
		{Kind: "note", Date: "2025-02-10", Reason: "others_rights"}}
	if len(d.Omitted) != 2 || d.Omitted[0] != want[0] || d.Omitted[1] != want[1] {
		t.Errorf("omitted = %+v, want %+v", d.Omitted, want)
	}
	for name, b := range files {
		if bytes.Contains(b, []byte(r.special)) || bytes.Contains(b, []byte("Gesprek over slaap")) ||
			bytes.Contains(b, []byte("Opleiding kiezen")) {
			t.Errorf("%s holds a record that was left out", name)
		}
	}
	html := string(files[entryHTML])
	for _, s := range []string{"Weggelaten uit deze kopie", "art. 15 lid 4 AVG", "interne werkaantekening",
		"klacht indienen bij de Autoriteit Persoonsgegevens"} {
		if !strings.Contains(html, s) {
			t.Errorf("dossier.html lacks %q", s)
		}
	}
	must(t, e.Log(ctx, e.FileName()))
	ds, err := s.Disclosures(ctx, r.client.ID)
	must(t, err)
	if !strings.Contains(ds[0].What, "3 verslagen") || !strings.Contains(ds[0].What, "2 verslagen weggelaten") {
		t.Errorf("the disclosure log says %q", ds[0].What)
	}

	// The schema accepts the copy with its omissions.
	c := jsonschema.NewCompiler()
	schema, err := jsonschema.UnmarshalJSON(bytes.NewReader(SchemaJSON))
	must(t, err)
	must(t, c.AddResource("dossier.v1.json", schema))
	sch, err := c.Compile("dossier.v1.json")
	must(t, err)
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(files[entryJSON]))
	must(t, err)
	if err := sch.Validate(v); err != nil {
		t.Error(err)
	}

	// A copy without omissions has no omitted key at all.
	data, _ = exportZip(t, s, r.client.ID, Options{})
	files, _ = unzip(t, data)
	if bytes.Contains(files[entryJSON], []byte(`"omitted"`)) {
		t.Error("a full copy names omissions")
	}

	// An omission that cannot be made is refused before anything is written.
	other, err := s.CreateClient(ctx, store.Client{LastName: "Bakker"})
	must(t, err)
	for _, bad := range [][]Omission{
		{{RecordID: sleep, Reason: "too long"}},
		{{RecordID: sleep, Reason: OmitInternalNote}, {RecordID: sleep, Reason: OmitOthersRights}},
		{{RecordID: 99999, Reason: OmitInternalNote}},
	} {
		if _, err := Prepare(ctx, s, r.client.ID, Options{Omit: bad, Sealing: SealedPassphrase}); !errors.Is(err, ErrOmission) {
			t.Errorf("Prepare with %+v = %v, want ErrOmission", bad, err)
		}
	}
	if _, err := Prepare(ctx, s, other.ID, Options{Omit: []Omission{{RecordID: sleep, Reason: OmitInternalNote}},
		Sealing: SealedPassphrase}); !errors.Is(err, ErrOmission) {
		t.Errorf("leaving out another client's record = %v, want ErrOmission", err)
	}
}
