-- The rights desk keeps what the five privacy statements promise.

-- A practice's own answer target for rights requests, in calendar days
-- (mesis: four weeks; steunpunt: within a week); 0 when it has none and
-- the legal month is the only deadline.
ALTER TABLE practice ADD COLUMN answer_target_days INTEGER NOT NULL DEFAULT 0
	CHECK (answer_target_days BETWEEN 0 AND 31);

-- Proof that an erasure request (AVG art. 17) was carried out, kept with
-- the tombstone when the request goes with the dossier: dates and outcome
-- only, no personal data and no free text.
CREATE TABLE erasures (
	id              INTEGER PRIMARY KEY,
	tombstone_id    INTEGER NOT NULL REFERENCES tombstones (id),
	received_on     TEXT NOT NULL,
	due_on          TEXT NOT NULL,
	extended_months INTEGER NOT NULL DEFAULT 0,
	done_on         TEXT NOT NULL
);

-- The clients a breach affects, so their dossier shows it and the letter
-- to them can be made; and when the practice's processors were told.
CREATE TABLE breach_clients (
	breach_id INTEGER NOT NULL REFERENCES breaches (id) ON DELETE CASCADE,
	client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
	PRIMARY KEY (breach_id, client_id)
);
CREATE INDEX breach_clients_client ON breach_clients (client_id);
ALTER TABLE breaches ADD COLUMN processors_informed_at TEXT;

-- The practice's processors (hosting, mail, bookkeeping), for the art. 30
-- register and the breach clock.
CREATE TABLE processors (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	processes  TEXT NOT NULL DEFAULT '',
	agreement  INTEGER NOT NULL DEFAULT 0,
	location   TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL
);

-- The practice's recipients: who its clients' data may go to. A consent
-- and a disclosure point at one, so "Gemeente Utrecht" and "gemeente
-- utrecht, Mw. Jansen" are one municipality with a contact person, not two
-- spellings that the consent gate tells apart.
CREATE TABLE recipients (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	contact    TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX recipients_name ON recipients (lower(name));
ALTER TABLE consents ADD COLUMN recipient_id INTEGER REFERENCES recipients (id);
ALTER TABLE disclosures ADD COLUMN recipient_id INTEGER REFERENCES recipients (id);

-- Every name already in use becomes a recipient; a contact person after a
-- comma ("Gemeente Utrecht, Mw. Jansen") becomes the recipient's detail.
CREATE TEMP TABLE recipient_names AS
	SELECT DISTINCT trim(recipient) AS raw,
		replace(replace(replace(trim(recipient), '  ', ' '), '  ', ' '), '  ', ' ') AS full FROM consents
	UNION SELECT DISTINCT trim(recipient),
		replace(replace(replace(trim(recipient), '  ', ' '), '  ', ' '), '  ', ' ') FROM disclosures;
CREATE TEMP TABLE recipient_split AS
	SELECT raw, full,
		CASE WHEN instr(full, ', ') > 0 AND (
				lower(substr(full, instr(full, ', ') + 2)) GLOB 'mw[. ]*' OR
				lower(substr(full, instr(full, ', ') + 2)) GLOB 'mevr*' OR
				lower(substr(full, instr(full, ', ') + 2)) GLOB 'dhr[. ]*' OR
				lower(substr(full, instr(full, ', ') + 2)) GLOB 'de heer *' OR
				lower(substr(full, instr(full, ', ') + 2)) GLOB 't.a.v.*' OR
				lower(substr(full, instr(full, ', ') + 2)) GLOB 'mr[s. ]*' OR
				lower(substr(full, instr(full, ', ') + 2)) GLOB 'ms[. ]*')
			THEN trim(substr(full, 1, instr(full, ', ') - 1)) ELSE full END AS name,
		CASE WHEN instr(full, ', ') > 0 AND (
				lower(substr(full, instr(full, ', ') + 2)) GLOB 'mw[. ]*' OR
				lower(substr(full, instr(full, ', ') + 2)) GLOB 'mevr*' OR
				lower(substr(full, instr(full, ', ') + 2)) GLOB 'dhr[. ]*' OR
				lower(substr(full, instr(full, ', ') + 2)) GLOB 'de heer *' OR
				lower(substr(full, instr(full, ', ') + 2)) GLOB 't.a.v.*' OR
				lower(substr(full, instr(full, ', ') + 2)) GLOB 'mr[s. ]*' OR
				lower(substr(full, instr(full, ', ') + 2)) GLOB 'ms[. ]*')
			THEN trim(substr(full, instr(full, ', ') + 2)) ELSE '' END AS contact
	FROM recipient_names;
INSERT INTO recipients (name, contact, created_at)
	SELECT name, max(contact), strftime('%Y-%m-%dT%H:%M:%S', 'now') FROM recipient_split
	GROUP BY lower(name);
UPDATE consents SET recipient_id = (SELECT r.id FROM recipient_split s JOIN recipients r
	ON lower(r.name) = lower(s.name) WHERE s.raw = trim(consents.recipient));
UPDATE disclosures SET recipient_id = (SELECT r.id FROM recipient_split s JOIN recipients r
	ON lower(r.name) = lower(s.name) WHERE s.raw = trim(disclosures.recipient));
DROP TABLE recipient_split;
DROP TABLE recipient_names;

-- A document can be special-category data (a medical letter, an ID copy)
-- like a record: its name is masked until revealed, and the reveal logged.
ALTER TABLE attachments ADD COLUMN special INTEGER NOT NULL DEFAULT 0;

-- Complaints about how a client's data were handled (step-inburgering
-- lists "gegevens klachtafhandeling"): received, subject, answered, outcome.
CREATE TABLE complaints (
	id          INTEGER PRIMARY KEY,
	client_id   INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
	received_on TEXT NOT NULL,
	subject     TEXT NOT NULL,
	answered_on TEXT,
	outcome     TEXT NOT NULL DEFAULT ''
		CHECK (outcome IN ('', 'upheld', 'partly_upheld', 'not_upheld', 'withdrawn')),
	notes       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX complaints_client ON complaints (client_id);
