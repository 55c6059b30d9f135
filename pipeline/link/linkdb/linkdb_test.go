package linkdb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casetrack/pipeline/link"
	"casetrack/pipeline/store"

	_ "github.com/duckdb/duckdb-go/v2"
)

func openDB(t testing.TB) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1) // one in-memory database, one connection
	t.Cleanup(func() { db.Close() })
	return db
}

// applySchema applies the real migrations and views, as the binary does.
func applySchema(t testing.TB, db *sql.DB) {
	t.Helper()
	if err := store.Migrate(context.Background(), db); err != nil {
		t.Fatalf("schema: %v", err)
	}
}

type scenarioFile struct {
	Events []struct {
		EventID        string   `json:"event_id"`
		DocID          string   `json:"doc_id"`
		Type           string   `json:"event_type"`
		Defendant      *string  `json:"defendant"`
		Age            *int     `json:"age"`
		PersonCount    int      `json:"person_count"`
		PleaOrVerdict  *string  `json:"plea_or_verdict"`
		Date           *string  `json:"event_date"`
		Categories     []string `json:"categories"`
		Agencies       []string `json:"agencies"`
		SentenceMonths *float64 `json:"sentence_months"`
		SentenceKind   *string  `json:"sentence_kind"`
		District       *string  `json:"district"`
		Docket         *string  `json:"docket_number"`
		CourtVerified  bool     `json:"court_verified"`
		Evidence       string   `json:"evidence"`
	} `json:"events"`
}

