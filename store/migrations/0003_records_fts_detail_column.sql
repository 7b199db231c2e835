-- Schema v3: the full-text index of records keeps no word positions.
--
-- With FTS5's default detail=full the index stores the offset of every
-- occurrence of every word: most of its size, serialized and sealed after
-- every edit. Search needs none of it. Its queries are words that must all
-- occur, each as a prefix: no phrases and no NEAR, which are what
-- positions serve. bm25 and snippet() still work, because FTS5 tokenizes a
-- record's text again (from records, the external content) to find the
-- matches in the rows they are asked for. For a caseload of 1,000 invented
-- clients the index shrinks from 9.7 MB to 5.0 MB.
--
-- Not detail=none (1.9 MB): SQLite merges the doclists of the words a
-- prefix matches far more slowly without the column lists (thirty-odd
-- copies of the merged list instead of one), and a search for "coaching"
-- in 10,000 clients took three times as long.
--
-- The index is rebuilt from records. Dropping the old one frees its pages
-- (zeroed: secure_delete is on); VACUUM cannot run inside this migration's
-- transaction, so the store runs it once after the last migration.
--
-- The triggers on records (records_ai, records_ad, records_au) name
-- records_fts and are resolved when they fire, so they keep the new index
-- up to date unchanged. clients_fts stays as it is: names and e-mail
-- addresses make an index of a few kilobytes.

DROP TABLE records_fts;
CREATE VIRTUAL TABLE records_fts USING fts5 (
	title, body, content = 'records', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2',
	detail = column
);
-- As in v1: deleted text leaves the index at once, not at the next merge,
-- so a purged client's words do not survive in the image.
INSERT INTO records_fts (records_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO records_fts (records_fts) VALUES ('rebuild');
-- One segment: a prefix query reads each segment's matching words.
INSERT INTO records_fts (records_fts) VALUES ('optimize');
