package dossier

import (
	"fmt"
	"io"
	"strings"
)

// fileEntry is one entry of the zip and what it is for.
type fileEntry struct {
	Name, What string
}

// The fixed entries of the zip.
const (
	entryReadme       = "README.txt"
	entryHTML         = "dossier.html"
	entryJSON         = "dossier.json"
	entrySchema       = "schema/dossier.v1.json"
	entryClientsCSV   = "portability/clients.csv"
	entryAppointments = "portability/appointments.csv"
	entryRecordsCSV   = "portability/records.csv"
	filesDir          = "files/"
)

var entryTexts = map[string]text{
	entryReadme:       {"dit bestand", "this file"},
	entryHTML:         {"je dossier om te lezen en af te drukken: open het in een webbrowser", "your dossier to read and print: open it in a web browser"},
	entryJSON:         {"al je gegevens in een vast formaat (JSON) voor een ander programma, zoals dat van een nieuwe coach", "all your data in a fixed format (JSON) for another program, such as a new coach's"},
	entrySchema:       {"de beschrijving van dat formaat (JSON Schema)", "the description of that format (JSON Schema)"},
	entryClientsCSV:   {"je persoonsgegevens als tabel (CSV, te openen in een spreadsheet)", "your personal details as a table (CSV, opens in a spreadsheet)"},
	entryAppointments: {"je afspraken als tabel (CSV)", "your appointments as a table (CSV)"},
	entryRecordsCSV:   {"de verslagen als tabel (CSV)", "the reports as a table (CSV)"},
}

// manifest lists the zip's entries, in the order they are written, with
// what each is; docs are the documents' entries.
func manifest(lang string, docs []Document) []fileEntry {
	var out []fileEntry
	for _, name := range []string{entryReadme, entryHTML, entryJSON, entrySchema, entryClientsCSV,
		entryAppointments, entryRecordsCSV} {
		t := entryTexts[name]
		what := t.en
		if lang == LangDutch {
			what = t.nl
		}
		out = append(out, fileEntry{Name: name, What: what})
	}
	for _, d := range docs {
		what := tr(lang, "kind-"+d.Kind)
		if d.Name != strings.TrimPrefix(d.File, filesDir) {
			what += fmt.Sprintf(" (%q)", d.Name)
		}
		out = append(out, fileEntry{Name: d.File, What: what})
	}
	return out
}

// readmeTexts are README.txt in both languages. %[1]s is the client's
// name, %[2]s the practice, %[3]s the date, %[4]s the file list, %[5]s
// the export's own file name.
var readmeTexts = text{
	nl: `Dossier van %[1]s
Gemaakt door %[2]s op %[3]s.

Wat er in dit pakket zit
%[4]s
Begin met dossier.html: daarin staat alles wat in je dossier staat, en wat
je volgens de privacywet (AVG) moet weten: waarvoor je gegevens worden
gebruikt, met wie ze zijn gedeeld, hoe lang ze worden bewaard, welke rechten
je hebt en waar je terechtkunt met een klacht.

Het versleutelde bestand openen
Heb je dit pakket gekregen als %[5]s.age, dan is het versleuteld met age
(https://age-encryption.org). Je hebt de wachtwoordzin apart gekregen,
bijvoorbeeld per sms of telefoon, of het is versleuteld voor jouw sleutel.

  Met de opdrachtregel:
    age -d -o dossier.zip %[5]s.age
  (of: age -d %[5]s.age > dossier.zip)
  Met een sleutel in plaats van een wachtwoordzin:
    age -d -i sleutel.txt -o dossier.zip %[5]s.age

  Zonder opdrachtregel: programma's die age-bestanden openen zijn er voor
  Windows, macOS en Linux; zie https://age-encryption.org. Pak daarna
  dossier.zip uit zoals elk zip-bestand.

Bewaar de uitgepakte bestanden op een plek waar alleen jij bij kunt: ze
bevatten al je gegevens, onversleuteld.
`,
	en: `Dossier of %[1]s
Made by %[2]s on %[3]s.

What is in this package
%[4]s
Start with dossier.html: it holds everything in your dossier, and what the
privacy law (GDPR) says you must be told: what your data is used for, who
it was shared with, how long it is kept, what your rights are and where to
go with a complaint.

Opening the encrypted file
If you received this package as %[5]s.age, it is encrypted with age
(https://age-encryption.org). You received the passphrase separately, for
example by text message or phone, or it is encrypted to your own key.

  On the command line:
    age -d -o dossier.zip %[5]s.age
  (or: age -d %[5]s.age > dossier.zip)
  With a key instead of a passphrase:
    age -d -i key.txt -o dossier.zip %[5]s.age

  Without a command line: apps that open age files exist for Windows,
  macOS and Linux; see https://age-encryption.org. Then unpack
  dossier.zip like any zip file.

Keep the unpacked files where only you can reach them: they hold all your
data, unencrypted.
`,
}

// writeReadme writes README.txt: what each file is and how to open the
// sealed file. zipName is the export's file name without .age.
func writeReadme(w io.Writer, d *Dossier, lang, zipName string, files []fileEntry) error {
	var list strings.Builder
	width := 0
	for _, f := range files {
		width = max(width, len(f.Name))
	}
	for _, f := range files {
		fmt.Fprintf(&list, "  %-*s  %s\n", width, f.Name, f.What)
	}
	practice := strings.TrimSpace(d.Controller.Name)
	if practice == "" {
		practice = tr(lang, "the-practice")
	}
	t := readmeTexts.en
	if lang == LangDutch {
		t = readmeTexts.nl
	}
	name := strings.TrimSpace(d.Client.FirstName + " " + d.Client.LastName)
	s := fmt.Sprintf(t, name, practice, longDate(lang, d.Export.ExportedAt), list.String(), zipName)
	// Notepad on older Windows shows a file without CRs as one line.
	_, err := io.WriteString(w, strings.ReplaceAll(s, "\n", "\r\n"))
	return err
}
