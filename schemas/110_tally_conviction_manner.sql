-- 110_tally_conviction_manner.sql: the tallies learn how a conviction came about (issue 15).
--
-- tally_facts.plea, .verdict: some report of the occurrence says the conviction was a guilty
--     plea (a verdict at trial); both can hold when reports disagree. Filled from
--     events.plea_or_verdict through int_occurrences by linkdb.Refresh.
-- tally_units.stages: three more stage bits (32 conviction by plea, 128 by verdict, 256 plea or
--     verdict stated; see pipeline/link/linkdb/tallysql.go), which no longer fit in a UTINYINT.
--
-- Both tables hold only what linkdb.Refresh derives after every link run, so they are dropped
-- and created again with their new columns (DuckDB refuses to commit several ALTERs, or a DELETE
-- and an ALTER, of a table that holds rows in one transaction). The columns are those of
-- 040_link.sql, 070_tally_facts_caseload.sql and 080_tally_units.sql, whose comments hold.
DROP TABLE IF EXISTS tally_facts;
CREATE TABLE tally_facts (
    occ_key            UBIGINT,
    person_key         UBIGINT,
    unnamed            BOOLEAN,
    event_type         VARCHAR,
    person_count       INTEGER,
    court_verified     BOOLEAN,
    prison_months      DOUBLE,
    days_to_conviction INTEGER,
    eff_date           DATE,
    year               SMALLINT,
    fiscal_year        SMALLINT,
    district           VARCHAR,
    category           VARCHAR,
    child_exploitation BOOLEAN,
    trafficking        BOOLEAN,
    agency             VARCHAR,
    caseload           BOOLEAN DEFAULT false,
    announced          BOOLEAN DEFAULT false,
    plea               BOOLEAN DEFAULT false, -- a report says the conviction was a guilty plea
    verdict            BOOLEAN DEFAULT false  -- a report says the conviction was a verdict
);

DROP TABLE IF EXISTS tally_units;
CREATE TABLE tally_units (
    stages             USMALLINT NOT NULL, -- bits: 080_tally_units.sql, and 32 / 128 / 256 above
    category           UTINYINT NOT NULL,
    agency             UTINYINT NOT NULL,
    category_below     UBIGINT  NOT NULL,
    agency_below       UBIGINT  NOT NULL,
    child_exploitation BOOLEAN  NOT NULL,
    trafficking        BOOLEAN  NOT NULL,
    eff_date           DATE,
    year               SMALLINT,
    fiscal_year        SMALLINT,
    district           VARCHAR,
    person_count       INTEGER,
    days_to_conviction INTEGER,
    prison_months      DOUBLE,
    prev_categories    UBIGINT,
    prev_agencies      UBIGINT,
    prev_date          DATE,
    prev_year          SMALLINT,
    prev_fiscal_year   SMALLINT,
    prev_district      VARCHAR,
    more_prev          STRUCT(categories UBIGINT, agencies UBIGINT, eff_date DATE, year SMALLINT,
                              fiscal_year SMALLINT, district VARCHAR)[]
);
