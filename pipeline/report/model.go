package report

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"casetrack/pipeline/review/reviewdb"
	"casetrack/pipeline/tally"
)

// noAgency labels the tally rows of people no release credits to an agency.
const noAgency = "(no agency credited)"

// Tally is one row of a tally: the values of its dimensions and the
// measures tally.Query returns (see tally.Measures for their meaning).
type Tally struct {
	Keys                   []string // one per dimension asked for; noAgency etc. for NULL
	Arrests                int64
	ArrestsUnnamed         int64
	Charged                int64
	Convictions            int64
	ConvictionsCourt       int64
	Sentenced              int64
	MedianSentenceMonths   *float64
	ArrestsLaterConvicted  int64
	ConversionRate         *float64
	MedianDaysToConviction *float64
}

// Case is one defendant-case of mart_cases.
type Case struct {
	PersonID, CaseID, Defendant                                  string
	Arrest, Charged, Conviction, Sentenced, Acquitted, Dismissed string // YYYY-MM-DD or ""
	CourtVerified                                                bool
	SentenceMonths                                               *float64
	SentenceKind                                                 string
	Categories, Agencies, Districts, Dockets, Publishers         []string
	Sources                                                      []Source
}

// Source is one document behind a case, with the stages it reports.
type Source struct {
	URL    string
	Stages []string // arrest, charged, convicted, sentenced
}

// SourceRun is a source's latest crawl (source_runs) and cursor.
type SourceRun struct {
	Source, Status, Cursor, Error string
	Finished                      string
	Seen, New, Updated, Failed    int64
}

// Run is one row of the runs table.
type Run struct {
	ID                                    int64
	Command, Args, Status, Started, Ended string
}

// DocCount is how many documents one source and publisher contributed.
type DocCount struct {
	Source, Publisher string
	Documents, Events int64
	First, Last       string
}

// Category is a taxonomy category with the sets it belongs to.
type Category struct {
	Name                           string
	ChildExploitation, Trafficking bool
}

// model is everything the pages show, read once.
type model struct {
	DataDate    string // the day the data describes (last finished run, else latest document)
	LatestDoc   string // latest publication date of a document
	Since       string
	AgencyFY    []Tally // by agency, fiscal_year
	Agency      []Tally // by agency
	All         Tally   // no breakdown
	GroupFY     map[string][]Tally
	GroupAgency map[string][]Tally
	Cases       []Case
	Runs        []Run
	SourceRuns  []SourceRun
	Docs        []DocCount
	Categories  []Category
	AgencyCodes []string
	TotalDocs   int64
	TotalEvents int64
	UnnamedDocs int64
	Corrections []Corrections // hand corrections behind all numbers, then each overview group
}

// Corrections are the events behind one scope of the report that were
// corrected by hand (event_decisions.csv).
type Corrections struct {
	Scope string
	reviewdb.Corrections
}

// Category groups of the overview, in display order. Alien smuggling is
// kept apart from trafficking on purpose (shared/docs/taxonomy.md).
var groups = []struct {
	Key, Title string
	Opt        tally.Options
}{
	{"child_exploitation", "Child-exploitation set", tally.Options{CategorySets: []string{"child_exploitation"}}},
	{"trafficking", "Trafficking set (sex trafficking, forced labor)", tally.Options{CategorySets: []string{"trafficking"}}},
	{"alien_smuggling", "Alien smuggling (kept apart from trafficking)", tally.Options{Categories: []string{"alien_smuggling"}}},
}

