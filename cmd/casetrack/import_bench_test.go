package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"casetrack/internal/testshared"
	"casetrack/pipeline/ingest"
	"casetrack/pipeline/normalize"
	"casetrack/pipeline/store"
)

// writeDOJPages synthesises n DOJ releases as justice.gov API pages of 50
// in dir. The bodies, titles, dates and components are the real ones of the
// 100 releases on the shared 2020 fixture page, reused in turn; only the
// identities are varied (uuid, vuuid and url get a copy number), so every
// release is a distinct document to the store.
func writeDOJPages(tb testing.TB, dir string, n int) {
	tb.Helper()
	raw, err := os.ReadFile(testshared.Path(tb, "fixtures", "doj", "api_v1_press_releases_pagesize100_page0_c2020.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var page struct {
		Metadata json.RawMessage
		Results  []map[string]any
	}
	if err := json.Unmarshal(raw, &page); err != nil {
		tb.Fatal(err)
	}
	if len(page.Results) == 0 {
		tb.Fatal("fixture page has no results")
	}
	const perPage = 50
	for p := 0; p*perPage < n; p++ {
		var results []map[string]any
		for i := p * perPage; i < min(n, (p+1)*perPage); i++ {
			src := page.Results[i%len(page.Results)]
			r := make(map[string]any, len(src))
			for k, v := range src {
				r[k] = v
			}
			copyNo := i / len(page.Results)
			for _, k := range []string{"uuid", "vuuid"} {
				if s, ok := r[k].(string); ok && len(s) >= 8 {
					r[k] = fmt.Sprintf("%08x", copyNo) + s[8:]
				}
			}
			if s, ok := r["url"].(string); ok {
				r["url"] = s + "-copy-" + strconv.Itoa(copyNo)
			}
			results = append(results, r)
		}
		out, err := json.Marshal(map[string]any{
			"metadata": map[string]any{
				"responseInfo": map[string]any{"status": 200, "developerMessage": "OK"},
				"resultset":    map[string]any{"count": n, "pagesize": perPage, "page": p},
			},
			"results": results,
		})
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("press_releases_page%04d.json", p)), out, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkImport10kDOJ runs the whole `casetrack import` (parse, extract,
// load into DuckDB, link, publish) in process over 10,000 DOJ releases
// (real bodies, varied identities: see writeDOJPages) and reports
// documents per second of wall time and of CPU time, and the process's
// peak resident memory during the import (VmHWM, reset before it starts).
// Target (issue 3): ≥ 1,000 docs/s end to end, peak < 400 MB.
//
//	go test ./cmd/casetrack -run '^$' -bench Import10kDOJ -benchtime 1x
func BenchmarkImport10kDOJ(b *testing.B) {
	const n = 10000
	pages := b.TempDir()
	writeDOJPages(b, pages, n)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		db := filepath.Join(b.TempDir(), "bench.duckdb")
		resetPeakRSS()
		cpu0 := processCPU()
		start := time.Now()
		var out, errb bytes.Buffer
		code := run(context.Background(), []string{"--db", db, "import", pages}, strings.NewReader(""), &out, &errb)
		wall := time.Since(start)
		cpu := processCPU() - cpu0
		if code != 0 {
			b.Fatalf("import exit %d: %s %s", code, out.String(), errb.String())
		}
		if !strings.Contains(out.String(), fmt.Sprintf("documents read %d, new %d,", n, n)) {
			b.Fatalf("import: %s", out.String())
		}
		b.ReportMetric(float64(n)/wall.Seconds(), "docs/s")
		if cpu > 0 {
			b.ReportMetric(float64(n)/cpu.Seconds(), "docs/cpu-s")
		}
		if hwm := peakRSS(); hwm > 0 {
			b.ReportMetric(float64(hwm)/(1<<20), "peak-MB")
		}
	}
}

// BenchmarkIngest10kDOJ is the import stage alone over the same 10,000
// releases: read, parse, extract and load into DuckDB through
// ingest.Importer, without the link stage and the publish copy that
// BenchmarkImport10kDOJ includes. The difference between the two is what
// linking costs; with each of the fixture's defendants repeated 100 times,
// linking meets blocks of a hundred events of one person (see the report
// in the README).
func BenchmarkIngest10kDOJ(b *testing.B) {
	const n = 10000
	pages := b.TempDir()
	writeDOJPages(b, pages, n)
	fmts, _, err := formats()
	if err != nil {
		b.Fatal(err)
	}
	norm, err := normalize.New()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ctx := context.Background()
		st, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.duckdb"), store.ReadWrite)
		if err != nil {
			b.Fatal(err)
		}
		resetPeakRSS()
		cpu0 := processCPU()
		start := time.Now()
		im := &ingest.Importer{Store: st, Extractor: norm, Formats: fmts}
		stats, ferrs, err := im.Import(ctx, []string{pages})
		wall := time.Since(start)
		cpu := processCPU() - cpu0
		if err != nil || len(ferrs) > 0 || stats.New != n {
			b.Fatalf("import: %+v %v %v", stats, ferrs, err)
		}
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n)/wall.Seconds(), "docs/s")
		if cpu > 0 {
			b.ReportMetric(float64(n)/cpu.Seconds(), "docs/cpu-s")
		}
		if hwm := peakRSS(); hwm > 0 {
			b.ReportMetric(float64(hwm)/(1<<20), "peak-MB")
		}
	}
}

// resetPeakRSS resets the kernel's high-water mark of resident memory
// (Linux: "5" to /proc/self/clear_refs); without it peakRSS covers the whole
// process life.
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS is VmHWM from /proc/self/status in bytes, 0 when unknown.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(rest)
			if len(f) >= 1 {
				kb, _ := strconv.ParseInt(f[0], 10, 64)
				return kb << 10
			}
		}
	}
	return 0
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
