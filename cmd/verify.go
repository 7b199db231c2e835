package cmd

import "github.com/spf13/cobra"

// newVerifyCmd is `caseload verify`: decrypt, check and count.
func newVerifyCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "verify",
		Short: e.T("help.verify.decrypt_the_vault_check_its"),
		Args:  e.noArgs,
		RunE:  func(*cobra.Command, []string) error { return runVerify(e) },
	}
}
