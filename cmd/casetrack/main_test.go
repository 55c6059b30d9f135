package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casetrack/internal/testshared"
)

// casetrack runs one command line in-process.
func casetrack(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := casetrack(t, "", args...)
	if code != 0 {
		t.Fatalf("casetrack %v: exit %d\nstdout: %s\nstderr: %s", args, code, out, errs)
	}
	return out
}

func TestImportDevCorpusTwiceChangesNothing(t *testing.T) {
	dev := testshared.Path(t, "corpus", "dev")
	db := filepath.Join(t.TempDir(), "c.duckdb")
	out := mustRun(t, "--db", db, "import", dev)
	if !strings.Contains(out, "documents read 20, new 20, updated 0, unchanged 0, failed 0") {
		t.Fatalf("first import: %s", out)
	}
	before := mustRun(t, "--db", db, "export", "events", "--format", "jsonl")
	out = mustRun(t, "--db", db, "import", dev)
	if !strings.Contains(out, "documents read 20, new 0, updated 0, unchanged 20, failed 0") {
		t.Fatalf("second import: %s", out)
	}
	if after := mustRun(t, "--db", db, "export", "events", "--format", "jsonl"); after != before {
		t.Fatal("events changed on re-import")
	}
	docs := mustRun(t, "--db", db, "sql", "--format", "csv", "SELECT count(*) AS n, count(DISTINCT doc_id) AS ids FROM documents")
	if docs != "n,ids\r\n20,20\r\n" {
		t.Fatalf("documents: %q", docs)
	}
	runs := mustRun(t, "--db", db, "sql", "--format", "csv", "SELECT count(*) FROM runs WHERE command = 'import' AND status = 'ok'")
	if runs != "count_star()\r\n2\r\n" {
		t.Fatalf("runs: %q", runs)
	}
}

func TestImportBadFilesReportsEachAndGoesOn(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.duckdb")
	code, out, errs := casetrack(t, "", "--db", db, "import", "testdata/bad", "testdata/good", "testdata/missing.json")
	if code == 0 {
		t.Fatal("import of bad files exited 0")
	}
	for _, name := range []string{"truncated.json", "wrong_shape.json", "empty.json", "binary.bin", "array.json", "missing.json"} {
		if !strings.Contains(errs, name) {
			t.Errorf("no error line names %s:\n%s", name, errs)
		}
	}
	if !strings.Contains(out, "new 2") || !strings.Contains(out, "failed 6") {
		t.Errorf("summary: %s", out)
	}
	if got := mustRun(t, "--db", db, "sql", "--format", "csv", "SELECT status FROM runs"); got != "status\r\nfailed\r\n" {
		t.Errorf("run status %q", got)
	}
}

func TestExportEventsColumnsAndFormulaSafety(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.duckdb")
	mustRun(t, "--db", db, "import", "testdata/good")
	out := mustRun(t, "--db", db, "export", "documents", "--format", "csv")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string]bool{}
	for _, r := range recs[1:] {
		titles[r[6]] = true
	}
	if !titles[`'=HYPERLINK("http://evil.example","click") constructed test record`] || !titles["'@SUM(1+1) second constructed record"] {
		t.Errorf("titles not neutralised: %v", titles)
	}
	ev := mustRun(t, "--db", db, "export", "events", "--format", "csv")
	want := "event_id,source,publisher,document_url,published,title,defendant,person_count,event_type,plea_or_verdict,event_date,statutes,categories,agencies,sentence_months,district,docket_number,court_verified,evidence,corrected,defendant_kind"
	if first := strings.SplitN(ev, "\r\n", 2)[0]; first != want {
		t.Errorf("event columns\n got %s\nwant %s", first, want)
	}
	dir := t.TempDir()
	for _, f := range []string{"csv", "jsonl", "parquet"} {
		path := filepath.Join(dir, "events."+f)
		mustRun(t, "--db", db, "export", "events", "--format", f, "--out", path)
		if _, err := os.Stat(path); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	if code, _, _ := casetrack(t, "", "--db", db, "export", "events", "--format", "xlsx"); code == 0 {
		t.Error("unknown format accepted")
	}
}

