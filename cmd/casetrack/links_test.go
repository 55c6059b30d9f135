package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportLinksAuditTrail imports 300 DOJ releases (the 100 real bodies
// three times over, as in BenchmarkImport10kDOJ, so every defendant recurs
// three times) and checks what the links table keeps: one merge edge per
// event joined (a spanning forest of each person), not every pair. Then
// a reviewer keeps two copies of one event apart in link_decisions.csv;
// the next run splits that person, records the reviewed pair, and
// `export links --uncertain` offers the refused merges as a review sheet
// whose rows name events in different people.
func TestExportLinksAuditTrail(t *testing.T) {
	pages := t.TempDir()
	writeDOJPages(t, pages, 300)
	dir := t.TempDir()
	db := filepath.Join(dir, "c.duckdb")
	mustRun(t, "--db", db, "import", pages)

	q := func(sql string) string {
		t.Helper()
		out := mustRun(t, "--db", db, "sql", "--format", "csv", sql)
		lines := strings.Split(strings.TrimSpace(out), "\r\n")
		return strings.Join(lines[1:], "\n")
	}
	// Every named event beyond its person's first is joined by one edge.
	forest := `SELECT (SELECT count(*) FROM links WHERE decision = 'merge' AND decided_by = 'rule'),
		(SELECT count(*) - count(DISTINCT person_id) FROM event_people WHERE person_id IS NOT NULL)`
	got := q(forest)
	if parts := strings.Split(got, ","); len(parts) != 2 || parts[0] != parts[1] || parts[0] == "0" {
		t.Fatalf("merge links, events beyond each person's first: %s; want equal and not zero", got)
	}
	if got := q(`SELECT count(*) FROM links l JOIN event_people a ON a.event_id = l.a_event_id
		JOIN event_people b ON b.event_id = l.b_event_id WHERE l.decision = 'merge' AND a.person_id <> b.person_id`); got != "0" {
		t.Errorf("%s merge links join different people", got)
	}
	if got := mustRun(t, "--db", db, "export", "links", "--uncertain"); strings.Count(got, "\n") != 1 {
		t.Fatalf("uncertain pairs before review: %q", got)
	}

	// Keep two copies of one multi-event defendant's arrest apart.
	pair := q(`SELECT min(e.event_id), max(e.event_id) FROM events e JOIN event_people p USING (event_id)
		WHERE p.person_id = (SELECT person_id FROM event_people WHERE person_id IS NOT NULL
			GROUP BY person_id ORDER BY count(*) DESC, person_id LIMIT 1)`)
	ids := strings.Split(pair, ",")
	if len(ids) != 2 || ids[0] == ids[1] {
		t.Fatalf("pair to keep apart: %q", pair)
	}
	people0 := q(`SELECT count(DISTINCT person_id) FROM event_people`)
	dec := "key_a,key_b,decision,note\r\n" + ids[0] + "," + ids[1] + ",keep_apart,two people\r\n"
	if err := os.WriteFile(filepath.Join(dir, "link_decisions.csv"), []byte(dec), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "--db", db, "import", pages)
	if people1 := q(`SELECT count(DISTINCT person_id) FROM event_people`); people1 <= people0 {
		t.Errorf("people after keep_apart %s, before %s: the person was not split", people1, people0)
	}
	if got := q(`SELECT decision || '/' || decided_by FROM links WHERE a_event_id = '` + ids[0] + `' AND b_event_id = '` + ids[1] + `'`); got != "keep_apart/review" {
		t.Errorf("reviewed pair recorded as %q", got)
	}
	got = q(forest)
	if parts := strings.Split(got, ","); len(parts) != 2 || parts[0] != parts[1] {
		t.Errorf("after review: merge links, events beyond each person's first: %s", got)
	}

	sheet := mustRun(t, "--db", db, "export", "links", "--uncertain")
	rows, err := csv.NewReader(strings.NewReader(sheet)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 || strings.Join(rows[0][:4], ",") != "key_a,key_b,decision,note" {
		t.Fatalf("review sheet: %q", sheet)
	}
	person := map[string]string{}
	for _, line := range strings.Split(q(`SELECT event_id, person_id FROM event_people WHERE person_id IS NOT NULL`), "\n") {
		if id, p, ok := strings.Cut(line, ","); ok {
			person[id] = p
		}
	}
	for _, r := range rows[1:] {
		if r[2] != "" || !strings.Contains(r[5], "conflicts_with_linked_events") {
			t.Errorf("review row %q: want a blank decision and a refused merge", r[:6])
		}
		if person[r[0]] == "" || person[r[0]] == person[r[1]] {
			t.Errorf("review row %s/%s: people %q / %q; want two people", r[0], r[1], person[r[0]], person[r[1]])
		}
	}
	t.Logf("%d uncertain pairs offered after one keep_apart", len(rows)-1)
}
