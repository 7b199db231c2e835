package cmd

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/caseload/caseload/store"
)

// retentionClient is one client in `caseload retention --json`.
type retentionClient struct {
	ID            int64  `json:"id"`
	Name          string `json:"name"`
	Category      string `json:"category"`
	State         string `json:"state"`
	PurgeOn       string `json:"purge_on,omitempty"`
	DaysLeft      int    `json:"days_left"`
	HoldReason    string `json:"hold_reason,omitempty"`
	Restricted    bool   `json:"restricted,omitempty"`
	InvoicesUntil string `json:"invoices_until,omitempty"`
}

// retentionInvoice is one invoice due for deletion in `caseload retention --json`.
type retentionInvoice struct {
	ID       int64  `json:"id"`
	Number   string `json:"number"`
	ClientID int64  `json:"client_id,omitempty"`
	PurgeOn  string `json:"purge_on"`
	DaysLeft int    `json:"days_left"`
	State    string `json:"state"`
}

// retentionReport is `caseload retention --json`.
type retentionReport struct {
	Clients []retentionClient `json:"clients"`
	// Running counts the trajectories still running: no countdown yet.
	Running  int                `json:"running"`
	Invoices []retentionInvoice `json:"invoices"`
}

// newRetentionCmd is `caseload retention`.
func newRetentionCmd(e *env) *cobra.Command {
	var asJSON, purge, yes, drop bool
	c := &cobra.Command{
		Use:   "retention",
		Short: e.t("list retention countdowns; --purge shows what is due, --yes erases it", "toon de bewaartermijnen; --purge toont wat gewist moet worden, --yes wist het"),
		Args:  e.noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			switch {
			case drop && !(purge && yes):
				return usagef(c, "%s", e.t("--drop-backups goes with --purge --yes", "--drop-backups hoort bij --purge --yes"))
			case yes && !purge:
				u := usagef(c, "%s", e.t("--yes goes with --purge", "--yes hoort bij --purge")).(*usageError)
				u.fixed = append(replaceArg(e.args, "--yes", "--purge"), "--yes")
				return u
			case purge && asJSON:
				return usagef(c, "%s", e.t("--purge prints no JSON", "--purge drukt geen JSON af"))
			case purge:
				return e.purgeDue(yes, drop)
			}
			return runRetention(e, asJSON)
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, e.t("print JSON, for scripts", "druk JSON af, voor scripts"))
	c.Flags().BoolVar(&purge, "purge", false, e.t("show what is due for deletion", "toon wat gewist moet worden"))
	c.Flags().BoolVar(&yes, "yes", false, e.t("with --purge: erase it", "met --purge: wis het"))
	c.Flags().BoolVar(&drop, "drop-backups", false, e.t("with --purge --yes: also delete the older versions in backups/ that still hold what was erased",
		"met --purge --yes: verwijder ook de oudere versies in backups/ die het gewiste nog bevatten"))
	return c
}

