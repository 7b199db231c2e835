package crypt

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
)

// ErrReadOnly is returned by every method that would write to a vault
// opened with OpenSnapshot.
var ErrReadOnly = errors.New("the vault was opened to read only")

// writable returns errClosed after Close and ErrReadOnly for a snapshot.
// Called with mu held.
func (v *Vault) writable() error {
	switch {
	case v.keys == nil:
		return errClosed
	case v.snapshot:
		return ErrReadOnly
	}
	return nil
}

// OpenSnapshot unlocks the vault in dir to read it only, and returns it
// with the database image as Open does. It does not take the folder's
// lock, so it works while caseload has the vault open in another window,
// and on a read-only folder (a mounted backup disk, a write-protected
// share) where the lock file cannot be made.
//
// That is safe because vault.age and identity.age are only ever replaced
// by a rename: the one open vault.age is a whole seal, the old or the new,
// never a mix, and journal entries are written whole and renamed too. The
// image is the snapshot; the journal's saves after it come from Replay,
// as after Open; what another window has not saved yet is in neither. The Vault writes nothing: Seal,
// SetPassphrase, DropBackups and the Blobs' Put and Remove return
// ErrReadOnly. InUse tells whether another process held the lock.
//
// Errors are Open's, except ErrInUse, which it never returns. An
// identity.age of an older format is read, not rewritten.
func OpenSnapshot[P Passphrase](dir string, passphrase P, o *Options) (*Vault, []byte, error) {
	if len(passphrase) == 0 {
		return nil, nil, fmt.Errorf("opening vault: %w", ErrWrongPassphrase)
	}
	v, err := newVault(dir, o)
	if err != nil {
		return nil, nil, fmt.Errorf("opening vault: %w", err)
	}
	ok, err := v.exists(identityFile)
	if err != nil {
		return nil, nil, fmt.Errorf("opening vault: %w", err)
	}
	if !ok {
		return nil, nil, fmt.Errorf("opening vault: %w", ErrNoVault)
	}
	v.snapshot = true
	v.inUse = lockHeld(v.path(lockName))
	pass, raw := newSecret(passphrase), rawSecret(passphrase)
	defer pass.wipe()
	defer raw.wipe()
	// Twice at most: a recovery elsewhere seals vault.age to a new vault
	// key before it rewrites identity.age, so a reader that caught the old
	// identity with the new vault.age reads both again.
	for try := 0; ; try++ {
		k, err := readIdentity(v.fs, dir, pass, raw, v.keyUI)
		if err != nil {
			return nil, nil, fmt.Errorf("opening vault: %w", fileErr(identityFile, err))
		}
		image, disk, _, err := v.readVault(k.identity, k.tag)
		if err != nil {
			if try == 0 && errors.Is(err, ErrDamaged) {
				continue
			}
			return nil, nil, fmt.Errorf("opening vault: %w", fileErr(vaultFile, err))
		}
		v.keys, v.disk = k, disk
		v.seen = loadSeen(stateFS, v.stateDir, k.tag)
		if disk.present {
			// The journal's saves, as Open applies them. A compaction
			// in the window that has the vault open may replace
			// vault.age and remove the entries between the two reads:
			// then both are read again.
			v.replay, err = v.readJournal(k.entryIdentities()...)
			if changed, cerr := v.changedOnDisk(); cerr == nil && changed && try < 3 {
				clear(image)
				v.replay = nil
				continue
			}
			if err != nil {
				clear(image)
				return nil, nil, fmt.Errorf("opening vault: %w", err)
			}
		}
		return v, image, nil
	}
}

// lockHeld reports whether another process holds the vault's lock. A lock
// that cannot be tried (a read-only folder) counts as free: no caseload
// could be writing there either.
func lockHeld(path string) bool {
	f, err := lockFile(path)
	if errors.Is(err, ErrInUse) {
		return true
	}
	if err == nil {
		unlockFile(f)
	}
	return false
}

// InUse reports whether, when this snapshot was taken, another process
// had the vault open: what it had not saved yet is not in the snapshot.
func (v *Vault) InUse() bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.inUse
}

// Changed reports whether vault.age is no longer the file this Vault
// read, or the journal holds a save it did not read: a snapshot's reader uses it to tell a document removed by the
// window that has the vault open from one that went missing.
func (v *Vault) Changed() (bool, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.keys == nil {
		return false, errClosed
	}
	if changed, err := v.changedOnDisk(); changed || err != nil {
		return changed, err
	}
	return v.journalGrew()
}

// journalGrew reports whether journal/ holds an entry this Vault did not
// see when it read the journal: a save the other window made since, which
// vault.age does not show. Called with mu held.
func (v *Vault) journalGrew() (bool, error) {
	list, err := v.fs.ReadDir(v.path(journalDir))
	if errors.Is(err, fs.ErrNotExist) {
		return len(v.chain) > 0, nil
	}
	if err != nil {
		return false, err
	}
	known := map[string]bool{}
	for _, l := range v.chain {
		known[l.name] = true
	}
	for _, n := range append(slices.Clone(v.conflicts), v.leftovers...) {
		known[filepath.Base(n)] = true
	}
	for _, e := range list {
		if _, _, ok := parseEntryName(e.Name()); ok && e.Type().IsRegular() && !known[e.Name()] {
			return true, nil
		}
	}
	return false, nil
}
