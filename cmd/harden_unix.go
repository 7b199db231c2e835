//go:build unix

package cmd

import "syscall"

// disableCoreDumps keeps a crash from writing the decrypted caseload in
// memory to a core file on disk.
func disableCoreDumps() {
	syscall.Setrlimit(syscall.RLIMIT_CORE, &syscall.Rlimit{Cur: 0, Max: 0})
}
