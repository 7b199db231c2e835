package crypt

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"filippo.io/age"
)

// Fuzz targets for the readers of crypt that take bytes from disk the
// vault folder's owner may not have written: a journal entry's head and
// name, vault.age's header and body, and a dossier file handed in for
// import. identity.age has FuzzOpenSmall and FuzzParseKeys, a backup
// FuzzUnpackArchive.

// FuzzParseEntry: a journal entry's head (after age authenticated it,
// still the bytes of whichever device wrote it) never panics, and what it
// accepts writes back to the same head and change.
func FuzzParseEntry(f *testing.F) {
	h := entryHead{device: "0123456789ab", seq: 7, gen: 42}
	h.snapshot[0], h.prev[31] = 1, 2
	f.Add(marshalEntry(h, []byte("a change")))
	f.Add(marshalEntry(h, nil))
	f.Add([]byte(journalMagic + "\ndevice x\nseq 1\nsnapshot 00\nprev 00\ngen 1\n\n"))
	f.Add([]byte(journalMagic + "\n\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		h, change, err := parseEntry(b)
		if err != nil {
			if !errors.Is(err, errEntry) {
				t.Fatalf("not errEntry: %v", err)
			}
			return
		}
		h2, change2, err := parseEntry(marshalEntry(h, change))
		if err != nil || h2 != h || !bytes.Equal(change2, change) {
			t.Fatalf("accepted a head that does not write back: %+v → %+v, %v", h, h2, err)
		}
	})
}

// FuzzParseEntryName: a name in journal/ (a sync tool may put anything
// there) never panics, and what it accepts names the entry it says.
func FuzzParseEntryName(f *testing.F) {
	f.Add(entryName("0123456789ab", 1))
	f.Add("a-b-0000000003.age")
	f.Add("-1.age")
	f.Add("x-0.age")
	f.Fuzz(func(t *testing.T, name string) {
		device, seq, ok := parseEntryName(name)
		if !ok {
			return
		}
		if device == "" || seq == 0 {
			t.Fatalf("%q accepted as device %q, seq %d", name, device, seq)
		}
		if d, s, ok := parseEntryName(entryName(device, seq)); !ok || d != device || s != seq {
			t.Fatalf("%q: %q %d does not name itself", name, device, seq)
		}
	})
}

// FuzzVaultFile: vault.age as read at open — the header, the vault tag in
// it, every chunk — never panics, yields an image only when the whole
// file authenticated, and an error that never quotes the file before its
// header parsed (the first line of a stray file could be client data).
func FuzzVaultFile(f *testing.F) {
	dir, v, _ := createVault(f, nil)
	mustSeal(f, v, []byte("caseload fuzz seed image, a few words"))
	sealed, err := os.ReadFile(filepath.Join(dir, vaultFile))
	if err != nil {
		f.Fatal(err)
	}
	id := v.keys.identity
	f.Add(sealed)
	f.Add(sealed[:len(sealed)-1])
	f.Add(sealed[:len(sealed)/2])
	f.Add([]byte(ageIntro + "\n-> X25519 abc\nxyz\n--- 00\n"))
	f.Add([]byte("Noor Jansen, 12 Kerkstraat\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := &probe{Identity: id}
		image, err := decryptImage(bytes.NewReader(data), int64(len(data)), p, nil)
		if err == nil {
			// Only the sealed seed, or a reframing of it age accepts, opens.
			if !bytes.Equal(image, []byte("caseload fuzz seed image, a few words")) {
				t.Fatalf("an image nobody sealed opened: %q", image)
			}
			return
		}
		if image != nil {
			t.Fatal("an image with an error")
		}
		if msg := damaged(err, p).Error(); !p.called && strings.Contains(msg, string(data)) && len(data) > 8 {
			t.Fatalf("the error quotes the file: %s", msg)
		}
	})
}

// FuzzOpenExport: a dossier file handed to import — plain zip or age,
// with a passphrase or a key — never panics, and opens with a key only
// when it was sealed to it.
func FuzzOpenExport(f *testing.F) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		f.Fatal(err)
	}
	const pass = "fuzz-paard-tafel-wolk-steen-rivier"
	for _, k := range []ExportKey{{Passphrase: pass, WorkFactor: 1}, {Recipients: id.Recipient().String()}, {Plain: true}} {
		var b bytes.Buffer
		w, err := SealExport(&b, k)
		if err != nil {
			f.Fatal(err)
		}
		w.Write(zipLike[:200])
		if err := w.Close(); err != nil {
			f.Fatal(err)
		}
		f.Add(b.Bytes())
	}
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, m := range scryptStanza.FindAllSubmatch(data, -1) {
			if n, err := strconv.Atoi(string(m[1])); err != nil || n > testWorkFactor {
				return // a work factor up to 22 is age's bound, tested elsewhere; here it only costs time
			}
		}
		sealing, err := ExportSealingOf(data)
		if err != nil {
			return
		}
		got, err := OpenExport(data, pass, id.String())
		if err == nil && sealing != SealedPlain && len(got) > 0 && !bytes.Equal(got, zipLike[:len(got)]) {
			t.Fatalf("opened to bytes nobody sealed: %q", got)
		}
	})
}

// lowerFuzzMinimize gives this package's fuzz targets a minimising budget
// of ten tries unless -fuzzminimizetime says otherwise. Go's default, a
// minute per input that finds new coverage, removes bytes in every
// combination while fuzzing stands still; an age file (MACs) or a tar
// (checksums) never survives that, so the minute is always spent:
// FuzzVaultFile ran 8 inputs in its first 12 s. The same choice, and the
// figures, for store/dossier: its main_test.go.
func lowerFuzzMinimize() {
	flag.Parse()
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.fuzzminimizetime" })
	if !given {
		if err := flag.Set("test.fuzzminimizetime", "10x"); err != nil {
			panic(err)
		}
	}
}

// FuzzCheckRecipients: a pasted public key (a mail, a chat) never panics
// the check, and a refusal never quotes what was pasted: it may be
// anything the coach had on the clipboard.
func FuzzCheckRecipients(f *testing.F) {
	id, _ := age.GenerateX25519Identity()
	f.Add(id.Recipient().String())
	f.Add("# a comment\n " + id.Recipient().String() + " \r\n")
	f.Add("age1pq1notakey")
	f.Add("Noor Jansen 0612345678")
	f.Fuzz(func(t *testing.T, s string) {
		err := CheckRecipients(s)
		if err == nil {
			return
		}
		if !errors.Is(err, ErrBadRecipient) {
			t.Fatalf("not ErrBadRecipient: %v", err)
		}
		for line := range strings.Lines(s) {
			if l := strings.TrimSpace(line); len(l) >= 8 && strings.Contains(err.Error(), l) {
				t.Fatalf("the error quotes the paste: %v", err)
			}
		}
	})
}

// FuzzParseBackupName: names in backups/ (a sync tool may put anything
// there) never panic, and what is taken for a generation names itself.
func FuzzParseBackupName(f *testing.F) {
	f.Add("vault-20261207T000148.446821801Z.age")
	f.Add("vault-20261207T000148.446821801Z.refs.age")
	f.Add("vault-.age")
	f.Fuzz(func(t *testing.T, name string) {
		at, ok := parseBackupName(name)
		if !ok {
			return
		}
		if again, ok := parseBackupName(backupName(at)); !ok || !again.Equal(at) {
			t.Fatalf("%q: %v does not name itself", name, at)
		}
	})
}
