package crypt

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"filippo.io/age"
	"filippo.io/age/armor"
)

// zipLike is export content as the dossier package writes it: it starts
// like a zip and carries a canary that must never reach the disk in the
// clear.
var zipLike = append([]byte(zipIntro+"CANARY-dossier-Samira-Bouzid-"), textImage(150_000, 7)...)

func fillWith(b []byte) func(io.Writer) error {
	return func(w io.Writer) error { _, err := w.Write(b); return err }
}

func TestExportWords(t *testing.T) {
	if len(exportWords) < 1700 {
		t.Fatalf("%d words: too few for six to give 64 bits", len(exportWords))
	}
	seen := map[string]bool{}
	prefix := map[string]string{}
	for _, w := range exportWords {
		if seen[w] {
			t.Errorf("%q twice", w)
		}
		seen[w] = true
		if strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") != "" || len(w) < 3 {
			t.Errorf("%q is not a plain lowercase word", w)
		}
		p := w[:min(4, len(w))]
		if other, ok := prefix[p]; ok {
			t.Errorf("%q and %q share their first four letters", other, w)
		}
		prefix[p] = w
	}
	for _, w := range []string{"divorce", "bomb", "illness", "prison", "abuse", "orphan"} {
		if seen[w] {
			t.Errorf("%q must not be read out to a client", w)
		}
	}
}

func TestNewExportPassphrase(t *testing.T) {
	seen := map[string]bool{}
	for range 50 {
		p := NewExportPassphrase()
		words := strings.Split(p, "-")
		if len(words) != 6 {
			t.Fatalf("%q: want six words", p)
		}
		for _, w := range words {
			if !slicesContains(exportWords, w) {
				t.Errorf("%q is not in the word list", w)
			}
		}
		if seen[p] {
			t.Fatalf("%q drawn twice", p)
		}
		seen[p] = true
	}
}

func slicesContains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func TestExportPassphraseRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "exports")
	pass := NewExportPassphrase()
	path, err := WriteExport(dir, "dossier-samira-2026-03-02.zip.age",
		ExportKey{Passphrase: pass, WorkFactor: testWorkFactor}, true, fillWith(zipLike))
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(path) != "dossier-samira-2026-03-02.zip.age" {
		t.Errorf("path %s", path)
	}
	noTempFiles(t, dir)
	if info, err := os.Stat(dir); err != nil || (runtime.GOOS != "windows" && info.Mode().Perm() != 0o700) {
		t.Errorf("export folder: %v %v", info.Mode(), err)
	}
	data, sealing, err := ReadExport(path)
	if err != nil || sealing != SealedPassphrase {
		t.Fatalf("sealing %v, %v", sealing, err)
	}
	if bytes.Contains(data, []byte("CANARY")) {
		t.Fatal("the sealed export holds the clear text")
	}
	got, err := OpenExport(data, pass, "")
	if err != nil || !bytes.Equal(got, zipLike) {
		t.Fatalf("opening: %v", err)
	}
	if _, err := OpenExport(data, pass+"x", ""); !errors.Is(err, ErrWrongExportKey) {
		t.Errorf("wrong passphrase: %v", err)
	}
	if _, err := OpenExport(data, "", ""); !errors.Is(err, ErrWrongExportKey) {
		t.Errorf("no passphrase: %v", err)
	}

	// A second export of the day gets its own name; the first stays.
	path2, err := WriteExport(dir, "dossier-samira-2026-03-02.zip.age",
		ExportKey{Passphrase: pass, WorkFactor: testWorkFactor}, true, fillWith([]byte(zipIntro+"second")))
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(path2) != "dossier-samira-2026-03-02-2.zip.age" {
		t.Errorf("second export: %s", path2)
	}
	if !bytes.Equal(readBytes(t, path), data) {
		t.Error("the first export was replaced")
	}
	// A chosen name is never replaced.
	_, err = WriteExport(dir, "dossier-samira-2026-03-02.zip.age",
		ExportKey{Passphrase: pass, WorkFactor: testWorkFactor}, false, fillWith(zipLike))
	if !errors.Is(err, ErrExportExists) {
		t.Errorf("existing file: %v", err)
	}
	noTempFiles(t, dir)
}

