package store

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"casetrack/pipeline/normalize"
	"casetrack/sources"
)

func testItem(key, body string, evs ...normalize.Event) Item {
	return Item{
		Record: sources.Record{Source: "file", Key: key, URL: "https://example.test/" + key, Publisher: "USAO",
			Published: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), Title: "t " + key, Body: body,
			Topics: []string{"Project Safe Childhood"}},
		Events: evs,
	}
}

func ev(typ, who string) normalize.Event {
	return normalize.Event{Type: typ, Defendant: who, PersonCount: 1, Categories: []string{"csam_possession"},
		Agencies: []string{"HSI"}, Evidence: who + " " + typ, SentenceKind: normalize.SentencePrison, SentenceMonths: 120}
}

func counts(t *testing.T, s *Store) (docs, events int) {
	t.Helper()
	if err := s.DB().QueryRow(`SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events)`).Scan(&docs, &events); err != nil {
		t.Fatal(err)
	}
	return
}

func TestLoadIsIdempotentAndReplacesChangedDocuments(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "t.duckdb"), ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	batch := []Item{
		testItem("a", "A body", ev("arrest", "John Doe"), ev("charged", "John Doe")),
		testItem("b", "B body", ev("sentenced", "Ann Roe")),
	}
	st, err := s.Load(ctx, 1, batch)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(st, LoadStats{New: 2, Events: 3}) {
		t.Fatalf("first load %+v", st)
	}
	var firstIDs []string
	rows, _ := s.DB().Query(`SELECT event_id FROM events ORDER BY event_id`)
	for rows.Next() {
		var id string
		rows.Scan(&id)
		firstIDs = append(firstIDs, id)
	}
	rows.Close()

	st, err = s.Load(ctx, 2, batch)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(st, LoadStats{Unchanged: 2}) {
		t.Fatalf("second load %+v", st)
	}
	if d, e := counts(t, s); d != 2 || e != 3 {
		t.Fatalf("after reload: %d docs %d events", d, e)
	}

	// Changing a document's events replaces them, without touching the other.
	changed := []Item{testItem("a", "A body", ev("arrest", "John Doe"))}
	st, err = s.Load(ctx, 3, changed)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(st, LoadStats{Updated: 1, Events: 1}) {
		t.Fatalf("changed load %+v", st)
	}
	if d, e := counts(t, s); d != 2 || e != 2 {
		t.Fatalf("after change: %d docs %d events", d, e)
	}
	var ids []string
	rows, _ = s.DB().Query(`SELECT event_id FROM events WHERE doc_id = 'file:a'`)
	for rows.Next() {
		var id string
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	found := false
	for _, id := range firstIDs {
		if len(ids) == 1 && id == ids[0] {
			found = true
		}
	}
	if !found {
		t.Errorf("event id of the unchanged arrest changed: %v not in %v", ids, firstIDs)
	}
	var sm string
	if err := s.DB().QueryRow(`SELECT sentence_months FROM event_facts WHERE event_type = 'sentenced'`).Scan(&sm); err != nil || sm != "120" {
		t.Errorf("event_facts sentence_months = %q, %v", sm, err)
	}
}

func TestLoadDuplicateInBatchKeepsLast(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, ":memory:", ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.Load(ctx, 1, []Item{testItem("a", "old", ev("arrest", "X Y")), testItem("a", "new")})
	if err != nil {
		t.Fatal(err)
	}
	if st.New != 1 || st.Events != 0 {
		t.Fatalf("%+v", st)
	}
	var body string
	s.DB().QueryRow(`SELECT body FROM documents`).Scan(&body)
	if body != "new" {
		t.Fatalf("body %q", body)
	}
}