func runRetention(e *env, asJSON bool) error {
	ctx := context.Background()
	s, err := e.look(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	rows, err := s.ListClients(ctx)
	if err != nil {
		return err
	}
	deadlines, err := s.Deadlines(ctx)
	if err != nil {
		return err
	}
	r := retentionReport{Clients: []retentionClient{}, Invoices: []retentionInvoice{}}
	for _, c := range rows {
		if c.Retention.State == store.RetentionRunning {
			r.Running++
			continue
		}
		r.Clients = append(r.Clients, retentionClient{ID: c.ID, Name: c.Name, Category: string(c.Retention.Category),
			State: string(c.Retention.State), PurgeOn: isoDate(c.Retention.PurgeOn), DaysLeft: c.Retention.DaysLeft,
			HoldReason: c.Retention.HoldReason, Restricted: c.Restricted, InvoicesUntil: isoDate(c.InvoicesUntil)})
	}
	sort.SliceStable(r.Clients, func(i, j int) bool { return r.Clients[i].PurgeOn < r.Clients[j].PurgeOn })
	for _, d := range deadlines {
		if d.Kind == store.DeadlineRetention && d.Category == store.CategoryInvoice {
			r.Invoices = append(r.Invoices, retentionInvoice{ID: d.ItemID, Number: d.Ref, ClientID: d.ClientID,
				PurgeOn: isoDate(d.Due), DaysLeft: d.DaysLeft, State: string(d.State)})
		}
	}
	if asJSON {
		return e.writeJSON(r)
	}
	e.printRetention(e.stdout, r)
	return nil
}

func (e *env) printRetention(w io.Writer, r retentionReport) {
	if len(r.Clients) == 0 {
		fmt.Fprintln(w, e.t("No dossier is counting down.", "Er telt geen dossier af."))
	} else {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, e.t("ID\tNAME\tDELETE ON\tCOUNTDOWN\tINVOICES UNTIL", "ID\tNAAM\tWISSEN OP\tAFTELLEN\tFACTUREN TOT"))
		for _, c := range r.Clients {
			left := e.daysLeft(c.DaysLeft)
			if c.State == string(store.RetentionHold) {
				left = e.t("hold: ", "niet wissen: ") + c.HoldReason
			}
			if c.Restricted {
				left += e.t(" (restricted)", " (beperkt)")
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", c.ID, c.Name, c.PurgeOn, left, c.InvoicesUntil)
		}
		tw.Flush()
	}
	switch {
	case r.Running == 1:
		fmt.Fprintln(w, e.t("1 running trajectory: its countdown starts when it closes.",
			"1 lopend traject: het aftellen begint bij het afsluiten."))
	case r.Running > 1:
		fmt.Fprintf(w, e.t("%d running trajectories: their countdown starts when they close.\n",
			"%d lopende trajecten: hun aftellen begint bij het afsluiten.\n"), r.Running)
	}
	if len(r.Invoices) > 0 {
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, e.t("INVOICE\tCLIENT\tDELETE ON\tCOUNTDOWN", "FACTUUR\tCLIËNT\tWISSEN OP\tAFTELLEN"))
		for _, inv := range r.Invoices {
			client := e.t("(purged)", "(gewist)")
			if inv.ClientID != 0 {
				client = fmt.Sprintf("#%d", inv.ClientID)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", inv.Number, client, inv.PurgeOn, e.daysLeft(inv.DaysLeft))
		}
		tw.Flush()
	}
}

// daysLeft says how far off a date is.
func (e *env) daysLeft(n int) string {
	switch {
	case n == 0:
		return e.t("today", "vandaag")
	case n == 1:
		return e.t("1 day", "1 dag")
	case n == -1:
		return e.t("1 day overdue", "1 dag te laat")
	case n < 0:
		return fmt.Sprintf(e.t("%d days overdue", "%d dagen te laat"), -n)
	}
	return fmt.Sprintf(e.t("%d days", "%d dagen"), n)
}

// purgeDue shows every purge due today and, with yes, carries them out.
// Without yes it only looks: the vault file is left exactly as it was.
func (e *env) purgeDue(yes, drop bool) error {
	ctx := context.Background()
	open := e.look
	if yes {
		open = e.unlock
	}
	s, err := open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	plans, err := s.DuePurges(ctx)
	if err != nil {
		return err
	}
	if len(plans) == 0 {
		fmt.Fprintln(e.stdout, e.t("Nothing is due for deletion.", "Er hoeft niets gewist te worden."))
		return nil
	}
	for _, p := range plans {
		fmt.Fprintln(e.stdout, e.describePlan(p))
	}
	if !yes {
		fmt.Fprintf(e.stdout, "\n%s\n", e.t("Nothing was erased. Run 'caseload retention --purge --yes' to erase this.",
			"Er is niets gewist. Voer 'caseload retention --purge --yes' uit om dit te wissen."))
		return nil
	}
	for _, p := range plans {
		ts, err := s.Purge(ctx, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, e.t("erased: %s (proof of deletion #%d)\n", "gewist: %s (bewijs van verwijdering #%d)\n"),
			e.planSubject(p), ts.ID)
	}
	return e.afterPurge(s, drop)
}

// afterPurge says until when backups/ still holds what a purge erased, or
// with drop deletes those older versions at once. The purge is durable
// before this runs, so a failure here loses nothing of it.
func (e *env) afterPurge(s *session, drop bool) error {
	info, err := s.Backups()
	if err != nil {
		return err
	}
	switch {
	case info.Count == 0:
		return nil
	case drop:
		n, err := s.DropBackups()
		if err != nil {
			return fmt.Errorf("deleting older versions in backups/: %w", err)
		}
		fmt.Fprintf(e.stdout, e.t("Deleted %d older versions from backups/: nothing erased survives there.\n",
			"%d oudere versies uit backups/ verwijderd: daar bestaat niets van het gewiste meer.\n"), n)
		return nil
	}
	fmt.Fprintf(e.stdout, e.t("backups/ still holds what was erased in %d older versions, until %s at the latest. "+
		"To delete them now: caseload retention --purge --yes --drop-backups\n",
		"backups/ bevat het gewiste nog in %d oudere versies, uiterlijk tot %s. "+
			"Nu verwijderen: caseload retention --purge --yes --drop-backups\n"), info.Count, isoDate(info.KeptUntil))
	return nil
}

// planSubject names what a plan erases, by client number only: the line
// may end up in a log.
func (e *env) planSubject(p store.PurgePlan) string {
	switch {
	case p.Category == store.CategoryInvoice && p.ClientID == 0:
		return e.t("invoices of purged clients", "facturen van gewiste cliënten")
	case p.Category == store.CategoryInvoice:
		return fmt.Sprintf(e.t("invoices of client #%d", "facturen van cliënt #%d"), p.ClientID)
	case p.Category == store.CategoryRejectedIntake:
		return fmt.Sprintf(e.t("intake of client #%d", "intake van cliënt #%d"), p.ClientID)
	}
	return fmt.Sprintf(e.t("dossier of client #%d", "dossier van cliënt #%d"), p.ClientID)
}

// describePlan is one line of a purge, for example "dossier of client
// #41: 14 records, 3 documents, 22 appointments; invoices stay until
// 2031-03-01".
func (e *env) describePlan(p store.PurgePlan) string {
	var parts []string
	count := func(n int, en1, enN, nl1, nlN string) {
		if n == 1 {
			parts = append(parts, "1 "+e.t(en1, nl1))
		} else {
			parts = append(parts, fmt.Sprintf("%d %s", n, e.t(enN, nlN)))
		}
	}
	if p.Category != store.CategoryInvoice {
		count(p.Records, "record", "records", "verslag", "verslagen")
		count(p.Documents, "document", "documents", "document", "documenten")
		count(p.Appointments, "appointment", "appointments", "afspraak", "afspraken")
		for _, c := range []struct {
			n                  int
			en1, enN, nl1, nlN string
		}{
			{p.Consents, "consent", "consents", "toestemming", "toestemmingen"},
			{p.Disclosures, "disclosure", "disclosures", "verstrekking", "verstrekkingen"},
			{p.Requests, "request", "requests", "verzoek", "verzoeken"},
			{p.Drafts, "draft", "drafts", "concept", "concepten"},
		} {
			if c.n > 0 {
				count(c.n, c.en1, c.enN, c.nl1, c.nlN)
			}
		}
	}
	if p.InvoicesErased > 0 {
		count(p.InvoicesErased, "invoice", "invoices", "factuur", "facturen")
	}
	line := e.planSubject(p) + ": " + strings.Join(parts, ", ")
	if p.InvoicesKept > 0 {
		line += fmt.Sprintf(e.t("; invoices stay until %s", "; facturen blijven tot %s"), isoDate(p.InvoicesKeptUntil))
	}
	return line
}
