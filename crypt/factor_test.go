package crypt

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"filippo.io/age"
	"filippo.io/age/plugin"

	"github.com/caseload/caseload/internal/fakekey"
)

// fakeKeys installs the test binary as age-plugin-casefake on PATH and
// makes n key devices; plug chooses which are plugged in.
type fakeKeys struct {
	t       *testing.T
	devices []string
	keys    []SecurityKey
}

func newFakeKeys(t *testing.T, n int) *fakeKeys {
	t.Helper()
	bin, err := fakekey.Install(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv(fakekey.ModeEnv, "")
	f := &fakeKeys{t: t}
	for i := range n {
		path := filepath.Join(t.TempDir(), "device")
		rec, err := fakekey.NewDevice(path)
		if err != nil {
			t.Fatal(err)
		}
		k, err := ParseSecurityKey(rec)
		if err != nil {
			t.Fatalf("key %d: %v", i, err)
		}
		f.devices = append(f.devices, path)
		f.keys = append(f.keys, k)
	}
	f.plug(0)
	return f
}

// plug plugs in the keys numbered, and only those.
func (f *fakeKeys) plug(which ...int) {
	var paths []string
	for _, i := range which {
		paths = append(paths, f.devices[i])
	}
	f.t.Setenv(fakekey.DeviceEnv, strings.Join(paths, string(os.PathListSeparator)))
}

// recorder is a KeyPrompter that notes what the plugin said and answers
// a PIN.
type recorder struct {
	mu     sync.Mutex
	events []string
	pin    string
}

func (r *recorder) note(s string) { r.mu.Lock(); r.events = append(r.events, s); r.mu.Unlock() }

func (r *recorder) KeyWaiting(p string)    { r.note("waiting " + p) }
func (r *recorder) KeyMessage(p, m string) { r.note("message " + m) }
func (r *recorder) KeyConfirm(_, _, _, _ string) (bool, error) {
	return false, errors.New("no")
}
func (r *recorder) KeyRequest(p, prompt string, secret bool) (string, error) {
	r.note("request " + prompt)
	return r.pin, nil
}

func (r *recorder) all() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return strings.Join(r.events, "\n")
}

// boundVault makes a vault with an image and binds it to keys.
func boundVault(t *testing.T, f *fakeKeys, keys ...SecurityKey) (string, []byte, string) {
	t.Helper()
	dir, v, rk := createVault(t, nil)
	img := seqImage(3)
	mustSeal(t, v, img)
	if err := v.Rekey([]byte(testPass), keys); err != nil {
		t.Fatalf("binding the key: %v", err)
	}
	v.Close()
	return dir, img, rk
}

func keyErr(t *testing.T, err error, want error) *KeyError {
	t.Helper()
	var ke *KeyError
	if !errors.Is(err, want) || !errors.As(err, &ke) || ke.Plugin != fakekey.Name {
		t.Fatalf("got %v, want a %s KeyError %v", err, fakekey.Name, want)
	}
	return ke
}

// With a key bound, the vault opens with the passphrase and the key, and
// with neither alone.
func TestKeyUnlockNeedsBoth(t *testing.T) {
	f := newFakeKeys(t, 2)
	dir, img, _ := boundVault(t, f, f.keys[0])

	v, got, err := Open(dir, testPass, testOpts())
	if err != nil {
		t.Fatalf("passphrase and key: %v", err)
	}
	if !bytes.Equal(got, img) {
		t.Fatal("opened to another image")
	}
	if ks := v.SecurityKeys(); len(ks) != 1 || ks[0] != f.keys[0] {
		t.Fatalf("SecurityKeys = %v", ks)
	}
	v.Close()

	// The passphrase alone: the key absent, or its plugin not installed.
	f.plug()
	_, _, err = Open(dir, testPass, testOpts())
	ke := keyErr(t, err, ErrKeyAbsent)
	if !strings.Contains(ke.Detail, "no casefake key plugged in") {
		t.Fatalf("the plugin's own words are lost: %q", ke.Detail)
	}
	f.plug(1)
	_, _, err = Open(dir, testPass, testOpts())
	keyErr(t, err, ErrWrongKey)
	f.plug(0)
	t.Setenv("PATH", t.TempDir())
	_, _, err = Open(dir, testPass, testOpts())
	keyErr(t, err, ErrKeyPluginMissing)

	// What the passphrase alone yields is no identity age can use.
	plain := identityPlain(t, dir, testPass)
	if !bytes.HasPrefix(plain, []byte(ageIntro)) {
		t.Fatal("the passphrase layer does not hold the key's sealed layer")
	}
	if _, err := age.ParseIdentities(bytes.NewReader(plain)); err == nil {
		t.Fatal("the passphrase alone yields an identity")
	}

	// The key alone: a wrong passphrase never reaches the key.
	rec := &recorder{}
	o := testOpts()
	o.Keys = rec
	if _, _, err := Open(dir, "not the passphrase", o); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("wrong passphrase, key present: %v", err)
	}
	if rec.all() != "" {
		t.Fatalf("the key was asked before the passphrase was right: %s", rec.all())
	}
}

