package fill

import (
	"fmt"
	"strings"

	"github.com/caseload/caseload/paper"
	"github.com/caseload/caseload/store"
)

// blank is what an empty placeholder prints in running text: a line to
// fill in by hand, so that no paper reads "Dear ," and none keeps a
// placeholder.
const blank = "__________"

// document turns the template's lines into the paper.
func (v *values) document(pt *store.ParsedTemplate) paper.Document {
	d := paper.Document{
		Lang:       v.lang,
		Author:     v.practice.Name,
		Date:       v.today,
		Letterhead: v.letterhead(),
		Footer:     v.footer(),
	}
	if pt.Settings.NoLetterhead {
		d.Letterhead, d.Footer = paper.Letterhead{}, ""
	}
	switch pt.Settings.Address {
	case "client":
		if name := v.addressee(); name != "" {
			d.Recipient = append([]string{name}, lines(v.client.Address)...)
		}
	case "recipient":
		if v.recipient != "" {
			d.Recipient = []string{v.recipient}
		}
	}
	fill := func(s string) string {
		return store.FillLine(s, func(name string) string {
			if val := strings.TrimSpace(v.value(name)); val != "" {
				return val
			}
			return blank
		})
	}
	b := &builder{}
	for _, l := range pt.Lines {
		switch l.Kind {
		case store.LineTitle:
			if d.Title == "" {
				d.Title = fill(l.Text)
			} else {
				b.add(paper.Heading{Text: fill(l.Text), Level: 1})
			}
		case store.LineBlock:
			b.flush()
			b.blocks = append(b.blocks, v.block(l.Text)...)
		case store.LineField:
			value := store.FillLine(l.Value, v.value)
			if strings.TrimSpace(value) == "" && optionalOnly(l.Value) {
				// "| Nationaliteit | {{client.nationality}}" of a practice
				// that does not record it: no empty row on the CV.
				continue
			}
			b.field(l.Text, value)
		default:
			b.line(l.Kind, fill(l.Text))
		}
	}
	b.flush()
	d.Blocks = b.blocks
	return d
}

func (v *values) letterhead() paper.Letterhead {
	p := v.practice
	lh := paper.Letterhead{Name: strings.TrimSpace(p.Name), Lines: lines(p.Address)}
	if k := strings.TrimSpace(p.KvK); k != "" {
		lh.Lines = append(lh.Lines, "KvK "+k)
	}
	var contact []string
	for _, c := range []string{p.Email, p.Phone} {
		if c = strings.TrimSpace(c); c != "" {
			contact = append(contact, c)
		}
	}
	if len(contact) > 0 {
		lh.Lines = append(lh.Lines, strings.Join(contact, " · "))
	}
	return lh
}

func (v *values) footer() string {
	var parts []string
	for _, s := range []string{v.practice.Name, oneLine(v.practice.Address)} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	if k := strings.TrimSpace(v.practice.KvK); k != "" {
		parts = append(parts, "KvK "+k)
	}
	return strings.Join(parts, " · ")
}

// builder gathers template or record lines into blocks: consecutive text
// lines into a paragraph, list lines into a list, fields into one column.
type builder struct {
	blocks []paper.Block
	text   []string
	items  []string
	num    bool
	fields paper.Fields
}

func (b *builder) add(bl paper.Block) {
	b.flush()
	b.blocks = append(b.blocks, bl)
}

func (b *builder) flush() {
	if len(b.text) > 0 {
		b.blocks = append(b.blocks, paper.Paragraph{Text: strings.Join(b.text, "\n")})
		b.text = nil
	}
	if len(b.items) > 0 {
		b.blocks = append(b.blocks, paper.List{Items: b.items, Numbered: b.num})
		b.items = nil
	}
	if len(b.fields) > 0 {
		b.blocks = append(b.blocks, b.fields)
		b.fields = nil
	}
}

func (b *builder) field(label, value string) {
	if len(b.text) > 0 || len(b.items) > 0 {
		b.flush()
	}
	b.fields = append(b.fields, paper.Field{Label: label, Value: value})
}

func (b *builder) line(kind store.LineKind, text string) {
	switch kind {
	case store.LineBlank:
		b.flush()
	case store.LineHeading:
		b.add(paper.Heading{Text: text, Level: 1})
	case store.LineSubheading, store.LineTitle:
		b.add(paper.Heading{Text: text, Level: 2})
	case store.LinePageBreak:
		b.add(paper.PageBreak{})
	case store.LineBullet, store.LineNumbered:
		num := kind == store.LineNumbered
		if len(b.items) > 0 && b.num != num || len(b.text) > 0 || len(b.fields) > 0 {
			b.flush()
		}
		b.num = num
		b.items = append(b.items, text)
	default:
		if len(b.items) > 0 || len(b.fields) > 0 {
			b.flush()
		}
		b.text = append(b.text, text)
	}
}

