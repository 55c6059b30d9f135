package doj

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"casetrack/internal/replay"
	"casetrack/internal/testshared"
	"casetrack/pipeline/archive"
	"casetrack/pipeline/fetch"
	"casetrack/sources"
)

// The crawl tests replay pages built from the REAL releases of the two DOJ
// fixtures: the 100 releases of the 2020 page re-ordered newest-changed
// first (what sort=changed&direction=DESC returns) and cut into pages, and
// the two 2024 releases as "new since yesterday". Only the envelopes and
// the order are made up, which the tests need in order to page.

type release struct {
	raw     json.RawMessage
	changed int64
	uuid    string
}

func realReleases(t *testing.T, name string) []release {
	t.Helper()
	b, err := os.ReadFile(testshared.Path(t, "fixtures", "doj", name))
	if err != nil {
		t.Fatal(err)
	}
	var page struct {
		Results []json.RawMessage `json:"results"`
	}
	if err := json.Unmarshal(b, &page); err != nil {
		t.Fatal(err)
	}
	out := make([]release, len(page.Results))
	for i, raw := range page.Results {
		var r apiRelease
		if err := json.Unmarshal(raw, &r); err != nil {
			t.Fatal(err)
		}
		out[i] = release{raw: raw, changed: r.Changed.Unix(), uuid: string(r.UUID)}
	}
	return out
}

// sorted2020 returns the 2020 releases newest-changed first.
func sorted2020(t *testing.T) []release {
	rs := realReleases(t, "api_v1_press_releases_pagesize100_page0_c2020.json")
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].changed > rs[j].changed })
	return rs
}

// pageBody wraps releases in the API envelope (2024 style: string counts).
func pageBody(rs []release, count, pagesize, page int) []byte {
	raws := make([]json.RawMessage, len(rs))
	for i, r := range rs {
		raws[i] = r.raw
	}
	b, _ := json.Marshal(map[string]any{
		"metadata": map[string]any{
			"responseInfo": map[string]any{"status": 200},
			"resultset":    map[string]any{"count": strconv.Itoa(count), "pagesize": strconv.Itoa(pagesize), "page": page},
		},
		"results": raws,
	})
	return b
}

func pageURL(page, size int) string {
	return fmt.Sprintf("/api/v1/press_releases.json?sort=changed&direction=DESC&pagesize=%d&page=%d", size, page)
}

var allowRobots = replay.Exchange{URL: "/robots.txt", Body: []byte("User-agent: *\nAllow: /\n"), Times: -1}

type fakeClock struct {
	mu  sync.Mutex
	now time.Time
	d   time.Duration
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if d > 0 {
		c.now, c.d = c.now.Add(d), c.d+d
	}
	return ctx.Err()
}

type crawlEnv struct {
	src   *Source
	f     *fetch.Fetcher
	arc   *archive.Archive
	clock *fakeClock
	srv   *replay.Server
	docs  []sources.Document
}

func newCrawlEnv(t *testing.T, cfg Config, fcfg func(*fetch.Config), exs ...replay.Exchange) *crawlEnv {
	t.Helper()
	srv := replay.New(t, exs...)
	cfg.BaseURL = srv.URL
	src, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	arc, err := archive.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	clock := &fakeClock{now: time.Date(2026, 3, 1, 2, 0, 0, 0, time.UTC)}
	fc := fetch.Config{
		Contact: "ops@example.org", Clock: clock, Rate: DefaultRate,
		Jitter: func() float64 { return 0.5 }, ReadTimeout: 5 * time.Second,
	}
	if fcfg != nil {
		fcfg(&fc)
	}
	f, err := fetch.New(fc, arc, fetch.NewMemValidators(nil))
	if err != nil {
		t.Fatal(err)
	}
	return &crawlEnv{src: src, f: f, arc: arc, clock: clock, srv: srv}
}

func (e *crawlEnv) crawl(cur sources.Cursor) (sources.Cursor, error) {
	e.docs = nil
	return e.src.Crawl(context.Background(), e.f.For(Name), cur, func(d sources.Document) error {
		e.docs = append(e.docs, d)
		return nil
	})
}

