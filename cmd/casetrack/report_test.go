package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casetrack/internal/replay"
	"casetrack/internal/testshared"
)

// TestRunRefreshesReport runs the nightly job against the recorded DOJ page
// with --report: the report appears and its method page shows the crawl
// just made. A run that fails (a dead source) leaves the report alone.
func TestRunRefreshesReport(t *testing.T) {
	page := testshared.Path(t, "fixtures", "doj", "api_v1_press_releases_pagesize100_page0_c2020.json")
	srv := replay.New(t, allowRobots, replay.Exchange{
		URL:      "/api/v1/press_releases.json?direction=DESC&page=0&pagesize=50&sort=changed",
		BodyFile: page, Times: -1})
	dir := t.TempDir()
	db, site := filepath.Join(dir, "c.duckdb"), filepath.Join(dir, "site")
	out := mustRun(t, "--db", db, "run", "--sources", "doj", "--base-url", "doj="+srv.URL,
		"--contact", "test@example.org", "--report", site)
	if !strings.Contains(out, "report written to "+site) {
		t.Fatalf("run --report: %s", out)
	}
	method, err := os.ReadFile(filepath.Join(site, "method.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(method), "<td>doj</td>") || !strings.Contains(string(method), "<code>run --sources doj</code>") {
		t.Errorf("method page does not show the doj crawl:\n%s", method)
	}
	for _, f := range []string{"index.html", "agencies.html", "funnel.html", "cases.html", "data/cases.csv", "data/events.parquet", "data/answer.csv"} {
		if _, err := os.Stat(filepath.Join(site, f)); err != nil {
			t.Errorf("report file: %v", err)
		}
	}

	dead := replay.New(t, allowRobots, replay.Exchange{URL: "/newsroom?page=0", Status: 503, Times: -1})
	site2 := filepath.Join(dir, "site2")
	code, _, errs := casetrack(t, "", "--db", db, "run", "--sources", "ice", "--attempts", "1",
		"--base-url", "ice="+dead.URL, "--contact", "test@example.org", "--report", site2)
	if code != 1 || !strings.Contains(errs, "ice failed") {
		t.Fatalf("dead run: exit %d: %s", code, errs)
	}
	if _, err := os.Stat(site2); !os.IsNotExist(err) {
		t.Errorf("a failed run wrote a report: %v", err)
	}
}

// TestReportCommand builds the report from an imported database read-only,
// with --since, and checks the flags are enforced.
func TestReportCommand(t *testing.T) {
	dev := testshared.Path(t, "corpus", "dev")
	dir := t.TempDir()
	db, site := filepath.Join(dir, "c.duckdb"), filepath.Join(dir, "site")
	mustRun(t, "--db", db, "import", dev)
	if code, _, errs := casetrack(t, "", "--db", db, "report"); code == 0 || !strings.Contains(errs, "--out") {
		t.Errorf("report without --out: exit %d %s", code, errs)
	}
	if code, _, errs := casetrack(t, "", "--db", db, "report", "--out", site, "--since", "May 2020"); code == 0 || !strings.Contains(errs, "--since") {
		t.Errorf("bad --since: exit %d %s", code, errs)
	}
	mustRun(t, "--db", db, "report", "--out", site, "--since", "2020-01-01")
	idx, err := os.ReadFile(filepath.Join(site, "agencies.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(idx), "events dated on or after 2020-01-01 only") || strings.Contains(string(idx), ">FY2015<") {
		t.Errorf("--since not applied to the overview")
	}
	if _, err := os.Stat(filepath.Join(site, "data", "tallies.csv")); !os.IsNotExist(err) {
		t.Errorf("tallies.csv (all dates) written despite --since: %v", err)
	}
}
