package cmd

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/caseload/caseload/store"
)

// newDeadlinesCmd is `caseload deadlines`.
func newDeadlinesCmd(e *env) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "deadlines",
		Short: e.t("print everything due, soonest first: retention, requests, breaches", "toon alles wat verloopt, het eerste eerst: bewaartermijnen, verzoeken, datalekken"),
		Long: e.t("Print everything due, soonest first: retention, rights requests, breaches.\n"+
			"It only reads the vault and exits 0 whatever is due, for a daily reminder from a login script.",
			"Toon alles wat verloopt, het eerste eerst: bewaartermijnen, verzoeken van cliënten, datalekken.\n"+
				"Het leest de kluis alleen en eindigt met 0 wat er ook verloopt, voor een dagelijkse herinnering bij het inloggen."),
		Args: e.noArgs,
		RunE: func(*cobra.Command, []string) error { return runDeadlines(e, asJSON) },
	}
	c.Flags().BoolVar(&asJSON, "json", false, e.t("print JSON, for scripts", "druk JSON af, voor scripts"))
	return c
}

// listedDeadline is one deadline in `caseload deadlines --json`: a stable
// shape for scripts.
type listedDeadline struct {
	Kind        string `json:"kind"`
	Category    string `json:"category,omitempty"`
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
			l := listedDeadline{Kind: string(d.Kind), Category: string(d.Category), RequestKind: string(d.RequestKind),
				ClientID: d.ClientID, Name: d.Name, ItemID: d.ItemID, Ref: d.Ref, Due: isoDate(d.Due),
				DaysLeft: d.DaysLeft, State: string(d.State), Extended: d.Extended, HoldReason: d.HoldReason,
				Restricted: d.Restricted}
			if !d.Target.IsZero() {
				l.Target = isoDate(d.Target)
			}
			if d.Kind == store.DeadlineBreach || d.Kind == store.DeadlineProcessors {
				l.Due, l.HoursLeft = d.Due.Format("2006-01-02T15:04"), &d.HoursLeft
			}
			out = append(out, l)
		}
		return e.writeJSON(out)
	}
	if len(deadlines) == 0 {
		fmt.Fprintln(e.stdout, e.t("Nothing is due.", "Er verloopt niets."))
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, e.t("DUE\tLEFT\tWHAT", "UITERLIJK\tRESTEREND\tWAT"))
	for _, d := range deadlines {
		due, left := isoDate(d.Due), e.daysLeft(d.DaysLeft)
		switch {
		case d.Kind == store.DeadlineBreach || d.Kind == store.DeadlineProcessors:
			due, left = d.Due.Format("2006-01-02 15:04"), e.hoursLeft(d.HoursLeft)
		case d.State == store.RetentionHold:
			left = e.t("hold", "niet wissen")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", due, left, e.deadlineWhat(d))
	}
	return tw.Flush()
}

// hoursLeft says how many hours are left, or how late it is.
func (e *env) hoursLeft(n int) string {
	if n < 0 {
		return fmt.Sprintf(e.t("%d h overdue", "%d u te laat"), -n)
	}
	return fmt.Sprintf(e.t("%d h", "%d u"), n)
}

// requestKinds names the rights, in English and Dutch.
var requestKinds = map[store.RequestKind][2]string{
	store.RequestAccess:            {"access", "inzage"},
	store.RequestRectification:     {"rectification", "correctie"},
	store.RequestErasure:           {"erasure", "verwijdering"},
	store.RequestRestriction:       {"restriction", "beperking"},
	store.RequestObjection:         {"objection", "bezwaar"},
	store.RequestPortability:       {"portability", "overdracht"},
	store.RequestConsentWithdrawal: {"consent withdrawal", "intrekking toestemming"},
}

// deadlineWhat says what must happen by a deadline.
func (e *env) deadlineWhat(d store.Deadline) string {
	who := fmt.Sprintf("#%d %s", d.ClientID, d.Name)
	var what string
	switch {
	case d.Kind == store.DeadlineBreach:
		what = fmt.Sprintf(e.t("report breach #%d to the Autoriteit Persoonsgegevens: %s",
			"meld datalek #%d bij de Autoriteit Persoonsgegevens: %s"), d.ItemID, d.Ref)
	case d.Kind == store.DeadlineProcessors:
		what = fmt.Sprintf(e.t("tell the processors of breach #%d: %s", "informeer de verwerkers over datalek #%d: %s"),
			d.ItemID, d.Ref)
	case d.Kind == store.DeadlineRequest:
		k := requestKinds[d.RequestKind]
		what = fmt.Sprintf(e.t("answer the %s request of %s", "beantwoord het verzoek om %[1]s van %[2]s"),
			e.t(k[0], k[1]), who)
		if d.Extended {
			what += e.t(" (extended)", " (verlengd)")
		}
		if !d.Target.IsZero() {
			what += fmt.Sprintf(e.t(" (the practice's target: %s)", " (streefdatum van de praktijk: %s)"), isoDate(d.Target))
		}
	case d.Kind == store.DeadlineNotice:
		k := requestKinds[d.RequestKind]
		what = fmt.Sprintf(e.t("tell %s of the %s of %s (art. 19)", "laat %s weten van de %s van %s (art. 19)"),
			d.Ref, e.t(k[0], k[1]), who)
	case d.Category == store.CategoryInvoice && d.ClientID == 0:
		what = fmt.Sprintf(e.t("delete invoice %s (client purged)", "wis factuur %s (cliënt gewist)"), d.Ref)
	case d.Category == store.CategoryInvoice:
		what = fmt.Sprintf(e.t("delete invoice %s of %s", "wis factuur %s van %s"), d.Ref, who)
	case d.Category == store.CategoryRejectedIntake:
		what = fmt.Sprintf(e.t("delete the intake of %s", "wis de intake van %s"), who)
	default:
		what = fmt.Sprintf(e.t("delete the dossier of %s", "wis het dossier van %s"), who)
	}
	if d.State == store.RetentionHold {
		what += e.t(" — on hold: ", " — niet wissen: ") + d.HoldReason
	}
	if d.Restricted {
		what += e.t(" (processing restricted)", " (verwerking beperkt)")
	}
	return what
}
