package cmd

import "github.com/spf13/cobra"

// newDemoCmd is `caseload demo`: the screens on a throwaway vault.
func newDemoCmd(e *env) *cobra.Command {
	var clients int
	c := &cobra.Command{
		Use:   "demo",
		Short: e.t("open caseload on a throwaway vault of invented clients", "open caseload op een wegwerpkluis met verzonnen cliënten"),
		Args:  e.noArgs,
		RunE:  func(*cobra.Command, []string) error { return runDemo(e, clients) },
	}
	c.Flags().IntVar(&clients, "clients", 12, e.t("how many invented clients (`N`)", "hoeveel verzonnen cliënten (`N`)"))
	return c
}
