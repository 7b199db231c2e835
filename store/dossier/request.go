package dossier

import (
	"errors"

	"github.com/caseload/caseload/store"
)

// Request is what the coach asks for with `x` on a client, or `caseload
// export`. The screens fill it in and hand it to whatever does the
// export (cmd wires it, since sealing is crypt's): they never see age.
type Request struct {
	// Lang, Recipient and Basis are as in Options; Sealing follows from
	// PublicKey and Plain.
	Lang      string
	Recipient string
	Basis     store.LegalBasis
	// Dir is the export folder; "" is DefaultDir. The file gets
	// FileName's name there, with -2, -3 … when that is taken.
	Dir string
	// Path, when set, is the exact file to write instead; an existing
	// file is never replaced.
	Path string
	// PublicKey seals the file to the receiver's age public key (age1…
	// or post-quantum age1pq1…; several on separate lines). Empty seals
	// it with a fresh passphrase.
	PublicKey string
	// Plain writes an unencrypted zip. Set it only after the coach
	// confirmed that, knowing what it means.
	Plain bool
	// Omit names records to leave out, with the reason; see Options.
	Omit []Omission
	// WithBSN puts the client's BSN in the copy; see Options.
	WithBSN bool
}

// Sealing is how r seals the file.
func (r Request) Sealing() Sealing {
	switch {
	case r.Plain:
		return SealedNone
	case r.PublicKey != "":
		return SealedPublicKey
	}
	return SealedPassphrase
}

// Options is r as Prepare takes it.
func (r Request) Options() Options {
	return Options{Lang: r.Lang, Recipient: r.Recipient, Basis: r.Basis, Sealing: r.Sealing(), Omit: r.Omit,
		WithBSN: r.WithBSN}
}

// Result is what the coach is told after an export.
type Result struct {
	// Path is the file written.
	Path string
	// Passphrase opens the file: six words, to be shown once and handed
	// over by another channel than the file. Empty for a file sealed to a
	// public key or written plain.
	Passphrase string
	// Client is who was exported.
	Client store.Client
	// Sealing is how the file is sealed.
	Sealing Sealing
	// Records, Appointments and Documents count what went out.
	Records, Appointments, Documents int
}

// Errors of an export request, for the screens to tell apart.
var (
	// ErrBadPublicKey means Request.PublicKey is not an age public key.
	ErrBadPublicKey = errors.New("not an age public key")
	// ErrExists means Request.Path names a file that already exists.
	ErrExists = errors.New("the export file already exists")
	// ErrBoth means a request asked for a public key and plain at once.
	ErrBoth = errors.New("an export is sealed to a public key or written plain, not both")
)
