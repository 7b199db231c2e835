package cmd

import "golang.org/x/sys/unix"

// denyTracing makes the process not dumpable: no core file whatever the
// limit says, and /proc/<pid>/mem and ptrace closed to other processes of
// the same user (a malicious browser extension's helper, say); only root
// can still read it.
func denyTracing() { unix.Prctl(unix.PR_SET_DUMPABLE, 0, 0, 0, 0) }
