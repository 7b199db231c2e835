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
		return l.pick("education", "opleiding")
	case store.OutcomeWork:
		return l.pick("work", "werk")
	case store.OutcomeOther:
		return l.pick("other", "anders")
	case store.OutcomeDroppedOut:
		return l.pick("dropped out", "uitgevallen")
	}
	return ""
}

func statusText(l Lang, s store.Status) string {
	switch s {
	case store.StatusIntake:
		return "intake"
	case store.StatusActive:
		return l.pick("active", "actief")
	case store.StatusClosed:
		return l.pick("closed", "afgesloten")
	}
	return l.pick("rejected", "afgewezen")
}

// WriteFunderPDF prints a funder's report: per trajectory (by reference)
// the attendance and hours of the period and the budget as it stands,
// with the totals under it.
func WriteFunderPDF(w io.Writer, l Lang, r FunderReport) error {
	t := paper.Table{Columns: []paper.Column{
		{Title: l.pick("Reference", "Referentie"), Width: 2},
		{Title: l.pick("Status", "Status"), Width: 1.2},
		{Title: l.pick("Outcome", "Uitkomst"), Width: 1.2},
		{Title: l.pick("Present", "Aanwezig"), Width: 1.3, Align: paper.Right},
		{Title: l.pick("No-show", "No-show"), Width: 1.2, Align: paper.Right},
		{Title: l.pick("Cancelled", "Afgezegd"), Width: 1.3, Align: paper.Right},
		{Title: l.pick("Hours", "Uren"), Width: 1, Align: paper.Right},
		{Title: l.pick("Budget", "Budget"), Width: 1.1, Align: paper.Right},
	}}
	var att, ns, canc, minutes int
	for _, row := range r.Rows {
		used := ""
		if row.Budget.Kind != store.BudgetNone && row.Budget.Kind != "" {
			used = fmt.Sprintf("%d%%", row.Budget.Percent)
		}
		ref := row.Reference
		if ref == "" {
			ref = l.pick("(no reference)", "(geen referentie)")
		}
		t.Rows = append(t.Rows, []string{ref, statusText(l, row.Status), outcomeText(l, row.Outcome),
			fmt.Sprint(row.Attended), fmt.Sprint(row.NoShows), fmt.Sprint(row.Cancelled),
			Duration(int64(row.Minutes)), used})
		att, ns, canc, minutes = att+row.Attended, ns+row.NoShows, canc+row.Cancelled, minutes+row.Minutes
	}
	t.Foot = [][]string{{l.pick("Total", "Totaal"), fmt.Sprint(len(r.Rows)), "", fmt.Sprint(att), fmt.Sprint(ns),
		fmt.Sprint(canc), Duration(int64(minutes)), ""}}
	head := paper.Letterhead{Name: r.Practice.Name, Lines: addressLines(r.Practice.Address)}
	if r.Practice.KvK != "" {
		head.Lines = append(head.Lines, l.pick("KvK no. ", "KvK-nummer ")+r.Practice.KvK)
	}
	doc := paper.Document{Lang: string(l), Title: l.pick("Report to ", "Rapportage aan ") + r.Funder.Name,
		Author: r.Practice.Name, Date: r.Made, Letterhead: head,
		Recipient: append([]string{r.Funder.Name}, addressLines(r.Funder.Address)...),
		Blocks: []paper.Block{
			paper.Fields{
				{Label: l.pick("Period", "Periode"), Value: Date(l, r.From) + l.pick(" to ", " t/m ") + Date(l, r.To)},
				{Label: l.pick("Contract", "Contract"), Value: r.Funder.Contract},
				{Label: l.pick("Trajectories", "Trajecten"), Value: fmt.Sprint(len(r.Rows))},
			},
			paper.Paragraph{Text: l.pick(
				"Each trajectory is named by your reference only. Hours are the billable time of the period: attended sessions and time spent for the trajectory.",
				"Elk traject staat hier alleen onder uw referentie. Uren zijn de declarabele tijd in de periode: bijgewoonde gesprekken en tijd besteed aan het traject."),
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
		Title: l.pick("Budget used per trajectory, as it stands today", "Verbruikt budget per traject, zoals het nu staat"),
		Legend: []paper.Part{{Name: l.pick("used", "verbruikt"), Shade: paper.Dark},
			{Name: l.pick("left", "over"), Shade: paper.Light},
			{Name: l.pick("past the budget", "boven het budget"), Shade: paper.Hatched}},
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
			ref = l.pick("(no reference)", "(geen referentie)")
		}
		budgets.Rows = append(budgets.Rows, paper.Bar{Label: ref,
			Parts: []int64{min(used, 10000), max(10000-used, 0), max(used-10000, 0)},
			Text: fmt.Sprintf(l.pick("%s of %s (%d%%)", "%s van %s (%d%%)"), budgetFigure(l, b.Kind, b.Used),
				budgetFigure(l, b.Kind, b.Total), b.Percent)})
		budgets.Max = max(budgets.Max, used, 10000)
	}
	if len(budgets.Rows) > 0 {
		out = append(out, budgets)
	}
	if len(r.Months) > 0 {
		hours := paper.ColumnChart{
			Title: l.pick("Hours per month", "Uren per maand"),
			Note: l.pick("Billable time of all trajectories above: attended sessions and time spent for them.",
				"Declarabele tijd van alle trajecten hierboven: bijgewoonde gesprekken en tijd eraan besteed."),
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

// budgetFigure writes an amount of a budget for a reader: hours as 12:30
// h, sessions as a count, money in euros.
func budgetFigure(l Lang, k store.BudgetKind, v int64) string {
	switch k {
	case store.BudgetHours:
		return Duration(v) + l.pick(" h", " u")
	case store.BudgetSessions:
		return fmt.Sprintf(l.pick("%d sessions", "%d gesprekken"), v)
	}
	return Euro(l, v)
}

// monthShort is a month's short name: Jan, Feb (jan, feb).
func monthShort(l Lang, d time.Time) string {
	en := []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	nl := []string{"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"}
	i := int(d.Month()) - 1
	return l.pick(en[i], nl[i])
}
