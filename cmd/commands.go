package cmd

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/caseload/caseload/crypt"
	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/termsafe"
)

func runInit(e *env) error {
	if ok, err := crypt.Exists(e.vaultDir); err != nil {
		return err
	} else if ok {
		return fmt.Errorf("%w in %s", crypt.ErrVaultExists, e.vaultDir)
	}
	p, err := e.newPassphrase(e.passFile)
	if err != nil {
		return err
	}
	defer clear(p)
	fmt.Fprintln(e.stderr, e.T("cmd.commands.creating_the_vault_keys"))
	s, recovery, err := e.createSecret(context.Background(), p)
	if err != nil {
		return err
	}
	defer s.Close()
	fmt.Fprintf(e.stdout, "%s %s\n\n", e.T("cmd.commands.vault_created_in"), e.vaultDir)
	e.showRecovery(e.stdout, recovery)
	return nil
}

// showRecovery prints the recovery key with what to do with it. It is
// shown once: caseload keeps no copy it could show again.
func (e *env) showRecovery(w io.Writer, key string) {
	fmt.Fprintln(w, e.T("cmd.commands.your_recovery_key_shown_only"))
	fmt.Fprintln(w)
	fmt.Fprintln(w, key)
	fmt.Fprintln(w)
	fmt.Fprintln(w, e.T("cmd.commands.print_it_or_store_it"))
}

func runVerify(e *env) error {
	ctx := context.Background()
	s, err := e.look(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.IntegrityCheck(ctx); err != nil {
		return err
	}
	n, err := s.Counts(ctx)
	if err != nil {
		return err
	}
	docs, err := s.VerifyDocuments(ctx, s.vault.Blobs())
	if err != nil {
		return err
	}
	if len(docs.Problems) > 0 {
		if changed, err := s.vault.Changed(); err == nil && changed {
			return errChangedWhileReading
		}
		e.printDocumentProblems(docs.Problems)
		return &documentsError{problems: docs.Problems}
	}
	fmt.Fprintf(e.stdout, "%s: %s\n", e.vaultDir, e.T("cmd.commands.vault_ok"))
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, l := range []struct {
		key, more string
		n         int
	}{
		{"count.verify.clients", "", n.Clients},
		{"count.verify.records", "", n.Records},
		{"count.verify.appointments", "", n.Appointments},
		{"count.verify.documents", e.T("cmd.commands.each_opened"), n.Attachments},
		{"count.verify.audit_lines", "", n.AuditEntries},
	} {
		fmt.Fprintf(tw, "%d\t %s%s\n", l.n, e.Noun(l.key, l.n), l.more)
	}
	fmt.Fprintf(tw, "%d\t %s\n", n.ImageBytes/1024, "database KiB")
	if err := tw.Flush(); err != nil {
		return err
	}
	why := e.T("cmd.commands.no_document_refers_to_it")
	if s.vault.InUse() {
		why = e.T("cmd.commands.no_document_refers_to_it_2")
	}
	for _, id := range docs.Orphans {
		fmt.Fprintf(e.stdout, "%s files/%s.age: %s\n", e.T("cmd.commands.orphan"), id, why)
	}
	return nil
}

// documentsError is a verify that found documents missing or damaged.
type documentsError struct{ problems []store.DocumentProblem }

func (e *documentsError) Error() string {
	return fmt.Sprintf("%d documents missing or damaged", len(e.problems))
}

// listedClient is one client in `caseload list --json`: a stable shape
// for scripts.
type listedClient struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Status string `json:"status"`
	Start  string `json:"start,omitempty"`
	End    string `json:"end,omitempty"`
}

