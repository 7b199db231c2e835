package crypt

import (
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"

	"filippo.io/age"
	"golang.org/x/crypto/chacha20poly1305"
)

// The journal key: a shortcut to an entry's file key for whoever holds
// the vault key. Every journal entry is an ordinary age file, sealed to
// the vault key and the recovery key (hybrid ML-KEM-768 + X25519 stanzas)
// with a fresh file key, as age requires. Opening one through its hybrid
// stanza costs an ML-KEM decapsulation and an X25519 exchange, and an
// unlock with 500 entries waiting paid that 500 times: most of what the
// entries added to the unlock. So each entry also carries a third stanza,
//
//	-> caseload-journal <salt, 16 random bytes in base64>
//	<ChaCha20-Poly1305(wrap key, nonce 0, file key)>
//
// where
//
//	journal key = HKDF-SHA-256(ikm = vault key seed, salt = "", info = journalKeyInfo)
//	wrap key    = HKDF-SHA-256(ikm = journal key, salt = salt, info = journalStanza)
//
// — age's own scrypt stanza with a key derived from the vault key instead
// of a passphrase. Opening it is two HMACs and one AEAD, microseconds.
// docs/design.md ("The journal key") gives the reasoning in full; in
// short: only the holder of the vault key's seed can derive the journal
// key, and that holder opens every entry through its hybrid stanza
// anyway, so the stanza gives no one anything new; the key is symmetric
// (256 bits), so it is as safe against a quantum computer as the hybrid
// stanza, and labels itself "postquantum" truthfully; each entry still
// has its own file key and nonce, as the age format demands. age ignores
// stanza types it does not know, so `age -d -i` with the vault key or
// the recovery key opens an entry as before, and an entry written before
// this stanza existed opens through its hybrid stanza.

const (
	// journalStanza is the stanza's type, and the wrap key's HKDF info.
	journalStanza = "caseload-journal"
	// journalKeyInfo separates the journal key from every other use of
	// the vault key's seed (hpke derives the ML-KEM and X25519 keys from
	// it with SHAKE-256 and labels of its own).
	journalKeyInfo = "caseload.journal-key.v1"
	journalSalt    = 16
)

// journalKey is the symmetric key of the journal stanza; nil when the
// vault key's seed is not held (a key parsed by age itself).
type journalKey []byte

// newJournalKey derives the journal key from the vault key's seed.
func newJournalKey(seed []byte) (journalKey, error) {
	k, err := hkdf.Key(sha256.New, seed, nil, journalKeyInfo, chacha20poly1305.KeySize)
	if err != nil {
		return nil, fmt.Errorf("deriving the journal key: %w", err)
	}
	return k, nil
}

// wrapKey derives the key that wraps one stanza's file key.
func (k journalKey) wrapKey(salt []byte) ([]byte, error) {
	return hkdf.Key(sha256.New, k, salt, journalStanza, chacha20poly1305.KeySize)
}

// Wrap wraps fileKey in a journal stanza with a fresh salt.
func (k journalKey) Wrap(fileKey []byte) ([]*age.Stanza, error) {
	salt := make([]byte, journalSalt)
	rand.Read(salt)
	wk, err := k.wrapKey(salt)
	if err != nil {
		return nil, err
	}
	defer clear(wk)
	aead, err := chacha20poly1305.New(wk)
	if err != nil {
		return nil, err
	}
	body := aead.Seal(nil, make([]byte, chacha20poly1305.NonceSize), fileKey, nil)
	return []*age.Stanza{{Type: journalStanza, Args: []string{base64.RawStdEncoding.EncodeToString(salt)}, Body: body}}, nil
}

// WrapWithLabels labels the stanza "postquantum", so age lets it travel
// with the hybrid stanzas: a 256-bit symmetric key derived from the
// hybrid key's own seed is no weaker than they are.
func (k journalKey) WrapWithLabels(fileKey []byte) ([]*age.Stanza, []string, error) {
	s, err := k.Wrap(fileKey)
	return s, []string{"postquantum"}, err
}

// errJournalStanza is why the journal key did not open a header: the
// caller's next identity (the vault key's hybrid stanza) is tried then.
var errJournalStanza = fmt.Errorf("%w: no journal stanza of this vault", age.ErrIncorrectIdentity)

// Unwrap opens the journal stanza, if the header has one this key made.
// A missing, malformed or foreign stanza is ErrIncorrectIdentity, never
// an error of its own: the hybrid stanza is then tried, and age checks
// the header's MAC whichever stanza gave the file key, so a tampered
// journal stanza cannot make a tampered entry open.
func (k journalKey) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	if len(k) == 0 {
		return nil, errJournalStanza
	}
	for _, s := range stanzas {
		if s.Type != journalStanza || len(s.Args) != 1 || len(s.Body) != 16+chacha20poly1305.Overhead {
			continue
		}
		salt, err := base64.RawStdEncoding.Strict().DecodeString(s.Args[0])
		if err != nil || len(salt) != journalSalt {
			continue
		}
		wk, err := k.wrapKey(salt)
		if err != nil {
			continue
		}
		aead, err := chacha20poly1305.New(wk)
		clear(wk)
		if err != nil {
			continue
		}
		fileKey, err := aead.Open(nil, make([]byte, chacha20poly1305.NonceSize), s.Body, nil)
		if err == nil {
			return fileKey, nil
		}
	}
	return nil, errJournalStanza
}

// entryIdentities are what opens a journal entry: the journal key first
// (fast), then the vault key's hybrid stanza (entries written before the
// journal key, or whose journal stanza does not open). One identity, not
// two: age tries its own identity types before any other, whatever the
// order they are passed in, and would decapsulate every entry first.
func (k *keys) entryIdentities() []age.Identity {
	if k.key != nil && len(k.key.journal) > 0 {
		return []age.Identity{journalFirst{k.key.journal, k.identity}}
	}
	return []age.Identity{k.identity}
}

// journalFirst tries the journal key, then the hybrid identity.
type journalFirst struct {
	journal journalKey
	hybrid  age.Identity
}

// Unwrap implements age.Identity.
func (j journalFirst) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	if fileKey, err := j.journal.Unwrap(stanzas); err == nil {
		return fileKey, nil
	}
	return j.hybrid.Unwrap(stanzas)
}

// entryRecipients are who a journal entry is sealed to: the vault's
// recipients (the hybrid ones encapsulating ahead, see ahead.go) and,
// when the vault key's seed is held, the journal key.
func (k *keys) entryRecipients() []age.Recipient {
	r := k.recipients()
	if k.ahead == nil {
		for _, h := range []*age.HybridRecipient{r[0].(*age.HybridRecipient), k.recovery} {
			a, err := newHybridAhead(h)
			if err != nil {
				k.ahead = nil
				break
			}
			k.ahead = append(k.ahead, a)
		}
	}
	if len(k.ahead) == 2 {
		r[0], r[1] = k.ahead[0], k.ahead[1]
	}
	if k.key != nil && len(k.key.journal) > 0 {
		r = append(r, k.key.journal)
	}
	return r
}

// drawAhead draws the encapsulations for the next journal entry in the
// background.
func (k *keys) drawAhead() {
	for _, a := range k.ahead {
		a.drawAhead()
	}
}

// closeAhead drops what was drawn ahead.
func (k *keys) closeAhead() {
	for _, a := range k.ahead {
		a.close()
	}
}