func load(ctx context.Context, db *sql.DB, since time.Time) (*model, error) {
	m := &model{GroupFY: map[string][]Tally{}, GroupAgency: map[string][]Tally{}}
	if !since.IsZero() {
		m.Since = since.Format("2006-01-02")
	}
	var err error
	if m.AgencyFY, err = queryTally(ctx, db, tally.Options{By: []string{"agency", "fiscal_year"}, Since: since}); err != nil {
		return nil, err
	}
	if m.Agency, err = queryTally(ctx, db, tally.Options{By: []string{"agency"}, Since: since}); err != nil {
		return nil, err
	}
	all, err := queryTally(ctx, db, tally.Options{Since: since})
	if err != nil {
		return nil, err
	}
	if len(all) == 1 {
		m.All = all[0]
	}
	for _, g := range groups {
		o := g.Opt
		o.Since = since
		o.By = []string{"fiscal_year"}
		if m.GroupFY[g.Key], err = queryTally(ctx, db, o); err != nil {
			return nil, err
		}
		o.By = []string{"agency"}
		if m.GroupAgency[g.Key], err = queryTally(ctx, db, o); err != nil {
			return nil, err
		}
	}
	if m.Cases, err = loadCases(ctx, db, since); err != nil {
		return nil, err
	}
	if err := loadFreshness(ctx, db, m); err != nil {
		return nil, err
	}
	if err := loadTaxonomy(ctx, db, m); err != nil {
		return nil, err
	}
	scopes := []Corrections{{Scope: "All events"}}
	for _, g := range groups {
		scopes = append(scopes, Corrections{Scope: g.Title})
	}
	for i := range scopes {
		sc := reviewdb.Scope{Since: since}
		if i > 0 {
			g := groups[i-1].Opt
			sc.Categories, sc.CategorySets = g.Categories, g.CategorySets
		}
		c, err := reviewdb.CountCorrections(ctx, db, sc)
		if err != nil {
			return nil, err
		}
		scopes[i].Corrections = c
	}
	m.Corrections = scopes
	return m, nil
}

// queryTally runs one tally and reads its rows.
func queryTally(ctx context.Context, db *sql.DB, o tally.Options) ([]Tally, error) {
	rows, err := tally.Rows(ctx, db, o)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	var out []Tally
	for _, v := range rows {
		var t Tally
		for _, d := range o.By {
			t.Keys = append(t.Keys, keyText(d, v[d]))
		}
		t.Arrests, t.ArrestsUnnamed, t.Charged = tally.Int(v["arrests_announced"]), tally.Int(v["arrests_announced_unnamed"]), tally.Int(v["charged"])
		t.Convictions, t.ConvictionsCourt, t.Sentenced = tally.Int(v["convictions_secured"]), tally.Int(v["convictions_court_verified"]), tally.Int(v["sentenced"])
		t.MedianSentenceMonths, t.ArrestsLaterConvicted = tally.Float(v["median_sentence_months"]), tally.Int(v["arrests_later_convicted"])
		t.ConversionRate, t.MedianDaysToConviction = tally.Float(v["conversion_rate"]), tally.Float(v["median_days_arrest_to_conviction"])
		out = append(out, t)
	}
	return out, nil
}

func keyText(dim string, v any) string {
	if v == nil {
		switch dim {
		case "agency":
			return noAgency
		case "fiscal_year", "year":
			return "(undated)"
		}
		return "(none)"
	}
	return fmt.Sprint(v)
}

func dateText(v any) string {
	if t, ok := v.(time.Time); ok {
		return t.UTC().Format("2006-01-02")
	}
	return ""
}

func strList(v any) []string {
	xs, _ := v.([]any)
	var out []string
	for _, x := range xs {
		if s, ok := x.(string); ok && s != "" {
			out = append(out, s)
		}
	}
	return out
}

// casesSQL reads mart_cases; with a since date, only cases with a stage on
// or after it. DuckDB's greatest skips NULLs.
const casesSQL = `SELECT person_id, case_id, coalesce(defendant, ''),
	arrest_date, charged_date, conviction_date, sentenced_date, acquitted_date, dismissed_date,
	conviction_court_verified, sentence_months, coalesce(sentence_kind, ''),
	categories, agencies, districts, docket_numbers, publishers,
	arrest_urls, charged_urls, conviction_urls, sentenced_urls
FROM mart_cases
WHERE ? IS NULL OR greatest(arrest_date, charged_date, conviction_date, sentenced_date, acquitted_date, dismissed_date) >= ?
ORDER BY coalesce(arrest_date, charged_date, conviction_date, sentenced_date, acquitted_date, dismissed_date) NULLS LAST,
	defendant, case_id`

