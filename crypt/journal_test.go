package crypt

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// appendN appends changes "change 1".."change n" as generations from+1...
func appendN(t testing.TB, v *Vault, from, n int) {
	t.Helper()
	for i := from + 1; i <= from+n; i++ {
		if err := v.Append(fmt.Appendf(nil, "change %d", i), uint64(i)); err != nil {
			t.Fatal(err)
		}
	}
}

func replayed(v *Vault) []string {
	var out []string
	for _, c := range v.Replay() {
		out = append(out, string(c))
	}
	return out
}

func entries(t testing.TB, dir string) []string {
	t.Helper()
	list, _ := filepath.Glob(filepath.Join(dir, journalDir, "*.age"))
	for i := range list {
		list[i] = filepath.Base(list[i])
	}
	return list
}

func TestJournalChain(t *testing.T) {
	dir, v, _ := createVault(t, nil)
	mustSeal(t, v, seqImage(1))
	appendN(t, v, 1, 3)
	if n, _ := v.Backlog(); n != 3 {
		t.Fatalf("backlog %d, want 3", n)
	}
	v.Close()
	v, img := mustOpen(t, dir, nil)
	if string(img) != string(seqImage(1)) {
		t.Fatal("the snapshot changed")
	}
	if got := replayed(v); !slices.Equal(got, []string{"change 2", "change 3", "change 4"}) {
		t.Fatalf("replay %q", got)
	}
	// Appending after an open continues the chain.
	appendN(t, v, 4, 1)
	// Compaction: the entries go, kept in backups/ with the snapshot they followed.
	if err := v.Compact(seqImage(5), 5); err != nil {
		t.Fatal(err)
	}
	if e := entries(t, dir); len(e) != 0 {
		t.Fatalf("entries after compaction: %v", e)
	}
	kept, _ := filepath.Glob(filepath.Join(dir, backupsDir, "*.journal", "*.age"))
	if len(kept) != 4 {
		t.Fatalf("backups/ keeps %d entries, want 4", len(kept))
	}
	appendN(t, v, 5, 1)
	v.Close()
	v, img = mustOpen(t, dir, nil)
	if string(img) != string(seqImage(5)) || !slices.Equal(replayed(v), []string{"change 6"}) {
		t.Fatal("the compacted vault does not open to its last state")
	}
	// Dropping the backups (a purge's "now") drops the saves kept beside them.
	if _, err := v.DropBackups(); err != nil {
		t.Fatal(err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, backupsDir, "*")); len(left) != 0 {
		t.Fatalf("left in backups/ after dropping them: %v", left)
	}
}

func TestJournalTornLastEntryIsDropped(t *testing.T) {
	dir, v, _ := createVault(t, nil)
	mustSeal(t, v, seqImage(1))
	appendN(t, v, 1, 3)
	v.Close()
	last := filepath.Join(dir, journalDir, entries(t, dir)[2])
	b := readBytes(t, last)
	os.WriteFile(last, b[:len(b)/2], 0o600)
	// A torn entry was never acknowledged, so this laptop never
	// remembered its generation: a laptop with no memory of it opens.
	v, _ = mustOpen(t, dir, &Options{WorkFactor: testWorkFactor, StateDir: t.TempDir()})
	if got := replayed(v); !slices.Equal(got, []string{"change 2", "change 3"}) {
		t.Fatalf("replay %q, want the torn last entry dropped", got)
	}
	// The next entry does not reuse its name.
	appendN(t, v, 3, 1)
	v.Close()
	v, _ = mustOpen(t, dir, nil)
	if got := replayed(v); !slices.Equal(got, []string{"change 2", "change 3", "change 4"}) {
		t.Fatalf("replay %q", got)
	}
}

func TestJournalDamagedOrMissingMiddleEntry(t *testing.T) {
	for _, how := range []string{"damaged", "missing"} {
		t.Run(how, func(t *testing.T) {
			dir, v, _ := createVault(t, nil)
			mustSeal(t, v, seqImage(1))
			appendN(t, v, 1, 3)
			v.Close()
			mid := filepath.Join(dir, journalDir, entries(t, dir)[1])
			if how == "missing" {
				os.Remove(mid)
			} else {
				b := readBytes(t, mid)
				b[len(b)-20] ^= 1
				os.WriteFile(mid, b, 0o600)
			}
			_, _, err := Open(dir, testPass, testOpts())
			if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "journal") {
				t.Fatalf("want ErrDamaged naming the journal entry, got %v", err)
			}
		})
	}
}

