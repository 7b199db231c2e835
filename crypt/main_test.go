package crypt

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/caseload/caseload/internal/fakekey"
)

const (
	testPass = "Gerrit plant tulpen in de herfst"
	// testWorkFactor keeps scrypt to a few milliseconds even under the race
	// detector (which makes scrypt's pure Go core ~4x slower: 48 ms at 10);
	// the app uses 18.
	testWorkFactor = 6

	// The test binary re-executes itself as a child process (to be killed,
	// or to hold a lock, or to run under a file size limit); these select
	// what the child does.
	childModeEnv = "CASELOAD_CRYPT_TEST_CHILD"
	childDirEnv  = "CASELOAD_CRYPT_TEST_DIR"
)

// childModes are what a child process can be asked to do; platform test
// files add their own in init.
var childModes = map[string]func(dir string) int{
	"seal-loop": childSealLoop,
	"open":      childOpen,
}

func TestMain(m *testing.M) {
	if fakekey.IsPlugin() {
		os.Exit(fakekey.Main())
	}
	if mode := os.Getenv(childModeEnv); mode != "" {
		run, ok := childModes[mode]
		if !ok {
			fmt.Fprintf(os.Stderr, "unknown child mode %q\n", mode)
			os.Exit(2)
		}
		os.Exit(run(os.Getenv(childDirEnv)))
	}
	lowerFuzzMinimize()
	if os.Getenv(StateDirEnv) == "" {
		// This laptop's memory of vaults goes to a folder of the test's
		// own, never the tester's.
		d, err := os.MkdirTemp("", "caseload-state-")
		if err != nil {
			panic(err)
		}
		os.Setenv(StateDirEnv, d)
		code := m.Run()
		os.RemoveAll(d)
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// childSealLoop opens the vault and seals ever higher sequence numbers,
// acknowledging each on stdout only after Seal returned, until killed.
func childSealLoop(dir string) int {
	v, img, err := Open(dir, testPass, testOpts())
	if err != nil {
		fmt.Printf("error %v\n", err)
		return 1
	}
	// The parent checks the image in full; the child needs only the number.
	seq, err := strconv.Atoi(strings.TrimPrefix(string(img[:bytes.IndexByte(img, '\n')]), "caseload test image seq="))
	if err != nil {
		fmt.Printf("error %v\n", err)
		return 1
	}
	fmt.Printf("open %d\n", seq)
	// Acknowledge only once Seal has returned: that is the promise the UI
	// makes when it says "saved".
	for {
		seq++
		if err := v.Seal(seqImage(seq)); err != nil {
			fmt.Printf("error %v\n", err)
			return 1
		}
		fmt.Printf("ack %d\n", seq)
	}
}

// childOpen tries to open the vault and says how it went.
func childOpen(dir string) int {
	v, _, err := Open(dir, testPass, testOpts())
	switch {
	case err == nil:
		v.Close()
		fmt.Println("ok")
	case errors.Is(err, ErrInUse):
		fmt.Println("in use")
	default:
		fmt.Printf("error %v\n", err)
	}
	return 0
}

// childCmd runs the test binary as a child process in mode.
func childCmd(mode, dir string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	// Without this the race detector sleeps a second at exit.
	cmd.Env = append(os.Environ(), childModeEnv+"="+mode, childDirEnv+"="+dir,
		"GORACE="+strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=0"))
	return cmd
}

func testOpts() *Options { return &Options{WorkFactor: testWorkFactor} }

// seqImage is a test image that says which save it is, a little over one
// age chunk long so that every save writes two chunks.
func seqImage(seq int) []byte {
	b := fmt.Appendf(nil, "caseload test image seq=%d\n", seq)
	for i := 0; len(b) < 70_000; i++ {
		b = strconv.AppendInt(b, int64(seq), 10)
		b = append(b, ": Anna Visser, intake "...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, '\n')
	}
	return b
}

// textImage is compressible text standing in for a serialized database.
func textImage(size, seed int) []byte {
	b := make([]byte, 0, size+100)
	for i := 0; len(b) < size; i++ {
		b = append(b, "client "...)
		b = strconv.AppendInt(b, int64(seed), 10)
		b = append(b, '/')
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, ": Femke Bakker, trajectory step, note: came on time.\n"...)
	}
	return b[:size]
}

// createVault makes a vault in a fresh folder, closed again at cleanup.
func createVault(t testing.TB, o *Options) (string, *Vault, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "vault")
	if o == nil {
		o = testOpts()
	}
	v, rk, err := Create(dir, testPass, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Close() })
	return dir, v, rk
}

func mustSeal(t testing.TB, v *Vault, img []byte) {
	t.Helper()
	if err := v.Seal(img); err != nil {
		t.Fatal(err)
	}
}

func mustOpen(t testing.TB, dir string, o *Options) (*Vault, []byte) {
	t.Helper()
	if o == nil {
		o = testOpts()
	}
	v, img, err := Open(dir, testPass, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Close() })
	return v, img
}

func readBytes(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// snapshot maps every path under dir to a hash of its contents, so a test
// can tell that an operation wrote nothing at all.
func snapshot(t testing.TB, dir string) map[string]string {
	t.Helper()
	snap := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if d.IsDir() {
			snap[rel] = "dir"
			return nil
		}
		sum := sha256.Sum256(readBytes(t, path))
		snap[rel] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

func sameSnapshot(t testing.TB, before, after map[string]string) {
	t.Helper()
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s changed", k)
		}
	}
	for k := range after {
		if _, ok := before[k]; !ok {
			t.Errorf("%s appeared", k)
		}
	}
}

// tempFiles lists leftover temp files anywhere under dir.
func tempFiles(t testing.TB, dir string) []string {
	t.Helper()
	var found []string
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(d.Name(), ".tmp") {
			found = append(found, path)
		}
		return nil
	})
	return found
}

func noTempFiles(t testing.TB, dir string) {
	t.Helper()
	if found := tempFiles(t, dir); len(found) > 0 {
		t.Errorf("temp files left: %v", found)
	}
}

// decryptFile opens an age file with the vault's own key.
func decryptFile(t testing.TB, v *Vault, name string) []byte {
	t.Helper()
	plain, err := decryptAll(readBytes(t, name), v.keys.identity)
	if err != nil {
		t.Fatalf("decrypting %s: %v", name, err)
	}
	return plain
}
