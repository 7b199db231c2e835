package dossier

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/caseload/caseload/store"
)

// unzip returns every entry of a zip by name.
func unzip(tb testing.TB, data []byte) (map[string][]byte, []string) {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	must(tb, err)
	out := map[string][]byte{}
	var names []string
	for _, f := range zr.File {
		rc, err := f.Open()
		must(tb, err)
		b, err := io.ReadAll(rc)
		must(tb, err)
		rc.Close()
		out[f.Name] = b
		names = append(names, f.Name)
	}
	return out, names
}

func TestExportZipContents(t *testing.T) {
	s, _ := newStore(t)
	r := richClient(t, s)
	data, e := exportZip(t, s, r.client.ID, Options{Lang: LangDutch})
	// The name stays inside: number, initials and date only.
	wantName := fmt.Sprintf("dossier-%d-OY-2026-03-02.zip.age", r.client.ID)
	if e.FileName() != wantName {
		t.Errorf("file name %q, want %q", e.FileName(), wantName)
	}
	files, names := unzip(t, data)
	for _, want := range []string{entryReadme, entryHTML, entryJSON, entrySchema, entryClientsCSV,
		entryAppointments, entryRecordsCSV} {
		if _, ok := files[want]; !ok {
			t.Errorf("no %s in the zip", want)
		}
	}
	// Documents keep their names, made safe and unique.
	var d Dossier
	must(t, json.Unmarshal(files[entryJSON], &d))
	gotFiles := map[string]string{}
	for _, doc := range d.Documents {
		gotFiles[doc.Name] = doc.File
		if !bytes.Equal(files[doc.File], r.docs[doc.Name]) {
			t.Errorf("%s: contents differ", doc.File)
		}
	}
	want := map[string]string{"cv.pdf": "files/cv.pdf", "CV.pdf": "files/CV (2).pdf",
		"../../etc/passwd": "files/passwd", "brief: sollicitatie?.docx": "files/brief_ sollicitatie_.docx"}
	if !reflect.DeepEqual(gotFiles, want) {
		t.Errorf("document files %v, want %v", gotFiles, want)
	}
	for _, n := range names {
		if strings.Contains(n, "..") || strings.HasPrefix(n, "/") {
			t.Errorf("unsafe entry %q", n)
		}
	}
	if !bytes.Equal(files[entrySchema], SchemaJSON) {
		t.Error("the zip's schema is not the package's")
	}

	readme := string(files[entryReadme])
	for _, s := range []string{"age -d", wantName, "dossier.html",
		"files/CV (2).pdf", "\r\n", "Coachpraktijk De Brug"} {
		if !strings.Contains(readme, s) {
			t.Errorf("README lacks %q", s)
		}
	}

	// The CSV files: UTF-8 with a BOM, a header row, the data.
	for name, header := range map[string]string{entryClientsCSV: "id", entryAppointments: "start", entryRecordsCSV: "date"} {
		b := files[name]
		if !bytes.HasPrefix(b, []byte(utf8BOM)) {
			t.Errorf("%s has no byte order mark", name)
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte(utf8BOM)))).ReadAll()
		if err != nil || len(rows) < 2 || rows[0][0] != header {
			t.Errorf("%s: %v %v", name, rows, err)
		}
	}
	recs, _ := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(files[entryRecordsCSV], []byte(utf8BOM)))).ReadAll()
	if len(recs) != 6 || recs[3][4] != r.special || recs[3][3] != "true" {
		t.Errorf("records.csv: %q", recs)
	}
}

// dossierJSON exports client id and returns its dossier.json.
func dossierJSON(tb testing.TB, s *store.Store, id int64) ([]byte, Dossier) {
	tb.Helper()
	data, _ := exportZip(tb, s, id, Options{Lang: LangEnglish})
	files, _ := unzip(tb, data)
	var d Dossier
	must(tb, json.Unmarshal(files[entryJSON], &d))
	return data, d
}

