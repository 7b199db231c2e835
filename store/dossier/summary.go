package dossier

import (
	"errors"

	"github.com/caseload/caseload/store"
)

// Kinds of an ImportSummary.
const (
	// ImportedDossier is a dossier another caseload exported: one client.
	ImportedDossier = "dossier"
	// ImportedList is a client list from a spreadsheet (CSV).
	ImportedList = "list"
)

// ImportSummary is what an import of a file brought in.
type ImportSummary struct {
	// Clients are the clients imported, with their new ids, in the order
	// of the file.
	Clients []store.Client
	// Kind is ImportedDossier or ImportedList.
	Kind string
	// Ignored are a client list's columns the import does not know, as
	// the file names them: they were not imported.
	Ignored []string
	// UnknownOutcome are the lines of a client list's closed
	// trajectories that had no outcome: imported with outcome unknown.
	UnknownOutcome []int
	// NotRecorded are a client list's columns of optional client fields
	// the practice does not record: they were not imported.
	NotRecorded []string
	// NotCarried is true when a dossier holds consents, disclosures,
	// requests, complaints or invoices: those stay with the practice that exported
	// it and were not imported.
	NotCarried bool
	// Records, Appointments and Documents count what a dossier brought
	// with its client.
	Records, Appointments, Documents int
}

// Errors of an import, for the screens to tell apart.
var (
	// ErrNeedsSecret means the dossier is sealed and nothing was given to
	// open it. On its own it asks for the dossier's passphrase; an error
	// that also matches ErrNeedsKey asks for a key file instead.
	ErrNeedsSecret = errors.New("the dossier is sealed: it needs its passphrase or key")
	// ErrNeedsKey means the dossier is sealed to a public key: it opens
	// with the secret key in an age identity file, whose path is the
	// secret to give. An error matching it matches ErrNeedsSecret too.
	ErrNeedsKey = errors.New("the dossier is sealed to a key: it needs the file with the secret key")
	// ErrWrongSecret means the passphrase or key given does not open the
	// dossier.
	ErrWrongSecret = errors.New("the passphrase or key does not open this dossier")
)
