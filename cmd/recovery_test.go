package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/caseload/caseload/store"
)

// recipeBlocks are the shell blocks of docs/recovery.md, in order.
func recipeBlocks(t *testing.T) []string {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join("..", "docs", "recovery.md"))
	if err != nil {
		t.Fatal(err)
	}
	var blocks []string
	for _, m := range regexp.MustCompile("(?s)```sh\n(.*?)```").FindAllStringSubmatch(string(doc), -1) {
		blocks = append(blocks, m[1])
	}
	if len(blocks) < 3 {
		t.Fatalf("docs/recovery.md has %d shell blocks, want the recipe, the document and recover-image", len(blocks))
	}
	return blocks
}

// recoveredRecord is a row of the recipe's query.
type recoveredRecord struct {
	ID     int64  `json:"id"`
	Client string `json:"client"`
	Title  string `json:"title"`
	Text   string `json:"text"`
}

// TestRecoveryRecipe runs docs/recovery.md with the real age and sqlite3
// on a vault caseload wrote, and checks that it gives every record's text
// exactly as caseload does: first from vault.age alone, then, with saves
// waiting in the journal, through recover-image. CI runs it through
// scripts/recovery-check, which makes a missing tool a failure.
func TestRecoveryRecipe(t *testing.T) {
	for _, tool := range []string{"age", "sqlite3", "bash"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CASELOAD_RECOVERY_CHECK") != "" {
				t.Fatalf("%s is not installed", tool)
			}
			t.Skipf("%s is not installed (scripts/recovery-check installs what it needs)", tool)
		}
	}
	blocks := recipeBlocks(t)
	recipe, imageStep := blocks[0], ""
	for _, b := range blocks {
		if strings.Contains(b, "recover-image") {
			imageStep = b
		}
	}
	query := ""
	for line := range strings.Lines(recipe) {
		if strings.HasPrefix(line, "sqlite3 ") {
			query = line
		}
	}
	if query == "" || !strings.Contains(imageStep, "recover-image") {
		t.Fatal("the recipe has no sqlite3 query, or no block runs recover-image")
	}

	dir := t.TempDir()
	vault, out := filepath.Join(dir, "vault"), filepath.Join(dir, "out")
	os.Mkdir(out, 0o700)
	const pass = "correct horse battery staple"
	passFile := filepath.Join(dir, "pass")
	os.WriteFile(passFile, []byte(pass+"\n"), 0o600)
	e := &env{vaultDir: vault, workFactor: testWorkFactor, clock: time.Now, passFile: passFile,
		stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: os.Getenv}
	ctx := context.Background()
	s, _, err := e.create(ctx, pass)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"Belde af.",
		strings.Repeat("Zoë wil haar mbo-diploma halen; daarna een hbo-opleiding in de zorg.\n", 30),
		"Regel één\nregel twee — met een cv’tje en \"aanhalingstekens\" en 'quotes'.\n" + strings.Repeat("Portfolio. ", 50),
	}
	for i, name := range []string{"Ayla Vermeer", "Noor Jansen"} {
		first, last, _ := strings.Cut(name, " ")
		c, err := s.CreateClient(ctx, store.Client{FirstName: first, LastName: last, Status: store.StatusActive})
		if err != nil {
			t.Fatal(err)
		}
		for j, text := range texts {
			if _, err := s.SaveRecord(ctx, store.Record{ClientID: c.ID, Kind: store.KindNote,
				Title: fmt.Sprintf("Gesprek %d", i*10+j), Body: text, Date: s.Today()}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := s.Close(); err != nil { // a session of edits: compacted into vault.age
		t.Fatal(err)
	}
	if n, _ := filepath.Glob(filepath.Join(vault, "journal", "*.age")); len(n) != 0 {
		t.Fatalf("the journal holds %d entries after a session of edits, want 0", len(n))
	}

	shell := func(script string) []byte {
		t.Helper()
		cmd := exec.Command("bash", "-e", "-o", "pipefail", "-c", script)
		cmd.Env = append(os.Environ(), "VAULT="+vault, "OUT="+out)
		cmd.Stdin = strings.NewReader(pass + "\n")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		got, err := cmd.Output()
		if err != nil {
			t.Fatalf("the recipe failed: %v\n%s", err, stderr.String())
		}
		return got
	}
	check := func(what string, got []byte) {
		t.Helper()
		var rows []recoveredRecord
		if err := json.Unmarshal(got, &rows); err != nil {
			t.Fatalf("%s: the query's output is not JSON: %v\n%s", what, err, got)
		}
		s, err := e.look(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		var want []recoveredRecord
		clients, _ := s.ListClients(ctx)
		for _, c := range clients {
			recs, err := s.Records(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range recs {
				want = append(want, recoveredRecord{ID: r.ID, Client: c.Name, Title: r.Title, Text: r.Body})
			}
		}
		if len(rows) != len(want) {
			t.Fatalf("%s: the recipe gives %d records, caseload %d", what, len(rows), len(want))
		}
		byID := map[int64]recoveredRecord{}
		for _, w := range want {
			byID[w.ID] = w
		}
		for _, r := range rows {
			if byID[r.ID] != r {
				t.Errorf("%s: record %d: the recipe gives %+v, caseload %+v", what, r.ID, r, byID[r.ID])
			}
		}
	}
	check("vault.age", shell(recipe))

	// One more save, left in the journal (a command making one change does
	// not compact): vault.age alone lacks it, recover-image has it.
	s2, err := e.open(ctx, pass)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s2.SaveRecord(ctx, store.Record{ClientID: 1, Kind: store.KindNote, Title: "Na de snapshot",
		Body: strings.Repeat("Alleen in het journaal. ", 10), Date: s2.Today()}); err != nil {
		t.Fatal(err)
	}
	s2.Close()
	if n, _ := filepath.Glob(filepath.Join(vault, "journal", "*.age")); len(n) == 0 {
		t.Fatal("the save was compacted; the test wants it in the journal")
	}
	os.Remove(filepath.Join(out, "caseload.db"))
	// Without a yes, no terminal to ask on: nothing is written.
	if code := run([]string{"--passphrase-file", passFile, "--vault", vault, "recover-image", vault, "--out", filepath.Join(out, "caseload.db")}, e); code != 1 {
		t.Fatalf("recover-image without --yes: exit %d", code)
	}
	if _, err := os.Stat(filepath.Join(out, "caseload.db")); !os.IsNotExist(err) {
		t.Fatalf("recover-image without a yes wrote the caseload in the clear (%v)", err)
	}
	if code := run([]string{"--passphrase-file", passFile, "--vault", vault, "recover-image", vault, "--out", filepath.Join(out, "caseload.db"), "--yes"}, e); code != 0 {
		t.Fatalf("recover-image: exit %d\n%s", code, e.stderr)
	}
	check("recover-image", shell(query))
	for _, f := range []string{"caseload.db", "key.txt"} {
		os.Remove(filepath.Join(out, f))
	}
}
