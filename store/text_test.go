package store

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestRecordTextRoundTrip: whatever a coach writes comes back word for
// word, packed or not; only texts worth it are packed.
func TestRecordTextRoundTrip(t *testing.T) {
	noise := make([]byte, 2000)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range noise {
		noise[i] = byte(rng.IntN(256))
	}
	for name, tc := range map[string]struct {
		text   string
		packed bool
	}{
		"empty":          {"", false},
		"short":          {"Belde af; nieuwe afspraak volgende week.", false},
		"long":           {strings.Repeat("Gesprek over de stage bij de zorginstelling. ", 40), true},
		"accents":        {strings.Repeat("Zoë en Chloé bespraken hun cv’s — één keer, twee keer. ", 20), true},
		"incompressible": {string(noise), false},
	} {
		stored := packText(tc.text)
		b, packed := stored.([]byte)
		if packed != tc.packed {
			t.Errorf("%s: packed = %v, want %v", name, packed, tc.packed)
		}
		var got string
		if err := (storedText{&got}).Scan(stored); err != nil || got != tc.text {
			t.Errorf("%s: back as %q, %v", name, got, err)
		}
		if packed && len(b) >= len(tc.text) {
			t.Errorf("%s: %d bytes packed from %d", name, len(b), len(tc.text))
		}
	}
	var got string
	if err := (storedText{&got}).Scan([]byte{packV1, 0xff, 0x00}); !errors.Is(err, errPacked) {
		t.Errorf("a damaged packed text: %v, want errPacked", err)
	}
	if err := (storedText{&got}).Scan([]byte{0x7f, 'a'}); !errors.Is(err, errPacked) {
		t.Errorf("an unknown format: %v, want errPacked", err)
	}
}

// TestSearchReadsPackedText: the index is built from the unpacked text,
// and snippets show it.
func TestSearchReadsPackedText(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Noor", LastName: "Jansen", Status: StatusActive})
	body := strings.Repeat("Voortgang besproken. ", 10) + "Ze wil graag vrijwilligerswerk doen bij de kinderboerderij. " +
		strings.Repeat("Afspraken gemaakt. ", 10)
	r, err := f.s.SaveRecord(ctx, Record{ClientID: c.ID, Kind: KindNote, Title: "Gesprek", Body: body, Date: day("2026-11-01")})
	if err != nil {
		t.Fatal(err)
	}
	var typ string
	if err := f.s.conn.QueryRowContext(ctx, "SELECT typeof(body) FROM records WHERE id = ?", r.ID).Scan(&typ); err != nil || typ != "blob" {
		t.Fatalf("the long body is stored as %s (%v), want a packed blob", typ, err)
	}
	hits, err := f.s.Search(ctx, "kinderboer", 10)
	if err != nil || len(hits) != 1 || !strings.Contains(hits[0].Snippet, "«kinderboerderij»") {
		t.Fatalf("Search = %+v, %v", hits, err)
	}
	// An edit reaches the index; the old words leave it.
	r.Body = strings.Replace(body, "kinderboerderij", "dierentuin", 1)
	if _, err := f.s.SaveRecord(ctx, r); err != nil {
		t.Fatal(err)
	}
	if hits, _ := f.s.Search(ctx, "kinderboer", 10); len(hits) != 0 {
		t.Errorf("the old word is still found: %+v", hits)
	}
	if hits, _ := f.s.Search(ctx, "dierentuin", 10); len(hits) != 1 {
		t.Errorf("the new word is not found: %+v", hits)
	}
	back, err := f.reopen(t).Record(ctx, r.ID)
	if err != nil || back.Body != r.Body {
		t.Errorf("after a reopen the body reads %q, %v", back.Body, err)
	}
}
