package normalize_test

import (
	"syscall"
	"testing"
	"time"

	"casetrack/internal/testshared"
	"casetrack/internal/testshared/dojpage"
	"casetrack/pipeline/normalize"
)

// BenchmarkEvents measures extraction alone over the 964 real ICE release
// bodies; releases/s is reported per run (one core: go test -cpu 1).
func BenchmarkEvents(b *testing.B) {
	recs := testshared.ICEFullRecords(b)
	n, err := normalize.New()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	b.ReportAllocs()
	start := time.Now()
	cpu0 := cpuTime()
	docs := 0
	for i := 0; i < b.N; i++ {
		r := recs[i%len(recs)]
		_ = n.Events(r)
		docs++
	}
	b.ReportMetric(float64(docs)/time.Since(start).Seconds(), "releases/s")
	// the machine is shared: CPU time per release is the steadier figure
	if used := cpuTime() - cpu0; used > 0 {
		b.ReportMetric(float64(docs)/used.Seconds(), "releases/cpu-s")
	}
}

// cpuTime is the process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestICEFullInvariants runs every real ICE body through Events: evidence
// offsets point into the body, counts and categories are well formed.
func TestICEFullInvariants(t *testing.T) {
	recs := testshared.ICEFullRecords(t)
	n, err := normalize.New()
	if err != nil {
		t.Fatal(err)
	}
	valid := map[string]bool{}
	for _, c := range []string{"sex_trafficking_minor", "sex_trafficking_force_fraud_coercion", "sex_trafficking_conspiracy",
		"forced_labor", "csam_production", "csam_distribution_receipt", "csam_possession", "enticement_minor",
		"transportation_minor", "travel_illicit_sexual_conduct", "sexual_abuse_minor", "alien_smuggling",
		"immigration_violation", "other"} {
		valid[c] = true
	}
	total := 0
	for _, r := range recs {
		for _, e := range n.Events(r) {
			total++
			if r.Body[e.EvidenceStart:e.EvidenceEnd] != e.Evidence {
				t.Fatalf("%s: evidence offsets wrong", r.URL)
			}
			if e.PersonCount < 1 || (e.Defendant != "" && e.PersonCount != 1) {
				t.Errorf("%s: person count %d for %q", r.URL, e.PersonCount, e.Defendant)
			}
			if len(e.Categories) == 0 {
				t.Errorf("%s: %s %q has no category", r.URL, e.Type, e.Defendant)
			}
			for _, c := range e.Categories {
				if !valid[c] {
					t.Errorf("%s: category %q", r.URL, c)
				}
			}
		}
	}
	t.Logf("%d events from %d releases", total, len(recs))
	if total < len(recs)/4 {
		t.Errorf("only %d events from %d releases", total, len(recs))
	}
}

// BenchmarkEventsDOJ measures extraction over the 100 real DOJ release
// bodies of the 2020 API page (longer than ICE's).
func BenchmarkEventsDOJ(b *testing.B) {
	recs := dojpage.Records(b)
	n, err := normalize.New()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	b.ReportAllocs()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		_ = n.Events(recs[i%len(recs)])
	}
	if used := cpuTime() - cpu0; used > 0 {
		b.ReportMetric(float64(b.N)/used.Seconds(), "releases/cpu-s")
	}
}
