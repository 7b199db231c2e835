package crypt

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"time"
)

// What this laptop remembers of the vaults it opened, kept in the OS
// state folder, outside the vault folder a sync tool carries (a copy put
// back by the sync tool must not bring its own memory along). It holds
// no client data: a vault's random tag, the highest generation this
// laptop saw of it, that generation's fingerprint and when, and the
// laptop's own device name for journal entries.
//
// It is what tells a rolled-back vault (an older vault.age put back by a
// sync tool's history, a restore from elsewhere, an old backup) from the
// newest one: the store counts generations inside the sealed image, and
// a vault that opens at a lower generation than this laptop remembers is
// older than what it last saved. Writes on top of it are refused until
// the coach chooses (see RollbackError).

// StateDirEnv names the environment variable that overrides the state
// folder (tests, portable installs).
const StateDirEnv = "CASELOAD_STATE_DIR"

// ErrRolledBack means the vault is older than the one this laptop last
// saved or opened; see RollbackError.
var ErrRolledBack = errors.New("the vault is older than the one this laptop last saved")

// RollbackError says how much older.
type RollbackError struct {
	Have, Seen     uint64    // the generation opened, and the one remembered
	HaveAt, SeenAt time.Time // when each was saved (HaveAt may be zero)
}

func (e *RollbackError) Error() string {
	return fmt.Sprintf("%s (generation %d, %s vs %d, %s): a sync tool or a restore may have put an older copy back",
		ErrRolledBack.Error(), e.Have, stamp(e.HaveAt), e.Seen, stamp(e.SeenAt))
}

// Unwrap makes errors.Is(err, ErrRolledBack) hold.
func (e *RollbackError) Unwrap() error { return ErrRolledBack }

func stamp(t time.Time) string {
	if t.IsZero() {
		return "unknown time"
	}
	return t.Local().Format("2 Jan 15:04")
}

// stateFS is the file system of the state folder: the real one always,
// since what fails there is never the vault's failure (tests inject
// faults into the vault folder's calls only).
var stateFS fsys = osFS{}

// seen is what the state folder holds for one vault.
type seen struct {
	Generation  uint64    `json:"generation"`
	Fingerprint string    `json:"fingerprint"`
	Time        time.Time `json:"time"`
}

