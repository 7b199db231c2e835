package store

import (
	"context"
	"errors"
	"sort"
	"testing"
)

// listBlobs is memBlobs that can list its files, as crypt's Blobs can,
// and hold up a Put halfway.
type listBlobs struct {
	memBlobs
	duringPut func()
}

func (l *listBlobs) Put(data []byte) (string, string, error) {
	id, key, err := l.memBlobs.Put(data)
	if l.duringPut != nil {
		l.duringPut()
	}
	return id, key, err
}

func (l *listBlobs) List() ([]string, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var ids []string
	for id := range l.files {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids, nil
}

func (l *listBlobs) has(id string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	_, ok := l.files[id]
	return ok
}

// TestOrphansSweptAfterASave: a file no row refers to goes at the first
// successful save, not before (a failed one keeps it), and a file being
// stored while another edit saves is never taken for an orphan.
func TestOrphansSweptAfterASave(t *testing.T) {
	ctx := context.Background()
	sealer := &memSealer{}
	blobs := &listBlobs{}
	orphan, _, _ := blobs.memBlobs.Put([]byte("left by a crash"))
	s, err := Open(ctx, nil, Options{Sealer: sealer, Blobs: blobs})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Open of a new caseload saved once already: that save swept.
	if blobs.has(orphan) {
		t.Fatal("the orphan survived the first save")
	}
	orphan, _, _ = blobs.memBlobs.Put([]byte("left by a failed import"))
	s.orphans.swept = false
	sealer.mu.Lock()
	sealer.fail = errors.New("disk full")
	sealer.mu.Unlock()
	c, err := s.CreateClient(ctx, Client{FirstName: "Sanne", LastName: "Smit", Status: StatusActive})
	if !errors.Is(err, ErrNotSaved) {
		t.Fatalf("CreateClient with a failing sealer: %v", err)
	}
	if !blobs.has(orphan) {
		t.Fatal("an orphan was removed though no save succeeded")
	}
	if !s.SaveFailed() {
		t.Error("SaveFailed after a failed save")
	}
	sealer.mu.Lock()
	sealer.fail = nil
	sealer.mu.Unlock()

	// While a document is being stored, a save from another edit must
	// leave its file alone.
	blobs.duringPut = func() {
		blobs.duringPut = nil
		if err := s.Save(ctx); err != nil {
			t.Error(err)
		}
	}
	a, err := s.AddAttachment(ctx, Attachment{ClientID: c.ID, Name: "cv.pdf", Kind: KindCV}, []byte("cv"))
	if err != nil {
		t.Fatal(err)
	}
	if s.SaveFailed() {
		t.Error("SaveFailed after a save succeeded")
	}
	if _, data, err := s.AttachmentData(ctx, a.ID); err != nil || string(data) != "cv" {
		t.Errorf("the document stored during a save: %v", err)
	}
	// The save during the Put could not sweep (a Put was running); the
	// one that stored the row did.
	if blobs.has(orphan) {
		t.Error("the orphan survived a successful save")
	}
}

// TestDiscardSealsNothing: a discarded store does not seal what a failed
// save left pending, even when sealing would now work.
func TestDiscardSealsNothing(t *testing.T) {
	ctx := context.Background()
	sealer := &memSealer{}
	s, err := Open(ctx, nil, Options{Sealer: sealer})
	if err != nil {
		t.Fatal(err)
	}
	sealer.fail = errors.New("read-only")
	if _, err := s.CreateClient(ctx, Client{FirstName: "Sanne", LastName: "Smit", Status: StatusActive}); !errors.Is(err, ErrNotSaved) {
		t.Fatal(err)
	}
	sealer.fail = nil
	seals := sealer.seals
	s.Discard()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if sealer.seals != seals {
		t.Error("a discarded store sealed after all")
	}
}
