package cmd

import "github.com/spf13/cobra"

// newRecoverCmd is `caseload recover`: the recovery key opens the vault
// and sets a new passphrase.
func newRecoverCmd(e *env) *cobra.Command {
	var keyFile, newFile string
	c := &cobra.Command{
		Use:   "recover",
		Short: e.t("open the vault with the recovery key and set a new passphrase", "open de kluis met de herstelsleutel en kies een nieuwe wachtwoordzin"),
		Args:  e.noArgs,
		RunE:  func(*cobra.Command, []string) error { return runRecover(e, keyFile, newFile) },
	}
	c.Flags().StringVar(&keyFile, "recovery-file", "", e.t("read the recovery key from `FILE`", "lees de herstelsleutel uit `FILE`"))
	c.Flags().StringVar(&newFile, "new-passphrase-file", "", e.t("read the new passphrase from `FILE`", "lees de nieuwe wachtwoordzin uit `FILE`"))
	return c
}
