package cmd

import "golang.org/x/sys/unix"

// denyTracing refuses debuggers (PT_DENY_ATTACH), macOS's nearest to
// Linux's non-dumpable flag: no other process can attach and read the
// caseload from memory.
func denyTracing() { unix.PtraceDenyAttach() }