// portable is the part of a dossier an import carries over: without the
// export's own metadata and without what stays with the exporting
// practice (its consents, disclosures, requests and invoices, and what
// follows from them: their categories and the invoices' retention).
func portable(d Dossier) Dossier {
	d.Export = ExportInfo{}
	d.Consents, d.Disclosures, d.Requests, d.Invoices = nil, nil, nil, nil
	d.Categories = slices.DeleteFunc(slices.Clone(d.Categories), func(c string) bool {
		return c == CategoryConsents || c == CategoryDisclosures || c == CategoryRequests || c == CategoryInvoices
	})
	d.Retention = slices.DeleteFunc(slices.Clone(d.Retention), func(r Retention) bool { return r.Category == "invoice" })
	return d
}

func TestExportImportRoundTrip(t *testing.T) {
	a, _ := newStore(t)
	r := richClient(t, a)
	data, first := dossierJSON(t, a, r.client.ID)
	if len(first.Consents) != 1 || len(first.Disclosures) != 1 || len(first.Requests) != 1 || len(first.Invoices) != 1 {
		t.Fatalf("the rich client lacks accountability lines: %+v", first)
	}

	in, err := Read(data)
	must(t, err)
	b, bBlobs := newStore(t)
	got, err := b.ImportClients(ctx, []store.ClientBundle{in.Bundle})
	must(t, err)
	if len(bBlobs.files) != len(r.docs) {
		t.Errorf("%d documents sealed, want %d", len(bBlobs.files), len(r.docs))
	}
	_, second := dossierJSON(t, b, got[0].ID)

	p1, p2 := portable(first), portable(second)
	if !reflect.DeepEqual(p1, p2) {
		j1, _ := json.MarshalIndent(p1, "", " ")
		j2, _ := json.MarshalIndent(p2, "", " ")
		t.Fatalf("the re-exported dossier differs:\n%s\n---\n%s", firstDiff(string(j1), string(j2)), "")
	}
	if second.Client.ID != first.Client.ID {
		t.Error("the client's id did not travel")
	}
	if len(second.Consents)+len(second.Disclosures)+len(second.Requests)+len(second.Invoices) != 0 {
		t.Errorf("the exporting practice's accountability was imported: %+v", second)
	}

	// The same dossier again is refused, naming the client already there.
	_, err = b.ImportClients(ctx, []store.ClientBundle{in.Bundle})
	var ee *store.ExistingClientError
	if !errors.As(err, &ee) || !ee.ByUID || ee.ID != got[0].ID || ee.Name != "Özlem Yılmaz-de Boer" {
		t.Errorf("second import: %v", err)
	}
}

// firstDiff shows where two texts part.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return "line " + la[i] + "\n  vs " + lb[i]
		}
	}
	return "lengths differ"
}

func TestExportLogsTheDisclosure(t *testing.T) {
	s, _ := newStore(t)
	r := richClient(t, s)
	_, e := exportZip(t, s, r.client.ID, Options{Lang: LangDutch})
	must(t, e.Log(ctx, "/somewhere/"+e.FileName()))
	ds, err := s.Disclosures(ctx, r.client.ID)
	must(t, err)
	last := ds[0] // newest first
	if last.Recipient != "de cliënt zelf (verzoek om inzage)" || last.Basis != store.LegalBasisLegalObligation ||
		!strings.Contains(last.What, "5 verslagen") || !strings.Contains(last.Notes, e.FileName()) ||
		!last.Date.Equal(day("2026-03-02")) {
		t.Errorf("disclosure %+v", last)
	}
	log, err := s.Audit(ctx, r.client.ID, 1)
	must(t, err)
	if log[0].Action != store.AuditExport || strings.Contains(log[0].Detail, "Özlem") || strings.Contains(log[0].Detail, "dossier-") {
		t.Errorf("audit %+v", log[0])
	}
}