// keys parses every emitted page and returns the release keys in order.
func (e *crawlEnv) keys(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, d := range e.docs {
		recs, err := Parse(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			out = append(out, r.Key)
		}
	}
	return out
}

func cursorOf(c int64) sources.Cursor { return sources.Cursor(strconv.FormatInt(c, 10)) }

func TestCrawlFirstRunThenIncremental(t *testing.T) {
	rs := sorted2020(t)
	since := time.Date(2009, 1, 1, 0, 0, 0, 0, time.UTC) // older than every release
	day1 := newCrawlEnv(t, Config{Since: since}, nil,
		allowRobots,
		replay.Exchange{URL: pageURL(0, 50), Body: pageBody(rs[:50], 100, 50, 0)},
		replay.Exchange{URL: pageURL(1, 50), Body: pageBody(rs[50:], 100, 50, 1)},
	)
	cur, err := day1.crawl("")
	if err != nil {
		t.Fatal(err)
	}
	if cur != cursorOf(rs[0].changed) {
		t.Errorf("cursor %s, want the highest changed %d", cur, rs[0].changed)
	}
	if len(day1.docs) != 2 || len(day1.srv.Unused()) != 0 {
		t.Errorf("emitted %d pages, unused exchanges %v", len(day1.docs), day1.srv.Unused())
	}
	if got := day1.keys(t); len(got) != 100 || got[0] != rs[0].uuid || got[99] != rs[99].uuid {
		t.Errorf("got %d releases", len(got))
	}
	for _, d := range day1.docs {
		if d.Source != Name || d.Status != 200 || !day1.arc.Has(Name, d.SHA256) {
			t.Errorf("page %s: source %q status %d archived %v", d.URL, d.Source, d.Status, day1.arc.Has(Name, d.SHA256))
		}
	}

	// Day 2: two releases changed since (the real 2024 ones) sit on top.
	fresh := realReleases(t, "api_v1_press_releases_list_example_2024.json")
	top := append(append([]release{}, fresh...), rs[:48]...)
	day2 := newCrawlEnv(t, Config{Since: since}, nil,
		allowRobots,
		replay.Exchange{URL: pageURL(0, 50), Body: pageBody(top, 102, 50, 0), Times: 2},
		replay.Exchange{URL: pageURL(1, 50), Body: pageBody(rs[48:98], 102, 50, 1)},
	)
	cur2, err := day2.crawl(cur)
	if err != nil {
		t.Fatal(err)
	}
	if cur2 != "1723070753" {
		t.Errorf("incremental cursor %s, want 1723070753 (Idaho release changed 2024-08-07T22:45:53Z)", cur2)
	}
	// Page 0 mixes new and old, so page 1 (all old) is read and ends the crawl.
	if len(day2.docs) != 2 || day2.srv.Count("GET", pageURL(2, 50)) != 0 {
		t.Errorf("day 2 emitted %d pages; requests %v", len(day2.docs), day2.srv.Requests())
	}
	if got := day2.keys(t); got[0] != "edd715cc-54ac-4dfc-a206-4671e6a7441d" || got[1] != "98baba74-8922-41de-95f1-73a82695a3d1" {
		t.Errorf("new releases not first: %v", got[:2])
	}

	// Day 3: nothing new; page 0 is all at or before the cursor.
	cur3, err := day2.crawl(cur2)
	if err != nil || cur3 != cur2 || len(day2.docs) != 1 {
		t.Errorf("day 3: cursor %s err %v pages %d; want unchanged cursor after one page", cur3, err, len(day2.docs))
	}
}

