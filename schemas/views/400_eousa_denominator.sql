-- grain: one row per agency × (charge category or category set) × fiscal year: defendants charged and
-- convicted according to the U.S. Attorneys (EOUSA caseload data) beside people whose arrest or
-- conviction a press release announced.
--
-- 400_eousa_denominator.sql: the EOUSA denominator (issue 9). Reads tally_facts (refreshed by the
-- link stage after every run; caseload rows are EOUSA defendants, one person per pseudonymous key
-- DISTRICT:CASEID:PARTID) and the EOUSA snapshot views of 150_eousa.sql.
--
-- Agencies. LIONS records ICE as one agency (HSCE), so EOUSA cannot tell HSI from ERO; releases
-- credit HSI, ICE_ERO or ICE. Here every one of them is folded into agency 'ICE', reported as
-- "ICE (HSI or ERO)". Other agencies keep their taxonomy code. A person counts once per row, but
-- may be in several rows (several agencies, categories): never sum rows.
--
-- Fiscal years. Each measure counts in the fiscal year of its own event (charged: the charging
-- instrument's filing date; convicted: the disposition date; arrest and conviction announced: the
-- event date a release gives, else its publication date). EOUSA dates that are withheld ("*")
-- fall back to the snapshot's month.
--
-- What the share says: announced convictions over EOUSA convictions in the same cell. The two
-- sides are different lists of people that are not matched one to one (releases name people,
-- EOUSA does not), so the share is a ratio of counts, not the fraction of EOUSA defendants found
-- in a release; it can exceed 1 where releases credit an agency the U.S. Attorney did not record.
-- mart_eousa_case_links is the one-to-one match, where a docket number allows it.
CREATE OR REPLACE VIEW mart_eousa_denominator AS
WITH f AS (
    SELECT t.*,
        CASE WHEN t.agency IN ('HSI', 'ICE_ERO', 'ICE') THEN 'ICE' ELSE t.agency END AS agency_group
    FROM tally_facts t
),
cells AS (
    SELECT agency_group, 'category' AS level, category AS grp, fiscal_year, * EXCLUDE (agency_group, category, fiscal_year)
    FROM f
    UNION ALL
    SELECT agency_group, 'set', 'child_exploitation', fiscal_year, * EXCLUDE (agency_group, category, fiscal_year)
    FROM f WHERE child_exploitation
    UNION ALL
    SELECT agency_group, 'set', 'trafficking', fiscal_year, * EXCLUDE (agency_group, category, fiscal_year)
    FROM f WHERE trafficking
),
unit AS (
    -- one row per cell × person (EOUSA key or named person) or unnamed occurrence
    SELECT agency_group, level, grp, fiscal_year, coalesce(caseload, false) AS caseload, unnamed,
        bool_or(event_type = 'charged')                                     AS charged,
        bool_or(event_type IN ('convicted', 'sentenced'))                   AS convicted,
        bool_or(event_type IN ('acquitted', 'dismissed'))                   AS not_convicted,
        bool_or(event_type = 'arrest' AND announced)                        AS arrest_announced,
        bool_or(event_type IN ('convicted', 'sentenced') AND announced)     AS conviction_announced,
        max(person_count)                                                   AS person_count
    FROM cells
    GROUP BY agency_group, level, grp, fiscal_year, coalesce(caseload, false), unnamed,
        CASE WHEN unnamed THEN occ_key ELSE person_key END
),
counted AS (
    SELECT
        coalesce(agency_group, '(none)')                                                AS agency,
        CASE WHEN agency_group = 'ICE' THEN 'ICE (HSI or ERO)' ELSE coalesce(agency_group, '(none)') END AS agency_label,
        level,
        coalesce(grp, '(none)')                                                         AS category,
        'FY' || CAST(fiscal_year AS VARCHAR)                                            AS fiscal_year,
        count(*) FILTER (WHERE caseload AND charged)                                    AS eousa_charged,
        count(*) FILTER (WHERE caseload AND convicted)                                  AS eousa_convicted,
        count(*) FILTER (WHERE caseload AND not_convicted)                              AS eousa_acquitted_or_dismissed,
        count(*) FILTER (WHERE NOT caseload AND NOT unnamed AND arrest_announced)       AS arrests_announced,
        CAST(coalesce(sum(person_count) FILTER (WHERE NOT caseload AND unnamed AND arrest_announced), 0) AS BIGINT)
                                                                                        AS arrests_announced_unnamed,
        count(*) FILTER (WHERE NOT caseload AND NOT unnamed AND conviction_announced)   AS convictions_announced
    FROM unit
    GROUP BY ALL
)
SELECT *, round(convictions_announced / nullif(eousa_convicted, 0), 4) AS share_convictions_announced
FROM counted;

