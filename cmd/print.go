package cmd

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/caseload/caseload/crypt"
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
	if r.Plain && r.PublicKey != "" {
		return fill.Result{}, fill.ErrBoth
	}
	key := crypt.ExportKey{Recipients: r.PublicKey, Plain: r.Plain, WorkFactor: workFactor}
	if r.PublicKey != "" {
		if err := crypt.CheckRecipients(r.PublicKey); err != nil {
			return fill.Result{}, fmt.Errorf("%w: %w", dossier.ErrBadPublicKey, err)
		}
	}
	tp, err := st.Template(ctx, r.Template, r.Lang)
	if err != nil {
		return fill.Result{}, err
	}
	p, err := fill.Make(ctx, st, clientID, fill.Options{Lang: r.Lang, Template: tp, RecordID: r.RecordID,
		RequestID: r.RequestID, BreachID: r.BreachID, Recipient: r.Recipient})
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
	name := paperFileName(r.Template, p.Client, st.Today(), ext, !r.Plain)
	dir, free := r.Dir, true
	if dir == "" {
		dir = dossier.DefaultDir(getenv)
	}
	if r.Path != "" {
		dir, name, free = filepath.Dir(r.Path), filepath.Base(r.Path), false
	}
	path, err := crypt.WriteExport(dir, name, key, free, func(w io.Writer) error {
		_, err := w.Write(doc.Bytes())
		return err
	})
	if errors.Is(err, crypt.ErrExportExists) {
		return fill.Result{}, fmt.Errorf("%w: %s", dossier.ErrExists, filepath.Join(dir, name))
	}
	if err != nil {
		return fill.Result{}, err
	}
	res := fill.Result{Path: path, Name: p.Name, Passphrase: key.Passphrase, Sealed: !r.Plain,
		PublicKey: r.PublicKey != ""}
	log.Notes = sealingNote(r) + ": " + filepath.Base(path)
	if err := st.LogPaper(ctx, clientID, log); err != nil {
		if errors.Is(err, store.ErrNotSaved) {
			return res, err
		}
		// A paper the log does not hold must not exist.
		os.Remove(path)
		return fill.Result{}, fmt.Errorf("logging the paper: %w", err)
	}
	return res, nil
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
	to := map[string]string{"nl": "cliënt", "en": "client"}[r.Lang]
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
	out, recipient, to, basis string
	record, request, breach   int64
}

func newPrintCmd(e *env) *cobra.Command {
	var o printOptions
	c := &cobra.Command{
		Use:   e.t("print CLIENT TEMPLATE", "print CLIËNT SJABLOON"),
		Short: e.t("make a paper (plan, report, letter) from a template, sealed like an export", "maak een papier (plan, verslag, brief) uit een sjabloon, versleuteld zoals een export"),
		Long: e.t("Make a paper from a template and the vault (CLIENT: an id, a name that matches one client,\n"+
			"or - for a paper about no client): an A4 PDF, or HTML with --html, sealed with a fresh\n"+
			"passphrase shown once, or to a public key, or written plain after a yes. The paper is logged\n"+
			"in the client's log; one for a third party (--to NAME --basis B) passes the consent gate.\n"+
			"print --list shows the templates.",
			"Maak een papier uit een sjabloon en de kluis (CLIËNT: een nummer, een naam die bij één cliënt past,\n"+
				"of - voor een papier over geen cliënt): een A4-pdf, of HTML met --html, versleuteld met een nieuwe\n"+
				"wachtwoordzin die één keer getoond wordt, of voor een publieke sleutel, of onversleuteld na een ja.\n"+
				"Het papier komt in het logboek van de cliënt; een papier voor een derde (--to NAAM --basis B)\n"+
				"gaat langs de toestemmingscontrole. print --list toont de sjablonen."),
		Example: "  caseload print --list\n  caseload print 12 plan\n  caseload print 'Fatima El Amrani' progress --to 'Gemeente Utrecht' --basis consent",
		RunE:    func(c *cobra.Command, args []string) error { return runPrint(e, c, o, args) },
	}
	f := c.Flags()
	f.BoolVar(&o.list, "list", false, e.t("list the templates", "toon de sjablonen"))
	f.StringVar(&o.out, "out", "", e.t("write to `FILE`, or into a folder", "schrijf naar `FILE`, of in een map"))
	f.BoolVar(&o.html, "html", false, e.t("write HTML instead of PDF", "schrijf HTML in plaats van pdf"))
	f.StringVar(&o.recipient, "recipient", "", e.t("seal to this age public `KEY` instead of a passphrase", "versleutel voor deze publieke age-sleutel (`KEY`) in plaats van met een wachtwoordzin"))
	f.BoolVar(&o.plain, "plain", false, e.t("write it unencrypted (asks for confirmation)", "schrijf het onversleuteld (vraagt om bevestiging)"))
	f.BoolVar(&o.yes, "yes", false, e.t("with --plain: confirm without asking", "met --plain: bevestig zonder te vragen"))
	f.StringVar(&o.to, "to", "", e.t("the recipient, when it is not the client (`NAME`)", "de ontvanger, als dat niet de cliënt is (`NAME`)"))
	f.StringVar(&o.basis, "basis", "", e.t("with --to: the legal basis (`BASIS`): ", "met --to: de grondslag (`BASIS`): ")+legalBases())
	f.Int64Var(&o.record, "record", 0, e.t("the record the paper's text comes from (`ID`; default the newest of its kind)", "het verslag waar de tekst vandaan komt (`ID`; standaard het nieuwste van die soort)"))
	f.Int64Var(&o.request, "request", 0, e.t("the rights request a letter is about (`ID`; default the newest)", "het verzoek waar een brief over gaat (`ID`; standaard het nieuwste)"))
	f.Int64Var(&o.breach, "breach", 0, e.t("the breach a notification is about (`ID`; default the newest)", "het datalek waar een melding over gaat (`ID`; standaard het nieuwste)"))
	return c
}

