package store

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

// gateSealer holds each seal until the test lets it go, so a test can act
// while a save is being written.
type gateSealer struct {
	memSealer
	started chan struct{} // receives once per seal as it begins
	release chan error    // what the held seal returns
}

func newGateSealer() *gateSealer {
	return &gateSealer{started: make(chan struct{}, 16), release: make(chan error)}
}

func (g *gateSealer) Seal(image []byte) error {
	g.started <- struct{}{}
	if err := <-g.release; err != nil {
		return err
	}
	return g.memSealer.Seal(image)
}

// openGated opens a caseload with one client behind a gateSealer.
func openGated(t *testing.T) (*Store, *gateSealer, int64) {
	t.Helper()
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Noor", LastName: "Jansen", Status: StatusActive})
	g := newGateSealer()
	s, err := Open(ctx, f.seal.image, Options{Sealer: g, Clock: f.clock.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		go func() {
			for range g.started {
				g.release <- nil
			}
		}()
		s.Close()
		close(g.started)
	})
	return s, g, c.ID
}

// TestEditsDuringASaveRideOnTheNext: while one save is being written the
// caseload stays readable, edits keep committing, and all of them reach
// the disk together in one more seal, not one seal each.
func TestEditsDuringASaveRideOnTheNext(t *testing.T) {
	s, g, client := openGated(t)
	note := func(i int) error {
		_, err := s.SaveRecord(ctx, Record{ClientID: client, Kind: KindNote,
			Title: fmt.Sprintf("Gesprek %d", i), Body: "Voortgang besproken.", Date: s.Today()})
		return err
	}
	errs := make(chan error, 8)
	go func() { errs <- note(0) }()
	<-g.started // the first save is being written

	// Reading does not wait for the disk.
	read := make(chan error, 1)
	go func() { _, err := s.Records(ctx, client, KindNote); read <- err }()
	select {
	case err := <-read:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a read waited for the save being written")
	}

	const more = 5
	var wg sync.WaitGroup
	for i := 1; i <= more; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); errs <- note(i) }()
	}
	// Each of them commits before the first save ends.
	deadline := time.Now().Add(10 * time.Second)
	for {
		s.mu.Lock()
		n := s.committed - s.sealed
		s.mu.Unlock()
		if n == more+1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d writes committed during the save, want %d", n, more+1)
		}
		time.Sleep(time.Millisecond)
	}
	if !s.Dirty() {
		t.Error("Dirty = false with edits not yet on disk")
	}
	g.release <- nil // the first save ends
	<-g.started      // one more carries the other five
	g.release <- nil
	wg.Wait()
	for range more + 1 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if g.seals != 2 {
		t.Errorf("%d seals for %d edits, want 2", g.seals, more+1)
	}
	if s.Dirty() {
		t.Error("Dirty = true after every edit was sealed")
	}
	reopened, err := Open(ctx, g.image, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer reopened.Close()
	recs, err := reopened.Records(ctx, client, KindNote)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != more+1 {
		t.Errorf("the sealed image holds %d notes, want %d", len(recs), more+1)
	}
}

// TestFailedSaveReachesEveryEditItCarried: when the seal that carried an
// edit fails, that edit's save says so, stays in memory, and the next
// save takes it to disk.
func TestFailedSaveReachesEveryEditItCarried(t *testing.T) {
	s, g, client := openGated(t)
	save := func(title string) chan error {
		done := make(chan error, 1)
		go func() {
			_, err := s.SaveRecord(ctx, Record{ClientID: client, Kind: KindNote, Title: title, Date: s.Today()})
			done <- err
		}()
		return done
	}
	first := save("eerste")
	<-g.started
	second := save("tweede") // waits for the next seal
	g.release <- errors.New("disk full")
	if err := <-first; !errors.Is(err, ErrNotSaved) {
		t.Fatalf("the failed save returned %v, want ErrNotSaved", err)
	}
	<-g.started // the second edit's own seal carries both
	g.release <- nil
	if err := <-second; err != nil {
		t.Fatalf("the next save: %v", err)
	}
	if s.Dirty() {
		t.Error("Dirty = true after a successful seal carried both edits")
	}
	reopened, err := Open(ctx, g.image, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer reopened.Close()
	if recs, _ := reopened.Records(ctx, client, KindNote); len(recs) != 2 {
		t.Errorf("the sealed image holds %d notes, want both", len(recs))
	}
}
