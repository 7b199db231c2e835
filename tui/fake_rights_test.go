package tui

import (
	"context"
	"slices"
	"strings"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/store/legaldate"
)

// The fake store's rights desk: requests, notices, consents, disclosures
// and the breach register, with the store's rules as far as the screens
// branch on them.

// rightsData is what fakeStore keeps of the rights desk.
type rightsData struct {
	requests    map[int64]store.Request
	notices     map[int64]store.Notice
	consents    map[int64]store.Consent
	disclosures map[int64]store.Disclosure
	breaches    map[int64]store.Breach
	next        int64
}

func (s *fakeStore) rights() *rightsData {
	if s.rr == nil {
		s.rr = &rightsData{requests: map[int64]store.Request{}, notices: map[int64]store.Notice{},
			consents: map[int64]store.Consent{}, disclosures: map[int64]store.Disclosure{},
			breaches: map[int64]store.Breach{}, next: 500}
	}
	return s.rr
}

func (r *rightsData) id() int64 {
	r.next++
	return r.next
}

// fakeToday is the store's today in the fake: the day of testNow.
var fakeToday = day(2026, 1, 22)

func invalidField(field, problem string) error {
	return &store.ValidationError{Field: field, Problem: problem}
}

func (s *fakeStore) Requests(_ context.Context, clientID int64) ([]store.Request, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("Requests")
	var out []store.Request
	for _, r := range s.rights().requests {
		if r.ClientID == clientID {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b store.Request) int {
		if c := b.Received.Compare(a.Received); c != 0 {
			return c
		}
		return int(b.ID - a.ID)
	})
	return out, nil
}

func (s *fakeStore) Request(_ context.Context, id int64) (store.Request, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("Request")
	r, ok := s.rights().requests[id]
	if !ok {
		return r, store.ErrNotFound
	}
	return r, nil
}

func (s *fakeStore) AddRequest(_ context.Context, r store.Request) (store.Request, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("AddRequest")
	if err := r.Validate(); err != nil {
		return r, err
	}
	if _, ok := s.clients[r.ClientID]; !ok {
		return r, store.ErrNotFound
	}
	if r.Received.After(fakeToday) {
		return r, invalidField("received_on", "a request cannot be received after today")
	}
	rd := s.rights()
	r.ID, r.Status, r.Due = rd.id(), store.RequestOpen, legaldate.RequestDeadline(r.Received)
	rd.requests[r.ID] = r
	return r, s.sealed()
}

func (s *fakeStore) UpdateRequest(_ context.Context, r store.Request) (store.Request, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("UpdateRequest")
	old, ok := s.rights().requests[r.ID]
	if !ok {
		return r, store.ErrNotFound
	}
	if err := r.Validate(); err != nil {
		return r, err
	}
	old.Kind, old.Received, old.Channel, old.Notes = r.Kind, r.Received, r.Channel, r.Notes
	old.IdentityChecked, old.IdentityHow = r.IdentityChecked, r.IdentityHow
	old.Due = legaldate.RequestDeadline(old.Received)
	if old.ExtendedMonths > 0 {
		old.Due, _ = legaldate.ExtendedDeadline(old.Received, old.ExtendedMonths)
	}
	s.rights().requests[r.ID] = old
	return old, s.sealed()
}

// openRequest is the store's check before an action on a request.
func (s *fakeStore) openRequest(id int64, kinds ...store.RequestKind) (store.Request, error) {
	r, ok := s.rights().requests[id]
	switch {
	case !ok:
		return r, store.ErrNotFound
	case !r.Open():
		return r, store.ErrRequestClosed
	case len(kinds) > 0 && !slices.Contains(kinds, r.Kind):
		return r, invalidField("kind", "another kind of request")
	}
	return r, nil
}

func (s *fakeStore) AnswerRequest(_ context.Context, id int64, outcome string) (store.Request, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("AnswerRequest")
	r, err := s.openRequest(id)
	switch {
	case err != nil:
		return r, err
	case r.Kind == store.RequestObjection && strings.TrimSpace(outcome) == "":
		return r, invalidField("outcome", "an objection needs the decision and why")
	case r.IdentityRequired() && !r.IdentityChecked:
		return r, store.ErrIdentityNotChecked
	}
	r.Status, r.Answered, r.Outcome = store.RequestAnswered, fakeToday, outcome
	s.rights().requests[id] = r
	return r, s.sealed()
}

