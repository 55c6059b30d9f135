// Package answer puts casetrack's one question and its answer in one place:
// how many ICE/HSI child-exploitation arrests announced since a fiscal year
// led to federal convictions, and on what charges. It composes tallies of
// the child-exploitation set (pipeline/tally over tally_units, as the
// hsi-child-exploitation preset does) per credited agency (HSI, ICE ERO and
// ICE without a directorate kept apart, and ICE as a whole), sets the
// published figures of data/public_figures.csv beside them, and lists the
// people and releases behind each count (view mart_occurrence_reports).
// `casetrack answer` prints it; the report's first page draws it. It reads
// the database and never writes.
package answer

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"casetrack/data"
	"casetrack/pipeline/review/reviewdb"
	"casetrack/pipeline/tally"
)

// Question is what casetrack exists to answer, in words.
const Question = "How many ICE/HSI child-trafficking and child-exploitation cases since FY%d led to federal convictions, and on what charges?"

// DefaultSinceFY is the first fiscal year of the question's period.
const DefaultSinceFY = 2023

// DefaultAgencies are the credited agencies answered, each apart: HSI,
// ICE ERO, and ICE where a release names no directorate. Together they
// also make the "ICE as a whole" group.
var DefaultAgencies = []string{"HSI", "ICE_ERO", "ICE"}

// set is the category set the question is about.
const set = "child_exploitation"

// Options choose the period and the agencies.
type Options struct {
	SinceFY  int      // first federal fiscal year counted; 0 means DefaultSinceFY
	Agencies []string // credited agency codes, each its own group; nil means DefaultAgencies
	People   bool     // also list the people and releases behind each count
}

// Measures are the counts of one row. Every count is of people (named
// defendants, each once per row) except ArrestsUnnamed, which adds up the
// head counts of unnamed group announcements. docs/data-dictionary.md
// defines each column.
type Measures struct {
	ArrestsAnnounced       int64    `json:"arrests_announced"`
	ArrestsUnnamed         int64    `json:"arrests_announced_unnamed"`
	Charged                int64    `json:"charged"`
	Convictions            int64    `json:"convictions_secured"`
	ConvictionsPlea        int64    `json:"convictions_plea"`
	ConvictionsVerdict     int64    `json:"convictions_verdict"`
	ConvictionsNotStated   int64    `json:"convictions_manner_not_stated"`
	ConvictionsPressOnly   int64    `json:"convictions_press_only"`
	ConvictionsCourt       int64    `json:"convictions_court_verified"`
	Sentenced              int64    `json:"sentenced"`
	MedianSentenceMonths   *float64 `json:"median_sentence_months"`
	ArrestsLaterConvicted  int64    `json:"arrests_later_convicted"`
	ConversionRate         *float64 `json:"conversion_rate"`
	MedianDaysToConviction *float64 `json:"median_days_arrest_to_conviction"`
}

// Columns are the names of Measures' columns, in output order.
var Columns = []string{"arrests_announced", "arrests_announced_unnamed", "charged", "convictions_secured",
	"convictions_plea", "convictions_verdict", "convictions_manner_not_stated", "convictions_press_only",
	"convictions_court_verified", "sentenced", "median_sentence_months", "arrests_later_convicted",
	"conversion_rate", "median_days_arrest_to_conviction"}

// Row is one line of the answer: one agency group, one fiscal year (or the
// whole period) and the whole set (or one charge category).
type Row struct {
	Period     string `json:"period"`                // FY2024, or FY2023-FY2026 for the whole period
	FiscalYear int    `json:"fiscal_year,omitempty"` // 0 for the whole period
	Category   string `json:"category,omitempty"`    // "" for the whole child-exploitation set
	Measures
	// Published is the closest published figure of the fiscal year beside
	// the count (fiscal-year rows of the whole set only).
	Published *Beside `json:"published,omitempty"`
}

