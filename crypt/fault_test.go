package crypt

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// faultKind is how an injected fault shows itself.
type faultKind int

const (
	faultErr      faultKind = iota // the call fails with EIO
	faultShort                     // a write writes half and reports no error
	faultShortErr                  // a write writes half and fails with EIO
	faultCorrupt                   // a read returns a flipped bit
)

func (k faultKind) String() string {
	return [...]string{"error", "short write", "short write with error", "corrupt read"}[k]
}

// faultFS is the real file system with one call made to fail: the one for
// which fail returns true, given its 1-based number and its name. It
// records every call, so a test can count them and sweep over them.
//
// It does not really fsync: these tests are about what the code does when
// calls fail, and no test inside one machine can observe durability
// anyway; skipping the fsyncs keeps them fast on a busy disk.
type faultFS struct {
	osFS
	fail   func(n int, op string) bool
	kind   faultKind
	noLink bool            // behave like a file system without hard links
	before func(op string) // called before each call, to race it

	mu  sync.Mutex
	ops []string
	hit int // number of the call that failed, 0 if none
}

// step records a call and reports whether it must fail.
func (f *faultFS) step(op string) bool {
	if f.before != nil {
		f.before(op)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.ops = append(f.ops, op)
	if f.fail != nil && f.hit == 0 && f.fail(len(f.ops), op) {
		f.hit = len(f.ops)
		return true
	}
	return false
}

// reset forgets the calls so far and sets a new fault.
func (f *faultFS) reset(fail func(int, string) bool, kind faultKind) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.ops, f.hit, f.fail, f.kind = nil, 0, fail, kind
}

func (f *faultFS) calls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.ops)
}

var errInjected = syscall.EIO

func injected(op, name string) error { return &fs.PathError{Op: op, Path: name, Err: errInjected} }

func (f *faultFS) CreateTemp(dir, pattern string) (file, error) {
	if f.step("createtemp:" + pattern) {
		return nil, injected("createtemp", dir)
	}
	real, err := f.osFS.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	return &faultFile{file: real, fs: f}, nil
}

func (f *faultFS) Open(name string) (file, error) {
	if f.step("open:" + filepath.Base(name)) {
		return nil, injected("open", name)
	}
	real, err := f.osFS.Open(name)
	if err != nil {
		return nil, err
	}
	return &faultFile{file: real, fs: f, ro: true}, nil
}

func (f *faultFS) Stat(name string) (fs.FileInfo, error) {
	if f.step("stat:" + filepath.Base(name)) {
		return nil, injected("stat", name)
	}
	return f.osFS.Stat(name)
}

func (f *faultFS) Rename(oldpath, newpath string) error {
	if f.step("rename:" + filepath.Base(newpath)) {
		return injected("rename", newpath)
	}
	return f.osFS.Rename(oldpath, newpath)
}

func (f *faultFS) Link(oldname, newname string) error {
	if f.step("link") || f.noLink {
		return &os.LinkError{Op: "link", Old: oldname, New: newname, Err: syscall.EPERM}
	}
	return f.osFS.Link(oldname, newname)
}

func (f *faultFS) Remove(name string) error {
	if f.step("remove") {
		return injected("remove", name)
	}
	return f.osFS.Remove(name)
}

func (f *faultFS) MkdirAll(name string, perm fs.FileMode) error {
	if f.step("mkdirall") {
		return injected("mkdir", name)
	}
	return f.osFS.MkdirAll(name, perm)
}

func (f *faultFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if f.step("readdir") {
		return nil, injected("readdir", name)
	}
	return f.osFS.ReadDir(name)
}

func (f *faultFS) SyncDir(name string) error {
	if f.step("syncdir:" + filepath.Base(name)) {
		return injected("sync", name)
	}
	return nil
}

// faultFile injects faults into the calls on one file.
type faultFile struct {
	file
	fs *faultFS
	ro bool // opened for reading only
}

func (f *faultFile) Write(p []byte) (int, error) {
	if !f.fs.step("write") {
		return f.file.Write(p)
	}
	switch f.fs.kind {
	case faultShort:
		return f.file.Write(p[:len(p)/2])
	case faultShortErr:
		n, _ := f.file.Write(p[:len(p)/2])
		return n, injected("write", f.Name())
	}
	return 0, injected("write", f.Name())
}

