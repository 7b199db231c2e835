package cmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/caseload/caseload/invoice"
	"github.com/caseload/caseload/paper/fill"
	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/store/dossier"
	"github.com/caseload/caseload/termsafe"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// `caseload invoice …`: the money side of the command line. The store
// makes, numbers and keeps invoices; package invoice words and writes
// them; this file parses the options and joins the two. Every file it
// writes is sealed with a fresh passphrase unless the coach says --plain
// and confirms, like an export.

// newInvoiceCmd is `caseload invoice`, the money side: its subcommands
// set up invoicing, make and correct invoices, and write them out.
func newInvoiceCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   e.T("help.invoice.invoice_command"),
		Short: e.T("help.invoice.hours_budgets_invoices_e_invoices"),
		Args:  e.noArgs,
		RunE:  func(c *cobra.Command, _ []string) error { e.printHelp(c); return nil },
	}
	sub := func(use, key string, args cobra.PositionalArgs, setup func(*env, *pflag.FlagSet) func(*cobra.Command, []string) error) {
		s := &cobra.Command{Use: use, Short: e.T(key), Args: args}
		s.RunE = setup(e, s.Flags())
		c.AddCommand(s)
	}
	one := cobra.ExactArgs(1)
	sub("settings", "help.invoice.sub_settings", e.noArgs, invoiceSettings)
	sub("funders", "help.invoice.sub_funders", e.noArgs, invoiceFunders)
	sub("funder", "help.invoice.sub_funder", e.noArgs, invoiceFunder)
	sub(e.T("help.invoice.terms_client"), "help.invoice.sub_terms_client", one, invoiceTerms)
	sub(e.T("help.invoice.time_client"), "help.invoice.sub_time_client", one, invoiceTime)
	sub(e.T("help.invoice.make_client"), "help.invoice.sub_make_client", one, invoiceMake)
	sub(e.T("help.invoice.list_client"), "help.invoice.sub_list_client", cobra.MaximumNArgs(1), invoiceList)
	sub(e.T("help.invoice.show_number"), "help.invoice.sub_show_number", one, invoiceShow)
	sub(e.T("help.invoice.pay_number"), "help.invoice.sub_pay_number", one, invoicePay)
	sub(e.T("help.invoice.credit_number"), "help.invoice.sub_credit_number", one, invoiceCredit)
	sub("books", "help.invoice.sub_books", e.noArgs, invoiceBooks)
	sub(e.T("help.invoice.report_funder"), "help.invoice.sub_report_funder", one, invoiceReport)
	return c
}

// money reads an amount in euros as cents: 95, 95.5, 95,50, €95.00. Never
// through a float.
func money(s string) (int64, error) {
	c, ok := invoice.ParseCents(s)
	if !ok {
		return 0, fmt.Errorf("%w: %q is not an amount in euros (like 95.00)", errUsage, s)
	}
	return c, nil
}

// vatRate reads a VAT percentage as basis points: 21, 9, 0, 6.5.
func vatRate(s string) (int, error) {
	bp, ok := invoice.ParseVAT(s)
	if !ok {
		return 0, fmt.Errorf("%w: %q is not a VAT rate (like 21)", errUsage, s)
	}
	return bp, nil
}

// hoursMinutes reads hours as minutes: 10, 10:30, 7.5.
func hoursMinutes(s string) (int64, error) {
	m, ok := invoice.ParseMinutes(s)
	if !ok {
		return 0, fmt.Errorf("%w: %q is not a number of hours (like 10 or 10:30)", errUsage, s)
	}
	return m, nil
}

// civilDate reads a date as 2026-03-31 or 31-03-2026.
func civilDate(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02", "2-1-2006"} {
		if d, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return d, nil
		}
	}
	return time.Time{}, fmt.Errorf("%w: %q is not a date (like 2026-03-31)", errUsage, s)
}

// optDate is civilDate for an option that may be left off.
func optDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return civilDate(s)
}

func (e *env) lng() invoice.Lang {
	if e.lang == "nl" {
		return invoice.Dutch
	}
	return invoice.English
}

