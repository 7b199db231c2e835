package store

import (
	"fmt"
	"sort"
	"strings"

	"github.com/caseload/caseload/msg"
)

// PlaceholderKind tells where a placeholder may stand.
type PlaceholderKind int

// The kinds of placeholder.
const (
	// Inline placeholders are a line of text (a name, a date, a count)
	// and may stand anywhere in a line.
	Inline PlaceholderKind = iota
	// BlockPlaceholder placeholders are paragraphs, lists or tables and
	// stand on a line of their own.
	BlockPlaceholder
)

// Placeholders are every name a template may fill in, with its kind. The
// filler (package paper/fill) gives each a value from the vault; a test
// there checks that it knows every one of them.
var Placeholders = map[string]PlaceholderKind{
	"today": Inline, "recipient": Inline, "addressee": Inline,

	"practice.name": Inline, "practice.address": Inline, "practice.email": Inline,
	"practice.phone": Inline, "practice.kvk": Inline, "practice.dpo": Inline,

	"client.name": Inline, "client.first_name": Inline, "client.last_name": Inline,
	"client.address": Inline, "client.email": Inline, "client.phone": Inline,
	"client.birth_date": Inline, "client.representative": Inline, "client.referral": Inline,
	"client.start": Inline, "client.end": Inline, "client.status": Inline, "client.outcome": Inline,
	// The optional client fields: empty where the practice does not
	// record them; the BSN only in a paper the coach ticked it for.
	"client.gender": Inline, "client.marital_status": Inline, "client.children": Inline,
	"client.birth_country": Inline, "client.nationality": Inline, "client.residence_status": Inline,
	"client.arrival_date": Inline, "client.bsn": Inline,

	"record.title": Inline, "record.date": Inline, "record.text": BlockPlaceholder,

	"plan.date": Inline, "plan.duration": Inline, "plan.situation": BlockPlaceholder,
	"plan.goals": BlockPlaceholder, "plan.actions": BlockPlaceholder, "plan.agreements": BlockPlaceholder,
	"goals.count": Inline, "progress": BlockPlaceholder, "evaluations.count": Inline,

	"attendance.attended": Inline, "attendance.cancelled": Inline, "attendance.no_show": Inline,
	"attendance.planned": Inline, "attendance.total": Inline,

	"request.kind": Inline, "request.received": Inline, "request.due": Inline,
	"request.months": Inline, "request.extension_reason": Inline, "request.outcome": Inline,
	"request.answered": Inline,

	"consent.purpose": Inline, "consent.recipient": Inline, "consent.given": Inline,

	"breach.discovered": Inline, "breach.description": BlockPlaceholder, "breach.categories": Inline,
	"breach.people": Inline, "breach.records": Inline, "breach.consequences": BlockPlaceholder,
	"breach.measures": BlockPlaceholder, "breach.contact": Inline, "breach.reported": Inline,

	"signatures": BlockPlaceholder,
}

