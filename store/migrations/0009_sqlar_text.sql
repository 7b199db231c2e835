-- Schema v8: record text readable by the stock sqlite3 shell. A packed
-- body becomes a zlib stream with the text's length in bytes beside it
-- in body_size: SQLite's archive format (sqlar), which the shell unpacks
-- with its built-in sqlar_uncompress(body, body_size). A text kept as it
-- is has body_size its own length, which sqlar_uncompress passes through.
-- Caseload registers sqlar_uncompress too (store/text.go); the view and
-- the index's triggers use it. The index itself is unchanged: it holds
-- the same words.
DROP TRIGGER records_ai;
DROP TRIGGER records_ad;
DROP TRIGGER records_au;
DROP VIEW records_text;

ALTER TABLE records ADD COLUMN body_size INTEGER NOT NULL DEFAULT 0;
UPDATE records SET
	body_size = length(CAST(caseload_text(body) AS BLOB)),
	body = caseload_pack(caseload_text(body));

CREATE VIEW records_text AS
	SELECT id, title, CAST(sqlar_uncompress(body, body_size) AS TEXT) AS body FROM records;

CREATE TRIGGER records_ai AFTER INSERT ON records BEGIN
	INSERT INTO records_fts (rowid, title, body)
		VALUES (new.id, new.title, CAST(sqlar_uncompress(new.body, new.body_size) AS TEXT));
END;
CREATE TRIGGER records_ad AFTER DELETE ON records BEGIN
	INSERT INTO records_fts (records_fts, rowid, title, body)
		VALUES ('delete', old.id, old.title, CAST(sqlar_uncompress(old.body, old.body_size) AS TEXT));
END;
CREATE TRIGGER records_au AFTER UPDATE OF title, body ON records BEGIN
	INSERT INTO records_fts (records_fts, rowid, title, body)
		VALUES ('delete', old.id, old.title, CAST(sqlar_uncompress(old.body, old.body_size) AS TEXT));
	INSERT INTO records_fts (rowid, title, body)
		VALUES (new.id, new.title, CAST(sqlar_uncompress(new.body, new.body_size) AS TEXT));
END;
