package tui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/caseload/caseload/store"
)

// The fake store's dossier: records, appointments, documents, the audit
// log and a plain substring search that marks matches as the store does.

// dossierData is what fakeStore keeps under its clients.
type dossierData struct {
	records  map[int64]store.Record
	appts    map[int64]store.Appointment
	docs     map[int64]store.Attachment
	docData  map[int64][]byte
	audit    []store.AuditEntry
	nextItem int64
	addErr   error // AddAttachment fails with it
}

func (s *fakeStore) dossier() *dossierData {
	if s.dd == nil {
		s.dd = &dossierData{records: map[int64]store.Record{}, appts: map[int64]store.Appointment{},
			docs: map[int64]store.Attachment{}, docData: map[int64][]byte{}, nextItem: 100}
	}
	return s.dd
}

func (s *fakeStore) log(action string, clientID int64, detail string) {
	d := s.dossier()
	d.audit = append(d.audit, store.AuditEntry{ID: int64(len(d.audit) + 1), At: testNow,
		Action: action, ClientID: clientID, Detail: detail})
}

// writable refuses a change to a restricted or unknown client.
func (s *fakeStore) writable(clientID int64) error {
	c, ok := s.clients[clientID]
	switch {
	case !ok:
		return store.ErrNotFound
	case c.Restricted:
		return store.ErrRestricted
	}
	return nil
}

func masked(r store.Record) store.Record {
	if r.Special {
		r.Body = ""
	}
	return r
}

func (s *fakeStore) Records(_ context.Context, clientID int64, kinds ...store.RecordKind) ([]store.Record, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("Records")
	var out []store.Record
	for _, r := range s.dossier().records {
		if r.ClientID == clientID && (len(kinds) == 0 || slices.Contains(kinds, r.Kind)) {
			out = append(out, masked(r))
		}
	}
	slices.SortFunc(out, func(a, b store.Record) int {
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
		return int(b.ID - a.ID)
	})
	return out, nil
}

func (s *fakeStore) Record(_ context.Context, id int64) (store.Record, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("Record")
	r, ok := s.dossier().records[id]
	if !ok {
		return store.Record{}, store.ErrNotFound
	}
	return masked(r), nil
}

func (s *fakeStore) RevealRecord(_ context.Context, id int64) (store.Record, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("RevealRecord")
	r, ok := s.dossier().records[id]
	if !ok {
		return store.Record{}, store.ErrNotFound
	}
	if r.Special {
		s.log(store.AuditReveal, r.ClientID, fmt.Sprintf("record %d", r.ID))
	}
	return r, nil
}

func (s *fakeStore) SaveRecord(_ context.Context, r store.Record) (store.Record, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("SaveRecord")
	if err := r.Validate(); err != nil {
		return r, err
	}
	if err := s.writable(r.ClientID); err != nil {
		return r, err
	}
	d := s.dossier()
	action := store.AuditEdit
	if r.ID == 0 {
		d.nextItem++
		r.ID, r.Created, action = d.nextItem, testNow, store.AuditCreate
	} else if _, ok := d.records[r.ID]; !ok {
		return r, store.ErrNotFound
	}
	r.Updated = testNow
	d.records[r.ID] = r
	s.log(action, r.ClientID, fmt.Sprintf("record %d (%s)", r.ID, r.Kind))
	return r, s.sealed()
}

func (s *fakeStore) DeleteRecord(_ context.Context, id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("DeleteRecord")
	d := s.dossier()
	r, ok := d.records[id]
	if !ok {
		return store.ErrNotFound
	}
	if err := s.writable(r.ClientID); err != nil {
		return err
	}
	delete(d.records, id)
	s.log(store.AuditDelete, r.ClientID, fmt.Sprintf("record %d (%s)", r.ID, r.Kind))
	return s.sealed()
}

func (s *fakeStore) Appointments(_ context.Context, clientID int64) ([]store.Appointment, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("Appointments")
	var out []store.Appointment
	for _, a := range s.dossier().appts {
		if a.ClientID == clientID {
			out = append(out, a)
		}
	}
	slices.SortFunc(out, func(a, b store.Appointment) int { return a.Start.Compare(b.Start) })
	return out, nil
}

func (s *fakeStore) SaveAppointment(_ context.Context, a store.Appointment) (store.Appointment, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("SaveAppointment")
	if err := a.Validate(); err != nil {
		return a, err
	}
	if err := s.writable(a.ClientID); err != nil {
		return a, err
	}
	d := s.dossier()
	if a.ID == 0 {
		d.nextItem++
		a.ID = d.nextItem
	}
	d.appts[a.ID] = a
	s.log(store.AuditCreate, a.ClientID, fmt.Sprintf("appointment %d", a.ID))
	return a, s.sealed()
}