func (s *fakeStore) AcceptObjection(ctx context.Context, id int64, decision string) (store.Request, error) {
	r, err := s.AnswerRequest(ctx, id, decision)
	if err != nil {
		return r, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.clients[r.ClientID]
	if !c.Restricted {
		c.Restricted, c.RestrictedReason = true, "objection upheld (art. 21): "+decision
		s.clients[r.ClientID] = c
	}
	return r, nil
}

func (s *fakeStore) RefuseRequest(_ context.Context, id int64, reason string) (store.Request, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("RefuseRequest")
	if strings.TrimSpace(reason) == "" {
		return store.Request{}, invalidField("outcome", "a refusal needs its reason")
	}
	r, err := s.openRequest(id)
	if err != nil {
		return r, err
	}
	r.Status, r.Answered, r.Outcome = store.RequestRefused, fakeToday, reason
	s.rights().requests[id] = r
	return r, s.sealed()
}

func (s *fakeStore) ExtendRequest(_ context.Context, id int64, months int, reason string) (store.Request, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("ExtendRequest")
	if strings.TrimSpace(reason) == "" {
		return store.Request{}, invalidField("extension_reason", "an extension needs a reason")
	}
	r, err := s.openRequest(id)
	if err != nil {
		return r, err
	}
	if fakeToday.After(r.ExtensionNoticeBy()) {
		return r, store.ErrExtensionTooLate
	}
	if r.Due, err = legaldate.ExtendedDeadline(r.Received, months); err != nil {
		return r, err
	}
	r.Status, r.ExtendedMonths, r.ExtensionReason, r.ExtensionSent = store.RequestExtended, months, reason, fakeToday
	s.rights().requests[id] = r
	return r, s.sealed()
}

func (s *fakeStore) RestrictFromRequest(_ context.Context, id int64, reason string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("RestrictFromRequest")
	if strings.TrimSpace(reason) == "" {
		return invalidField("restricted_reason", "a restriction needs a reason")
	}
	r, err := s.openRequest(id, store.RequestRestriction)
	if err != nil {
		return err
	}
	c := s.clients[r.ClientID]
	if !c.Restricted {
		c.Restricted, c.RestrictedReason = true, reason
		s.clients[c.ID] = c
	}
	return s.sealed()
}

// recipientsOf is the distinct recipients of a client's disclosures.
func (s *fakeStore) recipientsOf(clientID int64) []string {
	var out []string
	for _, d := range s.sortedDisclosures(clientID) {
		if !slices.ContainsFunc(out, func(n string) bool { return strings.EqualFold(n, d.Recipient) }) {
			out = append(out, d.Recipient)
		}
	}
	return out
}

func (s *fakeStore) NotifyList(_ context.Context, id int64) ([]store.Notice, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("NotifyList")
	rd := s.rights()
	r, ok := rd.requests[id]
	if !ok {
		return nil, store.ErrNotFound
	}
	var out []store.Notice
	for _, n := range rd.notices {
		if n.RequestID == id {
			out = append(out, n)
		}
	}
	for _, name := range s.recipientsOf(r.ClientID) {
		if !slices.ContainsFunc(out, func(n store.Notice) bool { return strings.EqualFold(n.Recipient, name) }) {
			n := store.Notice{ID: rd.id(), RequestID: id, Recipient: name}
			rd.notices[n.ID] = n
			out = append(out, n)
		}
	}
	slices.SortFunc(out, func(a, b store.Notice) int { return int(a.ID - b.ID) })
	return out, nil
}

func (s *fakeStore) MarkNotified(_ context.Context, id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("MarkNotified")
	n, ok := s.rights().notices[id]
	if !ok {
		return store.ErrNotFound
	}
	if n.Notified.IsZero() {
		n.Notified = fakeToday
		s.rights().notices[id] = n
	}
	return s.sealed()
}

func (s *fakeStore) PlanErasure(_ context.Context, id int64) (store.PurgePlan, error) {
	s.mu.Lock()
	r, err := s.openRequest(id, store.RequestErasure)
	if err == nil && !r.IdentityChecked {
		err = store.ErrIdentityNotChecked
	}
	if err == nil {
		for _, name := range s.recipientsOf(r.ClientID) {
			told := slices.ContainsFunc(mapValues(s.rights().notices), func(n store.Notice) bool {
				return n.RequestID == id && strings.EqualFold(n.Recipient, name) && !n.Notified.IsZero()
			})
			if !told {
				err = store.ErrNoticesPending
			}
		}
	}
	s.mu.Unlock()
	if err != nil {
		return store.PurgePlan{}, err
	}
	p, err := s.PlanPurge(context.Background(), r.ClientID, store.PurgeOptions{Override: true})
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("PlanErasure")
	p.Override = true
	for _, c := range s.rights().consents {
		if c.ClientID == r.ClientID {
			p.Consents++
		}
	}
	p.Disclosures = len(s.sortedDisclosures(r.ClientID))
	for _, q := range s.rights().requests {
		if q.ClientID == r.ClientID {
			p.Requests++
		}
	}
	return p, err
}

func mapValues[K comparable, V any](m map[K]V) []V {
	out := make([]V, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

func (s *fakeStore) Consents(_ context.Context, clientID int64) ([]store.Consent, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("Consents")
	var out []store.Consent
	for _, c := range s.rights().consents {
		if c.ClientID == clientID {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b store.Consent) int {
		if c := b.Given.Compare(a.Given); c != 0 {
			return c
		}
		return int(b.ID - a.ID)
	})
	return out, nil
}

func (s *fakeStore) AddConsent(_ context.Context, c store.Consent) (store.Consent, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("AddConsent")
	if c.GivenBy == "" {
		c.GivenBy = store.GivenByClient
	}
	if err := c.Validate(); err != nil {
		return c, err
	}
	cl, ok := s.clients[c.ClientID]
	if !ok {
		return c, store.ErrNotFound
	}
	if age := cl.AgeOn(c.Given); c.GivenBy == store.GivenByClient && age >= 0 && age < 16 {
		return c, invalidField("given_by", "under 16")
	}
	c.ID = s.rights().id()
	s.rights().consents[c.ID] = c
	return c, s.sealed()
}

func (s *fakeStore) withdraw(id int64) (store.Consent, error) {
	c, ok := s.rights().consents[id]
	if !ok {
		return c, store.ErrNotFound
	}
	if c.Withdrawn.IsZero() {
		c.Withdrawn = fakeToday
		s.rights().consents[id] = c
	}
	return c, s.sealed()
}

func (s *fakeStore) WithdrawConsent(_ context.Context, id int64) (store.Consent, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("WithdrawConsent")
	return s.withdraw(id)
}

func (s *fakeStore) WithdrawConsentFromRequest(_ context.Context, requestID, consentID int64) (store.Consent, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("WithdrawConsentFromRequest")
	if _, err := s.openRequest(requestID, store.RequestConsentWithdrawal); err != nil {
		return store.Consent{}, err
	}
	return s.withdraw(consentID)
}

func (s *fakeStore) sortedDisclosures(clientID int64) []store.Disclosure {
	var out []store.Disclosure
	for _, d := range s.rights().disclosures {
		if d.ClientID == clientID {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, func(a, b store.Disclosure) int {
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
		return int(b.ID - a.ID)
	})
	return out
}

func (s *fakeStore) Disclosures(_ context.Context, clientID int64) ([]store.Disclosure, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("Disclosures")
	return s.sortedDisclosures(clientID), nil
}

func (s *fakeStore) AddDisclosure(_ context.Context, d store.Disclosure) (store.Disclosure, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("AddDisclosure")
	if err := d.Validate(); err != nil {
		return d, err
	}
	if err := s.writable(d.ClientID); err != nil {
		return d, err
	}
	if d.Basis == store.LegalBasisConsent {
		i := slices.IndexFunc(mapValues(s.rights().consents), func(c store.Consent) bool {
			return c.ClientID == d.ClientID && strings.EqualFold(c.Recipient, d.Recipient) && c.Covers(d.Date)
		})
		if i < 0 {
			var all []store.Consent
			for _, c := range mapValues(s.rights().consents) {
				if c.ClientID == d.ClientID {
					all = append(all, c)
				}
			}
			slices.SortFunc(all, func(a, b store.Consent) int { return b.Given.Compare(a.Given) })
			return d, &store.NoConsentError{Recipient: d.Recipient, Consents: all}
		}
	}
	d.ID = s.rights().id()
	s.rights().disclosures[d.ID] = d
	return d, s.sealed()
}

func (s *fakeStore) Breaches(context.Context) ([]store.Breach, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("Breaches")
	out := mapValues(s.rights().breaches)
	slices.SortFunc(out, func(a, b store.Breach) int { return b.Discovered.Compare(a.Discovered) })
	return out, nil
}

func (s *fakeStore) Complaints(_ context.Context, clientID int64) ([]store.Complaint, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []store.Complaint
	for _, c := range s.complaints {
		if c.ClientID == clientID {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b store.Complaint) int { return b.Received.Compare(a.Received) })
	return out, nil
}

func (s *fakeStore) SaveComplaint(_ context.Context, c store.Complaint) (store.Complaint, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("SaveComplaint")
	if err := c.Validate(); err != nil {
		return c, err
	}
	if c.ID == 0 {
		c.ID = int64(len(s.complaints) + 1)
		s.complaints = append(s.complaints, c)
		return c, s.sealed()
	}
	for i := range s.complaints {
		if s.complaints[i].ID == c.ID {
			s.complaints[i] = c
			return c, s.sealed()
		}
	}
	return c, store.ErrNotFound
}

func (s *fakeStore) Recipients(context.Context) ([]store.Recipient, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	seen := map[string]bool{}
	var out []store.Recipient
	for _, c := range mapValues(s.rights().consents) {
		if !seen[c.Recipient] {
			seen[c.Recipient] = true
			out = append(out, store.Recipient{ID: int64(len(out) + 1), Name: c.Recipient})
		}
	}
	slices.SortFunc(out, func(a, b store.Recipient) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

func (s *fakeStore) ClientBreaches(_ context.Context, clientID int64) ([]store.Breach, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []store.Breach
	for _, b := range s.rights().breaches {
		if slices.Contains(b.Clients, clientID) {
			out = append(out, b)
		}
	}
	slices.SortFunc(out, func(a, b store.Breach) int { return b.Discovered.Compare(a.Discovered) })
	return out, nil
}

func (s *fakeStore) AddBreach(_ context.Context, b store.Breach) (store.Breach, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("AddBreach")
	if err := b.Validate(); err != nil {
		return b, err
	}
	b.ID = s.rights().id()
	s.rights().breaches[b.ID] = b
	return b, s.sealed()
}

func (s *fakeStore) UpdateBreach(_ context.Context, b store.Breach) (store.Breach, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("UpdateBreach")
	if _, ok := s.rights().breaches[b.ID]; !ok {
		return b, store.ErrNotFound
	}
	if err := b.Validate(); err != nil {
		return b, err
	}
	s.rights().breaches[b.ID] = b
	return b, s.sealed()
}

// putRights adds requests, consents, disclosures and breaches straight
// into the fake; ids are given by the caller.
func (s *fakeStore) putRights(items ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rd := s.rights()
	for _, it := range items {
		switch it := it.(type) {
		case store.Request:
			if it.Status == "" {
				it.Status = store.RequestOpen
			}
			if it.Due.IsZero() {
				it.Due = legaldate.RequestDeadline(it.Received)
			}
			rd.requests[it.ID] = it
		case store.Consent:
			rd.consents[it.ID] = it
		case store.Disclosure:
			rd.disclosures[it.ID] = it
		case store.Breach:
			rd.breaches[it.ID] = it
		}
	}
}

// request returns a request of the fake as it is now.
func (s *fakeStore) request(id int64) store.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rights().requests[id]
}
