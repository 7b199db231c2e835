package paper

import (
	_ "embed"
	"fmt"
	"io"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// The font: DejaVu Sans cut down to the Latin scripts (font/LICENSE says
// how), embedded so that every paper prints the same on any machine, with
// every Dutch character, and with text a reader can select and search.
var (
	//go:embed font/DejaVuSans.ttf
	fontRegular []byte
	//go:embed font/DejaVuSans-Bold.ttf
	fontBold []byte
)

// The page: A4 in millimetres, with margins a hole punch and a window
// envelope leave alone.
const (
	pageW, pageH = 210.0, 297.0
	marginLeft   = 25.0
	marginRight  = 20.0
	marginTop    = 18.0
	bodyBottom   = pageH - 22.0 // the footer lives below this
	textW        = pageW - marginLeft - marginRight

	fontFamily = "dejavu"
	baseSize   = 10.0 // points
	lineH      = 5.0  // millimetres per line of base text
	gap        = 2.5  // between blocks
	nbAlias    = "{nb}"
)

// WritePDF writes d as an A4 PDF to w: fonts embedded, text selectable,
// page numbers on every page. The layout never lets text run off a page:
// long words are broken, tables continue on the next page under their
// header, and a heading or a signature block is never split from what
// follows it.
func WritePDF(w io.Writer, d Document) error {
	p := newPDF(d)
	p.document()
	if err := p.f.Error(); err != nil {
		return fmt.Errorf("laying out the paper: %w", err)
	}
	if err := p.f.Output(w); err != nil {
		return fmt.Errorf("writing the paper: %w", err)
	}
	return nil
}

type pdf struct {
	f *fpdf.Fpdf
	d Document
	w words
}

func newPDF(d Document) *pdf {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCatalogSort(true)
	f.SetCompression(true)
	f.AddUTF8FontFromBytes(fontFamily, "", fontRegular)
	f.AddUTF8FontFromBytes(fontFamily, "B", fontBold)
	f.SetMargins(marginLeft, marginTop, marginRight)
	// We break pages ourselves, so that headings stay with their text and
	// table headers repeat.
	f.SetAutoPageBreak(false, pageH-bodyBottom)
	f.SetCellMargin(0)
	f.SetTitle(clean(d.Title), true)
	f.SetAuthor(clean(d.Author), true)
	f.SetCreator("caseload", true)
	f.SetProducer("caseload", true)
	f.SetLang(map[string]string{"nl": "nl-NL", "en": "en-GB"}[d.lang()])
	if !d.Date.IsZero() {
		f.SetCreationDate(d.Date)
		f.SetModificationDate(d.Date)
	}
	f.AliasNbPages(nbAlias)
	p := &pdf{f: f, d: d, w: d.words()}
	f.SetFooterFunc(p.footer)
	return p
}

func (p *pdf) document() {
	p.f.AddPage()
	p.letterhead()
	p.recipient()
	if t := strings.TrimSpace(clean(p.d.Title)); t != "" {
		p.font(true, 16)
		p.text(t, 7.5, Left, textW, marginLeft)
		p.f.SetY(p.f.GetY() + gap*1.5)
	}
	for i, b := range p.d.Blocks {
		p.block(b, p.next(i))
	}
}

// next is the block after i, for keeping a heading with its text.
func (p *pdf) next(i int) Block {
	if i+1 < len(p.d.Blocks) {
		return p.d.Blocks[i+1]
	}
	return nil
}

func (p *pdf) font(bold bool, size float64) {
	style := ""
	if bold {
		style = "B"
	}
	p.f.SetFont(fontFamily, style, size)
}

func (p *pdf) color(grey bool) {
	if grey {
		p.f.SetTextColor(90, 90, 90)
	} else {
		p.f.SetTextColor(0, 0, 0)
	}
}

func (p *pdf) letterhead() {
	lh := p.d.Letterhead
	if strings.TrimSpace(lh.Name) == "" && len(lh.Lines) == 0 {
		return
	}
	x, w := marginLeft+textW/2, textW/2
	p.f.SetY(marginTop)
	p.font(true, 13)
	p.text(clean(lh.Name), 6, Right, textW, marginLeft)
	p.font(false, 8.5)
	p.color(true)
	for _, l := range lh.Lines {
		p.text(clean(l), 4, Right, w, x)
	}
	p.color(false)
	p.f.SetY(p.f.GetY() + 4)
}

// recipient prints the address where a window envelope (DIN 5008, which
// Dutch envelopes follow) shows it: 50 mm from the top on the left.
func (p *pdf) recipient() {
	if len(p.d.Recipient) == 0 {
		return
	}
	y := 50.0
	if p.f.GetY() > y {
		y = p.f.GetY()
	}
	p.f.SetY(y)
	p.font(false, baseSize)
	for _, l := range p.d.Recipient {
		p.text(clean(l), lineH, Left, 85, marginLeft)
	}
	p.f.SetY(p.f.GetY() + 10)
}

func (p *pdf) footer() {
	p.f.SetY(pageH - 15)
	p.font(false, 7.5)
	p.color(true)
	p.f.SetDrawColor(190, 190, 190)
	p.f.Line(marginLeft, pageH-16.5, pageW-marginRight, pageH-16.5)
	num := p.w.page + " " + strconv.Itoa(p.f.PageNo()) + " " + p.w.of + " " + nbAlias
	if foot := clean(strings.ReplaceAll(p.d.Footer, "\n", " ")); foot != "" {
		lines := p.f.SplitText(foot, textW-35)
		if len(lines) > 0 {
			p.f.SetX(marginLeft)
			p.f.CellFormat(textW-35, 4, lines[0], "", 0, "L", false, 0, "")
		}
	}
	p.f.SetXY(pageW-marginRight-35, pageH-15)
	p.f.CellFormat(35, 4, num, "", 0, "R", false, 0, "")
	p.color(false)
}

// room is how much of the page is left below the cursor.
func (p *pdf) room() float64 { return bodyBottom - p.f.GetY() }

// need starts a new page unless h millimetres fit on this one.
func (p *pdf) need(h float64) {
	if h > p.room() {
		p.f.AddPage()
	}
}

// text sets s in lines of at most w millimetres at x, breaking pages as it
// goes.
func (p *pdf) text(s string, h float64, a Align, w, x float64) {
	for _, line := range p.lines(s, w) {
		p.need(h)
		p.f.SetX(x)
		p.f.CellFormat(w, h, line, "", 2, align(a), false, 0, "")
	}
}

// lines breaks s into lines no wider than w in the current font, keeping
// the empty lines of blank-line runs.
func (p *pdf) lines(s string, w float64) []string {
	var out []string
	for _, hard := range strings.Split(s, "\n") {
		if strings.TrimSpace(hard) == "" {
			out = append(out, "")
			continue
		}
		out = append(out, p.f.SplitText(hard, w)...)
	}
	return out
}

func align(a Align) string {
	switch a {
	case Right:
		return "R"
	case Center:
		return "C"
	}
	return "L"
}

func (p *pdf) block(b Block, next Block) {
	switch b := b.(type) {
	case Heading:
		p.heading(b, next)
	case Paragraph:
		p.paragraph(b)
	case List:
		p.list(b)
	case Fields:
		p.fields(b)
	case Table:
		p.table(b)
	case Signatures:
		p.signatures(b)
	case PageBreak:
		p.f.AddPage()
	case BarChart:
		p.barChart(b)
	case ColumnChart:
		p.columnChart(b)
	}
}

func (p *pdf) heading(h Heading, next Block) {
	size, lh := 12.5, 6.5
	if h.Level >= 2 {
		size, lh = 10.5, 5.5
	}
	p.font(true, size)
	lines := p.lines(strings.TrimSpace(clean(h.Text)), textW)
	// Keep the heading with at least three lines of what follows.
	keep := float64(len(lines))*lh + gap + 3*lineH
	if _, ok := next.(Signatures); ok {
		keep = float64(len(lines))*lh + gap + signaturesH
	}
	p.f.SetY(p.f.GetY() + gap)
	p.need(keep)
	p.text(strings.Join(lines, "\n"), lh, Left, textW, marginLeft)
	p.f.SetY(p.f.GetY() + 1)
}

func (p *pdf) paragraph(par Paragraph) {
	size, h := baseSize, lineH
	if par.Style == Small {
		size, h = 8, 4
		p.color(true)
	}
	p.font(par.Style == Bold, size)
	for _, para := range paragraphs(par.Text) {
		p.text(para, h, Left, textW, marginLeft)
		p.f.SetY(p.f.GetY() + gap)
	}
	p.color(false)
}

func (p *pdf) list(l List) {
	p.font(false, baseSize)
	indent := 6.0
	if l.Numbered && len(l.Items) >= 10 {
		indent = 8.0
	}
	for i, item := range l.Items {
		mark := "•"
		if l.Numbered {
			mark = strconv.Itoa(i+1) + "."
		}
		lines := p.lines(strings.TrimSpace(clean(item)), textW-indent)
		for j, line := range lines {
			p.need(lineH)
			if j == 0 {
				p.f.SetX(marginLeft)
				p.f.CellFormat(indent, lineH, mark, "", 0, "L", false, 0, "")
			}
			p.f.SetX(marginLeft + indent)
			p.f.CellFormat(textW-indent, lineH, line, "", 2, "L", false, 0, "")
		}
		p.f.SetY(p.f.GetY() + 1)
	}
	p.f.SetY(p.f.GetY() + gap - 1)
}

func (p *pdf) fields(fs Fields) {
	labelW := 50.0
	for _, fd := range fs {
		p.font(true, baseSize)
		label := p.lines(strings.TrimSpace(clean(fd.Label)), labelW-3)
		p.font(false, baseSize)
		value := p.lines(strings.TrimSpace(clean(fd.Value)), textW-labelW)
		blank := strings.TrimSpace(fd.Value) == ""
		n := max(len(label), len(value))
		for i := 0; i < n; i++ {
			p.need(lineH)
			y := p.f.GetY()
			if i < len(label) {
				p.font(true, baseSize)
				p.f.SetX(marginLeft)
				p.f.CellFormat(labelW, lineH, label[i], "", 0, "L", false, 0, "")
			}
			p.font(false, baseSize)
			p.f.SetXY(marginLeft+labelW, y)
			if blank && i == 0 {
				// A line to fill in by hand.
				p.f.SetDrawColor(150, 150, 150)
				p.f.Line(marginLeft+labelW, y+lineH-0.8, pageW-marginRight, y+lineH-0.8)
			}
			text := ""
			if i < len(value) {
				text = value[i]
			}
			p.f.CellFormat(textW-labelW, lineH, text, "", 2, "L", false, 0, "")
		}
		p.f.SetY(p.f.GetY() + 0.8)
	}
	p.f.SetY(p.f.GetY() + gap)
}

func (p *pdf) table(t Table) {
	if len(t.Columns) == 0 {
		return
	}
	widths := columnWidths(t.Columns)
	header := func() {
		p.font(true, 9)
		row := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			row[i] = c.Title
		}
		p.row(t.Columns, widths, row, nil)
		p.f.SetDrawColor(120, 120, 120)
		p.f.Line(marginLeft, p.f.GetY(), pageW-marginRight, p.f.GetY())
		p.f.SetY(p.f.GetY() + 1)
	}
	p.font(true, 9)
	p.need(3 * lineH)
	header()
	for _, r := range t.Rows {
		p.font(false, 9)
		p.row(t.Columns, widths, r, header)
		p.f.SetY(p.f.GetY() + 0.8)
	}
	if len(t.Foot) > 0 {
		p.need(lineH + 1)
		p.f.SetDrawColor(120, 120, 120)
		p.f.Line(marginLeft, p.f.GetY(), pageW-marginRight, p.f.GetY())
		p.f.SetY(p.f.GetY() + 1)
		for _, r := range t.Foot {
			p.font(true, 9)
			p.row(t.Columns, widths, r, header)
		}
	}
	p.f.SetY(p.f.GetY() + gap)
}