func (s *fakeStore) DeleteAppointment(_ context.Context, id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("DeleteAppointment")
	d := s.dossier()
	a, ok := d.appts[id]
	if !ok {
		return store.ErrNotFound
	}
	if err := s.writable(a.ClientID); err != nil {
		return err
	}
	delete(d.appts, id)
	return s.sealed()
}

func (s *fakeStore) Attachments(_ context.Context, clientID int64) ([]store.Attachment, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("Attachments")
	var out []store.Attachment
	for _, a := range s.dossier().docs {
		if a.ClientID == clientID {
			if a.Special {
				a.Name = "" // as the store lists it
			}
			out = append(out, a)
		}
	}
	slices.SortFunc(out, func(a, b store.Attachment) int { return int(b.ID - a.ID) })
	return out, nil
}

func (s *fakeStore) AddAttachment(_ context.Context, a store.Attachment, data []byte) (store.Attachment, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("AddAttachment")
	d := s.dossier()
	if d.addErr != nil {
		return a, d.addErr
	}
	if err := a.Validate(); err != nil {
		return a, err
	}
	if err := s.writable(a.ClientID); err != nil {
		return a, err
	}
	d.nextItem++
	a.ID, a.Size, a.Added = d.nextItem, int64(len(data)), testNow
	d.docs[a.ID] = a
	d.docData[a.ID] = slices.Clone(data)
	s.log(store.AuditCreate, a.ClientID, fmt.Sprintf("document %d (%s)", a.ID, a.Kind))
	return a, s.sealed()
}

func (s *fakeStore) RevealAttachment(_ context.Context, id int64) (store.Attachment, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("RevealAttachment")
	a, ok := s.dossier().docs[id]
	if !ok {
		return a, store.ErrNotFound
	}
	if a.Special {
		s.log(store.AuditReveal, a.ClientID, fmt.Sprintf("document %d", a.ID))
	}
	return a, nil
}

func (s *fakeStore) AttachmentData(_ context.Context, id int64) (store.Attachment, []byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("AttachmentData")
	d := s.dossier()
	a, ok := d.docs[id]
	if !ok {
		return a, nil, store.ErrNotFound
	}
	s.log(store.AuditExport, a.ClientID, fmt.Sprintf("document %d", a.ID))
	return a, slices.Clone(d.docData[id]), nil
}

func (s *fakeStore) DeleteAttachment(_ context.Context, id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("DeleteAttachment")
	d := s.dossier()
	a, ok := d.docs[id]
	if !ok {
		return store.ErrNotFound
	}
	if err := s.writable(a.ClientID); err != nil {
		return err
	}
	delete(d.docs, id)
	delete(d.docData, id)
	s.log(store.AuditDelete, a.ClientID, fmt.Sprintf("document %d", id))
	return s.sealed()
}

// Search finds clients whose name holds the query and records whose title
// or text does, case-insensitively, clients first.
func (s *fakeStore) Search(_ context.Context, query string, limit int) ([]store.Hit, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("Search")
	q := strings.ToLower(strings.TrimSpace(query))
	if q == "" {
		return nil, nil
	}
	var hits []store.Hit
	for _, c := range s.clientsSorted() {
		if strings.Contains(strings.ToLower(c.Name()), q) {
			hits = append(hits, store.Hit{ClientID: c.ID, ClientName: c.Name()})
		}
	}
	var recs []store.Record
	for _, r := range s.dossier().records {
		if strings.Contains(strings.ToLower(r.Title+" "+r.Body), q) {
			recs = append(recs, r)
		}
	}
	slices.SortFunc(recs, func(a, b store.Record) int { return int(a.ID - b.ID) })
	for _, r := range recs {
		h := store.Hit{ClientID: r.ClientID, ClientName: s.clients[r.ClientID].Name(), RecordID: r.ID,
			RecordTitle: r.Title, Kind: r.Kind, Date: r.Date}
		if i := strings.Index(strings.ToLower(r.Body), q); i >= 0 && !r.Special {
			from, to := max(i-30, 0), min(i+len(q)+30, len(r.Body))
			h.Snippet = "…" + r.Body[from:i] + "«" + r.Body[i:i+len(q)] + "»" + r.Body[i+len(q):to] + "…"
		}
		hits = append(hits, h)
	}
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, nil
}

