package cmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/caseload/caseload/crypt"
	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui"
)

// filesPass opens the vaults of these tests.
const filesPass = "een lange oefenzin voor de kluis"

// docVault is a vault on disk made through the real crypt and store,
// with two invented clients and three documents.
type docVault struct {
	dir      string
	passFile string
	docs     map[string]string // document name → blob id
	vars     map[string]string // the environment, beside LANG
	recovery string            // the recovery key
}

// newDocVault makes the vault, sealed twice so that backups/ holds a
// generation.
func newDocVault(t *testing.T) *docVault {
	t.Helper()
	root := t.TempDir()
	tv := &docVault{dir: filepath.Join(root, "vault"), passFile: filepath.Join(root, "pass"), docs: map[string]string{}}
	if err := os.WriteFile(tv.passFile, []byte(filesPass+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	e := tv.env(nil, nil)
	s, recovery, err := e.create(ctx, filesPass)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tv.recovery = recovery
	for _, c := range []struct{ first, last string }{{"Noor", "Jansen"}, {"Ayaan", "de Vries"}} {
		cl, err := s.CreateClient(ctx, store.Client{FirstName: c.first, LastName: c.last, Status: store.StatusActive})
		if err != nil {
			t.Fatal(err)
		}
		names := []string{"cv-" + c.first + ".pdf", "brief-" + c.first + ".pdf"}
		if c.first == "Ayaan" {
			names = names[:1]
		}
		for _, name := range names {
			before := tv.blobFiles(t)
			if _, err := s.AddAttachment(ctx, store.Attachment{ClientID: cl.ID, Name: name, Kind: store.KindCV},
				[]byte("inhoud van "+name)); err != nil {
				t.Fatal(err)
			}
			for _, id := range tv.blobFiles(t) {
				if !slices.Contains(before, id) {
					tv.docs[name] = id
				}
			}
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if len(tv.docs) != 3 {
		t.Fatalf("documents: %v", tv.docs)
	}
	return tv
}

// blobFiles lists the ids in files/.
func (tv *docVault) blobFiles(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(tv.dir, "files"))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range entries {
		if id, ok := strings.CutSuffix(e.Name(), ".age"); ok {
			ids = append(ids, id)
		}
	}
	return ids
}

// env is an in-process command line on the vault, writing to out and errs.
func (tv *docVault) env(out, errs *bytes.Buffer) *env {
	if out == nil {
		out = new(bytes.Buffer)
	}
	if errs == nil {
		errs = new(bytes.Buffer)
	}
	return &env{
		stdin: strings.NewReader(""), stdout: out, stderr: errs,
		getenv: func(k string) string {
			if k == "LANG" {
				return "en_GB.UTF-8"
			}
			return tv.vars[k]
		},
		clock:      time.Now,
		tty:        func() bool { return false },
		readSecret: func() ([]byte, error) { return nil, errNoTerminal },
		workFactor: 1,
		vaultDir:   tv.dir,
	}
}

// run runs caseload with args on the vault and returns what it printed
// and its exit code.
func (tv *docVault) run(args ...string) (stdout, stderr string, code int) {
	var out, errs bytes.Buffer
	all := append([]string{"--vault", tv.dir, "--passphrase-file", tv.passFile}, args...)
	code = run(all, tv.env(&out, &errs))
	return out.String(), errs.String(), code
}

// path is a file of the vault.
func (tv *docVault) path(name string) string { return filepath.Join(tv.dir, name) }

// flipByte damages a file in its middle.
func flipByte(t *testing.T, name string) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)*2/3] ^= 0x40
	if err := os.WriteFile(name, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestVerifyOpensEveryDocument: verify authenticates every sealed
// document, names each damaged or missing one by client and document,
// and names the files no document refers to.
func TestVerifyOpensEveryDocument(t *testing.T) {
	tv := newDocVault(t)
	out, errs, code := tv.run("verify")
	if code != 0 || !strings.Contains(out, "vault ok") || !strings.Contains(out, "3 documents (each opened)") {
		t.Fatalf("a sound vault: exit %d\n%s%s", code, out, errs)
	}

	flipByte(t, tv.path("files/"+tv.docs["cv-Noor.pdf"]+".age"))
	if err := os.Remove(tv.path("files/" + tv.docs["cv-Ayaan.pdf"] + ".age")); err != nil {
		t.Fatal(err)
	}
	orphan := strings.Repeat("ab", 16)
	if err := os.WriteFile(tv.path("files/"+orphan+".age"), []byte("age-encryption.org/v1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errs, code = tv.run("verify")
	if code == 0 || strings.Contains(out, "vault ok") {
		t.Fatalf("verify passed with a damaged and a missing document:\n%s%s", out, errs)
	}
	for _, want := range []string{
		`document damaged: client 1 "Noor Jansen", document "cv-Noor.pdf"`,
		`document missing: client 2 "Ayaan de Vries", document "cv-Ayaan.pdf"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("verify does not say %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "brief-Noor.pdf") {
		t.Errorf("verify names a sound document:\n%s", out)
	}
	if !strings.Contains(errs, "2 documents are missing or damaged") || !strings.Contains(errs, "add each document again") {
		t.Errorf("error and hint:\n%s", errs)
	}

	// With the documents sound again, the orphan is named, and verify passes.
	tv2 := newDocVault(t)
	if err := os.WriteFile(tv2.path("files/"+orphan+".age"), []byte("age-encryption.org/v1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errs, code = tv2.run("verify")
	if code != 0 || !strings.Contains(out, "orphan files/"+orphan+".age") {
		t.Errorf("orphan not named: exit %d\n%s%s", code, out, errs)
	}
}

// TestOrphansGoAtTheNextSave: a sealed file no document refers to stays
// through every reading command and goes at the next successful save;
// every document stays.
func TestOrphansGoAtTheNextSave(t *testing.T) {
	tv := newDocVault(t)
	orphan := tv.path("files/" + strings.Repeat("cd", 16) + ".age")
	if err := os.WriteFile(orphan, []byte("age-encryption.org/v1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"list"}, {"verify"}, {"deadlines"}, {"retention"}, {"retention", "--purge"}} {
		if out, errs, code := tv.run(args...); code != 0 {
			t.Fatalf("%v: exit %d\n%s%s", args, code, out, errs)
		}
		if _, err := os.Stat(orphan); err != nil {
			t.Fatalf("after %v, a command that saves nothing: %v", args, err)
		}
	}
	csv := filepath.Join(t.TempDir(), "clients.csv")
	if err := os.WriteFile(csv, []byte("first_name,last_name,status\nMila,Bakker,intake\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, errs, code := tv.run("import", csv); code != 0 {
		t.Fatalf("import: exit %d\n%s%s", code, out, errs)
	}
	if _, err := os.Stat(orphan); !os.IsNotExist(err) {
		t.Errorf("the orphan survived a save: %v", err)
	}
	if out, errs, code := tv.run("verify"); code != 0 || strings.Contains(out, "orphan") {
		t.Errorf("after the save: exit %d\n%s%s", code, out, errs)
	}
}

// TestHintPerDamagedFile: each kind of damage gets the remedy for that
// file, and never one that would make things worse (copying a backup
// over vault.age throws away the newest saves: it is the remedy for a
// damaged vault.age only).
func TestHintPerDamagedFile(t *testing.T) {
	cases := []struct {
		name    string
		damage  func(t *testing.T, tv *docVault)
		args    []string
		msg     string // in the error line
		hint    string // in the hint line
		notHint string
		unlocks bool // the command unlocks to write: its audit line is saved
	}{
		{
			name:   "identity.age damaged",
			damage: func(t *testing.T, tv *docVault) { flipByte(t, tv.path("identity.age")) },
			args:   []string{"list"},
			msg:    "identity.age, the vault's key file, is damaged", hint: "'caseload recover'", notHint: "over it",
		},
		{
			name:   "identity.age missing",
			damage: func(t *testing.T, tv *docVault) { os.Remove(tv.path("identity.age")) },
			args:   []string{"list"},
			msg:    "identity.age, the vault's key file, is missing", hint: "'caseload recover'", notHint: "init",
		},
		{
			name:   "vault.age damaged",
			damage: func(t *testing.T, tv *docVault) { flipByte(t, tv.path("vault.age")) },
			args:   []string{"list"},
			msg:    "vault.age is damaged", hint: "copy " + "BACKUP" + " over it", notHint: "recover",
		},
		{
			name:   "vault.age missing",
			damage: func(t *testing.T, tv *docVault) { os.Remove(tv.path("vault.age")) },
			args:   []string{"list"},
			msg:    "vault.age is damaged", hint: "copy " + "BACKUP" + " over it",
		},
		{
			name: "vault.age of another vault",
			damage: func(t *testing.T, tv *docVault) {
				other := newDocVault(t)
				b, err := os.ReadFile(other.path("vault.age"))
				if err != nil {
					t.Fatal(err)
				}
				os.WriteFile(tv.path("vault.age"), b, 0o600)
			},
			args: []string{"list"},
			msg:  "vault.age belongs to another vault", hint: "copy " + "BACKUP" + " over it",
		},
		{
			name:   "a document damaged, found by verify",
			damage: func(t *testing.T, tv *docVault) { flipByte(t, tv.path("files/"+tv.docs["cv-Noor.pdf"]+".age")) },
			args:   []string{"verify"},
			msg:    "1 documents are missing or damaged", hint: "add each document again", notHint: "vault.age",
		},
		{
			name:   "a document damaged, found by an export",
			damage: func(t *testing.T, tv *docVault) { flipByte(t, tv.path("files/"+tv.docs["cv-Noor.pdf"]+".age")) },
			args:   []string{"export", "1", "--out", "OUT"},
			msg:    "a document of the vault is damaged", hint: "'caseload verify' names each damaged document", notHint: "vault.age",
			unlocks: true,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tv := newDocVault(t)
			c.damage(t, tv)
			args := slices.Clone(c.args)
			for i, a := range args {
				if a == "OUT" {
					args[i] = filepath.Join(t.TempDir(), "d.zip.age")
				}
			}
			before, _ := os.ReadFile(tv.path("vault.age"))
			_, errs, code := tv.run(args...)
			if code != 1 {
				t.Fatalf("exit %d:\n%s", code, errs)
			}
			msg, hint, _ := strings.Cut(errs, "caseload: hint: ")
			want := c.hint
			if strings.Contains(want, "BACKUP") {
				list, _ := filepath.Glob(tv.path("backups/vault-*.age"))
				if len(list) == 0 {
					t.Fatal("no backup generation to name")
				}
				want = strings.Replace(want, "BACKUP", list[len(list)-1], 1)
			}
			if !strings.Contains(msg, c.msg) || !strings.Contains(hint, want) ||
				(c.notHint != "" && strings.Contains(hint, c.notHint)) {
				t.Errorf("want error %q and hint with %q (without %q), got:\n%s", c.msg, want, c.notHint, errs)
			}
			if after, _ := os.ReadFile(tv.path("vault.age")); !c.unlocks && !bytes.Equal(before, after) {
				t.Error("vault.age changed")
			}
		})
	}
}

// TestReadWhileTheAppHoldsTheVault: the reading commands read the vault
// as last saved while caseload has it open, and say so; a command that
// writes is still refused.
func TestReadWhileTheAppHoldsTheVault(t *testing.T) {
	tv := newDocVault(t)
	app, err := tv.env(nil, nil).open(context.Background(), filesPass)
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	for _, args := range [][]string{{"list"}, {"verify"}, {"deadlines"}, {"retention"}, {"retention", "--purge"},
		{"register", "--out", filepath.Join(t.TempDir(), "register")}, {"backup", "--out", filepath.Join(t.TempDir(), "b.tar")}} {
		out, errs, code := tv.run(args...)
		if code != 0 {
			t.Errorf("%v while the app has the vault: exit %d\n%s%s", args, code, out, errs)
			continue
		}
		if !strings.Contains(errs, "the vault is open in another caseload window; this is the vault as last saved there") {
			t.Errorf("%v does not say it reads a snapshot:\n%s", args, errs)
		}
	}
	if out, _, _ := tv.run("list"); !strings.Contains(out, "Noor Jansen") {
		t.Errorf("list:\n%s", out)
	}
	if _, errs, code := tv.run("retention", "--purge", "--yes"); code != 1 || !strings.Contains(errs, "open in another caseload window") {
		t.Errorf("a purge while the app has the vault: exit %d\n%s", code, errs)
	}
}

// TestBusyFileHint: a save that failed because another program held the
// vault file names the likely culprits, in both languages.
func TestBusyFileHint(t *testing.T) {
	err := fmt.Errorf("%w: %w", store.ErrNotSaved, fmt.Errorf("sealing vault: replacing vault.age: %w", crypt.ErrFileBusy))
	for lang, want := range map[string][]string{
		"en": {"nothing was saved: another program kept a file of the vault open", "virus scanner", "search indexer", "OneDrive", "Dropbox"},
		"nl": {"er is niets opgeslagen: een ander programma hield", "virusscanner", "zoekindex", "OneDrive", "Dropbox"},
	} {
		e := &env{vaultDir: t.TempDir(), lang: lang}
		msg, hint := e.explain(err)
		for _, w := range want {
			if !strings.Contains(msg+" "+hint, w) {
				t.Errorf("%s: %q missing from %q / %q", lang, w, msg, hint)
			}
		}
	}
}

// TestDemoCleanUpFailureIsReported: a demo folder that cannot be removed
// is named, not silently left behind.
func TestDemoCleanUpFailureIsReported(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "caseload-demo-1")
	err := removeDemo(dir, func(string) error { return os.ErrPermission })
	if !errors.Is(err, errDemoLeft) || !errors.Is(err, os.ErrPermission) {
		t.Fatalf("removeDemo: %v", err)
	}
	e := &env{lang: "en"}
	msg, hint := e.explain(err)
	if !strings.Contains(msg, dir) || !strings.Contains(hint, "delete that folder by hand") {
		t.Errorf("%q / %q", msg, hint)
	}
	if err := removeDemo(dir, os.RemoveAll); err != nil {
		t.Errorf("removing a folder that is not there: %v", err)
	}
}

// TestScreensHintPerDamagedFile: the screens, too, tell a damaged key
// file and a damaged document from a damaged vault.age, each with its
// own remedy.
func TestScreensHintPerDamagedFile(t *testing.T) {
	tv := newDocVault(t)
	b := backend{tv.env(nil, nil)}
	flipByte(t, tv.path("identity.age"))
	if _, err := b.Unlock([]byte(filesPass), nil); b.Classify(err) != tui.ProblemIdentityDamaged {
		t.Errorf("damaged identity.age: %v is problem %d", err, b.Classify(err))
	}

	tv = newDocVault(t)
	b = backend{tv.env(nil, nil)}
	flipByte(t, tv.path("files/"+tv.docs["cv-Noor.pdf"]+".age"))
	s, err := b.Unlock([]byte(filesPass), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	docs, err := s.(*session).Attachments(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		_, _, err := s.(*session).AttachmentData(context.Background(), d.ID)
		switch {
		case d.Name == "cv-Noor.pdf" && b.Classify(err) != tui.ProblemDocumentDamaged:
			t.Errorf("damaged document: %v is problem %d", err, b.Classify(err))
		case d.Name != "cv-Noor.pdf" && err != nil:
			t.Errorf("%s: %v", d.Name, err)
		}
	}
}
