-- 040_link.sql: who is who, and what the tallies count (issue 6).
--
-- Layers, as in shared/docs/design.md:
--   tables   event_people, links            filled by pipeline/link (linkdb.Save) after every import
--   ref_*    taxonomy words                 the contract in shared/docs/taxonomy.md
--   int_*    one event, one case, one fact  joins and dates; no counting
--   mart_*   what people query              tallies, cases, people
--   tally_facts (table)                     int_tally_facts materialised by linkdb.Refresh after every link run;
--                                           mart_tally and linkdb.Tally read it
--   assert_* zero-row checks                run after every run; any row is a failure
--
-- Reads the core tables documents(doc_id, source, key, url, publisher, published, ...) and
-- events(event_id, doc_id, event_type, defendant, person_count, event_date, categories,
-- agencies, sentence_months, sentence_kind, district, docket_number, court_verified, evidence, ...).
--
-- Units. A named defendant counts once per stage per case ("people"); unnamed group arrests
-- are summed by person_count in their own column and never added to people. An event carries
-- all its categories and credited agencies, so one person can count in several rows of a
-- tally by category or agency: rows must never be summed into a grand total.
--
-- Dates. An event's date is its own (event_date) or, when the text gives none, its
-- document's publication date (date_from_doc = true). Fiscal years run Oct 1 – Sep 30 and
-- are named for the year they end in (2023-10-01 is FY2024).
--
-- No primary keys on the two link tables: linkdb.Save replaces their rows in one
-- transaction, and DuckDB refuses to delete and re-insert a key in one transaction when an
-- index exists. Uniqueness is checked by the assert_unique_* views instead.

CREATE TABLE IF NOT EXISTS event_people (
    event_id      VARCHAR NOT NULL, -- events.event_id
    person_id     VARCHAR,          -- 'P-' || earliest event of the person; NULL for unnamed group events
    case_id       VARCHAR,          -- 'C-' || earliest event of the case; NULL for unnamed group events
    occurrence_id VARCHAR NOT NULL  -- earliest report of the same real-world event (ICE + USAO on one arrest)
);

CREATE TABLE IF NOT EXISTS links (
    a_event_id VARCHAR NOT NULL,  -- a_event_id < b_event_id
    b_event_id VARCHAR NOT NULL,
    score      DOUBLE  NOT NULL,  -- name points + second keys - penalties (pipeline/link/score.go)
    decision   VARCHAR NOT NULL,  -- merge | keep_apart | uncertain
    decided_by VARCHAR NOT NULL,  -- rule | review
    reasons    VARCHAR[]          -- name level, keys that agreed or disagreed, conflicts, reviewer's note
);

-- The materialised facts every tally reads (refreshed by linkdb.Refresh; counting people
-- over ten million events straight from the views is far too slow).
CREATE TABLE IF NOT EXISTS tally_facts (
    occ_key            UBIGINT,  -- hash of the occurrence id
    person_key         UBIGINT,  -- hash of the person id (hash of NULL for unnamed groups)
    unnamed            BOOLEAN,  -- an unnamed group event: count person_count, never people
    event_type         VARCHAR,
    person_count       INTEGER,
    court_verified     BOOLEAN,
    prison_months      DOUBLE,   -- sentence in months when the sentence is a prison term
    days_to_conviction INTEGER,  -- arrests: days to the case's first conviction on or after it
    eff_date           DATE,     -- event date, else the document's publication date
    year               SMALLINT,
    fiscal_year        SMALLINT, -- Oct 1 – Sep 30, named for the year it ends in
    district           VARCHAR,  -- '(unknown)' when no report names it
    category           VARCHAR,
    child_exploitation BOOLEAN,
    trafficking        BOOLEAN,
    agency             VARCHAR
);
