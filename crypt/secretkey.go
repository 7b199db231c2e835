package crypt

import (
	"bytes"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"reflect"
	"unsafe"

	"filippo.io/age"
	"filippo.io/hpke"
	"golang.org/x/crypto/chacha20poly1305"
)

// Keeping the vault key where it can be wiped. age's HybridIdentity is
// built from a string (its bech32 text), and age's decoder lowercases a
// copy of that string and decodes the seed into a slice of its own; its
// String method builds two more copies; its stream reader and writer keep
// the plaintext of a file in buffers of their own. None of them can be
// wiped, and a locked laptop should not hold the key in memory for
// whoever dumps it. So caseload holds the key's 32-byte seed itself, builds
// the identity from it through hpke (which keeps a clone), writes
// and reads the key's text in buffers of its own, and encrypts and
// decrypts identity.age's payload itself (age's STREAM, tested against
// age both ways). Close wipes the seed and hpke's clone of it.

// secretKeyHRP is the bech32 prefix of a hybrid secret key.
const secretKeyHRP = "AGE-SECRET-KEY-PQ-"

// vaultKey is a hybrid identity together with the seed it was built from.
type vaultKey struct {
	seed    []byte // 32 bytes
	hk      hpke.PrivateKey
	id      *age.HybridIdentity
	journal journalKey // derived from seed (journalkey.go)
}

// newVaultKey draws a new hybrid key.
func newVaultKey() (*vaultKey, error) {
	seed := make([]byte, 32)
	rand.Read(seed)
	return vaultKeyFromSeed(seed)
}

// vaultKeyFromSeed builds the identity over seed, which it keeps.
func vaultKeyFromSeed(seed []byte) (*vaultKey, error) {
	k, err := hpke.MLKEM768X25519().NewPrivateKey(seed)
	if err != nil {
		return nil, err
	}
	id := new(age.HybridIdentity)
	// age.HybridIdentity has one field, k hpke.PrivateKey, and no
	// constructor from a key; set it directly. TestVaultKeyMatchesAge
	// fails if age ever changes that shape.
	f := reflect.ValueOf(id).Elem()
	if f.NumField() != 1 || f.Field(0).Type() != reflect.TypeFor[hpke.PrivateKey]() {
		clear(seed)
		return nil, errors.New("this version of age keeps its hybrid identity differently")
	}
	fk := f.Field(0)
	reflect.NewAt(fk.Type(), unsafe.Pointer(fk.UnsafeAddr())).Elem().Set(reflect.ValueOf(k))
	jk, err := newJournalKey(seed)
	if err != nil {
		clear(seed)
		return nil, err
	}
	return &vaultKey{seed: seed, hk: k, id: id, journal: jk}, nil
}

// wipe zeroes the seed and hpke's copy of it.
func (k *vaultKey) wipe() {
	if k == nil {
		return
	}
	clear(k.seed)
	clear(k.journal)
	// hpke keeps a clone of the seed in an unexported field; the derived
	// ML-KEM and X25519 keys are left to the garbage collector.
	v := reflect.ValueOf(k.hk)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return
	}
	f := v.Elem().FieldByName("seed")
	if f.IsValid() && f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.Uint8 && f.Len() > 0 {
		clear(unsafe.Slice((*byte)(unsafe.Pointer(f.Pointer())), f.Len()))
	}
}

// appendText appends the key's bech32 text (AGE-SECRET-KEY-PQ-1…) to b.
func (k *vaultKey) appendText(b []byte) []byte { return bech32Append(b, secretKeyHRP, k.seed) }

// parseVaultKey reads a secret key's text without copying it anywhere it
// cannot wipe; the returned key owns its seed.
func parseVaultKey(text []byte) (*vaultKey, error) {
	seed, err := bech32Decode(text, secretKeyHRP)
	if err != nil {
		return nil, err
	}
	if len(seed) != 32 {
		clear(seed)
		return nil, errors.New("malformed secret key: wrong length")
	}
	return vaultKeyFromSeed(seed)
}

const bech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

var bech32Gen = [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}

