package crypt

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"filippo.io/age"
	"golang.org/x/crypto/scrypt"
)

// Our vault key is age's: same text, same recipient, both ways.
func TestVaultKeyMatchesAge(t *testing.T) {
	k, err := newVaultKey()
	if err != nil {
		t.Fatal(err)
	}
	text := string(k.appendText(nil))
	if text != k.id.String() {
		t.Fatalf("our text %q, age's %q", text, k.id.String())
	}
	ageID, err := age.ParseHybridIdentity(text)
	if err != nil {
		t.Fatal(err)
	}
	if ageID.Recipient().String() != k.id.Recipient().String() {
		t.Fatal("age reads our key as another one")
	}
	fresh, _ := age.GenerateHybridIdentity()
	back, err := parseVaultKey([]byte(fresh.String()))
	if err != nil || back.id.Recipient().String() != fresh.Recipient().String() {
		t.Fatalf("we read age's key as another one: %v", err)
	}
	if _, err := parseVaultKey([]byte(strings.ToLower(fresh.String()))); err != nil {
		t.Fatalf("lower case: %v", err)
	}
	// A file sealed to age's recipient opens with our identity.
	var b bytes.Buffer
	if err := encrypt(&b, []byte("x"), fresh.Recipient()); err != nil {
		t.Fatal(err)
	}
	if _, err := decryptAll(b.Bytes(), back.id); err != nil {
		t.Fatal(err)
	}
	back.wipe()
	if hs, _ := back.hk.Bytes(); !bytes.Equal(back.seed, make([]byte, 32)) || !bytes.Equal(hs, make([]byte, 32)) {
		t.Fatal("wipe left the seed, or hpke's clone of it")
	}
	// A checksum character changed to another one of the alphabet: never
	// the one it was, which a fixed replacement would be in 1 run of 32.
	s := fresh.String()
	other := "Q"
	if s[len(s)-1] == 'Q' {
		other = "P"
	}
	for _, bad := range []string{
		s[:40] + strings.ToLower(s[40:]), // mixed case
		s[:len(s)-1] + other,             // checksum
		"AGE-SECRET-KEY-1" + s[19:],      // prefix
		"AGE-SECRET-KEY-PQ-1",
	} {
		if _, err := parseVaultKey([]byte(bad)); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// Our payload is age's: age opens what we seal and we open what age
// seals, at every chunk boundary; damage anywhere is refused.
func TestSmallPayloadMatchesAge(t *testing.T) {
	id, _ := age.GenerateX25519Identity()
	for _, n := range []int{0, 1, payloadChunk - 1, payloadChunk, payloadChunk + 1, 3*payloadChunk + 7} {
		plain := bytes.Repeat([]byte{'a' + byte(n%26)}, n)
		var ours bytes.Buffer
		if err := sealSmall(&ours, plain, id.Recipient()); err != nil {
			t.Fatal(err)
		}
		r, err := age.Decrypt(bytes.NewReader(ours.Bytes()), id)
		if err != nil {
			t.Fatalf("%d bytes: age cannot open ours: %v", n, err)
		}
		got, err := io.ReadAll(r)
		if err != nil || !bytes.Equal(got, plain) {
			t.Fatalf("%d bytes: age read %d bytes, %v", n, len(got), err)
		}
		var theirs bytes.Buffer
		if err := encrypt(&theirs, plain, id.Recipient()); err != nil {
			t.Fatal(err)
		}
		got, err = openSmall(theirs.Bytes(), id)
		if err != nil || !bytes.Equal(got, plain) {
			t.Fatalf("%d bytes: we read %d bytes of age's, %v", n, len(got), err)
		}
		data := theirs.Bytes()
		for _, cut := range []int{1, 16, 17, len(data) - 200} {
			if cut > 0 && cut < len(data) {
				if _, err := openSmall(data[:len(data)-cut], id); err == nil {
					t.Errorf("%d bytes cut by %d: accepted", n, cut)
				}
			}
		}
		bad := bytes.Clone(data)
		bad[len(bad)-1] ^= 1
		if _, err := openSmall(bad, id); err == nil {
			t.Errorf("%d bytes, last byte flipped: accepted", n)
		}
		if _, err := openSmall(append(bytes.Clone(data), 0), id); err == nil {
			t.Errorf("%d bytes, trailing byte: accepted", n)
		}
	}
}

// FuzzOpenSmall: identity.age is outside input; openSmall must refuse
// what is not a whole, authentic age file, and never panic.
func FuzzOpenSmall(f *testing.F) {
	id, _ := age.GenerateX25519Identity()
	for _, n := range []int{0, 5, 300} {
		var b bytes.Buffer
		sealSmall(&b, bytes.Repeat([]byte("k"), n), id.Recipient())
		f.Add(b.Bytes())
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		openSmall(data, id)
	})
}

func FuzzParseKeys(f *testing.F) {
	k, _ := newVaultKey()
	r, _ := age.GenerateHybridIdentity()
	f.Add((&keys{tag: newTag(), identity: k.id, key: k, recovery: r.Recipient()}).marshal())
	f.Add([]byte(identityMagic + "\ntag x\nidentity y\nrecovery z\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		parseKeys(b)
	})
}

func TestScryptKeyMatchesXCrypto(t *testing.T) {
	for _, tc := range []struct {
		pass, salt string
		n, r, p, l int
	}{
		{"", "", 16, 1, 1, 64},
		{"password", "NaCl", 1024, 8, 16, 64},
		{"Wibblesnort plant tulpen in de herfst, en een lange zin om over de 64 bytes van een blok te gaan", "age-encryption.org/v1/scryptxxxxxxxxxxxxxxxx", 1 << 10, 8, 1, 32},
	} {
		want, err := scrypt.Key([]byte(tc.pass), []byte(tc.salt), tc.n, tc.r, tc.p, tc.l)
		if err != nil {
			t.Fatal(err)
		}
		got, err := scryptKey([]byte(tc.pass), []byte(tc.salt), tc.n, tc.r, tc.p, tc.l)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("scryptKey(%q) = %x, %v; want %x", tc.pass, got, err, want)
		}
	}
}

// BenchmarkScrypt compares our scrypt with x/crypto's at work factor 14.
func BenchmarkScrypt(b *testing.B) {
	pass, salt := []byte(testPass), []byte("age-encryption.org/v1/scrypt0123456789abcdef")
	b.Run("ours", func(b *testing.B) {
		for b.Loop() {
			scryptKey(pass, salt, 1<<14, 8, 1, 32)
		}
	})
	b.Run("xcrypto", func(b *testing.B) {
		for b.Loop() {
			scrypt.Key(pass, salt, 1<<14, 8, 1, 32)
		}
	})
}
