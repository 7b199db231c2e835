package cmd

import "github.com/spf13/cobra"

// newRecoverCmd is `caseload recover`: the recovery key opens the vault
// and sets a new passphrase.
func newRecoverCmd(e *env) *cobra.Command {
	var keyFile, newFile string
	c := &cobra.Command{
		Use:   "recover",
		Short: e.T("help.recover.open_the_vault_with_the"),
		Args:  e.noArgs,
		RunE:  func(*cobra.Command, []string) error { return runRecover(e, keyFile, newFile) },
	}
	c.Flags().StringVar(&keyFile, "recovery-file", "", e.T("help.recover.read_the_recovery_key_from"))
	c.Flags().StringVar(&newFile, "new-passphrase-file", "", e.T("help.passwd.read_the_new_passphrase_from"))
	return c
}
