package cmd

import "github.com/spf13/cobra"

// newDemoCmd is `caseload demo`: the screens on a throwaway vault.
func newDemoCmd(e *env) *cobra.Command {
	var clients int
	c := &cobra.Command{
		Use:   "demo",
		Short: e.T("help.demo.open_caseload_on_a_throwaway"),
		Args:  e.noArgs,
		RunE:  func(*cobra.Command, []string) error { return runDemo(e, clients) },
	}
	c.Flags().IntVar(&clients, "clients", 12, e.T("help.demo.how_many_invented_clients_n"))
	return c
}