func TestExportToRecipientNeedsConsentAndNoRestriction(t *testing.T) {
	s, _ := newStore(t)
	r := richClient(t, s)
	_, err := Prepare(ctx, s, r.client.ID, Options{Recipient: "Coach Jan de Vries", Basis: store.LegalBasisConsent,
		Sealing: SealedPublicKey})
	if !errors.Is(err, store.ErrNoConsent) {
		t.Errorf("without consent: %v", err)
	}
	_, err = s.AddConsent(ctx, store.Consent{ClientID: r.client.ID, Purpose: "Overdracht dossier",
		Recipient: "Coach Jan de Vries", Given: day("2026-03-01")})
	must(t, err)
	_, e := exportZip(t, s, r.client.ID, Options{Recipient: "Coach Jan de Vries", Basis: store.LegalBasisConsent,
		Sealing: SealedPublicKey})
	must(t, e.Log(ctx, e.FileName()))
	if d := e.Dossier(); d.Export.ToClient || d.Export.Recipient != "Coach Jan de Vries" || d.Export.Sealing != "public_key" {
		t.Errorf("export %+v", d.Export)
	}

	must(t, s.SetRestriction(ctx, r.client.ID, true, "bezwaar in behandeling"))
	if _, err := Prepare(ctx, s, r.client.ID, Options{Recipient: "Coach Jan de Vries", Basis: store.LegalBasisConsent,
		Sealing: SealedPublicKey}); !errors.Is(err, store.ErrRestricted) {
		t.Errorf("restricted, to a recipient: %v", err)
	}
	// The client's own access request is answered all the same.
	_, e = exportZip(t, s, r.client.ID, Options{})
	must(t, e.Log(ctx, e.FileName()))
	if !e.Dossier().Client.Restricted {
		t.Error("the restriction is not in the dossier")
	}
}

func TestExportRefuses(t *testing.T) {
	s, _ := newStore(t)
	if _, err := Prepare(ctx, s, 99, Options{Sealing: SealedNone}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown client: %v", err)
	}
	c, _ := s.CreateClient(ctx, store.Client{FirstName: "Ann"})
	if _, err := Prepare(ctx, s, c.ID, Options{Lang: "de", Sealing: SealedNone}); !errors.Is(err, ErrUnknownLanguage) {
		t.Errorf("language: %v", err)
	}
	if _, err := Prepare(ctx, s, c.ID, Options{}); err == nil {
		t.Error("no sealing: no error")
	}
}

// The HTML report: every item of AVG art. 15(1) and (2), by section id,
// in both languages, and nothing that loads from elsewhere.
func TestReportArticle15(t *testing.T) {
	s, _ := newStore(t)
	r := richClient(t, s)
	for _, lang := range []string{LangDutch, LangEnglish} {
		t.Run(lang, func(t *testing.T) {
			data, _ := exportZip(t, s, r.client.ID, Options{Lang: lang})
			files, _ := unzip(t, data)
			html := string(files[entryHTML])
			for _, id := range []string{
				"controller",                                     // who the controller is
				"purposes",                                       // (1)(a)
				"categories",                                     // (1)(b)
				"recipients",                                     // (1)(c)
				"retention",                                      // (1)(d)
				"rights", "right-rectification", "right-erasure", // (1)(e)
				"right-restriction", "right-objection",
				"complaint",                                                // (1)(f)
				"source",                                                   // (1)(g)
				"automated",                                                // (1)(h)
				"transfers",                                                // (2)
				"copy", "personal", "records", "appointments", "documents", // (3)
			} {
				if !strings.Contains(html, `id="`+id+`"`) {
					t.Errorf("no section %q", id)
				}
			}
			section := func(id string) string {
				i := strings.Index(html, `id="`+id+`"`)
				if i < 0 {
					return ""
				}
				rest := html[i:]
				if j := strings.Index(rest[1:], "<section id="); j >= 0 {
					return rest[:j+1]
				}
				return rest
			}
			checks := map[string][]string{
				"controller": {"Coachpraktijk De Brug", "01234567", "privacy@debrug.example.org"},
				"purposes":   {"Begeleiding naar school of werk", "art. 6 lid 1 sub b"},
				"recipients": {"Gemeente Nijmegen, klantmanager", "Voortgangsverslag juni", "alleen met je toestemming"},
				"retention":  {"19 " + map[string]string{"nl": "december", "en": "December"}[lang] + " 2027", "2032"},
				"complaint":  {"Autoriteit Persoonsgegevens"},
				"source":     {"Gemeente Nijmegen"},
				"categories": {map[string]string{"nl": "bijzondere persoonsgegevens", "en": "special categories"}[lang]},
			}
			for id, wants := range checks {
				sec := section(id)
				for _, w := range wants {
					if !strings.Contains(sec, w) {
						t.Errorf("section %s lacks %q", id, w)
					}
				}
			}
			// The special-category record is there in full, and marked.
			i := strings.Index(html, r.special)
			if i < 0 {
				t.Fatal("the special-category record's text is missing")
			}
			art := html[strings.LastIndex(html[:i], "<article"):i]
			if !strings.Contains(art, `class="record special"`) || !strings.Contains(art, "badge") {
				t.Errorf("the special-category record is not marked: %s", art)
			}
			if strings.Contains(html, "[") && regexp.MustCompile(`\[[a-z-]+\]`).MatchString(html) {
				t.Errorf("a text is missing: %s", regexp.MustCompile(`\[[a-z-]+\]`).FindString(html))
			}
			selfContained(t, html)
		})
	}
}

