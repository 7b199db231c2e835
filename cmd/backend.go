package cmd

import (
	"context"
	"errors"

	"github.com/caseload/caseload/crypt"
	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui"
)

// backend lets the TUI create and unlock the vault without knowing crypt.
type backend struct{ e *env }

// VaultExists reports whether the vault directory holds a vault.
func (b backend) VaultExists() (bool, error) { return crypt.Exists(b.e.vaultDir) }

// Create makes a new vault and returns its recovery key.
func (b backend) Create(passphrase []byte) (string, tui.Store, error) {
	s, recovery, err := b.e.createSecret(context.Background(), passphrase)
	if err != nil {
		return "", nil, err
	}
	return recovery, s, nil
}

// Unlock opens the vault; a security key's plugin talks through keys. A
// vault older than this laptop last saved is kept open, refused, for
// AcceptOlder or ReadOlder.
func (b backend) Unlock(passphrase []byte, keys tui.KeyUI) (tui.Store, error) {
	b.dropOlder()
	e := *b.e
	e.keyUI = keys
	e.keepOlder = true
	s, err := e.openSecret(context.Background(), passphrase)
	b.e.older = e.older
	if err != nil {
		return nil, err
	}
	return s, nil
}

// dropOlder closes a refused older vault no choice was made for.
func (b backend) dropOlder() {
	if o := b.e.older; o != nil {
		b.e.older = nil
		o.Store.Close()
		o.vault.Close()
	}
}

// AcceptOlder takes the older vault Unlock refused as current.
func (b backend) AcceptOlder() (tui.Store, error) {
	o := b.e.older
	if o == nil {
		return nil, crypt.ErrRolledBack
	}
	b.e.older = nil
	if err := o.vault.AcceptGeneration(); err != nil {
		o.Close()
		return nil, err
	}
	if err := o.LogUnlock(context.Background()); err != nil {
		o.Close()
		return nil, err
	}
	return o, nil
}

// ReadOlder returns the older vault Unlock refused as it is: the vault
// refuses every write on it, and the screens say so at each change.
func (b backend) ReadOlder() (tui.Store, error) {
	o := b.e.older
	if o == nil {
		return nil, crypt.ErrRolledBack
	}
	b.e.older = nil
	return o, nil
}

// SuggestPassphrase offers six random words.
func (b backend) SuggestPassphrase() string { return suggestPassphrase() }

// VaultDir is where the vault lives.
func (b backend) VaultDir() string { return b.e.vaultDir }

// Classify tells the TUI which sentence to show for err.
func (b backend) Classify(err error) tui.Problem {
	var ve *store.ValidationError
	var fe *crypt.FileError
	switch {
	case err == nil:
		return tui.ProblemNone
	case errors.Is(err, crypt.ErrRolledBack):
		return tui.ProblemRolledBack
	case errors.Is(err, crypt.ErrWrongPassphrase):
		return tui.ProblemWrongPassphrase
	case errors.As(err, &fe) && fe.IsDocument():
		return tui.ProblemDocumentDamaged
	case errors.As(err, &fe) && fe.Name == crypt.FileIdentity &&
		(errors.Is(err, crypt.ErrDamaged) || errors.Is(err, crypt.ErrNotVault) || errors.Is(err, crypt.ErrNotRegular)):
		return tui.ProblemIdentityDamaged
	case errors.As(err, &fe) && fe.Name == crypt.FileVault && errors.Is(err, crypt.ErrNotRegular):
		return tui.ProblemDamaged
	case errors.Is(err, crypt.ErrKeyPluginMissing):
		return tui.ProblemKeyPluginMissing
	case errors.Is(err, crypt.ErrKeyAbsent):
		return tui.ProblemKeyAbsent
	case errors.Is(err, crypt.ErrWrongKey):
		return tui.ProblemWrongKey
	case errors.Is(err, crypt.ErrKeyTimeout):
		return tui.ProblemKeyTimeout
	case errors.Is(err, crypt.ErrKeyPluginFailed):
		return tui.ProblemKeyFailed
	case errors.Is(err, crypt.ErrNotVault), errors.Is(err, crypt.ErrNoVault):
		return tui.ProblemNotVault
	case errors.Is(err, crypt.ErrDamaged), errors.Is(err, store.ErrNoSchema), errors.Is(err, store.ErrIntegrity):
		return tui.ProblemDamaged
	case errors.Is(err, crypt.ErrInUse):
		return tui.ProblemInUse
	case errors.Is(err, crypt.ErrVaultChanged):
		return tui.ProblemChangedOnDisk
	case errors.Is(err, crypt.ErrDiskFull):
		return tui.ProblemDiskFull
	case errors.Is(err, store.ErrNotSaved):
		return tui.ProblemNotSaved
	case errors.As(err, &ve):
		return tui.ProblemInvalid
	case errors.Is(err, store.ErrNotFound):
		return tui.ProblemNotFound
	}
	return tui.ProblemOther
}

// backupKeepDays is how long crypt's rotation keeps one older version a
// day (it also keeps the last 20 whatever their age).
const backupKeepDays = 30

// Backups describes the older versions crypt keeps in backups/. A purge
// seals the vault right away, setting aside the version that still holds
// the client; rotation drops that one after backupKeepDays at the latest,
// once 20 newer versions exist.
func (s *session) Backups() (tui.BackupInfo, error) {
	list, err := s.vault.Backups()
	if err != nil {
		return tui.BackupInfo{}, err
	}
	info := tui.BackupInfo{Count: len(list)}
	if len(list) > 0 {
		info.Oldest = list[len(list)-1].Time
	}
	info.KeptUntil = s.Today().AddDate(0, 0, backupKeepDays)
	return info, nil
}

// DropBackups deletes every older version in backups/.
func (s *session) DropBackups() (int, error) { return s.vault.DropBackups() }

// SecurityKeys describes the security keys bound to the vault, one line
// each (plugin and the start of its recipient), for the settings screen.
func (s *session) SecurityKeys() []string {
	var out []string
	for _, k := range s.vault.SecurityKeys() {
		id := k.Recipient
		if id == "" {
			id = k.Identity
		}
		if len(id) > 32 {
			id = id[:32] + "…"
		}
		out = append(out, k.Plugin+"  "+id)
	}
	return out
}

// AddSecurityKey binds the security key the coach pasted (its age1…
// recipient, or what its plugin printed) after checking the passphrase
// and the keys bound so far; ui talks with the plugins meanwhile.
func (s *session) AddSecurityKey(passphrase []byte, key string, ui tui.KeyUI) error {
	k, err := crypt.ParseSecurityKey(key)
	if err != nil {
		return &store.ValidationError{Field: "security_key", Problem: err.Error()}
	}
	err = s.vault.AddSecurityKey(passphrase, k, ui)
	if errors.Is(err, crypt.ErrKeyBound) {
		return &store.ValidationError{Field: "security_key_bound", Problem: err.Error()}
	}
	return err
}
