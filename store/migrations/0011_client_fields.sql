-- Schema v11: the optional client fields a practice may switch on
-- (issue 14): gender, marital status, number of children, country of
-- birth, nationality, residence status, date of arrival in the
-- Netherlands, and the BSN. Each is empty until the coach fills it in;
-- practice.client_fields names the ones the practice records (a comma
-- separated list of the column names, empty by default: a practice that
-- does not need them never sees them).
--
-- The BSN is kept out of clients_fts: its triggers index the names and
-- the e-mail address only, and stay as they are. The CHECKs hold the
-- values the store writes; the elfproef is the store's (Client.Validate).

ALTER TABLE practice ADD COLUMN client_fields TEXT NOT NULL DEFAULT '';

ALTER TABLE clients ADD COLUMN gender TEXT NOT NULL DEFAULT ''
	CHECK (gender IN ('', 'female', 'male', 'other'));
ALTER TABLE clients ADD COLUMN marital_status TEXT NOT NULL DEFAULT ''
	CHECK (marital_status IN ('', 'single', 'married', 'registered_partner', 'cohabiting', 'divorced', 'widowed'));
ALTER TABLE clients ADD COLUMN children INTEGER
	CHECK (children IS NULL OR children BETWEEN 0 AND 30);
ALTER TABLE clients ADD COLUMN birth_country TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN nationality TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN residence_status TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN arrival_date TEXT;
ALTER TABLE clients ADD COLUMN bsn TEXT NOT NULL DEFAULT ''
	CHECK (bsn = '' OR (length(bsn) = 9 AND bsn NOT GLOB '*[^0-9]*'));
