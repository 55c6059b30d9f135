package main

import (
	"path/filepath"
	"strings"
	"testing"

	"casetrack/internal/replay"
	"casetrack/internal/testshared"
)

var allowRobots = replay.Exchange{URL: "/robots.txt", Body: []byte("User-agent: *\nAllow: /\n"), Times: -1}

// TestRunDOJEndToEnd serves the real recorded DOJ API page from a local
// stand-in and runs the nightly job against it through --base-url: crawl,
// archive, parse, keep the relevant releases, extract, link, publish. A
// second run adds nothing; reparse rebuilds the same events from the archive.
func TestRunDOJEndToEnd(t *testing.T) {
	page := testshared.Path(t, "fixtures", "doj", "api_v1_press_releases_pagesize100_page0_c2020.json")
	srv := replay.New(t, allowRobots, replay.Exchange{
		URL:      "/api/v1/press_releases.json?direction=DESC&page=0&pagesize=50&sort=changed",
		BodyFile: page, Times: -1})
	dir := t.TempDir()
	db := filepath.Join(dir, "c.duckdb")
	args := []string{"--db", db, "run", "--sources", "doj", "--base-url", "doj=" + srv.URL, "--contact", "test@example.org"}
	out := mustRun(t, args...)
	if !strings.Contains(out, "doj: seen 4, new 4") {
		t.Fatalf("first run: %s", out)
	}
	seven := mustRun(t, "--db", db, "sql", "--format", "csv", `SELECT count(DISTINCT defendant), min(court_verified::INT),
		bool_and(evidence <> ''), min(document_url) FROM event_facts
		WHERE title = 'Seven Defendants Convicted for Participation in International Child Exploitation Enterprise'
		AND event_type = 'convicted'`)
	if !strings.Contains(seven, "\r\n7,0,true,https://www.justice.gov/") {
		t.Errorf("the seven convicted defendants: %s", seven)
	}
	before := mustRun(t, "--db", db, "export", "events", "--format", "jsonl")

	out = mustRun(t, args...)
	if !strings.Contains(out, "doj: seen 4, new 0, updated 0, unchanged 4") {
		t.Fatalf("second run: %s", out)
	}
	if after := mustRun(t, "--db", db, "export", "events", "--format", "jsonl"); after != before {
		t.Error("events changed on the second run")
	}
	runs := mustRun(t, "--db", db, "sql", "--format", "csv", `SELECT count(*), min(status), max(cursor_after) FROM source_runs`)
	if !strings.Contains(runs, "\r\n2,ok,") {
		t.Errorf("source runs: %s", runs)
	}
	out = mustRun(t, "--db", db, "reparse")
	if !strings.Contains(out, "doj: documents 4, new 0, updated 0, unchanged 4") {
		t.Errorf("reparse: %s", out)
	}
	if after := mustRun(t, "--db", db, "export", "events", "--format", "jsonl"); after != before {
		t.Error("reparse changed the events")
	}
}

// TestRunDeadSourceDoesNotStopTheOthers points ice at a server that only
// fails: doj still loads and publishes, ice keeps its cursor, the command
// exits non-zero naming ice.
func TestRunDeadSourceDoesNotStopTheOthers(t *testing.T) {
	page := testshared.Path(t, "fixtures", "doj", "api_v1_press_releases_pagesize100_page0_c2020.json")
	good := replay.New(t, allowRobots, replay.Exchange{
		URL:      "/api/v1/press_releases.json?direction=DESC&page=0&pagesize=50&sort=changed",
		BodyFile: page, Times: -1})
	dead := replay.New(t, allowRobots, replay.Exchange{URL: "/newsroom?page=0", Status: 503, Times: -1})
	db := filepath.Join(t.TempDir(), "c.duckdb")
	code, out, errs := casetrack(t, "", "--db", db, "run", "--sources", "ice,doj", "--attempts", "2",
		"--base-url", "doj="+good.URL, "--base-url", "ice="+dead.URL, "--contact", "test@example.org")
	if code != 1 || !strings.Contains(errs, "ice failed") || strings.Contains(errs, "doj failed") {
		t.Fatalf("exit %d\nout %s\nerr %s", code, out, errs)
	}
	got := mustRun(t, "--db", db, "sql", "--format", "csv", `SELECT source, status, coalesce(cursor_after, '') FROM source_runs ORDER BY source`)
	if !strings.Contains(got, "doj,ok,1") || !strings.Contains(got, "ice,failed,\r\n") {
		t.Errorf("source runs: %q", got)
	}
	if docs := mustRun(t, "--db", db, "sql", "--format", "csv", `SELECT count(*) FROM documents`); !strings.HasSuffix(docs, "\r\n4\r\n") {
		t.Errorf("documents published: %q", docs)
	}
}
