package linkdb

import (
	"fmt"
	"slices"
	"strings"
)

// Stage bits of tally_units.stages (schemas/080_tally_units.sql; 32, 128 and
// 256 from 110_tally_conviction_manner.sql).
const (
	stageArrest          = 1   // arrest announced by a press release, named person
	stageCharged         = 2   // charged
	stageConvicted       = 4   // convicted or sentenced
	stageConvictedCourt  = 8   // convicted or sentenced, on a court record
	stageSentenced       = 16  // sentenced
	stagePlea            = 32  // convicted or sentenced, a report says by guilty plea
	stageUnnamedArrest   = 64  // arrest announced, unnamed group (counted by person_count)
	stageVerdict         = 128 // convicted or sentenced, a report says by verdict
	stageMannerStated    = 256 // convicted or sentenced, a report says plea or verdict
	stagesCountingPeople = stageArrest | stageCharged | stageConvicted | stageSentenced
)

// Metrics are the tally columns, in output order, over the rows of
// tally_units that count in a cell (see Tally.SQL): each such row is one
// unit (person, or unnamed occurrence) for the stages in its stages bits,
// and carries that unit's min(days_to_conviction) and max(prison_months)
// in the cell.
var Metrics = fmt.Sprintf(`count(*) FILTER (WHERE stages & %[1]d <> 0) AS arrests_announced,
    CAST(coalesce(sum(person_count) FILTER (WHERE stages & %[6]d <> 0), 0) AS BIGINT) AS arrests_announced_unnamed,
    count(*) FILTER (WHERE stages & %[2]d <> 0) AS charged,
    count(*) FILTER (WHERE stages & %[3]d <> 0) AS convictions_secured,
    count(*) FILTER (WHERE stages & %[4]d <> 0) AS convictions_court_verified,
    count(*) FILTER (WHERE stages & %[5]d <> 0) AS sentenced,
    median(prison_months) FILTER (WHERE stages & %[5]d <> 0) AS median_sentence_months,
    count(*) FILTER (WHERE stages & %[1]d <> 0 AND days_to_conviction IS NOT NULL) AS arrests_later_convicted,
    round(count(*) FILTER (WHERE stages & %[1]d <> 0 AND days_to_conviction IS NOT NULL)
        / nullif(count(*) FILTER (WHERE stages & %[1]d <> 0), 0), 4) AS conversion_rate,
    median(days_to_conviction) FILTER (WHERE stages & %[1]d <> 0) AS median_days_arrest_to_conviction`,
	stageArrest, stageCharged, stageConvicted, stageConvictedCourt, stageSentenced, stageUnnamedArrest)

// MannerMetrics split convictions_secured by how the conviction came about;
// a tally with Manner set adds them after Metrics. A person can count in
// both plea and verdict (two cases, or reports that disagree), so the two
// need not add up; convictions_manner_stated is the people with either,
// and convictions_secured minus it the people for whom no report says.
var MannerMetrics = fmt.Sprintf(`count(*) FILTER (WHERE stages & %[1]d <> 0) AS convictions_plea,
    count(*) FILTER (WHERE stages & %[2]d <> 0) AS convictions_verdict,
    count(*) FILTER (WHERE stages & %[3]d <> 0) AS convictions_manner_stated`,
	stagePlea, stageVerdict, stageMannerStated)

// MannerMetricNames are the columns MannerMetrics defines, in order.
var MannerMetricNames = []string{"convictions_plea", "convictions_verdict", "convictions_manner_stated"}

// metricNames are the columns Metrics defines, in order.
var metricNames = []string{"arrests_announced", "arrests_announced_unnamed", "charged", "convictions_secured",
	"convictions_court_verified", "sentenced", "median_sentence_months", "arrests_later_convicted",
	"conversion_rate", "median_days_arrest_to_conviction"}

// categorySets name the sets a category can belong to, with the mask
// column of the query's m CTE that holds their members.
var categorySets = map[string]string{"child_exploitation": "m.mce", "trafficking": "m.mtr"}