// selfContained fails when html could load anything: no src at all, no
// link but to an anchor in the page, no CSS import or url(), no script,
// frame, object, embed or image. Text in the page is escaped (a literal
// "<" is always the start of a tag), so the tags are what count.
func selfContained(t *testing.T, html string) {
	t.Helper()
	lower := strings.ToLower(html)
	for _, bad := range []string{"@import", "url("} {
		if strings.Contains(lower, bad) {
			t.Errorf("the report's style contains %q", bad)
		}
	}
	attr := regexp.MustCompile(`(?i)\s([a-z-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)`)
	for _, tag := range regexp.MustCompile(`<[a-zA-Z][^>]*>`).FindAllString(html, -1) {
		name := strings.ToLower(regexp.MustCompile(`^<([a-zA-Z0-9]+)`).FindStringSubmatch(tag)[1])
		switch name {
		case "script", "iframe", "frame", "object", "embed", "img", "link", "base", "video", "audio", "source",
			"picture", "svg", "form", "input":
			t.Errorf("the report has a <%s>", name)
		}
		for _, m := range attr.FindAllStringSubmatch(tag, -1) {
			key, val := strings.ToLower(m[1]), strings.Trim(m[2], `"'`)
			switch {
			case key == "src" || key == "srcset" || key == "data" || key == "poster" || key == "action" ||
				strings.HasPrefix(key, "on") || key == "http-equiv":
				t.Errorf("the report has %s= in %s", key, tag)
			case key == "href" && !strings.HasPrefix(val, "#"):
				t.Errorf("the report links elsewhere: %s", tag)
			case key == "style":
				t.Errorf("inline style in %s", tag)
			}
		}
	}
	if !strings.Contains(html, "&lt;script&gt;") {
		t.Error("the record titled <script> is not in the report, escaped")
	}
}

