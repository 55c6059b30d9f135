-- Views of the linking layer (tables in ../040_link.sql); see that file's header for layers, units and dates.

-- grain: one row per charge category in taxonomy.md, with the sets it belongs to
CREATE OR REPLACE VIEW ref_categories AS
SELECT * FROM (VALUES
    ('sex_trafficking_minor',                 true,  true),
    ('sex_trafficking_force_fraud_coercion',  false, true),
    ('sex_trafficking_conspiracy',            false, true),
    ('forced_labor',                          false, true),
    ('csam_production',                       true,  false),
    ('csam_distribution_receipt',             true,  false),
    ('csam_possession',                       true,  false),
    ('enticement_minor',                      true,  false),
    ('transportation_minor',                  true,  false),
    ('travel_illicit_sexual_conduct',         true,  false),
    ('sexual_abuse_minor',                    true,  false),
    ('alien_smuggling',                       false, false),
    ('immigration_violation',                 false, false),
    ('other',                                 false, false)
) AS t(category, child_exploitation, trafficking);

-- grain: one row per credited-agency code in taxonomy.md
CREATE OR REPLACE VIEW ref_agencies AS
SELECT * FROM (VALUES ('HSI'), ('ICE_ERO'), ('ICE'), ('FBI'), ('USMS'), ('CBP'), ('USPIS'), ('USSS'),
    ('DSS'), ('IRS_CI'), ('ATF'), ('DEA'), ('NCIS'), ('AFOSI'), ('ARMY_CID'), ('STATE_LOCAL'), ('ICAC')
) AS t(agency);

-- An event's effective date: its own, else its release's (a release is news of its day). A
-- docket's (publisher 'court') date is its filing date, which dates nothing after the charge: a
-- court-record event without a date of its own stays undated (no year, fiscal year or lag).
CREATE OR REPLACE MACRO event_eff_date(publisher, event_date, published) AS
    CASE WHEN publisher = 'court' THEN event_date ELSE coalesce(event_date, published) END;

-- grain: one row per event, with its document, its person, case and occurrence, and its effective date
CREATE OR REPLACE VIEW int_events AS
SELECT
    e.event_id,
    e.doc_id,
    d.url,
    d.source,
    d.publisher,
    e.event_type,
    e.defendant,
    coalesce(e.person_count, 1)                                   AS person_count,
    p.person_id,
    p.case_id,
    coalesce(p.occurrence_id, e.event_id)                         AS occurrence_id,
    event_eff_date(d.publisher, e.event_date, d.published)        AS eff_date,
    e.event_date IS NULL AND d.publisher IS DISTINCT FROM 'court' AS date_from_doc,
    year(event_eff_date(d.publisher, e.event_date, d.published))  AS year,
    year(event_eff_date(d.publisher, e.event_date, d.published))
        + CASE WHEN month(event_eff_date(d.publisher, e.event_date, d.published)) >= 10 THEN 1 ELSE 0 END AS fiscal_year,
    e.categories,
    e.agencies,
    e.sentence_months,
    e.sentence_kind,
    e.district,
    e.docket_number,
    coalesce(e.court_verified, false)                             AS court_verified,
    e.event_type IN ('convicted', 'sentenced')                    AS is_conviction,
    e.plea_or_verdict,
    defendant_kind(e.defendant) = 'organisation'                  AS organisation
FROM events e
LEFT JOIN documents d ON d.doc_id = e.doc_id
LEFT JOIN event_people p ON p.event_id = e.event_id;

-- grain: one row per arrest event of a named person, with the first conviction of the same case dated on or after it
CREATE OR REPLACE VIEW int_arrest_outcomes AS
SELECT
    a.event_id,
    min(c.eff_date)                                  AS conviction_date,
    date_diff('day', a.eff_date, min(c.eff_date))    AS days_to_conviction
FROM int_events a
JOIN int_events c
  ON c.case_id = a.case_id AND c.is_conviction AND c.eff_date >= a.eff_date
