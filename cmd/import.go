package cmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/caseload/caseload/crypt"
	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/store/dossier"
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

func runImport(e *env, args []string) error {
	fs := flags("import")
	dryRun := fs.Bool("dry-run", false, "")
	identity := fs.String("identity", "", "")
	passFile := fs.String("dossier-passphrase-file", "", "")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return fmt.Errorf("%w: import needs one file: a dossier (.zip.age, .zip) or a client list (.csv)", errUsage)
	}
	file := rest[0]
	data, sealing, err := crypt.ReadExport(file)
	switch {
	case errors.Is(err, crypt.ErrNotExport):
		return e.importList(file, data, *dryRun)
	case err != nil:
		return err
	}
	zipData, err := e.openDossier(data, sealing, *passFile, *identity)
	if err != nil {
		return err
	}
	in, err := dossier.Read(zipData)
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(file), err)
	}
	ctx := context.Background()
	s, err := e.unlock(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	bundles := []store.ClientBundle{in.Bundle}
	b := in.Bundle
	counts := e.t(fmt.Sprintf("%d records, %d appointments, %d documents", len(b.Records), len(b.Appointments), len(b.Documents)),
		fmt.Sprintf("%d verslagen, %d afspraken, %d documenten", len(b.Records), len(b.Appointments), len(b.Documents)))
	if *dryRun {
		if _, err := s.CheckImport(ctx, bundles); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s %s (%s)\n%s\n", e.t("Would import", "Zou inlezen:"), b.Client.Name(), counts,
			e.t("Nothing was imported (--dry-run).", "Er is niets ingelezen (--dry-run)."))
		return nil
	}
	got, err := s.ImportClients(ctx, bundles)
	if err != nil && len(got) == 0 {
		return err
	}
	fmt.Fprintf(e.stdout, "%s %d: %s (%s)\n", e.t("Imported as client", "Ingelezen als cliënt"), got[0].ID,
		got[0].Name(), counts)
	if len(in.Dossier.Consents)+len(in.Dossier.Disclosures)+len(in.Dossier.Requests)+len(in.Dossier.Invoices) > 0 {
		fmt.Fprintln(e.stderr, e.t(
			"The consents, disclosures, requests and invoices of the exporting practice stay with it and were not imported.",
			"De toestemmingen, verstrekkingen, verzoeken en facturen van de praktijk die exporteerde blijven daar en zijn niet ingelezen."))
	}
	return err
}

// openDossier returns the zip inside a dossier file, asking for what
// opens it.
func (e *env) openDossier(data []byte, sealing crypt.ExportSealing, passFile, identityFile string) ([]byte, error) {
	var pass, id string
	switch sealing {
	case crypt.SealedPlain:
		return data, nil
	case crypt.SealedKey:
		if identityFile == "" {
			return nil, errNeedIdentity
		}
		b, err := os.ReadFile(identityFile)
		if err != nil {
			return nil, fmt.Errorf("reading the identity file: %w", err)
		}
		id = string(b)
	case crypt.SealedPassphrase:
		var err error
		switch {
		case passFile != "":
			pass, err = readSecretFile(passFile)
		case e.tty():
			pass, err = e.ask(e.t("Passphrase of the dossier: ", "Wachtwoordzin van het dossier: "))
		default:
			err = errNoDossierPassphrase
		}
		if err != nil {
			return nil, err
		}
		pass = strings.TrimSpace(pass)
	}
	zip, err := crypt.OpenExport(data, pass, id)
	if errors.Is(err, crypt.ErrDamaged) {
		// Not the vault's damage: the coach must hear about the file.
		return nil, fmt.Errorf("%w: %v", errDossierDamaged, err)
	}
	return zip, err
}

// errDossierDamaged is a dossier file that fails authentication or is cut
// short.
var errDossierDamaged = errors.New("the dossier file is damaged")

// importList imports a client list.
func (e *env) importList(file string, data []byte, dryRun bool) error {
	l, err := dossier.ReadClientList(bytes.NewReader(data), filepath.Base(file), e.lang)
	if err != nil {
		return err
	}
	ctx := context.Background()
	s, err := e.unlock(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if len(l.Ignored) > 0 {
		fmt.Fprintf(e.stderr, "%s %s\n", e.t("Not imported (unknown columns):", "Niet ingelezen (onbekende kolommen):"),
			strings.Join(l.Ignored, ", "))
	}
	var got []store.Client
	if dryRun {
		got, err = s.CheckImport(ctx, l.Bundles)
	} else {
		got, err = s.ImportClients(ctx, l.Bundles)
	}
	if err != nil && len(got) == 0 {
		return l.Explain(err)
	}
	statuses := map[store.Status]int{}
	for _, c := range got {
		statuses[c.Status]++
	}
	var parts []string
	for _, st := range store.Statuses {
		if n := statuses[st]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, e.status(st)))
		}
	}
	if dryRun {
		fmt.Fprintf(e.stdout, "%s %d %s (%s) %s %s\n%s\n", e.t("Would import", "Zou"), len(got),
			e.t("clients", "cliënten inlezen"), strings.Join(parts, ", "), e.t("from", "uit"), filepath.Base(file),
			e.t("Nothing was imported (--dry-run).", "Er is niets ingelezen (--dry-run)."))
		return nil
	}
	fmt.Fprintf(e.stdout, "%s %d %s (%s) %s %s\n", e.t("Imported", "Ingelezen:"), len(got), e.t("clients", "cliënten"),
		strings.Join(parts, ", "), e.t("from", "uit"), filepath.Base(file))
	return err
}
