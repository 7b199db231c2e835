package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/caseload/caseload/crypt"
	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/store/sample"
	"github.com/caseload/caseload/tui"
)

// runTUI opens the caseload screens on the vault.
func runTUI(e *env) error { return runTUIHint(e, "", false) }

// runTUIHint is runTUI with hint shown under the passphrase field: the
// demo's passphrase, never a real one. A demo's vault is removed when it
// ends, so unsaved text does not come back and the farewell says so.
func runTUIHint(e *env, hint string, demo bool) error {
	m := tui.New(tui.Config{
		Backend:    backend{e},
		Lang:       tui.Lang(e.lang),
		Clock:      e.clock,
		IdleLock:   e.lockAfter,
		UnlockHint: hint,
	})
	final, err := newProgram(m, os.Stdout, tea.WithAltScreen()).Run()
	// Said after the alternate screen is gone, so it stays on the terminal.
	if f, ok := final.(tui.Model); ok && f.Farewell() != "" {
		if demo {
			fmt.Fprintln(e.stderr, e.T("cmd.tui.demo_drafts_removed"))
		} else {
			fmt.Fprintln(e.stderr, f.Farewell())
		}
	}
	return err
}

// newProgram is the Bubble Tea program for m drawing on out, with the
// window's title written first: written before the program starts, it
// cannot race the renderer's drawing, as a tea.SetWindowTitle command
// does (bubbletea writes that outside its renderer's lock).
func newProgram(m tea.Model, out io.Writer, opts ...tea.ProgramOption) *tea.Program {
	io.WriteString(out, ansi.SetWindowTitle(tui.WindowTitle))
	return tea.NewProgram(m, append(opts, tea.WithOutput(out))...)
}

// demoPassphrase opens the demo vault; it is printed before the demo starts.
const demoPassphrase = "oefenen met caseload"

// runDemo opens caseload on a throwaway vault of invented clients in a
// temporary folder, removed again when caseload quits.
func runDemo(e *env, clients int) (err error) {
	dir, err := os.MkdirTemp("", "caseload-demo-")
	if err != nil {
		return fmt.Errorf("making the demo folder: %w", err)
	}
	defer func() { err = errors.Join(err, removeDemo(dir, os.RemoveAll)) }()
	e.vaultDir = dir
	if err := e.makeDemo(clients); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "%s\n\n    %s\n\n%s\n", e.T("cmd.tui.demo_vault_of_invented_clients"),
		demoPassphrase, e.T("cmd.tui.the_demo_vault_is_removed"))
	if !e.tty() {
		return nil
	}
	return runTUIHint(e, e.T("cmd.tui.demo_vault_passphrase")+demoPassphrase, true)
}

// makeDemo creates a vault in e.vaultDir and fills it with invented
// clients, sealing once at the end rather than after every write.
func (e *env) makeDemo(clients int) error {
	ctx := context.Background()
	v, _, err := crypt.Create(e.vaultDir, demoPassphrase, e.cryptOptions())
	if err != nil {
		return err
	}
	defer v.Close()
	s, err := store.Open(ctx, nil, store.Options{Blobs: v.Blobs(), Clock: e.clock})
	if err != nil {
		return err
	}
	defer s.Close()
	if _, err := sample.Fill(ctx, s, sample.Options{Clients: clients, Seed: 2027, Lang: e.lang,
		Today: s.Today(), Documents: true}); err != nil {
		return fmt.Errorf("filling the demo vault: %w", err)
	}
	image, err := s.Image(ctx)
	if err != nil {
		return err
	}
	return v.Seal(image)
}

// errDemoLeft is a demo vault that could not be removed when the demo
// ended: invented clients only, but a folder the coach should know about.
var errDemoLeft = errors.New("the demo vault could not be removed")

// removeDemo removes the demo's folder with remove (os.RemoveAll), and
// says which folder was left when that fails (on Windows, a scanner or an
// indexer holding one of its files is enough).
func removeDemo(dir string, remove func(string) error) error {
	if err := remove(dir); err != nil {
		return fmt.Errorf("%w: %s: %w", errDemoLeft, dir, err)
	}
	return nil
}