WHERE a.event_type = 'arrest' AND a.person_id IS NOT NULL
GROUP BY a.event_id, a.eff_date;

-- grain: one row per case of a named person: each stage's first date and the documents behind it
CREATE OR REPLACE VIEW mart_cases AS
SELECT
    person_id,
    case_id,
    arg_min(defendant, eff_date)                                                  AS defendant,
    min(eff_date) FILTER (WHERE event_type = 'arrest')                            AS arrest_date,
    min(eff_date) FILTER (WHERE event_type = 'charged')                           AS charged_date,
    min(eff_date) FILTER (WHERE is_conviction)                                    AS conviction_date,
    min(eff_date) FILTER (WHERE event_type = 'sentenced')                         AS sentenced_date,
    min(eff_date) FILTER (WHERE event_type = 'acquitted')                         AS acquitted_date,
    min(eff_date) FILTER (WHERE event_type = 'dismissed')                         AS dismissed_date,
    coalesce(bool_or(court_verified) FILTER (WHERE is_conviction), false)         AS conviction_court_verified,
    max(sentence_months) FILTER (WHERE event_type = 'sentenced' AND sentence_kind = 'prison') AS sentence_months,
    arg_max(sentence_kind, eff_date) FILTER (WHERE event_type = 'sentenced')      AS sentence_kind,
    list_sort(list_distinct(flatten(list(categories))))                           AS categories,
    list_sort(list_distinct(flatten(list(agencies))))                             AS agencies,
    list_sort(list_distinct(list(district)))                                      AS districts,
    list_sort(list_distinct(list(docket_number)))                                 AS docket_numbers,
    list_sort(list_distinct(list(publisher)))                                     AS publishers,
    list_sort(list_distinct(list(url) FILTER (WHERE event_type = 'arrest')))      AS arrest_urls,
    list_sort(list_distinct(list(url) FILTER (WHERE event_type = 'charged')))     AS charged_urls,
    list_sort(list_distinct(list(url) FILTER (WHERE is_conviction)))             AS conviction_urls,
    list_sort(list_distinct(list(url) FILTER (WHERE event_type = 'sentenced')))   AS sentenced_urls,
    count(*)                                                                      AS events,
    count(DISTINCT occurrence_id)                                                 AS occurrences
FROM int_events
WHERE person_id IS NOT NULL
GROUP BY person_id, case_id;

-- grain: one row per named person
CREATE OR REPLACE VIEW mart_people AS
SELECT
    person_id,
    arg_min(defendant, coalesce(arrest_date, charged_date, conviction_date, sentenced_date)) AS defendant,
    count(*)                                      AS cases,
    min(arrest_date)                              AS first_arrest_date,
    min(conviction_date)                          AS first_conviction_date,
    bool_or(arrest_date IS NOT NULL)              AS arrested,
    bool_or(charged_date IS NOT NULL)             AS charged,
    bool_or(conviction_date IS NOT NULL)          AS convicted,
    bool_or(sentenced_date IS NOT NULL)           AS sentenced,
    bool_or(conviction_court_verified)            AS conviction_court_verified
FROM mart_cases
GROUP BY person_id;

-- grain: one row per occurrence (one real-world event, however many documents report it), with
-- the union of its reports' categories and agencies, its earliest date and strongest facts
-- (plea / verdict: some report says the conviction was a guilty plea / a verdict).
-- Most occurrences have one report and pass straight through; only the rest are grouped.
-- EOUSA caseload events (source eousa, no name) are never linked, so each is its own
-- occurrence; pseudonym is their document id (eousa:DISTRICT:CASEID:PARTID), one per defendant.
CREATE OR REPLACE VIEW int_occurrences AS
WITH multi AS (SELECT DISTINCT occurrence_id FROM event_people WHERE occurrence_id <> event_id),
ev AS (
    SELECT e.*, o.days_to_conviction,
        CASE WHEN e.sentence_kind = 'prison' THEN e.sentence_months END AS prison_months
    FROM int_events e LEFT JOIN int_arrest_outcomes o ON o.event_id = e.event_id
)
SELECT occurrence_id, person_id, event_type, person_count, court_verified, prison_months, eff_date,
    district, categories, agencies, days_to_conviction,
    source = 'eousa' AS caseload, NOT court_verified AS announced,
    CASE WHEN source = 'eousa' THEN doc_id END AS pseudonym,
    coalesce(plea_or_verdict = 'plea', false) AS plea, coalesce(plea_or_verdict = 'verdict', false) AS verdict,
    coalesce(organisation, false) AS organisation
