package paper

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// Charts a paper can hold, drawn as vector shapes: sharp at any zoom and
// on any printer, their words real text a reader can select and search,
// and told apart in greyscale (a dark fill, a light fill, a hatching),
// since many a funder prints in black and white.

// Shade is how a part of a bar is filled.
type Shade int

const (
	Dark    Shade = iota // a dark grey fill: what is used or done
	Light                // a light grey fill with an outline: what is left
	Hatched              // diagonal lines: past a limit
	Mid                  // a middle grey fill, between Dark and Light
	Blank                // white with an outline: none of the above
)

// Part names one kind of bar part in a chart's legend.
type Part struct {
	Name  string
	Shade Shade
}

// Bar is one row of a BarChart: its parts, left to right, in the chart's
// unit, and a text after the bar (the figures the bar draws).
type Bar struct {
	Label string
	Parts []int64
	Text  string
}

// BarChart is horizontal bars, one a row, each of parts laid end to end
// (Legend names them in order): budget used and left per trajectory.
type BarChart struct {
	Title  string
	Legend []Part
	Rows   []Bar
	// Max is where the scale ends; 0 takes the longest bar (or Mark).
	Max int64
	// Mark draws a line across the rows at this value (100% of a budget),
	// with MarkLabel over it; 0 draws none.
	Mark      int64
	MarkLabel string
}

// ColumnChart is vertical columns over labels: hours per month.
type ColumnChart struct {
	Title  string
	Labels []string // under each column
	Values []int64
	Texts  []string // over each column: the value as a reader writes it
	// Note is a line under the chart: what a column counts.
	Note string
}

func (BarChart) isBlock()    {}
func (ColumnChart) isBlock() {}

// shade fills (and for Hatched, hatches) the rectangle x, y, w, h.
func (p *pdf) shade(s Shade, x, y, w, h float64) {
	if w <= 0 || h <= 0 {
		return
	}
	f := p.f
	f.SetLineWidth(0.2)
	f.SetDrawColor(40, 40, 40)
	grey, ok := map[Shade]int{Dark: 85, Mid: 155, Light: 225, Blank: 255, Hatched: 255}[s]
	if !ok {
		return
	}
	f.SetFillColor(grey, grey, grey)
	f.Rect(x, y, w, h, "FD")
	if s == Hatched {
		f.ClipRect(x, y, w, h, false)
		for d := -h; d < w; d += 1.2 {
			f.Line(x+d, y+h, x+d+h, y)
		}
		f.ClipEnd()
	}
}

// legend draws the names of the parts with their fills, on one line.
func (p *pdf) legend(parts []Part) {
	if len(parts) == 0 {
		return
	}
	p.font(false, 8)
	y := p.f.GetY()
	x := marginLeft
	for _, part := range parts {
		p.shade(part.Shade, x, y+1, 3.2, 3.2)
		x += 4.5
		w := p.f.GetStringWidth(part.Name)
		p.f.SetXY(x, y)
		p.f.CellFormat(w, lineH, clean(part.Name), "", 0, "L", false, 0, "")
		x += w + 6
	}
	p.f.SetXY(marginLeft, y+lineH+0.5)
}

// chartTitle sets a chart's title in bold, kept with the chart's first
// rows (room is what those need).
func (p *pdf) chartTitle(title string, room float64) {
	p.need(lineH + room)
	if strings.TrimSpace(title) == "" {
		return
	}
	p.font(true, 10)
	p.text(clean(title), lineH+0.5, Left, textW, marginLeft)
}

func (p *pdf) barChart(c BarChart) {
	const (
		rowH   = 6.0
		barH   = 3.6
		labelW = 32.0
		valueW = 60.0
	)
	if len(c.Rows) == 0 {
		return
	}
	scale := c.Max
	for _, r := range c.Rows {
		var sum int64
		for _, v := range r.Parts {
			sum += max(v, 0)
		}
		if c.Max == 0 {
			scale = max(scale, sum)
		}
	}
	scale = max(scale, c.Mark, 1)
	barX := marginLeft + labelW + 2
	barW := textW - labelW - valueW - 4
	p.chartTitle(c.Title, 2*lineH+rowH)
	p.legend(c.Legend)
	markTop := p.f.GetY()
	if c.Mark > 0 && c.MarkLabel != "" {
		p.font(false, 7)
		p.color(true)
		mx := barX + barW*float64(c.Mark)/float64(scale)
		p.f.SetXY(mx-10, markTop)
		p.f.CellFormat(20, 3.5, clean(c.MarkLabel), "", 0, "C", false, 0, "")
		p.color(false)
		markTop += 3.5
		p.f.SetY(markTop)
	}
	drawMark := func(from, to float64) {
		if c.Mark <= 0 {
			return
		}
		mx := barX + barW*float64(c.Mark)/float64(scale)
		p.f.SetDrawColor(0, 0, 0)
		p.f.SetLineWidth(0.35)
		p.f.SetDashPattern([]float64{1, 0.8}, 0)
		p.f.Line(mx, from, mx, to)
		p.f.SetDashPattern([]float64{}, 0)
	}
	for _, r := range c.Rows {
		if rowH > p.room() {
			drawMark(markTop, p.f.GetY())
			p.f.AddPage()
			markTop = p.f.GetY()
		}
		y := p.f.GetY()
		p.font(false, 8.5)
		p.f.SetXY(marginLeft, y)
		p.f.CellFormat(labelW, rowH, p.fit(clean(r.Label), labelW), "", 0, "L", false, 0, "")
		x := barX
		for i, v := range r.Parts {
			w := barW * float64(max(v, 0)) / float64(scale)
			w = math.Min(w, barX+barW-x)
			s := Dark
			if i < len(c.Legend) {
				s = c.Legend[i].Shade
			}
			p.shade(s, x, y+(rowH-barH)/2, w, barH)
			x += w
		}
		p.font(false, 8)
		p.f.SetXY(barX+barW+2, y)
		p.f.CellFormat(valueW, rowH, p.fit(clean(r.Text), valueW), "", 0, "L", false, 0, "")
		p.f.SetY(y + rowH)
	}
	drawMark(markTop, p.f.GetY())
	p.f.SetLineWidth(0.2)
	p.f.SetY(p.f.GetY() + gap)
}

