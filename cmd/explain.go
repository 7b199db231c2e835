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
// known cause matches. The explainers are asked in turn, so an error that
// wraps two causes is said as the first of them.
func (e *env) explain(err error) (msg, hint string) {
	for _, x := range []func(error) (string, string, bool){
		e.explainRestore, e.explainKeys, e.explainSettings, e.explainPaper,
		e.explainMoney, e.explainAgenda, e.explainCommand, e.explainVault,
	} {
		if msg, hint, ok := x(err); ok {
			return msg, hint
		}
	}
	for _, r := range refusals {
		if errors.Is(err, r.err) {
			return e.T(r.msg), e.T(r.hint)
		}
	}
	var ve *store.ValidationError
	switch {
	case errors.Is(err, os.ErrNotExist):
		return err.Error(), e.T("err.check_the_file_name")
	case errors.As(err, &ve):
		return ve.Field + ": " + ve.Text(e.lang), ""
	}
	return err.Error(), ""
}

// refusals are the causes said in one sentence and one hint each: the
// store's and the command line's refusals of a change.
var refusals = []struct {
	err       error
	msg, hint string
}{
	{store.ErrCaseloadFull, "err.the_vault_is_full_a", "err.nothing_of_this_change_was"},
	{store.ErrNewerSchema, "err.the_vault_was_saved_by", "err.update_caseload_this_version_leaves"},
	{errNoTerminal, "err.no_terminal_to_ask_for_2", "err.run_it_in_a_terminal_2"},
	{errMismatch, "err.the_two_passphrases_differ", "err.nothing_was_changed_try_again"},
	{errWeak, "err.the_passphrase_is_too_short", "err.use_at_least_10_characters"},
	{store.ErrNoConsent, "err.the_client_has_not_consented", "err.nothing_was_recorded_record_the"},
	{store.ErrRestricted, "err.processing_of_this_client_is", "err.nothing_was_changed_lift_the"},
	{store.ErrExtensionTooLate, "err.the_first_month_after_the", "err.answer_the_request_now_an"},
	{store.ErrRequestClosed, "err.the_request_has_already_been", "err.nothing_was_changed_record_a"},
	{store.ErrIdentityNotChecked, "err.the_identity_of_the_requester", "err.check_it_never_by_a"},
	{store.ErrNoticesPending, "err.not_every_recipient_of_the", "err.tell_them_and_mark_them"},
	{store.ErrOnHold, "err.the_client_is_under_legal", "err.nothing_was_erased_lift_the"},
	{store.ErrPlanChanged, "err.the_caseload_changed_since_the", "err.nothing_was_erased_run_the"},
}