FROM ev WHERE occurrence_id NOT IN (SELECT occurrence_id FROM multi)
UNION ALL
SELECT occurrence_id, any_value(person_id), any_value(event_type), max(person_count), bool_or(court_verified),
    max(prison_months), min(eff_date), max(district),
    list_distinct(flatten(list(categories))), list_distinct(flatten(list(agencies))), min(days_to_conviction),
    bool_or(source = 'eousa'), bool_or(NOT court_verified), NULL,
    coalesce(bool_or(plea_or_verdict = 'plea'), false), coalesce(bool_or(plea_or_verdict = 'verdict'), false),
    coalesce(bool_or(organisation), false)
FROM ev WHERE occurrence_id IN (SELECT occurrence_id FROM multi)
GROUP BY occurrence_id;

-- grain: one row per occurrence × category × agency (NULL when the occurrence has none);
-- what linkdb.Refresh copies into the tally_facts table after every link run (and from there
-- into tally_units, which linkdb.Tally and mart_tally read)
CREATE OR REPLACE VIEW int_tally_facts AS
WITH c AS (
    SELECT * EXCLUDE (categories, agencies),
        unnest(CASE WHEN len(categories) > 0 THEN list_distinct(categories) ELSE [NULL::VARCHAR] END) AS category,
        CASE WHEN len(agencies) > 0 THEN list_distinct(agencies) ELSE [NULL::VARCHAR] END AS agency_list
    FROM int_occurrences
    WHERE NOT organisation -- tallies count people; organisation defendants are in mart_organisation_defendants
)
SELECT
    hash(c.occurrence_id)                                     AS occ_key,
    hash(coalesce(c.person_id, c.pseudonym))                  AS person_key,
    c.person_id IS NULL AND c.pseudonym IS NULL               AS unnamed,
    c.caseload,
    c.announced,
    c.event_type,
    c.person_count,
    c.court_verified,
    c.plea,
    c.verdict,
    c.prison_months,
    CAST(c.days_to_conviction AS INTEGER)                     AS days_to_conviction,
    c.eff_date,
    CAST(year(c.eff_date) AS SMALLINT)                        AS year,
    CAST(year(c.eff_date) + CASE WHEN month(c.eff_date) >= 10 THEN 1 ELSE 0 END AS SMALLINT) AS fiscal_year,
    coalesce(c.district, '(unknown)')                         AS district,
    c.category,
    coalesce(rc.child_exploitation, false)                    AS child_exploitation,
    coalesce(rc.trafficking, false)                           AS trafficking,
    unnest(c.agency_list)                                     AS agency
FROM c LEFT JOIN ref_categories rc ON rc.category = c.category;

