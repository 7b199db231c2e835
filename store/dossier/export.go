package dossier

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/caseload/caseload/msg"
	"github.com/caseload/caseload/store"
)

// Sealing is how an export is sealed, as dossier.json and the disclosure
// log record it. The sealing itself is crypt's; this package only writes
// the zip.
type Sealing string

// The ways an export can be sealed.
const (
	SealedPassphrase Sealing = "passphrase"
	SealedPublicKey  Sealing = "public_key"
	SealedNone       Sealing = "none"
)

// Options say who an export is for and in which language it speaks.
type Options struct {
	// Lang is the language of dossier.html, README.txt and the log lines:
	// LangDutch or LangEnglish ("" is English).
	Lang string
	// Recipient names who the file is for when that is not the client:
	// the new coach, a school. Empty means the client, on their own
	// access request.
	Recipient string
	// Basis is the legal ground a file for Recipient leaves on; consent
	// needs a consent to that recipient in force today. The client's own
	// request is always a legal obligation (art. 6(1)(c) with art. 15).
	Basis store.LegalBasis
	// Sealing is how the caller seals the zip.
	Sealing Sealing
	// Omit names records the coach leaves out, each with its reason; the
	// copy lists each one left out by kind, date and reason.
	Omit []Omission
	// WithBSN puts the client's BSN in the copy. It is left out unless
	// the coach ticks it for this export: most recipients have no ground
	// to receive it (UAVG art. 46), and the client knows their own.
	WithBSN bool
}

// ErrOmission is returned by Prepare for an omission that cannot be made:
// an unknown reason, or a record not in the client's dossier.
var ErrOmission = errors.New("cannot leave that record out")

// ErrUnknownLanguage is returned for a language other than nl and en.
var ErrUnknownLanguage = errors.New("the report is written in nl or en")

// Export is one client's dossier, read and ready to be written: Prepare,
// then WriteZip into a sealing writer, then Log once the file is in place.
type Export struct {
	s    *store.Store
	d    store.ClientDossier
	o    Options
	log  store.ExportLog
	docs []Document // the documents' zip entries; hashes are filled by WriteZip
	json *Dossier   // dossier.json as WriteZip last wrote it
	// omitted are the records left out, as the copy names them.
	omitted []Omitted
}

// Prepare reads a client's dossier for an export, after asking the store
// whether the export may happen at all: before any file is written, it
// returns store.ErrNotFound for an unknown client, and for a recipient
// other than the client store.ErrRestricted while processing is
// restricted and store.ErrNoConsent on the basis of consent without one.
func Prepare(ctx context.Context, s *store.Store, clientID int64, o Options) (*Export, error) {
	switch o.Lang {
	case "":
		o.Lang = LangEnglish
	case LangDutch, LangEnglish:
	default:
		return nil, fmt.Errorf("%w, not %q", ErrUnknownLanguage, o.Lang)
	}
	switch o.Sealing {
	case SealedPassphrase, SealedPublicKey, SealedNone:
	default:
		return nil, fmt.Errorf("unknown sealing %q", o.Sealing)
	}
	o.Recipient = strings.TrimSpace(o.Recipient)
	log := store.ExportLog{Recipient: o.Recipient, Basis: o.Basis}
	if o.Recipient == "" {
		log = store.ExportLog{ToClient: true, Recipient: tr(o.Lang, "log-to-client"),
			Basis: store.LegalBasisLegalObligation}
	}
	log.What = "-" // filled in once the dossier is read
	if err := s.CheckExport(ctx, clientID, log); err != nil {
		return nil, err
	}
	d, err := s.ClientDossier(ctx, clientID)
	if err != nil {
		return nil, err
	}
	omitted, err := omit(&d, o.Omit)
	if err != nil {
		return nil, err
	}
	if o.WithBSN {
		// Read in full only now, and logged as a reveal: the export's
		// own log line says it went out.
		if d.Client.BSN, err = s.RevealBSN(ctx, clientID); err != nil {
			return nil, err
		}
	}
	p := msg.For(msg.Lang(o.Lang))
	log.What = tr(o.Lang, "log-what", p.N("dossier.log-reports", len(d.Records)),
		p.N("dossier.log-appointments", len(d.Appointments)), p.N("dossier.log-documents", len(d.Documents)))
	if len(omitted) > 0 {
		log.What += p.N("dossier.log-omitted", len(omitted))
	}
	if d.Client.BSN != "" {
		log.What += tr(o.Lang, "log-bsn")
	}
	e := &Export{s: s, d: d, o: o, log: log, omitted: omitted}
	names := newNameSet()
	for _, a := range d.Documents {
		e.docs = append(e.docs, Document{Name: a.Name, File: filesDir + names.add(a.Name), Kind: string(a.Kind),
			Size: a.Size, Added: isoMoment(a.Added)})
	}
	return e, nil
}

// Client is the client being exported.
func (e *Export) Client() store.Client { return e.d.Client }

