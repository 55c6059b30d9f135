package report

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"casetrack/pipeline/evaluate"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// goldenFiles are the outputs compared byte for byte (Parquet is binary and
// checked by reading it back in TestExports instead).
var goldenFiles = []string{"index.html", "agencies.html", "answer-hsi.html", "data/answer.csv", "funnel.html", "cases.html", "method.html", "agency-hsi.html",
	"agency-none.html", "data/agency_fiscal_year.csv", "data/child_exploitation_fiscal_year.csv", "data/cases.csv"}

// TestGolden builds the report of the constructed database and compares
// the pages, their SVG charts and the table CSVs with testdata/golden.
// `go test ./pipeline/report -run TestGolden -update` rewrites them; review
// the diff like code.
func TestGolden(t *testing.T) {
	db := fixtureDB(t)
	out := t.TempDir()
	acc := []Accuracy{{Corpus: "constructed", Documents: 5,
		Events: evaluate.PRF{TP: 6, FP: 1, FN: 1}, Categories: evaluate.PRF{TP: 6}, Agencies: evaluate.PRF{TP: 5, FN: 1}}}
	if err := Build(context.Background(), db, out, Options{Accuracy: acc}); err != nil {
		t.Fatal(err)
	}
	for _, f := range goldenFiles {
		got, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatalf("%s not written: %v", f, err)
		}
		golden := filepath.Join("testdata", "golden", filepath.FromSlash(f)+".golden")
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if os.IsNotExist(err) {
			t.Errorf("%s: no golden file %s; run `go test ./pipeline/report -run TestGolden -update` and review it", f, golden)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s at byte %d; run `go test ./pipeline/report -run TestGolden -update` and review the diff\n%s",
				f, golden, firstDiff(got, want), excerpt(got, firstDiff(got, want)))
		}
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func excerpt(b []byte, at int) string {
	lo, hi := max(0, at-120), min(len(b), at+120)
	return string(b[lo:hi])
}
