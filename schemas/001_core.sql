-- Core tables. Keys are enforced by zero-row assertions rather than PRIMARY KEY
-- constraints: constraints slow the Appender and DuckDB checks them eagerly when a
-- document is deleted and re-inserted in one transaction.

-- grain: one row per source document (a press release, a docket, a caseload defendant)
CREATE TABLE documents (
    doc_id          VARCHAR NOT NULL,   -- source || ':' || key
    source          VARCHAR NOT NULL,   -- source package that produced it (doj, ice, pacer, file, ...)
    key             VARCHAR NOT NULL,   -- stable key within the source (uuid, canonical URL, court:docket)
    url             VARCHAR NOT NULL,
    publisher       VARCHAR,            -- who issued it: ICE, DOJ, USAO, FBI, DHS, court, other
    published       DATE,
    changed         TIMESTAMP,          -- publisher's last-modified time, when given
    title           VARCHAR,
    body            VARCHAR,            -- plain text; event evidence offsets point into it
    topics          VARCHAR[],
    components      VARCHAR[],
    district        VARCHAR,            -- district hint from the publisher
    kept_reason     VARCHAR,            -- why a filtering source kept it
    raw_sha256      VARCHAR,            -- sha256 of the raw bytes (archive key)
    content_sha256  VARCHAR NOT NULL,   -- hash of the record and its events: unchanged re-imports are skipped
    fetched_at      TIMESTAMP,          -- when the raw bytes were fetched (file mtime for imported files)
    imported_at     TIMESTAMP NOT NULL, -- first load
    updated_at      TIMESTAMP NOT NULL, -- last load that changed the record or its events
    run_id          BIGINT              -- run that last changed it
);

-- grain: one row per event (one stage of one defendant's case as one document reports it)
CREATE TABLE events (
    event_id         VARCHAR NOT NULL,  -- stable hash of doc_id, type, defendant and ordinal
    doc_id           VARCHAR NOT NULL,
    source           VARCHAR NOT NULL,
    document_url     VARCHAR NOT NULL,
    ordinal          INTEGER NOT NULL,  -- position of the event in its document
    event_type       VARCHAR NOT NULL,  -- arrest, charged, convicted, sentenced, acquitted, dismissed
    defendant        VARCHAR,           -- NULL for an unnamed group
    aliases          VARCHAR[],
    age              INTEGER,
    person_count     INTEGER NOT NULL,
    plea_or_verdict  VARCHAR,
    event_date       DATE,
    statutes         VARCHAR[],
    categories       VARCHAR[],
    agencies         VARCHAR[],
    sentence_months  DOUBLE,
    sentence_kind    VARCHAR,           -- prison, life, time_served, probation
    district         VARCHAR,
    docket_number    VARCHAR,
    court_verified   BOOLEAN NOT NULL,
    evidence         VARCHAR NOT NULL,  -- the sentence the event was read from
    evidence_start   INTEGER,           -- byte offsets of evidence in documents.body
    evidence_end     INTEGER
);

-- grain: one row per command that wrote to the database
CREATE TABLE runs (
    run_id       BIGINT NOT NULL,
    command      VARCHAR NOT NULL,      -- import, run, reparse, ...
    args         VARCHAR,
    started_at   TIMESTAMP NOT NULL,
    finished_at  TIMESTAMP,
    status       VARCHAR NOT NULL,      -- running, ok, failed, interrupted
    error        VARCHAR
);

-- grain: one row per source per run
CREATE TABLE source_runs (
    run_id         BIGINT NOT NULL,
    source         VARCHAR NOT NULL,
    started_at     TIMESTAMP NOT NULL,
    finished_at    TIMESTAMP,
    seen           INTEGER NOT NULL DEFAULT 0,
    new            INTEGER NOT NULL DEFAULT 0,
    updated        INTEGER NOT NULL DEFAULT 0,
    unchanged      INTEGER NOT NULL DEFAULT 0,
    failed         INTEGER NOT NULL DEFAULT 0,
    cursor_before  VARCHAR,
    cursor_after   VARCHAR,
    status         VARCHAR NOT NULL,    -- ok, failed
    error          VARCHAR
);

-- grain: one row per source: where its next crawl resumes
CREATE TABLE cursors (
    source      VARCHAR NOT NULL,
    cursor      VARCHAR NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    run_id      BIGINT
);

-- grain: one row per (source, document reference) that failed to parse, until it parses
CREATE TABLE parse_errors (
    source      VARCHAR NOT NULL,
    ref         VARCHAR NOT NULL,       -- file path or URL
    raw_sha256  VARCHAR,
    error       VARCHAR NOT NULL,
    first_seen  TIMESTAMP NOT NULL,
    last_seen   TIMESTAMP NOT NULL,
    run_id      BIGINT
);
