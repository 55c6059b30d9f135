package pacer

import (
	"os"
	"testing"

	"casetrack/internal/testshared"
	"casetrack/sources"
)

// BenchmarkParseLargestDocket parses utd.html (104 KB, 121 entries), the
// largest real district docket in shared/fixtures. Target: >= 200 dockets/s
// per core. Run: go test ./sources/pacer -run '^$' -bench ParseLargest -cpu 1
func BenchmarkParseLargestDocket(b *testing.B) {
	raw, err := os.ReadFile(testshared.Path(b, "fixtures", "pacer", "district_dockets", "utd.html"))
	if err != nil {
		b.Fatal(err)
	}
	s := newSource(b)
	doc := sources.Document{Body: raw}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Parse(doc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "dockets/s")
}