func (f *faultFile) Read(p []byte) (int, error) {
	if !f.fs.step("read") {
		return f.file.Read(p)
	}
	if f.fs.kind == faultCorrupt {
		n, err := f.file.Read(p)
		if n == 0 { // nothing to corrupt: fail instead, so the fault counts
			return 0, injected("read", f.Name())
		}
		p[n/2] ^= 1
		return n, err
	}
	return 0, injected("read", f.Name())
}

func (f *faultFile) ReadAt(p []byte, off int64) (int, error) {
	if !f.fs.step("readat") {
		return f.file.ReadAt(p, off)
	}
	if f.fs.kind == faultCorrupt {
		n, err := f.file.ReadAt(p, off)
		if n == 0 { // nothing to corrupt: fail instead, so the fault counts
			return 0, injected("read", f.Name())
		}
		p[n/2] ^= 1
		return n, err
	}
	return 0, injected("read", f.Name())
}

func (f *faultFile) Stat() (fs.FileInfo, error) {
	if f.fs.step("fstat") {
		return nil, injected("stat", f.Name())
	}
	return f.file.Stat()
}

func (f *faultFile) Sync() error {
	if f.fs.step("sync") {
		return injected("sync", f.Name())
	}
	return nil
}

func (f *faultFile) Close() error {
	op := "close"
	if f.ro {
		op = "close(read-only)"
	}
	if f.fs.step(op) {
		f.file.Close()
		return injected("close", f.Name())
	}
	return f.file.Close()
}

// kindsFor are the faults worth injecting into a call of this name.
func kindsFor(op string) []faultKind {
	switch op {
	case "write":
		return []faultKind{faultErr, faultShort, faultShortErr}
	case "read", "readat":
		return []faultKind{faultErr, faultCorrupt}
	}
	return []faultKind{faultErr}
}

func TestSealFaultSweep(t *testing.T) {
	t.Parallel()
	for _, noLink := range []bool{false, true} {
		t.Run(fmt.Sprintf("hardlinks=%v", !noLink), func(t *testing.T) {
			sweepSeal(t, noLink)
		})
	}
}

// sweepSeal fails each file operation of a Seal in turn, in every way
// that applies to it. Before vault.age is replaced, every failure must
// leave vault.age byte-identical and no temp file behind; after, the
// vault must know it holds the new file. Either way, the next Seal works
// (the edit is still in memory) and vault.age then holds it.
// readsVaultFile reports whether call n of ops reads the vault.age in
// place, rather than the temp file being written.
func readsVaultFile(ops []string, n int) bool {
	open := slices.Index(ops, "open:"+vaultFile)
	return open >= 0 && n-1 > open && ops[n-1] == "readat" &&
		!slices.Contains(ops[open:n-1], "close(read-only)")
}

