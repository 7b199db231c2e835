package cmd

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/spf13/cobra"
	"golang.org/x/text/unicode/norm"

	"github.com/caseload/caseload/crypt"
	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/store/dossier"
)

// The dossier export: `caseload export`, and ExportDossier for the
// screens' `x`. store/dossier writes the zip, crypt seals it on its way
// to the disk; this file joins the two and logs the export once the file
// is in place.

// ExportDossier writes the dossier of a client as the coach asked (see
// dossier.Request) and logs it in the client's disclosure log and the
// audit log. It is what the screens call for `x`; the passphrase in the
// result is to be shown once. Errors the screens tell apart:
// dossier.ErrBadPublicKey, dossier.ErrExists, store.ErrNotFound,
// store.ErrRestricted and store.ErrNoConsent (for a recipient other than
// the client), crypt.ErrDiskFull. A result with an error wrapping
// store.ErrNotSaved is valid: the file is written and the log line is
// kept in memory until the next save.
func (s *session) ExportDossier(ctx context.Context, clientID int64, r dossier.Request) (dossier.Result, error) {
	return exportDossier(ctx, s.Store, clientID, r, 0, os.Getenv)
}

// CheckPublicKey tells whether a pasted key is an age public key, so the
// screens can refuse a bad paste before the export starts; it wraps
// dossier.ErrBadPublicKey.
func (s *session) CheckPublicKey(key string) error {
	if err := crypt.CheckRecipients(key); err != nil {
		return fmt.Errorf("%w: %w", dossier.ErrBadPublicKey, err)
	}
	return nil
}

// exportDossier does ExportDossier with the given scrypt work factor (0:
// age's default) and environment (for the default folder).
func exportDossier(ctx context.Context, s *store.Store, clientID int64, r dossier.Request, workFactor int,
	getenv func(string) string) (dossier.Result, error) {
	if r.Plain && r.PublicKey != "" {
		return dossier.Result{}, dossier.ErrBoth
	}
	key := crypt.ExportKey{Recipients: r.PublicKey, Plain: r.Plain, WorkFactor: workFactor}
	if r.PublicKey != "" {
		if err := crypt.CheckRecipients(r.PublicKey); err != nil {
			return dossier.Result{}, fmt.Errorf("%w: %w", dossier.ErrBadPublicKey, err)
		}
	}
	e, err := dossier.Prepare(ctx, s, clientID, r.Options())
	if err != nil {
		return dossier.Result{}, err
	}
	if r.Sealing() == dossier.SealedPassphrase {
		key.Passphrase = crypt.NewExportPassphraseIn(r.Lang)
	}
	dir, name, free := r.Dir, e.FileName(), true
	if dir == "" {
		dir = dossier.DefaultDir(getenv)
	}
	if r.Path != "" {
		dir, name, free = filepath.Dir(r.Path), filepath.Base(r.Path), false
	}
	path, err := crypt.WriteExport(dir, name, key, free, func(w io.Writer) error { return e.WriteZip(ctx, w) })
	if errors.Is(err, crypt.ErrExportExists) {
		return dossier.Result{}, fmt.Errorf("%w: %s", dossier.ErrExists, filepath.Join(dir, name))
	}
	if err != nil {
		return dossier.Result{}, err
	}
	res := e.Result(path, key.Passphrase)
	if err := e.Log(ctx, path); err != nil {
		if errors.Is(err, store.ErrNotSaved) {
			return res, err
		}
		// An export the log does not hold must not exist.
		os.Remove(path)
		return dossier.Result{}, fmt.Errorf("logging the export: %w", err)
	}
	return res, nil
}

// omissions collects --leave-out RECORD:REASON, repeated: a record left
// out of the copy (its number as the client screen shows it) and why,
// others (AVG art. 15(4)) or internal (a working note).
type omissions []dossier.Omission

func (o *omissions) String() string { return fmt.Sprint(len(*o)) }

// Type names the value in help, as pflag asks.
func (o *omissions) Type() string { return "RECORD:REASON" }

