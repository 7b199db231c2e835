package cmd

import "github.com/spf13/cobra"

// newListCmd is `caseload list`: the clients, as a table or JSON.
func newListCmd(e *env) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "list",
		Short: e.T("help.list.list_the_clients"),
		Args:  e.noArgs,
		RunE:  func(*cobra.Command, []string) error { return runList(e, asJSON) },
	}
	c.Flags().BoolVar(&asJSON, "json", false, e.T("help.deadlines.print_json_for_scripts"))
	return c
}