// SQL builds the tally query over tally_units and its arguments. Each
// output row is one cell (one value per dimension in By); a person counts
// once per stage per cell and may appear in several cells, so rows must
// never be summed. Run Refresh after linking so tally_units is current.
//
// How a row of tally_units counts in a cell, without grouping by person:
// it must pass the filters (its category and agency codes are in the
// filter masks m.fc and m.fa, its date in range); when the tally does not
// break down by category (agency), only the occurrence's lowest category
// (agency) code that passes the filters counts, so an occurrence lands once
// per cell; and a later-ranked row counts only where no occurrence ranked
// before it (prev_*, more_prev) passes the filters and lands in the same
// cell.
func (t Tally) SQL() (string, []any, error) {
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	in := func(vals []string) string {
		ph := make([]string, len(vals))
		for i, v := range vals {
			ph[i] = arg(v)
		}
		return strings.Join(ph, ", ")
	}
	for i, d := range t.By {
		if !slices.Contains(Dimensions, d) {
			return "", nil, fmt.Errorf("linkdb: tally: unknown dimension %q (have %s)", d, strings.Join(Dimensions, ", "))
		}
		if slices.Contains(t.By[:i], d) {
			return "", nil, fmt.Errorf("linkdb: tally: dimension %q twice", d)
		}
	}
	has := func(d string) bool { return slices.Contains(t.By, d) }
	var setConds []string
	for _, s := range t.CategorySets {
		if _, ok := categorySets[s]; !ok {
			return "", nil, fmt.Errorf("linkdb: tally: unknown category set %q", s)
		}
		setConds = append(setConds, s)
	}

	// The filter masks: the category and agency codes a row may have.
	fc, fa := "~0::UBIGINT", "~0::UBIGINT"
	catFiltered, agFiltered := len(t.Categories) > 0 || len(setConds) > 0, len(t.Agencies) > 0
	if catFiltered {
		conds := []string{"dim = 'category'"}
		if len(t.Categories) > 0 {
			conds = append(conds, "value IN ("+in(t.Categories)+")")
		}
		if len(setConds) > 0 {
			conds = append(conds, "("+strings.Join(setConds, " OR ")+")")
		}
		fc = "(SELECT coalesce(bit_or(1::UBIGINT << code), 0::UBIGINT) FROM tally_codes WHERE " + strings.Join(conds, " AND ") + ")"
	}
	if agFiltered {
		fa = "(SELECT coalesce(bit_or(1::UBIGINT << code), 0::UBIGINT) FROM tally_codes WHERE dim = 'agency' AND value IN (" + in(t.Agencies) + "))"
	}
	var since, until string
	if !t.Since.IsZero() {
		since = arg(t.Since)
	}
	if !t.Until.IsZero() {
		until = arg(t.Until)
	}

	// covers says whether an earlier-ranked occurrence (columns prefixed p)
	// passes the filters and lands in the cell of the row u.
	covers := func(p func(string) string, setMask string) string {
		var c []string
		if catFiltered {
			c = append(c, p("categories")+" & m.fc <> 0")
		}
		if agFiltered {
			c = append(c, p("agencies")+" & m.fa <> 0")
		}
		if since != "" {
			c = append(c, p("eff_date")+" >= "+since)
		}
		if until != "" {
			c = append(c, p("eff_date")+" < "+until)
		}
		for _, d := range t.By {
			switch d {
			case "category":
				c = append(c, "("+p("categories")+" >> u.category) & 1 = 1")
			case "category_set":
				c = append(c, p("categories")+" & m.fc & "+setMask+" <> 0")
			case "agency":
				c = append(c, "("+p("agencies")+" >> u.agency) & 1 = 1")
			default: // year, fiscal_year, district
				c = append(c, p(d)+" IS NOT DISTINCT FROM u."+d)
			}
		}
		if len(c) == 0 {
			return "true"
		}
		return "coalesce(" + strings.Join(c, " AND ") + ", false)"
	}
	prevCol := map[string]string{"categories": "u.prev_categories", "agencies": "u.prev_agencies",
		"eff_date": "u.prev_date", "year": "u.prev_year", "fiscal_year": "u.prev_fiscal_year", "district": "u.prev_district"}

	// rows selects the counting rows of tally_units for one category set
	// (setName "" when the tally has no category_set dimension).
	rows := func(setName, setMask string) string {
		var sel []string
		for _, d := range t.By {
			switch d {
			case "category":
				sel = append(sel, "u.category AS category_code")
			case "category_set":
				sel = append(sel, "'"+setName+"' AS category_set")
			case "agency":
				sel = append(sel, "u.agency AS agency_code")
			case "fiscal_year":
				sel = append(sel, "u.fiscal_year AS fiscal_year_number")
			default:
				sel = append(sel, "u."+d)
			}
		}
		sel = append(sel, "u.stages", "u.person_count", "u.days_to_conviction", "u.prison_months")
		var where []string
		if catFiltered {
			where = append(where, "(m.fc >> u.category) & 1 = 1")
		}
		if agFiltered {
			where = append(where, "(m.fa >> u.agency) & 1 = 1")
		}
		// An occurrence lands once per cell: when categories are not a
		// dimension, only its lowest category that passes the filters counts
		// (same for agency). Unfiltered, that is a plain comparison with
		// zero, which the zone maps of the sorted table answer.
		below := func(col string, masks ...string) string {
			for _, m := range masks {
				if m != "" {
					col += " & " + m
				}
			}
			return col + " = 0"
		}
		fcMask, faMask := "", ""
		if catFiltered {
			fcMask = "m.fc"
		}
		if agFiltered {
			faMask = "m.fa"
		}
		if setName != "" {
			where = append(where, "u."+setName) // a plain column: the zone maps skip other categories
			if !has("category") {
				where = append(where, below("u.category_below", fcMask, setMask))
			}
		} else if !has("category") {
			where = append(where, below("u.category_below", fcMask))
		}
		if !has("agency") {
			where = append(where, below("u.agency_below", faMask))
		}
		if since != "" {
			where = append(where, "u.eff_date >= "+since)
		}
		if until != "" {
			where = append(where, "u.eff_date < "+until)
		}
		where = append(where,
			"(u.prev_categories IS NULL OR NOT "+covers(func(c string) string { return prevCol[c] }, setMask)+")",
			"(u.more_prev IS NULL OR NOT list_bool_or(list_transform(u.more_prev, p -> "+
				covers(func(c string) string { return "p." + c }, setMask)+")))")
		return "SELECT " + strings.Join(sel, ", ") + "\n    FROM tally_units u, m\n    WHERE " +
			strings.Join(where, "\n      AND ")
	}
	var x string
	if has("category_set") {
		x = rows("child_exploitation", categorySets["child_exploitation"]) + "\n    UNION ALL\n    " +
			rows("trafficking", categorySets["trafficking"])
	} else {
		x = rows("", "")
	}

	var keys, out, order []string
	var joins string
	for _, d := range t.By {
		switch d {
		case "category":
			keys = append(keys, "category_code")
			out = append(out, "cc.value AS category")
			joins += "\nLEFT JOIN tally_codes cc ON cc.dim = 'category' AND cc.code = a.category_code"
		case "agency":
			keys = append(keys, "agency_code")
			out = append(out, "ac.value AS agency")
			joins += "\nLEFT JOIN tally_codes ac ON ac.dim = 'agency' AND ac.code = a.agency_code"
		case "fiscal_year":
			keys = append(keys, "fiscal_year_number")
			out = append(out, "'FY' || CAST(a.fiscal_year_number AS VARCHAR) AS fiscal_year")
		default:
			keys = append(keys, d)
			out = append(out, "a."+d+" AS "+d)
		}
		order = append(order, d)
	}
	metrics, names := Metrics, metricNames
	if t.Manner {
		metrics, names = metrics+",\n    "+MannerMetrics, append(slices.Clone(names), MannerMetricNames...)
	}
	for _, mn := range names {
		out = append(out, "a."+mn)
	}
	group, orderBy, keySel := "", "", ""
	if len(keys) > 0 {
		keySel = strings.Join(keys, ", ") + ", "
		// A cell where nobody is counted (only unnamed charges, say) is noise.
		group = fmt.Sprintf("\n    GROUP BY %s\n    HAVING count(*) FILTER (WHERE stages & %d <> 0) > 0"+
			" OR sum(person_count) FILTER (WHERE stages & %d <> 0) > 0",
			strings.Join(keys, ", "), stagesCountingPeople, stageUnnamedArrest)
		orderBy = "\nORDER BY " + strings.Join(order, ", ") + " NULLS LAST"
	}
	q := fmt.Sprintf(`WITH m AS (
    SELECT %s AS fc, %s AS fa,
        (SELECT coalesce(bit_or(1::UBIGINT << code), 0::UBIGINT) FROM tally_codes WHERE dim = 'category' AND child_exploitation) AS mce,
        (SELECT coalesce(bit_or(1::UBIGINT << code), 0::UBIGINT) FROM tally_codes WHERE dim = 'category' AND trafficking) AS mtr
),
x AS (
    %s
),
a AS (
    SELECT %s%s
    FROM x%s
)
SELECT %s
FROM a%s%s`, fc, fa, x, keySel, metrics, group, strings.Join(out, ", "), joins, orderBy)
	return q, args, nil
}
