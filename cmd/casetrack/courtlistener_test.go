package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casetrack/internal/clstandin"
	"casetrack/internal/replay"
	"casetrack/internal/testshared"
	"casetrack/sources/courtlistener"
)

// clToken is what the test puts in COURTLISTENER_TOKEN; not a real token.
const clToken = "cl-test-token-0f9e8d7c"

// newCLStandIn starts the CourtListener stand-in expecting exactly what the
// CLI sends by default: the token and the charge-set query, no courts.
func newCLStandIn(t *testing.T) *clstandin.Server {
	t.Helper()
	q, err := courtlistener.DefaultQuery()
	if err != nil {
		t.Fatal(err)
	}
	return clstandin.New(t, clstandin.Options{Token: clToken, Query: q})
}

// clArgs is the command line of a CourtListener run against the stand-in,
// with its host's rate raised so the test does not wait a second a request.
func clArgs(t *testing.T, si *clstandin.Server, db string, extra ...string) []string {
	u, err := url.Parse(si.URL)
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"--db", db, "run", "--sources", "courtlistener", "--base-url", "courtlistener=" + si.BaseURL(),
		"--rate", u.Host + "=1000", "--contact", "test@example.org"}
	return append(args, extra...)
}

// TestRunCourtListenerEndToEnd runs the nightly job against the
// CourtListener stand-in (constructed v4 responses built from four real
// PACER dockets; see internal/clstandin) through --base-url and the token
// in COURTLISTENER_TOKEN: search, dockets, parties, entries, archive,
// parse, court-verified events in the database. The token is nowhere in the
// database or the raw archive; a second run adds nothing.
func TestRunCourtListenerEndToEnd(t *testing.T) {
	si := newCLStandIn(t)
	t.Setenv("COURTLISTENER_TOKEN", clToken)
	dir := t.TempDir()
	db := filepath.Join(dir, "c.duckdb")
	out := mustRun(t, clArgs(t, si, db)...)
	if !strings.Contains(out, "courtlistener: seen 4, new 4, updated 0, unchanged 0, failed 0") {
		t.Fatalf("first run: %s", out)
	}
	if si.Hits("search/") != 2 || si.Hits("parties/") < 4 || si.Hits("docket-entries/") < 4+3 || si.Hits("/robots.txt") != 1 {
		t.Errorf("requests: %v", si.AllHits())
	}

	got := mustRun(t, "--db", db, "sql", "--format", "csv", `SELECT docket_number, defendant, event_type,
		coalesce(plea_or_verdict, ''), event_date, array_to_string(statutes, ';'), coalesce(sentence_kind, ''),
		coalesce(sentence_months, ''), court_verified, district
		FROM event_facts WHERE source = 'courtlistener' ORDER BY docket_number, event_date, event_type, ordinal`)
	// Whole rows, as the PACER parser gives them for the same real dockets
	// (pipeline/normalize's docket tests).
	for _, want := range []string{
		// D. Ariz. Santana-Esmeralda: complaint → information → plea → 14 months.
		"2:17-cr-00378,Jose Miguel Santana-Esmeralda,charged,,2017-02-06,8 U.S.C. 1326(a),,,true,D. Ariz.",
		"2:17-cr-00378,Jose Miguel Santana-Esmeralda,charged,,2017-03-15,8 U.S.C. 1326(a),,,true,D. Ariz.",
		"2:17-cr-00378,Jose Miguel Santana-Esmeralda,convicted,plea,2017-03-15,8 U.S.C. 1326(a),,,true,D. Ariz.",
		"2:17-cr-00378,Jose Miguel Santana-Esmeralda,sentenced,,2017-06-26,8 U.S.C. 1326(a),prison,14,true,D. Ariz.",
		// D. Utah Mitchell: 2423(a) and kidnapping, jury verdict, life.
		"2:08-cr-00125,Brian David Mitchell,convicted,verdict,,18 U.S.C. 1201(a)(1);18 U.S.C. 2423(a),,,true,D. Utah",
		"2:08-cr-00125,Brian David Mitchell,sentenced,,2011-05-26,18 U.S.C. 1201(a)(1);18 U.S.C. 2423(a),life,life,true,D. Utah",
		// D. Neb. Benz: bench verdict on 2252(a)(4)(B) possession, 2252A receipt dismissed.
		"4:13-cr-03121,Joseph J. Benz,convicted,verdict,2016-05-26,18 U.S.C. 2252(a)(4)(B),,,true,D. Neb.",
		"4:13-cr-03121,Joseph J. Benz,sentenced,,2016-09-07,18 U.S.C. 2252(a)(4)(B),probation,0,true,D. Neb.",
		"4:13-cr-03121,Joseph J. Benz,dismissed,,2016-09-08,18 U.S.C. 2252A(a)(2),,,true,D. Neb.",
		// W.D. Wash. Stephens: 2251 production, 15 years (counts under Terminated).
		"2:15-cr-00099,David Stephens,convicted,,,18 U.S.C. 2251(a);18 U.S.C. 2252(a)(4),,,true,W.D. Wash.",
		"2:15-cr-00099,David Stephens,sentenced,,2016-08-12,18 U.S.C. 2251(a);18 U.S.C. 2252(a)(4),prison,180,true,W.D. Wash.",
	} {
		if !strings.Contains(got, "\r\n"+want+"\r\n") {
			t.Errorf("no event row %q in\n%s", want, got)
		}
	}
	if n := strings.Count(got, "\r\n") - 1; n != 21 {
		t.Errorf("%d events, want 21:\n%s", n, got)
	}
	check := mustRun(t, "--db", db, "sql", "--format", "csv", `SELECT count(DISTINCT docket_number), bool_and(court_verified),
		count(*) FILTER (WHERE docket_number IS NULL OR docket_number = ''), count(DISTINCT doc_id)
		FROM event_facts WHERE source = 'courtlistener'`)
	if !strings.HasSuffix(check, "\r\n4,true,0,4\r\n") {
		t.Errorf("court-verified, docket numbers: %q", check)
	}

	// The token is in no stored document, event or raw archive file.
	for _, q := range []string{
		`SELECT count(*) FROM documents WHERE strpos(concat_ws(' ', url, title, body, key, raw_sha256), '` + clToken + `') > 0`,
		`SELECT count(*) FROM events WHERE strpos(concat_ws(' ', document_url, evidence, defendant), '` + clToken + `') > 0`,
	} {
		if n := mustRun(t, "--db", db, "sql", "--format", "csv", q); !strings.HasSuffix(n, "\r\n0\r\n") {
			t.Errorf("token stored: %s → %q", q, n)
		}
	}
	files := 0
	err := filepath.WalkDir(filepath.Join(dir, "raw"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if zr, zerr := gzip.NewReader(bytes.NewReader(b)); zerr == nil {
			if plain, zerr := io.ReadAll(zr); zerr == nil {
				b = plain
			}
		}
		if bytes.Contains(b, []byte(clToken)) {
			t.Errorf("token in raw archive file %s", p)
		}
		return nil
	})
	if err != nil || files < 4 {
		t.Errorf("raw archive: %d files, %v", files, err)
	}

	// Second run: nothing modified since the cursor (the newest
	// date_modified), so no parties or entries are fetched and nothing is new.
	before := mustRun(t, "--db", db, "export", "events", "--format", "jsonl")
	lists := si.Hits("parties/") + si.Hits("docket-entries/")
	out = mustRun(t, clArgs(t, si, db)...)
	if !strings.Contains(out, "courtlistener: seen 0, new 0, updated 0") || !strings.Contains(out, `cursor "2024-03-01T17:00:00.123456Z" → "2024-03-01T17:00:00.123456Z"`) {
		t.Errorf("second run: %s", out)
	}
	if si.Hits("parties/")+si.Hits("docket-entries/") != lists {
		t.Errorf("second run refetched parties or entries: %v", si.AllHits())
	}
	if after := mustRun(t, "--db", db, "export", "events", "--format", "jsonl"); after != before {
		t.Error("events changed on the second run")
	}
}

