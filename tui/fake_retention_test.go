package tui

import (
	"context"
	"slices"
	"time"

	"github.com/caseload/caseload/store"
)

// retentionData is the fake store's retention state: deadlines, policies,
// the practice and statistics, and what backups/ holds.
type retentionData struct {
	deadlines  []store.Deadline
	policies   []store.Policy
	practice   store.Practice
	stats      []store.YearStats
	impact     store.PolicyImpact
	backups    BackupInfo
	dropped    bool
	purged     []int64
	purgeErr   error // Purge fails with it once
	target     int
	processors []store.Processor
}

func (s *fakeStore) ret() *retentionData {
	if s.rd == nil {
		s.rd = &retentionData{policies: []store.Policy{
			{Category: store.CategoryDossier, Basis: store.BasisTrajectoryEnd, Months: 24, Reason: "Richtlijn beroepsvereniging"},
			{Category: store.CategoryRejectedIntake, Basis: store.BasisRejection, Months: 3, Reason: "Niet langer nodig"},
			{Category: store.CategoryInvoice, Basis: store.BasisInvoiceDate, Months: 84, Reason: "Fiscale bewaarplicht"},
		}}
	}
	return s.rd
}

func (s *fakeStore) Deadlines(context.Context) ([]store.Deadline, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("Deadlines")
	var out []store.Deadline
	for _, d := range s.ret().deadlines {
		if _, ok := s.clients[d.ClientID]; ok || d.ClientID == 0 {
			out = append(out, d)
		}
	}
	return out, nil
}

func (s *fakeStore) ImageSize() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.imageSize
}

func (s *fakeStore) DueCount(context.Context) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("DueCount")
	n := 0
	for _, d := range s.ret().deadlines {
		if _, ok := s.clients[d.ClientID]; ok && d.Category != store.CategoryInvoice && purgeable(d) {
			n++
		}
	}
	return n, nil
}

func (s *fakeStore) PlanPurge(_ context.Context, id int64, _ store.PurgeOptions) (store.PurgePlan, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("PlanPurge")
	c, ok := s.clients[id]
	switch {
	case !ok:
		return store.PurgePlan{}, store.ErrNotFound
	case c.Hold:
		return store.PurgePlan{}, store.ErrOnHold
	case c.Restricted:
		return store.PurgePlan{}, store.ErrRestricted
	}
	p := store.PurgePlan{Category: store.CategoryDossier, ClientID: id, Name: c.Name(),
		Policy: "dossier: 24 months after trajectory end", InvoicesKept: 2, InvoicesKeptUntil: day(2031, 3, 1)}
	for _, r := range s.dossier().records {
		if r.ClientID == id {
			p.Records++
		}
	}
	for _, a := range s.dossier().appts {
		if a.ClientID == id {
			p.Appointments++
		}
	}
	for _, d := range s.dossier().docs {
		if d.ClientID == id {
			p.Documents++
		}
	}
	return p, nil
}

func (s *fakeStore) PlanInvoicePurge(_ context.Context, id int64) (store.PurgePlan, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("PlanInvoicePurge")
	return store.PurgePlan{Category: store.CategoryInvoice, ClientID: id, InvoicesErased: 1,
		Policy: "invoice: 84 months after invoice date"}, nil
}

func (s *fakeStore) Purge(_ context.Context, p store.PurgePlan) (store.Tombstone, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("Purge")
	rd := s.ret()
	if err := rd.purgeErr; err != nil {
		rd.purgeErr = nil
		return store.Tombstone{}, err
	}
	if p.Category != store.CategoryInvoice {
		delete(s.clients, p.ClientID)
	}
	rd.purged = append(rd.purged, p.ClientID)
	return store.Tombstone{ClientID: p.ClientID}, s.sealed()
}

func (s *fakeStore) SetHold(_ context.Context, id int64, on bool, reason string, until time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("SetHold")
	c, ok := s.clients[id]
	if !ok {
		return store.ErrNotFound
	}
	c.Hold, c.HoldReason, c.HoldUntil = on, reason, until
	if err := c.Validate(); err != nil {
		return err
	}
	s.clients[id] = c
	return s.sealed()
}

func (s *fakeStore) SetRestriction(_ context.Context, id int64, on bool, reason string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("SetRestriction")
	c, ok := s.clients[id]
	if !ok {
		return store.ErrNotFound
	}
	c.Restricted, c.RestrictedReason = on, reason
	if err := c.Validate(); err != nil {
		return err
	}
	s.clients[id] = c
	return s.sealed()
}

func (s *fakeStore) Policies(context.Context) ([]store.Policy, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("Policies")
	return append([]store.Policy(nil), s.ret().policies...), nil
}

func (s *fakeStore) SavePolicy(_ context.Context, p store.Policy) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("SavePolicy")
	if err := p.Validate(); err != nil {
		return err
	}
	for i, q := range s.ret().policies {
		if q.Category == p.Category {
			s.rd.policies[i] = p
		}
	}
	return s.sealed()
}

func (s *fakeStore) PreviewPolicy(_ context.Context, p store.Policy) (store.PolicyImpact, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("PreviewPolicy")
	i := s.ret().impact
	i.Category = p.Category
	return i, nil
}

func (s *fakeStore) Practice(context.Context) (store.Practice, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("Practice")
	return s.ret().practice, nil
}

func (s *fakeStore) SavePractice(_ context.Context, p store.Practice) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("SavePractice")
	s.ret().practice = p
	return s.sealed()
}

func (s *fakeStore) AnswerTarget(context.Context) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ret().target, nil
}

