package store

import (
	"context"
	"fmt"
)

// orphans keeps track of the sealed files a save may sweep up. A file is
// an orphan when no document refers to it: an import or an upload that
// failed after sealing its files, or a crash between sealing a file and
// saving its row. Nothing can open it, but it takes room and makes a
// backup bigger. It is removed at the first successful save after the
// vault is opened and after any failed upload or import, never before: a
// file is only known to be an orphan once a durable vault without a row
// for it is on disk.
type orphans struct {
	swept    bool           // since the last failure, a save swept
	putting  int            // Puts running: their ids are not known yet
	inflight map[string]int // sealed, their rows not committed yet
}

// putBlob seals data like Blobs.Put and keeps the id from being swept
// until done is called, after the write that stores its row (or failed
// to) has returned.
func (s *Store) putBlob(data []byte) (id, key string, err error) {
	s.mu.Lock()
	s.orphans.putting++
	s.mu.Unlock()
	id, key, err = s.blobs.Put(data)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.orphans.putting--
	if err != nil {
		s.orphans.swept = false
		return "", "", err
	}
	if s.orphans.inflight == nil {
		s.orphans.inflight = map[string]int{}
	}
	s.orphans.inflight[id]++
	return id, key, nil
}

// putDone releases ids from putBlob; failed says the write did not keep
// them, so the next save sweeps (in case removing them failed too).
func (s *Store) putDone(ids []string, failed bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range ids {
		if s.orphans.inflight[id]--; s.orphans.inflight[id] <= 0 {
			delete(s.orphans.inflight, id)
		}
	}
	if failed {
		s.orphans.swept = false
	}
}

// sweepOrphans removes the sealed files that no row refers to, that are
// not being stored right now and that no durable vault still needs (a
// deleted document's file goes through doomed instead). It runs with mu
// held, right after a seal succeeded, and is housekeeping: a failure
// leaves it due for the next save.
func (s *Store) sweepOrphans(ctx context.Context) {
	lister, ok := s.blobs.(interface{ List() ([]string, error) })
	if s.orphans.swept || s.orphans.putting > 0 || !ok {
		return
	}
	present, err := lister.List()
	if err != nil || len(present) == 0 {
		s.orphans.swept = err == nil
		return
	}
	keep := map[string]bool{}
	for id := range s.orphans.inflight {
		keep[id] = true
	}
	for _, d := range s.doomed {
		keep[d.id] = true
	}
	err = s.inTx(ctx, func(t *tx) error {
		rs, err := t.query("SELECT blob_id FROM attachments")
		if err != nil {
			return fmt.Errorf("listing documents: %w", err)
		}
		defer rs.Close()
		for rs.Next() {
			var id string
			if err := rs.Scan(&id); err != nil {
				return err
			}
			keep[id] = true
		}
		return rs.Err()
	}, false)
	if err != nil {
		return
	}
	swept := true
	for _, id := range present {
		if !keep[id] {
			if s.blobs.Remove(id) != nil {
				swept = false
			}
		}
	}
	s.orphans.swept = swept
}
