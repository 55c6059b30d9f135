package linkdb

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// tallyText runs q and renders every row, columns and types included, so
// two queries compare exactly (floats by their shortest exact text).
func tallyText(t *testing.T, db *sql.DB, q string, args []any) []string {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%v\n%s\nargs %v", err, q, args)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	out := []string{strings.Join(cols, ",")}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for i, v := range vals {
			if i > 0 {
				b.WriteByte('|')
			}
			fmt.Fprintf(&b, "%T:%v", v, v)
		}
		out = append(out, b.String())
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// sameAsLegacy fails unless the tally_units query and the legacy query
// over tally_facts return the same rows in the same order. It returns the
// number of rows.
func sameAsLegacy(t *testing.T, db *sql.DB, tl Tally) int {
	t.Helper()
	q, args, err := tl.SQL()
	if err != nil {
		t.Fatal(err)
	}
	lq, largs, err := legacyTallySQL(tl)
	if err != nil {
		t.Fatal(err)
	}
	got, want := tallyText(t, db, q, args), tallyText(t, db, lq, largs)
	if !slices.Equal(got, want) {
		var diff []string
		for i := 0; i < max(len(got), len(want)); i++ {
			g, w := "(none)", "(none)"
			if i < len(got) {
				g = got[i]
			}
			if i < len(want) {
				w = want[i]
			}
			if g != w {
				diff = append(diff, fmt.Sprintf("row %d\n  got  %s\n  want %s", i, g, w))
			}
		}
		if len(diff) > 6 {
			diff = diff[:6]
		}
		t.Errorf("tally %+v differs from legacy (%d vs %d rows):\n%s", tl, len(got)-1, len(want)-1, strings.Join(diff, "\n"))
	}
	return len(want) - 1
}

// martSameAsLegacy fails unless mart_tally over tally_units equals the
// legacy long form over tally_facts.
func martSameAsLegacy(t *testing.T, db *sql.DB) {
	t.Helper()
	got := tallyText(t, db, "SELECT * FROM mart_tally ORDER BY ALL", nil)
	want := tallyText(t, db, "SELECT * FROM ("+legacyMartTally+") ORDER BY ALL", nil)
	if len(want) < 10 {
		t.Fatalf("legacy mart_tally has %d rows", len(want)-1)
	}
	if !slices.Equal(got, want) {
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Errorf("mart_tally row %d\n  got  %s\n  want %s", i, got[i], want[i])
				break
			}
		}
		t.Errorf("mart_tally: %d rows, legacy %d", len(got)-1, len(want)-1)
	}
}

// subsets lists every subset of Dimensions, each in a shuffled order.
func subsets(r *rand.Rand) [][]string {
	var out [][]string
	for mask := 0; mask < 1<<len(Dimensions); mask++ {
		var by []string
		for i, d := range Dimensions {
			if mask&(1<<i) != 0 {
				by = append(by, d)
			}
		}
		r.Shuffle(len(by), func(i, j int) { by[i], by[j] = by[j], by[i] })
		out = append(out, by)
	}
	return out
}

// randomFilters picks filters that sometimes match nothing, sometimes name
// values absent from the data, and sometimes give times of day.
func randomFilters(r *rand.Rand, tl *Tally) {
	pick := func(from []string) []string {
		var out []string
		for _, v := range from {
			if r.IntN(3) == 0 {
				out = append(out, v)
			}
		}
		return out
	}
	if r.IntN(3) == 0 {
		tl.Agencies = pick([]string{"HSI", "FBI", "ICE_ERO", "CBP", "STATE_LOCAL", "USMS"})
	}
	if r.IntN(3) == 0 {
		tl.Categories = pick([]string{"csam_possession", "csam_production", "enticement_minor", "sex_trafficking_minor",
			"forced_labor", "alien_smuggling", "other", "not_a_category"})
	}
	if r.IntN(3) == 0 {
		tl.CategorySets = pick([]string{"child_exploitation", "trafficking"})
	}
	day := func() time.Time {
		d := time.Date(2018, 6, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(6*365))
		if r.IntN(5) == 0 {
			d = d.Add(time.Duration(r.IntN(24)) * time.Hour)
		}
		return d
	}
	if r.IntN(3) == 0 {
		tl.Since = day()
	}
	if r.IntN(3) == 0 {
		tl.Until = day()
	}
	tl.Manner = r.IntN(2) == 0
}

