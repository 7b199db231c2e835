package crypt

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

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

	// identityMagic is the first line of identity.age's plaintext in
	// version 1, which age could not read as an identity file.
	identityMagic = "caseload identity v1"

	// tagType is the header stanza that names the vault a vault.age belongs
	// to (see vaultTag).
	tagType = "caseload-vault"
)

// keys is what identity.age holds: the vault's secret key, the recovery
// key's public half, the vault's tag, and the security keys the vault key
// is sealed to besides the passphrase. The recovery recipient lives only
// here, sealed: whoever holds a public key can forge a vault.age.
type keys struct {
	tag      string              // random, names the vault in vault.age headers
	identity *age.HybridIdentity // opens vault.age; key.id
	key      *vaultKey           // the identity's seed, wiped on Close
	recovery *age.HybridRecipient
	factors  []SecurityKey // empty: the passphrase alone opens identity.age
	legacy   bool          // read from a v1 file or with the passphrase not in NFC: rewrite
	// ahead are the vault key's and the recovery key's recipients for
	// journal entries, encapsulating ahead (ahead.go); built at the first
	// entry.
	ahead []*hybridAhead
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

// identityHeader starts identity.age's plaintext since version 2. The
// plaintext is a standard age identity file: caseload's own lines are
// comments, so `age -d -i` takes it as it is (see docs/recovery.md).
const identityHeader = "# caseload identity v2"

// marshal writes identity.age's plaintext, an age identity file. The
// caller wipes it.
func (k *keys) marshal() []byte {
	b := make([]byte, 0, 1024+len(k.recovery.String()))
	b = append(b, identityHeader+"\n"+
		"# The vault key of a caseload vault. With it, age opens vault.age:\n"+
		"#   age -d -i THIS-FILE vault.age > caseload.sqlite\n"+
		"# Keep it as secret as the caseload itself.\n"...)
	b = append(b, "# tag: "+k.tag+"\n"...)
	b = append(b, "# recovery: "+k.recovery.String()+"\n"...)
	if k.key != nil {
		b = k.key.appendText(b)
	} else {
		b = append(b, k.identity.String()...) // a key made elsewhere: age's text, which cannot be wiped
	}
	if cap(b) < 1024 {
		panic("identity plaintext outgrew its buffer") // a grown copy could not be wiped
	}
	return append(b, '\n')
}

// parseKeys reads identity.age's plaintext, an age identity file with
// caseload's comment lines (version 2) or the line format of version 1.
// A file that decrypted with the passphrase but is neither is somebody
// else's passphrase-encrypted file (ErrNotVault); one that starts right
// but is malformed after it is damaged.
func parseKeys(b []byte) (*keys, error) {
	switch {
	case bytes.HasPrefix(b, []byte(identityHeader+"\n")):
		return parseKeysV2(b)
	case bytes.HasPrefix(b, []byte(identityMagic+"\n")):
		k, err := parseKeysV1(b)
		if k != nil {
			k.legacy = true
		}
		return k, err
	}
	return nil, fmt.Errorf("%w: identity.age holds something else", ErrNotVault)
}

// parseKeysV2 reads the age identity file of version 2: comment lines
// "# tag: …" and "# recovery: …", and one secret key line. Other comments
// are ignored, as age ignores them.
func parseKeysV2(b []byte) (*keys, error) {
	malformed := fmt.Errorf("%w: identity.age is malformed", ErrDamaged)
	var tag, rec string
	var id []byte
	for line := range bytes.SplitSeq(b, []byte("\n")) {
		switch {
		case len(line) == 0:
		case line[0] == '#':
			if v, ok := bytes.CutPrefix(line, []byte("# tag: ")); ok {
				tag = string(v)
			} else if v, ok := bytes.CutPrefix(line, []byte("# recovery: ")); ok {
				rec = string(v)
			}
		case id != nil:
			return nil, malformed
		default:
			id = line
		}
	}
	if id == nil || rec == "" || !validTag(tag) {
		return nil, malformed
	}
	// The parse errors below are not wrapped: they might quote the key.
	key, err := parseVaultKey(id)
	if err != nil {
		return nil, fmt.Errorf("%w: identity.age holds a malformed vault key", ErrDamaged)
	}
	recovery, err := age.ParseHybridRecipient(rec)
	if err != nil {
		key.wipe()
		return nil, fmt.Errorf("%w: identity.age holds a malformed recovery recipient", ErrDamaged)
	}
	return &keys{tag: tag, identity: key.id, key: key, recovery: recovery}, nil
}

// parseKeysV1 reads the plaintext of version 1 (before caseload 0.x wrote
// an age identity file): four lines, magic, tag, identity, recovery.
func parseKeysV1(b []byte) (*keys, error) {
	lines := bytes.Split(b, []byte("\n"))
	if len(lines) != 5 || len(lines[4]) != 0 {
		return nil, fmt.Errorf("%w: identity.age is malformed", ErrDamaged)
	}
	tag, ok1 := bytes.CutPrefix(lines[1], []byte("tag "))
	id, ok2 := bytes.CutPrefix(lines[2], []byte("identity "))
	rec, ok3 := bytes.CutPrefix(lines[3], []byte("recovery "))
	if !ok1 || !ok2 || !ok3 || !validTag(string(tag)) {
		return nil, fmt.Errorf("%w: identity.age is malformed", ErrDamaged)
	}
	key, err := parseVaultKey(id)
	if err != nil {
		return nil, fmt.Errorf("%w: identity.age holds a malformed vault key", ErrDamaged)
	}
	recovery, err := age.ParseHybridRecipient(string(rec))
	if err != nil {
		key.wipe()
		return nil, fmt.Errorf("%w: identity.age holds a malformed recovery recipient", ErrDamaged)
	}
	return &keys{tag: string(tag), identity: key.id, key: key, recovery: recovery}, nil
}

// writeIdentity seals k and replaces identity.age atomically: the old
// file stays whole until the new one is durable. Without security keys
// the plaintext is sealed with the passphrase; with them, it is sealed to
// the keys first and that sealed with the passphrase, so that neither
// alone opens it.
func writeIdentity(fs fsys, dir string, pass secret, workFactor int, k *keys, ui KeyPrompter) error {
	w, err := prepareIdentity(fs, dir, pass, workFactor, k, ui)
	if err != nil {
		return err
	}
	return placeIdentity(fs, dir, w)
}

// prepareIdentity is writeIdentity up to the rename: identity.age's next
// content, sealed (scrypt: the slow part) and synced in a temp file.
// Recover prepares it before vault.age moves to the new key, so that a
// crash leaves only the recovery key opening the vault for the time of a
// rename, not of a scrypt.
func prepareIdentity(fs fsys, dir string, pass secret, workFactor int, k *keys, ui KeyPrompter) (*written, error) {
	plain := k.marshal()
	defer clear(plain)
	if len(k.factors) > 0 {
		inner, err := sealToKeys(plain, k.factors, ui)
		if err != nil {
			return nil, err
		}
		plain = inner // not secret: sealed to the keys
	}
	r := &scryptRecipient{pass: pass, workFactor: workFactor}
	return writeTemp(fs, dir, identityTemp, 64<<10, func(w io.Writer) error {
		return sealSmall(w, plain, r)
	})
}

// placeIdentity renames what prepareIdentity wrote over identity.age, as
// writeAtomic does.
func placeIdentity(fs fsys, dir string, w *written) error {
	if err := fs.Rename(w.name, filepath.Join(dir, identityFile)); err != nil {
		fs.Remove(w.name)
		return fmt.Errorf("replacing %s: %w", identityFile, err)
	}
	if err := fs.SyncDir(dir); err != nil {
		return fmt.Errorf("syncing folder %s: %w", dir, err)
	}
	return nil
}

// unlockOptions is how readIdentity talks to security keys.
type unlockOptions struct {
	ui      KeyPrompter
	timeout time.Duration
}

// readIdentity unwraps identity.age with the passphrase, and with the
// vault's security key when it has one. A passphrase typed before
// caseload normalised passphrases (not in NFC) is tried as typed too, so
// vaults made then keep opening; k.legacy then asks for a rewrite.
func readIdentity(fs fsys, dir string, pass secret, raw secret, uo unlockOptions) (*keys, error) {
	data, _, err := readFile(fs, filepath.Join(dir, identityFile))
	if err != nil {
		return nil, fmt.Errorf("reading identity.age: %w", err)
	}
	if !bytes.HasPrefix(data, []byte(ageIntro)) {
		return nil, fmt.Errorf("%w: identity.age is not an age file", ErrNotVault)
	}
	plain, err := openIdentity(data, pass)
	legacy := false
	if errors.Is(err, ErrWrongPassphrase) && !bytes.Equal(pass, raw) {
		plain, err = openIdentity(data, raw)
		legacy = true
	}
	if err != nil {
		return nil, err
	}
	defer clear(plain)
	var factors []SecurityKey
	if bytes.HasPrefix(plain, []byte(ageIntro)) {
		// Sealed to security keys inside the passphrase.
		factors, err = keysOf(plain)
		if err != nil {
			return nil, fmt.Errorf("reading identity.age: %w", err)
		}
		inner, err := openWithKeys(plain, factors, uo)
		if err != nil {
			return nil, fmt.Errorf("reading identity.age: %w", err)
		}
		clear(plain)
		plain = inner
	}
	k, err := parseKeys(plain)
	if err != nil {
		return nil, fmt.Errorf("reading identity.age: %w", err)
	}
	k.factors = factors
	k.legacy = k.legacy || legacy
	return k, nil
}

// openIdentity takes the passphrase layer off identity.age.
func openIdentity(data []byte, pass secret) ([]byte, error) {
	if len(pass) == 0 {
		return nil, ErrWrongPassphrase
	}
	p := &probe{Identity: &scryptIdentity{pass: pass, maxWorkFactor: maxWorkFactor}}
	plain, err := openSmall(data, p)
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
	return plain, nil
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
func decryptAll(data []byte, ids ...age.Identity) ([]byte, error) {
	ra, size, err := age.DecryptReaderAt(bytes.NewReader(data), int64(len(data)), ids...)
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