func invoiceSettings(e *env, fs *pflag.FlagSet) func(*cobra.Command, []string) error {
	name := fs.String("name", "\x00", "")
	address := fs.String("address", "\x00", "")
	kvk := fs.String("kvk", "\x00", "")
	vatNumber := fs.String("vat-number", "\x00", "")
	iban := fs.String("iban", "\x00", "")
	vat := fs.String("vat", "", "")
	exempt := fs.String("exempt", "\x00", "")
	noShow := fs.String("no-show-billable", "", "")
	days := fs.Int("payment-days", 0, "")
	return func(c *cobra.Command, args []string) error {
		var err error
		ctx := context.Background()
		set := func(s string) bool { return s != "\x00" }
		practiceChanges := set(*name) || set(*address) || set(*kvk)
		changing := practiceChanges || set(*vatNumber) || set(*iban) || *vat != "" || set(*exempt) || *noShow != "" || *days != 0
		s, err := e.openVault(ctx, changing)
		if err != nil {
			return err
		}
		defer s.Close()
		p, err := s.Practice(ctx)
		if err != nil {
			return err
		}
		if practiceChanges {
			// The seller on every invoice: the practice's own details.
			if set(*name) {
				p.Name = *name
			}
			if set(*address) {
				p.Address = strings.ReplaceAll(*address, `\n`, "\n")
			}
			if set(*kvk) {
				p.KvK = *kvk
			}
			if err := s.SavePractice(ctx, p); err != nil {
				return err
			}
		}
		m, err := s.MoneySettings(ctx)
		if err != nil {
			return err
		}
		if changing {
			if set(*vatNumber) {
				m.VATNumber = *vatNumber
			}
			if set(*iban) {
				m.IBAN = *iban
			}
			if *vat != "" {
				if m.DefaultVATBP, err = vatRate(*vat); err != nil {
					return err
				}
				m.VATExempt, m.ExemptionText = false, ""
			}
			if set(*exempt) {
				m.VATExempt, m.ExemptionText, m.DefaultVATBP = strings.TrimSpace(*exempt) != "", *exempt, 0
			}
			switch strings.ToLower(*noShow) {
			case "":
			case "yes", "ja", "true":
				m.NoShowBillable = true
			case "no", "nee", "false":
				m.NoShowBillable = false
			default:
				return fmt.Errorf("%w: --no-show-billable takes yes or no", errUsage)
			}
			if *days != 0 {
				m.PaymentDays = *days
			}
			if set(*vatNumber) || set(*iban) || *vat != "" || set(*exempt) || *noShow != "" || *days != 0 {
				if err := s.SaveMoneySettings(ctx, m); err != nil {
					return err
				}
			}
		}
		l := e.lng()
		tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "%s\t%s\n", e.T("cmd.invoice.practice"), termsafe.Line(p.Name))
		fmt.Fprintf(tw, "%s\t%s\n", e.T("cmd.invoice.address"), termsafe.Line(strings.ReplaceAll(p.Address, "\n", ", ")))
		fmt.Fprintf(tw, "KvK\t%s\n", termsafe.Line(p.KvK))
		fmt.Fprintf(tw, "%s\t%s\n", e.T("cmd.invoice.vat_number"), termsafe.Line(m.VATNumber))
		fmt.Fprintf(tw, "IBAN\t%s\n", termsafe.Line(m.IBAN))
		if m.VATExempt {
			fmt.Fprintf(tw, "%s\t%s\n", e.T("cmd.invoice.vat"), e.T("cmd.invoice.exempt")+termsafe.Line(m.ExemptionText))
		} else {
			fmt.Fprintf(tw, "%s\t%s\n", e.T("cmd.invoice.vat"), invoice.Percent(l, m.DefaultVATBP))
		}
		fmt.Fprintf(tw, "%s\t%s\n", e.T("cmd.invoice.no_show_billable"), yesNo(e, m.NoShowBillable))
		fmt.Fprintf(tw, "%s\t%d %s\n", e.T("cmd.invoice.payment_term"), m.PaymentDays, e.T("cmd.invoice.days"))
		return tw.Flush()
	}
}

func yesNo(e *env, b bool) string {
	if b {
		return e.T("cmd.erasures.yes")
	}
	return e.T("cmd.erasures.no")
}

func invoiceFunders(e *env, fs *pflag.FlagSet) func(*cobra.Command, []string) error {
	return func(c *cobra.Command, args []string) error {
		ctx := context.Background()
		s, err := e.look(ctx)
		if err != nil {
			return err
		}
		defer s.Close()
		list, err := s.Funders(ctx)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			fmt.Fprintln(e.stderr, e.T("cmd.invoice.no_funders_yet_caseload_invoice"))
			return nil
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, e.T("cmd.invoice.id_name_kvk_contract_e"))
		for _, f := range list {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\n", f.ID, termsafe.Line(f.Name), termsafe.Line(f.KvK),
				termsafe.Line(f.Contract), termsafe.Line(f.EInvoice), f.PaymentDays)
		}
		return tw.Flush()
	}
}

func invoiceFunder(e *env, fs *pflag.FlagSet) func(*cobra.Command, []string) error {
	id := fs.Int64("id", 0, "")
	var f store.Funder
	fs.StringVar(&f.Name, "name", "", "")
	fs.StringVar(&f.Address, "address", "", "")
	fs.StringVar(&f.KvK, "kvk", "", "")
	fs.StringVar(&f.VATNumber, "vat-number", "", "")
	fs.StringVar(&f.Contract, "contract", "", "")
	fs.StringVar(&f.EInvoice, "einvoice", "", "")
	fs.IntVar(&f.PaymentDays, "payment-days", 0, "")
	return func(c *cobra.Command, args []string) error {
		f.ID = *id
		f.Address = strings.ReplaceAll(f.Address, `\n`, "\n")
		ctx := context.Background()
		s, err := e.unlock(ctx)
		if err != nil {
			return err
		}
		defer s.Close()
		f, err = s.SaveFunder(ctx, f)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s %d: %s\n", e.T("cmd.invoice.funder"), f.ID, termsafe.Line(f.Name))
		return nil
	}
}

