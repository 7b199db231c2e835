-- Retention categories of the practice's own, beside the three the
-- caseload always had. The statements promise periods per kind of data:
-- applicants one month after the procedure (studiebegeleiding §9), mail at
-- most two years (steunpunt), seven years after recording (mesis), ID
-- copies as a category of their own (smallsteps), complaints with a period
-- of their own. A record, a document or a complaint may name one of these
-- categories and then counts down on its own; without one it goes with
-- the dossier, exactly as before.
--
-- The table is rebuilt: its CHECK named the three categories and four
-- basis events. Names and reasons of the shipped categories are keys
-- ("default:<category>") each reader writes in its own language, like
-- the reasons since migration 10.
CREATE TABLE retention_policies_v11 (
	category   TEXT PRIMARY KEY CHECK (category GLOB '[a-z]*' AND length(category) <= 40),
	name       TEXT NOT NULL DEFAULT '',
	basis      TEXT NOT NULL
		CHECK (basis IN ('trajectory_end', 'rejection', 'record_date', 'invoice_date', 'last_contact',
			'complaint_closed')),
	months     INTEGER NOT NULL CHECK (months > 0),
	reason     TEXT NOT NULL DEFAULT '',
	updated_at TEXT,
	position   INTEGER NOT NULL DEFAULT 0
);
INSERT INTO retention_policies_v11 (category, basis, months, reason, updated_at, position)
	SELECT category, basis, months, reason, updated_at,
		CASE category WHEN 'dossier' THEN 1 WHEN 'rejected_intake' THEN 2 ELSE 3 END
	FROM retention_policies;
DROP TABLE retention_policies;
ALTER TABLE retention_policies_v11 RENAME TO retention_policies;

INSERT INTO retention_policies (category, name, basis, months, reason, position) VALUES
	('applicant', 'default:applicant', 'rejection', 1, 'default:applicant', 4),
	('correspondence', 'default:correspondence', 'record_date', 24, 'default:correspondence', 5),
	('id_copy', 'default:id_copy', 'trajectory_end', 24, 'default:id_copy', 6),
	('recorded', 'default:recorded', 'record_date', 84, 'default:recorded', 7),
	('complaint', 'default:complaint', 'complaint_closed', 24, 'default:complaint', 8);

-- '' is "with the dossier": every item made before this migration.
ALTER TABLE records ADD COLUMN retention_category TEXT NOT NULL DEFAULT '';
ALTER TABLE attachments ADD COLUMN retention_category TEXT NOT NULL DEFAULT '';
ALTER TABLE complaints ADD COLUMN retention_category TEXT NOT NULL DEFAULT '';
