package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Paper templates: the plan van aanpak, the reports, the CV, the rights
// desk's letters. The shipped ones are part of the program
// (templates/<key>.<lang>.txt); a coach's own copy is data in the vault,
// versioned, printed instead of the shipped one of the same key. What a
// template may say is checked when it is saved, so an unknown placeholder
// is an error with its line at edit time, never a hole in a letter.
//
// The template language is line based, a little like Markdown:
//
//	% name: Plan van aanpak      settings, before the text (see TemplateSettings)
//	# Title                      the paper's title
//	## Heading / ### Subheading
//	- item  /  1. item           lists
//	| Label | value              a label with its value (an empty value is a line to fill in)
//	---                          a new page
//	{{client.name}}              a placeholder, anywhere in a line
//	{{plan.goals}}               a block placeholder, on a line of its own
//
// Other lines are text; a blank line ends a paragraph.

//go:embed templates/*.txt
var shippedTemplates embed.FS

// Template is one paper template in one language.
type Template struct {
	// Key names the template ("plan", "ack"); a coach's copy under a
	// shipped key replaces the shipped one.
	Key string
	// Lang is "nl" or "en".
	Lang string
	// Body is the template's text.
	Body string
	// Version counts the coach's saves of this key and language; 0 for a
	// shipped template.
	Version int
	// Custom is set for the coach's own copy; Shipped when the program
	// has a template of this key (the copy then stands in for it).
	Custom, Shipped bool
	// Saved is when this version was saved; zero for a shipped template.
	Saved time.Time
}

// Name is the template's name from its "% name:" line, or its key.
func (t Template) Name() string {
	p, err := ParseTemplate(t.Body)
	if err != nil || p.Settings.Name == "" {
		return t.Key
	}
	return p.Settings.Name
}

// TemplateLangs are the languages a template can be written in.
var TemplateLangs = []string{"nl", "en"}

// ShippedTemplate returns the program's own template; ErrNotFound when
// there is none of that key and language.
func ShippedTemplate(key, lang string) (Template, error) {
	b, err := shippedTemplates.ReadFile("templates/" + key + "." + lang + ".txt")
	if err != nil {
		return Template{}, fmt.Errorf("template %s (%s): %w", key, lang, ErrNotFound)
	}
	return Template{Key: key, Lang: lang, Body: string(b), Shipped: true}, nil
}

// ShippedTemplates lists the program's own templates, by key then language.
func ShippedTemplates() []Template {
	names, _ := fs.Glob(shippedTemplates, "templates/*.txt")
	sort.Strings(names)
	var out []Template
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".txt")
		key, lang, ok := strings.Cut(base, ".")
		if !ok {
			continue
		}
		t, err := ShippedTemplate(key, lang)
		if err == nil {
			out = append(out, t)
		}
	}
	return out
}