func columnWidths(cols []Column) []float64 {
	total := 0.0
	for _, c := range cols {
		total += weight(c)
	}
	w := make([]float64, len(cols))
	for i, c := range cols {
		w[i] = textW * weight(c) / total
	}
	return w
}

func weight(c Column) float64 {
	if c.Width <= 0 {
		return 1
	}
	return c.Width
}

// row sets one table row in the current font. A row that does not fit
// below the cursor starts a new page (with the header again); a row taller
// than a whole page runs on line by line.
func (p *pdf) row(cols []Column, widths []float64, cells []string, header func()) {
	const pad = 2.0
	h := 4.6
	split := make([][]string, len(cols))
	n := 1
	for i := range cols {
		cell := ""
		if i < len(cells) {
			cell = strings.TrimSpace(clean(cells[i]))
		}
		split[i] = p.lines(cell, widths[i]-pad)
		n = max(n, len(split[i]))
	}
	fullPage := bodyBottom - marginTop - 2*h
	if float64(n)*h > p.room() && float64(n)*h <= fullPage && header != nil {
		style := p.f.GetFontStyle()
		p.f.AddPage()
		header()
		p.f.SetFontStyle(style)
	}
	for k := 0; k < n; k++ {
		if h > p.room() {
			style := p.f.GetFontStyle()
			p.f.AddPage()
			if header != nil {
				header()
			}
			p.f.SetFontStyle(style)
		}
		y := p.f.GetY()
		x := marginLeft
		for i, c := range cols {
			text := ""
			if k < len(split[i]) {
				text = split[i][k]
			}
			p.f.SetXY(x, y)
			p.f.CellFormat(widths[i]-pad, h, text, "", 0, align(c.Align), false, 0, "")
			x += widths[i]
		}
		p.f.SetY(y + h)
	}
}

