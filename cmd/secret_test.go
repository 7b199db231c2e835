package cmd

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/caseload/caseload/crypt"
)

// terminal runs caseload as if typed at a terminal: each secret asked is
// the next of answers; it reports what was printed, the exit code and how
// many secrets were asked.
func terminal(t *testing.T, dir, lang string, answers []string, args ...string) (stdout, stderr string, code, asked int) {
	t.Helper()
	var out, errs bytes.Buffer
	e := &env{
		stdin: strings.NewReader(""), stdout: &out, stderr: &errs,
		getenv:     func(k string) string { return map[string]string{"LANG": lang}[k] },
		clock:      time.Now,
		workFactor: testWorkFactor,
		tty:        func() bool { return true },
		readSecret: func() ([]byte, error) {
			if asked >= len(answers) {
				t.Fatalf("asked a secret more than the %d expected", len(answers))
			}
			asked++
			return []byte(answers[asked-1]), nil
		},
	}
	code = run(append([]string{"--vault", dir}, args...), e)
	return out.String(), errs.String(), code, asked
}

// A mismatched repeat at init asks again instead of ending the command.
func TestInitAsksAgainAfterMismatch(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "vault")
	p := "tulpen fietsen langs de gracht in mei"
	out, errs, code, asked := terminal(t, dir, "en_GB.UTF-8", []string{p, p + "x", p, p}, "init")
	if code != 0 || asked != 4 {
		t.Fatalf("exit %d after %d questions; stderr:\n%s", code, asked, errs)
	}
	if !strings.Contains(errs, "caseload: the two passphrases differ") || !strings.Contains(out, "Vault created") {
		t.Fatalf("stdout:\n%s\nstderr:\n%s", out, errs)
	}
}

// Weak passphrases are refused with the reason, in the coach's language,
// and six words are suggested; after three tries init gives up having
// written nothing.
func TestInitRefusesWeakPassphrases(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "vault")
	_, errs, code, asked := terminal(t, dir, "nl_NL.UTF-8", []string{"aaaaaaaaaa", "          ", "wachtwoord123"}, "init")
	if code != 1 || asked != 3 {
		t.Fatalf("exit %d after %d questions", code, asked)
	}
	for _, want := range []string{
		"caseload: de wachtwoordzin herhaalt zichzelf",
		"caseload: error: de wachtwoordzin is een veelgebruikt wachtwoord",
		"caseload: hint: er is niets veranderd; zes willekeurige woorden",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if !regexp.MustCompile(`bijvoorbeeld: [a-z]+( [a-z]+){5}\n`).MatchString(errs) {
		t.Errorf("no six-word suggestion:\n%s", errs)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("a refused init left %s behind (%v)", dir, err)
	}
}

// recover checks the recovery key before asking for a new passphrase:
// a mistyped key is said at once, with a hint, and nothing more is asked.
func TestRecoverChecksKeyFirst(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "vault")
	p := "tulpen fietsen langs de gracht in mei"
	out, _, code, _ := terminal(t, dir, "en_GB.UTF-8", []string{p, p}, "init")
	if code != 0 {
		t.Fatal("init failed")
	}
	// init seals nothing until the first save; list seals nothing either,
	// so make vault.age through a session that saves.
	e := &env{vaultDir: dir, workFactor: testWorkFactor, clock: time.Now}
	s, err := e.open(t.Context(), p)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.LogUnlock(t.Context()); err != nil {
		t.Fatal(err)
	}
	s.Close()
	key := regexp.MustCompile(`AGE-SECRET-KEY-PQ-1[0-9A-Z]+`).FindString(out)
	bad := key[:30] + map[bool]string{true: "P", false: "Q"}[key[30] == 'Q'] + key[31:] // always another character
	_, errs, code, asked := terminal(t, dir, "en_GB.UTF-8", []string{bad}, "recover")
	if code != 1 || asked != 1 {
		t.Fatalf("exit %d after %d questions: the new passphrase was asked before the key was checked", code, asked)
	}
	if !strings.Contains(errs, "caseload: error: that is not a recovery key: a character is missing or mistyped") ||
		!strings.Contains(errs, "caseload: hint: nothing was changed; the key starts with AGE-SECRET-KEY-PQ-1") {
		t.Fatalf("stderr:\n%s", errs)
	}
	p2 := "een nieuwe zin voor de kluis van Anna"
	out, errs, code, asked = terminal(t, dir, "en_GB.UTF-8", []string{key, p2, p2}, "recover")
	if code != 0 || asked != 3 || !strings.Contains(out, "open again with the new passphrase") {
		t.Fatalf("exit %d after %d questions:\n%s%s", code, asked, out, errs)
	}
}

// Each failure of a security key has its own message and hint, in Dutch
// and English, and the plugin's own words arrive escaped.
func TestExplainKeyErrors(t *testing.T) {
	for _, lang := range []string{"en", "nl"} {
		e := &env{lang: lang}
		seen := map[string]bool{}
		for _, err := range []error{
			&crypt.KeyError{Plugin: "fido2-hmac", Err: crypt.ErrKeyPluginMissing},
			&crypt.KeyError{Plugin: "yubikey", Err: crypt.ErrKeyPluginMissing},
			&crypt.KeyError{Plugin: "yubikey", Detail: "no YubiKey found\x1b[2J", Err: crypt.ErrKeyAbsent},
			&crypt.KeyError{Plugin: "yubikey", Err: crypt.ErrWrongKey},
			&crypt.KeyError{Plugin: "yubikey", Err: crypt.ErrKeyTimeout},
			&crypt.KeyError{Plugin: "yubikey", Err: crypt.ErrKeyPluginFailed},
		} {
			msg, hint := e.explain(fmt.Errorf("opening vault: reading identity.age: %w", err))
			if msg == "" || hint == "" || seen[msg+hint] {
				t.Errorf("%s %v: %q / %q: empty or not distinct", lang, err, msg, hint)
			}
			seen[msg+hint] = true
			if strings.Contains(msg+hint, "\x1b") {
				t.Errorf("%s: the plugin's words reach the terminal raw: %q", lang, msg)
			}
		}
		msg, hint := e.explain(&crypt.KeyError{Plugin: "fido2-hmac", Err: crypt.ErrKeyPluginMissing})
		if !strings.Contains(msg, "age-plugin-fido2-hmac") || !strings.Contains(hint, "libfido2") {
			t.Errorf("%s: the missing plugin is not named with how to install it: %q / %q", lang, msg, hint)
		}
	}
}
