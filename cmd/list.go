package cmd

import "github.com/spf13/cobra"

// newListCmd is `caseload list`: the clients, as a table or JSON.
func newListCmd(e *env) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "list",
		Short: e.t("list the clients", "toon de cliënten"),
		Args:  e.noArgs,
		RunE:  func(*cobra.Command, []string) error { return runList(e, asJSON) },
	}
	c.Flags().BoolVar(&asJSON, "json", false, e.t("print JSON, for scripts", "druk JSON af, voor scripts"))
	return c
}
