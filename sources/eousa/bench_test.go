package eousa

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"casetrack/sources"
)

// genBenchRelease writes a CONSTRUCTED release of nCases cases (about
// 4.3 KB of needed tables per case, in the row mix of SEPFY2018: ~2.7
// participants, 1.4 court stages, 1.2 counts, 1.7 per-defendant counts
// per case) laid out with the fallback layout, with no README (so the
// fallback is what the decoder uses). match is the share of cases whose
// counts touch the charge set. It returns the bytes written.
func genBenchRelease(tb testing.TB, dir string, nCases int, match float64) int64 {
	tb.Helper()
	l, err := DefaultLayout()
	if err != nil {
		tb.Fatal(err)
	}
	type out struct {
		f *os.File
		w *bufio.Writer
		t *Table
	}
	outs := map[string]*out{}
	open := func(name, table string) *out {
		if o := outs[name]; o != nil {
			return o
		}
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			tb.Fatal(err)
		}
		o := &out{f, bufio.NewWriterSize(f, 1<<20), l[table]}
		outs[name] = o
		return o
	}
	put := func(name, table string, v vals) {
		o := open(name, table)
		rec, err := buildRecord(o.t, v)
		if err != nil {
			tb.Fatal(err)
		}
		o.w.Write(rec)
		o.w.WriteByte('\n')
	}
	rng := rand.New(rand.NewPCG(1, 2))
	dists := []string{"AZ", "TXS", "TXW", "CAS", "FLM", "FLS", "NYE", "NYS", "PR", "NMI"}
	other := []string{"21 :00841a1", "18 :00922g1", "18 :01343", "21 :00846", "18 :01028Aa1"}
	hits := []string{"18 :2252Aa2", "08 :01326a", "08 :01324a1Aii", "18 :02422b", "18 :01591a1"}
	for i := 0; i < nCases; i++ {
		dist := dists[i%len(dists)]
		cid := fmt.Sprintf("20%02dR%05d", 10+i%14, i)
		charge := other[rng.IntN(len(other))]
		if rng.Float64() < match {
			charge = hits[rng.IntN(len(hits))]
		}
		put("gs_case.txt", "GS_CASE", vals{"DISTRICT": dist, "ID": cid, "CLASS": "R", "RECVD_DATE": "14-MAR-2019", "US_ROLE": "P", "LEAD_CHARGE": charge, "STATUS": "C", "CLOSE_DATE": "16-JAN-2020"})
		put("gs_case_prog_cat.txt", "GS_CASE_PROG_CAT", vals{"DISTRICT": dist, "CASEID": cid, "PROG_CAT": "090", "ID": "1"})
		pfile := "gs_participant_" + dist + ".txt"
		put(pfile, "GS_PARTICIPANT", vals{"DISTRICT": dist, "CASEID": cid, "ID": "1", "TYPE": "A", "ROLE": "IN", "AGENCY": "HSCE", "SYS_INIT_DATE": "14-MAR-2019"})
		nDef := 1 + rng.IntN(2)
		for p := 2; p < 2+nDef; p++ {
			pid := fmt.Sprint(p)
			put(pfile, "GS_PARTICIPANT", vals{"DISTRICT": dist, "CASEID": cid, "ID": pid, "TYPE": "I", "ROLE": "D", "DEFEND_NUM": fmt.Sprint(p - 1), "SYS_INIT_DATE": "14-MAR-2019"})
			put("gs_part_court.txt", "GS_PART_COURT", vals{"DISTRICT": dist, "CASEID": cid, "PARTID": pid, "CRTHISID": "1", "DISPOSITION": "GT", "DISP_REASON": "PLED", "DISP_DATE": "16-JAN-2020"})
			put("gs_part_count.txt", "GS_PART_COUNT", vals{"DISTRICT": dist, "CASEID": cid, "PARTID": pid, "CRTHISID": "1", "INSTID": "1", "CHARGE": charge, "CATEGORY": "F", "COUNTID": "1", "DISPOSITION": "GT", "DISP_REASON": "PLED", "DISP_DATE": "16-JAN-2020"})
			if rng.IntN(3) == 0 {
				put("gs_sentence.txt", "GS_SENTENCE", vals{"DISTRICT": dist, "CASEID": cid, "PARTID": pid, "SENT_DATE": "16-JAN-2020", "INCAR_MONTHS": "97"})
			}
		}
		put("gs_agent.txt", "GS_AGENT", vals{"DISTRICT": dist, "CASEID": cid, "PARTID": "1", "ID": "1", "LEAD_AGENT": "Y"})
		put("gs_court_hist.txt", "GS_COURT_HIST", vals{"DISTRICT": dist, "CASEID": cid, "ID": "1", "COURT": "DC", "COURT_NUMBER": "19-CR-00145", "FILING_DATE": "10-APR-2019", "DISPOSITION": "GT", "DISP_DATE": "16-JAN-2020", "DISP_REASON1": "PLED"})
		put("gs_instrument.txt", "GS_INSTRUMENT", vals{"DISTRICT": dist, "CASEID": cid, "CRTHISID": "1", "ID": "1", "TYPE": "IN", "FILING_DATE": "10-APR-2019"})
		put("gs_count.txt", "GS_COUNT", vals{"DISTRICT": dist, "CASEID": cid, "CRTHISID": "1", "INSTID": "1", "CHARGE": charge, "CATEGORY": "F", "ID": "1"})
	}
	var total int64
	for _, o := range outs {
		if err := o.w.Flush(); err != nil {
			tb.Fatal(err)
		}
		st, _ := o.f.Stat()
		total += st.Size()
		o.f.Close()
	}
	return total
}

