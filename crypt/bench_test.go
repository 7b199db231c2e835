package crypt

import (
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/crypto/chacha20poly1305"
)

// benchSizes are a small caseload and a large one with years of notes.
var benchSizes = []int{4 << 20, 40 << 20}

func sizeName(n int) string { return fmt.Sprintf("%dMiB", n>>20) }

// BenchmarkSeal measures a save, against the floor of writing the same
// bytes durably without encryption (write, fsync, rename, fsync folder).
func BenchmarkSeal(b *testing.B) {
	for _, size := range benchSizes {
		img := textImage(size, 1)
		b.Run("age/"+sizeName(size), func(b *testing.B) {
			_, v, _ := createVault(b, nil)
			b.SetBytes(int64(size))
			for b.Loop() {
				if err := v.Seal(img); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("plain/"+sizeName(size), func(b *testing.B) {
			dir := b.TempDir()
			b.SetBytes(int64(size))
			for b.Loop() {
				tmp := filepath.Join(dir, "tmp")
				f, err := os.Create(tmp)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := f.Write(img); err != nil {
					b.Fatal(err)
				}
				if err := f.Sync(); err != nil {
					b.Fatal(err)
				}
				f.Close()
				if err := os.Rename(tmp, filepath.Join(dir, "vault")); err != nil {
					b.Fatal(err)
				}
				if err := syncDir(dir); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkOpen measures an unlock at the test work factor (scrypt is
// about a second in the app, by design, and is left out of the picture),
// against the floor of decrypting the same bytes with raw
// ChaCha20-Poly1305 in age's 64 KiB chunks.
func BenchmarkOpen(b *testing.B) {
	for _, size := range benchSizes {
		img := textImage(size, 2)
		b.Run("age/"+sizeName(size), func(b *testing.B) {
			dir, v, _ := createVault(b, nil)
			if err := v.Seal(img); err != nil {
				b.Fatal(err)
			}
			v.Close()
			b.SetBytes(int64(size))
			for b.Loop() {
				v, got, err := Open(dir, testPass, testOpts())
				if err != nil {
					b.Fatal(err)
				}
				if len(got) != size {
					b.Fatal("short image")
				}
				v.Close()
			}
		})
		b.Run("chacha20poly1305/"+sizeName(size), func(b *testing.B) {
			key := make([]byte, chacha20poly1305.KeySize)
			rand.Read(key)
			aead, err := chacha20poly1305.New(key)
			if err != nil {
				b.Fatal(err)
			}
			const chunk = 64 << 10
			nonce := make([]byte, chacha20poly1305.NonceSize)
			var sealed [][]byte
			for off := 0; off < size; off += chunk {
				nonce[0] = byte(len(sealed))
				sealed = append(sealed, aead.Seal(nil, nonce, img[off:min(off+chunk, size)], nil))
			}
			out := make([]byte, size)
			b.SetBytes(int64(size))
			for b.Loop() {
				for i, c := range sealed {
					nonce[0] = byte(i)
					if _, err := aead.Open(out[i*chunk:i*chunk], nonce, c, nil); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