// Templates lists every template the coach can print: the shipped ones
// and the coach's own (newest version), one per key and language, a copy
// standing in for the shipped template it replaces. Sorted by key, then
// language.
func (s *Store) Templates(ctx context.Context) ([]Template, error) {
	byKey := map[string]Template{}
	for _, t := range ShippedTemplates() {
		byKey[t.Key+"."+t.Lang] = t
	}
	err := s.read(ctx, func(t *tx) error {
		rows, err := t.query(`SELECT key, lang, version, body, saved_at FROM templates t
			WHERE version = (SELECT MAX(version) FROM templates u WHERE u.key = t.key AND u.lang = t.lang)`)
		if err != nil {
			return fmt.Errorf("listing templates: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var c Template
			if err := rows.Scan(&c.Key, &c.Lang, &c.Version, &c.Body, at(&c.Saved)); err != nil {
				return fmt.Errorf("listing templates: %w", err)
			}
			c.Custom = true
			_, c.Shipped = byKey[c.Key+"."+c.Lang]
			byKey[c.Key+"."+c.Lang] = c
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	out := make([]Template, 0, len(byKey))
	for _, t := range byKey {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Key != out[j].Key {
			return out[i].Key < out[j].Key
		}
		return out[i].Lang > out[j].Lang // nl before en
	})
	return out, nil
}

// Template returns the template printed for key in lang: the coach's
// newest version if there is one, else the shipped one. ErrNotFound when
// neither exists.
func (s *Store) Template(ctx context.Context, key, lang string) (Template, error) {
	versions, err := s.TemplateVersions(ctx, key, lang)
	if err != nil {
		return Template{}, err
	}
	if len(versions) > 0 {
		return versions[0], nil
	}
	return ShippedTemplate(key, lang)
}

// TemplateVersions lists the coach's saved versions of a template, newest
// first; empty when the coach has none.
func (s *Store) TemplateVersions(ctx context.Context, key, lang string) ([]Template, error) {
	_, shippedErr := ShippedTemplate(key, lang)
	var out []Template
	err := s.read(ctx, func(t *tx) error {
		rows, err := t.query(`SELECT version, body, saved_at FROM templates WHERE key = ? AND lang = ?
			ORDER BY version DESC`, key, lang)
		if err != nil {
			return fmt.Errorf("reading template: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			c := Template{Key: key, Lang: lang, Custom: true, Shipped: shippedErr == nil}
			if err := rows.Scan(&c.Version, &c.Body, at(&c.Saved)); err != nil {
				return fmt.Errorf("reading template: %w", err)
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

var templateKey = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,39}$`)

// SaveTemplate keeps a new version of the coach's template t.Key in
// t.Lang. A body that does not parse is refused with a *TemplateError
// naming the line; nothing is saved then.
func (s *Store) SaveTemplate(ctx context.Context, tp Template) (Template, error) {
	if err := validTemplate(tp); err != nil {
		return Template{}, err
	}
	_, shippedErr := ShippedTemplate(tp.Key, tp.Lang)
	err := s.write(ctx, func(t *tx) error {
		var v int
		if err := t.row(`SELECT COALESCE(MAX(version), 0) FROM templates WHERE key = ? AND lang = ?`,
			tp.Key, tp.Lang).Scan(&v); err != nil {
			return fmt.Errorf("saving template: %w", err)
		}
		tp.Version, tp.Saved, tp.Custom, tp.Shipped = v+1, t.now, true, shippedErr == nil
		if _, err := t.exec(`INSERT INTO templates (key, lang, version, body, saved_at) VALUES (?, ?, ?, ?, ?)`,
			tp.Key, tp.Lang, tp.Version, tp.Body, t.stamp()); err != nil {
			return fmt.Errorf("saving template: %w", err)
		}
		return t.audit(AuditEdit, 0, "template "+tp.Key+" "+tp.Lang)
	})
	return tp, err
}

// DeleteTemplate removes every version of the coach's template; a shipped
// template of that key is printed again. ErrNotFound when the coach has
// no such template.
func (s *Store) DeleteTemplate(ctx context.Context, key, lang string) error {
	return s.write(ctx, func(t *tx) error {
		res, err := t.exec(`DELETE FROM templates WHERE key = ? AND lang = ?`, key, lang)
		if err != nil {
			return fmt.Errorf("deleting template: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("template %s (%s): %w", key, lang, ErrNotFound)
		}
		return t.audit(AuditDelete, 0, "template "+key+" "+lang)
	})
}

// LogPaper records that a paper was made for a client: a line in the
// disclosure log (to whom, what, today, on which basis) and one in the
// audit log (only the audit line for clientID 0). A paper for anyone but the client passes the same gate as a
// dossier export (see CheckExport): ErrRestricted, ErrNoConsent.
func (s *Store) LogPaper(ctx context.Context, clientID int64, l ExportLog) error {
	if err := l.validate(); err != nil {
		return err
	}
	if clientID == 0 {
		// A paper about no client (the breach text for the AP): no
		// disclosure of anyone's data, but the audit log keeps it.
		return s.write(ctx, func(t *tx) error { return t.audit(AuditExport, 0, "paper") })
	}
	return s.write(ctx, func(t *tx) error {
		consentID, err := t.exportAllowed(clientID, l)
		if err != nil {
			return err
		}
		var consent any
		if consentID != 0 {
			consent = consentID
		}
		if _, err := t.exec(`INSERT INTO disclosures (client_id, recipient, what, disclosed_on, basis,
				consent_id, notes) VALUES (?, ?, ?, ?, ?, ?, ?)`, clientID, strings.TrimSpace(l.Recipient),
			l.What, dateArg(t.today()), l.Basis, consent, l.Notes); err != nil {
			return fmt.Errorf("logging paper: %w", err)
		}
		to := "recipient"
		if l.ToClient {
			to = "client"
		}
		return t.audit(AuditExport, clientID, "paper to "+to)
	})
}

// validTemplate checks a template's key, language and body as saving does.
func validTemplate(tp Template) error {
	switch {
	case !templateKey.MatchString(tp.Key):
		return invalid("key", "a template's key is 1 to 40 lower-case letters, digits and hyphens")
	case tp.Lang != "nl" && tp.Lang != "en":
		return invalid("lang", fmt.Sprintf("a template is in nl or en, not %q", tp.Lang))
	}
	_, err := ParseTemplate(tp.Body)
	return err
}
