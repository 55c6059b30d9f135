-- 090_body_cap.sql: a document whose body was cut to the body cap says so (issue 14).
--
-- Bodies longer than the cap (import/run/reparse --max-body, 4 MiB by default) are cut at a
-- line, word or character boundary before the cap and stored cut: extraction and storage stay
-- bounded, and the rest of the document, batch and source goes on. body_full_bytes is the
-- body's length in bytes before the cut; NULL for a body stored whole.
ALTER TABLE documents ADD COLUMN body_full_bytes BIGINT;
