package invoice

import (
	"fmt"
	"io"
	"time"

	"github.com/caseload/caseload/paper"
	"github.com/caseload/caseload/store"
)

// FunderReport is what a funder's report shows: the trajectories it pays
// for between From and To, by its own reference.
type FunderReport struct {
	Practice store.Practice
	Funder   store.Funder
	From, To time.Time
	// Made is the day the report is made (the PDF's date).
	Made time.Time
	Rows []store.FunderReportRow
	// Months are the period's months, for the chart of hours per month;
	// none draws no chart.
	Months []store.FunderMonth
}

// outcomeText names a trajectory's outcome.
func outcomeText(l Lang, o store.Outcome) string {
	switch o {
	case store.OutcomeEducation:
		return l.t("invoice.education")
	case store.OutcomeWork:
		return l.t("invoice.work")
	case store.OutcomeOther:
		return l.t("invoice.other")
	case store.OutcomeDroppedOut:
		return l.t("invoice.dropped_out")
	}
	return ""
}

func statusText(l Lang, s store.Status) string {
	switch s {
	case store.StatusIntake:
		return "intake"
	case store.StatusActive:
		return l.t("invoice.active")
	case store.StatusClosed:
		return l.t("invoice.closed")
	}
	return l.t("invoice.rejected")
}

// WriteFunderPDF prints a funder's report: per trajectory (by reference)
// the attendance and hours of the period and the budget as it stands,
// with the totals under it.
func WriteFunderPDF(w io.Writer, l Lang, r FunderReport) error {
	t := paper.Table{Columns: []paper.Column{
		{Title: l.t("invoice.reference"), Width: 2},
		{Title: l.t("invoice.status"), Width: 1.2},
		{Title: l.t("invoice.outcome"), Width: 1.2},
		{Title: l.t("invoice.present"), Width: 1.3, Align: paper.Right},
		{Title: l.t("invoice.no_show"), Width: 1.2, Align: paper.Right},
		{Title: l.t("invoice.cancelled"), Width: 1.3, Align: paper.Right},
		{Title: l.t("invoice.hours"), Width: 1, Align: paper.Right},
		{Title: l.t("invoice.budget"), Width: 1.1, Align: paper.Right},
	}}
	var att, ns, canc, minutes int
	for _, row := range r.Rows {
		used := ""
		if row.Budget.Kind != store.BudgetNone && row.Budget.Kind != "" {
			used = fmt.Sprintf("%d%%", row.Budget.Percent)
		}
		ref := row.Reference
		if ref == "" {
			ref = l.t("invoice.no_reference")
		}
		t.Rows = append(t.Rows, []string{ref, statusText(l, row.Status), outcomeText(l, row.Outcome),
			fmt.Sprint(row.Attended), fmt.Sprint(row.NoShows), fmt.Sprint(row.Cancelled),
			Duration(int64(row.Minutes)), used})
		att, ns, canc, minutes = att+row.Attended, ns+row.NoShows, canc+row.Cancelled, minutes+row.Minutes
	}
	t.Foot = [][]string{{l.t("invoice.total"), fmt.Sprint(len(r.Rows)), "", fmt.Sprint(att), fmt.Sprint(ns),
		fmt.Sprint(canc), Duration(int64(minutes)), ""}}
	head := paper.Letterhead{Name: r.Practice.Name, Lines: addressLines(r.Practice.Address)}
	if r.Practice.KvK != "" {
		head.Lines = append(head.Lines, l.t("invoice.kvk_no")+r.Practice.KvK)
	}
	doc := paper.Document{Lang: string(l), Title: l.t("invoice.report_to") + r.Funder.Name,
		Author: r.Practice.Name, Date: r.Made, Letterhead: head,
		Recipient: append([]string{r.Funder.Name}, addressLines(r.Funder.Address)...),
		Blocks: []paper.Block{
			paper.Fields{
				{Label: l.t("invoice.period"), Value: Date(l, r.From) + l.t("invoice.to") + Date(l, r.To)},
				{Label: l.t("invoice.contract"), Value: r.Funder.Contract},
				{Label: l.t("invoice.trajectories"), Value: fmt.Sprint(len(r.Rows))},
			},
			paper.Paragraph{Text: l.t("invoice.each_trajectory_is_named_by"),
				Style: paper.Small},
		}}
	doc.Blocks = append(append(doc.Blocks, reportCharts(l, r)...), t)
	return paper.WritePDF(w, doc)
}

