package cmd

import (
	"github.com/spf13/cobra"

	"github.com/caseload/caseload/crypt"
)

// newPasswdCmd is `caseload passwd`: a new passphrase for the vault, or a
// security key bound or unbound under the same passphrase.
func newPasswdCmd(e *env) *cobra.Command {
	var newFile, remove string
	var add []string
	var list bool
	c := &cobra.Command{
		Use:   "passwd",
		Short: e.T("help.passwd.change_the_passphrase_or_bind"),
		Long:  e.T("help.passwd.change_the_passphrase_with_add"),
		Args:  e.noArgs,
		RunE: func(*cobra.Command, []string) error {
			var keys []crypt.SecurityKey
			for _, a := range add {
				k, err := readSecurityKey(a)
				if err != nil {
					return err
				}
				keys = append(keys, k)
			}
			return e.passwd(newFile, keys, remove, list)
		},
	}
	c.Flags().StringVar(&newFile, "new-passphrase-file", "", e.T("help.passwd.read_the_new_passphrase_from"))
	c.Flags().StringArrayVar(&add, "add-key", nil, e.T("help.passwd.bind_the_security_key_key"))
	c.Flags().StringVar(&remove, "remove-key", "", e.T("help.passwd.unbind_key_a_recipient_a"))
	c.Flags().BoolVar(&list, "list-keys", false, e.T("help.passwd.list_the_bound_security_keys"))
	return c
}
