package cmd

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/caseload/caseload/crypt"
	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/store/dossier"
	"github.com/caseload/caseload/termsafe"
)

// when is a moment in a message: day, month, time, in local time.
func when(t time.Time) string {
	if t.IsZero() {
		return "?"
	}
	return t.Local().Format("2 Jan 15:04")
}

// explain turns an error into what the coach reads: what happened, and
// what they can do about it. Internals stay out of the sentence unless no
// known cause matches.
func (e *env) explain(err error) (msg, hint string) {
	if msg, hint, ok := e.explainRestore(err); ok {
		return msg, hint
	}
	if msg, hint, ok := e.explainKeys(err); ok {
		return msg, hint
	}
	dir := e.vaultDir
	var ve *store.ValidationError
	var ambiguous *ambiguousError
	var csvErr *dossier.CSVError
	var formatErr *dossier.FormatError
	var existing *store.ExistingClientError
	var importErr *store.ImportError
	var exportsFailed *exportsFailedError
	var rolled *crypt.RollbackError
	var fe *crypt.FileError
	var docs *documentsError
	if msg, hint, ok := e.explainPaper(err); ok {
		return msg, hint
	}
	if msg, hint, ok := e.explainMoney(err); ok {
		return msg, hint
	}
	if msg, hint, ok := e.explainAgenda(err); ok {
		return msg, hint
	}
	switch {
	case errors.As(err, &exportsFailed):
		return e.N("count.exports_failed", exportsFailed.failed, exportsFailed.total), ""
	case errors.As(err, &rolled):
		return e.Tf("err.this_vault_is_older_than",
				rolled.Have, when(rolled.HaveAt), rolled.Seen, when(rolled.SeenAt)),
			e.T("err.nothing_was_written_open_the")
	case errors.Is(err, crypt.ErrNoSaveBefore):
		return e.T("err.no_save_kept_in_the") + strings.TrimPrefix(err.Error(), "restoring: "+crypt.ErrNoSaveBefore.Error()),
			e.T("err.nothing_was_changed_choose_a")
	case errors.Is(err, errUsage):
		return strings.TrimPrefix(err.Error(), errUsage.Error()+": "), ""
	case errors.Is(err, errDossierDamaged):
		return e.T("err.the_dossier_file_is_damaged"),
			e.T("err.nothing_was_imported_ask_for")
	case errors.Is(err, crypt.ErrWrongExportKey):
		return e.T("err.the_passphrase_or_key_does"),
			e.T("err.nothing_was_imported_check_the")
	case errors.Is(err, errNeedIdentity):
		return e.T("err.this_dossier_is_sealed_to"),
			e.T("err.name_the_file_with_your")
	case errors.Is(err, errNoDossierPassphrase):
		return e.T("err.no_terminal_to_ask_for"),
			e.T("err.run_it_in_a_terminal")
	case errors.Is(err, dossier.ErrBadPublicKey):
		return e.T("err.that_is_not_an_age"),
			e.T("err.nothing_was_written_paste_the")
	case errors.Is(err, dossier.ErrOmission):
		return e.T("err.a_record_to_leave_out"),
			e.T("err.nothing_was_written_the_record")
	case errors.Is(err, dossier.ErrExists):
		return strings.Replace(err.Error(), dossier.ErrExists.Error(), e.T("err.the_file_already_exists"), 1),
			e.T("err.nothing_was_written_choose_another")
	case errors.Is(err, errPlainUnconfirmed):
		return e.T("err.an_unencrypted_export_needs_confirmation"),
			e.T("err.nothing_was_written_add_yes")
	case errors.Is(err, errNoBasis):
		return e.T("err.a_recipient_other_than_the"),
			e.Tf("err.add_basis_one_of_s", legalBases())
	case errors.Is(err, errNoSuchClient):
		return e.Tf("err.no_client_matches_s", strings.TrimPrefix(err.Error(), errNoSuchClient.Error()+": ")),
			e.T("err.caseload_list_shows_every_client")
	case errors.As(err, &ambiguous):
		var ids []string
		for _, m := range ambiguous.matches {
			ids = append(ids, fmt.Sprintf("%d (%s)", m.ID, termsafe.Line(m.Name)))
		}
		return e.N("count.matches_clients", len(ambiguous.matches), ambiguous.query),
			e.Tf("err.use_the_id_s", strings.Join(ids, ", "))
	case errors.As(err, &csvErr):
		return csvErr.Error(), e.T("err.nothing_was_imported_correct_the")
	case errors.As(err, &formatErr):
		return formatErr.Text(e.lang),
			e.T("err.nothing_was_imported_the_file")
	case errors.As(err, &existing):
		if existing.ByUID {
			return e.Tf("err.this_dossier_was_imported_before",
					existing.ID, termsafe.Line(existing.Name)),
				e.T("err.nothing_was_imported")
		}
		return e.Tf("err.already_in_the_caseload_as",
			existing.ID, termsafe.Line(existing.Name)), e.T("err.nothing_was_imported")
	case errors.As(err, &importErr) && errors.As(err, &ve):
		return e.Tf("err.the_dossier_cannot_be_imported", ve.Field, ve.Text(e.lang)),
			e.T("err.nothing_was_imported")
	case errors.Is(err, crypt.ErrWrongPassphrase):
		return e.T("err.wrong_passphrase"),
			e.T("err.check_caps_lock_and_try")
	case errors.Is(err, crypt.ErrNoVault):
		return e.Tf("err.there_is_no_vault_in", dir),
			e.T("err.run_caseload_init_to_create")
	case errors.Is(err, crypt.ErrVaultExists):
		return e.Tf("err.there_is_already_a_vault", dir),
			e.T("err.nothing_was_changed_use_vault")
	case errors.As(err, &docs):
		return fmt.Sprintf(e.t("%d documents are missing or damaged (named above)", "%d documenten ontbreken of zijn beschadigd (hierboven genoemd)"), len(docs.problems)),
			e.t("the rest of the vault is sound and nothing was changed; add each document again from its original, or take it from a backup: 'caseload restore FILE --vault OTHER-FOLDER' and save a copy from there",
				"de rest van de kluis is in orde en er is niets veranderd; voeg elk document opnieuw toe vanaf het origineel, of haal het uit een back-up: 'caseload restore FILE --vault ANDERE-MAP' en bewaar daar een kopie")
	case errors.Is(err, errDemoLeft):
		return strings.TrimPrefix(err.Error(), errDemoLeft.Error()+": "),
			e.t("the demo vault could not be removed; it holds invented clients only: delete that folder by hand",
				"de demokluis kon niet worden verwijderd; er staan alleen verzonnen cliënten in: verwijder die map met de hand")
	case errors.Is(err, errChangedWhileReading):
		return e.t("the vault was saved in another caseload window while it was being read", "de kluis is in een ander caseload-venster opgeslagen terwijl hij werd gelezen"),
			e.t("nothing was changed; run the command again", "er is niets veranderd; voer de opdracht opnieuw uit")
	case errors.Is(err, errNoIdentity):
		return e.t("identity.age, the vault's key file, is missing from ", "identity.age, het sleutelbestand van de kluis, ontbreekt in ") + dir,
			e.t("vault.age is still there: 'caseload recover' opens it with your recovery key and writes a new identity.age with a new passphrase",
				"vault.age staat er nog: 'caseload recover' opent hem met je herstelsleutel en schrijft een nieuw identity.age met een nieuwe wachtwoordzin")
	case errors.As(err, &fe) && fe.Name == crypt.FileIdentity &&
		(errors.Is(err, crypt.ErrDamaged) || errors.Is(err, crypt.ErrNotVault) || errors.Is(err, crypt.ErrNotRegular)):
		return e.t("identity.age, the vault's key file, is damaged", "identity.age, het sleutelbestand van de kluis, is beschadigd"),
			e.t("nothing was changed; 'caseload recover' with your recovery key writes a new identity.age (vault.age and every save in it stay as they are); do not copy a backup over vault.age",
				"er is niets veranderd; 'caseload recover' met je herstelsleutel schrijft een nieuw identity.age (vault.age en alles wat erin is opgeslagen blijft zoals het is); kopieer geen back-up over vault.age")
	case errors.As(err, &fe) && fe.IsDocument():
		what := e.t("a document of the vault is damaged", "een document in de kluis is beschadigd")
		if errors.Is(err, os.ErrNotExist) {
			what = e.t("a document of the vault is missing", "een document in de kluis ontbreekt")
		}
		return what + " (" + fe.Name + ")",
			e.t("the rest of the vault is sound; 'caseload verify' names each damaged document and its client: add it again from its original, or take it from a backup made with 'caseload backup'",
				"de rest van de kluis is in orde; 'caseload verify' noemt elk beschadigd document en de cliënt: voeg het opnieuw toe vanaf het origineel, of haal het uit een back-up van 'caseload backup'")
	case errors.As(err, &fe) && fe.Name == crypt.FileVault && errors.Is(err, crypt.ErrNotVault):
		return e.t("vault.age belongs to another vault: it was copied in from elsewhere", "vault.age hoort bij een andere kluis: hij is van elders hierheen gekopieerd"),
			e.t("nothing was changed; put this vault's own vault.age back: ", "er is niets veranderd; zet de eigen vault.age van deze kluis terug: ") + e.newestBackupHint()
	case errors.As(err, &fe) && fe.Name == crypt.FileVault && errors.Is(err, crypt.ErrNotRegular):
		return e.t("vault.age is not a file (a pipe, a device or a folder)", "vault.age is geen bestand (een pipe, een apparaat of een map)"),
			e.t("nothing was read or changed; move it away, then restore: ", "er is niets gelezen of veranderd; zet het opzij en zet daarna terug: ") + e.newestBackupHint()
	case errors.Is(err, crypt.ErrNotVault):
		return e.Tf("err.the_files_in_s_are", dir),
			e.T("err.nothing_was_changed_check_the")
	case errors.Is(err, crypt.ErrJournalBroken), errors.Is(err, store.ErrJournal):
		msg := e.T("err.a_saved_change_in_the")
		if _, detail, ok := strings.Cut(err.Error(), crypt.ErrJournalBroken.Error()+": "); ok {
			msg += " (" + detail + ")"
		}
		return msg, e.T("err.nothing_was_changed_vault_age")
	case errors.Is(err, crypt.ErrDamaged), errors.Is(err, store.ErrNoSchema), errors.Is(err, store.ErrIntegrity):
		return e.t("vault.age is damaged and cannot be opened safely", "vault.age is beschadigd en kan niet veilig worden geopend"),
			e.t("nothing was changed; restore the newest backup: ", "er is niets veranderd; zet de nieuwste back-up terug: ") + e.newestBackupHint()
	case errors.Is(err, crypt.ErrInUse):
		return e.T("err.the_vault_is_open_in"),
			e.T("err.close_caseload_there_first_then")
	case errors.Is(err, crypt.ErrVaultChanged):
		return e.T("err.the_vault_changed_on_disk"),
			e.T("err.nothing_was_overwritten_your_changes")
	case errors.Is(err, store.ErrNotSaved):
		// A command exits after this: nothing of the change is kept (see
		// session.Close), so the cause is what the coach must act on.
		cause := notSavedCause(err)
		if errors.Is(cause, store.ErrNotSaved) {
			return e.t("nothing was saved", "er is niets opgeslagen"), e.t("try again", "probeer het opnieuw")
		}
		msg, hint := e.explain(cause)
		return e.t("nothing was saved: ", "er is niets opgeslagen: ") + msg, hint
	case errors.Is(err, os.ErrPermission), crypt.IsReadOnly(err):
		return e.t("the vault folder cannot be written (read-only, or no permission): ", "de map van de kluis kan niet worden beschreven (alleen-lezen, of geen toestemming): ") + dir,
			e.t("the vault on disk is unchanged; reading commands (list, verify, deadlines) still work; to change it, make the folder writable or copy the vault to one that is",
				"de kluis op schijf is onveranderd; opdrachten die alleen lezen (list, verify, deadlines) werken nog; om iets te veranderen, maak de map beschrijfbaar of kopieer de kluis naar een map die dat is")
	case errors.Is(err, crypt.ErrFileBusy):
		return e.t("another program kept a file of the vault open, so it could not be replaced", "een ander programma hield een bestand van de kluis open, zodat het niet vervangen kon worden"),
			e.t("the vault on disk is unchanged; try again in a moment. If it keeps happening, the likely culprit is a virus scanner, the Windows search indexer, or a sync tool (OneDrive, Dropbox, Google Drive): exclude the vault folder "+dir+" from it, or move the vault out of the synced folder",
				"de kluis op schijf is onveranderd; probeer het zo opnieuw. Blijft het gebeuren, dan is de waarschijnlijke oorzaak een virusscanner, de zoekindex van Windows of een synchronisatieprogramma (OneDrive, Dropbox, Google Drive): sluit de map van de kluis "+dir+" daarvan uit, of zet de kluis buiten de gesynchroniseerde map")
	case errors.Is(err, crypt.ErrDiskFull):
		return e.T("err.the_disk_is_full"),
			e.T("err.free_some_space_and_try")
	case errors.Is(err, store.ErrCaseloadFull):
		return e.T("err.the_vault_is_full_a"),
			e.T("err.nothing_of_this_change_was")
	case errors.Is(err, store.ErrNewerSchema):
		return e.T("err.the_vault_was_saved_by"),
			e.T("err.update_caseload_this_version_leaves")
	case errors.Is(err, errNoTerminal):
		return e.T("err.no_terminal_to_ask_for_2"),
			e.T("err.run_it_in_a_terminal_2")
	case errors.Is(err, errMismatch):
		return e.T("err.the_two_passphrases_differ"),
			e.T("err.nothing_was_changed_try_again")
	case errors.Is(err, errWeak):
		return e.T("err.the_passphrase_is_too_short"),
			e.T("err.use_at_least_10_characters")
	case errors.Is(err, store.ErrNoConsent):
		return e.T("err.the_client_has_not_consented"),
			e.T("err.nothing_was_recorded_record_the")
	case errors.Is(err, store.ErrRestricted):
		return e.T("err.processing_of_this_client_is"),
			e.T("err.nothing_was_changed_lift_the")
	case errors.Is(err, store.ErrExtensionTooLate):
		return e.T("err.the_first_month_after_the"),
			e.T("err.answer_the_request_now_an")
	case errors.Is(err, store.ErrRequestClosed):
		return e.T("err.the_request_has_already_been"),
			e.T("err.nothing_was_changed_record_a")
	case errors.Is(err, store.ErrIdentityNotChecked):
		return e.T("err.the_identity_of_the_requester"),
			e.T("err.check_it_never_by_a")
	case errors.Is(err, store.ErrNoticesPending):
		return e.T("err.not_every_recipient_of_the"),
			e.T("err.tell_them_and_mark_them")
	case errors.Is(err, store.ErrOnHold):
		return e.T("err.the_client_is_under_legal"),
			e.T("err.nothing_was_erased_lift_the")
	case errors.Is(err, store.ErrPlanChanged):
		return e.T("err.the_caseload_changed_since_the"),
			e.T("err.nothing_was_erased_run_the")
	case errors.Is(err, os.ErrNotExist):
		return err.Error(), e.T("err.check_the_file_name")
	case errors.As(err, &ve):
		return ve.Field + ": " + ve.Text(e.lang), ""
	}
	return err.Error(), ""
}

