package crypt

import (
	"archive/tar"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// FuzzUnpackArchive feeds restore's reader any bytes as a backup file. It
// must not panic, and whatever it accepts or refuses, it writes nothing
// but vault.age, identity.age and files/<id>.age inside its staging
// folder.
func FuzzUnpackArchive(f *testing.F) {
	dir, v, _ := createVault(f, nil)
	mustSeal(f, v, []byte("caseload fuzz seed image"))
	id, _, err := v.Blobs().Put([]byte("a document"))
	if err != nil {
		f.Fatal(err)
	}
	out := filepath.Join(f.TempDir(), "seed.tar")
	if _, err := v.WriteArchive(out, []string{id}); err != nil {
		f.Fatal(err)
	}
	_ = dir
	seed := readBytes(f, out)
	f.Add(seed)
	f.Add(seed[:len(seed)/2])
	f.Add([]byte("README.txt"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if slowScrypt(data) {
			// A work factor turned up to 22 costs 15 s per input: the
			// identity file's own fuzzing covers that cap.
			return
		}
		work := t.TempDir()
		in := filepath.Join(work, "in.tar")
		if err := os.WriteFile(in, data, 0o600); err != nil {
			t.Fatal(err)
		}
		staging := filepath.Join(work, "staging")
		if err := os.Mkdir(staging, 0o700); err != nil {
			t.Fatal(err)
		}
		unpackArchive(in, staging, testPass, unlockOptions{})
		filepath.WalkDir(work, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(work, p)
			rel = filepath.ToSlash(rel)
			ok := rel == "in.tar" || rel == "staging/"+vaultFile || rel == "staging/"+identityFile
			if id, isDoc := strings.CutPrefix(rel, "staging/files/"); isDoc {
				id, _ = strings.CutSuffix(id, ".age")
				ok = validBlobID(id) && rel == "staging/files/"+id+".age"
			}
			if !ok {
				t.Errorf("wrote %s", rel)
			}
			return nil
		})
	})
}

// scryptStanza is the work factor in an age scrypt stanza.
var scryptStanza = regexp.MustCompile(`-> scrypt \S+ (\d+)`)

// slowScrypt reports whether the archive's identity.age asks scrypt for
// more work than the tests use.
func slowScrypt(data []byte) bool {
	tr := tar.NewReader(bytes.NewReader(data))
	for {
		h, err := tr.Next()
		if err != nil {
			return false
		}
		if h.Name != archiveIdentity {
			continue
		}
		b, _ := io.ReadAll(io.LimitReader(tr, 4096))
		for _, m := range scryptStanza.FindAllSubmatch(b, -1) {
			if n, err := strconv.Atoi(string(m[1])); err != nil || n > testWorkFactor {
				return true
			}
		}
	}
}
