package tui

import (
	"strings"
	"testing"

	"github.com/caseload/caseload/store"
	dossierfile "github.com/caseload/caseload/store/dossier"
)

// importStoreForTest has a client list, a sealed dossier, one sealed to a
// key and a list with a bad line.
func importStoreForTest(t testing.TB) *testStore {
	t.Helper()
	s := newPeopleStore(t)
	s.withImport("/tmp/klanten.csv", importable{sum: dossierfile.ImportSummary{
		Kind: dossierfile.ImportedList, Ignored: []string{"BSN"},
		Clients: []store.Client{importedClient("Bram", "Aksoy", store.StatusActive),
			importedClient("Cato", "Bakker", store.StatusActive), store.Client{FirstName: "Daan", LastName: "Claes",
				Status: store.StatusClosed, Outcome: store.OutcomeWork, Start: day(2024, 3, 1), End: day(2025, 2, 1)}}}})
	s.withImport("/tmp/fatima.zip.age", importable{sealing: "passphrase", secret: testPassphrase,
		sum: dossierfile.ImportSummary{Kind: dossierfile.ImportedDossier, NotCarried: true, Records: 4, Appointments: 2,
			Clients: []store.Client{importedClient("Fatima", "El Amrani", store.StatusActive)}}})
	s.withImport("/tmp/noor.zip.age", importable{sealing: "key", secret: "/tmp/key.txt",
		sum: dossierfile.ImportSummary{Kind: dossierfile.ImportedDossier,
			Clients: []store.Client{importedClient("Noor", "Visser", store.StatusIntake)}}})
	s.withImport("/tmp/fout.csv", importable{err: &dossierfile.CSVError{File: "fout.csv", Line: 3,
		Column: "Status", Problem: "onbekende status \"klaar\""}})
	return s
}

// openImport is the import screen, opened with i on the caseload.
func openImport(t *testing.T, s *testStore, lang Lang) *driver {
	t.Helper()
	d, _, _ := unlocked(t, s, lang, 100, 30)
	d.keys("i")
	top[importForm](t, d)
	return d
}

func TestImportCSV(t *testing.T) {
	s := importStoreForTest(t)
	d := openImport(t, s, Dutch)
	if !strings.Contains(d.view(), "een dossier (.zip.age, .zip) of een klantenlijst uit een spreadsheet (.csv)") {
		t.Fatalf("no hint:\n%s", d.view())
	}
	d.keys("/tmp/klanten.csv[enter]")
	f := top[importForm](t, d)
	if !f.done {
		t.Fatalf("not done:\n%s", d.view())
	}
	view := d.view()
	for _, want := range []string{"Ingelezen: 3 cliënten (2 actief, 1 afgesloten)", "onbekende kolommen): BSN"} {
		if !strings.Contains(view, want) {
			t.Errorf("result lacks %q:\n%s", want, view)
		}
	}
	if c := s.imp.calls; len(c) != 1 || c[0].secret != "" || c[0].lang != "nl" {
		t.Fatalf("calls %+v", c)
	}
	d.keys("[enter]")
	if _, ok := d.model().top().(page[caseloadModel]); !ok {
		t.Fatalf("enter on the result did not go back")
	}
	if !strings.Contains(d.view(), "Cato Bakker") {
		t.Errorf("the caseload does not show the imported clients:\n%s", d.view())
	}
}