// newestBackupHint says how to put the newest generation in backups/ in
// place of vault.age, naming it, or how to restore a backup file when
// backups/ holds none. Saves after that generation are lost, which the
// coach must hear before choosing it.
func (e *env) newestBackupHint() string {
	backups := filepath.Join(e.vaultDir, "backups")
	entries, _ := os.ReadDir(backups)
	newest := ""
	for _, d := range entries {
		if n := d.Name(); strings.HasPrefix(n, "vault-") && strings.HasSuffix(n, ".age") && d.Type().IsRegular() && n > newest {
			newest = n
		}
	}
	if newest == "" {
		return e.t("backups/ holds no earlier version; 'caseload restore FILE --vault "+e.vaultDir+" --force' puts back a backup made with 'caseload backup'",
			"backups/ bevat geen eerdere versie; 'caseload restore FILE --vault "+e.vaultDir+" --force' zet een back-up van 'caseload backup' terug")
	}
	return fmt.Sprintf(e.t("move vault.age aside and copy %s over it (what was saved after it is lost), or 'caseload restore FILE' a backup made with 'caseload backup'",
		"zet vault.age opzij en kopieer %s ervoor in de plaats (wat daarna is opgeslagen gaat verloren), of zet met 'caseload restore FILE' een back-up van 'caseload backup' terug"),
		filepath.Join(backups, newest))
}

