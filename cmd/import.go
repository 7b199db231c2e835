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

	"github.com/spf13/cobra"

	"github.com/caseload/caseload/crypt"
	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/store/dossier"
	"github.com/caseload/caseload/termsafe"
)

// `caseload import FILE`: a dossier another caseload exported (.zip.age
// or .zip), or a client list from a spreadsheet (CSV). Everything goes in
// one transaction or nothing does; --dry-run runs every check and keeps
// nothing.

// errNeedIdentity is returned for a dossier sealed to a key when no
// identity file was named.
var errNeedIdentity = errors.New("this dossier is sealed to a key")

// errNoDossierPassphrase is returned when a dossier needs its passphrase
// and there is neither a terminal nor a file to read it from.
var errNoDossierPassphrase = errors.New("no terminal to ask for the dossier's passphrase")

// ImportFile imports a dossier (.zip.age, .zip) or a client list (.csv)
// in one transaction: on any error nothing is imported. It is what the
// screens call for `i`. secret opens a sealed dossier: the passphrase,
// or for one sealed to a key the path of the identity file. Without it a
// sealed dossier is an error wrapping dossier.ErrNeedsSecret (and
// dossier.ErrNeedsKey for a key); a secret that does not open it wraps
// dossier.ErrWrongSecret. A problem in a client list is a
// *dossier.CSVError in lang, naming the line and the field; a client
// already in the caseload is a *store.ExistingClientError. A summary with
// an error wrapping store.ErrNotSaved is valid: the clients are in and
// the save follows.
func (s *session) ImportFile(ctx context.Context, path, secret, lang string) (dossier.ImportSummary, error) {
	f, err := readImport(path, lang, func(sealing crypt.ExportSealing) (string, string, error) {
		return secretFor(sealing, secret)
	})
	if err != nil {
		return dossier.ImportSummary{}, err
	}
	return f.run(ctx, s.Store, false)
}

// secretFor turns the secret the screens give into what opens a dossier
// sealed as sealing: a passphrase, or an identity read from a file.
func secretFor(sealing crypt.ExportSealing, secret string) (pass, id string, err error) {
	switch {
	case sealing == crypt.SealedPlain:
		return "", "", nil
	case sealing == crypt.SealedKey && secret == "":
		return "", "", fmt.Errorf("%w: %w", dossier.ErrNeedsSecret, dossier.ErrNeedsKey)
	case secret == "":
		return "", "", dossier.ErrNeedsSecret
	case sealing == crypt.SealedKey:
		id, err := readIdentity(secret)
		return "", id, err
	}
	return strings.TrimSpace(secret), "", nil
}

// readIdentity reads an age identity file.
func readIdentity(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("reading the identity file: %w", err)
	}
	return string(b), nil
}

// importFile is a file read for import, not yet imported.
type importFile struct {
	name    string               // the file's base name
	list    *dossier.ClientList  // a client list, or
	in      *dossier.Import      // a dossier
	bundles []store.ClientBundle // what goes to the store
}

// readImport reads a dossier or a client list; open says what opens a
// sealed dossier (a passphrase or an identity's contents).
func readImport(file, lang string, open func(crypt.ExportSealing) (pass, id string, err error)) (*importFile, error) {
	f := &importFile{name: filepath.Base(file)}
	data, sealing, err := crypt.ReadExport(file)
	switch {
	case errors.Is(err, crypt.ErrNotExport):
		f.list, err = dossier.ReadClientList(bytes.NewReader(data), f.name, lang)
		if err != nil {
			return nil, err
		}
		f.bundles = f.list.Bundles
		return f, nil
	case err != nil:
		return nil, err
	}
	pass, id, err := open(sealing)
	if err != nil {
		return nil, err
	}
	zipData, err := crypt.OpenExport(data, pass, id)
	switch {
	case errors.Is(err, crypt.ErrDamaged):
		// Not the vault's damage: the coach must hear about the file.
		return nil, fmt.Errorf("%w: %v", errDossierDamaged, err)
	case errors.Is(err, crypt.ErrWrongExportKey):
		return nil, fmt.Errorf("%w: %w", dossier.ErrWrongSecret, err)
	case err != nil:
		return nil, err
	}
	f.in, err = dossier.Read(zipData)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.name, err)
	}
	f.bundles = []store.ClientBundle{f.in.Bundle}
	return f, nil
}

// run imports the file in one transaction, or with dryRun checks it all
// and keeps nothing.
func (f *importFile) run(ctx context.Context, s *store.Store, dryRun bool) (dossier.ImportSummary, error) {
	var got []store.Client
	var err error
	if f.list != nil {
		set, err := s.ClientFieldSet(ctx)
		if err != nil {
			return dossier.ImportSummary{}, err
		}
		f.list.KeepFields(set)
		f.bundles = f.list.Bundles
	}
	if dryRun {
		got, err = s.CheckImport(ctx, f.bundles)
	} else {
		got, err = s.ImportClients(ctx, f.bundles)
	}
	if err != nil && len(got) == 0 {
		if f.list != nil {
			return dossier.ImportSummary{}, f.list.Explain(err)
		}
		return dossier.ImportSummary{}, err
	}
	sum := dossier.ImportSummary{Clients: got, Kind: dossier.ImportedList}
	if f.list != nil {
		sum.Ignored = f.list.Ignored
		sum.UnknownOutcome, sum.NotRecorded = f.list.UnknownOutcome, f.list.NotRecorded
		return sum, err
	}
	d, b := f.in.Dossier, f.in.Bundle
	sum.Kind = dossier.ImportedDossier
	sum.NotCarried = len(d.Consents)+len(d.Disclosures)+len(d.Requests)+len(d.Complaints)+len(d.Invoices) > 0
	sum.Records, sum.Appointments, sum.Documents = len(b.Records), len(b.Appointments), len(b.Documents)
	return sum, err
}

