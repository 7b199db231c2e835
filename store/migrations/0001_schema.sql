-- Schema v1: the whole caseload of DESIGN.md ("The caseload").
-- Dates are civil dates as 'YYYY-MM-DD'; moments are civil date-times as
-- 'YYYY-MM-DD HH:MM:SS' on the coach's wall clock. NULL means "not set".

CREATE TABLE practice (
	id          INTEGER PRIMARY KEY CHECK (id = 1),
	name        TEXT NOT NULL DEFAULT '',
	address     TEXT NOT NULL DEFAULT '',
	email       TEXT NOT NULL DEFAULT '',
	phone       TEXT NOT NULL DEFAULT '',
	kvk         TEXT NOT NULL DEFAULT '',
	dpo_contact TEXT NOT NULL DEFAULT '',
	purposes    TEXT NOT NULL DEFAULT '',
	legal_bases TEXT NOT NULL DEFAULT '',
	recipients  TEXT NOT NULL DEFAULT '',
	updated_at  TEXT
);
INSERT INTO practice (id) VALUES (1);

CREATE TABLE clients (
	id                INTEGER PRIMARY KEY,
	uid               TEXT NOT NULL UNIQUE,
	first_name        TEXT NOT NULL DEFAULT '',
	last_name         TEXT NOT NULL DEFAULT '',
	email             TEXT NOT NULL DEFAULT '',
	phone             TEXT NOT NULL DEFAULT '',
	address           TEXT NOT NULL DEFAULT '',
	birth_date        TEXT,
	referral          TEXT NOT NULL DEFAULT 'self'
		CHECK (referral IN ('self', 'municipality', 'school', 'other')),
	referral_detail   TEXT NOT NULL DEFAULT '',
	representative    TEXT NOT NULL DEFAULT '',
	status            TEXT NOT NULL
		CHECK (status IN ('intake', 'active', 'closed', 'rejected')),
	start_date        TEXT,
	end_date          TEXT,
	rejected_on       TEXT,
	outcome           TEXT NOT NULL DEFAULT ''
		CHECK (outcome IN ('', 'education', 'work', 'other', 'dropped_out')),
	restricted        INTEGER NOT NULL DEFAULT 0,
	restricted_reason TEXT NOT NULL DEFAULT '',
	hold              INTEGER NOT NULL DEFAULT 0,
	hold_reason       TEXT NOT NULL DEFAULT '',
	hold_until        TEXT,
	notes             TEXT NOT NULL DEFAULT '',
	created_at        TEXT NOT NULL,
	updated_at        TEXT NOT NULL
);
CREATE INDEX clients_status ON clients (status);

CREATE TABLE records (
	id          INTEGER PRIMARY KEY,
	client_id   INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
	kind        TEXT NOT NULL
		CHECK (kind IN ('intake', 'plan', 'evaluation', 'note', 'cv', 'letter', 'email', 'other')),
	title       TEXT NOT NULL,
	body        TEXT NOT NULL DEFAULT '',
	record_date TEXT NOT NULL,
	special     INTEGER NOT NULL DEFAULT 0,
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL
);
CREATE INDEX records_client ON records (client_id, kind, record_date);

