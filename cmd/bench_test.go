package cmd

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/caseload/caseload/crypt"
	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/store/sample"
)

// caseloads caches one invented caseload image per size: filling 1,000
// clients through the store takes seconds, and every benchmark reads the same.
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
	if _, err := sample.Fill(ctx, s, sample.Options{Clients: clients, Seed: 1, Today: s.Today()}); err != nil {
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
		b.Run(fmt.Sprintf("clients=%d", n), func(b *testing.B) {
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
		})
	}
}

// BenchmarkSave measures one edit made durable: a record saved, the image
// serialized, sealed, written, synced and renamed. Its baseline writes and
// syncs the same number of bytes in the same folder.
func BenchmarkSave(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("clients=%d/save", n), func(b *testing.B) {
			dir, image := benchVault(b, n)
			e := &env{vaultDir: dir, workFactor: 1, clock: time.Now}
			s, err := e.open(context.Background(), "benchmark passphrase")
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			rows, err := s.ListClients(context.Background())
			if err != nil {
				b.Fatal(err)
			}
			r := store.Record{ClientID: rows[0].ID, Kind: store.KindNote, Title: "Voortgang", Date: s.Today()}
			b.SetBytes(int64(len(image)))
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				r.Body = fmt.Sprintf("Gesprek %d: de planning voor de komende weken doorgenomen.", i)
				if r, err = s.SaveRecord(context.Background(), r); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("clients=%d/baseline-write-fsync", n), func(b *testing.B) {
			image := caseloadImage(b, n)
			dir := b.TempDir()
			b.SetBytes(int64(len(image)))
			b.ResetTimer()
			for b.Loop() {
				writeSync(b, filepath.Join(dir, "plain"), image)
			}
		})
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