func TestTallyMatchesLegacyOnScenario(t *testing.T) {
	db := openDB(t)
	applySchema(t, db)
	loadScenario(t, db)
	runLink(t, db)
	r := rand.New(rand.NewPCG(6, 1))
	nonEmpty := 0
	for _, by := range subsets(r) {
		if sameAsLegacy(t, db, Tally{By: by}) > 0 {
			nonEmpty++
		}
		for range 3 {
			tl := Tally{By: by}
			randomFilters(r, &tl)
			sameAsLegacy(t, db, tl)
		}
	}
	if nonEmpty != 1<<len(Dimensions) {
		t.Errorf("%d of %d unfiltered tallies have rows", nonEmpty, 1<<len(Dimensions))
	}
	martSameAsLegacy(t, db)
	sameAsLegacy(t, db, Tally{By: []string{"fiscal_year"}, Agencies: []string{"HSI"},
		CategorySets: []string{"child_exploitation"}, Since: time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC), Manner: true})
}

// genEvents fills documents, events and event_people with random people
// shaped to stress the dedup: many occurrences per person and stage, one
// occurrence told by several documents, unnamed groups (some told twice),
// EOUSA caseload defendants, events with no category, no agency, no date,
// categories outside the taxonomy, ties in dates and sentences, fractional
// and non-prison sentences.
func genEvents(t *testing.T, db *sql.DB, seed uint64, people int) {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 42))
	cats := []string{"csam_possession", "csam_production", "enticement_minor", "sex_trafficking_minor",
		"sex_trafficking_force_fraud_coercion", "forced_labor", "alien_smuggling", "immigration_violation", "other"}
	ags := []string{"HSI", "FBI", "ICE_ERO", "CBP", "STATE_LOCAL", "USMS"}
	types := []string{"arrest", "charged", "convicted", "sentenced", "acquitted", "dismissed"}
	districts := []string{"D. Ariz.", "S.D. Tex.", "D. Mass.", "E.D. Va."}
	some := func(from []string, most int) []string {
		var out []string
		for range r.IntN(most + 1) {
			out = append(out, from[r.IntN(len(from))])
		}
		return out
	}
	date := func() any {
		if r.IntN(8) == 0 {
			return nil
		}
		return time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(5*365/4)*4) // ties
	}
	var docs, evs, eps []string
	q := func(v any) string {
		switch x := v.(type) {
		case nil:
			return "NULL"
		case string:
			return "'" + strings.ReplaceAll(x, "'", "''") + "'"
		case []string:
			parts := make([]string, len(x))
			for i, s := range x {
				parts[i] = "'" + s + "'"
			}
			return "[" + strings.Join(parts, ", ") + "]::VARCHAR[]"
		case time.Time:
			return "DATE '" + x.Format("2006-01-02") + "'"
		case bool:
			return fmt.Sprint(x)
		default:
			return fmt.Sprint(x)
		}
	}
	n := 0
	addEvent := func(source, typ string, defendant any, count int, person, cas, occ any, categories, agencies []string,
		district any, verified bool, months any, kind any) string {
		n++
		id := fmt.Sprintf("e%06d", n)
		doc := fmt.Sprintf("%s:%d", source, n)
		docs = append(docs, fmt.Sprintf("(%s, %s, %s, %s, 'P', %s, 't', '', '', now(), now())",
			q(doc), q(source), q(fmt.Sprint(n)), q("https://example.test/"+doc), q(date())))
		var manner any
		if typ == "convicted" || typ == "sentenced" {
			manner = []any{nil, "plea", "verdict", "plea"}[r.IntN(4)]
		}
		evs = append(evs, fmt.Sprintf("(%s, %s, %s, %s, 0, %s, %s, %d, %s, %s, %s, %s, %s, %s, %s, %s, 'ev')",
			q(id), q(doc), q(source), q("https://example.test/"+doc), q(typ), q(defendant), count, q(date()),
			q(categories), q(agencies), q(months), q(kind), q(district), q(verified), q(manner)))
		if occ == nil {
			occ = id
		}
		eps = append(eps, fmt.Sprintf("(%s, %s, %s, %s)", q(id), q(person), q(cas), q(occ)))
		return id
	}
	for p := range people {
		person := fmt.Sprintf("P-%d", p)
		cases := 1 + r.IntN(2)
		pc, pa := some(cats, 2), some(ags, 2) // a person's usual categories and agencies
		var told []string                     // occurrences another document may tell again
		for range 1 + r.IntN(7) {
			typ := types[r.IntN(len(types))]
			c, a := pc, pa
			if r.IntN(3) == 0 {
				c = some(cats, 3)
			}
			if r.IntN(3) == 0 {
				a = some(ags, 3)
			}
			if r.IntN(40) == 0 {
				c = append(slices.Clone(c), "not_in_taxonomy")
			}
			var months, kind any
			if typ == "sentenced" {
				months, kind = float64(12*r.IntN(10))+[]float64{0, 0.5, 0.25}[r.IntN(3)], []string{"prison", "prison", "probation"}[r.IntN(3)]
			}
			var occ any
			if len(told) > 0 && r.IntN(4) == 0 {
				occ = told[r.IntN(len(told))]
			}
			var district any = districts[r.IntN(len(districts))]
			if r.IntN(6) == 0 {
				district = nil
			}
			id := addEvent([]string{"doj", "ice", "pacer"}[r.IntN(3)], typ, fmt.Sprintf("Person %d", p), 1, person,
				fmt.Sprintf("C-%d-%d", p, r.IntN(cases)), occ, c, a, district, r.IntN(4) == 0, months, kind)
			if occ == nil {
				told = append(told, id)
			}
		}
	}
	var groups []string
	for range people / 5 {
		var occ any
		if len(groups) > 0 && r.IntN(4) == 0 {
			occ = groups[r.IntN(len(groups))]
		}
		id := addEvent("ice", []string{"arrest", "arrest", "charged"}[r.IntN(3)], nil, r.IntN(30), nil, nil, occ,
			some(cats, 2), some(ags, 2), districts[r.IntN(len(districts))], r.IntN(5) == 0, nil, nil)
		if occ == nil {
			groups = append(groups, id)
		}
	}
	for range people / 5 {
		addEvent("eousa", types[r.IntN(4)], nil, 1, nil, nil, nil, some(cats, 1), some(ags, 1),
			districts[r.IntN(len(districts))], true, nil, nil)
	}
	stmts := []string{
		"INSERT INTO documents (doc_id, source, key, url, publisher, published, title, body, content_sha256, imported_at, updated_at) VALUES " + strings.Join(docs, ",\n"),
		"INSERT INTO events (event_id, doc_id, source, document_url, ordinal, event_type, defendant, person_count, event_date, categories, agencies, sentence_months, sentence_kind, district, court_verified, plea_or_verdict, evidence) VALUES " + strings.Join(evs, ",\n"),
		"INSERT INTO event_people (event_id, person_id, case_id, occurrence_id) VALUES " + strings.Join(eps, ",\n"),
	}
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%v\n%.500s", err, s)
		}
	}
	if err := Refresh(context.Background(), db); err != nil {
		t.Fatal(err)
	}
}