// importOptions are the options of `caseload import`.
type importOptions struct {
	dryRun             bool
	identity, passFile string
}

// newImportCmd is `caseload import FILE`.
func newImportCmd(e *env) *cobra.Command {
	var o importOptions
	c := &cobra.Command{
		Use:   "import FILE",
		Short: e.T("help.import.read_a_dossier_zip_age"),
		Long:  e.T("help.import.read_a_dossier_another_caseload"),
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef(c, "%s", e.T("help.import.import_needs_one_file_a"))
			}
			return runImport(e, o, args[0])
		},
	}
	f := c.Flags()
	f.BoolVar(&o.dryRun, "dry-run", false, e.T("help.import.check_everything_keep_nothing"))
	f.StringVar(&o.identity, "identity", "", e.T("help.import.open_a_dossier_sealed_to"))
	f.StringVar(&o.passFile, "dossier-passphrase-file", "", e.T("help.import.read_the_dossier_s_passphrase"))
	return c
}

func runImport(e *env, o importOptions, file string) error {
	dryRun := &o.dryRun
	f, err := readImport(file, e.lang, func(sealing crypt.ExportSealing) (string, string, error) {
		return e.dossierSecret(sealing, o.passFile, o.identity)
	})
	if err != nil {
		return err
	}
	ctx := context.Background()
	s, err := e.unlock(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if f.list != nil && len(f.list.Ignored) > 0 {
		fmt.Fprintf(e.stderr, "%s %s\n", e.T("cmd.import.not_imported_unknown_columns"),
			strings.Join(f.list.Ignored, ", "))
	}
	sum, err := f.run(ctx, s.Store, *dryRun)
	if err != nil {
		// Also when the clients are in memory but their save failed: the
		// command exits, and Close discards them (see session.Close).
		return err
	}
	if f.list != nil {
		if len(sum.NotRecorded) > 0 {
			fmt.Fprintf(e.stderr, "%s %s\n", e.T("cmd.import.not_recorded_columns"), strings.Join(sum.NotRecorded, ", "))
		}
		e.reportList(f.name, sum, *dryRun)
	} else {
		e.reportDossier(sum, *dryRun)
	}
	return nil
}

// dossierSecret asks for what opens a dossier sealed as sealing: the
// identity file named, or the passphrase from its file or the terminal.
func (e *env) dossierSecret(sealing crypt.ExportSealing, passFile, identityFile string) (pass, id string, err error) {
	switch sealing {
	case crypt.SealedKey:
		if identityFile == "" {
			return "", "", errNeedIdentity
		}
		id, err := readIdentity(identityFile)
		return "", id, err
	case crypt.SealedPassphrase:
		switch {
		case passFile != "":
			pass, err = readSecretFile(passFile)
		case e.tty():
			pass, err = e.ask(e.T("cmd.import.passphrase_of_the_dossier"))
		default:
			err = errNoDossierPassphrase
		}
		return strings.TrimSpace(pass), "", err
	}
	return "", "", nil
}

// errDossierDamaged is a dossier file that fails authentication or is cut
// short.
var errDossierDamaged = errors.New("the dossier file is damaged")

// reportDossier tells what a dossier's import brought in.
func (e *env) reportDossier(sum dossier.ImportSummary, dryRun bool) {
	c := sum.Clients[0]
	counts := strings.Join([]string{e.N("count.records", sum.Records), e.N("count.appointments", sum.Appointments),
		e.N("count.documents", sum.Documents)}, ", ")
	if dryRun {
		fmt.Fprintf(e.stdout, "%s %s (%s)\n%s\n", e.T("cmd.import.would_import"), termsafe.Line(c.Name()), counts,
			e.T("cmd.import.nothing_was_imported_dry_run"))
		return
	}
	fmt.Fprintf(e.stdout, "%s %d: %s (%s)\n", e.T("cmd.import.imported_as_client"), c.ID, termsafe.Line(c.Name()), counts)
	if sum.NotCarried {
		fmt.Fprintln(e.stderr, e.T("cmd.import.the_consents_disclosures_requests_and"))
	}
}

// reportList tells what a client list's import brought in.
func (e *env) reportList(file string, sum dossier.ImportSummary, dryRun bool) {
	statuses := map[store.Status]int{}
	for _, c := range sum.Clients {
		statuses[c.Status]++
	}
	var parts []string
	for _, st := range store.Statuses {
		if n := statuses[st]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, e.status(st)))
		}
	}
	got := sum.Clients
	if dryRun {
		fmt.Fprintln(e.stdout, e.N("count.import.would_import", len(got), strings.Join(parts, ", "), file))
		e.reportUnknownOutcome(sum.UnknownOutcome)
		fmt.Fprintln(e.stdout, e.T("cmd.import.nothing_was_imported_dry_run"))
		return
	}
	fmt.Fprintln(e.stdout, e.N("count.import.imported", len(got), strings.Join(parts, ", "), file))
	e.reportUnknownOutcome(sum.UnknownOutcome)
}

// reportUnknownOutcome names the lines of closed trajectories imported
// without an outcome, for the coach to complete.
func (e *env) reportUnknownOutcome(lines []int) {
	if len(lines) == 0 {
		return
	}
	nums := make([]string, len(lines))
	for i, l := range lines {
		nums[i] = strconv.Itoa(l)
	}
	fmt.Fprintln(e.stdout, e.N("count.import.unknown_outcome", len(lines), strings.Join(nums, ", ")))
}