func (o *omissions) Set(v string) error {
	id, why, ok := strings.Cut(v, ":")
	n, err := strconv.ParseInt(strings.TrimPrefix(id, "#"), 10, 64)
	reasons := map[string]dossier.OmitReason{"others": dossier.OmitOthersRights, "internal": dossier.OmitInternalNote}
	reason, known := reasons[why]
	if !ok || err != nil || n <= 0 || !known {
		return fmt.Errorf("--leave-out takes RECORD:others or RECORD:internal, as in 12:others, not %q", v)
	}
	*o = append(*o, dossier.Omission{RecordID: n, Reason: reason})
	return nil
}

// errPlainUnconfirmed is returned for --plain without a confirmation.
var errPlainUnconfirmed = errors.New("an unencrypted export needs confirmation")

// errNoBasis is returned for --to without --basis.
var errNoBasis = errors.New("a recipient other than the client needs a legal basis")

// exportOptions are the options of `caseload export`.
type exportOptions struct {
	out, recipient, recipientsFile, to, basis string
	plain, yes, all                           bool
	omit                                      omissions
}

// newExportCmd is `caseload export CLIENT`.
func newExportCmd(e *env) *cobra.Command {
	var o exportOptions
	c := &cobra.Command{
		Use:   e.t("export CLIENT", "export CLIËNT"),
		Short: e.t("write a client's dossier, sealed with a fresh passphrase or to a public key", "schrijf het dossier van een cliënt, versleuteld met een nieuwe wachtwoordzin of voor een publieke sleutel"),
		Long: e.t("Write a client's dossier (CLIENT: an id, or a name that matches one client) as a zip file,\n"+
			"sealed with a fresh passphrase shown once, or to the receiver's age public key.\n"+
			"The export is logged as a disclosure.",
			"Schrijf het dossier van een cliënt (CLIËNT: een nummer, of een naam die bij één cliënt past) als zipbestand,\n"+
				"versleuteld met een nieuwe wachtwoordzin die één keer getoond wordt, of voor de publieke age-sleutel van de ontvanger.\n"+
				"De export wordt vastgelegd als verstrekking."),
		Example: "  caseload export 12\n  caseload export 'Fatima El Amrani' --recipient age1pq1…\n  caseload export --all --out " + e.t("FOLDER", "MAP"),
		RunE:    func(c *cobra.Command, args []string) error { return runExport(e, c, o, args) },
	}
	f := c.Flags()
	f.StringVar(&o.out, "out", "", e.t("write to `FILE`, or into a folder", "schrijf naar `FILE`, of in een map"))
	f.StringVar(&o.recipient, "recipient", "", e.t("seal to this age public `KEY` instead of a passphrase", "versleutel voor deze publieke age-sleutel (`KEY`) in plaats van met een wachtwoordzin"))
	f.StringVar(&o.recipientsFile, "recipients-file", "", e.t("seal to the public keys in `FILE`", "versleutel voor de publieke sleutels in `FILE`"))
	f.BoolVar(&o.plain, "plain", false, e.t("write it unencrypted (asks for confirmation)", "schrijf het onversleuteld (vraagt om bevestiging)"))
	f.BoolVar(&o.yes, "yes", false, e.t("with --plain: confirm without asking", "met --plain: bevestig zonder te vragen"))
	f.StringVar(&o.to, "to", "", e.t("the recipient, when it is not the client (`NAME`)", "de ontvanger, als dat niet de cliënt is (`NAME`)"))
	f.StringVar(&o.basis, "basis", "", e.t("with --to: the legal basis (`BASIS`): ", "met --to: de grondslag (`BASIS`): ")+legalBases())
	f.BoolVar(&o.all, "all", false, e.t("every client, one file each", "elke cliënt, elk een eigen bestand"))
	f.Var(&o.omit, "leave-out", e.t("leave a record out of the copy, as `RECORD:REASON` (12:others: it would harm others, art. 15(4); 12:internal: an internal working note); repeat for more",
		"laat een verslag weg uit de kopie, als `RECORD:REDEN` (12:others: het schaadt anderen, art. 15 lid 4; 12:internal: een interne werkaantekening); herhaal voor meer"))
	return c
}