// textBlocks lays out a coach's own text (a record, a plan's section)
// with the same light markup as a template — headings, lists — but takes
// it literally: braces in a coach's text are text, not placeholders.
func textBlocks(text string) []paper.Block {
	b := &builder{}
	for _, raw := range strings.Split(strings.ReplaceAll(text, "\r", ""), "\n") {
		trim := strings.TrimSpace(raw)
		switch {
		case trim == "":
			b.line(store.LineBlank, "")
		case strings.HasPrefix(trim, "### "):
			b.line(store.LineSubheading, trim[4:])
		case strings.HasPrefix(trim, "## "), strings.HasPrefix(trim, "# "):
			b.line(store.LineHeading, strings.TrimLeft(trim, "# "))
		case itemMark.MatchString(raw):
			t, _ := item(raw)
			b.line(map[bool]store.LineKind{true: store.LineNumbered, false: store.LineBullet}[trim[0] >= '0' && trim[0] <= '9'], t)
		default:
			b.line(store.LineText, trim)
		}
	}
	b.flush()
	return b.blocks
}

// emptyText is what a block placeholder without data prints: lines to
// write on.
func emptyText() []paper.Block {
	return []paper.Block{paper.Paragraph{Text: strings.Repeat(blank, 6) + "\n" + strings.Repeat(blank, 6)}}
}

// block is what a block placeholder stands for.
func (v *values) block(name string) []paper.Block {
	text := func(s string) []paper.Block {
		if strings.TrimSpace(s) == "" {
			return emptyText()
		}
		return textBlocks(s)
	}
	switch name {
	case "record.text":
		return text(v.record.Body)
	case "plan.situation":
		return text(v.plan.situation)
	case "plan.agreements":
		return text(v.plan.agreements)
	case "plan.goals":
		if len(v.plan.goals) == 0 {
			return []paper.Block{paper.List{Numbered: true, Items: []string{strings.Repeat(blank, 5), strings.Repeat(blank, 5), strings.Repeat(blank, 5)}}}
		}
		return []paper.Block{paper.List{Numbered: true, Items: v.plan.goals}}
	case "plan.actions":
		t := paper.Table{Columns: []paper.Column{{Title: word(v.lang, "col.action"), Width: 5},
			{Title: word(v.lang, "col.who"), Width: 2}, {Title: word(v.lang, "col.when"), Width: 2}}}
		for _, a := range v.plan.actions {
			t.Rows = append(t.Rows, []string{a[0], a[1], a[2]})
		}
		if len(t.Rows) == 0 {
			t.Rows = [][]string{{blank, "", ""}, {blank, "", ""}, {blank, "", ""}}
		}
		return []paper.Block{t}
	case "progress":
		return v.progressBlocks()
	case "breach.description":
		return text(v.breach.Description)
	case "breach.consequences":
		return text(v.breach.Consequences)
	case "breach.measures":
		return text(v.breach.Measures)
	case "signatures":
		return []paper.Block{v.signatures()}
	}
	return nil
}

func (v *values) progressBlocks() []paper.Block {
	if len(v.plan.goals) == 0 {
		if len(v.evals) == 0 {
			return emptyText()
		}
		// Evaluations without a plan to refer to: each as it stands.
		var out []paper.Block
		for _, e := range v.evals {
			out = append(out, paper.Heading{Text: formatDate(v.lang, e.Date) + " · " + e.Title, Level: 2})
			out = append(out, textBlocks(e.Body)...)
		}
		return out
	}
	per := progress(len(v.plan.goals), v.evals, v.lang)
	var out []paper.Block
	for i, g := range v.plan.goals {
		out = append(out, paper.Heading{Text: fmt.Sprintf("%s %d: %s", word(v.lang, "goal"), i+1, g), Level: 2})
		if notes := per[i+1]; len(notes) > 0 {
			out = append(out, paper.List{Items: notes})
		} else {
			out = append(out, paper.Paragraph{Text: word(v.lang, "not-evaluated")})
		}
	}
	return out
}

// signatures: the client, or the legal representative of a minor, and
// the coach.
func (v *values) signatures() paper.Signatures {
	client := paper.Party{Role: word(v.lang, "client"), Name: v.client.Name()}
	if v.addressee() != v.client.Name() {
		client = paper.Party{Role: fmt.Sprintf(word(v.lang, "representative-of"), v.client.Name()), Name: v.addressee()}
	}
	return paper.Signatures{client, {Role: word(v.lang, "coach"), Name: v.practice.Name}}
}

// optionalOnly reports whether every placeholder in s is one of the
// optional client fields (store.ClientFields), which most practices do
// not record: a field row of only those is left out when empty.
func optionalOnly(s string) bool {
	only, any := true, false
	store.FillLine(s, func(name string) string {
		any = true
		f, ok := strings.CutPrefix(name, "client.")
		only = only && ok && store.ClientField(f).Valid()
		return ""
	})
	return any && only
}
