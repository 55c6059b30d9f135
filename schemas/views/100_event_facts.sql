-- grain: one row per event, with the provenance of the document it came from (what `export events` writes)
CREATE OR REPLACE VIEW event_facts AS
SELECT
    e.event_id,
    e.source,
    d.publisher,
    e.document_url,
    d.published,
    d.title,
    e.defendant,
    e.person_count,
    e.event_type,
    e.plea_or_verdict,
    e.event_date,
    e.statutes,
    e.categories,
    e.agencies,
    CASE
        WHEN e.sentence_kind = 'life' THEN 'life'
        WHEN e.sentence_months IS NULL THEN NULL
        ELSE regexp_replace(CAST(e.sentence_months AS VARCHAR), '\.0$', '')
    END AS sentence_months,
    e.district,
    e.docket_number,
    e.court_verified,
    e.evidence,
    coalesce(e.corrected, false) AS corrected, -- changed or added by event_decisions.csv
    defendant_kind(e.defendant)  AS defendant_kind, -- person, organisation, or NULL for an unnamed group
    -- provenance beyond the export columns
    e.evidence_start,
    e.evidence_end,
    e.sentence_kind,
    d.fetched_at,
    e.doc_id,
    e.ordinal
FROM events e
JOIN documents d USING (doc_id);