func loadCases(ctx context.Context, db *sql.DB, since time.Time) ([]Case, error) {
	var s any
	if !since.IsZero() {
		s = since
	}
	rows, err := db.QueryContext(ctx, casesSQL, s, s)
	if err != nil {
		return nil, fmt.Errorf("report: cases: %w", err)
	}
	defer rows.Close()
	var out []Case
	for rows.Next() {
		var c Case
		var d [6]any
		var months any
		var cats, ags, dists, dockets, pubs, aU, cU, vU, sU any
		if err := rows.Scan(&c.PersonID, &c.CaseID, &c.Defendant, &d[0], &d[1], &d[2], &d[3], &d[4], &d[5],
			&c.CourtVerified, &months, &c.SentenceKind, &cats, &ags, &dists, &dockets, &pubs, &aU, &cU, &vU, &sU); err != nil {
			return nil, fmt.Errorf("report: cases: %w", err)
		}
		c.Arrest, c.Charged, c.Conviction = dateText(d[0]), dateText(d[1]), dateText(d[2])
		c.Sentenced, c.Acquitted, c.Dismissed = dateText(d[3]), dateText(d[4]), dateText(d[5])
		c.SentenceMonths = tally.Float(months)
		c.Categories, c.Agencies, c.Districts = strList(cats), strList(ags), strList(dists)
		c.Dockets, c.Publishers = strList(dockets), strList(pubs)
		c.Sources = mergeSources([]string{"arrest", "charged", "convicted", "sentenced"},
			[][]string{strList(aU), strList(cU), strList(vU), strList(sU)})
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("report: cases: %w", err)
	}
	return out, nil
}

// mergeSources lists each URL once with every stage it stands behind, in
// order of the first stage it reports.
func mergeSources(stages []string, urls [][]string) []Source {
	idx := map[string]int{}
	var out []Source
	for i, st := range stages {
		for _, u := range urls[i] {
			j, ok := idx[u]
			if !ok {
				j = len(out)
				idx[u] = j
				out = append(out, Source{URL: u})
			}
			out[j].Stages = append(out[j].Stages, st)
		}
	}
	return out
}

