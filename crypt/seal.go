package crypt

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// sealBufSize is the write buffer between age and the temp file: large
// enough that a save is a handful of write calls, small next to an image.
const sealBufSize = 1 << 20

// stampLayout names backup and conflict files in UTC, to the nanosecond so
// names do not collide, without colons so they are valid on Windows.
const stampLayout = "20060102T150405.000000000Z"

// Seal encrypts image to the vault key and the recovery key and replaces
// vault.age with it atomically. It returns nil only once the new vault.age
// is durable: written to a temp file, fsynced, read back and compared,
// renamed over vault.age, and the folder fsynced. The encryption streams
// into the temp file; no second copy of the image is made.
//
// If vault.age is not the file this Vault loaded or last sealed (a sync
// tool replaced it), Seal does not touch it: the new image is kept as
// vault.conflict-<UTC>.age and the error wraps ErrVaultChanged and names
// that file. Before replacing vault.age, the current one is kept in
// backups/ (a hard link, or a copy where links are not supported), and
// old generations are rotated out after the save.
//
// On any failure vault.age is untouched, the temp file is removed and the
// error returned; a full disk wraps ErrDiskFull. Seal never retries: the
// caller keeps the image and seals again later. An empty image is refused,
// since sealing one would replace the caseload with nothing.
func (v *Vault) Seal(image []byte) error {
	if len(image) == 0 {
		return errors.New("sealing vault: refusing to seal an empty image")
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.writable(); err != nil {
		return fmt.Errorf("sealing vault: %w", err)
	}
	if err := v.seal(image, nil); err != nil {
		return fmt.Errorf("sealing vault: %w", err)
	}
	return nil
}

// seal is Seal with v.mu held. The journal entries following the old
// snapshot are covered by image and dropped once it is durable; unless
// rechain holds them (Recover seals the bare snapshot under new keys):
// then they are sealed again as a chain following the new snapshot,
// before it replaces the old one, so that whichever of the two a crash
// leaves has its chain.
func (v *Vault) seal(image []byte, rechain [][]byte) error {
	recipients := v.keys.recipients()
	w, err := writeTemp(v.fs, v.dir, vaultTemp, v.bufSize, func(w io.Writer) error {
		return encrypt(w, image, recipients...)
	})
	if err != nil {
		return err
	}
	old := v.chain
	var fresh []link
	if len(rechain) > 0 {
		v.chain = nil
		for i, c := range rechain {
			l, err := v.writeEntry(c, w.sum, old[i].head.gen)
			if err != nil {
				v.fs.Remove(w.name)
				v.dropLinks(v.chain)
				v.chain = old
				return fmt.Errorf("sealing the journal again: %w", err)
			}
			v.chain = append(v.chain, l)
		}
		fresh, v.chain = v.chain, old
	}
	kept, err := v.replace(w)
	if err != nil {
		v.dropLinks(fresh)
		return err
	}
	// The save is durable; the rest is housekeeping. A failure leaves a
	// file too many, and the next save tries again, so it is not worth
	// telling the caller the save failed.
	v.dropCovered(kept)
	v.keepRefs(kept)
	v.chain = fresh
	v.rotate()
	v.rotateJournals()
	return nil
}

// dropLinks removes entry files written for a seal that did not happen.
func (v *Vault) dropLinks(links []link) {
	for _, l := range links {
		v.fs.Remove(v.path(filepath.Join(journalDir, l.name)))
	}
}

// errRaced means vault.age was swapped between the check and the backup.
var errRaced = errors.New("vault.age changed while saving")

// replace puts the written temp file in place of vault.age, or aside as a
// conflict file if vault.age changed behind our back.
func (v *Vault) replace(w *written) (kept string, err error) {
	changed, err := v.changedOnDisk()
	if err != nil {
		v.fs.Remove(w.name)
		return "", fmt.Errorf("checking vault.age: %w", err)
	}
	if !changed && v.disk.present {
		kept, err = v.keepGeneration()
		if errors.Is(err, errRaced) {
			changed = true
		} else if err != nil {
			v.fs.Remove(w.name)
			return "", fmt.Errorf("keeping a backup: %w", diskErr(err))
		}
	}
	if changed {
		return "", v.keepConflict(w)
	}
	if err := v.fs.Rename(w.name, v.path(vaultFile)); err != nil {
		v.fs.Remove(w.name)
		return "", fmt.Errorf("replacing vault.age: %w", err)
	}
	// vault.age is the new file from here on, whatever fails next: remember
	// it, or the next Seal would take our own file for a stranger's.
	v.disk = onDisk{present: true, size: w.size, sum: w.sum, info: w.info}
	if err := v.fs.SyncDir(v.dir); err != nil {
		return kept, fmt.Errorf("syncing folder: %w", err)
	}
	// The backup's name is made durable last: losing it in a crash costs
	// an old generation, never the new one, and on journaling file systems
	// the folder sync above has usually committed it already, making this
	// one nearly free.
	if kept != "" {
		if err := v.fs.SyncDir(v.path(backupsDir)); err != nil {
			return kept, fmt.Errorf("syncing backups: %w", err)
		}
	}
	return kept, nil
}

// changedOnDisk reports whether vault.age is no longer what this Vault
// loaded or last sealed. The file is fingerprinted every time, which reads
// 128 KiB: the same file, size and modification time would be cheaper
// still, but a sync tool writing in place and keeping the time (rsync
// --inplace --times) keeps all three. A sync tool that rewrote identical
// bytes is not a conflict.
func (v *Vault) changedOnDisk() (bool, error) {
	info, err := v.fs.Stat(v.path(vaultFile))
	if errors.Is(err, fs.ErrNotExist) {
		// Gone though we had one: changed. Never had one: unchanged.
		return v.disk.present, nil
	}
	if err != nil {
		return false, err
	}
	if !v.disk.present {
		return true, nil // someone sealed a vault.age we never saw
	}
	if info.Size() != v.disk.size {
		return true, nil
	}
	// A different fingerprint is read twice before it counts: a conflict
	// file for what was one bad read would alarm the coach for nothing.
	for range 2 {
		sum, fi, err := fingerprintFile(v.fs, v.path(vaultFile))
		if errors.Is(err, fs.ErrNotExist) {
			return true, nil
		}
		if err != nil {
			return false, err
		}
		if sum == v.disk.sum {
			// Same bytes, perhaps in a new file: keepGeneration checks
			// that the file it keeps is this one.
			v.disk.info = fi
			return false, nil
		}
	}
	return true, nil
}

// keepGeneration keeps the current vault.age in backups/ before it is
// replaced. A hard link costs no space and no copy; where the file system
// has none, the file is copied. It returns errRaced if the file it kept is
// not the one changedOnDisk just approved, which narrows the window in
// which a sync tool's file could be overwritten to the rename itself.
func (v *Vault) keepGeneration() (string, error) {
	dir := v.path(backupsDir)
	if err := v.fs.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	t := v.now()
	for range 1000 {
		name := filepath.Join(dir, backupName(t))
		err := v.fs.Link(v.path(vaultFile), name)
		if errors.Is(err, fs.ErrExist) {
			t = t.Add(time.Nanosecond) // a save in the same tick of a coarse clock
			continue
		}
		if err != nil {
			return name, v.copyGeneration(name)
		}
		info, err := v.fs.Stat(name)
		if err != nil {
			return "", err
		}
		if !os.SameFile(info, v.disk.info) {
			return "", errRaced
		}
		return name, nil
	}
	return "", errors.New("no free backup name")
}

// copyGeneration copies vault.age to name, checking that the copy is the
// file this Vault last saw.
func (v *Vault) copyGeneration(name string) error {
	src, err := v.fs.Open(v.path(vaultFile))
	if errors.Is(err, fs.ErrNotExist) {
		return errRaced
	}
	if err != nil {
		return err
	}
	defer src.Close()
	dir := filepath.Dir(name)
	w, err := writeTemp(v.fs, dir, backupTemp, v.bufSize, func(w io.Writer) error {
		_, err := io.Copy(w, src)
		return err
	})
	if err != nil {
		return err
	}
	if w.size != v.disk.size || w.sum != v.disk.sum {
		v.fs.Remove(w.name)
		// Either vault.age changed, or reading it went wrong; only the
		// first is a conflict.
		if sum, _, err := fingerprintFile(v.fs, v.path(vaultFile)); err == nil && sum == v.disk.sum {
			return errors.New("the copy differs from vault.age")
		}
		return errRaced
	}
	if err := v.fs.Rename(w.name, name); err != nil {
		v.fs.Remove(w.name)
		return err
	}
	return nil
}

// keepConflict puts the new image aside instead of over a vault.age that
// is not ours to replace. Nothing is lost: the stranger's vault.age stays,
// and this save is in the conflict file for the user to choose.
func (v *Vault) keepConflict(w *written) error {
	name, err := v.freeName("vault.conflict-", ".age")
	if err == nil {
		err = v.fs.Rename(w.name, v.path(name))
	}
	if err != nil {
		v.fs.Remove(w.name)
		return fmt.Errorf("%w; keeping this save aside failed too: %w", ErrVaultChanged, err)
	}
	if err := v.fs.SyncDir(v.dir); err != nil {
		return fmt.Errorf("%w: this save was kept as %s, but syncing the folder failed: %w", ErrVaultChanged, name, err)
	}
	return fmt.Errorf("%w: this save was kept as %s", ErrVaultChanged, name)
}

// freeName returns prefix+stamp+suffix for a name not yet in the folder.
func (v *Vault) freeName(prefix, suffix string) (string, error) {
	t := v.now()
	for range 1000 {
		name := prefix + t.UTC().Format(stampLayout) + suffix
		_, err := v.fs.Stat(v.path(name))
		if errors.Is(err, fs.ErrNotExist) {
			return name, nil
		}
		if err != nil {
			return "", err
		}
		t = t.Add(time.Nanosecond)
	}
	return "", errors.New("no free file name")
}
