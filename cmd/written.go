package cmd

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/caseload/caseload/crypt"
	"github.com/caseload/caseload/paper/fill"
	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/store/dossier"
)

// Every file that leaves the vault at the coach's request — a dossier, a
// paper, an invoice, a report, the books — goes the same way: sealed to
// a public key, with a fresh passphrase, or in the clear after a typed
// yes; logged before it takes its name; reported with its passphrase
// once. This file holds that way once, for the commands and the screens.

// checkPublicKey tells whether key holds age public keys, one a line; it
// wraps dossier.ErrBadPublicKey.
func checkPublicKey(key string) error {
	if err := crypt.CheckRecipients(key); err != nil {
		return fmt.Errorf("%w: %w", dossier.ErrBadPublicKey, err)
	}
	return nil
}

// exportKey is how a file is sealed: to publicKey (checked), plain, or
// else with a passphrase the caller sets once it has checked the rest.
// Both publicKey and plain is both.
func exportKey(publicKey string, plain bool, workFactor int, both error) (crypt.ExportKey, error) {
	if plain && publicKey != "" {
		return crypt.ExportKey{}, both
	}
	if publicKey != "" {
		if err := checkPublicKey(publicKey); err != nil {
			return crypt.ExportKey{}, err
		}
	}
	return crypt.ExportKey{Recipients: publicKey, Plain: plain, WorkFactor: workFactor}, nil
}

// outTarget is where a file goes: exactly path when one is given, else
// the first free variant of name in dir (the exports folder when dir is
// empty).
func outTarget(dir, path, name string, getenv func(string) string) (string, string, bool) {
	if path != "" {
		return filepath.Dir(path), filepath.Base(path), false
	}
	if dir == "" {
		dir = dossier.DefaultDir(getenv)
	}
	return dir, name, true
}

// writeLogged writes a file through write into dir as name (the first
// free variant when free) and logs it before the file takes its name, so
// that even a kill -9 never leaves a file the log does not hold. A log
// line kept only in memory is no failure: it comes back as notSaved, for
// the caller to tell. A name taken is dossier.ErrExists; logging names
// the log in a failure to write it ("logging the export").
func writeLogged(dir, name string, free bool, key crypt.ExportKey, write func(io.Writer) error,
	logging string, log func(path string) error) (path string, notSaved, err error) {
	path, err = crypt.WriteExportLogged(dir, name, key, free, write, func(path string) error {
		if err := log(path); errors.Is(err, store.ErrNotSaved) {
			notSaved = err
		} else if err != nil {
			return fmt.Errorf("%s: %w", logging, err)
		}
		return nil
	})
	if errors.Is(err, crypt.ErrExportExists) {
		return "", nil, fmt.Errorf("%w: %s", dossier.ErrExists, filepath.Join(dir, name))
	}
	if err != nil {
		return "", nil, err
	}
	return path, notSaved, nil
}

// writeBytes is a write for writeLogged of data made beforehand.
func writeBytes(data []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}
}

// sealMoneyFile writes a money file (an invoice, a report, the books)
// into dir as name (the first free variant when free), sealed with a
// fresh passphrase in lang, which adds .age to the name, unless plain;
// logged by log. title names it on the screens.
func sealMoneyFile(dir, name, title string, free bool, lang string, plain bool, workFactor int, data []byte,
	log func() error) (fill.Result, error) {
	key := crypt.ExportKey{Plain: plain, WorkFactor: workFactor}
	if !plain {
		key.Passphrase = crypt.NewExportPassphraseIn(lang)
		if !strings.HasSuffix(name, ".age") {
			name += ".age"
		}
	}
	path, notSaved, err := writeLogged(dir, name, free, key, writeBytes(data), "logging the file",
		func(string) error { return log() })
	if err != nil {
		return fill.Result{}, err
	}
	return fill.Result{Path: path, Name: title, Passphrase: key.Passphrase, Sealed: !plain}, notSaved
}

// reportWritten tells where a file went on stdout, and on stderr how it
// is sealed: its passphrase, shown this once with how to hand it over; the
// public key it is sealed to; or plainWarning for a file in the clear.
// The passphrase stays off stdout, which may be piped anywhere.
func (e *env) reportWritten(path string, sealing dossier.Sealing, passphrase, handOver, plainWarning string) {
	fmt.Fprintf(e.stdout, "%s %s\n", e.T("cmd.export.written"), path)
	switch sealing {
	case dossier.SealedPassphrase:
		fmt.Fprintf(e.stderr, "\n%s %s\n\n    %s\n\n%s\n\n", e.T("cmd.export.passphrase_for"),
			filepath.Base(path), passphrase, handOver)
	case dossier.SealedPublicKey:
		fmt.Fprintln(e.stderr, e.T("cmd.export.sealed_to_the_public_key"))
	case dossier.SealedNone:
		fmt.Fprintln(e.stderr, plainWarning)
	}
}

// reportPaper tells where a paper or a money file went, and its
// passphrase on stderr, once.
func (e *env) reportPaper(res fill.Result) {
	sealing := dossier.SealedNone
	switch {
	case res.PublicKey:
		sealing = dossier.SealedPublicKey
	case res.Sealed:
		sealing = dossier.SealedPassphrase
	}
	e.reportWritten(res.Path, sealing, res.Passphrase, e.T("cmd.print.shown_only_this_once_give"),
		e.T("cmd.print.caseload_warning_this_file_is"))
}

// confirmYes asks question on the terminal and takes a typed yes (or
// ja); without a terminal, or on any other answer, it returns no.
func (e *env) confirmYes(question string, no error) error {
	if e.tty == nil || !e.tty() || !e.askYes(bufio.NewReader(e.stdin), question) {
		return no
	}
	return nil
}

// askYes asks question on stderr and reads the answer from in: a yes (or
// ja), or anything else.
func (e *env) askYes(in *bufio.Reader, question string) bool {
	fmt.Fprint(e.stderr, question)
	line, _ := in.ReadString('\n')
	a := strings.ToLower(strings.TrimSpace(line))
	return a == "yes" || a == "ja"
}