-- grain: a macro: the court-number part of a join key ("23-cr-00123") from an EOUSA court number or
-- a PACER/CourtListener docket number ("23-CR-00123", "1:23-cr-123-JD-2"); NULL when unreadable.
-- The same rule as eousa.DocketJoinKey (sources/eousa/link.go): office digit dropped, year cut to two
-- digits, case type lower-cased, sequence zero-padded to five digits, suffixes dropped.
CREATE OR REPLACE MACRO docket_number_key(n) AS (
    WITH m AS (
        SELECT regexp_extract(n, '^\s*(?:\d{1,2}\s*:\s*)?(\d{2}|\d{4})\s*-\s*([A-Za-z]{2})\s*-\s*(\d{1,6})(?:\D|$)',
            ['yy', 'typ', 'seq']) AS g
    )
    SELECT CASE WHEN g.yy = '' OR ltrim(g.seq, '0') = '' OR length(ltrim(g.seq, '0')) > 5 THEN NULL
        ELSE right(g.yy, 2) || '-' || lower(g.typ) || '-' || lpad(ltrim(g.seq, '0'), 5, '0') END
    FROM m
);

-- grain: one row per named person's case (releases, dockets) × EOUSA defendant whose court number
-- matches one of the case's docket numbers in the same district: the case inherits the EOUSA
-- investigating agency and outcome. eousa_candidates > 1 means several co-defendants share the
-- court number (LIONS court numbers are per case, not per defendant): the agency is the case's and
-- holds for all, but the outcome is one co-defendant's and must be checked.
CREATE OR REPLACE VIEW mart_eousa_case_links AS
WITH dk AS (
    SELECT DISTINCT person_id, case_id, district, docket_number, docket_number_key(docket_number) AS nkey
    FROM int_events
    WHERE person_id IS NOT NULL AND source <> 'eousa' AND docket_number IS NOT NULL AND district IS NOT NULL
),
ed AS (
    SELECT *, split_part(docket_join_key, ':', 2) AS nkey,
        count(*) OVER (PARTITION BY docket_join_key) AS eousa_candidates
    FROM eousa_defendants_latest
    WHERE docket_join_key IS NOT NULL
),
matched AS (
    SELECT dk.person_id, dk.case_id, dk.district, ed.docket_join_key,
        list_sort(list_distinct(list(dk.docket_number))) AS docket_numbers,
        any_value(ed.key) AS eousa_key
    FROM dk JOIN ed ON ed.district_name = dk.district AND ed.nkey = dk.nkey
    GROUP BY dk.person_id, dk.case_id, dk.district, ed.docket_join_key, ed.key
)
SELECT m.person_id, m.case_id, c.defendant, m.district, m.docket_numbers, m.docket_join_key,
    m.eousa_key, ed.eousa_candidates, ed.snapshot AS eousa_snapshot,
    ed.agencies AS eousa_agencies, ed.agency_codes AS eousa_agency_codes,
    list_transform(ed.agencies, a -> CASE WHEN a = 'ICE' THEN 'ICE (HSI or ERO)' ELSE a END) AS eousa_agency_labels,
    ed.program_categories AS eousa_program_categories, ed.statutes AS eousa_statutes,
    ed.disposition AS eousa_disposition, ed.disp_reason AS eousa_disp_reason, ed.plea_or_verdict AS eousa_plea_or_verdict,
    ed.disp_date AS eousa_disp_date, ed.sentence_months AS eousa_sentence_months, ed.sentence_life AS eousa_sentence_life,
    c.agencies AS release_agencies, c.conviction_date AS release_conviction_date
FROM matched m
JOIN ed ON ed.key = m.eousa_key
LEFT JOIN mart_cases c ON c.person_id = m.person_id AND c.case_id = m.case_id;
