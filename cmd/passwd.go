package cmd

import (
	"github.com/spf13/cobra"

	"github.com/caseload/caseload/crypt"
)

// newPasswdCmd is `caseload passwd`: a new passphrase for the vault, or a
// security key bound or unbound under the same passphrase.
func newPasswdCmd(e *env) *cobra.Command {
	var newFile, remove string
	var add []string
	var list bool
	c := &cobra.Command{
		Use:   "passwd",
		Short: e.t("change the passphrase, or bind a security key", "wijzig de wachtwoordzin, of koppel een beveiligingssleutel"),
		Long: e.t("Change the passphrase. With --add-key, bind the vault to a security key through its age plugin\n"+
			"(age-plugin-fido2-hmac, age-plugin-yubikey): from then on it opens only with the passphrase and the key.\n"+
			"KEY is the key's recipient (age1…) or the file the plugin wrote. Give --add-key again for a spare key.",
			"Wijzig de wachtwoordzin. Met --add-key koppel je de kluis aan een beveiligingssleutel via zijn age-plugin\n"+
				"(age-plugin-fido2-hmac, age-plugin-yubikey): daarna opent hij alleen met de wachtwoordzin en de sleutel.\n"+
				"KEY is de ontvanger van de sleutel (age1…) of het bestand dat de plugin schreef. Nog een --add-key voor een reservesleutel."),
		Args: e.noArgs,
		RunE: func(*cobra.Command, []string) error {
			var keys []crypt.SecurityKey
			for _, a := range add {
				k, err := readSecurityKey(a)
				if err != nil {
					return err
				}
				keys = append(keys, k)
			}
			return e.passwd(newFile, keys, remove, list)
		},
	}
	c.Flags().StringVar(&newFile, "new-passphrase-file", "", e.t("read the new passphrase from `FILE`", "lees de nieuwe wachtwoordzin uit `FILE`"))
	c.Flags().StringArrayVar(&add, "add-key", nil, e.t("bind the security key `KEY` (a recipient or the plugin's file)", "koppel de beveiligingssleutel `KEY` (een ontvanger of het bestand van de plugin)"))
	c.Flags().StringVar(&remove, "remove-key", "", e.t("unbind `KEY` (a recipient, a plugin name, or all)", "ontkoppel `KEY` (een ontvanger, een pluginnaam, of all)"))
	c.Flags().BoolVar(&list, "list-keys", false, e.t("list the bound security keys", "toon de gekoppelde beveiligingssleutels"))
	return c
}
