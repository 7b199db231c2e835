package cmd

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/caseload/caseload/store"
)

// studiebegeleiding-nijmegen §15, AVG art. 17: `caseload erasures` shows
// that an erasure request was done within the month, after the dossier and
// the request are gone, and names no one.
func TestErasuresListsTheProofWithoutNames(t *testing.T) {
	v := newTestVault(t, civil("2026-11-10"), func(ctx context.Context, s *store.Store) error {
		c, err := s.CreateClient(ctx, store.Client{FirstName: "Zeldzaam", LastName: "Kanarie",
			Status: store.StatusActive, Start: civil("2026-01-05")})
		if err != nil {
			return err
		}
		r, err := s.AddRequest(ctx, store.Request{ClientID: c.ID, Kind: store.RequestErasure,
			Received: civil("2026-10-20"), Channel: store.ChannelEmail, IdentityChecked: true,
			IdentityHow: "reply from the address on file"})
		if err != nil {
			return err
		}
		plan, err := s.PlanErasure(ctx, r.ID)
		if err != nil {
			return err
		}
		_, err = s.Purge(ctx, plan)
		return err
	})
	out, errs, code := v.run(t, "erasures")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"CLIENT", "RECEIVED", "#1", "2026-10-20", "2026-11-20", "2026-11-10", "21", "yes"} {
		if !strings.Contains(out, want) {
			t.Errorf("erasures lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Kanarie") || strings.Contains(out, "Zeldzaam") {
		t.Errorf("erasures names the client:\n%s", out)
	}
	out, _, _ = v.run(t, "erasures", "--json")
	var got []listedErasure
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	want := listedErasure{Tombstone: got[0].Tombstone, ClientID: 1, Received: "2026-10-20", Due: "2026-11-20",
		Done: "2026-11-10", DaysTaken: 21, OnTime: true}
	if len(got) != 1 || got[0] != want {
		t.Errorf("erasures --json = %+v, want [%+v]", got, want)
	}
	out, _, _ = v.run(t, "--lang", "nl", "erasures")
	if !strings.Contains(out, "OP TIJD") || !strings.Contains(out, "ja") {
		t.Errorf("Dutch erasures:\n%s", out)
	}
}
