// Package msg owns the sentences caseload shows or writes, in Dutch and
// English, and the names of its months and days: the command line's
// output, help and errors and the files caseload writes (For), and the
// terminal screens' texts (Screens), each a catalogue and a namespace of
// its own. The files say whose texts they hold: cmd.go, help.go,
// errors.go, counts.go for the command line; store.go for what the vault
// says by code; register.go, dossier.go and invoice.go for those papers;
// tui_<screen>.go for a screen (tui_client.go for the client,
// tui_rights.go for the rights desk). Each text
// has a key ("err.wrong_passphrase") and both languages side by side,
// Dutch first as in the screens' catalogues; a counted text has a form per
// CLDR plural category, chosen by golang.org/x/text's plural rules, so
// "1 client" and "2 clients" both come out right.
//
// Why not golang.org/x/text/message with a catalog: its Printer formats
// every %d in the language's number style, so client 1234 would print as
// "1.234" in Dutch, an id a coach could not type back; and its catalog
// cannot be checked by a test for a missing language or a key used
// nowhere. This package is a map and a plural rule, and its tests check
// both languages of every text, their format verbs, and (in cmd) that
// every key used exists and every key exists for a use.
package msg

import (
	"fmt"
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// Lang is a language caseload speaks.
type Lang string

// The languages caseload speaks.
const (
	Dutch   Lang = "nl"
	English Lang = "en"
)

// ParseLang reads a --lang value or a locale name such as "nl_NL.UTF-8",
// "nl-BE" or "en". ok is false for any other language.
func ParseLang(s string) (l Lang, ok bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "nl" || strings.HasPrefix(s, "nl_") || strings.HasPrefix(s, "nl-") || strings.HasPrefix(s, "nl."):
		return Dutch, true
	case s == "en" || strings.HasPrefix(s, "en_") || strings.HasPrefix(s, "en-") || strings.HasPrefix(s, "en."):
		return English, true
	}
	return "", false
}

// DetectLang chooses the language: the --lang flag when it names one, else
// the first of LC_ALL, LC_MESSAGES and LANG that is set (the order POSIX
// gives them). A locale in another language, or "C", means English. When
// none is set — the usual case on Windows — it is Dutch, the language of
// most coaches using caseload.
func DetectLang(env func(string) string, flag string) Lang {
	if l, ok := ParseLang(flag); ok {
		return l
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := env(name); v != "" {
			if l, ok := ParseLang(v); ok {
				return l
			}
			return English
		}
	}
	return Dutch
}

// entry is one text: Dutch, English.
type entry struct{ nl, en string }

// counted is a text about a number: per language the form for one and
// the form for other (the only CLDR cardinal categories Dutch and English
// have), each a format whose first verb takes the count.
type counted struct{ nl, en [2]string }

// catalogue is one surface's texts: its keys are unique within it.
type catalogue struct {
	texts  map[string]entry
	counts map[string]counted
}

// Printer gives the texts of one surface in one language. It is a small
// value: copy it freely.
type Printer struct {
	lang Lang
	tag  language.Tag
	cat  *catalogue
}

// For is the printer of the command line, of what the vault says by code
// (a validation problem, a default retention reason) and of the files
// caseload writes (the register, the dossier, an invoice), for l; any
// language but Dutch is English. Their keys carry their owner's prefix
// ("cmd.", "invalid.", "register.", "dossier.", "invoice.").
func For(l Lang) Printer { return printer(l, &commandLine) }

// Screens is the printer of the terminal screens for l. The screens'
// catalogue (the tui_*.go files, one per screen or area) is a namespace of
// its own: a screen's "key.help" and a command's key can never meet, and
// the screens keep their short keys.
func Screens(l Lang) Printer { return printer(l, &screens) }

func printer(l Lang, cat *catalogue) Printer {
	if l == Dutch {
		return Printer{lang: Dutch, tag: language.Dutch, cat: cat}
	}
	return Printer{lang: English, tag: language.English, cat: cat}
}

// Lang is p's language.
func (p Printer) Lang() Lang { return p.lang }

