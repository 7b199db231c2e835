package crypt

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
)

// encChunk is an age payload chunk on disk: 64 KiB and a 16-byte tag.
const encChunk = 64<<10 + 16

// headerEnd returns the length of an age file's header (through the MAC
// line).
func headerEnd(t *testing.T, data []byte) int {
	t.Helper()
	i := bytes.Index(data, []byte("\n--- "))
	if i < 0 {
		t.Fatal("no header MAC line")
	}
	j := bytes.IndexByte(data[i+1:], '\n')
	return i + 1 + j + 1
}

// expectOpenFails replaces name in the vault folder with data, checks that
// Open fails with want and writes nothing, and puts the original back.
func expectOpenFails(t *testing.T, dir, name string, data []byte, want error, what string) {
	t.Helper()
	path := filepath.Join(dir, name)
	orig := readBytes(t, path)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	v, img, err := Open(dir, testPass, testOpts())
	if err == nil {
		v.Close()
	}
	if !errors.Is(err, want) {
		t.Errorf("%s: Open = %v, want %v", what, err, want)
	}
	if img != nil {
		t.Errorf("%s: Open returned an image with its error", what)
	}
	sameSnapshot(t, before, snapshot(t, dir))
	if err := os.WriteFile(path, orig, 0o600); err != nil {
		t.Fatal(err)
	}
}

// rebase64 replaces the base64 character at i with another one.
func rebase64(data []byte, i int) []byte {
	c := bytes.Clone(data)
	if c[i] == 'A' {
		c[i] = 'B'
	} else {
		c[i] = 'A'
	}
	return c
}

func flip(data []byte, i int) []byte {
	c := bytes.Clone(data)
	c[i] ^= 0x01
	return c
}

func TestTamperedVault(t *testing.T) {
	t.Parallel()
	dir, v, _ := createVault(t, nil)
	// Three chunks: two full, one partial.
	img := textImage(2*(64<<10)+20_000, 10)
	mustSeal(t, v, img)
	v.Close()
	data := readBytes(t, filepath.Join(dir, vaultFile))
	hdr := headerEnd(t, data)
	payload := hdr + 16 // after the nonce
	if want := payload + 3*encChunk - (64<<10 - 20_000); len(data) != want {
		t.Fatalf("vault.age is %d bytes, want %d", len(data), want)
	}

	// Header: the intro, every stanza line, the tag, the MAC, and a sample
	// of the base64 bodies. Whether a flip hits our key stanza, the
	// recovery stanza, the tag or the MAC, the answer is ErrDamaged.
	positions := []int{0, 5, len(ageIntro) - 1, hdr - 2, hdr - 1}
	for i := 0; i < hdr; i++ {
		if data[i] == '\n' && i+1 < hdr {
			positions = append(positions, i, i+1, i+3, i+4, i+10)
		}
	}
	for i := 0; i < hdr; i += 151 {
		positions = append(positions, i)
	}
	for _, i := range positions {
		expectOpenFails(t, dir, vaultFile, flip(data, i), ErrDamaged, fmt.Sprintf("header byte %d flipped", i))
	}

	// Body: the nonce, each chunk, the last tag.
	for _, i := range []int{hdr, hdr + 15, payload, payload + 1000, payload + encChunk - 1,
		payload + encChunk + 5, payload + 2*encChunk + 100, len(data) - 1} {
		expectOpenFails(t, dir, vaultFile, flip(data, i), ErrDamaged, fmt.Sprintf("body byte %d flipped", i))
	}

	// Truncation at the chunk boundaries (where STREAM's last-chunk flag is
	// all that tells a cut file from a whole one) and off them.
	cuts := []int{0, 1, len(ageIntro), hdr / 2, hdr - 1, hdr, payload, payload + 1}
	for k := 1; k <= 2; k++ {
		b := payload + k*encChunk
		cuts = append(cuts, b-17, b-16, b-1, b, b+1, b+16, b+17)
	}
	cuts = append(cuts, len(data)-1)
	for _, n := range cuts {
		expectOpenFails(t, dir, vaultFile, data[:n], ErrDamaged, fmt.Sprintf("cut to %d bytes", n))
	}
	// Trailing junk.
	expectOpenFails(t, dir, vaultFile, append(bytes.Clone(data), 0), ErrDamaged, "one byte appended")
	expectOpenFails(t, dir, vaultFile, append(bytes.Clone(data), make([]byte, encChunk)...), ErrDamaged, "a chunk appended")

	// A stray plaintext file: damaged, and the error quotes none of it.
	plain := []byte("SQLite format 3\x00 Jansje de Vries, BSN 123456782\n")
	path := filepath.Join(dir, vaultFile)
	orig := readBytes(t, path)
	os.WriteFile(path, plain, 0o600)
	_, _, err := Open(dir, testPass, testOpts())
	if !errors.Is(err, ErrDamaged) || strings.Contains(err.Error(), "Jansje") || strings.Contains(err.Error(), "SQLite") {
		t.Errorf("plaintext vault.age: %v", err)
	}
	os.WriteFile(path, orig, 0o600)

	// The untouched file still opens.
	_, got := mustOpen(t, dir, nil)
	if !bytes.Equal(got, img) {
		t.Fatal("image differs after the tamper tests")
	}
}

