// Package cmd is caseload's command line: flags, subcommands and the wiring
// of crypt, store and tui. It holds no business logic of its own.
package cmd

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/caseload/caseload/tui"
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
	readSecret func() (string, error)
	// workFactor is scrypt's; 0 means crypt's default. Tests lower it.
	workFactor int

	// Set by the global flags.
	vaultDir  string
	lang      string
	passFile  string
	lockAfter time.Duration
}

// Main runs caseload with the given arguments and returns the exit code.
func Main(args []string) int {
	disableCoreDumps()
	return run(args, &env{
		stdin:  os.Stdin,
		stdout: os.Stdout,
		stderr: os.Stderr,
		getenv: os.Getenv,
		clock:  time.Now,
		tty:    func() bool { return term.IsTerminal(int(os.Stdin.Fd())) },
		readSecret: func() (string, error) {
			b, err := term.ReadPassword(int(os.Stdin.Fd()))
			return string(b), err
		},
	})
}

// command is one subcommand.
type command struct {
	name  string
	usage string // after "caseload NAME"
	help  string
	run   func(e *env, args []string) error
}

func commands() []command {
	return []command{
		{"init", "", "create a new vault and show its recovery key", runInit},
		{"verify", "", "decrypt the vault, check its integrity and print what it holds", runVerify},
		{"list", "[--json]", "list the clients", runList},
		{"deadlines", "[--json]", "print everything due, soonest first: retention, requests, breaches", runDeadlines},
		{"retention", "[--json] [--purge [--yes]]", "list retention countdowns; --purge shows what is due, --yes erases it", runRetention},
		{"register", "[--out FILE]", "write the record of processing activities (Markdown; FILE.md and FILE.html)", runRegister},
		{"passwd", "", "change the passphrase", runPasswd},
		{"recover", "", "open the vault with the recovery key and set a new passphrase", runRecover},
		{"backup", "[--out FILE]", "write the whole vault, documents and key included, to one encrypted file", runBackup},
		{"restore", "FILE [--vault DIR] [--force]", "put a backup back into an empty folder (--force: move the vault there aside; --recovery-file KEY when the passphrase is lost)", runRestore},
		{"export", "CLIENT [--recipient KEY|--plain]", "write a client's dossier, sealed with a fresh passphrase or to KEY (--all, --out FILE, --to NAME --basis B)", runExport},
		{"import", "FILE [--dry-run]", "read a dossier (.zip.age, .zip; --identity FILE) or a client list (.csv) into the vault", runImport},
		{"demo", "", "open caseload on a throwaway vault of invented clients", runDemo},
	}
}

// errUsage marks an error in how caseload was called.
var errUsage = errors.New("usage")

func run(args []string, e *env) int {
	fs := flag.NewFlagSet("caseload", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&e.vaultDir, "vault", "", "")
	fs.StringVar(&e.lang, "lang", "", "")
	fs.StringVar(&e.passFile, "passphrase-file", "", "")
	fs.DurationVar(&e.lockAfter, "lock-after", 5*time.Minute, "")
	help := fs.Bool("help", false, "")
	fs.BoolVar(help, "h", false, "")
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		return e.fail(fmt.Errorf("%w: %v", errUsage, err))
	}
	if _, ok := tui.ParseLang(e.lang); e.lang != "" && !ok {
		bad := e.lang
		e.resolve()
		return e.fail(fmt.Errorf("%w: --lang takes nl or en, not %q", errUsage, bad))
	}
	e.resolve()
	if *help {
		e.printUsage(e.stdout)
		return exitOK
	}
	rest := fs.Args()
	if len(rest) == 0 {
		return e.report(runTUI(e))
	}
	if rest[0] == "help" {
		e.printUsage(e.stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == rest[0] {
			return e.report(c.run(e, rest[1:]))
		}
	}
	return e.fail(fmt.Errorf("%w: unknown command %q", errUsage, rest[0]))
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
	e.lang = string(tui.DetectLang(e.getenv, e.lang))
}

func (e *env) report(err error) int {
	if err == nil {
		return exitOK
	}
	return e.fail(err)
}

// fail prints err in age's voice: "caseload: error: …" then a hint.
func (e *env) fail(err error) int {
	msg, hint := e.explain(err)
	fmt.Fprintf(e.stderr, "caseload: error: %s\n", msg)
	if hint != "" {
		fmt.Fprintf(e.stderr, "caseload: hint: %s\n", hint)
	}
	if errors.Is(err, errUsage) {
		fmt.Fprintf(e.stderr, "caseload: hint: %s\n", e.t("run 'caseload help' for the commands", "voer 'caseload help' uit voor de opdrachten"))
		return exitUsage
	}
	return exitError
}

func (e *env) printUsage(w io.Writer) {
	fmt.Fprintf(w, "%s\n\n", e.t("caseload keeps your whole caseload in one encrypted vault.",
		"caseload bewaart je hele caseload in één versleutelde kluis."))
	fmt.Fprintf(w, "%s\n", e.t("Usage:", "Gebruik:"))
	fmt.Fprintf(w, "  caseload [--vault DIR] [--lang nl|en]            %s\n", e.t("open caseload", "open caseload"))
	for _, c := range commands() {
		fmt.Fprintf(w, "  caseload %-40s %s\n", strings.TrimSpace(c.name+" "+c.usage), c.help)
	}
	fmt.Fprintf(w, "\n%s\n", e.t("Options:", "Opties:"))
	fmt.Fprintf(w, "  --vault DIR             %s (%s)\n", e.t("the vault folder", "de map van de kluis"), e.vaultDir)
	fmt.Fprintf(w, "  --lang nl|en            %s\n", e.t("the language (default: from the locale)", "de taal (standaard: van het systeem)"))
	fmt.Fprintf(w, "  --lock-after 5m         %s\n", e.t("lock the vault after this long without a key press", "vergrendel de kluis na zo lang zonder toetsaanslag"))
	fmt.Fprintf(w, "  --passphrase-file FILE  %s\n", e.t("read the passphrase from FILE, for scripts (also CASELOAD_PASSPHRASE_FILE)",
		"lees de wachtwoordzin uit FILE, voor scripts (ook CASELOAD_PASSPHRASE_FILE)"))
}

// t picks the English or the Dutch text.
func (e *env) t(en, nl string) string {
	if e.lang == "nl" {
		return nl
	}
	return en
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