func (s *fakeStore) SetAnswerTarget(_ context.Context, days int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("SetAnswerTarget")
	s.ret().target = days
	return s.sealed()
}

func (s *fakeStore) Processors(context.Context) ([]store.Processor, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.ret().processors), nil
}

func (s *fakeStore) SaveProcessor(_ context.Context, p store.Processor) (store.Processor, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("SaveProcessor")
	if err := p.Validate(); err != nil {
		return p, err
	}
	r := s.ret()
	if p.ID == 0 {
		p.ID = int64(len(r.processors) + 1)
		r.processors = append(r.processors, p)
		return p, s.sealed()
	}
	for i := range r.processors {
		if r.processors[i].ID == p.ID {
			r.processors[i] = p
			return p, s.sealed()
		}
	}
	return p, store.ErrNotFound
}

func (s *fakeStore) DeleteProcessor(_ context.Context, id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("DeleteProcessor")
	r := s.ret()
	r.processors = slices.DeleteFunc(r.processors, func(p store.Processor) bool { return p.ID == id })
	return s.sealed()
}

func (s *fakeStore) Statistics(context.Context) ([]store.YearStats, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("Statistics")
	return s.ret().stats, nil
}

func (s *fakeStore) Backups() (BackupInfo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ret().backups, nil
}

func (s *fakeStore) DropBackups() (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := s.ret().backups.Count
	s.rd.backups, s.rd.dropped = BackupInfo{}, true
	return n, nil
}

// retentionStoreForTest is the people caseload with deadlines in every
// state: Mehmet (#3) counting, Fatima (#4) on hold, Sanne (#5) overdue,
// and invented extra clients soon, urgent, restricted and running.
func retentionStoreForTest() *fakeStore {
	s := newPeopleStore()
	extra := []store.Client{
		{FirstName: "Daan", LastName: "Visser", Status: store.StatusClosed, Outcome: store.OutcomeOther,
			Start: day(2023, 1, 10), End: day(2024, 2, 20)},
		{FirstName: "Lotte", LastName: "Smit", Status: store.StatusClosed, Outcome: store.OutcomeDroppedOut,
			Start: day(2023, 5, 1), End: day(2024, 2, 1)},
		{FirstName: "Ruben", LastName: "Mulder", Status: store.StatusRejected, RejectedOn: day(2025, 9, 1),
			Restricted: true, RestrictedReason: "bezwaar"},
	}
	for _, c := range extra {
		s.nextID++
		c.ID = s.nextID
		s.clients[c.ID] = c
	}
	s.rows[3] = store.ClientRow{Retention: store.Countdown{State: store.RetentionCounting, Category: store.CategoryDossier,
		PurgeOn: day(2027, 6, 30), DaysLeft: 524}}
	s.rows[5] = store.ClientRow{Retention: store.Countdown{State: store.RetentionOverdue, Category: store.CategoryRejectedIntake,
		PurgeOn: day(2026, 1, 19), DaysLeft: -3}}
	s.ret().deadlines = []store.Deadline{
		{Kind: store.DeadlineRetention, Category: store.CategoryRejectedIntake, ClientID: 5, Name: "Sanne Bakker",
			Due: day(2026, 1, 19), DaysLeft: -3, State: store.RetentionOverdue},
		{Kind: store.DeadlineRetention, Category: store.CategoryDossier, ClientID: 7, Name: "Lotte Smit",
			Due: day(2026, 1, 22), DaysLeft: 0, State: store.RetentionUrgent},
		{Kind: store.DeadlineRetention, Category: store.CategoryRejectedIntake, ClientID: 8, Name: "Ruben Mulder",
			Due: day(2026, 1, 22), DaysLeft: 0, State: store.RetentionUrgent, Restricted: true},
		{Kind: "complaint", ClientID: 1, Name: "Anna de Vries", Ref: "klacht over planning",
			Due: day(2026, 1, 30), DaysLeft: 8, State: store.RetentionUrgent},
		{Kind: store.DeadlineRetention, Category: store.CategoryDossier, ClientID: 6, Name: "Daan Visser",
			Due: day(2026, 2, 12), DaysLeft: 21, State: store.RetentionSoon},
		{Kind: store.DeadlineRetention, Category: store.CategoryInvoice, ClientID: 0, Ref: "2019-014",
			Due: day(2026, 2, 20), DaysLeft: 29, State: store.RetentionSoon},
		{Kind: store.DeadlineRetention, Category: store.CategoryDossier, ClientID: 4, Name: "Fatima el Amrani",
			Due: day(2025, 12, 15), DaysLeft: -38, State: store.RetentionHold, HoldReason: "klacht"},
	}
	s.ret().backups = BackupInfo{Count: 7, Oldest: day(2025, 12, 23), KeptUntil: day(2026, 2, 21)}
	s.ret().stats = []store.YearStats{
		{Year: 2024, Trajectories: 12, Measured: 12, MedianDays: 143, Outcomes: map[store.Outcome]int{
			store.OutcomeEducation: 5, store.OutcomeWork: 4, store.OutcomeOther: 2, store.OutcomeDroppedOut: 1}},
		{Year: 2025, Trajectories: 3, Measured: 3, MedianDays: 200, Outcomes: map[store.Outcome]int{
			store.OutcomeWork: 2, store.OutcomeEducation: 1}},
	}
	s.ret().practice = store.Practice{Name: "Coaching Noord", Email: "info@example.nl", KvK: "12345678"}
	return s
}

func (s *fakeStore) Register(context.Context) (store.RegisterFacts, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("Register")
	p := s.ret().practice
	p.Purposes = "Begeleiding van jonge moeders terug naar school"
	return store.RegisterFacts{Controller: p}, nil
}
