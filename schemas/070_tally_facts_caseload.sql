-- 070_tally_facts_caseload.sql: tally_facts learns where a fact comes from (issue 9).
--
-- caseload:  the occurrence comes from EOUSA caseload data (source eousa): a defendant the
--            U.S. Attorneys record, unnamed, keyed by the pseudonymous DISTRICT:CASEID:PARTID
--            (person_key hashes the document id, so each counts as one person). These rows
--            are the denominator (views/400_eousa_denominator.sql); the people columns of
--            linkdb.Tally and mart_tally leave them out, since they are never linked to the
--            named people of releases and dockets and would be counted twice.
-- announced: at least one report of the occurrence is a press release (not court-verified).
ALTER TABLE tally_facts ADD COLUMN caseload BOOLEAN DEFAULT false;
ALTER TABLE tally_facts ADD COLUMN announced BOOLEAN DEFAULT false;