// explainCommand says what went wrong with what a command was asked:
// its arguments, the client it names, a dossier read or written.
func (e *env) explainCommand(err error) (msg, hint string, ok bool) {
	var ve *store.ValidationError
	var ambiguous *ambiguousError
	var csvErr *dossier.CSVError
	var formatErr *dossier.FormatError
	var existing *store.ExistingClientError
	var importErr *store.ImportError
	var exportsFailed *exportsFailedError
	var rolled *crypt.RollbackError
	switch {
	case errors.As(err, &exportsFailed):
		return e.N("count.exports_failed", exportsFailed.failed, exportsFailed.total), "", true
	case errors.As(err, &rolled):
		return e.Tf("err.this_vault_is_older_than",
				rolled.Have, when(rolled.HaveAt), rolled.Seen, when(rolled.SeenAt)),
			e.T("err.nothing_was_written_open_the"), true
	case errors.Is(err, crypt.ErrNoSaveBefore):
		return e.T("err.no_save_kept_in_the") + strings.TrimPrefix(err.Error(), "restoring: "+crypt.ErrNoSaveBefore.Error()),
			e.T("err.nothing_was_changed_choose_a"), true
	case errors.Is(err, errUsage):
		return strings.TrimPrefix(err.Error(), errUsage.Error()+": "), "", true
	case errors.Is(err, errDossierDamaged):
		return e.T("err.the_dossier_file_is_damaged"),
			e.T("err.nothing_was_imported_ask_for"), true
	case errors.Is(err, crypt.ErrWrongExportKey):
		return e.T("err.the_passphrase_or_key_does"),
			e.T("err.nothing_was_imported_check_the"), true
	case errors.Is(err, errNeedIdentity):
		return e.T("err.this_dossier_is_sealed_to"),
			e.T("err.name_the_file_with_your"), true
	case errors.Is(err, errNoDossierPassphrase):
		return e.T("err.no_terminal_to_ask_for"),
			e.T("err.run_it_in_a_terminal"), true
	case errors.Is(err, dossier.ErrBadPublicKey):
		return e.T("err.that_is_not_an_age"),
			e.T("err.nothing_was_written_paste_the"), true
	case errors.Is(err, dossier.ErrOmission):
		return e.T("err.a_record_to_leave_out"),
			e.T("err.nothing_was_written_the_record"), true
	case errors.Is(err, dossier.ErrExists):
		return strings.Replace(err.Error(), dossier.ErrExists.Error(), e.T("err.the_file_already_exists"), 1),
			e.T("err.nothing_was_written_choose_another"), true
	case errors.Is(err, errImageUnconfirmed):
		return e.T("err.image_unconfirmed"), e.T("err.image_unconfirmed_hint"), true
	case errors.Is(err, errPlainUnconfirmed):
		return e.T("err.an_unencrypted_export_needs_confirmation"),
			e.T("err.nothing_was_written_add_yes"), true
	case errors.Is(err, errNoBasis):
		return e.T("err.a_recipient_other_than_the"),
			e.Tf("err.add_basis_one_of_s", legalBases()), true
	case errors.Is(err, errNoSuchClient):
		return e.Tf("err.no_client_matches_s", strings.TrimPrefix(err.Error(), errNoSuchClient.Error()+": ")),
			e.T("err.caseload_list_shows_every_client"), true
	case errors.As(err, &ambiguous):
		var ids []string
		for _, m := range ambiguous.matches {
			ids = append(ids, fmt.Sprintf("%d (%s)", m.ID, termsafe.Line(m.Name)))
		}
		return e.N("count.matches_clients", len(ambiguous.matches), ambiguous.query),
			e.Tf("err.use_the_id_s", strings.Join(ids, ", ")), true
	case errors.As(err, &csvErr):
		return csvErr.Error(), e.T("err.nothing_was_imported_correct_the"), true
	case errors.As(err, &formatErr):
		return formatErr.Text(e.lang),
			e.T("err.nothing_was_imported_the_file"), true
	case errors.As(err, &existing):
		if existing.ByUID {
			return e.Tf("err.this_dossier_was_imported_before",
					existing.ID, termsafe.Line(existing.Name)),
				e.T("err.nothing_was_imported"), true
		}
		return e.Tf("err.already_in_the_caseload_as",
			existing.ID, termsafe.Line(existing.Name)), e.T("err.nothing_was_imported"), true
	case errors.As(err, &importErr) && errors.As(err, &ve):
		return e.Tf("err.the_dossier_cannot_be_imported", ve.Field, ve.Text(e.lang)),
			e.T("err.nothing_was_imported"), true
	case errors.Is(err, crypt.ErrWrongPassphrase):
		return e.T("err.wrong_passphrase"),
			e.T("err.check_caps_lock_and_try"), true
	}
	return "", "", false
}

