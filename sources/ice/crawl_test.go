package ice

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"casetrack/internal/replay"
	"casetrack/pipeline/archive"
	"casetrack/pipeline/fetch"
	"casetrack/sources"
)

const (
	tucson  = "/news/releases/arizona-man-sentenced-85-years-attempt-engage-child-sex-following-ice-tucson"
	houston = "/news/releases/3-illegal-aliens-arrested-southeast-texas-following-execution-search-warrant"
	jax     = "/news/releases/2-hondurans-indicted-transporting-minors-across-state-lines-sexual-activity"
)

func td(name string) string { return filepath.Join("testdata", name) }

type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
	return ctx.Err()
}

type env struct {
	src  *Source
	f    *fetch.Fetcher
	arc  *archive.Archive
	srv  *replay.Server
	docs []sources.Document
}

func newEnv(t *testing.T, since time.Time, exs ...replay.Exchange) *env {
	t.Helper()
	srv := replay.New(t, append([]replay.Exchange{{URL: "/robots.txt", Body: []byte("User-agent: *\nDisallow: /admin\n"), Times: -1}}, exs...)...)
	src, err := New(Config{BaseURL: srv.URL, Since: since})
	if err != nil {
		t.Fatal(err)
	}
	arc, _ := archive.New(t.TempDir())
	f, err := fetch.New(fetch.Config{
		Contact: "ops@example.org", Clock: &fakeClock{now: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)},
		MaxAttempts: 2, ReadTimeout: 5 * time.Second, Jitter: func() float64 { return 0.5 },
	}, arc, nil)
	if err != nil {
		t.Fatal(err)
	}
	return &env{src: src, f: f, arc: arc, srv: srv}
}

func (e *env) crawl(cur sources.Cursor) (sources.Cursor, error) {
	e.docs = nil
	return e.src.Crawl(context.Background(), e.f.For(Name), cur, func(d sources.Document) error {
		e.docs = append(e.docs, d)
		return nil
	})
}

func (e *env) keys(t *testing.T) string {
	var ks []string
	for _, d := range e.docs {
		recs, err := Parse(d)
		if err != nil || len(recs) != 1 {
			t.Fatalf("emitted document %s: %d records, %v", d.URL, len(recs), err)
		}
		ks = append(ks, recs[0].Key)
	}
	return strings.Join(ks, " ")
}

func releases(times int) []replay.Exchange {
	return []replay.Exchange{
		{URL: tucson, BodyFile: td("release_tucson_constructed.html"), Times: times},
		{URL: houston, BodyFile: td("release_houston_metafallback_constructed.html"), Times: times},
		{URL: jax, BodyFile: td("release_jacksonville_nonrclasses_constructed.html"), Times: times},
	}
}

func TestCrawlFirstRunThenIncremental(t *testing.T) {
	since := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	e := newEnv(t, since, append(releases(1),
		replay.Exchange{URL: "/newsroom?page=0", BodyFile: td("listing_page0_constructed.html"), Times: 2},
		replay.Exchange{URL: "/newsroom?page=1", BodyFile: td("listing_page1_constructed.html"), Times: 2},
		replay.Exchange{URL: tucson, BodyFile: td("release_tucson_constructed.html")}, // the incremental run's same-day refetch
	)...)
	cur, err := e.crawl("")
	if err != nil {
		t.Fatal(err)
	}
	if cur != "2025-09-19" {
		t.Errorf("cursor %q", cur)
	}
	if got := e.keys(t); got != tucson+" "+houston+" "+jax {
		t.Errorf("emitted %s", got)
	}
	// Listing pages are archived but not emitted; the 2015 releases on page 1
	// are older than Since and never fetched (an unrecorded request would fail).
	metas, _ := e.arc.List(Name)
	if len(metas) != 5 {
		t.Errorf("archive holds %d bodies, want 3 releases + 2 listings", len(metas))
	}

	cur2, err := e.crawl(cur)
	if err != nil {
		t.Fatal(err)
	}
	// Day precision: the release ON the cursor date is fetched again; the
	// older ones, dated on the listing, are not.
	if cur2 != cur || e.keys(t) != tucson {
		t.Errorf("incremental: cursor %q emitted %q", cur2, e.keys(t))
	}
	if len(e.srv.Unused()) != 0 {
		t.Errorf("unused exchanges %v", e.srv.Unused())
	}
}

func TestCrawlReleaseLayoutChanged(t *testing.T) {
	e := newEnv(t, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		replay.Exchange{URL: "/newsroom?page=0", BodyFile: td("listing_page0_constructed.html")},
		replay.Exchange{URL: tucson, BodyFile: td("release_tucson_constructed.html")},
		replay.Exchange{URL: houston, BodyFile: td("release_layout_changed_constructed.html")},
	)
	cur, err := e.crawl("2025-01-15")
	if !errors.Is(err, sources.ErrLayout) || !strings.Contains(err.Error(), houston) {
		t.Fatalf("err %v, want ErrLayout naming the release", err)
	}
	if cur != "2025-01-15" {
		t.Errorf("cursor moved to %q on layout drift", cur)
	}
	if len(e.docs) != 1 {
		t.Errorf("emitted %d documents, want only the release before the broken one", len(e.docs))
	}
}

func TestCrawlListingLayoutChanged(t *testing.T) {
	e := newEnv(t, time.Time{},
		replay.Exchange{URL: "/newsroom?page=0", BodyFile: td("release_layout_changed_constructed.html")},
	)
	if cur, err := e.crawl(""); !errors.Is(err, sources.ErrLayout) || cur != "" || len(e.docs) != 0 {
		t.Errorf("listing without release links: cursor %q err %v", cur, err)
	}
}

func TestCrawlRepeatedLastPage(t *testing.T) {
	// A site that answers every page number past the end with its last page.
	e := newEnv(t, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), append(releases(1),
		replay.Exchange{URL: "/newsroom?page=0", BodyFile: td("listing_page0_constructed.html")},
		replay.Exchange{URL: "/newsroom?page=1", BodyFile: td("listing_page0_constructed.html")},
	)...)
	cur, err := e.crawl("")
	if err != nil || cur != "2025-09-19" || len(e.docs) != 3 {
		t.Errorf("cursor %q, %d docs, err %v", cur, len(e.docs), err)
	}
}

func TestCrawlServerErrorKeepsCursor(t *testing.T) {
	e := newEnv(t, time.Time{},
		replay.Exchange{URL: "/newsroom?page=0", BodyFile: td("listing_page0_constructed.html")},
		replay.Exchange{URL: tucson, Status: 503, Times: 2},
	)
	cur, err := e.crawl("2025-01-15")
	var se *fetch.StatusError
	if !errors.As(err, &se) || se.Status != 503 || cur != "2025-01-15" {
		t.Errorf("cursor %q err %v", cur, err)
	}
	if _, err := e.crawl("last tuesday"); err == nil {
		t.Error("bad cursor accepted")
	}
}
