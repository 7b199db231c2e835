package invoice

import (
	"fmt"
	"io"
	"math"
	"time"

	"github.com/caseload/caseload/paper"
	"github.com/caseload/caseload/store"
)

// YearReport is the practice's year on paper, for the coach to print: the
// billable hours and the attendance per month of Year, and the anonymous
// outcomes per year that survive a purge. It names no client.
type YearReport struct {
	Practice store.Practice
	Year     int
	// Made is the day the report is made (the PDF's date).
	Made   time.Time
	Months []store.MonthMoney // the twelve months of Year, January first
	Years  []store.YearStats  // every year with closed trajectories
}

// yearOutcomes are the outcomes in the order the chart draws them, each
// with its own greyscale fill.
var yearOutcomes = []struct {
	o     store.Outcome
	shade paper.Shade
}{
	{store.OutcomeEducation, paper.Dark}, {store.OutcomeWork, paper.Mid}, {store.OutcomeOther, paper.Light},
	{store.OutcomeDroppedOut, paper.Hatched}, {store.OutcomeUnknown, paper.Blank},
}

func yearOutcomeText(l Lang, o store.Outcome) string {
	if o == store.OutcomeUnknown {
		return l.t("invoice.outcome_unknown")
	}
	return outcomeText(l, o)
}

// YearDocument is the year report as a paper.
func YearDocument(l Lang, r YearReport) paper.Document {
	head := paper.Letterhead{Name: r.Practice.Name, Lines: addressLines(r.Practice.Address)}
	if r.Practice.KvK != "" {
		head.Lines = append(head.Lines, l.t("invoice.kvk_no")+r.Practice.KvK)
	}
	doc := paper.Document{Lang: string(l), Title: fmt.Sprintf(l.t("invoice.year_title"), r.Year),
		Author: r.Practice.Name, Date: r.Made, Letterhead: head,
		Blocks: []paper.Block{paper.Paragraph{Text: l.t("invoice.year_note"), Style: paper.Small}}}
	hours := paper.ColumnChart{Title: l.t("invoice.chart_hours_title")}
	att := paper.BarChart{Title: l.t("invoice.chart_attendance_month_title"),
		Legend: []paper.Part{{Name: l.t("invoice.chart_attended"), Shade: paper.Dark},
			{Name: l.t("invoice.chart_no_show"), Shade: paper.Hatched},
			{Name: l.t("invoice.chart_cancelled"), Shade: paper.Light}}}
	for _, m := range r.Months {
		d := time.Date(r.Year, m.Month, 1, 0, 0, 0, 0, time.UTC)
		hours.Labels = append(hours.Labels, monthShort(l, d))
		hours.Values = append(hours.Values, m.Minutes)
		hours.Texts = append(hours.Texts, Duration(m.Minutes))
		if m.Attended+m.NoShows+m.Cancelled > 0 {
			att.Rows = append(att.Rows, paper.Bar{Label: monthShort(l, d),
				Parts: []int64{int64(m.Attended), int64(m.NoShows), int64(m.Cancelled)},
				Text:  fmt.Sprintf(l.t("invoice.chart_attendance_text"), m.Attended, m.NoShows, m.Cancelled)})
		}
	}
	if len(hours.Values) > 0 {
		doc.Blocks = append(doc.Blocks, hours)
	}
	if len(att.Rows) > 0 {
		doc.Blocks = append(doc.Blocks, att)
	}
	if len(r.Years) == 0 {
		return doc
	}
	out := paper.BarChart{Title: l.t("invoice.chart_outcomes_title")}
	t := paper.Table{Columns: []paper.Column{{Title: l.t("invoice.year"), Width: 0.8},
		{Title: l.t("invoice.trajectories"), Width: 1.2, Align: paper.Right}}}
	for _, yo := range yearOutcomes {
		out.Legend = append(out.Legend, paper.Part{Name: yearOutcomeText(l, yo.o), Shade: yo.shade})
		t.Columns = append(t.Columns, paper.Column{Title: yearOutcomeText(l, yo.o), Width: 1.35, Align: paper.Right})
	}
	t.Columns = append(t.Columns, paper.Column{Title: l.t("invoice.median_days"), Width: 1.3, Align: paper.Right})
	for _, y := range r.Years {
		bar := paper.Bar{Label: fmt.Sprint(y.Year), Text: fmt.Sprintf(l.t("invoice.chart_outcomes_text"), y.Trajectories)}
		row := []string{fmt.Sprint(y.Year), fmt.Sprint(y.Trajectories)}
		for _, yo := range yearOutcomes {
			bar.Parts = append(bar.Parts, int64(y.Outcomes[yo.o]))
			row = append(row, fmt.Sprint(y.Outcomes[yo.o]))
		}
		median := ""
		if y.Measured > 0 {
			median = fmt.Sprint(int(math.Round(y.MedianDays)))
		}
		out.Rows = append(out.Rows, bar)
		t.Rows = append(t.Rows, append(row, median))
	}
	doc.Blocks = append(doc.Blocks, out, t)
	return doc
}

// WriteYearPDF prints the year report.
func WriteYearPDF(w io.Writer, l Lang, r YearReport) error {
	return paper.WritePDF(w, YearDocument(l, r))
}
