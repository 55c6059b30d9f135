package crawl

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"

	"casetrack/pipeline/archive"
	"casetrack/pipeline/normalize"
	"casetrack/pipeline/store"
	"casetrack/sources"
)

// fakeSource emits the documents it is given, then fails if failAfter says so.
type fakeSource struct {
	docs      []string
	next      string
	failAfter error
}

func (f *fakeSource) Name() string { return "fake" }

func (f *fakeSource) Crawl(ctx context.Context, _ sources.Fetcher, cur sources.Cursor, emit func(sources.Document) error) (sources.Cursor, error) {
	for _, d := range f.docs {
		if err := emit(sources.Document{Source: "fake", URL: "https://fake.test/" + d, Body: []byte(d), SHA256: archive.Sum([]byte(d))}); err != nil {
			return cur, err
		}
	}
	if f.failAfter != nil {
		return cur, f.failAfter
	}
	return sources.Cursor(f.next), nil
}

// Parse treats a body starting with "bad" as an unrecognised layout.
func (f *fakeSource) Parse(doc sources.Document) ([]sources.Record, error) {
	body := string(doc.Body)
	if strings.HasPrefix(body, "bad") {
		return nil, sources.ErrLayout
	}
	return []sources.Record{{Source: "fake", Key: body, URL: doc.URL, Title: body, Body: body}}, nil
}

type oneEvent struct{}

func (oneEvent) EventsContext(_ context.Context, rec sources.Record) ([]normalize.Event, error) {
	return []normalize.Event{{Type: normalize.Arrest, Defendant: "A " + rec.Key, PersonCount: 1, Evidence: rec.Body}}, nil
}

func newRunner(t *testing.T) *Runner {
	t.Helper()
	s, err := store.Open(context.Background(), ":memory:", store.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return &Runner{Store: s, Extractor: oneEvent{}, RunID: 1, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), BatchSize: 2}
}

func TestCrawlMovesCursorOnlyOnSuccess(t *testing.T) {
	ctx := context.Background()
	r := newRunner(t)
	src := &fakeSource{docs: []string{"a", "b", "bad1", "c"}, next: "100"}
	res, err := r.Crawl(ctx, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Seen != 3 || res.Stats.New != 3 || res.Failed != 1 || res.CursorAfter != "100" {
		t.Fatalf("first crawl %+v", res)
	}
	var perr int
	r.Store.DB().QueryRow(`SELECT count(*) FROM parse_errors WHERE ref = 'https://fake.test/bad1'`).Scan(&perr)
	if perr != 1 {
		t.Fatalf("parse error not recorded")
	}

	// A failing crawl keeps what it loaded and leaves the cursor alone.
	src = &fakeSource{docs: []string{"a", "d"}, next: "200", failAfter: errors.New("server said 500")}
	res, err = r.Crawl(ctx, src, nil)
	if err == nil || res.CursorAfter != "100" || res.Stats.New != 1 || res.Stats.Unchanged != 1 {
		t.Fatalf("failed crawl %+v err %v", res, err)
	}
	if c, _ := r.Store.Cursor(ctx, "fake"); c != "100" {
		t.Fatalf("cursor moved to %q after a failure", c)
	}
	var docs, runs, failedRuns int
	r.Store.DB().QueryRow(`SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM source_runs),
		(SELECT count(*) FROM source_runs WHERE status = 'failed' AND error LIKE '%500%')`).Scan(&docs, &runs, &failedRuns)
	if docs != 4 || runs != 2 || failedRuns != 1 {
		t.Fatalf("docs %d runs %d failed runs %d", docs, runs, failedRuns)
	}
}

func TestReparseFromArchive(t *testing.T) {
	ctx := context.Background()
	r := newRunner(t)
	arc, err := archive.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range []string{"x", "y", "bad2"} {
		if _, err := arc.Put(sources.Document{Source: "fake", URL: "https://fake.test/" + b, Status: 200, Body: []byte(b)}); err != nil {
			t.Fatal(err)
		}
	}
	res, err := r.Reparse(ctx, &fakeSource{}, arc)
	if err != nil || res.Stats.New != 2 || res.Failed != 1 {
		t.Fatalf("reparse %+v %v", res, err)
	}
	res, err = r.Reparse(ctx, &fakeSource{}, arc)
	if err != nil || res.Stats.Unchanged != 2 || res.Stats.New != 0 {
		t.Fatalf("second reparse %+v %v", res, err)
	}
}
