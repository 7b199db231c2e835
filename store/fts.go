package store

import (
	"context"
	"fmt"
	"runtime"
)

// The full-text indexes are kept merged, because their shape sets the
// cost of a save. Secure delete (see migration 0003) removes the old
// words of an edited record from the index at once, and FTS5 does that
// by looking each word up in every segment of the index: a caseload
// imported in batches leaves a dozen large segments, and a one-record
// save at 10,000 clients cost 22 ms against 1.3 ms with the index merged
// into one (docs/performance.md). So a bulk write ends with an optimize
// (mergeIndexesTx), and each compaction merges a bounded number of pages
// in small steps (mergeIndexes), which merges an older, fragmented vault
// over its first compactions and keeps a merged one merged.
var ftsTables = []string{"records_fts", "clients_fts", "appointments_fts"}

// Merging during a compaction: mergePages pages a step (one short hold
// of the store's lock, a few milliseconds), at most mergeSteps steps a
// compaction. A step with a negative count merges whatever segments
// there are into one, as optimize does, but resumably.
const mergePages = 16

var mergeSteps = 128 // a variable for the test that merges in several compactions

// bulkOptimize: an import of at least this many clients that is also at
// least a quarter of the caseload it leaves ends with an optimize in its
// own transaction. An optimize rewrites the whole index, so it is only
// worth it when the import wrote a good part of it anyway.
const bulkOptimize = 100

// optimizeIndexes merges every full-text index into one segment, inside
// the caller's transaction.
func (t *tx) optimizeIndexes() error {
	for _, name := range ftsTables {
		if _, err := t.ExecContext(t.ctx, `INSERT INTO `+name+` (`+name+`) VALUES ('optimize')`); err != nil {
			return fmt.Errorf("merging the search index %s: %w", name, err)
		}
	}
	return nil
}

// OptimizeIndex merges the full-text indexes into one segment each, for
// a bulk writer (the invented caseloads) that wrote in batches. Its save
// is a new snapshot: the rewritten index would make a journal entry as
// large as the index.
func (s *Store) OptimizeIndex(ctx context.Context) error {
	return s.writeSnapshot(ctx, func(t *tx) error { return t.optimizeIndexes() })
}

// mergeIndexes merges up to mergeSteps*mergePages pages of the full-text
// indexes, one step per hold of mu, with mu let go between steps so that
// a screen's query goes first. Called by compactLocked with mu held and
// s.sealing set, before the image is copied: no journal entry can be
// written meanwhile, so the merged pages land in the snapshot, and the
// session that recorded them is restarted with it. (Should the
// compaction fail, the next save is a snapshot again.) A failed step
// only stops merging: the index is as good as before it.
func (s *Store) mergeIndexes(ctx context.Context) (steps int) {
	busy := append([]string(nil), ftsTables...)
	for steps < mergeSteps && len(busy) > 0 {
		name := busy[0]
		var before, after int64
		if err := s.conn.QueryRowContext(ctx, "SELECT total_changes()").Scan(&before); err != nil {
			return steps
		}
		if _, err := s.conn.ExecContext(ctx, fmt.Sprintf(`INSERT INTO %s (%s, rank) VALUES ('merge', %d)`, name, name, -mergePages)); err != nil {
			return steps
		}
		s.committed++
		steps++
		if err := s.conn.QueryRowContext(ctx, "SELECT total_changes()").Scan(&after); err != nil {
			return steps
		}
		if after-before < 2 {
			// FTS5's sign that the index is one segment: nothing to merge.
			busy = busy[1:]
			continue
		}
		s.mu.Unlock()
		runtime.Gosched() // a reader waiting on mu goes first
		s.mu.Lock()
	}
	return steps
}
