package dossier

import (
	"bytes"
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

func FuzzCSV(f *testing.F) {
	for _, seed := range []string{
		dutchList,
		"First name,Last name,Email,Date of birth,Status,End,Outcome\nAmal,Haddad,amal@example.org,2003-05-05,closed,2025-12-01,work\n",
		"naam\tgeboortedatum\nÖzlem Yılmaz\t14-09-2002\n",
		"voornaam,achternaam,geboortedatum\nÖzlem,Yılmaz-de Boer,2002-09-14\n", // already in the vault
		"id,first_name\n0123456789abcdef0123456789abcdef,Noor\n",
		"voornaam;status\n\"A;B\";afgewezen\n",
		"",
		"\ufeff",
	} {
		f.Add(seed)
	}
	v := newFuzzVault(f)
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
		v.tryImport(t, l.Bundles)
	})
}

func FuzzDossierZip(f *testing.F) {
	s, _ := newStore(f)
	r := richClient(f, s)
	good, _ := exportZip(f, s, r.client.ID, Options{})
	small, _ := s.CreateClient(ctx, store.Client{FirstName: "Kim"})
	plain, _ := exportZip(f, s, small.ID, Options{Sealing: SealedNone})
	f.Add(good)
	f.Add(plain)
	f.Add(editJSON(f, plain, func(m map[string]any) { delete(m["client"].(map[string]any), "status") }))
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	v := newFuzzVault(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := Read(data)
		if err != nil {
			if _, ok := err.(*FormatError); !ok {
				t.Fatalf("not a FormatError: %T %v", err, err)
			}
			return
		}
		v.tryImport(t, []store.ClientBundle{in.Bundle})
	})
}
