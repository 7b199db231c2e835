package crypt

import (
	"bufio"
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"filippo.io/age"
)

func TestRoundTrip(t *testing.T) {
	dir, v, rk := createVault(t, nil)
	if !strings.HasPrefix(rk, "AGE-SECRET-KEY-PQ-1") {
		t.Fatalf("recovery key %.20q… is not a hybrid age identity", rk)
	}
	if _, err := os.Stat(filepath.Join(dir, vaultFile)); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("vault.age exists before the first Seal: %v", err)
	}
	if ok, err := Exists(dir); !ok || err != nil {
		t.Fatalf("Exists = %v, %v", ok, err)
	}
	if v.Dir() != dir {
		t.Errorf("Dir = %q, want %q", v.Dir(), dir)
	}
	v.Close()

	// A vault never sealed opens to a nil image.
	v, img := mustOpen(t, dir, nil)
	if img != nil {
		t.Fatalf("fresh vault opened to %d bytes", len(img))
	}
	want := textImage(300_000, 1)
	mustSeal(t, v, want)
	v.Close()

	_, got := mustOpen(t, dir, nil)
	if !bytes.Equal(got, want) {
		t.Fatal("image differs after a round trip")
	}

	if runtime.GOOS != "windows" {
		modes := map[string]fs.FileMode{"": 0o700, vaultFile: 0o600, identityFile: 0o600, lockName: 0o600}
		for name, want := range modes {
			info, err := os.Stat(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			if got := info.Mode().Perm(); got != want {
				t.Errorf("%q has mode %v, want %v", name, got, want)
			}
		}
	}
}

func TestRecipientsOfVaultFile(t *testing.T) {
	// vault.age opens with the recovery key alone, through plain age, and
	// carries no public key in the clear.
	dir, v, rk := createVault(t, nil)
	img := textImage(1000, 2)
	mustSeal(t, v, img)
	data := readBytes(t, filepath.Join(dir, vaultFile))
	id, err := age.ParseHybridIdentity(rk)
	if err != nil {
		t.Fatal(err)
	}
	r, err := age.Decrypt(bytes.NewReader(data), id)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if _, err := got.ReadFrom(r); err != nil || !bytes.Equal(got.Bytes(), img) {
		t.Fatalf("plain age with the recovery key: %v", err)
	}
	for _, pub := range []string{v.keys.identity.Recipient().String(), v.keys.recovery.String()} {
		if bytes.Contains(data, []byte(pub)) {
			t.Error("vault.age holds a public key in the clear")
		}
	}
}

func TestWrongPassphrase(t *testing.T) {
	dir, v, _ := createVault(t, nil)
	mustSeal(t, v, textImage(1000, 3))
	v.Close()
	before := snapshot(t, dir)
	for _, p := range []string{"gerrit plant tulpen in de herfst", "", testPass + " "} {
		if _, _, err := Open(dir, p, testOpts()); !errors.Is(err, ErrWrongPassphrase) {
			t.Errorf("Open with %q: %v, want ErrWrongPassphrase", p, err)
		}
	}
	sameSnapshot(t, before, snapshot(t, dir))
	mustOpen(t, dir, nil) // the lock was released
}

