-- Schema v7: the caseload counts its saves. Each save (a journal entry
-- or a new snapshot) raises n by one inside the sealed data, so a vault
-- put back from an older copy opens at a lower generation than the one
-- this laptop remembers saving, and caseload can say so before it builds
-- on it (crypt/state.go). saved_at is when generation n was saved.
CREATE TABLE generation (
	id       INTEGER PRIMARY KEY CHECK (id = 1),
	n        INTEGER NOT NULL,
	saved_at TEXT NOT NULL
);
INSERT INTO generation (id, n, saved_at) VALUES (1, 0, '');
