package report

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"casetrack/internal/testdb"
	"casetrack/pipeline/normalize"
	"casetrack/pipeline/store"
	"casetrack/sources"
)

// What a published report must not show, and how it shows long sentences:
// no link to a file on the machine that imported it, no address of that
// machine's resolver in a source's error, a term of 1,164 months in years
// too; and every CSV download starts with a byte-order mark, since the text
// is not ASCII and Excel reads a CSV without one in the local code page.
func TestReportShowsNothingLocalAndReadsWell(t *testing.T) {
	items := fixtureItems()
	long := ev("sentenced", "Richard Roe", 1, "2024-05-01", []string{"csam_production"}, []string{"HSI"},
		"Richard Roe was sentenced to 1,164 months in prison.")
	long.SentenceMonths, long.SentenceKind = 1164, normalize.SentencePrison
	items = append(items, store.Item{Record: sources.Record{Source: "file", Key: "usao-4", Publisher: "USAO",
		URL: "https://www.justice.gov/usao-wdtx/pr/constructed-roe-sentenced", Published: day("2024-05-02"),
		Title: "Constructed: Richard Roe sentenced", Body: long.Evidence}, Events: []normalize.Event{long}})
	db := testdb.Loaded(t, items, append(slices.Clone(fixtureRun), `INSERT INTO source_runs VALUES (1, 'ice', TIMESTAMP '2024-07-01 02:05:00', TIMESTAMP '2024-07-01 02:06:00',
		0, 0, 0, 0, 0, NULL, NULL, 'failed', 'ice: page 0: Get "https://www.ice.gov/newsroom": dial tcp: lookup www.ice.gov on 127.0.0.53:53: no such host; dial tcp 10.1.2.3:443: connect: connection refused')`)...)
	out := t.TempDir()
	if err := Build(context.Background(), db, out, Options{}); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if cases := read("cases.html"); strings.Contains(cases, `href="file:`) || !strings.Contains(cases, "1,164 months (97 years)") ||
		!strings.Contains(cases, "120 months (10 years)") {
		t.Errorf("cases.html links a local file or shows the sentences only in months")
	}
	method := read("method.html")
	if strings.Contains(method, "127.0.0.53") || strings.Contains(method, "10.1.2.3") || !strings.Contains(method, "lookup www.ice.gov: no such host") {
		t.Errorf("method.html shows the crawl machine's addresses: %s", method[strings.Index(method, "ice: page 0"):][:200])
	}
	csvs, _ := filepath.Glob(filepath.Join(out, "data", "*.csv"))
	if len(csvs) < 5 {
		t.Fatalf("%d CSV downloads", len(csvs))
	}
	for _, f := range csvs {
		if b, _ := os.ReadFile(f); !bytes.HasPrefix(b, []byte("\ufeff")) {
			t.Errorf("%s has no byte-order mark", filepath.Base(f))
		}
	}
	for years, months := range map[string]float64{"18 months": 18, "24 months (2 years)": 24, "1,164 months (97 years)": 1164, "30 months (2.5 years)": 30, "4.5 months": 4.5} {
		if got := sentenceText(months); got != years {
			t.Errorf("sentenceText(%v) = %q, want %q", months, got, years)
		}
	}
}
