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
	"github.com/caseload/caseload/termsafe"
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

// retentionItem is one record, document or complaint kept under an item
// category in `caseload retention --json`: it counts down on its own.
type retentionItem struct {
	Kind     string `json:"kind"`
	ID       int64  `json:"id"`
	ClientID int64  `json:"client_id"`
	Category string `json:"category"`
	// PurgeOn is left out while the event the category counts from has
	// not happened.
	PurgeOn  string `json:"purge_on,omitempty"`
	DaysLeft int    `json:"days_left"`
	State    string `json:"state"`
}

// retentionReport is `caseload retention --json`.
type retentionReport struct {
	Clients []retentionClient `json:"clients"`
	// Running counts the trajectories still running: no countdown yet.
	Running  int                `json:"running"`
	Invoices []retentionInvoice `json:"invoices"`
	Items    []retentionItem    `json:"items"`
}

// newRetentionCmd is `caseload retention`.
func newRetentionCmd(e *env) *cobra.Command {
	var asJSON, purge, yes, drop bool
	c := &cobra.Command{
		Use:   "retention",
		Short: e.T("help.retention.list_retention_countdowns_purge_shows"),
		Args:  e.noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			switch {
			case drop && !(purge && yes):
				return usagef(c, "%s", e.T("help.retention.drop_backups_goes_with_purge"))
			case yes && !purge:
				u := usagef(c, "%s", e.T("help.retention.yes_goes_with_purge")).(*usageError)
				u.fixed = append(replaceArg(e.args, "--yes", "--purge"), "--yes")
				return u
			case purge && asJSON:
				return usagef(c, "%s", e.T("help.retention.purge_prints_no_json"))
			case purge:
				return e.purgeDue(yes, drop)
			}
			return runRetention(e, asJSON)
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, e.T("help.deadlines.print_json_for_scripts"))
	c.Flags().BoolVar(&purge, "purge", false, e.T("help.retention.show_what_is_due_for"))
	c.Flags().BoolVar(&yes, "yes", false, e.T("help.retention.with_purge_erase_it"))
	c.Flags().BoolVar(&drop, "drop-backups", false, e.T("help.retention.with_purge_yes_also_delete"))
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
	items, err := s.ItemCountdowns(ctx, 0)
	if err != nil {
		return err
	}
	r := retentionReport{Clients: []retentionClient{}, Invoices: []retentionInvoice{}, Items: []retentionItem{}}
	for _, it := range items {
		r.Items = append(r.Items, retentionItem{Kind: string(it.Kind), ID: it.ID, ClientID: it.ClientID,
			Category: string(it.Category), PurgeOn: isoDate(it.PurgeOn), DaysLeft: it.DaysLeft, State: string(it.State)})
	}
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
		fmt.Fprintln(w, e.T("cmd.retention.no_dossier_is_counting_down"))
	} else {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, e.T("cmd.retention.id_name_delete_on_countdown"))
		for _, c := range r.Clients {
			left := e.daysLeft(c.DaysLeft)
			if c.State == string(store.RetentionHold) {
				left = e.T("cmd.retention.hold") + termsafe.Line(c.HoldReason)
			}
			if c.Restricted {
				left += e.T("cmd.retention.restricted")
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", c.ID, termsafe.Line(c.Name), c.PurgeOn, left, c.InvoicesUntil)
		}
		tw.Flush()
	}
	if r.Running > 0 {
		fmt.Fprintln(w, e.N("count.running", r.Running))
	}
	if len(r.Invoices) > 0 {
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, e.T("cmd.retention.invoice_client_delete_on_countdown"))
		for _, inv := range r.Invoices {
			client := e.T("cmd.retention.purged")
			if inv.ClientID != 0 {
				client = fmt.Sprintf("#%d", inv.ClientID)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", termsafe.Line(inv.Number), client, inv.PurgeOn, e.daysLeft(inv.DaysLeft))
		}
		tw.Flush()
	}
	if len(r.Items) > 0 {
		// Items by number only, like the clients' lines: a title can say
		// more than the coach means to show.
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, e.T("cmd.retention.item_client_category_delete_on"))
		for _, it := range r.Items {
			left := e.T("cmd.retention.waiting")
			switch {
			case it.State == string(store.RetentionHold):
				left = e.T("cmd.retention.on_hold")
			case it.PurgeOn != "":
				left = e.daysLeft(it.DaysLeft)
			}
			fmt.Fprintf(tw, "%s\t#%d\t%s\t%s\t%s\n", e.itemName(it.Kind, it.ID), it.ClientID, it.Category, it.PurgeOn, left)
		}
		tw.Flush()
	}
}

