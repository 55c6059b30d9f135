// Package tally is the last analytic stage: it counts people at each stage
// (arrests announced, convictions secured, ...) by the dimensions a
// researcher asks for, from the tally_facts view. It reads only.
package tally

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Dimensions a tally can be broken down by, in their canonical order.
var Dimensions = []string{"category", "agency", "year", "fiscal_year", "district"}

// Measures are the count columns every tally row has, in order.
var Measures = []string{"arrests_announced", "arrests_announced_unnamed", "charged", "convictions_secured",
	"convictions_court_verified", "sentenced", "median_sentence_months"}

// Notes explain how to read any tally; callers print them with the table.
var Notes = []string{
	"Unit: people. arrests_announced counts named people with an arrest event; arrests_announced_unnamed adds up unnamed group announcements and is never folded into it.",
	"convictions_secured counts people with a convicted or sentenced event; convictions_court_verified those resting on a court record.",
	"An event carries all its charge categories and credited agencies, so one person can count in several rows: rows do not add up to a total.",
}

// Options choose the breakdown.
type Options struct {
	By    []string // subset of Dimensions; empty for one overall row
	Since string   // YYYY-MM-DD lower bound on the event's effective date; "" for all
}

// ParseBy validates a comma-separated --by value.
func ParseBy(s string) ([]string, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var out []string
	seen := map[string]bool{}
	for _, d := range strings.Split(s, ",") {
		d = strings.TrimSpace(strings.ToLower(d))
		ok := false
		for _, known := range Dimensions {
			ok = ok || d == known
		}
		if !ok {
			return nil, fmt.Errorf("unknown dimension %q (want %s)", d, strings.Join(Dimensions, ", "))
		}
		if !seen[d] {
			out = append(out, d)
			seen[d] = true
		}
	}
	return out, nil
}

// SQL builds the tally query for opt.
func SQL(opt Options) string {
	dims := strings.Join(opt.By, ", ")
	group, order := "", ""
	if dims != "" {
		group, order = "GROUP BY "+dims, "ORDER BY "+dims
	}
	where := ""
	if opt.Since != "" {
		where = fmt.Sprintf("WHERE effective_date >= DATE '%s'", strings.ReplaceAll(opt.Since, "'", ""))
	}
	// Facts repeat per category × agency: count people with DISTINCT and add
	// unnamed group sizes once per event.
	return fmt.Sprintf(`WITH f AS (SELECT * FROM tally_facts %[4]s),
unnamed AS (SELECT DISTINCT event_id, %[5]s person_count FROM f WHERE event_type = 'arrest' AND person_key IS NULL),
sentences AS (SELECT DISTINCT %[5]s person_key, sentence_months FROM f WHERE event_type = 'sentenced' AND sentence_months IS NOT NULL),
named AS (
  SELECT %[5]s
    count(DISTINCT person_key) FILTER (WHERE event_type = 'arrest') AS arrests_announced,
    count(DISTINCT person_key) FILTER (WHERE event_type = 'charged') AS charged,
    count(DISTINCT person_key) FILTER (WHERE event_type IN ('convicted', 'sentenced')) AS convictions_secured,
    count(DISTINCT person_key) FILTER (WHERE event_type IN ('convicted', 'sentenced') AND court_verified) AS convictions_court_verified,
    count(DISTINCT person_key) FILTER (WHERE event_type = 'sentenced') AS sentenced
  FROM f %[2]s)
SELECT %[1]s
  coalesce(n.arrests_announced, 0) AS arrests_announced,
  coalesce((SELECT sum(u.person_count) FROM unnamed u WHERE %[6]s), 0)::BIGINT AS arrests_announced_unnamed,
  coalesce(n.charged, 0) AS charged,
  coalesce(n.convictions_secured, 0) AS convictions_secured,
  coalesce(n.convictions_court_verified, 0) AS convictions_court_verified,
  coalesce(n.sentenced, 0) AS sentenced,
  (SELECT median(s.sentence_months) FROM sentences s WHERE %[7]s) AS median_sentence_months
FROM named n %[3]s`,
		prefixed(opt.By, "n."), group, strings.ReplaceAll(order, "ORDER BY ", "ORDER BY n."), where,
		withComma(opt.By), match(opt.By, "u"), match(opt.By, "s"))
}

func prefixed(dims []string, p string) string {
	if len(dims) == 0 {
		return ""
	}
	parts := make([]string, len(dims))
	for i, d := range dims {
		parts[i] = p + d
	}
	return strings.Join(parts, ", ") + ",\n"
}

func withComma(dims []string) string {
	if len(dims) == 0 {
		return ""
	}
	return strings.Join(dims, ", ") + ","
}

func match(dims []string, alias string) string {
	if len(dims) == 0 {
		return "true"
	}
	parts := make([]string, len(dims))
	for i, d := range dims {
		parts[i] = fmt.Sprintf("%s.%s IS NOT DISTINCT FROM n.%s", alias, d, d)
	}
	return strings.Join(parts, " AND ")
}

// Query runs the tally.
func Query(ctx context.Context, db *sql.DB, opt Options) (*sql.Rows, error) {
	rows, err := db.QueryContext(ctx, SQL(opt))
	if err != nil {
		return nil, fmt.Errorf("tally: %w", err)
	}
	return rows, nil
}
