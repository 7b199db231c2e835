package dossier

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/caseload/caseload/store"
)

// A fuzzed import never panics, and one that fails leaves the vault image
// byte for byte as it was, and no sealed document behind.

// fuzzVault is a caseload image with a client in it, opened afresh for
// every input so one input's import cannot change the next one's start.
type fuzzVault struct{ image []byte }

func newFuzzVault(f *testing.F) *fuzzVault {
	s, _ := newStore(f)
	richClient(f, s)
	image, err := s.Image(ctx)
	must(f, err)
	return &fuzzVault{image: image}
}

func (v *fuzzVault) open(t *testing.T) (*store.Store, *memBlobs) {
	blobs := &memBlobs{}
	s, err := store.Open(ctx, v.image, store.Options{Blobs: blobs, Clock: func() time.Time { return today }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, blobs
}

// tryImport imports bundles and checks that a failure changed nothing.
func (v *fuzzVault) tryImport(t *testing.T, bundles []store.ClientBundle) {
	s, blobs := v.open(t)
	before, err := s.Image(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportClients(ctx, bundles); err == nil {
		return
	}
	after, err := s.Image(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Fatal("a failed import changed the vault image")
	}
	if len(blobs.files) != 0 {
		t.Fatalf("a failed import left %d sealed documents", len(blobs.files))
	}
}

// csvSeeds are client lists of every shape the reader knows.
var csvSeeds = []string{
	dutchList,
	"First name,Last name,Email,Date of birth,Status,End,Outcome\nAmal,Haddad,amal@example.org,2003-05-05,closed,2025-12-01,work\n",
	"naam\tgeboortedatum\nÖzlem Yılmaz\t14-09-2002\n",
	"voornaam,achternaam,geboortedatum\nÖzlem,Yılmaz-de Boer,2002-09-14\n", // already in the vault
	"id,first_name\n0123456789abcdef0123456789abcdef,Noor\n",
	"voornaam;status\n\"A;B\";afgewezen\n",
	"voornaam,geboortedatum,notities\nAn\x00na,0001-01-01,\"\x1b]0;x\a\"\n",
	"",
	"\ufeff",
}

// FuzzCSV runs the client-list reader alone, thousands of inputs a second:
// it never panics, every failure is a *CSVError, and every client it
// accepts passes the store's Validate — so no check of the store is left
// for the import to find.
func FuzzCSV(f *testing.F) {
	for _, seed := range csvSeeds {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, list string) {
		l, err := ReadClientList(strings.NewReader(list), "fuzz.csv", LangDutch)
		if err != nil {
			if _, ok := err.(*CSVError); !ok {
				t.Fatalf("not a CSVError: %T %v", err, err)
			}
			return
		}
		if len(l.Bundles) != len(l.Lines) {
			t.Fatal("bundles and lines differ")
		}
		for _, b := range l.Bundles {
			if err := b.Client.Validate(); err != nil {
				t.Fatalf("accepted a client the store refuses: %v", err)
			}
		}
	})
}

// FuzzCSVImport takes what the reader accepts on into a real caseload:
// a failed import leaves the image byte for byte as it was. Each input
// opens a caseload, so it runs at a few inputs a second; FuzzCSV is the
// fast one.
func FuzzCSVImport(f *testing.F) {
	for _, seed := range csvSeeds {
		f.Add(seed)
	}
	v := newFuzzVault(f)
	f.Fuzz(func(t *testing.T, list string) {
		l, err := ReadClientList(strings.NewReader(list), "fuzz.csv", LangDutch)
		if err != nil {
			return
		}
		v.tryImport(t, l.Bundles)
	})
}

// zipSeeds are dossiers: a full one, a plain small one, and damaged ones.
func zipSeeds(f *testing.F) [][]byte {
	s, _ := newStore(f)
	r := richClient(f, s)
	good, _ := exportZip(f, s, r.client.ID, Options{})
	small, _ := s.CreateClient(ctx, store.Client{FirstName: "Kim"})
	plain, _ := exportZip(f, s, small.ID, Options{Sealing: SealedNone})
	// Only what Read reads: the report, the schema and the CSV files would
	// make every input, and the minimising of each new one, several times
	// larger for nothing.
	good, plain = readOnly(f, good), readOnly(f, plain)
	return [][]byte{good, plain, stored(f, plain),
		editJSON(f, plain, func(m map[string]any) { delete(m["client"].(map[string]any), "status") }),
		editJSON(f, plain, func(m map[string]any) { m["client"].(map[string]any)["birth_date"] = "0001-01-01" }),
		[]byte("PK\x03\x04"), {}}
}

// stored rewrites a zip with every entry stored as it is and no CRC (a
// zip reader checks the CRC only when there is one): a mutation of a byte
// of dossier.json then still yields a zip, and reaches the field checks
// instead of dying at the checksum.
func stored(tb testing.TB, data []byte) []byte {
	files, names := unzip(tb, data)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		b := files[n]
		w, err := zw.CreateRaw(&zip.FileHeader{Name: n, Method: zip.Store,
			CompressedSize64: uint64(len(b)), UncompressedSize64: uint64(len(b))})
		must(tb, err)
		w.Write(b)
	}
	must(tb, zw.Close())
	return buf.Bytes()
}

// readOnly keeps the entries of a dossier zip that Read reads.
func readOnly(tb testing.TB, data []byte) []byte {
	return rezip(tb, data, func(name string, b []byte) []byte {
		if name == entryJSON || strings.HasPrefix(name, filesDir) {
			return b
		}
		return nil
	})
}

// FuzzDossierZip runs the dossier reader alone — zip, JSON, every field
// check, the documents' hashes — at thousands of inputs a second: it
// never panics, every failure is a *FormatError, and what it accepts
// holds nothing the store's Validate refuses by code (a control
// character, a size, a year). Opening a caseload per input, as this
// target once did, cost half a second an input and found nothing; that
// round trip is FuzzDossierImport's.
func FuzzDossierZip(f *testing.F) {
	for _, seed := range zipSeeds(f) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := Read(data)
		if err != nil {
			if _, ok := err.(*FormatError); !ok {
				t.Fatalf("not a FormatError: %T %v", err, err)
			}
			return
		}
		b := in.Bundle
		checks := []error{b.Client.Validate()}
		for _, r := range b.Records {
			r.ClientID = 1
			checks = append(checks, r.Validate())
		}
		for _, a := range b.Appointments {
			a.ClientID = 1
			checks = append(checks, a.Validate())
		}
		for _, d := range b.Documents {
			d.Attachment.ClientID = 1
			checks = append(checks, d.Attachment.Validate())
		}
		for _, err := range checks {
			var ve *store.ValidationError
			if errors.As(err, &ve) && ve.Code != "" {
				t.Fatalf("accepted what the store refuses: %v", err)
			}
		}
	})
}

// FuzzDossierImport takes what the reader accepts on into a real
// caseload: a failed import leaves the image byte for byte as it was and
// no sealed document behind. It opens a caseload per input (a few inputs
// a second); FuzzDossierZip is the fast one.
func FuzzDossierImport(f *testing.F) {
	for _, seed := range zipSeeds(f) {
		f.Add(seed)
	}
	v := newFuzzVault(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := Read(data)
		if err != nil {
			return
		}
		v.tryImport(t, []store.ClientBundle{in.Bundle})
	})
}
