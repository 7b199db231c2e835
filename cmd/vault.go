package cmd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/caseload/caseload/crypt"
	"github.com/caseload/caseload/store"
)

// session is an open vault and the caseload inside it. It is what the TUI
// gets as its Store: closing it also releases the vault.
type session struct {
	*store.Store
	vault *crypt.Vault
	// command: opened by a command that exits when it is done, not by
	// the screens (which keep a failed save in memory and try again).
	command bool
}

// Close seals what is pending, drops the caseload and releases the vault.
// A command's session whose last save failed is discarded instead: the
// command has said nothing was saved, and it must stay so.
func (s *session) Close() error {
	if s.command && s.Store.SaveFailed() {
		s.Store.Discard()
		return s.vault.Close()
	}
	err := s.Store.Close()
	return errors.Join(err, s.vault.Close())
}

func (e *env) cryptOptions() *crypt.Options {
	return &crypt.Options{WorkFactor: e.workFactor, Keys: e.keyPrompter(), KeyTimeout: e.keyTimeout}
}

func (e *env) storeOptions(v *crypt.Vault) store.Options {
	return store.Options{Journal: v, Replay: v.Replay(), Blobs: v.Blobs(), Clock: e.clock}
}

// checkGeneration compares the generation just opened with the newest
// this laptop remembers of the vault: an older one is refused
// (crypt.RollbackError) unless the coach chose --accept-older.
func (e *env) checkGeneration(ctx context.Context, s *store.Store, v *crypt.Vault) error {
	gen, at, err := s.Generation(ctx)
	if err != nil {
		return err
	}
	err = v.Generation(gen, at)
	if errors.Is(err, crypt.ErrRolledBack) && e.acceptOlder {
		return v.AcceptGeneration()
	}
	return err
}

// open unlocks the vault with the given passphrase and loads the caseload.
func (e *env) open(ctx context.Context, passphrase string) (*session, error) {
	return e.openSecret(ctx, []byte(passphrase))
}

// openSecret is open for a passphrase the caller wipes.
func (e *env) openSecret(ctx context.Context, passphrase []byte) (*session, error) {
	v, buf, err := e.decrypt(passphrase)
	if err != nil {
		return nil, err
	}
	return e.load(ctx, v, buf)
}

// decrypt opens the vault and decrypts vault.age straight into the memory
// the database will live in: one image-sized buffer from the disk to the
// store. The buffer is nil for a vault never sealed.
func (e *env) decrypt(passphrase []byte) (*crypt.Vault, *store.ImageBuffer, error) {
	return e.decryptWith(crypt.Open[[]byte], passphrase)
}

// decryptWith is decrypt with crypt.Open or crypt.OpenSnapshot.
func (e *env) decryptWith(open func(string, []byte, *crypt.Options) (*crypt.Vault, []byte, error),
	passphrase []byte) (*crypt.Vault, *store.ImageBuffer, error) {
	var buf *store.ImageBuffer
	o := e.cryptOptions()
	o.ImageMemory = func(n int64) ([]byte, error) {
		b, err := store.NewImageBuffer(n)
		buf = b
		return b.Bytes(), err
	}
	v, image, err := open(e.vaultDir, passphrase, o)
	if err != nil {
		buf.Free()
		return nil, nil, err
	}
	if image == nil {
		return v, nil, nil
	}
	return v, buf, nil
}

// load puts an unlocked vault's image into a store, which takes buf over;
// a nil buf is a vault never sealed.
func (e *env) load(ctx context.Context, v *crypt.Vault, buf *store.ImageBuffer) (*session, error) {
	s, err := store.OpenBuffer(ctx, buf, e.storeOptions(v))
	if err != nil {
		v.Close()
		return nil, err
	}
	if err := e.checkGeneration(ctx, s, v); err != nil {
		if errors.Is(err, crypt.ErrRolledBack) && e.keepOlder {
			// The TUI asks the coach what to do with it (backend.go).
			e.older = &session{Store: s, vault: v}
			return nil, err
		}
		s.Close()
		v.Close()
		return nil, err
	}
	if err := s.LogUnlock(ctx); err != nil {
		s.Close()
		v.Close()
		return nil, err
	}
	return &session{Store: s, vault: v}, nil
}

