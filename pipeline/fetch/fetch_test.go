package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"casetrack/pipeline/archive"
	"casetrack/sources"
)

// fakeClock advances only when the fetcher sleeps, and records the sleeps.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	slept []time.Duration
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if d > 0 {
		c.mu.Lock()
		c.now = c.now.Add(d)
		c.slept = append(c.slept, d)
		c.mu.Unlock()
	}
	return ctx.Err()
}

func (c *fakeClock) total() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	var t time.Duration
	for _, d := range c.slept {
		t += d
	}
	return t
}

// hits counts requests per path.
type hits struct {
	mu sync.Mutex
	n  map[string]int
}

func (h *hits) add(p string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.n == nil {
		h.n = map[string]int{}
	}
	h.n[p]++
	return h.n[p]
}

func (h *hits) get(p string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.n[p]
}

type env struct {
	f     *Fetcher
	arc   *archive.Archive
	clock *fakeClock
	val   *MemValidators
}

func newEnv(t *testing.T, mod func(*Config)) env {
	t.Helper()
	arc, err := archive.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	clock := newFakeClock()
	cfg := Config{
		Contact: "crawler@example.org", Clock: clock, IgnoreRobots: true,
		Jitter:      func() float64 { return 0.5 }, // factor 1.0: back-off exactly base·2^(n-1)
		ReadTimeout: 2 * time.Second, ConnectTimeout: time.Second,
	}
	if mod != nil {
		mod(&cfg)
	}
	val := NewMemValidators(nil)
	f, err := New(cfg, arc, val)
	if err != nil {
		t.Fatal(err)
	}
	return env{f: f, arc: arc, clock: clock, val: val}
}

func (e env) get(t *testing.T, rawURL string) (sources.Document, error) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, rawURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	return e.f.For("testsrc").Fetch(context.Background(), req)
}

func TestArchivesBeforeReturningAndIdentifies(t *testing.T) {
	var ua string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua = r.Header.Get("User-Agent")
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Set-Cookie", "s=1")
		fmt.Fprint(w, `{"ok":true}`)
	}))
	defer srv.Close()
	e := newEnv(t, nil)
	doc, err := e.get(t, srv.URL+"/a?x=1")
	if err != nil {
		t.Fatal(err)
	}
	if ua != "casetrack/0.1 (+mailto:crawler@example.org)" || e.f.UserAgent() != ua {
		t.Errorf("User-Agent %q", ua)
	}
	if doc.Status != 200 || doc.Source != "testsrc" || string(doc.Body) != `{"ok":true}` || doc.ContentType != "application/json" {
		t.Errorf("doc %+v", doc)
	}
	if doc.Header.Get("Set-Cookie") != "" {
		t.Error("cookie kept in document headers")
	}
	back, err := e.arc.Get("testsrc", doc.SHA256)
	if err != nil {
		t.Fatalf("returned document not in the archive: %v", err)
	}
	if string(back.Body) != string(doc.Body) || back.URL != srv.URL+"/a?x=1" {
		t.Errorf("archived %q from %s", back.Body, back.URL)
	}
	if _, err := e.f.Fetch(context.Background(), mustReq(t, srv.URL)); err == nil || !strings.Contains(err.Error(), "no source name") {
		t.Errorf("fetch without a source: %v", err)
	}
}

func mustReq(t *testing.T, u string) *http.Request {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

func TestContactRequired(t *testing.T) {
	arc, _ := archive.New(t.TempDir())
	if _, err := New(Config{}, arc, nil); err == nil {
		t.Error("a fetcher without a contact address was built")
	}
	if _, err := New(Config{Contact: "x@y"}, nil, nil); err == nil {
		t.Error("a fetcher without an archive was built")
	}
}

func TestRateLimitPerHost(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, r.URL.Path) }))
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")

	e := newEnv(t, func(c *Config) { c.Rate = 2 })
	for i := 0; i < 5; i++ {
		if _, err := e.get(t, fmt.Sprintf("%s/p%d", srv.URL, i)); err != nil {
			t.Fatal(err)
		}
	}
	if got := e.clock.total(); got != 2*time.Second {
		t.Errorf("5 requests at 2/s slept %s, want 2s", got)
	}

	e = newEnv(t, func(c *Config) { c.HostRates = map[string]float64{host: 4} })
	for i := 0; i < 5; i++ {
		if _, err := e.get(t, fmt.Sprintf("%s/p%d", srv.URL, i)); err != nil {
			t.Fatal(err)
		}
	}
	if got := e.clock.total(); got != time.Second {
		t.Errorf("5 requests at 4/s slept %s, want 1s", got)
	}
}

