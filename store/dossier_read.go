package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// The whole dossier of one client, read at once for an export: the copy an
// access request (AVG art. 15) is owed and what a portability export (art.
// 20) carries.

// ClientDossier is everything the caseload holds about one client, read in
// one transaction. Special-category records come with their text: the
// client is owed their own data, marked as such.
type ClientDossier struct {
	Client Client
	// Records are oldest first (by date, then as added), with full text.
	Records []Record
	// Appointments are earliest first.
	Appointments []Appointment
	// Documents are oldest first; DossierDocument reads their contents.
	Documents []Attachment
	// Consents, Disclosures and Requests are the practice's accountability
	// about this client, oldest first.
	Consents    []Consent
	Disclosures []Disclosure
	Requests    []Request
	// Complaints are the client's entries in the complaints register,
	// oldest first: the client is owed them with the rest (inburgering
	// lists "gegevens klachtafhandeling" among the data it keeps).
	Complaints []Complaint
	// Invoices are the client's invoices, oldest first.
	Invoices []Invoice
	// Retention is how long each category of the client's data is kept:
	// the three fixed ones, then the item categories the client has
	// items under, in the order of Policies.
	Retention []DossierRetention
	// Practice is the controller: who keeps the dossier and how to reach them.
	Practice Practice
	// At is the moment the dossier was read, on the practice's wall
	// clock; Today is its date.
	At    time.Time
	Today time.Time

	blobs []blobRef // the sealed files of Documents, in the same order
}

// blobRef is where a document's sealed file is and the key that opens it.
type blobRef struct{ id, key string }

// DossierRetention is how long one category of a client's data is kept.
type DossierRetention struct {
	Policy Policy
	// Applies is set when the category governs data of this client now:
	// the dossier for an intake, running or closed trajectory, the
	// rejected intake for a rejected one, invoices when there are any, an
	// item category when some of the client's items are kept under it.
	Applies bool
	// Until is the day the data is due for deletion; zero while the event
	// the period counts from has not happened (a running trajectory).
	Until time.Time
	// Hold is set while a legal hold stops the deletion.
	Hold bool
}

// ClientDossier reads the whole dossier of a client for an export. Reading
// it is not logged: the export is, with LogExport, once the file is
// written. It returns ErrNotFound for an unknown client.
func (s *Store) ClientDossier(ctx context.Context, clientID int64) (ClientDossier, error) {
	var d ClientDossier
	err := s.read(ctx, func(t *tx) error {
		var err error
		d, err = t.clientDossier(clientID)
		return err
	})
	return d, err
}

func (t *tx) clientDossier(clientID int64) (ClientDossier, error) {
	d := ClientDossier{At: civilMoment(t.now), Today: t.today()}
	var err error
	if d.Client, err = t.client(clientID); err != nil {
		return d, err
	}
	steps := []func(*ClientDossier) error{
		t.dossierRecords, t.dossierAppointments, t.dossierDocuments, t.dossierConsents,
		t.dossierDisclosures, t.dossierRequests, t.dossierComplaints, t.dossierInvoices, t.dossierRetention,
		t.dossierPractice,
	}
	for _, step := range steps {
		if err := step(&d); err != nil {
			return d, fmt.Errorf("reading dossier: %w", err)
		}
	}
	return d, nil
}

// dossierEach runs q and calls scan for every row.
func (t *tx) dossierEach(q string, args []any, scan func(*sql.Rows) error) error {
	rs, err := t.query(q, args...)
	if err != nil {
		return err
	}
	defer rs.Close()
	for rs.Next() {
		if err := scan(rs); err != nil {
			return err
		}
	}
	return rs.Err()
}

func (t *tx) dossierRecords(d *ClientDossier) error {
	return t.dossierEach("SELECT "+recordColumns+" FROM records WHERE client_id = ? ORDER BY record_date, id",
		[]any{d.Client.ID}, func(rs *sql.Rows) error {
			r, err := scanRecord(rs)
			d.Records = append(d.Records, r)
			return err
		})
}

func (t *tx) dossierAppointments(d *ClientDossier) error {
	return t.dossierEach("SELECT "+appointmentColumns+" FROM appointments WHERE client_id = ? ORDER BY starts_at, id",
		[]any{d.Client.ID}, func(rs *sql.Rows) error {
			a, err := scanAppointment(rs)
			d.Appointments = append(d.Appointments, a)
			return err
		})
}