-- grain: one row per dimension × value, for each of category, agency, year, fiscal_year, district
-- (a person counts once per row, but may appear in several rows of one dimension: never sum rows).
-- Reads tally_units (schemas/080_tally_units.sql), as linkdb.Tally does for one dimension and no
-- filters: a row counts for a value unless the occurrence already counts there through a lower
-- category or agency code, or an earlier-ranked occurrence of the same person and stage lands there.
CREATE OR REPLACE VIEW mart_tally AS
WITH u AS (
    SELECT t.*, t.category_below = 0 AS first_category, t.agency_below = 0 AS first_agency
    FROM tally_units t
),
long AS (
    SELECT 'category' AS dimension, c.value AS value, u.*
    FROM u JOIN tally_codes c ON c.dim = 'category' AND c.code = u.category
    WHERE first_agency
      AND NOT coalesce((prev_categories >> u.category) & 1 = 1, false)
      AND NOT coalesce(list_bool_or(list_transform(more_prev, p -> (p.categories >> u.category) & 1 = 1)), false)
    UNION ALL
    SELECT 'agency', a.value, u.*
    FROM u JOIN tally_codes a ON a.dim = 'agency' AND a.code = u.agency
    WHERE first_category
      AND NOT coalesce((prev_agencies >> u.agency) & 1 = 1, false)
      AND NOT coalesce(list_bool_or(list_transform(more_prev, p -> (p.agencies >> u.agency) & 1 = 1)), false)
    UNION ALL
    SELECT 'year', CAST(year AS VARCHAR), u.* FROM u
    WHERE first_category AND first_agency
      AND NOT coalesce(prev_year IS NOT DISTINCT FROM u.year AND prev_categories IS NOT NULL, false)
      AND NOT coalesce(list_bool_or(list_transform(more_prev, p -> p.year IS NOT DISTINCT FROM u.year)), false)
    UNION ALL
    SELECT 'fiscal_year', 'FY' || CAST(fiscal_year AS VARCHAR), u.* FROM u
    WHERE first_category AND first_agency
      AND NOT coalesce(prev_fiscal_year IS NOT DISTINCT FROM u.fiscal_year AND prev_categories IS NOT NULL, false)
      AND NOT coalesce(list_bool_or(list_transform(more_prev, p -> p.fiscal_year IS NOT DISTINCT FROM u.fiscal_year)), false)
    UNION ALL
    SELECT 'district', district, u.* FROM u
    WHERE first_category AND first_agency
      AND NOT coalesce(prev_district IS NOT DISTINCT FROM u.district AND prev_categories IS NOT NULL, false)
      AND NOT coalesce(list_bool_or(list_transform(more_prev, p -> p.district IS NOT DISTINCT FROM u.district)), false)
)
-- stages bits: 1 arrest announced (named), 2 charged, 4 convicted, 8 convicted on a court record,
-- 16 sentenced, 64 arrest announced (unnamed group); the same columns as linkdb.Metrics
SELECT
    dimension,
    value,
    count(*) FILTER (WHERE stages & 1 <> 0)                                              AS arrests_announced,
    CAST(coalesce(sum(person_count) FILTER (WHERE stages & 64 <> 0), 0) AS BIGINT)       AS arrests_announced_unnamed,
    count(*) FILTER (WHERE stages & 2 <> 0)                                              AS charged,
    count(*) FILTER (WHERE stages & 4 <> 0)                                              AS convictions_secured,
    count(*) FILTER (WHERE stages & 8 <> 0)                                              AS convictions_court_verified,
    count(*) FILTER (WHERE stages & 16 <> 0)                                             AS sentenced,
    median(prison_months) FILTER (WHERE stages & 16 <> 0)                                AS median_sentence_months,
    count(*) FILTER (WHERE stages & 1 <> 0 AND days_to_conviction IS NOT NULL)           AS arrests_later_convicted,
    round(count(*) FILTER (WHERE stages & 1 <> 0 AND days_to_conviction IS NOT NULL)
        / nullif(count(*) FILTER (WHERE stages & 1 <> 0), 0), 4)                         AS conversion_rate,
    median(days_to_conviction) FILTER (WHERE stages & 1 <> 0)                            AS median_days_arrest_to_conviction
FROM long
GROUP BY dimension, value;

-- Zero-row assertions: every view named assert_* must return no rows (linkdb.Assert runs them all).

-- grain: one row per duplicated document id
CREATE OR REPLACE VIEW assert_unique_documents AS
SELECT doc_id, count(*) AS n FROM documents GROUP BY doc_id HAVING count(*) > 1;

