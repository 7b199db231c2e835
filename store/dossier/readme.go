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

// manifest lists the zip's entries, in the order they are written, with
// what each is; docs are the documents' entries.
func manifest(lang string, docs []Document) []fileEntry {
	var out []fileEntry
	for _, name := range []string{entryReadme, entryHTML, entryJSON, entrySchema, entryClientsCSV,
		entryAppointments, entryRecordsCSV} {
		out = append(out, fileEntry{Name: name, What: entryWhat(lang, name)})
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

// entryWhat is what a fixed entry of the zip is for, in lang.
func entryWhat(lang, name string) string {
	switch name {
	case entryReadme:
		return tr(lang, "file-readme")
	case entryHTML:
		return tr(lang, "file-html")
	case entryJSON:
		return tr(lang, "file-json")
	case entrySchema:
		return tr(lang, "file-schema")
	case entryClientsCSV:
		return tr(lang, "file-clients_csv")
	case entryAppointments:
		return tr(lang, "file-appointments_csv")
	}
	return tr(lang, "file-records_csv")
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
	name := strings.TrimSpace(d.Client.FirstName + " " + d.Client.LastName)
	s := tr(lang, "readme", name, practice, longDate(lang, d.Export.ExportedAt), list.String(), zipName)
	// Notepad on older Windows shows a file without CRs as one line.
	_, err := io.WriteString(w, strings.ReplaceAll(s, "\n", "\r\n"))
	return err
}
