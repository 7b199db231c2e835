package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
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
func (s *session) CheckPublicKey(key string) error { return checkPublicKey(key) }

// exportDossier does ExportDossier with the given scrypt work factor (0:
// age's default) and environment (for the default folder).
func exportDossier(ctx context.Context, s *store.Store, clientID int64, r dossier.Request, workFactor int,
	getenv func(string) string) (dossier.Result, error) {
	key, err := exportKey(r.PublicKey, r.Plain, workFactor, dossier.ErrBoth)
	if err != nil {
		return dossier.Result{}, err
	}
	e, err := dossier.Prepare(ctx, s, clientID, r.Options())
	if err != nil {
		return dossier.Result{}, err
	}
	if r.Sealing() == dossier.SealedPassphrase {
		key.Passphrase = crypt.NewExportPassphraseIn(r.Lang)
	}
	dir, name, free := outTarget(r.Dir, r.Path, e.FileName(), getenv)
	path, notSaved, err := writeLogged(dir, name, free, key, func(w io.Writer) error { return e.WriteZip(ctx, w) },
		"logging the export", func(path string) error { return e.Log(ctx, path) })
	if err != nil {
		return dossier.Result{}, err
	}
	return e.Result(path, key.Passphrase), notSaved
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
	plain, yes, all, withBSN                  bool
	omit                                      omissions
}

// newExportCmd is `caseload export CLIENT`.
func newExportCmd(e *env) *cobra.Command {
	var o exportOptions
	c := &cobra.Command{
		Use:     e.T("help.export.export_client"),
		Short:   e.T("help.export.write_a_client_s_dossier"),
		Long:    e.T("help.export.write_a_client_s_dossier_2"),
		Example: "  caseload export 12\n  caseload export 'Fatima El Amrani' --recipient age1pq1…\n  caseload export --all --out " + e.T("help.export.folder"),
		RunE:    func(c *cobra.Command, args []string) error { return runExport(e, c, o, args) },
	}
	f := c.Flags()
	f.StringVar(&o.out, "out", "", e.T("help.export.write_to_file_or_into"))
	f.StringVar(&o.recipient, "recipient", "", e.T("help.export.seal_to_this_age_public"))
	f.StringVar(&o.recipientsFile, "recipients-file", "", e.T("help.export.seal_to_the_public_keys"))
	f.BoolVar(&o.plain, "plain", false, e.T("help.export.write_it_unencrypted_asks_for"))
	f.BoolVar(&o.yes, "yes", false, e.T("help.export.with_plain_confirm_without_asking"))
	f.StringVar(&o.to, "to", "", e.T("help.export.the_recipient_when_it_is"))
	f.StringVar(&o.basis, "basis", "", e.T("help.export.with_to_the_legal_basis")+legalBases())
	f.BoolVar(&o.all, "all", false, e.T("help.export.every_client_one_file_each"))
	f.Var(&o.omit, "leave-out", e.T("help.export.leave_a_record_out_of"))
	f.BoolVar(&o.withBSN, "with-bsn", false, e.T("help.export.with_bsn"))
	return c
}