func TestReadOnlyRefusesWritesAndMissingFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.duckdb")
	if _, err := Open(ctx, path, ReadOnly); err == nil {
		t.Fatal("read-only open of a missing file succeeded")
	}
	w, err := Open(ctx, path, ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Load(ctx, 1, []Item{testItem("a", "x")}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := Open(ctx, path, Sandbox)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, q := range []string{
		`DELETE FROM documents`,
		`CREATE TABLE x (a INT)`,
		`COPY documents TO '` + filepath.Join(t.TempDir(), "out.csv") + `'`,
		`ATTACH '` + filepath.Join(t.TempDir(), "other.duckdb") + `' AS o`,
		`SET enable_external_access = true`,
	} {
		if _, err := r.DB().Exec(q); err == nil {
			t.Errorf("sandbox allowed %q", q)
		}
	}
	var n int
	if err := r.DB().QueryRow(`SELECT count(*) FROM documents`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("read: %d %v", n, err)
	}
}

func TestRunsCursorsAndParseErrors(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, ":memory:", ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	id, err := s.BeginRun(ctx, "run", "--sources doj")
	if err != nil || id != 1 {
		t.Fatalf("run id %d %v", id, err)
	}
	if c, _ := s.Cursor(ctx, "doj"); c != "" {
		t.Fatalf("fresh cursor %q", c)
	}
	for _, c := range []string{"100", "200"} {
		if err := s.SetCursor(ctx, id, "doj", c); err != nil {
			t.Fatal(err)
		}
	}
	if c, _ := s.Cursor(ctx, "doj"); c != "200" {
		t.Fatalf("cursor %q", c)
	}
	for i := 0; i < 2; i++ {
		if err := s.RecordParseError(ctx, id, "doj", "https://x/1", "abc", context.DeadlineExceeded); err != nil {
			t.Fatal(err)
		}
	}
	var n int
	s.DB().QueryRow(`SELECT count(*) FROM parse_errors`).Scan(&n)
	if n != 1 {
		t.Fatalf("parse errors %d", n)
	}
	if err := s.FinishRun(ctx, id, RunOK, nil); err != nil {
		t.Fatal(err)
	}
	var status string
	s.DB().QueryRow(`SELECT status FROM runs WHERE run_id = 1`).Scan(&status)
	if status != RunOK {
		t.Fatalf("status %q", status)
	}
}

// Batches commit to the write-ahead log without a checkpoint each time the
// log passes DuckDB's default 16MB; Close checkpoints everything into the
// database file.
func TestBatchesStayInLogUntilClose(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.duckdb")
	s, err := Open(ctx, path, ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	items := benchItems(4000, 10)
	for i := 0; i < len(items); i += 1000 {
		if _, err := s.Load(ctx, 1, items[i:i+1000]); err != nil {
			t.Fatal(err)
		}
	}
	fi, err := os.Stat(path + ".wal")
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() < 16<<20 {
		t.Errorf("log is %d bytes after four batches: checkpointed at DuckDB's default threshold", fi.Size())
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path + ".wal"); err == nil && fi.Size() > 0 {
		t.Errorf("log still holds %d bytes after Close", fi.Size())
	}
	r, err := Open(ctx, path, ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if d, e := counts(t, r); d != 4000 || e != 40000 {
		t.Fatalf("after reopen: %d docs %d events", d, e)
	}
}

// Events are staged beside the database; a load leaves no staging file, and
// Open removes those a killed writer left behind.
func TestStagingFilesBesideDatabaseAreCleanedUp(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "t[1].duckdb")
	stale := path + ".staging-123.csv"
	other := filepath.Join(dir, "other.duckdb.staging-123.csv")
	for _, f := range []string{stale, other} {
		if err := os.WriteFile(f, []byte("left by a killed writer\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	s, err := Open(ctx, path, ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale staging file survived Open: %v", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("another database's staging file was removed: %v", err)
	}
	if _, err := s.Load(ctx, 1, benchItems(200, 3)); err != nil {
		t.Fatal(err)
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	if len(left) != 1 || left[0] != other {
		t.Errorf("files after Load: %v", left)
	}
}

func TestHTTPCacheRoundTrip(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, ":memory:", ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	want := map[string]CacheEntry{
		"https://www.ice.gov/news/releases/a": {ETag: `"abc"`, SHA256: "11"},
		"https://www.ice.gov/news/releases/b": {LastModified: "Mon, 02 Feb 2026 10:00:00 GMT", SHA256: "22"},
	}
	for i := 0; i < 2; i++ { // saving twice replaces, never duplicates
		if err := s.SaveHTTPCache(ctx, want); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.HTTPCache(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got["https://www.ice.gov/news/releases/a"] != want["https://www.ice.gov/news/releases/a"] ||
		got["https://www.ice.gov/news/releases/b"] != want["https://www.ice.gov/news/releases/b"] {
		t.Fatalf("got %+v", got)
	}
}
