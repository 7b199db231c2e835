package dossier

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/caseload/caseload/store"
)

// rezip rebuilds a zip with edit applied to its entries (nil removes one).
func rezip(tb testing.TB, data []byte, edit func(name string, b []byte) []byte) []byte {
	tb.Helper()
	files, names := unzip(tb, data)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		b := edit(n, files[n])
		if b == nil {
			continue
		}
		w, err := zw.Create(n)
		must(tb, err)
		w.Write(b)
	}
	must(tb, zw.Close())
	return buf.Bytes()
}

// editJSON changes dossier.json through a generic map.
func editJSON(tb testing.TB, data []byte, edit func(m map[string]any)) []byte {
	return rezip(tb, data, func(name string, b []byte) []byte {
		if name != entryJSON {
			return b
		}
		var m map[string]any
		must(tb, json.Unmarshal(b, &m))
		edit(m)
		out, err := json.Marshal(m)
		must(tb, err)
		return out
	})
}

func TestReadRefusesDamagedDossiers(t *testing.T) {
	s, _ := newStore(t)
	r := richClient(t, s)
	good, _ := exportZip(t, s, r.client.ID, Options{})
	client := func(m map[string]any) map[string]any { return m["client"].(map[string]any) }
	first := func(m map[string]any, list string) map[string]any { return m[list].([]any)[0].(map[string]any) }
	for name, c := range map[string]struct {
		data  []byte
		field string
	}{
		"not a zip":    {[]byte("PK\x03\x04 nonsense"), ""},
		"no json":      {rezip(t, good, func(n string, b []byte) []byte { return map[bool][]byte{true: nil, false: b}[n == entryJSON] }), ""},
		"bad json":     {rezip(t, good, func(n string, b []byte) []byte { return map[bool][]byte{true: []byte("{"), false: b}[n == entryJSON] }), ""},
		"v2":           {editJSON(t, good, func(m map[string]any) { m["schema"] = "caseload.dossier/v2" }), "schema"},
		"other schema": {editJSON(t, good, func(m map[string]any) { m["schema"] = "something" }), "schema"},
		"unknown":      {editJSON(t, good, func(m map[string]any) { m["surprise"] = true }), ""},
		"uid":          {editJSON(t, good, func(m map[string]any) { client(m)["id"] = "../1" }), "client.id"},
		"birth date":   {editJSON(t, good, func(m map[string]any) { client(m)["birth_date"] = "2002-02-30" }), "client.birth_date"},
		"status":       {editJSON(t, good, func(m map[string]any) { client(m)["status"] = "paused" }), "client.status"},
		"record date":  {editJSON(t, good, func(m map[string]any) { delete(first(m, "records"), "date") }), "records[0].date"},
		"record kind":  {editJSON(t, good, func(m map[string]any) { first(m, "records")["kind"] = "diary" }), "records[0].kind"},
		"nul":          {editJSON(t, good, func(m map[string]any) { first(m, "records")["body"] = "a\x00b" }), "records[0].body"},
		"start":        {editJSON(t, good, func(m map[string]any) { first(m, "appointments")["start"] = "tomorrow" }), "appointments[0].start"},
		"attendance":   {editJSON(t, good, func(m map[string]any) { first(m, "appointments")["attendance"] = "late" }), "appointments[0].attendance"},
		"doc missing":  {editJSON(t, good, func(m map[string]any) { first(m, "documents")["file"] = "files/nope.pdf" }), "documents[0].file"},
		"doc outside":  {editJSON(t, good, func(m map[string]any) { first(m, "documents")["file"] = "dossier.json" }), "documents[0].file"},
		"doc hash":     {editJSON(t, good, func(m map[string]any) { first(m, "documents")["sha256"] = strings.Repeat("0", 64) }), ""},
		"doc size":     {editJSON(t, good, func(m map[string]any) { first(m, "documents")["size"] = 3 }), ""},
		"doc twice": {editJSON(t, good, func(m map[string]any) {
			docs := m["documents"].([]any)
			docs[1].(map[string]any)["file"] = docs[0].(map[string]any)["file"]
		}), "documents[1].file"},
		"doc changed": {rezip(t, good, func(n string, b []byte) []byte {
			if n == "files/cv.pdf" {
				return []byte("%PDF-1.4 cv van Özlen")
			}
			return b
		}), ""},
	} {
		_, err := Read(c.data)
		var fe *FormatError
		if !errors.As(err, &fe) {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if fe.Field != c.field {
			t.Errorf("%s: field %q, want %q (%v)", name, fe.Field, c.field, err)
		}
		if strings.Contains(err.Error(), "Özlem") {
			t.Errorf("%s: the error quotes client data: %v", name, err)
		}
	}
}

// A dossier the store cannot take (a closed client without an outcome)
// is refused by the import, with nothing kept.
func TestImportRefusesWhatTheStoreRefuses(t *testing.T) {
	s, _ := newStore(t)
	r := richClient(t, s)
	good, _ := exportZip(t, s, r.client.ID, Options{})
	bad := editJSON(t, good, func(m map[string]any) { delete(m["client"].(map[string]any), "outcome") })
	in, err := Read(bad)
	must(t, err)
	b, blobs := newStore(t)
	image, _ := b.Image(ctx)
	_, err = b.ImportClients(ctx, []store.ClientBundle{in.Bundle})
	var ve *store.ValidationError
	if !errors.As(err, &ve) || ve.Field != "outcome" {
		t.Fatalf("got %v", err)
	}
	after, _ := b.Image(ctx)
	if !bytes.Equal(image, after) || len(blobs.files) != 0 {
		t.Error("a refused import left something behind")
	}
}

const dutchList = "\ufeffVoornaam;Tussenvoegsel;Achternaam;E-mail;Telefoon;Geboortedatum;Status;Start;Einde;Verwijzer;Uitkomst;BSN\r\n" +
	"Fatima;;El Amrani;fatima@example.org;06-0111 2222;31-01-2004;actief;06-01-2026;;Gemeente Arnhem;;123456782\r\n" +
	"Jan;van der;Berg;;;1-2-2001;Afgesloten;2025-01-01;2025-11-30;ROC Nijmegen;werk;\r\n" +
	";;;;;;;;;;;\r\n" +
	"Sanne;;de Wit;;;;afgewezen;;2026-02-01;zelf;;\r\n"

func TestReadClientListDutch(t *testing.T) {
	l, err := ReadClientList(strings.NewReader(dutchList), "clients.csv", LangDutch)
	must(t, err)
	if len(l.Bundles) != 3 || fmt.Sprint(l.Lines) != "[2 3 5]" {
		t.Fatalf("%d clients on lines %v", len(l.Bundles), l.Lines)
	}
	if len(l.Ignored) != 0 {
		t.Errorf("ignored %v", l.Ignored)
	}
	f, j, s := l.Bundles[0].Client, l.Bundles[1].Client, l.Bundles[2].Client
	if f.BSN != "123456782" {
		t.Errorf("BSN %q", f.BSN)
	}
	if f.FirstName != "Fatima" || f.Status != store.StatusActive || !f.BirthDate.Equal(day("2004-01-31")) ||
		f.Referral != store.ReferralMunicipality || f.ReferralDetail != "Gemeente Arnhem" {
		t.Errorf("Fatima %+v", f)
	}
	if j.LastName != "van der Berg" || j.Status != store.StatusClosed || j.Outcome != store.OutcomeWork ||
		!j.BirthDate.Equal(day("2001-02-01")) || j.Referral != store.ReferralSchool {
		t.Errorf("Jan %+v", j)
	}
	if s.Status != store.StatusRejected || !s.RejectedOn.Equal(day("2026-02-01")) || s.Referral != store.ReferralSelf {
		t.Errorf("Sanne %+v", s)
	}
}

func TestReadClientListEnglish(t *testing.T) {
	list := "First name,Last name,Email,Date of birth,Status,Start,End,Outcome,Referred by,Notes\n" +
		"Amal,Haddad,amal@example.org,2003-05-05,closed,2025-02-01,2025-12-01,dropped out,school,\"Moved, kept in touch\"\n"
	l, err := ReadClientList(strings.NewReader(list), "list.csv", LangEnglish)
	must(t, err)
	c := l.Bundles[0].Client
	if c.Outcome != store.OutcomeDroppedOut || c.Referral != store.ReferralSchool || c.Notes != "Moved, kept in touch" {
		t.Errorf("%+v", c)
	}
	// Full names only.
	l, err = ReadClientList(strings.NewReader("Naam,E-mail\nMeryem  Kaya Demir,m@example.org\n"), "x.csv", LangDutch)
	must(t, err)
	if c := l.Bundles[0].Client; c.FirstName != "Meryem" || c.LastName != "Kaya Demir" {
		t.Errorf("%+v", c)
	}
}

func TestReadClientListErrorsNameLineAndField(t *testing.T) {
	for name, c := range map[string]struct {
		list, lang, want string
	}{
		"bad BSN": {"voornaam;bsn\nAnna;123456789\n", LangDutch,
			`clients.csv, regel 2, veld "bsn": dit is geen geldig BSN: negen cijfers die de elfproef doorstaan (controleer het op het identiteitsbewijs)`},
		"bad gender": {"first name,gender\nAnna,unsure\n", LangEnglish,
			`clients.csv, line 2, field "gender": "unsure" is not a gender; use female, male or other`},
		"children": {"voornaam,kinderen\nAnna,veel\n", LangDutch,
			`clients.csv, regel 2, veld "kinderen": "veel" is geen aantal kinderen; gebruik een getal van 0 tot 30`},
		"arrival before birth": {"first name,birth date,arrival date\nAnna,2001-01-01,2000-05-01\n", LangEnglish,
			`clients.csv, line 2, field "arrival date": the date of arrival is before the birth date`},
		"bad date": {"voornaam,geboortedatum\nAnna,31/01/2004\n", LangDutch,
			`clients.csv, regel 2, veld "geboortedatum": "31/01/2004" is geen datum; schrijf 2026-01-31 of 31-01-2026`},
		"impossible date": {"first name,start\nAnna,31-02-2026\n", LangEnglish,
			`clients.csv, line 2, field "start": "31-02-2026" is not a date; write 2026-01-31 or 31-01-2026`},
		"status": {"first name,status\nAnna,paused\n", LangEnglish,
			`clients.csv, line 2, field "status": "paused" is not a status; use intake, active, closed or rejected`},
		"email": {"voornaam,e-mailadres\n\nAnna,anna@\n", LangDutch,
			`clients.csv, regel 3, veld "e-mailadres": het e-mailadres klopt niet`},
		"end before start": {"first name,start,end\nAnna,2026-02-01,2026-01-01\n", LangEnglish,
			`clients.csv, line 2, field "end": the trajectory ends before it starts`},
		"no name column": {"email,phone\na@example.org,1\n", LangEnglish,
			`clients.csv, line 1: the header row has no column first name, last name or name (or voornaam, achternaam, naam)`},
		"no name": {"first name,last name,email\n,,a@example.org\n", LangEnglish,
			`clients.csv, line 2, field "first name": a client needs a first or last name`},
		"not utf-8": {"first name\nAnna\nJos\xe9\n", LangEnglish,
			`clients.csv, line 3: this is not UTF-8 text; in Excel, save it as 'CSV UTF-8 (Comma delimited)'`},
		"quotes": {"first name,notes\nAnna,\"open\nJos,x\n", LangEnglish,
			`clients.csv, line 2: a quotation mark is out of place; check the line in a text editor`},
		"extra fields": {"first name\nAnna,extra\n", LangEnglish,
			`clients.csv, line 2: this line has more fields than the 1 columns of the header row`},
		"duplicate column": {"voornaam,first name\nA,B\n", LangDutch,
			`clients.csv, regel 1, veld "first name": deze kolom staat er al, als "voornaam"`},
		"only header": {"voornaam\n", LangDutch, `clients.csv: er staan geen cliënten in, alleen een kopregel`},
		"empty":       {"", LangEnglish, `clients.csv: the file is empty`},
	} {
		_, err := ReadClientList(strings.NewReader(c.list), "clients.csv", c.lang)
		var ce *CSVError
		if !errors.As(err, &ce) || err.Error() != c.want {
			t.Errorf("%s:\n got %v\nwant %s", name, err, c.want)
		}
	}
}

func TestClientListImportExplainsDuplicates(t *testing.T) {
	s, _ := newStore(t)
	existing, _ := s.CreateClient(ctx, store.Client{FirstName: "Fatima", LastName: "El Amrani",
		BirthDate: day("2004-01-31")})
	l, err := ReadClientList(strings.NewReader(dutchList), "clients.csv", LangDutch)
	must(t, err)
	image, _ := s.Image(ctx)
	_, err = s.ImportClients(ctx, l.Bundles)
	err = l.Explain(err)
	want := fmt.Sprintf(`clients.csv, regel 2: staat al in de caseload als cliënt %d (Fatima El Amrani)`, existing.ID)
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	after, _ := s.Image(ctx)
	if !bytes.Equal(image, after) {
		t.Error("a refused list changed the vault")
	}

	twice := "voornaam,achternaam,geboortedatum\nA,B,2000-01-01\nC,D,\nA,B,01-01-2000\n"
	l, err = ReadClientList(strings.NewReader(twice), "twice.csv", LangEnglish)
	must(t, err)
	_, err = s.CheckImport(ctx, l.Bundles)
	if err = l.Explain(err); err == nil || err.Error() != "twice.csv, line 4: the same client as on line 2" {
		t.Errorf("got %v", err)
	}
}

// clients.csv from an export is a client list too, and keeps the id.
func TestExportedClientsCSVImports(t *testing.T) {
	s, _ := newStore(t)
	r := richClient(t, s)
	data, _ := exportZip(t, s, r.client.ID, Options{})
	files, _ := unzip(t, data)
	l, err := ReadClientList(bytes.NewReader(files[entryClientsCSV]), "clients.csv", LangEnglish)
	must(t, err)
	c := l.Bundles[0].Client
	if c.UID != r.client.UID || c.Name() != r.client.Name() || c.Outcome != r.client.Outcome ||
		c.ReferralDetail != "Gemeente Nijmegen" || c.Notes != r.client.Notes {
		t.Errorf("%+v", c)
	}
	_, err = s.CheckImport(ctx, l.Bundles)
	if err = l.Explain(err); err == nil || !strings.Contains(err.Error(), "was imported before") {
		t.Errorf("got %v", err)
	}
}

func BenchmarkImportCSV1000(b *testing.B) {
	var list strings.Builder
	list.WriteString("voornaam;achternaam;e-mail;geboortedatum;status;start;einde;uitkomst;verwijzer\r\n")
	for i := range 1000 {
		status, end, outcome := "actief", "", ""
		if i%3 == 0 {
			status, end, outcome = "afgesloten", "30-11-2025", "opleiding"
		}
		fmt.Fprintf(&list, "Client%d;Jansen;c%d@example.org;%02d-%02d-%d;%s;01-09-2025;%s;%s;Gemeente Nijmegen\r\n",
			i, i, i%28+1, i%12+1, 1980+i%25, status, end, outcome)
	}
	data := list.String()
	for b.Loop() {
		b.StopTimer()
		s, _ := newStore(b)
		b.StartTimer()
		l, err := ReadClientList(strings.NewReader(data), "clients.csv", LangDutch)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.ImportClients(ctx, l.Bundles); err != nil {
			b.Fatal(l.Explain(err))
		}
	}
}

// A spreadsheet's closed clients without an outcome come in with outcome
// unknown, and the list names their lines; nothing else is relaxed.
func TestReadClientListClosedWithoutOutcome(t *testing.T) {
	list := "first name,status,end,outcome\nA,active,,\nJan,closed,2025-01-01,\nPiet,closed,2025-02-01,work\n" +
		"Kees,closed,2025-03-01,unknown\n"
	l, err := ReadClientList(strings.NewReader(list), "clients.csv", LangEnglish)
	must(t, err)
	if fmt.Sprint(l.UnknownOutcome) != "[3]" {
		t.Errorf("unknown outcome on lines %v, want [3] (line 5 said unknown itself)", l.UnknownOutcome)
	}
	if o := l.Bundles[1].Client.Outcome; o != store.OutcomeUnknown {
		t.Errorf("outcome %q", o)
	}
	if o := l.Bundles[0].Client.Outcome; o != store.OutcomeNone {
		t.Errorf("an active client got outcome %q", o)
	}
	// Still refused: a closed trajectory without its end date.
	_, err = ReadClientList(strings.NewReader("voornaam;status\nJan;afgesloten\n"), "clients.csv", LangDutch)
	if err == nil || !strings.Contains(err.Error(), "einddatum") {
		t.Errorf("closed without an end date: %v", err)
	}
}

// The optional fields a list holds come in only where the practice
// records them; the others are named, not imported.
func TestClientListKeepsOnlyRecordedFields(t *testing.T) {
	list := "Voornaam;Geslacht;Nationaliteit;BSN;Kinderen\nAmina;vrouw;Syrisch;1234 56 782;2\n"
	l, err := ReadClientList(strings.NewReader(list), "clients.csv", LangDutch)
	must(t, err)
	c := l.Bundles[0].Client
	if c.Gender != store.GenderFemale || c.Nationality != "Syrisch" || c.BSN != "123456782" || !c.ChildrenKnown || c.Children != 2 {
		t.Fatalf("read %+v", c)
	}
	l.KeepFields(store.FieldSet{store.FieldNationality})
	c = l.Bundles[0].Client
	if c.Gender != "" || c.BSN != "" || c.ChildrenKnown || c.Nationality != "Syrisch" {
		t.Errorf("kept %+v", c)
	}
	if fmt.Sprint(l.NotRecorded) != "[Geslacht Kinderen BSN]" {
		t.Errorf("not recorded %v", l.NotRecorded)
	}
}
