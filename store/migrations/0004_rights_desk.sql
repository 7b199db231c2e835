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
