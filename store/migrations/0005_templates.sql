-- Schema v5: the coach's own paper templates. The shipped templates live in
-- the program (store/templates/); a coach's copy is kept here beside them,
-- one row per saved version, so an earlier wording is never lost: the
-- newest version of a (key, lang) is the one printed. A copy under a
-- shipped template's key is printed instead of it; deleting the copy
-- brings the shipped one back.

CREATE TABLE templates (
	id         INTEGER PRIMARY KEY,
	key        TEXT NOT NULL CHECK (key <> ''),
	lang       TEXT NOT NULL CHECK (lang IN ('nl', 'en')),
	version    INTEGER NOT NULL CHECK (version > 0),
	body       TEXT NOT NULL,
	saved_at   TEXT NOT NULL,
	UNIQUE (key, lang, version)
);