// fit cuts s to w millimetres in the current font, ending in "…" when cut.
func (p *pdf) fit(s string, w float64) string {
	if p.f.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && p.f.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

func (p *pdf) columnChart(c ColumnChart) {
	const (
		plotH  = 38.0
		axisW  = 12.0
		labelH = 4.0
	)
	if len(c.Values) == 0 {
		return
	}
	var top int64 = 1
	for _, v := range c.Values {
		top = max(top, v)
	}
	step := niceStep(top)
	top = (top + step - 1) / step * step
	p.chartTitle(c.Title, plotH+2*labelH+lineH)
	y0 := p.f.GetY() + 4 // room for the texts over the tallest column
	base := y0 + plotH
	x0 := marginLeft + axisW
	w := textW - axisW
	// The scale: light lines at each step, their values at the left.
	p.font(false, 7)
	p.color(true)
	for v := int64(0); v <= top; v += step {
		y := base - plotH*float64(v)/float64(top)
		p.f.SetDrawColor(200, 200, 200)
		p.f.SetLineWidth(0.15)
		p.f.Line(x0, y, x0+w, y)
		p.f.SetXY(marginLeft, y-1.75)
		p.f.CellFormat(axisW-1.5, 3.5, c.texts(v), "", 0, "R", false, 0, "")
	}
	p.color(false)
	slot := w / float64(len(c.Values))
	colW := slot * 0.62
	for i, v := range c.Values {
		x := x0 + slot*float64(i) + (slot-colW)/2
		h := plotH * float64(max(v, 0)) / float64(top)
		p.shade(Dark, x, base-h, colW, h)
		p.font(false, 6.5)
		if i < len(c.Texts) && v > 0 {
			p.f.SetXY(x-2, base-h-3.6)
			p.f.CellFormat(colW+4, 3.5, clean(c.Texts[i]), "", 0, "C", false, 0, "")
		}
		if i < len(c.Labels) {
			p.font(false, 7.5)
			p.f.SetXY(x0+slot*float64(i), base+0.8)
			p.f.CellFormat(slot, labelH, clean(c.Labels[i]), "", 0, "C", false, 0, "")
		}
	}
	p.f.SetDrawColor(0, 0, 0)
	p.f.SetLineWidth(0.3)
	p.f.Line(x0, base, x0+w, base)
	p.f.SetLineWidth(0.2)
	p.f.SetY(base + labelH + 1.5)
	if c.Note != "" {
		p.font(false, 8)
		p.color(true)
		p.text(clean(c.Note), 4, Left, textW, marginLeft)
		p.color(false)
	}
	p.f.SetY(p.f.GetY() + gap)
}

// texts writes a scale value the way the chart's Texts write theirs: the
// scale is in the values' unit, so a chart of minutes shows hours.
func (c ColumnChart) texts(v int64) string {
	if strings.Contains(strings.Join(c.Texts, ""), ":") {
		return fmt.Sprintf("%d:%02d", v/60, v%60)
	}
	return fmt.Sprint(v)
}

// niceStep is a step of 1, 2 or 5 times a power of ten (or of whole hours
// in minutes, for a scale over an hour) that cuts top into 3 to 6 parts.
func niceStep(top int64) int64 {
	for _, s := range []int64{1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1200, 3000, 6000, 12000, 30000, 60000, 120000} {
		if top/s <= 5 {
			return s
		}
	}
	return top / 5
}

// htmlChart is a chart in the HTML paper: its rows as a table, the same
// figures the PDF draws.
func htmlChart(b Block, esc func(string) string) template.HTML {
	var s strings.Builder
	switch c := b.(type) {
	case BarChart:
		fmt.Fprintf(&s, "<h3>%s</h3>\n<table class=\"grid\">\n<tbody>\n", esc(c.Title))
		for _, r := range c.Rows {
			fmt.Fprintf(&s, "<tr><td>%s</td><td class=\"r\">%s</td></tr>\n", esc(r.Label), esc(r.Text))
		}
		s.WriteString("</tbody>\n</table>\n")
	case ColumnChart:
		fmt.Fprintf(&s, "<h3>%s</h3>\n<table class=\"grid\">\n<tbody>\n", esc(c.Title))
		for i, l := range c.Labels {
			text := ""
			if i < len(c.Texts) {
				text = c.Texts[i]
			}
			fmt.Fprintf(&s, "<tr><td>%s</td><td class=\"r\">%s</td></tr>\n", esc(l), esc(text))
		}
		s.WriteString("</tbody>\n</table>\n")
	}
	return template.HTML(s.String())
}