func (t *tx) dossierDocuments(d *ClientDossier) error {
	return t.dossierEach(`SELECT id, client_id, name, kind, size, added_at, blob_id, blob_key FROM attachments
		WHERE client_id = ? ORDER BY added_at, id`, []any{d.Client.ID}, func(rs *sql.Rows) error {
		var a Attachment
		var b blobRef
		err := rs.Scan(&a.ID, &a.ClientID, &a.Name, &a.Kind, &a.Size, at(&a.Added), &b.id, &b.key)
		d.Documents = append(d.Documents, a)
		d.blobs = append(d.blobs, b)
		return err
	})
}

func (t *tx) dossierConsents(d *ClientDossier) error {
	return t.dossierEach("SELECT "+consentColumns+" FROM consents WHERE client_id = ? ORDER BY given_on, id",
		[]any{d.Client.ID}, func(rs *sql.Rows) error {
			c, err := scanConsent(rs)
			d.Consents = append(d.Consents, c)
			return err
		})
}

func (t *tx) dossierDisclosures(d *ClientDossier) error {
	return t.dossierEach("SELECT "+disclosureColumns+" FROM disclosures WHERE client_id = ? ORDER BY disclosed_on, id",
		[]any{d.Client.ID}, func(rs *sql.Rows) error {
			x, err := scanDisclosure(rs)
			d.Disclosures = append(d.Disclosures, x)
			return err
		})
}

func (t *tx) dossierRequests(d *ClientDossier) error {
	return t.dossierEach("SELECT "+requestColumns+" FROM requests WHERE client_id = ? ORDER BY received_on, id",
		[]any{d.Client.ID}, func(rs *sql.Rows) error {
			r, err := scanRequest(rs)
			d.Requests = append(d.Requests, r)
			return err
		})
}

func (t *tx) dossierComplaints(d *ClientDossier) error {
	return t.dossierEach("SELECT "+complaintColumns+" FROM complaints WHERE client_id = ? ORDER BY received_on, id",
		[]any{d.Client.ID}, func(rs *sql.Rows) error {
			c, err := scanComplaint(rs)
			d.Complaints = append(d.Complaints, c)
			return err
		})
}

func (t *tx) dossierInvoices(d *ClientDossier) error {
	return t.dossierEach(fmt.Sprintf(invoiceSelectSQL, lawAddMonths("i.invoice_date", "p.months"), "i.client_id = ?"),
		[]any{d.Client.ID}, func(rs *sql.Rows) error {
			inv, err := scanInvoice(rs)
			d.Invoices = append(d.Invoices, inv)
			return err
		})
}

// dossierRetention reads the policies and the client's purge date the way
// the caseload's countdown computes them, so the report names the same day
// the coach sees.
func (t *tx) dossierRetention(d *ClientDossier) error {
	var category sql.NullString
	var purgeOn time.Time
	var held bool
	err := t.row(`WITH `+retentionCTE("cl", "retention_policies", "c.id = :client")+`
		SELECT r.category, r.purge_on, r.held FROM cl r`,
		sql.Named("client", d.Client.ID), t.todayArg()).Scan(&category, at(&purgeOn), &held)
	if err != nil {
		return err
	}
	var invoicesUntil time.Time
	for _, inv := range d.Invoices {
		if inv.KeepUntil.After(invoicesUntil) {
			invoicesUntil = inv.KeepUntil
		}
	}
	policies, err := t.policies()
	if err != nil {
		return err
	}
	items, err := t.clientItemsUntil(d.Client.ID)
	if err != nil {
		return err
	}
	for _, p := range policies {
		r := DossierRetention{Policy: p, Hold: held}
		if until, ok := items[p.Category]; ok {
			r.Applies, r.Until = true, until
		} else if p.Category.Item() {
			continue // the client is told the periods that govern their data
		}
		switch p.Category {
		case CategoryDossier:
			r.Applies = d.Client.Status != StatusRejected
		case CategoryRejectedIntake:
			r.Applies = d.Client.Status == StatusRejected
		case CategoryInvoice:
			r.Applies, r.Until = len(d.Invoices) > 0, invoicesUntil
		}
		if category.Valid && Category(category.String) == p.Category {
			r.Until = purgeOn
		}
		d.Retention = append(d.Retention, r)
	}
	return nil
}

// clientItemsUntil gives, per item category the client has items under,
// the day the last of them is due for deletion; zero while one of them
// waits for the event its category counts from.
func (t *tx) clientItemsUntil(clientID int64) (map[Category]time.Time, error) {
	out := map[Category]time.Time{}
	err := t.dossierEach(`WITH `+itemRetentionCTE("it", "retention_policies", "x.client_id = :client")+`
		SELECT category, CASE WHEN count(*) = count(purge_on) THEN max(purge_on) END FROM it GROUP BY category`,
		[]any{sql.Named("client", clientID), t.todayArg()}, func(rs *sql.Rows) error {
			var c Category
			var until time.Time
			if err := rs.Scan(&c, at(&until)); err != nil {
				return err
			}
			out[c] = until
			return nil
		})
	return out, err
}

