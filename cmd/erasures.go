package cmd

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/caseload/caseload/store"
)

// listedErasure is one erasure in `caseload erasures --json`: a stable
// shape for scripts and for the Autoriteit Persoonsgegevens.
type listedErasure struct {
	Tombstone      int64  `json:"tombstone"`
	ClientID       int64  `json:"client_id"`
	Received       string `json:"received"`
	Due            string `json:"due"`
	ExtendedMonths int    `json:"extended_months,omitempty"`
	Done           string `json:"done"`
	DaysTaken      int    `json:"days_taken"`
	OnTime         bool   `json:"on_time"`
}

// newErasuresCmd is `caseload erasures`.
func newErasuresCmd(e *env) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "erasures",
		Short: e.T("help.erasures.list_the_erasure_requests_carried"),
		Args:  e.noArgs,
		RunE:  func(*cobra.Command, []string) error { return runErasures(e, asJSON) },
	}
	c.Flags().BoolVar(&asJSON, "json", false, e.T("help.deadlines.print_json_for_scripts"))
	return c
}

// runErasures prints the register of erasure requests carried out (AVG
// art. 17): per request the client's number, when it came in, when it
// was due and when the dossier was erased. It names no one and holds no
// free text, so the coach can show it to a client or to the Autoriteit
// Persoonsgegevens. It only looks at the vault (see look).
func runErasures(e *env, asJSON bool) error {
	ctx := context.Background()
	s, err := e.look(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	erasures, err := s.Erasures(ctx)
	if err != nil {
		return err
	}
	return e.printErasures(erasures, asJSON)
}

func (e *env) printErasures(erasures []store.Erasure, asJSON bool) error {
	if asJSON {
		out := make([]listedErasure, 0, len(erasures))
		for _, x := range erasures {
			out = append(out, listedErasure{Tombstone: x.TombstoneID, ClientID: x.ClientID,
				Received: isoDate(x.Received), Due: isoDate(x.Due), ExtendedMonths: x.ExtendedMonths,
				Done: isoDate(x.Done), DaysTaken: x.DaysTaken(), OnTime: x.OnTime()})
		}
		return e.writeJSON(out)
	}
	if len(erasures) == 0 {
		fmt.Fprintln(e.stdout, e.T("cmd.erasures.no_erasure_request_has_been"))
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, e.T("cmd.erasures.client_received_due_erased_days"))
	for _, x := range erasures {
		due := isoDate(x.Due)
		if x.ExtendedMonths > 0 {
			due += e.Tf("cmd.erasures.d_mo", x.ExtendedMonths)
		}
		fmt.Fprintf(tw, "#%d\t%s\t%s\t%s\t%d\t%s\n", x.ClientID, isoDate(x.Received), due,
			isoDate(x.Done), x.DaysTaken(), e.yesNo(x.OnTime()))
	}
	return tw.Flush()
}

func (e *env) yesNo(b bool) string {
	if b {
		return e.T("cmd.erasures.yes")
	}
	return e.T("cmd.erasures.no")
}
