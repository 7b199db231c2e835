package dossier

import (
	"strings"
	"testing"

	"github.com/caseload/caseload/store"
)

// A client under 16 needs a legal representative: a list row without one
// is refused, naming its line, and nothing is imported.
func TestClientListRefusesAMinorWithoutRepresentative(t *testing.T) {
	s, _ := newStore(t)
	list := "voornaam,achternaam,geboortedatum,wettelijk vertegenwoordiger\n" +
		"Noor,Bakker,2001-05-01,\n" +
		"Daan,Visser,2014-05-01,\n" +
		"Mila,Visser,2014-05-01,Anouk Visser (moeder)\n"
	l, err := ReadClientList(strings.NewReader(list), "klas.csv", LangDutch)
	must(t, err)
	_, err = s.ImportClients(ctx, l.Bundles)
	err = l.Explain(err)
	want := `klas.csv, regel 3, veld "wettelijk vertegenwoordiger": een cliënt jonger dan 16 heeft een wettelijk vertegenwoordiger nodig`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	if rows, _ := s.ListClients(ctx); len(rows) != 0 {
		t.Errorf("%d clients imported from a refused list", len(rows))
	}
	l, _ = ReadClientList(strings.NewReader(strings.Replace(list, "2014-05-01,\n", "2014-05-01,Kees Visser (vader)\n", 1)), "klas.csv", LangDutch)
	if _, err := s.ImportClients(ctx, l.Bundles); err != nil {
		t.Fatalf("a list with representatives: %v", err)
	}
	if _, err := s.CreateClient(ctx, store.Client{FirstName: "Sem", BirthDate: day("2015-01-01")}); err == nil {
		t.Error("a client of 11 was created without a representative")
	}
}