// FileName is the name of the export's file:
// dossier-<client number>-<initials>-<date>.zip, with .age when it is
// sealed ("dossier-17-AO-2026-12-06.zip.age"). The name itself stays
// inside: a file name is plaintext on every disk, sync folder, mail and
// attachment list it passes, so it says no more than the coach needs to
// find the file again.
func (e *Export) FileName() string {
	c := e.d.Client
	name := fmt.Sprintf("dossier-%d-", c.ID)
	if in := Initials(c.FirstName, c.LastName); in != "" {
		name += in + "-"
	}
	name += e.d.Today.Format(dateLayout) + ".zip"
	if e.o.Sealing != SealedNone {
		name += ".age"
	}
	return name
}

// Dossier is dossier.json as WriteZip last wrote it, or nil before.
func (e *Export) Dossier() *Dossier { return e.json }

// zipModified is the time every entry carries: the moment of the export.
func (e *Export) zipModified() time.Time { return e.d.At }

// WriteZip writes the zip to w: README.txt, the documents under files/
// (read from the vault one at a time), dossier.json, dossier.html, the
// JSON Schema and the CSV files under portability/. Nothing is written
// anywhere else: w is where the caller seals it. It does not log; Log
// does, once the file is in place.
func (e *Export) WriteZip(ctx context.Context, w io.Writer) error {
	zw := zip.NewWriter(w)
	files := manifest(e.o.Lang, e.docs)
	meta := e.exportMeta()
	put := func(name string, write func(io.Writer) error) error {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: e.zipModified()})
		if err != nil {
			return fmt.Errorf("writing %s: %w", name, err)
		}
		if err := write(fw); err != nil {
			return fmt.Errorf("writing %s: %w", name, err)
		}
		return nil
	}
	pre := fromStore(&e.d, meta, e.docs)
	pre.Omitted = e.omitted
	zipName := strings.TrimSuffix(e.FileName(), ".age")
	if err := put(entryReadme, func(w io.Writer) error {
		return writeReadme(w, &pre, e.o.Lang, zipName, files)
	}); err != nil {
		return err
	}
	docs := append([]Document(nil), e.docs...)
	for i := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		data, err := e.s.DossierDocument(&e.d, i)
		if err != nil {
			return fmt.Errorf("document %q: %w", docs[i].Name, err)
		}
		sum := sha256.Sum256(data)
		docs[i].SHA256, docs[i].Size = hex.EncodeToString(sum[:]), int64(len(data))
		if err := put(docs[i].File, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
			return err
		}
	}
	d := fromStore(&e.d, meta, docs)
	d.Omitted = e.omitted
	for _, x := range []struct {
		name  string
		write func(io.Writer) error
	}{
		{entryJSON, func(w io.Writer) error { return writeJSON(w, &d) }},
		{entryHTML, func(w io.Writer) error { return writeReport(w, &d, e.o.Lang, files) }},
		{entrySchema, func(w io.Writer) error { _, err := w.Write(SchemaJSON); return err }},
		{entryClientsCSV, func(w io.Writer) error { return writeClientsCSV(w, &d) }},
		{entryAppointments, func(w io.Writer) error { return writeAppointmentsCSV(w, &d) }},
		{entryRecordsCSV, func(w io.Writer) error { return writeRecordsCSV(w, &d) }},
	} {
		if err := put(x.name, x.write); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("finishing zip: %w", err)
	}
	e.json = &d
	return nil
}

// Result is what the coach is told of the export once it is written to
// path; passphrase is what opens it, if anything.
func (e *Export) Result(path, passphrase string) Result {
	return Result{Path: path, Passphrase: passphrase, Client: e.d.Client, Sealing: e.o.Sealing,
		Records: len(e.d.Records), Appointments: len(e.d.Appointments), Documents: len(e.d.Documents)}
}

// Practice is the controller the export names; the caller can warn when
// its details are empty.
func (e *Export) Practice() store.Practice { return e.d.Practice }

// exportMeta is dossier.json's export section.
func (e *Export) exportMeta() ExportInfo {
	return ExportInfo{ExportedAt: isoMoment(e.d.At), Language: e.o.Lang, Recipient: e.log.Recipient,
		ToClient: e.log.ToClient, Basis: string(e.log.Basis), Sealing: string(e.o.Sealing), Software: "caseload"}
}

// writeJSON writes d indented, so a person can read it too.
func writeJSON(w io.Writer, d *Dossier) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// Log records the export written to path: a line in the client's
// disclosure log (to whom, what, today, on which basis, how it was
// sealed, the file's name) and one in the audit log. Call it once the
// file is in place, so the log holds exports that happened.
func (e *Export) Log(ctx context.Context, path string) error {
	l := e.log
	l.Notes = tr(e.o.Lang, "log-sealed-"+string(e.o.Sealing), filepath.Base(path))
	return e.s.LogExport(ctx, e.d.Client.ID, l)
}
