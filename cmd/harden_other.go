//go:build !unix

package cmd

// disableCoreDumps has nothing to do where the OS writes no core files by
// default (Windows Error Reporting keeps mini dumps only when configured).
// On Windows another process of the same user can still open this one
// with PROCESS_VM_READ; there is no flag that stops it short of running
// as a protected process.
func disableCoreDumps() {}