// findFunder finds a funder by id or by (part of) its name.
func (e *env) findFunder(ctx context.Context, s *session, q string) (store.Funder, error) {
	list, err := s.Funders(ctx)
	if err != nil {
		return store.Funder{}, err
	}
	var hits []store.Funder
	for _, f := range list {
		if strconv.FormatInt(f.ID, 10) == q || strings.Contains(strings.ToLower(f.Name), strings.ToLower(q)) {
			hits = append(hits, f)
		}
	}
	switch len(hits) {
	case 1:
		return hits[0], nil
	case 0:
		return store.Funder{}, fmt.Errorf("%w: no funder matches %q (caseload invoice funders lists them)", errUsage, q)
	}
	return store.Funder{}, fmt.Errorf("%w: %d funders match %q: give the id (caseload invoice funders)", errUsage, len(hits), q)
}

func invoiceTerms(e *env, fs *pflag.FlagSet) func(*cobra.Command, []string) error {
	funder := fs.String("funder", "", "")
	rate := fs.String("rate", "", "")
	per := fs.String("per", "", "")
	bHours := fs.String("budget-hours", "", "")
	bSessions := fs.Int64("budget-sessions", 0, "")
	bAmount := fs.String("budget-amount", "", "")
	vat := fs.String("vat", "", "")
	vatReason := fs.String("vat-reason", "", "")
	reference := fs.String("reference", "", "")
	return func(c *cobra.Command, rest []string) error {
		var err error
		if len(rest) != 1 {
			return fmt.Errorf("%w: invoice terms needs one client (an id or a name)", errUsage)
		}
		ctx := context.Background()
		changing := *rate != "" || *per != ""
		s, id, err := e.clientSession(ctx, changing, rest[0])
		if err != nil {
			return err
		}
		defer s.Close()
		if changing {
			set, err := s.MoneySettings(ctx)
			if err != nil {
				return err
			}
			tm := store.Terms{ClientID: id, RateKind: store.RateKind(*per), BudgetKind: store.BudgetNone,
				VATBP: set.DefaultVATBP, VATReason: *vatReason, Reference: *reference}
			if tm.RateCents, err = money(*rate); *rate != "" && err != nil {
				return err
			}
			if *vat != "" {
				if tm.VATBP, err = vatRate(*vat); err != nil {
					return err
				}
			}
			switch {
			case *bHours != "":
				tm.BudgetKind = store.BudgetHours
				if tm.Budget, err = hoursMinutes(*bHours); err != nil {
					return err
				}
			case *bSessions != 0:
				tm.BudgetKind, tm.Budget = store.BudgetSessions, *bSessions
			case *bAmount != "":
				tm.BudgetKind = store.BudgetAmount
				if tm.Budget, err = money(*bAmount); err != nil {
					return err
				}
			}
			if *funder != "" {
				f, err := e.findFunder(ctx, s, *funder)
				if err != nil {
					return err
				}
				tm.FunderID = f.ID
			}
			if _, err := s.SaveTerms(ctx, tm); err != nil {
				return err
			}
		}
		return e.printTerms(ctx, s, id)
	}
}

