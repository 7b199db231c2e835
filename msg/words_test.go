package msg

import (
	"strings"
	"testing"
)

// The words of the law and the vault, one for each idea in each language,
// in every catalogue: a legal hold is not a "bewaarplicht" (a duty to
// keep, such as the fiscal one), the vault opens with a "wachtwoordzin"
// (never a "wachtwoord"), Dutch names the AVG and English the GDPR.
func TestWords(t *testing.T) {
	for _, cat := range []*catalogue{&commandLine, &screens} {
		for k, e := range cat.texts {
			checkWords(t, k, e.nl, e.en)
		}
		for k, c := range cat.counts {
			for i := range c.nl {
				checkWords(t, k, c.nl[i], c.en[i])
			}
		}
	}
}

func checkWords(t *testing.T, key, nl, en string) {
	t.Helper()
	low := strings.ToLower(nl)
	if strings.Contains(low, "bewaarplicht") && !strings.Contains(low, "fiscale bewaarplicht") {
		t.Errorf("%s: a legal hold called bewaarplicht: %q", key, nl)
	}
	// "een veelgebruikt wachtwoord" is one from the lists of leaked
	// passwords, rightly a wachtwoord; a password manager is a
	// wachtwoordkluis.
	rest := low
	for _, ok := range []string{"wachtwoordzin", "veelgebruikt wachtwoord", "wachtwoordkluis"} {
		rest = strings.ReplaceAll(rest, ok, "")
	}
	if strings.Contains(rest, "wachtwoord") {
		t.Errorf("%s: wachtwoord where the vault has a wachtwoordzin: %q", key, nl)
	}
	if strings.Contains(en, "AVG") {
		t.Errorf("%s: AVG in English: %q", key, en)
	}
	if strings.Contains(nl, "GDPR") {
		t.Errorf("%s: GDPR in Dutch: %q", key, nl)
	}
}
