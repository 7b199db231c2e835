-- Schema v7: the coach's week (issue 17).
--
-- Series. Appointments planned together as a series share series_id, the
-- id of the first of them; NULL for a single appointment. The rule that
-- made them is not kept: each appointment is a row of its own, so one can
-- be moved or cancelled without touching the others, and "the rest of the
-- series" is the rows with the same series_id from a date on.
--
-- Session notes. A note written from an appointment points at it; deleting
-- the appointment keeps the note (what was said stays in the dossier) and
-- drops the link.
--
-- Search. Place and notes of appointments are found by full-text search,
-- in an index of their own beside the records' (same tokenizer, no word
-- positions, secure-delete: see 0003).

ALTER TABLE appointments ADD COLUMN series_id INTEGER;
CREATE INDEX appointments_series ON appointments (series_id, starts_at) WHERE series_id IS NOT NULL;

-- The week. The agenda reads a week of appointments across clients:
-- with an index on starts_at alone each of them is a lookup in the table,
-- on a page of its own (a client's sessions are stored together, a
-- week's are spread over all of them), which at 10,000 clients with five
-- years of sessions took 90 ms a week. This index holds what the week
-- shows, so the week is read from a few of its pages; it replaces the
-- index on starts_at, which it begins with.
DROP INDEX appointments_start;
CREATE INDEX appointments_week ON appointments
	(starts_at, client_id, minutes, attendance, series_id, place, updated_at);

ALTER TABLE records ADD COLUMN appointment_id INTEGER REFERENCES appointments (id) ON DELETE SET NULL;
CREATE INDEX records_appointment ON records (appointment_id) WHERE appointment_id IS NOT NULL;

CREATE VIRTUAL TABLE appointments_fts USING fts5 (
	place, notes, content = 'appointments', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2',
	detail = column
);
INSERT INTO appointments_fts (appointments_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO appointments_fts (appointments_fts) VALUES ('rebuild');

CREATE TRIGGER appointments_ai AFTER INSERT ON appointments BEGIN
	INSERT INTO appointments_fts (rowid, place, notes) VALUES (new.id, new.place, new.notes);
END;
CREATE TRIGGER appointments_ad AFTER DELETE ON appointments BEGIN
	INSERT INTO appointments_fts (appointments_fts, rowid, place, notes)
		VALUES ('delete', old.id, old.place, old.notes);
END;
CREATE TRIGGER appointments_au AFTER UPDATE OF place, notes ON appointments BEGIN
	INSERT INTO appointments_fts (appointments_fts, rowid, place, notes)
		VALUES ('delete', old.id, old.place, old.notes);
	INSERT INTO appointments_fts (rowid, place, notes) VALUES (new.id, new.place, new.notes);
END;