-- grain: one row per duplicated event id
CREATE OR REPLACE VIEW assert_unique_events AS
SELECT event_id, count(*) AS n FROM events GROUP BY event_id HAVING count(*) > 1;

-- grain: one row per event linked more than once
CREATE OR REPLACE VIEW assert_unique_event_people AS
SELECT event_id, count(*) AS n FROM event_people GROUP BY event_id HAVING count(*) > 1;

-- grain: one row per pair recorded more than once, or recorded out of order
CREATE OR REPLACE VIEW assert_unique_links AS
SELECT a_event_id, b_event_id, count(*) AS n FROM links
GROUP BY a_event_id, b_event_id HAVING count(*) > 1 OR a_event_id >= b_event_id;

-- grain: one row per event whose document is missing or has no URL
CREATE OR REPLACE VIEW assert_event_has_document_url AS
SELECT e.event_id FROM events e LEFT JOIN documents d ON d.doc_id = e.doc_id
WHERE d.doc_id IS NULL OR coalesce(trim(d.url), '') = '' OR coalesce(trim(e.document_url), '') = '';

-- grain: one row per event without an evidence sentence
CREATE OR REPLACE VIEW assert_event_has_evidence AS
SELECT event_id FROM events WHERE coalesce(trim(evidence), '') = '';

-- grain: one row per named event the linker has not placed, or unnamed event it has
CREATE OR REPLACE VIEW assert_events_linked AS
SELECT e.event_id FROM events e LEFT JOIN event_people p ON p.event_id = e.event_id
WHERE (coalesce(e.defendant, '') <> '' AND p.person_id IS NULL)
   OR (coalesce(e.defendant, '') = '' AND p.person_id IS NOT NULL)
   OR p.event_id IS NULL;

-- grain: one row per case whose first conviction, from a release or a court record, is dated
-- before its first charge or its first announced arrest (an undated court-record conviction has
-- no date to compare). An arrest a docket records is not compared: a warrant executed on a
-- superseding information, or for a violation of supervised release, comes after the conviction.
CREATE OR REPLACE VIEW assert_no_conviction_before_charge AS
WITH c AS (
    SELECT case_id,
        min(eff_date) FILTER (WHERE event_type = 'arrest' AND publisher IS DISTINCT FROM 'court') AS announced_arrest_date,
        min(eff_date) FILTER (WHERE event_type = 'charged')                                      AS charged_date,
        min(eff_date) FILTER (WHERE is_conviction)                                               AS conviction_date
    FROM int_events
    WHERE person_id IS NOT NULL
    GROUP BY case_id
)
SELECT * FROM c WHERE conviction_date < charged_date OR conviction_date < announced_arrest_date;

-- grain: one row per event × category not in the taxonomy
CREATE OR REPLACE VIEW assert_categories_in_taxonomy AS
SELECT e.event_id, c.category
FROM (SELECT event_id, unnest(categories) AS category FROM events) c
JOIN events e ON e.event_id = c.event_id
WHERE c.category NOT IN (SELECT category FROM ref_categories);

-- grain: one row per event × agency not in the taxonomy
CREATE OR REPLACE VIEW assert_agencies_in_taxonomy AS
SELECT event_id, agency FROM (SELECT event_id, unnest(agencies) AS agency FROM events)
WHERE agency NOT IN (SELECT agency FROM ref_agencies);

-- grain: one row per event of a defendant that is an organisation (a company charged, convicted or
-- sentenced); tallies count people, so these are kept out of them and listed here
CREATE OR REPLACE VIEW mart_organisation_defendants AS
SELECT e.event_id, e.defendant, e.event_type, coalesce(e.event_date, d.published) AS eff_date,
    e.categories, e.agencies, e.sentence_months, e.court_verified, d.url AS document_url, d.title, e.evidence
FROM events e JOIN documents d USING (doc_id)
WHERE defendant_kind(e.defendant) = 'organisation';
