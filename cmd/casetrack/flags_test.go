package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// importNoAgency imports one constructed release whose sentence credits no
// agency, and returns the database.
func importNoAgency(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	rec := `{"url": "https://www.justice.gov/usao-sdtx/pr/constructed-no-agency", "publisher": "USAO", "published": "2024-05-02",
		"title": "Houston man sentenced for possessing child sexual abuse material",
		"body": "HOUSTON – John Constructed Example, 41, of Houston, was sentenced today to 97 years in federal prison for possession of child sexual abuse material."}`
	if err := os.WriteFile(filepath.Join(dir, "r.json"), []byte(rec), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "c.duckdb")
	mustRun(t, "--db", db, "import", filepath.Join(dir, "r.json"))
	return db
}

// A misspelt --category or an unknown --agency used to print zeros and exit
// 0; now it exits 1 naming the nearest known value. A missing agency is
// shown as such, not as NULL.
func TestTallyRefusesUnknownValuesAndNamesNulls(t *testing.T) {
	db := importNoAgency(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--category", "csam_possesion"}, `--category: unknown value "csam_possesion" (did you mean csam_possession?`},
		{[]string{"--agency", "nonexistent"}, `--agency: unknown value "NONEXISTENT" (known values: AFOSI,`},
		{[]string{"--agency", "HIS"}, `did you mean HSI?`},
		{[]string{"--preset", "hsi-child-exploitation", "--category", "csam_prodution"}, `did you mean csam_production?`},
	} {
		code, out, errs := casetrack(t, "", append([]string{"--db", db, "tally"}, c.args...)...)
		if code != 1 || !strings.Contains(errs, c.want) || out != "" {
			t.Errorf("tally %v: exit %d, %q\n%s", c.args, code, errs, out)
		}
	}
	mustRun(t, "--db", db, "tally", "--agency", "hsi,fbi", "--category", "csam_possession")
	out := mustRun(t, "--db", db, "tally", "--by", "agency,fiscal_year")
	if !strings.Contains(out, "\n(no agency credited)  FY2024 ") || strings.Contains(out, "\nNULL") {
		t.Errorf("tally by agency:\n%s", out)
	}
	if csv := mustRun(t, "--db", db, "tally", "--by", "agency", "--format", "csv"); !strings.Contains(csv, "\r\n,0,0,0,1,") {
		t.Errorf("csv keeps a missing agency empty: %q", csv)
	}
}

// export --out refuses a directory, something that is not a regular file
// and the database itself before reading or writing anything (it used to
// print "wrote 288 events" and then fail).
func TestExportOutMustBeAFile(t *testing.T) {
	db := importNoAgency(t)
	dir := t.TempDir()
	for out, want := range map[string]string{
		dir:          "is a directory",
		db:           "is the database",
		db + ".lock": "is the database",
		os.DevNull:   "is not a regular file",
	} {
		code, stdout, errs := casetrack(t, "", "--db", db, "export", "events", "--out", out)
		if code != 1 || !strings.Contains(errs, want) || strings.Contains(errs, "wrote") || stdout != "" {
			t.Errorf("--out %s: exit %d\n%s", out, code, errs)
		}
	}
	if got := mustRun(t, "--db", db, "sql", "--format", "csv", "SELECT count(*) AS n FROM events"); got != "n\r\n1\r\n" {
		t.Errorf("the database after the attempts: %q", got)
	}
	file := filepath.Join(dir, "events.csv")
	code, _, errs := casetrack(t, "", "--db", db, "export", "events", "--out", file)
	if code != 0 || errs != "wrote 1 events to "+file+"\n" {
		t.Errorf("export to a file: exit %d %q", code, errs)
	}
}
