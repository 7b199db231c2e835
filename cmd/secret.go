package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
)

// errNoTerminal is returned when a secret is needed but there is neither a
// terminal to ask on nor a file to read it from.
var errNoTerminal = errors.New("no terminal to ask for the passphrase")

// errMismatch is returned when the two entries of a new passphrase differ.
var errMismatch = errors.New("the two passphrases differ")

// errWeak is returned for a new passphrase too short to resist guessing.
var errWeak = errors.New("passphrase too short")

// minPassphrase is the shortest passphrase caseload accepts for a new vault.
const minPassphrase = 10

// passphrase returns the vault's passphrase from the passphrase file or,
// failing that, from the terminal.
func (e *env) passphrase() (string, error) {
	if e.passFile != "" {
		return readSecretFile(e.passFile)
	}
	return e.ask(e.T("cmd.secret.passphrase"))
}

// newPassphrase asks for a new passphrase twice, or reads it from file.
func (e *env) newPassphrase(file string) (string, error) {
	var p string
	if file != "" {
		var err error
		if p, err = readSecretFile(file); err != nil {
			return "", err
		}
	} else {
		var err error
		if p, err = e.ask(e.T("cmd.secret.new_passphrase")); err != nil {
			return "", err
		}
		again, err := e.ask(e.T("cmd.secret.repeat_the_passphrase"))
		if err != nil {
			return "", err
		}
		if again != p {
			return "", errMismatch
		}
	}
	if len([]rune(p)) < minPassphrase {
		return "", errWeak
	}
	return p, nil
}

// ask reads one secret line from the terminal, without echo.
func (e *env) ask(prompt string) (string, error) {
	if !e.tty() {
		return "", errNoTerminal
	}
	fmt.Fprint(e.stderr, prompt)
	s, err := e.readSecret()
	fmt.Fprintln(e.stderr)
	if err != nil {
		return "", fmt.Errorf("reading passphrase: %w", err)
	}
	return s, nil
}

// readSecretFile reads a secret from the first line of a file, so a
// trailing newline from an editor or echo does not become part of it.
func readSecretFile(name string) (string, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return "", fmt.Errorf("reading passphrase file: %w", err)
	}
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	s := strings.TrimSuffix(string(b), "\r")
	if s == "" {
		return "", fmt.Errorf("reading passphrase file %s: %w", name, errEmptySecret)
	}
	return s, nil
}

// errEmptySecret is returned for an empty passphrase file.
var errEmptySecret = errors.New("the file is empty")
