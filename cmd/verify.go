package cmd

import "github.com/spf13/cobra"

// newVerifyCmd is `caseload verify`: decrypt, check and count.
func newVerifyCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "verify",
		Short: e.t("decrypt the vault, check its integrity and print what it holds", "ontsleutel de kluis, controleer hem en toon wat hij bevat"),
		Args:  e.noArgs,
		RunE:  func(*cobra.Command, []string) error { return runVerify(e) },
	}
}
