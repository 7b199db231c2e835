// Package cmd is caseload's command line: flags, subcommands and the wiring
// of crypt, store and tui. It holds no business logic of its own.
//
// The command line is spf13/cobra, one file per command (init.go,
// export.go, …), each a new…Cmd function that binds its options and
// calls the command's run function. The options every command takes
// (--vault, --lang, --passphrase-file, --lock-after) are persistent flags
// of the root, so they go before or after the command and its arguments.
// Help, usage and errors are in the user's language (help.go); errors are
// printed in age's voice by fail.
package cmd

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/caseload/caseload/crypt"
	"github.com/caseload/caseload/msg"
	"github.com/caseload/caseload/termsafe"
)

// Exit codes, as age uses them.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// env is everything a command touches of the world, so tests can run the
// whole command line in-process.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	clock  func() time.Time
	// tty reports whether the passphrase can be asked on a terminal.
	tty func() bool
	// readSecret reads a line from the terminal without echo.
	readSecret func() ([]byte, error)
	// workFactor is scrypt's; 0 means crypt's default. Tests lower it.
	workFactor int
	// keyTimeout is how long a security key may take to answer; 0 means
	// crypt's default. Tests lower it.
	keyTimeout time.Duration
	// keyUI answers a security key's plugin; nil means the terminal.
	keyUI crypt.KeyPrompter

	// Set by the global flags.
	vaultDir  string
	lang      string
	passFile  string
	lockAfter time.Duration
	langFlag  string

	// args is the command line as typed, for the corrected command in a
	// usage error's hint.
	args []string

	// acceptOlder takes a vault older than this laptop last saved as
	// current (the rollback warning's third choice).
	acceptOlder bool
	// keepOlder keeps such a vault open in older, refused, for the TUI to
	// ask the coach what to do with it.
	keepOlder bool
	older     *session
}

// Main runs caseload with the given arguments and returns the exit code.
func Main(args []string) int {
	disableCoreDumps()
	return run(args, &env{
		stdin:      os.Stdin,
		stdout:     os.Stdout,
		stderr:     os.Stderr,
		getenv:     os.Getenv,
		clock:      time.Now,
		tty:        func() bool { return term.IsTerminal(int(os.Stdin.Fd())) },
		readSecret: func() ([]byte, error) { return term.ReadPassword(int(os.Stdin.Fd())) },
	})
}

// errUsage marks an error in how caseload was called.
var errUsage = errors.New("usage")

// usageError is a mistake in how caseload was called: what is wrong, and
// where the mistake is obvious, the command as it was probably meant.
type usageError struct {
	msg string
	// fixed is the corrected command line, without "caseload".
	fixed []string
	// cmd is the command whose help the hint names ("" for the root).
	cmd string
}

func (u *usageError) Error() string { return u.msg }

// Is makes every usageError an errUsage.
func (u *usageError) Is(target error) bool { return target == errUsage }

func run(args []string, e *env) int {
	// Every line a command prints may quote the vault or its input (a
	// client's name, a file name): whatever a line forgot to escape is
	// escaped here, once, before it reaches the terminal.
	out, errOut := termsafe.NewWriter(e.stdout), termsafe.NewWriter(e.stderr)
	defer out.Flush()
	defer errOut.Flush()
	e.stdout, e.stderr = out, errOut
	e.args = args
	// The help texts are built before the flags are parsed, so the
	// language comes from a first look at the arguments.
	e.lang = peekLang(args)
	e.resolve()
	root := newRootCmd(e)
	root.SetArgs(append([]string{}, args...))
	if err := root.Execute(); err != nil {
		return e.fail(err)
	}
	return exitOK
}

// newRootCmd is the whole command line: the root opens the screens, the
// subcommands do one thing each.
func newRootCmd(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "caseload",
		Short: e.T("help.main.caseload_keeps_your_whole_caseload"),
		Long:  e.T("help.main.caseload_keeps_your_whole_caseload_2"),
		Args: func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return e.unknownCommand(c, args[0])
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error { return runTUI(e) },
		PersistentPreRunE: func(c *cobra.Command, args []string) error {
			return e.checkGlobal()
		},
		SilenceErrors: true,
		// cobra's default is 0 until it looks for suggestions itself.
		SuggestionsMinimumDistance: 2,
		SilenceUsage:               true,
		CompletionOptions:          cobra.CompletionOptions{DisableDefaultCmd: true},
	}
	pf := root.PersistentFlags()
	pf.StringVar(&e.vaultDir, "vault", e.vaultDir, e.T("help.main.the_vault_is_in_dir"))
	pf.StringVar(&e.langFlag, "lang", "", e.T("help.main.the_language_nl_or_en"))
	pf.StringVar(&e.passFile, "passphrase-file", e.passFile, e.T("help.main.read_the_passphrase_from_file"))
	pf.DurationVar(&e.lockAfter, "lock-after", 5*time.Minute, e.T("help.main.lock_the_vault_after_duration"))
	pf.BoolVar(&e.acceptOlder, "accept-older", false, e.T("help.main.take_a_vault_older_than"))
	pf.BoolP("help", "h", false, e.T("help.main.show_this_help"))
	root.SetFlagErrorFunc(e.flagError)
	root.SetHelpFunc(func(c *cobra.Command, _ []string) { e.printHelp(c) })
	root.SetUsageFunc(func(c *cobra.Command) error { e.printUsage(c.OutOrStdout(), c); return nil })
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetIn(e.stdin)
	root.AddCommand(
		newInitCmd(e),
		newVerifyCmd(e),
		newListCmd(e),
		newAgendaCmd(e),
		newDeadlinesCmd(e),
		newErasuresCmd(e),
		newRetentionCmd(e),
		newRegisterCmd(e),
		newSettingsCmd(e),
		newPasswdCmd(e),
		newRecoverCmd(e),
		newBackupCmd(e),
		newRestoreCmd(e),
		newRecoverImageCmd(e),
		newExportCmd(e),
		newPrintCmd(e),
		newImportCmd(e),
		newInvoiceCmd(e),
		newDemoCmd(e),
		newVersionCmd(e),
		newCompletionCmd(e),
	)
	root.SetHelpCommand(newHelpCmd(e))
	return root
}