// signaturesH is the height of a signature block.
const signaturesH = 36.0

func (p *pdf) signatures(s Signatures) {
	if len(s) == 0 {
		return
	}
	p.f.SetY(p.f.GetY() + gap)
	p.need(signaturesH * float64((len(s)+1)/2))
	for row := 0; row < len(s); row += 2 {
		y := p.f.GetY()
		colW := (textW - 10) / 2
		for i := row; i < len(s) && i < row+2; i++ {
			x := marginLeft + float64(i-row)*(colW+10)
			party := s[i]
			p.f.SetXY(x, y)
			p.font(true, baseSize)
			role := p.lines(strings.TrimSpace(clean(party.Role)), colW)
			if len(role) > 0 {
				p.f.CellFormat(colW, lineH, role[0], "", 0, "L", false, 0, "")
			}
			p.font(false, 8.5)
			p.f.SetDrawColor(120, 120, 120)
			line := func(dy float64, label string) {
				p.f.Line(x, y+dy, x+colW, y+dy)
				p.f.SetXY(x, y+dy+0.5)
				p.color(true)
				p.f.CellFormat(colW, 3.5, label, "", 0, "L", false, 0, "")
				p.color(false)
			}
			line(13, p.w.place+" / "+p.w.date)
			line(27, p.w.signature)
			name := strings.TrimSpace(clean(party.Name))
			p.f.SetXY(x, y+31)
			p.font(false, baseSize)
			if name != "" {
				nl := p.lines(name, colW)
				p.f.CellFormat(colW, lineH, nl[0], "", 0, "L", false, 0, "")
			} else {
				p.f.Line(x+12, y+35, x+colW, y+35)
				p.font(false, 8.5)
				p.color(true)
				p.f.CellFormat(12, lineH, p.w.name, "", 0, "L", false, 0, "")
				p.color(false)
			}
		}
		p.f.SetY(y + signaturesH)
	}
}
