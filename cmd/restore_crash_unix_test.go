//go:build unix

package cmd

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/caseload/caseload/store"
)

// TestKillDuringRestore: caseload restore killed with SIGKILL at any
// moment leaves the target folder absent or a whole vault that verifies
// with every document, never half of one.
func TestKillDuringRestore(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a process many times")
	}
	bin, err := exec.LookPath("caseload")
	if err != nil {
		t.Skip("no caseload command in PATH (testscript sets it up in TestMain)")
	}
	tv := newDocVault(t)
	// Documents big enough that a restore takes a while to write.
	s, err := tv.env(nil, nil).open(context.Background(), filesPass)
	if err != nil {
		t.Fatal(err)
	}
	big := make([]byte, 3<<20)
	for i := range big {
		big[i] = byte(i * 7)
	}
	for i := range 4 {
		if _, err := s.AddAttachment(context.Background(), store.Attachment{ClientID: 1, Name: "scan.pdf", Kind: store.KindOther}, big[i:]); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	archive := filepath.Join(t.TempDir(), "backup.tar")
	if _, errs, code := tv.run("backup", "--out", archive); code != 0 {
		t.Fatal(errs)
	}

	root := t.TempDir()
	restoreCmd := func(target string) *exec.Cmd {
		c := exec.Command(bin, "--vault", target, "--passphrase-file", tv.passFile, "restore", archive)
		c.Env = append(os.Environ(), "LANG=en_GB.UTF-8")
		return c
	}
	start := time.Now()
	if out, err := restoreCmd(filepath.Join(root, "whole")).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	took := time.Since(start)

	runs := 20
	if raceEnabled {
		runs = 6
	}
	var absent, whole int
	for i := range runs {
		target := filepath.Join(root, "target", "v"+string(rune('a'+i%26))+strings.Repeat("x", i/26))
		c := restoreCmd(target)
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(took * time.Duration(i) * 5 / time.Duration(runs*4))
		c.Process.Signal(syscall.SIGKILL)
		c.Wait()
		if _, err := os.Stat(target); os.IsNotExist(err) {
			absent++
			continue
		}
		whole++
		check := &docVault{dir: target, passFile: tv.passFile}
		out, errs, code := check.run("verify")
		if code != 0 || !strings.Contains(out, "7 documents (each opened)") {
			t.Fatalf("killed after %v of %v: the target is there but not whole: exit %d\n%s%s",
				took*time.Duration(i)*5/time.Duration(runs*4), took, code, out, errs)
		}
	}
	t.Logf("restore takes %v; %d kills left no vault, %d a whole one", took, absent, whole)

	// A backup killed at any moment leaves no file, or a whole one.
	start = time.Now()
	if out, err := exec.Command(bin, "--vault", tv.dir, "--passphrase-file", tv.passFile, "backup", "--out",
		filepath.Join(root, "timed.tar")).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	took = time.Since(start)
	var none, complete int
	for i := range runs {
		out := filepath.Join(root, "backups", fmt.Sprintf("b%d.tar", i%3))
		os.Remove(out)
		os.MkdirAll(filepath.Dir(out), 0o700)
		c := exec.Command(bin, "--vault", tv.dir, "--passphrase-file", tv.passFile, "backup", "--out", out)
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(took * time.Duration(i) * 2 / time.Duration(runs))
		c.Process.Signal(syscall.SIGKILL)
		c.Wait()
		if _, err := os.Stat(out); os.IsNotExist(err) {
			none++
			continue
		}
		complete++
		check := &docVault{dir: filepath.Join(root, "from", fmt.Sprint(i)), passFile: tv.passFile}
		if stdout, errs, code := check.run("restore", out, "--vault", check.dir); code != 0 {
			t.Fatalf("a backup killed after %v is there but does not restore: exit %d\n%s%s",
				took*time.Duration(i)*2/time.Duration(runs), code, stdout, errs)
		}
	}
	// What killed backups left goes with the next backup of that name.
	for i := range 3 {
		out := filepath.Join(root, "backups", fmt.Sprintf("b%d.tar", i))
		if _, errs, code := tv.run("backup", "--out", out); code != 0 {
			t.Fatal(errs)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(root, "backups", ".*.tmp")); len(left) > 0 {
		t.Errorf("temp files left: %v", left)
	}
	t.Logf("backup takes %v; %d kills left no file, %d a whole one", took, none, complete)
}
