// Package plainfile writes the files caseload leaves in the clear after
// the coach said yes to that: the processing register, a document copied
// out of the vault. Every one is written the same way, so none is ever
// half there or readable by other users of the laptop:
//
//   - mode 0600, from the first byte;
//   - a temp file in the same folder (a rename never crosses file systems);
//   - fsync before the rename, so the name never points at lost data;
//   - rename into place, then fsync the folder, so the name survives a crash.
//
// It knows nothing of vaults or clients: callers decide what may be written
// in the clear. The vault's own files are written by crypt.
package plainfile

import (
	"fmt"
	"os"
	"path/filepath"
)

// Write writes data to path, replacing a file already there. Readers see
// the old file or the new one, never a mix; on any error the old file is
// left as it was and no temp file remains.
func Write(path string, data []byte) error {
	tmp, err := writeTemp(path, data)
	if err != nil {
		return err
	}
	return commit(tmp, path)
}

// Create is Write for a file that must not exist yet: it never replaces a
// file, not even one that appears while it writes. An existing file is an
// error wrapping fs.ErrExist, a missing folder one wrapping
// fs.ErrNotExist.
func Create(path string, data []byte) error {
	r, err := Reserve(path)
	if err != nil {
		return err
	}
	return r.Write(data)
}

// Reserved is a name claimed by Reserve, not yet written.
type Reserved struct{ path string }

// Reserve claims path for a file that must not exist yet, before the data
// is at hand: a caller that must not take the data out (and log that it
// did) for a file it cannot write asks here first. The name holds an empty
// 0600 file until Write or Cancel. Errors are as Create's.
func Reserve(path string) (*Reserved, error) {
	// A file that appears after this makes this fail rather than be
	// replaced; the rename in Write replaces only our own placeholder.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("creating %s: %w", filepath.Base(path), err)
	}
	f.Close()
	return &Reserved{path: path}, nil
}

// Write puts data under the reserved name as Write does; on an error the
// name is released again.
func (r *Reserved) Write(data []byte) error {
	tmp, err := writeTemp(r.path, data)
	if err == nil {
		err = commit(tmp, r.path)
	}
	if err != nil {
		r.Cancel()
	}
	return err
}

// Cancel releases the name, removing the placeholder.
func (r *Reserved) Cancel() { os.Remove(r.path) }

// writeTemp writes data to a new 0600 temp file beside path and syncs it.
func writeTemp(path string, data []byte) (string, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return "", fmt.Errorf("writing %s: %w", base, err)
	}
	name := f.Name()
	// os.CreateTemp makes 0600 files already; this says it does not
	// depend on that.
	err = f.Chmod(0o600)
	if err == nil {
		_, err = f.Write(data)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
		return "", fmt.Errorf("writing %s: %w", base, err)
	}
	return name, nil
}

// commit renames tmp over path and syncs the folder.
func commit(tmp, path string) error {
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("writing %s: %w", filepath.Base(path), err)
	}
	if err := syncDir(filepath.Dir(path)); err != nil {
		return fmt.Errorf("syncing the folder of %s: %w", filepath.Base(path), err)
	}
	return nil
}
