package linkdb

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// synth10M fills documents, events and event_people with ten million
// synthetic events (two million documents, about 2.6 million people)
// generated in SQL: four stages per person, a fiftieth of events unnamed
// groups, one or two categories and agencies each, dates over eleven years.
const synth10M = `
INSERT INTO documents BY NAME
SELECT 'd' || i AS doc_id, '' AS content_sha256, now() AS imported_at, now() AS updated_at, 'doj' AS source, 'k' || i AS key, 'https://example.test/' || i AS url,
       (['ICE', 'USAO', 'DOJ', 'FBI'])[1 + i % 4] AS publisher,
       DATE '2015-01-01' + CAST(i % 4000 AS INTEGER) AS published, 't' AS title, '' AS body
FROM range(2000000) t(i);

INSERT INTO events BY NAME
SELECT 'e' || lpad(CAST(i AS VARCHAR), 8, '0') AS event_id,
       'd' || (i // 5) AS doc_id, 'doj' AS source, 'https://example.test/' || (i // 5) AS document_url,
       i % 5 AS ordinal,
       (['arrest', 'charged', 'convicted', 'sentenced'])[1 + (i % 4)] AS event_type,
       CASE WHEN i % 50 = 49 THEN NULL ELSE 'Person ' || (i // 4) END AS defendant,
       CASE WHEN i % 50 = 49 THEN 1 + i % 30 ELSE 1 END AS person_count,
       NULL::VARCHAR AS plea_or_verdict,
       CASE WHEN i % 3 = 0 THEN NULL ELSE DATE '2015-01-01' + CAST((i // 4) % 4000 + 60 * (i % 4) AS INTEGER) END AS event_date,
       []::VARCHAR[] AS statutes,
       CASE WHEN i % 7 = 0
            THEN [(['csam_possession', 'enticement_minor', 'alien_smuggling', 'immigration_violation', 'sex_trafficking_minor', 'other'])[1 + (i // 4) % 6], 'csam_production']
            ELSE [(['csam_possession', 'enticement_minor', 'alien_smuggling', 'immigration_violation', 'sex_trafficking_minor', 'other'])[1 + (i // 4) % 6]] END AS categories,
       CASE WHEN i % 5 = 0
            THEN [(['HSI', 'FBI', 'ICE_ERO', 'STATE_LOCAL', 'CBP'])[1 + (i // 4) % 5], 'STATE_LOCAL']
            ELSE [(['HSI', 'FBI', 'ICE_ERO', 'STATE_LOCAL', 'CBP'])[1 + (i // 4) % 5]] END AS agencies,
       CASE WHEN i % 4 = 3 THEN 12 + (i % 240) END AS sentence_months,
       CASE WHEN i % 4 = 3 THEN 'prison' END AS sentence_kind,
       'D. ' || ((i // 4) % 94) AS district,
       NULL::VARCHAR AS docket_number,
       (i % 11 = 0) AS court_verified,
       'evidence' AS evidence, 0 AS evidence_start, 8 AS evidence_end
FROM range(10000000) t(i);

INSERT INTO event_people BY NAME
SELECT event_id,
       CASE WHEN defendant IS NULL THEN NULL ELSE 'P-' || (CAST(substr(event_id, 2) AS BIGINT) // 4) END AS person_id,
       CASE WHEN defendant IS NULL THEN NULL ELSE 'C-' || (CAST(substr(event_id, 2) AS BIGINT) // 4) END AS case_id,
       event_id AS occurrence_id
FROM events;

`

var (
	bench10M    *sql.DB
	bench10MDir string // removed by TestMain
)

// TestMain removes the benchmark database, if one was built.
func TestMain(m *testing.M) {
	code := m.Run()
	if bench10M != nil {
		bench10M.Close()
	}
	if bench10MDir != "" {
		os.RemoveAll(bench10MDir)
	}
	os.Exit(code)
}

// openBench10M builds the ten-million-event database once per test binary
// (a minute or two here) and refreshes the tally tables. It is a file
// database, as casetrack's is: DuckDB compresses tables on disk but not in
// an in-memory database, and scans of the compressed table are about twice
// as fast here.
func openBench10M(b *testing.B) *sql.DB {
	b.Helper()
	if bench10M != nil {
		return bench10M
	}
	dir, err := os.MkdirTemp("", "casetrack-bench10m-")
	if err != nil {
		b.Fatal(err)
	}
	bench10MDir = dir
	db, err := sql.Open("duckdb", filepath.Join(dir, "bench.duckdb"))
	if err != nil {
		b.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	applySchema(b, db)
	if _, err := db.Exec(synth10M); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if err := Refresh(context.Background(), db); err != nil {
		b.Fatal(err)
	}
	b.Logf("Refresh over 10M events: %s", time.Since(start).Round(time.Millisecond))
	bench10M = db
	return db
}

func benchTally(b *testing.B, tl Tally, build func(Tally) (string, []any, error)) {
	db := openBench10M(b)
	q, args, err := build(tl)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		rows, err := db.Query(q, args...)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			n++
		}
		rows.Close()
		if n == 0 {
			b.Fatal("empty tally")
		}
	}
}

// BenchmarkTally10M runs tallies of every shape the CLI offers over ten
// million events: the category × agency table, the preset, the finest and
// the coarsest breakdowns, the category-set expansion, and filters. With
// CASETRACK_BENCH_LEGACY=1 it also runs the legacy query for each.
func BenchmarkTally10M(b *testing.B) {
	since := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)
	shapes := []struct {
		name string
		tl   Tally
	}{
		{"CategoryAgency", Tally{By: []string{"category", "agency"}}},
		{"Preset", Tally{By: []string{"fiscal_year"}, Agencies: []string{"HSI"}, CategorySets: []string{"child_exploitation"}}},
		{"PresetSince", Tally{By: []string{"fiscal_year"}, Agencies: []string{"HSI"}, CategorySets: []string{"child_exploitation"}, Since: since}},
		{"Nothing", Tally{}},
		{"Year", Tally{By: []string{"year"}}},
		{"District", Tally{By: []string{"district"}}},
		{"CategorySetAgency", Tally{By: []string{"category_set", "agency"}}},
		{"AllDims", Tally{By: Dimensions}},
		{"CategoryFiscalYearFiltered", Tally{By: []string{"category", "fiscal_year"}, Agencies: []string{"HSI", "FBI"},
			Categories: []string{"csam_possession", "csam_production", "alien_smuggling"}, Since: since, Until: since.AddDate(5, 0, 0)}},
	}
	for _, c := range shapes {
		b.Run(c.name, func(b *testing.B) { benchTally(b, c.tl, Tally.SQL) })
	}
	// The same shapes the way tallies were first counted (legacy_test.go),
	// on the same database: the before of the before/after.
	if os.Getenv("CASETRACK_BENCH_LEGACY") != "" {
		for _, c := range shapes {
			b.Run("Legacy"+c.name, func(b *testing.B) { benchTally(b, c.tl, legacyTallySQL) })
		}
	}
}
