package crypt

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"filippo.io/age"
)

// stanzaRecorder records the hybrid stanzas of a header and opens nothing.
type stanzaRecorder struct{ args []string }

func (r *stanzaRecorder) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	for _, s := range stanzas {
		if s.Type == "mlkem768x25519" && len(s.Args) == 1 {
			r.args = append(r.args, s.Args[0])
		}
	}
	return nil, age.ErrIncorrectIdentity
}

// waitAhead waits until the next entry's encapsulations are drawn.
func waitAhead(t *testing.T, v *Vault) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		ready := len(v.keys.ahead) == 2
		for _, a := range v.keys.ahead {
			a.mu.Lock()
			ready = ready && a.sender != nil
			a.mu.Unlock()
		}
		if ready {
			return
		}
	}
	t.Fatal("no encapsulation was drawn ahead")
}

// An entry whose hybrid stanzas were encapsulated ahead of its save is a
// standard age file all the same: the vault key and the recovery key open
// it through their own stanzas, with age's own identities and with the
// age command. And an encapsulation serves one stanza of one entry, never
// two: every entry's stanzas are new.
func TestEntriesEncapsulatedAheadAreStandardAge(t *testing.T) {
	dir, v, rk := createVault(t, nil)
	mustSeal(t, v, seqImage(1))
	recovery, err := age.ParseHybridIdentity(rk)
	if err != nil {
		t.Fatal(err)
	}
	ageBin, _ := exec.LookPath("age")
	seen := map[string]bool{}
	const entries = 5
	for i := range entries {
		if i > 0 {
			waitAhead(t, v)
		}
		appendN(t, v, i+1, 1)
		name := filepath.Join(dir, journalDir, v.chain[len(v.chain)-1].name)
		data := readBytes(t, name)
		want := []byte("change " + string(rune('2'+i)))
		for _, id := range []age.Identity{v.keys.identity, recovery} {
			plain, err := decryptAll(data, id)
			if err != nil {
				t.Fatalf("entry %d: %v", i+1, err)
			}
			if _, change, err := parseEntry(plain); err != nil || !bytes.Equal(change, want) {
				t.Fatalf("entry %d reads %q, %v", i+1, change, err)
			}
		}
		if ageBin != "" {
			keyFile := filepath.Join(t.TempDir(), "key.txt")
			if err := os.WriteFile(keyFile, []byte(rk+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(ageBin, "-d", "-i", keyFile, name).Output()
			if _, change, perr := parseEntry(out); err != nil || perr != nil || !bytes.Equal(change, want) {
				t.Fatalf("age -d with the recovery key, entry %d: %q, %v, %v", i+1, change, err, perr)
			}
		}
		hdr, err := age.ExtractHeader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		rec := &stanzaRecorder{}
		age.DecryptHeader(hdr, rec)
		if len(rec.args) != 2 {
			t.Fatalf("entry %d has %d hybrid stanzas, want 2", i+1, len(rec.args))
		}
		for _, a := range rec.args {
			if seen[a] {
				t.Fatalf("entry %d reuses an encapsulation", i+1)
			}
			seen[a] = true
		}
	}
	drawn := 0
	for _, a := range v.keys.ahead {
		drawn += a.drawn
	}
	if drawn != 2*(entries-1) {
		t.Fatalf("%d stanzas used an encapsulation drawn ahead, want %d", drawn, 2*(entries-1))
	}
}
