package crypt

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"syscall"
	"time"

	"filippo.io/age"
	"filippo.io/age/plugin"
)

// A second factor: the vault key in identity.age can be sealed to one or
// more hardware security keys through age plugins (age-plugin-fido2-hmac,
// age-plugin-yubikey), and that sealed with the passphrase. identity.age
// is then
//
//	scrypt(passphrase) → age file sealed to the keys → age identity file
//
// so the passphrase alone yields only a file the key must open, and the
// key alone cannot reach that file. The standard age CLI with the plugin
// installed takes the same two steps (docs/recovery.md). The recovery key
// is not involved: it opens vault.age directly.

// SecurityKey is a hardware key bound to the vault through an age plugin.
type SecurityKey struct {
	// Plugin is the plugin's name: "fido2-hmac" runs age-plugin-fido2-hmac.
	Plugin string
	// Recipient is what the vault key is sealed to (age1fido2-hmac1…).
	Recipient string
	// Identity is the plugin identity (AGE-PLUGIN-…) when the plugin needs
	// one to unwrap; empty, caseload asks the plugin by name alone, as
	// `age -d -j PLUGIN` does.
	Identity string
}

// keyStanza is the header stanza of identity.age's inner layer that lists
// one bound key, so caseload knows which plugin to run. Like the vault
// tag it wraps no file key; age and the plugins skip stanza types they do
// not know.
const keyStanza = "caseload-key"

// KeyPrompter is how a security key's plugin talks to the coach while
// the vault opens or a key is bound. Calls come from another goroutine.
type KeyPrompter interface {
	// KeyWaiting says a plugin is waiting for its key: "touch your
	// security key".
	KeyWaiting(plugin string)
	// KeyMessage shows the plugin's own message (outside text).
	KeyMessage(plugin, message string)
	// KeyRequest asks the coach for a value, a PIN for instance.
	KeyRequest(plugin, prompt string, secret bool) (string, error)
	// KeyConfirm asks the coach to choose between yes and no (no may be
	// empty: then only yes can be chosen).
	KeyConfirm(plugin, prompt, yes, no string) (bool, error)
}

// defaultKeyTimeout is how long caseload waits for a security key to
// answer (time spent by the coach typing a PIN does not count).
const defaultKeyTimeout = 60 * time.Second

// The errors of a security key, each with its own remedy. They come
// wrapped in a *KeyError that names the plugin.
var (
	// ErrKeyPluginMissing means the plugin program is not installed.
	ErrKeyPluginMissing = errors.New("security key plugin not installed")
	// ErrKeyAbsent means the plugin found no key to ask (it said why).
	ErrKeyAbsent = errors.New("security key not found")
	// ErrWrongKey means a key answered but it is not one bound to the vault.
	ErrWrongKey = errors.New("not the security key of this vault")
	// ErrKeyTimeout means the key did not answer in time (not touched,
	// not plugged in).
	ErrKeyTimeout = errors.New("security key did not answer in time")
	// ErrKeyPluginFailed means the plugin stopped or broke the protocol.
	ErrKeyPluginFailed = errors.New("security key plugin failed")
)

// KeyError is a security key's failure.
type KeyError struct {
	Plugin string // the plugin's name
	// Detail is the plugin's own words, if any: outside text, to be
	// escaped before it reaches a terminal.
	Detail string
	Err    error // one of the ErrKey* errors above
}