func TestCrawlSinceBound(t *testing.T) {
	rs := sorted2020(t)
	// Pick a boundary between two distinct changed times at or after index
	// 59 (76 releases share one changed second, so it lands at 81).
	i := 59
	for rs[i].changed == rs[i+1].changed {
		i++
	}
	since := time.Unix(rs[i].changed, 0) // rs[i] is not older than since; rs[i+1] is
	const size = 10
	var exs []replay.Exchange
	last := (i + size) / size // the first page made only of old releases: ceil((i+1)/size)
	if last*size >= len(rs) {
		t.Fatalf("boundary %d leaves no all-old page", i)
	}
	for p := 0; p <= last; p++ {
		exs = append(exs, replay.Exchange{URL: pageURL(p, size), Body: pageBody(rs[p*size:min((p+1)*size, len(rs))], 145012, size, p)})
	}
	e := newCrawlEnv(t, Config{Since: since, PageSize: size}, func(c *fetch.Config) { c.IgnoreRobots = true }, exs...)
	cur, err := e.crawl("")
	if err != nil {
		t.Fatal(err)
	}
	if len(e.docs) != last+1 || len(e.srv.Unused()) != 0 {
		t.Errorf("emitted %d pages, want %d; unused %v", len(e.docs), last+1, e.srv.Unused())
	}
	if cur != cursorOf(rs[0].changed) {
		t.Errorf("cursor %s", cur)
	}
}

func TestCrawlLastPage(t *testing.T) {
	rs := sorted2020(t)
	noRobots := func(c *fetch.Config) { c.IgnoreRobots = true }
	old := Config{Since: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)}

	// A short page ends the crawl even when the count says there is more.
	short := newCrawlEnv(t, old, noRobots,
		replay.Exchange{URL: pageURL(0, 50), Body: pageBody(rs[:50], 145012, 50, 0)},
		replay.Exchange{URL: pageURL(1, 50), Body: pageBody(rs[50:80], 145012, 50, 1)},
	)
	if _, err := short.crawl(""); err != nil || len(short.docs) != 2 {
		t.Errorf("short last page: %d pages, err %v", len(short.docs), err)
	}

	// An empty page ends it too, and is not emitted.
	empty := newCrawlEnv(t, old, noRobots,
		replay.Exchange{URL: pageURL(0, 50), Body: pageBody(rs[:50], 1000, 50, 0)},
		replay.Exchange{URL: pageURL(1, 50), Body: pageBody(rs[50:], 1000, 50, 1)},
		replay.Exchange{URL: pageURL(2, 50), Body: pageBody(nil, 1000, 50, 2)},
	)
	cur, err := empty.crawl("")
	if err != nil || len(empty.docs) != 2 || cur != cursorOf(rs[0].changed) {
		t.Errorf("empty last page: %d pages, cursor %s, err %v", len(empty.docs), cur, err)
	}

	// An empty FIRST page is an error: the API always holds releases.
	none := newCrawlEnv(t, old, noRobots, replay.Exchange{URL: pageURL(0, 50), Body: pageBody(nil, 0, 50, 0)})
	if cur, err := none.crawl("1400000000"); !errors.Is(err, sources.ErrEmpty) || cur != "1400000000" {
		t.Errorf("empty first page: cursor %s err %v", cur, err)
	}
}

func TestCrawl429ThenSuccess(t *testing.T) {
	rs := sorted2020(t)
	e := newCrawlEnv(t, Config{Since: time.Unix(0, 0)}, nil,
		allowRobots,
		replay.Exchange{URL: pageURL(0, 50), Status: 429, Header: map[string]string{"Retry-After": "5"}},
		replay.Exchange{URL: pageURL(0, 50), Body: pageBody(rs[:50], 50, 50, 0)},
	)
	cur, err := e.crawl("")
	if err != nil {
		t.Fatal(err)
	}
	if cur != cursorOf(rs[0].changed) || len(e.docs) != 1 {
		t.Errorf("cursor %s pages %d", cur, len(e.docs))
	}
	if e.clock.d < 5*time.Second {
		t.Errorf("waited %s, want at least the 5s Retry-After", e.clock.d)
	}
	if e.srv.Count("GET", pageURL(0, 50)) != 2 {
		t.Errorf("requests %v", e.srv.Requests())
	}
}

