package crypt

import (
	"errors"
	"fmt"

	"filippo.io/age"
)

// The errors callers branch on. Each is distinct so the user can be told
// what happened and what to do next; the methods that return them say so.
// None of them ever carries image bytes or key material.
var (
	// ErrWrongPassphrase means the passphrase does not unwrap identity.age.
	// A damaged scrypt stanza in identity.age is indistinguishable from a
	// wrong passphrase (age's passphrase AEAD is not key-committing), so it
	// also reports this.
	ErrWrongPassphrase = errors.New("wrong passphrase")

	// ErrWrongRecoveryKey means the recovery key is malformed or does not
	// open vault.age.
	ErrWrongRecoveryKey = errors.New("wrong recovery key")

	// ErrNotVault means a file is not one of ours: identity.age is not a
	// passphrase-sealed caseload identity, or vault.age belongs to another
	// vault (a swapped or copied-in file).
	ErrNotVault = errors.New("not a caseload vault")

	// ErrNoVault means there is no vault in the folder yet (no identity.age),
	// or nothing has been sealed that could be read.
	ErrNoVault = errors.New("no vault here")

	// ErrVaultExists means Create found a vault already in the folder.
	ErrVaultExists = errors.New("a vault already exists here")

	// ErrDamaged means a file of ours failed authentication or is truncated:
	// a flipped byte, a cut-off copy, trailing junk. Nothing of it is used.
	ErrDamaged = errors.New("damaged or tampered with")

	// ErrInUse means another process (or another Open in this one) holds
	// the vault's lock.
	ErrInUse = errors.New("vault in use by another process")

	// ErrVaultChanged means vault.age is no longer the file this Vault
	// loaded or last sealed — typically a sync tool replaced it. Seal then
	// keeps the new image in a vault.conflict-*.age file instead.
	ErrVaultChanged = errors.New("vault changed on disk since it was opened")

	// ErrDiskFull means a write ran out of space (or hit a quota or file
	// size limit). Nothing was replaced.
	ErrDiskFull = errors.New("disk full")
)

// errClosed is returned by methods called after Close; it is a programming
// error, not something a user can act on, so it is not exported.
var errClosed = errors.New("vault is closed")

// diskErr marks err as ErrDiskFull when it is one, keeping the original for
// the details (which file, which errno).
func diskErr(err error) error {
	if err != nil && isDiskFull(err) && !errors.Is(err, ErrDiskFull) {
		return fmt.Errorf("%w: %w", ErrDiskFull, err)
	}
	return err
}

// probe wraps an identity to see the header stanzas age hands it. That is
// the only way to tell apart, after a failure, a file that is ours but
// damaged from one sealed for someone else: age reports both as "no
// identity matched". It changes nothing about how the identity unwraps.
type probe struct {
	age.Identity
	called bool     // the header parsed far enough to reach the identity
	types  []string // stanza types, in order
	tag    string   // the vault tag, if the header carries one
}

// Unwrap records the stanzas and defers to the wrapped identity.
func (p *probe) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	p.called = true
	for _, s := range stanzas {
		p.types = append(p.types, s.Type)
		if s.Type == tagType && len(s.Args) == 1 {
			p.tag = s.Args[0]
		}
	}
	return p.Identity.Unwrap(stanzas)
}

// noMatch reports whether err is age's "no identity matched".
func noMatch(err error) bool {
	var nm *age.NoIdentityMatchError
	return errors.As(err, &nm)
}

// damaged turns a decryption failure into ErrDamaged. age's own message is
// kept only once the header has parsed: before that it may quote the
// file's first line, which for a stray plaintext file could be client data.
func damaged(err error, p *probe) error {
	if !p.called {
		return fmt.Errorf("%w: malformed header", ErrDamaged)
	}
	return fmt.Errorf("%w: %v", ErrDamaged, err)
}
