package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// The CONSTRUCTED EOUSA releases of sources/eousa (two monthly snapshots of
// the same cases; see sources/eousa/scenario_test.go): six defendants kept,
// the AZ dismissal and the NYE acquittal appear only in August.
const (
	eousaJuly   = "../../sources/eousa/testdata/constructed_JULFY2023"
	eousaAugust = "../../sources/eousa/testdata/constructed_AUGFY2023"
)

func sqlCSV(t *testing.T, db, q string) string {
	t.Helper()
	return mustRun(t, "--db", db, "sql", "--format", "csv", q)
}

func TestImportEOUSAReleasesSnapshotsRevisionsDenominator(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.duckdb")
	out := mustRun(t, "--db", db, "import", eousaJuly)
	if !strings.Contains(out, "eousa JULFY2023: defendants kept 6") || !strings.Contains(out, "documents new 6, updated 0, unchanged 0") {
		t.Fatalf("july: %s", out)
	}
	before := mustRun(t, "--db", db, "export", "events", "--format", "jsonl")
	// The same snapshot again adds nothing.
	out = mustRun(t, "--db", db, "import", eousaJuly)
	if !strings.Contains(out, "eousa JULFY2023: already imported, nothing to do") {
		t.Fatalf("july again: %s", out)
	}
	if after := mustRun(t, "--db", db, "export", "events", "--format", "jsonl"); after != before {
		t.Error("events changed on re-import")
	}
	if got := sqlCSV(t, db, `SELECT count(*) FROM eousa_defendant_snapshots`); got != "count_star()\r\n6\r\n" {
		t.Errorf("snapshot rows after re-import: %q", got)
	}
	// August, together with an ordinary release file: both load in one run.
	out = mustRun(t, "--db", db, "import", eousaAugust, "testdata/good")
	if !strings.Contains(out, "eousa AUGFY2023: defendants kept 6") || !strings.Contains(out, "revisions 2 (outcome changed 2)") ||
		!strings.Contains(out, "documents read 2, new 2") {
		t.Fatalf("august: %s", out)
	}
	if got := sqlCSV(t, db, `SELECT key, prev_snapshot, snapshot, coalesce(prev_disposition, 'pending') AS prev, disposition
		FROM eousa_defendant_revisions ORDER BY key`); got != "key,prev_snapshot,snapshot,prev,disposition\r\n"+
		"AZ:2021R00500:2,JULFY2023,AUGFY2023,pending,DM\r\nNYE:2022R00310:3,JULFY2023,AUGFY2023,pending,NG\r\n" {
		t.Errorf("revisions: %q", got)
	}
	// Events state the newest snapshot; EOUSA events are court-verified, unnamed.
	if got := sqlCSV(t, db, `SELECT count(*) FILTER (WHERE event_type = 'dismissed'), count(*) FILTER (WHERE event_type = 'acquitted'),
		bool_and(court_verified), count(*) FILTER (WHERE defendant IS NOT NULL AND defendant <> '')
		FROM events WHERE source = 'eousa'`); !strings.HasSuffix(got, "\r\n1,1,true,0\r\n") {
		t.Errorf("eousa events: %q", got)
	}
	// The published database went through the link stage and the assertions.
	if got := sqlCSV(t, db, `SELECT count(DISTINCT person_key) FILTER (WHERE caseload), count(*) FILTER (WHERE caseload AND unnamed) FROM tally_facts`); !strings.HasSuffix(got, "\r\n6,0\r\n") {
		t.Errorf("EOUSA people in tally_facts: %q", got)
	}
	// The release tally leaves EOUSA out (no arrests_announced_unnamed, no people).
	tally := mustRun(t, "--db", db, "tally", "--format", "csv", "--by", "agency")
	for _, l := range strings.Split(tally, "\r\n") {
		if strings.HasPrefix(l, "ICE,") || strings.HasPrefix(l, "CBP,") || strings.HasPrefix(l, "ICAC,") {
			t.Errorf("EOUSA agency in the release tally: %s", l)
		}
	}

	// The denominator: ICE (HSI or ERO), child exploitation, per fiscal year.
	den := mustRun(t, "--db", db, "tally", "--preset", "ice-child-exploitation-denominator", "--format", "csv")
	want := "agency,level,category,fiscal_year,eousa_charged,eousa_convicted,eousa_acquitted_or_dismissed,arrests_announced,arrests_announced_unnamed,convictions_announced,share_convictions_announced\r\n" +
		"ICE (HSI or ERO),set,child_exploitation,FY2019,1,0,0,0,0,0,\r\n" +
		"ICE (HSI or ERO),set,child_exploitation,FY2020,0,1,0,0,0,0,0\r\n" +
		"ICE (HSI or ERO),set,child_exploitation,FY2022,1,0,0,0,0,0,\r\n" +
		"ICE (HSI or ERO),set,child_exploitation,FY2023,0,1,0,0,0,0,0\r\n"
	if den != want {
		t.Errorf("denominator:\n%s\nwant\n%s", den, want)
	}
	// --denominator with --agency HSI selects ICE; the table says why.
	table := mustRun(t, "--db", db, "tally", "--denominator", "--agency", "HSI", "--category", "csam_production")
	if !strings.Contains(table, "ICE (HSI or ERO)") || !strings.Contains(table, "FY2023") || !strings.Contains(table, "cannot tell Homeland Security Investigations from Enforcement and Removal Operations") {
		t.Errorf("denominator table:\n%s", table)
	}
	if code, _, errs := casetrack(t, "", "--db", db, "tally", "--denominator", "--by", "year"); code == 0 || !strings.Contains(errs, "do not apply") {
		t.Errorf("--denominator --by year: exit %d %s", code, errs)
	}
}

