// Package fakekey is an age plugin that stands in for a hardware security
// key in caseload's tests. It speaks the real plugin protocol through
// filippo.io/age/plugin: a test binary runs it when started under the
// name age-plugin-casefake (Install links it so), and caseload reaches it
// exactly as it reaches age-plugin-fido2-hmac or age-plugin-yubikey.
//
// The "key" is a device file (DeviceEnv) holding an id and a secret;
// without the file the key is absent. ModeEnv makes the plugin ask for a
// PIN, hang, or crash. Only tests import this package.
package fakekey

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"filippo.io/age"
	"filippo.io/age/plugin"
	"golang.org/x/crypto/chacha20poly1305"
)

// Name is the plugin's name: the program is age-plugin-casefake.
const Name = "casefake"

// The environment the plugin reads (a plugin inherits the test's).
const (
	// DeviceEnv lists the device files of the keys "plugged in",
	// separated as in PATH.
	DeviceEnv = "CASELOAD_FAKEKEY_DEVICE"
	// ModeEnv selects a behaviour: "" answers at once; "prompt" shows a
	// message and asks for the PIN (PIN) first; "hang" never answers
	// (it exits after HangFor); "crash" exits in the middle of the
	// protocol.
	ModeEnv = "CASELOAD_FAKEKEY_MODE"
)

// PIN is what the "prompt" mode wants typed.
const PIN = "1234"

// Message and Prompt are what the "prompt" mode shows.
const (
	Message = "touch the blinking key"
	Prompt  = "casefake PIN:"
)

// HangFor is how long the "hang" mode waits before giving up by itself.
const HangFor = 8 * time.Second

var b64 = base64.RawStdEncoding.Strict()

// Install links the running test binary into dir as age-plugin-casefake
// and returns dir, to be put first on PATH.
func Install(dir string) (string, error) {
	self, err := os.Executable()
	if err != nil {
		return "", err
	}
	return dir, os.Symlink(self, filepath.Join(dir, "age-plugin-"+Name))
}

// IsPlugin reports whether this process was started as the plugin; the
// test binary's TestMain then runs Main instead of the tests.
func IsPlugin() bool { return filepath.Base(os.Args[0]) == "age-plugin-"+Name }

// NewDevice writes a new key's device file at path and returns the key's
// recipient (age1casefake1…).
func NewDevice(path string) (string, error) {
	dev := make([]byte, 16+32)
	rand.Read(dev)
	if err := os.WriteFile(path, dev, 0o600); err != nil {
		return "", err
	}
	return plugin.EncodeRecipient(Name, dev[:16]), nil
}

// Main runs the plugin and returns its exit code.
func Main() int {
	p, err := plugin.New(Name)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fs := flag.NewFlagSet(Name, flag.ContinueOnError)
	p.RegisterFlags(fs)
	if err := fs.Parse(os.Args[1:]); err != nil {
		return 2
	}
	p.HandleRecipient(func(data []byte) (age.Recipient, error) {
		if len(data) != 16 {
			return nil, errors.New("malformed casefake recipient")
		}
		return recipient{id: data}, nil
	})
	p.HandleIdentity(func(data []byte) (age.Identity, error) {
		return identity{p: p}, nil
	})
	return p.Main()
}

// devices reads the device files of the keys plugged in: each key's id
// and secret.
func devices() ([][2][]byte, error) {
	var devs [][2][]byte
	for _, path := range filepath.SplitList(os.Getenv(DeviceEnv)) {
		b, err := os.ReadFile(path)
		if err == nil && len(b) == 48 {
			devs = append(devs, [2][]byte{b[:16], b[16:]})
		}
	}
	if len(devs) == 0 {
		return nil, errors.New("no casefake key plugged in")
	}
	return devs, nil
}

func aead(secret, nonce []byte) (interface {
	Seal(dst, nonce, plaintext, ad []byte) []byte
	Open(dst, nonce, ciphertext, ad []byte) ([]byte, error)
}, error) {
	k := sha256.Sum256(append(append([]byte(nil), secret...), nonce...))
	return chacha20poly1305.New(k[:])
}

type recipient struct{ id []byte }

// Wrap needs the key plugged in, as a FIDO2 hmac-secret key does.
func (r recipient) Wrap(fileKey []byte) ([]*age.Stanza, error) {
	if err := misbehave(nil); err != nil {
		return nil, err
	}
	devs, err := devices()
	if err != nil {
		return nil, err
	}
	var id, secret []byte
	for _, d := range devs {
		if bytes.Equal(d[0], r.id) {
			id, secret = d[0], d[1]
		}
	}
	if id == nil {
		return nil, errors.New("the casefake key plugged in is another one")
	}
	nonce := make([]byte, 16)
	rand.Read(nonce)
	a, err := aead(secret, nonce)
	if err != nil {
		return nil, err
	}
	body := a.Seal(nil, make([]byte, chacha20poly1305.NonceSize), fileKey, nil)
	return []*age.Stanza{{Type: Name, Args: []string{b64.EncodeToString(id), b64.EncodeToString(nonce)}, Body: body}}, nil
}

type identity struct{ p *plugin.Plugin }

// Unwrap opens the stanza of the key plugged in.
func (i identity) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	if err := misbehave(i.p); err != nil {
		return nil, err
	}
	devs, err := devices()
	if err != nil {
		return nil, err
	}
	for _, s := range stanzas {
		var secret []byte
		for _, d := range devs {
			if s.Type == Name && len(s.Args) == 2 && s.Args[0] == b64.EncodeToString(d[0]) {
				secret = d[1]
			}
		}
		if secret == nil {
			continue
		}
		nonce, err := b64.DecodeString(s.Args[1])
		if err != nil {
			return nil, errors.New("malformed casefake stanza")
		}
		a, err := aead(secret, nonce)
		if err != nil {
			return nil, err
		}
		return a.Open(nil, make([]byte, chacha20poly1305.NonceSize), s.Body, nil)
	}
	return nil, age.ErrIncorrectIdentity
}

// misbehave does what ModeEnv asks before the key answers.
func misbehave(p *plugin.Plugin) error {
	switch os.Getenv(ModeEnv) {
	case "prompt":
		if p == nil {
			return nil
		}
		p.DisplayMessage(Message)
		pin, err := p.RequestValue(Prompt, true)
		if err != nil {
			return err
		}
		if pin != PIN {
			return errors.New("wrong PIN")
		}
	case "hang":
		time.Sleep(HangFor)
		os.Exit(1)
	case "crash":
		io.WriteString(os.Stderr, "casefake: crashed\n")
		os.Exit(3)
	}
	return nil
}