// Group is the answer for one credited agency, or for several together
// (each person once).
type Group struct {
	Key        string   `json:"key"` // file-name safe: hsi, ice_ero, ice, ice_all
	Label      string   `json:"label"`
	Agencies   []string `json:"agencies"`
	Years      []Row    `json:"fiscal_years"`
	Total      Row      `json:"total"`
	Categories []Row    `json:"categories"`     // one per category of the set, whole period
	ByCategory []Row    `json:"category_years"` // category × fiscal year
	Note       string   `json:"note,omitempty"` // why this group's numbers need reading with care (ERO)
	// People are the people and releases behind each count (Options.People).
	People []Cell `json:"people,omitempty"`
}

// Answer is the question, its answer and what it does not cover.
type Answer struct {
	Question string `json:"question"`
	SinceFY  int    `json:"since_fiscal_year"`
	UntilFY  int    `json:"until_fiscal_year,omitempty"` // the latest fiscal year with data; 0 when none
	Since    string `json:"since"`                       // first day counted, YYYY-MM-DD
	DataDate string `json:"data_date"`                   // latest document's publication date
	// Nothing, when set, says why there is nothing to answer yet.
	Nothing    string   `json:"nothing,omitempty"`
	Categories []string `json:"categories"` // the child-exploitation set, in taxonomy order
	Groups     []Group  `json:"groups"`
	// Figures are the published figures of the period's fiscal years, the
	// context table.
	Figures []data.PublicFigure `json:"published_figures"`
	// CorrectedByHand counts the events behind the answer (the agencies'
	// child-exploitation events since the first fiscal year) that
	// event_decisions.csv changed, added or dropped.
	CorrectedByHand reviewdb.Corrections `json:"corrected_by_hand"`
	Notes           []string             `json:"notes"` // how to read it and what it does not cover
}

// CategoryLabels name the child-exploitation categories in words.
var CategoryLabels = map[string]string{
	"sex_trafficking_minor":         "sex trafficking of a minor",
	"csam_production":               "CSAM production",
	"csam_distribution_receipt":     "CSAM distribution or receipt",
	"csam_possession":               "CSAM possession",
	"enticement_minor":              "enticement of a minor",
	"transportation_minor":          "transportation of a minor",
	"travel_illicit_sexual_conduct": "travel for illicit sexual conduct",
	"sexual_abuse_minor":            "sexual abuse of a minor",
}

// agencyLabels name the ICE agency codes in words.
var agencyLabels = map[string]string{
	"HSI":     "HSI (Homeland Security Investigations)",
	"ICE_ERO": "ICE ERO (Enforcement and Removal Operations)",
	"ICE":     "ICE, no directorate named",
}

// FiscalYearStart is the first day of federal fiscal year fy.
func FiscalYearStart(fy int) time.Time { return time.Date(fy-1, 10, 1, 0, 0, 0, 0, time.UTC) }

// FiscalYearOf is the federal fiscal year of a day.
func FiscalYearOf(t time.Time) int {
	if t.Month() >= time.October {
		return t.Year() + 1
	}
	return t.Year()
}

// ParseFiscalYear reads "FY2023" or "2023".
func ParseFiscalYear(s string) (int, error) {
	t := strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(s)), "FY")
	fy, err := strconv.Atoi(t)
	if err != nil || fy < 1990 || fy > 2100 {
		return 0, fmt.Errorf("fiscal year %q: want FY2023 or 2023", s)
	}
	return fy, nil
}

// ParseAgencies reads a comma-separated list of agency codes (ERO is
// ICE_ERO), each a taxonomy code.
func ParseAgencies(s string) ([]string, error) {
	var out []string
	for _, a := range strings.Split(s, ",") {
		a = strings.ToUpper(strings.TrimSpace(a))
		if a == "" {
			continue
		}
		if a == "ERO" {
			a = "ICE_ERO"
		}
		if !slices.Contains(data.AgencyCodes, a) {
			return nil, fmt.Errorf("agency %q: want one of %s", a, strings.Join(data.AgencyCodes, ", "))
		}
		if !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no agency given")
	}
	return out, nil
}

