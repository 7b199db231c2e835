//go:build unix

package crypt

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func init() {
	childModes["journal-loop"] = childJournalLoop
}

// journalState is what a journal-loop vault holds: a snapshot made by
// seqImage and entries "change N" continuing its number. It returns the
// number of the last save, or an error if the entries do not continue
// the snapshot one by one.
func journalState(img []byte, replay [][]byte) (int, error) {
	seq, err := seqOf(img)
	if err != nil {
		return 0, err
	}
	for _, c := range replay {
		want := fmt.Sprintf("change %d", seq+1)
		if string(c) != want {
			return 0, fmt.Errorf("entry %q after save %d", c, seq)
		}
		seq++
	}
	return seq, nil
}

// childJournalLoop opens the vault and saves ever higher numbers, as
// journal entries and, now and then, as a compaction into a new
// snapshot; it acknowledges each on stdout only after it returned.
func childJournalLoop(dir string) int {
	v, img, err := Open(dir, testPass, testOpts())
	if err != nil {
		fmt.Printf("error %v\n", err)
		return 1
	}
	seq, err := journalState(img, v.Replay())
	if err != nil {
		fmt.Printf("error %v\n", err)
		return 1
	}
	fmt.Printf("open %d\n", seq)
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 2))
	for {
		seq++
		if rng.IntN(6) == 0 {
			err = v.Compact(seqImage(seq), uint64(seq))
		} else {
			err = v.Append(fmt.Appendf(nil, "change %d", seq), uint64(seq))
		}
		if err != nil {
			fmt.Printf("error %v\n", err)
			return 1
		}
		fmt.Printf("ack %d\n", seq)
	}
}

// TestKillDuringJournal kills a process that appends journal entries and
// compacts them at random moments, with SIGKILL: during an append, during
// the snapshot's write, and during the removal of the entries a
// compaction covered. After every kill the vault must open and hold the
// last acknowledged save or the one being made, never less. It makes 60
// kills (15 with -short); CASELOAD_CRASH_RUNS=N makes N.
func TestKillDuringJournal(t *testing.T) {
	t.Parallel()
	kills := 60
	if testing.Short() {
		kills = 15
	}
	if n, err := strconv.Atoi(os.Getenv("CASELOAD_CRASH_RUNS")); err == nil && n > 0 {
		kills = n
	}
	dir, v, _ := createVault(t, nil)
	mustSeal(t, v, seqImage(0))
	v.Close()

	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	last, lost := 0, 0
	landed := map[string]int{}
	saveTime := 10 * time.Millisecond
	for i := range kills {
		cmd := childCmd("journal-loop", dir)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(stdout)
		var prev time.Time
		read := func() bool {
			if !lines.Scan() {
				return false
			}
			f := strings.Fields(lines.Text())
			if len(f) < 2 || (f[0] != "open" && f[0] != "ack") {
				t.Fatalf("kill %d: child said %q (%s)", i, lines.Text(), stderr.Bytes())
			}
			n, _ := strconv.Atoi(f[1])
			if f[0] == "open" && n != last && n != last+1 {
				t.Fatalf("kill %d: child opened save %d, last acknowledged %d", i, n, last)
			}
			if f[0] == "ack" {
				last = n
				if !prev.IsZero() {
					saveTime = (3*saveTime + time.Since(prev)) / 4
				}
			}
			prev = time.Now()
			return true
		}
		// Let a few saves through, then kill somewhere inside the next.
		acks := rng.IntN(12)
		for n := -1; n < acks && read(); n++ {
		}
		time.Sleep(time.Duration(rng.Int64N(int64(saveTime*5/4) + 1)))
		cmd.Process.Signal(syscall.SIGKILL)
		for read() {
		}
		err = cmd.Wait()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ProcessState.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
			t.Fatalf("kill %d: child ended with %v: %s", i, err, stderr.Bytes())
		}

		v, img, err := Open(dir, testPass, testOpts())
		if err != nil {
			t.Fatalf("kill %d: the vault does not open: %v", i, err)
		}
		seq, err := journalState(img, v.Replay())
		v.Close()
		if err != nil {
			t.Fatalf("kill %d: %v", i, err)
		}
		switch {
		case seq == last:
			landed["last acknowledged"]++
		case seq == last+1:
			landed["the one being saved"]++
		case seq < last:
			lost += last - seq
			t.Errorf("kill %d: vault holds save %d, last acknowledged %d", i, seq, last)
		default:
			t.Fatalf("kill %d: vault holds save %d, last acknowledged %d", i, seq, last)
		}
		last = seq
	}
	t.Logf("after %d kills the vault held: %v; acknowledged saves lost: %d; %d saves in all, %v each", kills, landed, lost, last, saveTime)
	noTempFiles(t, dir)
}
