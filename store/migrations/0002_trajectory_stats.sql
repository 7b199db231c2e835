-- Schema v2: a trajectory's length may be unknown.
--
-- A closed client needs an end date but not a start date (intakes that were
-- closed from the first meeting, clients carried over from paper). Their
-- trajectory still counts in the statistics, only without a length, and a
-- purge must keep exactly what the live caseload counted, so the anonymous
-- row that survives it needs a NULL length. SQLite cannot drop a NOT NULL
-- constraint in place; the table is rebuilt. It holds no client data.

CREATE TABLE trajectory_stats_v2 (
	id          INTEGER PRIMARY KEY,
	end_year    INTEGER NOT NULL,
	length_days INTEGER,
	outcome     TEXT NOT NULL
		CHECK (outcome IN ('', 'education', 'work', 'other', 'dropped_out'))
);
INSERT INTO trajectory_stats_v2 (id, end_year, length_days, outcome)
	SELECT id, end_year, length_days, outcome FROM trajectory_stats;
DROP TABLE trajectory_stats;
ALTER TABLE trajectory_stats_v2 RENAME TO trajectory_stats;
