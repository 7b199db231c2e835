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
	"time"

	"github.com/spf13/cobra"

	"github.com/caseload/caseload/crypt"
	"github.com/caseload/caseload/msg"
	"github.com/caseload/caseload/paper"
	"github.com/caseload/caseload/paper/fill"
	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/store/dossier"
	"github.com/caseload/caseload/termsafe"
)

// Papers: `caseload print`, and PrintPaper for the screens' `p`. paper/fill
// makes the paper from a template and the vault, paper writes it as PDF or
// HTML, crypt seals it on its way to the disk like a dossier export, and
// the store logs it (a disclosure through the consent gate when it goes
// to a third party) once the file is in place.

// PrintPaper makes, seals, writes and logs a paper for a client (0 for a
// paper about no client). It is what the screens call for `p`; the
// passphrase in the result is to be shown once. Errors the screens tell
// apart: store.ErrNotFound (client, template, record), fill.ErrNeedsRecipient,
// dossier.ErrBadPublicKey, dossier.ErrExists, store.ErrRestricted and
// store.ErrNoConsent (for a recipient other than the client),
// crypt.ErrDiskFull. A result with an error wrapping store.ErrNotSaved is
// valid: the file is written and the log line is kept in memory until
// the next save.
func (s *session) PrintPaper(ctx context.Context, clientID int64, r fill.Request) (fill.Result, error) {
	return printPaper(ctx, s.Store, clientID, r, 0, os.Getenv)
}

func printPaper(ctx context.Context, st *store.Store, clientID int64, r fill.Request, workFactor int,
	getenv func(string) string) (fill.Result, error) {
	key, err := exportKey(r.PublicKey, r.Plain, workFactor, fill.ErrBoth)
	if err != nil {
		return fill.Result{}, err
	}
	tp, err := st.Template(ctx, r.Template, r.Lang)
	if err != nil {
		return fill.Result{}, err
	}
	p, err := fill.Make(ctx, st, clientID, fill.Options{Lang: r.Lang, Template: tp, RecordID: r.RecordID,
		RequestID: r.RequestID, BreachID: r.BreachID, Recipient: r.Recipient, WithBSN: r.WithBSN})
	if err != nil {
		return fill.Result{}, err
	}
	log, err := paperLog(p, r)
	if err != nil {
		return fill.Result{}, err
	}
	if clientID != 0 {
		if err := st.CheckExport(ctx, clientID, log); err != nil {
			return fill.Result{}, err
		}
	}
	var doc bytes.Buffer
	ext := ".pdf"
	if r.HTML {
		ext = ".html"
		err = paper.WriteHTML(&doc, p.Document)
	} else {
		err = paper.WritePDF(&doc, p.Document)
	}
	if err != nil {
		return fill.Result{}, err
	}
	if !r.Plain && r.PublicKey == "" {
		key.Passphrase = crypt.NewExportPassphraseIn(r.Lang)
	}
	dir, name, free := outTarget(r.Dir, r.Path, paperFileName(r.Template, p.Client, st.Today(), ext, !r.Plain), getenv)
	path, notSaved, err := writeLogged(dir, name, free, key, writeBytes(doc.Bytes()), "logging the paper",
		func(path string) error {
			log.Notes = sealingNote(r) + ": " + filepath.Base(path)
			return st.LogPaper(ctx, clientID, log)
		})
	if err != nil {
		return fill.Result{}, err
	}
	return fill.Result{Path: path, Name: p.Name, Passphrase: key.Passphrase, Sealed: !r.Plain,
		PublicKey: r.PublicKey != ""}, notSaved
}

// paperLog is the disclosure line of a paper: to the client on the
// basis of the coaching contract, or to the named recipient on the
// coach's basis (consent: the gate checks it).
func paperLog(p fill.Paper, r fill.Request) (store.ExportLog, error) {
	what := p.Name
	if strings.TrimSpace(r.Recipient) != "" {
		if !r.Basis.Valid() {
			return store.ExportLog{}, fill.ErrNeedsRecipient
		}
		return store.ExportLog{Recipient: strings.TrimSpace(r.Recipient), What: what, Basis: r.Basis}, nil
	}
	if p.Settings.To == "recipient" {
		return store.ExportLog{}, fill.ErrNeedsRecipient
	}
	to := msg.For(msg.Lang(r.Lang)).T("cmd.export.client")
	return store.ExportLog{ToClient: true, Recipient: to, What: what, Basis: store.LegalBasisContract}, nil
}

