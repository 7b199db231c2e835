package crypt

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"golang.org/x/text/unicode/norm"
)

// identityPlain takes the passphrase layer off identity.age with age's
// own scrypt identity.
func identityPlain(t *testing.T, dir, pass string) []byte {
	t.Helper()
	id, err := age.NewScryptIdentity(pass)
	if err != nil {
		t.Fatal(err)
	}
	r, err := age.Decrypt(bytes.NewReader(readBytes(t, filepath.Join(dir, identityFile))), id)
	if err != nil {
		t.Fatalf("age cannot open identity.age with the passphrase: %v", err)
	}
	var b bytes.Buffer
	b.ReadFrom(r)
	return b.Bytes()
}

// identity.age's plaintext is an age identity file: age's own parser
// reads it, and the key it holds opens vault.age.
func TestIdentityIsAnAgeIdentityFile(t *testing.T) {
	dir, v, _ := createVault(t, nil)
	img := seqImage(1)
	mustSeal(t, v, img)
	ids, err := age.ParseIdentities(bytes.NewReader(identityPlain(t, dir, testPass)))
	if err != nil {
		t.Fatalf("identity.age's plaintext is not an age identity file: %v", err)
	}
	r, err := age.Decrypt(bytes.NewReader(readBytes(t, filepath.Join(dir, vaultFile))), ids...)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	got.ReadFrom(r)
	if !bytes.Equal(got.Bytes(), img) {
		t.Fatal("the key from identity.age decrypts vault.age to something else")
	}
}

// The recipe of docs/recovery.md with the real age CLI:
// age -d -j batchpass identity.age > key.txt && age -d -i key.txt vault.age.
func TestIdentityOpensWithAgeCLI(t *testing.T) {
	if _, err := exec.LookPath("age"); err != nil {
		t.Skip("age is not installed")
	}
	if _, err := exec.LookPath("age-plugin-batchpass"); err != nil {
		t.Fatal("age is installed without age-plugin-batchpass: go install filippo.io/age/cmd/...@v1.3.2")
	}
	dir, v, _ := createVault(t, nil)
	img := seqImage(7)
	mustSeal(t, v, img)
	key := filepath.Join(t.TempDir(), "key.txt")
	cmd := exec.Command("age", "-d", "-j", "batchpass", "-o", key, filepath.Join(dir, identityFile))
	cmd.Env = append(os.Environ(), "AGE_PASSPHRASE="+testPass)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("age -d -j batchpass identity.age: %v\n%s", err, out)
	}
	out, err := exec.Command("age", "-d", "-i", key, filepath.Join(dir, vaultFile)).Output()
	if err != nil {
		t.Fatalf("age -d -i key.txt vault.age: %v", err)
	}
	if !bytes.Equal(out, img) {
		t.Fatal("age decrypted vault.age to something else")
	}
}