func TestDossierJSONMatchesTheSchema(t *testing.T) {
	repo, err := os.ReadFile("../../schema/dossier.v1.json")
	must(t, err)
	if !bytes.Equal(repo, SchemaJSON) {
		t.Fatal("schema/dossier.v1.json and store/dossier/dossier.v1.json differ: copy one over the other")
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(SchemaJSON))
	must(t, err)
	must(t, c.AddResource("dossier.v1.json", doc))
	sch, err := c.Compile("dossier.v1.json")
	must(t, err)

	s, _ := newStore(t)
	r := richClient(t, s)
	sparse, _ := s.CreateClient(ctx, store.Client{LastName: "Bakker"})
	rejected, _ := s.CreateClient(ctx, store.Client{FirstName: "Lotte", Status: store.StatusRejected,
		RejectedOn: day("2026-01-10")})
	for _, id := range []int64{r.client.ID, sparse.ID, rejected.ID} {
		data, _ := exportZip(t, s, id, Options{Lang: LangDutch})
		files, _ := unzip(t, data)
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(files[entryJSON]))
		must(t, err)
		if err := sch.Validate(v); err != nil {
			t.Errorf("client %d: %v", id, err)
		}
	}

	// And the schema refuses what it should.
	data, _ := exportZip(t, s, r.client.ID, Options{})
	files, _ := unzip(t, data)
	for name, edit := range map[string]func(m map[string]any){
		"schema":      func(m map[string]any) { m["schema"] = "caseload.dossier/v2" },
		"extra":       func(m map[string]any) { m["extra"] = 1 },
		"date":        func(m map[string]any) { m["client"].(map[string]any)["birth_date"] = "14-09-2002" },
		"no outcome":  func(m map[string]any) { delete(m["client"].(map[string]any), "outcome") },
		"record kind": func(m map[string]any) { m["records"].([]any)[0].(map[string]any)["kind"] = "diary" },
	} {
		var m map[string]any
		must(t, json.Unmarshal(files[entryJSON], &m))
		edit(m)
		b, _ := json.Marshal(m)
		v, _ := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if sch.Validate(v) == nil {
			t.Errorf("%s: the schema accepts it", name)
		}
	}
}

func TestDocsDescribeEveryField(t *testing.T) {
	docs, err := os.ReadFile("../../docs/dossier-format.md")
	must(t, err)
	var walk func(prefix string, typ reflect.Type)
	walk = func(prefix string, typ reflect.Type) {
		for typ.Kind() == reflect.Slice || typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct {
			return
		}
		for i := range typ.NumField() {
			f := typ.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			path := strings.TrimPrefix(prefix+"."+name, ".")
			if !bytes.Contains(docs, []byte("`"+path+"`")) {
				t.Errorf("docs/dossier-format.md does not describe `%s`", path)
			}
			walk(path, f.Type)
		}
	}
	walk("", reflect.TypeFor[Dossier]())
}

func TestInitials(t *testing.T) {
	for _, tc := range []struct{ first, last, want string }{
		{"Amina", "Oğuz", "AO"}, {"Anna", "de Vries", "AV"}, {"Özlem", "Yılmaz-de Boer", "OY"},
		{"Fatima", "el Amrani", "FA"}, {"محمد", "Haddad", "H"}, {"", "jansen", "J"}, {"", "", ""},
		{"\x1b]0;x", "Łódź", "L"},
	} {
		if got := Initials(tc.first, tc.last); got != tc.want {
			t.Errorf("Initials(%q, %q) = %q, want %q", tc.first, tc.last, got, tc.want)
		}
	}
}

func TestSlugAndSafeNames(t *testing.T) {
	for in, want := range map[string]string{
		"Özlem Yılmaz-de Boer": "ozlem-yilmaz-de-boer", "  Jan  ": "jan", "Ærø Łódź": "aero-lodz",
		"محمد": "", "Anna-Sophie van 't Hof": "anna-sophie-van-t-hof",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
	ns := newNameSet()
	for in, want := range map[string]string{"CON.txt": "_CON.txt", "a\x00b.txt": "ab.txt", "...": "document",
		`C:\Users\x\brief.pdf`: "brief.pdf", "dot.": "dot"} {
		if got := ns.add(in); got != want {
			t.Errorf("add(%q) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkExport(b *testing.B) {
	s, _ := newStore(b)
	r := richClient(b, s)
	for b.Loop() {
		e, err := Prepare(ctx, s, r.client.ID, Options{Lang: LangDutch, Sealing: SealedPassphrase})
		if err != nil {
			b.Fatal(err)
		}
		if err := e.WriteZip(ctx, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
