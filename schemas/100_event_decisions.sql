-- 100_event_decisions.sql: hand corrections of events that every writing run honours (issue 16).
--
-- event_decisions.csv beside the database holds a reviewer's decisions: drop an extracted event,
-- set one of its fields, or add an event the extractor missed. Every writing command (import,
-- run, reparse) applies the file after extraction and before linking (pipeline/review/reviewdb):
--
--   1. restore: corrected rows leave events, and the extracted rows kept in event_originals go
--      back, unless their document was reloaded since (its content hash changed), in which case
--      the reload already wrote the new extraction;
--   2. apply: each decision of the file, in order; a changed or dropped event's extracted row is
--      copied to event_originals first, changed and added rows carry corrected = true;
--   3. record: event_decisions is replaced by one row per decision line of the file.
--
-- So events always hold the extraction plus the file as it is now: removing a line undoes it on
-- the next run, and re-running changes nothing. Decisions are keyed on event_id, which a reparse
-- or re-import gives again (docs/data-dictionary.md, "Event ids and decisions").

ALTER TABLE events ADD COLUMN corrected BOOLEAN DEFAULT false; -- changed or added by event_decisions.csv

-- grain: one row per extracted event that a decision changed or dropped, as extraction wrote it.
-- Same columns as events (a migration that adds a column to events adds it here too), plus the
-- content hash of the document at the time, so a reloaded document's old rows are never restored.
CREATE TABLE event_originals AS SELECT * FROM events WHERE false;
ALTER TABLE event_originals ADD COLUMN doc_sha256 VARCHAR;

-- grain: one row per decision line of event_decisions.csv as the last writing run read it
CREATE TABLE event_decisions (
    line          INTEGER NOT NULL,   -- line of the file (the header is line 1)
    decision      VARCHAR,            -- drop | set | add, as written
    event_id      VARCHAR,            -- the event decided on; for add, the id given to the added event
    field         VARCHAR,            -- set: the field changed
    value         VARCHAR,            -- set: its new value
    document_url  VARCHAR,            -- the event's document (add: the document it is added to)
    event_type    VARCHAR,
    defendant     VARCHAR,
    reviewer      VARCHAR,
    note          VARCHAR,
    row_csv       VARCHAR NOT NULL,   -- the whole row as read, re-encoded as one CSV line
    row_sha256    VARCHAR NOT NULL,   -- hash of row_csv
    file_sha256   VARCHAR NOT NULL,   -- hash of the file as read
    status        VARCHAR NOT NULL,   -- applied | stale | malformed
    message       VARCHAR,            -- why it is stale or malformed; how an applied row found its event
    applied_at    TIMESTAMP,          -- when this exact row (same row_sha256) was first applied; NULL unless applied
    checked_at    TIMESTAMP NOT NULL, -- when the last writing run read it
    run_id        BIGINT              -- that run
);