func TestCrawlPersistent500KeepsCursor(t *testing.T) {
	rs := sorted2020(t)
	e := newCrawlEnv(t, Config{}, func(c *fetch.Config) { c.MaxAttempts = 3; c.IgnoreRobots = true },
		replay.Exchange{URL: pageURL(0, 50), Body: pageBody(rs[:50], 100, 50, 0)},
		replay.Exchange{URL: pageURL(1, 50), Status: 500, Times: -1},
	)
	const before = sources.Cursor("1000000000")
	cur, err := e.crawl(before)
	var se *fetch.StatusError
	if !errors.As(err, &se) || se.Status != 500 || !strings.Contains(err.Error(), "doj page 1") {
		t.Fatalf("err %v, want HTTP 500 on page 1", err)
	}
	if cur != before {
		t.Errorf("cursor moved to %s on a failed crawl", cur)
	}
	if len(e.docs) != 1 || e.srv.Count("GET", pageURL(1, 50)) != 3 {
		t.Errorf("emitted %d pages; page 1 tried %d times, want 3", len(e.docs), e.srv.Count("GET", pageURL(1, 50)))
	}
}

func TestCrawlTruncatedJSON(t *testing.T) {
	rs := sorted2020(t)
	good := pageBody(rs[50:], 100, 50, 1)
	e := newCrawlEnv(t, Config{}, func(c *fetch.Config) { c.IgnoreRobots = true; c.MaxAttempts = 2 },
		replay.Exchange{URL: pageURL(0, 50), Body: pageBody(rs[:50], 100, 50, 0)},
		// The server sends a complete response whose JSON is cut short.
		replay.Exchange{URL: pageURL(1, 50), Body: good[:len(good)/3]},
	)
	cur, err := e.crawl("1000000000")
	if !errors.Is(err, sources.ErrLayout) || cur != "1000000000" || len(e.docs) != 1 {
		t.Errorf("truncated JSON: cursor %s, pages %d, err %v", cur, len(e.docs), err)
	}
	metas, _ := e.arc.List(Name)
	if len(metas) != 2 {
		t.Errorf("archive holds %d bodies, want both pages (the broken one for inspection)", len(metas))
	}

	// A transfer cut off mid-body is a network error: retried, then fatal.
	cut := newCrawlEnv(t, Config{}, func(c *fetch.Config) { c.IgnoreRobots = true; c.MaxAttempts = 2 },
		replay.Exchange{URL: pageURL(0, 50), Body: good, TruncateAt: 1000, Times: 2},
	)
	if cur, err := cut.crawl("1000000000"); err == nil || cur != "1000000000" || len(cut.docs) != 0 {
		t.Errorf("cut transfer: cursor %s, pages %d, err %v", cur, len(cut.docs), err)
	}
	if metas, _ := cut.arc.List(Name); len(metas) != 0 {
		t.Error("a partial transfer was archived")
	}
}

func TestCrawlSlowServer(t *testing.T) {
	rs := sorted2020(t)
	e := newCrawlEnv(t, Config{}, func(c *fetch.Config) {
		c.IgnoreRobots = true
		c.MaxAttempts = 2
		c.ReadTimeout = 60 * time.Millisecond
	},
		replay.Exchange{URL: pageURL(0, 50), Body: pageBody(rs[:50], 100, 50, 0), Delay: 2 * time.Second, Times: 2},
	)
	cur, err := e.crawl("1000000000")
	if err == nil || !strings.Contains(err.Error(), "timeout") || cur != "1000000000" || len(e.docs) != 0 {
		t.Errorf("slow server: cursor %s, pages %d, err %v", cur, len(e.docs), err)
	}
}

func TestCrawlRobotsDisallow(t *testing.T) {
	e := newCrawlEnv(t, Config{}, nil,
		replay.Exchange{URL: "/robots.txt", Body: []byte("User-agent: *\nDisallow: /api/\n")},
	)
	if cur, err := e.crawl(""); !errors.Is(err, sources.ErrBlocked) || cur != "" {
		t.Errorf("robots disallow: cursor %q err %v", cur, err)
	}
}

