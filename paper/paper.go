// Package paper lays out the papers a coach hands over — a plan van aanpak,
// a report, a letter, an invoice — as an A4 PDF with its font embedded and
// as a self-contained HTML page, from one description of the document.
//
// A Document is plain data: a letterhead, an optional addressee, a title and
// a list of blocks (headings, paragraphs, lists, label/value fields, tables,
// a signature block). WritePDF and WriteHTML render the same document; what
// fills it (the vault, an invoice) is the caller's business, so this package
// knows nothing of store or of age and keeps no state between calls.
//
// Every paper is deterministic for the same document: the dates in its
// metadata come from Document.Date (the caller's injected clock), never from
// the wall clock.
package paper

import (
	"strings"
	"time"
	"unicode"
)

// Document is one paper.
type Document struct {
	// Lang is "nl" or "en": it names the page numbers ("Pagina 1 van 2")
	// and the language the PDF and HTML declare. Anything else is "en".
	Lang string
	// Title is printed large above the first block and is the PDF's title.
	Title string
	// Author goes into the PDF's metadata (the practice, the coach).
	Author string
	// Date is when the paper is made: the PDF's creation date. Zero leaves
	// the metadata without a date.
	Date time.Time
	// Letterhead is printed at the top of the first page.
	Letterhead Letterhead
	// Recipient is the addressee's block (name, street, postcode and
	// town), printed where a Dutch window envelope shows it; empty for none.
	Recipient []string
	// Blocks are the body, in order.
	Blocks []Block
	// Footer is a small line on every page beside the page number (a
	// practice's KvK and IBAN on an invoice); empty for none.
	Footer string
}

// Letterhead is the sender's name and the lines under it (address, KvK,
// e-mail, telephone), printed top right on the first page.
type Letterhead struct {
	Name  string
	Lines []string
}

// Block is one part of a document's body: Heading, Paragraph, List, Fields,
// Table, Signatures or PageBreak.
type Block interface{ isBlock() }

// Heading is a section title; Level 1 is a section, 2 a subsection. A
// heading is never left alone at the foot of a page.
type Heading struct {
	Text  string
	Level int
}

// Style is how a paragraph's text is set.
type Style int

// The styles of a paragraph.
const (
	Plain Style = iota
	Bold
	Small // smaller and grey: a note, a legal line
)

// Paragraph is running text. A single newline breaks the line; a blank line
// starts a new paragraph. Long words are broken rather than run off the page.
type Paragraph struct {
	Text  string
	Style Style
}

// List is a bulleted or numbered list; each item may run over several lines.
type List struct {
	Items    []string
	Numbered bool
}

// Field is one label with its value.
type Field struct {
	Label string
	Value string
}

// Fields is a column of labels with their values beside them (a client's
// details, an invoice's number and date). An empty value prints as an
// empty line to fill in by hand.
type Fields []Field

// Align is how a table column's text sits in its cell.
type Align int

// The alignments of a column.
const (
	Left Align = iota
	Right
	Center
)

// Column is one column of a table.
type Column struct {
	Title string
	// Width is the column's share of the line: widths 3, 1, 1 give the
	// first column three fifths. Zero counts as 1.
	Width float64
	Align Align
}

// Table is a grid with a header row that is repeated on every page it runs
// over. Foot rows (totals) are set in bold under a rule.
type Table struct {
	Columns []Column
	Rows    [][]string
	Foot    [][]string
}

// Party is one signatory: the role ("Cliënt", "Coach") and the name printed
// under the line; an empty name leaves the line to write it on.
type Party struct {
	Role string
	Name string
}

// Signatures is a signature block: for each party a place and date line and
// a signature line, side by side, kept together on one page.
type Signatures []Party

// PageBreak starts a new page.
type PageBreak struct{}

func (Heading) isBlock()    {}
func (Paragraph) isBlock()  {}
func (List) isBlock()       {}
func (Fields) isBlock()     {}
func (Table) isBlock()      {}
func (Signatures) isBlock() {}
func (PageBreak) isBlock()  {}

// words are the few words the layout itself prints, in the document's language.
type words struct {
	page, of, place, date, signature, name string
}

func (d Document) words() words {
	if d.lang() == "nl" {
		return words{page: "Pagina", of: "van", place: "Plaats", date: "Datum", signature: "Handtekening", name: "Naam"}
	}
	return words{page: "Page", of: "of", place: "Place", date: "Date", signature: "Signature", name: "Name"}
}

func (d Document) lang() string {
	if d.Lang == "nl" {
		return "nl"
	}
	return "en"
}

// clean drops what a paper cannot show and a reader should not be fooled
// by: control characters (but newlines; a tab becomes spaces) and the
// invisible bidi overrides that reorder text. Carriage returns of Windows
// line ends go too.
func clean(s string) string {
	if strings.IndexFunc(s, needsCleaning) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t':
			b.WriteString("    ")
		case needsCleaning(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func needsCleaning(r rune) bool {
	if r == '\n' {
		return false
	}
	if unicode.IsControl(r) {
		return true
	}
	switch {
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x200E, r == 0x200F, r == 0x061C:
		return true
	}
	return false
}

// paragraphs splits text at blank lines into paragraphs, each with its
// single line breaks kept and its outer blank space trimmed.
func paragraphs(text string) []string {
	text = strings.ReplaceAll(clean(text), "\r", "")
	var out []string
	for _, p := range strings.Split(text, "\n\n") {
		p = strings.Trim(p, "\n ")
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}
