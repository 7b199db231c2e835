package crypt

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestNoPlaintextOnDisk(t *testing.T) {
	canaries := [][]byte{
		[]byte("CANARY-Jansje-de-Vries-BSN-123456782"),
		[]byte("CANARY-zwanger-tweede-trimester"),
	}
	dir := filepath.Join(t.TempDir(), "vault")
	// Anything that sneaks a temp file out (this package, age, the Go
	// runtime) goes to TMPDIR; point it at an empty folder and look there.
	tmp := t.TempDir()
	for _, k := range []string{"TMPDIR", "TMP", "TEMP"} {
		t.Setenv(k, tmp)
	}
	if os.TempDir() != tmp {
		t.Fatalf("os.TempDir() = %q, want %q", os.TempDir(), tmp)
	}

	v, rk, err := Create(dir, testPass, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	img := textImage(200_000, 40)
	for _, c := range canaries {
		img = append(append(img, c...), textImage(70_000, 41)...)
	}
	for range 3 {
		mustSeal(t, v, img)
	}
	id, key, err := v.Blobs().Put(img)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.Blobs().Get(id, key); err != nil {
		t.Fatal(err)
	}
	if err := v.SetPassphrase("nieuw wachtwoord"); err != nil {
		t.Fatal(err)
	}
	if _, err := v.WriteArchive(filepath.Join(dir, "backup.tar"), []string{id}); err != nil {
		t.Fatal(err)
	}
	v.Close()
	v, _, err = Recover(dir, rk, testPass, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	mustSeal(t, v, img)

	// Keys are secrets too: neither the vault key nor the recovery key, nor
	// the attachment key, appears in any file.
	secrets := append(canaries, []byte(rk), []byte(key), []byte(v.keys.identity.String()))
	files := 0
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		data := readBytes(t, path)
		for _, s := range secrets {
			if bytes.Contains(data, s) {
				t.Errorf("%s holds a secret in the clear (%.12s…)", path, s)
			}
		}
		return nil
	})
	if files < 6 {
		t.Fatalf("only %d files looked at", files)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) > 0 {
		t.Errorf("files appeared in TMPDIR: %v", entries)
	}
}
