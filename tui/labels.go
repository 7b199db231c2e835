package tui

import "github.com/caseload/caseload/store"

// The store's enumerations in the coach's words. Each is a switch with
// literal keys so the catalog test can see every key.

// statusText names a client's status.
func statusText(t Text, s store.Status) string {
	switch s {
	case store.StatusIntake:
		return t.T("status.intake")
	case store.StatusActive:
		return t.T("status.active")
	case store.StatusClosed:
		return t.T("status.closed")
	case store.StatusRejected:
		return t.T("status.rejected")
	}
	return string(s)
}

// referralText names who sent a client; "" for not set.
func referralText(t Text, r store.Referral) string {
	switch r {
	case store.ReferralSelf:
		return t.T("referral.self")
	case store.ReferralMunicipality:
		return t.T("referral.municipality")
	case store.ReferralSchool:
		return t.T("referral.school")
	case store.ReferralOther:
		return t.T("referral.other")
	}
	return string(r)
}

// outcomeText names how a trajectory ended; "" for not set.
func outcomeText(t Text, o store.Outcome) string {
	switch o {
	case store.OutcomeEducation:
		return t.T("outcome.education")
	case store.OutcomeWork:
		return t.T("outcome.work")
	case store.OutcomeOther:
		return t.T("outcome.other")
	case store.OutcomeDroppedOut:
		return t.T("outcome.dropped_out")
	}
	return string(o)
}
