package main

import (
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"casetrack/internal/testshared"
	"casetrack/pipeline/answer"
)

func TestAnswerEmptyDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.duckdb")
	mustRun(t, "--db", db, "import", t.TempDir())
	out := mustRun(t, "--db", db, "answer")
	if !strings.Contains(out, "no events yet") {
		t.Fatalf("answer on an empty database:\n%s", out)
	}
	code, out, errs := casetrack(t, "", "--db", db, "answer", "--format", "csv")
	if code != 0 || out != strings.Join(answer.CSVColumns, ",")+"\r\n" || !strings.Contains(errs, "no events yet") {
		t.Fatalf("csv on an empty database: exit %d\nstdout %q\nstderr %q", code, out, errs)
	}
}

func TestAnswerBadFlags(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.duckdb")
	mustRun(t, "--db", db, "import", t.TempDir())
	for _, args := range [][]string{{"--since", "2023-10-01"}, {"--agency", "HSI,NOPE"}, {"--format", "xlsx"}} {
		code, _, errs := casetrack(t, "", append([]string{"--db", db, "answer"}, args...)...)
		if code != 1 || errs == "" {
			t.Errorf("answer %v: exit %d, stderr %q", args, code, errs)
		}
	}
}

// TestAnswerDoneWhen runs the command line on the real documents:
// import the ICE releases, the dev openings and the DOJ API pages, then
// answer in every format.
func TestAnswerDoneWhen(t *testing.T) {
	ice := testshared.Path(t, "corpus", "ice-full", "records.jsonl")
	dev := testshared.Path(t, "corpus", "dev")
	doj := testshared.Path(t, "fixtures", "doj")
	db := filepath.Join(t.TempDir(), "c.duckdb")
	mustRun(t, "--db", db, "import", ice, dev, doj)

	out := mustRun(t, "--db", db, "answer")
	for _, want := range []string{"since FY2023 led to federal convictions", "== HSI (Homeland Security Investigations) ==",
		"== ICE ERO (Enforcement and Removal Operations) ==", "== ICE, no directorate named ==", "== ICE as a whole",
		"FY2023 ", "convictions_plea", "convictions_court_verified", "median_days_arrest_to_conviction",
		"Convictions by charge category", "csam_production", "sexual_abuse_minor", "Beside the published figures",
		"Published figures, FY2023-", "Press releases are a floor", "Court-verified share", "Extraction accuracy"} {
		if !strings.Contains(out, want) {
			t.Errorf("answer lacks %q", want)
		}
	}

	csvOut := mustRun(t, "--db", db, "answer", "--format", "csv")
	recs, err := csv.NewReader(strings.NewReader(csvOut)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(recs[0], answer.CSVColumns) || len(recs) < 20 {
		t.Fatalf("csv: header %v, %d records", recs[0], len(recs))
	}
	for i, r := range recs[1:] {
		if slices.Equal(r, recs[0]) {
			t.Errorf("csv record %d repeats the header", i+2)
		}
	}
	if bom := mustRun(t, "--db", db, "answer", "--format", "csv", "--bom"); bom != "\ufeff"+csvOut {
		t.Error("--bom does not prefix the same csv with a byte-order mark")
	}
	people := mustRun(t, "--db", db, "answer", "--people", "--format", "csv", "--agency", "HSI")
	if !strings.HasPrefix(people, strings.Join(answer.PeopleCSVColumns, ",")+"\r\n") || strings.Count(people, "\r\n") < 10 {
		t.Errorf("people csv: %.300s", people)
	}

	var a answer.Answer
	if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "answer", "--format", "json")), &a); err != nil {
		t.Fatal(err)
	}
	if len(a.Groups) != 4 || a.SinceFY != 2023 || a.UntilFY < 2025 {
		t.Errorf("json: %d groups, FY%d-FY%d", len(a.Groups), a.SinceFY, a.UntilFY)
	}
	if md := mustRun(t, "--db", db, "answer", "--format", "markdown", "--agency", "HSI"); !strings.HasPrefix(md, "# How many") ||
		!strings.Contains(md, "| period | arrests_announced |") {
		t.Errorf("markdown: %.300s", md)
	}
	if later := mustRun(t, "--db", db, "answer", "--since", "FY2099"); !strings.Contains(later, "No event in the database is dated in FY2099 or later") {
		t.Errorf("--since after every event:\n%s", later)
	}
}
