package tui

import (
	"errors"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// The commands of the rights desk: requests, consents, disclosures and the
// breach register. As in commands.go, every store call happens inside a
// tea.Cmd and every result carries the request id of the screen state
// that asked.

// rights is what the client screen's consent and requests tabs list.
type rights struct {
	requests    []store.Request
	consents    []store.Consent
	disclosures []store.Disclosure
}

// rightsLoadedMsg answers loadRights.
type rightsLoadedMsg struct {
	req reqID
	r   rights
	err error
}

func (m rightsLoadedMsg) request() reqID { return m.req }

// loadRights reads a client's requests, consents and disclosures.
func loadRights(s Store, req reqID, clientID int64) tea.Cmd {
	return func() tea.Msg {
		var r rights
		var err error
		if r.requests, err = s.Requests(ctx(), clientID); err != nil {
			return rightsLoadedMsg{req: req, err: err}
		}
		if r.consents, err = s.Consents(ctx(), clientID); err != nil {
			return rightsLoadedMsg{req: req, err: err}
		}
		r.disclosures, err = s.Disclosures(ctx(), clientID)
		return rightsLoadedMsg{req: req, r: r, err: err}
	}
}

// requestDetail is what the request view shows: the request, the
// recipients to tell of it (art. 19) and, for a withdrawal of consent,
// the client's consents to pick from.
type requestDetail struct {
	r        store.Request
	notices  []store.Notice
	consents []store.Consent
}

// requestLoadedMsg answers loadRequest.
type requestLoadedMsg struct {
	req reqID
	d   requestDetail
	err error
}

func (m requestLoadedMsg) request() reqID { return m.req }

// loadRequest reads a request with what its kind needs alongside.
func loadRequest(s Store, req reqID, id int64) tea.Cmd {
	return func() tea.Msg {
		var d requestDetail
		var err error
		if d.r, err = s.Request(ctx(), id); err != nil {
			return requestLoadedMsg{req: req, err: err}
		}
		switch d.r.Kind {
		case store.RequestRectification, store.RequestErasure, store.RequestRestriction:
			d.notices, err = s.NotifyList(ctx(), id)
		case store.RequestConsentWithdrawal:
			d.consents, err = s.Consents(ctx(), d.r.ClientID)
		}
		return requestLoadedMsg{req: req, d: d, err: err}
	}
}

// rightsSavedMsg answers every command of the rights desk that changes the
// caseload: id is what was added or changed, r the request as it is now
// (for the commands on a request).
type rightsSavedMsg struct {
	req reqID
	id  int64
	r   store.Request
	err error
}

func (m rightsSavedMsg) saveErr() error { return m.err }
func (m rightsSavedMsg) request() reqID { return m.req }

// saveRequest adds a request (ID 0) or corrects one.
func saveRequest(s Store, req reqID, r store.Request) tea.Cmd {
	return saving(func() tea.Msg {
		var err error
		if r.ID == 0 {
			r, err = s.AddRequest(ctx(), r)
		} else {
			r, err = s.UpdateRequest(ctx(), r)
		}
		return rightsSavedMsg{req: req, id: r.ID, r: r, err: err}
	})
}

// requestAction is one of the actions of the request view that take a
// text: an answer, a refusal, an extension or a restriction.
type requestAction int

const (
	actionNone requestAction = iota
	actionAnswer
	actionRefuse
	actionExtend
	actionRestrict
	// The actions of the request view that take no text.
	actionNotified
	actionWithdraw
	actionErase
	// actionUphold answers an objection by upholding it, which restricts
	// processing at once (store.AcceptObjection). It takes a text: last
	// here so the numbers of drafts saved before it keep their meaning.
	actionUphold
)

// takesText reports whether action a is answered in a text field, and so
// can be kept as a draft.
func (a requestAction) takesText() bool {
	return (a >= actionAnswer && a <= actionRestrict) || a == actionUphold
}

// actOnRequest carries out action on request id with text (and months,
// for an extension).
func actOnRequest(s Store, req reqID, id int64, action requestAction, text string, months int) tea.Cmd {
	return saving(func() tea.Msg {
		msg := rightsSavedMsg{req: req, id: id}
		switch action {
		case actionAnswer:
			msg.r, msg.err = s.AnswerRequest(ctx(), id, text)
		case actionRefuse:
			msg.r, msg.err = s.RefuseRequest(ctx(), id, text)
		case actionExtend:
			msg.r, msg.err = s.ExtendRequest(ctx(), id, months, text)
		case actionRestrict:
			msg.err = s.RestrictFromRequest(ctx(), id, text)
		case actionUphold:
			msg.r, msg.err = s.AcceptObjection(ctx(), id, text)
		}
		return msg
	})
}

// markNotified records that the recipient of a notice was told today.
func markNotified(s Store, req reqID, noticeID int64) tea.Cmd {
	return saving(func() tea.Msg {
		return rightsSavedMsg{req: req, id: noticeID, err: s.MarkNotified(ctx(), noticeID)}
	})
}

// withdrawConsent withdraws a consent, through the request that asks for
// it when requestID is not 0.
func withdrawConsent(s Store, req reqID, requestID, consentID int64) tea.Cmd {
	return saving(func() tea.Msg {
		var err error
		if requestID != 0 {
			_, err = s.WithdrawConsentFromRequest(ctx(), requestID, consentID)
		} else {
			_, err = s.WithdrawConsent(ctx(), consentID)
		}
		return rightsSavedMsg{req: req, id: consentID, err: err}
	})
}

// erasurePlannedMsg answers planErasure.
type erasurePlannedMsg struct {
	req  reqID
	plan store.PurgePlan
	err  error
}

func (m erasurePlannedMsg) request() reqID { return m.req }

// planErasure plans the purge an erasure request asks for.
func planErasure(s Store, req reqID, requestID int64) tea.Cmd {
	return func() tea.Msg {
		p, err := s.PlanErasure(ctx(), requestID)
		return erasurePlannedMsg{req: req, plan: p, err: err}
	}
}

// addConsent records a consent.
func addConsent(s Store, req reqID, c store.Consent) tea.Cmd {
	return saving(func() tea.Msg {
		c, err := s.AddConsent(ctx(), c)
		return rightsSavedMsg{req: req, id: c.ID, err: err}
	})
}

// addDisclosure records a disclosure.
func addDisclosure(s Store, req reqID, d store.Disclosure) tea.Cmd {
	return saving(func() tea.Msg {
		d, err := s.AddDisclosure(ctx(), d)
		return rightsSavedMsg{req: req, id: d.ID, err: err}
	})
}

// breachesLoadedMsg answers loadBreaches.
type breachesLoadedMsg struct {
	req   reqID
	items []store.Breach
	err   error
}

func (m breachesLoadedMsg) request() reqID { return m.req }

// loadBreaches reads the breach register. The breach form reads it too, to
// find the one breach it edits: the register is short, and the store has
// no getter for one.
func loadBreaches(s Store, req reqID) tea.Cmd {
	return func() tea.Msg {
		items, err := s.Breaches(ctx())
		return breachesLoadedMsg{req: req, items: items, err: err}
	}
}

// saveBreach adds a breach (ID 0) or stores what became known of one.
func saveBreach(s Store, req reqID, b store.Breach) tea.Cmd {
	return saving(func() tea.Msg {
		var err error
		if b.ID == 0 {
			b, err = s.AddBreach(ctx(), b)
		} else {
			b, err = s.UpdateBreach(ctx(), b)
		}
		return rightsSavedMsg{req: req, id: b.ID, err: err}
	})
}

// rightsProblem is the sentence for an error of the rights desk: the
// store's sentinels in the coach's words, the rest as explain has them.
func rightsProblem(e *env, err error) string {
	t := e.text
	switch {
	case errors.Is(err, store.ErrIdentityNotChecked):
		return t.T("rights.err_identity")
	case errors.Is(err, store.ErrNoticesPending):
		return t.T("rights.err_notices")
	case errors.Is(err, store.ErrRequestClosed):
		return t.T("rights.err_closed")
	case errors.Is(err, store.ErrExtensionTooLate):
		return t.T("rights.err_too_late")
	case errors.Is(err, store.ErrNoConsent):
		return t.T("rights.err_no_consent") + consentsOnFile(t, err)
	}
	if s, ok := refused(t, err, doingRights); ok {
		return s
	}
	return explain(e, err)
}

// consentsOnFile lists, after a refusal for want of consent, the consents
// the client has, so a consent recorded under another recipient or
// withdrawn is seen at once; empty when the error carries none.
func consentsOnFile(t Text, err error) string {
	var nc *store.NoConsentError
	if !errors.As(err, &nc) {
		return ""
	}
	if len(nc.Consents) == 0 {
		return " " + t.T("consent.none_on_file")
	}
	parts := make([]string, len(nc.Consents))
	for i, c := range nc.Consents {
		state := t.Tf("consent.on_file_since", t.DateShort(c.Given))
		if !c.Withdrawn.IsZero() {
			state = t.Tf("request.consent_withdrawn", t.DateShort(c.Withdrawn))
		}
		parts[i] = kit.OneLine(c.Recipient) + " (" + kit.OneLine(c.Purpose) + ", " + state + ")"
	}
	return " " + t.T("consent.on_file") + " " + strings.Join(parts, "; ")
}

// rightsFieldProblem is the sentence for a refused field of the rights
// forms; fields the store names elsewhere go to fieldProblem.
func rightsFieldProblem(t Text, ve *store.ValidationError) string {
	switch ve.Field {
	case "received_on":
		return t.T("rights.invalid_received")
	case "identity_how":
		return t.T("rights.invalid_identity_how")
	case "purpose":
		return t.T("rights.invalid_purpose")
	case "recipient":
		return t.T("rights.invalid_recipient")
	case "given_on", "withdrawn_on":
		return t.T("rights.invalid_given")
	case "given_by":
		return t.T("rights.invalid_given_by")
	case "what":
		return t.T("rights.invalid_what")
	case "disclosed_on":
		return t.T("rights.invalid_disclosed")
	case "extension_reason", "outcome":
		return t.T("rights.invalid_reason")
	case "discovered_at":
		return t.T("breach.invalid_discovered")
	case "description":
		return t.T("breach.invalid_description")
	case "people_affected", "records_affected":
		return t.T("breach.invalid_count")
	case "reported_at", "people_informed_at":
		return t.T("breach.invalid_moment")
	case "not_reported_reason":
		return t.T("breach.invalid_reason")
	}
	return fieldProblem(t, ve)
}
