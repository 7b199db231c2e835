package tui

import (
	"errors"

	"github.com/caseload/caseload/store"
)

// explain turns err into a sentence in the coach's language: what happened
// and what to do. The store's own errors are recognised here; the rest go
// through Backend.Classify.
func explain(e *env, err error) string {
	if err == nil || e == nil {
		return ""
	}
	t := e.text
	if s, ok := keyProblem(e, err); ok {
		return s
	}
	if s, ok := refused(t, err, doingEdit); ok {
		return s
	}
	var ve *store.ValidationError
	var fe *fileError
	switch {
	case errors.As(err, &ve):
		return fieldProblem(t, ve)
	case errors.As(err, &fe):
		return fileProblemText(t, fe, e.home)
	case errors.Is(err, store.ErrNoBlobs):
		return t.T("problem.no_documents")
	case errors.Is(err, store.ErrCaseloadFull):
		return t.T("problem.caseload_full")
	case isNotSaved(e, err):
		switch e.problem(err) {
		case ProblemDiskFull:
			return t.T("problem.disk_full_kept")
		case ProblemChangedOnDisk:
			return problemText(t, ProblemChangedOnDisk)
		case ProblemRolledBack:
			return t.T("problem.rolled_back_write")
		}
		return problemText(t, ProblemNotSaved)
	case errors.Is(err, store.ErrNotFound):
		return problemText(t, ProblemNotFound)
	}
	p := e.problem(err)
	if p == ProblemOther || p == ProblemNone {
		return t.Tf("problem.other", err.Error())
	}
	return problemText(t, p)
}

// doing is what the coach was doing when the store refused, for the
// remedy: an export to the client stays allowed under a restriction, a
// purge waits until it is lifted.
type doing int

const (
	doingEdit doing = iota
	doingExport
	doingRights
	doingPurge
)

// refused is the one place the screens recognise the store's refusals of
// an action on a client, store.ErrRestricted and store.ErrOnHold, and say
// them with the remedy for what the coach was doing; ok is false for any
// other error. (The command line says them in cmd/explain.go.)
func refused(t Text, err error, d doing) (string, bool) {
	switch {
	case errors.Is(err, store.ErrRestricted):
		switch d {
		case doingExport:
			return t.T("export.err_restricted"), true
		case doingRights:
			return t.T("rights.err_restricted"), true
		case doingPurge:
			return t.T("purge.restricted"), true
		}
		return t.T("problem.restricted"), true
	case errors.Is(err, store.ErrOnHold):
		if d == doingRights {
			return t.T("rights.err_hold"), true
		}
		return t.T("purge.on_hold"), true
	}
	return "", false
}

// isNotSaved reports whether err says a change is kept in memory only.
func isNotSaved(e *env, err error) bool {
	if err == nil {
		return false
	}
	return errors.Is(err, store.ErrNotSaved) || e != nil && e.problem(err) == ProblemNotSaved
}

// problemText is the sentence for a problem.
func problemText(t Text, p Problem) string {
	switch p {
	case ProblemNone:
		return ""
	case ProblemWrongPassphrase:
		return t.T("problem.wrong_passphrase")
	case ProblemNotVault:
		return t.T("problem.not_vault")
	case ProblemDamaged:
		return t.T("problem.damaged")
	case ProblemIdentityDamaged:
		return t.T("problem.identity_damaged")
	case ProblemDocumentDamaged:
		return t.T("problem.document_damaged")
	case ProblemInUse:
		return t.T("problem.in_use")
	case ProblemChangedOnDisk:
		return t.T("problem.changed_on_disk")
	case ProblemDiskFull:
		return t.T("problem.disk_full")
	case ProblemNotSaved:
		return t.T("problem.not_saved")
	case ProblemInvalid:
		return t.T("problem.invalid")
	case ProblemNotFound:
		return t.T("problem.not_found")
	case ProblemRolledBack:
		return t.T("problem.rolled_back")
	}
	return t.T("problem.unknown")
}

// fieldProblem is the sentence for a validation error: translated for the
// fields the store names, else the store's own (English) text.
func fieldProblem(t Text, ve *store.ValidationError) string {
	switch ve.Code {
	case store.CodeControl:
		return t.T("invalid.control")
	case store.CodeTooLong:
		if ve.Limit <= store.MaxLine {
			return t.Tf("invalid.too_long_chars", ve.Limit)
		}
		return t.Tf("invalid.too_long_bytes", ve.Limit>>10)
	case store.CodeDateRange:
		return t.T("invalid.date_range")
	}
	if p := codeProblem(t, ve.Code); p != "" {
		return p
	}
	switch ve.Field {
	case "name":
		return t.T("invalid.name")
	case "status":
		return t.T("invalid.status")
	case "referral":
		return t.T("invalid.referral")
	case "email":
		return t.T("invalid.email")
	case "end":
		return t.T("invalid.end")
	case "birth_date":
		return t.T("invalid.birth_date")
	case "rejected_on":
		return t.T("invalid.rejected_on")
	case "hold_reason":
		return t.T("invalid.hold_reason")
	case "restricted_reason":
		return t.T("invalid.restricted_reason")
	case "outcome":
		return t.T("invalid.outcome")
	case "title":
		return t.T("invalid.title")
	case "date":
		return t.T("invalid.date")
	case "start":
		return t.T("invalid.start")
	case "minutes":
		return t.T("invalid.minutes")
	case "kind":
		return t.T("invalid.kind")
	case "attendance":
		return t.T("invalid.attendance")
	}
	return ve.Problem
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
