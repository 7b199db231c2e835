package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/caseload/caseload/store"
)

// TestDamageProblemsNameTheirRemedy: a damaged key file points to the
// recovery key and a damaged document to that document, never to
// copying a backup over the vault, which would lose the newest saves.
func TestDamageProblemsNameTheirRemedy(t *testing.T) {
	for _, lang := range []Lang{English, Dutch} {
		for p, want := range map[Problem]string{ProblemIdentityDamaged: "caseload recover", ProblemDocumentDamaged: "caseload verify"} {
			if got := problemText(newText(lang), p); !strings.Contains(got, want) || strings.Contains(got, "backups") {
				t.Errorf("%s, problem %d: %q", lang, p, got)
			}
		}
	}
}

// A restriction or a legal hold is said in one place, with the remedy for
// what the coach was doing, however deep the store wrapped it — and in the
// coach's language: removing a client under hold said "Er ging iets
// onverwachts mis: the client is under legal hold".
func TestRestrictedSaidOnce(t *testing.T) {
	en := newText(English)
	err := fmt.Errorf("saving record: %w", store.ErrRestricted)
	e := &env{text: en, backend: otherProblems{}}
	for _, tt := range []struct{ got, want string }{
		{explain(e, err), "the dossier is read-only"},
		{exportProblem(e, err, "the client"), "Exporting to the client is allowed"},
		{purgeProblem(e, err), "lift the restriction first"},
		{rightsProblem(e, err), "erasure waits until you lift the restriction"},
	} {
		if !strings.Contains(tt.got, tt.want) {
			t.Errorf("%q lacks %q", tt.got, tt.want)
		}
	}
	hold := fmt.Errorf("removing client: %w", store.ErrOnHold)
	if got := explain(&env{text: newText(Dutch), backend: otherProblems{}}, hold); !strings.Contains(got, "juridische bewaring") ||
		strings.Contains(got, "legal hold") {
		t.Errorf("a hold in Dutch: %q", got)
	}
	if got := rightsProblem(e, hold); !strings.Contains(got, "GDPR art. 17(3)") {
		t.Errorf("a hold at the rights desk: %q", got)
	}
	if _, ok := refused(en, store.ErrNotFound, doingEdit); ok {
		t.Error("ErrNotFound taken for a restriction")
	}
}

// otherProblems is a Backend that knows no problem of its own: the store's
// errors are the screens' to recognise.
type otherProblems struct{ Backend }

func (otherProblems) Classify(error) Problem { return ProblemOther }