// zipDir zips one DISKnn directory of a constructed release.
func zipDir(t *testing.T, dir string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(e.Name())
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestRunEOUSADownloadsAndImports serves the August release as zip parts
// from a local stand-in of justice.gov: `run --sources eousa` downloads the
// parts in byte ranges into the release directory (not the raw archive),
// imports them in the same run, and a second run adds nothing.
func TestRunEOUSADownloadsAndImports(t *testing.T) {
	disks, err := os.ReadDir(eousaAugust)
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	var names []string
	for _, d := range disks {
		parts[d.Name()+".zip"] = zipDir(t, filepath.Join(eousaAugust, d.Name()))
		names = append(names, d.Name()+".zip")
	}
	sort.Strings(names)
	var ranged, whole int
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "User-agent: *\nAllow: /\n") })
	mux.HandleFunc("/ncd", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<html><a href="/month/aug-2023">August 2023 data files</a> <a href="/x">July 2023 data files</a></html>`)
	})
	mux.HandleFunc("/month/aug-2023", func(w http.ResponseWriter, r *http.Request) {
		for _, n := range names {
			fmt.Fprintf(w, `<a href="/media/%s">%s</a>`+"\n", n, n)
		}
	})
	mux.HandleFunc("/media/", func(w http.ResponseWriter, r *http.Request) {
		b, ok := parts[strings.TrimPrefix(r.URL.Path, "/media/")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if r.Header.Get("Range") != "" {
			ranged++
		} else {
			whole++
		}
		http.ServeContent(w, r, "part.zip", time.Time{}, bytes.NewReader(b))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	dir := t.TempDir()
	db := filepath.Join(dir, "c.duckdb")
	u, _ := url.Parse(srv.URL + "/ncd")
	args := []string{"--db", db, "run", "--sources", "eousa", "--base-url", "eousa=" + u.String(),
		"--rate", host + "=200", "--contact", "test@example.org"}
	out := mustRun(t, args...)
	if !strings.Contains(out, "eousa: seen 1, new 1") || !strings.Contains(out, "eousa AUGFY2023: defendants kept 6") {
		t.Fatalf("first run: %s", out)
	}
	if ranged != len(names) || whole != 0 {
		t.Errorf("%d ranged and %d whole part requests, want %d ranged", ranged, whole, len(names))
	}
	// Parts are in the release directory with their checksums, once.
	rel := filepath.Join(dir, "raw", "_eousa", "AUGFY2023")
	for _, n := range names {
		if b, err := os.ReadFile(filepath.Join(rel, n)); err != nil || !bytes.Equal(b, parts[n]) {
			t.Errorf("%s not downloaded intact (%v)", n, err)
		}
		if _, err := os.Stat(filepath.Join(rel, n+".sha256")); err != nil {
			t.Errorf("%s: no checksum: %v", n, err)
		}
	}
	var archived int64
	filepath.WalkDir(filepath.Join(dir, "raw", "eousa"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				archived += info.Size()
			}
		}
		return nil
	})
	if archived == 0 || archived > 64<<10 {
		t.Errorf("raw archive of eousa holds %d bytes: the pages only, never the parts", archived)
	}
	if got := sqlCSV(t, db, `SELECT snapshot, url FROM eousa_snapshots`); got != "snapshot,url\r\nAUGFY2023,"+srv.URL+"/month/aug-2023\r\n" {
		t.Errorf("snapshots: %q", got)
	}
	if got := sqlCSV(t, db, `SELECT key, title FROM documents WHERE key LIKE 'release:%'`); !strings.Contains(got, "release:AUGFY2023,EOUSA National Caseload Data AUGFY2023 (August 2023 data files)") {
		t.Errorf("release record: %q", got)
	}
	// Second run: cursor at the newest release, nothing to download or import.
	ranged = 0
	out = mustRun(t, args...)
	if ranged != 0 || strings.Contains(out, "defendants kept") {
		t.Errorf("second run fetched %d ranges: %s", ranged, out)
	}
	// reparse skips the release directory and reads the archived pages as navigation.
	out = mustRun(t, "--db", db, "reparse")
	if !strings.Contains(out, "eousa: documents") || !strings.Contains(out, "failed 0") {
		t.Errorf("reparse: %s", out)
	}
}
