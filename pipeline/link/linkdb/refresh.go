package linkdb

import (
	"context"
	"database/sql"
	"fmt"
)

// maxCodes is how many category (or agency) values tally_units can tell
// apart: each is one bit of a UBIGINT mask. The taxonomy has 14 categories
// and 17 agencies; more means data outside it (assert_*_in_taxonomy).
const maxCodes = 64

// buildCodes numbers the category and agency values tally_facts holds.
const buildCodes = `INSERT INTO tally_codes
SELECT 'category', CAST(row_number() OVER (ORDER BY v.value NULLS LAST) - 1 AS UTINYINT), v.value,
    coalesce(rc.child_exploitation, false), coalesce(rc.trafficking, false)
FROM (SELECT DISTINCT category AS value FROM tally_facts WHERE NOT coalesce(caseload, false)) v
LEFT JOIN ref_categories rc ON rc.category = v.value
UNION ALL
SELECT 'agency', CAST(row_number() OVER (ORDER BY v.value NULLS LAST) - 1 AS UTINYINT), v.value, false, false
FROM (SELECT DISTINCT agency AS value FROM tally_facts WHERE NOT coalesce(caseload, false)) v`

// buildUnits fills tally_units from tally_facts (see schemas/080_tally_units.sql).
var buildUnits = fmt.Sprintf(`INSERT INTO tally_units BY NAME
WITH f AS (
    SELECT t.*, c.code AS category_code, a.code AS agency_code
    FROM tally_facts t
    JOIN tally_codes c ON c.dim = 'category' AND c.value IS NOT DISTINCT FROM t.category
    JOIN tally_codes a ON a.dim = 'agency' AND a.value IS NOT DISTINCT FROM t.agency
    WHERE NOT coalesce(t.caseload, false)
),
-- one row per occurrence (every column but category and agency is the occurrence's)
occ AS (
    SELECT occ_key,
        any_value(CASE WHEN unnamed THEN occ_key ELSE person_key END) AS unit_key,
        any_value(unnamed) AS unnamed, any_value(event_type) AS event_type, any_value(announced) AS announced,
        any_value(court_verified) AS court_verified, any_value(person_count) AS person_count,
        any_value(plea) AS plea, any_value(verdict) AS verdict,
        any_value(prison_months) AS prison_months, any_value(days_to_conviction) AS days_to_conviction,
        any_value(eff_date) AS eff_date, any_value(year) AS year, any_value(fiscal_year) AS fiscal_year,
        any_value(district) AS district,
        bit_or(1::UBIGINT << category_code) AS categories, bit_or(1::UBIGINT << agency_code) AS agencies
    FROM f
    GROUP BY occ_key
),
-- one row per occurrence × stage it counts for
st AS (
    SELECT * FROM (
        SELECT occ.*, unnest([
            CASE WHEN NOT unnamed AND event_type = 'arrest' AND announced THEN %[1]d END,
            CASE WHEN NOT unnamed AND event_type = 'charged' THEN %[2]d END,
            CASE WHEN NOT unnamed AND event_type IN ('convicted', 'sentenced') THEN %[3]d END,
            CASE WHEN NOT unnamed AND event_type IN ('convicted', 'sentenced') AND court_verified THEN %[4]d END,
            CASE WHEN NOT unnamed AND event_type = 'sentenced' THEN %[5]d END,
            CASE WHEN unnamed AND event_type = 'arrest' AND announced THEN %[6]d END,
            CASE WHEN NOT unnamed AND event_type IN ('convicted', 'sentenced') AND plea THEN %[7]d END,
            CASE WHEN NOT unnamed AND event_type IN ('convicted', 'sentenced') AND verdict THEN %[8]d END,
            CASE WHEN NOT unnamed AND event_type IN ('convicted', 'sentenced') AND (plea OR verdict) THEN %[9]d END]) AS stage
        FROM occ
    ) WHERE stage IS NOT NULL
),
-- rank within unit × stage: the first-ranked occurrence holds the unit's min days / max months
rk AS MATERIALIZED (
    SELECT st.*, row_number() OVER (PARTITION BY stage, unit_key
        ORDER BY CASE WHEN stage = %[1]d THEN days_to_conviction END ASC NULLS LAST,
                 CASE WHEN stage = %[5]d THEN prison_months END DESC NULLS LAST, occ_key) AS rnk
    FROM st
),
-- each later-ranked occurrence with the first-ranked one, and those in between when there are any
-- (few: most people have one occurrence per stage)
later AS (
    SELECT l.occ_key, l.stage, p.categories AS prev_categories, p.agencies AS prev_agencies,
        p.eff_date AS prev_date, p.year AS prev_year, p.fiscal_year AS prev_fiscal_year, p.district AS prev_district
    FROM rk l JOIN rk p ON p.stage = l.stage AND p.unit_key = l.unit_key AND p.rnk = 1
    WHERE l.rnk > 1
),
middle AS (
    SELECT l.occ_key, l.stage,
        list({'categories': p.categories, 'agencies': p.agencies, 'eff_date': p.eff_date, 'year': p.year,
              'fiscal_year': p.fiscal_year, 'district': p.district}) AS more_prev
    FROM rk l JOIN rk p ON p.stage = l.stage AND p.unit_key = l.unit_key AND p.rnk > 1 AND p.rnk < l.rnk
    WHERE l.rnk > 2
    GROUP BY l.occ_key, l.stage
),
first AS (
    SELECT occ_key, CAST(bit_or(stage) AS USMALLINT) AS stages FROM rk WHERE rnk = 1 GROUP BY occ_key
),
r AS (
    SELECT occ.*, coalesce(first.stages, 0) AS stages, NULL::UBIGINT AS prev_categories, NULL::UBIGINT AS prev_agencies,
        NULL::DATE AS prev_date, NULL::SMALLINT AS prev_year, NULL::SMALLINT AS prev_fiscal_year,
        NULL::VARCHAR AS prev_district, NULL AS more_prev
    FROM occ LEFT JOIN first USING (occ_key)
    UNION ALL
    SELECT occ.*, CAST(later.stage AS USMALLINT), later.prev_categories, later.prev_agencies, later.prev_date,
        later.prev_year, later.prev_fiscal_year, later.prev_district, middle.more_prev
    FROM later JOIN occ USING (occ_key) LEFT JOIN middle USING (occ_key, stage)
)
SELECT r.stages, f.category_code AS category, f.agency_code AS agency,
    r.categories & ((1::UBIGINT << f.category_code) - 1) AS category_below,
    r.agencies & ((1::UBIGINT << f.agency_code) - 1) AS agency_below,
    f.child_exploitation, f.trafficking,
    r.eff_date, r.year, r.fiscal_year, r.district, r.person_count, r.days_to_conviction, r.prison_months,
    r.prev_categories, r.prev_agencies, r.prev_date, r.prev_year, r.prev_fiscal_year, r.prev_district, r.more_prev
FROM r JOIN f USING (occ_key)
ORDER BY category_below <> 0, agency_below <> 0, prev_categories IS NOT NULL, category`,
	stageArrest, stageCharged, stageConvicted, stageConvictedCourt, stageSentenced, stageUnnamedArrest,
	stagePlea, stageVerdict, stageMannerStated)

