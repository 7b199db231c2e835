package cmd

import (
	"fmt"
	"strings"
	"time"

	"github.com/caseload/caseload/crypt"
	"github.com/spf13/cobra"
)

// runRestoreAt is `caseload restore --at TIME`: the vault put back to the
// last save made at or before TIME, from what vault.age, journal/ and
// backups/ keep. The work is crypt.Vault.RestoreAt; this parses and
// reports.
func runRestoreAt(e *env, c *cobra.Command, at string) error {
	t, err := parseMoment(at, e.clock())
	if err != nil {
		return usagef(c, "--at %q: %v", at, err)
	}
	r, err := restoreAt(e, t)
	if err != nil {
		return err
	}
	fmt.Fprint(e.stdout, e.Tf("cmd.restore_at.restored_the_vault_as_it",
		r.Time.Local().Format("2006-01-02 15:04:05"), r.Snapshot, r.Entries))
	return nil
}

// restoreAt unlocks the vault in e.vaultDir and restores it to at.
func restoreAt(e *env, at time.Time) (crypt.Restored, error) {
	p, err := e.passphrase()
	if err != nil {
		return crypt.Restored{}, err
	}
	v, _, err := crypt.Open(e.vaultDir, p, e.cryptOptions())
	if err != nil {
		return crypt.Restored{}, err
	}
	defer v.Close()
	return v.RestoreAt(at)
}

// parseMoment reads a time the coach typed: a date, a date and a time
// (to the minute or second), in local time, or RFC 3339.
func parseMoment(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02T15:04"} {
		if t, err := time.ParseInLocation(layout, s, now.Location()); err == nil {
			return t, nil
		}
	}
	if d, err := time.ParseInLocation("2006-01-02", s, now.Location()); err == nil {
		return d.AddDate(0, 0, 1).Add(-time.Nanosecond), nil // the end of that day
	}
	return time.Time{}, fmt.Errorf("not a time; write it as 2026-12-05 09:00")
}
