package store

import (
	"fmt"
	"testing"
)

// TestSavesReuseTheirStatements: the second save of a record prepares
// no statement the first did not (the cache holds the same ones, and
// SQLite prepared none of them again), and what the saves wrote reads
// back, through the kept statements and after a reopen.
func TestSavesReuseTheirStatements(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Noor", LastName: "Visser", Status: StatusActive})
	r, err := f.s.SaveRecord(ctx, Record{ClientID: c.ID, Kind: KindNote, Title: "Voortgang", Date: f.s.Today()})
	if err != nil {
		t.Fatal(err)
	}
	save := func(i int) {
		t.Helper()
		r.Body = fmt.Sprintf("Gesprek %d: de planning doorgenomen.", i)
		if r, err = f.s.SaveRecord(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	save(1)
	kept := len(f.s.stmts.m)
	if kept == 0 {
		t.Fatal("a save kept none of its statements")
	}
	save(2)
	if n := len(f.s.stmts.m); n != kept {
		t.Errorf("the second save prepared %d new statements", n-kept)
	}
	if n := reprepared(t, f.s); len(n) > 0 {
		t.Errorf("statements prepared again: %v", n)
	}
	for _, s := range []*Store{f.s, f.reopen(t)} {
		got, err := s.Record(ctx, r.ID)
		if err != nil || got.Body != "Gesprek 2: de planning doorgenomen." {
			t.Fatalf("the last save does not read back: %q, %v", got.Body, err)
		}
	}
}