// Refresh rebuilds tally_facts from the current events and links, and
// tally_codes and tally_units from tally_facts, in one transaction. Call
// it after Save; tallies read only tally_units.
func Refresh(ctx context.Context, db *sql.DB) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("linkdb: refresh: %w", err)
	}
	defer conn.Close()
	fail := func(step string, err error) error {
		_, _ = conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		return fmt.Errorf("linkdb: refresh: %s: %w", step, err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return fmt.Errorf("linkdb: refresh: %w", err)
	}
	for _, st := range []string{"DELETE FROM tally_facts", "INSERT INTO tally_facts BY NAME SELECT * FROM int_tally_facts",
		"DELETE FROM tally_codes"} {
		if _, err := conn.ExecContext(ctx, st); err != nil {
			return fail(st, err)
		}
	}
	var nc, na int
	if err := conn.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM (SELECT DISTINCT category FROM tally_facts WHERE NOT coalesce(caseload, false))),
		(SELECT count(*) FROM (SELECT DISTINCT agency FROM tally_facts WHERE NOT coalesce(caseload, false)))`).Scan(&nc, &na); err != nil {
		return fail("count codes", err)
	}
	if nc > maxCodes || na > maxCodes {
		return fail("codes", fmt.Errorf("%d categories and %d agencies in the events; tally_units tells at most %d apart (run the assertions: values outside the taxonomy?)", nc, na, maxCodes))
	}
	for _, st := range []struct{ name, sql string }{{"tally_codes", buildCodes},
		{"tally_units", "DELETE FROM tally_units"}, {"tally_units", buildUnits}, {"commit", "COMMIT"}} {
		if _, err := conn.ExecContext(ctx, st.sql); err != nil {
			return fail(st.name, err)
		}
	}
	return nil
}
