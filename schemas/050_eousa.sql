-- 050_eousa.sql: EOUSA National Caseload Data (LIONS), snapshot-aware.
--
-- Each monthly release is a complete cumulative snapshot, and records
-- change between snapshots (a pending case is disposed of, a disposition is
-- corrected, a sealed case is unsealed) or disappear (sealing, expungement).
-- So nothing here is overwritten: every snapshot's statement of a defendant
-- is a row of its own, keyed by (key, snapshot), with a content hash; the
-- views pick the latest statement and list the revisions.
--
-- key is the pseudonymous, snapshot-independent DISTRICT:CASEID:PARTID
-- (LIONS withholds names). Loaded by sources/eousa (SnapshotRow,
-- CountRows) with the Appender.

-- Grain: one row per imported monthly release.
CREATE TABLE IF NOT EXISTS eousa_snapshots (
    snapshot       VARCHAR PRIMARY KEY,      -- e.g. SEPFY2018
    snapshot_date  DATE NOT NULL,            -- last day of the month the release covers
    url            VARCHAR,                  -- justice.gov page of the release
    imported_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    defendants     BIGINT,                   -- defendants kept by the filter
    bytes_scanned  BIGINT
);

-- Grain: one row per defendant key per snapshot.
CREATE TABLE IF NOT EXISTS eousa_defendant_snapshots (
    key                VARCHAR NOT NULL,     -- DISTRICT:CASEID:PARTID
    snapshot           VARCHAR NOT NULL,
    snapshot_date      DATE NOT NULL,
    content_hash       VARCHAR NOT NULL,     -- sha256 of everything the snapshot says, snapshot id excluded
    district           VARCHAR NOT NULL,     -- EOUSA district code, FLM
    district_name      VARCHAR,              -- taxonomy name, M.D. Fla.
    court_id           VARCHAR,              -- flmd
    case_id            VARCHAR NOT NULL,     -- USAO number
    part_id            BIGINT NOT NULL,
    role               VARCHAR,              -- D, DG, DJ, ... or D* (sealed)
    sealed             BOOLEAN NOT NULL,
    court_number       VARCHAR,              -- YY-CR-NNNNN
    docket_join_key    VARCHAR,              -- court_id:yy-cr-nnnnn, joins PACER/CourtListener
    filing_date        DATE,
    disposition        VARCHAR,              -- final trial-court disposition: GT, NC, NG, DM, DJ, ...
    disp_reason        VARCHAR,              -- PLED, JTRD, GWOD, ...
    plea_or_verdict    VARCHAR,              -- plea / verdict / NULL
    disp_date          DATE,
    sentence_date      DATE,
    sentence_months    DOUBLE,
    sentence_life      BOOLEAN,
    program_categories VARCHAR[],            -- first is primary
    agencies           VARCHAR[],            -- taxonomy codes, lead agent first
    agency_codes       VARCHAR[],            -- LIONS codes as written (HSCE, ...)
    statutes           VARCHAR[],
    kept               VARCHAR,              -- why the import filter kept the defendant
    PRIMARY KEY (key, snapshot)
);

-- Grain: one row per defendant count per snapshot.
CREATE TABLE IF NOT EXISTS eousa_count_snapshots (
    key          VARCHAR NOT NULL,
    snapshot     VARCHAR NOT NULL,
    crthisid     BIGINT NOT NULL,
    instid       BIGINT NOT NULL,
    countid      BIGINT NOT NULL,
    charge       VARCHAR,                    -- as written, "*" when withheld
    statute      VARCHAR,                    -- 18 U.S.C. 2252A(a)(2)
    category     VARCHAR,                    -- F / M / P
    disposition  VARCHAR,
    disp_reason  VARCHAR,
    disp_date    DATE,
    case_level   BOOLEAN NOT NULL,           -- from GS_COUNT: no per-defendant count rows
    PRIMARY KEY (key, snapshot, crthisid, instid, countid)
);
