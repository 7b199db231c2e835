//go:build unix && !linux && !darwin

package cmd

// denyTracing has no portable equivalent here beyond RLIMIT_CORE.
func denyTracing() {}