// groupsFor makes one group per agency and, with more than one, one for
// them together.
func groupsFor(agencies []string) []Group {
	var out []Group
	for _, a := range agencies {
		label := agencyLabels[a]
		if label == "" {
			label = a
		}
		out = append(out, Group{Key: strings.ToLower(a), Label: label, Agencies: []string{a}})
	}
	if len(agencies) > 1 {
		g := Group{Key: "all", Label: "any of " + strings.Join(agencies, ", ") + " (each person once)", Agencies: agencies}
		if slices.Equal(slices.Sorted(slices.Values(agencies)), []string{"HSI", "ICE", "ICE_ERO"}) {
			g.Key, g.Label = "ice_all", "ICE as a whole (HSI, ERO or ICE; each person once)"
		}
		out = append(out, g)
	}
	return out
}

// Compute answers the question from db.
func Compute(ctx context.Context, db *sql.DB, opt Options) (*Answer, error) {
	if opt.SinceFY == 0 {
		opt.SinceFY = DefaultSinceFY
	}
	if len(opt.Agencies) == 0 {
		opt.Agencies = DefaultAgencies
	}
	since := FiscalYearStart(opt.SinceFY)
	a := &Answer{Question: fmt.Sprintf(Question, opt.SinceFY), SinceFY: opt.SinceFY, Since: since.Format(time.DateOnly)}
	var events int64
	var latest, lastFY sql.NullInt64
	var dataDate sql.NullTime
	if err := db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM events), (SELECT max(published) FROM documents),
		(SELECT max(fiscal_year) FROM tally_facts WHERE NOT coalesce(caseload, false)),
		(SELECT max(fiscal_year) FROM tally_facts WHERE NOT coalesce(caseload, false) AND eff_date >= ?)`, since).
		Scan(&events, &dataDate, &latest, &lastFY); err != nil {
		return nil, fmt.Errorf("answer: %w", err)
	}
	if dataDate.Valid {
		a.DataDate = dataDate.Time.Format(time.DateOnly)
	}
	if err := a.loadCategories(ctx, db); err != nil {
		return nil, err
	}
	switch {
	case events == 0:
		a.Nothing = "The database holds no events yet: nothing to answer. Load press releases and court records with `casetrack import PATH...` or crawl them with `casetrack run`."
		return a, nil
	case !lastFY.Valid:
		a.Nothing = fmt.Sprintf("No event in the database is dated in FY%d or later (the latest is in FY%d): nothing to answer for this period. Try an earlier --since.", opt.SinceFY, latest.Int64)
		return a, nil
	}
	a.UntilFY = int(lastFY.Int64)
	// An event dated after the latest release is a misread date, not a
	// later fiscal year.
	if dataDate.Valid {
		a.UntilFY = min(a.UntilFY, FiscalYearOf(dataDate.Time))
	}
	if a.UntilFY < opt.SinceFY {
		a.UntilFY = 0
		a.Nothing = fmt.Sprintf("No release in the database was published in FY%d or later (the latest on %s): nothing to answer for this period. Try an earlier --since.", opt.SinceFY, a.DataDate)
		return a, nil
	}
	figs, err := data.PublicFigures()
	if err != nil {
		return nil, fmt.Errorf("answer: %w", err)
	}
	for _, f := range figs {
		if f.Year >= opt.SinceFY && f.Year <= a.UntilFY {
			a.Figures = append(a.Figures, f)
		}
	}
	for _, g := range groupsFor(opt.Agencies) {
		if err := a.fill(ctx, db, &g, since); err != nil {
			return nil, err
		}
		for i := range g.Years {
			g.Years[i].Published = Closest(figs, g.Years[i].FiscalYear, g.Agencies, g.Years[i].Measures)
		}
		if opt.People {
			if g.People, err = people(ctx, db, g, since, a.SinceFY, a.UntilFY, a.Period(), a.Categories); err != nil {
				return nil, err
			}
		}
		a.Groups = append(a.Groups, g)
	}
	if err := a.explainERO(ctx, db, since); err != nil {
		return nil, err
	}
	if a.CorrectedByHand, err = reviewdb.CountCorrections(ctx, db, reviewdb.Scope{Agencies: opt.Agencies,
		CategorySets: []string{"child_exploitation"}, Since: since}); err != nil {
		return nil, fmt.Errorf("answer: %w", err)
	}
	a.Notes = a.notes()
	return a, nil
}

// loadCategories reads the set's categories from the taxonomy view.
func (a *Answer) loadCategories(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `SELECT category FROM ref_categories WHERE child_exploitation`)
	if err != nil {
		return fmt.Errorf("answer: categories: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return fmt.Errorf("answer: categories: %w", err)
		}
		a.Categories = append(a.Categories, c)
	}
	return rows.Err()
}

// Period is the whole period's label, FY2023-FY2026.
func (a *Answer) Period() string {
	if a.UntilFY <= a.SinceFY {
		return fmt.Sprintf("FY%d", a.SinceFY)
	}
	return fmt.Sprintf("FY%d-FY%d", a.SinceFY, a.UntilFY)
}

// fill runs the group's tallies: by fiscal year, the whole period, by
// category and by category × fiscal year, with every fiscal year of the
// period and every category present (zeros where nobody counts).
func (a *Answer) fill(ctx context.Context, db *sql.DB, g *Group, since time.Time) error {
	base := tally.Options{Agencies: g.Agencies, CategorySets: []string{set}, Since: since, Manner: true}
	run := func(by ...string) (map[string]Measures, error) {
		o := base
		o.By = by
		return queryTally(ctx, db, o)
	}
	byFY, err := run("fiscal_year")
	if err != nil {
		return err
	}
	total, err := run()
	if err != nil {
		return err
	}
	byCat, err := run("category")
	if err != nil {
		return err
	}
	byCatFY, err := run("category", "fiscal_year")
	if err != nil {
		return err
	}
	for fy := a.SinceFY; fy <= a.UntilFY; fy++ {
		p := fmt.Sprintf("FY%d", fy)
		g.Years = append(g.Years, Row{Period: p, FiscalYear: fy, Measures: byFY[p]})
	}
	g.Total = Row{Period: a.Period(), Measures: total[""]}
	for _, c := range a.Categories {
		g.Categories = append(g.Categories, Row{Period: a.Period(), Category: c, Measures: byCat[c]})
		for fy := a.SinceFY; fy <= a.UntilFY; fy++ {
			p := fmt.Sprintf("FY%d", fy)
			g.ByCategory = append(g.ByCategory, Row{Period: p, FiscalYear: fy, Category: c, Measures: byCatFY[c+"|"+p]})
		}
	}
	return nil
}

// queryTally runs one tally and returns its rows keyed by their dimension
// values joined with "|" ("" for a tally without dimensions).
func queryTally(ctx context.Context, db *sql.DB, o tally.Options) (map[string]Measures, error) {
	rows, err := tally.Rows(ctx, db, o)
	if err != nil {
		return nil, fmt.Errorf("answer: %w", err)
	}
	out := map[string]Measures{}
	for _, v := range rows {
		var keys []string
		for _, d := range o.By {
			keys = append(keys, fmt.Sprint(v[d]))
		}
		m := Measures{
			ArrestsAnnounced: tally.Int(v["arrests_announced"]), ArrestsUnnamed: tally.Int(v["arrests_announced_unnamed"]),
			Charged: tally.Int(v["charged"]), Convictions: tally.Int(v["convictions_secured"]),
			ConvictionsPlea: tally.Int(v["convictions_plea"]), ConvictionsVerdict: tally.Int(v["convictions_verdict"]),
			ConvictionsCourt: tally.Int(v["convictions_court_verified"]), Sentenced: tally.Int(v["sentenced"]),
			MedianSentenceMonths: tally.Float(v["median_sentence_months"]), ArrestsLaterConvicted: tally.Int(v["arrests_later_convicted"]),
			ConversionRate: tally.Float(v["conversion_rate"]), MedianDaysToConviction: tally.Float(v["median_days_arrest_to_conviction"]),
		}
		m.ConvictionsNotStated = m.Convictions - tally.Int(v["convictions_manner_stated"])
		m.ConvictionsPressOnly = m.Convictions - m.ConvictionsCourt
		out[strings.Join(keys, "|")] = m
	}
	return out, nil
}

// explainERO writes the note an ICE ERO group needs when it counts anyone
// in the child-exploitation set: ERO arrests people for removal and does
// not investigate these crimes, so the note says where its people come
// from, measured on the data.
func (a *Answer) explainERO(ctx context.Context, db *sql.DB, since time.Time) error {
	for i := range a.Groups {
		g := &a.Groups[i]
		if !slices.Equal(g.Agencies, []string{"ICE_ERO"}) {
			continue
		}
		t := g.Total.Measures
		if t.ArrestsAnnounced+t.ArrestsUnnamed+t.Charged+t.Convictions == 0 {
			continue
		}
		var people, withHSI, withImmigration, releases int64
		if err := db.QueryRowContext(ctx, `WITH o AS (
				SELECT DISTINCT occurrence_id, person_id, doc_id, categories, agencies FROM mart_occurrence_reports
				WHERE list_contains(agencies, 'ICE_ERO') AND eff_date >= ?
				  AND list_has_any(categories, (SELECT list(category) FROM ref_categories WHERE child_exploitation)))
			SELECT count(DISTINCT person_id),
				count(DISTINCT person_id) FILTER (WHERE list_contains(agencies, 'HSI')),
				count(DISTINCT person_id) FILTER (WHERE list_has_any(categories, ['immigration_violation', 'alien_smuggling', 'other'])),
				count(DISTINCT doc_id)
			FROM o`, since).Scan(&people, &withHSI, &withImmigration, &releases); err != nil {
			return fmt.Errorf("answer: ERO: %w", err)
		}
		g.Note = fmt.Sprintf("ICE ERO arrests people for removal; it does not investigate child exploitation. Its counts here "+
			"(%d named people and %d in unnamed groups, from %d releases) come from ERO releases about removals and "+
			"immigration arrests or prosecutions of people whose release mentions a child-sex offence, often an earlier "+
			"(state) conviction. Of the %d named people, %d also credited to HSI (a joint release) and %d also charged "+
			"with an immigration, smuggling or other offence. casetrack's rules mean to count such an arrest as an immigration "+
			"arrest, never a child-exploitation one, so each is a candidate extraction error: the people and releases behind "+
			"each count (casetrack answer --people, or the report's links) show which.",
			people, t.ArrestsUnnamed, releases, people, withHSI, withImmigration)
	}
	return nil
}

// notes say how to read the answer and what it does not cover.
func (a *Answer) notes() []string {
	out := []string{
		"Unit: people. A named defendant counts once per row however many releases and dockets report them; arrests_announced_unnamed adds up unnamed group announcements (\"agents arrested 29 people\") and is never added to people.",
		"Agencies are kept apart: HSI, ICE ERO and ICE (a release crediting ICE without naming a directorate) are separate rows; a person credited to two of them counts in both, but once in ICE as a whole. Never add the groups up.",
		"Categories: a person counts in every category of their conviction, so the category rows do not add up to the set.",
		"Fiscal years run Oct 1 - Sep 30 and are named for the year they end in; a year is the event's date, else its release's.",
		"Press releases are a floor: agencies and U.S. Attorneys announce a selection of their cases, and an arrest or conviction nobody announced is not counted.",
	}
	var shares []string
	for _, g := range a.Groups {
		t := g.Total.Measures
		shares = append(shares, fmt.Sprintf("%s %d of %d%s", g.Label, t.ConvictionsCourt, t.Convictions, percent(t.ConvictionsCourt, t.Convictions)))
	}
	out = append(out, fmt.Sprintf("Court-verified share of the people convicted, %s: %s. Only these rest on a court record (a PACER or CourtListener docket); the rest on press releases alone.",
		a.Period(), strings.Join(shares, "; ")))
	out = append(out,
		"Extraction accuracy is measured on labelled releases (`casetrack eval --gold DIR`; README, \"Extraction accuracy\"): every count inherits the extraction's misses and errors.",
		"arrests_later_convicted follows each announced arrest to a conviction of the same person in the same case; recent fiscal years have had little time to convert.",
		"Published figures: a ratio is given only when the figure counts the same stage in a comparable unit (arrests, convictions, persons) for the same charge set, agency and fiscal year; anything else is context, never divided.",
		"Hand corrections: "+a.CorrectedByHand.String()+".")
	return out
}

// percent is " (12%)", or "" when there is nothing to divide.
func percent(n, of int64) string {
	if of == 0 {
		return ""
	}
	return fmt.Sprintf(" (%.0f%%)", 100*float64(n)/float64(of))
}
