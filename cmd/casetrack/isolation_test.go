package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"casetrack/internal/testshared"
)

// bigRelease is a release whose body is over 2 MB of ordinary prose, more
// than DuckDB's CSV reader takes on one line by default.
func bigRelease() dojRelease {
	para := "<p>HOUSTON – The defendant's conduct is described at length in this constructed paragraph, " +
		"which repeats to make the release long. The case was investigated by Homeland Security Investigations.</p>\n"
	return dojRelease{UUID: "00000000-0000-4000-8000-000000000002",
		Title: "Constructed: a very long release",
		Body:  strings.Repeat(para, 2_200_000/len(para)+1),
		URL:   "https://www.justice.gov/usao-sdtx/pr/constructed-long-release",
		Date:  time.Date(2024, 5, 3, 12, 0, 0, 0, time.UTC)}
}

// One large release beside a normal one, served by a local stand-in of
// justice.gov: both are stored (the large one whole under the default body
// cap, cut and marked under a smaller one), the cursor moves, exit 0. A
// release that cannot be stored at all (a javascript: link) is kept in
// parse_errors and counted failed, the normal release is stored, the
// cursor still moves, and the run exits 1.
func TestOneBadReleaseDoesNotSinkItsSource(t *testing.T) {
	big := bigRelease()
	srv := dojStandIn(t, dojPage(t, big, normalRelease()))
	run := func(db string, extra ...string) (int, string, string) {
		args := append([]string{"--db", db, "run", "--sources", "doj", "--base-url", "doj=" + srv.URL, "--contact", "test@example.org"}, extra...)
		return casetrack(t, "", args...)
	}
	sql := func(db, q string) string { return mustRun(t, "--db", db, "sql", "--format", "csv", q) }

	db := filepath.Join(t.TempDir(), "c.duckdb")
	if code, out, errs := run(db); code != 0 || !strings.Contains(out, "doj: seen 2, new 2, updated 0, unchanged 0, failed 0") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	if got := sql(db, `SELECT length(body) > 2000000, body_full_bytes IS NULL FROM documents WHERE title LIKE '%very long%'`); !strings.HasSuffix(got, "\r\ntrue,true\r\n") {
		t.Errorf("the long release: %q", got)
	}
	if got := sql(db, `SELECT cursor FROM cursors WHERE source = 'doj'`); !strings.Contains(got, "1714737600") {
		t.Errorf("cursor: %q", got)
	}

	db2 := filepath.Join(t.TempDir(), "c.duckdb")
	code, out, errs := run(db2, "--max-body", "1MB")
	if code != 0 || !strings.Contains(errs, "body cut to the body cap") {
		t.Fatalf("with a 1MB cap: exit %d\n%s\n%s", code, out, errs)
	}
	if got := sql(db2, `SELECT length(body) <= 1048576, body_full_bytes > 2000000 FROM documents WHERE title LIKE '%very long%'`); !strings.HasSuffix(got, "\r\ntrue,true\r\n") {
		t.Errorf("the cut release: %q", got)
	}

	bad := bigRelease()
	bad.URL = "javascript:alert(document.cookie)"
	srv2 := dojStandIn(t, dojPage(t, bad, normalRelease()))
	db3 := filepath.Join(t.TempDir(), "c.duckdb")
	for i := range 2 {
		code, out, errs = casetrack(t, "", "--db", db3, "run", "--sources", "doj", "--base-url", "doj="+srv2.URL, "--contact", "test@example.org")
		if code != 1 || !strings.Contains(out, "failed 1") || !strings.Contains(errs, "1 document(s) could not be read or stored") {
			t.Fatalf("run %d with a release that cannot be stored: exit %d\n%s\n%s", i+1, code, out, errs)
		}
	}
	if got := sql(db3, `SELECT count(*) FROM documents`); got != "count_star()\r\n1\r\n" {
		t.Errorf("documents: %q", got)
	}
	if got := sql(db3, `SELECT source, error LIKE '%not a web address%' AS why FROM parse_errors`); got != "source,why\r\ndoj,true\r\n" {
		t.Errorf("parse_errors: %q", got)
	}
	if got := sql(db3, `SELECT status, cursor_after FROM source_runs ORDER BY run_id`); strings.Count(got, "ok,1714737600") != 2 {
		t.Errorf("source runs: %q", got)
	}
}

