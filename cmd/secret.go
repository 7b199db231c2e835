package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"github.com/caseload/caseload/crypt"
	"github.com/caseload/caseload/internal/strength"
)

// errNoTerminal is returned when a secret is needed but there is neither a
// terminal to ask on nor a file to read it from.
var errNoTerminal = errors.New("no terminal to ask for the passphrase")

// errMismatch is returned when the two entries of a new passphrase differ
// too many times in a row.
var errMismatch = errors.New("the two passphrases differ")

// errWeak is returned for a new passphrase that would not resist guessing;
// it comes inside a *weakError that says why.
var errWeak = errors.New("passphrase too weak")

// weakError is a refused new passphrase and the reason.
type weakError struct{ reason strength.Reason }

func (e *weakError) Error() string { return fmt.Sprintf("passphrase too weak (%d)", e.reason) }
func (e *weakError) Unwrap() error { return errWeak }

// newPassphraseTries is how often a new passphrase is asked again after a
// mismatch or a weak one before the command gives up.
const newPassphraseTries = 3

// passphrase returns the vault's passphrase from the passphrase file or,
// failing that, from the terminal. The caller wipes it.
func (e *env) passphrase() ([]byte, error) {
	if e.passFile != "" {
		return readSecretBytes(e.passFile)
	}
	return e.askSecret(e.T("cmd.secret.passphrase"))
}

// newPassphrase reads a new passphrase from file, or asks for it twice on
// the terminal, asking again after a mismatch or a weak one (saying why),
// up to newPassphraseTries times. The caller wipes it.
func (e *env) newPassphrase(file string) ([]byte, error) {
	if file != "" {
		p, err := readSecretBytes(file)
		if err != nil {
			return nil, err
		}
		if err := checkStrength(p); err != nil {
			clear(p)
			return nil, err
		}
		return p, nil
	}
	var last error
	for range newPassphraseTries {
		p, err := e.askSecret(e.T("cmd.secret.new_passphrase"))
		if err != nil {
			return nil, err
		}
		if err := checkStrength(p); err != nil {
			clear(p)
			last = err
			e.warnRetry(err)
			continue
		}
		again, err := e.askSecret(e.T("cmd.secret.repeat_the_passphrase"))
		if err != nil {
			clear(p)
			return nil, err
		}
		same := bytes.Equal(again, p)
		clear(again)
		if same {
			return p, nil
		}
		clear(p)
		last = errMismatch
		e.warnRetry(errMismatch)
	}
	return nil, last
}

// warnRetry says what was wrong with a new passphrase before it is asked
// again.
func (e *env) warnRetry(err error) {
	msg, hint := e.explain(err)
	fmt.Fprintf(e.stderr, "caseload: %s\n", msg)
	if hint != "" {
		fmt.Fprintf(e.stderr, "caseload: hint: %s\n", hint)
	}
}

// checkStrength refuses a passphrase a patient thief could guess.
func checkStrength(p []byte) error {
	// zxcvbn works on a string; this copy is dropped at once (a Go
	// string cannot be wiped).
	if v := strength.Check(string(p)); v.Reason != strength.OK {
		return &weakError{reason: v.Reason}
	}
	return nil
}

// askSecret reads one secret line from the terminal, without echo. The
// caller wipes it.
func (e *env) askSecret(prompt string) ([]byte, error) {
	if !e.tty() {
		return nil, errNoTerminal
	}
	fmt.Fprint(e.stderr, prompt)
	b, err := e.readSecret()
	fmt.Fprintln(e.stderr)
	if err != nil {
		return nil, fmt.Errorf("reading passphrase: %w", err)
	}
	return b, nil
}

// ask is askSecret for a value the caller keeps as a string.
func (e *env) ask(prompt string) (string, error) {
	b, err := e.askSecret(prompt)
	defer clear(b)
	return string(b), err
}

// readSecretBytes reads a secret from the first line of a file, so a
// trailing newline from an editor or echo does not become part of it.
// Everything else read is wiped; the caller wipes the result.
func readSecretBytes(name string) ([]byte, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("reading passphrase file: %w", err)
	}
	line := b
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	line = bytes.TrimSuffix(line, []byte("\r"))
	if len(line) == 0 {
		clear(b)
		return nil, fmt.Errorf("reading passphrase file %s: %w", name, errEmptySecret)
	}
	out := bytes.Clone(line)
	clear(b)
	return out, nil
}

// readSecretFile is readSecretBytes for a value kept as a string.
func readSecretFile(name string) (string, error) {
	b, err := readSecretBytes(name)
	defer clear(b)
	return string(b), err
}

// errEmptySecret is returned for an empty passphrase file.
var errEmptySecret = errors.New("the file is empty")

// suggestPassphrase is six words from crypt's list, offered when a
// passphrase is refused.
func suggestPassphrase() string { return crypt.NewPassphrase() }
