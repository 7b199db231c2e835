package cmd

import "github.com/spf13/cobra"

// newPasswdCmd is `caseload passwd`: a new passphrase for the vault.
func newPasswdCmd(e *env) *cobra.Command {
	var newFile string
	c := &cobra.Command{
		Use:   "passwd",
		Short: e.T("help.passwd.change_the_passphrase"),
		Args:  e.noArgs,
		RunE:  func(*cobra.Command, []string) error { return runPasswd(e, newFile) },
	}
	c.Flags().StringVar(&newFile, "new-passphrase-file", "", e.T("help.passwd.read_the_new_passphrase_from"))
	return c
}
