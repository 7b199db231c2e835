package crypt

import (
	"encoding/base64"
	"errors"
	"fmt"
	"sync"

	"filippo.io/age"
	"filippo.io/hpke"
)

// Encapsulating ahead: a journal entry is sealed to the vault key and the
// recovery key, each through age's hybrid stanza, and building that stanza
// is mostly an HPKE encapsulation (an ML-KEM-768 encapsulation and an
// X25519 exchange) that does not depend on the file key at all: only the
// last step, sealing the file key under the key it yields, does. So after
// each entry is written, the encapsulation for the next one is drawn on a
// goroutine of its own, and the next save only seals its file key: the
// post-quantum work leaves the path from the edit to "saved".
//
// Every entry still gets a fresh file key from age, and every stanza a
// fresh encapsulation: one drawn ahead is used for exactly one stanza of
// exactly one file, then dropped (taken under a lock; a save that finds
// none draws its own). The stanza is the one age's HybridRecipient writes
// (type mlkem768x25519, the encapsulation as its argument, the sealed file
// key as its body, the same HPKE suite and label), so age's HybridIdentity
// and `age -d -i` open it; TestJournalEntryIsStandardAge checks both keys.

// hybridLabel is age's HPKE info string for the mlkem768x25519 stanza
// (pqLabel in age's pq.go).
const hybridLabel = "age-encryption.org/mlkem768x25519"

// hybridAhead is an age hybrid recipient whose next encapsulation is drawn
// ahead of time.
type hybridAhead struct {
	pk hpke.PublicKey

	mu     sync.Mutex
	enc    []byte       // the encapsulation drawn ahead; nil if none
	sender *hpke.Sender // its HPKE context, used for one seal
	busy   bool         // a goroutine is drawing one
	closed bool         // the vault closed: draw no more
	drawn  int          // encapsulations drawn ahead and used (tests)
}

// newHybridAhead is hybridAhead for the public key of r.
func newHybridAhead(r *age.HybridRecipient) (*hybridAhead, error) {
	raw, err := bech32Decode([]byte(r.String()), "age1pq")
	if err != nil {
		return nil, fmt.Errorf("reading a hybrid recipient: %w", err)
	}
	pk, err := hpke.MLKEM768X25519().NewPublicKey(raw)
	if err != nil {
		return nil, fmt.Errorf("reading a hybrid recipient: %w", err)
	}
	return &hybridAhead{pk: pk}, nil
}

// encapsulate draws a new HPKE sending context for the stanza.
func (h *hybridAhead) encapsulate() ([]byte, *hpke.Sender, error) {
	return hpke.NewSender(h.pk, hpke.HKDFSHA256(), hpke.ChaCha20Poly1305(), []byte(hybridLabel))
}

// Wrap implements age.Recipient.
func (h *hybridAhead) Wrap(fileKey []byte) ([]*age.Stanza, error) {
	s, _, err := h.WrapWithLabels(fileKey)
	return s, err
}

// WrapWithLabels implements age.RecipientWithLabels, with the label age's
// HybridRecipient gives, so that it travels only with post-quantum
// recipients.
func (h *hybridAhead) WrapWithLabels(fileKey []byte) ([]*age.Stanza, []string, error) {
	h.mu.Lock()
	enc, sender := h.enc, h.sender
	h.enc, h.sender = nil, nil // never used twice
	if sender != nil {
		h.drawn++
	}
	h.mu.Unlock()
	if sender == nil {
		var err error
		if enc, sender, err = h.encapsulate(); err != nil {
			return nil, nil, fmt.Errorf("setting up HPKE sender: %w", err)
		}
	}
	ct, err := sender.Seal(nil, fileKey)
	if err != nil {
		return nil, nil, fmt.Errorf("encrypting file key: %w", err)
	}
	if len(ct) != 16+16 {
		return nil, nil, errors.New("encrypting file key: unexpected size")
	}
	return []*age.Stanza{{Type: "mlkem768x25519", Args: []string{base64.RawStdEncoding.EncodeToString(enc)}, Body: ct}},
		[]string{"postquantum"}, nil
}

// drawAhead draws the next encapsulation on a goroutine of its own,
// unless one is ready or being drawn.
func (h *hybridAhead) drawAhead() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.sender != nil || h.busy || h.closed {
		return
	}
	h.busy = true
	go func() {
		enc, sender, err := h.encapsulate()
		h.mu.Lock()
		defer h.mu.Unlock()
		h.busy = false
		if err == nil && h.sender == nil && !h.closed {
			h.enc, h.sender = enc, sender
		}
	}()
}

// close drops what was drawn ahead and draws no more.
func (h *hybridAhead) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	h.enc, h.sender = nil, nil
}