func TestRetryAfterThenSuccess(t *testing.T) {
	var h hits
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h.add(r.URL.Path) == 1 {
			w.Header().Set("Retry-After", "7")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		fmt.Fprint(w, "finally")
	}))
	defer srv.Close()
	e := newEnv(t, nil)
	doc, err := e.get(t, srv.URL+"/x")
	if err != nil || string(doc.Body) != "finally" {
		t.Fatalf("doc %q err %v", doc.Body, err)
	}
	if h.get("/x") != 2 {
		t.Errorf("%d requests, want 2", h.get("/x"))
	}
	if got := e.clock.total(); got < 7*time.Second || got > 8*time.Second {
		t.Errorf("slept %s, want the 7s Retry-After (plus at most one rate slot)", got)
	}
}

func TestBackoffOn503(t *testing.T) {
	var h hits
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h.add(r.URL.Path) <= 2 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, "ok")
	}))
	defer srv.Close()
	e := newEnv(t, func(c *Config) { c.Rate = 1000 })
	if _, err := e.get(t, srv.URL+"/x"); err != nil {
		t.Fatal(err)
	}
	// 1s after the first failure, 2s after the second (jitter factor 1.0).
	if got := e.clock.total(); got != 3*time.Second {
		t.Errorf("slept %s (%v), want 3s", got, e.clock.slept)
	}
}

func TestPersistent500GivesUp(t *testing.T) {
	var h hits
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.add(r.URL.Path)
		w.WriteHeader(http.StatusInternalServerError)
	}))
	defer srv.Close()
	e := newEnv(t, func(c *Config) { c.MaxAttempts = 3 })
	_, err := e.get(t, srv.URL+"/x")
	var se *StatusError
	if !errors.As(err, &se) || se.Status != 500 {
		t.Fatalf("err %v, want a StatusError 500", err)
	}
	if h.get("/x") != 3 || !strings.Contains(err.Error(), "after 3 attempts") {
		t.Errorf("%d requests, err %v; want 3", h.get("/x"), err)
	}
	if srcs, _ := e.arc.Sources(); len(srcs) != 0 {
		t.Errorf("error responses archived: %v", srcs)
	}
}

func TestNoRetryOnClientErrors(t *testing.T) {
	var h hits
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.add(r.URL.Path)
		switch r.URL.Path {
		case "/forbidden":
			w.WriteHeader(http.StatusForbidden)
		case "/long-wait":
			w.Header().Set("Retry-After", "86400")
			w.WriteHeader(http.StatusServiceUnavailable)
		default:
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	defer srv.Close()
	e := newEnv(t, nil)
	if _, err := e.get(t, srv.URL+"/forbidden"); !errors.Is(err, sources.ErrBlocked) {
		t.Errorf("403: %v, want ErrBlocked", err)
	}
	_, err := e.get(t, srv.URL+"/missing")
	var se *StatusError
	if !errors.As(err, &se) || se.Status != 404 || errors.Is(err, sources.ErrBlocked) {
		t.Errorf("404: %v", err)
	}
	if _, err := e.get(t, srv.URL+"/long-wait"); err == nil || !strings.Contains(err.Error(), "retry after 24h") {
		t.Errorf("day-long Retry-After: %v", err)
	}
	for _, p := range []string{"/forbidden", "/missing", "/long-wait"} {
		if h.get(p) != 1 {
			t.Errorf("%s requested %d times, want 1", p, h.get(p))
		}
	}
}

func TestRetryAfterDate(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	if got := retryAfter(now.Add(90*time.Second).Format(http.TimeFormat), now); got != 90*time.Second {
		t.Errorf("HTTP-date Retry-After = %s", got)
	}
	if got := retryAfter("garbage", now); got != 0 {
		t.Errorf("garbage = %s", got)
	}
}

func TestReadTimeouts(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	var h hits
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.add(r.URL.Path)
		if r.URL.Path == "/stall-body" {
			w.Header().Set("Content-Length", "100")
			w.Write([]byte("partial"))
			w.(http.Flusher).Flush()
		}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	e := newEnv(t, func(c *Config) { c.ReadTimeout = 80 * time.Millisecond; c.MaxAttempts = 2 })
	_, err := e.get(t, srv.URL+"/no-headers")
	if err == nil || !strings.Contains(err.Error(), "timeout") {
		t.Errorf("slow headers: %v", err)
	}
	_, err = e.get(t, srv.URL+"/stall-body")
	if err == nil || !strings.Contains(err.Error(), "timeout") {
		t.Errorf("stalled body: %v", err)
	}
	if h.get("/no-headers") != 2 || h.get("/stall-body") != 2 {
		t.Errorf("attempts %d / %d, want 2 each (timeouts are retried)", h.get("/no-headers"), h.get("/stall-body"))
	}
}

func TestSizeCap(t *testing.T) {
	var h hits
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.add(r.URL.Path)
		if r.URL.Path == "/chunked" {
			for i := 0; i < 10; i++ {
				w.Write([]byte(strings.Repeat("x", 100)))
				w.(http.Flusher).Flush()
			}
			return
		}
		w.Write([]byte(strings.Repeat("x", 1000)))
	}))
	defer srv.Close()
	e := newEnv(t, func(c *Config) { c.MaxBodyBytes = 500 })
	for _, p := range []string{"/sized", "/chunked"} {
		if _, err := e.get(t, srv.URL+p); !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: %v, want ErrTooLarge", p, err)
		}
		if h.get(p) != 1 {
			t.Errorf("%s retried", p)
		}
	}
}