// TestRunCourtListenerWithoutToken: without COURTLISTENER_TOKEN the run
// exits 1 naming the variable, sends CourtListener nothing, and the other
// sources of the same run still load.
func TestRunCourtListenerWithoutToken(t *testing.T) {
	si := newCLStandIn(t)
	t.Setenv("COURTLISTENER_TOKEN", "")
	os.Unsetenv("COURTLISTENER_TOKEN")
	page := newDOJStandIn(t)
	db := filepath.Join(t.TempDir(), "c.duckdb")
	code, out, errs := casetrack(t, "", clArgs(t, si, db, "--sources", "courtlistener,doj", "--base-url", "doj="+page.URL)...)
	if code != 1 || !strings.Contains(errs, "courtlistener failed") || !strings.Contains(errs, "COURTLISTENER_TOKEN") || strings.Contains(errs, "doj failed") {
		t.Fatalf("exit %d\nout %s\nerr %s", code, out, errs)
	}
	if !strings.Contains(out, "doj: seen 4, new 4") {
		t.Errorf("doj did not load: %s", out)
	}
	if n := len(si.AllHits()); n != 0 {
		t.Errorf("requests to CourtListener without a token: %v", si.AllHits())
	}
	got := mustRun(t, "--db", db, "sql", "--format", "csv", `SELECT source, status, coalesce(cursor_after, '') FROM source_runs ORDER BY source`)
	if !strings.Contains(got, "courtlistener,failed,\r\n") || !strings.Contains(got, "doj,ok,1") {
		t.Errorf("source runs: %q", got)
	}
}

// newDOJStandIn serves the real recorded DOJ API page (as TestRunDOJEndToEnd).
func newDOJStandIn(t *testing.T) *replay.Server {
	page := testshared.Path(t, "fixtures", "doj", "api_v1_press_releases_pagesize100_page0_c2020.json")
	return replay.New(t, allowRobots, replay.Exchange{
		URL:      "/api/v1/press_releases.json?direction=DESC&page=0&pagesize=50&sort=changed",
		BodyFile: page, Times: -1})
}