func runPrint(e *env, c *cobra.Command, o printOptions, rest []string) error {
	list, out, plain, yes, html, recipient, to, basis, record, request, breach :=
		&o.list, &o.out, &o.plain, &o.yes, &o.html, &o.recipient, &o.to, &o.basis, &o.record, &o.request, &o.breach
	switch {
	case *list && len(rest) > 0:
		return usagef(c, "%s", e.t("print --list takes no client or template", "print --list neemt geen cliënt of sjabloon"))
	case !*list && len(rest) != 2:
		return usagef(c, "%s", e.t("print needs a client (an id, a name, or - for none) and a template; print --list shows the templates",
			"print heeft een cliënt (een nummer, een naam, of - voor geen) en een sjabloon nodig; print --list toont de sjablonen"))
	case *plain && *recipient != "":
		return usagef(c, "%s", e.t("--plain and --recipient exclude each other", "--plain en --recipient sluiten elkaar uit"))
	case *to == "" && *basis != "":
		return usagef(c, "%s", e.t("--basis goes with --to", "--basis hoort bij --to"))
	case *to != "" && *basis == "":
		return errNoBasis
	case *basis != "" && !store.LegalBasis(*basis).Valid():
		return usagef(c, e.t("--basis takes one of %s", "--basis kent een van %s"), legalBases())
	}
	if *recipient != "" {
		if err := crypt.CheckRecipients(*recipient); err != nil {
			return fmt.Errorf("%w: %w", dossier.ErrBadPublicKey, err)
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
		if err := e.confirmPlainPaper(); err != nil {
			return err
		}
	}
	r := fill.Request{Template: rest[1], Lang: e.lang, RecordID: *record, RequestID: *request, BreachID: *breach,
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
		fmt.Fprintln(e.stderr, e.t(
			"caseload: warning: the practice's details are empty, so the paper has no letterhead and names no contact; fill them in under settings",
			"caseload: waarschuwing: de gegevens van de praktijk zijn leeg, dus het papier heeft geen briefhoofd en noemt geen contact; vul ze in bij de instellingen"))
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
			mark = e.t(" (your copy, version ", " (jouw kopie, versie ") + strconv.Itoa(t.Version) + ")"
		case t.Custom:
			mark = e.t(" (yours, version ", " (van jou, versie ") + strconv.Itoa(t.Version) + ")"
		}
		fmt.Fprintf(e.stdout, "%-14s %s  %s%s\n", termsafe.Line(t.Key), t.Lang, termsafe.Line(t.Name()), mark)
	}
	return nil
}

