package tui

import (
	"github.com/caseload/caseload/store"

	"github.com/caseload/caseload/tui/kit"
)

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
	case store.OutcomeUnknown:
		return t.T("outcome.unknown")
	}
	return string(o)
}

// kindText names a record or document kind.
func kindText(t Text, k store.RecordKind) string {
	switch k {
	case store.KindIntake:
		return t.T("kind.intake")
	case store.KindPlan:
		return t.T("kind.plan")
	case store.KindEvaluation:
		return t.T("kind.evaluation")
	case store.KindNote:
		return t.T("kind.note")
	case store.KindCV:
		return t.T("kind.cv")
	case store.KindLetter:
		return t.T("kind.letter")
	case store.KindEmail:
		return t.T("kind.email")
	case store.KindOther:
		return t.T("kind.other")
	}
	return string(k)
}

// attendanceText names what happened to an appointment.
func attendanceText(t Text, a store.Attendance) string {
	switch a {
	case store.AttendancePlanned:
		return t.T("attendance.planned")
	case store.AttendanceAttended:
		return t.T("attendance.attended")
	case store.AttendanceCancelled:
		return t.T("attendance.cancelled")
	case store.AttendanceNoShow:
		return t.T("attendance.no_show")
	}
	return string(a)
}

// auditAction names an audit line's action.
func auditAction(t Text, action string) string {
	switch action {
	case store.AuditUnlock:
		return t.T("audit.unlock")
	case store.AuditView:
		return t.T("audit.view")
	case store.AuditReveal:
		return t.T("audit.reveal")
	case store.AuditCreate:
		return t.T("audit.create")
	case store.AuditEdit:
		return t.T("audit.edit")
	case store.AuditDelete:
		return t.T("audit.delete")
	case store.AuditExport:
		return t.T("audit.export")
	case store.AuditImport:
		return t.T("audit.import")
	case store.AuditPurge:
		return t.T("audit.purge")
	}
	return kit.OneLine(action)
}
