-- Schema v13: the search indexes in leaves of 1,000 bytes instead of
-- FTS5's default 4,050.
--
-- Secure delete (migration 0003) takes each old word of an edited record
-- out of the index at once. FTS5 finds the record in a word's list of
-- records by jumping to the leaf that holds it (the list's own index has
-- one entry per leaf) and then stepping through that leaf entry by
-- entry. In a leaf of 4,050 bytes that is up to a thousand steps for
-- every word a save removes: at 1,000 invented clients 1.2 ms of a
-- one-record save, against 0.6 ms in leaves of 1,000 bytes. Searches do
-- not change (they read whole lists either way), the image shrinks
-- (four leaves fill a database page where one leaf of 4,050 bytes left
-- the rest of its page unused), and an edit of an old record puts
-- smaller leaves in its journal entry. docs/performance.md has the
-- figures for 500 to 4,050 bytes.
--
-- The page size applies to the segments FTS5 writes from now on, so each
-- index is rewritten into one segment of the new size. FTS5's optimize
-- leaves an index that is already one segment as it is, so a word is
-- first indexed for a row that cannot exist (one below the lowest id)
-- and taken out again after: the optimize then merges two segments, and
-- the secure delete removes the word. A rebuild would do the same by
-- reading and splitting every text again: many times slower.
INSERT INTO records_fts (records_fts, rank) VALUES ('pgsz', 1000);
INSERT INTO records_fts (rowid, title, body)
	SELECT coalesce(min(id), 1) - 1, 'caseload', '' FROM records;
INSERT INTO records_fts (records_fts) VALUES ('optimize');
INSERT INTO records_fts (records_fts, rowid, title, body)
	SELECT 'delete', coalesce(min(id), 1) - 1, 'caseload', '' FROM records;

INSERT INTO clients_fts (clients_fts, rank) VALUES ('pgsz', 1000);
INSERT INTO clients_fts (rowid, first_name, last_name, email)
	SELECT coalesce(min(id), 1) - 1, 'caseload', '', '' FROM clients;
INSERT INTO clients_fts (clients_fts) VALUES ('optimize');
INSERT INTO clients_fts (clients_fts, rowid, first_name, last_name, email)
	SELECT 'delete', coalesce(min(id), 1) - 1, 'caseload', '', '' FROM clients;

INSERT INTO appointments_fts (appointments_fts, rank) VALUES ('pgsz', 1000);
INSERT INTO appointments_fts (rowid, place, notes)
	SELECT coalesce(min(id), 1) - 1, 'caseload', '' FROM appointments;
INSERT INTO appointments_fts (appointments_fts) VALUES ('optimize');
INSERT INTO appointments_fts (appointments_fts, rowid, place, notes)
	SELECT 'delete', coalesce(min(id), 1) - 1, 'caseload', '' FROM appointments;