func TestJournalForeignBranchIsAConflict(t *testing.T) {
	dir, v, _ := createVault(t, nil)
	mustSeal(t, v, seqImage(1))
	appendN(t, v, 1, 1)
	v.Close()
	// Another laptop continues the same chain from the snapshot.
	other := &Options{WorkFactor: testWorkFactor, StateDir: t.TempDir()}
	w, _ := mustOpen(t, dir, other)
	w.Replay()
	w.chain = nil // as if it had not seen our entry yet
	if err := w.Append([]byte("theirs"), 2); err != nil {
		t.Fatal(err)
	}
	w.Close()
	v, _ = mustOpen(t, dir, nil)
	if got := replayed(v); !slices.Equal(got, []string{"change 2"}) {
		t.Fatalf("replay %q, want our branch", got)
	}
	if c := v.Conflicts(); len(c) != 1 {
		t.Fatalf("conflicts %v, want the other laptop's entry", c)
	}
	// It is never removed, not even by a compaction.
	if err := v.Compact(seqImage(3), 3); err != nil {
		t.Fatal(err)
	}
	if e := entries(t, dir); len(e) != 1 {
		t.Fatalf("entries %v, want the other laptop's kept", e)
	}
}

func TestJournalSurvivesRecovery(t *testing.T) {
	dir, v, rk := createVault(t, nil)
	mustSeal(t, v, seqImage(1))
	appendN(t, v, 1, 2)
	v.Close()
	v, img, err := Recover(dir, rk, "new passphrase here", testOpts())
	if err != nil {
		t.Fatal(err)
	}
	if string(img) != string(seqImage(1)) || !slices.Equal(replayed(v), []string{"change 2", "change 3"}) {
		t.Fatal("recover lost the journal")
	}
	v.Close()
	v, _, err = Open(dir, "new passphrase here", testOpts())
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if got := replayed(v); !slices.Equal(got, []string{"change 2", "change 3"}) {
		t.Fatalf("after recovery, replay %q", got)
	}
}

func TestRollbackIsRefused(t *testing.T) {
	dir, v, _ := createVault(t, nil)
	mustSeal(t, v, seqImage(1))
	if err := v.Generation(1, time.Time{}); err != nil {
		t.Fatal(err)
	}
	old := readBytes(t, filepath.Join(dir, vaultFile))
	if err := v.Compact(seqImage(2), 2); err != nil {
		t.Fatal(err)
	}
	v.Close()
	os.WriteFile(filepath.Join(dir, vaultFile), old, 0o600) // a sync tool puts the older one back
	v, _ = mustOpen(t, dir, nil)
	err := v.Generation(1, time.Time{})
	var re *RollbackError
	if !errors.As(err, &re) || re.Have != 1 || re.Seen != 2 {
		t.Fatalf("want a RollbackError 1 vs 2, got %v", err)
	}
	if err := v.Append([]byte("x"), 2); !errors.Is(err, ErrRolledBack) {
		t.Fatalf("a write on the older vault: want ErrRolledBack, got %v", err)
	}
	if err := v.AcceptGeneration(); err != nil {
		t.Fatal(err)
	}
	if err := v.Append([]byte("x"), 2); err != nil {
		t.Fatal(err)
	}
	v.Close()
	// A restore through caseload is accepted without the warning.
	if err := v2Compact(t, dir, 5); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, vaultFile), old, 0o600)
	os.RemoveAll(filepath.Join(dir, journalDir))
	if err := AcceptRestore(dir, nil); err != nil {
		t.Fatal(err)
	}
	v, _ = mustOpen(t, dir, nil)
	if err := v.Generation(1, time.Time{}); err != nil {
		t.Fatalf("after AcceptRestore: %v", err)
	}
}

// v2Compact opens the vault and compacts it at generation gen.
func v2Compact(t *testing.T, dir string, gen uint64) error {
	v, _ := mustOpen(t, dir, nil)
	defer v.Close()
	return v.Compact(seqImage(int(gen)), gen)
}

func TestMissingVaultWithSignsIsDamaged(t *testing.T) {
	for _, sign := range []string{"files", "conflict", "journal", "remembered"} {
		t.Run(sign, func(t *testing.T) {
			o := &Options{WorkFactor: testWorkFactor, StateDir: t.TempDir()}
			dir, v, _ := createVault(t, o)
			switch sign {
			case "files":
				os.MkdirAll(filepath.Join(dir, filesDir), 0o700)
				os.WriteFile(filepath.Join(dir, filesDir, "abc.age"), []byte("x"), 0o600)
			case "conflict":
				os.WriteFile(filepath.Join(dir, "vault.conflict-20261206T000000.000000000Z.age"), []byte("x"), 0o600)
			case "journal":
				os.MkdirAll(filepath.Join(dir, journalDir), 0o700)
				os.WriteFile(filepath.Join(dir, journalDir, "abc-0000000001.age"), []byte("x"), 0o600)
			case "remembered":
				mustSeal(t, v, seqImage(1))
				if err := v.Generation(3, time.Time{}); err != nil {
					t.Fatal(err)
				}
				os.Remove(filepath.Join(dir, vaultFile))
				os.RemoveAll(filepath.Join(dir, backupsDir))
			}
			v.Close()
			_, img, err := Open(dir, testPass, o)
			if !errors.Is(err, ErrDamaged) || img != nil {
				t.Fatalf("want ErrDamaged, got %v", err)
			}
		})
	}
}

