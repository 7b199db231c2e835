//go:build !unix

package cmd

// disableCoreDumps has nothing to do where the OS writes no core files by
// default (Windows Error Reporting keeps mini dumps only when configured).
func disableCoreDumps() {}