func TestExportRecipients(t *testing.T) {
	x, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	pq, err := age.GenerateHybridIdentity()
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct{ recipients, identity string }{
		"x25519":       {"  " + x.Recipient().String() + " \r\n", x.String()},
		"post-quantum": {pq.Recipient().String(), "# the new coach\n" + pq.String() + "\n"},
	} {
		t.Run(name, func(t *testing.T) {
			if err := CheckRecipients(c.recipients); err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			path, err := WriteExport(dir, "d.zip.age", ExportKey{Recipients: c.recipients}, false, fillWith(zipLike))
			if err != nil {
				t.Fatal(err)
			}
			data, sealing, err := ReadExport(path)
			if err != nil || sealing != SealedKey {
				t.Fatalf("sealing %v, %v", sealing, err)
			}
			got, err := OpenExport(data, "", c.identity)
			if err != nil || !bytes.Equal(got, zipLike) {
				t.Fatalf("opening: %v", err)
			}
			other, _ := age.GenerateX25519Identity()
			if _, err := OpenExport(data, "", other.String()); !errors.Is(err, ErrWrongExportKey) {
				t.Errorf("another key: %v", err)
			}
			if _, err := OpenExport(data, "", "not a key"); !errors.Is(err, ErrWrongExportKey) || strings.Contains(err.Error(), "not a key") {
				t.Errorf("garbage identity: %v", err)
			}
		})
	}
}

func TestCheckRecipientsRefuses(t *testing.T) {
	for _, s := range []string{"", "   ", "AGE-SECRET-KEY-1QQQ", "age1notakey", "ssh-ed25519 AAAA", "# only a comment"} {
		err := CheckRecipients(s)
		if !errors.Is(err, ErrBadRecipient) {
			t.Errorf("%q: %v", s, err)
			continue
		}
		if s != "" && strings.TrimSpace(s) != "" && strings.Contains(err.Error(), strings.TrimSpace(s)) {
			t.Errorf("%q: the error quotes the input: %v", s, err)
		}
	}
}

func TestExportPlain(t *testing.T) {
	dir := t.TempDir()
	path, err := WriteExport(dir, "d.zip", ExportKey{Plain: true}, false, fillWith(zipLike))
	if err != nil {
		t.Fatal(err)
	}
	data, sealing, err := ReadExport(path)
	if err != nil || sealing != SealedPlain || !bytes.Equal(data, zipLike) {
		t.Fatalf("plain: %v %v", sealing, err)
	}
	got, err := OpenExport(data, "", "")
	if err != nil || !bytes.Equal(got, zipLike) {
		t.Fatal(err)
	}
}

func TestExportKeyChoice(t *testing.T) {
	for _, k := range []ExportKey{{}, {Passphrase: "a", Plain: true}, {Passphrase: "a", Recipients: "b"},
		{Passphrase: "long enough", WorkFactor: 40}} {
		if _, err := WriteExport(t.TempDir(), "d.zip.age", k, false, fillWith(zipLike)); err == nil {
			t.Errorf("%+v: no error", k)
		}
	}
	if _, err := WriteExport(t.TempDir(), "../d.zip.age", ExportKey{Plain: true}, false, fillWith(zipLike)); err == nil {
		t.Error("a name with a folder in it was taken")
	}
}

// A failed fill, or a failed write, leaves nothing in the folder.
func TestExportFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	boom := errors.New("boom")
	_, err := WriteExport(dir, "d.zip.age", ExportKey{Passphrase: "six words", WorkFactor: testWorkFactor}, true,
		func(w io.Writer) error {
			w.Write(zipLike[:100_000])
			return boom
		})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("left behind: %v", entries)
	}
	for n := 1; ; n++ {
		dir := t.TempDir()
		ffs := &faultFS{fail: func(i int, op string) bool { return i == n }}
		path, err := writeExport(ffs, dir, "d.zip.age", ExportKey{Passphrase: "six words", WorkFactor: testWorkFactor},
			true, fillWith(zipLike), nil)
		if ffs.hit == 0 {
			break // past the last call
		}
		op := ffs.calls()[n-1]
		var exports []string
		for _, e := range mustReadDir(t, dir) {
			if got := readBytes(t, filepath.Join(dir, e.Name())); bytes.Contains(got, []byte("CANARY")) {
				t.Fatalf("%s failed: %s holds clear text", op, e.Name())
			}
			if !strings.HasSuffix(e.Name(), ".tmp") {
				exports = append(exports, e.Name())
			}
		}
		if err != nil {
			if len(exports) != 0 {
				t.Errorf("%s failed with %v, yet %v is there", op, err, exports)
			}
		} else if len(exports) != 1 || filepath.Base(path) != exports[0] {
			t.Errorf("%s failed without an error, and the folder holds %v", op, exports)
		}
		if op != "remove" {
			noTempFiles(t, dir)
		}
	}
}