// reportPaper tells where the paper went, and its passphrase on stderr,
// once.
func (e *env) reportPaper(res fill.Result) {
	fmt.Fprintf(e.stdout, "%s %s\n", e.t("Written:", "Geschreven:"), res.Path)
	switch {
	case res.PublicKey:
		fmt.Fprintln(e.stderr, e.t("Sealed to the public key you gave: only its owner can open it.",
			"Versleuteld voor de publieke sleutel die je gaf: alleen de eigenaar kan het openen."))
	case res.Sealed:
		fmt.Fprintf(e.stderr, "\n%s %s\n\n    %s\n\n%s\n\n", e.t("Passphrase for", "Wachtwoordzin voor"),
			filepath.Base(res.Path), res.Passphrase,
			e.t("Shown only this once. Give it by another way than the file (phone, text message),\nnever in the same e-mail. It opens with age -d.",
				"Alleen nu te zien. Geef hem op een andere manier dan het bestand (telefoon, sms),\nnooit in dezelfde e-mail. Het opent met age -d."))
	default:
		fmt.Fprintln(e.stderr, e.t("caseload: warning: this file is not encrypted; anyone who gets it can read it",
			"caseload: waarschuwing: dit bestand is niet versleuteld; wie het krijgt, kan het lezen"))
	}
}

// confirmPlainPaper asks the coach to type "yes" before a paper is
// written unencrypted; without a terminal it takes --yes.
func (e *env) confirmPlainPaper() error {
	if !e.tty() {
		return errPlainPaperUnconfirmed
	}
	fmt.Fprint(e.stderr, e.t("The paper will be written UNENCRYPTED: anyone who gets the file can read it.\nType yes to go on: ",
		"Het papier wordt ONVERSLEUTELD geschreven: wie het bestand krijgt, kan het lezen.\nTyp ja om door te gaan: "))
	line, _ := bufio.NewReader(e.stdin).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "yes", "ja":
		return nil
	}
	return errPlainPaperUnconfirmed
}

// explainPaper puts the errors of papers in words; ok is false for
// anything else.
func (e *env) explainPaper(err error) (msg, hint string, ok bool) {
	var te *store.TemplateError
	switch {
	case errors.Is(err, errNoSuchTemplate):
		return e.t("no template is called ", "geen sjabloon heet ") + strings.TrimPrefix(err.Error(), errNoSuchTemplate.Error()+": "),
			e.t("caseload print --list shows the templates", "caseload print --list toont de sjablonen"), true
	case errors.Is(err, fill.ErrNeedsRecipient):
		return e.t("this paper goes to a third party (a funder, a school)", "dit papier gaat naar een derde (een financier, een school)"),
			e.t("name the recipient and the legal basis: --to NAME --basis consent",
				"noem de ontvanger en de grondslag: --to NAAM --basis consent"), true
	case errors.Is(err, fill.ErrBoth):
		return e.t("a paper is sealed to a public key or written plain, not both", "een papier wordt voor een sleutel versleuteld of onversleuteld geschreven, niet allebei"), "", true
	case errors.Is(err, errPlainPaperUnconfirmed):
		return e.t("an unencrypted paper needs confirmation", "een onversleuteld papier moet je bevestigen"),
			e.t("run it in a terminal to answer yes, or add --yes", "start het in een terminal om ja te antwoorden, of voeg --yes toe"), true
	case errors.As(err, &te):
		return templateErrorText(e.lang, te), e.t("nothing was made; correct the template", "er is niets gemaakt; verbeter het sjabloon"), true
	}
	return "", "", false
}

// templateErrorText is a template error in the coach's language.
func templateErrorText(lang string, te *store.TemplateError) string {
	nl := map[string]string{
		"unknown-placeholder":  "regel %d: onbekende invulplek {{%s}}",
		"unclosed-placeholder": "regel %d: een invulplek die met {{ begint, sluit niet met }}%s",
		"block-in-line":        "regel %d: {{%s}} moet op een eigen regel staan",
		"unknown-setting":      "regel %d: onbekende instelling %q",
		"bad-setting":          "regel %d: de instelling %s heeft een waarde die niet kan",
		"no-name":              "regel %d: een sjabloon heeft een naam nodig: %% name: …%s",
	}
	if lang == "nl" {
		return fmt.Sprintf(nl[te.Code], te.Line, te.Arg)
	}
	return te.Error()
}