func TestCrawlEmitErrorAndBadCursor(t *testing.T) {
	rs := sorted2020(t)
	e := newCrawlEnv(t, Config{}, func(c *fetch.Config) { c.IgnoreRobots = true },
		replay.Exchange{URL: pageURL(0, 50), Body: pageBody(rs[:50], 100, 50, 0)},
	)
	boom := errors.New("store is full")
	cur, err := e.src.Crawl(context.Background(), e.f.For(Name), "1000000000", func(sources.Document) error { return boom })
	if !errors.Is(err, boom) || cur != "1000000000" {
		t.Errorf("emit error: cursor %s err %v", cur, err)
	}
	if _, err := e.crawl("yesterday"); err == nil || len(e.srv.Requests()) != 1 {
		t.Errorf("bad cursor: err %v after %d requests", err, len(e.srv.Requests()))
	}
}

func TestCrawlMaxPages(t *testing.T) {
	rs := sorted2020(t)
	e := newCrawlEnv(t, Config{MaxPages: 1}, func(c *fetch.Config) { c.IgnoreRobots = true },
		replay.Exchange{URL: pageURL(0, 50), Body: pageBody(rs[:50], 100, 50, 0)},
	)
	if cur, err := e.crawl("1000000000"); err == nil || !strings.Contains(err.Error(), "MaxPages") || cur != "1000000000" {
		t.Errorf("max pages: cursor %s err %v", cur, err)
	}
}

// TestCrawlReal2020Page serves the recorded 2020 response, byte for byte,
// as page 0 of a local stand-in reached through BaseURL.
func TestCrawlReal2020Page(t *testing.T) {
	p := testshared.Path(t, "fixtures", "doj", "api_v1_press_releases_pagesize100_page0_c2020.json")
	e := newCrawlEnv(t, Config{}, nil, allowRobots, replay.Exchange{URL: pageURL(0, 50), BodyFile: p})
	cur, err := e.crawl("")
	if err != nil {
		t.Fatal(err)
	}
	// Every release on it was changed before 2023, the default Since: one page.
	if len(e.docs) != 1 {
		t.Fatalf("emitted %d pages", len(e.docs))
	}
	raw, _ := os.ReadFile(p)
	doc := e.docs[0]
	if doc.SHA256 != archive.Sum(raw) || doc.URL != e.src.PageURL(0) {
		t.Errorf("document %s sha %s", doc.URL, doc.SHA256)
	}
	stored, err := e.arc.Get(Name, doc.SHA256)
	if err != nil || len(stored.Body) != len(raw) {
		t.Fatalf("archived copy: %v", err)
	}
	all, _ := Parse(stored)
	var max int64
	for _, r := range all {
		if r.Changed.Unix() > max {
			max = r.Changed.Unix()
		}
	}
	if cur != cursorOf(max) {
		t.Errorf("cursor %s, want %d", cur, max)
	}
	kept, err := e.src.Parse(doc)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range kept {
		if r.Title == "Seven Defendants Convicted for Participation in International Child Exploitation Enterprise" {
			found = r.Kept != "" && r.RawSHA256 == doc.SHA256
		}
	}
	if !found {
		t.Errorf("child-exploitation release not kept from the crawled page (%d kept)", len(kept))
	}
}

func TestConfigValidation(t *testing.T) {
	for name, c := range map[string]Config{
		"page size": {PageSize: 51},
		"sort":      {Sort: "created"},
		"direction": {Direction: "ASC"},
		"base url":  {BaseURL: "justice.gov"},
	} {
		if _, err := New(c); err == nil {
			t.Errorf("%s: accepted %+v", name, c)
		}
	}
	s, err := New(Config{BaseURL: "http://127.0.0.1:9/"})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.PageURL(3); got != "http://127.0.0.1:9/api/v1/press_releases.json?direction=DESC&page=3&pagesize=50&sort=changed" {
		t.Errorf("page URL %s", got)
	}
	if c := s.Config(); !c.Since.Equal(DefaultSince) || c.PageSize != 50 || c.MaxPages != DefaultMaxPages {
		t.Errorf("defaults %+v", c)
	}
}