// printTerms shows a client's terms with the budget as it stands.
func (e *env) printTerms(ctx context.Context, s *session, id int64) error {
	tm, err := s.Terms(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		fmt.Fprintln(e.stdout, e.T("cmd.invoice.no_terms_yet_set_them"))
		return nil
	}
	if err != nil {
		return err
	}
	l := e.lng()
	payer := e.T("cmd.invoice.the_client")
	if tm.FunderID != 0 {
		f, err := s.Funder(ctx, tm.FunderID)
		if err != nil {
			return err
		}
		payer = termsafe.Line(f.Name)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\t%s\n", e.T("cmd.invoice.paid_by"), payer)
	fmt.Fprintf(tw, "%s\t%s\n", e.T("cmd.invoice.reference"), termsafe.Line(tm.Reference))
	fmt.Fprintf(tw, "%s\t%s %s\n", e.T("cmd.invoice.rate"), invoice.Euro(l, tm.RateCents), invoice.RateUnit(l, tm.RateKind))
	fmt.Fprintf(tw, "%s\t%s\n", e.T("cmd.invoice.vat"), invoice.Percent(l, tm.VATBP))
	b, err := s.Budget(ctx, id)
	if err != nil {
		return err
	}
	if b.Kind != store.BudgetNone {
		fmt.Fprintf(tw, "%s\t%s %s, %s %s (%d%%), %s %s\n", e.T("cmd.invoice.budget"),
			invoice.BudgetValue(b.Kind, b.Total), invoice.BudgetUnit(l, b.Kind), e.T("cmd.invoice.used"),
			invoice.BudgetValue(b.Kind, b.Used), b.Percent, e.T("cmd.invoice.left"), invoice.BudgetValue(b.Kind, b.Remaining))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	switch b.Level {
	case store.BudgetWarning:
		fmt.Fprintln(e.stderr, e.T("cmd.invoice.caseload_warning_80_of_the"))
	case store.BudgetFull:
		fmt.Fprintln(e.stderr, e.T("cmd.invoice.caseload_warning_the_budget_is"))
	case store.BudgetOver:
		fmt.Fprintln(e.stderr, e.T("cmd.invoice.caseload_warning_the_budget_is_2"))
	}
	return nil
}

func invoiceTime(e *env, fs *pflag.FlagSet) func(*cobra.Command, []string) error {
	minutes := fs.Int("minutes", 0, "")
	date := fs.String("date", "", "")
	note := fs.String("note", "", "")
	return func(c *cobra.Command, rest []string) error {
		if len(rest) != 1 {
			return fmt.Errorf("%w: invoice time needs one client (an id or a name)", errUsage)
		}
		day, err := optDate(*date)
		if err != nil {
			return err
		}
		ctx := context.Background()
		s, id, err := e.clientSession(ctx, true, rest[0])
		if err != nil {
			return err
		}
		defer s.Close()
		if day.IsZero() {
			day = s.Today()
		}
		te, err := s.AddTimeEntry(ctx, store.TimeEntry{ClientID: id, Date: day, Minutes: *minutes, Description: *note})
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s %s %s\n", e.T("cmd.invoice.recorded"), invoice.Duration(int64(te.Minutes)), invoice.Date(e.lng(), te.Date))
		return nil
	}
}

func invoiceMake(e *env, fs *pflag.FlagSet) func(*cobra.Command, []string) error {
	from := fs.String("from", "", "")
	to := fs.String("to", "", "")
	date := fs.String("date", "", "")
	amount := fs.String("amount", "", "")
	desc := fs.String("description", "", "")
	vat := fs.String("vat", "", "")
	vatReason := fs.String("vat-reason", "", "")
	return func(c *cobra.Command, rest []string) error {
		var err error
		switch {
		case len(rest) != 1:
			return fmt.Errorf("%w: invoice make needs one client (an id or a name)", errUsage)
		case *amount == "" && (*from == "" || *to == ""):
			return fmt.Errorf("%w: invoice make needs a period (--from and --to) or a fixed --amount", errUsage)
		case *amount == "" && (*desc != "" || *vat != ""):
			return fmt.Errorf("%w: --description and --vat go with --amount", errUsage)
		}
		d := store.InvoiceDraft{}
		if d.Date, err = optDate(*date); err != nil {
			return err
		}
		if d.From, err = optDate(*from); err != nil {
			return err
		}
		if d.To, err = optDate(*to); err != nil {
			return err
		}
		ctx := context.Background()
		s, id, err := e.clientSession(ctx, true, rest[0])
		if err != nil {
			return err
		}
		defer s.Close()
		d.ClientID = id
		if *amount != "" {
			line := store.InvoiceLine{Description: *desc, VATReason: *vatReason}
			if line.UnitCents, err = money(*amount); err != nil {
				return err
			}
			set, err := s.MoneySettings(ctx)
			if err != nil {
				return err
			}
			line.VATBP = set.DefaultVATBP
			if tm, err := s.Terms(ctx, d.ClientID); err == nil {
				line.VATBP = tm.VATBP
			}
			if *vat != "" {
				if line.VATBP, err = vatRate(*vat); err != nil {
					return err
				}
			}
			d.Lines = []store.InvoiceLine{line}
		}
		inv, err := s.MakeInvoice(ctx, d)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s %s: %s\n", e.T("cmd.invoice.invoice"), inv.Number, invoice.Euro(e.lng(), inv.AmountCents))
		return nil
	}
}

func invoiceList(e *env, fs *pflag.FlagSet) func(*cobra.Command, []string) error {
	year := fs.Int("year", 0, "")
	return func(c *cobra.Command, rest []string) error {
		if len(rest) > 1 {
			return fmt.Errorf("%w: invoice list takes at most one client", errUsage)
		}
		ctx := context.Background()
		s, err := e.look(ctx)
		if err != nil {
			return err
		}
		defer s.Close()
		var list []store.Invoice
		switch {
		case len(rest) == 1:
			id, err := e.findClient(ctx, s, rest[0])
			if err != nil {
				return err
			}
			list, err = s.Invoices(ctx, id)
			if err != nil {
				return err
			}
		default:
			y := *year
			if y == 0 {
				y = s.Today().Year()
			}
			list, err = s.InvoicesBetween(ctx, time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC))
			if err != nil {
				return err
			}
		}
		return e.printInvoices(s, list)
	}
}

func (e *env) printInvoices(s *session, list []store.Invoice) error {
	l := e.lng()
	if len(list) == 0 {
		fmt.Fprintln(e.stderr, e.T("cmd.invoice.no_invoices"))
		return nil
	}
	today := s.Today()
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, e.T("cmd.invoice.number_date_debtor_total_status"))
	var net, vat, total int64
	for _, inv := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t\n", inv.Number, inv.Date.Format("2006-01-02"), termsafe.Line(inv.Debtor),
			invoice.Euro(l, inv.AmountCents), invoice.StatusText(l, inv.Status(today)))
		net, vat, total = net+inv.NetCents, vat+inv.VATCents, total+inv.AmountCents
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s %s, %s %s, %s %s\n", e.T("cmd.invoice.net"), invoice.Euro(l, net), e.T("cmd.invoice.vat_2"),
		invoice.Euro(l, vat), e.T("cmd.invoice.total"), invoice.Euro(l, total))
	return nil
}

