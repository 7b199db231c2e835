package cmd

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/caseload/caseload/crypt"
	"github.com/caseload/caseload/internal/strength"
	"github.com/caseload/caseload/termsafe"
)

// keyPrompter is who answers a security key's plugin: the screens when
// the TUI set one, else the terminal.
func (e *env) keyPrompter() crypt.KeyPrompter {
	if e.keyUI != nil {
		return e.keyUI
	}
	return termKeys{e}
}

// termKeys talks with a security key's plugin on the terminal, in age's
// voice.
type termKeys struct{ e *env }

// KeyWaiting asks for the touch.
func (k termKeys) KeyWaiting(plugin string) {
	fmt.Fprintf(k.e.stderr, "caseload: %s (%s)…\n", k.e.t("touch your security key", "raak je beveiligingssleutel aan"), safeText(plugin))
}

// KeyMessage shows the plugin's own words, escaped.
func (k termKeys) KeyMessage(plugin, msg string) {
	fmt.Fprintf(k.e.stderr, "caseload: %s: %s\n", safeText(plugin), safeText(msg))
}

// KeyRequest asks for a value (a PIN) without echo.
func (k termKeys) KeyRequest(plugin, prompt string, secret bool) (string, error) {
	return k.e.ask(safeText(plugin) + ": " + safeText(prompt) + " ")
}

// KeyConfirm asks for yes (enter, y, 1) or no.
func (k termKeys) KeyConfirm(plugin, prompt, yes, no string) (bool, error) {
	q := safeText(plugin) + ": " + safeText(prompt)
	if no == "" {
		q += fmt.Sprintf(" [%s] ", safeText(yes))
	} else {
		q += fmt.Sprintf(" [1: %s / 2: %s] ", safeText(yes), safeText(no))
	}
	a, err := k.e.ask(q)
	if err != nil {
		return false, err
	}
	a = strings.TrimSpace(strings.ToLower(a))
	return a == "" || a == "1" || a == "y" || a == "j" || a == strings.ToLower(yes), nil
}

// safeText shows text from outside (a plugin's words) on one line, with
// control and invisible format characters escaped (termsafe).
func safeText(s string) string { return termsafe.Line(s) }

// pluginInstall is how to install the plugin of a security key.
func (e *env) pluginInstall(name string) string {
	switch name {
	case "fido2-hmac":
		return e.t("install age-plugin-fido2-hmac (its releases page has builds for macOS and Linux, none yet for Windows; it needs libfido2) and make sure it is on the PATH",
			"installeer age-plugin-fido2-hmac (de releases-pagina heeft versies voor macOS en Linux, nog niet voor Windows; hij heeft libfido2 nodig) en zorg dat hij in het PATH staat")
	case "yubikey":
		return e.t("install age-plugin-yubikey (brew install age-plugin-yubikey on macOS; the installer from its releases page on Windows) and make sure it is on the PATH",
			"installeer age-plugin-yubikey (brew install age-plugin-yubikey op macOS; het installatieprogramma van de releases-pagina op Windows) en zorg dat hij in het PATH staat")
	}
	return fmt.Sprintf(e.t("install age-plugin-%s and make sure it is on the PATH", "installeer age-plugin-%s en zorg dat hij in het PATH staat"), safeText(name))
}

// explainKeys is explain for the security keys, the recovery key and new
// passphrases; ok is false for any other error.
func (e *env) explainKeys(err error) (msg, hint string, ok bool) {
	var ke *crypt.KeyError
	var weak *weakError
	lost := e.t("lost it? 'caseload recover' opens the vault with the recovery key and binds a new key",
		"kwijt? 'caseload recover' opent de kluis met de herstelsleutel en koppelt een nieuwe sleutel")
	switch {
	case errors.As(err, &ke):
		name := safeText(ke.Plugin)
		switch {
		case errors.Is(err, crypt.ErrKeyPluginMissing):
			return fmt.Sprintf(e.t("the vault needs its security key, but the program for it (age-plugin-%s) is not installed",
					"de kluis vraagt om zijn beveiligingssleutel, maar het programma daarvoor (age-plugin-%s) is niet geïnstalleerd"), name),
				e.t("nothing was changed; ", "er is niets veranderd; ") + e.pluginInstall(ke.Plugin), true
		case errors.Is(err, crypt.ErrKeyAbsent):
			msg = e.t("no security key answered", "geen beveiligingssleutel gaf antwoord")
			if ke.Detail != "" {
				msg += fmt.Sprintf(" (%s: %s)", name, safeText(ke.Detail))
			}
			return msg, e.t("plug in the key bound to this vault (or its spare) and try again; ",
				"steek de sleutel van deze kluis (of de reservesleutel) in en probeer het opnieuw; ") + lost, true
		case errors.Is(err, crypt.ErrWrongKey):
			return e.t("this security key is not one bound to this vault", "deze beveiligingssleutel hoort niet bij deze kluis"),
				e.t("use the key you bound (or its spare); ", "gebruik de sleutel die je koppelde (of de reservesleutel); ") + lost, true
		case errors.Is(err, crypt.ErrKeyTimeout):
			return e.t("the security key did not answer in time", "de beveiligingssleutel gaf niet op tijd antwoord"),
				e.t("plug it in, touch it when it blinks, and try again", "steek hem in, raak hem aan als hij knippert, en probeer het opnieuw"), true
		case errors.Is(err, crypt.ErrKeyPluginFailed):
			return fmt.Sprintf(e.t("the program of the security key (age-plugin-%s) stopped unexpectedly", "het programma van de beveiligingssleutel (age-plugin-%s) stopte onverwacht"), name),
				e.t("nothing was changed; try again, and if it keeps failing, reinstall it: ", "er is niets veranderd; probeer het opnieuw, en lukt het steeds niet, installeer het dan opnieuw: ") +
					e.pluginInstall(ke.Plugin), true
		}
	case errors.Is(err, crypt.ErrMalformedKey):
		return e.t("that is not a recovery key: a character is missing or mistyped", "dat is geen herstelsleutel: er ontbreekt een teken of er is een verkeerd getypt"),
			e.t("nothing was changed; the key starts with AGE-SECRET-KEY-PQ-1 and is one long line: copy it again from your print-out or password manager",
				"er is niets veranderd; de sleutel begint met AGE-SECRET-KEY-PQ-1 en is één lange regel: neem hem opnieuw over van je afdruk of wachtwoordkluis"), true
	case errors.Is(err, crypt.ErrWrongRecoveryKey):
		return e.t("this recovery key does not open this vault", "deze herstelsleutel opent deze kluis niet"),
			e.t("nothing was changed; use the key shown when this vault was made (check --vault)",
				"er is niets veranderd; gebruik de sleutel die je zag toen deze kluis werd gemaakt (controleer --vault)"), true
	case errors.As(err, &weak):
		return e.weakReason(weak.reason),
			fmt.Sprintf(e.t("nothing was changed; six random words are easy to remember and hard to guess, for example: %s",
				"er is niets veranderd; zes willekeurige woorden zijn makkelijk te onthouden en moeilijk te raden, bijvoorbeeld: %s"), suggestPassphrase()), true
	case errors.Is(err, errKeyFlags):
		return strings.TrimPrefix(err.Error(), errKeyFlags.Error()+": "), "", true
	}
	return "", "", false
}

