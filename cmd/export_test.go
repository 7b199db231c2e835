package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/caseload/caseload/crypt"
	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/store/dossier"
	"github.com/caseload/caseload/store/sample"
)

// exportVault is a real vault (crypt, low work factor) with one invented
// client whose dossier is full: intake, plan, evaluations, notes (some
// special-category), a CV, appointments and a document.
func exportVault(tb testing.TB, wf int) (*session, store.Client) {
	tb.Helper()
	ctx := context.Background()
	e := &env{workFactor: wf, clock: func() time.Time { return time.Date(2026, 3, 2, 14, 5, 0, 0, time.UTC) },
		vaultDir: filepath.Join(tb.TempDir(), "vault")}
	s, _, err := e.create(ctx, "correct horse battery staple")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	if err := s.SavePractice(ctx, store.Practice{Name: "Coachpraktijk De Brug", Email: "info@debrug.example.org"}); err != nil {
		tb.Fatal(err)
	}
	o := sample.Options{Seed: 7, Lang: sample.LangDutch, Today: e.clock()}
	var d sample.Dossier
	for i := 0; ; i++ { // the first invented client with a CV and a special note
		d = sample.NewDossier(o, i)
		special := false
		for _, r := range d.Records {
			special = special || r.Special
		}
		if d.Document.Name != "" && special && d.Client.Status == store.StatusActive {
			break
		}
	}
	c, err := s.CreateClient(ctx, d.Client)
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range d.Records {
		r.ClientID = c.ID
		if _, err := s.SaveRecord(ctx, r); err != nil {
			tb.Fatal(err)
		}
	}
	for _, a := range d.Appointments {
		a.ClientID = c.ID
		if _, err := s.SaveAppointment(ctx, a); err != nil {
			tb.Fatal(err)
		}
	}
	if _, err := s.AddAttachment(ctx, store.Attachment{ClientID: c.ID, Name: d.Document.Name, Kind: store.KindCV},
		d.Document.Data); err != nil {
		tb.Fatal(err)
	}
	return s, c
}

// The whole way, through real vaults: export sealed with a passphrase,
// open, read into a second vault, export again; the dossier is the same.
func TestExportDossierThroughVaults(t *testing.T) {
	ctx := context.Background()
	tmp := t.TempDir()
	for _, k := range []string{"TMPDIR", "TMP", "TEMP"} {
		t.Setenv(k, tmp)
	}
	a, c := exportVault(t, testWorkFactor)
	dir := filepath.Join(t.TempDir(), "exports")
	res, err := exportDossier(ctx, a.Store, c.ID, dossier.Request{Lang: "nl", Dir: dir}, testWorkFactor, os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	if res.Passphrase == "" || res.Sealing != dossier.SealedPassphrase || res.Documents != 1 || res.Records == 0 {
		t.Fatalf("result %+v", res)
	}
	// Nothing but the sealed file was written, anywhere; no client text is
	// in it in the clear.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != filepath.Base(res.Path) {
		t.Fatalf("export folder holds %v", entries)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Fatalf("temp files: %v", left)
	}
	sealed, err := os.ReadFile(res.Path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(sealed, []byte(c.LastName)) || bytes.Contains(sealed, []byte("dossier.json")) {
		t.Fatal("the sealed export holds clear text")
	}

	first := readExport(t, res.Path, res.Passphrase, "")
	b, _ := exportVault(t, testWorkFactor) // another coach, with a client of their own
	got, err := b.ImportClients(ctx, []store.ClientBundle{first.Bundle})
	if err != nil {
		t.Fatal(err)
	}
	pq, _ := age.GenerateHybridIdentity()
	res2, err := exportDossier(ctx, b.Store, got[0].ID, dossier.Request{Lang: "nl", Dir: dir,
		PublicKey: pq.Recipient().String()}, testWorkFactor, os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	second := readExport(t, res2.Path, "", pq.String())
	d1, d2 := first.Dossier, second.Dossier
	d1.Export, d2.Export = dossier.ExportInfo{}, dossier.ExportInfo{}
	j1, j2 := mustJSON(t, d1), mustJSON(t, d2)
	if !bytes.Equal(j1, j2) {
		t.Errorf("the dossier changed on its way through another vault:\n%s\n%s", j1, j2)
	}
	if !strings.Contains(string(j1), `"special_category": true`) {
		t.Error("no special-category record in the test dossier")
	}

	// Each export is in the client's disclosure log.
	ds, err := a.Disclosures(ctx, c.ID)
	if err != nil || len(ds) != 1 || ds[0].Recipient != "de cliënt zelf (verzoek om inzage)" {
		t.Errorf("disclosures %+v %v", ds, err)
	}
}

func readExport(t *testing.T, path, passphrase, identity string) *dossier.Import {
	t.Helper()
	data, _, err := crypt.ReadExport(path)
	if err != nil {
		t.Fatal(err)
	}
	zip, err := crypt.OpenExport(data, passphrase, identity)
	if err != nil {
		t.Fatal(err)
	}
	in, err := dossier.Read(zip)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func mustJSON(t *testing.T, d dossier.Dossier) []byte {
	t.Helper()
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// An export that is refused writes nothing.
func TestExportRefusedWritesNothing(t *testing.T) {
	ctx := context.Background()
	s, c := exportVault(t, testWorkFactor)
	dir := t.TempDir()
	// A consent-based export to a recipient without consent is refused
	// before anything is written.
	_, err := exportDossier(ctx, s.Store, c.ID, dossier.Request{Recipient: "School", Basis: store.LegalBasisConsent,
		Dir: dir}, testWorkFactor, os.Getenv)
	if !errors.Is(err, store.ErrNoConsent) {
		t.Fatalf("got %v", err)
	}
	_, err = exportDossier(ctx, s.Store, c.ID, dossier.Request{PublicKey: "age1nope", Dir: dir}, testWorkFactor, os.Getenv)
	if !errors.Is(err, dossier.ErrBadPublicKey) {
		t.Fatalf("bad key: %v", err)
	}
	_, err = exportDossier(ctx, s.Store, c.ID, dossier.Request{PublicKey: "age1nope", Plain: true, Dir: dir}, testWorkFactor, os.Getenv)
	if !errors.Is(err, dossier.ErrBoth) {
		t.Fatalf("both: %v", err)
	}
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			t.Errorf("left behind: %s", path)
		}
		return nil
	})
	// Nor does an export from a caseload that is closed.
	s.Store.Close()
	if _, err := exportDossier(ctx, s.Store, c.ID, dossier.Request{Plain: true, Dir: dir}, testWorkFactor, os.Getenv); err == nil {
		t.Fatal("an export from a closed store")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

// BenchmarkExportDossier is `x` on a full dossier, sealed as a coach
// would: with a passphrase at age's work factor (scrypt, most of the
// time on purpose), and to a public key.
func BenchmarkExportDossier(b *testing.B) {
	ctx := context.Background()
	pq, _ := age.GenerateHybridIdentity()
	for _, bc := range []struct {
		name string
		req  dossier.Request
	}{
		{"passphrase", dossier.Request{Lang: "nl"}},
		{"publickey", dossier.Request{Lang: "nl", PublicKey: pq.Recipient().String()}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			s, c := exportVault(b, testWorkFactor)
			bc.req.Dir = b.TempDir()
			for b.Loop() {
				if _, err := exportDossier(ctx, s.Store, c.ID, bc.req, 0, os.Getenv); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
