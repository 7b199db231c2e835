package crypt

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Rotation: the newest keepNewest generations, plus the newest of each UTC
// day for keepDays days. Enough to undo a bad afternoon or a bad month,
// while a deleted attachment's key (which older generations still hold)
// ages out within a month.
const (
	keepNewest = 20
	keepDays   = 30
)

// Backup is an earlier generation of vault.age kept in backups/. It is as
// encrypted as the vault: the same keys open it.
type Backup struct {
	Path string
	Time time.Time // when it was set aside, UTC
}

// backupName is the file name of a generation set aside at t.
func backupName(t time.Time) string {
	return "vault-" + t.UTC().Format(stampLayout) + ".age"
}

// parseBackupName is backupName's inverse.
func parseBackupName(name string) (time.Time, bool) {
	s, ok := strings.CutPrefix(name, "vault-")
	if !ok {
		return time.Time{}, false
	}
	s, ok = strings.CutSuffix(s, ".age")
	if !ok {
		return time.Time{}, false
	}
	t, err := time.Parse(stampLayout, s)
	return t, err == nil
}

// listBackups returns the generations in backups/, newest first.
func (v *Vault) listBackups() ([]Backup, error) {
	dir := v.path(backupsDir)
	entries, err := v.fs.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var list []Backup
	for _, e := range entries {
		if t, ok := parseBackupName(e.Name()); ok && e.Type().IsRegular() {
			list = append(list, Backup{Path: filepath.Join(dir, e.Name()), Time: t})
		}
	}
	slices.SortFunc(list, func(a, b Backup) int { return b.Time.Compare(a.Time) })
	return list, nil
}

// keepBackups marks which of list (newest first) the rotation keeps.
func keepBackups(list []Backup, now time.Time) []bool {
	keep := make([]bool, len(list))
	cutoff := now.AddDate(0, 0, -keepDays)
	seen := map[string]bool{}
	for i, b := range list {
		day := b.Time.UTC().Format(time.DateOnly)
		keep[i] = i < keepNewest || (b.Time.After(cutoff) && !seen[day])
		seen[day] = true
	}
	return keep
}

// rotate deletes the generations the rotation does not keep.
func (v *Vault) rotate() {
	list, err := v.listBackups()
	if err != nil {
		return
	}
	keep := keepBackups(list, v.now())
	v.protectDocuments(list, keep)
	for i, k := range keep {
		if !k {
			v.fs.Remove(list[i].Path)
		}
	}
}

// Backups lists the generations kept in backups/, newest first, so the
// user can be told until when a purged attachment's key survives in them.
func (v *Vault) Backups() ([]Backup, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.keys == nil {
		return nil, fmt.Errorf("listing backups: %w", errClosed)
	}
	list, err := v.listBackups()
	if err != nil {
		return nil, fmt.Errorf("listing backups: %w", err)
	}
	return list, nil
}

// DropBackups deletes every generation in backups/ and returns how many it
// deleted: a purge that must take effect now, not when rotation catches
// up, drops them too. vault.age itself is untouched.
func (v *Vault) DropBackups() (int, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.writable(); err != nil {
		return 0, fmt.Errorf("dropping backups: %w", err)
	}
	list, err := v.listBackups()
	if err != nil {
		return 0, fmt.Errorf("dropping backups: %w", err)
	}
	n := 0
	for _, b := range list {
		if err := v.fs.Remove(b.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return n, fmt.Errorf("dropping backups: %w", err)
		}
		n++
	}
	// The saves kept beside them, and their lists of documents, go too:
	// a purge's erased data must not live on in them.
	v.rotateJournals()
	// rotateJournals is best effort (rotation calls it too); here the
	// caller is about to say nothing erased survives in backups/, so
	// what it could not delete is an error.
	if left, err := v.fs.ReadDir(v.path(backupsDir)); err == nil {
		for _, e := range left {
			if strings.HasSuffix(e.Name(), ".journal") || strings.HasSuffix(e.Name(), ".refs.age") {
				return n, fmt.Errorf("dropping backups: %s could not be deleted", e.Name())
			}
		}
	}
	if n > 0 {
		if err := v.fs.SyncDir(v.path(backupsDir)); err != nil {
			return n, fmt.Errorf("dropping backups: %w", err)
		}
	}
	return n, nil
}