// weakReason says why a new passphrase is refused.
func (e *env) weakReason(r strength.Reason) string {
	switch r {
	case strength.TooShort:
		return fmt.Sprintf(e.t("the passphrase is too short: use at least %d characters", "de wachtwoordzin is te kort: gebruik minstens %d tekens"), strength.MinLength)
	case strength.Repeated:
		return e.t("the passphrase repeats itself (like aaaa or abcabc): a guesser tries those first",
			"de wachtwoordzin herhaalt zichzelf (zoals aaaa of abcabc): die probeert een raadprogramma als eerste")
	case strength.Sequence:
		return e.t("the passphrase is a sequence (like abcd or 4321): a guesser tries those first",
			"de wachtwoordzin is een reeks (zoals abcd of 4321): die probeert een raadprogramma als eerste")
	case strength.Keyboard:
		return e.t("the passphrase is a walk over the keyboard: a guesser tries those first",
			"de wachtwoordzin is een looprichting over het toetsenbord: die probeert een raadprogramma als eerste")
	case strength.Common:
		return e.t("the passphrase is a common password or word, even with letters swapped for digits",
			"de wachtwoordzin is een veelgebruikt wachtwoord of woord, ook met cijfers in plaats van letters")
	case strength.Date:
		return e.t("the passphrase is mostly a date or a year: easy to guess", "de wachtwoordzin is vooral een datum of jaartal: makkelijk te raden")
	}
	return e.t("the passphrase is too easy to guess", "de wachtwoordzin is te makkelijk te raden")
}

// errKeyFlags marks a wrong use of --add-key or --remove-key.
var errKeyFlags = errors.New("key flags")

// readSecurityKey reads --add-key: a plugin recipient (age1yubikey1…) or
// a file holding what the plugin printed for the key.
func readSecurityKey(arg string) (crypt.SecurityKey, error) {
	text := arg
	if !strings.HasPrefix(strings.TrimSpace(arg), "age1") {
		b, err := os.ReadFile(arg)
		if err != nil {
			return crypt.SecurityKey{}, fmt.Errorf("reading the security key file: %w", err)
		}
		text = string(b)
	}
	k, err := crypt.ParseSecurityKey(text)
	if err != nil {
		return crypt.SecurityKey{}, fmt.Errorf("%w: --add-key: %v", errKeyFlags, err)
	}
	return k, nil
}

// keysAfter is the list of bound keys after adding add (if any) and
// removing remove ("all", a recipient, or a plugin name).
func keysAfter(have []crypt.SecurityKey, add []crypt.SecurityKey, remove string) ([]crypt.SecurityKey, error) {
	var out []crypt.SecurityKey
	removed := 0
	for _, k := range have {
		if remove == "all" || remove != "" && (k.Recipient == remove || k.Identity == remove || k.Plugin == remove) {
			removed++
			continue
		}
		out = append(out, k)
	}
	if remove != "" && removed == 0 {
		return nil, fmt.Errorf("%w: --remove-key: no bound key matches %q (give all, a plugin name or a recipient)", errKeyFlags, safeText(remove))
	}
	for _, k := range add {
		for _, h := range out {
			if h == k {
				return nil, fmt.Errorf("%w: --add-key: that key is already bound", errKeyFlags)
			}
		}
		out = append(out, k)
	}
	return out, nil
}
