package crypt

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sealElsewhere seals img with v's keys into a file outside the vault, as
// the same vault opened on another laptop would, and returns its path.
func sealElsewhere(t *testing.T, v *Vault, img []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "vault.age")
	var b bytes.Buffer
	if err := encrypt(&b, img, v.keys.recipients()...); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// conflicts returns the conflict files in dir.
func conflicts(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "vault.conflict-*.age"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// expectConflict seals img, which must be refused with ErrVaultChanged,
// leave vault.age as it is and land whole in a new conflict file.
func expectConflict(t *testing.T, dir string, v *Vault, img []byte) {
	t.Helper()
	before, _ := os.ReadFile(filepath.Join(dir, vaultFile))
	expectConflictLeaving(t, dir, v, img, before)
}

// expectConflictLeaving is expectConflict for a vault.age that may change
// during the Seal: afterwards it must hold want.
func expectConflictLeaving(t *testing.T, dir string, v *Vault, img, want []byte) {
	t.Helper()
	vaultPath := filepath.Join(dir, vaultFile)
	known := conflicts(t, dir)
	err := v.Seal(img)
	if !errors.Is(err, ErrVaultChanged) {
		t.Fatalf("Seal: %v, want ErrVaultChanged", err)
	}
	after, _ := os.ReadFile(vaultPath)
	if !bytes.Equal(want, after) {
		t.Fatal("Seal touched the changed vault.age")
	}
	found := conflicts(t, dir)
	if len(found) != len(known)+1 {
		t.Fatalf("conflict files: %v, then %v", known, found)
	}
	name := found[len(found)-1] // the newest: names sort by time
	if !strings.Contains(err.Error(), filepath.Base(name)) {
		t.Errorf("the error does not name the conflict file: %v", err)
	}
	if got := decryptFile(t, v, name); !bytes.Equal(got, img) {
		t.Error("the conflict file does not hold the save")
	}
	noTempFiles(t, dir)
}

func TestChangedOnDisk(t *testing.T) {
	dir, v, _ := createVault(t, nil)
	mustSeal(t, v, textImage(90_000, 1))
	vaultPath := filepath.Join(dir, vaultFile)

	// A sync tool brings the other laptop's save in by rename.
	theirs := textImage(95_000, 2)
	if err := os.Rename(sealElsewhere(t, v, theirs), vaultPath); err != nil {
		t.Fatal(err)
	}
	replaced := readBytes(t, vaultPath)
	expectConflict(t, dir, v, textImage(90_000, 3))
	// Every later save too, until the user sorts it out.
	expectConflict(t, dir, v, textImage(90_000, 4))
	if !bytes.Equal(readBytes(t, vaultPath), replaced) {
		t.Fatal("vault.age changed")
	}
	v.Close()
	_, got := mustOpen(t, dir, nil)
	if !bytes.Equal(got, theirs) {
		t.Fatal("vault.age no longer holds the synced save")
	}
}

func TestChangedInPlace(t *testing.T) {
	// Same file, same size, new bytes: only the hash can tell.
	dir, v, _ := createVault(t, nil)
	mustSeal(t, v, textImage(90_000, 1))
	vaultPath := filepath.Join(dir, vaultFile)
	theirs := readBytes(t, sealElsewhere(t, v, textImage(90_000, 2)))
	if len(theirs) != len(readBytes(t, vaultPath)) {
		t.Fatal("test setup: sizes differ")
	}
	f, err := os.OpenFile(vaultPath, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(theirs)
	f.Close()
	// Make sure the modification time moved even on a coarse clock.
	os.Chtimes(vaultPath, time.Now().Add(time.Hour), time.Now().Add(time.Hour))
	expectConflict(t, dir, v, textImage(90_000, 3))
}

func TestTouchedIsNotChanged(t *testing.T) {
	// A sync tool that rewrites the same bytes (new file, new time) is not
	// a conflict.
	dir, v, _ := createVault(t, nil)
	mustSeal(t, v, textImage(90_000, 1))
	vaultPath := filepath.Join(dir, vaultFile)
	copyPath := filepath.Join(dir, "copy")
	os.WriteFile(copyPath, readBytes(t, vaultPath), 0o600)
	os.Chtimes(copyPath, time.Now().Add(time.Hour), time.Now().Add(time.Hour))
	if err := os.Rename(copyPath, vaultPath); err != nil {
		t.Fatal(err)
	}
	mustSeal(t, v, textImage(90_000, 2))
	mustSeal(t, v, textImage(90_000, 3))
	if c := conflicts(t, dir); len(c) > 0 {
		t.Fatalf("conflict files: %v", c)
	}
}

func TestVaultFileDeleted(t *testing.T) {
	dir, v, _ := createVault(t, nil)
	mustSeal(t, v, textImage(1000, 1))
	os.Remove(filepath.Join(dir, vaultFile))
	expectConflict(t, dir, v, textImage(1000, 2))
	if _, err := os.Stat(filepath.Join(dir, vaultFile)); err == nil {
		t.Fatal("Seal recreated a vault.age someone deleted")
	}
}

func TestVaultFileAppeared(t *testing.T) {
	// A fresh vault never sealed; a sync tool brings a vault.age in.
	dir, v, _ := createVault(t, nil)
	if err := os.Rename(sealElsewhere(t, v, textImage(1000, 1)), filepath.Join(dir, vaultFile)); err != nil {
		t.Fatal(err)
	}
	expectConflict(t, dir, v, textImage(1000, 2))
}

func TestChangedWhileSaving(t *testing.T) {
	// The sync tool strikes between the check and the backup: the file set
	// aside is then not the one this vault saw, and the save becomes a
	// conflict instead of overwriting it.
	for _, noLink := range []bool{false, true} {
		ff := &faultFS{noLink: noLink}
		o := testOpts()
		o.fs = ff
		dir, v, _ := createVault(t, o)
		mustSeal(t, v, textImage(1000, 1))
		theirs := sealElsewhere(t, v, textImage(2000, 2))
		swapped := readBytes(t, theirs)
		trigger := "link"
		if noLink {
			trigger = "open:" + vaultFile // the copy starts
		}
		ff.before = func(op string) {
			if op == trigger {
				ff.before = nil
				if err := os.Rename(theirs, filepath.Join(dir, vaultFile)); err != nil {
					t.Error(err)
				}
			}
		}
		expectConflictLeaving(t, dir, v, textImage(1000, 3), swapped)
	}
}

func TestCoarseClock(t *testing.T) {
	// A clock that never moves (or moves in coarse ticks) must not make
	// one backup or conflict file overwrite another.
	at := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	o := testOpts()
	o.now = func() time.Time { return at }
	dir, v, _ := createVault(t, o)
	for i := range 4 {
		mustSeal(t, v, textImage(1000, i))
	}
	list, err := v.Backups()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 3 {
		t.Fatalf("%d backups, want 3", len(list))
	}
	for i, b := range list {
		if got := decryptFile(t, v, b.Path); !bytes.Equal(got, textImage(1000, 2-i)) {
			t.Errorf("backup %d holds another generation", i)
		}
	}
	os.Remove(filepath.Join(dir, vaultFile))
	expectConflict(t, dir, v, textImage(1000, 10))
	expectConflict(t, dir, v, textImage(1000, 11))
}

// TestFingerprintOfWrittenFile holds the two ways of taking a fingerprint
// to the same answer: from the bytes as Seal wrote them, through buffers
// of any size, and from the file read back at its two ends. Were they to
// differ, every save after a sync tool's identical rewrite would be taken
// for a conflict.
func TestFingerprintOfWrittenFile(t *testing.T) {
	dir := t.TempDir()
	const span = fingerprintSpan
	for _, size := range []int{1, 100, span - 1, span, span + 1, 2*span - 1, 2 * span, 2*span + 1, 3<<20 + 7} {
		data := textImage(size, size)
		for _, buf := range []int{1000, span, 1 << 20} {
			w, err := writeTemp(osFS{}, dir, vaultTemp, buf, func(w io.Writer) error {
				_, err := w.Write(data)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			sum, _, err := fingerprintFile(osFS{}, w.name)
			if err != nil {
				t.Fatal(err)
			}
			if sum != w.sum {
				t.Errorf("%d bytes through %d-byte buffers: fingerprint as written differs from the file's", size, buf)
			}
			f, err := os.Open(w.name)
			if err != nil {
				t.Fatal(err)
			}
			head, tail, err := readEnds(f, int64(size))
			if err != nil {
				t.Fatal(err)
			}
			// Reads through the ends held in memory give the file itself,
			// across both seams.
			r := &endsReaderAt{f: f, size: int64(size), head: head, tail: tail}
			for _, off := range []int{0, size / 3, max(0, size-span-5), size - 1} {
				got := make([]byte, min(size-off, span+10))
				n, err := r.ReadAt(got, int64(off))
				if err != nil && err != io.EOF {
					t.Fatal(err)
				}
				if !bytes.Equal(got[:n], data[off:off+n]) || n != len(got) {
					t.Errorf("%d bytes: ReadAt(%d) gave other bytes", size, off)
				}
			}
			f.Close()
			os.Remove(w.name)
		}
	}
}

// TestSameSizeOtherSealIsChanged is the case the fingerprint exists for: a
// sync tool puts another seal of the same length in place with the same
// modification time, and the save must still go aside.
func TestSameSizeOtherSealIsChanged(t *testing.T) {
	dir, v, _ := createVault(t, nil)
	img := textImage(1<<20, 3)
	mustSeal(t, v, img)
	path := filepath.Join(dir, vaultFile)
	before, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	other := sealElsewhere(t, v, img) // the same image sealed again: same size, other header
	data, err := os.ReadFile(other)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil { // in place: same file
		t.Fatal(err)
	}
	if err := os.Chtimes(path, before.ModTime(), before.ModTime()); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.Stat(path); after.Size() != before.Size() {
		t.Fatalf("sizes differ: %d and %d", before.Size(), after.Size())
	}
	expectConflict(t, dir, v, img)
}
