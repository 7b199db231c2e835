package cmd

import (
	"github.com/spf13/cobra"

	"github.com/caseload/caseload/crypt"
)

// newRecoverCmd is `caseload recover`: the recovery key opens the vault
// and sets a new passphrase (and binds a new security key).
func newRecoverCmd(e *env) *cobra.Command {
	var keyFile, newFile, addKey string
	c := &cobra.Command{
		Use:   "recover",
		Short: e.T("help.recover.open_the_vault_with_the"),
		Long:  e.T("help.recover.open_the_vault_with_the_2"),
		Args:  e.noArgs,
		RunE: func(*cobra.Command, []string) error {
			var add []crypt.SecurityKey
			if addKey != "" {
				k, err := readSecurityKey(addKey)
				if err != nil {
					return err
				}
				add = append(add, k)
			}
			return e.recover(keyFile, newFile, add)
		},
	}
	c.Flags().StringVar(&keyFile, "recovery-file", "", e.T("help.recover.read_the_recovery_key_from"))
	c.Flags().StringVar(&newFile, "new-passphrase-file", "", e.T("help.passwd.read_the_new_passphrase_from"))
	c.Flags().StringVar(&addKey, "add-key", "", e.T("help.recover.bind_the_security_key_key"))
	return c
}
