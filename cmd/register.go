package cmd

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/caseload/caseload/msg"
	"github.com/caseload/caseload/plainfile"
	"github.com/caseload/caseload/register"
)

// newRegisterCmd is `caseload register`.
func newRegisterCmd(e *env) *cobra.Command {
	var out string
	c := &cobra.Command{
		Use:   "register",
		Short: e.T("help.register.write_the_record_of_processing"),
		Args:  e.noArgs,
		RunE:  func(*cobra.Command, []string) error { return runRegister(e, out) },
	}
	c.Flags().StringVar(&out, "out", "", e.T("help.register.write_file_md_and_file"))
	return c
}

// runRegister writes the record of processing activities (AVG art. 30):
// as Markdown to stdout, or with --out FILE as FILE.md and a
// self-contained FILE.html, in the language of --lang. It only looks at
// the vault (see look). Practice details still empty are named on stderr:
// the register is incomplete without them.
func runRegister(e *env, out string) error {
	ctx := context.Background()
	s, err := e.look(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	facts, err := s.Register(ctx)
	if err != nil {
		return err
	}
	doc := register.New(facts, msg.Lang(e.lang))
	md, err := doc.Markdown()
	if err != nil {
		return fmt.Errorf("writing the register: %w", err)
	}
	if len(doc.Missing) > 0 {
		missing := make([]string, len(doc.Missing))
		for i, m := range doc.Missing {
			missing[i] = m
			if k, ok := practiceFields[m]; ok {
				missing[i] = e.T(k)
			}
		}
		defer fmt.Fprintf(e.stderr, "caseload: hint: %s\n", e.Tf("cmd.register.the_register_is_incomplete_fill",
			strings.Join(missing, ", ")))
	}
	if out == "" {
		_, err := e.stdout.Write(md)
		return err
	}
	html, err := doc.HTML()
	if err != nil {
		return fmt.Errorf("writing the register: %w", err)
	}
	// "register", "register.md" and "register.html" all name the pair.
	base := out
	if ext := filepath.Ext(base); ext == ".md" || ext == ".html" {
		base = strings.TrimSuffix(base, ext)
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{base + ".md", md}, {base + ".html", html}} {
		// The register names no client, but it is the practice's own
		// paper: written like every file caseload leaves in the clear.
		if err := plainfile.Write(f.name, f.data); err != nil {
			return fmt.Errorf("writing the register: %w", err)
		}
		fmt.Fprintf(e.stdout, "%s %s\n", e.T("cmd.export.written"), f.name)
	}
	return nil
}

// practiceFields names the practice settings the register needs, by the
// field names of register.Doc.Missing.
var practiceFields = map[string]string{
	"name":        "cmd.register.field_name",
	"address":     "cmd.register.field_address",
	"email":       "cmd.register.field_email",
	"purposes":    "cmd.register.field_purposes",
	"legal_bases": "cmd.register.field_legal_bases",
}