// writeV1 rewrites identity.age as caseload wrote it before version 2:
// four lines that age cannot read, sealed with pass as given.
func writeV1(t *testing.T, v *Vault, pass []byte) {
	t.Helper()
	k := v.keys
	plain := []byte(identityMagic + "\ntag " + k.tag + "\nidentity " + k.identity.String() + "\nrecovery " + k.recovery.String() + "\n")
	r := &scryptRecipient{pass: pass, workFactor: testWorkFactor}
	var b bytes.Buffer
	if err := encrypt(&b, plain, r); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(v.dir, identityFile), b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// A vault made before version 2 keeps opening, and is rewritten as an
// age identity file on that open.
func TestIdentityV1OpensAndIsRewritten(t *testing.T) {
	dir, v, _ := createVault(t, nil)
	img := seqImage(2)
	mustSeal(t, v, img)
	writeV1(t, v, []byte(testPass))
	v.Close()
	if _, err := age.ParseIdentities(bytes.NewReader(identityPlain(t, dir, testPass))); err == nil {
		t.Fatal("the version 1 file under test is already an identity file")
	}
	v2, got := mustOpen(t, dir, nil)
	if !bytes.Equal(got, img) {
		t.Fatal("a version 1 vault opened to another image")
	}
	v2.Close()
	if _, err := age.ParseIdentities(bytes.NewReader(identityPlain(t, dir, testPass))); err != nil {
		t.Fatalf("identity.age was not rewritten as an identity file on open: %v", err)
	}
	mustOpen(t, dir, nil)
}

// A passphrase typed on macOS (NFD) opens a vault made on Linux (NFC),
// and the other way round; one sealed before caseload normalised, with
// decomposed bytes, still opens with exactly those bytes.
func TestPassphraseNFC(t *testing.T) {
	const p = "Zoë en Renée gaan naar café Ödön"
	nfc, nfd := norm.NFC.String(p), norm.NFD.String(p)
	if nfc == nfd {
		t.Fatal("the test passphrase has no accents")
	}
	dir := filepath.Join(t.TempDir(), "v")
	v, _, err := Create(dir, nfd, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	mustSeal(t, v, seqImage(1))
	v.Close()
	for _, typed := range []string{nfc, nfd} {
		v, _, err := Open(dir, []byte(typed), testOpts())
		if err != nil {
			t.Fatalf("opening with the %q form: %v", typed, err)
		}
		v.Close()
	}

	// Sealed by an older caseload with the NFD bytes as typed.
	v, _, err = Open(dir, nfd, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	writeV1(t, v, []byte(nfd))
	v.Close()
	if _, _, err := Open(dir, "Zoe en Renee", testOpts()); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("a wrong passphrase gave %v", err)
	}
	v, _, err = Open(dir, nfd, testOpts())
	if err != nil {
		t.Fatalf("an old vault sealed with NFD bytes does not open: %v", err)
	}
	v.Close()
	// Rewritten in NFC on that open: the composed form opens it now too.
	v, _, err = Open(dir, nfc, testOpts())
	if err != nil {
		t.Fatalf("after the rewrite, the NFC form does not open: %v", err)
	}
	v.Close()
}

// Our scrypt stanza is age's: age's identity opens what we seal, and ours
// opens what age seals.
func TestScryptMatchesAge(t *testing.T) {
	var b bytes.Buffer
	if err := encrypt(&b, []byte("hello"), &scryptRecipient{pass: []byte(testPass), workFactor: 5}); err != nil {
		t.Fatal(err)
	}
	id, _ := age.NewScryptIdentity(testPass)
	if _, err := age.Decrypt(bytes.NewReader(b.Bytes()), id); err != nil {
		t.Fatalf("age cannot open our scrypt stanza: %v", err)
	}
	r, _ := age.NewScryptRecipient(testPass)
	r.SetWorkFactor(5)
	b.Reset()
	if err := encrypt(&b, []byte("hello"), r); err != nil {
		t.Fatal(err)
	}
	if _, err := decryptAll(b.Bytes(), &scryptIdentity{pass: []byte(testPass), maxWorkFactor: 22}); err != nil {
		t.Fatalf("we cannot open age's scrypt stanza: %v", err)
	}
	if _, err := decryptAll(b.Bytes(), &scryptIdentity{pass: []byte("other"), maxWorkFactor: 22}); !noMatch(err) {
		t.Fatalf("a wrong passphrase gave %v", err)
	}
}

// The recovery key is checked on its own, before anything else is asked:
// a mistyped key, another vault's key and the right one are told apart.
func TestCheckRecoveryKey(t *testing.T) {
	dir, v, rk := createVault(t, nil)
	mustSeal(t, v, seqImage(1))
	if err := CheckRecoveryKey(dir, " "+strings.ToLower(rk)+"\n"); err != nil {
		t.Fatalf("the right key (pasted with spaces, lower case): %v", err)
	}
	swap := map[bool]string{true: "P", false: "Q"}[rk[40] == 'Q'] // always another character
	bad := rk[:40] + swap + rk[41:]
	if err := CheckRecoveryKey(dir, bad); !errors.Is(err, ErrMalformedKey) || !errors.Is(err, ErrWrongRecoveryKey) {
		t.Fatalf("a mistyped key gave %v", err)
	}
	_, _, other := createVault(t, nil)
	if err := CheckRecoveryKey(dir, other); !errors.Is(err, ErrWrongRecoveryKey) || errors.Is(err, ErrMalformedKey) {
		t.Fatalf("another vault's key gave %v", err)
	}
	if err := CheckRecoveryKey(t.TempDir(), rk); !errors.Is(err, ErrNoVault) {
		t.Fatalf("an empty folder gave %v", err)
	}
}
