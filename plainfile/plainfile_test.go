package plainfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// onlyFile fails unless dir holds exactly the named files: no temp file
// is ever left behind.
func onlyFile(t *testing.T, dir string, names ...string) {
	t.Helper()
	got, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var have []string
	for _, e := range got {
		have = append(have, e.Name())
	}
	if len(have) != len(names) {
		t.Fatalf("folder holds %v, want %v", have, names)
	}
	for i := range names {
		if have[i] != names[i] {
			t.Fatalf("folder holds %v, want %v", have, names)
		}
	}
}

func TestWriteReplacesReadableByTheCoachOnly(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "register.md")
	if err := os.WriteFile(p, []byte("old register"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(p, []byte("# new register\n")); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(p)
	if err != nil || string(got) != "# new register\n" {
		t.Fatalf("read %q, %v", got, err)
	}
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600: the register is no one else's to read", info.Mode().Perm())
	}
	onlyFile(t, dir, "register.md")
}

func TestCreateNeverReplaces(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "CV.pdf")
	if err := Create(p, []byte("first")); err != nil {
		t.Fatal(err)
	}
	err := Create(p, []byte("second"))
	if !errors.Is(err, fs.ErrExist) {
		t.Fatalf("second Create: %v, want fs.ErrExist", err)
	}
	if got, _ := os.ReadFile(p); string(got) != "first" {
		t.Errorf("existing file now holds %q", got)
	}
	onlyFile(t, dir, "CV.pdf")
}

func TestMissingFolder(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []func(string, []byte) error{Write, Create} {
		err := f(filepath.Join(dir, "gone", "register.md"), []byte("x"))
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("into a missing folder: %v, want fs.ErrNotExist", err)
		}
	}
	onlyFile(t, dir)
}

func TestFailedWriteLeavesNothing(t *testing.T) {
	// A folder where the file should go: the rename fails, as root too.
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "register.md", "inside"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := Write(filepath.Join(dir, "register.md"), []byte("x")); err == nil {
		t.Fatal("replaced a folder with a file")
	}
	onlyFile(t, dir, "register.md")
}

func TestReserveThenCancel(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "letter.pdf")
	r, err := Reserve(p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Reserve(p); !errors.Is(err, fs.ErrExist) {
		t.Errorf("a reserved name reserved again: %v", err)
	}
	r.Cancel()
	onlyFile(t, dir)
}
