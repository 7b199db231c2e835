package fill

import (
	"errors"

	"github.com/caseload/caseload/store"
)

// Request is what the coach asks for with `p` on a client, or `caseload
// print`: which paper, in which form, sealed how, for whom. The screens
// fill it in; whatever does the printing (cmd wires it, since sealing is
// crypt's) makes, seals, writes and logs the paper.
type Request struct {
	// Template is the template's key ("plan", "ack"); Lang its language.
	Template string
	Lang     string
	// RecordID, RequestID, BreachID pick what the paper is about (see
	// Options); 0 takes the newest.
	RecordID, RequestID, BreachID int64
	// Recipient names the third party the paper goes to; empty for the
	// client. A paper to a recipient is a disclosure on Basis and passes
	// the consent gate.
	Recipient string
	Basis     store.LegalBasis
	// HTML writes a self-contained HTML page instead of a PDF.
	HTML bool
	// Dir is the folder (empty: the export folder); Path, when set, the
	// exact file, never one that exists.
	Dir, Path string
	// PublicKey seals the paper to an age public key; Plain writes it
	// unencrypted, only after the coach confirmed it. Neither: a fresh
	// passphrase in the paper's language.
	PublicKey string
	Plain     bool
	// WithBSN puts the client's BSN in a template that asks for it
	// (client.bsn); without it the BSN stays out.
	WithBSN bool
}

// Result is what the coach is told after a paper was made.
type Result struct {
	// Path is the file written.
	Path string
	// Name is the paper's name ("Plan van aanpak").
	Name string
	// Passphrase opens a paper sealed with one: shown once, handed over
	// by another channel than the file.
	Passphrase string
	// Sealed is false for a plain paper; PublicKey tells how a sealed one
	// is sealed.
	Sealed, PublicKey bool
}

// Errors of a paper request, for the screens to tell apart.
var (
	// ErrNeedsRecipient is a paper for a third party (a report for the
	// funder) asked for without naming the recipient and the basis.
	ErrNeedsRecipient = errors.New("this paper goes to a third party: name the recipient and the legal basis")
	// ErrBoth is a request sealed to a public key and plain at once.
	ErrBoth = errors.New("a paper is sealed to a public key or written plain, not both")
)
