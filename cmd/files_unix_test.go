//go:build unix

package cmd

import (
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFIFOAsVaultFile: a pipe planted as vault.age or identity.age is
// refused at once, never waited on.
func TestFIFOAsVaultFile(t *testing.T) {
	for _, name := range []string{"vault.age", "identity.age"} {
		t.Run(name, func(t *testing.T) {
			tv := newDocVault(t)
			os.Remove(tv.path(name))
			if err := syscall.Mkfifo(tv.path(name), 0o600); err != nil {
				t.Skip("no FIFOs here:", err)
			}
			type result struct {
				errs string
				code int
			}
			done := make(chan result, 1)
			go func() {
				_, errs, code := tv.run("verify")
				done <- result{errs, code}
			}()
			select {
			case r := <-done:
				if r.code != 1 || !strings.Contains(r.errs, "is not a file") && !strings.Contains(r.errs, "is damaged") {
					t.Errorf("exit %d:\n%s", r.code, r.errs)
				}
				if name == "identity.age" && !strings.Contains(r.errs, "caseload recover") {
					t.Errorf("hint:\n%s", r.errs)
				}
			case <-time.After(10 * time.Second):
				// Unblock the reader so the test can end.
				if f, err := os.OpenFile(tv.path(name), os.O_WRONLY, 0); err == nil {
					f.Close()
				}
				t.Fatal("verify hangs on a FIFO")
			}
		})
	}
}