func bech32Polymod(chk uint32, v byte) uint32 {
	top := chk >> 25
	chk = (chk&0x1ffffff)<<5 ^ uint32(v)
	for i := range 5 {
		if top>>i&1 == 1 {
			chk ^= bech32Gen[i]
		}
	}
	return chk
}

func bech32HRPSum(hrp string) uint32 {
	chk := uint32(1)
	for i := 0; i < len(hrp); i++ {
		chk = bech32Polymod(chk, lower(hrp[i])>>5)
	}
	chk = bech32Polymod(chk, 0)
	for i := 0; i < len(hrp); i++ {
		chk = bech32Polymod(chk, lower(hrp[i])&31)
	}
	return chk
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func upper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}

// bech32Append appends hrp (upper case) + "1" + data + checksum in upper
// case, as age writes secret keys, with no intermediate copies.
func bech32Append(b []byte, hrp string, data []byte) []byte {
	b = append(b, hrp...)
	b = append(b, '1')
	chk := bech32HRPSum(hrp)
	var acc uint32
	var bits uint
	emit := func(v byte) {
		chk = bech32Polymod(chk, v)
		b = append(b, upper(bech32Charset[v]))
	}
	for _, x := range data {
		acc = acc<<8 | uint32(x)
		bits += 8
		for bits >= 5 {
			bits -= 5
			emit(byte(acc>>bits) & 31)
		}
	}
	if bits > 0 {
		emit(byte(acc<<(5-bits)) & 31)
	}
	acc = 0
	for range 6 {
		chk = bech32Polymod(chk, 0)
	}
	chk ^= 1
	for p := range 6 {
		b = append(b, upper(bech32Charset[byte(chk>>(5*(5-p)))&31]))
	}
	return b
}

// bech32Decode decodes s, which must carry hrp (either case, not mixed),
// into a new slice; nothing else holds the data.
func bech32Decode(s []byte, hrp string) ([]byte, error) {
	malformed := errors.New("malformed secret key")
	if len(s) < len(hrp)+1+6 || s[len(hrp)] != '1' {
		return nil, malformed
	}
	isUpper := s[0] >= 'A' && s[0] <= 'Z'
	for i := range hrp {
		if lower(s[i]) != lower(hrp[i]) {
			return nil, malformed
		}
	}
	chk := bech32HRPSum(hrp)
	body := s[len(hrp)+1:]
	out := make([]byte, 0, len(body)*5/8)
	var acc uint32
	var bits uint
	for i, c := range body {
		if (c >= 'A' && c <= 'Z') != isUpper && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			clear(out[:cap(out)])
			return nil, malformed
		}
		d := bytes.IndexByte([]byte(bech32Charset), lower(c))
		if d < 0 {
			clear(out[:cap(out)])
			return nil, malformed
		}
		chk = bech32Polymod(chk, byte(d))
		if i >= len(body)-6 {
			continue
		}
		acc = acc<<5 | uint32(d)
		bits += 5
		if bits >= 8 {
			bits -= 8
			out = append(out, byte(acc>>bits))
		}
	}
	acc = 0
	if chk != 1 || bits >= 5 {
		clear(out[:cap(out)])
		return nil, malformed
	}
	return out, nil
}

// The age payload (age-encryption.org/v1): a 16-byte nonce, then the
// plaintext in chunks of 64 KiB sealed with ChaCha20-Poly1305 under
// HKDF-SHA256(file key, nonce, "payload"), the chunk counter as the nonce
// and a last-chunk flag.
const (
	payloadChunk = 64 << 10
	nonceSize    = 16
)

func payloadAEAD(fileKey, nonce []byte) (interface {
	Seal(dst, nonce, plaintext, ad []byte) []byte
	Open(dst, nonce, ciphertext, ad []byte) ([]byte, error)
	Overhead() int
}, error) {
	k, err := hkdf.Key(sha256.New, fileKey, nonce, "payload", chacha20poly1305.KeySize)
	if err != nil {
		return nil, err
	}
	defer clear(k)
	return chacha20poly1305.New(k)
}

func chunkNonce(i uint64, last bool) []byte {
	n := make([]byte, chacha20poly1305.NonceSize)
	for j := 0; j < 8; j++ {
		n[10-j] = byte(i >> (8 * j))
	}
	if last {
		n[11] = 1
	}
	return n
}

