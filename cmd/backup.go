package cmd

import "github.com/spf13/cobra"

// newBackupCmd is `caseload backup`: an encrypted copy of the vault.
func newBackupCmd(e *env) *cobra.Command {
	var out string
	c := &cobra.Command{
		Use:   "backup",
		Short: e.t("write an encrypted copy of the vault", "schrijf een versleutelde kopie van de kluis"),
		Args:  e.noArgs,
		RunE:  func(c *cobra.Command, _ []string) error { return runBackup(e, c, out) },
	}
	c.Flags().StringVar(&out, "out", "", e.t("write the copy to `FILE`", "schrijf de kopie naar `FILE`"))
	return c
}