func (t *tx) dossierPractice(d *ClientDossier) error {
	var err error
	d.Practice, err = t.practice()
	return err
}

// DossierDocument returns the contents of d.Documents[i], decrypted in
// full. Reading it is part of the export, which LogExport logs; it is not
// logged on its own.
func (s *Store) DossierDocument(d *ClientDossier, i int) ([]byte, error) {
	if s.blobs == nil {
		return nil, ErrNoBlobs
	}
	if i < 0 || i >= len(d.blobs) {
		return nil, ErrNotFound
	}
	data, err := s.blobs.Get(d.blobs[i].id, d.blobs[i].key)
	if err != nil {
		return nil, fmt.Errorf("opening document %d: %w", d.Documents[i].ID, err)
	}
	return data, nil
}

// ExportLog is what the disclosure log keeps of an export.
type ExportLog struct {
	// ToClient is set when the file is for the client themself: their
	// access (AVG art. 15) or portability (art. 20) request.
	ToClient bool
	// Recipient is who the file is for, as the log shows it: the client
	// (in the coach's words) or the recipient the coach named.
	Recipient string
	// What says what the file holds.
	What string
	// Basis is the ground of art. 6(1) the data leaves the practice on:
	// a legal obligation for the client's own request, often consent for
	// somebody else.
	Basis LegalBasis
	// Notes say how the file was sealed and what it is called.
	Notes string
}

// validate reports the first field the caller must fill in.
func (l ExportLog) validate() error {
	switch {
	case strings.TrimSpace(l.Recipient) == "":
		return invalid("recipient", "an export needs a recipient")
	case strings.TrimSpace(l.What) == "":
		return invalid("what", "say what the export holds")
	case !l.Basis.Valid():
		return invalid("basis", fmt.Sprintf("unknown legal basis %q", l.Basis))
	}
	return nil
}

// CheckExport tells, before any file is written, whether LogExport will
// take the export. It returns ErrNotFound for an unknown client; for a
// recipient other than the client, ErrRestricted while processing is
// restricted (nothing new leaves a restricted dossier) and ErrNoConsent
// on the basis of consent without a consent to that recipient in force
// today. The client's own request is answered whatever the restriction:
// access is a right, not processing for another purpose.
func (s *Store) CheckExport(ctx context.Context, clientID int64, l ExportLog) error {
	if err := l.validate(); err != nil {
		return err
	}
	return s.read(ctx, func(t *tx) error {
		_, err := t.exportAllowed(clientID, l)
		return err
	})
}

// exportAllowed checks l and returns the consent that covers it (0 for
// none).
func (t *tx) exportAllowed(clientID int64, l ExportLog) (int64, error) {
	c, err := t.client(clientID)
	if err != nil {
		return 0, err
	}
	if l.ToClient {
		return 0, nil
	}
	if c.Restricted {
		return 0, ErrRestricted
	}
	if l.Basis != LegalBasisConsent {
		return 0, nil
	}
	consent, err := t.coveringConsent(Disclosure{ClientID: clientID, Recipient: strings.TrimSpace(l.Recipient),
		Date: t.today(), Basis: l.Basis})
	return consent.ID, err
}

// LogExport records that a client's dossier was exported: a line in the
// disclosure log (to whom, what, today, on which basis) and one in the
// audit log, which names the client by id only. It refuses what
// CheckExport refuses.
func (s *Store) LogExport(ctx context.Context, clientID int64, l ExportLog) error {
	if err := l.validate(); err != nil {
		return err
	}
	return s.write(ctx, func(t *tx) error {
		consentID, err := t.exportAllowed(clientID, l)
		if err != nil {
			return err
		}
		var consent any
		if consentID != 0 {
			consent = consentID
		}
		if _, err := t.exec(`INSERT INTO disclosures (client_id, recipient, what, disclosed_on, basis,
				consent_id, notes) VALUES (?, ?, ?, ?, ?, ?, ?)`, clientID, strings.TrimSpace(l.Recipient),
			l.What, dateArg(t.today()), l.Basis, consent, l.Notes); err != nil {
			return fmt.Errorf("logging export: %w", err)
		}
		to := "recipient"
		if l.ToClient {
			to = "client"
		}
		return t.audit(AuditExport, clientID, "dossier to "+to)
	})
}