// reportCharts are the pictures a funder reads before the table: each
// trajectory's budget used and left (as a share of its own budget, as
// budgets come in hours, sessions and euros), and the hours per month.
func reportCharts(l Lang, r FunderReport) []paper.Block {
	var out []paper.Block
	budgets := paper.BarChart{
		Title: l.t("invoice.chart_budget_title"),
		Legend: []paper.Part{{Name: l.t("invoice.chart_used"), Shade: paper.Dark},
			{Name: l.t("invoice.chart_left"), Shade: paper.Light},
			{Name: l.t("invoice.chart_over"), Shade: paper.Hatched}},
		Mark: 10000, MarkLabel: "100%",
	}
	for _, row := range r.Rows {
		b := row.Budget
		if b.Kind == store.BudgetNone || b.Kind == "" || b.Total <= 0 {
			continue
		}
		// Parts in hundredths of a percent of the trajectory's budget.
		used := b.Used * 10000 / b.Total
		ref := row.Reference
		if ref == "" {
			ref = l.t("invoice.no_reference")
		}
		budgets.Rows = append(budgets.Rows, paper.Bar{Label: ref,
			Parts: []int64{min(used, 10000), max(10000-used, 0), max(used-10000, 0)},
			Text: fmt.Sprintf(l.t("invoice.chart_budget_text"), budgetFigure(l, b.Kind, b.Used),
				budgetFigure(l, b.Kind, b.Total), b.Percent)})
		budgets.Max = max(budgets.Max, used, 10000)
	}
	if len(budgets.Rows) > 0 {
		out = append(out, budgets)
	}
	if att := attendanceChart(l, r); len(att.Rows) > 0 {
		out = append(out, att)
	}
	if len(r.Months) > 0 {
		hours := paper.ColumnChart{
			Title: l.t("invoice.chart_hours_title"),
			Note:  l.t("invoice.chart_hours_note"),
		}
		for _, m := range r.Months {
			label := monthShort(l, m.Month)
			if len(r.Months) > 12 || m.Month.Month() == time.January || len(hours.Labels) == 0 {
				label += m.Month.Format(" '06")
			}
			hours.Labels = append(hours.Labels, label)
			hours.Values = append(hours.Values, m.Minutes)
			hours.Texts = append(hours.Texts, Duration(m.Minutes))
		}
		out = append(out, hours)
	}
	return out
}

// attendanceChart is each trajectory's sessions of the period, by the
// funder's reference (never the client's name): attended, no-show and
// cancelled laid end to end, told apart in greyscale by fill and hatching.
// A trajectory without sessions in the period draws no bar.
func attendanceChart(l Lang, r FunderReport) paper.BarChart {
	c := paper.BarChart{
		Title: l.t("invoice.chart_attendance_title"),
		Legend: []paper.Part{{Name: l.t("invoice.chart_attended"), Shade: paper.Dark},
			{Name: l.t("invoice.chart_no_show"), Shade: paper.Hatched},
			{Name: l.t("invoice.chart_cancelled"), Shade: paper.Light}},
	}
	for _, row := range r.Rows {
		if row.Attended+row.NoShows+row.Cancelled == 0 {
			continue
		}
		ref := row.Reference
		if ref == "" {
			ref = l.t("invoice.no_reference")
		}
		c.Rows = append(c.Rows, paper.Bar{Label: ref,
			Parts: []int64{int64(row.Attended), int64(row.NoShows), int64(row.Cancelled)},
			Text:  fmt.Sprintf(l.t("invoice.chart_attendance_text"), row.Attended, row.NoShows, row.Cancelled)})
	}
	return c
}

// budgetFigure writes an amount of a budget for a reader: hours as 12:30
// h, sessions as a count, money in euros.
func budgetFigure(l Lang, k store.BudgetKind, v int64) string {
	switch k {
	case store.BudgetHours:
		return Duration(v) + l.t("invoice.hours_unit")
	case store.BudgetSessions:
		return fmt.Sprintf(l.t("invoice.chart_sessions"), v)
	}
	return Euro(l, v)
}

// monthShort is a month's short name: Jan, Feb (jan, feb).
func monthShort(l Lang, d time.Time) string {
	en := []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	nl := []string{"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"}
	i := int(d.Month()) - 1
	if l == Dutch {
		return nl[i]
	}
	return en[i]
}