// The plugin's message and PIN prompt reach the prompter, and its answer
// reaches the plugin.
func TestKeyPluginPrompts(t *testing.T) {
	f := newFakeKeys(t, 1)
	dir, _, _ := boundVault(t, f, f.keys[0])
	t.Setenv(fakekey.ModeEnv, "prompt")
	rec := &recorder{pin: fakekey.PIN}
	o := testOpts()
	o.Keys = rec
	v, _, err := Open(dir, testPass, o)
	if err != nil {
		t.Fatalf("with the PIN: %v", err)
	}
	v.Close()
	want := "waiting casefake\nmessage " + fakekey.Message + "\nrequest " + fakekey.Prompt
	if rec.all() != want {
		t.Fatalf("the prompter saw\n%s\nwant\n%s", rec.all(), want)
	}
	rec = &recorder{pin: "0000"}
	o.Keys = rec
	_, _, err = Open(dir, testPass, o)
	if ke := keyErr(t, err, ErrKeyAbsent); ke.Detail != "wrong PIN" {
		t.Fatalf("a wrong PIN: %q", ke.Detail)
	}
}

// A plugin that never answers times out with its own error, and the
// time the coach spends typing does not count.
func TestKeyPluginHangs(t *testing.T) {
	f := newFakeKeys(t, 1)
	dir, _, _ := boundVault(t, f, f.keys[0])
	t.Setenv(fakekey.ModeEnv, "hang")
	o := testOpts()
	o.KeyTimeout = 500 * time.Millisecond
	start := time.Now()
	_, _, err := Open(dir, testPass, o)
	keyErr(t, err, ErrKeyTimeout)
	if d := time.Since(start); d > fakekey.HangFor/2 {
		t.Fatalf("the timeout took %v", d)
	}
	// The vault is not left locked by the attempt.
	t.Setenv(fakekey.ModeEnv, "")
	v, _, err := Open(dir, testPass, testOpts())
	if err != nil {
		t.Fatalf("after a timeout: %v", err)
	}
	v.Close()
}

// slowPIN answers the PIN after longer than the timeout.
type slowPIN struct{ recorder }

func (s *slowPIN) KeyRequest(p, prompt string, secret bool) (string, error) {
	time.Sleep(2500 * time.Millisecond) // longer than the timeout below
	return fakekey.PIN, nil
}

func TestKeyTimeoutPausesWhileAsking(t *testing.T) {
	f := newFakeKeys(t, 1)
	dir, _, _ := boundVault(t, f, f.keys[0])
	t.Setenv(fakekey.ModeEnv, "prompt")
	o := testOpts()
	o.Keys = &slowPIN{}
	// Long enough for the plugin (this test binary) to start on a loaded
	// machine under the race detector; the PIN takes longer still.
	o.KeyTimeout = 1500 * time.Millisecond
	v, _, err := Open(dir, testPass, o)
	if err != nil {
		t.Fatalf("a PIN typed slowly timed out: %v", err)
	}
	v.Close()
}