// BenchmarkDecode measures Decode on a constructed release of realistic
// row mix: b.SetBytes is the bytes Decode actually scans (both passes),
// so MB/s is decode throughput on one goroutine. Run:
//
//	go test -run '^$' -bench Decode -benchtime 3x -cpu 1 ./sources/eousa/
func BenchmarkDecode(b *testing.B) {
	dir := b.TempDir()
	size := genBenchRelease(b, dir, 60000, 0.1)
	rel, err := OpenRelease(dir, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer rel.Close()
	refs, err := LoadRefs()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	var st Stats
	var peak uint64
	for i := 0; i < b.N; i++ {
		n := 0
		st, err = Decode(context.Background(), rel, Options{Snapshot: "SEPFY2018", Refs: refs}, func(d Defendant) error {
			n++
			if n%2000 == 0 {
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(st.Bytes)
	}
	b.ReportMetric(float64(size)/1e6, "release-MB")
	b.ReportMetric(float64(st.Defendants), "defendants")
	b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
}

// BenchmarkDecodeZip is BenchmarkDecode on the same kind of release packed
// into one deflated zip part, as justice.gov ships it: the figure includes
// decompressing every member read (twice for the selection tables).
func BenchmarkDecodeZip(b *testing.B) {
	src := filepath.Join(b.TempDir(), "DISK01")
	if err := os.Mkdir(src, 0o755); err != nil {
		b.Fatal(err)
	}
	genBenchRelease(b, src, 20000, 0.1)
	dst := filepath.Join(b.TempDir(), "SEPFY2018")
	if err := os.Mkdir(dst, 0o755); err != nil {
		b.Fatal(err)
	}
	zipRelease(b, filepath.Dir(src), dst)
	rel, err := OpenRelease(dst, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer rel.Close()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		st, err := Decode(context.Background(), rel, Options{}, func(Defendant) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(st.Bytes)
	}
}

// BenchmarkRecords is BenchmarkDecode through Open and Records: the stream
// the importer reads, each kept defendant rendered as a Record (body lines,
// caseload part, docket view). The difference from BenchmarkDecode is what
// the records cost.
//
//	go test -run '^$' -bench Records -benchtime 3x -cpu 1 ./sources/eousa/
func BenchmarkRecords(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "SEPFY2018")
	if err := os.Mkdir(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	genBenchRelease(b, dir, 60000, 0.1)
	refs, err := LoadRefs()
	if err != nil {
		b.Fatal(err)
	}
	rel, err := OpenWith(dir, Options{Refs: refs})
	if err != nil {
		b.Fatal(err)
	}
	defer rel.Close()
	b.ReportAllocs()
	b.ResetTimer()
	var st sources.ReleaseStats
	for i := 0; i < b.N; i++ {
		st, err = rel.Records(context.Background(), func(sources.Record) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(st.Bytes)
	}
	b.ReportMetric(float64(st.Kept), "records")
}
