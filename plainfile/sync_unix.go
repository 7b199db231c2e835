//go:build unix

package plainfile

import (
	"errors"
	"os"
	"syscall"
)

// syncDir makes the names in dir durable: after a rename the file's data
// is on disk, but the entry naming it is not until the folder is synced.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP) {
		// Some file systems (certain FUSE and network mounts) cannot sync
		// a folder at all; there is nothing better to do there.
		err = nil
	}
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
