package crypt

import (
	"errors"
	"path/filepath"
	"strings"
)

// FileError names the file of the vault folder an error is about, so the
// coach can be told the remedy for that file: a damaged identity.age
// calls for the recovery key, a damaged vault.age for a backup, a damaged
// document for that document alone. Open, OpenSnapshot, Recover and the
// Blobs' Get return one around the error that matters (ErrDamaged,
// ErrNotVault, ErrNotRegular, ErrWrongRecoveryKey, …).
type FileError struct {
	// Name is the file's path inside the vault folder, with forward
	// slashes: "identity.age", "vault.age", "files/<id>.age".
	Name string
	Err  error
}

func (e *FileError) Error() string { return e.Name + ": " + e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

// Which file of a vault a FileError is about.
const (
	FileIdentity = identityFile
	FileVault    = vaultFile
)

// IsDocument reports whether the file is a sealed document in files/.
func (e *FileError) IsDocument() bool { return strings.HasPrefix(e.Name, filesDir+"/") }

// fileErr wraps err as being about name; nil stays nil, and an error that
// already names its file keeps that name.
func fileErr(name string, err error) error {
	var fe *FileError
	if err == nil || errors.As(err, &fe) {
		return err
	}
	return &FileError{Name: filepath.ToSlash(name), Err: err}
}