// T is the text for key. Always pass a literal key: cmd's test checks
// every literal against the catalogue, which it cannot do for a computed
// one. A missing key shows as itself in brackets rather than as nothing.
func (p Printer) T(key string) string {
	e, ok := p.cat.texts[key]
	if !ok {
		return "‹" + key + "›"
	}
	if p.lang == Dutch {
		return e.nl
	}
	return e.en
}

// Lookup is the text for key, and whether the catalogue has it.
func (p Printer) Lookup(key string) (string, bool) {
	if _, ok := p.cat.texts[key]; !ok {
		return "", false
	}
	return p.T(key), true
}

// Tf formats the text for key with args, as fmt.Sprintf does.
func (p Printer) Tf(key string, args ...any) string {
	return fmt.Sprintf(p.T(key), args...)
}

// N formats the counted text for key for n, followed by args: the form is
// the one n's plural category asks for in p's language.
func (p Printer) N(key string, n int, args ...any) string {
	c, ok := p.cat.counts[key]
	if !ok {
		return "‹" + key + "›"
	}
	forms := c.en
	if p.lang == Dutch {
		forms = c.nl
	}
	return fmt.Sprintf(forms[p.form(n)], append([]any{n}, args...)...)
}

// Noun is the counted text for key in the form n asks for, unformatted:
// a noun for a table whose number stands in a column of its own.
func (p Printer) Noun(key string, n int) string {
	c, ok := p.cat.counts[key]
	if !ok {
		return "‹" + key + "›"
	}
	forms := c.en
	if p.lang == Dutch {
		forms = c.nl
	}
	return forms[p.form(n)]
}

// form is 0 for the CLDR category one, 1 for any other, in p's language.
func (p Printer) form(n int) int {
	if n < 0 {
		n = -n
	}
	if plural.Cardinal.MatchPlural(p.tag, n, 0, 0, 0, 0) == plural.One {
		return 0
	}
	return 1
}

// The surfaces' catalogues, each merged from its parts.
var (
	commandLine = catalogue{
		texts:  merge(cmdTexts, helpTexts, errTexts, storeTexts, invalidTexts, templateTexts, registerTexts, dossierTexts, invoiceTexts, paperTexts, settingsTexts),
		counts: mergeCounted(cmdCounts, periodCounts, dossierCounts),
	}
	screens = catalogue{
		texts: merge(tuiCommonTexts, tuiVaultTexts, tuiUnlockTexts, tuiCaseloadTexts, tuiClientFormTexts,
			tuiClientTexts, tuiRemoveTexts, tuiRetentionTexts, tuiRightsTexts, tuiExportTexts, tuiImportTexts,
			tuiPrintTexts, tuiTemplateTexts, tuiMoneyTexts, tuiMoneyFormTexts, tuiMoneyFileTexts, tuiStatsTexts, tuiAgendaTexts, tuiFieldTexts),
		counts: mergeCounted(tuiCounts, tuiAgendaCounts, tuiImportCounts, tuiMoneyCounts, tuiRetentionCounts, tuiRightsCounts),
	}
)

func merge(parts ...map[string]entry) map[string]entry {
	all := map[string]entry{}
	for _, p := range parts {
		for k, v := range p {
			if _, dup := all[k]; dup {
				panic("msg: key " + k + " is in two catalogues")
			}
			all[k] = v
		}
	}
	return all
}

func mergeCounted(parts ...map[string]counted) map[string]counted {
	all := map[string]counted{}
	for _, p := range parts {
		for k, v := range p {
			if _, dup := all[k]; dup {
				panic("msg: counted key " + k + " is in two catalogues")
			}
			all[k] = v
		}
	}
	return all
}

// Keys lists every key of the command line's catalogue, for tests that
// check their use.
func Keys() []string { return commandLine.keys() }

// ScreenKeys lists every key of the screens' catalogue, for tests that
// check their use.
func ScreenKeys() []string { return screens.keys() }

func (c *catalogue) keys() []string {
	keys := make([]string, 0, len(c.texts)+len(c.counts))
	for k := range c.texts {
		keys = append(keys, k)
	}
	for k := range c.counts {
		keys = append(keys, k)
	}
	return keys
}
