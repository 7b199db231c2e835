package cmd

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/termsafe"
)

// newDeadlinesCmd is `caseload deadlines`.
func newDeadlinesCmd(e *env) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "deadlines",
		Short: e.T("help.deadlines.print_everything_due_soonest_first"),
		Long:  e.T("help.deadlines.print_everything_due_soonest_first_2"),
		Args:  e.noArgs,
		RunE:  func(*cobra.Command, []string) error { return runDeadlines(e, asJSON) },
	}
	c.Flags().BoolVar(&asJSON, "json", false, e.T("help.deadlines.print_json_for_scripts"))
	return c
}

// listedDeadline is one deadline in `caseload deadlines --json`: a stable
// shape for scripts.
type listedDeadline struct {
	Kind     string `json:"kind"`
	Category string `json:"category,omitempty"`
	// Item is record, document or complaint for an item kept under an
	// item category; ItemID is then its id.
	Item        string `json:"item,omitempty"`
	RequestKind string `json:"request_kind,omitempty"`
	ClientID    int64  `json:"client_id,omitempty"`
	Name        string `json:"name,omitempty"`
	ItemID      int64  `json:"item_id,omitempty"`
	Ref         string `json:"ref,omitempty"`
	// Due is a date (YYYY-MM-DD), or for a breach a moment (YYYY-MM-DDTHH:MM).
	Due      string `json:"due"`
	DaysLeft int    `json:"days_left"`
	// HoursLeft is set for a breach only.
	HoursLeft *int   `json:"hours_left,omitempty"`
	State     string `json:"state"`
	Extended  bool   `json:"extended,omitempty"`
	// Target is a request's answer target set by the practice (YYYY-MM-DD).
	Target     string `json:"target,omitempty"`
	HoldReason string `json:"hold_reason,omitempty"`
	Restricted bool   `json:"restricted,omitempty"`
}

// listDeadline is a deadline in the shape of `caseload deadlines --json`.
func listDeadline(d store.Deadline) listedDeadline {
	l := listedDeadline{Kind: string(d.Kind), Category: string(d.Category), Item: string(d.Item), RequestKind: string(d.RequestKind),
		ClientID: d.ClientID, Name: d.Name, ItemID: d.ItemID, Ref: d.Ref, Due: isoDate(d.Due),
		DaysLeft: d.DaysLeft, State: string(d.State), Extended: d.Extended, HoldReason: d.HoldReason,
		Restricted: d.Restricted}
	if !d.Target.IsZero() {
		l.Target = isoDate(d.Target)
	}
	if d.Kind == store.DeadlineBreach || d.Kind == store.DeadlineProcessors {
		l.Due, l.HoursLeft = d.Due.Format("2006-01-02T15:04"), &d.HoursLeft
	}
	return l
}

// runDeadlines prints everything due, soonest first: retention, rights
// requests and breaches. It is meant for a daily reminder from a login
// script, so it only looks at the vault (see look) and exits 0 whatever is
// due; an empty list says so in one line.
func runDeadlines(e *env, asJSON bool) error {
	ctx := context.Background()
	s, err := e.look(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	deadlines, err := s.Deadlines(ctx)
	if err != nil {
		return err
	}
	if asJSON {
		out := make([]listedDeadline, 0, len(deadlines))
		for _, d := range deadlines {
			out = append(out, listDeadline(d))
		}
		return e.writeJSON(out)
	}
	if len(deadlines) == 0 {
		fmt.Fprintln(e.stdout, e.T("cmd.deadlines.nothing_is_due"))
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, e.T("cmd.deadlines.due_left_what"))
	for _, d := range deadlines {
		due, left := isoDate(d.Due), e.daysLeft(d.DaysLeft)
		switch {
		case d.Kind == store.DeadlineBreach || d.Kind == store.DeadlineProcessors:
			due, left = d.Due.Format("2006-01-02 15:04"), e.hoursLeft(d.HoursLeft)
		case d.State == store.RetentionHold:
			left = e.T("cmd.deadlines.hold")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", due, left, e.deadlineWhat(d))
	}
	return tw.Flush()
}

// hoursLeft says how many hours are left, or how late it is.
func (e *env) hoursLeft(n int) string {
	if n < 0 {
		return e.Tf("cmd.deadlines.d_h_overdue", -n)
	}
	return e.Tf("cmd.deadlines.d_h", n)
}

// requestKinds names the rights in the catalogue.
var requestKinds = map[store.RequestKind]string{
	store.RequestAccess:            "cmd.deadlines.kind_access",
	store.RequestRectification:     "cmd.deadlines.kind_rectification",
	store.RequestErasure:           "cmd.deadlines.kind_erasure",
	store.RequestRestriction:       "cmd.deadlines.kind_restriction",
	store.RequestObjection:         "cmd.deadlines.kind_objection",
	store.RequestPortability:       "cmd.deadlines.kind_portability",
	store.RequestConsentWithdrawal: "cmd.deadlines.kind_consent_withdrawal",
}

// deadlineWhat says what must happen by a deadline.
func (e *env) deadlineWhat(d store.Deadline) string {
	who := fmt.Sprintf("#%d %s", d.ClientID, termsafe.Line(d.Name))
	var what string
	switch {
	case d.Kind == store.DeadlineBreach:
		what = e.Tf("cmd.deadlines.report_breach_d_to_the", d.ItemID, termsafe.Line(d.Ref))
	case d.Kind == store.DeadlineProcessors:
		what = e.Tf("cmd.deadlines.tell_the_processors_of_breach",
			d.ItemID, termsafe.Line(d.Ref))
	case d.Kind == store.DeadlineRequest:
		kind := string(d.RequestKind)
		if k, ok := requestKinds[d.RequestKind]; ok {
			kind = e.T(k)
		}
		what = e.Tf("cmd.deadlines.answer_the_s_request_of", kind, who)
		if d.Extended {
			what += e.T("cmd.deadlines.extended")
		}
		if !d.Target.IsZero() {
			what += e.Tf("cmd.deadlines.the_practice_s_target_s", isoDate(d.Target))
		}
	case d.Kind == store.DeadlineNotice:
		kind := string(d.RequestKind)
		if k, ok := requestKinds[d.RequestKind]; ok {
			kind = e.T(k)
		}
		what = e.Tf("cmd.deadlines.tell_s_of_the_s", termsafe.Line(d.Ref), kind, who)
	case d.Category == store.CategoryInvoice && d.ClientID == 0:
		what = e.Tf("cmd.deadlines.delete_invoice_s_client_purged", termsafe.Line(d.Ref))
	case d.Category == store.CategoryInvoice:
		what = e.Tf("cmd.deadlines.delete_invoice_s_of_s", termsafe.Line(d.Ref), who)
	case d.Category == store.CategoryRejectedIntake:
		what = e.Tf("cmd.deadlines.delete_the_intake_of_s", who)
	case d.Item != "":
		what = e.Tf("cmd.deadlines.delete_s_s_of_s", e.itemName(string(d.Item), d.ItemID),
			termsafe.Line(store.LocalText(d.CategoryName, "retention.default_name.", e.lang)), who)
	default:
		what = e.Tf("cmd.deadlines.delete_the_dossier_of_s", who)
	}
	if d.State == store.RetentionHold {
		what += e.T("cmd.deadlines.on_hold") + termsafe.Line(d.HoldReason)
	}
	if d.Restricted {
		what += e.T("cmd.deadlines.processing_restricted")
	}
	return what
}