CREATE TABLE appointments (
	id         INTEGER PRIMARY KEY,
	client_id  INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
	starts_at  TEXT NOT NULL,
	minutes    INTEGER NOT NULL CHECK (minutes > 0),
	place      TEXT NOT NULL DEFAULT '',
	attendance TEXT NOT NULL DEFAULT ''
		CHECK (attendance IN ('', 'attended', 'cancelled', 'no_show')),
	reason     TEXT NOT NULL DEFAULT '',
	notes      TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX appointments_client ON appointments (client_id, starts_at);
CREATE INDEX appointments_start ON appointments (starts_at);

-- The key that opens a sealed file lives only here: deleting the row
-- crypto-shreds every copy of the file.
CREATE TABLE attachments (
	id        INTEGER PRIMARY KEY,
	client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
	blob_id   TEXT NOT NULL UNIQUE,
	blob_key  TEXT NOT NULL,
	name      TEXT NOT NULL,
	kind      TEXT NOT NULL DEFAULT 'other',
	size      INTEGER NOT NULL,
	added_at  TEXT NOT NULL
);
CREATE INDEX attachments_client ON attachments (client_id);

CREATE TABLE consents (
	id           INTEGER PRIMARY KEY,
	client_id    INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
	purpose      TEXT NOT NULL,
	recipient    TEXT NOT NULL,
	given_on     TEXT NOT NULL,
	given_by     TEXT NOT NULL DEFAULT 'client' CHECK (given_by IN ('client', 'representative')),
	withdrawn_on TEXT,
	notes        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX consents_client ON consents (client_id);

CREATE TABLE disclosures (
	id           INTEGER PRIMARY KEY,
	client_id    INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
	recipient    TEXT NOT NULL,
	what         TEXT NOT NULL,
	disclosed_on TEXT NOT NULL,
	basis        TEXT NOT NULL,
	consent_id   INTEGER REFERENCES consents (id) ON DELETE SET NULL,
	notes        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX disclosures_client ON disclosures (client_id);

CREATE TABLE requests (
	id                INTEGER PRIMARY KEY,
	client_id         INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
	kind              TEXT NOT NULL CHECK (kind IN ('access', 'rectification', 'erasure',
		'restriction', 'objection', 'portability', 'consent_withdrawal')),
	received_on       TEXT NOT NULL,
	channel           TEXT NOT NULL DEFAULT '',
	identity_checked  INTEGER NOT NULL DEFAULT 0,
	identity_how      TEXT NOT NULL DEFAULT '',
	status            TEXT NOT NULL DEFAULT 'open'
		CHECK (status IN ('open', 'extended', 'answered', 'refused')),
	due_on            TEXT NOT NULL,
	extended_months   INTEGER NOT NULL DEFAULT 0,
	extension_reason  TEXT NOT NULL DEFAULT '',
	extension_sent_on TEXT,
	answered_on       TEXT,
	outcome           TEXT NOT NULL DEFAULT '',
	notes             TEXT NOT NULL DEFAULT ''
);
CREATE INDEX requests_open ON requests (status, due_on);

-- Recipients to tell after a rectification, erasure or restriction (AVG art. 19).
CREATE TABLE request_notices (
	id          INTEGER PRIMARY KEY,
	request_id  INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
	recipient   TEXT NOT NULL,
	notified_on TEXT
);

-- Invoices outlive the dossier (fiscal retention): client_id is cleared
-- at a purge and only what the tax rules need stays.
CREATE TABLE invoices (
	id           INTEGER PRIMARY KEY,
	client_id    INTEGER REFERENCES clients (id) ON DELETE SET NULL,
	number       TEXT NOT NULL UNIQUE,
	invoice_date TEXT NOT NULL,
	amount_cents INTEGER NOT NULL,
	debtor       TEXT NOT NULL DEFAULT '',
	description  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX invoices_client ON invoices (client_id);

CREATE TABLE retention_policies (
	category   TEXT PRIMARY KEY CHECK (category IN ('dossier', 'rejected_intake', 'invoice')),
	basis      TEXT NOT NULL
		CHECK (basis IN ('trajectory_end', 'rejection', 'record_date', 'invoice_date')),
	months     INTEGER NOT NULL CHECK (months > 0),
	reason     TEXT NOT NULL DEFAULT '',
	updated_at TEXT
);
INSERT INTO retention_policies (category, basis, months, reason) VALUES
	('dossier', 'trajectory_end', 24,
		'Coaching dossier: two years after the trajectory ends, as the practice''s privacy statement promises.'),
	('rejected_intake', 'rejection', 1,
		'Intake of someone who was never taken on: one month after the decision.'),
	('invoice', 'invoice_date', 84,
		'Invoices: seven years, the fiscal retention duty (art. 52 AWR).');

CREATE TABLE breaches (
	id                  INTEGER PRIMARY KEY,
	discovered_at       TEXT NOT NULL,
	description         TEXT NOT NULL,
	categories          TEXT NOT NULL DEFAULT '',
	people_affected     INTEGER NOT NULL DEFAULT 0,
	records_affected    INTEGER NOT NULL DEFAULT 0,
	consequences        TEXT NOT NULL DEFAULT '',
	measures            TEXT NOT NULL DEFAULT '',
	contact             TEXT NOT NULL DEFAULT '',
	reported_at         TEXT,
	not_reported_reason TEXT NOT NULL DEFAULT '',
	people_informed_at  TEXT,
	created_at          TEXT NOT NULL
);

-- Proof of deletion: no name, no birth date, no free text.
CREATE TABLE tombstones (
	id         INTEGER PRIMARY KEY,
	client_id  INTEGER NOT NULL,
	categories TEXT NOT NULL,
	purged_on  TEXT NOT NULL,
	policy     TEXT NOT NULL
);

-- Anonymous statistics that survive a purge.
CREATE TABLE trajectory_stats (
	id          INTEGER PRIMARY KEY,
	end_year    INTEGER NOT NULL,
	length_days INTEGER NOT NULL,
	outcome     TEXT NOT NULL
);

-- Names clients by id only.
CREATE TABLE audit (
	id        INTEGER PRIMARY KEY,
	at        TEXT NOT NULL,
	action    TEXT NOT NULL,
	client_id INTEGER,
	detail    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_client ON audit (client_id, id);

-- Text being typed when the vault locked itself.
CREATE TABLE drafts (
	key        TEXT PRIMARY KEY,
	body       TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

-- Full-text search over record text, as an external-content index: the text
-- is stored once, in records.
CREATE VIRTUAL TABLE records_fts USING fts5 (
	title, body, content = 'records', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2'
);
-- Deleted text must leave the index at once, not at the next merge:
-- otherwise a purged client's words survive in the image.
INSERT INTO records_fts (records_fts, rank) VALUES ('secure-delete', 1);
CREATE TRIGGER records_ai AFTER INSERT ON records BEGIN
	INSERT INTO records_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER records_ad AFTER DELETE ON records BEGIN
	INSERT INTO records_fts (records_fts, rowid, title, body)
		VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER records_au AFTER UPDATE OF title, body ON records BEGIN
	INSERT INTO records_fts (records_fts, rowid, title, body)
		VALUES ('delete', old.id, old.title, old.body);
	INSERT INTO records_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE VIRTUAL TABLE clients_fts USING fts5 (
	first_name, last_name, email, content = 'clients', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO clients_fts (clients_fts, rank) VALUES ('secure-delete', 1);
CREATE TRIGGER clients_ai AFTER INSERT ON clients BEGIN
	INSERT INTO clients_fts (rowid, first_name, last_name, email)
		VALUES (new.id, new.first_name, new.last_name, new.email);
END;
CREATE TRIGGER clients_ad AFTER DELETE ON clients BEGIN
	INSERT INTO clients_fts (clients_fts, rowid, first_name, last_name, email)
		VALUES ('delete', old.id, old.first_name, old.last_name, old.email);
END;
CREATE TRIGGER clients_au AFTER UPDATE OF first_name, last_name, email ON clients BEGIN
	INSERT INTO clients_fts (clients_fts, rowid, first_name, last_name, email)
		VALUES ('delete', old.id, old.first_name, old.last_name, old.email);
	INSERT INTO clients_fts (rowid, first_name, last_name, email)
		VALUES (new.id, new.first_name, new.last_name, new.email);
END;
