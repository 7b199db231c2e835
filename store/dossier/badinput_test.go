package dossier

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/caseload/caseload/store"
)

// Bad input from outside is refused with the file, the line or entry, and
// the field, in Dutch and in English, and nothing is imported (issue 11,
// hole 11): a NUL byte or an escape in a name or a note, a year 0000 or
// 9999, 0001-01-01 (which used to pass as "no date" and vanish), a note
// of 150 MB.

func TestDossierRefusesBadInput(t *testing.T) {
	s, _ := newStore(t)
	r := richClient(t, s)
	good, _ := exportZip(t, s, r.client.ID, Options{})
	client := func(m map[string]any) map[string]any { return m["client"].(map[string]any) }
	first := func(m map[string]any, list string) map[string]any { return m[list].([]any)[0].(map[string]any) }
	for _, c := range []struct {
		name, field, en, nl string
		edit                func(m map[string]any)
	}{
		{"NUL in a first name", "client.first_name", "control character", "stuurteken",
			func(m map[string]any) { client(m)["first_name"] = "Öz\x00lem" }},
		{"escape in a last name", "client.last_name", "control character", "stuurteken",
			func(m map[string]any) { client(m)["last_name"] = "\x1b]0;pwned\a" }},
		{"bidi override in a place", "appointments[0].place", "control character", "stuurteken",
			func(m map[string]any) { first(m, "appointments")["place"] = "gpj\u202eexe" }},
		{"NUL in client notes", "client.notes", "control character", "stuurteken",
			func(m map[string]any) { client(m)["notes"] = "belt\x00terug" }},
		{"birth in 0000", "client.birth_date", "1900 and 2199", "1900 en 2199",
			func(m map[string]any) { client(m)["birth_date"] = "0000-01-01" }},
		{"end in 9999", "client.end", "1900 and 2199", "1900 en 2199",
			func(m map[string]any) { client(m)["end"] = "9999-12-31" }},
		{"start 0001-01-01", "client.start", "1900 and 2199", "1900 en 2199",
			func(m map[string]any) { client(m)["start"] = "0001-01-01" }},
		{"record on 0001-01-01", "records[0].date", "1900 and 2199", "1900 en 2199",
			func(m map[string]any) { first(m, "records")["date"] = "0001-01-01" }},
		{"a name of 201 characters", "client.first_name", "longer than 200 characters", "langer dan 200 tekens",
			func(m map[string]any) { client(m)["first_name"] = strings.Repeat("a", store.MaxName+1) }},
		{"a record body past 4 MiB", "records[0].body", "longer than 4194304 bytes", "langer dan 4194304 bytes",
			func(m map[string]any) { first(m, "records")["body"] = strings.Repeat("x", store.MaxBody+1) }},
	} {
		_, err := Read(editJSON(t, good, c.edit))
		var fe *FormatError
		if !errors.As(err, &fe) {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if fe.Entry != entryJSON || fe.Field != c.field {
			t.Errorf("%s: entry %q field %q, want %s %s", c.name, fe.Entry, fe.Field, entryJSON, c.field)
		}
		en, nl := fe.Text(LangEnglish), fe.Text(LangDutch)
		if !strings.Contains(en, c.en) || !strings.Contains(nl, c.nl) || !strings.Contains(nl, c.field) {
			t.Errorf("%s: %q / %q", c.name, en, nl)
		}
	}
}

// A dossier.json past the bound is refused by its header, before a byte of
// it is read, and by the read itself when the header lies.
func TestDossierRefusesAnOversizedEntryUnread(t *testing.T) {
	note := bytes.Repeat([]byte("a"), maxJSONSize+1)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(entryJSON)
	must(t, err)
	w.Write(note)
	must(t, zw.Close())
	_, err = Read(buf.Bytes())
	var fe *FormatError
	if !errors.As(err, &fe) || fe.Entry != entryJSON || fe.Problem != "too large" {
		t.Fatalf("got %v", err)
	}
	// The same zip with the header claiming 10 bytes: the read stops at
	// the bound and says so.
	data := buf.Bytes()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	must(t, err)
	f := zr.File[0]
	f.UncompressedSize64 = 10
	if _, err := readEntry(f, maxJSONSize); !errors.As(err, &fe) {
		t.Fatalf("a lying header: %v", err)
	}
}

func TestClientListRefusesBadInput(t *testing.T) {
	big := strings.Repeat("lang ", store.MaxNotes/5+1)
	for _, c := range []struct {
		name, list string
		line       int
		column     string
		en, nl     string
	}{
		{"NUL in a name", "voornaam,achternaam\nNoor,Jansen\nAn\x00na,de Vries\n", 3, "voornaam", "control character", "stuurteken"},
		{"escape in a last name", "voornaam,achternaam\nAnna,\x1b]0;pwned\a\n", 2, "achternaam", "control character", "stuurteken"},
		{"escape in a full name", "naam\n\x1b[2JAnna de Vries\n", 2, "naam", "control character", "stuurteken"},
		{"year 0000", "voornaam,geboortedatum\nAnna,0000-01-01\n", 2, "geboortedatum", "1900 and 2199", "1900 en 2199"},
		{"year 9999", "voornaam,start\nAnna,31-12-9999\n", 2, "start", "1900 and 2199", "1900 en 2199"},
		{"0001-01-01", "voornaam,geboortedatum\nAnna,0001-01-01\n", 2, "geboortedatum", "1900 and 2199", "1900 en 2199"},
		{"a note past 64 KiB", "voornaam,notities\nAnna,\"" + big + "\"\n", 2, "notities", "65536", "65536"},
		{"a name of 201 characters", "voornaam\n" + strings.Repeat("é", store.MaxName+1) + "\n", 2, "voornaam", "longer than 200 characters", "langer dan 200 tekens"},
	} {
		for _, lang := range []string{LangEnglish, LangDutch} {
			_, err := ReadClientList(strings.NewReader(c.list), "lijst.csv", lang)
			var ce *CSVError
			if !errors.As(err, &ce) {
				t.Errorf("%s: %v", c.name, err)
				continue
			}
			want := map[string]string{LangEnglish: c.en, LangDutch: c.nl}[lang]
			if ce.File != "lijst.csv" || ce.Line != c.line || ce.Column != c.column || !strings.Contains(ce.Problem, want) {
				t.Errorf("%s (%s): %v, want line %d column %s and %q", c.name, lang, err, c.line, c.column, want)
			}
		}
	}
}
