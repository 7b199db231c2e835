package crypt

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// errSharing stands in for Windows' ERROR_SHARING_VIOLATION.
var errSharing = errors.New("injected sharing violation")

// busyFS is the real file system whose renames onto vault.age fail
// as on Windows while a scanner has the file open, fails times.
func busyFS(t *testing.T, fails int, slept *[]time.Duration) osFS {
	return osFS{
		rename: func(oldpath, newpath string) error {
			if filepath.Base(newpath) == vaultFile && fails != 0 {
				fails--
				if _, err := os.Stat(oldpath); err != nil {
					t.Errorf("the temp file is gone while the replace is retried: %v", err)
				}
				return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: errSharing}
			}
			return os.Rename(oldpath, newpath)
		},
		busy:  func(err error) bool { return errors.Is(err, errSharing) },
		sleep: func(d time.Duration) { *slept = append(*slept, d) },
	}
}

// TestSealRetriesABusyVaultFile: a replace refused because another
// program holds vault.age is retried, and the save goes through once it
// lets go.
func TestSealRetriesABusyVaultFile(t *testing.T) {
	var slept []time.Duration
	o := testOpts()
	o.fs = busyFS(t, 3, &slept)
	dir, v, _ := createVault(t, o)
	mustSeal(t, v, seqImage(1))
	mustSeal(t, v, seqImage(2))
	if len(slept) != 3 {
		t.Errorf("slept %d times, want 3", len(slept))
	}
	v.Close()
	if _, img := mustOpen(t, dir, nil); !bytes.Equal(img, seqImage(2)) {
		t.Error("the retried save is not in vault.age")
	}
}

// TestSealGivesUpOnAFileHeldOpen: a file held for longer than the bound
// fails the save with ErrFileBusy after about two seconds of waiting,
// vault.age as it was and no temp file left.
func TestSealGivesUpOnAFileHeldOpen(t *testing.T) {
	var slept []time.Duration
	o := testOpts()
	dir, v, _ := createVault(t, nil)
	mustSeal(t, v, seqImage(1))
	v.Close()
	o.fs = busyFS(t, -1, &slept)
	v, _ = mustOpen(t, dir, o)
	err := v.Seal(seqImage(2))
	if !errors.Is(err, ErrFileBusy) || !errors.Is(err, errSharing) {
		t.Fatalf("Seal while vault.age is held open: %v", err)
	}
	var total time.Duration
	for _, d := range slept {
		total += d
	}
	if total > replaceBound || total < replaceBound/4 || len(slept) < 5 {
		t.Errorf("waited %v in %d sleeps, want about %v", total, len(slept), replaceBound)
	}
	noTempFiles(t, dir)
	v.Close()
	if _, img := mustOpen(t, dir, nil); !bytes.Equal(img, seqImage(1)) {
		t.Error("vault.age changed")
	}
}
