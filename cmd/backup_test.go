package cmd

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBackupHoldsEverything: a backup restored into an empty folder is a
// vault that verifies with every document opening; a restore refuses a
// folder that holds anything unless --force, which keeps the old vault
// beside it.
func TestBackupHoldsEverything(t *testing.T) {
	tv := newDocVault(t)
	out := filepath.Join(t.TempDir(), "backup.tar")
	stdout, errs, code := tv.run("backup", "--out", out)
	if code != 0 || !strings.Contains(stdout, "Backup written to "+out+" (3 documents)") {
		t.Fatalf("backup: exit %d\n%s%s", code, stdout, errs)
	}

	restored := &docVault{dir: filepath.Join(t.TempDir(), "restored"), passFile: tv.passFile, docs: tv.docs}
	stdout, errs, code = restored.run("restore", out, "--vault", restored.dir)
	if code != 0 || !strings.Contains(stdout, "2 clients, 3 documents (each opened)") {
		t.Fatalf("restore: exit %d\n%s%s", code, stdout, errs)
	}
	stdout, errs, code = restored.run("verify")
	if code != 0 || !strings.Contains(stdout, "vault ok") || !strings.Contains(stdout, "3 documents (each opened)") {
		t.Fatalf("verify after the restore: exit %d\n%s%s", code, stdout, errs)
	}
	for name, id := range tv.docs {
		a, _ := os.ReadFile(tv.path("files/" + id + ".age"))
		b, _ := os.ReadFile(restored.path("files/" + id + ".age"))
		if len(a) == 0 || string(a) != string(b) {
			t.Errorf("%s: not restored as it was", name)
		}
	}

	// A folder that holds a vault is not overwritten without --force.
	before, _ := os.ReadFile(tv.path("vault.age"))
	_, errs, code = tv.run("restore", out)
	if code != 1 || !strings.Contains(errs, "not empty") || !strings.Contains(errs, "--force") {
		t.Errorf("restore over a vault: exit %d\n%s", code, errs)
	}
	if after, _ := os.ReadFile(tv.path("vault.age")); string(after) != string(before) {
		t.Error("the vault was changed by a refused restore")
	}
	_, errs, code = tv.run("restore", out, "--force")
	if code != 0 || !strings.Contains(errs, "The vault that was there is kept in "+tv.dir+".replaced-") {
		t.Errorf("restore --force: exit %d\n%s", code, errs)
	}
	if stdout, errs, code := tv.run("verify"); code != 0 {
		t.Errorf("verify after restore --force: exit %d\n%s%s", code, stdout, errs)
	}

	// A damaged backup restores nothing.
	b, _ := os.ReadFile(out)
	b[len(b)-4000] ^= 1
	os.WriteFile(out, b, 0o600)
	other := filepath.Join(t.TempDir(), "other")
	_, errs, code = tv.run("restore", out, "--vault", other)
	if code != 1 || !strings.Contains(errs, "the backup file is damaged") {
		t.Errorf("damaged backup: exit %d\n%s", code, errs)
	}
	if _, err := os.Stat(other); !os.IsNotExist(err) {
		t.Errorf("a damaged backup left %s behind", other)
	}
}

// TestBackupWithoutOut: without --out the backup goes to the export
// folder, named by the day, and a second one that day does not replace
// the first.
func TestBackupWithoutOut(t *testing.T) {
	tv := newDocVault(t)
	home := t.TempDir()
	tv.vars = map[string]string{"HOME": home, "XDG_CONFIG_HOME": filepath.Join(home, ".config")}
	day := time.Now().Format("2006-01-02")
	for _, name := range []string{"caseload-backup-" + day + ".tar", "caseload-backup-" + day + "-2.tar"} {
		want := filepath.Join(home, "Documents", "caseload-exports", name)
		stdout, errs, code := tv.run("backup")
		if code != 0 || !strings.Contains(stdout, want) {
			t.Fatalf("backup: exit %d\n%s%s", code, stdout, errs)
		}
		if _, err := os.Stat(want); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBackupWhileTheAppDeletesADocument: a backup read without the lock
// notices that the window holding the vault saved and removed a document
// file meanwhile, and reads again rather than write a backup that lacks
// a file its vault.age refers to.
func TestBackupWhileTheAppDeletesADocument(t *testing.T) {
	tv := newDocVault(t)
	ctx := context.Background()
	e := tv.env(nil, nil)
	snap, err := e.lookWith(ctx, []byte(filesPass))
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	app, err := e.open(ctx, filesPass)
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	docs, err := app.Attachments(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := app.DeleteAttachment(ctx, docs[0].ID); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "b.tar")
	if _, _, err := backup(ctx, snap, out); !errors.Is(err, errChangedWhileReading) {
		t.Fatalf("backup of a snapshot whose document went: %v", err)
	}
	// The command reads again and writes a whole backup.
	if stdout, errs, code := tv.run("backup", "--out", out); code != 0 || !strings.Contains(stdout, "(2 documents)") {
		t.Fatalf("backup: exit %d\n%s%s", code, stdout, errs)
	}
	restored := &docVault{dir: filepath.Join(t.TempDir(), "r"), passFile: tv.passFile}
	if stdout, errs, code := restored.run("restore", out, "--vault", restored.dir); code != 0 {
		t.Fatalf("restore: exit %d\n%s%s", code, stdout, errs)
	}
}

// TestRestoreWithTheRecoveryKey: a coach who changed the passphrase since
// the backup, and forgot the old one, restores with the recovery key and
// sets a new passphrase; a wrong key says so and asks nothing more.
func TestRestoreWithTheRecoveryKey(t *testing.T) {
	tv := newDocVault(t)
	out := filepath.Join(t.TempDir(), "backup.tar")
	if _, errs, code := tv.run("backup", "--out", out); code != 0 {
		t.Fatal(errs)
	}
	dir := t.TempDir()
	keyFile, wrongKey, newPass := filepath.Join(dir, "key"), filepath.Join(dir, "wrong"), filepath.Join(dir, "new")
	os.WriteFile(keyFile, []byte(tv.recovery+"\n"), 0o600)
	os.WriteFile(wrongKey, []byte("AGE-SECRET-KEY-PQ-1QQQQ\n"), 0o600)
	os.WriteFile(newPass, []byte("een heel nieuwe wachtzin\n"), 0o600)
	restored := &docVault{dir: filepath.Join(dir, "restored"), passFile: newPass}

	_, errs, code := restored.run("restore", out, "--vault", restored.dir, "--recovery-file", wrongKey, "--new-passphrase-file", newPass)
	if code != 1 || !strings.Contains(errs, "the recovery key does not open this backup") {
		t.Errorf("wrong key: exit %d\n%s", code, errs)
	}
	stdout, errs, code := restored.run("restore", out, "--vault", restored.dir, "--recovery-file", keyFile, "--new-passphrase-file", newPass)
	if code != 0 {
		t.Fatalf("restore with the recovery key: exit %d\n%s%s", code, stdout, errs)
	}
	if stdout, errs, code := restored.run("verify"); code != 0 || !strings.Contains(stdout, "3 documents (each opened)") {
		t.Errorf("verify with the new passphrase: exit %d\n%s%s", code, stdout, errs)
	}
}
