package cmd

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/caseload/caseload/crypt"
	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/store/dossier"
	"github.com/caseload/caseload/termsafe"
)

// `caseload backup` and `caseload restore`: one file that holds the whole
// vault (see crypt.WriteArchive), and putting it back.

func runBackup(e *env, args []string) error {
	fs := flags("backup")
	out := fs.String("out", "", "")
	if err := parse(fs, args); err != nil {
		return err
	}
	ctx := context.Background()
	if err := e.findVault(); err != nil {
		return err
	}
	p, err := e.passphrase()
	if err != nil {
		return err
	}
	path := *out
	if path == "" {
		if path, err = e.backupPath(); err != nil {
			return err
		}
	}
	var info crypt.ArchiveInfo
	var problems []store.DocumentProblem
	// Without the lock, a window that has the vault open may save and
	// remove a deleted document's file while the backup reads: then the
	// backup starts again from the vault as saved now.
	for try := 0; ; try++ {
		s, err := e.lookWith(ctx, p)
		if err != nil {
			return err
		}
		info, problems, err = backup(ctx, s, path)
		s.Close()
		if errors.Is(err, errChangedWhileReading) && try < 3 {
			continue
		}
		if err != nil {
			return err
		}
		break
	}
	fmt.Fprintf(e.stdout, "%s %s (%d %s)\n", e.t("Backup written to", "Back-up geschreven naar"), info.Path,
		info.Documents, e.t("documents", "documenten"))
	fmt.Fprintln(e.stderr, e.t(
		"It opens with today's passphrase or the recovery key: 'caseload restore FILE --vault FOLDER'.",
		"Hij opent met de wachtwoordzin van vandaag of de herstelsleutel: 'caseload restore FILE --vault MAP'."))
	if len(problems) > 0 {
		e.printDocumentProblems(problems)
		return &documentsError{problems: problems}
	}
	return nil
}

// backup writes the archive of s's vault to path: vault.age, identity.age
// and every document file the caseload refers to, each authenticated on
// the way. A document missing or damaged does not stop the backup (the
// rest is worth keeping) but is returned to be reported.
//
// It returns errChangedWhileReading when vault.age was replaced since s
// read it and that explains what went wrong: the caller reads again.
func backup(ctx context.Context, s *session, path string) (crypt.ArchiveInfo, []store.DocumentProblem, error) {
	changed := func() bool { c, err := s.vault.Changed(); return err == nil && c }
	rep, err := s.VerifyDocuments(ctx, s.vault.Blobs())
	if err != nil {
		return crypt.ArchiveInfo{}, nil, err
	}
	for _, p := range rep.Problems {
		if p.Missing && changed() {
			return crypt.ArchiveInfo{}, nil, errChangedWhileReading
		}
	}
	info, err := s.vault.WriteArchive(path, rep.Present)
	if errors.Is(err, crypt.ErrVaultChanged) || errors.Is(err, fs.ErrNotExist) && changed() {
		return crypt.ArchiveInfo{}, nil, errChangedWhileReading
	}
	if err != nil {
		return crypt.ArchiveInfo{}, nil, err
	}
	return info, rep.Problems, nil
}

// errChangedWhileReading: a window that has the vault open saved it
// while a command read it without the lock, and what the command read is
// no longer whole.
var errChangedWhileReading = errors.New("the vault was saved by another window while it was read")

// backupPath is where a backup goes without --out: the export folder (as
// for a dossier), caseload-backup-<date>.tar, or -2, -3, … on a day that
// has one already.
func (e *env) backupPath() (string, error) {
	dir := e.getenv("CASELOAD_EXPORT_DIR")
	if dir == "" {
		dir = dossier.DefaultDir(e.getenv)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("making the export folder: %w", err)
	}
	day := e.clock().Format("2006-01-02")
	for i := 1; i < 1000; i++ {
		name := "caseload-backup-" + day + ".tar"
		if i > 1 {
			name = fmt.Sprintf("caseload-backup-%s-%d.tar", day, i)
		}
		p := filepath.Join(dir, name)
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
			return p, nil
		}
	}
	return "", fmt.Errorf("no free backup name in %s", dir)
}

// printDocumentProblems names each missing or damaged document by client
// and document, for verify and backup.
func (e *env) printDocumentProblems(problems []store.DocumentProblem) {
	for _, p := range problems {
		what := e.t("damaged", "beschadigd")
		if p.Missing {
			what = e.t("missing", "ontbreekt")
		}
		fmt.Fprintf(e.stdout, "%s %s: %s %d \"%s\", %s \"%s\"\n", e.t("document", "document"), what,
			e.t("client", "cliënt"), p.ClientID, termsafe.Line(p.ClientName), e.t("document", "document"), termsafe.Line(p.Name))
	}
}

