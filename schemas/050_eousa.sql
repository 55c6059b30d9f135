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

-- Grain: one row per defendant key: its statement in the latest snapshot
-- that mentions it. in_newest is false for keys the newest imported
-- snapshot no longer holds (sealed, expunged, opened in error).
CREATE OR REPLACE VIEW eousa_defendants_latest AS
WITH ranked AS (
    SELECT d.*,
           row_number() OVER (PARTITION BY key ORDER BY snapshot_date DESC, snapshot DESC) AS rn,
           count(*) OVER (PARTITION BY key) AS snapshots_seen
    FROM eousa_defendant_snapshots d
)
SELECT r.* EXCLUDE (rn),
       r.snapshot_date = (SELECT max(snapshot_date) FROM eousa_defendant_snapshots) AS in_newest
FROM ranked r
WHERE rn = 1;

-- Grain: one row per defendant key per snapshot whose statement differs
-- from the same key's previous snapshot: a revision, with what changed in
-- the outcome columns beside it.
CREATE OR REPLACE VIEW eousa_defendant_revisions AS
WITH seq AS (
    SELECT key, snapshot, snapshot_date, content_hash, disposition, disp_reason, disp_date,
           sentence_months, sentence_life,
           lag(snapshot)        OVER w AS prev_snapshot,
           lag(content_hash)    OVER w AS prev_hash,
           lag(disposition)     OVER w AS prev_disposition,
           lag(disp_reason)     OVER w AS prev_disp_reason,
           lag(disp_date)       OVER w AS prev_disp_date,
           lag(sentence_months) OVER w AS prev_sentence_months,
           lag(sentence_life)   OVER w AS prev_sentence_life
    FROM eousa_defendant_snapshots
    WINDOW w AS (PARTITION BY key ORDER BY snapshot_date, snapshot)
)
SELECT key, prev_snapshot, snapshot,
       prev_disposition, disposition,
       prev_disp_reason, disp_reason,
       prev_disp_date, disp_date,
       prev_sentence_months, sentence_months,
       prev_sentence_life, sentence_life,
       prev_disposition IS DISTINCT FROM disposition
         OR prev_disp_reason IS DISTINCT FROM disp_reason
         OR prev_disp_date IS DISTINCT FROM disp_date AS outcome_changed
FROM seq
WHERE prev_hash IS NOT NULL AND prev_hash <> content_hash;
