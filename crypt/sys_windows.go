//go:build windows

package crypt

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// syncDir does nothing on Windows: a directory cannot be opened for
// flushing there, and renameFile asks for write-through instead.
func syncDir(string) error { return nil }

// renameFile replaces newpath with oldpath like os.Rename, but with
// MOVEFILE_WRITE_THROUGH so that the rename is on disk when it returns,
// which is what syncDir achieves on other systems.
func renameFile(oldpath, newpath string) error {
	from, err := windows.UTF16PtrFromString(oldpath)
	if err != nil {
		return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: err}
	}
	to, err := windows.UTF16PtrFromString(newpath)
	if err != nil {
		return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: err}
	}
	err = windows.MoveFileEx(from, to, windows.MOVEFILE_REPLACE_EXISTING|windows.MOVEFILE_WRITE_THROUGH)
	if err != nil {
		return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: err}
	}
	return nil
}

// openNoBlock opens name to read, like os.Open (which never waits on
// Windows), but sharing delete access too: os.Open's handle would make
// every rename onto the file fail while it is open, so a login script
// reading the vault would fail the open app's save (which retries, see
// retryBusy, but need not).
func openNoBlock(name string) (*os.File, error) {
	p, err := windows.UTF16PtrFromString(name)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: name, Err: err}
	}
	h, err := windows.CreateFile(p, windows.GENERIC_READ,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE|windows.FILE_SHARE_DELETE,
		nil, windows.OPEN_EXISTING, windows.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: name, Err: err}
	}
	return os.NewFile(uintptr(h), name), nil
}

// isDiskFull reports whether err means the disk has no room left.
func isDiskFull(err error) bool {
	return errors.Is(err, windows.ERROR_DISK_FULL) || errors.Is(err, windows.ERROR_HANDLE_DISK_FULL)
}

// IsReadOnly reports whether err means the medium is write-protected: a
// reading command still works there, a save cannot.
func IsReadOnly(err error) bool { return errors.Is(err, windows.ERROR_WRITE_PROTECT) }

// isBusy reports whether err is Windows refusing a rename because another
// program has one of the files open: a sharing or lock violation, or the
// "access denied" a file open without FILE_SHARE_DELETE gives. Go's
// toolchain retries the same three (cmd/go/internal/robustio).
func isBusy(err error) bool {
	return errors.Is(err, windows.ERROR_SHARING_VIOLATION) || errors.Is(err, windows.ERROR_ACCESS_DENIED) ||
		errors.Is(err, windows.ERROR_LOCK_VIOLATION)
}