func TestSQLCannotWrite(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.duckdb")
	mustRun(t, "--db", db, "import", "testdata/good")
	for _, q := range []string{
		"DELETE FROM documents",
		"DROP TABLE events",
		"INSERT INTO runs VALUES (9, 'x', NULL, now(), NULL, 'ok', NULL)",
		"COPY documents TO '" + filepath.Join(t.TempDir(), "x.csv") + "'",
		"ATTACH '" + filepath.Join(t.TempDir(), "y.duckdb") + "' AS y",
	} {
		if code, _, _ := casetrack(t, "", "--db", db, "sql", q); code == 0 {
			t.Errorf("sql allowed %q", q)
		}
	}
	if got := mustRun(t, "--db", db, "sql", "--format", "csv", "SELECT count(*) AS n FROM documents"); got != "n\r\n2\r\n" {
		t.Errorf("documents after write attempts: %q", got)
	}
	// Interactive: statements over several lines, errors reported, the shell goes on.
	code, out, errs := casetrack(t, "SELECT count(*)\n AS n FROM documents;\nDELETE FROM documents;\n.tables\nSELECT 41 + 1 AS answer;\n", "--db", db, "sql")
	if code != 0 || !strings.Contains(out, "answer") || !strings.Contains(out, "42") || !strings.Contains(errs, "only queries run here") ||
		!strings.Contains(out, "event_facts") {
		t.Errorf("shell: code %d\nout %s\nerr %s", code, out, errs)
	}
	if code, _, errs := casetrack(t, "", "--db", filepath.Join(t.TempDir(), "none.duckdb"), "sql", "SELECT 1"); code == 0 || !strings.Contains(errs, "no database") {
		t.Errorf("missing db: %d %s", code, errs)
	}
}