// checkGlobal checks the global options once cobra has parsed them, and
// fills what they left open from the environment.
func (e *env) checkGlobal() error {
	if _, ok := msg.ParseLang(e.langFlag); e.langFlag != "" && !ok {
		return &usageError{msg: e.Tf("cmd.main.lang_takes_nl_or_en", e.langFlag)}
	}
	e.lang = e.langFlag
	e.resolve()
	return nil
}

// peekLang finds --lang in args before cobra parses them, so that help
// and usage errors are in that language; "" if it is not there.
func peekLang(args []string) string {
	for i, a := range args {
		switch {
		case a == "--":
			return ""
		case a == "--lang" && i+1 < len(args):
			if _, ok := msg.ParseLang(args[i+1]); ok {
				return args[i+1]
			}
		case len(a) > 7 && a[:7] == "--lang=":
			if _, ok := msg.ParseLang(a[7:]); ok {
				return a[7:]
			}
		}
	}
	return ""
}

// resolve fills what the flags left open from the environment.
func (e *env) resolve() {
	if e.vaultDir == "" {
		e.vaultDir = e.getenv("CASELOAD_VAULT")
	}
	if e.vaultDir == "" {
		e.vaultDir = defaultVaultDir(e.getenv)
	}
	if e.passFile == "" {
		e.passFile = e.getenv("CASELOAD_PASSPHRASE_FILE")
	}
	e.lang = string(msg.DetectLang(e.getenv, e.lang))
}

// fail prints err in age's voice: "caseload: error: …" then a hint, and
// returns the exit code: 2 for a mistake in how caseload was called, 1
// for anything else.
func (e *env) fail(err error) int {
	msg, hint := e.explain(err)
	fmt.Fprintf(e.stderr, "caseload: error: %s\n", msg)
	if hint != "" {
		fmt.Fprintf(e.stderr, "caseload: hint: %s\n", hint)
	}
	if !errors.Is(err, errUsage) {
		return exitError
	}
	var u *usageError
	if errors.As(err, &u) && u.fixed != nil {
		fmt.Fprintf(e.stderr, "caseload: hint: %s\n", e.T("cmd.main.did_you_mean"))
		fmt.Fprintf(e.stderr, "caseload: hint:     %s\n", shellLine(append([]string{"caseload"}, u.fixed...)))
	}
	help := "caseload help"
	if u != nil && u.cmd != "" {
		help += " " + u.cmd
	}
	fmt.Fprintf(e.stderr, "caseload: hint: %s\n", e.Tf("cmd.main.run_s_for_how_to", help))
	return exitUsage
}

// T is the text for key in the user's language; Tf formats it with args,
// N is a counted text for n (see package msg, which owns every text).
func (e *env) T(key string) string { return e.printer().T(key) }

// Tf is T formatted with args, as fmt.Sprintf does.
func (e *env) Tf(key string, args ...any) string { return e.printer().Tf(key, args...) }

// N is the counted text for key in the form n asks for, with args after n.
func (e *env) N(key string, n int, args ...any) string { return e.printer().N(key, n, args...) }

// Noun is the counted text for key in the form n asks for, unformatted.
func (e *env) Noun(key string, n int) string { return e.printer().Noun(key, n) }

func (e *env) printer() msg.Printer { return msg.For(msg.Lang(e.lang)) }

// writeJSON writes v as indented JSON to stdout, with every character a
// terminal would obey written as a JSON escape (see termsafe.JSON): a
// script reads the same values, a terminal shows them.
func (e *env) writeJSON(v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding JSON: %w", err)
	}
	_, err = e.stdout.Write(append(termsafe.JSON(b), '\n'))
	return err
}

// defaultVaultDir is the OS's place for an application's own data.
func defaultVaultDir(getenv func(string) string) string {
	home, _ := os.UserHomeDir()
	switch runtime.GOOS {
	case "windows":
		if d := getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, "caseload")
		}
	case "darwin":
		return filepath.Join(home, "Library", "Application Support", "caseload")
	default:
		if d := getenv("XDG_DATA_HOME"); d != "" {
			return filepath.Join(d, "caseload")
		}
	}
	return filepath.Join(home, ".local", "share", "caseload")
}