func TestOpenWithoutVault(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := Open(dir, testPass, testOpts()); !errors.Is(err, ErrNoVault) {
		t.Fatalf("Open of an empty folder: %v, want ErrNoVault", err)
	}
	if _, _, err := Open(filepath.Join(dir, "missing"), testPass, testOpts()); !errors.Is(err, ErrNoVault) {
		t.Fatalf("Open of a missing folder: %v, want ErrNoVault", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("Open wrote into a folder without a vault: %v", entries)
	}
	if ok, err := Exists(dir); ok || err != nil {
		t.Errorf("Exists = %v, %v", ok, err)
	}
}

func TestCreateRefusesExistingVault(t *testing.T) {
	dir, v, _ := createVault(t, nil)
	if _, _, err := Create(dir, testPass, testOpts()); !errors.Is(err, ErrVaultExists) {
		t.Fatalf("Create over an open vault: %v, want ErrVaultExists", err)
	}
	mustSeal(t, v, textImage(100, 4))
	v.Close()
	// A lone vault.age can still be recovered; Create must not bury it.
	if err := os.Remove(filepath.Join(dir, identityFile)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Create(dir, testPass, testOpts()); !errors.Is(err, ErrVaultExists) {
		t.Fatalf("Create over a lone vault.age: %v, want ErrVaultExists", err)
	}
	if _, _, err := Create(t.TempDir(), "", testOpts()); err == nil {
		t.Error("Create with an empty passphrase succeeded")
	}
	if _, _, err := Create(t.TempDir(), testPass, &Options{WorkFactor: 23}); err == nil {
		t.Error("Create with a work factor Open would refuse succeeded")
	}
}

func TestSealRefusesEmptyImage(t *testing.T) {
	dir, v, _ := createVault(t, nil)
	mustSeal(t, v, []byte("x"))
	before := snapshot(t, dir)
	if err := v.Seal(nil); err == nil {
		t.Fatal("Seal(nil) succeeded")
	}
	if err := v.Seal([]byte{}); err == nil {
		t.Fatal("Seal(empty) succeeded")
	}
	sameSnapshot(t, before, snapshot(t, dir))
}

func TestSetPassphrase(t *testing.T) {
	dir, v, _ := createVault(t, nil)
	img := textImage(70_000, 5)
	mustSeal(t, v, img)
	sealed := readBytes(t, filepath.Join(dir, vaultFile))
	const newPass = "Bram fietst naar de bieb"
	if err := v.SetPassphrase(newPass); err != nil {
		t.Fatal(err)
	}
	if err := v.SetPassphrase(""); err == nil {
		t.Error("SetPassphrase(\"\") succeeded")
	}
	v.Close()
	if !bytes.Equal(readBytes(t, filepath.Join(dir, vaultFile)), sealed) {
		t.Error("SetPassphrase touched vault.age")
	}
	if _, _, err := Open(dir, testPass, testOpts()); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("old passphrase: %v, want ErrWrongPassphrase", err)
	}
	v, got, err := Open(dir, newPass, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if !bytes.Equal(got, img) {
		t.Error("image differs after a passphrase change")
	}
	noTempFiles(t, dir)
}

func TestRecover(t *testing.T) {
	dir, v, rk := createVault(t, nil)
	img := textImage(200_000, 6)
	mustSeal(t, v, img)
	v.Close()

	const newPass = "Noor leest graag detectives"
	v, got, err := Recover(dir, "  "+rk+"\n", newPass, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, img) {
		t.Fatal("recovered image differs")
	}
	// Saving after a recovery works as usual.
	img2 := textImage(200_000, 7)
	mustSeal(t, v, img2)
	v.Close()

	if _, _, err := Open(dir, testPass, testOpts()); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("old passphrase after recovery: %v, want ErrWrongPassphrase", err)
	}
	v, got, err = Open(dir, newPass, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, img2) {
		t.Fatal("image differs when opened with the new passphrase")
	}
	v.Close()

	// The recovery key still works, again and again.
	v, got, err = Recover(dir, rk, "Derde keer scheepsrecht", testOpts())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, img2) {
		t.Fatal("second recovery: image differs")
	}
	v.Close()

	other, err := age.GenerateHybridIdentity()
	if err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	for _, key := range []string{other.String(), "AGE-SECRET-KEY-PQ-1QQQQ", "", testPass} {
		if _, _, err := Recover(dir, key, newPass, testOpts()); !errors.Is(err, ErrWrongRecoveryKey) {
			t.Errorf("Recover with a wrong key: %v, want ErrWrongRecoveryKey", err)
		}
	}
	sameSnapshot(t, before, snapshot(t, dir))

	// Nothing sealed yet: nothing to recover.
	dir2, v2, rk2 := createVault(t, nil)
	v2.Close()
	if _, _, err := Recover(dir2, rk2, newPass, testOpts()); !errors.Is(err, ErrNoVault) {
		t.Errorf("Recover before the first Seal: %v, want ErrNoVault", err)
	}
}

func TestRecoverInterrupted(t *testing.T) {
	// A crash between sealing vault.age to the new vault key and writing
	// identity.age: the recovery key must still open the vault, and a
	// second Recover must finish the job.
	dir, v, rk := createVault(t, nil)
	img := textImage(100_000, 8)
	mustSeal(t, v, img)
	v.Close()

	// identity.age's next content is written before vault.age moves to
	// the new key: failing there leaves the vault as it was.
	before := snapshot(t, dir)
	ff := &faultFS{fail: func(_ int, op string) bool { return op == "createtemp:.identity-*.tmp" }}
	o := testOpts()
	o.fs = ff
	if _, _, err := Recover(dir, rk, "nieuw", o); err == nil {
		t.Fatal("Recover with a failing identity write succeeded")
	}
	sameSnapshot(t, before, snapshot(t, dir))
	if v, _, err := Open(dir, testPass, testOpts()); err != nil {
		t.Fatalf("Open after a recovery that failed before sealing: %v", err)
	} else {
		v.Close()
	}
	// Failing at its rename, after vault.age moved: the gap a crash can
	// still hit.
	ff = &faultFS{fail: func(_ int, op string) bool { return op == "rename:identity.age" }}
	o.fs = ff
	if _, _, err := Recover(dir, rk, "nieuw", o); err == nil {
		t.Fatal("Recover with a failing identity rename succeeded")
	}
	// identity.age still holds the old vault key, which no longer opens
	// vault.age; Open says so without writing anything.
	before = snapshot(t, dir)
	if _, _, err := Open(dir, testPass, testOpts()); !errors.Is(err, ErrDamaged) {
		t.Fatalf("Open after an interrupted recovery: %v, want ErrDamaged", err)
	}
	sameSnapshot(t, before, snapshot(t, dir))
	v, got, err := Recover(dir, rk, "nieuw", testOpts())
	if err != nil {
		t.Fatal(err)
	}
	v.Close()
	if !bytes.Equal(got, img) {
		t.Fatal("image differs after finishing the recovery")
	}
	v, got, err = Open(dir, "nieuw", testOpts())
	if err != nil {
		t.Fatal(err)
	}
	v.Close()
	if !bytes.Equal(got, img) {
		t.Fatal("image differs after finishing the recovery")
	}
}

