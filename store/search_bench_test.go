package store_test

import (
	"context"
	"flag"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/store/sample"
)

// searchCaseloads caches one invented caseload per size: FillBulk takes
// seconds at 1,000 clients and most of a minute at 10,000.
var searchCaseloads sync.Map // int → *searchCaseload

type searchCaseload struct {
	once sync.Once
	s    *store.Store
	err  error
}

var searchToday = time.Date(2025, 3, 12, 0, 0, 0, 0, time.UTC)

func searchStore(b *testing.B, clients int) *store.Store {
	b.Helper()
	v, _ := searchCaseloads.LoadOrStore(clients, &searchCaseload{})
	c := v.(*searchCaseload)
	c.once.Do(func() {
		ctx := context.Background()
		c.s, c.err = store.Open(ctx, nil, store.Options{Clock: func() time.Time { return searchToday.Add(10 * time.Hour) }})
		if c.err == nil {
			_, c.err = sample.FillBulk(ctx, c.s, sample.Options{Clients: clients, Seed: 1, Today: searchToday})
		}
	})
	if c.err != nil {
		b.Fatal(c.err)
	}
	return c.s
}

// BenchmarkSearch is one search as the search screen makes it (limit 50)
// in a caseload of 1,000 invented clients, for a word in three records in
// four, one in twenty-five, and one in a hundred CVs.
func BenchmarkSearch(b *testing.B) { benchmarkSearch(b, 1_000) }

// BenchmarkSearch10k is BenchmarkSearch at 10,000 clients. Filling that
// caseload takes most of a minute, so it runs only when asked for by name
// (-bench=Search10k) or with CASELOAD_BENCH_10K=1.
func BenchmarkSearch10k(b *testing.B) {
	if f := flag.Lookup("test.bench"); os.Getenv("CASELOAD_BENCH_10K") == "" &&
		(f == nil || !strings.Contains(f.Value.String(), "10k")) {
		b.Skip("10,000 clients: run with -bench=Search10k or CASELOAD_BENCH_10K=1")
	}
	benchmarkSearch(b, 10_000)
}

func benchmarkSearch(b *testing.B, clients int) {
	s := searchStore(b, clients)
	ctx := context.Background()
	for _, w := range []struct{ name, word string }{
		{"common", sample.CommonWord}, {"medium", sample.MediumWord}, {"rare", sample.RareWord},
	} {
		b.Run(w.name, func(b *testing.B) {
			var hits []store.Hit
			for b.Loop() {
				var err error
				if hits, err = s.Search(ctx, w.word, 50); err != nil || len(hits) == 0 {
					b.Fatalf("Search(%q): %d hits, %v", w.word, len(hits), err)
				}
			}
			b.ReportMetric(float64(len(hits)), "hits")
		})
	}
}

// TestSearchManyHits: a word in few records comes back by relevance, one in
// very many by date, newest first, and both find every record when the
// limit allows.
func TestSearchManyHits(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, nil, store.Options{Clock: func() time.Time { return searchToday.Add(10 * time.Hour) }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := sample.FillBulk(ctx, s, sample.Options{Clients: 150, Seed: 1, Today: searchToday})
	if err != nil {
		t.Fatal(err)
	}
	if st.Hits[sample.CommonWord] <= 1_000 {
		t.Fatalf("only %d records hold %q: the test needs more than 1,000", st.Hits[sample.CommonWord], sample.CommonWord)
	}
	for _, w := range []string{sample.CommonWord, sample.MediumWord, sample.RareWord} {
		all, err := s.Search(ctx, w, 1_000_000)
		if err != nil {
			t.Fatal(err)
		}
		if n := records(all); n != st.Hits[w] {
			t.Errorf("Search(%q, all): %d records, want %d", w, n, st.Hits[w])
		}
		some, err := s.Search(ctx, w, 50)
		if err != nil {
			t.Fatal(err)
		}
		if n := records(some); n != min(50, st.Hits[w]) {
			t.Errorf("Search(%q, 50): %d records, want %d", w, n, min(50, st.Hits[w]))
		}
		for _, h := range some {
			if h.RecordID != 0 && h.ByDate != (st.Hits[w] > 250) {
				t.Fatalf("Search(%q), %d matches: ByDate = %v", w, st.Hits[w], h.ByDate)
			}
		}
		if st.Hits[w] > 250 {
			// Newest first, and the first are those the full list starts with.
			prev := firstRecord(some).Date
			for _, h := range some {
				if h.RecordID == 0 {
					continue
				}
				if h.Date.After(prev) {
					t.Fatalf("Search(%q): %s after %s: not newest first", w, h.Date.Format(time.DateOnly), prev.Format(time.DateOnly))
				}
				prev = h.Date
			}
		}
		for _, h := range some {
			if h.RecordID != 0 && h.Snippet == "" && !h.Date.IsZero() && h.RecordTitle == "" {
				t.Errorf("Search(%q): empty hit %+v", w, h)
			}
		}
	}
}

func records(hits []store.Hit) int {
	n := 0
	for _, h := range hits {
		if h.RecordID != 0 {
			n++
		}
	}
	return n
}

func firstRecord(hits []store.Hit) store.Hit {
	for _, h := range hits {
		if h.RecordID != 0 {
			return h
		}
	}
	return store.Hit{}
}
