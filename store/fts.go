package store

import (
	"context"
	"errors"
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
// there are into one, as optimize does, but resumably. The indexes'
// leaves are 1,000 bytes (migration 13), so a step merges 64 KiB, as 16
// of FTS5's default leaves did before.
const mergePages = 64

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
// indexes that need it (see needsMerge), one step per hold of mu, with mu
// let go between steps so that a screen's query goes first. Called by
// compactLocked with mu held and s.sealing set, before the image is
// copied: no journal entry can be written meanwhile, so the merged pages
// land in the snapshot, and the session that recorded them is restarted
// with it. (Should the compaction fail, the next save is a snapshot
// again.) A failed step only stops merging: the index is as good as
// before it.
func (s *Store) mergeIndexes(ctx context.Context) (steps int) {
	var busy []string
	for _, name := range ftsTables {
		if s.needsMerge(ctx, name) {
			busy = append(busy, name)
		}
	}
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

// needsMerge says whether the full-text index name is fragmented in the
// way that makes saves slow: two or more large segments (at least an
// eighth of the largest), as batch imports leave them, or a merge of all
// its segments under way. One large segment with small ones beside it
// (what the saves since the last compaction add, one small segment each,
// which FTS5's own automerge folds together) is left as it is: merging
// them into the large one rewrites the whole index, a few thousand pages
// at 10,000 clients, in steps that each write at least one whole term
// (the list of every record holding a common word is hundreds of pages):
// tens of milliseconds with the lock held, at every compaction, for a
// save that is no faster. An index whose structure this cannot read is
// merged, as before.
func (s *Store) needsMerge(ctx context.Context, name string) bool {
	var rec []byte
	if err := s.conn.QueryRowContext(ctx, "SELECT block FROM "+name+"_data WHERE id = 10").Scan(&rec); err != nil {
		return true
	}
	levels, err := ftsStructure(rec)
	if err != nil {
		return true
	}
	total, largest := 0, 0
	for _, l := range levels {
		total += len(l.pages)
		for _, p := range l.pages {
			largest = max(largest, p)
		}
	}
	for _, l := range levels {
		// A merge of every segment under way: all but one (its output, a
		// level up) are the inputs of one level.
		if total > 1 && l.merging > 0 && l.merging == len(l.pages) && len(l.pages) == total-1 {
			return true
		}
	}
	large := 0
	for _, l := range levels {
		for _, p := range l.pages {
			if p*8 >= largest {
				large++
			}
		}
	}
	return large >= 2
}

// ftsLevel is a level of an FTS5 index: how many of its segments are the
// inputs of a merge under way, and each segment's size in pages.
type ftsLevel struct {
	merging int
	pages   []int
}

// ftsStructure reads FTS5's structure record (row 10 of an index's _data
// table, fts5StructureDecode in SQLite's fts5_index.c): a 4-byte cookie,
// an optional 4-byte marker of the second format, the number of levels
// and of segments and a write counter as SQLite varints, then per level
// the segments being merged and the segments, each its id and first and
// last page (and, in the second format, five more varints).
func ftsStructure(rec []byte) ([]ftsLevel, error) {
	bad := errors.New("not an FTS5 structure record")
	if len(rec) < 4 {
		return nil, bad
	}
	i, v2 := 4, false
	if len(rec) >= 8 && string(rec[4:8]) == "\xff\x00\x00\x01" {
		i, v2 = 8, true
	}
	varint := func() (uint64, bool) {
		var v uint64
		for k := 0; k < 9 && i < len(rec); k++ {
			c := rec[i]
			i++
			if k == 8 {
				return v<<8 | uint64(c), true
			}
			v = v<<7 | uint64(c&0x7f)
			if c&0x80 == 0 {
				return v, true
			}
		}
		return 0, false
	}
	nLevel, ok1 := varint()
	nSegment, ok2 := varint()
	_, ok3 := varint() // write counter
	if !ok1 || !ok2 || !ok3 || nLevel > 64 || nSegment > 1<<16 {
		return nil, bad
	}
	levels := make([]ftsLevel, nLevel)
	for l := range levels {
		merging, ok1 := varint()
		n, ok2 := varint()
		if !ok1 || !ok2 || n > nSegment || merging > n {
			return nil, bad
		}
		levels[l].merging = int(merging)
		for range n {
			_, ok1 := varint() // segment id
			first, ok2 := varint()
			last, ok3 := varint()
			if !ok1 || !ok2 || !ok3 || last+1 < first {
				return nil, bad
			}
			if v2 {
				for range 5 {
					if _, ok := varint(); !ok {
						return nil, bad
					}
				}
			}
			levels[l].pages = append(levels[l].pages, int(last+1-first))
		}
	}
	return levels, nil
}