func runExport(e *env, c *cobra.Command, o exportOptions, rest []string) error {
	out, recipient, recipientsFile, plain, yes, to, basis, all :=
		&o.out, &o.recipient, &o.recipientsFile, &o.plain, &o.yes, &o.to, &o.basis, &o.all
	switch {
	case *all && len(rest) > 0:
		return usagef(c, "%s", e.T("cmd.export.export_takes_a_client_or"))
	case !*all && len(rest) != 1:
		return usagef(c, "%s", e.T("cmd.export.export_needs_one_client_an"))
	case *plain && (*recipient != "" || *recipientsFile != ""):
		return usagef(c, "%s", e.T("cmd.export.plain_and_recipient_exclude_each"))
	case *recipient != "" && *recipientsFile != "":
		return usagef(c, "%s", e.T("cmd.export.recipient_and_recipients_file_exclude"))
	}
	if err := e.checkTo(c, *to, *basis); err != nil {
		return err
	}
	if *all && len(o.omit) > 0 {
		return usagef(c, "%s", e.T("cmd.export.leave_out_names_records_of"))
	}
	r := dossier.Request{Lang: e.lang, Recipient: *to, Basis: store.LegalBasis(*basis), Plain: *plain,
		PublicKey: *recipient, Omit: o.omit, WithBSN: o.withBSN}
	if *recipientsFile != "" {
		b, err := os.ReadFile(*recipientsFile)
		if err != nil {
			return fmt.Errorf("reading the recipients file: %w", err)
		}
		r.PublicKey = string(b)
	}
	if r.PublicKey != "" {
		if err := checkPublicKey(r.PublicKey); err != nil {
			return err
		}
	}
	if *plain && !*yes {
		if err := e.confirmYes(e.T("cmd.export.the_dossier_will_be_written"), errPlainUnconfirmed); err != nil {
			return err
		}
	}
	r.Dir = e.getenv("CASELOAD_EXPORT_DIR")
	if *out != "" {
		if info, err := os.Stat(*out); err == nil && info.IsDir() {
			r.Dir = *out
		} else if *all {
			return usagef(c, "%s", e.T("cmd.export.with_all_out_names_a"))
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
			fmt.Fprintln(e.stderr, e.T("cmd.export.there_are_no_clients_to"))
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
		fmt.Fprintln(e.stderr, e.T("cmd.export.caseload_warning_the_practice_s"))
	}
	var failed []error
	for _, id := range ids {
		res, err := exportDossier(ctx, s.Store, id, r, e.workFactor, e.getenv)
		if err != nil && res.Path == "" {
			if !*all {
				return err
			}
			msg, _ := e.explain(err)
			fmt.Fprintf(e.stderr, "caseload: warning: %s %d: %s\n", e.T("cmd.export.client"), id, msg)
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
		return &exportsFailedError{failed: len(failed), total: len(ids), err: errors.Join(failed...)}
	}
	return nil
}

// exportsFailedError is `export --all` where some exports failed; each
// was named as it failed.
type exportsFailedError struct {
	failed, total int
	err           error
}

func (e *exportsFailedError) Error() string {
	return fmt.Sprintf("%d of %d exports failed: %v", e.failed, e.total, e.err)
}

func (e *exportsFailedError) Unwrap() error { return e.err }

// reportExport tells where the export went, and the passphrase on
// stderr, once: it is for the coach's eyes and goes to the client by
// another channel, so it stays out of whatever stdout is piped to.
func (e *env) reportExport(res dossier.Result) {
	e.reportWritten(res.Path, res.Sealing, res.Passphrase, e.T("cmd.export.shown_only_this_once_give"),
		e.T("cmd.export.caseload_warning_this_file_is"))
}

// checkTo checks --to and --basis, as export and print take them: a
// basis goes with a recipient other than the client, and such a
// recipient needs one of the legal bases (errNoBasis).
func (e *env) checkTo(c *cobra.Command, to, basis string) error {
	switch {
	case to == "" && basis != "":
		return usagef(c, "%s", e.T("cmd.export.basis_goes_with_to"))
	case to != "" && basis == "":
		return errNoBasis
	case basis != "" && !store.LegalBasis(basis).Valid():
		return usagef(c, e.T("cmd.export.basis_takes_one_of_s"), legalBases())
	}
	return nil
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

// clientSession opens the vault (to change it when changing, else to
// look) and finds client q in it, for a command about one client; the
// caller closes the session.
func (e *env) clientSession(ctx context.Context, changing bool, q string) (*session, int64, error) {
	s, err := e.openVault(ctx, changing)
	if err != nil {
		return nil, 0, err
	}
	id, err := e.findClient(ctx, s, q)
	if err != nil {
		s.Close()
		return nil, 0, err
	}
	return s, id, nil
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
