-- Views behind `casetrack answer` (pipeline/answer): who and what stands behind each count.

-- grain: one row per report (event) of an occurrence of a release or docket (EOUSA caseload left out),
-- with the occurrence's facts as the tallies count them (int_occurrences: the union of its reports'
-- categories and agencies, its earliest date and fiscal year, plea / verdict / court-verified when any
-- report says so) beside the report's own document, URL and evidence sentence. A tally cell's people are
-- the person_id of the rows whose occurrence passes the cell's filters; its unnamed arrests are the
-- occurrences with person_id NULL. pipeline/answer lists them and its tests check they number what the
-- tally counts.
CREATE OR REPLACE VIEW mart_occurrence_reports AS
SELECT
    o.occurrence_id,
    o.person_id,
    p.case_id,
    o.event_type,
    o.person_count,
    o.eff_date,
    CAST(year(o.eff_date) + CASE WHEN month(o.eff_date) >= 10 THEN 1 ELSE 0 END AS SMALLINT) AS fiscal_year,
    o.categories,
    o.agencies,
    o.announced,
    o.court_verified,
    o.plea,
    o.verdict,
    o.prison_months,
    o.days_to_conviction,
    e.event_id,
    e.defendant,
    e.event_type                        AS report_event_type,
    e.plea_or_verdict                   AS report_plea_or_verdict,
    coalesce(e.court_verified, false)   AS report_court_verified,
    e.sentence_months                   AS report_sentence_months,
    e.sentence_kind                     AS report_sentence_kind,
    e.evidence,
    d.doc_id,
    d.url,
    d.title,
    d.published,
    d.publisher
FROM int_occurrences o
JOIN event_people p ON p.occurrence_id = o.occurrence_id
JOIN events e ON e.event_id = p.event_id
JOIN documents d ON d.doc_id = e.doc_id
WHERE NOT o.caseload;
