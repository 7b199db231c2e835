package tui

import (
	"strings"
	"testing"
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