// explainVault says what is wrong with the vault folder or one of its
// files, and what the coach can do without losing a save.
func (e *env) explainVault(err error) (msg, hint string, ok bool) {
	dir := e.vaultDir
	var fe *crypt.FileError
	var docs *documentsError
	switch {
	case errors.Is(err, crypt.ErrNoVault):
		return e.Tf("err.there_is_no_vault_in", dir),
			e.T("err.run_caseload_init_to_create"), true
	case errors.Is(err, crypt.ErrVaultExists):
		return e.Tf("err.there_is_already_a_vault", dir),
			e.T("err.nothing_was_changed_use_vault"), true
	case errors.As(err, &docs):
		return e.Tf("err.d_documents_are_missing_or", len(docs.problems)),
			e.T("err.the_rest_of_the_vault"), true
	case errors.Is(err, errDemoLeft):
		return strings.TrimPrefix(err.Error(), errDemoLeft.Error()+": "),
			e.T("err.the_demo_vault_could_not"), true
	case errors.Is(err, errChangedWhileReading):
		return e.T("err.the_vault_was_saved_in"),
			e.T("err.nothing_was_changed_run_the"), true
	case errors.Is(err, errNoIdentity):
		return e.T("err.identity_age_the_vault_s") + dir,
			e.T("err.vault_age_is_still_there"), true
	case errors.As(err, &fe) && fe.Name == crypt.FileIdentity &&
		(errors.Is(err, crypt.ErrDamaged) || errors.Is(err, crypt.ErrNotVault) || errors.Is(err, crypt.ErrNotRegular)):
		return e.T("err.identity_age_the_vault_s_2"),
			e.T("err.nothing_was_changed_caseload_recover"), true
	case errors.As(err, &fe) && fe.IsDocument():
		what := e.T("err.a_document_of_the_vault")
		if errors.Is(err, os.ErrNotExist) {
			what = e.T("err.a_document_of_the_vault_2")
		}
		return what + " (" + fe.Name + ")",
			e.T("err.the_rest_of_the_vault_2"), true
	case errors.As(err, &fe) && fe.Name == crypt.FileVault && errors.Is(err, crypt.ErrNotVault):
		return e.T("err.vault_age_belongs_to_another"),
			e.T("err.nothing_was_changed_put_this") + e.newestBackupHint(), true
	case errors.As(err, &fe) && fe.Name == crypt.FileVault && errors.Is(err, crypt.ErrNotRegular):
		return e.T("err.vault_age_is_not_a"),
			e.T("err.nothing_was_read_or_changed") + e.newestBackupHint(), true
	case errors.Is(err, crypt.ErrNotVault):
		return e.Tf("err.the_files_in_s_are", dir),
			e.T("err.nothing_was_changed_check_the"), true
	case errors.Is(err, crypt.ErrJournalBroken), errors.Is(err, store.ErrJournal):
		msg := e.T("err.a_saved_change_in_the")
		if _, detail, ok := strings.Cut(err.Error(), crypt.ErrJournalBroken.Error()+": "); ok {
			msg += " (" + detail + ")"
		}
		return msg, e.T("err.nothing_was_changed_vault_age"), true
	case errors.Is(err, crypt.ErrDamaged), errors.Is(err, store.ErrNoSchema), errors.Is(err, store.ErrIntegrity):
		return e.T("err.vault_age_is_damaged_and"),
			e.T("err.nothing_was_changed_restore_the") + e.newestBackupHint(), true
	case errors.Is(err, crypt.ErrInUse):
		return e.T("err.the_vault_is_open_in"),
			e.T("err.close_caseload_there_first_then"), true
	case errors.Is(err, crypt.ErrVaultChanged):
		return e.T("err.the_vault_changed_on_disk"),
			e.T("err.nothing_was_overwritten_your_changes"), true
	case errors.Is(err, store.ErrNotSaved):
		// A command exits after this: nothing of the change is kept (see
		// session.Close), so the cause is what the coach must act on.
		cause := notSavedCause(err)
		if errors.Is(cause, store.ErrNotSaved) {
			return e.T("cmd.invoice.nothing_was_saved"), e.T("err.try_again"), true
		}
		msg, hint := e.explain(cause)
		return e.T("err.nothing_was_saved") + msg, hint, true
	case errors.Is(err, os.ErrPermission), crypt.IsReadOnly(err):
		return e.T("err.the_vault_folder_cannot_be") + dir,
			e.T("err.the_vault_on_disk_is"), true
	case errors.Is(err, crypt.ErrFileBusy):
		return e.T("err.another_program_kept_a_file"),
			e.Tf("err.file_busy_hint", dir), true
	case errors.Is(err, crypt.ErrDiskFull):
		return e.T("err.the_disk_is_full"),
			e.T("err.free_some_space_and_try"), true
	}
	return "", "", false
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
		return e.Tf("err.no_earlier_version_hint", e.vaultDir)
	}
	return e.Tf("err.move_vault_age_aside_and",
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
		return e.T("err.the_folder_to_restore_to") + e.vaultDir,
			e.T("err.nothing_was_restored_name_an"), true
	case errors.Is(err, errBackupPassphrase):
		return e.T("err.the_passphrase_does_not_open"),
			e.T("err.nothing_was_restored_a_backup"), true
	case errors.Is(err, errBackupRecoveryKey):
		return e.T("err.the_recovery_key_does_not"),
			e.T("err.nothing_was_restored_use_the"), true
	case errors.Is(err, errBackupDamaged) && errors.Is(err, crypt.ErrNotBackup):
		return e.T("err.that_file_is_not_a"),
			e.T("err.nothing_was_restored_name_a"), true
	case errors.Is(err, errBackupDamaged):
		return e.T("err.the_backup_file_is_damaged"),
			e.T("err.nothing_was_restored_and_the"), true
	}
	return "", "", false
}