// outFile is where and how a money file goes: sealed with a fresh
// passphrase unless plain was asked and confirmed.
type outFile struct {
	path  string
	plain bool
}

// writeMoneyFile writes data to o.path, sealed (adding .age) unless plain,
// prints where it went and the passphrase, and logs it.
func (e *env) writeMoneyFile(ctx context.Context, s *session, o outFile, data []byte, clientID int64, detail string) error {
	res, err := sealMoneyFile(filepath.Dir(o.path), filepath.Base(o.path), "", false, e.lang, o.plain, e.workFactor, data,
		func() error { return s.LogMoneyExport(ctx, clientID, detail) })
	if err != nil && res.Path == "" {
		return err
	}
	e.reportPaper(res)
	return nil
}

// errPlainFileUnconfirmed is returned for --plain without a confirmation.
var errPlainFileUnconfirmed = errors.New("an unencrypted file needs confirmation")

// confirmOut asks the coach to type "yes" before a money file is written
// unencrypted, unless --yes said so already; without a terminal it takes
// --yes. It runs before anything is unlocked.
func (e *env) confirmOut(plain, yes bool) error {
	if !plain || yes {
		return nil
	}
	return e.confirmYes(e.T("cmd.invoice.the_file_will_be_written"), errPlainFileUnconfirmed)
}

func invoiceShow(e *env, fs *pflag.FlagSet) func(*cobra.Command, []string) error {
	pdf := fs.String("pdf", "", "")
	ubl := fs.String("ubl", "", "")
	plain := fs.Bool("plain", false, "")
	yes := fs.Bool("yes", false, "")
	return func(c *cobra.Command, rest []string) error {
		var err error
		if len(rest) != 1 {
			return fmt.Errorf("%w: invoice show needs an invoice number", errUsage)
		}
		if (*plain || *yes) && *pdf == "" && *ubl == "" {
			return fmt.Errorf("%w: --plain and --yes go with --pdf or --ubl", errUsage)
		}
		if err := e.confirmOut(*plain, *yes); err != nil {
			return err
		}
		ctx := context.Background()
		s, err := e.openVault(ctx, *pdf != "" || *ubl != "")
		if err != nil {
			return err
		}
		defer s.Close()
		inv, err := s.InvoiceByNumber(ctx, rest[0])
		if err != nil {
			return err
		}
		l := e.lng()
		if *pdf == "" && *ubl == "" {
			return e.printInvoice(s, inv)
		}
		for _, out := range []struct{ path, format string }{{*pdf, "pdf"}, {*ubl, "ubl"}} {
			if out.path == "" {
				continue
			}
			data, err := invoiceBytes(l, inv, out.format)
			if err != nil {
				return err
			}
			if err := e.writeMoneyFile(ctx, s, outFile{out.path, *plain}, data, inv.ClientID,
				"invoice "+inv.Number+" "+out.format); err != nil {
				return err
			}
		}
		return nil
	}
}