// keyCatcher wraps a recipient to learn the file key age draws.
type keyCatcher struct {
	age.Recipient
	key *[]byte
}

func (c keyCatcher) Wrap(fileKey []byte) ([]*age.Stanza, error) {
	s, _, err := c.WrapWithLabels(fileKey)
	return s, err
}

func (c keyCatcher) WrapWithLabels(fileKey []byte) ([]*age.Stanza, []string, error) {
	*c.key = append((*c.key)[:0], fileKey...)
	if r, ok := c.Recipient.(age.RecipientWithLabels); ok {
		return r.WrapWithLabels(fileKey)
	}
	s, err := c.Recipient.Wrap(fileKey)
	return s, nil, err
}

// sealSmall writes plain sealed to the recipients to w: the header from
// age (sealing an empty file, to learn the file key and the header), the
// payload from this package, so that no buffer but plain holds the
// plaintext.
func sealSmall(w io.Writer, plain []byte, recipients ...age.Recipient) error {
	var fileKey []byte
	defer func() { clear(fileKey) }()
	rs := make([]age.Recipient, len(recipients))
	for i, r := range recipients {
		rs[i] = r
		if i == 0 {
			rs[i] = keyCatcher{Recipient: r, key: &fileKey}
		}
	}
	var empty bytes.Buffer
	ew, err := age.Encrypt(&empty, rs...)
	if err != nil {
		return err
	}
	if err := ew.Close(); err != nil {
		return err
	}
	// An empty file is the header, the nonce and one empty sealed chunk.
	e := empty.Bytes()
	hdrLen := len(e) - nonceSize - chacha20poly1305.Overhead
	if len(fileKey) != 16 || hdrLen <= 0 {
		return errors.New("sealing: unexpected age output")
	}
	nonce := e[hdrLen : hdrLen+nonceSize]
	a, err := payloadAEAD(fileKey, nonce)
	if err != nil {
		return err
	}
	if _, err := w.Write(e[:hdrLen+nonceSize]); err != nil {
		return err
	}
	var out []byte
	for i := uint64(0); ; i++ {
		n := min(len(plain), payloadChunk)
		last := n == len(plain)
		out = a.Seal(out[:0], chunkNonce(i, last), plain[:n], nil)
		if _, err := w.Write(out); err != nil {
			return err
		}
		plain = plain[n:]
		if last {
			return nil
		}
	}
}

// openSmall decrypts a whole age file held in memory, authenticating every
// chunk, into one buffer only it writes: the header through age, the
// payload here. The caller wipes the result.
func openSmall(data []byte, id age.Identity) ([]byte, error) {
	hdr, err := age.ExtractHeader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	fileKey, err := age.DecryptHeader(hdr, id)
	if err != nil {
		return nil, err
	}
	defer clear(fileKey)
	payload := data[len(hdr):]
	if len(payload) < nonceSize {
		return nil, errors.New("truncated payload")
	}
	a, err := payloadAEAD(fileKey, payload[:nonceSize])
	if err != nil {
		return nil, err
	}
	payload = payload[nonceSize:]
	enc := payloadChunk + a.Overhead()
	chunks := max((len(payload)+enc-1)/enc, 1)
	size := len(payload) - chunks*a.Overhead()
	if size < 0 {
		return nil, errors.New("truncated payload")
	}
	out := make([]byte, 0, size)
	for i := uint64(0); ; i++ {
		n := min(len(payload), enc)
		last := n == len(payload)
		if n < a.Overhead() || len(out)+n-a.Overhead() > cap(out) {
			clear(out[:cap(out)])
			return nil, errors.New("truncated payload")
		}
		o, err := a.Open(out[len(out):], chunkNonce(i, last), payload[:n], nil)
		if err != nil || last && len(o) == 0 && i > 0 {
			clear(out[:cap(out)])
			return nil, fmt.Errorf("failed to decrypt and authenticate payload chunk")
		}
		out = out[:len(out)+len(o)]
		payload = payload[n:]
		if last {
			break
		}
	}
	return out, nil
}
