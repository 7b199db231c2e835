-- Schema v3: record text stored compressed, and a full-text index that
-- keeps no word positions. Together they take the image of a caseload
-- from 2.2 to about 1.25 times the raw text a coach typed.
--
-- Text. records.body holds a text of 64 bytes or more as a BLOB: a
-- version byte and raw DEFLATE (store/text.go). caseload_pack packs the
-- bodies already there, caseload_text unpacks; the view records_text is
-- the records as text, for the index to read.
--
-- Index. With FTS5's default detail=full the index stores the offset of
-- every occurrence of every word: most of its size. Search needs none of
-- it: its queries are words that must all occur, each as a prefix, never
-- phrases or NEAR, which are what positions serve. bm25 and snippet()
-- still work, because FTS5 tokenizes a record's text again (through
-- records_text, the external content) for the rows asked for. For 1,000
-- invented clients the index shrinks from 9.7 MB to 5.0 MB.
--
-- Not detail=none (1.9 MB): SQLite merges the doclists of the words a
-- prefix matches far more slowly without the column lists (thirty-odd
-- copies of the merged list instead of one), and a search for "coaching"
-- in 10,000 clients took three times as long.
--
-- The old index and the old bodies' pages are freed (zeroed: secure_delete
-- is on); VACUUM cannot run inside this migration's transaction, so the
-- store runs it once after the last migration.

DROP TRIGGER records_ai;
DROP TRIGGER records_ad;
DROP TRIGGER records_au;
DROP TABLE records_fts;

UPDATE records SET body = caseload_pack(body);

CREATE VIEW records_text AS
	SELECT id, title, caseload_text(body) AS body FROM records;

CREATE VIRTUAL TABLE records_fts USING fts5 (
	title, body, content = 'records_text', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2',
	detail = column
);
-- As in v1: deleted text leaves the index at once, not at the next merge,
-- so a purged client's words do not survive in the image.
INSERT INTO records_fts (records_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO records_fts (records_fts) VALUES ('rebuild');
-- One segment: a prefix query reads each segment's matching words.
INSERT INTO records_fts (records_fts) VALUES ('optimize');

CREATE TRIGGER records_ai AFTER INSERT ON records BEGIN
	INSERT INTO records_fts (rowid, title, body)
		VALUES (new.id, new.title, caseload_text(new.body));
END;
CREATE TRIGGER records_ad AFTER DELETE ON records BEGIN
	INSERT INTO records_fts (records_fts, rowid, title, body)
		VALUES ('delete', old.id, old.title, caseload_text(old.body));
END;
CREATE TRIGGER records_au AFTER UPDATE OF title, body ON records BEGIN
	INSERT INTO records_fts (records_fts, rowid, title, body)
		VALUES ('delete', old.id, old.title, caseload_text(old.body));
	INSERT INTO records_fts (rowid, title, body)
		VALUES (new.id, new.title, caseload_text(new.body));
END;
