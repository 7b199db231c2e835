package crypt

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestBlobs(t *testing.T) {
	dir, v, _ := createVault(t, nil)
	b := v.Blobs()
	cv := textImage(150_000, 20)
	letter := []byte("Beste Sanne, hierbij de afspraak van dinsdag.")

	id1, key1, err := b.Put(cv)
	if err != nil {
		t.Fatal(err)
	}
	id2, key2, err := b.Put(letter)
	if err != nil {
		t.Fatal(err)
	}
	if id1 == id2 || key1 == key2 {
		t.Fatal("two attachments share an id or a key")
	}
	if !validBlobID(id1) || !validBlobID(id2) {
		t.Fatalf("ids %q, %q are not valid ids", id1, id2)
	}
	for _, c := range []struct {
		id, key string
		want    []byte
	}{{id1, key1, cv}, {id2, key2, letter}} {
		got, err := b.Get(c.id, c.key)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, c.want) {
			t.Error("attachment differs after a round trip")
		}
	}

	// One key cannot open the other's file.
	if _, err := b.Get(id1, key2); !errors.Is(err, ErrDamaged) {
		t.Errorf("Get with another attachment's key: %v, want ErrDamaged", err)
	}
	if _, err := b.Get(id1, "AGE-SECRET-KEY-PQ-1XYZ"); err == nil {
		t.Error("Get with a malformed key succeeded")
	}

	// Damage is an error, never part of the file.
	path := filepath.Join(dir, filesDir, id1+".age")
	data := readBytes(t, path)
	os.WriteFile(path, flip(data, len(data)-100), 0o600)
	if got, err := b.Get(id1, key1); !errors.Is(err, ErrDamaged) || got != nil {
		t.Errorf("Get of a damaged file: %d bytes, %v", len(got), err)
	}
	os.WriteFile(path, data[:len(data)/2], 0o600)
	if got, err := b.Get(id1, key1); !errors.Is(err, ErrDamaged) || got != nil {
		t.Errorf("Get of a truncated file: %d bytes, %v", len(got), err)
	}

	// Remove, and remove again.
	if err := b.Remove(id1); err != nil {
		t.Fatal(err)
	}
	if err := b.Remove(id1); err != nil {
		t.Fatalf("removing a missing attachment: %v", err)
	}
	if _, err := b.Get(id1, key1); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Get after Remove: %v", err)
	}

	// An empty attachment is an attachment.
	id3, key3, err := b.Put(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := b.Get(id3, key3); err != nil || len(got) != 0 {
		t.Errorf("empty attachment: %d bytes, %v", len(got), err)
	}
	if !isWindows() {
		for _, p := range []string{filepath.Join(dir, filesDir), filepath.Join(dir, filesDir, id2+".age")} {
			info, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if info.Mode().Perm()&0o077 != 0 {
				t.Errorf("%s has mode %v", p, info.Mode())
			}
		}
	}
	noTempFiles(t, dir)
}

func TestBlobIDsAreChecked(t *testing.T) {
	dir, v, _ := createVault(t, nil)
	b := v.Blobs()
	// Something a traversal would reach.
	secret := filepath.Join(dir, "secret.age")
	os.WriteFile(secret, []byte("x"), 0o600)
	bad := []string{"", "../secret", "..", "../../etc/passwd", "/etc/passwd", `..\secret`,
		"0123456789abcdef0123456789ABCDEF", "0123456789abcdef0123456789abcde", "0123456789abcdef0123456789abcdef0",
		"0123456789abcdef/123456789abcdef", "0123456789abcdef0123456789abcde\x00"}
	for _, id := range bad {
		if _, err := b.Get(id, "AGE-SECRET-KEY-PQ-1"); err == nil {
			t.Errorf("Get(%q) succeeded", id)
		}
		if err := b.Remove(id); err == nil {
			t.Errorf("Remove(%q) succeeded", id)
		}
	}
	if _, err := os.Stat(secret); err != nil {
		t.Fatal("a traversal id reached a file outside files/")
	}
}

func TestBlobsAfterClose(t *testing.T) {
	_, v, _ := createVault(t, nil)
	b := v.Blobs()
	id, key, err := b.Put([]byte("x"))
	if err != nil {
		t.Fatal(err)
	}
	v.Close()
	if _, _, err := b.Put([]byte("y")); err == nil {
		t.Error("Put after Close succeeded")
	}
	if _, err := b.Get(id, key); err == nil {
		t.Error("Get after Close succeeded")
	}
}

func isWindows() bool { return filepath.Separator == '\\' }
