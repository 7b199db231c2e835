package store

import (
	"bytes"
	"testing"
)

// The tests start hundreds of new caseloads: each after the first loads
// the first one's image instead of running every migration again.
// TestNewCaseloadsAreOneImage checks that this changes nothing a test
// could see.
func init() { KeepNewCaseloads() }

func TestNewCaseloadsAreOneImage(t *testing.T) {
	newCaseloads.Lock()
	kept := newCaseloads.image
	newCaseloads.image, newCaseloads.keep = nil, false
	newCaseloads.Unlock()
	t.Cleanup(func() {
		newCaseloads.Lock()
		newCaseloads.image, newCaseloads.keep = kept, true
		newCaseloads.Unlock()
	})
	sealed := func() []byte {
		t.Helper()
		f := newFixture(t)
		if f.seal.seals != 1 {
			t.Fatalf("a new caseload was sealed %d times, want once", f.seal.seals)
		}
		return f.seal.image
	}
	built := sealed() // the migrations, nothing kept
	newCaseloads.Lock()
	newCaseloads.keep = true
	newCaseloads.Unlock()
	first := sealed() // the migrations, kept
	if newCaseloads.image == nil {
		t.Fatal("the new caseload was not kept")
	}
	second := sealed() // the kept image
	if !bytes.Equal(built, first) || !bytes.Equal(first, second) {
		t.Fatalf("new caseloads differ: built %d bytes, kept %d, from the kept one %d", len(built), len(first), len(second))
	}
	s := newFixture(t).s
	if _, err := s.CreateClient(ctx, Client{FirstName: "Noor", LastName: "Visser", Status: StatusActive}); err != nil {
		t.Fatalf("a caseload from the kept image refuses a client: %v", err)
	}
}
