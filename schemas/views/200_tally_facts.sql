-- grain: one row per event × charge category × credited agency, with the person it counts toward (the input of every tally)
-- First version: a person is a named defendant within one document; linking replaces person_key with a person across documents.
CREATE OR REPLACE VIEW tally_facts AS
SELECT
    event_id,
    doc_id,
    event_type,
    CASE WHEN defendant IS NULL THEN NULL ELSE doc_id || '|' || lower(defendant) END AS person_key,
    person_count,
    court_verified,
    sentence_months,
    sentence_kind,
    effective_date,
    year,
    fiscal_year,
    coalesce(district, '(unknown)') AS district,
    coalesce(category, '(none)') AS category,
    coalesce(agency, '(none)') AS agency
FROM event_dims;