func runExport(e *env, c *cobra.Command, o exportOptions, rest []string) error {
	out, recipient, recipientsFile, plain, yes, to, basis, all :=
		&o.out, &o.recipient, &o.recipientsFile, &o.plain, &o.yes, &o.to, &o.basis, &o.all
	switch {
	case *all && len(rest) > 0:
		return usagef(c, "%s", e.t("export takes a client or --all, not both", "export neemt een cliënt of --all, niet allebei"))
	case !*all && len(rest) != 1:
		return usagef(c, "%s", e.t("export needs one client (an id or a name), or --all", "export heeft één cliënt nodig (een nummer of een naam), of --all"))
	case *plain && (*recipient != "" || *recipientsFile != ""):
		return usagef(c, "%s", e.t("--plain and --recipient exclude each other", "--plain en --recipient sluiten elkaar uit"))
	case *recipient != "" && *recipientsFile != "":
		return usagef(c, "%s", e.t("--recipient and --recipients-file exclude each other", "--recipient en --recipients-file sluiten elkaar uit"))
	case *to == "" && *basis != "":
		return usagef(c, "%s", e.t("--basis goes with --to", "--basis hoort bij --to"))
	case *to != "" && *basis == "":
		return errNoBasis
	case *basis != "" && !store.LegalBasis(*basis).Valid():
		return usagef(c, e.t("--basis takes one of %s", "--basis kent een van %s"), legalBases())
	case *all && len(o.omit) > 0:
		return usagef(c, "%s", e.t("--leave-out names records of one client, not --all", "--leave-out noemt verslagen van één cliënt, niet --all"))
	}
	r := dossier.Request{Lang: e.lang, Recipient: *to, Basis: store.LegalBasis(*basis), Plain: *plain,
		PublicKey: *recipient, Omit: o.omit}
	if *recipientsFile != "" {
		b, err := os.ReadFile(*recipientsFile)
		if err != nil {
			return fmt.Errorf("reading the recipients file: %w", err)
		}
		r.PublicKey = string(b)
	}
	if r.PublicKey != "" {
		if err := crypt.CheckRecipients(r.PublicKey); err != nil {
			return fmt.Errorf("%w: %w", dossier.ErrBadPublicKey, err)
		}
	}
	if *plain && !*yes {
		if err := e.confirmPlain(); err != nil {
			return err
		}
	}
	r.Dir = e.getenv("CASELOAD_EXPORT_DIR")
	if *out != "" {
		if info, err := os.Stat(*out); err == nil && info.IsDir() {
			r.Dir = *out
		} else if *all {
			return usagef(c, "%s", e.t("with --all, --out names a folder", "met --all noemt --out een map"))
		} else {
			r.Path = *out
		}
	}

	ctx := context.Background()
	s, err := e.unlock(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	var ids []int64
	if *all {
		rows, err := s.ListClients(ctx)
		if err != nil {
			return err
		}
		for _, row := range rows {
			ids = append(ids, row.ID)
		}
		if len(ids) == 0 {
			fmt.Fprintln(e.stderr, e.t("There are no clients to export.", "Er zijn geen cliënten om te exporteren."))
			return nil
		}
	} else {
		id, err := e.findClient(ctx, s, rest[0])
		if err != nil {
			return err
		}
		ids = []int64{id}
	}
	if p, err := s.Practice(ctx); err == nil && strings.TrimSpace(p.Name) == "" {
		fmt.Fprintln(e.stderr, e.t(
			"caseload: warning: the practice's details are empty, so the report names no controller; fill them in under settings",
			"caseload: waarschuwing: de gegevens van de praktijk zijn leeg, dus het verslag noemt geen verwerkingsverantwoordelijke; vul ze in bij de instellingen"))
	}
	var failed []error
	for _, id := range ids {
		res, err := exportDossier(ctx, s.Store, id, r, e.workFactor, e.getenv)
		if err != nil && res.Path == "" {
			if !*all {
				return err
			}
			msg, _ := e.explain(err)
			fmt.Fprintf(e.stderr, "caseload: warning: %s %d: %s\n", e.t("client", "cliënt"), id, msg)
			failed = append(failed, err)
			continue
		}
		if err != nil {
			// Written, but the disclosure's log line could not be saved,
			// and this command exits without it: an export the log does
			// not hold must not exist.
			os.Remove(res.Path)
			return err
		}
		e.reportExport(res)
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d of %d exports failed: %w", len(failed), len(ids), errors.Join(failed...))
	}
	return nil
}

// reportExport tells where the export went, and the passphrase on
// stderr, once: it is for the coach's eyes and goes to the client by
// another channel, so it stays out of whatever stdout is piped to.
func (e *env) reportExport(res dossier.Result) {
	fmt.Fprintf(e.stdout, "%s %s\n", e.t("Written:", "Geschreven:"), res.Path)
	switch res.Sealing {
	case dossier.SealedPassphrase:
		fmt.Fprintf(e.stderr, "\n%s %s\n\n    %s\n\n%s\n\n", e.t("Passphrase for", "Wachtwoordzin voor"),
			filepath.Base(res.Path), res.Passphrase,
			e.t("Shown only this once. Give it to the client by another way than the file (phone, text message),\nnever in the same e-mail.",
				"Alleen nu te zien. Geef hem aan de cliënt op een andere manier dan het bestand (telefoon, sms),\nnooit in dezelfde e-mail."))
	case dossier.SealedPublicKey:
		fmt.Fprintln(e.stderr, e.t("Sealed to the public key you gave: only its owner can open it.",
			"Versleuteld voor de publieke sleutel die je gaf: alleen de eigenaar kan het openen."))
	case dossier.SealedNone:
		fmt.Fprintln(e.stderr, e.t("caseload: warning: this file is not encrypted; anyone who gets it can read the whole dossier",
			"caseload: waarschuwing: dit bestand is niet versleuteld; wie het krijgt, kan het hele dossier lezen"))
	}
}

// confirmPlain asks the coach to type "yes" before a dossier leaves
// unencrypted; without a terminal it takes --yes.
func (e *env) confirmPlain() error {
	if !e.tty() {
		return errPlainUnconfirmed
	}
	fmt.Fprint(e.stderr, e.t("The dossier will be written UNENCRYPTED: anyone who gets the file can read it.\nType yes to go on: ",
		"Het dossier wordt ONVERSLEUTELD geschreven: wie het bestand krijgt, kan het lezen.\nTyp ja om door te gaan: "))
	line, _ := bufio.NewReader(e.stdin).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "yes", "ja":
		return nil
	}
	return errPlainUnconfirmed
}