func TestTallyFormats(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.duckdb")
	mustRun(t, "--db", db, "import", "testdata/good")
	out := mustRun(t, "--db", db, "tally", "--by", "category,fiscal_year", "--format", "json")
	var got struct {
		By    []string
		Notes []string
		Rows  []map[string]any
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if len(got.By) != 2 || len(got.Notes) == 0 {
		t.Errorf("json tally: %+v", got)
	}
	if code, _, errs := casetrack(t, "", "--db", db, "tally", "--by", "planet"); code == 0 || !strings.Contains(errs, "unknown value") {
		t.Errorf("bad dimension accepted: %s", errs)
	}
	csvOut := mustRun(t, "--db", db, "tally", "--format", "csv")
	if !strings.HasPrefix(csvOut, "arrests_announced,arrests_announced_unnamed,charged,convictions_secured,convictions_court_verified,sentenced,median_sentence_months,arrests_later_convicted,conversion_rate,median_days_arrest_to_conviction\r\n") {
		t.Errorf("csv tally: %q", csvOut)
	}
}

func TestImportDOJPages(t *testing.T) {
	page := testshared.Path(t, "fixtures", "doj", "api_v1_press_releases_pagesize100_page0_c2020.json")
	list2024 := testshared.Path(t, "fixtures", "doj", "api_v1_press_releases_list_example_2024.json")
	db := filepath.Join(t.TempDir(), "c.duckdb")
	out := mustRun(t, "--db", db, "import", page)
	if !strings.Contains(out, "documents read 100, new 100, updated 0, unchanged 0, failed 0") {
		t.Fatalf("first import: %s", out)
	}
	out = mustRun(t, "--db", db, "import", page)
	if !strings.Contains(out, "new 0, updated 0, unchanged 100, failed 0") {
		t.Fatalf("second import: %s", out)
	}
	got := mustRun(t, "--db", db, "sql", "--format", "csv", `SELECT count(*), count(DISTINCT key),
		count(*) FILTER (WHERE title LIKE '%`+"\n"+`%'), min(published), max(published) FROM documents WHERE source = 'doj'`)
	if !strings.Contains(got, "100,100,0,2009-01-05,2014-08-08") {
		t.Errorf("documents: %s", got)
	}
	// One release checked field by field (uuid, title with its newline folded, date, component).
	got = mustRun(t, "--db", db, "sql", "--format", "csv", `SELECT title, published, components FROM documents
		WHERE key = '8a0f7395-f556-45bf-8890-eeea2d0cbae0'`)
	if !strings.Contains(got, "INTERPOL Red Notice facilitates arrest of fugitive sex offender wanted in Texas,2013-05-16,Interpol Washington") {
		t.Errorf("release 8a0f7395: %s", got)
	}
	out = mustRun(t, "--db", db, "import", list2024)
	if !strings.Contains(out, "documents read 2, new 2") {
		t.Fatalf("2024 import: %s", out)
	}
	got = mustRun(t, "--db", db, "sql", "--format", "csv", `SELECT publisher, district FROM documents
		WHERE key = '98baba74-8922-41de-95f1-73a82695a3d1'`)
	if !strings.Contains(got, "USAO,D. Minn.") {
		t.Errorf("2024 release: %s", got)
	}
}

// TestEvalDevTargets runs `casetrack eval` end to end (scratch database,
// stored events read back) and holds extraction to the dev-set targets.
func TestEvalDevTargets(t *testing.T) {
	dev := testshared.Path(t, "corpus", "dev")
	out := mustRun(t, "eval", "--gold", dev, "--format", "json")
	var rep struct {
		Documents                 int
		Events, Categories        struct{ F1 float64 }
		Agencies                  struct{ F1 float64 }
		ImmigrationFalsePositives int `json:"immigration_false_positives"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Documents != 20 || rep.Events.F1 < 0.95 || rep.Categories.F1 < 0.90 || rep.Agencies.F1 < 0.90 || rep.ImmigrationFalsePositives != 0 {
		t.Errorf("dev scores below target: %+v", rep)
	}
	text := mustRun(t, "eval", "--gold", dev)
	if !strings.Contains(text, "events      P") || !strings.Contains(text, "immigration false positives 0") {
		t.Errorf("text report: %s", text)
	}
}

// TestTallyPresetOnDevCorpus runs the one-command answer to the original
// question on the dev corpus and checks it against the events themselves.
func TestTallyPresetOnDevCorpus(t *testing.T) {
	dev := testshared.Path(t, "corpus", "dev")
	ice, _ := filepath.Glob(filepath.Join(testshared.Path(t, "corpus", "dev-ice"), "*.json"))
	db := filepath.Join(t.TempDir(), "c.duckdb")
	mustRun(t, append([]string{"--db", db, "import", dev}, ice...)...)
	out := mustRun(t, "--db", db, "tally", "--preset", "hsi-child-exploitation", "--format", "json")
	var got struct {
		Preset string
		By     []string
		Rows   []map[string]any
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got.Preset != "hsi-child-exploitation" || len(got.By) != 1 || got.By[0] != "fiscal_year" || len(got.Rows) == 0 {
		t.Fatalf("preset output: %s", out)
	}
	// Every named HSI child-exploitation arrest in the events must be counted in some fiscal year.
	var arrests float64
	for _, r := range got.Rows {
		arrests += r["arrests_announced"].(float64)
	}
	want := mustRun(t, "--db", db, "sql", "--format", "csv", `SELECT count(DISTINCT p.person_id) FROM events e
		JOIN event_people p USING (event_id) WHERE e.event_type = 'arrest' AND e.defendant IS NOT NULL
		AND list_contains(e.agencies, 'HSI') AND list_has_any(e.categories, ['sex_trafficking_minor', 'csam_production',
		'csam_distribution_receipt', 'csam_possession', 'enticement_minor', 'transportation_minor',
		'travel_illicit_sexual_conduct', 'sexual_abuse_minor'])`)
	if !strings.HasSuffix(want, fmt.Sprintf("\r\n%d\r\n", int(arrests))) {
		t.Errorf("preset counts %v arrests; events say %q", arrests, want)
	}
	table := mustRun(t, "--db", db, "tally", "--preset", "hsi-child-exploitation")
	if !strings.Contains(table, "FY") || !strings.Contains(table, "note: ") {
		t.Errorf("table output: %s", table)
	}
}
