package linkdb

// The tally as it was first written: straight over tally_facts, grouping
// every row by person at query time (about 3 s over ten million events).
// It is the definition tally_units must reproduce, so the equivalence
// tests keep it as their oracle.

import (
	"fmt"
	"slices"
	"strings"
)

// legacyDimExpr maps a dimension to its expression over tally_facts.
var legacyDimExpr = map[string]string{
	"category":    "f.category",
	"agency":      "f.agency",
	"year":        "f.year",
	"fiscal_year": "'FY' || CAST(f.fiscal_year AS VARCHAR)",
	"district":    "f.district",
	// category_set is expanded by a join, below
}

// legacyUnitColumns collapse a cell's rows to one per person (or per unnamed
// occurrence): a person counts once per stage per cell however many
// events, categories or agencies put them there.
// An arrest counts as announced only when a press release reports it: an
// initial appearance on a docket is a court record of the arrest, not an
// announcement, and counting it would make every docketed case "convert".
const legacyUnitColumns = `bool_or(f.event_type = 'arrest' AND f.announced) AS arrest,
        bool_or(f.event_type = 'charged') AS charged,
        bool_or(f.event_type IN ('convicted', 'sentenced')) AS convicted,
        bool_or(f.event_type IN ('convicted', 'sentenced') AND f.court_verified) AS convicted_court,
        bool_or(f.event_type = 'sentenced') AS sentenced,
        bool_or(f.event_type IN ('convicted', 'sentenced') AND f.plea) AS convicted_plea,
        bool_or(f.event_type IN ('convicted', 'sentenced') AND f.verdict) AS convicted_verdict,
        bool_or(f.event_type = 'arrest' AND f.announced AND f.days_to_conviction IS NOT NULL) AS arrest_convicted,
        max(f.person_count) AS person_count,
        max(f.prison_months) FILTER (WHERE f.event_type = 'sentenced') AS prison_months,
        min(f.days_to_conviction) FILTER (WHERE f.event_type = 'arrest' AND f.announced) AS days_to_conviction`

// legacyMetrics are the tally columns, in output order, over one row per cell ×
// unit (see legacyUnitColumns).
const legacyMetrics = `count(*) FILTER (WHERE arrest AND NOT unnamed) AS arrests_announced,
    CAST(coalesce(sum(person_count) FILTER (WHERE arrest AND unnamed), 0) AS BIGINT) AS arrests_announced_unnamed,
    count(*) FILTER (WHERE charged AND NOT unnamed) AS charged,
    count(*) FILTER (WHERE convicted AND NOT unnamed) AS convictions_secured,
    count(*) FILTER (WHERE convicted_court AND NOT unnamed) AS convictions_court_verified,
    count(*) FILTER (WHERE sentenced AND NOT unnamed) AS sentenced,
    median(prison_months) FILTER (WHERE NOT unnamed) AS median_sentence_months,
    count(*) FILTER (WHERE arrest_convicted AND NOT unnamed) AS arrests_later_convicted,
    round(count(*) FILTER (WHERE arrest_convicted AND NOT unnamed)
        / nullif(count(*) FILTER (WHERE arrest AND NOT unnamed), 0), 4) AS conversion_rate,
    median(days_to_conviction) FILTER (WHERE NOT unnamed) AS median_days_arrest_to_conviction`

// legacyMannerMetrics are the columns a tally with Manner adds.
const legacyMannerMetrics = `,
    count(*) FILTER (WHERE convicted_plea AND NOT unnamed) AS convictions_plea,
    count(*) FILTER (WHERE convicted_verdict AND NOT unnamed) AS convictions_verdict,
    count(*) FILTER (WHERE (convicted_plea OR convicted_verdict) AND NOT unnamed) AS convictions_manner_stated`