func TestRestoreAt(t *testing.T) {
	dir, v, _ := createVault(t, nil)
	mustSeal(t, v, seqImage(1))
	appendN(t, v, 1, 2)
	if err := v.Compact(seqImage(4), 4); err != nil {
		t.Fatal(err)
	}
	appendN(t, v, 4, 1)
	v.Close()
	// The files' times say when each save was made.
	t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	set := func(pattern string, at time.Time) {
		list, _ := filepath.Glob(filepath.Join(dir, pattern))
		slices.Sort(list)
		for i, f := range list {
			os.Chtimes(f, at.Add(time.Duration(i)*time.Minute), at.Add(time.Duration(i)*time.Minute))
		}
	}
	set("backups/vault-*.age", t0)
	set("backups/*.journal/*.age", t0.Add(time.Minute)) // change 2 at +1m, change 3 at +2m
	set("vault.age", t0.Add(3*time.Minute))
	set("journal/*.age", t0.Add(4*time.Minute))

	v, _ = mustOpen(t, dir, nil)
	if _, err := v.RestoreAt(t0.Add(-time.Minute)); !errors.Is(err, ErrNoSaveBefore) {
		t.Fatalf("before the oldest save: %v, want ErrNoSaveBefore", err)
	}
	r, err := v.RestoreAt(t0.Add(90 * time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if r.Entries != 1 {
		t.Fatalf("restored %+v, want the snapshot and one save", r)
	}
	v, img := mustOpen(t, dir, nil)
	if st, err := journalState(img, v.Replay()); err != nil || st != 2 {
		t.Fatalf("after restoring: save %d, %v; want 2", st, err)
	}
	// Accepted without the rollback warning, though this laptop saw 5.
	if err := v.Generation(2, time.Time{}); err != nil {
		t.Fatalf("a restore through caseload: %v", err)
	}
	// The present was kept: going forward again finds save 5.
	r, err = v.RestoreAt(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	v, img = mustOpen(t, dir, nil)
	if st, err := journalState(img, v.Replay()); err != nil || st != 5 {
		t.Fatalf("restoring the newest: save %d, %v", st, err)
	}
}

// TestRotationKeepsTheOnlyGenerationOfADocument: the rotation of backups/
// never removes the last generation that references a document whose
// sealed file still exists (issue 11, hole 3); once the file is gone, it
// rotates out as any other.
func TestRotationKeepsTheOnlyGenerationOfADocument(t *testing.T) {
	dir, v, _ := createVault(t, nil)
	os.MkdirAll(filepath.Join(dir, filesDir), 0o700)
	doc := filepath.Join(dir, filesDir, "0123abcd.age")
	os.WriteFile(doc, []byte("sealed document"), 0o600)
	v.Referenced([]string{"0123abcd"})
	if err := v.Compact(seqImage(1), 1); err != nil {
		t.Fatal(err)
	}
	// The row goes; the file stays (its removal failed, say).
	for i := 2; i <= keepNewest+3; i++ {
		v.Referenced(nil)
		if err := v.Compact(seqImage(i), uint64(i)); err != nil {
			t.Fatal(err)
		}
	}
	holds := func() bool {
		list, _ := v.listBackups()
		for _, b := range list {
			if refs, ok := v.readRefs(strings.TrimSuffix(b.Path, ".age") + ".refs.age"); ok && refs["0123abcd"] {
				return true
			}
		}
		return false
	}
	if !holds() {
		t.Fatal("the only generation that opens an existing document was rotated out")
	}
	os.Remove(doc)
	v.Referenced(nil)
	if err := v.Compact(seqImage(keepNewest+4), uint64(keepNewest+4)); err != nil {
		t.Fatal(err)
	}
	if holds() {
		t.Fatal("with the document gone, its generation should rotate out")
	}
	if list, _ := v.listBackups(); len(list) > keepNewest+1 {
		t.Fatalf("%d generations kept", len(list))
	}
}
