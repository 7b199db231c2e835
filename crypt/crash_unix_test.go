//go:build unix

package crypt

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func init() {
	childModes["seal-big-limited"] = childSealBigLimited
}

// TestKillDuringSeal kills a process that is sealing in a loop at random
// moments, with SIGKILL (no chance to clean up). After every kill the vault
// must open, and hold either the last save the child acknowledged (Seal
// had returned) or the one it was in the middle of: never older, never
// damaged, never anything else.
func TestKillDuringSeal(t *testing.T) {
	t.Parallel() // waits on fsync and child processes, mostly
	kills := 200
	if testing.Short() {
		kills = 30
	}
	dir, v, _ := createVault(t, nil)
	mustSeal(t, v, seqImage(0))
	v.Close()

	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	last := 0 // the last acknowledged save
	landed := map[string]int{}
	// How long a save takes here, learnt from the acknowledgements, so that
	// the kills spread over a whole save, its last fsync included.
	saveTime := 20 * time.Millisecond
	for i := range kills {
		cmd := childCmd("seal-loop", dir)
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
		var prev time.Time // when the previous line came
		read := func() bool {
			if !lines.Scan() {
				return false
			}
			f := strings.Fields(lines.Text())
			if len(f) < 2 {
				t.Fatalf("kill %d: child said %q", i, lines.Text())
			}
			switch f[0] {
			case "open":
				if n, _ := strconv.Atoi(f[1]); n != last && n != last+1 {
					t.Fatalf("kill %d: child opened save %d, last acknowledged %d", i, n, last)
				}
			case "ack":
				n, _ := strconv.Atoi(f[1])
				last = n
				if !prev.IsZero() {
					saveTime = (3*saveTime + time.Since(prev)) / 4
				}
			default:
				t.Fatalf("kill %d: child said %q", i, lines.Text())
			}
			prev = time.Now()
			return true
		}

		// Kill at a random point: sometimes while it opens, mostly during
		// its first save, sometimes after one acknowledged save.
		if r := rng.IntN(10); r > 0 {
			acks := r / 8
			for n := -1; n < acks && read(); n++ { // the "open" line, then acks
			}
			time.Sleep(time.Duration(rng.Int64N(int64(saveTime*5/4) + 1)))
		}
		cmd.Process.Signal(syscall.SIGKILL)
		// Acknowledgements written before the kill still count.
		for read() {
		}
		err = cmd.Wait()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ProcessState.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
			t.Fatalf("kill %d: child ended with %v: %s", i, err, stderr.Bytes())
		}

		v, img, err := Open(dir, testPass, testOpts())
		if err != nil {
			t.Fatalf("kill %d: %v", i, err)
		}
		seq, err := seqOf(img)
		v.Close()
		if err != nil {
			t.Fatalf("kill %d: %v", i, err)
		}
		switch seq {
		case last:
			landed["last acknowledged"]++
		case last + 1:
			landed["the one being saved"]++
		default:
			t.Fatalf("kill %d: vault holds save %d, last acknowledged %d", i, seq, last)
		}
		last = seq
	}
	t.Logf("after %d kills the vault held: %v; %d saves in all, %v each", kills, landed, last, saveTime)
	if c := conflicts(t, dir); len(c) > 0 {
		t.Errorf("conflict files appeared: %v", c)
	}
	noTempFiles(t, dir) // Open sweeps up what the killed ones left
	if list, _ := filepath.Glob(filepath.Join(dir, backupsDir, "*")); len(list) > keepNewest+keepDays {
		t.Errorf("%d backups", len(list))
	}
}

// childSealBigLimited seals a 1 MiB image under a 256 KiB file size limit
// and reports whether Seal said the disk was full.
func childSealBigLimited(dir string) int {
	v, _, err := Open(dir, testPass, testOpts())
	if err != nil {
		fmt.Printf("error %v\n", err)
		return 1
	}
	// The kernel sends SIGXFSZ when a write crosses the limit; ignored, the
	// write fails with EFBIG instead, which is what Seal must handle.
	signal.Ignore(syscall.SIGXFSZ)
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		fmt.Printf("error %v\n", err)
		return 1
	}
	lim.Cur = 256 << 10
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		fmt.Printf("error %v\n", err)
		return 1
	}
	err = v.Seal(textImage(1<<20, 50))
	switch {
	case errors.Is(err, ErrDiskFull) && errors.Is(err, syscall.EFBIG):
		fmt.Println("disk full")
	case err == nil:
		fmt.Println("sealed")
	default:
		fmt.Printf("error %v\n", err)
	}
	return 0
}

func TestDiskFullFileSizeLimit(t *testing.T) {
	dir, v, _ := createVault(t, nil)
	img := textImage(50_000, 51)
	mustSeal(t, v, img)
	v.Close()
	before := readBytes(t, filepath.Join(dir, vaultFile))
	if out := runChildOnce(t, "seal-big-limited", dir); out != "disk full" {
		t.Fatalf("Seal past the file size limit: %q, want disk full", out)
	}
	if !bytes.Equal(before, readBytes(t, filepath.Join(dir, vaultFile))) {
		t.Fatal("vault.age changed")
	}
	noTempFiles(t, dir)
	_, got := mustOpen(t, dir, nil)
	if !bytes.Equal(got, img) {
		t.Fatal("image differs")
	}
}

// devFullFS sends the writes of temp files to /dev/full, which fails them
// with a real ENOSPC from the kernel.
type devFullFS struct{ osFS }

func (d devFullFS) CreateTemp(dir, pattern string) (file, error) {
	f, err := d.osFS.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &devFullFile{file: f, full: full}, nil
}

type devFullFile struct {
	file
	full *os.File
}

func (f *devFullFile) Write(p []byte) (int, error) { return f.full.Write(p) }
func (f *devFullFile) Close() error {
	f.full.Close()
	return f.file.Close()
}

var _ io.Writer = (*devFullFile)(nil)

func TestDiskFullDevFull(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full here")
	}
	dir, v, _ := createVault(t, nil)
	mustSeal(t, v, textImage(50_000, 52))
	before := readBytes(t, filepath.Join(dir, vaultFile))
	v.fs = devFullFS{}
	err := v.Seal(textImage(50_000, 53))
	if !errors.Is(err, ErrDiskFull) || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("Seal to a full disk: %v, want ErrDiskFull", err)
	}
	if _, _, err := v.Blobs().Put([]byte("scan")); !errors.Is(err, ErrDiskFull) {
		t.Fatalf("Put to a full disk: %v, want ErrDiskFull", err)
	}
	if !bytes.Equal(before, readBytes(t, filepath.Join(dir, vaultFile))) {
		t.Fatal("vault.age changed")
	}
	noTempFiles(t, dir)
}

// seqOf returns the sequence number of an image made by seqImage, and an
// error if the image is anything but exactly such an image.
func seqOf(img []byte) (int, error) {
	line, _, ok := bytes.Cut(img, []byte("\n"))
	if !ok {
		return 0, errors.New("image has no first line")
	}
	s, ok := strings.CutPrefix(string(line), "caseload test image seq=")
	if !ok {
		return 0, fmt.Errorf("image starts with %q", line)
	}
	seq, err := strconv.Atoi(s)
	if err != nil {
		return 0, err
	}
	if !bytes.Equal(img, seqImage(seq)) {
		return 0, fmt.Errorf("image %d is not intact", seq)
	}
	return seq, nil
}
