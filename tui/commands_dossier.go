package tui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// The commands of the client's dossier: records, appointments, documents,
// the audit log and search. Like commands.go, every store call happens
// inside a tea.Cmd and every result carries the request id of the screen
// state that asked.

// auditLimit is how many audit lines the log tab shows: a year of a busy
// client, and still a small read.
const auditLimit = 200

// dossier is what the client screen shows, read in one command.
type dossier struct {
	client    store.Client
	hasClient bool // false on a reload that kept the client it had
	records   []recordRow
	appts     []store.Appointment
	docs      []store.Attachment
	audit     []store.AuditEntry
	breaches  []store.Breach // the breaches that affect the client
	fields    store.FieldSet // the optional client fields the practice records
}

// recordRow is a record as a list shows it: without its body, which can
// be long, but with the body's first line.
type recordRow struct {
	store.Record
	first string
}

// dossierLoadedMsg answers loadDossier.
type dossierLoadedMsg struct {
	req reqID
	d   dossier
	err error
}

func (m dossierLoadedMsg) request() reqID { return m.req }

// loadDossier reads a client's records, appointments, documents and audit
// lines, and with withClient the client too (the store logs that as a
// view, so a screen reads it once when it opens, not on every return).
func loadDossier(s Store, req reqID, id int64, withClient bool) tea.Cmd {
	return func() tea.Msg {
		var d dossier
		var err error
		if withClient {
			if d.client, err = s.Client(ctx(), id); err != nil {
				return dossierLoadedMsg{req: req, err: err}
			}
			d.hasClient = true
		}
		recs, err := s.Records(ctx(), id)
		if err != nil {
			return dossierLoadedMsg{req: req, err: err}
		}
		d.records = make([]recordRow, len(recs))
		for i, r := range recs {
			d.records[i] = recordRow{first: kit.FirstLine(r.Body)}
			r.Body = ""
			d.records[i].Record = r
		}
		if d.appts, err = s.Appointments(ctx(), id); err != nil {
			return dossierLoadedMsg{req: req, err: err}
		}
		if d.docs, err = s.Attachments(ctx(), id); err != nil {
			return dossierLoadedMsg{req: req, err: err}
		}
		if d.breaches, err = s.ClientBreaches(ctx(), id); err != nil {
			return dossierLoadedMsg{req: req, err: err}
		}
		if d.fields, err = s.ClientFieldSet(ctx()); err != nil {
			return dossierLoadedMsg{req: req, err: err}
		}
		d.audit, err = s.Audit(ctx(), id, auditLimit)
		return dossierLoadedMsg{req: req, d: d, err: err}
	}
}

// recordLoadedMsg answers loadRecord and revealRecord.
type recordLoadedMsg struct {
	req      reqID
	record   store.Record
	revealed bool // Body holds the text, also of a special-category record
	err      error
}

func (m recordLoadedMsg) request() reqID { return m.req }

// loadRecord reads a record, masked when it is special-category.
func loadRecord(s Store, req reqID, id int64) tea.Cmd {
	return func() tea.Msg {
		r, err := s.Record(ctx(), id)
		return recordLoadedMsg{req: req, record: r, revealed: !r.Special, err: err}
	}
}

// revealRecord reads a record with its text; the store logs the reveal of
// a special-category record.
func revealRecord(s Store, req reqID, id int64) tea.Cmd {
	return func() tea.Msg {
		r, err := s.RevealRecord(ctx(), id)
		return recordLoadedMsg{req: req, record: r, revealed: true, err: err}
	}
}

// recordSavedMsg answers saveRecord. When err wraps store.ErrNotSaved the
// record is still valid: the change is kept in memory.
type recordSavedMsg struct {
	req    reqID
	record store.Record
	err    error
}

func (m recordSavedMsg) saveErr() error { return m.err }
func (m recordSavedMsg) request() reqID { return m.req }

// saveRecord adds or replaces a record.
func saveRecord(s Store, req reqID, r store.Record) tea.Cmd {
	return saving(func() tea.Msg {
		saved, err := s.SaveRecord(ctx(), r)
		return recordSavedMsg{req: req, record: saved, err: err}
	})
}

// deletedMsg answers the delete commands.
type deletedMsg struct {
	req reqID
	err error
}

func (m deletedMsg) saveErr() error { return m.err }
func (m deletedMsg) request() reqID { return m.req }

// deleteRecord removes a record.
func deleteRecord(s Store, req reqID, id int64) tea.Cmd {
	return saving(func() tea.Msg { return deletedMsg{req: req, err: s.DeleteRecord(ctx(), id)} })
}

// deleteAppointment removes an appointment.
func deleteAppointment(s Store, req reqID, id int64) tea.Cmd {
	return saving(func() tea.Msg { return deletedMsg{req: req, err: s.DeleteAppointment(ctx(), id)} })
}

// deleteDocument removes a document; its key leaves the vault, so every
// copy of the sealed file is unreadable from then on.
func deleteDocument(s Store, req reqID, id int64) tea.Cmd {
	return saving(func() tea.Msg { return deletedMsg{req: req, err: s.DeleteAttachment(ctx(), id)} })
}

// appointmentLoadedMsg answers loadAppointment.
type appointmentLoadedMsg struct {
	req         reqID
	appointment store.Appointment
	err         error
}

func (m appointmentLoadedMsg) request() reqID { return m.req }

// loadAppointment finds one appointment of a client.
func loadAppointment(s Store, req reqID, clientID, id int64) tea.Cmd {
	return func() tea.Msg {
		all, err := s.Appointments(ctx(), clientID)
		if err != nil {
			return appointmentLoadedMsg{req: req, err: err}
		}
		for _, a := range all {
			if a.ID == id {
				return appointmentLoadedMsg{req: req, appointment: a}
			}
		}
		return appointmentLoadedMsg{req: req, err: store.ErrNotFound}
	}
}

// appointmentSavedMsg answers planAppointment.
type appointmentSavedMsg struct {
	req         reqID
	appointment store.Appointment
	err         error
	planned     int                // appointments planned, for a new series
	conflicts   []store.AgendaItem // appointments of the coach it overlaps
}

func (m appointmentSavedMsg) saveErr() error { return m.err }
func (m appointmentSavedMsg) request() reqID { return m.req }

// searchDoneMsg answers searchCaseload.
type searchDoneMsg struct {
	req  reqID
	hits []searchHit
	err  error
}

func (m searchDoneMsg) request() reqID { return m.req }

// searchLimit caps the client and the record matches of one search.
const searchLimit = 100

// searchCaseload runs a full-text search and splits each snippet into its
// plain and matching parts here, off the event loop.
func searchCaseload(s Store, req reqID, query string) tea.Cmd {
	return func() tea.Msg {
		hits, err := s.Search(ctx(), query, searchLimit)
		if err != nil {
			return searchDoneMsg{req: req, err: err}
		}
		out := make([]searchHit, len(hits))
		for i, h := range hits {
			out[i] = searchHit{Hit: h, parts: splitSnippet(h.Snippet)}
			// The store leaves the snippet of a special-category record
			// empty, but an ordinary record without text has none either:
			// ask which it is (a masked read, not a reveal).
			if h.RecordID != 0 && h.Snippet == "" {
				r, err := s.Record(ctx(), h.RecordID)
				out[i].special = err != nil || r.Special
			}
		}
		return searchDoneMsg{req: req, hits: out}
	}
}
