package cmd

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/caseload/caseload/store"
)

// TestConcurrentEditsAllReachTheVault drives the real vault as a busy
// screen would: several edits at once, reads between them, then the
// caseload locked and unlocked again. Every edit whose save returned must
// be in the reopened vault. (That they share seals is store's test.)
func TestConcurrentEditsAllReachTheVault(t *testing.T) {
	ctx := context.Background()
	e := &env{vaultDir: t.TempDir(), workFactor: 1, clock: time.Now}
	s, _, err := e.create(ctx, "een lange oefenzin voor de kluis")
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.CreateClient(ctx, store.Client{FirstName: "Noor", LastName: "Jansen", Status: store.StatusActive})
	if err != nil {
		t.Fatal(err)
	}
	const writers, each = 6, 15
	var wg sync.WaitGroup
	errs := make(chan error, writers*each*2)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				body := fmt.Sprintf("Schrijver %d, notitie %d. ", w, i)
				for len(body) < 300 { // long enough to be stored packed
					body += "Voortgang besproken en afspraken gemaakt. "
				}
				if _, err := s.SaveRecord(ctx, store.Record{ClientID: c.ID, Kind: store.KindNote,
					Title: fmt.Sprintf("w%d-%d", w, i), Body: body, Date: s.Today()}); err != nil {
					errs <- err
				}
				if _, err := s.Records(ctx, c.ID); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if s.Dirty() {
		t.Error("edits not yet on disk after every save returned")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := e.open(ctx, "een lange oefenzin voor de kluis")
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	recs, err := again.Records(ctx, c.ID, store.KindNote)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, r := range recs {
		seen[r.Title] = true
	}
	for w := range writers {
		for i := range each {
			if !seen[fmt.Sprintf("w%d-%d", w, i)] {
				t.Errorf("note w%d-%d is not in the reopened vault", w, i)
			}
		}
	}
}

// TestFullVaultIsNotAFullDisk: at the command line, an edit refused for
// the 1 GiB limit says so in both languages and points to the purge, not
// to freeing disk space.
func TestFullVaultIsNotAFullDisk(t *testing.T) {
	err := fmt.Errorf("importing: %w", store.ErrCaseloadFull)
	for lang, want := range map[string]string{"en": "the vault is full", "nl": "de kluis is vol"} {
		e := &env{vaultDir: t.TempDir(), lang: lang}
		msg, hint := e.explain(err)
		if !strings.HasPrefix(msg, want) || !strings.Contains(hint, "caseload retention --purge") {
			t.Errorf("%s: %q / %q", lang, msg, hint)
		}
	}
}
