package cmd

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version and commit are stamped by scripts/release:
//
//	go build -ldflags "-X github.com/caseload/caseload/cmd.version=v1.2.0 -X github.com/caseload/caseload/cmd.commit=abc1234"
//
// A build without them takes what the Go toolchain recorded (the module
// version of `go install …@v1.2.0`, the VCS revision of a build in a
// checkout).
var (
	version = ""
	commit  = ""
)

// buildVersion is the version and commit of this binary, from the
// release stamp or else from the build info.
func buildVersion() (v, c string) {
	v, c = version, commit
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return orUnknown(v, "devel"), orUnknown(c, "unknown")
	}
	if v == "" && info.Main.Version != "" {
		v = info.Main.Version
	}
	if c == "" {
		modified := false
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				c = s.Value
				if len(c) > 12 {
					c = c[:12]
				}
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if c != "" && modified {
			c += "+dirty"
		}
	}
	if v == "(devel)" {
		v = ""
	}
	return orUnknown(v, "devel"), orUnknown(c, "unknown")
}

func orUnknown(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// newVersionCmd is `caseload version`.
func newVersionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: e.T("help.version.print_caseload_s_version_and"),
		Args:  e.noArgs,
		RunE: func(*cobra.Command, []string) error {
			v, c := buildVersion()
			_, err := fmt.Fprintf(e.stdout, "caseload %s (%s %s, %s/%s, %s)\n", v, e.T("help.version.commit"), c,
				runtime.GOOS, runtime.GOARCH, runtime.Version())
			return err
		},
	}
}