// printInvoice shows an invoice on the terminal as the PDF states it.
func (e *env) printInvoice(s *session, inv store.Invoice) error {
	l := e.lng()
	kind := e.T("cmd.invoice.invoice")
	if inv.Kind == store.InvoiceCredit {
		kind = e.T("cmd.invoice.credit_note")
	}
	w := e.stdout
	fmt.Fprintf(w, "%s %s — %s\n", kind, inv.Number, invoice.StatusText(l, inv.Status(s.Today())))
	fmt.Fprintf(w, "%s: %s\n", e.T("cmd.invoice.date"), invoice.Date(l, inv.Date))
	if inv.CreditsNumber != "" {
		fmt.Fprintf(w, "%s: %s\n", e.T("cmd.invoice.corrects"), inv.CreditsNumber)
	}
	if inv.CreditedBy != "" {
		fmt.Fprintf(w, "%s: %s\n", e.T("cmd.invoice.credited_by"), inv.CreditedBy)
	}
	fmt.Fprintf(w, "%s: %s\n", e.T("cmd.invoice.to"), termsafe.Line(inv.Buyer.Name))
	if inv.Reference != "" {
		fmt.Fprintf(w, "%s: %s\n", e.T("cmd.invoice.reference"), termsafe.Line(inv.Reference))
	}
	if !inv.PeriodFrom.IsZero() {
		fmt.Fprintf(w, "%s: %s – %s\n", e.T("cmd.invoice.period"), invoice.Date(l, inv.PeriodFrom), invoice.Date(l, inv.PeriodTo))
	}
	if !inv.Due.IsZero() && inv.Kind != store.InvoiceCredit {
		fmt.Fprintf(w, "%s: %s\n", e.T("cmd.invoice.due"), invoice.Date(l, inv.Due))
	}
	if !inv.PaidOn.IsZero() {
		fmt.Fprintf(w, "%s: %s\n", e.T("cmd.invoice.paid"), invoice.Date(l, inv.PaidOn))
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, line := range inv.Lines {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", termsafe.Line(invoice.LineText(l, line)), invoice.Quantity(l, line),
			invoice.Percent(l, line.VATBP), invoice.Euro(l, line.NetCents))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%s %s, %s %s, %s %s\n", e.T("cmd.invoice.net"), invoice.Euro(l, inv.NetCents), e.T("cmd.invoice.vat_2"),
		invoice.Euro(l, inv.VATCents), e.T("cmd.invoice.total"), invoice.Euro(l, inv.AmountCents))
	if inv.Exemption != "" {
		fmt.Fprintln(w, termsafe.Line(inv.Exemption))
	}
	return nil
}

func invoicePay(e *env, fs *pflag.FlagSet) func(*cobra.Command, []string) error {
	on := fs.String("on", "", "")
	return onInvoice(e, "pay", on, func(ctx context.Context, s *session, inv store.Invoice, day time.Time) error {
		inv, err := s.MarkInvoicePaid(ctx, inv.ID, day)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s %s %s %s\n", e.T("cmd.invoice.invoice"), inv.Number, e.T("cmd.invoice.paid_on"), invoice.Date(e.lng(), inv.PaidOn))
		return nil
	})
}

func invoiceCredit(e *env, fs *pflag.FlagSet) func(*cobra.Command, []string) error {
	date := fs.String("date", "", "")
	return onInvoice(e, "credit", date, func(ctx context.Context, s *session, inv store.Invoice, day time.Time) error {
		cn, err := s.CreditInvoice(ctx, inv.ID, day)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s %s %s %s: %s\n", e.T("cmd.invoice.credit_note"), cn.Number, e.T("cmd.invoice.corrects_2"),
			inv.Number, invoice.Euro(e.lng(), cn.AmountCents))
		return nil
	})
}

// onInvoice is an invoice subcommand that acts on one invoice, named by its
// number, on a date (today when the flag is empty): it unlocks the vault,
// finds the invoice and hands both to act.
func onInvoice(e *env, verb string, date *string, act func(context.Context, *session, store.Invoice, time.Time) error) func(*cobra.Command, []string) error {
	return func(c *cobra.Command, rest []string) error {
		if len(rest) != 1 {
			return fmt.Errorf("%w: invoice %s needs an invoice number", errUsage, verb)
		}
		day, err := optDate(*date)
		if err != nil {
			return err
		}
		ctx := context.Background()
		s, err := e.unlock(ctx)
		if err != nil {
			return err
		}
		defer s.Close()
		inv, err := s.InvoiceByNumber(ctx, rest[0])
		if err != nil {
			return err
		}
		return act(ctx, s, inv, day)
	}
}

func invoiceBooks(e *env, fs *pflag.FlagSet) func(*cobra.Command, []string) error {
	year := fs.Int("year", 0, "")
	quarter := fs.Int("quarter", 0, "")
	out := fs.String("out", "", "")
	plain := fs.Bool("plain", false, "")
	yes := fs.Bool("yes", false, "")
	return func(c *cobra.Command, args []string) error {
		if *year == 0 || *out == "" {
			return fmt.Errorf("%w: invoice books needs --year, --quarter and --out FILE", errUsage)
		}
		if _, _, err := invoice.Quarter(*year, *quarter); err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		if err := e.confirmOut(*plain, *yes); err != nil {
			return err
		}
		ctx := context.Background()
		s, err := e.unlock(ctx)
		if err != nil {
			return err
		}
		defer s.Close()
		data, err := booksBytes(ctx, s.Store, *year, *quarter, e.lng())
		if err != nil {
			return err
		}
		return e.writeMoneyFile(ctx, s, outFile{*out, *plain}, data, 0, fmt.Sprintf("invoices %d-Q%d", *year, *quarter))
	}
}

