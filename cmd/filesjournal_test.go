package cmd

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/caseload/caseload/store"
)

// journalEntries counts the files in the vault's journal/.
func (tv *docVault) journalEntries(t *testing.T) int {
	t.Helper()
	entries, err := os.ReadDir(tv.path("journal"))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return len(entries)
}

// TestSnapshotReadsTheJournal: a save the app made as a journal entry
// (vault.age untouched) is in what the reading commands show, while the
// app holds the vault and after it let go.
func TestSnapshotReadsTheJournal(t *testing.T) {
	tv := newDocVault(t)
	ctx := context.Background()
	app, err := tv.env(nil, nil).open(ctx, filesPass)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(tv.path("vault.age"))
	if _, err := app.CreateClient(ctx, store.Client{FirstName: "Journa", LastName: "Lentry", Status: store.StatusActive}); err != nil {
		t.Fatal(err)
	}
	if err := app.Save(ctx); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadFile(tv.path("vault.age")); string(after) != string(before) || tv.journalEntries(t) == 0 {
		t.Fatalf("the save did not go to the journal (%d entries)", tv.journalEntries(t))
	}
	out, errs, code := tv.run("list")
	if code != 0 || !strings.Contains(out, "Journa Lentry") || !strings.Contains(errs, "open in another caseload window") {
		t.Errorf("list while the app holds the vault: exit %d\n%s%s", code, out, errs)
	}
	if out, errs, code := tv.run("verify"); code != 0 || !strings.Contains(out, "3 clients") && !strings.Contains(out, "vault ok") {
		t.Errorf("verify while the app holds the vault: exit %d\n%s%s", code, out, errs)
	}
	if err := app.Close(); err != nil {
		t.Fatal(err)
	}
	if tv.journalEntries(t) == 0 {
		t.Fatal("closing after one save compacted the journal; the test no longer reads an entry")
	}
	out, errs, code = tv.run("list")
	if code != 0 || !strings.Contains(out, "Journa Lentry") || strings.Contains(errs, "another caseload window") {
		t.Errorf("list after the app let go: exit %d\n%s%s", code, out, errs)
	}
}

// TestBackupCarriesTheJournal: a backup taken right after a save that
// went to the journal holds that save, and restore puts it back.
func TestBackupCarriesTheJournal(t *testing.T) {
	tv := newDocVault(t)
	ctx := context.Background()
	app, err := tv.env(nil, nil).open(ctx, filesPass)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.CreateClient(ctx, store.Client{FirstName: "Journa", LastName: "Lentry", Status: store.StatusActive}); err != nil {
		t.Fatal(err)
	}
	if err := app.Close(); err != nil {
		t.Fatal(err)
	}
	if tv.journalEntries(t) == 0 {
		t.Fatal("the save did not go to the journal")
	}
	out := filepath.Join(t.TempDir(), "backup.tar")
	if stdout, errs, code := tv.run("backup", "--out", out); code != 0 {
		t.Fatalf("backup: exit %d\n%s%s", code, stdout, errs)
	}
	restored := &docVault{dir: filepath.Join(t.TempDir(), "restored"), passFile: tv.passFile, docs: tv.docs}
	stdout, errs, code := restored.run("restore", out, "--vault", restored.dir)
	if code != 0 || !strings.Contains(stdout, "3 clients, 3 documents") {
		t.Fatalf("restore: exit %d\n%s%s", code, stdout, errs)
	}
	if restored.journalEntries(t) == 0 {
		t.Error("restore left journal/ out")
	}
	if stdout, errs, code := restored.run("list"); code != 0 || !strings.Contains(stdout, "Journa Lentry") {
		t.Errorf("list of the restored vault: exit %d\n%s%s", code, stdout, errs)
	}
}

// TestRestoreOlderBackupIsAccepted: a backup older than the vault this
// laptop last saved, put back with caseload restore, is taken as current:
// the next writing command works without --accept-older.
func TestRestoreOlderBackupIsAccepted(t *testing.T) {
	tv := newDocVault(t)
	ctx := context.Background()
	out := filepath.Join(t.TempDir(), "backup.tar")
	if stdout, errs, code := tv.run("backup", "--out", out); code != 0 {
		t.Fatalf("backup: exit %d\n%s%s", code, stdout, errs)
	}
	app, err := tv.env(nil, nil).open(ctx, filesPass)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Later", "Latest"} {
		if _, err := app.CreateClient(ctx, store.Client{FirstName: name, LastName: "Save", Status: store.StatusActive}); err != nil {
			t.Fatal(err)
		}
	}
	if err := app.Close(); err != nil {
		t.Fatal(err)
	}
	if stdout, errs, code := tv.run("restore", out, "--force"); code != 0 {
		t.Fatalf("restore --force: exit %d\n%s%s", code, stdout, errs)
	}
	csv := filepath.Join(t.TempDir(), "one.csv")
	if err := os.WriteFile(csv, []byte("voornaam,achternaam,status\nAnna,Bakker,actief\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	stdout, errs, code := tv.run("import", csv)
	if code != 0 || strings.Contains(errs, "older") {
		t.Fatalf("import after restoring an older backup: exit %d\n%s%s", code, stdout, errs)
	}
	stdout, _, _ = tv.run("list")
	if !strings.Contains(stdout, "Anna Bakker") || strings.Contains(stdout, "Latest Save") {
		t.Errorf("list after the restore and import:\n%s", stdout)
	}
}

// TestRestoreOneCommand: restore takes a backup FILE or --at TIME: both,
// or neither, is a usage error in the coach's language, and the help
// names both forms.
func TestRestoreOneCommand(t *testing.T) {
	tv := newDocVault(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"restore"}, "restore needs one backup file (caseload restore FILE --vault FOLDER) or --at TIME"},
		{[]string{"restore", "b.tar", "--at", "2026-12-05"}, "restore takes a backup FILE or --at TIME, not both"},
		{[]string{"--lang", "nl", "restore"}, "restore heeft één back-upbestand nodig"},
		{[]string{"--lang", "nl", "restore", "b.tar", "--at", "2026-12-05"}, "restore neemt een back-upbestand of --at TIJD, niet allebei"},
		{[]string{"restore", "--at", "2026-12-05", "--force"}, "go with a backup FILE, not with --at"},
	} {
		_, errs, code := tv.run(c.args...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d\n%s", c.args, code, errs)
		}
	}
	for lang, want := range map[string][]string{
		"en": {"caseload restore FILE puts a backup", "caseload restore --at TIME puts the vault", "--recovery-file", "--at TIME"},
		"nl": {"caseload restore FILE zet een back-up", "caseload restore --at TIJD zet de kluis", "--recovery-file", "--at TIJDSTIP"},
	} {
		stdout, errs, code := tv.run("--lang", lang, "restore", "--help")
		if code != 0 {
			t.Errorf("%s help: exit %d\n%s", lang, code, errs)
		}
		for _, w := range want {
			if !strings.Contains(stdout+errs, w) {
				t.Errorf("%s help lacks %q:\n%s%s", lang, w, stdout, errs)
			}
		}
	}
}
