//go:build windows

package crypt

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/windows"
)

// allBytes locks the whole (empty) file; Windows locks byte ranges, and
// the range may extend past the end of the file.
const allBytes = ^uint32(0)

// lockFile takes an exclusive LockFileEx lock on path, creating it if
// needed. The lock belongs to the handle, so a second Open in the same
// process is refused too, and Windows releases it when the process dies.
func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("opening lock file: %w", err)
	}
	err = windows.LockFileEx(windows.Handle(f.Fd()),
		windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY,
		0, allBytes, allBytes, new(windows.Overlapped))
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING) {
		f.Close()
		return nil, ErrInUse
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("locking: %w", err)
	}
	return f, nil
}

// unlockFile releases the lock taken by lockFile.
func unlockFile(f *os.File) error {
	err := windows.UnlockFileEx(windows.Handle(f.Fd()), 0, allBytes, allBytes, new(windows.Overlapped))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// holdTemp would mark a temp file as still being written; on Windows a
// file another process holds open cannot be removed anyway, so a temp
// file is only removed once it is old.
func holdTemp(string) *os.File { return nil }

// releaseTemp lets go of what holdTemp took.
func releaseTemp(*os.File) {}

// tempAbandoned tells whether nobody holds the temp file; unknown here.
func tempAbandoned(string) bool { return false }