func sealingNote(r fill.Request) string {
	switch {
	case r.Plain:
		return "plain"
	case r.PublicKey != "":
		return "sealed to a public key"
	}
	return "sealed with a passphrase"
}

// paperFileName is "<template>-<client>-<date>.pdf[.age]", like a
// dossier export's name.
func paperFileName(key string, c store.Client, today time.Time, ext string, sealed bool) string {
	name := key
	if c.ID != 0 {
		slug := dossier.Slug(c.Name())
		if slug == "" {
			slug = "client-" + strconv.FormatInt(c.ID, 10)
		}
		name += "-" + slug
	}
	name += "-" + today.Format("2006-01-02") + ext
	if sealed {
		name += ".age"
	}
	return name
}

// errPlainPaperUnconfirmed is --plain without a confirmation.
var errPlainPaperUnconfirmed = errors.New("an unencrypted paper needs confirmation")

// errNoSuchTemplate is a TEMPLATE that names no template.
var errNoSuchTemplate = errors.New("no such template")

// printOptions are the options of `caseload print`.
type printOptions struct {
	list, plain, yes, html    bool
	withBSN                   bool
	out, recipient, to, basis string
	paperLang                 string
	record, request, breach   int64
}

func newPrintCmd(e *env) *cobra.Command {
	var o printOptions
	c := &cobra.Command{
		Use:     e.T("help.print.print_client_template"),
		Short:   e.T("help.print.make_a_paper_plan_report"),
		Long:    e.T("help.print.make_a_paper_from_a"),
		Example: "  caseload print --list\n  caseload print 12 plan\n  caseload print 'Fatima El Amrani' progress --to 'Gemeente Utrecht' --basis consent",
		RunE:    func(c *cobra.Command, args []string) error { return runPrint(e, c, o, args) },
	}
	f := c.Flags()
	f.BoolVar(&o.list, "list", false, e.T("help.print.list_the_templates"))
	f.StringVar(&o.out, "out", "", e.T("help.export.write_to_file_or_into"))
	f.BoolVar(&o.html, "html", false, e.T("help.print.write_html_instead_of_pdf"))
	f.StringVar(&o.recipient, "recipient", "", e.T("help.export.seal_to_this_age_public"))
	f.BoolVar(&o.plain, "plain", false, e.T("help.export.write_it_unencrypted_asks_for"))
	f.BoolVar(&o.yes, "yes", false, e.T("help.export.with_plain_confirm_without_asking"))
	f.StringVar(&o.to, "to", "", e.T("help.export.the_recipient_when_it_is"))
	f.StringVar(&o.basis, "basis", "", e.T("help.export.with_to_the_legal_basis")+legalBases())
	f.Int64Var(&o.record, "record", 0, e.T("help.print.the_record_the_paper_s"))
	f.Int64Var(&o.request, "request", 0, e.T("help.print.the_rights_request_a_letter"))
	f.Int64Var(&o.breach, "breach", 0, e.T("help.print.the_breach_a_notification_is"))
	f.BoolVar(&o.withBSN, "with-bsn", false, e.T("help.print.with_bsn"))
	f.StringVar(&o.paperLang, "paper-lang", "", e.T("help.print.paper_lang"))
	return c
}