func (e *KeyError) Error() string {
	s := e.Plugin + ": " + e.Err.Error()
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

func (e *KeyError) Unwrap() error { return e.Err }

// KeyPlugin names the plugin, for callers that may not import crypt (the
// screens find it through an interface of their own).
func (e *KeyError) KeyPlugin() string { return e.Plugin }

// KeyDetail is the plugin's own words, if any (outside text).
func (e *KeyError) KeyDetail() string { return e.Detail }

// ParseSecurityKey reads what a plugin printed for a new key: a
// recipient (age1yubikey1…), or the plugin's identity file, whose
// comments name the recipient (age-plugin-yubikey writes "# Recipient:
// age1yubikey1…") and whose key line is the identity.
func ParseSecurityKey(text string) (SecurityKey, error) {
	var k SecurityKey
	for line := range strings.Lines(text) {
		for f := range strings.FieldsSeq(line) {
			switch {
			case strings.HasPrefix(f, "age1") && k.Recipient == "":
				name, _, err := plugin.ParseRecipient(f)
				if err != nil || native(name) {
					continue
				}
				k.Recipient, k.Plugin = f, name
			case strings.HasPrefix(f, "AGE-PLUGIN-") && k.Identity == "":
				name, _, err := plugin.ParseIdentity(f)
				if err != nil {
					return SecurityKey{}, errors.New("the plugin identity is malformed")
				}
				k.Identity = f
				if k.Plugin == "" {
					k.Plugin = name
				} else if k.Plugin != name {
					return SecurityKey{}, errors.New("the identity and the recipient are of different plugins")
				}
			}
		}
	}
	if k.Plugin == "" {
		return SecurityKey{}, errors.New("no plugin recipient (age1…) or identity (AGE-PLUGIN-…) found")
	}
	return k, nil
}

// native reports whether a recipient's "plugin name" is one of age's own
// key types, which are no second factor.
func native(name string) bool {
	switch name {
	case "pq", "tag", "tagpq", "batchpass":
		return true
	}
	return false
}

// sealToKeys seals the identity file's plaintext to every security key,
// with one keyStanza per key beside the plugins' stanzas.
func sealToKeys(plain []byte, keys []SecurityKey, ui KeyPrompter) ([]byte, error) {
	var buf bytes.Buffer
	err := runPlugins(keys[0].Plugin, ui, defaultKeyTimeout, func(cui *plugin.ClientUI) error {
		labels := &sharedLabels{}
		var rs []age.Recipient
		for _, k := range keys {
			r, err := keyRecipient(k, cui)
			if err != nil {
				return err
			}
			rs = append(rs, &labelled{Recipient: r, labels: labels})
		}
		rs = append(rs, keyList{keys: keys, labels: labels})
		return sealSmall(&buf, plain, rs...)
	})
	if err != nil {
		return nil, fmt.Errorf("sealing to the security key: %w", err)
	}
	return buf.Bytes(), nil
}

// keyRecipient is the age recipient of a bound key.
func keyRecipient(k SecurityKey, cui *plugin.ClientUI) (age.Recipient, error) {
	if k.Recipient != "" {
		return plugin.NewRecipient(k.Recipient, cui)
	}
	id, err := plugin.NewIdentity(k.Identity, cui)
	if err != nil {
		return nil, err
	}
	return id.Recipient(), nil
}

// sharedLabels carries the plugins' labels to keyList, which must show
// the same ones for age to accept it beside them.
type sharedLabels struct{ labels []string }

// labelled records the labels of the recipient it wraps.
type labelled struct {
	age.Recipient
	labels *sharedLabels
}

func (l *labelled) Wrap(fileKey []byte) ([]*age.Stanza, error) {
	s, _, err := l.WrapWithLabels(fileKey)
	return s, err
}

func (l *labelled) WrapWithLabels(fileKey []byte) ([]*age.Stanza, []string, error) {
	var s []*age.Stanza
	var ls []string
	var err error
	if r, ok := l.Recipient.(age.RecipientWithLabels); ok {
		s, ls, err = r.WrapWithLabels(fileKey)
	} else {
		s, err = l.Recipient.Wrap(fileKey)
	}
	l.labels.labels = ls
	return s, ls, err
}

// keyList writes one keyStanza per bound key; it wraps no file key.
type keyList struct {
	keys   []SecurityKey
	labels *sharedLabels
}

func (kl keyList) Wrap([]byte) ([]*age.Stanza, error) {
	var ss []*age.Stanza
	for _, k := range kl.keys {
		args := []string{k.Plugin}
		if k.Recipient != "" {
			args = append(args, k.Recipient)
		}
		ss = append(ss, &age.Stanza{Type: keyStanza, Args: args, Body: []byte(k.Identity)})
	}
	return ss, nil
}

func (kl keyList) WrapWithLabels(fileKey []byte) ([]*age.Stanza, []string, error) {
	s, err := kl.Wrap(fileKey)
	return s, kl.labels.labels, err
}

// stanzaList is an identity that only records the header's stanzas.
type stanzaList struct{ stanzas []*age.Stanza }

func (l *stanzaList) Unwrap(s []*age.Stanza) ([]byte, error) {
	l.stanzas = s
	return nil, age.ErrIncorrectIdentity
}

// keysOf reads the bound keys from the inner layer's header.
func keysOf(inner []byte) ([]SecurityKey, error) {
	hdr, err := age.ExtractHeader(bytes.NewReader(inner))
	if err != nil {
		return nil, fmt.Errorf("%w: the security key layer is malformed", ErrDamaged)
	}
	l := &stanzaList{}
	age.DecryptHeader(hdr, l)
	var keys []SecurityKey
	for _, s := range l.stanzas {
		if s.Type != keyStanza || len(s.Args) < 1 || len(s.Args) > 2 {
			continue
		}
		k := SecurityKey{Plugin: s.Args[0], Identity: string(s.Body)}
		if len(s.Args) == 2 {
			k.Recipient = s.Args[1]
		}
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("%w: identity.age names no security key", ErrDamaged)
	}
	return keys, nil
}

// openWithKeys takes the security key layer off. Keys that share an
// identity (every key of one plugin asked by name) are tried in one go,
// as `age -d -j PLUGIN` does; a spare key of another plugin is tried
// when the first fails.
func openWithKeys(inner []byte, keys []SecurityKey, uo unlockOptions) ([]byte, error) {
	var tried []string
	var errs []error
	for _, k := range keys {
		idString := k.Identity
		if idString == "" {
			idString = "-j " + k.Plugin
		}
		if contains(tried, idString) {
			continue
		}
		tried = append(tried, idString)
		var plain []byte
		err := runPlugins(k.Plugin, uo.ui, uo.timeout, func(cui *plugin.ClientUI) error {
			var id age.Identity
			var err error
			if k.Identity != "" {
				id, err = plugin.NewIdentity(k.Identity, cui)
			} else {
				id, err = plugin.NewIdentityWithoutData(k.Plugin, cui)
			}
			if err != nil {
				return err
			}
			w := &watched{Identity: id}
			plain, err = openSmall(inner, w)
			if err != nil && w.unwrapped {
				// The key answered; the file around it is what failed.
				return fmt.Errorf("%w: the security key layer: %v", ErrDamaged, err)
			}
			return err
		})
		if err == nil {
			return plain, nil
		}
		errs = append(errs, err)
	}
	// The first key's failure, unless its plugin is just not installed and
	// a spare of another plugin said more.
	for _, err := range errs {
		if !errors.Is(err, ErrKeyPluginMissing) {
			return nil, err
		}
	}
	return nil, errs[0]
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// watched notes whether its identity gave a file key.
type watched struct {
	age.Identity
	unwrapped bool
}

func (w *watched) Unwrap(s []*age.Stanza) ([]byte, error) {
	k, err := w.Identity.Unwrap(s)
	w.unwrapped = err == nil
	return k, err
}

// errUIGone is what a plugin's question gets once caseload stopped
// waiting for it, or when there is nobody to ask.
var errUIGone = errors.New("nobody to ask")

// runPlugins runs fn, which drives plugins through cui, with a timeout
// that pauses while the coach is asked something. On a timeout fn's
// goroutine is left to finish on its own (age's plugin client cannot be
// cancelled; the plugin ends when its own wait does); its late questions
// get errUIGone.
func runPlugins(name string, ui KeyPrompter, timeout time.Duration, fn func(*plugin.ClientUI) error) error {
	if timeout <= 0 {
		timeout = defaultKeyTimeout
	}
	var mu sync.Mutex
	last, asking, over := time.Now(), 0, false
	busy := func(delta int) bool {
		mu.Lock()
		defer mu.Unlock()
		asking += delta
		last = time.Now()
		return !over
	}
	cui := &plugin.ClientUI{
		DisplayMessage: func(name, msg string) error {
			if !busy(0) || ui == nil {
				return errUIGone
			}
			ui.KeyMessage(name, msg)
			return nil
		},
		RequestValue: func(name, prompt string, secret bool) (string, error) {
			if !busy(1) || ui == nil {
				busy(-1)
				return "", errUIGone
			}
			defer busy(-1)
			return ui.KeyRequest(name, prompt, secret)
		},
		Confirm: func(name, prompt, yes, no string) (bool, error) {
			if !busy(1) || ui == nil {
				busy(-1)
				return false, errUIGone
			}
			defer busy(-1)
			return ui.KeyConfirm(name, prompt, yes, no)
		},
	}
	if ui != nil {
		ui.KeyWaiting(name)
	}
	done := make(chan error, 1)
	go func() { done <- fn(cui) }()
	t := time.NewTimer(timeout)
	defer t.Stop()
	for {
		select {
		case err := <-done:
			return classify(name, err)
		case <-t.C:
			mu.Lock()
			left := timeout - time.Since(last)
			if asking == 0 && left <= 0 {
				over = true
				mu.Unlock()
				return &KeyError{Plugin: name, Err: ErrKeyTimeout}
			}
			mu.Unlock()
			t.Reset(max(left, timeout/10))
		}
	}
}

// classify turns what age's plugin client returned into a KeyError.
func classify(name string, err error) error {
	var nf *plugin.NotFoundError
	var ke *KeyError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ke), errors.Is(err, ErrDamaged):
		return err
	case errors.As(err, &nf):
		return &KeyError{Plugin: name, Err: ErrKeyPluginMissing}
	case noMatch(err), errors.Is(err, age.ErrIncorrectIdentity):
		return &KeyError{Plugin: name, Err: ErrWrongKey}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, syscall.EPIPE), errors.Is(err, os.ErrClosed):
		return &KeyError{Plugin: name, Err: ErrKeyPluginFailed}
	}
	// The plugin sent an error of its own: most often no key plugged in,
	// or a wrong PIN. Its words are kept, without age's prefix.
	detail := strings.TrimPrefix(err.Error(), name+" plugin: ")
	return &KeyError{Plugin: name, Detail: firstLine(detail), Err: ErrKeyAbsent}
}

// firstLine cuts s to its first line, at most 200 bytes.
func firstLine(s string) string {
	sc := bufio.NewScanner(strings.NewReader(s))
	if !sc.Scan() {
		return ""
	}
	l := sc.Text()
	if len(l) > 200 {
		l = l[:200]
	}
	return l
}
