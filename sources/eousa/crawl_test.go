package eousa

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"casetrack/sources"
)

// The page shapes below are CONSTRUCTED from what NOTES §2 and the
// Deportation Data Project's downloader record about justice.gov: the
// landing page links each month as "<Month> <YYYY> data files"; a month
// page links its parts with text containing "Disk" and "zip". The real
// hrefs are opaque (/media/NNN/dl), so names come from the link text.
const landingHTML = `<html><body><h1>National Caseload Data</h1>
<ul>
<li><a href="/usao/national-caseload-data/2024">FY 2024 annual data files</a></li>
<li><a href="/usao/page/file/111/dl">May 2025 data files</a></li>
<li><a href="month/jul-2025">July <b>2025</b> data files</a></li>
<li><a href="/usao/page/file/222/dl">June 2025 data files</a></li>
<li><a href="/usao/file/787346/dl">LIONS Appendix A code list (pdf)</a></li>
</ul></body></html>`

const monthHTML = `<html><body><h2>July 2025</h2>
<a href="/media/1001/dl?inline">DISK01.zip</a>
<a href="/media/1002/dl?inline">Disk 2 (zip)</a>
<a href="/media/1099/dl?inline">Read me (pdf)</a>
</body></html>`

// httpFetcher is a test Fetcher over the httptest server.
type httpFetcher struct {
	mu       sync.Mutex
	failAt   int // fail the n-th request (1-based); 0 never
	requests []string
}

func (f *httpFetcher) Fetch(ctx context.Context, req *http.Request) (sources.Document, error) {
	f.mu.Lock()
	f.requests = append(f.requests, req.URL.Path+" "+req.Header.Get("Range"))
	n := len(f.requests)
	f.mu.Unlock()
	if f.failAt > 0 && n == f.failAt {
		return sources.Document{}, errors.New("connection reset (simulated)")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return sources.Document{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return sources.Document{}, err
	}
	sum := sha256.Sum256(body)
	return sources.Document{Source: Name, URL: req.URL.String(), FetchedAt: time.Now(), Status: resp.StatusCode,
		ContentType: resp.Header.Get("Content-Type"), Header: resp.Header, Body: body, SHA256: hex.EncodeToString(sum[:])}, nil
}

func (f *httpFetcher) rangeRequests(path string) []string {
	var out []string
	for _, r := range f.requests {
		if strings.HasPrefix(r, path+" ") {
			out = append(out, strings.TrimPrefix(r, path+" "))
		}
	}
	return out
}

func makeZip(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for n, s := range files {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Store})
		io.WriteString(w, s)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func crawlServer(t *testing.T, parts map[string][]byte) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/usao/resources/foia-library/national-caseload-data", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, landingHTML)
	})
	mux.HandleFunc("/usao/resources/foia-library/month/jul-2025", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, monthHTML)
	})
	for path, body := range parts {
		b := body
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			http.ServeContent(w, r, "part.zip", time.Time{}, bytes.NewReader(b))
		})
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestFindReleasesAndParts(t *testing.T) {
	rels, err := FindReleases([]byte(landingHTML), "https://www.justice.gov/usao/resources/foia-library/national-caseload-data")
	if err != nil {
		t.Fatal(err)
	}
	if len(rels) != 3 || rels[0].Snapshot != "JULFY2025" || rels[1].Snapshot != "JUNFY2025" || rels[2].Snapshot != "MAYFY2025" {
		t.Fatalf("releases %+v", rels)
	}
	if rels[0].URL != "https://www.justice.gov/usao/resources/foia-library/month/jul-2025" {
		t.Errorf("relative href resolved to %s", rels[0].URL)
	}
	parts, err := FindParts([]byte(monthHTML), rels[0].URL)
	if err != nil {
		t.Fatal(err)
	}
	if len(parts) != 2 || parts[0].Name != "DISK01.zip" || parts[1].Name != "DISK02.zip" || parts[1].URL != "https://www.justice.gov/media/1002/dl?inline" {
		t.Errorf("parts %+v", parts)
	}
	if SnapshotID(time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC)) != "OCTFY2026" {
		t.Error("October starts the next fiscal year")
	}
}