func TestImportNeedsSecretThenOK(t *testing.T) {
	s := importStoreForTest(t)
	d := openImport(t, s, Dutch)
	d.keys("/tmp/fatima.zip.age[enter]")
	f := top[importForm](t, d)
	if f.done || f.secret != secretPassphrase || f.set.Focused().ID != "secret" {
		t.Fatalf("no passphrase asked (secret %d):\n%s", f.secret, d.view())
	}
	if !strings.Contains(d.view(), "versleuteld met een wachtwoordzin") {
		t.Fatalf("no explanation:\n%s", d.view())
	}
	d.keys(testPassphrase)
	if strings.Contains(d.view(), testPassphrase) {
		t.Fatalf("the passphrase is not masked:\n%s", d.view())
	}
	d.keys("[enter]")
	if f := top[importForm](t, d); !f.done {
		t.Fatalf("not done:\n%s", d.view())
	}
	view := d.view()
	for _, want := range []string{"Ingelezen als cliënt #6: Fatima El Amrani (4 verslagen, 2 afspraken, 0 documenten)",
		"niet ingelezen"} {
		if !strings.Contains(view, want) {
			t.Errorf("result lacks %q:\n%s", want, view)
		}
	}
	if c := s.imp.calls; len(c) != 2 || c[1].secret != testPassphrase {
		t.Fatalf("calls %+v", c)
	}
}

func TestImportNeedsKey(t *testing.T) {
	s := importStoreForTest(t)
	d := openImport(t, s, English)
	d.keys("/tmp/noor.zip.age[enter]")
	if f := top[importForm](t, d); f.secret != secretKey {
		t.Fatalf("no key file asked:\n%s", d.view())
	}
	d.keys("/tmp/key.txt[enter]")
	if !strings.Contains(d.view(), "Imported as client #6: Noor Visser") {
		t.Fatalf("not imported:\n%s", d.view())
	}
}

func TestImportWrongSecret(t *testing.T) {
	s := importStoreForTest(t)
	d := openImport(t, s, Dutch)
	d.keys("/tmp/fatima.zip.age[enter]verkeerd[enter]")
	f := top[importForm](t, d)
	if f.done || !strings.Contains(d.view(), "Deze wachtwoordzin opent het dossier niet") {
		t.Fatalf("no wrong passphrase:\n%s", d.view())
	}
	if n := len(s.rows(t)); n != 5 {
		t.Fatalf("%d clients", n)
	}
	d.keys("[esc]")
	top[caseloadModel](t, d)
}

func TestImportCSVError(t *testing.T) {
	s := importStoreForTest(t)
	d := openImport(t, s, Dutch)
	d.keys("/tmp/fout.csv[enter]")
	if f := top[importForm](t, d); f.done {
		t.Fatal("done")
	}
	// The fake's CSVError has no language: the session's says "regel" and "veld".
	if !strings.Contains(d.view(), `Er is niets ingelezen. fout.csv, line 3, field "Status"`) {
		t.Fatalf("no line and field:\n%s", d.view())
	}
	d.keys("[ctrl+u]/tmp/nergens.csv[enter]")
	if !strings.Contains(d.view(), "Dat bestand bestaat niet") {
		t.Fatalf("no missing file:\n%s", d.view())
	}
}

func TestImportExisting(t *testing.T) {
	s := importStoreForTest(t)
	s.withImport("/tmp/anna.zip", importable{err: &store.ImportError{Item: "client",
		Err: &store.ExistingClientError{ID: 1, Name: "Anna de Vries", ByUID: true}}})
	d := openImport(t, s, English)
	d.keys("/tmp/anna.zip[enter]")
	if !strings.Contains(d.view(), "Anna de Vries is already in the caseload (client #1)") {
		t.Fatalf("existing client not named:\n%s", d.view())
	}
}

func TestNoSharedKeysImport(t *testing.T) {
	for _, lang := range []Lang{English, Dutch} {
		for _, sit := range []struct{ name, keys string }{
			{"import", "i"},
			{"import secret", "i/tmp/fatima.zip.age[enter]"},
			{"import done", "i/tmp/klanten.csv[enter]"},
		} {
			d, _, _ := unlocked(t, importStoreForTest(t), lang, 100, 30)
			d.keys(sit.keys)
			checkShared(t, string(lang)+" "+sit.name, d.model())
		}
	}
}

func TestGoldenImportSecret(t *testing.T) {
	d := openImport(t, importStoreForTest(t), Dutch)
	d.keys("/tmp/fatima.zip.age[enter]")
	requireGolden(t, d)
}