func TestConditionalGet(t *testing.T) {
	var mu sync.Mutex
	version, sawINM := "v1", ""
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		sawINM = r.Header.Get("If-None-Match")
		etag := `"` + version + `"`
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", "Sat, 28 Feb 2026 10:00:00 GMT")
		if sawINM == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprint(w, "body "+version)
	}))
	defer srv.Close()
	e := newEnv(t, nil)
	first, err := e.get(t, srv.URL+"/r")
	if err != nil || first.Status != 200 {
		t.Fatalf("first %d %v", first.Status, err)
	}
	if v, ok := e.val.Validator(srv.URL + "/r"); !ok || v.ETag != `"v1"` || v.SHA256 != first.SHA256 || v.LastModified == "" {
		t.Errorf("validators %+v", v)
	}
	second, err := e.get(t, srv.URL+"/r")
	if err != nil {
		t.Fatal(err)
	}
	if sawINM != `"v1"` || second.Status != 304 || string(second.Body) != "body v1" || second.SHA256 != first.SHA256 {
		t.Errorf("revalidation: sent %q, got status %d body %q", sawINM, second.Status, second.Body)
	}
	mu.Lock()
	version = "v2"
	mu.Unlock()
	third, err := e.get(t, srv.URL+"/r")
	if err != nil || third.Status != 200 || string(third.Body) != "body v2" {
		t.Errorf("changed resource: %d %q %v", third.Status, third.Body, err)
	}
	if v, _ := e.val.Validator(srv.URL + "/r"); v.SHA256 != third.SHA256 {
		t.Error("validators not updated to the new body")
	}
}

func TestRobots(t *testing.T) {
	var h hits
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.add(r.URL.Path)
		if r.URL.Path == "/robots.txt" {
			fmt.Fprint(w, "User-agent: *\nDisallow: /\n\nUser-agent: casetrack\nDisallow: /private\nAllow: /private/open\nCrawl-delay: 2\n")
			return
		}
		fmt.Fprint(w, "page")
	}))
	defer srv.Close()
	e := newEnv(t, func(c *Config) { c.IgnoreRobots = false; c.Rate = 100 })
	if _, err := e.get(t, srv.URL+"/news/1"); err != nil {
		t.Errorf("allowed path: %v", err)
	}
	if _, err := e.get(t, srv.URL+"/private/secret"); !errors.Is(err, sources.ErrBlocked) {
		t.Errorf("disallowed path: %v, want ErrBlocked", err)
	}
	if _, err := e.get(t, srv.URL+"/private/open/x"); err != nil {
		t.Errorf("longer allow rule: %v", err)
	}
	if h.get("/private/secret") != 0 {
		t.Error("a disallowed URL was requested")
	}
	if h.get("/robots.txt") != 1 {
		t.Errorf("robots.txt fetched %d times, want 1 (cached)", h.get("/robots.txt"))
	}
	// Crawl-delay 2 slows the host below the configured 100/s.
	before := e.clock.total()
	e.get(t, srv.URL+"/news/2")
	e.get(t, srv.URL+"/news/3")
	if got := e.clock.total() - before; got < 2*time.Second {
		t.Errorf("two requests under Crawl-delay 2 slept %s", got)
	}
}