// itemName names an item kept under an item category by kind and number.
func (e *env) itemName(kind string, id int64) string {
	switch store.KeptKind(kind) {
	case store.KeptRecord:
		return e.Tf("cmd.retention.record_d", id)
	case store.KeptDocument:
		return e.Tf("cmd.retention.document_d", id)
	}
	return e.Tf("cmd.retention.complaint_d", id)
}

// daysLeft says how far off a date is.
func (e *env) daysLeft(n int) string {
	switch {
	case n == 0:
		return e.T("cmd.retention.today")
	case n < 0:
		return e.N("count.days_overdue", -n)
	}
	return e.N("count.days", n)
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
		fmt.Fprintln(e.stdout, e.T("cmd.retention.nothing_is_due_for_deletion"))
		if yes && drop {
			// A purge cut off (killed, a full disk) after erasing and
			// before dropping backups/ left the erased data there; run
			// again, it finds nothing due, and must still drop them.
			return e.afterPurge(s, drop)
		}
		return nil
	}
	for _, p := range plans {
		fmt.Fprintln(e.stdout, e.describePlan(p))
	}
	if !yes {
		fmt.Fprintf(e.stdout, "\n%s\n", e.T("cmd.retention.nothing_was_erased_run_caseload"))
		return nil
	}
	for _, p := range plans {
		ts, err := s.Purge(ctx, p)
		if err != nil {
			return err
		}
		fmt.Fprint(e.stdout, e.Tf("cmd.retention.erased_s_proof_of_deletion",
			e.planSubject(p), ts.ID))
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
	case drop:
		// Even with no generation left: a drop cut off after deleting
		// them leaves their journals and lists of documents, which
		// DropBackups deletes too.
		n, err := s.DropBackups()
		if err != nil {
			return fmt.Errorf("deleting older versions in backups/: %w", err)
		}
		fmt.Fprintln(e.stdout, e.N("count.backups_deleted", n))
		return nil
	case info.Count == 0:
		return nil
	}
	fmt.Fprintln(e.stdout, e.N("count.backups_hold_erased", info.Count, isoDate(info.KeptUntil)))
	return nil
}

// planSubject names what a plan erases, by client number only: the line
// may end up in a log.
func (e *env) planSubject(p store.PurgePlan) string {
	switch {
	case p.Category == store.CategoryInvoice && p.ClientID == 0:
		return e.T("cmd.retention.invoices_of_purged_clients")
	case p.Category == store.CategoryInvoice:
		return e.Tf("cmd.retention.invoices_of_client_d", p.ClientID)
	case p.Category == store.CategoryRejectedIntake:
		return e.Tf("cmd.retention.intake_of_client_d", p.ClientID)
	case p.Category.Item():
		return e.Tf("cmd.retention.category_of_client_d", termsafe.Line(store.LocalText(p.CategoryName,
			"retention.default_name.", e.lang)), p.ClientID)
	}
	return e.Tf("cmd.retention.dossier_of_client_d", p.ClientID)
}

// describePlan is one line of a purge, for example "dossier of client
// #41: 14 records, 3 documents, 22 appointments; invoices stay until
// 2031-03-01".
func (e *env) describePlan(p store.PurgePlan) string {
	var parts []string
	if p.Category.Item() {
		for _, c := range []struct {
			n   int
			key string
		}{
			{p.Records, "count.records"},
			{p.Documents, "count.documents"},
			{p.Complaints, "count.complaints"},
		} {
			if c.n > 0 {
				parts = append(parts, e.N(c.key, c.n))
			}
		}
		return e.planSubject(p) + ": " + strings.Join(parts, ", ")
	}
	if p.Category != store.CategoryInvoice {
		parts = append(parts, e.N("count.records", p.Records), e.N("count.documents", p.Documents),
			e.N("count.appointments", p.Appointments))
		for _, c := range []struct {
			n   int
			key string
		}{
			{p.Consents, "count.consents"},
			{p.Disclosures, "count.disclosures"},
			{p.Requests, "count.requests"},
			{p.Drafts, "count.drafts"},
		} {
			if c.n > 0 {
				parts = append(parts, e.N(c.key, c.n))
			}
		}
	}
	if p.InvoicesErased > 0 {
		parts = append(parts, e.N("count.invoices", p.InvoicesErased))
	}
	line := e.planSubject(p) + ": " + strings.Join(parts, ", ")
	if p.InvoicesKept > 0 {
		line += e.Tf("cmd.retention.invoices_stay_until_s", isoDate(p.InvoicesKeptUntil))
	}
	return line
}
