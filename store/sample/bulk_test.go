package sample

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"sync"
	"testing"
	"time"

	"github.com/caseload/caseload/store"
)

// bulkBlobs keeps documents in memory.
type bulkBlobs struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *bulkBlobs) Put(data []byte) (string, string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.files == nil {
		m.files = map[string][]byte{}
	}
	id := fmt.Sprintf("blob%d", len(m.files)+1)
	m.files[id] = append([]byte(nil), data...)
	return id, "key-" + id, nil
}

func (m *bulkBlobs) Get(id, key string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if key != "key-"+id {
		return nil, errors.New("wrong key")
	}
	return m.files[id], nil
}

func (m *bulkBlobs) Remove(id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.files, id)
	return nil
}

var bulkToday = time.Date(2025, 3, 12, 0, 0, 0, 0, time.UTC)

func bulkStore(tb testing.TB, blobs bool) *store.Store {
	tb.Helper()
	o := store.Options{Clock: func() time.Time { return bulkToday.Add(10 * time.Hour) }}
	if blobs {
		o.Blobs = &bulkBlobs{}
	}
	s, err := store.Open(context.Background(), nil, o)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// caseloadSummary is what a filled caseload holds, client by client, in
// the order they were added.
func caseloadSummary(t *testing.T, s *store.Store) []string {
	t.Helper()
	ctx := context.Background()
	rows, err := s.ListClients(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		recs, err := s.Records(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		text := 0
		for _, rec := range recs {
			text += len(rec.Title) + len(rec.Body)
		}
		apps, err := s.Appointments(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		docs, err := s.Attachments(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%d %s <%s> %s: %d records (%d bytes), %d appointments, %d documents",
			r.ID, r.Name, r.Email, r.Status, len(recs), text, len(apps), len(docs)))
	}
	return out
}

// TestFillBulkAsFill: FillBulk adds the same clients as Fill, with the
// same dossiers, across batch boundaries.
func TestFillBulkAsFill(t *testing.T) {
	defer func(n int) { bulkBatch = n }(bulkBatch)
	bulkBatch = 7
	ctx := context.Background()
	o := Options{Clients: 24, Seed: 3, Today: bulkToday, Documents: true}

	one := bulkStore(t, true)
	want, err := Fill(ctx, one, o)
	if err != nil {
		t.Fatal(err)
	}
	bulk := bulkStore(t, true)
	got, err := FillBulk(ctx, bulk, o)
	if err != nil {
		t.Fatal(err)
	}
	if got.Writes != 4 {
		t.Errorf("FillBulk made %d writes for 24 clients in batches of 7, want 4", got.Writes)
	}
	if got.Documents == 0 {
		t.Error("FillBulk added no documents")
	}
	got.Writes, want.Writes = 0, 0
	if !statsEqual(got, want) {
		t.Errorf("FillBulk stats %+v\nFill stats %+v", got, want)
	}
	a, b := caseloadSummary(t, one), caseloadSummary(t, bulk)
	if len(a) != len(b) {
		t.Fatalf("Fill added %d clients, FillBulk %d", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Errorf("client %d:\nFill     %s\nFillBulk %s", i+1, a[i], b[i])
		}
	}
	for _, w := range []string{CommonWord, MediumWord, RareWord} {
		h1, err1 := one.Search(ctx, w, 1_000_000)
		h2, err2 := bulk.Search(ctx, w, 1_000_000)
		if err1 != nil || err2 != nil || len(h1) != len(h2) {
			t.Errorf("Search(%q): %d hits after Fill (%v), %d after FillBulk (%v)", w, len(h1), err1, len(h2), err2)
		}
	}
}

func statsEqual(a, b Stats) bool {
	return a.Clients == b.Clients && a.Records == b.Records && a.Appointments == b.Appointments &&
		a.Documents == b.Documents && a.Special == b.Special && a.TextBytes == b.TextBytes &&
		maps.Equal(a.Statuses, b.Statuses) && maps.Equal(a.Outcomes, b.Outcomes) && maps.Equal(a.Hits, b.Hits)
}

func TestFillBulkWithoutBlobs(t *testing.T) {
	s := bulkStore(t, false)
	st, err := FillBulk(context.Background(), s, Options{Clients: 5, Seed: 1, Today: bulkToday, Documents: true})
	if err != nil {
		t.Fatal(err)
	}
	if st.Clients != 5 || st.Documents != 0 {
		t.Errorf("without Blobs: %d clients, %d documents", st.Clients, st.Documents)
	}
}

func TestFillBulkRefuses(t *testing.T) {
	s := bulkStore(t, false)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if st, err := FillBulk(ctx, s, Options{Clients: 5}); !errors.Is(err, context.Canceled) || st.Clients != 0 {
		t.Errorf("cancelled FillBulk: %d clients, error %v", st.Clients, err)
	}
	if _, err := FillBulk(context.Background(), s, Options{Clients: 1, Lang: "fr"}); err == nil {
		t.Error("FillBulk took an unknown language")
	}
}

// BenchmarkFillBulk is BenchmarkFill through FillBulk; at 10,000 clients
// with -bench=FillBulk10k.
func BenchmarkFillBulk(b *testing.B)    { benchmarkFillBulk(b, 1_000) }
func BenchmarkFillBulk10k(b *testing.B) { benchmarkFillBulk(b, 10_000) }

func benchmarkFillBulk(b *testing.B, clients int) {
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		s, err := store.Open(ctx, nil, store.Options{Clock: func() time.Time { return bulkToday.Add(10 * time.Hour) }})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := FillBulk(ctx, s, Options{Clients: clients, Seed: 1, Today: bulkToday}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}
