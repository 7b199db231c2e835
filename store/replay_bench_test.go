package store_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/caseload/caseload/store"
)

// entries is a journal that keeps what it is given, for BenchmarkReplay.
type entries struct {
	mu      sync.Mutex
	changes [][]byte
}

func (e *entries) Append(change []byte, gen uint64) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.changes = append(e.changes, bytes.Clone(change))
	return nil
}

func (e *entries) Compact(image []byte, gen uint64) error { return nil }

func (e *entries) Backlog() (int, int64) { return 0, 0 } // never compacts

// BenchmarkReplay is the store's part of an unlock with 500 journal
// entries waiting, against the same open with none: the image loaded
// into SQLite, the entries decoded, combined and applied. 1,000 clients;
// CASELOAD_BENCH_10K=1 adds 10,000. It reports the medians and their
// difference (replay-ms).
func BenchmarkReplay(b *testing.B) {
	sizes := []int{1000}
	if os.Getenv("CASELOAD_BENCH_10K") != "" {
		sizes = append(sizes, 10_000)
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("clients=%d", n), func(b *testing.B) { benchmarkReplay(b, n) })
	}
}

func benchmarkReplay(b *testing.B, n int) {
	ctx := context.Background()
	image, err := searchStore(b, n).Image(ctx)
	if err != nil {
		b.Fatal(err)
	}
	j := &entries{}
	clock := func() time.Time { return searchToday.Add(10 * time.Hour) }
	s, err := store.Open(ctx, image, store.Options{Journal: j, Clock: clock})
	if err != nil {
		b.Fatal(err)
	}
	rows, err := s.ListClients(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for i := range 500 {
		r := store.Record{ClientID: rows[i%len(rows)].ID, Kind: store.KindNote, Title: "Voortgang", Date: s.Today(),
			Body: fmt.Sprintf("Gesprek %d: de planning voor de komende weken doorgenomen, met de school gebeld over het rooster.", i)}
		if _, err := s.SaveRecord(ctx, r); err != nil {
			b.Fatal(err)
		}
	}
	s.Discard()
	open := func(replay [][]byte) time.Duration {
		buf, err := store.NewImageBuffer(int64(len(image)))
		if err != nil {
			b.Fatal(err)
		}
		copy(buf.Bytes(), image)
		t0 := time.Now()
		s, err := store.OpenBuffer(ctx, buf, store.Options{Replay: replay, Clock: clock})
		if err != nil {
			b.Fatal(err)
		}
		d := time.Since(t0)
		s.Discard()
		return d
	}
	var with, without []time.Duration
	for b.Loop() {
		without = append(without, open(nil))
		with = append(with, open(j.changes))
	}
	med := func(d []time.Duration) time.Duration { d = slices.Clone(d); slices.Sort(d); return d[len(d)/2] }
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(med(without)), "open-ms")
	b.ReportMetric(ms(med(with)), "open-500-ms")
	b.ReportMetric(ms(med(with)-med(without)), "replay-ms")
}