// notSavedCause is what made a save fail, inside store.ErrNotSaved
// (which the store wraps as "%w: %w" with the cause), or err itself when
// it holds no other cause.
func notSavedCause(err error) error {
	switch x := err.(type) {
	case interface{ Unwrap() []error }:
		for _, inner := range x.Unwrap() {
			if inner == store.ErrNotSaved {
				continue
			}
			if errors.Is(inner, store.ErrNotSaved) {
				return notSavedCause(inner)
			}
			return inner
		}
	case interface{ Unwrap() error }:
		return notSavedCause(x.Unwrap())
	}
	return err
}

// explainRestore is explain for restore's refusals: they wrap the same
// errors as the vault's own (a wrong passphrase, a damaged file), which
// must not be explained as the vault's.
func (e *env) explainRestore(err error) (msg, hint string, ok bool) {
	switch {
	case errors.Is(err, errRestoreTarget):
		return e.t("the folder to restore to is not empty: ", "de map om in terug te zetten is niet leeg: ") + e.vaultDir,
			e.t("nothing was restored; name an empty or new folder with --vault, or add --force to move what is there aside (it is kept beside it, not deleted)",
				"er is niets teruggezet; noem met --vault een lege of nieuwe map, of voeg --force toe om wat er staat opzij te zetten (het blijft ernaast bewaard, niet gewist)"), true
	case errors.Is(err, errBackupPassphrase):
		return e.t("the passphrase does not open this backup", "de wachtwoordzin opent deze back-up niet"),
			e.t("nothing was restored; a backup opens with the passphrase the vault had when the backup was made, or with the recovery key: --recovery-file FILE",
				"er is niets teruggezet; een back-up opent met de wachtwoordzin die de kluis had toen de back-up werd gemaakt, of met de herstelsleutel: --recovery-file FILE"), true
	case errors.Is(err, errBackupRecoveryKey):
		return e.t("the recovery key does not open this backup", "de herstelsleutel opent deze back-up niet"),
			e.t("nothing was restored; use the whole key shown when the vault was created (it starts with AGE-SECRET-KEY-PQ-1), on one line in the file",
				"er is niets teruggezet; gebruik de hele sleutel die bij het maken van de kluis werd getoond (hij begint met AGE-SECRET-KEY-PQ-1), op één regel in het bestand"), true
	case errors.Is(err, errBackupDamaged) && errors.Is(err, crypt.ErrNotBackup):
		return e.t("that file is not a caseload backup", "dat bestand is geen back-up van caseload"),
			e.t("nothing was restored; name a file made by 'caseload backup' (caseload-backup-….tar)",
				"er is niets teruggezet; noem een bestand van 'caseload backup' (caseload-backup-….tar)"), true
	case errors.Is(err, errBackupDamaged):
		return e.t("the backup file is damaged or incomplete", "het back-upbestand is beschadigd of onvolledig"),
			e.t("nothing was restored and the vault folder is as it was; use another backup (an earlier one, or a copy on another disk)",
				"er is niets teruggezet en de map van de kluis is zoals hij was; gebruik een andere back-up (een eerdere, of een kopie op een andere schijf)"), true
	}
	return "", "", false
}