// The same for import: a record over 2 MB in a folder of good ones is
// stored; a document that cannot be stored is reported with its file,
// counted failed and kept in parse_errors while the rest of its file and
// folder are stored; the command exits 1. Text that is not UTF-8 is
// stored repaired, with a warning.
func TestImportIsolatesDocuments(t *testing.T) {
	dir := t.TempDir()
	rec := func(url, title, body string) string { // url first: import recognises a record by its head
		q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
		return `{"url": ` + q(url) + `, "publisher": "USAO", "published": "2024-05-02", "title": ` + q(title) + `, "body": ` + q(body) + `}`
	}
	files := map[string]string{
		"a.json":   rec("https://www.justice.gov/a", "A", "Short body."),
		"big.json": rec("https://www.justice.gov/big", "Big", strings.Repeat("A long constructed sentence. ", 80_000)),
		"mixed.jsonl": rec("https://www.justice.gov/m1", "M1", "One.") + "\n" +
			rec("javascript:alert(1)", "Script", "Two.") + "\n" + rec("https://www.justice.gov/m3", "M3", "Three.") + "\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	latin1 := `{"url": "https://www.justice.gov/latin1", "title": "Caf` + "\xe9" + `", "body": "Body."}`
	if err := os.WriteFile(filepath.Join(dir, "latin1.json"), []byte(latin1), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "c.duckdb")
	code, out, errs := casetrack(t, "", "--db", db, "import", dir)
	if code != 1 || !strings.Contains(out, "documents read 6, new 5, updated 0, unchanged 0, failed 1") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	if !strings.Contains(errs, "mixed.jsonl#file:") || !strings.Contains(errs, "not a web address") {
		t.Errorf("the failed document is not named with its file:\n%s", errs)
	}
	if !strings.Contains(errs, fmt.Sprintf("warning: %s: not valid UTF-8 (first bad byte at offset %d)", filepath.Join(dir, "latin1.json"), strings.IndexByte(latin1, 0xe9))) {
		t.Errorf("no warning about the text that is not UTF-8:\n%s", errs)
	}
	got := mustRun(t, "--db", db, "sql", "--format", "csv", `SELECT title, length(body) FROM documents ORDER BY title`)
	if got != "title,length(body)\r\nA,11\r\nBig,2320000\r\nCaf\uFFFD,5\r\nM1,4\r\nM3,6\r\n" {
		t.Errorf("documents: %q", got)
	}
	if got := mustRun(t, "--db", db, "sql", "--format", "csv", `SELECT count(*) FROM parse_errors WHERE ref LIKE '%mixed.jsonl#%'`); got != "count_star()\r\n1\r\n" {
		t.Errorf("parse_errors: %q", got)
	}
}

// A FIFO (or any file that is not a regular file) named on the command
// line is refused at once instead of blocking the import for ever.
func TestImportRefusesFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe.json")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	db := filepath.Join(t.TempDir(), "c.duckdb")
	type result struct {
		code      int
		out, errs string
	}
	done := make(chan result, 1)
	go func() {
		code, out, errs := casetrack(t, "", "--db", db, "import", fifo, "testdata/good")
		done <- result{code, out, errs}
	}()
	select {
	case r := <-done:
		if r.code != 1 || !strings.Contains(r.errs, fifo+": not a regular file") || !strings.Contains(r.out, "new 2") {
			t.Errorf("exit %d\n%s\n%s", r.code, r.out, r.errs)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("import blocked on a FIFO")
	}
}

// Two files holding the same document (two captures of one docket, a
// release saved twice) are imported as one, and the import says so.
func TestImportReportsDuplicateDocuments(t *testing.T) {
	dir := t.TempDir()
	rec := `{"url": "https://www.justice.gov/usao-sdtx/pr/same", "title": "%s", "body": "Body."}`
	os.WriteFile(filepath.Join(dir, "first.json"), []byte(fmt.Sprintf(rec, "First capture")), 0o644)
	os.WriteFile(filepath.Join(dir, "second.json"), []byte(fmt.Sprintf(rec, "Second capture")), 0o644)
	db := filepath.Join(t.TempDir(), "c.duckdb")
	code, out, errs := casetrack(t, "", "--db", db, "import", dir)
	want := "warning: " + filepath.Join(dir, "second.json") + ": holds the same document (file:justice.gov/usao-sdtx/pr/same) as " + filepath.Join(dir, "first.json")
	if code != 0 || !strings.Contains(errs, want) || !strings.Contains(out, "documents read 2, new 1") {
		t.Errorf("exit %d\n%s\n%s", code, out, errs)
	}

	dockets := testshared.Path(t, "fixtures", "pacer", "district_dockets")
	db = filepath.Join(t.TempDir(), "c.duckdb")
	_, _, errs = casetrack(t, "", "--db", db, "import", filepath.Join(dockets, "nysd_2.html"), filepath.Join(dockets, "nysd_491943.html"))
	if !strings.Contains(errs, "nysd_491943.html: holds the same document") || !strings.Contains(errs, "as "+filepath.Join(dockets, "nysd_2.html")) {
		t.Errorf("the two captures of one docket:\n%s", errs)
	}
}