func TestRobotsUnavailable(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, "page")
	}))
	defer srv.Close()
	e := newEnv(t, func(c *Config) { c.IgnoreRobots = false; c.MaxAttempts = 2 })
	if _, err := e.get(t, srv.URL+"/x"); !errors.Is(err, sources.ErrBlocked) || !strings.Contains(err.Error(), "robots.txt unavailable") {
		t.Errorf("robots 503: %v", err)
	}

	missing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, "page")
	}))
	defer missing.Close()
	if _, err := e.get(t, missing.URL+"/x"); err != nil {
		t.Errorf("robots 404 means no restrictions: %v", err)
	}

	// A host that does not answer at all is unreachable, not a publisher's block.
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL
	dead.Close()
	if _, err := e.get(t, deadURL+"/x"); err == nil || errors.Is(err, sources.ErrBlocked) || !strings.Contains(err.Error(), "host unreachable") {
		t.Errorf("dead host: %v", err)
	}
}

func TestParseRobots(t *testing.T) {
	txt := []byte(`# comment
User-agent: Googlebot
Disallow: /

User-agent: *
Disallow: /search
Allow: /search/about$
Disallow: /*.pdf$
Disallow:
`)
	r := parseRobots(txt, "casetrack")
	cases := map[string]bool{
		"/":                            true,
		"/search":                      false,
		"/search?q=x":                  false,
		"/search/about":                true,
		"/search/about/x":              false,
		"/files/report.pdf":            false,
		"/files/report.pdf?download=1": true,
		"/news":                        true,
	}
	for p, want := range cases {
		if got := r.allowed(p); got != want {
			t.Errorf("allowed(%q) = %v, want %v", p, got, want)
		}
	}
	if parseRobots([]byte("User-agent: other\nDisallow: /\n"), "casetrack") != allowAll {
		t.Error("no group for us and no * group should allow all")
	}
	// Consecutive user-agent lines share one group.
	g := parseRobots([]byte("User-agent: a\nUser-agent: casetrack\nDisallow: /x\n"), "casetrack")
	if g.allowed("/x") {
		t.Error("shared group not applied")
	}
}

// A ranged request (a slice of a large file the caller keeps itself) is
// neither archived nor made conditional, and leaves no validators behind;
// its sha256 is still set.
func TestRangedRequestNotArchivedNorConditional(t *testing.T) {
	const file = "0123456789abcdef"
	var mu sync.Mutex
	var sawINM []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		sawINM = append(sawINM, r.Header.Get("If-None-Match"))
		mu.Unlock()
		w.Header().Set("ETag", `"whole"`)
		http.ServeContent(w, r, "f.zip", time.Time{}, strings.NewReader(file))
	}))
	defer srv.Close()
	e := newEnv(t, nil)
	// The whole file once, unranged: archived, validators remembered.
	whole, err := e.get(t, srv.URL+"/f.zip")
	if err != nil || string(whole.Body) != file {
		t.Fatalf("whole: %q %v", whole.Body, err)
	}
	for i, rng := range []string{"bytes=0-3", "bytes=4-7"} {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/f.zip", nil)
		req.Header.Set("Range", rng)
		doc, err := e.f.For("testsrc").Fetch(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		want := file[i*4 : i*4+4]
		if doc.Status != http.StatusPartialContent || string(doc.Body) != want {
			t.Fatalf("%s: status %d body %q, want 206 %q", rng, doc.Status, doc.Body, want)
		}
		if sum := archive.Sum([]byte(want)); doc.SHA256 != sum {
			t.Errorf("%s: sha256 %s, want %s", rng, doc.SHA256, sum)
		}
		if e.arc.Has("testsrc", doc.SHA256) {
			t.Errorf("%s: the slice was archived", rng)
		}
		if doc.Header.Get("Content-Range") == "" {
			t.Errorf("%s: Content-Range not passed on", rng)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(sawINM) != 3 || sawINM[1] != "" || sawINM[2] != "" {
		t.Errorf("If-None-Match sent on ranged requests: %q", sawINM)
	}
	if v, _ := e.val.Validator(srv.URL + "/f.zip"); v.SHA256 != whole.SHA256 {
		t.Errorf("validators overwritten by a slice: %+v", v)
	}
}
