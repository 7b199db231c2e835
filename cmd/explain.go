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
	case errors.As(err, &rolled):
		return fmt.Sprintf(e.t("this vault is older than the one this laptop last saved (generation %d, %s vs %d, %s); a sync tool or a restore may have put an older copy back",
				"deze kluis is ouder dan die deze laptop het laatst bewaarde (generatie %d, %s tegen %d, %s); een synchronisatieprogramma of een herstel heeft misschien een oudere kopie teruggezet"),
				rolled.Have, when(rolled.HaveAt), rolled.Seen, when(rolled.SeenAt)),
			e.t("nothing was written. Open the newest backup: put your newest copy of the vault back with 'caseload restore FILE' (or the sync tool's newest version), or go back to a save kept in backups/ with 'caseload restore --at TIME'; open this older one read-only: 'caseload list' and the other reading commands work on it as it is; accept it as current: 'caseload --accept-older'",
				"er is niets geschreven. Open de nieuwste reservekopie: zet je nieuwste kopie van de kluis terug met 'caseload restore FILE' (of de nieuwste versie uit het synchronisatieprogramma), of ga terug naar een versie in backups/ met 'caseload restore --at TIJD'; open deze oudere alleen-lezen: 'caseload list' en de andere leesopdrachten werken erop zoals hij is; neem hem als de huidige: 'caseload --accept-older'")
	case errors.Is(err, crypt.ErrNoSaveBefore):
		return e.t("no save kept in the vault is that old", "geen bewaarde versie van de kluis is zo oud") + strings.TrimPrefix(err.Error(), "restoring: "+crypt.ErrNoSaveBefore.Error()),
			e.t("nothing was changed; choose a later time", "er is niets veranderd; kies een later tijdstip")
	case errors.Is(err, errUsage):
		return strings.TrimPrefix(err.Error(), errUsage.Error()+": "), ""
	case errors.Is(err, errDossierDamaged):
		return e.t("the dossier file is damaged or incomplete", "het dossierbestand is beschadigd of onvolledig"),
			e.t("nothing was imported; ask for the file again", "er is niets ingelezen; vraag het bestand opnieuw op")
	case errors.Is(err, crypt.ErrWrongExportKey):
		return e.t("the passphrase or key does not open this dossier", "de wachtwoordzin of sleutel opent dit dossier niet"),
			e.t("nothing was imported; check the passphrase you were given (the words, the hyphens)",
				"er is niets ingelezen; controleer de wachtwoordzin die je kreeg (de woorden, de streepjes)")
	case errors.Is(err, errNeedIdentity):
		return e.t("this dossier is sealed to a key, not a passphrase", "dit dossier is versleuteld voor een sleutel, niet met een wachtwoordzin"),
			e.t("name the file with your secret key: --identity FILE", "noem het bestand met je geheime sleutel: --identity FILE")
	case errors.Is(err, errNoDossierPassphrase):
		return e.t("no terminal to ask for the dossier's passphrase", "geen terminal om de wachtwoordzin van het dossier te vragen"),
			e.t("run it in a terminal, or name a file holding it with --dossier-passphrase-file",
				"start het in een terminal, of noem een bestand waarin hij staat met --dossier-passphrase-file")
	case errors.Is(err, dossier.ErrBadPublicKey):
		return e.t("that is not an age public key", "dat is geen publieke sleutel van age"),
			e.t("nothing was written; paste the whole key: it starts with age1 (age1pq1 for a post-quantum key)",
				"er is niets geschreven; plak de hele sleutel: hij begint met age1 (age1pq1 voor een post-quantum sleutel)")
	case errors.Is(err, dossier.ErrOmission):
		return e.t("a record to leave out is not in this client's dossier", "een weg te laten verslag staat niet in het dossier van deze cliënt"),
			e.t("nothing was written; the record numbers are on the client's screen (caseload export CLIENT --leave-out 12:others)",
				"er is niets geschreven; de nummers van de verslagen staan op het scherm van de cliënt (caseload export CLIENT --leave-out 12:others)")
	case errors.Is(err, dossier.ErrExists):
		return strings.Replace(err.Error(), dossier.ErrExists.Error(), e.t("the file already exists", "het bestand bestaat al"), 1),
			e.t("nothing was written; choose another name, or leave --out off for a free name in the export folder",
				"er is niets geschreven; kies een andere naam, of laat --out weg voor een vrije naam in de exportmap")
	case errors.Is(err, errPlainUnconfirmed):
		return e.t("an unencrypted export needs confirmation", "een onversleutelde export moet je bevestigen"),
			e.t("nothing was written; add --yes to write the dossier unencrypted, or leave --plain off to seal it",
				"er is niets geschreven; voeg --yes toe om het dossier onversleuteld te schrijven, of laat --plain weg om het te versleutelen")
	case errors.Is(err, errNoBasis):
		return e.t("a recipient other than the client needs a legal basis", "een andere ontvanger dan de cliënt vraagt om een grondslag"),
			e.t("add --basis: one of "+legalBases(), "voeg --basis toe: een van "+legalBases())
	case errors.Is(err, errNoSuchClient):
		return e.t("no client matches ", "geen cliënt past bij ") + strings.TrimPrefix(err.Error(), errNoSuchClient.Error()+": "),
			e.t("'caseload list' shows every client with its id", "'caseload list' toont elke cliënt met zijn nummer")
	case errors.As(err, &ambiguous):
		var ids []string
		for _, m := range ambiguous.matches {
			ids = append(ids, fmt.Sprintf("%d (%s)", m.ID, m.Name))
		}
		return fmt.Sprintf(e.t("%q matches %d clients", "%q past bij %d cliënten"), ambiguous.query, len(ambiguous.matches)),
			e.t("use the id: ", "gebruik het nummer: ") + strings.Join(ids, ", ")
	case errors.As(err, &csvErr):
		return csvErr.Error(), e.t("nothing was imported; correct the spreadsheet and import the whole list again",
			"er is niets ingelezen; verbeter de spreadsheet en lees de hele lijst opnieuw in")
	case errors.As(err, &formatErr):
		return formatErr.Text(e.lang),
			e.t("nothing was imported; the file is damaged or is not a caseload dossier",
				"er is niets ingelezen; het bestand is beschadigd of is geen dossier van caseload")
	case errors.As(err, &existing):
		if existing.ByUID {
			return fmt.Sprintf(e.t("this dossier was imported before: it is client %d (%s)", "dit dossier is al eerder ingelezen: het is cliënt %d (%s)"),
					existing.ID, existing.Name),
				e.t("nothing was imported", "er is niets ingelezen")
		}
		return fmt.Sprintf(e.t("already in the caseload as client %d (%s)", "staat al in de caseload als cliënt %d (%s)"),
			existing.ID, existing.Name), e.t("nothing was imported", "er is niets ingelezen")
	case errors.As(err, &importErr) && errors.As(err, &ve):
		return e.t("the dossier cannot be imported: ", "het dossier kan niet worden ingelezen: ") + ve.Field + ": " + e.fieldProblem(ve),
			e.t("nothing was imported", "er is niets ingelezen")
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
		return e.t("the files in "+dir+" are not a caseload vault", "de bestanden in "+dir+" zijn geen caseload-kluis"),
			e.t("nothing was changed; check the --vault folder", "er is niets veranderd; controleer de map van --vault")
	case errors.Is(err, crypt.ErrJournalBroken), errors.Is(err, store.ErrJournal):
		msg := e.t("a saved change in the vault's journal is missing or damaged, so the saves after it cannot be applied",
			"een bewaarde wijziging in het journaal van de kluis ontbreekt of is beschadigd, dus de latere wijzigingen kunnen niet worden toegepast")
		if _, detail, ok := strings.Cut(err.Error(), crypt.ErrJournalBroken.Error()+": "); ok {
			msg += " (" + detail + ")"
		}
		return msg, e.t("nothing was changed; vault.age is whole: put the journal file back from your sync tool's history or a copy of the vault folder, then open again",
			"er is niets veranderd; vault.age is heel: zet het journaalbestand terug uit de geschiedenis van je synchronisatieprogramma of een kopie van de kluismap en open opnieuw")
	case errors.Is(err, crypt.ErrDamaged), errors.Is(err, store.ErrNoSchema), errors.Is(err, store.ErrIntegrity):
		return e.t("vault.age is damaged and cannot be opened safely", "vault.age is beschadigd en kan niet veilig worden geopend"),
			e.t("nothing was changed; restore the newest backup: ", "er is niets veranderd; zet de nieuwste back-up terug: ") + e.newestBackupHint()
	case errors.Is(err, crypt.ErrInUse):
		return e.t("the vault is open in another caseload window", "de kluis is geopend in een ander caseload-venster"),
			e.t("close caseload there first, then try again", "sluit caseload daar eerst af en probeer het opnieuw")
	case errors.Is(err, crypt.ErrVaultChanged):
		return e.t("the vault changed on disk since it was opened (a sync tool or another laptop?)",
				"de kluis is op schijf veranderd sinds hij werd geopend (een synchronisatieprogramma of een andere laptop?)"),
			e.t("nothing was overwritten: your changes were written beside it as vault.conflict-….age; open each and merge by hand",
				"er is niets overschreven: je wijzigingen staan ernaast als vault.conflict-….age; open ze allebei en voeg ze met de hand samen")
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
		return e.t("the disk is full", "de schijf is vol"),
			e.t("free some space and try again; the vault on disk is unchanged", "maak ruimte vrij en probeer het opnieuw; de kluis op schijf is onveranderd")
	case errors.Is(err, store.ErrCaseloadFull):
		return e.t("the vault is full: a caseload holds at most 1 GiB", "de kluis is vol: een caseload bevat hoogstens 1 GiB"),
			e.t("nothing of this change was kept; export the dossiers of clients closed long ago, then `caseload retention --purge` what is due",
				"niets van deze wijziging is bewaard; exporteer de dossiers van lang afgesloten cliënten en verwijder daarna wat klaarstaat met `caseload retention --purge`")
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
	case errors.Is(err, store.ErrNoConsent):
		return e.t("the client has not consented to sharing with this recipient on that date",
				"de cliënt heeft op die datum geen toestemming gegeven om met deze ontvanger te delen"),
			e.t("nothing was recorded; record the consent first, or choose the legal basis that does apply",
				"er is niets vastgelegd; leg eerst de toestemming vast, of kies de grondslag die wel geldt")
	case errors.Is(err, store.ErrRestricted):
		return e.t("processing of this client is restricted: the dossier is read-only",
				"de verwerking van deze cliënt is beperkt: het dossier kan alleen worden ingezien"),
			e.t("nothing was changed; lift the restriction first if the client agrees",
				"er is niets veranderd; hef eerst de beperking op als de cliënt daarmee instemt")
	case errors.Is(err, store.ErrExtensionTooLate):
		return e.t("the first month after the request has passed: it can no longer be extended",
				"de eerste maand na het verzoek is voorbij: het kan niet meer worden verlengd"),
			e.t("answer the request now; an extension must reach the client within the first month",
				"beantwoord het verzoek nu; een verlenging moet de cliënt binnen de eerste maand bereiken")
	case errors.Is(err, store.ErrRequestClosed):
		return e.t("the request has already been answered or refused", "het verzoek is al beantwoord of afgewezen"),
			e.t("nothing was changed; record a new request if the client asks again",
				"er is niets veranderd; leg een nieuw verzoek vast als de cliënt het opnieuw vraagt")
	case errors.Is(err, store.ErrIdentityNotChecked):
		return e.t("the identity of the requester has not been checked", "de identiteit van de aanvrager is niet gecontroleerd"),
			e.t("check it (never by a copy of the ID) and record how, then answer",
				"controleer die (nooit met een kopie van het identiteitsbewijs) en leg vast hoe, en antwoord dan")
	case errors.Is(err, store.ErrNoticesPending):
		return e.t("not every recipient of the client's data has been told of the erasure yet",
				"nog niet elke ontvanger van de gegevens van de cliënt is over de verwijdering ingelicht"),
			e.t("tell them and mark them notified first: the purge erases the record of who they are",
				"licht hen in en vink hen eerst af: na het wissen staat nergens meer wie het waren")
	case errors.Is(err, store.ErrOnHold):
		return e.t("the client is under legal hold: nothing of the dossier may be erased",
				"de cliënt valt onder een juridische bewaarplicht: niets van het dossier mag worden gewist"),
			e.t("nothing was erased; lift the hold once its reason has passed",
				"er is niets gewist; hef de bewaarplicht op zodra de reden vervallen is")
	case errors.Is(err, store.ErrPlanChanged):
		return e.t("the caseload changed since the purge was shown", "de caseload is veranderd sinds het wissen werd getoond"),
			e.t("nothing was erased; run the purge again and check what it shows",
				"er is niets gewist; voer het wissen opnieuw uit en controleer wat het toont")
	case errors.Is(err, os.ErrNotExist):
		return err.Error(), e.t("check the file name", "controleer de bestandsnaam")
	case errors.As(err, &ve):
		return ve.Field + ": " + e.fieldProblem(ve), ""
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

// fieldProblem is a validation problem in the coach's language where the
// store gives it a code (a control character, a size, a year), else the
// store's own text.
func (e *env) fieldProblem(ve *store.ValidationError) string {
	switch ve.Code {
	case store.CodeControl:
		return e.t("holds a control character (such as a NUL byte or an escape), which is never meant here",
			"bevat een stuurteken (zoals een NUL-byte of een escape), dat hier nooit bedoeld is")
	case store.CodeTooLong:
		return fmt.Sprintf(e.t("is longer than %d (characters, or bytes for a text)", "is langer dan %d (tekens, of bytes voor een tekst)"), ve.Limit)
	case store.CodeDateRange:
		return e.t("the year must be between 1900 and 2199", "het jaar moet tussen 1900 en 2199 liggen")
	}
	return ve.Problem
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