func TestSwappedVault(t *testing.T) {
	dir, v, _ := createVault(t, nil)
	mustSeal(t, v, textImage(100_000, 11))
	v.Close()

	// Another vault's vault.age, with the same passphrase even.
	otherDir, other, _ := createVault(t, nil)
	mustSeal(t, other, textImage(100_000, 12))
	other.Close()
	foreign := readBytes(t, filepath.Join(otherDir, vaultFile))
	expectOpenFails(t, dir, vaultFile, foreign, ErrNotVault, "another vault's vault.age")

	// A plain age file for someone else.
	id, err := age.GenerateHybridIdentity()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := encrypt(&b, []byte("hello"), id.Recipient()); err != nil {
		t.Fatal(err)
	}
	expectOpenFails(t, dir, vaultFile, b.Bytes(), ErrNotVault, "someone's age file")

	// Another vault's identity.age with our passphrase opens, but its key
	// does not fit our vault.age.
	expectOpenFails(t, dir, identityFile, readBytes(t, filepath.Join(otherDir, identityFile)),
		ErrNotVault, "another vault's identity.age")
}

func TestTamperedIdentity(t *testing.T) {
	dir, v, _ := createVault(t, nil)
	mustSeal(t, v, textImage(1000, 13))
	v.Close()
	data := readBytes(t, filepath.Join(dir, identityFile))
	hdr := headerEnd(t, data)
	if !bytes.HasPrefix(data[len(ageIntro):], []byte("-> scrypt ")) {
		t.Fatalf("identity.age does not start with an scrypt stanza: %q", data[:hdr])
	}
	if !bytes.Contains(data[:hdr], []byte(fmt.Sprintf(" %d\n", testWorkFactor))) {
		t.Errorf("identity.age is not sealed at work factor %d: %q", testWorkFactor, data[:hdr])
	}

	stanzaBody := bytes.IndexByte(data[len(ageIntro):], '\n') + len(ageIntro) + 1
	// The scrypt stanza: its AEAD is not key-committing, so a changed salt
	// or body reads as a wrong passphrase. Documented on ErrWrongPassphrase.
	// (A changed base64 character, still valid base64: an invalid one is
	// caught by the parser and reads as damage.)
	expectOpenFails(t, dir, identityFile, rebase64(data, stanzaBody+3), ErrWrongPassphrase, "scrypt body changed")
	expectOpenFails(t, dir, identityFile, rebase64(data, len(ageIntro)+12), ErrWrongPassphrase, "scrypt salt changed")
	// The MAC and the payload.
	expectOpenFails(t, dir, identityFile, flip(data, hdr-3), ErrDamaged, "MAC flipped")
	expectOpenFails(t, dir, identityFile, flip(data, hdr+20), ErrDamaged, "payload flipped")
	expectOpenFails(t, dir, identityFile, flip(data, len(data)-1), ErrDamaged, "last byte flipped")
	for _, n := range []int{0, 10, hdr, hdr + 16, len(data) - 1} {
		expectOpenFails(t, dir, identityFile, data[:n], classOfCut(n), fmt.Sprintf("cut to %d bytes", n))
	}

	// Not ours at all.
	expectOpenFails(t, dir, identityFile, []byte("AGE-SECRET-KEY-PQ-1…\n"), ErrNotVault, "a plain key file")
	id, err := age.GenerateHybridIdentity()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := encrypt(&b, []byte("hello"), id.Recipient()); err != nil {
		t.Fatal(err)
	}
	expectOpenFails(t, dir, identityFile, b.Bytes(), ErrNotVault, "an age file sealed to a key")
	b.Reset()
	r, _ := age.NewScryptRecipient(testPass)
	r.SetWorkFactor(testWorkFactor)
	if err := encrypt(&b, []byte("boodschappen: melk, brood\n"), r); err != nil {
		t.Fatal(err)
	}
	expectOpenFails(t, dir, identityFile, b.Bytes(), ErrNotVault, "another file sealed with the passphrase")
	// A work factor beyond the cap is refused before any scrypt work.
	heavy := bytes.Replace(data, fmt.Appendf(nil, " %d\n", testWorkFactor), fmt.Appendf(nil, " %d\n", maxWorkFactor+1), 1)
	expectOpenFails(t, dir, identityFile, heavy, ErrDamaged, "a work factor beyond the cap")
}

// classOfCut is the class of an identity.age cut to n bytes: too short to
// even be age is not ours; cut anywhere after the intro, it is damaged.
func classOfCut(n int) error {
	if n < len(ageIntro) {
		return ErrNotVault
	}
	return ErrDamaged
}
