package archive

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"casetrack/internal/testshared"
	"casetrack/sources"
)

func realBody(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(testshared.Path(t, "fixtures", "doj", "api_v1_press_releases_list_example_2024.json"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPutGetRoundTrip(t *testing.T) {
	a, err := New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	body := realBody(t)
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("ETag", `"abc"`)
	h.Set("Authorization", "Bearer secret")
	h.Set("Set-Cookie", "session=secret")
	doc := sources.Document{
		Source: "doj", URL: "https://user:pw@www.justice.gov/api/v1/press_releases.json?page=5&api_key=SECRET",
		Status: 200, FetchedAt: at, Header: h, Body: body,
	}
	got, err := a.Put(doc)
	if err != nil {
		t.Fatal(err)
	}
	sum := Sum(body)
	if got.SHA256 != sum {
		t.Fatalf("sha %s, want %s", got.SHA256, sum)
	}
	if got.Header.Get("Authorization") != "" || got.Header.Get("Set-Cookie") != "" || got.Header.Get("ETag") != `"abc"` {
		t.Errorf("returned headers %v", got.Header)
	}
	gzPath := filepath.Join(a.Root(), "doj", sum[:2], sum+".gz")
	raw, err := os.ReadFile(gzPath)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := io.ReadAll(zr)
	if !bytes.Equal(plain, body) || len(raw) >= len(body) {
		t.Errorf("gz holds %d bytes (compressed %d), want the %d-byte body compressed", len(plain), len(raw), len(body))
	}
	side, err := os.ReadFile(filepath.Join(a.Root(), "doj", sum[:2], sum+".json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"secret", "SECRET", "pw@", "Authorization", "Cookie"} {
		if bytes.Contains(side, []byte(secret)) {
			t.Errorf("sidecar leaks %q:\n%s", secret, side)
		}
	}
	var m Meta
	if err := json.Unmarshal(side, &m); err != nil {
		t.Fatal(err)
	}
	if m.Status != 200 || !m.FetchedAt.Equal(at) || m.Size != int64(len(body)) || m.ContentType != "application/json" ||
		!strings.Contains(m.URL, "page=5") || !strings.Contains(m.URL, "api_key=REDACTED") {
		t.Errorf("sidecar %+v", m)
	}

	back, err := a.Get("doj", sum)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(back.Body, body) || back.SHA256 != sum || back.Status != 200 || !back.FetchedAt.Equal(at) || back.Header.Get("ETag") != `"abc"` {
		t.Errorf("Get returned sha %s status %d at %v etag %q, body equal %v", back.SHA256, back.Status, back.FetchedAt, back.Header.Get("ETag"), bytes.Equal(back.Body, body))
	}
}

func TestPutIdempotent(t *testing.T) {
	a, _ := New(t.TempDir())
	body := realBody(t)
	first := sources.Document{Source: "doj", URL: "https://a/1", Status: 200, FetchedAt: time.Unix(100, 0), Body: body}
	if _, err := a.Put(first); err != nil {
		t.Fatal(err)
	}
	sum := Sum(body)
	metaPath := filepath.Join(a.Root(), "doj", sum[:2], sum+".json")
	before, _ := os.ReadFile(metaPath)
	second := first
	second.URL, second.FetchedAt = "https://a/2", time.Unix(200, 0)
	if _, err := a.Put(second); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(metaPath)
	if !bytes.Equal(before, after) {
		t.Error("second Put of the same bytes rewrote the sidecar")
	}
	var n int
	filepath.WalkDir(a.Root(), func(p string, d os.DirEntry, err error) error {
		if !d.IsDir() {
			n++
		}
		return nil
	})
	if n != 2 {
		t.Errorf("%d files after two Puts of one body, want 2 (body + sidecar)", n)
	}
}

func TestPutRejects(t *testing.T) {
	a, _ := New(t.TempDir())
	for _, src := range []string{"", "../etc", "DOJ", "a/b"} {
		if _, err := a.Put(sources.Document{Source: src, Body: []byte("x")}); err == nil {
			t.Errorf("source %q accepted", src)
		}
	}
	if _, err := a.Put(sources.Document{Source: "doj", Body: []byte("x"), SHA256: Sum([]byte("y"))}); err == nil {
		t.Error("wrong caller-supplied sha accepted")
	}
	if _, err := a.Get("doj", "../../etc/passwd"); err == nil {
		t.Error("non-hash key accepted")
	}
	if _, err := a.Get("doj", Sum([]byte("absent"))); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing entry: %v, want ErrNotFound", err)
	}
}

func TestCorruptionDetected(t *testing.T) {
	a, _ := New(t.TempDir())
	doc, err := a.Put(sources.Document{Source: "ice", URL: "u", Status: 200, Body: []byte("original bytes")})
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("tampered bytes"))
	zw.Close()
	os.WriteFile(filepath.Join(a.Root(), "ice", doc.SHA256[:2], doc.SHA256+".gz"), gz.Bytes(), 0o644)
	if _, err := a.Get("ice", doc.SHA256); err == nil || !strings.Contains(err.Error(), "corrupt") {
		t.Errorf("tampered body: %v", err)
	}
}

func TestWalkOrderAndSources(t *testing.T) {
	a, _ := New(t.TempDir())
	times := []int64{300, 100, 200}
	for i, sec := range times {
		_, err := a.Put(sources.Document{Source: "doj", URL: "u", Status: 200, FetchedAt: time.Unix(sec, 0), Body: []byte{byte('a' + i)}})
		if err != nil {
			t.Fatal(err)
		}
	}
	a.Put(sources.Document{Source: "ice", URL: "u", Status: 200, Body: []byte("ice")})
	// An incomplete entry (body without sidecar) is invisible.
	orphan := Sum([]byte("orphan"))
	os.MkdirAll(filepath.Join(a.Root(), "doj", orphan[:2]), 0o755)
	os.WriteFile(filepath.Join(a.Root(), "doj", orphan[:2], orphan+".gz"), []byte("x"), 0o644)

	var got []string
	err := a.Walk(context.Background(), "doj", func(d sources.Document) error {
		got = append(got, string(d.Body))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, "") != "bca" {
		t.Errorf("walk order %q, want oldest fetch first (bca)", got)
	}
	srcs, _ := a.Sources()
	if strings.Join(srcs, ",") != "doj,ice" {
		t.Errorf("sources %v", srcs)
	}
	if err := a.Walk(context.Background(), "pacer", func(sources.Document) error { t.Error("doc from empty source"); return nil }); err != nil {
		t.Errorf("walk of an absent source: %v", err)
	}
	stop := errors.New("stop")
	if err := a.Walk(context.Background(), "doj", func(sources.Document) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("walk did not return fn's error: %v", err)
	}
}

func TestSafeURL(t *testing.T) {
	cases := map[string]string{
		"https://u:p@h/x?token=abc&page=2": "https://h/x?page=2&token=REDACTED",
		"https://h/x?page=2":               "https://h/x?page=2",
		"https://h/x?Authorization=1":      "https://h/x?Authorization=REDACTED",
	}
	for in, want := range cases {
		if got := SafeURL(in); got != want {
			t.Errorf("SafeURL(%q) = %q, want %q", in, got, want)
		}
	}
}