func TestInUse(t *testing.T) {
	dir, v, _ := createVault(t, nil)
	mustSeal(t, v, textImage(1000, 9))
	// flock belongs to the open file description, so a second Open in the
	// same process is refused like another process would be.
	if _, _, err := Open(dir, testPass, testOpts()); !errors.Is(err, ErrInUse) {
		t.Fatalf("second Open: %v, want ErrInUse", err)
	}
	if out := runChildOnce(t, "open", dir); out != "in use" {
		t.Fatalf("Open in another process: %q, want in use", out)
	}
	v.Close()
	if err := v.Seal([]byte("after close")); err == nil {
		t.Error("Seal after Close succeeded")
	}
	if err := v.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if out := runChildOnce(t, "open", dir); out != "ok" {
		t.Fatalf("Open in another process after Close: %q", out)
	}
	mustOpen(t, dir, nil)
}

// runChildOnce runs the test binary as a child in mode and returns its
// first output line.
func runChildOnce(t *testing.T, mode, dir string) string {
	t.Helper()
	out, err := childCmd(mode, dir).Output()
	if err != nil {
		t.Fatalf("child %s: %v", mode, err)
	}
	line, _ := bufio.NewReader(bytes.NewReader(out)).ReadString('\n')
	return strings.TrimSpace(line)
}

func TestErrorsAreDistinct(t *testing.T) {
	all := []error{ErrWrongPassphrase, ErrWrongRecoveryKey, ErrNotVault, ErrNoVault,
		ErrVaultExists, ErrDamaged, ErrInUse, ErrVaultChanged, ErrDiskFull}
	for i, a := range all {
		for j, b := range all {
			if i != j && errors.Is(a, b) {
				t.Errorf("%v is %v", a, b)
			}
		}
	}
}

func TestOpenSweepsStaleTemps(t *testing.T) {
	dir, v, _ := createVault(t, nil)
	mustSeal(t, v, textImage(1000, 1))
	mustSeal(t, v, textImage(1000, 2))
	if _, _, err := v.Blobs().Put([]byte("x")); err != nil {
		t.Fatal(err)
	}
	v.Close()
	stale := []string{".vault-123.tmp", ".identity-4.tmp", "files/.blob-5.tmp", "backups/.backup-6.tmp"}
	keep := []string{".notes.tmp", "files/readme.tmp"} // not ours
	for _, name := range append(slices.Clone(stale), keep...) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	mustOpen(t, dir, nil)
	for _, name := range stale {
		if _, err := os.Stat(filepath.Join(dir, name)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s survived Open", name)
		}
	}
	for _, name := range keep {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestMissingVaultFileWithBackups(t *testing.T) {
	// vault.age gone but generations in backups/: not a fresh vault.
	dir, v, _ := createVault(t, nil)
	mustSeal(t, v, textImage(1000, 1))
	mustSeal(t, v, textImage(1000, 2))
	v.Close()
	os.Remove(filepath.Join(dir, vaultFile))
	before := snapshot(t, dir)
	if _, _, err := Open(dir, testPass, testOpts()); !errors.Is(err, ErrDamaged) {
		t.Fatalf("Open without vault.age but with backups: %v, want ErrDamaged", err)
	}
	sameSnapshot(t, before, snapshot(t, dir))
}

// TestOpenIntoCallersMemory: with ImageMemory, the image lands in the
// memory the caller gave, of exactly its size; when the caller has no
// memory, Open says so rather than calling the vault damaged.
func TestOpenIntoCallersMemory(t *testing.T) {
	dir, v, _ := createVault(t, nil)
	img := textImage(300_000, 7)
	mustSeal(t, v, img)
	v.Close()

	var given []byte
	o := testOpts()
	o.ImageMemory = func(n int64) ([]byte, error) {
		given = make([]byte, n)
		return given, nil
	}
	v, got := mustOpen(t, dir, o)
	v.Close()
	if !bytes.Equal(got, img) || len(given) != len(img) || &got[0] != &given[0] {
		t.Fatal("the image did not land in the memory given")
	}

	full := errors.New("out of memory")
	o.ImageMemory = func(int64) ([]byte, error) { return nil, full }
	if _, _, err := Open(dir, testPass, o); !errors.Is(err, full) || errors.Is(err, ErrDamaged) {
		t.Errorf("Open without memory: %v, want the caller's error and not ErrDamaged", err)
	}
}
