package crypt

import (
	"bytes"
	"errors"
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
