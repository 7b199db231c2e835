package dossier

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/caseload/caseload/store"
)

// step-inburgering §4 and §12: the practice keeps "gegevens
// klachtafhandeling", so the client's copy of their data (AVG art. 15)
// holds their entries in the complaints register: in dossier.json, which
// the schema accepts and an import reads back, and in dossier.html.
func TestInburgeringSection12ComplaintsInTheClientsCopy(t *testing.T) {
	s, _ := newStore(t)
	r := richClient(t, s)
	_, err := s.SaveComplaint(ctx, store.Complaint{ClientID: r.client.ID, Received: day("2025-11-03"),
		Subject: "Verslag naar de gemeente zonder overleg", Answered: day("2025-11-24"),
		Outcome: store.ComplaintPartlyUpheld, Notes: "Excuses gemaakt; voortaan eerst overleg."})
	must(t, err)
	_, err = s.SaveComplaint(ctx, store.Complaint{ClientID: r.client.ID, Received: day("2026-02-16"),
		Subject: "Te laat antwoord op inzageverzoek"})
	must(t, err)

	data, _ := exportZip(t, s, r.client.ID, Options{Lang: LangDutch})
	files, _ := unzip(t, data)
	var d Dossier
	must(t, json.Unmarshal(files[entryJSON], &d))
	want := []Complaint{
		{ReceivedOn: "2025-11-03", Subject: "Verslag naar de gemeente zonder overleg", AnsweredOn: "2025-11-24",
			Outcome: "partly_upheld", Notes: "Excuses gemaakt; voortaan eerst overleg."},
		{ReceivedOn: "2026-02-16", Subject: "Te laat antwoord op inzageverzoek"},
	}
	if len(d.Complaints) != 2 || d.Complaints[0] != want[0] || d.Complaints[1] != want[1] {
		t.Errorf("complaints = %+v, want %+v", d.Complaints, want)
	}
	if !strings.Contains(strings.Join(d.Categories, ","), CategoryComplaints) {
		t.Errorf("categories %v do not name the complaints", d.Categories)
	}
	html := string(files[entryHTML])
	for _, s := range []string{"Je klachten", "Verslag naar de gemeente zonder overleg", "deels gegrond",
		"Te laat antwoord op inzageverzoek", "klachten over hoe met je gegevens is omgegaan"} {
		if !strings.Contains(html, s) {
			t.Errorf("dossier.html lacks %q", s)
		}
	}

	// The schema accepts the copy with its complaints.
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

	// The import reads them back; they stay with the exporting practice.
	in, err := Read(data)
	must(t, err)
	if len(in.Dossier.Complaints) != 2 || in.Dossier.Complaints[0] != want[0] {
		t.Errorf("read back %+v, want %+v", in.Dossier.Complaints, want)
	}

	// A complaint that makes no sense is refused by the import, by field.
	d.Complaints[1].AnsweredOn = "2026-01-01"
	raw, err := json.Marshal(d)
	must(t, err)
	_, err = Read(rezip(t, data, func(name string, b []byte) []byte {
		if name == entryJSON {
			return raw
		}
		return b
	}))
	if err == nil || !strings.Contains(err.Error(), "complaints[1].") {
		t.Errorf("an open complaint with an answer date reads as %v, want an error at complaints[1]", err)
	}

	// A client without complaints has no complaints key at all, so the
	// file still reads in a caseload from before the register travelled.
	other, err := s.CreateClient(ctx, store.Client{LastName: "Bakker"})
	must(t, err)
	data, _ = exportZip(t, s, other.ID, Options{})
	files, _ = unzip(t, data)
	if bytes.Contains(files[entryJSON], []byte(`"complaints"`)) {
		t.Error("a dossier without complaints names them")
	}
}
