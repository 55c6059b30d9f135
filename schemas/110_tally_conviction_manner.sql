-- 110_tally_conviction_manner.sql: the tallies learn how a conviction came about (issue 15).
--
-- plea, verdict: some report of the occurrence says the conviction was a guilty plea (a verdict
--                at trial). Both can hold when two reports disagree. Filled from
--                events.plea_or_verdict through int_occurrences by linkdb.Refresh.
-- stages:        tally_units gains three stage bits (32 conviction by plea, 128 by verdict,
--                256 plea or verdict stated; see linkdb/tallysql.go), which no longer fit in
--                a UTINYINT. The table is emptied and refilled by every Refresh.
ALTER TABLE tally_facts ADD COLUMN plea BOOLEAN DEFAULT false;
ALTER TABLE tally_facts ADD COLUMN verdict BOOLEAN DEFAULT false;
DELETE FROM tally_units;
ALTER TABLE tally_units ALTER COLUMN stages SET DATA TYPE USMALLINT;