func runRestore(e *env, args []string) error {
	fs := flags("restore")
	force := fs.Bool("force", false, "")
	vault := fs.String("vault", "", "")
	keyFile := fs.String("recovery-file", "", "")
	newFile := fs.String("new-passphrase-file", "", "")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return fmt.Errorf("%w: restore needs one backup file: caseload restore FILE --vault FOLDER", errUsage)
	}
	if *vault != "" {
		e.vaultDir = *vault
	}
	var open func() (*crypt.Staged, error)
	if *keyFile != "" {
		key, err := readSecretFile(*keyFile)
		if err != nil {
			return err
		}
		open = func() (*crypt.Staged, error) {
			return crypt.RestoreArchiveRecovery(rest[0], e.vaultDir, key,
				func() (string, error) { return e.newPassphrase(*newFile) }, *force, e.cryptOptions())
		}
	} else {
		p, err := e.passphrase()
		if err != nil {
			return err
		}
		open = func() (*crypt.Staged, error) {
			return crypt.RestoreArchive(rest[0], e.vaultDir, p, *force, e.cryptOptions())
		}
	}
	res, err := restore(context.Background(), open, e.clock)
	if err != nil {
		if len(res.problems) > 0 {
			e.printDocumentProblems(res.problems)
		}
		return err
	}
	fmt.Fprintf(e.stdout, "%s %s: %d %s, %d %s (%s)\n", e.t("Restored to", "Teruggezet in"), e.vaultDir,
		res.counts.Clients, e.t("clients", "cliënten"), res.counts.Attachments, e.t("documents", "documenten"),
		e.t("each opened", "elk geopend"))
	if res.replaced != "" {
		fmt.Fprintf(e.stderr, "%s %s\n", e.t("The vault that was there is kept in", "De kluis die er stond, staat nu in"), res.replaced)
	}
	return nil
}

// restored is what restore put back.
type restored struct {
	counts   store.Counts
	replaced string                  // where the vault it replaced went
	problems []store.DocumentProblem // why it refused, if for documents
}

// restore unpacks a backup beside the folder it goes to, checks that the caseload
// opens whole and every document opens with its key, and only then puts
// it in place of that folder: a restore that fails, or is killed, leaves
// the folder as it was, or (with force, between two renames) absent,
// never half a vault.
//
// open is crypt.RestoreArchive or crypt.RestoreArchiveRecovery with their
// arguments.
func restore(ctx context.Context, open func() (*crypt.Staged, error), clock store.Clock) (restored, error) {
	st, err := open()
	switch {
	case errors.Is(err, crypt.ErrVaultExists):
		return restored{}, fmt.Errorf("%w: %w", errRestoreTarget, err)
	case errors.Is(err, crypt.ErrWrongPassphrase):
		return restored{}, fmt.Errorf("%w: %w", errBackupPassphrase, err)
	case errors.Is(err, crypt.ErrWrongRecoveryKey):
		return restored{}, fmt.Errorf("%w: %w", errBackupRecoveryKey, err)
	case errors.Is(err, crypt.ErrDamaged), errors.Is(err, crypt.ErrNotBackup), errors.Is(err, crypt.ErrNotVault):
		return restored{}, fmt.Errorf("%w: %w", errBackupDamaged, err)
	case err != nil:
		return restored{}, err
	}
	image := st.Image
	st.Image = nil
	s, err := store.Open(ctx, image, store.Options{Blobs: st.Vault.Blobs(), Clock: clock})
	clear(image)
	if err != nil {
		st.Discard()
		return restored{}, err
	}
	res, err := checkRestored(ctx, s, st.Vault)
	s.Discard()
	if err != nil {
		st.Discard()
		return res, err
	}
	if err := st.Commit(); err != nil {
		st.Discard()
		return res, err
	}
	res.replaced = st.Replaced
	return res, nil
}

// checkRestored runs verify's checks on a staged vault.
func checkRestored(ctx context.Context, s *store.Store, v *crypt.Vault) (restored, error) {
	if err := s.IntegrityCheck(ctx); err != nil {
		return restored{}, err
	}
	n, err := s.Counts(ctx)
	if err != nil {
		return restored{}, err
	}
	rep, err := s.VerifyDocuments(ctx, v.Blobs())
	if err != nil {
		return restored{}, err
	}
	if len(rep.Problems) > 0 {
		return restored{problems: rep.Problems}, &documentsError{problems: rep.Problems}
	}
	return restored{counts: n}, nil
}

// Restore's refusals, told apart from the same errors about the vault.
var (
	errRestoreTarget     = errors.New("the folder to restore to is not empty")
	errBackupPassphrase  = errors.New("the passphrase does not open the backup")
	errBackupRecoveryKey = errors.New("the recovery key does not open the backup")
	errBackupDamaged     = errors.New("the backup file is damaged or not a backup")
)
