package cmd

import "github.com/spf13/cobra"

// newPasswdCmd is `caseload passwd`: a new passphrase for the vault.
func newPasswdCmd(e *env) *cobra.Command {
	var newFile string
	c := &cobra.Command{
		Use:   "passwd",
		Short: e.t("change the passphrase", "wijzig de wachtwoordzin"),
		Args:  e.noArgs,
		RunE:  func(*cobra.Command, []string) error { return runPasswd(e, newFile) },
	}
	c.Flags().StringVar(&newFile, "new-passphrase-file", "", e.t("read the new passphrase from `FILE`", "lees de nieuwe wachtwoordzin uit `FILE`"))
	return c
}
