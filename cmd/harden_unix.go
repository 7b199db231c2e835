//go:build unix

package cmd

import "syscall"

// disableCoreDumps keeps the decrypted caseload in memory from reaching
// the disk in a core file after a crash, and other programs of the same
// user from reading the process's memory (where the OS allows: see
// denyTracing). KeePassXC does the same on Linux and macOS.
func disableCoreDumps() {
	syscall.Setrlimit(syscall.RLIMIT_CORE, &syscall.Rlimit{Cur: 0, Max: 0})
	denyTracing()
}
