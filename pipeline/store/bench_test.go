package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"casetrack/pipeline/normalize"
	"casetrack/sources"
)

// BenchmarkLoadEvents measures the rate at which events go into DuckDB
// through Load (target ≥ 400,000 events/s). Each op loads 20,000 documents
// with 10 events each into a fresh database file.
func BenchmarkLoadEvents(b *testing.B) {
	const docs, perDoc, batch = 20000, 10, 20000
	items := make([]Item, docs)
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range items {
		evs := make([]normalize.Event, perDoc)
		for j := range evs {
			evs[j] = normalize.Event{Type: normalize.EventTypes[j%4], Defendant: fmt.Sprintf("Person %d-%d", i, j),
				PersonCount: 1, Date: day.AddDate(0, 0, i%700), Statutes: []string{"18 U.S.C. 2252A(a)(2)"},
				Categories: []string{"csam_distribution_receipt"}, Agencies: []string{"HSI", "STATE_LOCAL"},
				District: "S.D. Tex.", Evidence: "Person was sentenced to 120 months in federal prison.",
				EvidenceStart: 10, EvidenceEnd: 60, SentenceKind: normalize.SentencePrison, SentenceMonths: 120}
		}
		items[i] = Item{Record: sources.Record{Source: "bench", Key: fmt.Sprint(i), URL: fmt.Sprintf("https://example.test/%d", i),
			Publisher: "USAO", Published: day, Title: "Title", Body: "Body text of the release."}, Events: evs}
	}
	ctx := context.Background()
	b.ResetTimer()
	var elapsed time.Duration
	for n := 0; n < b.N; n++ {
		b.StopTimer()
		s, err := Open(ctx, filepath.Join(b.TempDir(), "bench.duckdb"), ReadWrite)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		for i := 0; i < docs; i += batch {
			if _, err := s.Load(ctx, 1, items[i:i+batch]); err != nil {
				b.Fatal(err)
			}
		}
		elapsed += time.Since(start)
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(docs*perDoc*b.N)/elapsed.Seconds(), "events/s")
}
