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
	fmt.Fprintf(k.e.stderr, "caseload: %s (%s)…\n", k.e.T("cmd.keys.touch_your_security_key"), safeText(plugin))
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
		return e.T("cmd.keys.install_age_plugin_fido2_hmac")
	case "yubikey":
		return e.T("cmd.keys.install_age_plugin_yubikey_brew")
	}
	return e.Tf("cmd.keys.install_age_plugin_s_and", safeText(name))
}

// explainKeys is explain for the security keys, the recovery key and new
// passphrases; ok is false for any other error.
func (e *env) explainKeys(err error) (msg, hint string, ok bool) {
	var ke *crypt.KeyError
	var weak *weakError
	lost := e.T("cmd.keys.lost_it_caseload_recover_opens")
	switch {
	case errors.As(err, &ke):
		name := safeText(ke.Plugin)
		switch {
		case errors.Is(err, crypt.ErrKeyPluginMissing):
			return e.Tf("cmd.keys.the_vault_needs_its_security", name),
				e.T("cmd.keys.nothing_was_changed") + e.pluginInstall(ke.Plugin), true
		case errors.Is(err, crypt.ErrKeyAbsent):
			msg = e.T("cmd.keys.no_security_key_answered")
			if ke.Detail != "" {
				msg += fmt.Sprintf(" (%s: %s)", name, safeText(ke.Detail))
			}
			return msg, e.T("cmd.keys.plug_in_the_key_bound") + lost, true
		case errors.Is(err, crypt.ErrWrongKey):
			return e.T("cmd.keys.this_security_key_is_not"),
				e.T("cmd.keys.use_the_key_you_bound") + lost, true
		case errors.Is(err, crypt.ErrKeyTimeout):
			return e.T("cmd.keys.the_security_key_did_not"),
				e.T("cmd.keys.plug_it_in_touch_it"), true
		case errors.Is(err, crypt.ErrKeyPluginFailed):
			return e.Tf("cmd.keys.the_program_of_the_security", name),
				e.T("cmd.keys.nothing_was_changed_try_again") +
					e.pluginInstall(ke.Plugin), true
		}
	case errors.Is(err, crypt.ErrMalformedKey):
		return e.T("cmd.keys.that_is_not_a_recovery"),
			e.T("cmd.keys.nothing_was_changed_the_key"), true
	case errors.Is(err, crypt.ErrWrongRecoveryKey):
		return e.T("cmd.keys.this_recovery_key_does_not"),
			e.T("cmd.keys.nothing_was_changed_use_the"), true
	case errors.As(err, &weak):
		return e.weakReason(weak.reason),
			e.Tf("cmd.keys.nothing_was_changed_six_random", suggestPassphrase()), true
	case errors.Is(err, errKeyFlags):
		return strings.TrimPrefix(err.Error(), errKeyFlags.Error()+": "), "", true
	}
	return "", "", false
}

// weakReason says why a new passphrase is refused.
func (e *env) weakReason(r strength.Reason) string {
	switch r {
	case strength.TooShort:
		return e.Tf("cmd.keys.the_passphrase_is_too_short", strength.MinLength)
	case strength.Repeated:
		return e.T("cmd.keys.the_passphrase_repeats_itself_like")
	case strength.Sequence:
		return e.T("cmd.keys.the_passphrase_is_a_sequence")
	case strength.Keyboard:
		return e.T("cmd.keys.the_passphrase_is_a_walk")
	case strength.Common:
		return e.T("cmd.keys.the_passphrase_is_a_common")
	case strength.Date:
		return e.T("cmd.keys.the_passphrase_is_mostly_a")
	}
	return e.T("cmd.keys.the_passphrase_is_too_easy")
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
