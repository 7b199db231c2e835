package cmd

import "github.com/spf13/cobra"

// newInitCmd is `caseload init`: a new vault and its recovery key.
func newInitCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "init",
		Short: e.T("help.init.create_a_new_vault_and"),
		Long:  e.T("help.init.create_a_new_vault_in"),
		Args:  e.noArgs,
		RunE:  func(*cobra.Command, []string) error { return runInit(e) },
	}
}
