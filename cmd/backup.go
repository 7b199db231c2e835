package cmd

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/caseload/caseload/crypt"
	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/store/dossier"
	"github.com/caseload/caseload/termsafe"
)

// `caseload backup` and `caseload restore`: one file that holds the whole
// vault (see crypt.WriteArchive), and putting it back.

// newBackupCmd is `caseload backup`: the whole vault in one encrypted file.
func newBackupCmd(e *env) *cobra.Command {
	var out string
	c := &cobra.Command{
		Use:   "backup",
		Short: e.T("help.backup.write_the_whole_vault_documents"),
		Args:  e.noArgs,
		RunE:  func(*cobra.Command, []string) error { return runBackup(e, out) },
	}
	c.Flags().StringVar(&out, "out", "", e.T("help.backup.write_the_backup_to_file"))
	return c
}

func runBackup(e *env, out string) error {
	ctx := context.Background()
	p, err := e.vaultPassphrase()
	if err != nil {
		return err
	}
	defer clear(p)
	path := out
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
	fmt.Fprintf(e.stdout, "%s %s (%d %s)\n", e.T("cmd.backup.backup_written_to"), info.Path,
		info.Documents, e.Noun("count.verify.documents", info.Documents))
	fmt.Fprintln(e.stderr, e.T("cmd.backup.it_opens_with_today_s"))
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
		what := e.T("cmd.backup.damaged")
		if p.Missing {
			what = e.T("cmd.backup.missing")
		}
		fmt.Fprintf(e.stdout, "%s %s: %s %d \"%s\", %s \"%s\"\n", e.T("cmd.backup.document"), what,
			e.T("cmd.export.client"), p.ClientID, termsafe.Line(p.ClientName), e.T("cmd.backup.document"), termsafe.Line(p.Name))
	}
}

// restoreOptions are restore's switches.
type restoreOptions struct {
	force            bool
	keyFile, newFile string
	at               string
}

// newRestoreCmd is `caseload restore`, in its two forms: `restore FILE`
// puts a backup archive back into the --vault folder; `restore --at TIME`
// puts the vault back to the last save at or before TIME from what the
// vault folder itself keeps (vault.age, journal/, backups/). One of the
// two, never both.
func newRestoreCmd(e *env) *cobra.Command {
	var o restoreOptions
	c := &cobra.Command{
		Use:   "restore FILE | restore --at TIME",
		Short: e.T("help.backup.put_a_backup_back_or"),
		Long:  e.T("help.backup.caseload_restore_file_puts_a"),
		RunE: func(c *cobra.Command, args []string) error {
			switch {
			case o.at != "" && len(args) > 0:
				return usagef(c, "%s", e.T("help.backup.restore_takes_a_backup_file"))
			case o.at != "":
				if o.force || o.keyFile != "" || o.newFile != "" {
					return usagef(c, "%s", e.T("help.backup.force_recovery_file_and_new"))
				}
				return runRestoreAt(e, c, o.at)
			case len(args) != 1:
				return usagef(c, "%s", e.T("help.backup.restore_needs_one_backup_file"))
			}
			return runRestore(e, o, args[0])
		},
	}
	f := c.Flags()
	f.BoolVar(&o.force, "force", false, e.T("help.backup.move_a_vault_in_the"))
	f.StringVar(&o.keyFile, "recovery-file", "", e.T("help.backup.open_the_backup_with_the"))
	f.StringVar(&o.newFile, "new-passphrase-file", "", e.T("help.backup.with_recovery_file_read_the"))
	f.StringVar(&o.at, "at", "", e.T("help.backup.instead_of_a_file_the"))
	return c
}

func runRestore(e *env, o restoreOptions, file string) error {
	var open func() (*crypt.Staged, error)
	if o.keyFile != "" {
		key, err := readSecretFile(o.keyFile)
		if err != nil {
			return err
		}
		open = func() (*crypt.Staged, error) {
			return crypt.RestoreArchiveRecovery(file, e.vaultDir, key,
				func() ([]byte, error) { return e.newPassphrase(o.newFile) }, o.force, e.cryptOptions())
		}
	} else {
		p, err := e.passphrase()
		if err != nil {
			return err
		}
		defer clear(p)
		open = func() (*crypt.Staged, error) {
			return crypt.RestoreArchive(file, e.vaultDir, p, o.force, e.cryptOptions())
		}
	}
	accept := func() error { return crypt.AcceptRestore(e.vaultDir, e.cryptOptions()) }
	res, err := restore(context.Background(), open, e.clock, accept)
	if err != nil {
		if len(res.problems) > 0 {
			e.printDocumentProblems(res.problems)
		}
		return err
	}
	fmt.Fprintf(e.stdout, "%s %s: %d %s, %d %s (%s)\n", e.T("cmd.backup.restored_to"), e.vaultDir,
		res.counts.Clients, e.Noun("count.verify.clients", res.counts.Clients), res.counts.Attachments,
		e.Noun("count.verify.documents", res.counts.Attachments),
		e.T("cmd.backup.each_opened"))
	if res.replaced != "" {
		fmt.Fprintf(e.stderr, "%s %s\n", e.T("cmd.backup.the_vault_that_was_there"), res.replaced)
	}
	if res.acceptErr != nil {
		fmt.Fprintf(e.stderr, "caseload: %s: %v\n", e.T("cmd.backup.warning"), res.acceptErr)
		fmt.Fprintf(e.stderr, "caseload: hint: %s\n", e.T("cmd.backup.the_next_open_may_call"))
	}
	return nil
}

// restored is what restore put back.
type restored struct {
	counts    store.Counts
	replaced  string                  // where the vault it replaced went
	problems  []store.DocumentProblem // why it refused, if for documents
	acceptErr error                   // why the restore could not be remembered
}

// restore unpacks a backup beside the folder it goes to, checks that the caseload
// opens whole and every document opens with its key, and only then puts
// it in place of that folder: a restore that fails, or is killed, leaves
// the folder as it was, or (with force, between two renames) absent,
// never half a vault.
//
// open is crypt.RestoreArchive or crypt.RestoreArchiveRecovery with their
// arguments; accept is crypt.AcceptRestore for the folder, called once the
// vault is in place.
func restore(ctx context.Context, open func() (*crypt.Staged, error), clock store.Clock, accept func() error) (restored, error) {
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
	s, err := store.Open(ctx, image, store.Options{Blobs: st.Vault.Blobs(), Clock: clock, Replay: st.Vault.Replay()})
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
	// The restored vault is older than this laptop may remember: the
	// coach chose it, so the next open takes it without the rollback
	// warning. It is in place already; failing to remember that only
	// brings the warning back, so it is said, not fatal.
	res.acceptErr = accept()
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
