package crypt

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
)

// archiveVault is a sealed vault with two documents, and their ids and keys.
func archiveVault(t *testing.T) (dir string, v *Vault, img []byte, ids, keys []string, rk string) {
	t.Helper()
	dir, v, rk = createVault(t, nil)
	img = textImage(200_000, 7)
	mustSeal(t, v, img)
	for i := range 2 {
		id, key, err := v.Blobs().Put(textImage(70_000+i, i))
		if err != nil {
			t.Fatal(err)
		}
		ids, keys = append(ids, id), append(keys, key)
	}
	return dir, v, img, ids, keys, rk
}

// TestArchiveRoundTrip: a backup holds vault.age, identity.age and every
// document, and a restore puts back a vault that opens with the
// passphrase, with every document.
func TestArchiveRoundTrip(t *testing.T) {
	_, v, img, ids, keys, _ := archiveVault(t)
	out := filepath.Join(t.TempDir(), "backup.tar")
	info, err := v.WriteArchive(out, ids)
	if err != nil {
		t.Fatal(err)
	}
	if info.Documents != 2 || info.Size != int64(len(readBytes(t, out))) {
		t.Errorf("info %+v", info)
	}
	noTempFiles(t, filepath.Dir(out))
	for _, canary := range [][]byte{[]byte("Femke Bakker"), []byte(keys[0])} {
		if bytes.Contains(readBytes(t, out), canary) {
			t.Errorf("%q in the clear in the backup", canary)
		}
	}

	target := filepath.Join(t.TempDir(), "restored")
	st, err := RestoreArchive(out, target, testPass, false, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(st.Image, img) {
		t.Error("the staged image is not the vault's")
	}
	if _, err := os.Stat(target); !os.IsNotExist(err) {
		t.Error("the target exists before Commit")
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	w, got := mustOpen(t, target, nil)
	if !bytes.Equal(got, img) {
		t.Error("the restored vault holds another image")
	}
	for i, id := range ids {
		data, err := w.Blobs().Get(id, keys[i])
		if err != nil || !bytes.Equal(data, textImage(70_000+i, i)) {
			t.Errorf("document %d after the restore: %v", i, err)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(target), ".caseload-restore-*")); len(left) > 0 {
		t.Errorf("staging left: %v", left)
	}
}

// TestRestoreRefuses: a non-empty folder without force, a wrong
// passphrase, a damaged or truncated archive and a file that is no
// archive are each refused, and nothing appears at the target.
func TestRestoreRefuses(t *testing.T) {
	_, v, _, ids, _, _ := archiveVault(t)
	out := filepath.Join(t.TempDir(), "backup.tar")
	if _, err := v.WriteArchive(out, ids); err != nil {
		t.Fatal(err)
	}
	good := readBytes(t, out)
	parent := t.TempDir()
	target := filepath.Join(parent, "restored")

	os.MkdirAll(target, 0o700)
	os.WriteFile(filepath.Join(target, "vault.age"), []byte("mine"), 0o600)
	if _, err := RestoreArchive(out, target, testPass, false, testOpts()); !errors.Is(err, ErrVaultExists) {
		t.Errorf("over a vault without force: %v", err)
	}
	os.RemoveAll(target)

	if _, err := RestoreArchive(out, target, "not the passphrase", false, testOpts()); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("wrong passphrase: %v", err)
	}
	damaged := bytes.Clone(good)
	damaged[len(damaged)-3000] ^= 1
	cut := good[:len(good)-5000]
	for name, data := range map[string][]byte{"damaged": damaged, "cut": cut, "not a backup": []byte("hello\n")} {
		p := filepath.Join(t.TempDir(), name)
		os.WriteFile(p, data, 0o600)
		_, err := RestoreArchive(p, target, testPass, false, testOpts())
		var fe *FileError
		switch {
		case name == "not a backup" && !errors.Is(err, ErrNotBackup):
			t.Errorf("%s: %v", name, err)
		case name != "not a backup" && (!errors.Is(err, ErrDamaged) || !errors.As(err, &fe) || fe.Name != name):
			t.Errorf("%s: %v", name, err)
		}
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

// TestRestoreForceMovesTheOldVaultAside: with force, the vault in the
// target is moved aside, not deleted; an open one is refused.
func TestRestoreForceMovesTheOldVaultAside(t *testing.T) {
	_, v, img, ids, _, _ := archiveVault(t)
	out := filepath.Join(t.TempDir(), "backup.tar")
	if _, err := v.WriteArchive(out, ids); err != nil {
		t.Fatal(err)
	}
	other, ov, _ := createVault(t, nil)
	mustSeal(t, ov, seqImage(1))
	st, err := RestoreArchive(out, other, testPass, true, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Commit(); !errors.Is(err, ErrInUse) {
		t.Fatalf("over an open vault: %v", err)
	}
	st.Discard()
	ov.Close()
	st, err = RestoreArchive(out, other, testPass, true, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, got := mustOpen(t, other, nil); !bytes.Equal(got, img) {
		t.Error("not the restored image")
	}
	if _, got := mustOpen(t, st.Replaced, nil); !bytes.Equal(got, seqImage(1)) {
		t.Error("the replaced vault is not kept aside")
	}
}

// TestArchiveOpensWithAgeAndTar: the README's recipe works with the
// standard tools alone, with the recovery key.
func TestArchiveOpensWithAgeAndTar(t *testing.T) {
	agePath, err := exec.LookPath("age")
	if err != nil {
		t.Skip("age is not installed")
	}
	if _, err := exec.LookPath("tar"); err != nil {
		t.Skip("tar is not installed")
	}
	dir, v, _, ids, _, rk := archiveVault(t)
	work := t.TempDir()
	out := filepath.Join(work, "backup.tar")
	if _, err := v.WriteArchive(out, ids); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(work, "recovery.txt"), []byte(rk+"\n"), 0o600)
	sh := "tar -xf backup.tar identity.age vault.tar.age && " + agePath + " -d -i recovery.txt vault.tar.age | tar -x"
	c := exec.Command("sh", "-c", sh)
	c.Dir = work
	if msg, err := c.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", sh, err, msg)
	}
	for _, name := range append([]string{vaultFile}, filesDir+"/"+ids[0]+".age", filesDir+"/"+ids[1]+".age") {
		if !bytes.Equal(readBytes(t, filepath.Join(work, name)), readBytes(t, filepath.Join(dir, name))) {
			t.Errorf("%s differs from the vault's", name)
		}
	}
	if !strings.Contains(string(readBytes(t, filepath.Join(work, "identity.age"))), ageIntro) {
		t.Error("identity.age is not an age file")
	}
}

// TestRestoreWithTheRecoveryKey: a backup whose passphrase is forgotten
// opens with the recovery key, which is checked before the new passphrase
// is asked for; the restored vault opens with the new passphrase.
func TestRestoreWithTheRecoveryKey(t *testing.T) {
	_, v, img, ids, keys, rk := archiveVault(t)
	out := filepath.Join(t.TempDir(), "backup.tar")
	if _, err := v.WriteArchive(out, ids); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(t.TempDir(), "restored")
	asked := false
	ask := func() ([]byte, error) { asked = true; return []byte("een nieuwe wachtzin voor de kluis"), nil }
	other, _ := age.GenerateHybridIdentity()
	for _, bad := range []string{"not a key", other.String()} {
		if _, err := RestoreArchiveRecovery(out, target, bad, ask, false, testOpts()); !errors.Is(err, ErrWrongRecoveryKey) {
			t.Errorf("key %.20s…: %v", bad, err)
		}
	}
	if asked {
		t.Error("the new passphrase was asked for before the key was checked")
	}
	st, err := RestoreArchiveRecovery(out, target, rk, ask, false, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	w, got, err := Open(target, "een nieuwe wachtzin voor de kluis", testOpts())
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if !bytes.Equal(got, img) {
		t.Error("not the backed-up image")
	}
	if data, err := w.Blobs().Get(ids[1], keys[1]); err != nil || !bytes.Equal(data, textImage(70_001, 1)) {
		t.Errorf("document after a recovery restore: %v", err)
	}
}