func TestCrawlDownloadsResumablyWithChecksums(t *testing.T) {
	disk1 := makeZip(t, map[string]string{"README.TXT": strings.Repeat("layout line\n", 40), "gs_case.txt": strings.Repeat("x", 700) + "\n"})
	disk2 := makeZip(t, map[string]string{"JULFY2025_nl_monthly_counts.log": "counts\n"})
	srv := crawlServer(t, map[string][]byte{"/media/1001/dl": disk1, "/media/1002/dl": disk2})
	dir := t.TempDir()
	src := New(Config{BaseURL: srv.URL + "/usao/resources/foia-library/national-caseload-data", Dir: dir, ChunkSize: 256})

	// Run 1 dies in the middle of DISK01 (request 5 = third range request).
	f1 := &httpFetcher{failAt: 5}
	var docs []sources.Document
	emit := func(d sources.Document) error { docs = append(docs, d); return nil }
	cur, err := src.Crawl(context.Background(), f1, "JUNFY2025", emit)
	if err == nil || cur != "JUNFY2025" || len(docs) != 0 {
		t.Fatalf("interrupted crawl: cur %q err %v docs %d", cur, err, len(docs))
	}
	partial, _ := os.ReadFile(filepath.Join(dir, "JULFY2025", "DISK01.zip.part"))
	if len(partial) != 512 {
		t.Fatalf("partial file %d bytes, want the two chunks fetched (512)", len(partial))
	}
	// Corrupt the second chunk on disk: resume must re-fetch from byte 256.
	partial[300] ^= 0xff
	os.WriteFile(filepath.Join(dir, "JULFY2025", "DISK01.zip.part"), partial, 0o644)

	f2 := &httpFetcher{}
	cur, err = src.Crawl(context.Background(), f2, "JUNFY2025", emit)
	if err != nil || cur != "JULFY2025" {
		t.Fatalf("resumed crawl: cur %q err %v", cur, err)
	}
	if got := f2.rangeRequests("/media/1001/dl"); len(got) == 0 || got[0] != "bytes=256-511" {
		t.Errorf("resume started with %v, want bytes=256-511 (first chunk kept, corrupted one re-fetched)", got)
	}
	for name, want := range map[string][]byte{"DISK01.zip": disk1, "DISK02.zip": disk2} {
		got, err := os.ReadFile(filepath.Join(dir, "JULFY2025", name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s differs from the served part (%v)", name, err)
		}
		sum := sha256.Sum256(want)
		side, _ := os.ReadFile(filepath.Join(dir, "JULFY2025", name+".sha256"))
		if !strings.HasPrefix(string(side), hex.EncodeToString(sum[:])) {
			t.Errorf("%s.sha256 = %q", name, side)
		}
	}
	if len(docs) != 1 {
		t.Fatalf("%d documents emitted", len(docs))
	}
	m, err := ParseManifest(docs[0])
	if err != nil || m.Snapshot != "JULFY2025" || len(m.Parts) != 2 || m.Parts[0].Bytes != int64(len(disk1)) {
		t.Errorf("manifest %+v %v", m, err)
	}
	recs, err := src.Parse(docs[0])
	if err != nil || len(recs) != 1 || recs[0].Key != "release:JULFY2025" || !recs[0].Published.Equal(time.Date(2025, 7, 31, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Parse: %+v %v", recs, err)
	}
	// The downloaded directory opens as a release and names its snapshot.
	if rel, err := OpenRelease(filepath.Join(dir, "JULFY2025"), nil); err != nil || rel.Snapshot != "JULFY2025" {
		t.Errorf("OpenRelease on the download: %v", err)
	} else {
		rel.Close()
	}

	// Run 3: cursor already at the newest release: only the landing page is read.
	f3 := &httpFetcher{}
	cur, err = src.Crawl(context.Background(), f3, "JULFY2025", emit)
	if err != nil || cur != "JULFY2025" || len(f3.requests) != 1 {
		t.Errorf("up-to-date crawl: cur %q err %v requests %v", cur, err, f3.requests)
	}
	// Run 4 from an empty cursor: parts verified by checksum, not re-fetched.
	f4 := &httpFetcher{}
	if _, err := src.Crawl(context.Background(), f4, "", emit); err != nil || len(f4.rangeRequests("/media/1001/dl")) != 0 {
		t.Errorf("verified parts re-fetched: %v %v", err, f4.requests)
	}
}

func TestCrawlLayoutErrors(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/ncd", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<html><a href='/x'>Nothing here</a></html>")
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	src := New(Config{BaseURL: srv.URL + "/ncd", Dir: t.TempDir()})
	_, err := src.Crawl(context.Background(), &httpFetcher{}, "", func(sources.Document) error { return nil })
	if !errors.Is(err, sources.ErrLayout) {
		t.Errorf("landing page without releases: %v", err)
	}
	for _, body := range []string{"{}", `{"snapshot": "JULFY2025"}`, "DISK01.zip"} {
		if _, err := src.Parse(sources.Document{Body: []byte(body), ContentType: "application/json"}); !errors.Is(err, sources.ErrLayout) {
			t.Errorf("Parse of a non-manifest %q: %v", body, err)
		}
	}
	// The archived landing and month pages (what reparse hands Parse) are
	// navigation: no records, no error.
	if recs, err := src.Parse(sources.Document{Body: []byte(monthHTML), ContentType: "text/html; charset=UTF-8"}); err != nil || len(recs) != 0 {
		t.Errorf("Parse of a month page: %v %v", recs, err)
	}
}
