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
