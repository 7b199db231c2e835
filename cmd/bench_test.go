package cmd

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/caseload/caseload/crypt"
	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/store/sample"
)

// caseloads caches one invented caseload image per size: filling 10,000
// clients takes most of a minute, and every benchmark reads the same. The
// images stay in memory; nothing invented is written in the clear either.
var caseloads sync.Map // int → []byte

func caseloadImage(b *testing.B, clients int) []byte {
	b.Helper()
	if img, ok := caseloads.Load(clients); ok {
		return img.([]byte)
	}
	ctx := context.Background()
	s, err := store.Open(ctx, nil, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := sample.FillBulk(ctx, s, sample.Options{Clients: clients, Seed: 1, Today: s.Today()}); err != nil {
		b.Fatal(err)
	}
	img, err := s.Image(ctx)
	if err != nil {
		b.Fatal(err)
	}
	caseloads.Store(clients, img)
	return img
}

// benchVault makes a vault in a temp dir holding the caseload of the given
// size, with scrypt at its lowest so the benchmarks measure what follows it.
func benchVault(b *testing.B, clients int) (dir string, image []byte) {
	b.Helper()
	image = caseloadImage(b, clients)
	dir = b.TempDir()
	v, _, err := crypt.Create(dir, "benchmark passphrase", &crypt.Options{WorkFactor: 1})
	if err != nil {
		b.Fatal(err)
	}
	defer v.Close()
	if err := v.Seal(image); err != nil {
		b.Fatal(err)
	}
	return dir, image
}

// BenchmarkOpen measures unlocking a vault without the scrypt step: read,
// decrypt, deserialize and the unlock's audit line.
func BenchmarkOpen(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("clients=%d", n), func(b *testing.B) { benchmarkOpen(b, n) })
	}
}

// BenchmarkOpen10k is BenchmarkOpen at 10,000 clients, apart because
// filling them takes most of a minute.
func BenchmarkOpen10k(b *testing.B) { benchmarkOpen(b, 10_000) }

func benchmarkOpen(b *testing.B, n int) {
	dir, image := benchVault(b, n)
	e := &env{vaultDir: dir, workFactor: 1, clock: time.Now}
	b.SetBytes(int64(len(image)))
	b.ResetTimer()
	for b.Loop() {
		s, err := e.open(context.Background(), "benchmark passphrase")
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		// The vault goes first, so the store's closing seal of the
		// unlock's audit line fails and writes nothing: every round
		// opens the same file.
		s.vault.Close()
		s.Store.Close()
		b.StartTimer()
	}
}

// BenchmarkSave measures one edit made durable: a record saved, the image
// serialized, sealed, written, synced and renamed. Its baseline writes and
// syncs the same number of bytes in the same folder.
func BenchmarkSave(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("clients=%d/save", n), func(b *testing.B) { benchmarkSave(b, n) })
		b.Run(fmt.Sprintf("clients=%d/baseline-write-fsync", n), func(b *testing.B) { benchmarkWriteSync(b, n) })
	}
}

// BenchmarkSave10k is BenchmarkSave at 10,000 clients.
func BenchmarkSave10k(b *testing.B) {
	b.Run("save", func(b *testing.B) { benchmarkSave(b, 10_000) })
	b.Run("baseline-write-fsync", func(b *testing.B) { benchmarkWriteSync(b, 10_000) })
}

// benchmarkSave also reports read-wait-ms: the longest a read (one
// client, as opening a dossier asks) waited while the save ran, which is
// how long a screen can hang on a save; the event loop itself never waits.
// On Linux it reports peak-mem/image too: the most memory the process
// held from the unlock through the saves, above what it held before,
// against the image.
func benchmarkSave(b *testing.B, n int) {
	dir, image := benchVault(b, n)
	e := &env{vaultDir: dir, workFactor: 1, clock: time.Now}
	ctx := context.Background()
	runtime.GC()
	debug.FreeOSMemory()
	before, measured := procStatusKiB("VmRSS")
	measured = measured && os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil // resets VmHWM
	s, err := e.open(ctx, "benchmark passphrase")
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	rows, err := s.ListClients(ctx)
	if err != nil {
		b.Fatal(err)
	}
	id := rows[0].ID
	r := store.Record{ClientID: id, Kind: store.KindNote, Title: "Voortgang", Date: s.Today()}
	var wait time.Duration
	b.SetBytes(int64(len(image)))
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		r.Body = fmt.Sprintf("Gesprek %d: de planning voor de komende weken doorgenomen.", i)
		done := make(chan error, 1)
		go func() {
			var err error
			r, err = s.SaveRecord(ctx, r)
			done <- err
		}()
		for saving := true; saving; {
			select {
			case err := <-done:
				if err != nil {
					b.Fatal(err)
				}
				saving = false
			default:
				t0 := time.Now()
				if _, err := s.Client(ctx, id); err != nil {
					b.Fatal(err)
				}
				wait = max(wait, time.Since(t0))
				time.Sleep(time.Millisecond)
			}
		}
	}
	b.ReportMetric(float64(wait)/float64(time.Millisecond), "read-wait-ms")
	if peak, ok := procStatusKiB("VmHWM"); ok && measured {
		b.ReportMetric(float64(peak-before)*1024/float64(len(image)), "peak-mem/image")
	}
}

// procStatusKiB reads a memory figure of this process from
// /proc/self/status, where there is one.
func procStatusKiB(field string) (int64, bool) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for line := range strings.Lines(string(data)) {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			var kib int64
			if _, err := fmt.Sscanf(strings.TrimSpace(rest), "%d kB", &kib); err == nil {
				return kib, true
			}
		}
	}
	return 0, false
}

func benchmarkWriteSync(b *testing.B, n int) {
	image := caseloadImage(b, n)
	dir := b.TempDir()
	b.SetBytes(int64(len(image)))
	b.ResetTimer()
	for b.Loop() {
		writeSync(b, filepath.Join(dir, "plain"), image)
	}
}

func writeSync(b *testing.B, name string, data []byte) {
	f, err := os.Create(name)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := f.Write(data); err != nil {
		b.Fatal(err)
	}
	if err := f.Sync(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkScrypt measures the unlock's deliberate slow step at the default
// work factor, for the figure the README quotes.
func BenchmarkScrypt(b *testing.B) {
	dir := b.TempDir()
	v, _, err := crypt.Create(dir, "benchmark passphrase", nil)
	if err != nil {
		b.Fatal(err)
	}
	v.Close()
	for b.Loop() {
		v, _, err := crypt.Open(dir, "benchmark passphrase", nil)
		if err != nil {
			b.Fatal(err)
		}
		v.Close()
	}
}
