package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// Invented numbers: 123456782 and 111222333 pass the elfproef.
const testBSN = "123456782"

func TestElfproef(t *testing.T) {
	for bsn, ok := range map[string]bool{
		"123456782": true, "111222333": true, "010000008": true, "010000009": false, "123456789": false,
		"000000000": false, "12345678": false, "1234567820": false, "12345678a": false, "": false,
	} {
		if ValidBSN(bsn) != ok {
			t.Errorf("ValidBSN(%q) = %v, want %v", bsn, !ok, ok)
		}
	}
	for typed, want := range map[string]string{"1234.56.782": "123456782", " 123 456 782 ": "123456782",
		"11222333": "011222333", "12-3": "123"} {
		if got := NormalizeBSN(typed); got != want {
			t.Errorf("NormalizeBSN(%q) = %q, want %q", typed, got, want)
		}
	}
}

func TestOptionalFieldsAreValidated(t *testing.T) {
	f := newFixture(t)
	birth := time.Date(1990, 5, 1, 0, 0, 0, 0, time.UTC)
	for name, c := range map[string]struct {
		c    Client
		code string
	}{
		"bsn":      {Client{FirstName: "A", BSN: "123456789"}, "client.bsn_invalid"},
		"gender":   {Client{FirstName: "A", Gender: "unsure"}, "client.gender_unknown"},
		"marital":  {Client{FirstName: "A", MaritalStatus: "engaged"}, "client.marital_status_unknown"},
		"children": {Client{FirstName: "A", Children: 31, ChildrenKnown: true}, "client.children_range"},
		"arrival": {Client{FirstName: "A", BirthDate: birth, ArrivalDate: birth.AddDate(-1, 0, 0)},
			"client.arrival_before_birth"},
		"control": {Client{FirstName: "A", Nationality: "Syrisch\x1b[2J"}, CodeControl},
	} {
		_, err := f.s.CreateClient(ctx, c.c)
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Code != c.code {
			t.Errorf("%s: %v, want code %s", name, err, c.code)
			continue
		}
		if nl, en := ve.Text("nl"), ve.Text("en"); nl == en || nl == "" {
			t.Errorf("%s: no Dutch text (%q)", name, nl)
		}
		if strings.Contains(ve.Error(), "123456789") {
			t.Errorf("%s: the error quotes the BSN: %v", name, ve)
		}
	}
	c := f.client(t, Client{FirstName: "Amina", Gender: GenderFemale, MaritalStatus: MaritalMarried,
		Children: 0, ChildrenKnown: true, BirthCountry: "Syrië", Nationality: "Syrisch",
		ResidenceStatus: "statushouder", BirthDate: birth, ArrivalDate: time.Date(2019, 3, 4, 0, 0, 0, 0, time.UTC)})
	got, err := f.reopen(t).Client(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Gender != GenderFemale || got.MaritalStatus != MaritalMarried || !got.ChildrenKnown || got.Children != 0 ||
		got.BirthCountry != "Syrië" || got.Nationality != "Syrisch" || got.ResidenceStatus != "statushouder" ||
		!got.ArrivalDate.Equal(c.ArrivalDate) {
		t.Errorf("read back %+v", got)
	}
	plain := f.client(t, Client{FirstName: "Bram"})
	if got, _ := f.s.Client(ctx, plain.ID); got.ChildrenKnown {
		t.Error("a client without the field has 0 children recorded")
	}
}

// The BSN is shown masked, its reveal is logged, the search index never
// holds it, and a save that leaves the masked number alone keeps it.
func TestBSNMaskedRevealedAndKept(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Amina", LastName: "Haddad", BSN: testBSN})
	if c.BSN != "" || c.MaskedBSN() != "*****6782" {
		t.Errorf("CreateClient returned BSN %q, masked %q", c.BSN, c.MaskedBSN())
	}
	got, _ := f.s.Client(ctx, c.ID)
	if got.BSN != "" || got.MaskedBSN() != "*****6782" {
		t.Errorf("Client shows BSN %q, masked %q", got.BSN, got.MaskedBSN())
	}
	if log, _ := f.s.Audit(ctx, c.ID, 10); len(log) > 0 && log[0].Action == AuditReveal {
		t.Error("reading the client logged a reveal")
	}
	bsn, err := f.s.RevealBSN(ctx, c.ID)
	if err != nil || bsn != testBSN {
		t.Fatalf("RevealBSN = %q, %v", bsn, err)
	}
	log, _ := f.s.Audit(ctx, c.ID, 10)
	if len(log) == 0 || log[0].Action != AuditReveal || log[0].Detail != "bsn" {
		t.Errorf("reveal not logged: %+v", log)
	}
	for _, q := range []string{testBSN, "123456", "6782"} {
		if hits, err := f.s.Search(ctx, q, 10); err != nil || len(hits) != 0 {
			t.Errorf("search for %q found %+v (%v)", q, hits, err)
		}
	}
	var n int
	if err := f.s.conn.QueryRowContext(ctx, "SELECT count(*) FROM clients_fts WHERE clients_fts MATCH ?", `"`+testBSN+`"`).Scan(&n); err != nil || n != 0 {
		t.Errorf("the index holds the BSN: %d, %v", n, err)
	}
	// An edit that leaves the masked number keeps it; clearing both
	// removes it; a new number replaces it.
	got.Phone = "06-12345678"
	if _, err := f.s.UpdateClient(ctx, got); err != nil {
		t.Fatal(err)
	}
	if bsn, _ := f.s.RevealBSN(ctx, c.ID); bsn != testBSN {
		t.Errorf("an edit lost the BSN: %q", bsn)
	}
	got.BSN = "111222333"
	if _, err := f.s.UpdateClient(ctx, got); err != nil {
		t.Fatal(err)
	}
	if bsn, _ := f.s.RevealBSN(ctx, c.ID); bsn != "111222333" {
		t.Errorf("new BSN not saved: %q", bsn)
	}
	got.BSN, got.BSNTail = "", ""
	if _, err := f.s.UpdateClient(ctx, got); err != nil {
		t.Fatal(err)
	}
	if bsn, _ := f.s.RevealBSN(ctx, c.ID); bsn != "" {
		t.Errorf("cleared BSN still there: %q", bsn)
	}
}

// A dossier read for an export carries no BSN: the export puts it in only
// when the coach ticks it (dossier.Options.WithBSN).
func TestBSNNotInTheDossierRead(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Amina", BSN: testBSN})
	d, err := f.s.ClientDossier(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Client.BSN != "" {
		t.Errorf("the dossier holds the BSN %q", d.Client.BSN)
	}
}

func TestClientFieldSet(t *testing.T) {
	f := newFixture(t)
	set, err := f.s.ClientFieldSet(ctx)
	if err != nil || len(set) != 0 {
		t.Fatalf("a new practice records %v (%v); want none", set, err)
	}
	if err := f.s.SetClientFieldSet(ctx, FieldSet{FieldBSN, FieldNationality}); err != nil {
		t.Fatal(err)
	}
	set, _ = f.reopen(t).ClientFieldSet(ctx)
	if len(set) != 2 || set[0] != FieldNationality || set[1] != FieldBSN {
		t.Errorf("set %v", set)
	}
	var ve *ValidationError
	if err := f.s.SetClientFieldSet(ctx, FieldSet{"religion"}); !errors.As(err, &ve) {
		t.Errorf("unknown field: %v", err)
	}
}

// A closed trajectory with an unknown outcome is stored as the empty
// outcome of a closed client, reads back as unknown, survives an edit of
// another field, and counts as unknown in the statistics; the coach's own
// closing still needs an outcome.
func TestUnknownOutcome(t *testing.T) {
	f := newFixture(t)
	end := time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	if _, err := f.s.CreateClient(ctx, Client{FirstName: "A", Status: StatusClosed, End: end}); err == nil {
		t.Error("closing without an outcome was accepted")
	}
	got, err := f.s.ImportClients(ctx, []ClientBundle{{Client: Client{FirstName: "Jan", Status: StatusClosed,
		End: end, Outcome: OutcomeUnknown}}})
	if err != nil {
		t.Fatal(err)
	}
	var stored string
	if err := f.s.conn.QueryRowContext(ctx, "SELECT outcome FROM clients WHERE id = ?", got[0].ID).Scan(&stored); err != nil || stored != "" {
		t.Errorf("stored outcome %q (%v)", stored, err)
	}
	c, _ := f.s.Client(ctx, got[0].ID)
	if c.Outcome != OutcomeUnknown {
		t.Errorf("read back %q", c.Outcome)
	}
	c.Phone = "06-1"
	if _, err := f.s.UpdateClient(ctx, c); err != nil {
		t.Errorf("editing a client with an unknown outcome: %v", err)
	}
	st, _ := f.s.Statistics(ctx)
	if len(st) != 1 || st[0].Outcomes[OutcomeUnknown] != 1 {
		t.Errorf("statistics %+v", st)
	}
	n, err := f.s.UnknownOutcomes(ctx)
	if err != nil || n != 1 {
		t.Errorf("UnknownOutcomes = %d, %v", n, err)
	}
}

// A vault of schema 10 gains the fields empty and the practice records
// none of them.
func TestMigratesAVersion10Vault(t *testing.T) {
	image := imageAtVersion(t, 10,
		`INSERT INTO clients (id, uid, first_name, status, created_at, updated_at)
			VALUES (1, '0123456789abcdef0123456789abcdef', 'Oud', 'active', '2026-01-01 10:00:00', '2026-01-01 10:00:00')`)
	s, err := Open(context.Background(), image, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := s.Client(ctx, 1)
	if err != nil || c.FirstName != "Oud" || c.Gender != "" || c.ChildrenKnown || c.MaskedBSN() != "" {
		t.Errorf("migrated client %+v, %v", c, err)
	}
	if set, err := s.ClientFieldSet(ctx); err != nil || len(set) != 0 {
		t.Errorf("migrated practice records %v, %v", set, err)
	}
	if _, err := s.conn.ExecContext(ctx, "UPDATE clients SET bsn = 'abc' WHERE id = 1"); err == nil {
		t.Error("the schema took a BSN that is not nine digits")
	}
}
