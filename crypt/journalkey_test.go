package crypt

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"filippo.io/age"
)

// countingIdentity counts the unwrappings it is asked for.
type countingIdentity struct {
	age.Identity
	calls int
}

func (c *countingIdentity) Unwrap(s []*age.Stanza) ([]byte, error) {
	c.calls++
	return c.Identity.Unwrap(s)
}

// An entry opens through the journal key alone, without the hybrid
// stanza's ML-KEM decapsulation: what made an unlock with 500 entries
// waiting cost seconds.
func TestJournalEntriesOpenWithTheJournalKey(t *testing.T) {
	dir, v, _ := createVault(t, nil)
	mustSeal(t, v, seqImage(1))
	appendN(t, v, 1, 3)
	jk := slices.Clone(v.keys.key.journal)
	// The identities an open uses, with the hybrid one counted. (age
	// tries its own identity types first, whatever the order given: the
	// counting wrapper is not one, so the test sees what the open does
	// only because entryIdentities hides the hybrid identity too.)
	ids := v.keys.entryIdentities()
	if len(ids) != 1 {
		t.Fatalf("%d identities for an entry; age would try a hybrid one before the journal key", len(ids))
	}
	if _, native := ids[0].(*age.HybridIdentity); native {
		t.Fatal("entries are opened with the hybrid identity itself, which age tries first")
	}
	hybrid := &countingIdentity{Identity: v.keys.identity}
	changes, err := v.readJournal(journalFirst{jk, hybrid})
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 3 || string(changes[2]) != "change 4" {
		t.Fatalf("read %q", changes)
	}
	if hybrid.calls != 0 {
		t.Fatalf("the hybrid identity unwrapped %d entries; the journal key should have opened them all", hybrid.calls)
	}
	// The same key after the vault is opened again: it is derived from
	// the vault key, not kept anywhere.
	v.Close()
	v, _ = mustOpen(t, dir, nil)
	if !bytes.Equal(v.keys.key.journal, jk) {
		t.Fatal("the journal key changed between opens")
	}
	if got := replayed(v); !slices.Equal(got, []string{"change 2", "change 3", "change 4"}) {
		t.Fatalf("replay %q", got)
	}
	// Closing wipes it with the seed.
	held := v.keys.key.journal
	v.Close()
	if !bytes.Equal(held, make([]byte, len(held))) {
		t.Fatal("the journal key survived Close")
	}
}

// Each entry stays a standard age file: the vault key and the recovery
// key open it through their own stanzas, and the journal stanza unwraps
// the same file key as the hybrid one.
func TestJournalEntryIsStandardAge(t *testing.T) {
	dir, v, rk := createVault(t, nil)
	mustSeal(t, v, seqImage(1))
	appendN(t, v, 1, 1)
	name := filepath.Join(dir, journalDir, v.chain[0].name)
	data := readBytes(t, name)
	recovery, err := age.ParseHybridIdentity(rk)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []age.Identity{v.keys.identity, recovery} {
		plain, err := decryptAll(data, id)
		if err != nil {
			t.Fatal(err)
		}
		if _, change, err := parseEntry(plain); err != nil || string(change) != "change 2" {
			t.Fatalf("entry reads %q, %v", change, err)
		}
	}
	// And the age command itself, where it is installed (CI installs it
	// for scripts/recovery-check), with either key.
	if bin, err := exec.LookPath("age"); err == nil {
		for what, key := range map[string][]byte{"vault": v.keys.key.appendText(nil), "recovery": []byte(rk)} {
			keyFile := filepath.Join(t.TempDir(), "key.txt")
			if err := os.WriteFile(keyFile, append(key, '\n'), 0o600); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(bin, "-d", "-i", keyFile, name).Output()
			if err != nil {
				t.Fatalf("age -d with the %s key: %v", what, err)
			}
			if _, change, err := parseEntry(out); err != nil || string(change) != "change 2" {
				t.Fatalf("age -d with the %s key reads %q, %v", what, change, err)
			}
		}
	}
	hdr, err := age.ExtractHeader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	viaJournal, err := age.DecryptHeader(hdr, v.keys.key.journal)
	if err != nil {
		t.Fatal(err)
	}
	viaHybrid, err := age.DecryptHeader(hdr, v.keys.identity)
	if err != nil || !bytes.Equal(viaJournal, viaHybrid) {
		t.Fatalf("the journal stanza gives another file key (%v)", err)
	}
	// Another vault's journal key opens nothing here, and says so in the
	// way that lets the next identity try.
	_, other, _ := createVault(t, nil)
	if _, err := age.DecryptHeader(hdr, other.keys.key.journal); !errors.Is(err, age.ErrIncorrectIdentity) {
		t.Fatalf("another vault's journal key: %v", err)
	}
	// Two entries never share a file key or a stanza.
	appendN(t, v, 2, 1)
	hdr2, _ := age.ExtractHeader(bytes.NewReader(readBytes(t, filepath.Join(dir, journalDir, v.chain[1].name))))
	key2, err := age.DecryptHeader(hdr2, v.keys.key.journal)
	if err != nil || bytes.Equal(key2, viaJournal) {
		t.Fatalf("two entries share a file key (%v)", err)
	}
}

// Entries written before the journal key (no journal stanza) still open,
// through the hybrid stanza.
func TestJournalEntriesWithoutJournalStanzaOpen(t *testing.T) {
	dir, v, _ := createVault(t, nil)
	mustSeal(t, v, seqImage(1))
	jk := v.keys.key.journal
	v.keys.key.journal = nil // as caseload wrote entries before
	appendN(t, v, 1, 2)
	v.keys.key.journal = jk
	hdr, _ := age.ExtractHeader(bytes.NewReader(readBytes(t, filepath.Join(dir, journalDir, v.chain[0].name))))
	if _, err := age.DecryptHeader(hdr, jk); err == nil {
		t.Fatal("an entry written without the journal key opened with it")
	}
	appendN(t, v, 3, 1) // and one with it, after them
	v.Close()
	v, _ = mustOpen(t, dir, nil)
	if got := replayed(v); !slices.Equal(got, []string{"change 2", "change 3", "change 4"}) {
		t.Fatalf("replay %q", got)
	}
}
