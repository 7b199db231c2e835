package cmd

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/caseload/caseload/crypt"
	"github.com/caseload/caseload/store"
)

// explain turns an error into what the coach reads: what happened, and
// what they can do about it. Internals stay out of the sentence unless no
// known cause matches.
func (e *env) explain(err error) (msg, hint string) {
	dir := e.vaultDir
	backups := filepath.Join(dir, "backups")
	var ve *store.ValidationError
	switch {
	case errors.Is(err, errUsage):
		return strings.TrimPrefix(err.Error(), errUsage.Error()+": "), ""
	case errors.Is(err, crypt.ErrWrongPassphrase):
		return e.t("wrong passphrase", "verkeerde wachtwoordzin"),
			e.t("check caps lock and try again; if it is lost, 'caseload recover' opens the vault with the recovery key",
				"controleer caps lock en probeer opnieuw; ben je hem kwijt, dan opent 'caseload recover' de kluis met de herstelsleutel")
	case errors.Is(err, crypt.ErrNoVault):
		return e.t("there is no vault in ", "er is geen kluis in ") + dir,
			e.t("run 'caseload init' to create one, or point --vault at the folder that holds it",
				"maak er een met 'caseload init', of wijs met --vault de map aan waarin hij staat")
	case errors.Is(err, crypt.ErrVaultExists):
		return e.t("there is already a vault in ", "er staat al een kluis in ") + dir,
			e.t("nothing was changed; use --vault to create a second one elsewhere",
				"er is niets veranderd; gebruik --vault om ergens anders een tweede te maken")
	case errors.Is(err, crypt.ErrNotVault):
		return e.t("the files in "+dir+" are not a caseload vault", "de bestanden in "+dir+" zijn geen caseload-kluis"),
			e.t("nothing was changed; check the --vault folder", "er is niets veranderd; controleer de map van --vault")
	case errors.Is(err, crypt.ErrDamaged), errors.Is(err, store.ErrNoSchema), errors.Is(err, store.ErrIntegrity):
		return e.t("the vault is damaged and cannot be opened safely", "de kluis is beschadigd en kan niet veilig worden geopend"),
			e.t("nothing was changed; the last saves are kept in "+backups+": copy the newest over vault.age, or restore a backup",
				"er is niets veranderd; de laatste versies staan in "+backups+": kopieer de nieuwste over vault.age, of zet een back-up terug")
	case errors.Is(err, crypt.ErrInUse):
		return e.t("the vault is open in another caseload window", "de kluis is geopend in een ander caseload-venster"),
			e.t("close caseload there first, then try again", "sluit caseload daar eerst af en probeer het opnieuw")
	case errors.Is(err, crypt.ErrVaultChanged):
		return e.t("the vault changed on disk since it was opened (a sync tool or another laptop?)",
				"de kluis is op schijf veranderd sinds hij werd geopend (een synchronisatieprogramma of een andere laptop?)"),
			e.t("nothing was overwritten: your changes were written beside it as vault.conflict-….age; open each and merge by hand",
				"er is niets overschreven: je wijzigingen staan ernaast als vault.conflict-….age; open ze allebei en voeg ze met de hand samen")
	case errors.Is(err, crypt.ErrDiskFull):
		return e.t("the disk is full", "de schijf is vol"),
			e.t("free some space and try again; the vault on disk is unchanged", "maak ruimte vrij en probeer het opnieuw; de kluis op schijf is onveranderd")
	case errors.Is(err, store.ErrNewerSchema):
		return e.t("the vault was saved by a newer caseload", "de kluis is opgeslagen door een nieuwere caseload"),
			e.t("update caseload; this version leaves the vault untouched", "werk caseload bij; deze versie laat de kluis ongemoeid")
	case errors.Is(err, errNoTerminal):
		return e.t("no terminal to ask for the passphrase", "geen terminal om de wachtwoordzin te vragen"),
			e.t("run it in a terminal, or name a file with --passphrase-file (or CASELOAD_PASSPHRASE_FILE)",
				"start het in een terminal, of noem een bestand met --passphrase-file (of CASELOAD_PASSPHRASE_FILE)")
	case errors.Is(err, errMismatch):
		return e.t("the two passphrases differ", "de twee wachtwoordzinnen verschillen"),
			e.t("nothing was changed; try again", "er is niets veranderd; probeer het opnieuw")
	case errors.Is(err, errWeak):
		return e.t("the passphrase is too short", "de wachtwoordzin is te kort"),
			e.t("use at least 10 characters; four random words are easy to remember and hard to guess",
				"gebruik minstens 10 tekens; vier willekeurige woorden zijn makkelijk te onthouden en moeilijk te raden")
	case errors.Is(err, os.ErrNotExist):
		return err.Error(), e.t("check the file name", "controleer de bestandsnaam")
	case errors.As(err, &ve):
		return ve.Field + ": " + ve.Problem, ""
	}
	return err.Error(), ""
}
