package paper

import (
	"fmt"
	"html/template"
	"io"
	"strings"
)

// WriteHTML writes d as one self-contained HTML page: styles inline, no
// scripts, nothing fetched from elsewhere, printable on A4 from a browser.
// Every text is escaped.
func WriteHTML(w io.Writer, d Document) error {
	// The template escapes; clean drops the control characters and bidi
	// overrides escaping leaves in.
	shown := d
	shown.Title, shown.Footer = clean(d.Title), clean(d.Footer)
	shown.Letterhead.Name = clean(d.Letterhead.Name)
	shown.Letterhead.Lines = cleanAll(d.Letterhead.Lines)
	shown.Recipient = cleanAll(d.Recipient)
	v := htmlDoc{D: shown, Lang: d.lang()}
	for _, b := range d.Blocks {
		v.Blocks = append(v.Blocks, htmlBlock(b, d.words()))
	}
	if err := pageTmpl.Execute(w, v); err != nil {
		return fmt.Errorf("writing the paper: %w", err)
	}
	return nil
}

func cleanAll(ls []string) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = clean(l)
	}
	return out
}

type htmlDoc struct {
	D      Document
	Lang   string
	Blocks []template.HTML
}

func htmlBlock(b Block, w words) template.HTML {
	var s strings.Builder
	esc := func(t string) string { return template.HTMLEscapeString(clean(t)) }
	// lines escapes t and keeps its line breaks.
	lines := func(t string) string {
		return strings.ReplaceAll(esc(strings.TrimSpace(t)), "\n", "<br>")
	}
	switch b := b.(type) {
	case Heading:
		tag := "h2"
		if b.Level >= 2 {
			tag = "h3"
		}
		fmt.Fprintf(&s, "<%s>%s</%s>\n", tag, esc(b.Text), tag)
	case Paragraph:
		class := map[Style]string{Plain: "", Bold: ` class="bold"`, Small: ` class="small"`}[b.Style]
		for _, p := range paragraphs(b.Text) {
			fmt.Fprintf(&s, "<p%s>%s</p>\n", class, lines(p))
		}
	case List:
		tag := "ul"
		if b.Numbered {
			tag = "ol"
		}
		fmt.Fprintf(&s, "<%s>\n", tag)
		for _, it := range b.Items {
			fmt.Fprintf(&s, "<li>%s</li>\n", lines(it))
		}
		fmt.Fprintf(&s, "</%s>\n", tag)
	case Fields:
		s.WriteString("<table class=\"fields\">\n")
		for _, f := range b {
			v := lines(f.Value)
			if v == "" {
				v = `<span class="blank"></span>`
			}
			fmt.Fprintf(&s, "<tr><th>%s</th><td>%s</td></tr>\n", esc(f.Label), v)
		}
		s.WriteString("</table>\n")
	case Table:
		s.WriteString("<table class=\"grid\">\n<thead><tr>")
		for _, c := range b.Columns {
			fmt.Fprintf(&s, `<th class="%s">%s</th>`, alignClass(c.Align), esc(c.Title))
		}
		s.WriteString("</tr></thead>\n<tbody>\n")
		row := func(r []string) {
			s.WriteString("<tr>")
			for i, c := range b.Columns {
				cell := ""
				if i < len(r) {
					cell = r[i]
				}
				fmt.Fprintf(&s, `<td class="%s">%s</td>`, alignClass(c.Align), lines(cell))
			}
			s.WriteString("</tr>\n")
		}
		for _, r := range b.Rows {
			row(r)
		}
		s.WriteString("</tbody>\n")
		if len(b.Foot) > 0 {
			s.WriteString("<tfoot>\n")
			for _, r := range b.Foot {
				row(r)
			}
			s.WriteString("</tfoot>\n")
		}
		s.WriteString("</table>\n")
	case Signatures:
		s.WriteString("<div class=\"signatures\">\n")
		for _, p := range b {
			name := esc(p.Name)
			if strings.TrimSpace(name) == "" {
				name = `<span class="blank"></span>`
			}
			fmt.Fprintf(&s, "<div class=\"party\"><strong>%s</strong><div class=\"line\"></div><small>%s / %s</small><div class=\"line tall\"></div><small>%s</small><div>%s</div></div>\n",
				esc(p.Role), w.place, w.date, w.signature, name)
		}
		s.WriteString("</div>\n")
	case PageBreak:
		s.WriteString("<div class=\"break\"></div>\n")
	case BarChart, ColumnChart:
		s.WriteString(string(htmlChart(b, esc)))
	}
	return template.HTML(s.String())
}

func alignClass(a Align) string {
	switch a {
	case Right:
		return "r"
	case Center:
		return "c"
	}
	return "l"
}

var pageTmpl = template.Must(template.New("paper").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="caseload">
<title>{{.D.Title}}</title>
<style>
@page { size: A4; margin: 18mm 20mm 22mm 25mm; }
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; font-size: 10pt; line-height: 1.45; color: #000; max-width: 165mm; margin: 1em auto; }
.letterhead { text-align: right; color: #555; font-size: 8.5pt; margin-bottom: 2em; }
.letterhead strong { display: block; color: #000; font-size: 13pt; }
.recipient { margin: 1em 0 2.5em; }
h1 { font-size: 16pt; margin: 0 0 .6em; }
h2 { font-size: 12.5pt; margin: 1.2em 0 .3em; page-break-after: avoid; }
h3 { font-size: 10.5pt; margin: 1em 0 .2em; page-break-after: avoid; }
p { margin: 0 0 .6em; overflow-wrap: anywhere; }
.bold { font-weight: bold; }
.small { font-size: 8pt; color: #555; }
table { border-collapse: collapse; width: 100%; margin: .3em 0 1em; }
td, th { vertical-align: top; padding: .15em .5em .15em 0; overflow-wrap: anywhere; }
.fields th { text-align: left; width: 50mm; }
.grid thead th { border-bottom: 1px solid #777; }
.grid tfoot td { border-top: 1px solid #777; font-weight: bold; }
.r { text-align: right; } .c { text-align: center; } .l { text-align: left; }
.blank { display: inline-block; width: 80%; border-bottom: 1px solid #999; }
.signatures { display: flex; flex-wrap: wrap; gap: 10mm; margin-top: 1.5em; page-break-inside: avoid; }
.party { flex: 1 1 70mm; }
.party .line { border-bottom: 1px solid #777; height: 8mm; }
.party .line.tall { height: 12mm; }
.party small { color: #555; }
.break { page-break-after: always; }
footer { margin-top: 3em; border-top: 1px solid #bbb; color: #555; font-size: 7.5pt; }
</style>
</head>
<body>
{{- with .D.Letterhead}}{{if or .Name .Lines}}
<div class="letterhead"><strong>{{.Name}}</strong>{{range .Lines}}{{.}}<br>{{end}}</div>
{{- end}}{{end}}
{{- with .D.Recipient}}
<div class="recipient">{{range .}}{{.}}<br>{{end}}</div>
{{- end}}
{{- with .D.Title}}
<h1>{{.}}</h1>
{{- end}}
{{range .Blocks}}{{.}}{{end}}
{{- with .D.Footer}}
<footer>{{.}}</footer>
{{- end}}
</body>
</html>
`))
