// Package tally is the last analytic stage: it counts people at each stage
// (arrests announced, convictions secured, the conversion between them) by
// the dimensions a researcher asks for. It reads tally_units (the release
// tally) and mart_eousa_denominator (a view over tally_facts), which the
// link stage rebuilds after every run (pipeline/link/linkdb), and never
// writes.
package tally

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"math/big"
	"sort"
	"strings"
	"time"

	"casetrack/pipeline/link/linkdb"
)

// Dimensions a tally can be broken down by.
var Dimensions = linkdb.Dimensions

// Measures are the count columns every tally row has, in order.
var Measures = []string{"arrests_announced", "arrests_announced_unnamed", "charged", "convictions_secured",
	"convictions_court_verified", "sentenced", "median_sentence_months", "arrests_later_convicted",
	"conversion_rate", "median_days_arrest_to_conviction"}

// Notes explain how to read any tally; every output format carries them.
var Notes = []string{
	"Unit: people. A named defendant counts once per stage per row, however many releases and dockets report them. arrests_announced counts arrests a press release announced (an initial appearance on a docket is a court record, not an announcement); arrests_announced_unnamed adds up unnamed group announcements (\"agents arrested 29 people\") and is never folded into the people columns.",
	"convictions_secured counts people with a conviction or a sentence; convictions_court_verified those whose conviction rests on a court record (a docket or caseload data), the rest rest on press releases only.",
	"arrests_later_convicted: people whose announced arrest is followed by a conviction in the same case in the data; conversion_rate = arrests_later_convicted / arrests_announced; median_days_arrest_to_conviction is the lag.",
	"An event carries all its charge categories and credited agencies, so one person can count in several rows: never add rows up into a total.",
	"Years are the event's date, or its release's publication date when the text gives none; a court record's event without a date of its own is undated (a docket's filing date dates nothing after the charge): it counts in totals but in no year or fiscal year, and in no lag. Fiscal years run Oct 1 - Sep 30 and are named for the year they end in.",
}

// Options choose the breakdown and filters.
type Options struct {
	// Denominator asks for the EOUSA denominator (mart_eousa_denominator)
	// instead of the release tally: per agency × category (or category
	// set) × fiscal year, defendants charged and convicted according to the
	// U.S. Attorneys beside people announced in releases. By, Since and
	// Until do not apply to it.
	Denominator  bool
	By           []string
	Agencies     []string
	Categories   []string
	CategorySets []string // child_exploitation, trafficking
	Since, Until time.Time
	// Manner adds convictions_plea, convictions_verdict and
	// convictions_manner_stated (linkdb.MannerMetrics) after Measures.
	Manner bool
}

// Preset is a named tally that answers a standing question in one command.
type Preset struct {
	Description string
	Options     Options
}

// Presets are the named tallies `tally --preset` accepts.
var Presets = map[string]Preset{
	"hsi-child-exploitation": {
		Description: "HSI-credited people in the child-exploitation set: arrests announced vs convictions secured per fiscal year, press-only vs court-verified",
		Options:     Options{By: []string{"fiscal_year"}, Agencies: []string{"HSI"}, CategorySets: []string{"child_exploitation"}},
	},
	"agency-child-exploitation": {
		Description: "the child-exploitation set by credited agency and fiscal year",
		Options:     Options{By: []string{"agency", "fiscal_year"}, CategorySets: []string{"child_exploitation"}},
	},
	"ice-child-exploitation-denominator": {
		Description: "ICE (HSI or ERO) in the child-exploitation set per fiscal year: defendants charged and convicted according to the U.S. Attorneys (EOUSA caseload data) beside people whose arrest or conviction a release announced",
		Options:     Options{Denominator: true, Agencies: []string{"ICE"}, CategorySets: []string{"child_exploitation"}},
	},
	"trafficking-vs-smuggling": {
		Description: "sex trafficking and forced labor beside alien smuggling, by category and fiscal year (kept apart on purpose)",
		Options:     Options{By: []string{"category", "fiscal_year"}, Categories: []string{"sex_trafficking_minor", "sex_trafficking_force_fraud_coercion", "sex_trafficking_conspiracy", "forced_labor", "alien_smuggling"}},
	},
}