// A plugin that crashes is told apart from a key that said no.
func TestKeyPluginCrashes(t *testing.T) {
	f := newFakeKeys(t, 1)
	dir, _, _ := boundVault(t, f, f.keys[0])
	t.Setenv(fakekey.ModeEnv, "crash")
	_, _, err := Open(dir, testPass, testOpts())
	keyErr(t, err, ErrKeyPluginFailed)
	// Binding a key with a crashing plugin changes nothing.
	t.Setenv(fakekey.ModeEnv, "")
	v, _, err := Open(dir, testPass, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	before := readBytes(t, filepath.Join(dir, identityFile))
	t.Setenv(fakekey.ModeEnv, "crash")
	if err := v.Rekey([]byte(testPass), f.keys); !errors.Is(err, ErrKeyPluginFailed) {
		t.Fatalf("binding through a crashing plugin: %v", err)
	}
	if !bytes.Equal(before, readBytes(t, filepath.Join(dir, identityFile))) {
		t.Fatal("a failed binding changed identity.age")
	}
}

// A spare key opens the vault alone; removing the keys makes the
// passphrase enough again; the recovery key opens a bound vault alone.
func TestKeySpareRemoveRecover(t *testing.T) {
	f := newFakeKeys(t, 2)
	f.plug(0, 1)
	dir, _, _ := boundVault(t, f, f.keys...)
	for _, which := range []int{0, 1} {
		f.plug(which)
		v, _, err := Open(dir, testPass, testOpts())
		if err != nil {
			t.Fatalf("with key %d alone: %v", which, err)
		}
		v.Close()
	}

	v, _, err := Open(dir, testPass, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Rekey([]byte(testPass), nil); err != nil {
		t.Fatal(err)
	}
	v.Close()
	f.plug()
	t.Setenv("PATH", t.TempDir())
	v, _, err = Open(dir, testPass, testOpts())
	if err != nil {
		t.Fatalf("after removing the keys: %v", err)
	}
	if err := v.Rekey([]byte(testPass), f.keys[:1]); err == nil {
		t.Fatal("bound a key whose plugin is not installed")
	}
	v.Close()

	// Bound again, then recovered without any key.
	f2 := newFakeKeys(t, 1)
	dir, img, rk := boundVault(t, f2, f2.keys[0])
	f2.plug()
	v, got, err := Recover(dir, rk, "a new passphrase for Anna", testOpts())
	if err != nil {
		t.Fatalf("recovering a bound vault without its key: %v", err)
	}
	if !bytes.Equal(got, img) || len(v.SecurityKeys()) != 0 {
		t.Fatal("recovery gave another image or kept the key")
	}
	v.Close()
	v, _, err = Open(dir, "a new passphrase for Anna", testOpts())
	if err != nil {
		t.Fatalf("after recovery, the new passphrase alone: %v", err)
	}
	v.Close()
}

func TestParseSecurityKey(t *testing.T) {
	rec := plugin.EncodeRecipient("yubikey", make([]byte, 33))
	id := plugin.EncodeIdentity("yubikey", make([]byte, 20))
	for _, tc := range []struct{ in, plugin string }{
		{rec, "yubikey"},
		{"#    Serial: 1, Slot: 1\n#    Recipient: " + rec + "\n" + id + "\n", "yubikey"},
		{id, "yubikey"},
		// What age-plugin-fido2-hmac -g writes (with a separate identity).
		{"# created: 2026-12-06T21:00:00+01:00\n# public key: " + plugin.EncodeRecipient("fido2-hmac", make([]byte, 40)) + "\n" +
			plugin.EncodeIdentity("fido2-hmac", make([]byte, 40)) + "\n", "fido2-hmac"},
	} {
		k, err := ParseSecurityKey(tc.in)
		if err != nil || k.Plugin != tc.plugin {
			t.Errorf("%q: %+v, %v", tc.in, k, err)
		}
	}
	for _, bad := range []string{"", "hello", "age1pq1abc", "AGE-SECRET-KEY-1QQQ"} {
		if _, err := ParseSecurityKey(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// The recipe of docs/recovery.md for a vault bound to a security key,
// with the real age CLI and the key's plugin on PATH: the passphrase
// layer with batchpass, the key layer with -j PLUGIN, then vault.age.
func TestKeyBoundIdentityOpensWithAgeCLI(t *testing.T) {
	if _, err := exec.LookPath("age"); err != nil {
		t.Skip("age is not installed")
	}
	f := newFakeKeys(t, 1)
	dir, img, _ := boundVault(t, f, f.keys[0])
	tmp := t.TempDir()
	inner, key := filepath.Join(tmp, "inner.age"), filepath.Join(tmp, "key.txt")
	run := func(env []string, args ...string) {
		t.Helper()
		cmd := exec.Command("age", args...)
		cmd.Env = append(os.Environ(), env...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("age %v: %v\n%s", args, err, out)
		}
	}
	run([]string{"AGE_PASSPHRASE=" + testPass}, "-d", "-j", "batchpass", "-o", inner, filepath.Join(dir, identityFile))
	run(nil, "-d", "-j", fakekey.Name, "-o", key, inner)
	out, err := exec.Command("age", "-d", "-i", key, filepath.Join(dir, vaultFile)).Output()
	if err != nil || !bytes.Equal(out, img) {
		t.Fatalf("age -d -i key.txt vault.age: %v", err)
	}
	// Without the key, age cannot take the second step either.
	f.plug()
	if err := exec.Command("age", "-d", "-j", fakekey.Name, "-o", key+"2", inner).Run(); err == nil {
		t.Fatal("age opened the key layer without the key")
	}
}

// A key is added to an open vault only with the right passphrase (and the
// keys already bound); the prompter given is the one asked.
func TestAddSecurityKey(t *testing.T) {
	f := newFakeKeys(t, 2)
	f.plug(0, 1)
	dir, v, _ := createVault(t, nil)
	mustSeal(t, v, seqImage(1))
	rec := &recorder{}
	if err := v.AddSecurityKey([]byte("not the passphrase"), f.keys[0], rec); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("wrong passphrase: %v", err)
	}
	if err := v.AddSecurityKey([]byte(testPass), f.keys[0], rec); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rec.all(), "waiting casefake") {
		t.Fatalf("the prompter was not asked: %q", rec.all())
	}
	if err := v.AddSecurityKey([]byte(testPass), f.keys[0], rec); !errors.Is(err, ErrKeyBound) {
		t.Fatalf("the same key twice: %v", err)
	}
	f.plug(1) // only the new key: the bound one must answer first
	if err := v.AddSecurityKey([]byte(testPass), f.keys[1], rec); !errors.Is(err, ErrWrongKey) {
		t.Fatalf("a spare without the first key: %v", err)
	}
	f.plug(0, 1)
	if err := v.AddSecurityKey([]byte(testPass), f.keys[1], rec); err != nil {
		t.Fatal(err)
	}
	v.Close()
	f.plug(1)
	v2, _, err := Open(dir, testPass, testOpts())
	if err != nil || len(v2.SecurityKeys()) != 2 {
		t.Fatalf("the spare alone: %v", err)
	}
	v2.Close()
}
