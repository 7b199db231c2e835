package crypt

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"filippo.io/age"
)

const (
	// ageIntro starts every age file. Checking it first lets a stray
	// non-age file be told apart without handing its bytes to the parser.
	ageIntro = "age-encryption.org/v1\n"

	// maxWorkFactor caps the scrypt work accepted from identity.age at
	// about 15 s, so a planted identity.age cannot hang the unlock screen.
	maxWorkFactor = 22

	// defaultWorkFactor is about one second on a current laptop: the only
	// slow step of unlocking, on purpose.
	defaultWorkFactor = 18

	// identityMagic is the first line of identity.age's plaintext.
	identityMagic = "caseload identity v1"

	// tagType is the header stanza that names the vault a vault.age belongs
	// to (see vaultTag).
	tagType = "caseload-vault"
)

// keys is what identity.age holds: the vault's secret key, the recovery
// key's public half and the vault's tag. The recovery recipient lives only
// here, sealed: whoever holds a public key can forge a vault.age.
type keys struct {
	tag      string              // random, names the vault in vault.age headers
	identity *age.HybridIdentity // opens vault.age
	recovery *age.HybridRecipient
}

// recipients are who every vault.age is sealed to: the vault key, the
// recovery key (so a forgotten passphrase is not a lost caseload) and the
// tag.
func (k *keys) recipients() []age.Recipient {
	return []age.Recipient{k.identity.Recipient(), k.recovery, vaultTag(k.tag)}
}

// vaultTag is a header stanza carrying no key at all, only the vault's
// random tag, covered by the header MAC like every stanza. It is what lets
// Open tell a damaged vault.age of ours (ErrDamaged) from another vault's
// file (ErrNotVault): without it, a flipped byte in our key stanza and a
// foreign file both read as "no identity matched". age ignores stanza types
// it does not know, so `age -d` with the vault or recovery key still works.
type vaultTag string

// Wrap returns the tag stanza.
func (t vaultTag) Wrap([]byte) ([]*age.Stanza, error) {
	return []*age.Stanza{{Type: tagType, Args: []string{string(t)}}}, nil
}

// WrapWithLabels labels the tag "postquantum" so age lets it travel with
// hybrid recipients: it wraps no file key, so it cannot weaken them.
func (t vaultTag) WrapWithLabels(fileKey []byte) ([]*age.Stanza, []string, error) {
	s, err := t.Wrap(fileKey)
	return s, []string{"postquantum"}, err
}

// newTag returns a fresh random vault tag.
func newTag() string { return randomHex(16) }

// randomHex returns n random bytes in hex. crypto/rand.Read never fails.
func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// validTag reports whether s looks like a tag newTag made.
func validTag(s string) bool {
	if len(s) != 32 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil && strings.ToLower(s) == s
}

// marshal writes identity.age's plaintext.
func (k *keys) marshal() []byte {
	return fmt.Appendf(nil, "%s\ntag %s\nidentity %s\nrecovery %s\n",
		identityMagic, k.tag, k.identity.String(), k.recovery.String())
}

// parseKeys reads identity.age's plaintext. A file that decrypted with the
// passphrase but does not start with our magic line is somebody else's
// passphrase-encrypted file (ErrNotVault); one that starts right but is
// malformed after it is damaged.
func parseKeys(b []byte) (*keys, error) {
	lines := strings.Split(string(b), "\n")
	if len(lines) == 0 || lines[0] != identityMagic {
		return nil, fmt.Errorf("%w: identity.age holds something else", ErrNotVault)
	}
	if len(lines) != 5 || lines[4] != "" {
		return nil, fmt.Errorf("%w: identity.age is malformed", ErrDamaged)
	}
	field := func(line, name string) (string, bool) {
		return strings.CutPrefix(line, name+" ")
	}
	tag, ok1 := field(lines[1], "tag")
	id, ok2 := field(lines[2], "identity")
	rec, ok3 := field(lines[3], "recovery")
	if !ok1 || !ok2 || !ok3 || !validTag(tag) {
		return nil, fmt.Errorf("%w: identity.age is malformed", ErrDamaged)
	}
	// The parse errors below are not wrapped: they might quote the key.
	identity, err := age.ParseHybridIdentity(id)
	if err != nil {
		return nil, fmt.Errorf("%w: identity.age holds a malformed vault key", ErrDamaged)
	}
	recovery, err := age.ParseHybridRecipient(rec)
	if err != nil {
		return nil, fmt.Errorf("%w: identity.age holds a malformed recovery recipient", ErrDamaged)
	}
	return &keys{tag: tag, identity: identity, recovery: recovery}, nil
}

// writeIdentity seals k with the passphrase and replaces identity.age
// atomically: the old file stays whole until the new one is durable.
func writeIdentity(fs fsys, dir, passphrase string, workFactor int, k *keys) error {
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return err
	}
	r.SetWorkFactor(workFactor)
	plain := k.marshal()
	defer clear(plain)
	return writeAtomic(fs, dir, identityFile, identityTemp, func(w io.Writer) error {
		return encrypt(w, plain, r)
	})
}

// readIdentity unwraps identity.age with the passphrase.
func readIdentity(fs fsys, dir, passphrase string) (*keys, error) {
	data, _, err := readFile(fs, filepath.Join(dir, identityFile))
	if err != nil {
		return nil, fmt.Errorf("reading identity.age: %w", err)
	}
	if !bytes.HasPrefix(data, []byte(ageIntro)) {
		return nil, fmt.Errorf("%w: identity.age is not an age file", ErrNotVault)
	}
	id, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return nil, ErrWrongPassphrase // only an empty passphrase gets here
	}
	id.SetMaxWorkFactor(maxWorkFactor)
	p := &probe{Identity: id}
	plain, err := decryptAll(data, p)
	if err != nil {
		switch {
		case p.called && (len(p.types) != 1 || p.types[0] != "scrypt"):
			// Not sealed with a passphrase alone: not an identity file of ours.
			return nil, fmt.Errorf("%w: identity.age is not passphrase-sealed", ErrNotVault)
		case noMatch(err):
			return nil, ErrWrongPassphrase
		default:
			return nil, fmt.Errorf("reading identity.age: %w", damaged(err, p))
		}
	}
	defer clear(plain)
	k, err := parseKeys(plain)
	if err != nil {
		return nil, fmt.Errorf("reading identity.age: %w", err)
	}
	return k, nil
}

// encrypt seals data to the recipients, streaming into w: age encrypts one
// 64 KiB chunk at a time, so no second image-sized buffer is made.
func encrypt(w io.Writer, data []byte, recipients ...age.Recipient) error {
	ew, err := age.Encrypt(w, recipients...)
	if err != nil {
		return err
	}
	if _, err := ew.Write(data); err != nil {
		return err
	}
	return ew.Close()
}

// decryptAll decrypts a whole age file held in memory into one buffer of
// exactly the plaintext size. It returns nothing unless every chunk
// authenticated: age's streaming reader would hand out the good chunks
// before reaching a damaged one, and a half-read database is worse than
// none. DecryptReaderAt also checks the final chunk first, which catches
// truncation at a chunk boundary.
func decryptAll(data []byte, id age.Identity) ([]byte, error) {
	ra, size, err := age.DecryptReaderAt(bytes.NewReader(data), int64(len(data)), id)
	if err != nil {
		return nil, err
	}
	out := make([]byte, size)
	n, err := ra.ReadAt(out, 0)
	if err == io.EOF && int64(n) == size {
		err = nil
	}
	if err != nil {
		clear(out)
		return nil, err
	}
	return out, nil
}