// create makes a new vault with an empty caseload and returns the
// recovery key, to be shown once.
func (e *env) create(ctx context.Context, passphrase string) (*session, string, error) {
	return e.createSecret(ctx, []byte(passphrase))
}

// createSecret is create for a passphrase the caller wipes.
func (e *env) createSecret(ctx context.Context, passphrase []byte) (*session, string, error) {
	v, recovery, err := crypt.Create(e.vaultDir, passphrase, e.cryptOptions())
	if err != nil {
		return nil, "", err
	}
	s, err := store.Open(ctx, nil, e.storeOptions(v))
	if err != nil {
		v.Close()
		return nil, "", fmt.Errorf("creating the caseload: %w", err)
	}
	return &session{Store: s, vault: v}, recovery, nil
}

// unlock asks for the passphrase and opens the vault to work in it: every
// change is sealed, and the unlock is logged.
func (e *env) unlock(ctx context.Context) (*session, error) { return e.openAsked(ctx) }

// openVault is unlock for a command that changes the vault, else look.
func (e *env) openVault(ctx context.Context, changing bool) (*session, error) {
	if changing {
		return e.unlock(ctx)
	}
	return e.look(ctx)
}

// look unlocks the vault to read it only: nothing the session does is
// sealed, so vault.age stays byte for byte as it was. Commands that only
// report (list, verify, backup, deadlines from a login script, the
// register, a purge's dry run) use it, because a save would rotate a real backup out
// of backups/ and, on a vault shared by a sync tool, make the other
// laptop's next save a conflict, each time the laptop starts. The audit
// log records what changes the vault; a look changes nothing.
//
// A look takes no lock (see crypt.OpenSnapshot): it reads the vault as
// last saved while caseload has it open in another window, and says so on
// stderr, and it works on a read-only folder. A backup is a look too.
func (e *env) look(ctx context.Context) (*session, error) {
	p, err := e.vaultPassphrase()
	if err != nil {
		return nil, err
	}
	defer clear(p)
	return e.lookWith(ctx, p)
}

// lookWith is look with the passphrase given.
func (e *env) lookWith(ctx context.Context, p []byte) (*session, error) {
	v, buf, err := e.decryptWith(crypt.OpenSnapshot[[]byte], p)
	if err != nil {
		return nil, err
	}
	if v.InUse() {
		fmt.Fprintln(e.stderr, e.T("cmd.vault.caseload_note_the_vault_is"))
	}
	// No Sealer: a store without one keeps every change in memory, and
	// the blobs refuse to write (crypt.ErrReadOnly). The journal's changes
	// are applied, and an older vault than this laptop saved is read as
	// it is: reading is the safe choice the rollback warning offers.
	s, err := store.OpenBuffer(ctx, buf, store.Options{Replay: v.Replay(), Clock: e.clock, Blobs: v.Blobs()})
	if err != nil {
		v.Close()
		return nil, err
	}
	if err := e.checkGeneration(ctx, s, v); err != nil && !errors.Is(err, crypt.ErrRolledBack) {
		s.Close()
		v.Close()
		return nil, err
	}
	return &session{Store: s, vault: v}, nil
}

// vaultPassphrase finds the vault, then asks for its passphrase; the
// caller clears it.
func (e *env) vaultPassphrase() ([]byte, error) {
	if err := e.findVault(); err != nil {
		return nil, err
	}
	return e.passphrase()
}

func (e *env) openAsked(ctx context.Context) (*session, error) {
	p, err := e.vaultPassphrase()
	if err != nil {
		return nil, err
	}
	defer clear(p)
	s, err := e.openSecret(ctx, p)
	if err != nil {
		return nil, err
	}
	s.command = true
	return s, nil
}

// errNoIdentity is a vault folder that holds a vault.age but no
// identity.age: the vault is there, its key is not.
var errNoIdentity = errors.New("identity.age is missing")

// findVault returns ErrNoVault unless the vault folder holds a vault, and
// errNoIdentity when only identity.age is missing.
func (e *env) findVault() error {
	ok, err := crypt.Exists(e.vaultDir)
	if err != nil {
		return err
	}
	if ok {
		return nil
	}
	if _, err := os.Lstat(filepath.Join(e.vaultDir, "vault.age")); err == nil {
		return fmt.Errorf("%w in %s", errNoIdentity, e.vaultDir)
	}
	return fmt.Errorf("%w in %s", crypt.ErrNoVault, e.vaultDir)
}