// loadScenario fills documents and events from the constructed scenario.
func loadScenario(t testing.TB, db *sql.DB) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "scenario_constructed.json"))
	if err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Documents []map[string]string `json:"documents"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	var f scenarioFile
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	for _, d := range raw.Documents {
		if _, err := db.Exec(`INSERT INTO documents (doc_id, source, key, url, publisher, published, title, body,
			content_sha256, imported_at, updated_at) VALUES (?, ?, ?, ?, ?, CAST(? AS DATE), ?, '', '', now(), now())`,
			d["doc_id"], d["source"], d["key"], d["url"], d["publisher"], d["published"], d["title"]); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range f.Events {
		if _, err := db.Exec(`INSERT INTO events (event_id, doc_id, source, document_url, ordinal, event_type, defendant,
			person_count, plea_or_verdict, event_date, categories, agencies, sentence_months, sentence_kind, district,
			docket_number, court_verified, evidence, age)
			SELECT ?, ?, d.source, d.url, 0, ?, ?, ?, ?, CAST(? AS DATE), ?, ?, ?, ?, ?, ?, ?, ?, ?
			FROM documents d WHERE d.doc_id = ?`,
			e.EventID, e.DocID, e.Type, e.Defendant, e.PersonCount, e.PleaOrVerdict, e.Date,
			e.Categories, e.Agencies, e.SentenceMonths, e.SentenceKind, e.District, e.Docket, e.CourtVerified,
			e.Evidence, e.Age, e.DocID); err != nil {
			t.Fatalf("event %s: %v", e.EventID, err)
		}
	}
}

// runLink is what the pipeline does after an import.
func runLink(t testing.TB, db *sql.DB, decisions ...link.Decision) link.Result {
	t.Helper()
	ctx := context.Background()
	events, err := LoadEvents(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	res, err := link.Resolve(events, link.Options{Decisions: decisions})
	if err != nil {
		t.Fatal(err)
	}
	if err := Save(ctx, db, res); err != nil {
		t.Fatal(err)
	}
	if err := Refresh(ctx, db); err != nil {
		t.Fatal(err)
	}
	return res
}

// row is one tally row keyed by column name.
type row map[string]any

func query(t testing.TB, db *sql.DB, q string, args ...any) []row {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%v\n%s", err, q)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []row
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		r := row{}
		for i, c := range cols {
			r[c] = vals[i]
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func tally(t testing.TB, db *sql.DB, tl Tally) []row {
	t.Helper()
	q, args, err := tl.SQL()
	if err != nil {
		t.Fatal(err)
	}
	return query(t, db, q, args...)
}

// num reads an integer-ish or float cell as float64 (NULL is -1).
func num(v any) float64 {
	switch x := v.(type) {
	case nil:
		return -1
	case int64:
		return float64(x)
	case int32:
		return float64(x)
	case float64:
		return x
	case uint64:
		return float64(x)
	}
	panic(fmt.Sprintf("unexpected cell type %T", v))
}

// cell finds the row whose dimension columns equal want (nil matches NULL).
func cell(rows []row, want map[string]any) row {
	for _, r := range rows {
		ok := true
		for k, v := range want {
			if r[k] != v {
				ok = false
				break
			}
		}
		if ok {
			return r
		}
	}
	return nil
}

func expect(t *testing.T, r row, label string, want map[string]float64) {
	t.Helper()
	if r == nil {
		t.Errorf("%s: no such row", label)
		return
	}
	for k, w := range want {
		if got := num(r[k]); got != w {
			t.Errorf("%s: %s = %v, want %v", label, k, got, w)
		}
	}
}

func TestScenarioMarts(t *testing.T) {
	db := openDB(t)
	applySchema(t, db)
	loadScenario(t, db)
	runLink(t, db)
	ctx := context.Background()

	if fails, err := Assert(ctx, db); err != nil || len(fails) > 0 {
		t.Fatalf("assertions: %v %v", fails, err)
	}
	// People, not documents: 5 named people, 12 unnamed.
	var people int
	if err := db.QueryRow(`SELECT count(*) FROM mart_people`).Scan(&people); err != nil || people != 5 {
		t.Fatalf("mart_people: %d rows, %v; want 5", people, err)
	}

	byAgency := tally(t, db, Tally{By: []string{"agency"}})
	expect(t, cell(byAgency, map[string]any{"agency": "HSI"}), "HSI", map[string]float64{
		"arrests_announced":                2, // Mendez and Keller; Keller's arrest told twice
		"arrests_announced_unnamed":        12,
		"charged":                          2,
		"convictions_secured":              1,
		"convictions_court_verified":       0,
		"sentenced":                        1,
		"median_sentence_months":           151,
		"arrests_later_convicted":          1,
		"conversion_rate":                  0.5,
		"median_days_arrest_to_conviction": 190, // 2023-03-08 → 2023-09-14
	})
	expect(t, cell(byAgency, map[string]any{"agency": "FBI"}), "FBI", map[string]float64{
		"arrests_announced": 0, "convictions_secured": 1, "sentenced": 1, "median_sentence_months": 300,
		"arrests_later_convicted": 0, "conversion_rate": -1,
	})
	expect(t, cell(byAgency, map[string]any{"agency": "ICE_ERO"}), "ICE_ERO", map[string]float64{
		"arrests_announced": 1, "convictions_secured": 0, "arrests_later_convicted": 0, "conversion_rate": 0,
	})

	// Category × agency cells.
	cells := tally(t, db, Tally{By: []string{"category", "agency"}})
	expect(t, cell(cells, map[string]any{"category": "csam_distribution_receipt", "agency": "HSI"}), "dist×HSI",
		map[string]float64{"arrests_announced": 1, "charged": 1, "convictions_secured": 1, "sentenced": 1,
			"arrests_later_convicted": 1, "median_days_arrest_to_conviction": 190})
	expect(t, cell(cells, map[string]any{"category": "csam_production", "agency": "HSI"}), "prod×HSI",
		map[string]float64{"arrests_announced": 0, "charged": 1, "convictions_secured": 0})
	expect(t, cell(cells, map[string]any{"category": "csam_possession", "agency": "HSI"}), "poss×HSI",
		map[string]float64{"arrests_announced": 1, "arrests_announced_unnamed": 12, "charged": 1,
			"convictions_secured": 0, "arrests_later_convicted": 0, "conversion_rate": 0})
	expect(t, cell(cells, map[string]any{"category": "enticement_minor", "agency": "HSI"}), "ent×HSI",
		map[string]float64{"arrests_announced": 0, "arrests_announced_unnamed": 12})
	expect(t, cell(cells, map[string]any{"category": "csam_production", "agency": "FBI"}), "prod×FBI",
		map[string]float64{"sentenced": 1, "convictions_secured": 1, "arrests_announced": 0})
	expect(t, cell(cells, map[string]any{"category": "immigration_violation", "agency": "ICE_ERO"}), "imm×ERO",
		map[string]float64{"arrests_announced": 1})
	expect(t, cell(cells, map[string]any{"category": "alien_smuggling", "agency": "CBP"}), "smuggling×CBP",
		map[string]float64{"arrests_announced": 1})
	if len(cells) != 7 {
		t.Errorf("%d category × agency cells, want 7: %v", len(cells), cells)
	}

	// No child-exploitation arrest for ERO.
	ero := tally(t, db, Tally{By: []string{"category_set"}, Agencies: []string{"ICE_ERO"}})
	for _, r := range ero {
		if num(r["arrests_announced"]) != 0 || num(r["arrests_announced_unnamed"]) != 0 {
			t.Errorf("ERO child-exploitation/trafficking arrests: %v", r)
		}
	}

	// The preset's shape: HSI, child-exploitation set, per fiscal year. A
	// person with two child-exploitation categories counts once.
	preset := tally(t, db, Tally{By: []string{"fiscal_year"}, Agencies: []string{"HSI"},
		CategorySets: []string{"child_exploitation"}})
	expect(t, cell(preset, map[string]any{"fiscal_year": "FY2023"}), "FY2023", map[string]float64{
		"arrests_announced": 2, "arrests_announced_unnamed": 12, "charged": 2, "convictions_secured": 1,
		"arrests_later_convicted": 1,
	})
	expect(t, cell(preset, map[string]any{"fiscal_year": "FY2024"}), "FY2024", map[string]float64{
		"arrests_announced": 0, "sentenced": 1, "convictions_secured": 1,
	})

	// The long-form mart agrees with the builder.
	long := query(t, db, `SELECT * FROM mart_tally WHERE dimension = 'agency' AND value = 'HSI'`)
	expect(t, cell(long, map[string]any{}), "mart_tally HSI", map[string]float64{
		"arrests_announced": 2, "arrests_later_convicted": 1, "arrests_announced_unnamed": 12, "convictions_secured": 1,
	})
	years := query(t, db, `SELECT * FROM mart_tally WHERE dimension = 'year' ORDER BY value`)
	expect(t, cell(years, map[string]any{"value": "2023"}), "year 2023", map[string]float64{
		// Mendez, Keller (HSI), Ramirez (ERO); the unnamed group is dated by its release.
		"arrests_announced": 3, "arrests_announced_unnamed": 12, "convictions_secured": 2,
	})
	expect(t, cell(years, map[string]any{"value": "2022"}), "year 2022", map[string]float64{"arrests_announced": 1})

	// One case row per defendant-case, with both publishers of Keller's arrest.
	cases := query(t, db, `SELECT person_id, arrest_date, conviction_date, sentenced_date, sentence_months,
		len(arrest_urls) AS arrest_docs, len(publishers) AS publishers FROM mart_cases WHERE defendant = 'David Keller'`)
	if len(cases) != 1 || num(cases[0]["arrest_docs"]) != 2 || num(cases[0]["publishers"]) != 2 {
		t.Errorf("Keller cases = %v", cases)
	}
	mendez := query(t, db, `SELECT * FROM mart_cases WHERE person_id = 'P-e01'`)
	if len(mendez) != 1 || num(mendez[0]["events"]) != 5 || num(mendez[0]["occurrences"]) != 4 {
		t.Errorf("Mendez cases = %v", mendez)
	}
}

func TestAssertionsCatchViolations(t *testing.T) {
	ctx := context.Background()
	breakers := map[string]string{
		"assert_categories_in_taxonomy":      `UPDATE events SET categories = ['human_trafficking'] WHERE event_id = 'e02'`,
		"assert_agencies_in_taxonomy":        `UPDATE events SET agencies = ['USAO'] WHERE event_id = 'e02'`,
		"assert_event_has_evidence":          `UPDATE events SET evidence = ' ' WHERE event_id = 'e02'`,
		"assert_event_has_document_url":      `UPDATE documents SET url = '' WHERE doc_id = 'd9'`,
		"assert_no_conviction_before_charge": `UPDATE events SET event_date = DATE '2023-01-01' WHERE event_id IN ('e04', 'e05')`,
		"assert_unique_event_people":         `INSERT INTO event_people VALUES ('e01', 'P-x', 'C-x', 'e01')`,
		"assert_unique_links":                `INSERT INTO links SELECT * FROM links LIMIT 1`,
		"assert_events_linked":               `DELETE FROM event_people WHERE event_id = 'e09'`,
	}
	for view, breaker := range breakers {
		t.Run(view, func(t *testing.T) {
			db := openDB(t)
			applySchema(t, db)
			loadScenario(t, db)
			runLink(t, db)
			if _, err := db.Exec(breaker); err != nil {
				t.Fatal(err)
			}
			fails, err := Assert(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, f := range fails {
				if f.View == view {
					found = true
				}
			}
			if !found {
				t.Errorf("%s did not fire after %q; failures: %v", view, breaker, fails)
			}
		})
	}
}

func TestLoadEventsAndReviewedDecisions(t *testing.T) {
	db := openDB(t)
	applySchema(t, db)
	loadScenario(t, db)
	events, err := LoadEvents(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 12 {
		t.Fatalf("%d events, want 12", len(events))
	}
	var group link.Event
	for _, e := range events {
		if e.EventID == "e11" {
			group = e
		}
	}
	if group.Defendant != "" || group.PersonCount != 12 || !group.DateFromDoc || group.Date.Format("2006-01-02") != "2023-05-01" ||
		strings.Join(group.Categories, ",") != "csam_possession,enticement_minor" || group.DocURL == "" {
		t.Errorf("unnamed group event = %+v", group)
	}
	// A reviewer keeps the plea release apart: Mendez splits into two people,
	// and the tables say so on the next run.
	runLink(t, db, link.Decision{KeyA: "P-e01", KeyB: "e04", Decision: link.DecisionKeepApart})
	var d, by string
	if err := db.QueryRow(`SELECT decision, decided_by FROM links WHERE a_event_id = 'e01' AND b_event_id = 'e04'`).Scan(&d, &by); err != nil {
		t.Fatal(err)
	}
	if d != "keep_apart" || by != "review" {
		t.Errorf("link e01/e04 = %s by %s", d, by)
	}
	var p1, p4 string
	if err := db.QueryRow(`SELECT (SELECT person_id FROM event_people WHERE event_id = 'e01'),
		(SELECT person_id FROM event_people WHERE event_id = 'e04')`).Scan(&p1, &p4); err != nil {
		t.Fatal(err)
	}
	if p1 == p4 {
		t.Errorf("kept-apart events share person %s", p1)
	}
}

func TestTallySQLRejectsUnknownDimension(t *testing.T) {
	if _, _, err := (Tally{By: []string{"county"}}).SQL(); err == nil {
		t.Error("unknown dimension accepted")
	}
	if _, _, err := (Tally{CategorySets: []string{"drugs"}}).SQL(); err == nil {
		t.Error("unknown category set accepted")
	}
}
