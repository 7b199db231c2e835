package cmd

import "github.com/spf13/cobra"

// newBackupCmd is `caseload backup`: an encrypted copy of the vault.
func newBackupCmd(e *env) *cobra.Command {
	var out string
	c := &cobra.Command{
		Use:   "backup",
		Short: e.T("help.backup.write_an_encrypted_copy_of"),
		Args:  e.noArgs,
		RunE:  func(c *cobra.Command, _ []string) error { return runBackup(e, c, out) },
	}
	c.Flags().StringVar(&out, "out", "", e.T("help.backup.write_the_copy_to_file"))
	return c
}