func TestTallyMatchesLegacyOnGeneratedData(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			db := openDB(t)
			applySchema(t, db)
			genEvents(t, db, seed, 400)
			// The generator must produce what the dedup is for.
			var multi, later int
			if err := db.QueryRow(`SELECT count(*) FILTER (WHERE more_prev IS NOT NULL), count(*) FILTER (WHERE prev_categories IS NOT NULL)
				FROM tally_units`).Scan(&multi, &later); err != nil {
				t.Fatal(err)
			}
			if multi == 0 || later == 0 {
				t.Fatalf("generated data has %d later-ranked rows, %d with several earlier ones", later, multi)
			}
			var both int // people convicted by plea and by verdict: the manner columns must not add up
			if err := db.QueryRow(`SELECT count(*) FROM (SELECT person_key FROM tally_facts WHERE NOT unnamed
				GROUP BY person_key HAVING bool_or(plea) AND bool_or(verdict))`).Scan(&both); err != nil {
				t.Fatal(err)
			}
			if both == 0 {
				t.Fatal("generated data has nobody convicted both by plea and by verdict")
			}
			martSameAsLegacy(t, db)
			r := rand.New(rand.NewPCG(seed, 7))
			for _, by := range subsets(r) {
				if sameAsLegacy(t, db, Tally{By: by}) == 0 {
					t.Errorf("tally by %v is empty", by)
				}
				for range 4 {
					tl := Tally{By: by}
					randomFilters(r, &tl)
					sameAsLegacy(t, db, tl)
				}
			}
		})
	}
}
