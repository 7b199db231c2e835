package store

import (
	"errors"
	"testing"
)

func TestRemoveMistakeLeavesOnlyTheTombstone(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Noor", LastName: "Dubbel", Status: StatusIntake})
	keep := f.client(t, Client{FirstName: "Noor", LastName: "Echt", Status: StatusActive, Start: day("2026-01-05")})
	if _, err := f.s.SaveRecord(ctx, Record{ClientID: keep.ID, Kind: KindIntake, Title: "Intake", Date: day("2026-01-05")}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.RemoveMistake(ctx, keep.ID); !errors.Is(err, ErrNotAMistake) {
		t.Errorf("a client with a dossier removed as a mistake: %v", err)
	}
	ts, err := f.s.RemoveMistake(ctx, c.ID)
	if err != nil || ts.ClientID != c.ID || ts.Policy != mistakePolicy {
		t.Fatalf("tombstone %+v, %v", ts, err)
	}
	if _, err := f.s.Client(ctx, c.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("the client is still there: %v", err)
	}
	all, _ := f.s.Tombstones(ctx)
	if len(all) != 1 || all[0].ClientID != c.ID {
		t.Errorf("tombstones %+v", all)
	}
	hits, _ := f.s.Search(ctx, "Dubbel", 10)
	if len(hits) != 0 {
		t.Errorf("the name is still found: %+v", hits)
	}
	if _, err := f.s.RemoveMistake(ctx, c.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("second removal: %v", err)
	}
}
