//go:build unix

package crypt

import (
	"errors"
	"os"
	"syscall"
)

// syncDir makes the names in dir durable: after a rename, the file's data is
// on disk (it was fsynced) but the directory entry pointing at it is not
// until the directory itself is synced.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP) {
		// Some file systems (certain FUSE and network mounts) cannot sync a
		// directory at all; there is nothing better to do there.
		err = nil
	}
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// openNoBlock opens name to read with O_NONBLOCK, which makes opening a
// FIFO return at once instead of waiting for a writer. It changes nothing
// for a regular file, whose reads never block in that sense.
func openNoBlock(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

// renameFile is os.Rename: POSIX rename replaces the target atomically.
func renameFile(oldpath, newpath string) error { return os.Rename(oldpath, newpath) }

// isDiskFull reports whether err means the disk (or the user's quota, or the
// file size limit) has no room left, which the user can act on.
func isDiskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EFBIG) ||
		errors.Is(err, syscall.EDQUOT)
}

// IsReadOnly reports whether err means the file system is mounted
// read-only: a reading command still works there, a save cannot.
func IsReadOnly(err error) bool { return errors.Is(err, syscall.EROFS) }

// isBusy is false: on Unix a rename replaces a file whoever has it open.
func isBusy(error) bool { return false }
