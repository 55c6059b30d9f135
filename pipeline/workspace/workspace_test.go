package workspace

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casetrack/pipeline/store"
	"casetrack/sources"
)

func load(t *testing.T, path, key string) {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, path, store.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(ctx, 1, []store.Item{{Record: sources.Record{Source: "t", Key: key, URL: "u", Body: key}}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

func count(t *testing.T, path string) int {
	t.Helper()
	s, err := store.Open(context.Background(), path, store.ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int
	if err := s.DB().QueryRow(`SELECT count(*) FROM documents`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSecondWriterRefusedAndNamed(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.duckdb")
	w, err := Open(db, "run", nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(db, "import", nil)
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "casetrack run") ||
		!strings.Contains(err.Error(), "pid") {
		t.Fatalf("second writer: %v", err)
	}
	w.Release()
	w2, err := Open(db, "import", nil)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	w2.Release()
}

func TestPublishAndReaderNeverBlocked(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.duckdb")
	w, err := Open(db, "run", nil)
	if err != nil {
		t.Fatal(err)
	}
	load(t, w.WorkingPath(), "a")
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Fatal("published before Publish")
	}
	if err := w.Publish(); err != nil {
		t.Fatal(err)
	}
	w.Release()
	if n := count(t, db); n != 1 {
		t.Fatalf("published %d docs", n)
	}

	// A reader holds the published file open while the next run writes and publishes.
	reader, err := store.Open(context.Background(), db, store.ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	w, err = Open(db, "run", nil)
	if err != nil {
		t.Fatal(err)
	}
	load(t, w.WorkingPath(), "b")
	if err := w.Publish(); err != nil {
		t.Fatal(err)
	}
	w.Release()
	var n int
	reader.DB().QueryRow(`SELECT count(*) FROM documents`).Scan(&n)
	if n != 1 {
		t.Fatalf("open reader sees %d docs, want its snapshot of 1", n)
	}
	// DuckDB shares one instance per path within a process, so the new
	// reader must come after the old one closes (researchers are separate
	// processes).
	reader.Close()
	if n := count(t, db); n != 2 {
		t.Fatalf("new reader sees %d docs, want 2", n)
	}
}

func TestInterruptedWorkIsKeptForTheNextRun(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.duckdb")
	w, _ := Open(db, "run", nil)
	load(t, w.WorkingPath(), "a")
	w.Publish()
	w.Release()

	// A run loads more, then dies before publishing.
	w, _ = Open(db, "run", nil)
	load(t, w.WorkingPath(), "b")
	w.Release()
	if n := count(t, db); n != 1 {
		t.Fatalf("published changed without Publish: %d", n)
	}
	// The next run starts from the interrupted run's working copy.
	w, _ = Open(db, "run", nil)
	defer w.Release()
	if n := count(t, w.WorkingPath()); n != 2 {
		t.Fatalf("working copy lost the interrupted work: %d", n)
	}
}
