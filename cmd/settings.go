package cmd

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/caseload/caseload/plainfile"
	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/termsafe"
)

// newSettingsCmd is `caseload settings export|import`: the practice's own
// set-up as one JSON file, carried to a new laptop's fresh vault (see
// docs/settings.md).
func newSettingsCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "settings",
		Short: e.T("help.settings.short"),
		Args:  e.noArgs,
	}
	var out string
	var yes bool
	export := &cobra.Command{
		Use:   "export",
		Short: e.T("help.settings.export"),
		Args:  e.noArgs,
		RunE:  func(*cobra.Command, []string) error { return runSettingsExport(e, out, yes) },
	}
	export.Flags().StringVar(&out, "out", "", e.T("help.settings.out"))
	export.Flags().BoolVar(&yes, "yes", false, e.T("help.settings.yes"))
	imp := &cobra.Command{
		Use:   "import FILE",
		Short: e.T("help.settings.import"),
		Args:  cobra.ExactArgs(1),
		RunE:  func(_ *cobra.Command, args []string) error { return runSettingsImport(e, args[0]) },
	}
	c.AddCommand(export, imp)
	return c
}

// runSettingsExport writes the settings file: to stdout (where the coach
// chose the destination), or with --out through plainfile after a yes.
// The file names no client, but it is the practice's business (IBAN,
// funders' contracts, letters), and it is written in the clear, so it
// asks like every other plain file. It only looks at the vault.
func runSettingsExport(e *env, out string, yes bool) error {
	if out != "" {
		if err := e.confirmOut(true, yes); err != nil {
			return err
		}
	}
	ctx := context.Background()
	s, err := e.look(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	st, err := s.ExportSettings(ctx)
	if err != nil {
		return err
	}
	if out == "" {
		return e.writeJSON(st)
	}
	b, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding the settings: %w", err)
	}
	if err := plainfile.Write(out, append(b, '\n')); err != nil {
		return fmt.Errorf("writing the settings: %w", err)
	}
	fmt.Fprintf(e.stdout, "%s %s\n", e.T("cmd.export.written"), termsafe.Line(out))
	return nil
}

// runSettingsImport takes a settings file into the vault, all or nothing,
// and says per list what it added and updated. The file is read and
// checked before the vault is unlocked: a wrong file asks for nothing.
func runSettingsImport(e *env, file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("reading the settings: %w", err)
	}
	st, err := store.ParseSettings(data)
	if err != nil {
		return &settingsImportError{err}
	}
	ctx := context.Background()
	s, err := e.unlock(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	sum, err := s.ImportSettings(ctx, st)
	var ve *store.ValidationError
	var te *store.TemplateError
	if errors.As(err, &ve) || errors.As(err, &te) {
		return &settingsImportError{err}
	} else if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, e.T("cmd.settings.imported"))
	for _, sec := range store.SettingsSections() {
		fmt.Fprintf(e.stdout, "  %s\n", e.Tf("cmd.settings.line", e.T(settingsSections[sec]),
			sum.Added[sec], sum.Updated[sec], sum.Unchanged[sec]))
	}
	return nil
}

// settingsSections names the lists of an import's summary.
var settingsSections = map[string]string{
	"processors": "cmd.settings.processors",
	"recipients": "cmd.settings.recipients",
	"funders":    "cmd.settings.funders",
	"templates":  "cmd.settings.templates",
	"retention":  "cmd.settings.retention",
}

// settingsImportError is a settings file the vault refused: whatever
// the cause, nothing was imported, and the coach is told so.
type settingsImportError struct{ err error }

func (e *settingsImportError) Error() string { return "importing the settings: " + e.err.Error() }
func (e *settingsImportError) Unwrap() error { return e.err }

// explainSettings puts a refused settings file in the coach's words; ok
// is false for anything else.
func (e *env) explainSettings(err error) (msg, hint string, ok bool) {
	var se *settingsImportError
	if !errors.As(err, &se) {
		return "", "", false
	}
	var ve *store.ValidationError
	if errors.As(se.err, &ve) {
		if strings.HasPrefix(ve.Code, "settings.") {
			msg = ve.Text(e.lang)
		} else {
			msg = e.Tf("cmd.settings.refused", ve.Field, ve.Text(e.lang))
		}
	} else {
		msg, _ = e.explain(se.err)
	}
	return msg, e.T("cmd.settings.nothing_imported"), true
}
