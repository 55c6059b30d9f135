package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// `casetrack sql` runs whatever a researcher types, so besides not writing
// the database (TestSQLCannotWrite) it must not reach other files, load
// extensions or switch its own sandbox off; and its CSV output, like every
// export, must not carry formulas into a spreadsheet.
func TestSQLSandboxAndFormulaSafety(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.duckdb")
	mustRun(t, "--db", db, "import", "testdata/good")
	secret := filepath.Join(t.TempDir(), "secret.csv")
	if err := os.WriteFile(secret, []byte("token\nnot-for-sql\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"SELECT * FROM read_csv('" + secret + "')",
		"SELECT * FROM read_text('" + secret + "')",
		"SELECT * FROM glob('" + filepath.Dir(secret) + "/*')",
		"SET enable_external_access = true",
		"SET lock_configuration = false",
		"INSTALL httpfs",
		"LOAD httpfs",
		"SELECT * FROM read_parquet('https://example.com/x.parquet')",
	} {
		code, out, errs := casetrack(t, "", "--db", db, "sql", "--format", "csv", q)
		if code == 0 || strings.Contains(out, "not-for-sql") {
			t.Errorf("sql allowed %q:\n%s", q, out)
		}
		if strings.Contains(errs, "not-for-sql") {
			t.Errorf("sql leaked the file through its error for %q: %s", q, errs)
		}
	}
	out := mustRun(t, "--db", db, "sql", "--format", "csv",
		`SELECT '=cmd|'' /C calc''!A0' AS a, '+1+1' AS b, '@SUM(A1)' AS c, '-2' AS d, e'\tx' AS e`)
	lines := strings.Split(out, "\r\n")
	if len(lines) < 2 || lines[1] != `'=cmd|' /C calc'!A0,'+1+1,'@SUM(A1),-2,'`+"\tx" {
		t.Errorf("sql csv not formula-safe: %q", out)
	}
}

// status reads the published file read-only: it must not create a database
// where none was published, nor take the writer's lock.
func TestStatusDoesNotCreateOrLock(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.duckdb")
	if code, _, errs := casetrack(t, "", "--db", db, "status"); code == 0 || !strings.Contains(errs, "nothing published") {
		t.Errorf("status without a database: %d %s", code, errs)
	}
	for _, q := range []string{"sql", "tally", "export"} {
		args := []string{"--db", db, q}
		if q == "sql" {
			args = append(args, "SELECT 1")
		}
		if q == "export" {
			args = append(args, "events")
		}
		casetrack(t, "", args...)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("read commands created %v", names)
	}
}
