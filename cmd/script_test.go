package cmd

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/caseload/caseload/crypt"
	"github.com/caseload/caseload/store"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/caseload/caseload/internal/fakekey"
)

// testWorkFactor keeps scrypt fast in tests; the real default is 18.
const testWorkFactor = 10

func TestMain(m *testing.M) {
	// Every caseload after the first starts from the first one's image:
	// building the schema again costs a second under the race detector.
	store.KeepNewCaseloads()
	// This laptop's memory of vaults (crypt/state.go) goes to a folder of
	// the tests' own, never the tester's.
	var tm testscript.TestingM = m
	if os.Getenv(crypt.StateDirEnv) == "" {
		d, err := os.MkdirTemp("", "caseload-state-")
		if err != nil {
			panic(err)
		}
		os.Setenv(crypt.StateDirEnv, d)
		tm = cleanupM{m, d}
	}
	testscript.Main(tm, map[string]func(){
		"caseload": func() {
			e := &env{
				stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr,
				getenv: os.Getenv, clock: time.Now, workFactor: testWorkFactor,
				tty:        func() bool { return false },
				readSecret: func() ([]byte, error) { return nil, errNoTerminal },
			}
			os.Exit(run(os.Args[1:], e))
		},
		// A security key's plugin, speaking age's plugin protocol.
		"age-plugin-" + fakekey.Name: func() { os.Exit(fakekey.Main()) },
	})
}

// cleanupM removes the tests' state folder after the tests.
type cleanupM struct {
	m   *testing.M
	dir string
}

func (c cleanupM) Run() int {
	code := c.m.Run()
	os.RemoveAll(c.dir)
	return code
}

// TestScripts runs the command line as a coach or a script would, from
// the scripts in testdata/script.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("LANG", "en_GB.UTF-8")
			env.Setenv(crypt.StateDirEnv, filepath.Join(env.WorkDir, ".state"))
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// grabkey OUT: save the recovery key from the last stdout.
			"grabkey": func(ts *testscript.TestScript, neg bool, args []string) {
				key := regexp.MustCompile(`AGE-SECRET-KEY-PQ-1[0-9A-Z]+`).FindString(ts.ReadFile("stdout"))
				if key == "" {
					ts.Fatalf("no recovery key in stdout")
				}
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(key+"\n"), 0o600))
			},
			// newkey DEVICE OUT: make a security key's device file and
			// write its recipient to OUT.
			"newkey": func(ts *testscript.TestScript, neg bool, args []string) {
				rec, err := fakekey.NewDevice(ts.MkAbs(args[0]))
				ts.Check(err)
				ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(rec+"\n"), 0o600))
			},
			// filesize FILE N: the file has exactly N bytes (or not, with !).
			"sameas": func(ts *testscript.TestScript, neg bool, args []string) {
				a, b := ts.ReadFile(args[0]), ts.ReadFile(args[1])
				if (a == b) == neg {
					ts.Fatalf("%s and %s: equal=%v", args[0], args[1], a == b)
				}
			},
		},
	})
}

var _ = fmt.Sprint