func invoiceReport(e *env, fs *pflag.FlagSet) func(*cobra.Command, []string) error {
	from := fs.String("from", "", "")
	to := fs.String("to", "", "")
	out := fs.String("out", "", "")
	plain := fs.Bool("plain", false, "")
	yes := fs.Bool("yes", false, "")
	return func(c *cobra.Command, rest []string) error {
		if len(rest) != 1 || *from == "" || *to == "" || *out == "" {
			return fmt.Errorf("%w: invoice report needs a funder, --from, --to and --out FILE.csv or FILE.pdf", errUsage)
		}
		pdf := strings.HasSuffix(strings.ToLower(strings.TrimSuffix(*out, ".age")), ".pdf")
		fromDay, err := civilDate(*from)
		if err != nil {
			return err
		}
		toDay, err := civilDate(*to)
		if err != nil {
			return err
		}
		if err := e.confirmOut(*plain, *yes); err != nil {
			return err
		}
		ctx := context.Background()
		s, err := e.unlock(ctx)
		if err != nil {
			return err
		}
		defer s.Close()
		f, err := e.findFunder(ctx, s, rest[0])
		if err != nil {
			return err
		}
		data, err := funderReportBytes(ctx, s.Store, f, fromDay, toDay, pdf, e.lng())
		if err != nil {
			return err
		}
		return e.writeMoneyFile(ctx, s, outFile{*out, *plain}, data, 0, fmt.Sprintf("funder report %d", f.ID))
	}
}

// explainMoney puts the store's money validation errors in the coach's
// language; ok is false for anything else.
func (e *env) explainMoney(err error) (msg, hint string, ok bool) {
	if errors.Is(err, errPlainFileUnconfirmed) {
		return e.T("cmd.invoice.an_unencrypted_file_needs_confirmation"),
			e.T("cmd.invoice.nothing_was_written_run_it"), true
	}
	var ve *store.ValidationError
	if !errors.As(err, &ve) {
		return "", "", false
	}
	msg, ok = invoice.Problem(e.lng(), ve)
	if !ok {
		return "", "", false
	}
	return msg, e.T("cmd.invoice.nothing_was_saved"), true
}

// WriteInvoiceFile writes invoice id as a PDF ("pdf") or an SI-UBL
// e-invoice ("ubl") in lang into the export folder, for the screens:
// sealed with a fresh passphrase unless plain (which the coach has
// confirmed), and logged like the command line's files.
func (s *session) WriteInvoiceFile(ctx context.Context, id int64, format, lang string, plain bool) (fill.Result, error) {
	return writeInvoiceFile(ctx, s.Store, id, format, lang, plain, dossier.DefaultDir(os.Getenv), 0)
}

func writeInvoiceFile(ctx context.Context, st *store.Store, id int64, format, lang string, plain bool, dir string,
	workFactor int) (fill.Result, error) {
	inv, err := st.Invoice(ctx, id)
	if err != nil {
		return fill.Result{}, err
	}
	l := invoice.Lang(lang)
	name, ext := map[invoice.Lang]string{invoice.Dutch: "factuur-"}[l], ".pdf"
	if name == "" {
		name = "invoice-"
	}
	if inv.Kind == store.InvoiceCredit {
		name = map[invoice.Lang]string{invoice.Dutch: "creditnota-", invoice.English: "credit-note-"}[l]
	}
	if format == "ubl" {
		ext = ".xml"
	}
	data, err := invoiceBytes(l, inv, format)
	if err != nil {
		return fill.Result{}, err
	}
	// The number only: a file name holds no client text.
	return sealMoneyFile(dir, name+safeFileName(inv.Number)+ext, invoice.Title(l, inv), true, lang, plain, workFactor, data,
		func() error { return st.LogMoneyExport(ctx, inv.ClientID, "invoice "+inv.Number+" "+format) })
}

// invoiceBytes is an invoice as a PDF ("pdf") or an SI-UBL e-invoice
// ("ubl").
func invoiceBytes(l invoice.Lang, inv store.Invoice, format string) ([]byte, error) {
	var b bytes.Buffer
	var err error
	if format == "ubl" {
		err = invoice.WriteUBL(&b, l, inv)
	} else {
		err = invoice.WritePDF(&b, l, inv)
	}
	return b.Bytes(), err
}

// safeFileName keeps letters, digits and dashes of an invoice number.
func safeFileName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return '_'
	}, s)
}

// WriteFunderReport writes a funder's report of from to to as a PDF
// ("pdf", with its charts) or CSV ("csv") in lang into the export folder,
// for the screens: sealed with a fresh passphrase unless plain, and
// logged like the command line's `invoice report`.
func (s *session) WriteFunderReport(ctx context.Context, funderID int64, from, to time.Time, format, lang string,
	plain bool) (fill.Result, error) {
	return writeFunderReport(ctx, s.Store, funderID, from, to, format, lang, plain, dossier.DefaultDir(os.Getenv), 0)
}

