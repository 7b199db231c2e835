package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Importing clients: a dossier exported by another caseload (the same
// person, their records, appointments and documents), or a client list a
// coach brings from a spreadsheet. Either way the whole batch goes in one
// transaction or not at all: a half-imported list is worse than none,
// since the coach cannot tell which half.
//
// What is imported is the dossier itself. The exporting practice's own
// accountability — the consents given to it, its disclosures, the rights
// requests addressed to it, its invoices — stays with that practice: a
// consent given to one coach does not allow another to share, and an
// invoice belongs to the books of whoever sent it.

// ClientBundle is one client to import with the dossier that comes with
// it. Dates and moments are kept as they are: an imported record keeps
// the day it was written, not the day it was imported.
type ClientBundle struct {
	// Client is the person. A UID from a dossier export is kept, so the
	// same dossier cannot be imported twice; an empty UID gets a new one.
	// A zero Created or Updated is the moment of the import.
	Client Client
	// Records, Appointments and Documents belong to Client; their IDs and
	// ClientIDs are ignored.
	Records      []Record
	Appointments []Appointment
	Documents    []BundleDocument
}

// BundleDocument is a document to import with its contents. Its
// Attachment's Size is set from Data; a zero Added is the moment of the
// import.
type BundleDocument struct {
	Attachment Attachment
	Data       []byte
}

// ImportError says which client of an import was refused, and which item
// of it. Err is a *ValidationError, an *ExistingClientError or another
// error.
type ImportError struct {
	// Index is the bundle's position in the import, from 0.
	Index int
	// Item is "client", or "record N", "appointment N", "document N"
	// counting from 1 within the bundle.
	Item string
	Err  error
}

func (e *ImportError) Error() string {
	return fmt.Sprintf("client %d of the import, %s: %v", e.Index+1, e.Item, e.Err)
}

func (e *ImportError) Unwrap() error { return e.Err }

// ExistingClientError refuses a client who is already in the caseload, or
// twice in the same import.
type ExistingClientError struct {
	// ID and Name are the client already in the caseload; ID is 0 when the
	// other is earlier in the same import, at position Earlier.
	ID      int64
	Name    string
	Earlier int
	// ByUID is set when the match is the dossier's stable id (the same
	// dossier imported again); otherwise the same name and birth date (or
	// e-mail address) matched.
	ByUID bool
}

func (e *ExistingClientError) Error() string {
	if e.ID == 0 {
		return fmt.Sprintf("the same client as number %d of the import", e.Earlier+1)
	}
	if e.ByUID {
		return fmt.Sprintf("this dossier was imported before: it is client %d (%s)", e.ID, e.Name)
	}
	return fmt.Sprintf("already in the caseload as client %d (%s)", e.ID, e.Name)
}

// ErrAlreadyImported is what an *ExistingClientError matches with
// errors.Is, for callers that only need to know.
var ErrAlreadyImported = errors.New("client already in the caseload")

// Is lets errors.Is(err, ErrAlreadyImported) find the error.
func (e *ExistingClientError) Is(target error) bool { return target == ErrAlreadyImported }

// uidPattern is what newUID makes. An imported UID must look the same, so
// nothing from a file can smuggle odd text into the one column that is
// matched across vaults.
var uidPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

// ImportClients adds the clients with their dossiers in one transaction
// and returns them as stored, in order. The documents are sealed first;
// if the transaction fails they are removed again, and nothing of the
// import remains. Any refusal is an *ImportError naming the bundle and
// item. A client whose UID is already in the caseload is refused (the
// same dossier imported again), and so is a client without a UID who has
// the same first and last name (ignoring case) and the same birth date,
// or without a birth date the same e-mail address, as a client in the
// caseload or earlier in the import: a client list imported twice.
//
// An imported client may be restricted or on legal hold, as they were in
// the dossier; the import itself is not refused for that.
func (s *Store) ImportClients(ctx context.Context, bundles []ClientBundle) ([]Client, error) {
	bundles, err := prepareImport(bundles, s.Today())
	if err != nil {
		return nil, err
	}
	var sealed []string
	if n := countDocuments(bundles); n > 0 {
		if s.blobs == nil {
			return nil, ErrNoBlobs
		}
		refs := make([][]blobRef, len(bundles))
		for i, b := range bundles {
			for _, d := range b.Documents {
				id, key, err := s.putBlob(d.Data)
				if err != nil {
					s.removeBlobs(sealed)
					s.putDone(sealed, true)
					return nil, fmt.Errorf("sealing imported document: %w", err)
				}
				sealed = append(sealed, id)
				refs[i] = append(refs[i], blobRef{id: id, key: key})
			}
		}
		got, err := s.importClients(ctx, bundles, refs, sealed)
		s.putDone(sealed, got == nil)
		return got, err
	}
	return s.importClients(ctx, bundles, nil, nil)
}

func (s *Store) importClients(ctx context.Context, bundles []ClientBundle, refs [][]blobRef, sealed []string) ([]Client, error) {
	var out []Client
	committed := false
	write := s.write
	if len(bundles) >= bulkOptimize {
		// A bulk import rewrites much of the search index: merging it in
		// the same transaction keeps the saves after it cheap (see
		// fts.go), and its save is a snapshot, not an entry.
		write = s.writeSnapshot
	}
	err := write(ctx, func(t *tx) error {
		var err error
		out, err = t.importClients(bundles, refs)
		if err == nil && len(bundles) >= bulkOptimize {
			var n int
			if err = t.QueryRowContext(t.ctx, "SELECT count(*) FROM clients").Scan(&n); err == nil && 4*len(bundles) >= n {
				err = t.optimizeIndexes()
			}
		}
		committed = err == nil
		return err
	})
	if err != nil && !committed {
		// The rows never reached the database: their files must go too.
		// (After a commit whose seal failed the rows hold the keys, and
		// the files stay.)
		s.removeBlobs(sealed)
		return nil, err
	}
	return out, err
}

// CheckImport runs an import without keeping anything: the same checks,
// the same inserts, in a transaction that is rolled back. No document is
// sealed. It returns what ImportClients would, but the clients returned
// were never stored (their IDs are what they would have been).
func (s *Store) CheckImport(ctx context.Context, bundles []ClientBundle) ([]Client, error) {
	bundles, err := prepareImport(bundles, s.Today())
	if err != nil {
		return nil, err
	}
	if countDocuments(bundles) > 0 && s.blobs == nil {
		return nil, ErrNoBlobs
	}
	refs := make([][]blobRef, len(bundles))
	for i, b := range bundles {
		for j := range b.Documents {
			refs[i] = append(refs[i], blobRef{id: fmt.Sprintf("check-%d-%d", i, j), key: "-"})
		}
	}
	var out []Client
	err = s.read(ctx, func(t *tx) error {
		var err error
		out, err = t.importClients(bundles, refs)
		return err
	})
	return out, err
}

func (s *Store) removeBlobs(ids []string) {
	for _, id := range ids {
		s.blobs.Remove(id)
	}
}

func countDocuments(bundles []ClientBundle) int {
	n := 0
	for _, b := range bundles {
		n += len(b.Documents)
	}
	return n
}

// prepareImport fills the defaults and validates every item before
// anything is sealed or written. It copies what it changes.
func prepareImport(in []ClientBundle, today time.Time) ([]ClientBundle, error) {
	out := make([]ClientBundle, len(in))
	for i, b := range in {
		fail := func(item string, err error) error { return &ImportError{Index: i, Item: item, Err: err} }
		c := b.Client
		if c.Referral == "" {
			c.Referral = ReferralSelf
		}
		if c.Status == "" {
			c.Status = StatusIntake
		}
		if c.UID != "" && !uidPattern.MatchString(c.UID) {
			return nil, fail("client", invalid("uid", "not a caseload client id"))
		}
		if err := c.Validate(); err != nil {
			return nil, fail("client", err)
		}
		if err := c.checkRepresentative(today); err != nil {
			return nil, fail("client", err)
		}
		b.Client = c
		b.Records = append([]Record(nil), b.Records...)
		for j := range b.Records {
			r := &b.Records[j]
			r.ClientID = -1 // stands in for the id the client will get
			if err := r.Validate(); err != nil {
				return nil, fail(fmt.Sprintf("record %d", j+1), err)
			}
		}
		b.Appointments = append([]Appointment(nil), b.Appointments...)
		for j := range b.Appointments {
			a := &b.Appointments[j]
			a.ClientID, a.Start = -1, a.Start.Truncate(0)
			if err := a.Validate(); err != nil {
				return nil, fail(fmt.Sprintf("appointment %d", j+1), err)
			}
		}
		b.Documents = append([]BundleDocument(nil), b.Documents...)
		for j := range b.Documents {
			a := &b.Documents[j].Attachment
			a.ClientID, a.Size = -1, int64(len(b.Documents[j].Data))
			if a.Kind == "" {
				a.Kind = KindOther
			}
			if err := a.Validate(); err != nil {
				return nil, fail(fmt.Sprintf("document %d", j+1), err)
			}
		}
		out[i] = b
	}
	return out, nil
}

func (t *tx) importClients(bundles []ClientBundle, refs [][]blobRef) ([]Client, error) {
	known, err := t.knownClients()
	if err != nil {
		return nil, err
	}
	ins, err := t.prepareImportStatements()
	if err != nil {
		return nil, err
	}
	defer ins.close()
	out := make([]Client, 0, len(bundles))
	for i, b := range bundles {
		if err := known.check(b.Client); err != nil {
			return nil, &ImportError{Index: i, Item: "client", Err: err}
		}
		var r []blobRef
		if refs != nil {
			r = refs[i]
		}
		c, err := t.importClient(ins, b, r)
		if err != nil {
			return nil, &ImportError{Index: i, Item: "client", Err: err}
		}
		known.add(c, i)
		out = append(out, c)
	}
	return out, nil
}

// clientIndex finds a client by UID, or by name and birth date or e-mail
// address, among those in the caseload and those imported so far. It is
// read once per import: a query per imported client would make a list of
// a thousand scan the caseload a thousand times.
type clientIndex struct {
	byUID, byBirth, byEmail map[string]knownClient
}

// knownClient is a client the index found: in the caseload (id, name) or
// earlier in the import (earlier, from 0; id 0).
type knownClient struct {
	id      int64
	name    string
	earlier int
}

func (k knownClient) existing(byUID bool) *ExistingClientError {
	return &ExistingClientError{ID: k.id, Name: k.name, Earlier: k.earlier, ByUID: byUID}
}

func (t *tx) knownClients() (*clientIndex, error) {
	ix := &clientIndex{byUID: map[string]knownClient{}, byBirth: map[string]knownClient{},
		byEmail: map[string]knownClient{}}
	err := t.dossierEach("SELECT id, uid, first_name, last_name, birth_date, email FROM clients ORDER BY id", nil,
		func(rs *sql.Rows) error {
			var c Client
			if err := rs.Scan(&c.ID, &c.UID, &c.FirstName, &c.LastName, at(&c.BirthDate), &c.Email); err != nil {
				return err
			}
			ix.add(c, -1)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("checking for existing clients: %w", err)
	}
	return ix, nil
}

// keys are the ways c can be found again: by the same name and birth
// date, or without a birth date by the same name and e-mail address.
func importKeys(c Client) (birth, email string) {
	name := strings.ToLower(strings.TrimSpace(c.FirstName)) + "\x00" + strings.ToLower(strings.TrimSpace(c.LastName))
	if !c.BirthDate.IsZero() {
		birth = name + "\x00" + c.BirthDate.Format(dateLayout)
	}
	if c.Email != "" {
		email = name + "\x00" + strings.ToLower(c.Email)
	}
	return birth, email
}

// add puts c in the index; index is its place in the import, -1 for a
// client already in the caseload. The first of each key is kept.
func (ix *clientIndex) add(c Client, index int) {
	k := knownClient{id: c.ID, name: c.Name(), earlier: index}
	if index >= 0 {
		k.id, k.name = 0, "" // refused as "earlier in the import", not as stored
	}
	birth, email := importKeys(c)
	for m, key := range map[*map[string]knownClient]string{&ix.byUID: c.UID, &ix.byBirth: birth, &ix.byEmail: email} {
		if _, ok := (*m)[key]; key != "" && !ok {
			(*m)[key] = k
		}
	}
}

// check refuses c when the index holds the same client: by UID when c has
// one (a dossier), else by name and birth date, or name and e-mail
// address when the birth date is unknown (a client list).
func (ix *clientIndex) check(c Client) error {
	if c.UID != "" {
		if k, ok := ix.byUID[c.UID]; ok {
			return k.existing(true)
		}
		return nil
	}
	birth, email := importKeys(c)
	if birth != "" {
		if k, ok := ix.byBirth[birth]; ok {
			return k.existing(false)
		}
		return nil
	}
	if k, ok := ix.byEmail[email]; ok && email != "" {
		return k.existing(false)
	}
	return nil
}

// importStatements are the inserts of an import, prepared once for the
// whole batch.
type importStatements struct {
	client, record, appointment, document, audit *sql.Stmt
}

func (t *tx) prepareImportStatements() (*importStatements, error) {
	ins := &importStatements{}
	for _, p := range []struct {
		stmt **sql.Stmt
		sql  string
	}{
		{&ins.client, `INSERT INTO clients (uid, first_name, last_name, email, phone, address,
			birth_date, referral, referral_detail, representative, status, start_date, end_date,
			rejected_on, outcome, restricted, restricted_reason, hold, hold_reason, hold_until,
			notes, created_at, updated_at, gender, marital_status, children, birth_country,
			nationality, residence_status, arrival_date, bsn)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&ins.record, `INSERT INTO records (client_id, kind, title, body, body_size, record_date, special,
			created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&ins.appointment, `INSERT INTO appointments (client_id, starts_at, minutes, place,
			attendance, reason, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&ins.document, `INSERT INTO attachments (client_id, blob_id, blob_key, name, kind, size,
			added_at) VALUES (?, ?, ?, ?, ?, ?, ?)`},
		// As t.audit writes it; prepared here for the same reason.
		{&ins.audit, "INSERT INTO audit (at, action, client_id, detail) VALUES (?, ?, ?, ?)"},
	} {
		st, err := t.PrepareContext(t.ctx, p.sql)
		if err != nil {
			ins.close()
			return nil, fmt.Errorf("preparing import: %w", err)
		}
		*p.stmt = st
	}
	return ins, nil
}

func (ins *importStatements) close() {
	for _, st := range []*sql.Stmt{ins.client, ins.record, ins.appointment, ins.document, ins.audit} {
		if st != nil {
			st.Close()
		}
	}
}

// importClient inserts one client with its dossier, keeping the dates the
// bundle carries, and logs one audit line for it.
func (t *tx) importClient(ins *importStatements, b ClientBundle, refs []blobRef) (Client, error) {
	c := b.Client
	if c.UID == "" {
		c.UID = newUID()
	}
	created, updated := t.importStamps(c.Created, c.Updated)
	res, err := ins.client.ExecContext(t.ctx,
		c.UID, c.FirstName, c.LastName, c.Email, c.Phone, c.Address, dateArg(c.BirthDate),
		c.Referral, c.ReferralDetail, c.Representative, c.Status, dateArg(c.Start), dateArg(c.End),
		dateArg(c.RejectedOn), outcomeArg(c.Outcome), c.Restricted, c.RestrictedReason, c.Hold, c.HoldReason,
		dateArg(c.HoldUntil), c.Notes, created, updated, c.Gender, c.MaritalStatus, childrenArg(c),
		c.BirthCountry, c.Nationality, c.ResidenceStatus, dateArg(c.ArrivalDate), c.BSN)
	if err != nil {
		return c, fmt.Errorf("adding client: %w", err)
	}
	c.BSNTail, c.BSN = bsnTail(c.BSN), ""
	if c.ID, err = res.LastInsertId(); err != nil {
		return c, err
	}
	c.Created, _ = time.Parse(momentLayout, created)
	c.Updated, _ = time.Parse(momentLayout, updated)
	for _, r := range b.Records {
		cr, up := t.importStamps(r.Created, r.Updated)
		if _, err := ins.record.ExecContext(t.ctx, c.ID, r.Kind, r.Title, packText(r.Body), len(r.Body), dateArg(r.Date), r.Special,
			cr, up); err != nil {
			return c, fmt.Errorf("adding record: %w", err)
		}
	}
	for _, a := range b.Appointments {
		cr, up := t.importStamps(a.Created, a.Updated)
		if _, err := ins.appointment.ExecContext(t.ctx, c.ID, momentArg(civilMoment(a.Start)), a.Minutes,
			a.Place, a.Attendance, a.Reason, a.Notes, cr, up); err != nil {
			return c, fmt.Errorf("adding appointment: %w", err)
		}
	}
	for j, d := range b.Documents {
		added, _ := t.importStamps(d.Attachment.Added, time.Time{})
		if _, err := ins.document.ExecContext(t.ctx, c.ID, refs[j].id, refs[j].key, d.Attachment.Name,
			d.Attachment.Kind, d.Attachment.Size, added); err != nil {
			return c, fmt.Errorf("adding document: %w", err)
		}
	}
	detail := fmt.Sprintf("client with %d records, %d appointments, %d documents",
		len(b.Records), len(b.Appointments), len(b.Documents))
	if _, err := ins.audit.ExecContext(t.ctx, t.stamp(), AuditImport, c.ID, detail); err != nil {
		return c, fmt.Errorf("writing audit log: %w", err)
	}
	return c, nil
}

// importStamps is the stored form of an imported item's created and
// updated moments: as the dossier has them, the import's moment when it
// has none, and updated as created when it has none.
func (t *tx) importStamps(created, updated time.Time) (string, string) {
	if created.IsZero() {
		created = t.now
	}
	if updated.IsZero() {
		updated = created
	}
	return formatMoment(created), formatMoment(updated)
}
