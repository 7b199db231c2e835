package tui

import (
	"strings"
	"testing"

	"github.com/caseload/caseload/store"
	dossierfile "github.com/caseload/caseload/store/dossier"
)

// openExport is the export form of Anna (the first client), opened with x
// on the caseload.
func openExport(t *testing.T, s *testStore, lang Lang) *driver {
	t.Helper()
	d, _, _ := unlocked(t, s, lang, 100, 30)
	d.keys("x")
	if f := top[exportForm](t, d); f.client != 1 || !f.loaded {
		t.Fatalf("export of client %d, loaded %v\n%s", f.client, f.loaded, d.view())
	}
	return d
}

func TestExportToClient(t *testing.T) {
	s := newPeopleStore(t)
	d := openExport(t, s, Dutch)
	d.keys("[enter]")
	f := top[exportForm](t, d)
	if !f.done {
		t.Fatalf("not done:\n%s", d.view())
	}
	view := d.view()
	for _, want := range []string{testPassphrase, testExportDir, "ander kanaal dan het bestand", "5 verslagen, 4 afspraken", "age -d"} {
		if !strings.Contains(view, want) {
			t.Errorf("result lacks %q:\n%s", want, view)
		}
	}
	if len(s.exports) != 1 || s.exports[0].Recipient != "" || s.exports[0].Sealing() != dossierfile.SealedPassphrase ||
		s.exports[0].Lang != "nl" {
		t.Fatalf("exports %+v", s.exports)
	}
	if _, ok := d.model().top().Draft(); ok {
		t.Error("the result keeps a draft")
	}
	d.keys("[enter]")
	if _, ok := d.model().top().(page[caseloadModel]); !ok {
		t.Fatalf("enter on the result did not go back")
	}
	if strings.Contains(d.view(), testPassphrase) {
		t.Error("the passphrase is still on screen")
	}
}

func TestExportFromClientScreen(t *testing.T) {
	d := openAnna(t, newPeopleStore(t), English)
	d.keys("x")
	if f := top[exportForm](t, d); f.client != 1 {
		t.Fatalf("client %d", f.client)
	}
	d.keys("[esc]")
	top[clientScreen](t, d)
}

func TestExportBadKey(t *testing.T) {
	s := newPeopleStore(t)
	d := openExport(t, s, English)
	d.keys("[tab][right][tab]not-a-key")
	if !strings.Contains(d.view(), "This is not an age public key") {
		t.Fatalf("no live message:\n%s", d.view())
	}
	d.keys("[enter]")
	if len(s.exports) != 0 {
		t.Fatalf("exported with a bad key: %+v", s.exports)
	}
	for range len("not-a-key") {
		d.keys("[backspace]")
	}
	d.keys("age1qyqszqgpqyqszqgpqyqszqgpqyqszqgp")
	if !strings.Contains(d.view(), "a valid public key") {
		t.Fatalf("good key not accepted:\n%s", d.view())
	}
	d.keys("[ctrl+s]")
	f := top[exportForm](t, d)
	if !f.done || len(s.exports) != 1 || s.exports[0].Sealing() != dossierfile.SealedPublicKey {
		t.Fatalf("done %v, exports %+v\n%s", f.done, s.exports, d.view())
	}
	if strings.Contains(d.view(), testPassphrase) {
		t.Error("a key-sealed export shows a passphrase")
	}
}

func TestExportPlainNeedsConfirmation(t *testing.T) {
	s := newPeopleStore(t)
	d := openExport(t, s, Dutch)
	d.keys("[tab][left]")
	d.keys("[enter]")
	if d.model().prompt == nil || !strings.Contains(d.view(), "NIET versleuteld") {
		t.Fatalf("no confirmation:\n%s", d.view())
	}
	d.keys("n")
	if len(s.exports) != 0 {
		t.Fatalf("exported after no: %+v", s.exports)
	}
	d.keys("[enter]j")
	if len(s.exports) != 1 || !s.exports[0].Plain {
		t.Fatalf("exports %+v", s.exports)
	}
	if !strings.Contains(d.view(), "NIET versleuteld") {
		t.Errorf("the result does not warn:\n%s", d.view())
	}
}

func TestExportRestrictedNamedRecipient(t *testing.T) {
	s := newPeopleStore(t)
	s.restrict(t, 1, "bezwaar")
	d := openExport(t, s, English)
	d.keys("[right][tab]Huisarts Jansen[enter]")
	if len(s.exports) != 0 {
		t.Fatalf("exported to a named recipient: %+v", s.exports)
	}
	if !strings.Contains(d.view(), "may not go to another recipient") {
		t.Fatalf("no reason:\n%s", d.view())
	}
	// To the client it is allowed: the right of access stands.
	d.keys("[shift+tab][left][enter]")
	if f := top[exportForm](t, d); !f.done || len(s.exports) != 1 || s.exports[0].Recipient != "" {
		t.Fatalf("done %v, exports %+v\n%s", f.done, s.exports, d.view())
	}
}

func TestExportNoConsent(t *testing.T) {
	s := newPeopleStore(t)
	d := openExport(t, s, Dutch)
	d.keys("[right][tab]Huisarts Jansen[enter]")
	if len(s.exports) != 1 || s.exports[0].Basis != store.LegalBasisConsent {
		t.Fatalf("exports %+v", s.exports)
	}
	if !strings.Contains(d.view(), "geen geldige toestemming") || top[exportForm](t, d).done {
		t.Fatalf("no refusal:\n%s", d.view())
	}
}

func TestExportErrors(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want string
	}{
		{dossierfile.ErrExists, "already exists"},
		{errDiskFull, "disk is full"},
	} {
		s := newPeopleStore(t)
		s.exportErr = tt.err
		d := openExport(t, s, English)
		d.keys("[enter]")
		if !strings.Contains(d.view(), tt.want) {
			t.Errorf("%v: view lacks %q:\n%s", tt.err, tt.want, d.view())
		}
	}
}

func TestExportNoSharedKeys(t *testing.T) {
	for _, lang := range []Lang{English, Dutch} {
		for _, sit := range []struct{ name, keys string }{
			{"export form", "x"},
			{"export recipient", "x[right][tab]"},
			{"export key", "x[tab][right][tab]"},
			{"export result", "x[enter]"},
			{"client export", "[enter]x"},
		} {
			d, _, _ := unlocked(t, newPeopleStore(t), lang, 100, 30)
			d.keys(sit.keys)
			checkShared(t, string(lang)+" "+sit.name, d.model())
		}
	}
}

func TestGoldenExportForm(t *testing.T) {
	d := openExport(t, newPeopleStore(t), Dutch)
	d.keys("[right][tab]Huisarts Jansen[tab]")
	requireGolden(t, d)
}

func TestGoldenExportResult(t *testing.T) {
	d := openExport(t, newPeopleStore(t), Dutch)
	d.keys("[enter]")
	requireGolden(t, d)
}

func TestGoldenExportResultEN(t *testing.T) {
	d := openExport(t, newPeopleStore(t), English)
	d.keys("[enter]")
	requireGolden(t, d)
}
