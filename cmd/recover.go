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
		Short: e.t("open the vault with the recovery key and set a new passphrase", "open de kluis met de herstelsleutel en kies een nieuwe wachtwoordzin"),
		Long: e.t("Open the vault with the recovery key (checked before anything else is asked) and set a new passphrase.\n"+
			"The recovery key needs no security key; --add-key binds a new one.",
			"Open de kluis met de herstelsleutel (die eerst wordt gecontroleerd) en kies een nieuwe wachtwoordzin.\n"+
				"De herstelsleutel heeft geen beveiligingssleutel nodig; --add-key koppelt een nieuwe."),
		Args: e.noArgs,
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
	c.Flags().StringVar(&keyFile, "recovery-file", "", e.t("read the recovery key from `FILE`", "lees de herstelsleutel uit `FILE`"))
	c.Flags().StringVar(&newFile, "new-passphrase-file", "", e.t("read the new passphrase from `FILE`", "lees de nieuwe wachtwoordzin uit `FILE`"))
	c.Flags().StringVar(&addKey, "add-key", "", e.t("bind the security key `KEY` after the recovery", "koppel na het herstel de beveiligingssleutel `KEY`"))
	return c
}
