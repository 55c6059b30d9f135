-- 080_tally_units.sql: what a tally reads, pre-counted so any tally over ten million events
-- answers in well under a second (issue 6). Filled by linkdb.Refresh from tally_facts after
-- every link run; linkdb.Tally and mart_tally read tally_units, never tally_facts.
--
-- A tally counts each unit (a named person, or an unnamed group occurrence) once per stage per
-- cell. Grouping ten million rows by person at query time is what made tallies slow, so
-- Refresh does the per-person work once:
--
--   stages     the stages a row counts for: 1 arrest announced (named), 2 charged,
--              4 convicted (conviction or sentence), 8 convicted on a court record,
--              16 sentenced, 64 arrest announced (unnamed group, counted by person_count).
--   rank       within one unit and one stage, occurrences are ranked (announced arrests by
--              days_to_conviction ascending, sentences by prison_months descending, NULLs last,
--              then by occurrence). The first-ranked occurrence of each stage is a "first" row:
--              it counts wherever it lands. Each later one is its own row for that one stage,
--              carrying the occurrences ranked before it (prev_*, more_prev): it counts in a cell
--              only when none of them passes the filters and lands in the same cell. So each unit
--              counts once per stage per cell, and the row that counts carries the unit's
--              min(days_to_conviction) or max(prison_months) for that cell.
--   cells      one row per occurrence × category × agency, as in tally_facts; category and
--              agency are codes (tally_codes), and category_below / agency_below are the masks of
--              the occurrence's other codes lower than the row's, so a tally that does not break
--              down by category counts a row only for its occurrence's lowest category that passes
--              the filters (same for agency). Rows are stored sorted by whether those masks are
--              empty, then by category, so an unfiltered tally, or one by category set, skips the
--              rows it does not count by their zone maps.
--
-- EOUSA caseload occurrences are left out (see 070_tally_facts_caseload.sql). Occurrences that
-- count for no stage (acquittals, dismissals, arrests only a docket records) are kept as first
-- rows with stages = 0, so mart_tally still lists their cells.

-- one row per category or agency value found in tally_facts; code is the bit in the masks below
CREATE TABLE IF NOT EXISTS tally_codes (
    dim                VARCHAR  NOT NULL, -- category | agency
    code               UTINYINT NOT NULL, -- 0..63
    value              VARCHAR,           -- NULL: the occurrence has none
    child_exploitation BOOLEAN  NOT NULL, -- categories only (ref_categories)
    trafficking        BOOLEAN  NOT NULL
);

CREATE TABLE IF NOT EXISTS tally_units (
    stages             UTINYINT NOT NULL, -- bits above
    category           UTINYINT NOT NULL, -- tally_codes.code
    agency             UTINYINT NOT NULL, -- tally_codes.code
    category_below     UBIGINT  NOT NULL, -- mask of the occurrence's category codes below category
    agency_below       UBIGINT  NOT NULL, -- mask of the occurrence's agency codes below agency
    child_exploitation BOOLEAN  NOT NULL, -- the row's category is in the set (ref_categories)
    trafficking        BOOLEAN  NOT NULL,
    eff_date           DATE,
    year               SMALLINT,
    fiscal_year        SMALLINT,
    district           VARCHAR,
    person_count       INTEGER,
    days_to_conviction INTEGER,           -- announced arrests
    prison_months      DOUBLE,            -- sentences to prison
    -- later-ranked rows only: the first-ranked occurrence of the same unit and stage ...
    prev_categories    UBIGINT,           -- masks of all its category and agency codes
    prev_agencies      UBIGINT,
    prev_date          DATE,
    prev_year          SMALLINT,
    prev_fiscal_year   SMALLINT,
    prev_district      VARCHAR,
    -- ... and those ranked between it and this one (NULL when none)
    more_prev          STRUCT(categories UBIGINT, agencies UBIGINT, eff_date DATE, year SMALLINT,
                              fiscal_year SMALLINT, district VARCHAR)[]
);