func loadFreshness(ctx context.Context, db *sql.DB, m *model) error {
	var finished, latest any
	if err := db.QueryRowContext(ctx, `SELECT (SELECT max(finished_at) FROM runs WHERE status IN ('ok', 'failed')),
		(SELECT max(published) FROM documents)`).Scan(&finished, &latest); err != nil {
		return fmt.Errorf("report: freshness: %w", err)
	}
	m.LatestDoc = dateText(latest)
	m.DataDate = dateText(finished)
	if m.DataDate == "" {
		m.DataDate = m.LatestDoc
	}
	if m.DataDate == "" {
		m.DataDate = "(no data)"
	}
	rows, err := db.QueryContext(ctx, `SELECT run_id, command, coalesce(args, ''), status,
		strftime(started_at, '%Y-%m-%d %H:%M UTC'), coalesce(strftime(finished_at, '%Y-%m-%d %H:%M UTC'), '')
		FROM runs ORDER BY run_id DESC LIMIT 10`)
	if err != nil {
		return fmt.Errorf("report: runs: %w", err)
	}
	for rows.Next() {
		var r Run
		if err := rows.Scan(&r.ID, &r.Command, &r.Args, &r.Status, &r.Started, &r.Ended); err != nil {
			rows.Close()
			return fmt.Errorf("report: runs: %w", err)
		}
		m.Runs = append(m.Runs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("report: runs: %w", err)
	}
	rows, err = db.QueryContext(ctx, `WITH last AS (
		SELECT *, row_number() OVER (PARTITION BY source ORDER BY run_id DESC, started_at DESC) AS rn FROM source_runs)
	SELECT coalesce(l.source, c.source), coalesce(l.status, ''), coalesce(c.cursor, ''), coalesce(l.error, ''),
		coalesce(strftime(l.finished_at, '%Y-%m-%d %H:%M UTC'), ''),
		coalesce(l.seen, 0), coalesce(l.new, 0), coalesce(l.updated, 0), coalesce(l.failed, 0)
	FROM (SELECT * FROM last WHERE rn = 1) l FULL JOIN cursors c ON c.source = l.source
	ORDER BY 1`)
	if err != nil {
		return fmt.Errorf("report: source runs: %w", err)
	}
	for rows.Next() {
		var r SourceRun
		if err := rows.Scan(&r.Source, &r.Status, &r.Cursor, &r.Error, &r.Finished, &r.Seen, &r.New, &r.Updated, &r.Failed); err != nil {
			rows.Close()
			return fmt.Errorf("report: source runs: %w", err)
		}
		r.Error = publicError(r.Error)
		m.SourceRuns = append(m.SourceRuns, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("report: source runs: %w", err)
	}
	rows, err = db.QueryContext(ctx, `SELECT d.source, coalesce(d.publisher, ''), count(*), CAST(coalesce(sum(e.n), 0) AS BIGINT),
		coalesce(strftime(min(d.published), '%Y-%m-%d'), ''), coalesce(strftime(max(d.published), '%Y-%m-%d'), '')
	FROM documents d LEFT JOIN (SELECT doc_id, count(*) AS n FROM events GROUP BY doc_id) e USING (doc_id)
	GROUP BY ALL ORDER BY 1, 2`)
	if err != nil {
		return fmt.Errorf("report: documents: %w", err)
	}
	for rows.Next() {
		var d DocCount
		var ev any
		if err := rows.Scan(&d.Source, &d.Publisher, &d.Documents, &ev, &d.First, &d.Last); err != nil {
			rows.Close()
			return fmt.Errorf("report: documents: %w", err)
		}
		d.Events = tally.Int(ev)
		m.TotalDocs += d.Documents
		m.TotalEvents += d.Events
		m.Docs = append(m.Docs, d)
	}
	rows.Close()
	return rows.Err()
}

func loadTaxonomy(ctx context.Context, db *sql.DB, m *model) error {
	rows, err := db.QueryContext(ctx, `SELECT category, child_exploitation, trafficking FROM ref_categories`)
	if err != nil {
		return fmt.Errorf("report: taxonomy: %w", err)
	}
	for rows.Next() {
		var c Category
		if err := rows.Scan(&c.Name, &c.ChildExploitation, &c.Trafficking); err != nil {
			rows.Close()
			return fmt.Errorf("report: taxonomy: %w", err)
		}
		m.Categories = append(m.Categories, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("report: taxonomy: %w", err)
	}
	rows, err = db.QueryContext(ctx, `SELECT agency FROM ref_agencies`)
	if err != nil {
		return fmt.Errorf("report: taxonomy: %w", err)
	}
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			rows.Close()
			return fmt.Errorf("report: taxonomy: %w", err)
		}
		m.AgencyCodes = append(m.AgencyCodes, a)
	}
	rows.Close()
	return rows.Err()
}

// agencies lists the agencies of the by-agency tally, most named people
// (arrests plus convictions) first, then most unnamed arrests; the
// uncredited row last.
func (m *model) agencies() []string {
	type kv struct {
		name string
		n, u int64
	}
	var xs []kv
	for _, t := range m.Agency {
		xs = append(xs, kv{t.Keys[0], t.Arrests + t.Convictions, t.ArrestsUnnamed})
	}
	sort.SliceStable(xs, func(i, j int) bool {
		if (xs[i].name == noAgency) != (xs[j].name == noAgency) {
			return xs[j].name == noAgency
		}
		if xs[i].n != xs[j].n {
			return xs[i].n > xs[j].n
		}
		if xs[i].u != xs[j].u {
			return xs[i].u > xs[j].u
		}
		return xs[i].name < xs[j].name
	})
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = x.name
	}
	return out
}

// slug turns an agency label into a file-name part.
func slug(s string) string {
	if s == noAgency {
		return "none"
	}
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	return b.String()
}

// A source's error as the method page shows it, without the addresses of
// the machine that ran the crawl: "lookup www.justice.gov on 127.0.0.53:53:
// no such host" names the resolver, and a dial error the local address.
var (
	reLookupOn = regexp.MustCompile(`(lookup \S+) on \S+:\d+`)
	reAddress  = regexp.MustCompile(`\[[0-9A-Fa-f:.]+\](?::\d+)?|\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\b`)
)

func publicError(msg string) string {
	msg = reLookupOn.ReplaceAllString(msg, "$1")
	return reAddress.ReplaceAllString(msg, "(address)")
}
