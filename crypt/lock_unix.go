//go:build unix

package crypt

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// lockFile takes an exclusive flock on path, creating it if needed. flock
// belongs to the open file description, so a second Open in the same
// process is refused just like another process, and the kernel drops the
// lock when the process dies: a killed caseload leaves no stale lock.
func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("opening lock file: %w", err)
	}
	rc, err := f.SyscallConn()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("locking: %w", err)
	}
	var lerr error
	err = rc.Control(func(fd uintptr) {
		for {
			lerr = unix.Flock(int(fd), unix.LOCK_EX|unix.LOCK_NB)
			if lerr != unix.EINTR {
				return
			}
		}
	})
	if err == nil {
		err = lerr
	}
	if errors.Is(err, unix.EWOULDBLOCK) {
		f.Close()
		return nil, ErrInUse
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("locking: %w", err)
	}
	return f, nil
}

// unlockFile releases the lock taken by lockFile. Closing the file alone
// would release it too; the explicit unlock keeps that from depending on
// no other descriptor sharing the open file description.
func unlockFile(f *os.File) error {
	rc, err := f.SyscallConn()
	if err == nil {
		var uerr error
		err = rc.Control(func(fd uintptr) { uerr = unix.Flock(int(fd), unix.LOCK_UN) })
		if err == nil {
			err = uerr
		}
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