func legalBases() string {
	var names []string
	for _, b := range store.LegalBases {
		names = append(names, string(b))
	}
	return strings.Join(names, ", ")
}

// ambiguousError is a name that matches more than one client.
type ambiguousError struct {
	query   string
	matches []store.ClientRow
}

func (e *ambiguousError) Error() string {
	return fmt.Sprintf("%q matches %d clients", e.query, len(e.matches))
}

// errNoSuchClient is a name or id that matches no client.
var errNoSuchClient = errors.New("no such client")

// findClient resolves CLIENT: an id, or a unique match of the name
// (ignoring case and accents; a whole-name match wins over partial ones).
func (e *env) findClient(ctx context.Context, s *session, q string) (int64, error) {
	rows, err := s.ListClients(ctx)
	if err != nil {
		return 0, err
	}
	if id, err := strconv.ParseInt(q, 10, 64); err == nil {
		for _, r := range rows {
			if r.ID == id {
				return id, nil
			}
		}
		return 0, fmt.Errorf("%w: %s", errNoSuchClient, q)
	}
	fq := foldName(q)
	if fq == "" {
		return 0, fmt.Errorf("%w: %s", errNoSuchClient, q)
	}
	var exact, partial []store.ClientRow
	for _, r := range rows {
		fn := foldName(r.Name)
		switch {
		case fn == fq:
			exact = append(exact, r)
		case strings.Contains(fn, fq):
			partial = append(partial, r)
		}
	}
	matches := exact
	if len(matches) == 0 {
		matches = partial
	}
	switch len(matches) {
	case 0:
		return 0, fmt.Errorf("%w: %s", errNoSuchClient, q)
	case 1:
		return matches[0].ID, nil
	}
	return 0, &ambiguousError{query: q, matches: matches}
}

// foldName is a name as a search compares it: lower case, without
// accents, single spaces.
func foldName(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