// PlaceholderNames lists the placeholders in order, for a template
// editor's help.
func PlaceholderNames() []string {
	names := make([]string, 0, len(Placeholders))
	for n := range Placeholders {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// TemplateSettings are a template's "% key: value" lines.
type TemplateSettings struct {
	// Name is what the coach picks the template by.
	Name string
	// To is who the paper is for: "client" (the client or their
	// representative) or "recipient" (a funder, a school: a disclosure,
	// through the consent gate).
	To string
	// Address puts an addressee block on the paper: "client" (the client,
	// or the representative of a minor), "recipient", or "" for none.
	Address string
	// Record is the kind of record the paper's text comes from by default
	// (plan, cv, letter…); the coach may choose another record of it.
	Record RecordKind
	// NoLetterhead leaves the practice's letterhead off: a CV or an
	// application letter is the client's own paper.
	NoLetterhead bool
}

// LineKind is what a template line is.
type LineKind int

// The kinds of template line.
const (
	LineText LineKind = iota
	LineBlank
	LineTitle
	LineHeading
	LineSubheading
	LineBullet
	LineNumbered
	LineField
	LinePageBreak
	LineBlock // a block placeholder alone on its line
)

// TemplateLine is one parsed line of a template body.
type TemplateLine struct {
	Kind LineKind
	// Text is the line without its marker; for a field, the label; for
	// a block placeholder, its name.
	Text string
	// Value is a field's value.
	Value string
	// Number is the line's number in the template, from 1.
	Number int
}

// ParsedTemplate is a template checked and cut into lines.
type ParsedTemplate struct {
	Settings TemplateSettings
	Lines    []TemplateLine
	// Uses lists the placeholders the template uses.
	Uses map[string]bool
}

// TemplateError is a template that cannot be saved or printed, with the
// line to correct. Code says what is wrong for the screens to put in
// words: "unknown-placeholder", "unclosed-placeholder", "block-in-line",
// "unknown-setting", "bad-setting", "no-name".
type TemplateError struct {
	Line int
	Code string
	// Arg is the placeholder or setting concerned.
	Arg string
}

func (e *TemplateError) Error() string { return e.Text("en") }

// Text is the problem in lang ("nl" or "en"), with its line, from package
// msg's catalogue by Code (template.<code>).
func (e *TemplateError) Text(lang string) string {
	text, ok := msg.For(msg.Lang(lang)).Lookup("template." + e.Code)
	if !ok {
		return fmt.Sprintf("line %d: %s %s", e.Line, e.Code, e.Arg)
	}
	return fmt.Sprintf(text, e.Line, e.Arg)
}

// ParseTemplate checks a template body and cuts it into lines. The error
// is a *TemplateError naming the first line to correct.
func ParseTemplate(body string) (*ParsedTemplate, error) {
	p := &ParsedTemplate{Uses: map[string]bool{}}
	lines := strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n")
	i := 0
	for ; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if !strings.HasPrefix(l, "%") {
			break
		}
		if err := p.setting(strings.TrimSpace(l[1:]), i+1); err != nil {
			return nil, err
		}
	}
	if p.Settings.Name == "" {
		return nil, &TemplateError{Line: 1, Code: "no-name"}
	}
	if p.Settings.To == "" {
		p.Settings.To = "client"
	}
	for ; i < len(lines); i++ {
		line, err := p.line(lines[i], i+1)
		if err != nil {
			return nil, err
		}
		p.Lines = append(p.Lines, line)
	}
	return p, nil
}

func (p *ParsedTemplate) setting(s string, n int) error {
	k, v, _ := strings.Cut(s, ":")
	k, v = strings.TrimSpace(strings.ToLower(k)), strings.TrimSpace(v)
	bad := &TemplateError{Line: n, Code: "bad-setting", Arg: k}
	switch k {
	case "":
		// a comment line: "%" alone, or "% : …"
	case "name":
		if v == "" {
			return bad
		}
		p.Settings.Name = v
	case "to":
		if v != "client" && v != "recipient" {
			return bad
		}
		p.Settings.To = v
	case "address":
		if v != "client" && v != "recipient" && v != "none" {
			return bad
		}
		if v != "none" {
			p.Settings.Address = v
		}
	case "record":
		if !RecordKind(v).Valid() {
			return bad
		}
		p.Settings.Record = RecordKind(v)
	case "letterhead":
		if v != "none" && v != "practice" {
			return bad
		}
		p.Settings.NoLetterhead = v == "none"
	case "note":
		// a remark for whoever edits the template
	default:
		return &TemplateError{Line: n, Code: "unknown-setting", Arg: k}
	}
	return nil
}

func (p *ParsedTemplate) line(raw string, n int) (TemplateLine, error) {
	l := strings.TrimRight(raw, " \t")
	trim := strings.TrimSpace(l)
	tl := TemplateLine{Number: n}
	switch {
	case trim == "":
		tl.Kind = LineBlank
		return tl, nil
	case trim == "---":
		tl.Kind = LinePageBreak
		return tl, nil
	case strings.HasPrefix(trim, "### "):
		tl.Kind, tl.Text = LineSubheading, trim[4:]
	case strings.HasPrefix(trim, "## "):
		tl.Kind, tl.Text = LineHeading, trim[3:]
	case strings.HasPrefix(trim, "# "):
		tl.Kind, tl.Text = LineTitle, trim[2:]
	case strings.HasPrefix(trim, "- "):
		tl.Kind, tl.Text = LineBullet, trim[2:]
	case numbered(trim) != "":
		tl.Kind, tl.Text = LineNumbered, numbered(trim)
	case strings.HasPrefix(trim, "| "):
		label, value, _ := strings.Cut(strings.TrimSpace(trim[2:]), "|")
		tl.Kind, tl.Text, tl.Value = LineField, strings.TrimSpace(label), strings.TrimSpace(value)
	default:
		tl.Kind, tl.Text = LineText, l
		if name, ok := blockAlone(trim); ok && Placeholders[name] == BlockPlaceholder {
			if err := p.use(name, n, true); err != nil {
				return tl, err
			}
			tl.Kind, tl.Text = LineBlock, name
			return tl, nil
		}
	}
	for _, s := range []string{tl.Text, tl.Value} {
		names, err := placeholdersIn(s, n)
		if err != nil {
			return tl, err
		}
		for _, name := range names {
			if err := p.use(name, n, false); err != nil {
				return tl, err
			}
		}
	}
	return tl, nil
}

func (p *ParsedTemplate) use(name string, n int, alone bool) error {
	kind, ok := Placeholders[name]
	switch {
	case !ok:
		return &TemplateError{Line: n, Code: "unknown-placeholder", Arg: name}
	case kind == BlockPlaceholder && !alone:
		return &TemplateError{Line: n, Code: "block-in-line", Arg: name}
	}
	p.Uses[name] = true
	return nil
}

// numbered returns the text of a "12. text" line, or "".
func numbered(s string) string {
	i := 0
	for i < len(s) && i < 3 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || !strings.HasPrefix(s[i:], ". ") {
		return ""
	}
	return s[i+2:]
}

// blockAlone reports a line that is a single placeholder.
func blockAlone(s string) (string, bool) {
	if !strings.HasPrefix(s, "{{") || !strings.HasSuffix(s, "}}") || strings.Count(s, "{{") != 1 {
		return "", false
	}
	return strings.TrimSpace(s[2 : len(s)-2]), true
}

// placeholdersIn lists the placeholders of one line.
func placeholdersIn(s string, n int) ([]string, error) {
	var names []string
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			return names, nil
		}
		j := strings.Index(s[i:], "}}")
		if j < 0 {
			return nil, &TemplateError{Line: n, Code: "unclosed-placeholder"}
		}
		names = append(names, strings.TrimSpace(s[i+2:i+j]))
		s = s[i+j+2:]
	}
}

// FillLine replaces the placeholders of one template line with what value
// returns for each name.
func FillLine(s string, value func(name string) string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.Index(s[i:], "}}")
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteString(value(strings.TrimSpace(s[i+2 : i+j])))
		s = s[i+j+2:]
	}
}
