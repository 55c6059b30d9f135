// Package tally is the last analytic stage: it counts people at each stage
// (arrests announced, convictions secured, the conversion between them) by
// the dimensions a researcher asks for. It reads tally_facts, which the
// link stage materialises after every run (pipeline/link/linkdb), and never
// writes.
package tally

import (
	"context"
	"database/sql"
	"fmt"
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
	"Unit: people. A named defendant counts once per stage per row, however many releases and dockets report them; arrests_announced_unnamed adds up unnamed group announcements (\"agents arrested 29 people\") and is never folded into the people columns.",
	"convictions_secured counts people with a conviction or a sentence; convictions_court_verified those whose conviction rests on a court record (a docket or caseload data), the rest rest on press releases only.",
	"arrests_later_convicted: people whose announced arrest is followed by a conviction in the same case in the data; conversion_rate = arrests_later_convicted / arrests_announced; median_days_arrest_to_conviction is the lag.",
	"An event carries all its charge categories and credited agencies, so one person can count in several rows: never add rows up into a total.",
	"Years are the event's date, or its document's publication date when the text gives none; fiscal years run Oct 1 - Sep 30 and are named for the year they end in.",
}

// Options choose the breakdown and filters.
type Options struct {
	By           []string
	Agencies     []string
	Categories   []string
	CategorySets []string // child_exploitation, trafficking
	Since, Until time.Time
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

// Query runs the tally.
func Query(ctx context.Context, db *sql.DB, opt Options) (*sql.Rows, error) {
	q, args, err := linkdb.Tally{By: opt.By, Agencies: opt.Agencies, Categories: opt.Categories,
		CategorySets: opt.CategorySets, Since: opt.Since, Until: opt.Until}.SQL()
	if err != nil {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("tally: %w", err)
	}
	return rows, nil
}
