package crypt

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"filippo.io/age"
)

// ErrMalformedKey means a recovery key was mistyped: it is not an age
// secret key at all (a missing or swapped character). It comes wrapped
// together with ErrWrongRecoveryKey.
var ErrMalformedKey = errors.New("malformed key")

// parseRecoveryKey reads a recovery key as the coach typed or pasted it.
func parseRecoveryKey(s string) (*age.HybridIdentity, error) {
	id, err := age.ParseHybridIdentity(strings.ToUpper(strings.TrimSpace(s)))
	if err != nil {
		// age's message is not wrapped: it could quote the key.
		return nil, fmt.Errorf("%w: %w", ErrWrongRecoveryKey, ErrMalformedKey)
	}
	return id, nil
}

// CheckRecoveryKey tells, before anything else is asked, whether key is
// the recovery key of the vault in dir: malformed (ErrMalformedKey), not
// this vault's (ErrWrongRecoveryKey), or right. It reads only vault.age's
// header and writes nothing. ErrNoVault: there is no vault.age.
func CheckRecoveryKey(dir, key string) error {
	id, err := parseRecoveryKey(key)
	if err != nil {
		return fmt.Errorf("checking recovery key: %w", err)
	}
	f, err := os.Open(filepath.Join(dir, vaultFile))
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("checking recovery key: %w: nothing was ever sealed", ErrNoVault)
	}
	if err != nil {
		return fmt.Errorf("checking recovery key: %w", err)
	}
	defer f.Close()
	// The header only: a caseload of gigabytes is not read for this.
	hdr, err := age.ExtractHeader(bufio.NewReader(io.LimitReader(f, 1<<20)))
	if err != nil {
		return fmt.Errorf("checking recovery key: %w: vault.age has a malformed header", ErrDamaged)
	}
	if _, err := age.DecryptHeader(hdr, id); err != nil {
		if noMatch(err) {
			return fmt.Errorf("checking recovery key: %w", ErrWrongRecoveryKey)
		}
		return fmt.Errorf("checking recovery key: %w: %v", ErrDamaged, err)
	}
	return nil
}

// SecurityKeys lists the security keys bound to the vault; none means the
// passphrase alone opens it.
func (v *Vault) SecurityKeys() []SecurityKey {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.keys == nil {
		return nil
	}
	return append([]SecurityKey(nil), v.keys.factors...)
}

// Rekey seals the vault key under passphrase and to exactly the given
// security keys (none: the passphrase alone), rewriting only identity.age,
// atomically. Binding a key runs its plugin, which may ask the coach to
// touch it (through Options.Keys). Errors: a *KeyError when a plugin
// fails; the old identity.age then stays as it was.
func (v *Vault) Rekey(passphrase []byte, keys []SecurityKey) error {
	if len(passphrase) == 0 {
		return errors.New("sealing the vault key: the passphrase is empty")
	}
	pass := newSecret(passphrase)
	defer pass.wipe()
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.writable(); err != nil {
		return fmt.Errorf("sealing the vault key: %w", err)
	}
	k := *v.keys
	k.factors = append([]SecurityKey(nil), keys...)
	if err := writeIdentity(v.fs, v.dir, pass, v.workFactor, &k, v.keyUI.ui); err != nil {
		return fmt.Errorf("sealing the vault key: %w", err)
	}
	v.keys.factors = k.factors
	return nil
}

// DecryptWithPassphrase opens a small passphrase-sealed age file, such as
// identity.age, as `age -d` would (for tests and tools; the app opens the
// vault with Open).
func DecryptWithPassphrase(data []byte, passphrase string) ([]byte, error) {
	return decryptAll(data, &scryptIdentity{pass: []byte(passphrase), maxWorkFactor: maxWorkFactor})
}

// ErrKeyBound means the security key is already bound to the vault.
var ErrKeyBound = errors.New("that security key is already bound")

// AddSecurityKey binds one more security key (a first one, or a spare),
// after checking passphrase and the keys bound so far by opening
// identity.age with them, as an unlock does: a coach at an unlocked
// screen proves again that they hold both. ui talks with the plugins
// (the screen asking now, not the one that unlocked). Errors:
// ErrWrongPassphrase, a *KeyError, ErrKeyBound; identity.age is then
// unchanged.
func (v *Vault) AddSecurityKey(passphrase []byte, k SecurityKey, ui KeyPrompter) error {
	if len(passphrase) == 0 {
		return fmt.Errorf("binding a security key: %w", ErrWrongPassphrase)
	}
	pass, raw := newSecret(passphrase), rawSecret(passphrase)
	defer pass.wipe()
	defer raw.wipe()
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.keys == nil {
		return fmt.Errorf("binding a security key: %w", errClosed)
	}
	for _, h := range v.keys.factors {
		if h == k {
			return fmt.Errorf("binding a security key: %w", ErrKeyBound)
		}
	}
	check, err := readIdentity(v.fs, v.dir, pass, raw, unlockOptions{ui: ui, timeout: v.keyUI.timeout})
	if err != nil {
		return fmt.Errorf("binding a security key: %w", err)
	}
	check.key.wipe()
	if check.tag != v.keys.tag {
		return fmt.Errorf("binding a security key: %w: identity.age belongs to another vault", ErrNotVault)
	}
	nk := *v.keys
	nk.factors = append(append([]SecurityKey(nil), v.keys.factors...), k)
	if err := writeIdentity(v.fs, v.dir, pass, v.workFactor, &nk, ui); err != nil {
		return fmt.Errorf("binding a security key: %w", err)
	}
	v.keys.factors = nk.factors
	return nil
}