func sweepSeal(t *testing.T, noLink bool) {
	dir, v, _ := createVault(t, nil)
	mustSeal(t, v, textImage(10_000, 0))
	mustSeal(t, v, textImage(10_000, 1)) // so there is a backup to rotate
	v.Close()

	ff := &faultFS{noLink: noLink}
	o := testOpts()
	o.fs = ff
	o.bufSize = 40 << 10

	// One clean Seal, to learn the calls it makes. The images span three
	// writes of the (lowered) buffer, and vault.age is already that large,
	// so that copying it takes as many calls in the sweep as here.
	body := textImage(100_000, 0)
	img := func(i int) []byte { return append(fmt.Appendf(nil, "save %08d\n", i), body...) }
	v, _ = mustOpen(t, dir, o)
	mustSeal(t, v, img(0))
	ff.reset(nil, faultErr)
	mustSeal(t, v, img(1))
	ops := ff.calls()
	replaced := slices.Index(ops, "rename:"+vaultFile) + 1
	if replaced == 0 {
		t.Fatalf("no rename to vault.age among %v", ops)
	}
	t.Logf("a Seal makes %d calls: %s", len(ops), strings.Join(ops, " "))
	first := 1
	if noLink {
		// The calls before the link are the same either way.
		first = slices.Index(ops, "link") + 1
	}

	seq := 2
	vaultPath := filepath.Join(dir, vaultFile)
	for n := first; n <= len(ops); n++ {
		for _, kind := range kindsFor(ops[n-1]) {
			name := fmt.Sprintf("call %d (%s), %v", n, ops[n-1], kind)
			before := readBytes(t, vaultPath)
			ff.reset(func(i int, _ string) bool { return i == n }, kind)
			err := v.Seal(img(seq))
			calls := ff.calls()
			after := readBytes(t, vaultPath)
			switch {
			case (ops[n-1] == "link" || ops[n-1] == "close(read-only)") && err == nil:
				// A failed hard link falls back to a copy, and a file that
				// was only read has nothing to lose on close: the save
				// goes on.
				if bytes.Equal(before, after) {
					t.Errorf("%s: Seal succeeded, yet vault.age is the old one", name)
				}
			case kind == faultCorrupt && readsVaultFile(ops, n) && err == nil:
				// A bad read of the old vault.age while checking it is
				// read again before it counts as a change: the save goes on.
				if bytes.Equal(before, after) {
					t.Errorf("%s: Seal succeeded, yet vault.age is the old one", name)
				}
			case n <= replaced:
				if err == nil {
					t.Errorf("%s: Seal succeeded", name)
				}
				if !bytes.Equal(before, after) {
					t.Errorf("%s: vault.age changed", name)
				}
			case bytes.Equal(before, after):
				t.Errorf("%s: the failure came after the rename, yet vault.age is the old one", name)
			}
			if errors.Is(err, ErrVaultChanged) {
				t.Errorf("%s: a fault was taken for a changed vault: %v", name, err)
			}
			// A failed write or fsync is never followed by another write
			// or fsync of the same temp file.
			if hit := ff.hit; hit > 0 && (calls[hit-1] == "write" || calls[hit-1] == "sync") {
				for _, c := range calls[hit:] {
					if c == "write" || c == "sync" {
						t.Errorf("%s: %s after the failed call: %v", name, c, calls[hit:])
						break
					}
				}
			}
			noTempFiles(t, dir)

			ff.reset(nil, faultErr)
			seq++
			if err := v.Seal(img(seq)); err != nil {
				t.Fatalf("%s: the Seal after: %v", name, err)
			}
			if got := decryptFile(t, v, vaultPath); !bytes.Equal(got, img(seq)) {
				t.Fatalf("%s: vault.age does not hold the last save", name)
			}
			seq++
		}
	}
	v.Close()
	if _, got := mustOpen(t, dir, nil); !bytes.Equal(got, img(seq-1)) {
		t.Fatal("the vault does not open to the last save")
	}
	if matches, _ := filepath.Glob(filepath.Join(dir, "vault.conflict-*")); len(matches) > 0 {
		t.Errorf("conflict files appeared: %v", matches)
	}
}

func TestOpenFaultSweep(t *testing.T) {
	// Every failing call while opening: Open fails (or succeeds, if only
	// the sweep of stale temp files failed), writes nothing, and releases
	// the lock.
	dir, v, _ := createVault(t, nil)
	img := textImage(150_000, 3)
	mustSeal(t, v, img)
	v.Close()
	ff := &faultFS{}
	o := testOpts()
	o.fs = ff
	v, _ = mustOpen(t, dir, o)
	ops := ff.calls()
	v.Close()
	snap := snapshot(t, dir)
	for n := 1; n <= len(ops); n++ {
		for _, kind := range kindsFor(ops[n-1]) {
			name := fmt.Sprintf("call %d (%s), %v", n, ops[n-1], kind)
			ff.reset(func(i int, _ string) bool { return i == n }, kind)
			v, got, err := Open(dir, testPass, o)
			if err == nil {
				v.Close()
				// Only the sweep of stale temp files may fail quietly, and
				// closing a file that was only read.
				if ops[n-1] != "readdir" && ops[n-1] != "close(read-only)" {
					t.Errorf("%s: Open succeeded", name)
				}
				if !bytes.Equal(got, img) {
					t.Errorf("%s: Open returned another image", name)
				}
			} else if got != nil {
				t.Errorf("%s: Open returned an image with its error", name)
			}
			sameSnapshot(t, snap, snapshot(t, dir))
			v, _, err = Open(dir, testPass, testOpts())
			if err != nil {
				t.Fatalf("%s: Open after: %v", name, err)
			}
			v.Close()
		}
	}
}

func TestBackupCopyWithoutHardLinks(t *testing.T) {
	ff := &faultFS{noLink: true}
	o := testOpts()
	o.fs = ff
	dir, v, _ := createVault(t, o)
	for i := range 3 {
		mustSeal(t, v, textImage(80_000, i))
	}
	list, err := v.Backups()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 {
		t.Fatalf("%d backups, want 2", len(list))
	}
	if got := decryptFile(t, v, list[1].Path); !bytes.Equal(got, textImage(80_000, 0)) {
		t.Error("the oldest backup is not the first save")
	}
	noTempFiles(t, dir)
}
