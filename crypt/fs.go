package crypt

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"time"
)

// fsys is every file operation the vault performs on the vault folder. The
// real implementation is osFS; tests substitute one that fails the Nth call,
// writes short or corrupts a read, so that every failure path can be driven
// without test code in this package's production files.
type fsys interface {
	CreateTemp(dir, pattern string) (file, error)
	Open(name string) (file, error)
	Stat(name string) (fs.FileInfo, error)
	Rename(oldpath, newpath string) error
	Link(oldname, newname string) error
	Remove(name string) error
	MkdirAll(name string, perm fs.FileMode) error
	ReadDir(name string) ([]fs.DirEntry, error)
	SyncDir(name string) error
}

// file is the part of *os.File the vault uses.
type file interface {
	io.Reader
	io.ReaderAt
	io.Writer
	Stat() (fs.FileInfo, error)
	Sync() error
	Close() error
	Name() string
}

// osFS is the real file system. Its zero value is what the app uses; a
// test of this package may set the fields, to have a rename fail as it
// does on Windows while another program holds the file, without waiting.
type osFS struct {
	rename func(oldpath, newpath string) error // renameFile
	busy   func(error) bool                    // isBusy
	sleep  func(time.Duration)                 // time.Sleep
}

// CreateTemp creates a 0600 file, as os.CreateTemp does on every platform.
func (osFS) CreateTemp(dir, pattern string) (file, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err // a nil *os.File must not become a non-nil file
	}
	return f, nil
}

// Open opens a file of the vault to read it, refusing anything but a
// regular file: a FIFO planted as vault.age would otherwise block the
// open until something wrote to it, and a device would be read forever.
func (osFS) Open(name string) (file, error) {
	f, err := openNoBlock(name)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: ErrNotRegular}
	}
	return f, nil
}

// ErrNotRegular means a name in the vault folder is not a regular file: a
// pipe, a device, a folder. Nothing is read from it.
var ErrNotRegular = errors.New("not a regular file")

func (osFS) Stat(name string) (fs.FileInfo, error)        { return os.Stat(name) }
func (osFS) Link(oldname, newname string) error           { return os.Link(oldname, newname) }
func (osFS) Remove(name string) error                     { return os.Remove(name) }
func (osFS) MkdirAll(name string, perm fs.FileMode) error { return os.MkdirAll(name, perm) }
func (osFS) ReadDir(name string) ([]fs.DirEntry, error)   { return os.ReadDir(name) }
func (osFS) SyncDir(name string) error                    { return syncDir(name) }

// Rename replaces newpath with oldpath, retrying for a moment while
// another program holds a file open (see retryBusy); on failure oldpath
// is still there, for the caller to remove.
func (f osFS) Rename(oldpath, newpath string) error {
	rename, busy, sleep := renameFile, isBusy, time.Sleep
	if f.rename != nil {
		rename, busy, sleep = f.rename, f.busy, f.sleep
	}
	return retryBusy(func() error { return rename(oldpath, newpath) }, busy, sleep)
}
