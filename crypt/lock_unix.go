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

// holdTemp marks the temp file at path as one this process is still
// writing, by an flock on a descriptor of its own (read-only, so a file
// removed meanwhile is not made again) that lives until releaseTemp, past
// the writer's Close. The kernel drops it when the process dies, so a
// temp file nobody holds is a killed writer's. nil when it cannot be
// held; the file is then only removed once it is old.
func holdTemp(path string) *os.File {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	if flockNB(f) != nil {
		f.Close()
		return nil
	}
	return f
}

// releaseTemp lets go of what holdTemp took (nil: nothing).
func releaseTemp(f *os.File) {
	if f != nil {
		unlockFile(f)
	}
}

// tempAbandoned tells whether nobody holds the temp file at path: its
// writer was killed before it could remove it.
func tempAbandoned(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	return flockNB(f) == nil
}

// flockNB takes an exclusive flock on f without waiting.
func flockNB(f *os.File) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var lerr error
	if err := rc.Control(func(fd uintptr) {
		for {
			if lerr = unix.Flock(int(fd), unix.LOCK_EX|unix.LOCK_NB); lerr != unix.EINTR {
				return
			}
		}
	}); err != nil {
		return err
	}
	return lerr
}