func mustReadDir(t *testing.T, dir string) []os.DirEntry {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

// Where the file system has no hard links, an export is renamed into
// place, and still never over an existing file.
func TestExportWithoutHardLinks(t *testing.T) {
	dir := t.TempDir()
	ffs := &faultFS{noLink: true}
	k := ExportKey{Plain: true}
	p1, err := writeExport(ffs, dir, "d.zip", k, true, fillWith([]byte(zipIntro+"1")), nil)
	if err != nil {
		t.Fatal(err)
	}
	p2, err := writeExport(ffs, dir, "d.zip", k, true, fillWith([]byte(zipIntro+"2")), nil)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(p1) != "d.zip" || filepath.Base(p2) != "d-2.zip" || string(readBytes(t, p1)) != zipIntro+"1" {
		t.Errorf("%s %s", p1, p2)
	}
	noTempFiles(t, dir)
}

func TestOpenExportDamaged(t *testing.T) {
	dir := t.TempDir()
	path, err := WriteExport(dir, "d.zip.age", ExportKey{Passphrase: "pass", WorkFactor: testWorkFactor}, false, fillWith(zipLike))
	if err != nil {
		t.Fatal(err)
	}
	data := readBytes(t, path)
	flipped := bytes.Clone(data)
	flipped[len(flipped)-100] ^= 1
	if _, err := OpenExport(flipped, "pass", ""); !errors.Is(err, ErrDamaged) {
		t.Errorf("flipped: %v", err)
	}
	if _, err := OpenExport(data[:len(data)-70_000], "pass", ""); !errors.Is(err, ErrDamaged) {
		t.Errorf("truncated: %v", err)
	}
	for _, junk := range [][]byte{nil, []byte("hello"), []byte("SQLite format 3\x00")} {
		if _, err := OpenExport(junk, "pass", ""); !errors.Is(err, ErrNotExport) {
			t.Errorf("%q: %v", junk, err)
		}
	}
	if _, err := ExportSealingOf([]byte(ageIntro + "garbage")); !errors.Is(err, ErrDamaged) {
		t.Errorf("bad header: %v", err)
	}

	// An armored file (age -a) opens as well.
	var buf bytes.Buffer
	aw := armor.NewWriter(&buf)
	aw.Write(data)
	aw.Close()
	got, err := OpenExport(buf.Bytes(), "pass", "")
	if err != nil || !bytes.Equal(got, zipLike) {
		t.Errorf("armored: %v", err)
	}
}

// The point of sealing with plain age: the receiver opens the file with
// the age command line of any release, by passphrase or by key.
func TestExportOpensWithAgeCLI(t *testing.T) {
	agePath, err := exec.LookPath("age")
	if err != nil {
		t.Skip("age is not installed")
	}
	dir := t.TempDir()
	pass := NewExportPassphrase()
	path, err := WriteExport(dir, "d.zip.age", ExportKey{Passphrase: pass, WorkFactor: testWorkFactor}, false, fillWith(zipLike))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("age-plugin-batchpass"); err == nil {
		cmd := exec.Command(agePath, "-d", "-j", "batchpass", path)
		cmd.Env = append(os.Environ(), "AGE_PASSPHRASE="+pass)
		out, err := cmd.Output()
		if err != nil || !bytes.Equal(out, zipLike) {
			t.Errorf("age -d -j batchpass: %v", err)
		}
	}

	pq, _ := age.GenerateHybridIdentity()
	keyFile := filepath.Join(dir, "key.txt")
	if err := os.WriteFile(keyFile, []byte(pq.String()+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	path, err = WriteExport(dir, "k.zip.age", ExportKey{Recipients: pq.Recipient().String()}, false, fillWith(zipLike))
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(agePath, "-d", "-i", keyFile, path).Output()
	if err != nil || !bytes.Equal(out, zipLike) {
		t.Errorf("age -d -i: %v", err)
	}
}

// WriteExportLogged logs the path an export takes before it takes it, so
// a crash never leaves a file the disclosure log does not hold; a log
// that fails leaves nothing behind and its error comes back as it is.
func TestWriteExportLogged(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "d.zip"), []byte("an earlier export"), 0o600); err != nil {
		t.Fatal(err)
	}
	var logged []string
	log := func(path string) error {
		if _, err := os.Stat(path); !os.IsNotExist(err) {
			t.Errorf("%s exists before it is logged (%v)", path, err)
		}
		logged = append(logged, filepath.Base(path))
		return nil
	}
	path, err := WriteExportLogged(dir, "d.zip", ExportKey{Plain: true}, true, fillWith(zipLike), log)
	if err != nil || filepath.Base(path) != "d-2.zip" || !slices.Equal(logged, []string{"d-2.zip"}) {
		t.Fatalf("path %s, logged %v, %v", path, logged, err)
	}
	if _, err := WriteExportLogged(dir, "d.zip", ExportKey{Plain: true}, false, fillWith(zipLike), log); !errors.Is(err, ErrExportExists) {
		t.Errorf("a taken name without free: %v", err)
	}
	errLog := errors.New("the vault is read-only")
	_, err = WriteExportLogged(dir, "e.zip", ExportKey{Plain: true}, true, fillWith(zipLike), func(string) error { return errLog })
	if err != errLog {
		t.Errorf("a failing log: %v, want its own error", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("after a failing log the folder holds %d files, want the 2 exports", len(entries))
	}
}