func (s *fakeStore) clientsSorted() []store.Client {
	var out []store.Client
	for _, c := range s.clients {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b store.Client) int { return int(a.ID - b.ID) })
	return out
}

func (s *fakeStore) Audit(_ context.Context, clientID int64, limit int) ([]store.AuditEntry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("Audit")
	var out []store.AuditEntry
	a := s.dossier().audit
	for i := len(a) - 1; i >= 0 && len(out) < limit; i-- {
		if clientID == 0 || a[i].ClientID == clientID {
			out = append(out, a[i])
		}
	}
	return out, nil
}

// put adds records, appointments and documents straight into the fake,
// without audit lines; ids are given by the caller.
func (s *fakeStore) put(items ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.dossier()
	for _, it := range items {
		switch it := it.(type) {
		case store.Record:
			d.records[it.ID] = it
		case store.Appointment:
			d.appts[it.ID] = it
		case store.Attachment:
			d.docs[it.ID] = it
			d.docData[it.ID] = make([]byte, it.Size)
		}
	}
}

// recordsCopy returns every record of the fake.
func (s *fakeStore) recordsCopy() []store.Record {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []store.Record
	for _, r := range s.dossier().records {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b store.Record) int { return int(a.ID - b.ID) })
	return out
}

// auditActions lists the fake's audit actions, oldest first.
func (s *fakeStore) auditActions() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, e := range s.dossier().audit {
		out = append(out, e.Action)
	}
	return out
}

// annaDossier is Anna de Vries's invented dossier (client 1): records of
// every tab, one of them special-category, appointments before and after
// testNow, and a document.
func annaDossier(s *fakeStore) {
	at := func(y int, m time.Month, d, h, mi int) time.Time { return time.Date(y, m, d, h, mi, 0, 0, time.UTC) }
	s.put(
		store.Record{ID: 11, ClientID: 1, Kind: store.KindIntake, Title: "Kennismaking", Date: day(2025, 9, 3),
			Body: "Anna wil haar mbo-diploma halen.\nZe heeft een zoon van twee.\n\nAfspraak: elke week een gesprek."},
		store.Record{ID: 12, ClientID: 1, Kind: store.KindPlan, Title: "Plan van aanpak 2025–2026", Date: day(2025, 9, 17),
			Body: "Doel: in september 2026 starten met de opleiding Verzorgende IG.\n1. Kinderopvang regelen.\n2. Open dag bezoeken."},
		store.Record{ID: 13, ClientID: 1, Kind: store.KindNote, Title: "Gesprek over stage", Date: day(2026, 1, 14),
			Body: "Anna wil graag stage lopen in de thuiszorg.\nZe belt zelf met de stagecoördinator."},
		store.Record{ID: 14, ClientID: 1, Kind: store.KindNote, Title: "Gezondheid", Date: day(2026, 1, 8), Special: true,
			Body: "Anna vertelt over haar rugklachten; de huisarts heeft haar doorverwezen."},
		store.Record{ID: 15, ClientID: 1, Kind: store.KindCV, Title: "Cv januari", Date: day(2026, 1, 10),
			Body: "Anna de Vries\nErvaring: vrijwilliger in het buurthuis."},
		store.Appointment{ID: 21, ClientID: 1, Start: at(2026, 1, 27, 14, 30), Minutes: 60, Place: "Bibliotheek Utrecht"},
		store.Appointment{ID: 22, ClientID: 1, Start: at(2026, 1, 14, 10, 0), Minutes: 60, Place: "Kantoor",
			Attendance: store.AttendanceAttended},
		store.Appointment{ID: 23, ClientID: 1, Start: at(2026, 1, 7, 10, 0), Minutes: 45, Place: "Kantoor",
			Attendance: store.AttendanceCancelled, Reason: "zoon ziek"},
		store.Appointment{ID: 24, ClientID: 1, Start: at(2026, 1, 21, 9, 0), Minutes: 30, Place: "Telefonisch"},
		store.Attachment{ID: 31, ClientID: 1, Name: "cv-anna-de-vries.pdf", Kind: store.KindCV, Size: 123456,
			Added: day(2026, 1, 10)},
	)
	s.mu.Lock()
	s.log(store.AuditView, 1, "")
	s.log(store.AuditCreate, 1, "record 13 (note)")
	s.log(store.AuditReveal, 1, "record 14")
	s.log(store.AuditExport, 1, "document 31")
	s.log(store.AuditDelete, 1, "record 9 (evaluation)")
	s.mu.Unlock()
}
