package store

// SaveFailed reports whether the last seal failed and no seal succeeded
// since: committed changes are in memory only, and the caller was told.
func (s *Store) SaveFailed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.failErr != nil && s.failedAt > s.sealed
}

// Discard drops the caseload from memory without sealing what is
// pending. A command that reported a failed save and is about to exit
// uses it instead of Close: a Close that then sealed after all (the disk
// had room again) would make durable what the coach was told was not
// saved. Discarding twice, or after Close, is harmless.
func (s *Store) Discard() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for s.sealing {
		s.sealDone.Wait()
	}
	s.drop()
}