// PresetNames lists the presets, sorted.
func PresetNames() []string {
	var out []string
	for n := range Presets {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// ParseList splits a comma-separated flag value; with allowed set, every
// item must be one of them.
func ParseList(flag, s string, allowed []string) ([]string, error) {
	var out []string
	for _, d := range strings.Split(s, ",") {
		d = strings.TrimSpace(d)
		if d == "" {
			continue
		}
		if allowed != nil {
			ok := false
			for _, a := range allowed {
				ok = ok || strings.EqualFold(d, a)
			}
			if !ok {
				return nil, fmt.Errorf("%s: unknown value %q (want %s)", flag, d, strings.Join(allowed, ", "))
			}
			d = strings.ToLower(d)
		}
		out = append(out, d)
	}
	return out, nil
}

// DenominatorMeasures are the count columns of a denominator row, in order.
var DenominatorMeasures = []string{"eousa_charged", "eousa_convicted", "eousa_acquitted_or_dismissed",
	"arrests_announced", "arrests_announced_unnamed", "convictions_announced", "share_convictions_announced"}

// DenominatorNotes explain how to read the denominator; every output
// format carries them.
var DenominatorNotes = []string{
	"eousa_* columns count defendants in the U.S. Attorneys' own caseload data (EOUSA National Caseload Data, LIONS): every federal prosecution, court-verified, without names; each defendant is one person keyed by DISTRICT:CASEID:PARTID. The other columns count people named in press releases (arrests_announced_unnamed adds up unnamed group arrests).",
	"Agency ICE is reported as \"ICE (HSI or ERO)\": LIONS records ICE as one agency (code HSCE) and cannot tell Homeland Security Investigations from Enforcement and Removal Operations, so releases crediting HSI, ICE_ERO or ICE are all counted under ICE here. The release tally (without --denominator) keeps HSI apart.",
	"share_convictions_announced = convictions_announced / eousa_convicted in the same cell. The two are separate lists (releases name people, EOUSA does not) and are not matched one to one, so this is a ratio of counts: an estimate of the share of convictions that were ever announced, which can exceed 1 where releases credit an agency the U.S. Attorney did not record. mart_eousa_case_links holds the one-to-one matches a docket number allows.",
	"Each column counts in the fiscal year of its own event (charging instrument filed, disposition, release); a conviction is a guilty plea or verdict (LIONS GT/NC/GD), sentences included. EOUSA data lag about two months and each monthly snapshot restates the past; eousa_defendant_revisions lists what a later snapshot changed.",
	"level 'category' rows are one charge category each; level 'set' rows are the child_exploitation and trafficking sets (a person counts once per set). A person can be in several rows: never add rows up.",
}

// Notes for a tally run with opt.
func NotesFor(opt Options) []string {
	if opt.Denominator {
		return DenominatorNotes
	}
	return Notes
}

// denominatorSQL reads mart_eousa_denominator with the filters of opt.
func denominatorSQL(opt Options) (string, []any, error) {
	if len(opt.By) > 0 || !opt.Since.IsZero() || !opt.Until.IsZero() {
		return "", nil, fmt.Errorf("tally: the denominator is always by agency, category and fiscal year; --by, --since and --until do not apply")
	}
	var where, levels []string
	var args []any
	ph := func(vals []string) string {
		args = append(args, anys(vals)...)
		return strings.TrimSuffix(strings.Repeat("?, ", len(vals)), ", ")
	}
	if len(opt.Agencies) > 0 {
		var ags []string
		for _, a := range opt.Agencies {
			switch a = strings.ToUpper(a); a {
			case "HSI", "ICE_ERO":
				a = "ICE" // EOUSA cannot tell HSI from ERO
			}
			ags = append(ags, a)
		}
		where = append(where, "agency IN ("+ph(ags)+")")
	}
	if len(opt.Categories) > 0 {
		levels = append(levels, "(level = 'category' AND category IN ("+ph(opt.Categories)+"))")
	}
	for _, cs := range opt.CategorySets {
		if cs != "child_exploitation" && cs != "trafficking" {
			return "", nil, fmt.Errorf("tally: unknown category set %q", cs)
		}
	}
	if len(opt.CategorySets) > 0 {
		levels = append(levels, "(level = 'set' AND category IN ("+ph(opt.CategorySets)+"))")
	}
	if len(levels) > 0 {
		where = append(where, "("+strings.Join(levels, " OR ")+")")
	}
	q := `SELECT agency_label AS agency, level, category, fiscal_year, ` + strings.Join(DenominatorMeasures, ", ") + `
FROM mart_eousa_denominator`
	if len(where) > 0 {
		q += "\nWHERE " + strings.Join(where, " AND ")
	}
	q += "\nORDER BY agency, level, category, fiscal_year NULLS LAST"
	return q, args, nil
}

func anys(xs []string) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// Query runs the tally.
func Query(ctx context.Context, db *sql.DB, opt Options) (*sql.Rows, error) {
	if opt.Denominator {
		q, args, err := denominatorSQL(opt)
		if err != nil {
			return nil, err
		}
		rows, err := db.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("tally denominator: %w", err)
		}
		return rows, nil
	}
	q, args, err := linkdb.Tally{By: opt.By, Agencies: opt.Agencies, Categories: opt.Categories,
		CategorySets: opt.CategorySets, Since: opt.Since, Until: opt.Until, Manner: opt.Manner}.SQL()
	if err != nil {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("tally: %w", err)
	}
	return rows, nil
}

// Rows runs the tally and reads every row into a map from column name to
// value (read the measures with Int and Float).
func Rows(ctx context.Context, db *sql.DB, opt Options) ([]map[string]any, error) {
	rows, err := Query(ctx, db, opt)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, fmt.Errorf("tally: %w", err)
	}
	var out []map[string]any
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("tally: %w", err)
		}
		row := make(map[string]any, len(cols))
		for i, c := range cols {
			row[c] = vals[i]
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("tally: %w", err)
	}
	return out, nil
}