func runPrint(e *env, c *cobra.Command, o printOptions, rest []string) error {
	list, out, plain, yes, html, recipient, to, basis, record, request, breach :=
		&o.list, &o.out, &o.plain, &o.yes, &o.html, &o.recipient, &o.to, &o.basis, &o.record, &o.request, &o.breach
	switch {
	case *list && len(rest) > 0:
		return usagef(c, "%s", e.T("cmd.print.print_list_takes_no_client"))
	case !*list && len(rest) != 2:
		return usagef(c, "%s", e.T("cmd.print.print_needs_a_client_an"))
	case *plain && *recipient != "":
		return usagef(c, "%s", e.T("cmd.export.plain_and_recipient_exclude_each"))
	}
	if err := e.checkTo(c, *to, *basis); err != nil {
		return err
	}
	if o.paperLang != "" && o.paperLang != "nl" && o.paperLang != "en" {
		return usagef(c, "%s", e.T("cmd.print.paper_lang"))
	}
	if *recipient != "" {
		if err := checkPublicKey(*recipient); err != nil {
			return err
		}
	}
	ctx := context.Background()
	if *list {
		s, err := e.look(ctx)
		if err != nil {
			return err
		}
		defer s.Close()
		return e.listTemplates(ctx, s)
	}
	if *plain && !*yes {
		if err := e.confirmYes(e.T("cmd.print.the_paper_will_be_written"), errPlainPaperUnconfirmed); err != nil {
			return err
		}
	}
	lang := e.lang
	if o.paperLang != "" {
		lang = o.paperLang
	}
	r := fill.Request{Template: rest[1], Lang: lang, WithBSN: o.withBSN, RecordID: *record, RequestID: *request, BreachID: *breach,
		Recipient: *to, Basis: store.LegalBasis(*basis), HTML: *html, PublicKey: *recipient, Plain: *plain,
		Dir: e.getenv("CASELOAD_EXPORT_DIR")}
	if *out != "" {
		if info, err := os.Stat(*out); err == nil && info.IsDir() {
			r.Dir = *out
		} else {
			r.Path = *out
		}
	}
	s, err := e.unlock(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if _, err := s.Template(ctx, r.Template, r.Lang); errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("%w: %s", errNoSuchTemplate, r.Template)
	}
	var id int64
	if rest[0] != "-" {
		if id, err = e.findClient(ctx, s, rest[0]); err != nil {
			return err
		}
	}
	if p, err := s.Practice(ctx); err == nil && strings.TrimSpace(p.Name) == "" {
		fmt.Fprintln(e.stderr, e.T("cmd.print.caseload_warning_the_practice_s"))
	}
	res, err := printPaper(ctx, s.Store, id, r, e.workFactor, e.getenv)
	if err != nil && res.Path == "" {
		return err
	}
	e.reportPaper(res)
	return err // nil, or written but the log line not saved yet
}

// listTemplates prints every template: key, language, name, and whether
// it is the coach's own copy.
func (e *env) listTemplates(ctx context.Context, s *session) error {
	all, err := s.Templates(ctx)
	if err != nil {
		return err
	}
	for _, t := range all {
		mark := ""
		switch {
		case t.Custom && t.Shipped:
			mark = e.T("cmd.print.your_copy_version") + strconv.Itoa(t.Version) + ")"
		case t.Custom:
			mark = e.T("cmd.print.yours_version") + strconv.Itoa(t.Version) + ")"
		}
		fmt.Fprintf(e.stdout, "%-14s %s  %s%s\n", termsafe.Line(t.Key), t.Lang, termsafe.Line(t.Name()), mark)
	}
	return nil
}

// explainPaper puts the errors of papers in words; ok is false for
// anything else.
func (e *env) explainPaper(err error) (msg, hint string, ok bool) {
	var te *store.TemplateError
	switch {
	case errors.Is(err, errNoSuchTemplate):
		return e.T("cmd.print.no_template_is_called") + strings.TrimPrefix(err.Error(), errNoSuchTemplate.Error()+": "),
			e.T("cmd.print.caseload_print_list_shows_the"), true
	case errors.Is(err, fill.ErrNeedsRecipient):
		return e.T("cmd.print.this_paper_goes_to_a"),
			e.T("cmd.print.name_the_recipient_and_the"), true
	case errors.Is(err, fill.ErrBoth):
		return e.T("cmd.print.a_paper_is_sealed_to"), "", true
	case errors.Is(err, errPlainPaperUnconfirmed):
		return e.T("cmd.print.an_unencrypted_paper_needs_confirmation"),
			e.T("cmd.print.run_it_in_a_terminal"), true
	case errors.As(err, &te):
		return te.Text(e.lang), e.T("cmd.print.nothing_was_made_correct_the"), true
	}
	return "", "", false
}
