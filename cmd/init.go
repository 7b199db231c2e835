package cmd

import "github.com/spf13/cobra"

// newInitCmd is `caseload init`: a new vault and its recovery key.
func newInitCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "init",
		Short: e.t("create a new vault and show its recovery key", "maak een nieuwe kluis en toon de herstelsleutel"),
		Long: e.t("Create a new vault in the vault folder (--vault) and show its recovery key, once.\n"+
			"The passphrase is asked twice, or read from --passphrase-file.",
			"Maak een nieuwe kluis in de map van de kluis (--vault) en toon de herstelsleutel, eenmalig.\n"+
				"De wachtwoordzin wordt twee keer gevraagd, of gelezen uit --passphrase-file."),
		Args: e.noArgs,
		RunE: func(*cobra.Command, []string) error { return runInit(e) },
	}
}
