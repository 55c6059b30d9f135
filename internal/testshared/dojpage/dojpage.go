// Package dojpage reads the recorded 100-release DOJ API page of the shared
// fixtures as records, for tests and benchmarks. It stands apart from
// testshared because sources/doj's own tests use testshared, and this
// package needs sources/doj's parser.
package dojpage

import (
	"os"
	"testing"

	"casetrack/internal/testshared"
	"casetrack/sources"
	"casetrack/sources/doj"
)

// Path is the page's place among the shared fixtures.
func Path(tb testing.TB) string {
	tb.Helper()
	return testshared.Path(tb, "fixtures", "doj", "api_v1_press_releases_pagesize100_page0_c2020.json")
}

// Records parses the page with the DOJ source's own parser, skipping when
// the shared fixtures are absent and failing unless it holds 100 releases.
func Records(tb testing.TB) []sources.Record {
	tb.Helper()
	path := Path(tb)
	raw, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	recs, err := doj.Parse(sources.Document{Source: "doj", URL: "file://" + path, Status: 200, Body: raw})
	if err != nil {
		tb.Fatalf("doj fixture: %v", err)
	}
	if len(recs) != 100 {
		tb.Fatalf("doj fixture: %d records, want 100", len(recs))
	}
	return recs
}
