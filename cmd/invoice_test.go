package cmd

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/caseload/caseload/store"
)

const moneyPass = "een lange oefenzin voor de kluis"

// moneyVault is a real vault (age, the vault file, its lock) with a
// practice that can invoice and one client.
func moneyVault(t *testing.T) (*env, int64) {
	t.Helper()
	ctx := context.Background()
	e := &env{vaultDir: t.TempDir(), workFactor: 1, clock: time.Now}
	s, _, err := e.create(ctx, moneyPass)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SavePractice(ctx, store.Practice{Name: "Coaching Van Dijk", Address: "Markt 1, 3511 AA Utrecht", KvK: "12345678"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveMoneySettings(ctx, store.MoneySettings{VATNumber: "NL001234567B01", DefaultVATBP: 2100}); err != nil {
		t.Fatal(err)
	}
	c, err := s.CreateClient(ctx, store.Client{FirstName: "Noor", LastName: "Jansen", Status: store.StatusActive, Address: "Oudegracht 10, 3511 AB Utrecht"})
	if err != nil {
		t.Fatal(err)
	}
	return e, c.ID
}

func fixedDraft(client int64) store.InvoiceDraft {
	return store.InvoiceDraft{ClientID: client, Lines: []store.InvoiceLine{{Description: "Trajectdeel", UnitCents: 12500, VATBP: 2100}}}
}

// numbersOf checks that the vault's invoices are numbered 1..n of this
// year, each once, and returns n.
func numbersOf(t *testing.T, e *env, client int64) int {
	t.Helper()
	ctx := context.Background()
	s, err := e.open(ctx, moneyPass)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	list, err := s.Invoices(ctx, client)
	if err != nil {
		t.Fatal(err)
	}
	year := s.Today().Year()
	for i, inv := range list {
		if want := fmt.Sprintf("%d-%04d", year, i+1); inv.Number != want {
			t.Fatalf("invoice %d of %d is numbered %s, want %s", i+1, len(list), inv.Number, want)
		}
	}
	return len(list)
}

// TestConcurrentInvoicingThroughTheVault: invoices made at once through
// the real vault are all there after a reopen, numbered without gaps or
// duplicates.
func TestConcurrentInvoicingThroughTheVault(t *testing.T) {
	e, client := moneyVault(t)
	ctx := context.Background()
	s, err := e.open(ctx, moneyPass)
	if err != nil {
		t.Fatal(err)
	}
	const writers, each = 5, 8
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				if _, err := s.MakeInvoice(ctx, fixedDraft(client)); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if n := numbersOf(t, e, client); n != writers*each {
		t.Errorf("%d invoices in the reopened vault, want %d", n, writers*each)
	}
}

// TestInvoicingChild is the process TestKillWhileInvoicing kills: it
// makes invoices until it dies, saying "ack N" once the Nth is saved.
func TestInvoicingChild(t *testing.T) {
	dir := os.Getenv("CASELOAD_INVOICING_CHILD")
	if dir == "" {
		t.Skip("run by TestKillWhileInvoicing")
	}
	var client int64
	fmt.Sscan(os.Getenv("CASELOAD_INVOICING_CLIENT"), &client)
	ctx := context.Background()
	e := &env{vaultDir: dir, workFactor: 1, clock: time.Now}
	s, err := e.open(ctx, moneyPass)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	for {
		inv, err := s.MakeInvoice(ctx, fixedDraft(client))
		if err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println("ack", inv.Seq)
	}
}

// TestKillWhileInvoicing kills a process that invoices in a loop, with
// SIGKILL at random moments: between taking a number and the save being
// durable, among others. Each time the vault must open with every
// acknowledged invoice and at most the one in flight, numbered without
// a gap, and the next invoice must take the next number.
func TestKillWhileInvoicing(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL is unix")
	}
	e, client := moneyVault(t)
	kills := 12
	if testing.Short() {
		kills = 4
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 2))
	last := 0
	landed := map[string]int{}
	for i := range kills {
		cmd := exec.Command(os.Args[0], "-test.run=^TestInvoicingChild$")
		cmd.Env = append(os.Environ(), "CASELOAD_INVOICING_CHILD="+e.vaultDir, fmt.Sprintf("CASELOAD_INVOICING_CLIENT=%d", client))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(out)
		acked := last
		read := func() bool {
			if !lines.Scan() {
				return false
			}
			var n int
			if _, err := fmt.Sscanf(lines.Text(), "ack %d", &n); err != nil {
				if strings.HasPrefix(lines.Text(), "error") {
					t.Fatalf("kill %d: child: %s", i, lines.Text())
				}
				return true // the test runner's own lines
			}
			acked = n
			return true
		}
		// Let it save a few, then kill it at a random moment of the next.
		for target := last + 1 + rng.IntN(3); acked < target && read(); {
		}
		time.Sleep(time.Duration(rng.IntN(15000)) * time.Microsecond)
		cmd.Process.Kill()
		for read() {
		}
		cmd.Wait()
		n := numbersOf(t, e, client)
		if n < acked || n > acked+1 {
			t.Fatalf("kill %d: the vault holds %d invoices; %d were acknowledged", i, n, acked)
		}
		if n == acked {
			landed["last acknowledged"]++
		} else {
			landed["the one in flight"]++
		}
		last = n
	}
	// And the next invoice follows the last one kept.
	ctx := context.Background()
	s, err := e.open(ctx, moneyPass)
	if err != nil {
		t.Fatal(err)
	}
	next, err := s.MakeInvoice(ctx, fixedDraft(client))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if next.Seq != last+1 {
		t.Errorf("after %d kills the next invoice is %s, want number %d", kills, next.Number, last+1)
	}
	t.Logf("%d kills, the vault held %v; %d invoices kept without a gap", kills, landed, last+1)
}
