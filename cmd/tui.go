package cmd

import (
	"context"
	"fmt"
	"os"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/crypt"
	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/store/sample"
	"github.com/caseload/caseload/tui"
)

// runTUI opens the caseload screens on the vault.
func runTUI(e *env) error { return runTUIHint(e, "") }

// runTUIHint is runTUI with hint shown under the passphrase field: the
// demo's passphrase, never a real one.
func runTUIHint(e *env, hint string) error {
	m := tui.New(tui.Config{
		Backend:    backend{e},
		Lang:       tui.Lang(e.lang),
		Clock:      e.clock,
		IdleLock:   e.lockAfter,
		UnlockHint: hint,
	})
	final, err := newProgram(m, tea.WithAltScreen()).Run()
	// Said after the alternate screen is gone, so it stays on the terminal.
	if f, ok := final.(tui.Model); ok && f.Farewell() != "" {
		fmt.Fprintln(e.stderr, f.Farewell())
	}
	return err
}

// newProgram is the Bubble Tea program for m, titled before it starts:
// set then, the title is written before the renderer draws, where a
// tea.SetWindowTitle command would race the drawing.
func newProgram(m tea.Model, opts ...tea.ProgramOption) *tea.Program {
	p := tea.NewProgram(m, opts...)
	//lint:ignore SA1019 the command races the renderer (see above); the method writes before it starts.
	p.SetWindowTitle(tui.WindowTitle)
	return p
}

// demoPassphrase opens the demo vault; it is printed before the demo starts.
const demoPassphrase = "oefenen met caseload"

// runDemo opens caseload on a throwaway vault of invented clients in a
// temporary folder, removed again when caseload quits.
func runDemo(e *env, clients int) error {
	dir, err := os.MkdirTemp("", "caseload-demo-")
	if err != nil {
		return fmt.Errorf("making the demo folder: %w", err)
	}
	defer os.RemoveAll(dir)
	e.vaultDir = dir
	if err := e.makeDemo(clients); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "%s\n\n    %s\n\n%s\n", e.t("Demo vault of invented clients. Passphrase:", "Demokluis met verzonnen cliënten. Wachtwoordzin:"),
		demoPassphrase, e.t("(the demo vault is removed when you quit)", "(de demokluis verdwijnt als je afsluit)"))
	if !e.tty() {
		return nil
	}
	return runTUIHint(e, e.t("Demo vault — passphrase: ", "Demokluis — wachtwoordzin: ")+demoPassphrase)
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