func runList(e *env, asJSON bool) error {
	ctx := context.Background()
	s, err := e.look(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	rows, err := s.ListClients(ctx)
	if err != nil {
		return err
	}
	out := make([]listedClient, 0, len(rows))
	for _, r := range rows {
		out = append(out, listedClient{ID: r.ID, Name: r.Name, Status: string(r.Status),
			Start: isoDate(r.Start), End: isoDate(r.End)})
	}
	if asJSON {
		return e.writeJSON(out)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, e.T("cmd.commands.id_name_status_start_end"))
	for _, c := range out {
		// Escaped here too (stdout escapes it anyway), so the columns
		// line up around a name holding control characters.
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", c.ID, termsafe.Line(c.Name), e.status(store.Status(c.Status)), c.Start, c.End)
	}
	return tw.Flush()
}

// statusKeys names the statuses in the catalogue.
var statusKeys = map[store.Status]string{store.StatusIntake: "cmd.status.intake", store.StatusActive: "cmd.status.active",
	store.StatusClosed: "cmd.status.closed", store.StatusRejected: "cmd.status.rejected"}

func (e *env) status(s store.Status) string {
	if k, ok := statusKeys[s]; ok {
		return e.T(k)
	}
	return string(s)
}

func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// passwd changes the passphrase, or (given keys to add or remove) the
// security keys bound to the vault under the same passphrase, or lists
// them.
func (e *env) passwd(newFile string, add []crypt.SecurityKey, remove string, list bool) error {
	old, err := e.passphrase()
	if err != nil {
		return err
	}
	defer clear(old)
	v, image, err := crypt.Open(e.vaultDir, old, e.cryptOptions())
	if err != nil {
		return err
	}
	clear(image)
	defer v.Close()
	if list {
		e.printKeys(v.SecurityKeys())
		return nil
	}
	if len(add) > 0 || remove != "" {
		keys, err := keysAfter(v.SecurityKeys(), add, remove)
		if err != nil {
			return err
		}
		pass := old
		if newFile != "" {
			if pass, err = e.newPassphrase(newFile); err != nil {
				return err
			}
			defer clear(pass)
		}
		if err := v.Rekey(pass, keys); err != nil {
			return err
		}
		e.printKeys(keys)
		return nil
	}
	p, err := e.newPassphrase(newFile)
	if err != nil {
		return err
	}
	defer clear(p)
	if err := v.Rekey(p, v.SecurityKeys()); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, e.T("cmd.commands.passphrase_changed_the_recovery_key"))
	return nil
}

// printKeys says which security keys the vault needs now.
func (e *env) printKeys(keys []crypt.SecurityKey) {
	if len(keys) == 0 {
		fmt.Fprintln(e.stdout, e.T("cmd.commands.the_vault_opens_with_the"))
		return
	}
	fmt.Fprintln(e.stdout, e.T("cmd.commands.the_vault_opens_with_the_2"))
	for i, k := range keys {
		id := k.Recipient
		if id == "" {
			id = k.Identity
		}
		if len(id) > 40 {
			id = id[:40] + "…"
		}
		fmt.Fprintf(e.stdout, "  %d. %s  %s\n", i+1, safeText(k.Plugin), safeText(id))
	}
	fmt.Fprintln(e.stdout, e.T("cmd.commands.the_recovery_key_still_opens"))
}

// recover opens the vault with the recovery key, checked before anything
// else is asked, seals it under a new passphrase, and binds the new
// security keys, if any.
func (e *env) recover(keyFile, newFile string, add []crypt.SecurityKey) error {
	var key string
	var err error
	if keyFile != "" {
		key, err = readSecretFile(keyFile)
	} else {
		key, err = e.ask(e.T("cmd.commands.recovery_key"))
	}
	if err != nil {
		return err
	}
	if err := crypt.CheckRecoveryKey(e.vaultDir, key); err != nil {
		return err
	}
	p, err := e.newPassphrase(newFile)
	if err != nil {
		return err
	}
	defer clear(p)
	v, image, err := crypt.Recover(e.vaultDir, strings.TrimSpace(key), p, e.cryptOptions())
	if err != nil {
		return err
	}
	clear(image)
	defer v.Close()
	fmt.Fprintln(e.stdout, e.T("cmd.commands.the_vault_is_open_again"))
	if len(add) > 0 {
		if err := v.Rekey(p, add); err != nil {
			return err
		}
		e.printKeys(add)
	}
	return nil
}