// legacyTallySQL builds the tally query over tally_facts and its arguments. Each
// output row is one cell (one value per dimension in By); a person counts
// once per cell and may appear in several cells, so rows must never be
// summed. Run Refresh after linking so tally_facts is current.
func legacyTallySQL(t Tally) (string, []any, error) {
	var dims, sel, where []string
	var args []any
	from := "tally_facts f"
	for _, d := range t.By {
		if slices.Contains(dims, d) {
			return "", nil, fmt.Errorf("linkdb: tally: dimension %q twice", d)
		}
		switch d {
		case "category_set":
			from += ` JOIN (SELECT 'child_exploitation' AS category_set UNION ALL SELECT 'trafficking') cs
        ON (cs.category_set = 'child_exploitation' AND f.child_exploitation)
        OR (cs.category_set = 'trafficking' AND f.trafficking)`
			sel = append(sel, "cs.category_set AS category_set")
		default:
			e, ok := legacyDimExpr[d]
			if !ok {
				return "", nil, fmt.Errorf("linkdb: tally: unknown dimension %q (have %s)", d, strings.Join(Dimensions, ", "))
			}
			sel = append(sel, e+" AS "+d)
		}
		dims = append(dims, d)
	}
	in := func(col string, vals []string) {
		if len(vals) == 0 {
			return
		}
		ph := make([]string, len(vals))
		for i, v := range vals {
			ph[i] = "?"
			args = append(args, v)
		}
		where = append(where, col+" IN ("+strings.Join(ph, ", ")+")")
	}
	in("f.agency", t.Agencies)
	in("f.category", t.Categories)
	if len(t.CategorySets) > 0 {
		var ors []string
		for _, s := range t.CategorySets {
			switch s {
			case "child_exploitation", "trafficking":
				ors = append(ors, "f."+s)
			default:
				return "", nil, fmt.Errorf("linkdb: tally: unknown category set %q", s)
			}
		}
		where = append(where, "("+strings.Join(ors, " OR ")+")")
	}
	if !t.Since.IsZero() {
		where = append(where, "f.eff_date >= ?")
		args = append(args, t.Since)
	}
	if !t.Until.IsZero() {
		where = append(where, "f.eff_date < ?")
		args = append(args, t.Until)
	}
	// EOUSA caseload defendants are never linked to the named people of
	// releases and dockets; counting them here would count people twice.
	// They are the denominator (schemas/views/400_eousa_denominator.sql).
	where = append(where, "NOT coalesce(f.caseload, false)")
	w := "WHERE " + strings.Join(where, " AND ")
	dimSel, dimList, groupOut, order := "", "", "", ""
	if len(dims) > 0 {
		dimSel = strings.Join(sel, ", ") + ", "
		dimList = strings.Join(dims, ", ") + ", "
		// A cell where nobody is counted (only unnamed charges, say) is noise.
		groupOut = "GROUP BY " + strings.Join(dims, ", ") +
			"\nHAVING count(*) FILTER (WHERE NOT unnamed AND (arrest OR charged OR convicted OR sentenced)) > 0" +
			" OR sum(person_count) FILTER (WHERE arrest AND unnamed) > 0"
		order = "ORDER BY " + strings.Join(dims, ", ") + " NULLS LAST"
	}
	metrics := legacyMetrics
	if t.Manner {
		metrics += legacyMannerMetrics
	}
	q := fmt.Sprintf(`WITH unit AS (
    SELECT %sf.unnamed,
        %s
    FROM %s
    %s
    GROUP BY %sf.unnamed, CASE WHEN f.unnamed THEN f.occ_key ELSE f.person_key END
)
SELECT %s%s
FROM unit
%s
%s`, dimSel, legacyUnitColumns, from, w, dimList, dimList, metrics, groupOut, order)
	return q, args, nil
}

// legacyMartTally is mart_tally as it was first written, over tally_facts.
const legacyMartTally = `WITH tf AS (SELECT * FROM tally_facts WHERE NOT coalesce(caseload, false)), -- EOUSA: see 400_eousa_denominator.sql
long AS (
    SELECT 'category' AS dimension, category AS value, * FROM tf
    UNION ALL SELECT 'agency', agency, * FROM tf
    UNION ALL SELECT 'year', CAST(year AS VARCHAR), * FROM tf
    UNION ALL SELECT 'fiscal_year', 'FY' || CAST(fiscal_year AS VARCHAR), * FROM tf
    UNION ALL SELECT 'district', district, * FROM tf
),
unit AS (
    -- one row per dimension × value × person (or unnamed occurrence)
    SELECT dimension, value, unnamed,
        bool_or(event_type = 'arrest' AND announced)                         AS arrest, -- press releases only
        bool_or(event_type = 'charged')                                      AS charged,
        bool_or(event_type IN ('convicted', 'sentenced'))                    AS convicted,
        bool_or(event_type IN ('convicted', 'sentenced') AND court_verified) AS convicted_court,
        bool_or(event_type = 'sentenced')                                    AS sentenced,
        bool_or(event_type = 'arrest' AND announced AND days_to_conviction IS NOT NULL) AS arrest_convicted,
        max(person_count)                                                    AS person_count,
        max(prison_months) FILTER (WHERE event_type = 'sentenced')           AS prison_months,
        min(days_to_conviction) FILTER (WHERE event_type = 'arrest' AND announced) AS days_to_conviction
    FROM long
    GROUP BY dimension, value, unnamed, CASE WHEN unnamed THEN occ_key ELSE person_key END
)
SELECT
    dimension,
    value,
    count(*) FILTER (WHERE arrest AND NOT unnamed)                                       AS arrests_announced,
    CAST(coalesce(sum(person_count) FILTER (WHERE arrest AND unnamed), 0) AS BIGINT)     AS arrests_announced_unnamed,
    count(*) FILTER (WHERE charged AND NOT unnamed)                                      AS charged,
    count(*) FILTER (WHERE convicted AND NOT unnamed)                                    AS convictions_secured,
    count(*) FILTER (WHERE convicted_court AND NOT unnamed)                              AS convictions_court_verified,
    count(*) FILTER (WHERE sentenced AND NOT unnamed)                                    AS sentenced,
    median(prison_months) FILTER (WHERE NOT unnamed)                                     AS median_sentence_months,
    count(*) FILTER (WHERE arrest_convicted AND NOT unnamed)                             AS arrests_later_convicted,
    round(count(*) FILTER (WHERE arrest_convicted AND NOT unnamed)
        / nullif(count(*) FILTER (WHERE arrest AND NOT unnamed), 0), 4)                  AS conversion_rate,
    median(days_to_conviction) FILTER (WHERE NOT unnamed)                                AS median_days_arrest_to_conviction
FROM unit
GROUP BY dimension, value`