// stateDir returns the folder this laptop's memory lives in, or "" if
// there is none (no home folder): then nothing is remembered, and
// nothing refused.
func stateDir(o *Options) string {
	if o != nil && o.StateDir != "" {
		return o.StateDir
	}
	if d := os.Getenv(StateDirEnv); d != "" {
		return d
	}
	switch runtime.GOOS {
	case "windows", "darwin":
		d, err := os.UserConfigDir()
		if err != nil {
			return ""
		}
		return filepath.Join(d, "caseload", "state")
	}
	if d := os.Getenv("XDG_STATE_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "caseload")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".local", "state", "caseload")
}

// loadDevice returns this laptop's device name, making one the first
// time. Without a state folder it is random for this process.
func loadDevice(fsys fsys, dir string) string {
	if dir == "" {
		return randomHex(6)
	}
	name := filepath.Join(dir, "device")
	if b, _, err := readFile(fsys, name); err == nil && validDevice(string(b)) {
		return string(b)
	}
	d := randomHex(6)
	if fsys.MkdirAll(dir, 0o700) == nil {
		writeAtomic(fsys, dir, "device", ".state-*.tmp", func(w io.Writer) error {
			_, err := io.WriteString(w, d)
			return err
		})
	}
	return d
}

func validDevice(s string) bool {
	if len(s) != 12 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

// loadSeen reads what this laptop remembers of the vault tagged tag.
func loadSeen(fsys fsys, dir, tag string) *seen {
	if dir == "" {
		return nil
	}
	b, _, err := readFile(fsys, filepath.Join(dir, "vault-"+tag+".json"))
	if err != nil {
		return nil
	}
	var s seen
	if json.Unmarshal(b, &s) != nil {
		return nil
	}
	return &s
}

// saveSeen remembers s for the vault tagged tag.
func saveSeen(fsys fsys, dir, tag string, s seen) error {
	if dir == "" {
		return nil
	}
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	if err := fsys.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return writeAtomic(fsys, dir, "vault-"+tag+".json", ".state-*.tmp", func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// restoredName is the marker AcceptRestore leaves for the vault in dir.
func restoredName(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	sum := sha256.Sum256([]byte(filepath.Clean(abs)))
	return "restored-" + hex.EncodeToString(sum[:8])
}

// AcceptRestore tells this laptop that the vault in dir was just put back
// by caseload's own restore: the next open accepts its generation as
// current, however old, without the rollback warning.
func AcceptRestore(dir string, o *Options) error {
	sd := stateDir(o)
	if sd == "" {
		return nil
	}
	fsys := stateFS
	if err := fsys.MkdirAll(sd, 0o700); err != nil {
		return fmt.Errorf("remembering the restore: %w", err)
	}
	err := writeAtomic(fsys, sd, restoredName(dir), ".state-*.tmp", func(w io.Writer) error {
		_, err := io.WriteString(w, time.Now().UTC().Format(time.RFC3339))
		return err
	})
	if err != nil {
		return fmt.Errorf("remembering the restore: %w", err)
	}
	return nil
}

// fingerprintHex is the fingerprint of the newest file of the vault: the
// last journal entry, or the snapshot.
func (v *Vault) fingerprintHex() string {
	if n := len(v.chain); n > 0 {
		return hex.EncodeToString(v.chain[n-1].hash[:])
	}
	return hex.EncodeToString(v.disk.sum[:])
}

// Generation checks gen, the generation of the caseload just opened (the
// store counts them; at is when it was saved), against the highest this
// laptop remembers of this vault. Older returns a *RollbackError and
// leaves every later write refused until AcceptGeneration; otherwise gen
// is remembered as the newest. A vault put back by AcceptRestore is
// accepted once, whatever its age.
func (v *Vault) Generation(gen uint64, at time.Time) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.keys == nil {
		return fmt.Errorf("checking generation: %w", errClosed)
	}
	v.gen = gen
	marker := filepath.Join(v.stateDir, restoredName(v.dir))
	if v.stateDir != "" {
		if _, err := stateFS.Stat(marker); err == nil {
			v.accepted = true
			stateFS.Remove(marker)
		}
	}
	if v.seen != nil && gen < v.seen.Generation && !v.accepted {
		return &RollbackError{Have: gen, Seen: v.seen.Generation, HaveAt: at, SeenAt: v.seen.Time}
	}
	if v.seen == nil || gen != v.seen.Generation || v.accepted {
		v.settled(gen)
	}
	return nil
}

// AcceptGeneration is the coach's choice to take an older vault as
// current: writes on top of it are allowed, and it is remembered as the
// newest from now on.
func (v *Vault) AcceptGeneration() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.keys == nil {
		return fmt.Errorf("accepting generation: %w", errClosed)
	}
	v.accepted = true
	v.settled(v.gen)
	return nil
}

// guard refuses a write making generation gen on top of a vault older
// than this laptop remembers, unless the coach accepted it.
func (v *Vault) guard(gen uint64) error {
	if v.seen == nil || v.accepted || gen == 0 || gen > v.seen.Generation {
		return nil
	}
	return &RollbackError{Have: gen - 1, Seen: v.seen.Generation, SeenAt: v.seen.Time}
}

// settled remembers gen as the newest generation of this vault. It is
// done at open, compaction and close, not on every save: the memory only
// has to be as new as the last time caseload let go of the vault.
func (v *Vault) settled(gen uint64) {
	v.gen = max(v.gen, gen)
	if v.accepted {
		v.gen = gen
	}
	s := seen{Generation: v.gen, Fingerprint: v.fingerprintHex(), Time: v.now().UTC()}
	if saveSeen(stateFS, v.stateDir, v.keys.tag, s) == nil {
		v.seen = &s
	}
}

// sameFile is os.SameFile, tolerating a missing FileInfo.
func sameFile(a, b fs.FileInfo) bool {
	return a != nil && b != nil && os.SameFile(a, b)
}
