package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casetrack/internal/filestate"
)

// sandboxWriteVectors are statements that write a file, the database or
// the sandbox's own settings, aimed at db (in dir) and at scratch.
func sandboxWriteVectors(db, scratch string) []string {
	dir, base := filepath.Dir(db), filepath.Base(db)
	csv := func(to string) string {
		return "COPY (SELECT 'pwned' AS x) TO '" + to + "' (FORMAT csv, USE_TMP_FILE false)"
	}
	return []string{
		csv(db), csv(base), csv("./" + base), csv(filepath.Join(dir, "sub", "..", base)),
		csv(db + ".wal"), csv(db + ".wal.recovery"), csv(db + ".wal.checkpoint"),
		csv(db + ".tmp/spill.csv"), csv(filepath.Join(scratch, "out.csv")), csv("relative-out.csv"),
		"COPY documents TO '" + db + "' (FORMAT parquet)",
		"EXPORT DATABASE '" + filepath.Join(scratch, "export") + "'",
		"ATTACH '" + filepath.Join(scratch, "new.duckdb") + "' AS n",
		"ATTACH '" + db + "' AS again",
		"CREATE SECRET s (TYPE s3, KEY_ID 'a', SECRET 'b')",
		"CREATE PERSISTENT SECRET p (TYPE s3, KEY_ID 'a', SECRET 'b')",
		"INSTALL httpfs", "LOAD httpfs", "LOAD '" + filepath.Join(scratch, "x.duckdb_extension") + "'",
		"SET enable_external_access = true", "SET disabled_filesystems = ''", "RESET disabled_filesystems",
		"SET lock_configuration = false", "RESET lock_configuration", "SET access_mode = 'read_write'",
		"SET temp_directory = '" + scratch + "'", "SET profiling_output = '" + filepath.Join(scratch, "prof.json") + "'",
		"PRAGMA enable_profiling = 'json'", "PRAGMA profiling_output = '" + filepath.Join(scratch, "prof.json") + "'",
		"CALL enable_logging(storage = 'file', storage_path = '" + filepath.Join(scratch, "log") + "')",
		"SELECT * FROM enable_logging(storage = 'file', storage_path = '" + filepath.Join(scratch, "log2") + "')",
		"CHECKPOINT", "FORCE CHECKPOINT", "VACUUM",
		"DELETE FROM documents", "DROP TABLE events", "CREATE TABLE t AS SELECT 1",
		"EXPLAIN ANALYZE " + csv(filepath.Join(scratch, "explained.csv")), "EXPLAIN " + csv(filepath.Join(scratch, "explained2.csv")),
		"-- a comment first\n" + csv(filepath.Join(scratch, "commented.csv")),
		"/* a comment first */ EXPORT DATABASE '" + filepath.Join(scratch, "export2") + "'",
	}
}

// The first layer alone: with the raw handle (no statement check), DuckDB
// itself refuses every write vector, the database's own file and WAL
// included, and every file in reach stays as it was.
func TestSandboxFileSystemIsOff(t *testing.T) {
	ctx := context.Background()
	dir, scratch := t.TempDir(), t.TempDir()
	t.Chdir(dir)
	t.Setenv("HOME", scratch) // persistent secrets and extensions live under ~/.duckdb
	db := filepath.Join(dir, "c.duckdb")
	w, err := Open(ctx, db, ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Load(ctx, 1, []Item{testItem("a", "x", ev("arrest", "A B"))}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	before := filestate.Take(t, dir, scratch)
	sb, err := Open(ctx, db, Sandbox)
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	for _, q := range sandboxWriteVectors(db, scratch) {
		_, err := sb.DB().ExecContext(ctx, q)
		switch {
		case q == "LOAD httpfs" || strings.HasSuffix(q, "CHECKPOINT") || q == "VACUUM":
			// no-ops on a read-only database (httpfs is built in): the
			// file state below shows they wrote nothing
		case err == nil:
			t.Errorf("DuckDB ran %q", q)
		}
	}
	// reading still works, over the whole file
	var docs, events int
	if err := sb.DB().QueryRowContext(ctx, `SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM event_facts)`).Scan(&docs, &events); err != nil || docs != 1 || events != 1 {
		t.Errorf("read after the attempts: %d documents, %d events, %v", docs, events, err)
	}
	if changes := before.Changes(filestate.Take(t, dir, scratch)); len(changes) > 0 {
		t.Errorf("after the write attempts: %v", changes)
	}
}

// The second layer alone, on a handle that could write anything:
// SandboxQuery runs queries and refuses every other statement, and more
// than one statement at a time, before DuckDB runs it.
func TestSandboxQueryRunsOnlyQueries(t *testing.T) {
	ctx := context.Background()
	dir, scratch := t.TempDir(), t.TempDir()
	t.Setenv("HOME", scratch)
	db := filepath.Join(dir, "c.duckdb")
	w, err := Open(ctx, db, ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := w.SandboxQuery(ctx, "SELECT 1"); err == nil {
		t.Error("SandboxQuery ran on a store not opened as a sandbox")
	}
	// the writer's handle, checked by layer 2 only (extensions are not
	// fetched: preparing CREATE SECRET would download httpfs)
	if _, err := w.db.ExecContext(ctx, "SET autoinstall_known_extensions = false"); err != nil {
		t.Fatal(err)
	}
	open := &Store{db: w.db, path: db, mode: Sandbox}
	for _, q := range append(sandboxWriteVectors(db, scratch), "SELECT 1; "+"COPY documents TO '"+db+"'",
		"BEGIN TRANSACTION", "CALL pragma_table_info('documents')") {
		if strings.HasPrefix(q, "SELECT * FROM enable_logging") {
			continue // a SELECT: the first layer refuses it
		}
		rows, err := open.SandboxQuery(ctx, q)
		if err == nil {
			rows.Close()
			t.Errorf("SandboxQuery ran %q", q)
		} else if !errors.Is(err, ErrNotAQuery) && !strings.Contains(q, " SECRET ") {
			// (a secret's type is looked up while preparing)
			t.Errorf("%q: %v", q, err)
		}
	}
	for _, q := range []string{"SELECT count(*) FROM documents", "FROM events", "EXPLAIN SELECT 1", "EXPLAIN ANALYZE SELECT 1", "SHOW TABLES", "(SELECT 1)",
		"/* leading comment */ SELECT 1", "-- leading comment\nSELECT 1",
		"DESCRIBE events", "SUMMARIZE runs", "PRAGMA table_info('events')", "SELECT * FROM pragma_table_info('documents')",
		"WITH x AS (SELECT 1 AS a) SELECT a FROM x"} {
		rows, err := open.SandboxQuery(ctx, q)
		if err != nil {
			t.Errorf("%q refused: %v", q, err)
			continue
		}
		rows.Close()
	}
	if entries, _ := os.ReadDir(scratch); len(entries) > 0 {
		t.Errorf("preparing wrote into %s: %v", scratch, entries)
	}
	if _, err := os.Stat(filepath.Join(dir, "relative-out.csv")); err == nil {
		t.Error("a COPY ran")
	}
}