// floater is DuckDB's DECIMAL and anything like it.
type floater interface{ Float64() float64 }

// Float reads a measure of a tally row as scanned into an any (BIGINT,
// DOUBLE, DECIMAL, HUGEINT): nil for NULL or NaN.
func Float(v any) *float64 {
	var f float64
	switch x := v.(type) {
	case nil:
		return nil
	case float64:
		f = x
	case float32:
		f = float64(x)
	case int64:
		f = float64(x)
	case int32:
		f = float64(x)
	case int:
		f = float64(x)
	case floater:
		f = x.Float64()
	case *big.Int: // DuckDB's HUGEINT (sum of BIGINT)
		f, _ = new(big.Float).SetInt(x).Float64()
	default:
		return nil
	}
	if math.IsNaN(f) {
		return nil
	}
	return &f
}

// Int reads a count of a tally row as scanned into an any: 0 for NULL.
func Int(v any) int64 {
	if f := Float(v); f != nil {
		return int64(math.Round(*f))
	}
	return 0
}

// NullLabels are how a table shows a dimension value that is NULL: the
// events with no credited agency, no category, no date or no district.
var NullLabels = map[string]string{"agency": "(no agency credited)", "category": "(no category)",
	"fiscal_year": "(undated)", "year": "(undated)", "district": "(unknown)", "category_set": "(neither set)"}

// Validate checks opt's agencies and categories against the taxonomy the
// database holds (ref_agencies, ref_categories): a misspelt value would
// otherwise match nothing and print zeros.
func Validate(ctx context.Context, db *sql.DB, opt Options) error {
	for _, c := range []struct {
		flag, query string
		values      []string
	}{
		{"--agency", `SELECT agency FROM ref_agencies ORDER BY 1`, opt.Agencies},
		{"--category", `SELECT category FROM ref_categories ORDER BY 1`, opt.Categories},
	} {
		if len(c.values) == 0 {
			continue
		}
		known, err := column(ctx, db, c.query)
		if err != nil {
			return fmt.Errorf("tally: %s: %w", c.flag, err)
		}
		for _, v := range c.values {
			if !contains(known, v) {
				hint := "known values: " + strings.Join(known, ", ")
				if s := closest(v, known); s != "" {
					hint = "did you mean " + s + "? " + hint
				}
				return fmt.Errorf("%s: unknown value %q (%s)", c.flag, v, hint)
			}
		}
	}
	return nil
}

func column(ctx context.Context, db *sql.DB, q string) ([]string, error) {
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// closest is the known value nearest to v by edit distance, when it is
// near enough to be a misspelling (at most a third of its letters, and 3).
func closest(v string, known []string) string {
	best, bestD := "", min(3, max(1, len(v)/3))+1
	for _, k := range known {
		if d := editDistance(strings.ToLower(v), strings.ToLower(k)); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// editDistance is the optimal string alignment distance between a and b
// (bytes): insertions, deletions, substitutions and transpositions of two
// neighbours ("HIS" is one from "HSI").
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