func writeFunderReport(ctx context.Context, st *store.Store, funderID int64, from, to time.Time, format, lang string,
	plain bool, dir string, workFactor int) (fill.Result, error) {
	f, err := st.Funder(ctx, funderID)
	if err != nil {
		return fill.Result{}, err
	}
	l := invoice.Lang(lang)
	data, err := funderReportBytes(ctx, st, f, from, to, format == "pdf", l)
	if err != nil {
		return fill.Result{}, err
	}
	// The funder by its number: a file name holds no names.
	prefix := "report"
	if l == invoice.Dutch {
		prefix = "rapportage"
	}
	ext := ".csv"
	if format == "pdf" {
		ext = ".pdf"
	}
	name := fmt.Sprintf("%s-%d-%s-%s%s", prefix, f.ID, from.Format("2006-01-02"), to.Format("2006-01-02"), ext)
	title := map[invoice.Lang]string{invoice.Dutch: "Rapportage aan ", invoice.English: "Report to "}[l] + f.Name
	return sealMoneyFile(dir, name, title, true, lang, plain, workFactor, data, func() error {
		return st.LogMoneyExport(ctx, 0, fmt.Sprintf("funder report %d %s", f.ID, format))
	})
}

// funderReportBytes is a funder's report of from to to: a PDF with its
// charts, or a CSV.
func funderReportBytes(ctx context.Context, st *store.Store, f store.Funder, from, to time.Time, pdf bool,
	l invoice.Lang) ([]byte, error) {
	rows, err := st.FunderReport(ctx, f.ID, from, to)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if !pdf {
		err := invoice.WriteFunderCSV(&b, l, rows)
		return b.Bytes(), err
	}
	p, err := st.Practice(ctx)
	if err != nil {
		return nil, err
	}
	months, err := st.FunderMonths(ctx, f.ID, from, to)
	if err != nil {
		return nil, err
	}
	err = invoice.WriteFunderPDF(&b, l, invoice.FunderReport{Practice: p, Funder: f, From: from, To: to,
		Made: st.Today(), Rows: rows, Months: months})
	return b.Bytes(), err
}

// WriteYearReport writes the practice's year report of year (a PDF with
// its charts, naming no client) in lang into the export folder, for the
// statistics screen: sealed with a fresh passphrase unless plain, and
// logged like the funder's report.
func (s *session) WriteYearReport(ctx context.Context, year int, lang string, plain bool) (fill.Result, error) {
	return writeYearReport(ctx, s.Store, year, lang, plain, dossier.DefaultDir(os.Getenv), 0)
}

func writeYearReport(ctx context.Context, st *store.Store, year int, lang string, plain bool, dir string,
	workFactor int) (fill.Result, error) {
	p, err := st.Practice(ctx)
	if err != nil {
		return fill.Result{}, err
	}
	months, err := st.MoneyYear(ctx, year)
	if err != nil {
		return fill.Result{}, err
	}
	years, err := st.Statistics(ctx)
	if err != nil {
		return fill.Result{}, err
	}
	l := invoice.Lang(lang)
	var b bytes.Buffer
	if err := invoice.WriteYearPDF(&b, l, invoice.YearReport{Practice: p, Year: year, Made: st.Today(),
		Months: months, Years: years}); err != nil {
		return fill.Result{}, err
	}
	prefix := "year-report"
	if l == invoice.Dutch {
		prefix = "jaaroverzicht"
	}
	title := map[invoice.Lang]string{invoice.Dutch: "Jaaroverzicht ", invoice.English: "Year report "}[l] + fmt.Sprint(year)
	return sealMoneyFile(dir, fmt.Sprintf("%s-%d.pdf", prefix, year), title, true, lang, plain, workFactor, b.Bytes(),
		func() error { return st.LogMoneyExport(ctx, 0, fmt.Sprintf("year report %d", year)) })
}

// WriteBooks writes the bookkeeper's CSV of a quarter's invoices in lang
// into the export folder, for the screens: sealed with a fresh passphrase
// unless plain, and logged like the command line's `invoice books`.
func (s *session) WriteBooks(ctx context.Context, year, quarter int, lang string, plain bool) (fill.Result, error) {
	return writeBooks(ctx, s.Store, year, quarter, lang, plain, dossier.DefaultDir(os.Getenv), 0)
}

func writeBooks(ctx context.Context, st *store.Store, year, quarter int, lang string, plain bool, dir string,
	workFactor int) (fill.Result, error) {
	l := invoice.Lang(lang)
	data, err := booksBytes(ctx, st, year, quarter, l)
	if err != nil {
		return fill.Result{}, err
	}
	prefix, title := "invoices", "Invoices "
	if l == invoice.Dutch {
		prefix, title = "facturen", "Facturen "
	}
	period := fmt.Sprintf("%d-Q%d", year, quarter)
	return sealMoneyFile(dir, prefix+"-"+period+".csv", title+period, true, lang, plain, workFactor, data,
		func() error { return st.LogMoneyExport(ctx, 0, "invoices "+period) })
}

// booksBytes is the bookkeeper's CSV of a quarter's invoices.
func booksBytes(ctx context.Context, st *store.Store, year, quarter int, l invoice.Lang) ([]byte, error) {
	from, to, err := invoice.Quarter(year, quarter)
	if err != nil {
		return nil, err
	}
	list, err := st.InvoicesBetween(ctx, from, to)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	err = invoice.WriteBookkeeperCSV(&b, l, list)
	return b.Bytes(), err
}
