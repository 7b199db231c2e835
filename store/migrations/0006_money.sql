-- Schema v6: the money side of a trajectory (issue 16): funders, the terms
-- of a trajectory, time spent outside appointments, and invoices made by
-- caseload itself, with their lines, credit notes and payment.
--
-- Money is integer cents; VAT rates are basis points (2100 is 21%); hours
-- are minutes. Nothing here is a float.

-- The practice's list of funders: whoever pays for trajectories (a
-- municipality, UWV, a school). Not client data.
CREATE TABLE funders (
	id           INTEGER PRIMARY KEY,
	name         TEXT NOT NULL,
	address      TEXT NOT NULL,
	kvk          TEXT NOT NULL DEFAULT '',
	vat_number   TEXT NOT NULL DEFAULT '',
	contract     TEXT NOT NULL DEFAULT '',
	einvoice     TEXT NOT NULL DEFAULT '',
	payment_days INTEGER NOT NULL DEFAULT 30 CHECK (payment_days BETWEEN 1 AND 365),
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL
);

-- The practice's money settings, one row: what every invoice states of the
-- seller besides the practice's name, address and KvK.
CREATE TABLE money_settings (
	id               INTEGER PRIMARY KEY CHECK (id = 1),
	vat_number       TEXT NOT NULL DEFAULT '',
	iban             TEXT NOT NULL DEFAULT '',
	vat_exempt       INTEGER NOT NULL DEFAULT 0,
	exemption_text   TEXT NOT NULL DEFAULT '',
	default_vat_bp   INTEGER NOT NULL DEFAULT 2100,
	no_show_billable INTEGER NOT NULL DEFAULT 0,
	payment_days     INTEGER NOT NULL DEFAULT 30 CHECK (payment_days BETWEEN 1 AND 365),
	updated_at       TEXT
);
INSERT INTO money_settings (id) VALUES (1);

-- A client's trajectory terms: who pays, the budget and the rate.
CREATE TABLE trajectory_terms (
	client_id    INTEGER PRIMARY KEY REFERENCES clients (id) ON DELETE CASCADE,
	funder_id    INTEGER REFERENCES funders (id),
	budget_kind  TEXT NOT NULL DEFAULT 'none'
		CHECK (budget_kind IN ('none', 'hours', 'sessions', 'amount')),
	budget       INTEGER NOT NULL DEFAULT 0 CHECK (budget >= 0),
	rate_kind    TEXT NOT NULL CHECK (rate_kind IN ('hour', 'session', 'fixed')),
	rate_cents   INTEGER NOT NULL CHECK (rate_cents > 0),
	vat_bp       INTEGER NOT NULL DEFAULT 2100 CHECK (vat_bp BETWEEN 0 AND 10000),
	vat_reason   TEXT NOT NULL DEFAULT '',
	reference    TEXT NOT NULL DEFAULT '',
	updated_at   TEXT NOT NULL
);
CREATE INDEX trajectory_terms_funder ON trajectory_terms (funder_id);

-- Time spent for a client outside an appointment (reporting, travel).
CREATE TABLE time_entries (
	id          INTEGER PRIMARY KEY,
	client_id   INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
	entry_date  TEXT NOT NULL,
	minutes     INTEGER NOT NULL CHECK (minutes > 0),
	description TEXT NOT NULL DEFAULT '',
	invoice_id  INTEGER REFERENCES invoices (id) ON DELETE SET NULL,
	created_at  TEXT NOT NULL
);
CREATE INDEX time_entries_client ON time_entries (client_id, entry_date);

-- Which invoice billed an appointment; NULL while unbilled.
ALTER TABLE appointments ADD COLUMN invoice_id INTEGER REFERENCES invoices (id) ON DELETE SET NULL;

-- An invoice made by caseload is issued whole: these columns are written
-- once, with the number, and never updated (paid_on aside). A credit note
-- is an invoice of kind 'credit' with negative amounts. seller_* and
-- debtor_* are the parties as they stood on the invoice date.
ALTER TABLE invoices ADD COLUMN kind TEXT NOT NULL DEFAULT 'invoice' CHECK (kind IN ('invoice', 'credit'));
ALTER TABLE invoices ADD COLUMN year INTEGER;
ALTER TABLE invoices ADD COLUMN seq INTEGER;
ALTER TABLE invoices ADD COLUMN credits_id INTEGER REFERENCES invoices (id) ON DELETE SET NULL;
ALTER TABLE invoices ADD COLUMN credits_number TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN funder_id INTEGER REFERENCES funders (id) ON DELETE SET NULL;
ALTER TABLE invoices ADD COLUMN debtor_address TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN debtor_kvk TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN debtor_vat TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN debtor_einvoice TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN seller_name TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN seller_address TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN seller_kvk TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN seller_vat TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN seller_iban TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN reference TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN contract TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN period_from TEXT;
ALTER TABLE invoices ADD COLUMN period_to TEXT;
ALTER TABLE invoices ADD COLUMN due_date TEXT;
ALTER TABLE invoices ADD COLUMN net_cents INTEGER NOT NULL DEFAULT 0;
ALTER TABLE invoices ADD COLUMN vat_cents INTEGER NOT NULL DEFAULT 0;
ALTER TABLE invoices ADD COLUMN exemption TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN paid_on TEXT;
-- Invoices recorded before v6 are all net, no VAT.
UPDATE invoices SET net_cents = amount_cents;
-- Gapless numbering: one number per (year, seq), taken in the transaction
-- that saves the invoice.
CREATE UNIQUE INDEX invoices_year_seq ON invoices (year, seq) WHERE seq IS NOT NULL;
CREATE INDEX invoices_date ON invoices (invoice_date);
CREATE UNIQUE INDEX invoices_credits ON invoices (credits_id) WHERE credits_id IS NOT NULL;

CREATE TABLE invoice_lines (
	id          INTEGER PRIMARY KEY,
	invoice_id  INTEGER NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
	position    INTEGER NOT NULL,
	-- what the line bills: a session, a no-show, time outside a session,
	-- or an item of a fixed amount; each surface words it in its language
	item_kind   TEXT NOT NULL CHECK (item_kind IN ('session', 'no_show', 'time', 'item')),
	item_date   TEXT,
	description TEXT NOT NULL DEFAULT '',
	unit        TEXT NOT NULL CHECK (unit IN ('hour', 'session', 'item')),
	-- minutes for unit 'hour', a count otherwise; negative on a credit note
	quantity    INTEGER NOT NULL,
	unit_cents  INTEGER NOT NULL,
	net_cents   INTEGER NOT NULL,
	vat_bp      INTEGER NOT NULL CHECK (vat_bp BETWEEN 0 AND 10000),
	vat_reason  TEXT NOT NULL DEFAULT '',
	UNIQUE (invoice_id, position)
);
