package crypt

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// ErrNoSaveBefore means no save in the vault folder is as old as the time
// asked for.
var ErrNoSaveBefore = errors.New("no save that old is kept")

// Restored says what RestoreAt put back.
type Restored struct {
	Snapshot string    // the file the snapshot came from, relative to the vault folder
	Entries  int       // the saves after it that were put back with it
	Time     time.Time // when the newest of them was made
}

// point is a state the vault held: a snapshot and the entries after it,
// as files in the vault folder.
type point struct {
	snapshot string   // relative path
	entries  []string // relative paths, in order
	times    []time.Time
	from     time.Time // when the snapshot was written
}

// RestoreAt puts the vault back to the last save made at or before at:
// the newest snapshot kept (vault.age or one in backups/) written by then,
// with the journal entries that followed it until then. Nothing is lost:
// the current vault.age and journal are first kept in backups/ like any
// replaced generation, so a restore can itself be undone. This laptop
// then accepts the restored, older generation at the next open without
// the rollback warning (AcceptRestore).
//
// The times are the files' modification times: a backup generation and
// the entries linked beside it keep those of the saves that wrote them.
// The Vault must be open; it is closed afterwards, since what it holds in
// memory is no longer what is on disk.
func (v *Vault) RestoreAt(at time.Time) (Restored, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.keys == nil {
		return Restored{}, fmt.Errorf("restoring: %w", errClosed)
	}
	points, err := v.points()
	if err != nil {
		return Restored{}, fmt.Errorf("restoring: %w", err)
	}
	var pick *point
	for i := range points {
		p := &points[i]
		if !p.from.After(at) && (pick == nil || p.from.After(pick.from)) {
			pick = p
		}
	}
	if pick == nil {
		return Restored{}, fmt.Errorf("restoring: %w (the oldest is from %s)", ErrNoSaveBefore, oldest(points))
	}
	n := 0
	for n < len(pick.entries) && !pick.times[n].After(at) {
		n++
	}
	r := Restored{Snapshot: pick.snapshot, Entries: n, Time: pick.from}
	if n > 0 {
		r.Time = pick.times[n-1]
	}
	if pick.snapshot == vaultFile && n == len(v.chain) {
		return r, nil // that is the vault as it is
	}
	// Read what is put back before anything moves.
	snap, _, err := readFile(v.fs, v.path(pick.snapshot))
	if err != nil {
		return Restored{}, fmt.Errorf("restoring: %w", err)
	}
	entries := make([][]byte, n)
	for i := range n {
		if entries[i], _, err = readFile(v.fs, v.path(pick.entries[i])); err != nil {
			return Restored{}, fmt.Errorf("restoring: %w", err)
		}
	}
	// Keep the present as a generation, with its journal.
	if v.disk.present {
		kept, err := v.keepGeneration()
		if err != nil {
			return Restored{}, fmt.Errorf("restoring: keeping the present vault: %w", diskErr(err))
		}
		v.dropCovered(kept)
	}
	dir := v.path(journalDir)
	if err := v.fs.MkdirAll(dir, 0o700); err != nil {
		return Restored{}, fmt.Errorf("restoring: %w", diskErr(err))
	}
	// The entries first, the snapshot they name last: until the rename,
	// they follow no snapshot there is and are not applied.
	for i, data := range entries {
		name := filepath.Base(pick.entries[i])
		if err := writeAtomic(v.fs, dir, name, journalTemp, func(w io.Writer) error {
			_, err := w.Write(data)
			return err
		}); err != nil {
			return Restored{}, fmt.Errorf("restoring: %w", diskErr(err))
		}
		// Its time is when the save was made, for the next restore.
		os.Chtimes(filepath.Join(dir, name), pick.times[i], pick.times[i])
	}
	if err := writeAtomic(v.fs, v.dir, vaultFile, vaultTemp, func(w io.Writer) error {
		_, err := w.Write(snap)
		return err
	}); err != nil {
		return Restored{}, fmt.Errorf("restoring: %w", diskErr(err))
	}
	os.Chtimes(v.path(vaultFile), pick.from, pick.from)
	if err := AcceptRestore(v.dir, &Options{StateDir: v.stateDir}); err != nil {
		return Restored{}, err
	}
	v.release()
	return r, nil
}

// oldest is when the oldest kept save was made.
func oldest(points []point) string {
	if len(points) == 0 {
		return "none"
	}
	t := points[0].from
	for _, p := range points {
		if p.from.Before(t) {
			t = p.from
		}
	}
	return t.Local().Format("2006-01-02 15:04")
}

// points lists the states the folder can go back to: vault.age with its
// chain, and each generation in backups/ with the entries kept beside it.
func (v *Vault) points() ([]point, error) {
	var out []point
	if v.disk.present {
		info, err := v.fs.Stat(v.path(vaultFile))
		if err != nil {
			return nil, err
		}
		p := point{snapshot: vaultFile, from: info.ModTime()}
		for _, l := range v.chain {
			info, err := v.fs.Stat(v.path(filepath.Join(journalDir, l.name)))
			if err != nil {
				return nil, err
			}
			p.entries = append(p.entries, filepath.Join(journalDir, l.name))
			p.times = append(p.times, info.ModTime())
		}
		out = append(out, p)
	}
	list, err := v.listBackups()
	if err != nil {
		return nil, err
	}
	for _, b := range list {
		info, err := v.fs.Stat(b.Path)
		if err != nil {
			return nil, err
		}
		rel, _ := filepath.Rel(v.dir, b.Path)
		p := point{snapshot: rel, from: info.ModTime()}
		jdir := strings.TrimSuffix(b.Path, ".age") + ".journal"
		entries, err := v.fs.ReadDir(jdir)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		type named struct {
			name string
			seq  uint64
			t    time.Time
		}
		var ns []named
		for _, e := range entries {
			if _, seq, ok := parseEntryName(e.Name()); ok {
				info, err := e.Info()
				if err != nil {
					return nil, err
				}
				ns = append(ns, named{e.Name(), seq, info.ModTime()})
			}
		}
		slices.SortFunc(ns, func(a, b named) int { return cmpUint(a.seq, b.seq) })
		relj, _ := filepath.Rel(v.dir, jdir)
		for _, e := range ns {
			p.entries = append(p.entries, filepath.Join(relj, e.name))
			p.times = append(p.times, e.t)
		}
		out = append(out, p)
	}
	return out, nil
}
