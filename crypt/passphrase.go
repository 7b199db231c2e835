package crypt

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"unicode/utf8"

	"filippo.io/age"
	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/text/unicode/norm"
)

// Passphrase is what the vault's functions take as a passphrase: a string
// (scripts, tests) or a byte slice (the app, which zeroes it once the
// vault is open or locked: a Go string cannot be wiped).
type Passphrase interface{ string | []byte }

// b64 is age's header encoding: unpadded, strict.
var b64 = base64.RawStdEncoding.Strict()

// secret is a passphrase in a byte slice this package owns and wipes.
type secret []byte

// newSecret copies p into a secret in Unicode NFC: macOS sends typed
// accents decomposed (NFD), Linux and Windows composed, and a vault made
// on one laptop must open with the same passphrase typed on another.
func newSecret[P Passphrase](p P) secret {
	raw := rawSecret(p)
	if !utf8.Valid(raw) || norm.NFC.IsNormal(raw) {
		return raw
	}
	n := norm.NFC.Bytes(raw)
	clear(raw)
	return n
}

// rawSecret copies p as typed, without normalising it: vaults made before
// caseload normalised passphrases were sealed with exactly these bytes.
func rawSecret[P Passphrase](p P) secret {
	switch v := any(p).(type) {
	case string:
		return secret(v)
	case []byte:
		return append(secret(nil), v...)
	}
	panic("unreachable")
}

// wipe zeroes the secret.
func (s secret) wipe() { clear(s) }

// scryptLabel is age's: the passphrase stanza is exactly age's scrypt
// recipient, so `age -d` asks for the passphrase and opens identity.age.
const scryptLabel = "age-encryption.org/v1/scrypt"

// scryptRecipient is age's ScryptRecipient over a passphrase this package
// owns: age's copies the passphrase into a slice it keeps and never
// wipes, and the app wants no copy left after locking. The stanza is
// byte for byte age's (tested against age's own identity and the age
// CLI).
type scryptRecipient struct {
	pass       secret
	workFactor int
}

// Wrap seals the file key under scrypt(passphrase, random salt).
func (r *scryptRecipient) Wrap(fileKey []byte) ([]*age.Stanza, error) {
	salt := make([]byte, 16)
	rand.Read(salt)
	k, err := scryptKey(r.pass, append([]byte(scryptLabel), salt...), 1<<r.workFactor, 8, 1, chacha20poly1305.KeySize)
	if err != nil {
		return nil, fmt.Errorf("deriving the passphrase key: %w", err)
	}
	defer clear(k)
	aead, err := chacha20poly1305.New(k)
	if err != nil {
		return nil, err
	}
	body := aead.Seal(nil, make([]byte, chacha20poly1305.NonceSize), fileKey, nil)
	return []*age.Stanza{{
		Type: "scrypt",
		Args: []string{b64.EncodeToString(salt), strconv.Itoa(r.workFactor)},
		Body: body,
	}}, nil
}

// WrapWithLabels gives a random label, as age's does, so that no other
// recipient can be added beside a passphrase.
func (r *scryptRecipient) WrapWithLabels(fileKey []byte) ([]*age.Stanza, []string, error) {
	s, err := r.Wrap(fileKey)
	return s, []string{randomHex(16)}, err
}

// scryptIdentity is age's ScryptIdentity over a passphrase this package
// owns; see scryptRecipient.
type scryptIdentity struct {
	pass          secret
	maxWorkFactor int
}

var workFactorRe = regexp.MustCompile(`^[1-9][0-9]?$`)

// Unwrap opens the one scrypt stanza, as age's does: a passphrase must
// be a file's only recipient.
func (i *scryptIdentity) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	for _, s := range stanzas {
		if s.Type == "scrypt" && len(stanzas) != 1 {
			return nil, errors.New("an scrypt recipient must be the only one")
		}
	}
	if len(stanzas) != 1 || stanzas[0].Type != "scrypt" {
		return nil, fmt.Errorf("%w: file is not passphrase-encrypted", age.ErrIncorrectIdentity)
	}
	s := stanzas[0]
	if len(s.Args) != 2 || !workFactorRe.MatchString(s.Args[1]) {
		return nil, errors.New("invalid scrypt recipient block")
	}
	salt, err := b64.DecodeString(s.Args[0])
	if err != nil || len(salt) != 16 {
		return nil, errors.New("invalid scrypt recipient block")
	}
	logN, _ := strconv.Atoi(s.Args[1])
	if logN > i.maxWorkFactor {
		return nil, fmt.Errorf("scrypt work factor too large: %v", logN)
	}
	k, err := scryptKey(i.pass, append([]byte(scryptLabel), salt...), 1<<logN, 8, 1, chacha20poly1305.KeySize)
	if err != nil {
		return nil, fmt.Errorf("deriving the passphrase key: %w", err)
	}
	defer clear(k)
	aead, err := chacha20poly1305.New(k)
	if err != nil {
		return nil, err
	}
	if len(s.Body) != 16+aead.Overhead() {
		return nil, errors.New("invalid scrypt recipient block: incorrect file key size")
	}
	fileKey, err := aead.Open(nil, make([]byte, chacha20poly1305.NonceSize), s.Body, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: incorrect passphrase", age.ErrIncorrectIdentity)
	}
	return fileKey, nil
}
